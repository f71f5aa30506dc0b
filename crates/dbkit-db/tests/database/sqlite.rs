//! SQLite files and in-memory databases.

use dbkit_db::{Backend, DatabaseUrl, DbError, apply_schema, connect, create_database_if_missing};

use super::checks;
use super::support::standard_scripts;

fn temporary_file(name: &str) -> (tempfile::TempDir, DatabaseUrl) {
    let directory =
        tempfile::tempdir().unwrap_or_else(|error| panic!("no temporary folder: {error}"));
    let url = DatabaseUrl::sqlite_file(directory.path().join(name));
    (directory, url)
}

fn open(url: &DatabaseUrl) -> dbkit_db::Connection {
    connect(url).unwrap_or_else(|error| panic!("cannot open {url}: {error}"))
}

#[test]
fn creates_the_file_and_names_its_dialect() {
    let (_directory, url) = temporary_file("new.sqlite3");
    assert_eq!(create_database_if_missing(&url).ok(), Some(true));
    let connection = open(&url);
    assert_eq!(connection.dialect_name(), "sqlite");
    assert_eq!(connection.backend(), Backend::Sqlite);
    assert!(connection.supports_transactional_ddl());
    assert_eq!(create_database_if_missing(&url).ok(), Some(false));
}

#[test]
fn applies_to_a_fresh_file_and_keeps_it() {
    let (_directory, url) = temporary_file("apply.sqlite3");
    checks::applies_to_a_fresh_database(&mut open(&url), &standard_scripts());
    // A second connection sees the committed tables.
    assert_eq!(checks::list(&mut open(&url)), ["members", "order"]);
}

#[test]
fn applies_in_memory() {
    let url = DatabaseUrl::sqlite_memory();
    checks::applies_to_a_fresh_database(&mut open(&url), &standard_scripts());
}

#[test]
fn leaves_out_internal_tables() {
    let url = DatabaseUrl::sqlite_memory();
    let mut connection = open(&url);
    if let Err(error) = connection.execute_statements(&[
        "CREATE TABLE counters (id INTEGER PRIMARY KEY AUTOINCREMENT, n INT)",
        "INSERT INTO counters (n) VALUES (1)",
        "CREATE VIEW not_a_table AS SELECT 1",
    ]) {
        panic!("{error}");
    }
    // AUTOINCREMENT makes SQLite create its internal sqlite_sequence table.
    assert_eq!(checks::list(&mut connection), ["counters"]);
}

#[test]
fn refuses_a_database_that_has_the_tables() {
    let (_directory, url) = temporary_file("refuse.sqlite3");
    checks::refuses_a_database_that_has_the_tables(&mut open(&url), &standard_scripts());
}

#[test]
fn rolls_back_a_failing_schema() {
    let (_directory, url) = temporary_file("rollback.sqlite3");
    checks::rolls_back_a_failing_schema(&mut open(&url), &standard_scripts());
}

#[test]
fn runs_leading_pragmas_before_the_transaction() {
    let url = DatabaseUrl::sqlite_memory();
    let mut connection = open(&url);
    let script = [
        "PRAGMA foreign_keys = ON",
        "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id))",
    ];
    if let Err(error) = apply_schema(&mut connection, &script) {
        panic!("{error}");
    }
    // Foreign keys are enforced: an orphan is rejected.
    match connection.execute_statements(&["INSERT INTO child (id, parent_id) VALUES (1, 42)"]) {
        Err(DbError::Statement { message, .. }) => {
            assert!(message.contains("FOREIGN KEY"), "{message}")
        }
        other => panic!("the orphan should be rejected, got {other:?}"),
    }
}

#[test]
fn reports_the_failing_statement() {
    checks::reports_the_failing_statement(&mut open(&DatabaseUrl::sqlite_memory()));
}

#[test]
fn explains_a_file_that_cannot_be_opened() {
    let (directory, _) = temporary_file("unused");
    let url = DatabaseUrl::sqlite_file(directory.path().join("missing-folder").join("x.sqlite3"));
    match connect(&url) {
        Err(error @ DbError::OpenSqlite { .. }) => {
            assert!(error.to_string().contains("missing-folder"), "{error}");
            assert!(
                error
                    .help()
                    .is_some_and(|help| help.contains("folder exists"))
            );
        }
        other => panic!("opening a file in a missing folder should fail, got {other:?}"),
    }
}
