//! DBK011: boolean columns not named `is_`, `has_` or `can_`.

use dbkit_model::ColumnType;
use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK011",
    name: "boolean-name",
    summary: "a boolean column not named is_/has_/can_",
    explanation: "A boolean named as a question (is_active, has_paid, can_borrow) reads as true or false in every \
        query and cannot be mistaken for a status text or a date (\"active\", \"paid\" could be either). The \
        prefixes are [lint.naming] boolean_prefixes; an empty list turns the convention off.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let prefixes = &context.naming.boolean_prefixes;
    if prefixes.is_empty() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for column in &table.columns {
            if column.column_type != ColumnType::Boolean
                || prefixes
                    .iter()
                    .any(|prefix| column.name.starts_with(prefix.as_str()))
            {
                continue;
            }
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!(
                    "boolean {}.{} does not start with {}",
                    table.name,
                    column.name,
                    prefixes.join(", ")
                ),
                format!(
                    "rename it to \"{}{}\" (or another prefix that reads as a question)",
                    prefixes[0], column.name
                ),
            ));
        }
    }
    issues
}
