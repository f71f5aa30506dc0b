//! The generated MySQL / MariaDB scripts, run on a real MariaDB server.
//!
//! The server is `DBKIT_TEST_MYSQL_URL`, by default `mysql://root@127.0.0.1:3306`. Each test
//! works in a database of its own; a server that does not answer fails the tests.

#[macro_use]
#[path = "common.rs"]
mod common;

use dbkit_tests::{Database, MariaDb};

database_tests!(MariaDb::scratch);

/// The mysql driver reads a multi-statement text one result set at a time; an error in a later
/// statement must still reach the test, with the statement's number.
#[test]
fn an_error_late_in_a_script_is_reported() {
    let mut db = MariaDb::scratch("late_error");
    let outcome = db.run_script("CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\nINSERT INTO missing VALUES (1);\nSELECT 1;");
    let error = outcome.expect_err("a script with a failing third statement must fail");
    assert!(
        error.contains("statement 3 of the script failed"),
        "{error}"
    );
    assert!(error.contains("1146"), "{error}");
}

/// Unknown enum values are refused only in strict mode; the session must be strict.
#[test]
fn sessions_run_in_strict_mode() {
    let mut db = MariaDb::scratch("strict");
    let rows = db
        .query("SELECT @@SESSION.sql_mode")
        .unwrap_or_else(|rejection| panic!("{rejection}"));
    let mode = rows
        .first()
        .and_then(|row| row.first().cloned().flatten())
        .unwrap_or_default();
    assert!(
        mode.contains("STRICT_TRANS_TABLES") || mode.contains("STRICT_ALL_TABLES"),
        "sql_mode: {mode}"
    );
}
