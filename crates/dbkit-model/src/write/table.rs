//! One table as a `[tables.<name>]` section (or a `[relationships.<name>]` section for a
//! junction table that a relationship would produce as it is).
//!
//! Column shorthands are used where they read back to the same model: `references` and
//! `unique = true` on a column for single-column keys, as long as they come in column order
//! before any key written at table level (the order the parser gives them).

use crate::column_type::ColumnType;
use crate::naming;
use crate::schema::{
    ForeignKey, Index, IndexOrigin, ReferentialAction, Schema, Table, TableKind, UniqueConstraint,
};

use super::column::{ColumnPlan, ColumnReference, column_value};
use super::toml_text::{inline_table, key, string, string_list};

/// The section for `table`, without a trailing blank line.
pub(crate) fn write_table(schema: &Schema, table: &Table) -> String {
    if let TableKind::Junction { left, right } = &table.kind
        && let Some(section) = write_relationship(schema, table, left, right)
    {
        return section;
    }
    let mut lines = vec![format!("[tables.{}]", key(&table.name))];
    if let Some(comment) = &table.comment {
        lines.push(format!("comment = {}", string(comment)));
    }
    if let Some(old) = &table.renamed_from {
        lines.push(format!("renamed_from = {}", string(old)));
    }
    for (name, value) in [
        ("engine", &table.options.engine),
        ("charset", &table.options.charset),
        ("collation", &table.options.collation),
    ] {
        if let Some(value) = value {
            lines.push(format!("{name} = {}", string(value)));
        }
    }
    let column_keys = ColumnKeys::choose(schema, table);
    let id_column = id_column(table);
    let single_key = table
        .primary_key
        .as_ref()
        .filter(|key| key.columns.len() == 1)
        .map(|key| key.columns[0].clone());
    for column in &table.columns {
        let plan = ColumnPlan {
            table: &table.name,
            column,
            id: id_column.as_deref() == Some(column.name.as_str()),
            primary_key: single_key.as_deref() == Some(column.name.as_str())
                && id_column.as_deref() != Some(column.name.as_str()),
            foreign_key: column_keys.reference(schema, table, &column.name),
            unique: column_keys.unique(table, &column.name),
        };
        lines.push(format!(
            "columns.{} = {}",
            key(&column.name),
            column_value(&plan)
        ));
    }
    match &table.primary_key {
        Some(primary_key) => {
            if primary_key.columns.len() > 1 {
                lines.push(format!(
                    "primary_key = {}",
                    string_list(&primary_key.columns)
                ));
            }
            if primary_key.name != naming::primary_key_name(&table.name) {
                lines.push(format!("primary_key_name = {}", string(&primary_key.name)));
            }
        }
        None => lines.push("no_primary_key = true".to_string()),
    }
    for unique in &table.unique_constraints[column_keys.uniques..] {
        lines.push(format!(
            "unique.{} = {}",
            key(&unique.name),
            string_list(&unique.columns)
        ));
    }
    for check in &table.checks {
        lines.push(format!(
            "checks.{} = {}",
            key(&check.name),
            string(&check.expression)
        ));
    }
    let auto_indexes = schema.project.auto_index_foreign_keys;
    for index in &table.indexes {
        if index.origin == IndexOrigin::ForeignKey && auto_indexes {
            continue;
        }
        lines.push(format!(
            "indexes.{} = {}",
            key(&index.name),
            index_value(index)
        ));
    }
    for foreign_key in &table.foreign_keys[column_keys.foreign_keys..] {
        lines.push(format!(
            "foreign_keys.{} = {}",
            key(&foreign_key.name),
            foreign_key_value(schema, foreign_key)
        ));
    }
    if !table.functional_dependencies.is_empty() {
        let written: Vec<String> = table
            .functional_dependencies
            .iter()
            .map(ToString::to_string)
            .collect();
        lines.push(format!(
            "functional_dependencies = {}",
            string_list(&written)
        ));
    }
    lines.join("\n")
}

/// The column written as `id`: the single-column auto-increment `bigint` primary key.
fn id_column(table: &Table) -> Option<String> {
    let key = table
        .primary_key
        .as_ref()
        .filter(|key| key.columns.len() == 1)?;
    let column = table.column(&key.columns[0])?;
    let referenced = table
        .foreign_keys
        .iter()
        .any(|foreign_key| foreign_key.columns.contains(&column.name));
    (column.column_type == ColumnType::BigInt
        && column.auto_increment
        && !column.nullable
        && column.default.is_none()
        && !referenced)
        .then(|| column.name.clone())
}

/// How many of a table's unique constraints and foreign keys are written on their columns:
/// the longest run at the start that is single-column and in column order.
struct ColumnKeys {
    uniques: usize,
    foreign_keys: usize,
    unique_columns: Vec<String>,
    reference_columns: Vec<String>,
}

impl ColumnKeys {
    fn choose(schema: &Schema, table: &Table) -> ColumnKeys {
        let position = |name: &str| table.columns.iter().position(|column| column.name == name);
        let prefix = |keys: Vec<(&[String], bool)>| -> Vec<String> {
            let mut chosen: Vec<String> = Vec::new();
            let mut last = None;
            for (columns, allowed) in keys {
                let [column] = columns else { break };
                let Some(at) = position(column) else { break };
                if !allowed || last.is_some_and(|last| at <= last) {
                    break;
                }
                last = Some(at);
                chosen.push(column.clone());
            }
            chosen
        };
        let unique_columns = prefix(
            table
                .unique_constraints
                .iter()
                .map(|key: &UniqueConstraint| (key.columns.as_slice(), true))
                .collect(),
        );
        let reference_columns = prefix(
            table
                .foreign_keys
                .iter()
                .map(|key| {
                    (
                        key.columns.as_slice(),
                        column_reference_allowed(schema, table, key),
                    )
                })
                .collect(),
        );
        ColumnKeys {
            uniques: unique_columns.len(),
            foreign_keys: reference_columns.len(),
            unique_columns,
            reference_columns,
        }
    }

    fn unique<'t>(&self, table: &'t Table, column: &str) -> Option<&'t UniqueConstraint> {
        let position = self
            .unique_columns
            .iter()
            .position(|chosen| chosen == column)?;
        table.unique_constraints.get(position)
    }

    fn reference<'t>(
        &self,
        schema: &'t Schema,
        table: &'t Table,
        column: &str,
    ) -> Option<ColumnReference<'t>> {
        let position = self
            .reference_columns
            .iter()
            .position(|chosen| chosen == column)?;
        let key = &table.foreign_keys[position];
        let target = schema.table(&key.referenced_table)?;
        let to_primary_key = target
            .primary_key
            .as_ref()
            .is_some_and(|primary_key| primary_key.columns == key.referenced_columns);
        let own = table.column(column)?;
        let same_type = target
            .column(&key.referenced_columns[0])
            .is_some_and(|referenced| referenced.column_type == own.column_type);
        Some(ColumnReference {
            key,
            to_primary_key,
            same_type,
        })
    }
}

/// Whether a foreign key can be written with `references` on its column: it has one column,
/// that column is not the `id` column, and its target table exists.
fn column_reference_allowed(schema: &Schema, table: &Table, key: &ForeignKey) -> bool {
    key.columns.len() == 1
        && id_column(table).as_deref() != Some(key.columns[0].as_str())
        && schema.table(&key.referenced_table).is_some()
}

fn index_value(index: &Index) -> String {
    if !index.unique && index.options.is_empty() {
        return string_list(&index.columns);
    }
    let mut entries = vec![("columns".to_string(), string_list(&index.columns))];
    if index.unique {
        entries.push(("unique".into(), "true".into()));
    }
    let options = &index.options;
    if options.fulltext {
        entries.push(("fulltext".into(), "true".into()));
    }
    if !options.prefix_lengths.is_empty() {
        let lengths: Vec<(String, String)> = options
            .prefix_lengths
            .iter()
            .map(|(column, length)| (key(column), length.to_string()))
            .collect();
        entries.push(("prefix_lengths".into(), inline_table(&lengths)));
    }
    if !options.descending.is_empty() {
        entries.push(("descending".into(), string_list(&options.descending)));
    }
    if let Some(predicate) = &options.predicate {
        entries.push(("where".into(), string(predicate)));
    }
    if let Some(method) = &options.method {
        entries.push(("method".into(), string(method)));
    }
    inline_table(&entries)
}

fn foreign_key_value(schema: &Schema, key: &ForeignKey) -> String {
    let mut entries = vec![
        ("columns".to_string(), string_list(&key.columns)),
        ("references".to_string(), string(&key.referenced_table)),
    ];
    let to_primary_key = schema
        .table(&key.referenced_table)
        .and_then(|target| target.primary_key.as_ref())
        .is_some_and(|primary_key| primary_key.columns == key.referenced_columns);
    if !to_primary_key {
        entries.push((
            "referenced_columns".into(),
            string_list(&key.referenced_columns),
        ));
    }
    if key.on_delete != ReferentialAction::NoAction {
        entries.push(("on_delete".into(), string(key.on_delete.keyword())));
    }
    if key.on_update != ReferentialAction::NoAction {
        entries.push(("on_update".into(), string(key.on_update.keyword())));
    }
    inline_table(&entries)
}

/// A junction table as the relationship that produces it, when it is exactly that.
fn write_relationship(schema: &Schema, table: &Table, left: &str, right: &str) -> Option<String> {
    let expected_names = [
        format!("{}_id", naming::singular(left)),
        format!("{}_id", naming::singular(right)),
    ];
    let names = [
        table.columns.first()?.name.clone(),
        table.columns.get(1)?.name.clone(),
    ];
    let primary_key = table.primary_key.as_ref()?;
    let expected_key =
        primary_key.columns == names && primary_key.name == naming::primary_key_name(&table.name);
    let side = |index: usize, target: &str| {
        table.foreign_keys.get(index).is_some_and(|foreign_key| {
            foreign_key.columns == [names[index].clone()]
                && foreign_key.referenced_table == target
                && foreign_key.name == naming::foreign_key_name(&table.name, &foreign_key.columns)
                && foreign_key.on_delete == ReferentialAction::Cascade
                && foreign_key.on_update == ReferentialAction::NoAction
                && schema
                    .table(target)
                    .and_then(|target| target.primary_key.as_ref())
                    .is_some_and(|primary_key| {
                        primary_key.columns == foreign_key.referenced_columns
                    })
        })
    };
    let sides_plain = table.columns[..2].iter().all(|column| {
        !column.nullable
            && column.default.is_none()
            && column.comment.is_none()
            && column.collation.is_none()
    });
    let only_sides = table.foreign_keys.len() == 2
        && table.unique_constraints.is_empty()
        && table.checks.is_empty()
        && table.functional_dependencies.is_empty()
        && table.options.is_empty()
        && table.renamed_from.is_none()
        && table
            .indexes
            .iter()
            .all(|index| index.origin != IndexOrigin::User);
    if !(expected_key && side(0, left) && side(1, right) && sides_plain && only_sides) {
        return None;
    }
    let mut lines = vec![
        format!("[relationships.{}]", key(&table.name)),
        format!("many_to_many = {}", string_list(&[left, right])),
    ];
    if names != expected_names {
        lines.push(format!("column_names = {}", string_list(&names)));
    }
    if let Some(comment) = &table.comment {
        lines.push(format!("comment = {}", string(comment)));
    }
    for column in &table.columns[2..] {
        let plan = ColumnPlan {
            table: &table.name,
            column,
            id: false,
            primary_key: false,
            foreign_key: None,
            unique: None,
        };
        lines.push(format!(
            "columns.{} = {}",
            key(&column.name),
            column_value(&plan)
        ));
    }
    Some(lines.join("\n"))
}
