//! Checks that every name is unique where the databases need it and short enough for each target.

use std::collections::HashMap;

use super::resolve::NameSpans;
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::column_type::ColumnType;
use crate::schema::Schema;

/// The longest identifier one target dialect accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierLimit {
    /// The dialect's name, for the message.
    pub dialect: String,
    /// The longest identifier it accepts, in bytes.
    pub max_length: usize,
}

/// Reports duplicate constraint and index names and identifiers too long for a target.
///
/// Constraint and index names must be unique in the whole schema: PostgreSQL keeps indexes (and
/// so unique constraints) in one namespace with tables, and MySQL 8 keeps foreign key and CHECK
/// names per schema. Names are compared ignoring letter case, as MySQL does.
pub(crate) fn check_names(
    schema: &Schema,
    spans: &NameSpans,
    limits: &[IdentifierLimit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for table in &schema.tables {
        seen.insert(table.name.to_lowercase(), format!("table \"{}\"", table.name));
    }
    for table in &schema.tables {
        let mut objects: Vec<(&str, &str)> = Vec::new();
        if let Some(key) = &table.primary_key {
            objects.push((&key.name, "primary key"));
        }
        objects.extend(table.unique_constraints.iter().map(|key| (key.name.as_str(), "unique constraint")));
        objects.extend(table.checks.iter().map(|check| (check.name.as_str(), "check")));
        objects.extend(table.foreign_keys.iter().map(|key| (key.name.as_str(), "foreign key")));
        objects.extend(table.indexes.iter().map(|index| (index.name.as_str(), "index")));
        let type_checks: Vec<String> = table
            .columns
            .iter()
            .filter(|column| {
                matches!(
                    column.column_type,
                    ColumnType::Enum { .. } | ColumnType::Boolean | ColumnType::Json
                )
            })
            .map(|column| naming::type_check_name(&table.name, &column.name))
            .collect();
        objects.extend(type_checks.iter().map(|name| (name.as_str(), "type check")));
        for (name, kind) in objects {
            let owner = format!("{kind} of table \"{}\"", table.name);
            if name.is_empty() {
                diagnostics.push(Diagnostic::at(
                    spans.of(&table.name, name),
                    format!("a {owner} has an empty name"),
                ));
                continue;
            }
            match seen.get(&name.to_lowercase()) {
                Some(first) => diagnostics.push(
                    Diagnostic::at(
                        spans.of(&table.name, name),
                        format!("duplicate name \"{name}\": the {owner} has the name of the {first}"),
                    )
                    .with_help(
                        "rename one of them: names of tables, constraints and indexes must be unique in the whole schema",
                    ),
                ),
                None => {
                    seen.insert(name.to_lowercase(), owner);
                }
            }
            check_length(name, &spans.of(&table.name, name), limits, diagnostics);
        }
        check_length(&table.name, &spans.of(&table.name, &table.name), limits, diagnostics);
        for column in &table.columns {
            check_length(&column.name, &spans.of(&table.name, &column.name), limits, diagnostics);
        }
    }
}

fn check_length(
    name: &str,
    span: &std::ops::Range<usize>,
    limits: &[IdentifierLimit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let too_short: Vec<&IdentifierLimit> = limits.iter().filter(|limit| name.len() > limit.max_length).collect();
    if let Some(strictest) = too_short.iter().min_by_key(|limit| limit.max_length) {
        let dialects: Vec<String> = too_short
            .iter()
            .map(|limit| format!("{} allows {}", limit.dialect, limit.max_length))
            .collect();
        diagnostics.push(
            Diagnostic::at(
                span.clone(),
                format!(
                    "identifier \"{name}\" is {} bytes long, too long for a target dialect ({})",
                    name.len(),
                    dialects.join(", ")
                ),
            )
            .with_help(format!("shorten it to at most {} bytes", strictest.max_length)),
        );
    }
}
