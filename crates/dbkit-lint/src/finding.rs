//! What a rule reports.

use serde::Serialize;

/// How much a finding counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// `dbkit lint` fails.
    Error,
    /// Reported; `dbkit lint` still succeeds.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem a rule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code, as in `DBK001`.
    pub code: &'static str,
    /// The rule's name, as in `missing-primary-key`.
    pub rule: &'static str,
    /// The level the rule runs at.
    pub severity: Severity,
    /// The table concerned.
    pub table: String,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    /// What is wrong, in one line that names the table (and column).
    pub message: String,
    /// Why the rule matters, in a paragraph.
    pub explanation: &'static str,
    /// What to change, specific to this finding.
    pub fix: String,
    /// A ready `schema.toml` fragment that fixes the finding, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fragment: Option<String>,
}

/// Whether any finding is an error, so that `dbkit lint` must exit with a failure status.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
}
