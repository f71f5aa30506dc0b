//! The counts of a corpus run as the Markdown that `docs/migrations.md` records, and the check
//! that the recorded text is still what a run produces.

use std::collections::{BTreeMap, BTreeSet};

use dbkit_db::Backend;

use super::verdict::{Reason, Verdict};

/// The databases in the order of the table's columns.
pub const BACKENDS: [Backend; 3] = [Backend::Mysql, Backend::Postgres, Backend::Sqlite];

/// Where the generated text starts in the documentation.
pub const BEGIN_MARKER: &str = "<!-- sqldef-corpus: begin (written by the migrate_sqldef test, which fails when it is out of date) -->";
/// Where it ends.
pub const END_MARKER: &str = "<!-- sqldef-corpus: end -->";

/// One case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The database.
    pub backend: Backend,
    /// The YAML file.
    pub file: String,
    /// The case.
    pub name: String,
    /// What happened.
    pub verdict: Verdict,
}

/// A case that fails, and why: the list the test holds and the documentation shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownFailure {
    /// The database.
    pub backend: Backend,
    /// The case's name.
    pub case: &'static str,
    /// Why it fails.
    pub reason: &'static str,
}

#[derive(Debug, Default)]
struct Counts {
    cases: usize,
    pass: usize,
    pass_with_changes: usize,
    fail: usize,
    out_of_scope: BTreeMap<Reason, usize>,
}

/// The Markdown between the markers: the servers, the counts per database and reason, and the
/// known failures.
pub fn markdown(results: &[CaseResult], servers: &str, known: &[KnownFailure]) -> String {
    let mut counts: [Counts; 3] = Default::default();
    for result in results {
        let Some(position) = BACKENDS
            .iter()
            .position(|backend| *backend == result.backend)
        else {
            continue;
        };
        let count = &mut counts[position];
        count.cases += 1;
        match &result.verdict {
            Verdict::Pass { changes, .. } => {
                count.pass += 1;
                if *changes > 0 {
                    count.pass_with_changes += 1;
                }
            }
            Verdict::Fail(_) => count.fail += 1,
            Verdict::OutOfScope { reason, .. } => {
                *count.out_of_scope.entry(*reason).or_default() += 1;
            }
        }
    }
    let reasons: BTreeSet<Reason> = counts
        .iter()
        .flat_map(|count| count.out_of_scope.keys().copied())
        .collect();
    let mut out = format!("Run on {servers}.\n\n");
    out.push_str("| | MySQL/MariaDB | PostgreSQL | SQLite |\n|---|---:|---:|---:|\n");
    let mut row = |label: &str, value: &dyn Fn(&Counts) -> usize| {
        out.push_str(&format!("| {label} |"));
        for count in &counts {
            out.push_str(&format!(" {} |", value(count)));
        }
        out.push('\n');
    };
    row("cases", &|count| count.cases);
    row("**in scope**", &|count| count.pass + count.fail);
    row("pass", &|count| count.pass);
    row("&nbsp;&nbsp;of which migrate a change", &|count| {
        count.pass_with_changes
    });
    row("fail (listed below)", &|count| count.fail);
    row("**out of scope**", &|count| {
        count.out_of_scope.values().sum()
    });
    for reason in &reasons {
        row(&format!("&nbsp;&nbsp;{}", reason.label()), &|count| {
            count.out_of_scope.get(reason).copied().unwrap_or(0)
        });
    }
    let failing: Vec<&KnownFailure> = known
        .iter()
        .filter(|failure| {
            results.iter().any(|result| {
                result.backend == failure.backend
                    && result.name == failure.case
                    && matches!(result.verdict, Verdict::Fail(_))
            })
        })
        .collect();
    if !failing.is_empty() {
        out.push_str("\nThe cases that fail:\n\n| database | case | why |\n|---|---|---|\n");
        for failure in failing {
            let file = results
                .iter()
                .find(|result| result.backend == failure.backend && result.name == failure.case)
                .map(|result| result.file.as_str())
                .unwrap_or_default();
            out.push_str(&format!(
                "| {} | `{}` ({file}) | {} |\n",
                failure.backend.display_name(),
                failure.case,
                failure.reason
            ));
        }
    }
    out
}

/// The text between the markers in `document`, trimmed; `None` when the markers are missing.
pub fn recorded_section(document: &str) -> Option<&str> {
    let start = document.find(BEGIN_MARKER)? + BEGIN_MARKER.len();
    let length = document[start..].find(END_MARKER)?;
    Some(document[start..start + length].trim())
}

/// Every case with its verdict and details, one block each, for reading after a run.
pub fn case_log(results: &[CaseResult]) -> String {
    let mut out = String::new();
    for result in results {
        let (verdict, detail) = match &result.verdict {
            Verdict::Pass { changes, renames } => (
                format!("pass ({changes} changes, {renames} renames declared)"),
                String::new(),
            ),
            Verdict::Fail(detail) => ("FAIL".to_string(), detail.clone()),
            Verdict::OutOfScope { reason, detail } => {
                (format!("out of scope: {}", reason.label()), detail.clone())
            }
        };
        out.push_str(&format!(
            "== {} {} ({}): {verdict}\n",
            result.backend.dialect_name(),
            result.name,
            result.file
        ));
        if !detail.is_empty() {
            out.push_str(&detail);
            out.push('\n');
        }
    }
    out
}
