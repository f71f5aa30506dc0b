//! DBK018: a table or column named with a reserved word of a target dialect.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::{plural, singular};

pub(crate) static RULE: Rule = Rule {
    code: "DBK018",
    name: "reserved-word",
    summary: "a table or column named with a reserved word of a target dialect",
    explanation: "dbkit quotes every name in the SQL it writes, so a reserved word works there; but every statement \
        written by hand, in a report tool or in another program must quote it too, in that database's own way \
        (`condition` on MySQL, \"user\" on PostgreSQL), or it fails with a syntax error far from its cause. dbkit \
        checks the reserved words of the dialects in [project] dialects (all built-in ones when empty): MySQL 8.0, \
        PostgreSQL and SQLite, from their manuals. A name kept on purpose can be listed in \
        [lint.naming] allowed_reserved_words.",
    default_level: LintLevel::Warn,
    check,
};

/// A table name near `name` that no target dialect reserves: its plural, or `<name>_entries`.
fn unreserved_table_name(context: &Context<'_>, name: &str) -> String {
    let plural = plural(name);
    if plural != name
        && !context
            .dialects
            .iter()
            .any(|dialect| dialect.is_reserved(&plural))
    {
        plural
    } else {
        format!("{}_entries", singular(name))
    }
}

fn check(context: &Context<'_>) -> Vec<Issue> {
    let allowed = &context.schema.lint.naming.allowed_reserved_words;
    let reserved_in = |name: &str| -> Vec<&'static str> {
        if allowed.iter().any(|word| word.eq_ignore_ascii_case(name)) {
            return Vec::new();
        }
        context
            .dialects
            .iter()
            .filter(|dialect| dialect.is_reserved(name))
            .map(|dialect| dialect.title())
            .collect()
    };
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let dialects = reserved_in(&table.name);
        if !dialects.is_empty() {
            issues.push(Issue::table(
                &table.name,
                format!(
                    "table \"{}\" is named with a reserved word of {}",
                    table.name,
                    dialects.join(", ")
                ),
                format!(
                    "rename it, as in \"{}\", or to a more specific noun",
                    unreserved_table_name(context, &table.name)
                ),
            ));
        }
        for column in &table.columns {
            let dialects = reserved_in(&column.name);
            if dialects.is_empty() {
                continue;
            }
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!(
                    "{}.{} is named with a reserved word of {}",
                    table.name,
                    column.name,
                    dialects.join(", ")
                ),
                format!(
                    "rename it, as in \"{}_{}\", so that hand-written SQL needs no quoting",
                    singular(&table.name),
                    column.name
                ),
            ));
        }
    }
    issues
}
