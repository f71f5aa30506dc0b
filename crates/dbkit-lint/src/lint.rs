//! Running the rules over a schema.

use dbkit_model::Schema;
use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::finding::{Finding, Severity};
use crate::rules::RULES;

/// Runs every rule that `[lint]` does not turn off and returns the findings, ordered by table
/// (in schema order), then by rule code, then by column.
pub fn lint(schema: &Schema) -> Vec<Finding> {
    let context = Context::new(schema);
    let mut findings = Vec::new();
    for rule in RULES {
        let level = schema
            .lint
            .level_of(rule.code, rule.name)
            .unwrap_or(rule.default_level);
        let severity = match level {
            LintLevel::Error => Severity::Error,
            LintLevel::Warn => Severity::Warning,
            LintLevel::Off => continue,
        };
        for issue in (rule.check)(&context) {
            findings.push(Finding {
                code: rule.code,
                rule: rule.name,
                severity,
                table: issue.table,
                column: issue.column,
                message: issue.message,
                explanation: rule.explanation,
                fix: issue.fix,
                fragment: issue.fragment,
            });
        }
    }
    let position = |table: &str| {
        schema
            .tables
            .iter()
            .position(|candidate| candidate.name == table)
    };
    findings.sort_by(|a, b| {
        position(&a.table)
            .cmp(&position(&b.table))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| column_position(schema, a).cmp(&column_position(schema, b)))
    });
    findings
}

fn column_position(schema: &Schema, finding: &Finding) -> Option<usize> {
    let table = schema.table(&finding.table)?;
    let column = finding.column.as_deref()?;
    table
        .columns
        .iter()
        .position(|candidate| candidate.name == column)
}
