//! Compares two tables that are the same table (same name, or renamed as declared).
//!
//! Constraints and indexes are matched by name. Names of the first table's columns are mapped
//! through the declared column renames (and referenced tables through table renames) before
//! anything is compared, so that a rename alone changes no constraint.

use std::collections::HashMap;

use crate::canonical::same_expression;
use crate::column_type::ColumnType;
use crate::default_value::DefaultValue;
use crate::schema::{Column, ForeignKey, Index, Table};

use super::change::{Change, ColumnChange, TableChange};

/// Renames that apply while comparing: tables (old → new) and columns ((new table, old column)
/// → new column).
#[derive(Debug, Default)]
pub(super) struct Renames {
    pub(super) tables: HashMap<String, String>,
    pub(super) columns: HashMap<(String, String), String>,
}

impl Renames {
    fn table(&self, name: &str) -> String {
        self.tables
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    }

    fn column(&self, table: &str, column: &str) -> String {
        self.columns
            .get(&(table.to_string(), column.to_string()))
            .cloned()
            .unwrap_or_else(|| column.to_string())
    }

    fn columns(&self, table: &str, columns: &[String]) -> Vec<String> {
        columns
            .iter()
            .map(|column| self.column(table, column))
            .collect()
    }
}

/// The changes that turn `from` into `to`, two versions of one table; `renames` already holds
/// this table's column renames.
pub(super) fn compare_tables(
    from: &Table,
    to: &Table,
    renames: &Renames,
    changes: &mut Vec<Change>,
) {
    let table = to.name.clone();
    let mut table_changes = Vec::new();
    if from.comment != to.comment {
        table_changes.push(TableChange::Comment {
            from: from.comment.clone(),
            to: to.comment.clone(),
        });
    }
    if from.options != to.options {
        table_changes.push(TableChange::Options {
            from: from.options.clone(),
            to: to.options.clone(),
        });
    }
    if !table_changes.is_empty() {
        changes.push(Change::AlterTable {
            table: table.clone(),
            changes: table_changes,
        });
    }
    compare_columns(from, to, renames, changes);

    let old_key = from
        .primary_key
        .as_ref()
        .map(|key| (key.name.clone(), renames.columns(&table, &key.columns)));
    let new_key = to
        .primary_key
        .as_ref()
        .map(|key| (key.name.clone(), key.columns.clone()));
    if old_key != new_key {
        if let Some(key) = &from.primary_key {
            changes.push(Change::DropPrimaryKey {
                table: table.clone(),
                key: key.clone(),
            });
        }
        if let Some(key) = &to.primary_key {
            changes.push(Change::AddPrimaryKey {
                table: table.clone(),
                key: key.clone(),
            });
        }
    }

    for old in &from.unique_constraints {
        match to
            .unique_constraints
            .iter()
            .find(|new| new.name == old.name)
        {
            Some(new) if new.columns == renames.columns(&table, &old.columns) => {}
            _ => changes.push(Change::DropUnique {
                table: table.clone(),
                constraint: old.clone(),
            }),
        }
    }
    for new in &to.unique_constraints {
        match from
            .unique_constraints
            .iter()
            .find(|old| old.name == new.name)
        {
            Some(old) if new.columns == renames.columns(&table, &old.columns) => {}
            _ => changes.push(Change::AddUnique {
                table: table.clone(),
                constraint: new.clone(),
            }),
        }
    }

    for old in &from.checks {
        match to.checks.iter().find(|new| new.name == old.name) {
            Some(new) if same_expression(&old.expression, &new.expression) => {}
            _ => changes.push(Change::DropCheck {
                table: table.clone(),
                check: old.clone(),
            }),
        }
    }
    for new in &to.checks {
        match from.checks.iter().find(|old| old.name == new.name) {
            Some(old) if same_expression(&old.expression, &new.expression) => {}
            _ => changes.push(Change::AddCheck {
                table: table.clone(),
                check: new.clone(),
            }),
        }
    }

    for old in &from.indexes {
        match to.indexes.iter().find(|new| new.name == old.name) {
            Some(new) if same_index(old, new, &table, renames) => {}
            _ => changes.push(Change::DropIndex {
                table: table.clone(),
                index: old.clone(),
            }),
        }
    }
    for new in &to.indexes {
        match from.indexes.iter().find(|old| old.name == new.name) {
            Some(old) if same_index(old, new, &table, renames) => {}
            _ => changes.push(Change::AddIndex {
                table: table.clone(),
                index: new.clone(),
            }),
        }
    }

    for old in &from.foreign_keys {
        match to.foreign_keys.iter().find(|new| new.name == old.name) {
            Some(new) if same_foreign_key(old, new, &table, renames) => {}
            _ => changes.push(Change::DropForeignKey {
                table: table.clone(),
                key: old.clone(),
            }),
        }
    }
    for new in &to.foreign_keys {
        match from.foreign_keys.iter().find(|old| old.name == new.name) {
            Some(old) if same_foreign_key(old, new, &table, renames) => {}
            _ => changes.push(Change::AddForeignKey {
                table: table.clone(),
                key: new.clone(),
            }),
        }
    }
}

fn compare_columns(from: &Table, to: &Table, renames: &Renames, changes: &mut Vec<Change>) {
    let table = &to.name;
    let old_by_new_name: HashMap<String, &Column> = from
        .columns
        .iter()
        .map(|column| (renames.column(table, &column.name), column))
        .collect();
    for old in &from.columns {
        let new_name = renames.column(table, &old.name);
        if to.column(&new_name).is_none() {
            changes.push(Change::DropColumn {
                table: table.clone(),
                column: old.clone(),
            });
        }
    }
    for (position, new) in to.columns.iter().enumerate() {
        match old_by_new_name.get(&new.name) {
            None => changes.push(Change::AddColumn {
                table: table.clone(),
                column: new.clone(),
                after: position
                    .checked_sub(1)
                    .map(|before| to.columns[before].name.clone()),
            }),
            Some(old) => {
                if old.name != new.name {
                    changes.push(Change::RenameColumn {
                        table: table.clone(),
                        from: old.name.clone(),
                        to: new.name.clone(),
                    });
                }
                let column_changes = compare_column(old, new);
                if !column_changes.is_empty() {
                    changes.push(Change::AlterColumn {
                        table: table.clone(),
                        column: new.name.clone(),
                        from: (*old).clone(),
                        to: new.clone(),
                        changes: column_changes,
                    });
                }
            }
        }
    }
    if let Some((old_order, new_order)) = reordered_columns(from, to, renames) {
        changes.push(Change::ReorderColumns {
            table: table.clone(),
            from: old_order,
            to: new_order,
        });
    }
}

/// The columns `from` and `to` share, in each one's order (by their new names), when the orders
/// differ.
fn reordered_columns(
    from: &Table,
    to: &Table,
    renames: &Renames,
) -> Option<(Vec<String>, Vec<String>)> {
    let old_order: Vec<String> = from
        .columns
        .iter()
        .map(|column| renames.column(&to.name, &column.name))
        .filter(|name| to.column(name).is_some())
        .collect();
    let new_order: Vec<String> = to
        .columns
        .iter()
        .map(|column| column.name.clone())
        .filter(|name| old_order.contains(name))
        .collect();
    (old_order != new_order).then_some((old_order, new_order))
}

/// What differs between two versions of a column, in a fixed order.
pub(super) fn compare_column(old: &Column, new: &Column) -> Vec<ColumnChange> {
    let mut changes = Vec::new();
    match (&old.column_type, &new.column_type) {
        (ColumnType::Enum { values: from }, ColumnType::Enum { values: to }) if from != to => {
            changes.push(ColumnChange::EnumValues {
                added: to
                    .iter()
                    .filter(|value| !from.contains(value))
                    .cloned()
                    .collect(),
                removed: from
                    .iter()
                    .filter(|value| !to.contains(value))
                    .cloned()
                    .collect(),
                from: from.clone(),
                to: to.clone(),
            });
        }
        (from, to) if from != to => changes.push(ColumnChange::Type {
            from: from.clone(),
            to: to.clone(),
        }),
        _ => {}
    }
    if old.nullable != new.nullable {
        changes.push(ColumnChange::Nullable {
            from: old.nullable,
            to: new.nullable,
        });
    }
    if !same_default(old.default.as_ref(), new.default.as_ref()) {
        changes.push(ColumnChange::Default {
            from: old.default.clone(),
            to: new.default.clone(),
        });
    }
    if old.auto_increment != new.auto_increment {
        changes.push(ColumnChange::AutoIncrement {
            from: old.auto_increment,
            to: new.auto_increment,
        });
    }
    if old.comment != new.comment {
        changes.push(ColumnChange::Comment {
            from: old.comment.clone(),
            to: new.comment.clone(),
        });
    }
    if old.collation != new.collation {
        changes.push(ColumnChange::Collation {
            from: old.collation.clone(),
            to: new.collation.clone(),
        });
    }
    changes
}

/// Whether two defaults are the same value: numbers compare by value (`0` and `0.00`).
pub(super) fn same_default(old: Option<&DefaultValue>, new: Option<&DefaultValue>) -> bool {
    match (old, new) {
        (None, None) => true,
        (Some(old), Some(new)) => match (number_text(old), number_text(new)) {
            (Some(old), Some(new)) => old == new,
            _ => old == new,
        },
        _ => false,
    }
}

/// A number's canonical decimal text: no sign for zero, no `+`, no leading or trailing zeros.
fn number_text(value: &DefaultValue) -> Option<String> {
    let text = match value {
        DefaultValue::Integer(number) => number.to_string(),
        DefaultValue::Number(text) if !text.contains(['e', 'E']) => text.clone(),
        _ => return None,
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let body = if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    };
    Some(if negative && body != "0" {
        format!("-{body}")
    } else {
        body
    })
}

fn same_index(old: &Index, new: &Index, table: &str, renames: &Renames) -> bool {
    let mut options = old.options.clone();
    options.prefix_lengths = options
        .prefix_lengths
        .into_iter()
        .map(|(column, length)| (renames.column(table, &column), length))
        .collect();
    options.descending = renames.columns(table, &options.descending);
    let predicates_match = match (&options.predicate, &new.options.predicate) {
        (Some(old), Some(new)) => same_expression(old, new),
        (old, new) => old == new,
    };
    options.predicate = new.options.predicate.clone();
    renames.columns(table, &old.columns) == new.columns
        && old.unique == new.unique
        && options == new.options
        && predicates_match
}

fn same_foreign_key(old: &ForeignKey, new: &ForeignKey, table: &str, renames: &Renames) -> bool {
    let referenced_table = renames.table(&old.referenced_table);
    renames.columns(table, &old.columns) == new.columns
        && referenced_table == new.referenced_table
        && renames.columns(&referenced_table, &old.referenced_columns) == new.referenced_columns
        && old.on_delete == new.on_delete
        && old.on_update == new.on_update
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_value() {
        let number = |text: &str| DefaultValue::Number(text.to_string());
        assert!(same_default(
            Some(&DefaultValue::Integer(0)),
            Some(&number("0.00"))
        ));
        assert!(same_default(Some(&number("9.990")), Some(&number("9.99"))));
        assert!(same_default(
            Some(&DefaultValue::Integer(-5)),
            Some(&number("-5.0"))
        ));
        assert!(!same_default(
            Some(&DefaultValue::Integer(1)),
            Some(&number("1.5"))
        ));
        assert!(!same_default(
            Some(&DefaultValue::String("1".into())),
            Some(&DefaultValue::Integer(1))
        ));
        assert!(!same_default(None, Some(&DefaultValue::Integer(0))));
    }
}
