//! DBK002: a natural key (email, username, ISBN, phone) as the primary key.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

/// Column names (or name endings after `_`) that hold natural identifiers.
const NATURAL_KEYS: &[(&str, &str)] = &[
    ("email", "an email address"),
    ("email_address", "an email address"),
    ("username", "a user name"),
    ("user_name", "a user name"),
    ("login", "a login name"),
    ("isbn", "an ISBN"),
    ("isbn10", "an ISBN"),
    ("isbn13", "an ISBN"),
    ("phone", "a phone number"),
    ("phone_number", "a phone number"),
    ("telephone", "a phone number"),
    ("mobile", "a phone number"),
    ("ssn", "a social security number"),
    ("passport_number", "a passport number"),
    ("vin", "a vehicle identification number"),
];

pub(crate) static RULE: Rule = Rule {
    code: "DBK002",
    name: "natural-primary-key",
    summary: "a natural key (email, username, ISBN, phone) as the primary key",
    explanation: "Values that come from the real world change: people change email addresses and phone numbers, \
        user names get renamed, ISBNs are reissued and mistyped. A primary key is copied into every referencing \
        row, so a change must cascade everywhere, and a wide text key makes every index larger. Keep the natural \
        value as a unique column and identify rows with a surrogate key.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let Some(key) = &table.primary_key else {
            continue;
        };
        let [column] = key.columns.as_slice() else {
            continue;
        };
        let lower = column.to_ascii_lowercase();
        let natural = NATURAL_KEYS
            .iter()
            .find(|(name, _)| lower == *name || lower.ends_with(&format!("_{name}")));
        if let Some((_, what)) = natural {
            issues.push(Issue::column(
                &table.name,
                column,
                format!("{}.{column} is the primary key, but {what} is a natural key that can change", table.name),
                format!(
                    "add columns.id = \"id\" as the primary key of \"{}\" and keep {column} with unique = true",
                    table.name
                ),
            ));
        }
    }
    issues
}
