//! Running one sqldef case: `current` and `desired` are built by the database itself on two
//! scratch databases and pulled; dbkit renders the migration between the two pulls, runs it on
//! the first database, and pulls that again: it must be the desired schema, with nothing left
//! to migrate.

use dbkit_db::introspect::{Pulled, stored_form};
use dbkit_db::migrate::split::{SqlFlavor, split_statements};
use dbkit_db::migrate::{compare, describe, drift_changes, render_scripts};
use dbkit_db::{Backend, DriverConnection};
use dbkit_model::{Schema, diff};
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;

use super::corpus::{Case, ServerInfo};
use super::native;
use super::renames::{annotated_renames, declare_renames};
use super::verdict::{Reason, Verdict};
use crate::Outcome;
use crate::pull::ScratchDatabase;

/// Runs `case` on `server` (the server's version and flavor decide whether the case is for it),
/// with `dialect` rendering the migration.
pub fn run_case(case: &Case, server: &ServerInfo, dialect: &dyn Dialect) -> Verdict {
    if let Some(why) = case.not_for(server) {
        return out_of_scope(Reason::OtherServer, format!("the case {why}"));
    }
    if case.expects_error {
        return out_of_scope(Reason::ExpectsError, "the case expects sqldef to refuse it");
    }
    if case.privileges {
        return out_of_scope(
            Reason::Privileges,
            "the case grants, revokes or runs as another user",
        );
    }
    match migrate(case, dialect) {
        Ok(verdict) => verdict,
        Err(message) => Verdict::Fail(message),
    }
}

fn out_of_scope(reason: Reason, detail: impl Into<String>) -> Verdict {
    Verdict::OutOfScope {
        reason,
        detail: detail.into(),
    }
}

/// A database built from one side of the case, pulled.
struct Built {
    db: ScratchDatabase,
    pulled: Pulled,
}

/// Builds `ddl` on a new scratch database and pulls it; `Err(verdict)` when the case is out of
/// scope (or the pull itself fails).
fn build(case: &Case, side: &str, ddl: &str) -> Result<Built, Verdict> {
    let db = built_database(case.backend, side, ddl)
        .map_err(|message| out_of_scope(Reason::DoesNotApply, format!("{side}: {message}")))?;
    let pulled = db
        .pull()
        .map_err(|message| Verdict::Fail(format!("pulling {side}: {message}")))?;
    if let Some(warning) = pulled.warnings.iter().min_by_key(|warning| warning.kind) {
        return Err(out_of_scope(
            Reason::Pulled(warning.kind),
            format!("{side}: {warning}"),
        ));
    }
    Ok(Built { db, pulled })
}

fn migrate(case: &Case, dialect: &dyn Dialect) -> Outcome<Verdict> {
    let start = match build(case, "current", &case.current) {
        Ok(built) => built,
        Err(verdict) => return Ok(verdict),
    };
    let end = match build(case, "desired", &case.desired) {
        Ok(built) => built,
        Err(verdict) => return Ok(verdict),
    };
    let from = start.pulled.schema;
    let desired = end.pulled.schema;
    let (target, renames) = target_schema(case, &from, &desired);
    let changes = diff(&from, &target);
    let scripts = render_scripts("sqldef case", &changes, &from, &target, dialect)
        .map_err(|error| format!("cannot render the migration: {error}"))?;
    let statements = split_statements(
        &scripts.up,
        SqlFlavor::of_dialect(dialect.info().name.as_str()),
    );
    let with_script = |what: String| format!("{what}\n--- up.sql ---\n{}", scripts.up);
    run_migration(&start.db, &statements)
        .map_err(|message| with_script(format!("the migration fails: {message}")))?;
    let migrated = start
        .db
        .pull()
        .map_err(|message| with_script(format!("pulling the migrated database: {message}")))?;
    if !migrated.warnings.is_empty() {
        let warnings: Vec<String> = migrated.warnings.iter().map(ToString::to_string).collect();
        return Err(with_script(format!(
            "the migrated database has what the model cannot hold:\n  {}",
            warnings.join("\n  ")
        )));
    }
    let differences = compare(
        case.backend,
        &stored_form(&desired, case.backend),
        &migrated.schema,
    );
    let rediff = describe(&drift_changes(case.backend, &migrated.schema, &desired));
    if differences.is_empty() && rediff.is_empty() {
        // Equal in the model: the databases' own descriptions tell whether the case is about
        // something the pull neither read nor reported, which the migration then left as it was.
        let unread = unread_differences(&start.db, &end.db)?;
        if !unread.is_empty() {
            return Err(with_script(format!(
                "the migrated and the desired database are equal in the model, but differ in what the pull neither reads nor reports:\n  {}",
                unread.join("\n  ")
            )));
        }
        return Ok(Verdict::Pass {
            changes: changes.len(),
            renames,
        });
    }
    Err(with_script(format!(
        "the migrated database differs from the desired one:\n  {}\na re-diff finds:\n  {}",
        differences.join("\n  "),
        rediff.join("\n  ")
    )))
}

/// What the databases' own descriptions of `left` and `right` differ in.
fn unread_differences(left: &ScratchDatabase, right: &ScratchDatabase) -> Outcome<Vec<String>> {
    let left = native::describe(&mut left.connect()?)?;
    let right = native::describe(&mut right.connect()?)?;
    Ok(native::differences(&left, &right))
}

fn scratch(backend: Backend, name: &str) -> ScratchDatabase {
    match backend {
        Backend::Mysql => ScratchDatabase::mariadb(name),
        Backend::Postgres => ScratchDatabase::postgres(name),
        Backend::Sqlite => ScratchDatabase::sqlite(name),
    }
}

/// A new scratch database with `ddl` built on it by the database itself.
///
/// The whole text runs at once first, as the database's own client would run the file
/// (MySQL/MariaDB with multi-statements, PostgreSQL as one simple query, SQLite as a batch), so
/// that routine and trigger bodies stay whole. When that fails, the statements run one at a time
/// on a fresh database, each that fails retried after the others until none makes progress:
/// sqldef orders a schema's statements by their dependencies before running them, so a case may
/// create a table after one that references it. (This also runs what PostgreSQL refuses inside
/// the one transaction of a multi-statement query, such as `CREATE INDEX CONCURRENTLY`.)
fn built_database(backend: Backend, side: &str, ddl: &str) -> Outcome<ScratchDatabase> {
    let db = scratch(backend, &format!("sqldef_{side}"));
    if ddl.trim().is_empty() {
        return Ok(db);
    }
    let mut connection = db.connect()?;
    let whole = match connection.driver() {
        DriverConnection::Mysql(connection) => mysql_batch(connection, ddl),
        DriverConnection::Postgres(client) => client
            .batch_execute(ddl)
            .map_err(|error| postgres_message(&error)),
        DriverConnection::Sqlite(connection) => connection
            .execute_batch(ddl)
            .map_err(|error| error.to_string()),
    };
    drop(connection);
    if whole.is_ok() {
        return Ok(db);
    }
    // PostgreSQL rolled the failed query back; the others keep what ran before the failure.
    let db = match backend {
        Backend::Postgres => db,
        _ => {
            drop(db);
            scratch(backend, &format!("sqldef_{side}"))
        }
    };
    let mut pending = split_statements(ddl, SqlFlavor::of_dialect(backend.dialect_name()));
    let mut connection = db.connect()?;
    loop {
        let mut failures = Vec::new();
        let before = pending.len();
        pending.retain(|statement| match run_one(&mut connection, statement) {
            Ok(()) => false,
            Err(message) => {
                failures.push(format!("{message}\n  in: {statement}"));
                true
            }
        });
        if pending.is_empty() {
            drop(connection);
            return Ok(db);
        }
        if pending.len() == before {
            return Err(failures.join("\n"));
        }
    }
}

/// Runs a multi-statement text on MySQL/MariaDB, reading every result so that an error in a
/// later statement is reported (dropping the results unread would swallow it).
fn mysql_batch(connection: &mut mysql::Conn, ddl: &str) -> Outcome {
    let mut result = connection
        .query_iter(ddl)
        .map_err(|error| error.to_string())?;
    while let Some(set) = result.iter() {
        for row in set {
            row.map_err(|error| error.to_string())?;
        }
    }
    Ok(())
}

/// Runs one statement on its own.
fn run_one(connection: &mut dbkit_db::Connection, statement: &str) -> Outcome {
    match connection.driver() {
        DriverConnection::Mysql(connection) => connection
            .query_drop(statement)
            .map_err(|error| error.to_string()),
        DriverConnection::Postgres(client) => client
            .batch_execute(statement)
            .map_err(|error| postgres_message(&error)),
        DriverConnection::Sqlite(connection) => connection
            .execute_batch(statement)
            .map_err(|error| error.to_string()),
    }
}

/// The server's message of a PostgreSQL error (the driver's own text is only `db error`).
fn postgres_message(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db_error) => format!("ERROR {}: {}", db_error.code().code(), db_error.message()),
        None => error.to_string(),
    }
}

/// Runs the migration's statements as `dbkit migrate up` does: one at a time on MySQL/MariaDB,
/// as one transaction on PostgreSQL and SQLite (there with foreign keys off around it).
fn run_migration(db: &ScratchDatabase, statements: &[String]) -> Outcome {
    let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
    let mut connection = db.connect()?;
    let result = match db.backend() {
        Backend::Mysql => connection.execute_statements(&statements),
        Backend::Postgres => connection.execute_script_in_transaction(&statements),
        Backend::Sqlite => connection
            .execute_statements(&["PRAGMA foreign_keys = OFF"])
            .and_then(|()| connection.execute_script_in_transaction(&statements)),
    };
    result.map_err(|error| error.to_string())
}

/// The desired schema with the renames its DDL annotates, as the migration's target, and how
/// many renames it declares.
pub fn target_schema(case: &Case, start: &Schema, desired: &Schema) -> (Schema, usize) {
    let mut target = desired.clone();
    let declared = declare_renames(&annotated_renames(&case.desired), start, &mut target);
    (target, declared)
}
