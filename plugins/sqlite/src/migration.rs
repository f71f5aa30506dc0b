//! How SQLite makes the changes of a migration: in place where `ALTER TABLE` can (renaming a
//! table or column, adding a plain column) and `CREATE`/`DROP INDEX`, otherwise by rebuilding
//! the table with every row kept (see [`dbkit_sdk::migration::rebuild_migration`]).

use dbkit_sdk::migration::{kind, rebuild_migration, table_before};
use dbkit_sdk::model::{Change, DefaultValue, Schema, Table};
use dbkit_sdk::{Dialect, DialectError};

use crate::SqliteDialect;

pub(crate) fn migration_statements(
    dialect: &SqliteDialect,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<String>, DialectError> {
    let needs_rebuild = |change: &Change| needs_rebuild(dialect, change, from, to);
    let mut statements = vec!["PRAGMA foreign_keys = OFF".to_string()];
    statements.extend(rebuild_migration(
        dialect,
        changes,
        from,
        to,
        &needs_rebuild,
    )?);
    statements.push("PRAGMA foreign_key_check".to_string());
    statements.push("PRAGMA foreign_keys = ON".to_string());
    Ok(statements)
}

/// Whether SQLite has to rebuild the table to make `change`.
fn needs_rebuild(dialect: &SqliteDialect, change: &Change, from: &Schema, to: &Schema) -> bool {
    let has_type_checks = |table: &Table| {
        table.columns.iter().any(|column| {
            dialect
                .type_check(table, column)
                .map_or(true, |check| check.is_some())
        })
    };
    match change {
        Change::CreateTable { .. }
        | Change::DropTable { .. }
        | Change::AlterTable { .. }
        | Change::AddIndex { .. }
        | Change::DropIndex { .. } => false,
        // SQLite cannot move a column; the rebuilt table has the new order.
        Change::ReorderColumns { .. } => true,
        // The type checks are named after the table and column (`ck_<table>_<column>`).
        Change::RenameTable { from: old, .. } => from.table(old).is_some_and(has_type_checks),
        Change::RenameColumn {
            table, from: old, ..
        } => table_before(from, to, table)
            .and_then(|before| before.column(old).map(|column| (before, column)))
            .is_some_and(|(before, column)| {
                dialect
                    .type_check(before, column)
                    .map_or(true, |check| check.is_some())
            }),
        // ADD COLUMN takes neither keys nor expression defaults, and a NOT NULL column needs a
        // default; the type check is a named table constraint.
        Change::AddColumn { table, column, .. } => {
            let Some(target) = to.table(table) else {
                return true;
            };
            column.auto_increment
                || (!column.nullable && column.default.is_none())
                || matches!(
                    column.default,
                    Some(
                        DefaultValue::CurrentTimestamp
                            | DefaultValue::CurrentDate
                            | DefaultValue::CurrentTime
                    )
                )
                || dialect
                    .type_check(target, column)
                    .map_or(true, |check| check.is_some())
                || target
                    .primary_key
                    .as_ref()
                    .is_some_and(|key| key.columns.contains(&column.name))
                || !added_at_the_end(from, to, target, &column.name)
        }
        _ => true,
    }
}

/// Whether the new column `name` of `target` comes after every column the table had (ADD
/// COLUMN appends; a column placed between old ones needs a rebuild).
fn added_at_the_end(from: &Schema, to: &Schema, target: &Table, name: &str) -> bool {
    let Some(old) = table_before(from, to, &target.name) else {
        return false;
    };
    let Some(position) = target.columns.iter().position(|column| column.name == name) else {
        return false;
    };
    target.columns[position + 1..].iter().all(|later| {
        old.column(&later.name).is_none()
            && later
                .renamed_from
                .as_deref()
                .is_none_or(|previous| old.column(previous).is_none())
    })
}

pub(crate) fn rename_constraint(
    dialect: &SqliteDialect,
    table: &Table,
    object: &str,
    old: &str,
    new: &str,
) -> Result<Vec<String>, DialectError> {
    if object != kind::INDEX {
        return Ok(Vec::new());
    }
    let Some(index) = table.indexes.iter().find(|index| index.name == new) else {
        return Ok(Vec::new());
    };
    Ok(vec![
        format!("DROP INDEX {}", dialect.quote_identifier(old)),
        dialect.create_index(table, index)?,
    ])
}
