//! Findings for people (text) and for programs (JSON).

use std::fmt::Write;

use serde::Serialize;

use crate::finding::{Finding, Severity};

/// The widest line of wrapped explanation text.
const WIDTH: usize = 100;

/// The findings as text: per finding, `error[DBK001] missing-primary-key: <message>`, then the
/// rule's explanation (the first time the rule appears), the fix and any proposed fragment; then
/// a count of errors and warnings.
pub fn render_findings_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    let mut explained: Vec<&str> = Vec::new();
    for finding in findings {
        let _ = writeln!(
            out,
            "{}[{}] {}: {}",
            finding.severity.label(),
            finding.code,
            finding.rule,
            finding.message
        );
        if explained.contains(&finding.code) {
            let _ = writeln!(out, "  why: see {} above", finding.code);
        } else {
            explained.push(finding.code);
            out.push_str(&wrap("  why: ", "       ", finding.explanation));
        }
        let _ = writeln!(out, "  fix: {}", finding.fix);
        if let Some(fragment) = &finding.fragment {
            let _ = writeln!(out, "  proposed schema.toml:");
            for line in fragment.lines() {
                let _ = writeln!(out, "{}", format!("    | {line}").trim_end());
            }
        }
        out.push('\n');
    }
    let (errors, warnings) = counts(findings);
    if findings.is_empty() {
        out.push_str("lint: no findings\n");
    } else {
        let _ = writeln!(
            out,
            "lint: {errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
    out
}

/// The findings as a JSON document: `{"findings": [...], "errors": n, "warnings": n}`.
pub fn render_findings_json(findings: &[Finding]) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        findings: &'a [Finding],
        errors: usize,
        warnings: usize,
    }
    let (errors, warnings) = counts(findings);
    let document = Document {
        findings,
        errors,
        warnings,
    };
    serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

fn counts(findings: &[Finding]) -> (usize, usize) {
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    (errors, findings.len() - errors)
}

/// `text` wrapped at [`WIDTH`], the first line after `first`, the others after `rest`.
pub(crate) fn wrap(first: &str, rest: &str, text: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.len() + 1 + word.len() > WIDTH {
            out.push_str(line.trim_end());
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_long_text_under_a_hanging_indent() {
        let text = "word ".repeat(40);
        let wrapped = wrap("  why: ", "       ", &text);
        assert!(wrapped.lines().all(|line| line.len() <= WIDTH));
        assert!(
            wrapped
                .lines()
                .skip(1)
                .all(|line| line.starts_with("       word"))
        );
        assert_eq!(
            wrapped
                .split_whitespace()
                .filter(|word| *word == "word")
                .count(),
            40
        );
    }
}
