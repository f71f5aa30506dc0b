//! DBK009: column names that are not snake case.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::{is_snake_case, to_snake_case};

pub(crate) static RULE: Rule = Rule {
    code: "DBK009",
    name: "column-name",
    summary: "a column name that is not snake_case",
    explanation: "Mixed-case or spaced column names must be quoted in every statement on PostgreSQL (which folds \
        unquoted names to lower case) and read differently from one tool to the next. Lower snake_case needs no \
        quoting anywhere and matches the names dbkit generates for constraints and indexes.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for column in table
            .columns
            .iter()
            .filter(|column| !is_snake_case(&column.name))
        {
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!("{}.{} is not named in snake_case", table.name, column.name),
                format!("rename it to \"{}\"", to_snake_case(&column.name)),
            ));
        }
    }
    issues
}
