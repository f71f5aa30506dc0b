//! The `[lint]` table of `schema.toml`: how strict each lint rule is, and the naming convention.
//!
//! ```toml
//! [lint]
//! DBK002 = "off"                    # by code
//! money-in-float = "error"          # or by name
//!
//! [lint.naming]
//! table_names = "plural"            # "plural", "singular" or "any"
//! foreign_key_suffix = "_id"
//! boolean_prefixes = ["is_", "has_", "can_"]
//! timestamp_suffixes = ["_at"]
//! date_suffixes = ["_on", "_date"]
//! allowed_reserved_words = ["condition"]
//! ```
//!
//! The model only reads these settings; which rule names exist is known to the linter, which
//! reports unknown ones with [`RuleSetting::span`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What `[lint]` says about the lint rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintSettings {
    /// One entry per rule written under `[lint]`, in the order written.
    pub rules: Vec<RuleSetting>,
    /// The naming convention the naming rules check.
    pub naming: NamingSettings,
}

impl LintSettings {
    /// The level written for a rule, looked up by its code (`DBK001`) or its name
    /// (`missing-primary-key`); codes are compared ignoring letter case. The last entry wins.
    pub fn level_of(&self, code: &str, name: &str) -> Option<LintLevel> {
        self.rules
            .iter()
            .rev()
            .find(|setting| setting.rule.eq_ignore_ascii_case(code) || setting.rule == name)
            .map(|setting| setting.level)
    }
}

/// The level of one rule, as written under `[lint]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSetting {
    /// The rule's code or name, as written.
    pub rule: String,
    /// The level chosen for it.
    pub level: LintLevel,
    /// Where the rule's key was written in `schema.toml` (byte range), for messages about it.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl PartialEq for RuleSetting {
    /// Two settings are equal when they name the same rule at the same level, wherever written.
    fn eq(&self, other: &Self) -> bool {
        self.rule == other.rule && self.level == other.level
    }
}

impl Eq for RuleSetting {}

/// How a lint rule's findings count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LintLevel {
    /// A finding is an error: `dbkit lint` fails.
    Error,
    /// A finding is a warning: reported, but `dbkit lint` succeeds.
    Warn,
    /// The rule does not run.
    Off,
}

impl LintLevel {
    /// Every level with its `schema.toml` spelling.
    pub const ALL: [(&'static str, LintLevel); 3] = [
        ("error", LintLevel::Error),
        ("warn", LintLevel::Warn),
        ("off", LintLevel::Off),
    ];

    /// The `schema.toml` spelling of this level.
    pub fn keyword(self) -> &'static str {
        match self {
            LintLevel::Error => "error",
            LintLevel::Warn => "warn",
            LintLevel::Off => "off",
        }
    }
}

/// Whether table names should be plural or singular nouns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableNumber {
    /// `members`, `loans` (the default).
    #[default]
    Plural,
    /// `member`, `loan`.
    Singular,
    /// Either.
    Any,
}

impl TableNumber {
    /// Every choice with its `schema.toml` spelling.
    pub const ALL: [(&'static str, TableNumber); 3] = [
        ("plural", TableNumber::Plural),
        ("singular", TableNumber::Singular),
        ("any", TableNumber::Any),
    ];
}

/// The naming convention, from `[lint.naming]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamingSettings {
    /// Whether table names are plural or singular.
    pub table_names: TableNumber,
    /// The suffix of a foreign-key column after the singular of the referenced table (`_id`).
    pub foreign_key_suffix: String,
    /// The prefixes a boolean column starts with (`is_`, `has_`, `can_`).
    pub boolean_prefixes: Vec<String>,
    /// The suffixes a timestamp column ends with (`_at`).
    pub timestamp_suffixes: Vec<String>,
    /// The suffixes a date column ends with (`_on`, `_date`).
    pub date_suffixes: Vec<String>,
    /// Reserved words accepted as names, after a deliberate choice (none by default): dbkit
    /// quotes them everywhere it writes SQL, and hand-written SQL must quote them too.
    #[serde(default)]
    pub allowed_reserved_words: Vec<String>,
}

impl Default for NamingSettings {
    fn default() -> Self {
        let strings = |list: &[&str]| list.iter().map(|text| (*text).to_string()).collect();
        NamingSettings {
            table_names: TableNumber::Plural,
            foreign_key_suffix: "_id".to_string(),
            boolean_prefixes: strings(&["is_", "has_", "can_"]),
            timestamp_suffixes: strings(&["_at"]),
            date_suffixes: strings(&["_on", "_date"]),
            allowed_reserved_words: Vec::new(),
        }
    }
}
