//! The generated SQLite scripts, run on SQLite database files.
//!
//! Foreign keys are enforced only on a connection with `PRAGMA foreign_keys = ON`, which the
//! script sets: each test runs the script and its checks on one connection.

#[macro_use]
#[path = "common.rs"]
mod common;

use dbkit_tests::{Database, Sqlite};

database_tests!(|_name: &str| Sqlite::scratch());

/// The script switches foreign keys on for the connection that runs it.
#[test]
fn the_script_switches_foreign_keys_on() {
    let mut db = Sqlite::scratch();
    let before = db
        .foreign_keys_enforced()
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        !before,
        "a scratch connection starts with foreign keys off, as in the sqlite3 shell"
    );
    let scripts = dbkit_tests::example_fixture().scripts(db.dialect());
    db.run_script(&scripts.create.render())
        .unwrap_or_else(|error| panic!("{error}"));
    let after = db
        .foreign_keys_enforced()
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(after, "schema.sql must leave foreign keys on");
}
