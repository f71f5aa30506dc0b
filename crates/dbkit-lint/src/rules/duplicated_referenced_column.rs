//! DBK019: a column that copies a column of the table a foreign key references.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::singular;

pub(crate) static RULE: Rule = Rule {
    code: "DBK019",
    name: "duplicated-referenced-column",
    summary: "a column that copies a column of the referenced table (loans.member_email next to loans.member_id)",
    explanation: "When loans has member_id, the member's email is one join away; a member_email column in loans \
        copies members.email into every loan. That is a transitive dependency (loan -> member -> email): when the \
        member changes address, the old one stays in the loans, and the two disagree. Keep each fact in one table \
        and read it through the foreign key. dbkit reports a column named <prefix>_<name> next to a single-column \
        foreign key <prefix>_id (or named after the referenced table) whose table has a column <name>.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let suffix = context.naming.foreign_key_suffix.as_str();
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for key in &table.foreign_keys {
            let ([column], [referenced]) =
                (key.columns.as_slice(), key.referenced_columns.as_slice())
            else {
                continue;
            };
            let Some(target) = context.table(&key.referenced_table) else {
                continue;
            };
            let mut prefixes: Vec<String> = vec![singular(&key.referenced_table)];
            if let Some(stem) = column.strip_suffix(suffix).filter(|stem| !stem.is_empty()) {
                prefixes.push(stem.to_string());
            }
            for other in &table.columns {
                if other.name == *column {
                    continue;
                }
                let copied = prefixes.iter().find_map(|prefix| {
                    let rest = other.name.strip_prefix(&format!("{prefix}_"))?;
                    let exists = target.column(rest).is_some();
                    (exists && rest != referenced).then_some(rest)
                });
                let Some(copied) = copied else { continue };
                issues.push(Issue::column(
                    &table.name,
                    &other.name,
                    format!(
                        "{}.{} copies {}.{copied}, which {}.{column} already leads to: a transitive dependency",
                        table.name, other.name, key.referenced_table, table.name
                    ),
                    format!(
                        "remove {}.{} and read {}.{copied} through the foreign key {column}",
                        table.name, other.name, key.referenced_table
                    ),
                ));
            }
        }
    }
    issues
}
