//! DBK012: timestamp columns not ending in `_at`.

use dbkit_model::ColumnType;
use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK012",
    name: "timestamp-name",
    summary: "a timestamp column not ending in _at",
    explanation: "Naming every point in time <event>_at (created_at, borrowed_at) tells a reader the column's type \
        and meaning at once, and keeps timestamps apart from dates (<event>_on) and from flags. The suffixes are \
        [lint.naming] timestamp_suffixes; an empty list turns the convention off.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let suffixes = &context.naming.timestamp_suffixes;
    if suffixes.is_empty() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for column in &table.columns {
            let timestamp = matches!(
                column.column_type,
                ColumnType::Timestamp | ColumnType::TimestampTz
            );
            if !timestamp
                || suffixes
                    .iter()
                    .any(|suffix| column.name.ends_with(suffix.as_str()))
            {
                continue;
            }
            let stem = column
                .name
                .trim_end_matches("_date")
                .trim_end_matches("_time")
                .trim_end_matches("_on");
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!(
                    "timestamp {}.{} does not end with {}",
                    table.name,
                    column.name,
                    suffixes.join(", ")
                ),
                format!("rename it, as in \"{stem}{}\"", suffixes[0]),
            ));
        }
    }
    issues
}
