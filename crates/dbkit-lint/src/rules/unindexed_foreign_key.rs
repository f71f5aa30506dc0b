//! DBK003: a foreign key whose columns no index covers.

use dbkit_model::lint_settings::LintLevel;
use dbkit_model::naming;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK003",
    name: "unindexed-foreign-key",
    summary: "a foreign key without a covering index",
    explanation: "Every delete or key update in the referenced table makes the database look for referencing rows, \
        and most joins follow foreign keys. Without an index that starts with the foreign-key columns, each of those \
        is a full scan of the referencing table, and on PostgreSQL and SQLite (which, unlike MySQL, do not add such \
        an index by themselves) a delete can lock far more than it should. dbkit adds these indexes unless \
        [project] auto_index_foreign_keys = false.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for key in &table.foreign_keys {
            if table.has_index_leading_with(&key.columns) {
                continue;
            }
            let columns = key.columns.join(", ");
            let list: Vec<String> = key
                .columns
                .iter()
                .map(|column| format!("\"{column}\""))
                .collect();
            let mut issue = Issue::column(
                &table.name,
                &key.columns[0],
                format!(
                    "{}.{columns} (foreign key to {}) has no index that starts with it",
                    table.name, key.referenced_table
                ),
                format!(
                    "add indexes.{} = [{}] under [tables.{}], or set auto_index_foreign_keys = true in [project]",
                    naming::index_name(&table.name, &key.columns),
                    list.join(", "),
                    table.name
                ),
            );
            if key.columns.len() > 1 {
                issue.column = None;
            }
            issues.push(issue);
        }
    }
    issues
}
