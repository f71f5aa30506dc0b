//! One column as a person would write it: `"varchar(20)?"` when the type says everything, an
//! inline table with only the keys that differ from the defaults otherwise.

use crate::column_type::ColumnType;
use crate::naming;
use crate::schema::{Column, ForeignKey, ReferentialAction, UniqueConstraint};

use super::toml_text::{default_value, inline_table, string};

/// What the table writer decided to write on the column itself.
pub(crate) struct ColumnPlan<'a> {
    pub(crate) table: &'a str,
    pub(crate) column: &'a Column,
    /// Written as `id` (auto-increment `bigint` primary key).
    pub(crate) id: bool,
    /// Written with `primary_key = true`.
    pub(crate) primary_key: bool,
    /// A single-column foreign key written on the column, with whether the referenced key is
    /// the target's primary key and whether the column's type can be left to inference.
    pub(crate) foreign_key: Option<ColumnReference<'a>>,
    /// A single-column unique constraint written on the column.
    pub(crate) unique: Option<&'a UniqueConstraint>,
}

/// A foreign key written with `references` on its column.
pub(crate) struct ColumnReference<'a> {
    pub(crate) key: &'a ForeignKey,
    /// The key references the target's single-column primary key (no `referenced_column`).
    pub(crate) to_primary_key: bool,
    /// The referenced column has the same type (no `type`).
    pub(crate) same_type: bool,
}

/// The value of `columns.<name> = ...`.
pub(crate) fn column_value(plan: &ColumnPlan<'_>) -> String {
    let column = plan.column;
    let (type_text, native) = match &column.column_type {
        ColumnType::Native { base, types } => (base.as_deref().map(type_text), Some(types)),
        other => (Some(type_text(other)), None),
    };
    let type_text = if plan.id {
        Some("id".to_string())
    } else {
        type_text
    };
    let omit_type = plan
        .foreign_key
        .as_ref()
        .is_some_and(|reference| reference.same_type)
        && native.is_none();
    let shorthand = !plan.primary_key
        && plan.foreign_key.is_none()
        && plan.unique.is_none()
        && native.is_none()
        && column.default.is_none()
        && column.comment.is_none()
        && column.collation.is_none()
        && column.renamed_from.is_none()
        && (!column.auto_increment || plan.id);
    if shorthand && let Some(type_text) = &type_text {
        let marker = if column.nullable { "?" } else { "" };
        return string(&format!("{type_text}{marker}"));
    }
    let mut entries: Vec<(String, String)> = Vec::new();
    if !omit_type && let Some(type_text) = &type_text {
        entries.push(("type".into(), string(type_text)));
    }
    if let Some(types) = native {
        let spellings: Vec<(String, String)> = types
            .iter()
            .map(|(dialect, spelling)| (super::toml_text::key(dialect), string(spelling)))
            .collect();
        entries.push(("native".into(), inline_table(&spellings)));
    }
    if column.nullable {
        entries.push(("nullable".into(), "true".into()));
    }
    if column.auto_increment && !plan.id {
        entries.push(("auto_increment".into(), "true".into()));
    }
    if plan.primary_key {
        entries.push(("primary_key".into(), "true".into()));
    }
    if let Some(default) = &column.default {
        entries.push(("default".into(), default_value(default)));
    }
    if let Some(unique) = plan.unique {
        entries.push(("unique".into(), "true".into()));
        if unique.name != naming::unique_name(plan.table, std::slice::from_ref(&column.name)) {
            entries.push(("unique_name".into(), string(&unique.name)));
        }
    }
    if let Some(reference) = &plan.foreign_key {
        let key = reference.key;
        entries.push(("references".into(), string(&key.referenced_table)));
        if !reference.to_primary_key {
            entries.push((
                "referenced_column".into(),
                string(&key.referenced_columns[0]),
            ));
        }
        if key.on_delete != ReferentialAction::NoAction {
            entries.push(("on_delete".into(), string(key.on_delete.keyword())));
        }
        if key.on_update != ReferentialAction::NoAction {
            entries.push(("on_update".into(), string(key.on_update.keyword())));
        }
        if key.name != naming::foreign_key_name(plan.table, &key.columns) {
            entries.push(("foreign_key_name".into(), string(&key.name)));
        }
    }
    if let Some(collation) = &column.collation {
        entries.push(("collation".into(), string(collation)));
    }
    if let Some(old) = &column.renamed_from {
        entries.push(("renamed_from".into(), string(old)));
    }
    if let Some(comment) = &column.comment {
        entries.push(("comment".into(), string(comment)));
    }
    inline_table(&entries)
}

/// The `schema.toml` spelling of a (non-native) type, quoting enum values where needed.
pub(crate) fn type_text(column_type: &ColumnType) -> String {
    match column_type {
        ColumnType::Enum { values } => {
            let values: Vec<String> = values.iter().map(|value| enum_value(value)).collect();
            format!("enum({})", values.join(", "))
        }
        other => other.to_string(),
    }
}

/// An enum value, in quotes when it would not read back unquoted.
fn enum_value(value: &str) -> String {
    let plain = !value.is_empty()
        && value.trim() == value
        && !value.starts_with(['\'', '"'])
        && !value.contains([',', '(', ')', '?']);
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "''"))
    }
}
