//! Checking the rule names written under `[lint]`.

use dbkit_model::suggest::did_you_mean;
use dbkit_model::{Diagnostic, Diagnostics, Schema};

use crate::rules::{RULES, find_rule};

/// Reports every rule under `[lint]` that is neither a rule code nor a rule name, pointing at
/// it in `source` (the text of `file`) with the closest name as a suggestion.
pub fn check_settings(schema: &Schema, file: &str, source: &str) -> Result<(), Diagnostics> {
    let known = RULES.iter().flat_map(|rule| [rule.code, rule.name]);
    let list: Vec<Diagnostic> = schema
        .lint
        .rules
        .iter()
        .filter(|setting| find_rule(&setting.rule).is_none())
        .map(|setting| {
            let help = did_you_mean(&setting.rule, known.clone()).unwrap_or_else(|| {
                format!(
                    "name a rule by its code ({} to {}) or its name, as in {}",
                    RULES[0].code,
                    RULES[RULES.len() - 1].code,
                    RULES[0].name
                )
            });
            Diagnostic::at(
                setting.span.clone(),
                format!("unknown lint rule \"{}\" in [lint]", setting.rule),
            )
            .with_help(help)
        })
        .collect();
    if list.is_empty() {
        return Ok(());
    }
    Err(Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        list,
    })
}
