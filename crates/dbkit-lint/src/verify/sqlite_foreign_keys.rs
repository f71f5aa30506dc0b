//! SQLite: foreign keys are enforced only on connections that turn them on.
//!
//! `PRAGMA foreign_keys` is a setting of each connection, not of the database file, and off
//! unless the SQLite library was compiled to turn it on (`SQLITE_DEFAULT_FOREIGN_KEYS=1`). The
//! check reads the setting of this connection, tries a row with a missing parent on two
//! temporary tables, and reads how the library here was compiled.

use dbkit_db::Connection;

use super::probe::{Probe, run_probe};
use super::report::{Check, CheckKind};

const KIND: CheckKind = CheckKind::ForeignKeyEnforcement;

const PARENT: &str = "dbkit_verify_parent";
const CHILD: &str = "dbkit_verify_child";

/// Why the setting matters beyond this connection.
const PER_CONNECTION: &str = "SQLite keeps this setting per connection, not in the database \
    file: every program that writes to the database must run PRAGMA foreign_keys = ON right \
    after connecting (the sqlite3 shell, Python's sqlite3 module and PHP's PDO leave it off)";

/// The items for this connection and for the library's default. Runs before the read-only
/// transaction, because the probe creates temporary tables.
pub(crate) fn check(connection: &mut Connection) -> Vec<Check> {
    let setting = match connection.query_rows("PRAGMA foreign_keys") {
        Ok(rows) => rows
            .first()
            .and_then(|row| row.first())
            .cloned()
            .flatten()
            .unwrap_or_default(),
        Err(error) => {
            return vec![Check::not_checked(
                KIND,
                "connection",
                "PRAGMA foreign_keys",
                &error.to_string(),
            )];
        }
    };
    let setup_parent = format!("CREATE TEMP TABLE {PARENT} (id INTEGER PRIMARY KEY)");
    let setup_child =
        format!("CREATE TEMP TABLE {CHILD} (parent_id INTEGER REFERENCES {PARENT} (id))");
    let attempt = format!("INSERT INTO temp.{CHILD} (parent_id) VALUES (1)");
    let drop_child = format!("DROP TABLE IF EXISTS temp.{CHILD}");
    let drop_parent = format!("DROP TABLE IF EXISTS temp.{PARENT}");
    let probe = run_probe(
        connection,
        &[&setup_parent, &setup_child],
        &attempt,
        &[&drop_child, &drop_parent],
    );
    let on = setting.trim() == "1";
    let probe_line = match &probe {
        Probe::Refused(message) => format!(
            "a probe row with a missing parent, on a temporary table, was refused: {message}"
        ),
        Probe::Accepted => {
            "a probe row with a missing parent, on a temporary table, was accepted".to_string()
        }
        Probe::NotRun(message) => {
            format!("the probe on a temporary table could not run: {message}")
        }
    };
    let enforced = match probe {
        Probe::Refused(_) => true,
        Probe::Accepted => false,
        Probe::NotRun(_) => on,
    };
    let mut checks = Vec::new();
    if enforced {
        checks.push(
            Check::pass(
                KIND,
                format!(
                    "this connection enforces foreign keys (PRAGMA foreign_keys = {})",
                    setting.trim()
                ),
            )
            .about("connection")
            .with_details(vec![probe_line, PER_CONNECTION.to_string()]),
        );
    } else {
        checks.push(
            Check::fail(
                KIND,
                "connection",
                format!(
                    "this connection does not enforce foreign keys (PRAGMA foreign_keys = {})",
                    setting.trim()
                ),
                "SQLite checks foreign keys only on connections that turned them on: rows written \
                 on a connection like this one may reference rows that do not exist",
                "run PRAGMA foreign_keys = ON right after opening every connection (outside any \
                 transaction), then look for orphan rows (below, or PRAGMA foreign_key_check)",
            )
            .with_details(vec![probe_line, PER_CONNECTION.to_string()]),
        );
    }
    checks.push(library_default(connection));
    checks
}

/// Whether the SQLite library here turns foreign keys on for new connections.
fn library_default(connection: &mut Connection) -> Check {
    let options = match connection.query_rows("PRAGMA compile_options") {
        Ok(rows) => rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect::<Vec<_>>(),
        Err(error) => {
            return Check::not_checked(
                KIND,
                "library",
                "how SQLite was compiled",
                &error.to_string(),
            );
        }
    };
    let on_by_default = options
        .iter()
        .any(|option| option == "DEFAULT_FOREIGN_KEYS" || option == "DEFAULT_FOREIGN_KEYS=1");
    if on_by_default {
        Check::pass(
            KIND,
            "the SQLite library dbkit uses turns foreign keys on for every new connection \
             (compiled with SQLITE_DEFAULT_FOREIGN_KEYS=1)",
        )
        .about("library")
    } else {
        Check::warn(
            KIND,
            "library",
            "the SQLite library here leaves foreign keys off on new connections (the SQLite default)",
            PER_CONNECTION,
            "run PRAGMA foreign_keys = ON right after opening every connection",
        )
    }
}
