//! Every lint rule, one per file, in code order.

mod boolean_name;
mod column_name;
mod date_name;
mod duplicated_referenced_column;
mod foreign_key_name;
mod json_in_key;
mod junction_name;
mod junction_without_unique_pair;
mod missing_primary_key;
mod money_in_float;
mod multi_valued_column;
mod natural_primary_key;
mod not_bcnf;
mod not_third_normal_form;
mod one_to_one_without_unique;
mod repeating_group;
mod reserved_word;
mod table_name;
mod timestamp_name;
mod unindexed_foreign_key;
mod varchar_foreign_key;

use crate::rule::Rule;

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &missing_primary_key::RULE,
    &natural_primary_key::RULE,
    &unindexed_foreign_key::RULE,
    &one_to_one_without_unique::RULE,
    &junction_without_unique_pair::RULE,
    &repeating_group::RULE,
    &multi_valued_column::RULE,
    &table_name::RULE,
    &column_name::RULE,
    &foreign_key_name::RULE,
    &boolean_name::RULE,
    &timestamp_name::RULE,
    &date_name::RULE,
    &junction_name::RULE,
    &money_in_float::RULE,
    &json_in_key::RULE,
    &varchar_foreign_key::RULE,
    &reserved_word::RULE,
    &duplicated_referenced_column::RULE,
    &not_third_normal_form::RULE,
    &not_bcnf::RULE,
];

/// The rule with this code (ignoring letter case) or name.
pub fn find_rule(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .copied()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_in_order() {
        for (index, rule) in RULES.iter().enumerate() {
            assert_eq!(rule.code, format!("DBK{:03}", index + 1));
            assert!(
                RULES[..index]
                    .iter()
                    .all(|earlier| earlier.name != rule.name)
            );
            assert!(
                crate::words::is_snake_case(&rule.name.replace('-', "_")),
                "{}",
                rule.name
            );
            assert!(!rule.explanation.is_empty() && !rule.summary.is_empty());
        }
        assert_eq!(
            find_rule("dbk001").map(|rule| rule.name),
            Some("missing-primary-key")
        );
        assert_eq!(
            find_rule("money-in-float").map(|rule| rule.code),
            Some("DBK015")
        );
    }
}
