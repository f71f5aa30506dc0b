//! `dbkit verify`: the checklist that proves a live database behaves as `schema.toml` designs
//! it.
//!
//! [`verify`] runs these checks, in this order, and returns a [`Report`]:
//!
//! 1. foreign keys are enforced: every table uses InnoDB (MySQL/MariaDB, where MyISAM and Aria
//!    throw foreign keys away) and `foreign_key_checks` is on; the connection has
//!    `PRAGMA foreign_keys` on and the library's default (SQLite); no foreign-key trigger is
//!    disabled and no constraint is `NOT VALID` (PostgreSQL);
//! 2. CHECK constraints are enforced by this server version (MariaDB from 10.2.1, MySQL from
//!    8.0.16) and on this connection;
//! 3. every foreign key, unique constraint and CHECK of `schema.toml` exists, by name and
//!    columns;
//! 4. no orphan rows (an anti-join per foreign key);
//! 5. no duplicates where `schema.toml` wants values unique (`GROUP BY ... HAVING COUNT(*) > 1`);
//! 6. one-to-one relationships are unique and hold at most one row per referenced row;
//! 7. the row count of every table;
//! 8. the drift between `schema.toml` and the database ([`dbkit_model::diff()`] against the
//!    database read by [`dbkit_db::introspect`]).
//!
//! Verify never changes data. The probes that must write (a row that breaks a CHECK, a row
//! with a missing parent on SQLite) do so on temporary tables that verify creates and drops.
//! Everything else runs inside a read-only transaction (`START TRANSACTION READ ONLY`,
//! `BEGIN ... READ ONLY`, SQLite's `PRAGMA query_only`) that is rolled back at the end, so the
//! checks also see one consistent moment of the database.
//!
//! ```
//! use dbkit_db::{DatabaseUrl, connect};
//! use dbkit_model::{ParseOptions, parse_schema};
//!
//! let source = "[tables.members]\ncolumns.id = \"id\"\ncolumns.email = { type = \"varchar(255)\", unique = true }\n";
//! let schema = parse_schema(source, "schema.toml", &ParseOptions::default()).map_err(|e| e.to_string())?;
//! let mut connection = connect(&DatabaseUrl::parse("sqlite::memory:")?)?;
//! connection.execute_statements(&[
//!     "CREATE TABLE members (id INTEGER PRIMARY KEY AUTOINCREMENT, email VARCHAR(255) NOT NULL)",
//!     "INSERT INTO members (email) VALUES ('a@example.org'), ('a@example.org')",
//! ])?;
//! let report = dbkit_lint::verify::verify(&mut connection, &schema)?;
//! assert!(!report.passed());
//! assert!(dbkit_lint::verify::render_report_text(&report).contains("✗ members (email)"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod check_enforcement;
mod constraints_exist;
mod drift;
mod duplicates;
mod engines;
mod error;
mod foreign_key_triggers;
mod live;
mod one_to_one;
mod orphans;
mod probe;
mod render;
mod report;
mod row_counts;
mod server;
mod sql;
mod sqlite_foreign_keys;

pub use error::VerifyError;
pub use render::{render_report_json, render_report_text};
pub use report::{Check, CheckKind, Report, RowCount, Status};

use dbkit_db::introspect::{introspect, stored_form};
use dbkit_db::{Backend, Connection};
use dbkit_model::Schema;

use live::{Live, ReadOnly};
use server::Server;

/// Verifies the database `connection` is connected to against `design` (the parsed
/// `schema.toml`).
///
/// The connection must not be inside a transaction. It is left as it was found: the
/// temporary tables of the probes are dropped, the read-only transaction is rolled back, and
/// SQLite's `query_only` setting is restored. A check whose query fails becomes a failed item
/// saying so; only a failure that stops every check (the server version, the transaction, the
/// schema cannot be read) is an error.
pub fn verify(connection: &mut Connection, design: &Schema) -> Result<Report, VerifyError> {
    let server =
        Server::detect(connection).map_err(VerifyError::database("read the server version"))?;
    let backend = connection.backend();
    let mut checks = Vec::new();
    if backend == Backend::Sqlite {
        checks.extend(sqlite_foreign_keys::check(connection));
    }
    checks.push(check_enforcement::check(connection, &server, design));

    let read_only = ReadOnly::begin(connection)
        .map_err(VerifyError::database("start a read-only transaction"))?;
    let result = read_only_checks(connection, design);
    let ended = read_only.end(connection);
    let (mut more, row_counts) = result?;
    ended.map_err(VerifyError::database("roll back the read-only transaction"))?;
    checks.append(&mut more);
    // Stable: within a check, items keep the order they were found in.
    checks.sort_by_key(|check| check.kind);
    Ok(Report {
        database: connection.url().to_string(),
        server: server.to_string(),
        checks,
        row_counts,
    })
}

/// The checks that only read, inside the read-only transaction.
fn read_only_checks(
    connection: &mut Connection,
    design: &Schema,
) -> Result<(Vec<Check>, Vec<RowCount>), VerifyError> {
    let backend = connection.backend();
    let pulled = introspect(connection).map_err(VerifyError::database("read the live schema"))?;
    let design = stored_form(design, backend);
    let mut live = Live::new(connection, design, pulled.schema, pulled.warnings);
    let mut checks = Vec::new();
    match backend {
        Backend::Mysql => checks.extend(engines::check(&mut live)),
        Backend::Postgres => checks.extend(foreign_key_triggers::check(&mut live)),
        Backend::Sqlite => {}
    }
    checks.extend(constraints_exist::check(&live));
    checks.extend(orphans::check(&mut live));
    checks.extend(duplicates::check(&mut live));
    checks.extend(one_to_one::check(&mut live));
    let (row_counts, counted) = row_counts::check(&mut live);
    checks.extend(counted);
    checks.push(drift::check(&live));
    Ok((checks, row_counts))
}
