//! DBK008: table names that are not plural (or singular, as configured) snake case.

use dbkit_model::lint_settings::{LintLevel, TableNumber};

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::{is_plural, is_singular, is_snake_case, plural, singular, to_snake_case};

pub(crate) static RULE: Rule = Rule {
    code: "DBK008",
    name: "table-name",
    summary: "a table name that is not plural snake_case (or as [lint.naming] table_names says)",
    explanation: "One convention for table names makes a schema predictable: you know the name of a table without \
        looking it up, and generated code reads naturally. dbkit expects lower snake_case (the only case every \
        database treats alike: MySQL on Windows and macOS ignores case, PostgreSQL folds unquoted names to lower \
        case) and plural nouns, since a table holds many rows (members, loans). Set [lint.naming] table_names = \
        \"singular\" or \"any\" to follow another convention.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let number = context.naming.table_names;
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let snake = is_snake_case(&table.name);
        let base = if snake {
            table.name.clone()
        } else {
            to_snake_case(&table.name)
        };
        let (number_ok, suggestion, wanted) = match number {
            TableNumber::Plural => (is_plural(&base), plural(&base), "plural "),
            TableNumber::Singular => (is_singular(&base), singular(&base), "singular "),
            TableNumber::Any => (true, base.clone(), ""),
        };
        if snake && number_ok {
            continue;
        }
        issues.push(Issue::table(
            &table.name,
            format!(
                "table \"{}\" is not named in {wanted}snake_case",
                table.name
            ),
            format!("rename it to \"{suggestion}\""),
        ));
    }
    issues
}
