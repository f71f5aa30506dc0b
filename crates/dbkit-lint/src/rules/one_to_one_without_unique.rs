//! DBK004: a foreign key meant to be one-to-one without a UNIQUE constraint.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::one_to_one_hint;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK004",
    name: "one-to-one-without-unique",
    summary: "a one-to-one foreign key without UNIQUE",
    explanation: "A foreign key alone allows any number of referencing rows per referenced row: it is one-to-many. \
        A one-to-one relationship (a member's card, a user's profile) is only one-to-one if the foreign-key column is \
        also unique; otherwise a second card for the same member is accepted and every query that expects one row \
        gets two. dbkit takes a key as meant to be one-to-one when the table's or the column's comment says so \
        (\"one-to-one\", \"1:1\", \"at most one\", \"one card per member\") or when the table is named \
        <singular>_profile(s), _details, _settings, _preferences or _extension after the table it references.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for key in &table.foreign_keys {
            if table.has_unique_key(&key.columns) {
                continue;
            }
            let Some(hint) = one_to_one_hint(table, key) else {
                continue;
            };
            let columns = key.columns.join(", ");
            let fix = match key.columns.as_slice() {
                [column] => format!("add unique = true to {}.{column}", table.name),
                _ => format!(
                    "add unique.one_per_{} = [{}] under [tables.{}]",
                    crate::words::singular(&key.referenced_table),
                    key.columns
                        .iter()
                        .map(|c| format!("\"{c}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    table.name
                ),
            };
            let mut issue = Issue::column(
                &table.name,
                &key.columns[0],
                format!(
                    "{}.{columns} references {} one-to-one ({hint}) but is not unique",
                    table.name, key.referenced_table
                ),
                fix,
            );
            if key.columns.len() > 1 {
                issue.column = None;
            }
            issues.push(issue);
        }
    }
    issues
}
