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
use dbkit_sdk::model::{
    Change, Column, ColumnChange, ForeignKey, Index, Schema, Table, TableChange, naming,
};
use dbkit_sdk::{Dialect, DialectError};

use crate::MysqlDialect;

pub(crate) fn missing(table: &str) -> DialectError {
    DialectError::Invalid {
        location: table.to_string(),
        message: "the migration refers to a table that neither schema has".to_string(),
    }
}

/// The table `name` in the middle of the migration: old definitions, new table and column names.
pub(crate) fn current_table(from: &Schema, to: &Schema, name: &str) -> Result<Table, DialectError> {
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

/// The new name of column `old` of table `name` (its old name when it is not renamed).
fn renamed_column(to: &Schema, name: &str, old: &str) -> String {
    to.table(name)
        .and_then(|new| {
            new.columns.iter().find(|candidate| {
                candidate.renamed_from.as_deref() == Some(old) && new.column(old).is_none()
            })
        })
        .map_or_else(|| old.to_string(), |column| column.name.clone())
}

/// Whether the columns of table `name`'s primary key change in the migration, so that the key
/// is dropped and added again (a key that only changes its name is renamed, which MySQL skips).
fn key_columns_change(from: &Schema, to: &Schema, name: &str) -> bool {
    let old = table_before(from, to, name)
        .and_then(|table| table.primary_key.as_ref())
        .map(|key| {
            key.columns
                .iter()
                .map(|column| renamed_column(to, name, column))
                .collect::<Vec<_>>()
        });
    let new = to
        .table(name)
        .and_then(|table| table.primary_key.as_ref())
        .map(|key| key.columns.clone());
    old != new
}

/// Whether `column` of table `name` is an auto-increment column of a primary key that the
/// migration adds. MySQL wants an auto-increment column to be a key at every step, so such a
/// column gets `AUTO_INCREMENT` in the statement that adds the key, not before.
pub(crate) fn waits_for_key(from: &Schema, to: &Schema, name: &str, column: &Column) -> bool {
    column.auto_increment
        && key_columns_change(from, to, name)
        && to
            .table(name)
            .and_then(|table| table.primary_key.as_ref())
            .is_some_and(|key| key.columns.contains(&column.name))
}

/// `column` without `AUTO_INCREMENT`.
pub(crate) fn without_auto_increment(column: &Column) -> Column {
    let mut plain = column.clone();
    plain.auto_increment = false;
    plain
}

/// Whether an index, unique constraint or primary key of `table` starts with `columns`, so that
/// InnoDB uses it for a foreign key over them instead of creating an index of its own.
fn has_index_for(table: &Table, columns: &[String]) -> bool {
    let starts_with =
        |key: &[String]| key.len() >= columns.len() && key[..columns.len()] == *columns;
    table
        .primary_key
        .as_ref()
        .is_some_and(|key| starts_with(&key.columns))
        || table
            .unique_constraints
            .iter()
            .any(|key| starts_with(&key.columns))
        || table
            .indexes
            .iter()
            .any(|index| starts_with(&index.columns))
}

/// The statements that drop foreign key `key` of table `name`: the key, and the index InnoDB
/// created for it when the table has none of its own over the key's columns. (That index is
/// named after the key and is not part of the model, so it would otherwise stay behind, and
/// block adding the key again under its name.)
fn drop_foreign_key(
    dialect: &MysqlDialect,
    from: &Schema,
    to: &Schema,
    name: &str,
    key: &ForeignKey,
) -> Result<Vec<String>, DialectError> {
    let old = table_before(from, to, name).ok_or_else(|| missing(name))?;
    let mut table = old.clone();
    table.name = name.to_string();
    let mut statements = vec![dialect.drop_foreign_key(&table, key)?];
    let shares_the_index = old.foreign_keys.iter().any(|other| {
        other.name != key.name
            && other.columns.len() <= key.columns.len()
            && key.columns[..other.columns.len()] == *other.columns
    });
    if !has_index_for(old, &key.columns) && !shares_the_index {
        statements.push(format!(
            "ALTER TABLE {} DROP INDEX {}",
            dialect.quote_identifier(name),
            dialect.quote_identifier(&key.name)
        ));
    }
    Ok(statements)
}

/// `CREATE [FULLTEXT | UNIQUE] INDEX name ON table (column(length) DESC, ...)`: MySQL's own
/// index kinds and prefix lengths (a TEXT or BLOB column can be indexed with one).
fn create_index(
    dialect: &MysqlDialect,
    table: &Table,
    index: &Index,
) -> Result<String, DialectError> {
    let options = &index.options;
    if !options.fulltext {
        let whole: Vec<String> = index
            .columns
            .iter()
            .filter(|column| !options.prefix_lengths.contains_key(*column))
            .cloned()
            .collect();
        dialect.check_indexable(table, &whole, "an index")?;
    }
    let parts: Vec<String> = index
        .columns
        .iter()
        .map(|column| {
            let mut part = dialect.quote_identifier(column);
            if let Some(length) = options.prefix_lengths.get(column) {
                part.push_str(&format!("({length})"));
            }
            if options.descending.contains(column) {
                part.push_str(" DESC");
            }
            part
        })
        .collect();
    let kind = if options.fulltext {
        "FULLTEXT "
    } else if index.unique {
        "UNIQUE "
    } else {
        ""
    };
    Ok(format!(
        "CREATE {kind}INDEX {} ON {} ({})",
        dialect.quote_identifier(&index.name),
        dialect.quote_identifier(&table.name),
        parts.join(", ")
    ))
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
        Change::ReorderColumns { table, .. } => {
            crate::column_order::reorder_statements(dialect, from, to, table)?
        }
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
            let added = if waits_for_key(from, to, table, column) {
                without_auto_increment(column)
            } else {
                column.clone()
            };
            let mut statements = vec![format!(
                "ALTER TABLE {} ADD COLUMN {}{position}",
                quote(table),
                dialect.column_definition(target, &added)?
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
                let new = &if waits_for_key(from, to, table, new) {
                    without_auto_increment(new)
                } else {
                    new.clone()
                };
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
        Change::AddPrimaryKey { table, key } => {
            // Auto-increment key columns get AUTO_INCREMENT back with the key (see
            // `waits_for_key` and the dropping of the key below).
            let target = new_table(table)?;
            let mut clauses = Vec::new();
            for column in &target.columns {
                if column.auto_increment && key.columns.contains(&column.name) {
                    clauses.push(format!(
                        "MODIFY COLUMN {}",
                        dialect.column_definition(target, column)?
                    ));
                }
            }
            clauses.push(format!(
                "ADD PRIMARY KEY ({})",
                dialect.column_list(&key.columns)
            ));
            vec![format!(
                "ALTER TABLE {} {}",
                quote(table),
                clauses.join(", ")
            )]
        }
        Change::DropPrimaryKey { table, key } => {
            // An auto-increment column must stay a key: it loses AUTO_INCREMENT with the key.
            let current = current_table(from, to, table)?;
            let key_columns: Vec<String> = key
                .columns
                .iter()
                .map(|column| renamed_column(to, table, column))
                .collect();
            let mut clauses = Vec::new();
            for column in &current.columns {
                if column.auto_increment && key_columns.contains(&column.name) {
                    clauses.push(format!(
                        "MODIFY COLUMN {}",
                        dialect.column_definition(&current, &without_auto_increment(column))?
                    ));
                }
            }
            clauses.push("DROP PRIMARY KEY".to_string());
            vec![format!(
                "ALTER TABLE {} {}",
                quote(table),
                clauses.join(", ")
            )]
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
        Change::AddIndex { table, index } => vec![create_index(dialect, new_table(table)?, index)?],
        Change::DropIndex { table, index } => vec![format!(
            "DROP INDEX {} ON {}",
            quote(&index.name),
            quote(table)
        )],
        Change::AddForeignKey { table, key } => {
            dialect.check_indexable(new_table(table)?, &key.columns, "foreign key")?;
            dialect.default_change_statements(change, from, to)?
        }
        Change::DropForeignKey { table, key } => drop_foreign_key(dialect, from, to, table, key)?,
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
