//! DBK020: a declared functional dependency that breaks 2NF or 3NF.

use dbkit_model::lint_settings::LintLevel;
use dbkit_model::normal_form::NormalForm;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK020",
    name: "not-third-normal-form",
    summary: "a declared functional dependency that breaks 2NF or 3NF",
    explanation: "A table is in third normal form when every column that is not part of a key depends on the key, \
        the whole key, and nothing but the key. A column that depends on part of a composite key (a partial \
        dependency, breaking 2NF) or on another non-key column (a transitive dependency, breaking 3NF) repeats its \
        value in every row that shares the determinant: updating one copy and not the others leaves the data \
        contradicting itself, and the fact cannot be stored until a row of the table exists. dbkit reads the \
        dependencies from functional_dependencies and from the keys, and proposes a decomposition (3NF synthesis) \
        that keeps every dependency checkable.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for analysis in &context.normal_forms {
        let mut first = true;
        for violation in analysis
            .violations
            .iter()
            .filter(|violation| violation.breaks <= NormalForm::Third)
        {
            let mut issue = Issue::column(
                &analysis.table,
                &violation.dependent[0],
                violation.explanation.clone(),
                format!(
                    "move {} to a table keyed by {}, as in the proposed decomposition",
                    violation.dependent.join(", "),
                    violation.determinant.join(", ")
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
