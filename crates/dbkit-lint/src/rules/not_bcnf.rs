//! DBK021: a declared functional dependency that breaks BCNF (in a table that is in 3NF).

use dbkit_model::lint_settings::LintLevel;
use dbkit_model::normal_form::NormalForm;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK021",
    name: "not-bcnf",
    summary: "a declared functional dependency whose determinant is not a key (BCNF)",
    explanation: "Boyce-Codd normal form asks that every determinant be a key. A table in 3NF can miss it when a \
        part of one key depends on something that is not a key (each instructor teaches one course, but the key is \
        student and course): the course of an instructor is then repeated in every enrolment. Splitting the table \
        removes the repetition, but can make a dependency impossible to check with keys alone; dbkit proposes the \
        split and names the dependency it would lose, so that you can choose.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for analysis in &context.normal_forms {
        if analysis.normal_form != NormalForm::Third {
            continue;
        }
        let mut first = true;
        for violation in &analysis.violations {
            let mut issue = Issue::column(
                &analysis.table,
                &violation.dependent[0],
                violation.explanation.clone(),
                format!(
                    "split {} -> {} into its own table, or keep the table in 3NF if the split loses a dependency you need",
                    violation.determinant.join(", "),
                    violation.dependent.join(", ")
                ),
            );
            if first {
                issue.fragment = analysis
                    .decomposition
                    .as_ref()
                    .map(|decomposition| decomposition.fragment.clone());
                first = false;
            }
            issues.push(issue);
        }
    }
    issues
}
