//! DBK013: date columns not ending in `_on` or `_date`.

use dbkit_model::ColumnType;
use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK013",
    name: "date-name",
    summary: "a date column not ending in _on or _date",
    explanation: "Naming every calendar date <event>_on or <event>_date (due_on, birth_date) tells a reader that \
        the column has no time of day, which matters for comparisons (\"due today\") and time zones. The suffixes are \
        [lint.naming] date_suffixes; an empty list turns the convention off.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let suffixes = &context.naming.date_suffixes;
    if suffixes.is_empty() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for column in &table.columns {
            if column.column_type != ColumnType::Date
                || suffixes
                    .iter()
                    .any(|suffix| column.name.ends_with(suffix.as_str()))
            {
                continue;
            }
            let stem = column.name.trim_end_matches("_at").trim_end_matches("_day");
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!(
                    "date {}.{} does not end with {}",
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
