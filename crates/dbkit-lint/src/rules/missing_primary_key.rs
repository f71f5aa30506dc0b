//! DBK001: a table without a primary key.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK001",
    name: "missing-primary-key",
    summary: "a table without a primary key",
    explanation: "A primary key is how one row is told apart from another: without it, duplicate rows cannot be \
        prevented, a single row cannot be updated or deleted reliably, no other table can reference the rows, and \
        replication and most tools treat the table as second-class.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    context
        .schema
        .tables
        .iter()
        .filter(|table| table.primary_key.is_none())
        .map(|table| {
            Issue::table(
                &table.name,
                format!("table \"{}\" has no primary key", table.name),
                format!(
                    "add columns.id = \"id\" under [tables.{}] (or primary_key = [...] over the columns that identify a row) and remove no_primary_key = true",
                    table.name
                ),
            )
        })
        .collect()
}
