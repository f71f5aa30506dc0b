//! Rendering a migration: the standard-SQL defaults behind the migration methods of
//! [`Dialect`](crate::Dialect).
//!
//! A migration is the list of [`Change`]s from one schema to the next, in the order
//! `dbkit_model::diff` gives them. [`standard_migration`] turns the whole list into statements:
//! it defers the foreign keys between new tables that close a cycle, drops the ones between
//! dropped tables first, and turns a constraint or index that was dropped and added again under
//! another name (the generated names follow a renamed table or column) into a rename.
//! [`standard_change`] writes one change in standard SQL (PostgreSQL follows it). Dialects
//! override [`Dialect::change_statements`] for what their database spells differently, and a
//! database that cannot alter tables much (SQLite) rebuilds them with [`rebuild_migration`].

use std::collections::{BTreeMap, BTreeSet};

use dbkit_model::{
    Change, CheckConstraint, Column, ColumnChange, ForeignKey, Schema, Table, TableChange,
    creation_order, naming,
};

use crate::dialect::Dialect;
use crate::error::DialectError;

/// The kinds of named objects [`Dialect::rename_constraint`] renames.
pub mod kind {
    /// A primary key.
    pub const PRIMARY_KEY: &str = "primary_key";
    /// A unique constraint.
    pub const UNIQUE: &str = "unique";
    /// A CHECK constraint (including the ones that enforce a column's type).
    pub const CHECK: &str = "check";
    /// An index.
    pub const INDEX: &str = "index";
    /// A foreign key.
    pub const FOREIGN_KEY: &str = "foreign_key";
}

/// The table `name` (its new name) as it was before the migration: the `from` table of that
/// name, or the one it was renamed from.
pub fn table_before<'a>(from: &'a Schema, to: &Schema, name: &str) -> Option<&'a Table> {
    from.table(name).or_else(|| {
        let old = to.table(name)?.renamed_from.as_ref()?;
        from.table(old)
    })
}

/// The table `name` as it stands in the middle of the migration: its old definition under its
/// new name, with renamed columns under their new names.
fn table_renamed<'a>(from: &'a Schema, to: &'a Schema, name: &str) -> Option<Table> {
    let old = table_before(from, to, name)?;
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
    Some(table)
}

fn missing(table: &str) -> DialectError {
    DialectError::Invalid {
        location: table.to_string(),
        message: "the migration refers to a table that neither schema has".to_string(),
    }
}

/// Every statement of the migration from `from` to `to`, in standard SQL with `dialect`'s
/// spelling of each change.
pub fn standard_migration<D: Dialect + ?Sized>(
    dialect: &D,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
) -> Result<Vec<String>, DialectError> {
    let renamed = renamed_objects(changes);
    let alter_foreign_keys = dialect.info().supports_alter_foreign_keys;
    let created: Vec<&str> = changes
        .iter()
        .filter_map(|change| match change {
            Change::CreateTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect();
    let dropped: BTreeSet<&str> = changes
        .iter()
        .filter_map(|change| match change {
            Change::DropTable { table } => Some(table.name.as_str()),
            _ => None,
        })
        .collect();
    let mut statements = Vec::new();
    let mut deferred: Vec<(&Table, &ForeignKey)> = Vec::new();
    let mut cycles_opened = false;
    let mut early_drops = if alter_foreign_keys {
        keys_into_kept_tables(from, &dropped)
    } else {
        Vec::new()
    };
    for index in column_safe_order(changes, from, to) {
        let change = &changes[index];
        if renamed.skipped.contains(&index) {
            continue;
        }
        // A dropped table's foreign keys into a table that changes go before that table's
        // changes: its key or columns may not change while they are referenced.
        if !matches!(
            change,
            Change::DropTable { .. } | Change::CreateTable { .. }
        ) {
            let touched = |name: &str| {
                name == change.table()
                    || matches!(change, Change::RenameTable { from: old, .. } if old == name)
            };
            let (now, later): (Vec<_>, Vec<_>) = early_drops
                .into_iter()
                .partition(|(_, key)| touched(&key.referenced_table));
            early_drops = later;
            for (table, key) in now {
                statements.push(dialect.drop_foreign_key(table, key)?);
            }
        }
        if let Some((kind, old_name, new_name)) = renamed.renames.get(&index) {
            let table = table_renamed(from, to, change.table())
                .map(|mut table| {
                    if let Some(new) = to.table(change.table()) {
                        table.primary_key = new.primary_key.clone();
                        table.unique_constraints = new.unique_constraints.clone();
                        table.checks = new.checks.clone();
                        table.indexes = new.indexes.clone();
                        table.foreign_keys = new.foreign_keys.clone();
                    }
                    table
                })
                .ok_or_else(|| missing(change.table()))?;
            statements.extend(dialect.rename_constraint(&table, kind, old_name, new_name)?);
            continue;
        }
        match change {
            Change::DropTable { .. } if !cycles_opened && alter_foreign_keys => {
                cycles_opened = true;
                let order = creation_order(from);
                for key in &order.deferred {
                    let table = &from.tables[key.table];
                    let foreign_key = &table.foreign_keys[key.foreign_key];
                    if dropped.contains(table.name.as_str())
                        && dropped.contains(foreign_key.referenced_table.as_str())
                    {
                        statements.push(dialect.drop_foreign_key(table, foreign_key)?);
                    }
                }
            }
            Change::CreateTable { table } if alter_foreign_keys => {
                let position = created
                    .iter()
                    .position(|name| *name == table.name)
                    .unwrap_or(0);
                let later = &created[position + 1..];
                let keys: Vec<&ForeignKey> = table
                    .foreign_keys
                    .iter()
                    .filter(|key| later.contains(&key.referenced_table.as_str()))
                    .collect();
                let names: Vec<String> = keys.iter().map(|key| key.name.clone()).collect();
                statements.extend(dialect.create_table(table, &names)?);
                deferred.extend(keys.into_iter().map(|key| (table, key)));
                continue;
            }
            _ => {}
        }
        statements.extend(dialect.change_statements(change, from, to)?);
    }
    for (table, key) in deferred {
        statements.push(dialect.add_foreign_key(table, key)?);
    }
    Ok(statements)
}

/// The order in which to apply `changes`: the order given, except that a table losing every
/// column it had gets its new columns before the old ones are dropped (a table cannot be left
/// without columns on MySQL/MariaDB).
fn column_safe_order(changes: &[Change], from: &Schema, to: &Schema) -> Vec<usize> {
    let mut order: Vec<usize> = (0..changes.len()).collect();
    let tables: BTreeSet<&str> = changes
        .iter()
        .filter_map(|change| match change {
            Change::DropColumn { table, .. } => Some(table.as_str()),
            _ => None,
        })
        .collect();
    for name in tables {
        let Some(old) = table_before(from, to, name) else {
            continue;
        };
        let drops: Vec<usize> = changes
            .iter()
            .enumerate()
            .filter(
                |(_, change)| matches!(change, Change::DropColumn { table, .. } if table == name),
            )
            .map(|(index, _)| index)
            .collect();
        let last_add = changes
            .iter()
            .rposition(|change| matches!(change, Change::AddColumn { table, .. } if table == name));
        let (Some(last_add), true) = (last_add, drops.len() == old.columns.len()) else {
            continue;
        };
        order.retain(|index| !drops.contains(index));
        let position = order
            .iter()
            .position(|index| *index == last_add)
            .map_or(order.len(), |position| position + 1);
        order.splice(position..position, drops);
    }
    order
}

/// The foreign keys of the `dropped` tables that reference a table that stays.
fn keys_into_kept_tables<'a>(
    from: &'a Schema,
    dropped: &BTreeSet<&str>,
) -> Vec<(&'a Table, &'a ForeignKey)> {
    from.tables
        .iter()
        .filter(|table| dropped.contains(table.name.as_str()))
        .flat_map(|table| table.foreign_keys.iter().map(move |key| (table, key)))
        .filter(|(_, key)| !dropped.contains(key.referenced_table.as_str()))
        .collect()
}

/// Constraints and indexes that were dropped and added again with the same definition under
/// another name: the drop becomes a rename, the add is skipped.
#[derive(Default)]
struct RenamedObjects {
    renames: BTreeMap<usize, (String, String, String)>,
    skipped: BTreeSet<usize>,
}

fn renamed_objects(changes: &[Change]) -> RenamedObjects {
    let mut tables: BTreeMap<String, String> = BTreeMap::new();
    let mut columns: BTreeMap<(String, String), String> = BTreeMap::new();
    for change in changes {
        match change {
            Change::RenameTable { from, to } => {
                tables.insert(from.clone(), to.clone());
            }
            Change::RenameColumn { table, from, to } => {
                columns.insert((table.clone(), from.clone()), to.clone());
            }
            _ => {}
        }
    }
    let table_name = |name: &str| {
        tables
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let column_names = |table: &str, names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|name| {
                columns
                    .get(&(table.to_string(), name.clone()))
                    .cloned()
                    .unwrap_or_else(|| name.clone())
            })
            .collect()
    };
    // What each dropped object looks like once renamed, without its name.
    let shape = |change: &Change| -> Option<(&'static str, String, String)> {
        let table = change.table();
        Some(match change {
            Change::DropPrimaryKey { key, .. } => (
                kind::PRIMARY_KEY,
                key.name.clone(),
                format!("{:?}", column_names(table, &key.columns)),
            ),
            Change::AddPrimaryKey { key, .. } => (
                kind::PRIMARY_KEY,
                key.name.clone(),
                format!("{:?}", key.columns),
            ),
            Change::DropUnique { constraint, .. } => (
                kind::UNIQUE,
                constraint.name.clone(),
                format!("{:?}", column_names(table, &constraint.columns)),
            ),
            Change::AddUnique { constraint, .. } => (
                kind::UNIQUE,
                constraint.name.clone(),
                format!("{:?}", constraint.columns),
            ),
            Change::DropIndex { index, .. } => {
                let mut shaped = index.clone();
                shaped.name = String::new();
                shaped.columns = column_names(table, &index.columns);
                shaped.origin = dbkit_model::IndexOrigin::User;
                (
                    kind::INDEX,
                    index.name.clone(),
                    format!("{:?}", (shaped.columns, shaped.unique, shaped.options)),
                )
            }
            Change::AddIndex { index, .. } => (
                kind::INDEX,
                index.name.clone(),
                format!(
                    "{:?}",
                    (index.columns.clone(), index.unique, index.options.clone())
                ),
            ),
            Change::DropForeignKey { key, .. } => {
                let referenced = table_name(&key.referenced_table);
                let shaped = ForeignKey {
                    name: String::new(),
                    columns: column_names(table, &key.columns),
                    referenced_columns: column_names(&referenced, &key.referenced_columns),
                    referenced_table: referenced,
                    on_delete: key.on_delete,
                    on_update: key.on_update,
                };
                (kind::FOREIGN_KEY, key.name.clone(), format!("{shaped:?}"))
            }
            Change::AddForeignKey { key, .. } => {
                let shaped = ForeignKey {
                    name: String::new(),
                    ..key.clone()
                };
                (kind::FOREIGN_KEY, key.name.clone(), format!("{shaped:?}"))
            }
            Change::DropCheck { check, .. } | Change::AddCheck { check, .. } => (
                kind::CHECK,
                check.name.clone(),
                dbkit_model::canonical::canonical_expression(&check.expression),
            ),
            _ => return None,
        })
    };
    let mut result = RenamedObjects::default();
    for (drop_index, dropped) in changes.iter().enumerate() {
        let is_drop = matches!(
            dropped,
            Change::DropPrimaryKey { .. }
                | Change::DropUnique { .. }
                | Change::DropIndex { .. }
                | Change::DropForeignKey { .. }
                | Change::DropCheck { .. }
        );
        if !is_drop {
            continue;
        }
        let Some((drop_kind, old_name, drop_shape)) = shape(dropped) else {
            continue;
        };
        // A name that another dropped object still holds when the rename runs (two indexes
        // that swap names) cannot be renamed to: those are dropped and added instead.
        let held = |name: &str| {
            changes.iter().any(|other| {
                shape(other).is_some_and(|(other_kind, other_name, _)| {
                    other_kind == drop_kind && other_name == name
                }) && matches!(
                    other,
                    Change::DropPrimaryKey { .. }
                        | Change::DropUnique { .. }
                        | Change::DropIndex { .. }
                        | Change::DropForeignKey { .. }
                        | Change::DropCheck { .. }
                )
            })
        };
        let partner = changes.iter().enumerate().find(|(add_index, added)| {
            !result.skipped.contains(add_index)
                && added.table() == dropped.table()
                && !matches!(
                    added,
                    Change::DropPrimaryKey { .. }
                        | Change::DropUnique { .. }
                        | Change::DropIndex { .. }
                        | Change::DropForeignKey { .. }
                        | Change::DropCheck { .. }
                )
                && shape(added).is_some_and(|(add_kind, new_name, add_shape)| {
                    add_kind == drop_kind
                        && new_name != old_name
                        && add_shape == drop_shape
                        && !held(&new_name)
                })
        });
        if let Some((add_index, added)) = partner
            && let Some((_, new_name, _)) = shape(added)
        {
            result
                .renames
                .insert(drop_index, (drop_kind.to_string(), old_name, new_name));
            result.skipped.insert(add_index);
        }
    }
    result
}

/// The statements of one change in standard SQL, using `dialect` for names, types and clauses.
pub fn standard_change<D: Dialect + ?Sized>(
    dialect: &D,
    change: &Change,
    from: &Schema,
    to: &Schema,
) -> Result<Vec<String>, DialectError> {
    let quote = |name: &str| dialect.quote_identifier(name);
    let new_table = |name: &str| to.table(name).ok_or_else(|| missing(name));
    let mid_table = |name: &str| table_renamed(from, to, name).ok_or_else(|| missing(name));
    Ok(match change {
        Change::CreateTable { table } => dialect.create_table(table, &[])?,
        Change::DropTable { table } => vec![dialect.drop_table(table)?],
        // Standard SQL cannot move a column; a database that can (MySQL/MariaDB) or that
        // rebuilds the table (SQLite) writes this change itself, and the others keep their order.
        Change::ReorderColumns { .. } => Vec::new(),
        Change::RenameTable { from: old, to: new } => {
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME TO {}",
                quote(old),
                quote(new)
            )];
            let before = from.table(old).ok_or_else(|| missing(old))?;
            let mut renamed = before.clone();
            renamed.name = new.clone();
            for column in &before.columns {
                if dialect.type_check(before, column)?.is_some() {
                    let old_check = naming::type_check_name(old, &column.name);
                    let new_check = naming::type_check_name(new, &column.name);
                    if old_check != new_check {
                        statements.extend(dialect.rename_constraint(
                            &renamed,
                            kind::CHECK,
                            &old_check,
                            &new_check,
                        )?);
                    }
                }
            }
            statements
        }
        Change::AlterTable { table, changes } => {
            let mut statements = Vec::new();
            for property in changes {
                if let TableChange::Comment { to: comment, .. } = property {
                    statements.extend(comment_change(
                        dialect,
                        new_table(table)?,
                        None,
                        comment.as_deref(),
                    )?);
                }
            }
            statements
        }
        Change::AddColumn { table, column, .. } => {
            let table = new_table(table)?;
            let mut statements = vec![format!(
                "ALTER TABLE {} ADD COLUMN {}",
                quote(&table.name),
                dialect.column_definition(table, column)?
            )];
            if let Some(check) = dialect.type_check(table, column)? {
                statements.push(add_check_sql(
                    dialect,
                    &table.name,
                    &naming::type_check_name(&table.name, &column.name),
                    &check,
                ));
            }
            if column.comment.is_some() {
                statements.extend(comment_change(
                    dialect,
                    table,
                    Some(column),
                    column.comment.as_deref(),
                )?);
            }
            statements
        }
        Change::DropColumn { table, column } => {
            let mut statements = Vec::new();
            let current = mid_table(table)?;
            if dialect.type_check(&current, column)?.is_some() {
                statements.push(drop_constraint_sql(
                    dialect,
                    table,
                    &naming::type_check_name(table, &column.name),
                ));
            }
            statements.push(format!(
                "ALTER TABLE {} DROP COLUMN {}",
                quote(table),
                quote(&column.name)
            ));
            statements
        }
        Change::RenameColumn {
            table,
            from: old,
            to: new,
        } => {
            let mut statements = vec![format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {}",
                quote(table),
                quote(old),
                quote(new)
            )];
            statements.extend(rename_type_check(dialect, from, to, table, old, new)?);
            statements
        }
        Change::AlterColumn {
            table,
            column,
            from: old,
            to: new,
            changes,
        } => alter_column(
            dialect,
            &mid_table(table)?,
            new_table(table)?,
            column,
            old,
            new,
            changes,
        )?,
        Change::AddPrimaryKey { table, key } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})",
            quote(table),
            quote(&key.name),
            dialect.column_list(&key.columns)
        )],
        Change::DropPrimaryKey { table, key } => {
            vec![drop_constraint_sql(dialect, table, &key.name)]
        }
        Change::AddUnique { table, constraint } => vec![format!(
            "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({})",
            quote(table),
            quote(&constraint.name),
            dialect.column_list(&constraint.columns)
        )],
        Change::DropUnique { table, constraint } => {
            vec![drop_constraint_sql(dialect, table, &constraint.name)]
        }
        Change::AddCheck { table, check } => {
            let expression = dialect.check_expression(new_table(table)?, &check.expression)?;
            vec![add_check_sql(dialect, table, &check.name, &expression)]
        }
        Change::DropCheck { table, check } => {
            vec![drop_constraint_sql(dialect, table, &check.name)]
        }
        Change::AddIndex { table, index } => vec![dialect.create_index(new_table(table)?, index)?],
        Change::DropIndex { index, .. } => vec![format!("DROP INDEX {}", quote(&index.name))],
        Change::AddForeignKey { table, key } => {
            vec![dialect.add_foreign_key(new_table(table)?, key)?]
        }
        Change::DropForeignKey { table, key } => {
            vec![dialect.drop_foreign_key(&mid_table(table)?, key)?]
        }
    })
}

/// `ALTER TABLE t ADD CONSTRAINT name CHECK (expression)`.
pub fn add_check_sql<D: Dialect + ?Sized>(
    dialect: &D,
    table: &str,
    name: &str,
    expression: &str,
) -> String {
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({expression})",
        dialect.quote_identifier(table),
        dialect.quote_identifier(name)
    )
}

/// `ALTER TABLE t DROP CONSTRAINT name`.
pub fn drop_constraint_sql<D: Dialect + ?Sized>(dialect: &D, table: &str, name: &str) -> String {
    format!(
        "ALTER TABLE {} DROP CONSTRAINT {}",
        dialect.quote_identifier(table),
        dialect.quote_identifier(name)
    )
}

/// Renames the type check of a renamed column (`ck_<table>_<old>` to `ck_<table>_<new>`).
pub fn rename_type_check<D: Dialect + ?Sized>(
    dialect: &D,
    from: &Schema,
    to: &Schema,
    table: &str,
    old: &str,
    new: &str,
) -> Result<Vec<String>, DialectError> {
    let current = table_renamed(from, to, table).ok_or_else(|| missing(table))?;
    let Some(column) = current.column(new) else {
        return Ok(Vec::new());
    };
    if dialect.type_check(&current, column)?.is_none() {
        return Ok(Vec::new());
    }
    let old_check = naming::type_check_name(table, old);
    let new_check = naming::type_check_name(table, new);
    if old_check == new_check {
        return Ok(Vec::new());
    }
    dialect.rename_constraint(&current, kind::CHECK, &old_check, &new_check)
}

/// The standard renaming of a constraint or index: `ALTER TABLE t RENAME CONSTRAINT a TO b`,
/// `ALTER INDEX a RENAME TO b`.
pub fn standard_rename_constraint<D: Dialect + ?Sized>(
    dialect: &D,
    table: &Table,
    object: &str,
    old: &str,
    new: &str,
) -> Result<Vec<String>, DialectError> {
    let quote = |name: &str| dialect.quote_identifier(name);
    Ok(vec![if object == kind::INDEX {
        format!("ALTER INDEX {} RENAME TO {}", quote(old), quote(new))
    } else {
        format!(
            "ALTER TABLE {} RENAME CONSTRAINT {} TO {}",
            quote(&table.name),
            quote(old),
            quote(new)
        )
    }])
}

/// The statements that change a column in standard SQL: defaults, type, nullability,
/// generation and comment, with its type check dropped before and added after when it changes.
fn alter_column<D: Dialect + ?Sized>(
    dialect: &D,
    current: &Table,
    target: &Table,
    name: &str,
    old: &Column,
    new: &Column,
    changes: &[ColumnChange],
) -> Result<Vec<String>, DialectError> {
    let quote = |text: &str| dialect.quote_identifier(text);
    let alter = format!(
        "ALTER TABLE {} ALTER COLUMN {}",
        quote(&target.name),
        quote(name)
    );
    let mut renamed_old = old.clone();
    renamed_old.name = name.to_string();
    let old_check = dialect.type_check(current, &renamed_old)?;
    let new_check = dialect.type_check(target, new)?;
    let check_name = naming::type_check_name(&target.name, name);
    let mut statements = Vec::new();
    if old_check.is_some() && old_check != new_check {
        statements.push(drop_constraint_sql(dialect, &target.name, &check_name));
    }
    let default_changes = changes
        .iter()
        .any(|change| matches!(change, ColumnChange::Default { .. }));
    if default_changes && old.default.is_some() {
        statements.push(format!("{alter} DROP DEFAULT"));
    }
    if dialect.column_type(current, &renamed_old)? != dialect.column_type(target, new)?
        || changes
            .iter()
            .any(|change| matches!(change, ColumnChange::Collation { .. }))
    {
        statements.push(dialect.alter_column_type(target, new)?);
    }
    if default_changes && let Some(default) = &new.default {
        statements.push(format!(
            "{alter} SET DEFAULT {}",
            dialect.default_value(target, new, default)?
        ));
    }
    for change in changes {
        match change {
            ColumnChange::Nullable { to: true, .. } => {
                statements.push(format!("{alter} DROP NOT NULL"))
            }
            ColumnChange::Nullable { to: false, .. } => {
                statements.push(format!("{alter} SET NOT NULL"))
            }
            ColumnChange::AutoIncrement { to: true, .. } => {
                statements.push(format!("{alter} ADD GENERATED BY DEFAULT AS IDENTITY"));
            }
            ColumnChange::AutoIncrement { to: false, .. } => {
                statements.push(format!("{alter} DROP IDENTITY"))
            }
            ColumnChange::Comment { to: comment, .. } => {
                statements.extend(comment_change(
                    dialect,
                    target,
                    Some(new),
                    comment.as_deref(),
                )?);
            }
            _ => {}
        }
    }
    if let Some(check) = new_check
        && old_check.as_ref() != Some(&check)
    {
        statements.push(add_check_sql(dialect, &target.name, &check_name, &check));
    }
    Ok(statements)
}

/// The statements that set (or, with `None`, remove) the comment of `table` or of its
/// `column`, for dialects that keep comments apart from the definition (`COMMENT ON`). Dialects
/// whose [`Dialect::comment_statements`] writes nothing get nothing.
pub fn comment_change<D: Dialect + ?Sized>(
    dialect: &D,
    table: &Table,
    column: Option<&Column>,
    comment: Option<&str>,
) -> Result<Vec<String>, DialectError> {
    let mut probe = table.clone();
    probe.comment = None;
    for candidate in &mut probe.columns {
        candidate.comment = None;
    }
    let marker = "\u{1}dbkit-comment\u{1}";
    match column {
        None => probe.comment = Some(marker.to_string()),
        Some(column) => {
            if let Some(candidate) = probe
                .columns
                .iter_mut()
                .find(|candidate| candidate.name == column.name)
            {
                candidate.comment = Some(marker.to_string());
            }
        }
    }
    let statements = dialect.comment_statements(&probe)?;
    let quoted_marker = dialect.quote_string(marker);
    let replacement = match comment {
        Some(text) => dialect.quote_string(text),
        None => "NULL".to_string(),
    };
    Ok(statements
        .into_iter()
        .map(|statement| statement.replace(&quoted_marker, &replacement))
        .collect())
}

/// How a database that cannot alter much rebuilds a table.
///
/// `needs_rebuild(change, from, to)` says which changes the database cannot make in place. Every
/// table with such a change is rebuilt once, into its final definition, where its first such
/// change comes, and its other changes are left out: a new table is created under a temporary
/// name, the rows are copied (the columns both have, under their current names), the old table is
/// dropped, the new one takes its name, and its indexes are created again. Renames of tables and
/// columns still run first, so that references from other tables follow them. The caller keeps
/// foreign keys off around it and checks them afterwards.
pub fn rebuild_migration<D: Dialect + ?Sized>(
    dialect: &D,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
    needs_rebuild: &dyn Fn(&Change) -> bool,
) -> Result<Vec<String>, DialectError> {
    let rebuilt: BTreeSet<String> = changes
        .iter()
        .filter(|change| needs_rebuild(change))
        .map(|change| change.table().to_string())
        .collect();
    let mut kept = Vec::new();
    let mut statements = Vec::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let flush =
        |kept: &mut Vec<Change>, statements: &mut Vec<String>| -> Result<(), DialectError> {
            if !kept.is_empty() {
                statements.extend(standard_migration(dialect, kept, from, to)?);
                kept.clear();
            }
            Ok(())
        };
    for change in changes {
        let table = change.table().to_string();
        let in_place = matches!(
            change,
            Change::CreateTable { .. }
                | Change::DropTable { .. }
                | Change::RenameTable { .. }
                | Change::RenameColumn { .. }
        );
        if in_place || !rebuilt.contains(&table) {
            kept.push(change.clone());
            continue;
        }
        if done.insert(table.clone()) {
            flush(&mut kept, &mut statements)?;
            statements.extend(rebuild_table(dialect, from, to, &table)?);
        }
    }
    flush(&mut kept, &mut statements)?;
    for table in &rebuilt {
        if !done.contains(table) && to.table(table).is_some() {
            statements.extend(rebuild_table(dialect, from, to, table)?);
        }
    }
    Ok(statements)
}

/// The statements that rebuild `name` into its definition in `to`, keeping every row.
pub fn rebuild_table<D: Dialect + ?Sized>(
    dialect: &D,
    from: &Schema,
    to: &Schema,
    name: &str,
) -> Result<Vec<String>, DialectError> {
    let quote = |text: &str| dialect.quote_identifier(text);
    let target = to.table(name).ok_or_else(|| missing(name))?;
    let current = table_renamed(from, to, name).ok_or_else(|| missing(name))?;
    let temporary = format!("_dbkit_new_{name}");
    let mut created = dialect.create_table(target, &[])?.into_iter();
    let create = created.next().ok_or_else(|| missing(name))?;
    let prefix = format!("CREATE TABLE {}", quote(name));
    let Some(rest) = create.strip_prefix(&prefix) else {
        return Err(DialectError::Invalid {
            location: name.to_string(),
            message: format!(
                "cannot rebuild the table: its CREATE TABLE does not start with \"{prefix}\""
            ),
        });
    };
    let copied: Vec<&Column> = target
        .columns
        .iter()
        .filter(|column| current.column(&column.name).is_some())
        .collect();
    let names: Vec<String> = copied.iter().map(|column| column.name.clone()).collect();
    let mut statements = vec![format!("CREATE TABLE {}{rest}", quote(&temporary))];
    if !names.is_empty() {
        statements.push(format!(
            "INSERT INTO {} ({}) SELECT {} FROM {}",
            quote(&temporary),
            dialect.column_list(&names),
            dialect.column_list(&names),
            quote(name)
        ));
    }
    statements.push(format!("DROP TABLE {}", quote(name)));
    statements.push(format!(
        "ALTER TABLE {} RENAME TO {}",
        quote(&temporary),
        quote(name)
    ));
    statements.extend(created);
    Ok(statements)
}

/// A check constraint of `table` by name: a written one, or the type check of a column.
pub fn find_check<D: Dialect + ?Sized>(
    dialect: &D,
    table: &Table,
    name: &str,
) -> Result<Option<CheckConstraint>, DialectError> {
    if let Some(check) = table.checks.iter().find(|check| check.name == name) {
        return Ok(Some(CheckConstraint {
            name: check.name.clone(),
            expression: dialect.check_expression(table, &check.expression)?,
        }));
    }
    for column in &table.columns {
        if naming::type_check_name(&table.name, &column.name) == name
            && let Some(expression) = dialect.type_check(table, column)?
        {
            return Ok(Some(CheckConstraint {
                name: name.to_string(),
                expression,
            }));
        }
    }
    Ok(None)
}
