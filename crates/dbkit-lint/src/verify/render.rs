//! The checklist for people (text) and for programs (JSON).

use std::fmt::Write;

use serde::Serialize;

use super::report::{Check, Report, RowCount, Status};
use crate::render::wrap;

/// The checklist as text: a heading per check, one line per item with its mark (`✓`, `!`,
/// `✗`), the evidence under it, and for items that did not pass the reason (`why:`) and the fix
/// (`fix:`); then a count of failures, warnings and passes.
pub fn render_report_text(report: &Report) -> String {
    let mut out = format!("Verifying {} ({})\n", report.database, report.server);
    let mut heading = None;
    for check in &report.checks {
        if heading != Some(check.kind) {
            heading = Some(check.kind);
            let _ = write!(out, "\n{}\n", check.kind.title());
        }
        write_check(&mut out, check);
    }
    let passes = report.checks.len() - report.failures() - report.warnings();
    let _ = writeln!(
        out,
        "\nverify: {} failed, {} warning{}, {} passed",
        report.failures(),
        report.warnings(),
        if report.warnings() == 1 { "" } else { "s" },
        passes
    );
    out
}

fn write_check(out: &mut String, check: &Check) {
    out.push_str(&wrap(
        &format!("  {} ", check.status.mark()),
        "    ",
        &check.message,
    ));
    for detail in &check.details {
        out.push_str(&wrap("      ", "        ", detail));
    }
    if check.status != Status::Pass {
        if let Some(reason) = &check.reason {
            out.push_str(&wrap("    why: ", "         ", reason));
        }
        if let Some(fix) = &check.fix {
            out.push_str(&wrap("    fix: ", "         ", fix));
        }
    }
}

/// The checklist as a JSON document: `{"database", "server", "passed", "failures",
/// "warnings", "checks": [...], "row_counts": [...]}`.
pub fn render_report_json(report: &Report) -> String {
    #[derive(Serialize)]
    struct Document<'a> {
        database: &'a str,
        server: &'a str,
        passed: bool,
        failures: usize,
        warnings: usize,
        checks: &'a [Check],
        row_counts: &'a [RowCount],
    }
    let document = Document {
        database: &report.database,
        server: &report.server,
        passed: report.passed(),
        failures: report.failures(),
        warnings: report.warnings(),
        checks: &report.checks,
        row_counts: &report.row_counts,
    };
    serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verify::report::CheckKind;

    fn report() -> Report {
        Report {
            database: "sqlite://library.sqlite3".to_string(),
            server: "SQLite 3.46.0".to_string(),
            checks: vec![
                Check::pass(CheckKind::Orphans, "no row references a missing row"),
                Check::fail(
                    CheckKind::Duplicates,
                    "members.uq_members_email",
                    "members (email): 1 value appears in more than one row",
                    "no unique key",
                    "add one",
                )
                .with_details(vec!["email = a@example.org (2 rows)".to_string()]),
            ],
            row_counts: vec![RowCount {
                table: "members".to_string(),
                rows: 2,
                in_schema: true,
            }],
        }
    }

    #[test]
    fn text_marks_each_item_and_explains_failures_only() {
        let text = render_report_text(&report());
        assert_eq!(
            text,
            "Verifying sqlite://library.sqlite3 (SQLite 3.46.0)\n\
             \nNo orphan rows\n  ✓ no row references a missing row\n\
             \nNo duplicates where values must be unique\n\
             \x20 ✗ members (email): 1 value appears in more than one row\n\
             \x20     email = a@example.org (2 rows)\n\
             \x20   why: no unique key\n\
             \x20   fix: add one\n\
             \nverify: 1 failed, 0 warnings, 1 passed\n"
        );
    }

    #[test]
    fn json_carries_the_verdict_the_items_and_the_counts() {
        let json: serde_json::Value =
            serde_json::from_str(&render_report_json(&report())).unwrap_or_default();
        assert_eq!(json["passed"], false);
        assert_eq!(json["failures"], 1);
        assert_eq!(json["checks"][1]["kind"], "duplicates");
        assert_eq!(json["checks"][1]["status"], "fail");
        assert_eq!(json["checks"][0].get("fix"), None);
        assert_eq!(json["row_counts"][0]["rows"], 2);
    }
}
