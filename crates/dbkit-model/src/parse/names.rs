//! Checks that every name is unique where the databases need it, short enough for each target,
//! and made of characters every database accepts.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::resolve::{NameKind, NameSpans};
use crate::column_type::ColumnType;
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::schema::Schema;

/// The longest identifier one target dialect accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierLimit {
    /// The dialect's name, for the message.
    pub dialect: String,
    /// The longest identifier it accepts, in bytes.
    pub max_length: usize,
}

/// Reports duplicate constraint and index names, identifiers too long for a target and
/// identifiers some database refuses.
///
/// Constraint and index names must be unique in the whole schema: PostgreSQL keeps indexes (and
/// so unique constraints) in one namespace with tables, and MySQL 8 keeps foreign key and CHECK
/// names per schema. Names are compared ignoring letter case, as MySQL does. A schema that
/// targets MySQL alone needs index, unique and CHECK names unique per table only.
///
/// Tables whose name repeats an earlier table's (already reported) are skipped, so that one
/// mistake gives one message.
pub(crate) fn check_names(
    schema: &Schema,
    spans: &NameSpans,
    limits: &[IdentifierLimit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut repeated: HashSet<usize> = HashSet::new();
    let mysql_only = schema
        .project
        .dialects
        .iter()
        .all(|dialect| dialect == "mysql")
        && !schema.project.dialects.is_empty();
    for (index, table) in schema.tables.iter().enumerate() {
        match seen.entry(table.name.to_lowercase()) {
            Entry::Occupied(_) => {
                repeated.insert(index);
            }
            Entry::Vacant(entry) => {
                entry.insert(format!("table \"{}\"", table.name));
            }
        }
    }
    for (index, table) in schema.tables.iter().enumerate() {
        if repeated.contains(&index) {
            continue;
        }
        let table_span = spans.of(&table.name, NameKind::Table, &table.name);
        check_identifier(&table.name, "table", &table_span, limits, diagnostics);
        for column in &table.columns {
            let span = spans.of(&table.name, NameKind::Column, &column.name);
            check_identifier(&column.name, "column", &span, limits, diagnostics);
        }
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
        let mut objects: Vec<(&str, NameKind)> = type_checks
            .iter()
            .map(|name| (name.as_str(), NameKind::TypeCheck))
            .collect();
        if let Some(key) = &table.primary_key {
            objects.push((&key.name, NameKind::PrimaryKey));
        }
        objects.extend(
            table
                .unique_constraints
                .iter()
                .map(|key| (key.name.as_str(), NameKind::Unique)),
        );
        objects.extend(
            table
                .checks
                .iter()
                .map(|check| (check.name.as_str(), NameKind::Check)),
        );
        objects.extend(
            table
                .foreign_keys
                .iter()
                .map(|key| (key.name.as_str(), NameKind::ForeignKey)),
        );
        objects.extend(
            table
                .indexes
                .iter()
                .map(|index| (index.name.as_str(), NameKind::Index)),
        );
        let mut seen_in_table: HashMap<String, String> = HashMap::new();
        for (name, kind) in objects {
            let owner = format!("{} of table \"{}\"", kind.describe(), table.name);
            let span = spans.of(&table.name, kind, name);
            if name.is_empty() {
                let article = if kind == NameKind::Index { "an" } else { "a" };
                diagnostics.push(
                    Diagnostic::at(
                        span.clone(),
                        format!("the name of {article} {owner} cannot be empty"),
                    )
                    .with_help("give it a name of letters, digits and _"),
                );
                continue;
            }
            // MySQL keeps index names (unique constraints are indexes there) and, on MariaDB,
            // CHECK names per table: a schema for MySQL alone (such as one pulled from it) may
            // repeat them across tables.
            let per_table = mysql_only
                && matches!(
                    kind,
                    NameKind::Index | NameKind::Unique | NameKind::Check | NameKind::TypeCheck
                );
            let seen = if per_table {
                &mut seen_in_table
            } else {
                &mut seen
            };
            match seen.get(&name.to_lowercase()) {
                Some(first) => diagnostics.push(
                    Diagnostic::at(
                        span.clone(),
                        format!("duplicate name \"{name}\": the {owner} has the name of the {first}"),
                    )
                    .with_help(
                        "rename one of them: names of tables, constraints and indexes must be unique in the whole schema, ignoring letter case",
                    ),
                ),
                None => {
                    seen.insert(name.to_lowercase(), owner);
                }
            }
            if spans.is_written(&table.name, kind, name) {
                let what = if kind == NameKind::Index {
                    "index"
                } else {
                    "constraint"
                };
                check_identifier(name, what, &span, limits, diagnostics);
            } else {
                check_length(name, &span, limits, diagnostics);
            }
        }
    }
}

/// Reports an identifier that is too long for a target or that some database refuses.
fn check_identifier(
    name: &str,
    kind: &str,
    span: &Range<usize>,
    limits: &[IdentifierLimit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if name.is_empty() {
        return;
    }
    check_length(name, span, limits, diagnostics);
    if name.ends_with(char::is_whitespace) {
        diagnostics.push(
            Diagnostic::at(
                span.clone(),
                format!("the {kind} name \"{name}\" ends with a space, which MySQL does not allow"),
            )
            .with_help("remove the space at the end of the name"),
        );
    }
    if let Some(control) = name.chars().find(|c| c.is_control()) {
        diagnostics.push(
            Diagnostic::at(
                span.clone(),
                format!(
                    "the {kind} name {name:?} contains the control character {:?}",
                    control
                ),
            )
            .with_help("use only printable characters in names"),
        );
    }
    if let Some(wide) = name.chars().find(|c| u32::from(*c) > 0xFFFF) {
        diagnostics.push(
            Diagnostic::at(
                span.clone(),
                format!(
                    "the {kind} name \"{name}\" contains '{wide}', a character outside the Basic Multilingual Plane, which MySQL does not allow in names"
                ),
            )
            .with_help("remove the character (emoji and other characters above U+FFFF cannot be used)"),
        );
    }
    if matches!(kind, "table" | "index") && name.to_lowercase().starts_with("sqlite_") {
        diagnostics.push(
            Diagnostic::at(
                span.clone(),
                format!("the {kind} name \"{name}\" starts with \"sqlite_\", which SQLite reserves for itself"),
            )
            .with_help("choose a name that does not start with sqlite_"),
        );
    }
}

fn check_length(
    name: &str,
    span: &Range<usize>,
    limits: &[IdentifierLimit],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let too_short: Vec<&IdentifierLimit> = limits
        .iter()
        .filter(|limit| name.len() > limit.max_length)
        .collect();
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
            .with_help(format!(
                "shorten it to at most {} bytes",
                strictest.max_length
            )),
        );
    }
}
