//! `dbkit pull` and `dbkit diff` on the default SQLite database.

use super::support::{LIBRARY_SCHEMA, Project};

#[test]
fn pull_writes_a_schema_that_builds_and_diff_finds_nothing() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["apply"]).assert_success();
    let run = project.dbkit(&["pull", "--out", "pulled.toml"]);
    run.assert_success();
    assert!(
        run.stdout
            .starts_with("Pulled 10 tables from sqlite://dbkit.sqlite3 into pulled.toml."),
        "{}",
        run.transcript()
    );
    let pulled = project.read("pulled.toml");
    assert!(pulled.contains("[tables.loans]"), "{pulled}");
    project
        .dbkit(&["build", "--schema", "pulled.toml", "--out", "again"])
        .assert_success();

    let run = project.dbkit(&[
        "diff",
        "--from",
        "schema.toml",
        "--to",
        "sqlite://dbkit.sqlite3",
    ]);
    run.assert_success();
    assert_eq!(run.stdout, "No differences.\n");
    let run = project.dbkit(&[
        "diff",
        "--from",
        "pulled.toml",
        "--to",
        "sqlite://dbkit.sqlite3",
    ]);
    run.assert_success();
    assert_eq!(run.stdout, "No differences.\n");
}

#[test]
fn diff_reports_drift_and_fails() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["apply"]).assert_success();
    let connection = rusqlite::Connection::open(project.path().join("dbkit.sqlite3"))
        .unwrap_or_else(|error| panic!("open: {error}"));
    connection
        .execute_batch("ALTER TABLE members ADD COLUMN nickname VARCHAR(50)")
        .unwrap_or_else(|error| panic!("alter: {error}"));
    drop(connection);
    let run = project.dbkit(&[
        "diff",
        "--from",
        "schema.toml",
        "--to",
        "sqlite://dbkit.sqlite3",
    ]);
    run.assert_code(1);
    assert!(run.stdout.contains("nickname"), "{}", run.transcript());
    assert!(
        run.stderr.contains("1 difference found"),
        "{}",
        run.transcript()
    );
    let json = project.dbkit(&[
        "diff",
        "--from",
        "schema.toml",
        "--to",
        "sqlite://dbkit.sqlite3",
        "--format",
        "json",
    ]);
    let changes: serde_json::Value = serde_json::from_str(&json.stdout)
        .unwrap_or_else(|error| panic!("not JSON: {error}\n{}", json.transcript()));
    assert_eq!(changes.as_array().map(Vec::len), Some(1), "{changes}");
}

#[test]
fn pull_does_not_overwrite_a_file() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["apply"]).assert_success();
    let run = project.dbkit(&["pull"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("error: schema.toml already exists; dbkit pull does not overwrite it"),
        "{}",
        run.transcript()
    );
    assert_eq!(project.read("schema.toml"), LIBRARY_SCHEMA);
}
