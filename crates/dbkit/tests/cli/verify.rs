//! `dbkit verify` on SQLite files: the checklist as people read it, as JSON, and the exit code.

use super::support::{LIBRARY_SCHEMA, Project};

/// The version of the SQLite library dbkit is built with, which the checklist names.
fn without_sqlite_version(text: &str) -> String {
    text.replace(
        &format!("SQLite {}", rusqlite::version()),
        "SQLite [VERSION]",
    )
}

/// A library database built by `dbkit build --apply`, with a few rows, one of them an orphan
/// written on a connection without foreign keys (as the sqlite3 shell opens one).
fn library_with_an_orphan() -> Project {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["build", "--apply"]).assert_success();
    let connection = rusqlite::Connection::open(project.path().join("dbkit.sqlite3"))
        .unwrap_or_else(|error| panic!("{error}"));
    connection
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO publishers (name) VALUES ('Penguin');
             INSERT INTO books (title, publisher_id) VALUES ('Earthsea', 1);
             INSERT INTO copies (book_id, barcode) VALUES (1, 'C-1'), (7, 'C-ORPHAN');",
        )
        .unwrap_or_else(|error| panic!("{error}"));
    project
}

#[test]
fn the_checklist_reports_an_orphan_and_fails() {
    let project = library_with_an_orphan();
    let before = project.files();
    let run = project.dbkit(&["verify"]);
    run.assert_code(1);
    insta::assert_snapshot!(without_sqlite_version(&run.transcript()));
    assert_eq!(project.files(), before, "verify changed a file");
}

#[test]
fn a_clean_database_passes_and_json_says_so() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["build", "--apply"]).assert_success();
    let run = project.dbkit(&[
        "verify",
        "--url",
        "sqlite://dbkit.sqlite3",
        "--format",
        "json",
    ]);
    run.assert_success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("{error}:\n{}", run.stdout));
    assert_eq!(json["passed"], true, "{}", run.stdout);
    assert_eq!(json["failures"], 0);
    assert_eq!(json["database"], "sqlite://dbkit.sqlite3");
    let kinds: Vec<&str> = json["checks"]
        .as_array()
        .map(|checks| {
            checks
                .iter()
                .filter_map(|check| check["kind"].as_str())
                .collect()
        })
        .unwrap_or_default();
    for kind in [
        "foreign_key_enforcement",
        "check_enforcement",
        "constraints_exist",
        "orphans",
        "duplicates",
        "one_to_one",
        "row_counts",
        "drift",
    ] {
        assert!(kinds.contains(&kind), "no {kind} item in {kinds:?}");
    }
    assert_eq!(json["row_counts"].as_array().map(Vec::len), Some(10));
}

#[test]
fn a_missing_database_file_is_not_created() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&["verify", "--url", "sqlite://missing.sqlite3"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "the SQLite database missing.sqlite3 does not exist; dbkit verify does not create it"
        ),
        "{}",
        run.stderr
    );
    assert!(!project.path().join("missing.sqlite3").exists());
}
