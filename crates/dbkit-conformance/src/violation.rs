//! What the conformance kit reports.

use std::fmt;

/// An invariant of the conformance kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The fixtures every database can hold render without error.
    Renders,
    /// Rendering twice gives the same bytes.
    Deterministic,
    /// Each table is created once and dropped once.
    EveryTableCreated,
    /// Nothing is created before what it references, nor dropped while referenced.
    DependencyOrder,
    /// Identifiers that are reserved words never appear unquoted.
    QuotedIdentifiers,
    /// Methods return errors instead of panicking.
    NoPanics,
}

impl Rule {
    /// The rule's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Renders => "renders",
            Rule::Deterministic => "deterministic",
            Rule::EveryTableCreated => "every table created",
            Rule::DependencyOrder => "dependency order",
            Rule::QuotedIdentifiers => "quoted identifiers",
            Rule::NoPanics => "no panics",
        }
    }
}

/// One broken invariant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The fixture it was found with (or `odd input`).
    pub fixture: String,
    /// The invariant.
    pub rule: Rule,
    /// What happened.
    pub message: String,
}

impl Violation {
    /// A violation of `rule` found with `fixture`.
    pub fn new(fixture: &str, rule: Rule, message: String) -> Violation {
        Violation {
            fixture: fixture.to_string(),
            rule,
            message,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} ({}): {}",
            self.rule.name(),
            self.fixture,
            self.message
        )
    }
}
