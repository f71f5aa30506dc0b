//! DBK007: a column that holds several values (`tags`, `*_list`, a text documented as a list).

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::{foreign_key_columns, is_text};
use crate::rule::{Issue, Rule};
use crate::words::{singular, words};

/// Names that hold several values.
const LIST_NAMES: &[&str] = &["tags", "keywords", "labels"];
/// Name endings that hold several values.
const LIST_SUFFIXES: &[&str] = &["_list", "_csv", "_ids", "_array"];
/// Comment phrases that describe a list.
const LIST_PHRASES: &[&str] = &[
    "comma-separated",
    "comma separated",
    "semicolon-separated",
    "semicolon separated",
    "separated by",
    "list of",
    "multiple values",
];

pub(crate) static RULE: Rule = Rule {
    code: "DBK007",
    name: "multi-valued-column",
    summary: "a column that holds a list of values (tags, *_list, text documented as a list)",
    explanation: "A column that holds several values (\"red,green,blue\") breaks first normal form. The database \
        cannot check each value, reference it with a foreign key, index it or count it; every query has to split \
        the text; and two spellings of one list mean the same thing. Store one value per row: a child table, or a \
        many-to-many relationship with a table of the values. dbkit reports text and JSON columns named tags, \
        keywords or labels, or ending in _list, _csv, _ids or _array, and text columns whose comment describes a list \
        (\"comma-separated\", \"list of\", \"separated by\").",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let keys = foreign_key_columns(table);
        for column in &table.columns {
            if !is_text(&column.column_type) || keys.contains(&column.name.as_str()) {
                continue;
            }
            let lower = column.name.to_ascii_lowercase();
            let last = words(&lower)
                .last()
                .copied()
                .unwrap_or_default()
                .to_string();
            let reason = if LIST_NAMES.contains(&last.as_str()) {
                Some(format!("its name \"{}\" is plural", column.name))
            } else if let Some(suffix) =
                LIST_SUFFIXES.iter().find(|suffix| lower.ends_with(*suffix))
            {
                Some(format!("its name ends in \"{suffix}\""))
            } else {
                let comment = column.comment.as_deref().unwrap_or_default().to_lowercase();
                LIST_PHRASES
                    .iter()
                    .find(|phrase| comment.contains(*phrase))
                    .map(|phrase| format!("its comment says \"{phrase}\""))
            };
            let Some(reason) = reason else { continue };
            let item = LIST_SUFFIXES
                .iter()
                .find_map(|suffix| lower.strip_suffix(suffix))
                .map_or_else(|| singular(&lower), ToString::to_string);
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!("{}.{} holds a list of values in one column ({reason})", table.name, column.name),
                format!(
                    "store one {item} per row: a table \"{}_{}\" referencing {}, or a many_to_many relationship with a table of {}s",
                    singular(&table.name),
                    crate::words::plural(&item),
                    table.name,
                    item
                ),
            ));
        }
    }
    issues
}
