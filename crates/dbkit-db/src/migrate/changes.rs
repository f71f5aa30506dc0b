//! What a migration changes, in words: the differences between two schemas, the changes that
//! can lose data, and the changes that undo a migration.

use dbkit_model::{Change, ColumnChange, ColumnType, Schema, diff, render_text};

use crate::Backend;

/// The changes from `from` to `to` that a live database of `backend` can be brought to: all of
/// them, except the order of columns where the backend cannot move them
/// ([`Backend::moves_columns`]): there a database that differs only in the order of its columns
/// has not drifted.
pub fn drift_changes(backend: Backend, from: &Schema, to: &Schema) -> Vec<Change> {
    let mut changes = diff(from, to);
    if !backend.moves_columns() {
        changes.retain(|change| !matches!(change, Change::ReorderColumns { .. }));
    }
    changes
}

/// The differences from `from` to `to`, one line each (`+ column members.email varchar(255)?`);
/// empty when there is none.
pub fn describe_differences(from: &Schema, to: &Schema) -> Vec<String> {
    describe(&diff(from, to))
}

/// The changes, one line each.
pub fn describe(changes: &[Change]) -> Vec<String> {
    if changes.is_empty() {
        return Vec::new();
    }
    render_text(changes).lines().map(str::to_string).collect()
}

/// The changes that can lose data or that the data can block, each with what is at risk.
///
/// Dropping a table or column loses its data; narrowing a type cuts or rejects the values that
/// do not fit; removing enum values leaves the rows holding them; `NOT NULL` over a column that
/// holds NULLs and a unique key over duplicates fail on those rows (and MySQL/MariaDB outside
/// strict mode would change them instead). Whether the rows exist is not known when the
/// migration is written, so these count as destructive until the user confirms them.
pub fn destructive_changes(changes: &[Change]) -> Vec<String> {
    let mut risks = Vec::new();
    for change in changes {
        match change {
            Change::DropTable { table } => risks.push(format!(
                "drops table {}: all of its rows are lost",
                table.name
            )),
            Change::DropColumn { table, column } => risks.push(format!(
                "drops column {table}.{}: its values in every row are lost",
                column.name
            )),
            Change::AlterColumn {
                table,
                column,
                changes,
                ..
            } => {
                for property in changes {
                    match property {
                        ColumnChange::Type { from, to } if narrows(from, to) => risks.push(format!(
                            "narrows {table}.{column} from {from} to {to}: values that do not fit are cut or rejected"
                        )),
                        ColumnChange::EnumValues { removed, .. } if !removed.is_empty() => risks.push(format!(
                            "removes value{} {} from enum {table}.{column}: rows holding {} block the change",
                            if removed.len() == 1 { "" } else { "s" },
                            removed.join(", "),
                            if removed.len() == 1 { "it" } else { "them" }
                        )),
                        ColumnChange::Nullable { from: true, to: false } => risks.push(format!(
                            "makes {table}.{column} NOT NULL: rows where it is NULL block the change"
                        )),
                        _ => {}
                    }
                }
            }
            Change::AddUnique { table, constraint } => risks.push(format!(
                "adds unique {} on {table} ({}): duplicate values block it",
                constraint.name,
                constraint.columns.join(", ")
            )),
            Change::AddPrimaryKey { table, key } => risks.push(format!(
                "adds primary key {} on {table} ({}): duplicate or NULL values block it",
                key.name,
                key.columns.join(", ")
            )),
            Change::AddIndex { table, index } if index.unique => risks.push(format!(
                "adds unique index {} on {table} ({}): duplicate values block it",
                index.name,
                index.columns.join(", ")
            )),
            _ => {}
        }
    }
    risks
}

/// Whether changing a column from `from` to `to` can lose or reject values.
pub fn narrows(from: &ColumnType, to: &ColumnType) -> bool {
    if from == to {
        return false;
    }
    if let (Some((old_min, old_max)), Some((new_min, new_max))) =
        (from.integer_range(), to.integer_range())
    {
        return new_min > old_min || new_max < old_max;
    }
    let unbounded_text = matches!(
        to,
        ColumnType::Text | ColumnType::MediumText | ColumnType::LongText
    );
    if unbounded_text && !from.is_binary() && *from != ColumnType::Json {
        return false;
    }
    match (from, to) {
        (
            ColumnType::Decimal { precision, scale },
            ColumnType::Decimal {
                precision: new_precision,
                scale: new_scale,
            },
        ) => {
            new_scale < scale
                || new_precision.saturating_sub(*new_scale) < precision.saturating_sub(*scale)
        }
        (_, ColumnType::Decimal { precision, scale }) if from.integer_range().is_some() => {
            let (min, max) = from.integer_range().unwrap_or((0, 0));
            let digits = min.unsigned_abs().max(max.unsigned_abs()).to_string().len() as u32;
            precision.saturating_sub(*scale) < digits
        }
        (ColumnType::Real, ColumnType::Double) => false,
        (_, ColumnType::Real | ColumnType::Double) if from.integer_range().is_some() => false,
        (ColumnType::Timestamp, ColumnType::TimestampTz)
        | (ColumnType::TimestampTz, ColumnType::Timestamp) => false,
        (ColumnType::Date, ColumnType::Timestamp | ColumnType::TimestampTz) => false,
        _ if from.is_string() && to.is_string() => match (from.max_length(), to.max_length()) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(old), Some(new)) => new < old,
        },
        _ if from.is_binary() && to.is_binary() => {
            !matches!(to, ColumnType::Blob) && binary_length(to) < binary_length(from)
        }
        _ => true,
    }
}

fn binary_length(column_type: &ColumnType) -> u64 {
    match column_type {
        ColumnType::Binary { length } | ColumnType::VarBinary { length } => u64::from(*length),
        ColumnType::TinyBlob => 255,
        ColumnType::MediumBlob => 16 * 1024 * 1024,
        _ => u64::MAX,
    }
}

/// `from` prepared to be the target of the migration that undoes `changes`: its tables and
/// columns declare the renames backwards (`renamed_from` the new name), so that undoing a rename
/// renames back instead of dropping and creating.
pub fn reverse_target(from: &Schema, changes: &[Change]) -> Schema {
    let mut target = from.clone();
    for table in &mut target.tables {
        table.renamed_from = None;
        for column in &mut table.columns {
            column.renamed_from = None;
        }
    }
    let mut table_names: Vec<(String, String)> = Vec::new();
    for change in changes {
        if let Change::RenameTable { from: old, to: new } = change {
            table_names.push((old.clone(), new.clone()));
            if let Some(table) = target.tables.iter_mut().find(|table| table.name == *old) {
                table.renamed_from = Some(new.clone());
            }
        }
    }
    for change in changes {
        if let Change::RenameColumn {
            table,
            from: old,
            to: new,
        } = change
        {
            let old_table = table_names
                .iter()
                .find(|(_, renamed)| renamed == table)
                .map_or(table.as_str(), |(original, _)| original.as_str());
            if let Some(column) = target
                .tables
                .iter_mut()
                .find(|candidate| candidate.name == old_table)
                .and_then(|candidate| {
                    candidate
                        .columns
                        .iter_mut()
                        .find(|column| column.name == *old)
                })
            {
                column.renamed_from = Some(new.clone());
            }
        }
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowing_types() {
        assert!(narrows(
            &ColumnType::Varchar { length: 255 },
            &ColumnType::Varchar { length: 100 }
        ));
        assert!(!narrows(
            &ColumnType::Varchar { length: 100 },
            &ColumnType::Varchar { length: 255 }
        ));
        assert!(narrows(
            &ColumnType::Text,
            &ColumnType::Varchar { length: 255 }
        ));
        assert!(!narrows(
            &ColumnType::Varchar { length: 255 },
            &ColumnType::Text
        ));
        assert!(narrows(&ColumnType::BigInt, &ColumnType::Int));
        assert!(!narrows(&ColumnType::SmallInt, &ColumnType::BigInt));
        assert!(narrows(&ColumnType::Int, &ColumnType::IntUnsigned));
        assert!(narrows(
            &ColumnType::Decimal {
                precision: 10,
                scale: 2
            },
            &ColumnType::Decimal {
                precision: 8,
                scale: 2
            }
        ));
        assert!(!narrows(
            &ColumnType::Int,
            &ColumnType::Decimal {
                precision: 12,
                scale: 2
            }
        ));
        assert!(narrows(
            &ColumnType::Int,
            &ColumnType::Decimal {
                precision: 6,
                scale: 2
            }
        ));
        assert!(narrows(&ColumnType::Text, &ColumnType::Int));
        assert!(!narrows(&ColumnType::Int, &ColumnType::Text));
        assert!(narrows(&ColumnType::Double, &ColumnType::Real));
    }
}
