//! A lint rule: its identity, its explanation, its default level and its check.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;

/// One lint rule.
#[derive(Debug)]
pub struct Rule {
    /// The stable code, as in `DBK001`. Codes are never reused.
    pub code: &'static str,
    /// The name, as in `missing-primary-key`; `[lint]` accepts it as well as the code.
    pub name: &'static str,
    /// What the rule looks for, in a few words.
    pub summary: &'static str,
    /// Why it matters, in a paragraph.
    pub explanation: &'static str,
    /// The level the rule runs at unless `[lint]` says otherwise.
    pub default_level: LintLevel,
    /// Looks for the problem in the schema.
    pub(crate) check: fn(&Context<'_>) -> Vec<Issue>,
}

/// One problem found by a rule, before the rule's code and level are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    /// The table concerned.
    pub(crate) table: String,
    /// The column concerned, if any.
    pub(crate) column: Option<String>,
    /// The one-line message.
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) fix: String,
    /// A `schema.toml` fragment that fixes it, if there is one.
    pub(crate) fragment: Option<String>,
}

impl Issue {
    /// An issue of a table.
    pub(crate) fn table(table: &str, message: String, fix: String) -> Self {
        Issue {
            table: table.to_string(),
            column: None,
            message,
            fix,
            fragment: None,
        }
    }

    /// An issue of one column.
    pub(crate) fn column(table: &str, column: &str, message: String, fix: String) -> Self {
        Issue {
            table: table.to_string(),
            column: Some(column.to_string()),
            message,
            fix,
            fragment: None,
        }
    }
}
