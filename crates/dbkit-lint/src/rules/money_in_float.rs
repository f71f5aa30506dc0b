//! DBK015: money stored in a floating-point column.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::{is_floating_point, is_money_name};
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK015",
    name: "money-in-float",
    summary: "money (price, amount, cost, fee, total, balance, salary) in a floating-point column",
    explanation: "real and double store binary fractions: 0.10 is kept as 0.1000000000000000055511..., \
        so sums drift by fractions of a cent, totals fail to match line items, and equality tests on amounts fail. \
        Money needs an exact type: decimal(p,s) keeps exactly the digits written. dbkit reports real and double \
        columns whose name contains price, amount, cost, fee, total, balance, salary, wage, payment, tax, \
        discount, revenue, charge, budget, refund or deposit.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for column in &table.columns {
            if !is_floating_point(&column.column_type) || !is_money_name(&column.name) {
                continue;
            }
            issues.push(Issue::column(
                &table.name,
                &column.name,
                format!(
                    "{}.{} holds money in the floating-point type {}",
                    table.name, column.name, column.column_type
                ),
                "declare it type = \"decimal(12,2)\" (or the precision the amounts need)"
                    .to_string(),
            ));
        }
    }
    issues
}
