//! CHECK constraints are enforced: by this server version (MariaDB from 10.2.1, MySQL from
//! 8.0.16; PostgreSQL and SQLite always), and in fact, by a probe row that breaks a CHECK on a
//! temporary table. The probe also catches what the version cannot tell: MariaDB's
//! `check_constraint_checks = OFF` and SQLite's `PRAGMA ignore_check_constraints = ON`.

use dbkit_db::{Backend, Connection};
use dbkit_model::Schema;

use super::probe::{Probe, run_probe};
use super::report::{Check, CheckKind, plural};
use super::server::{Product, Server};

const KIND: CheckKind = CheckKind::CheckEnforcement;

const PROBE_TABLE: &str = "dbkit_verify_check_probe";

/// The item for CHECK enforcement. Runs before the read-only transaction, because the probe
/// creates a temporary table.
pub(crate) fn check(connection: &mut Connection, server: &Server, design: &Schema) -> Check {
    let declared: Vec<String> = design
        .tables
        .iter()
        .flat_map(|table| {
            table
                .checks
                .iter()
                .map(move |check| format!("{}.{}", table.name, check.name))
        })
        .collect();
    let probe = probe(connection);
    let probe_line = match &probe {
        Probe::Refused(message) => {
            format!("a probe row that breaks a CHECK, on a temporary table, was refused: {message}")
        }
        Probe::Accepted => {
            "a probe row that breaks a CHECK, on a temporary table, was accepted".to_string()
        }
        Probe::NotRun(message) => {
            format!("the probe on a temporary table could not run: {message}")
        }
    };
    let declared_text = if declared.is_empty() {
        "schema.toml declares no CHECK constraints".to_string()
    } else {
        format!(
            "schema.toml declares {} ({})",
            plural(declared.len(), "CHECK constraint"),
            declared.join(", ")
        )
    };
    if !server.enforces_checks() {
        let first = server.first_checking_version().unwrap_or_default();
        let message = format!(
            "{server} reads CHECK constraints but does not enforce them (only {} {first} and later do)",
            server.name()
        );
        let reason = format!("{declared_text}; rows that break them are accepted");
        let fix = format!(
            "upgrade to {} {first} or later, or enforce the rules in the application (or with triggers)",
            server.name()
        );
        let check = if declared.is_empty() {
            Check::warn(KIND, "server", message, reason, fix)
        } else {
            Check::fail(KIND, "server", message, reason, fix)
        };
        return check.with_details(vec![probe_line]);
    }
    match probe {
        Probe::Accepted => Check::fail(
            KIND,
            "server",
            format!("{server} enforces CHECK constraints, but not on this connection"),
            format!("{declared_text}; {}", switched_off(server.product)),
            switch_on(server.product),
        )
        .with_details(vec![probe_line]),
        Probe::Refused(_) | Probe::NotRun(_) => {
            let since = match server.first_checking_version() {
                Some(first) => format!(" (from {first} on)"),
                None => String::new(),
            };
            Check::pass(KIND, format!("{server} enforces CHECK constraints{since}"))
                .about("server")
                .with_details(vec![probe_line, declared_text])
        }
    }
}

/// Tries a row that breaks a CHECK on a temporary table.
fn probe(connection: &mut Connection) -> Probe {
    let (create, insert, drop) = match connection.backend() {
        Backend::Mysql => (
            format!(
                "CREATE TEMPORARY TABLE {PROBE_TABLE} (v INT, CONSTRAINT {PROBE_TABLE}_positive CHECK (v > 0))"
            ),
            format!("INSERT INTO {PROBE_TABLE} (v) VALUES (0)"),
            format!("DROP TEMPORARY TABLE IF EXISTS {PROBE_TABLE}"),
        ),
        Backend::Postgres => (
            format!(
                "CREATE TEMPORARY TABLE {PROBE_TABLE} (v integer CONSTRAINT {PROBE_TABLE}_positive CHECK (v > 0))"
            ),
            format!("INSERT INTO pg_temp.{PROBE_TABLE} (v) VALUES (0)"),
            format!("DROP TABLE IF EXISTS pg_temp.{PROBE_TABLE}"),
        ),
        Backend::Sqlite => (
            format!(
                "CREATE TEMP TABLE {PROBE_TABLE} (v INTEGER CONSTRAINT {PROBE_TABLE}_positive CHECK (v > 0))"
            ),
            format!("INSERT INTO temp.{PROBE_TABLE} (v) VALUES (0)"),
            format!("DROP TABLE IF EXISTS temp.{PROBE_TABLE}"),
        ),
    };
    run_probe(connection, &[&create], &insert, &[&drop])
}

/// What switches CHECK enforcement off on a server that has it.
fn switched_off(product: Product) -> &'static str {
    match product {
        Product::MariaDb => {
            "the session's check_constraint_checks is OFF, so rows that break them are accepted"
        }
        Product::Sqlite => {
            "PRAGMA ignore_check_constraints is ON, so rows that break them are accepted"
        }
        Product::MySql | Product::Postgres => "rows that break them are accepted",
    }
}

/// How to switch it on again.
fn switch_on(product: Product) -> String {
    match product {
        Product::MariaDb => {
            "SET GLOBAL check_constraint_checks = ON; and remove check_constraint_checks \
             from my.cnf or my.ini; connections that set it OFF themselves must stop doing so"
                .to_string()
        }
        Product::Sqlite => {
            "run PRAGMA ignore_check_constraints = OFF on every connection (it is off unless set)"
                .to_string()
        }
        Product::MySql | Product::Postgres => {
            "find the setting or extension that disables CHECK constraints and remove it"
                .to_string()
        }
    }
}
