//! How MySQL and MariaDB spell the changes of a migration.
//!
//! Everything here runs on MariaDB 10.4+ and MySQL 8.0.19+: a column is renamed with
//! `CHANGE COLUMN old new <definition>` (MariaDB 10.4 has no `RENAME COLUMN`), changed with
//! `MODIFY COLUMN <definition>`, and CHECK constraints are dropped with `DROP CONSTRAINT`.
//! Primary keys have no name of their own (every one is `PRIMARY`), unique constraints and
//! indexes are renamed by dropping and adding them in one `ALTER TABLE`.

use dbkit_sdk::migration::{
    self, add_check_sql, drop_constraint_sql, find_check, kind, table_before,
};
use dbkit_sdk::model::{Change, ColumnChange, Schema, Table, TableChange, naming};
use dbkit_sdk::{Dialect, DialectError};

use crate::MysqlDialect;

fn missing(table: &str) -> DialectError {
    DialectError::Invalid {
        location: table.to_string(),
        message: "the migration refers to a table that neither schema has".to_string(),
    }
}

/// The table `name` in the middle of the migration: old definitions, new table and column names.
fn current_table(from: &Schema, to: &Schema, name: &str) -> Result<Table, DialectError> {
    let old = table_before(from, to, name).ok_or_else(|| missing(name))?;
    let mut table = old.clone();
    table.name = name.to_string();
    if let Some(new) = to.table(name) {
        for column in &mut table.columns {
            if let Some(renamed) = new.columns.iter().find(|candidate| {
                candidate.renamed_from.as_deref() == Some(column.name.as_str())
                    && new.column(&column.name).is_none()
            }) {
                column.name = renamed.name.clone();
            }
        }
    }
    Ok(table)
}

pub(crate) fn change_statements(
    dialect: &MysqlDialect,
    change: &Change,
    from: &Schema,
    to: &Schema,
) -> Result<Vec<String>, DialectError> {
    let quote = |name: &str| dialect.quote_identifier(name);
    let new_table = |name: &str| to.table(name).ok_or_else(|| missing(name));
    Ok(match change {
        Change::AlterTable { table, changes } => {
            let mut clauses = Vec::new();
            for property in changes {
                match property {
                    TableChange::Comment { to: comment, .. } => clauses.push(format!(
                        "COMMENT = {}",
                        dialect.quote_string(comment.as_deref().unwrap_or(""))
                    )),
                    TableChange::Options { to: options, .. } => {
                        if let Some(engine) = &options.engine {
                            clauses.push(format!("ENGINE = {engine}"));
                        }
                        if let Some(charset) = &options.charset {
                            clauses.push(format!("DEFAULT CHARSET = {charset}"));
                        }
                        if let Some(collation) = &options.collation {
                            clauses.push(format!("COLLATE = {collation}"));
                        }
                    }
                }
            }
            if clauses.is_empty() {
                Vec::new()
            } else {
                vec![format!(
                    "ALTER TABLE {} {}",
                    quote(table),
                    clauses.join(", ")
                )]
            }
        }
        Change::AddColumn {
            table,
            column,
            after,
        } => {
            let target = new_table(table)?;
            let position = match after {
                Some(previous) => format!(" AFTER {}", quote(previous)),
                None => " FIRST".to_string(),
            };
            let mut statements = vec![format!(
                "ALTER TABLE {} ADD COLUMN {}{position}",
                quote(table),
                dialect.column_definition(target, column)?
            )];
            if let Some(check) = dialect.type_check(target, column)? {
                statements.push(add_check_sql(
                    dialect,
                    table,
                    &naming::type_check_name(table, &column.name),
                    &check,
                ));
            }
            statements
        }
        Change::RenameColumn {
            table,
            from: old,
            to: new,
        } => {
            let current = current_table(from, to, table)?;
            let column = current.column(new).ok_or_else(|| missing(table))?;
            let check = dialect.type_check(&current, column)?;
            let mut statements = Vec::new();
            if check.is_some() {
                statements.push(drop_constraint_sql(
                    dialect,
                    table,
                    &naming::type_check_name(table, old),
                ));
            }
            statements.push(format!(
                "ALTER TABLE {} CHANGE COLUMN {} {}",
                quote(table),
                quote(old),
                dialect.column_definition(&current, column)?
            ));
            if let Some(check) = check {
                statements.push(add_check_sql(
                    dialect,
                    table,
                    &naming::type_check_name(table, new),
                    &check,
                ));
            }
            statements
        }
        Change::AlterColumn {
            table,
            column,
            from: old,
            to: new,
            changes,
        } => {
            let current = current_table(from, to, table)?;
            let target = new_table(table)?;
            let mut renamed_old = old.clone();
            renamed_old.name = column.clone();
            let old_check = dialect.type_check(&current, &renamed_old)?;
            let new_check = dialect.type_check(target, new)?;
            let check_name = naming::type_check_name(table, column);
            let mut statements = Vec::new();
            if old_check.is_some() && old_check != new_check {
                statements.push(drop_constraint_sql(dialect, table, &check_name));
            }
            let only_check = changes.is_empty();
            if !only_check {
                let mut definition = dialect.column_definition(target, new)?;
                if let Some(collation) = &new.collation
                    && changes
                        .iter()
                        .any(|change| matches!(change, ColumnChange::Collation { .. }))
                {
                    let native = dialect.column_type(target, new)?;
                    let typed = format!("{} {native}", quote(&new.name));
                    definition =
                        definition.replacen(&typed, &format!("{typed} COLLATE {collation}"), 1);
                }
                statements.push(format!(
                    "ALTER TABLE {} MODIFY COLUMN {definition}",
                    quote(table)
                ));
            }
            if let Some(check) = new_check
                && old_check.as_ref() != Some(&check)
            {
                statements.push(add_check_sql(dialect, table, &check_name, &check));
            }
            statements
        }
        Change::AddPrimaryKey { table, key } => vec![format!(
            "ALTER TABLE {} ADD PRIMARY KEY ({})",
            quote(table),
            dialect.column_list(&key.columns)
        )],
        Change::DropPrimaryKey { table, .. } => {
            vec![format!("ALTER TABLE {} DROP PRIMARY KEY", quote(table))]
        }
        Change::AddUnique { table, constraint } => {
            dialect.check_indexable(new_table(table)?, &constraint.columns, "unique constraint")?;
            dialect.default_change_statements(change, from, to)?
        }
        Change::DropUnique { table, constraint } => vec![format!(
            "ALTER TABLE {} DROP INDEX {}",
            quote(table),
            quote(&constraint.name)
        )],
        Change::AddIndex { table, index } => {
            dialect.check_indexable(new_table(table)?, &index.columns, "index")?;
            dialect.default_change_statements(change, from, to)?
        }
        Change::DropIndex { table, index } => vec![format!(
            "DROP INDEX {} ON {}",
            quote(&index.name),
            quote(table)
        )],
        Change::AddForeignKey { table, key } => {
            dialect.check_indexable(new_table(table)?, &key.columns, "foreign key")?;
            dialect.default_change_statements(change, from, to)?
        }
        _ => dialect.default_change_statements(change, from, to)?,
    })
}

pub(crate) fn rename_constraint(
    dialect: &MysqlDialect,
    table: &Table,
    object: &str,
    old: &str,
    new: &str,
) -> Result<Vec<String>, DialectError> {
    let quote = |name: &str| dialect.quote_identifier(name);
    let not_found = || DialectError::Invalid {
        location: format!("{}.{new}", table.name),
        message: "the renamed constraint is not in the table".to_string(),
    };
    Ok(match object {
        kind::PRIMARY_KEY => Vec::new(),
        kind::UNIQUE => {
            let key = table
                .unique_constraints
                .iter()
                .find(|key| key.name == new)
                .ok_or_else(not_found)?;
            vec![format!(
                "ALTER TABLE {} DROP INDEX {}, ADD CONSTRAINT {} UNIQUE ({})",
                quote(&table.name),
                quote(old),
                quote(new),
                dialect.column_list(&key.columns)
            )]
        }
        kind::INDEX => {
            let index = table
                .indexes
                .iter()
                .find(|index| index.name == new)
                .ok_or_else(not_found)?;
            vec![format!(
                "ALTER TABLE {} DROP INDEX {}, ADD {}INDEX {} ({})",
                quote(&table.name),
                quote(old),
                if index.unique { "UNIQUE " } else { "" },
                quote(new),
                dialect.column_list(&index.columns)
            )]
        }
        kind::CHECK => {
            let check = find_check(dialect, table, new)?.ok_or_else(not_found)?;
            vec![
                drop_constraint_sql(dialect, &table.name, old),
                add_check_sql(dialect, &table.name, new, &check.expression),
            ]
        }
        kind::FOREIGN_KEY => {
            let key = table
                .foreign_keys
                .iter()
                .find(|key| key.name == new)
                .ok_or_else(not_found)?;
            let mut previous = key.clone();
            previous.name = old.to_string();
            vec![
                dialect.drop_foreign_key(table, &previous)?,
                dialect.add_foreign_key(table, key)?,
            ]
        }
        _ => migration::standard_rename_constraint(dialect, table, object, old, new)?,
    })
}
