//! Running one sqldef case: `current` and `desired` are built by the database itself on two
//! scratch databases and pulled; dbkit renders the migration between the two pulls, runs it on
//! the first database, and pulls that again: it must be the desired schema, with nothing left
//! to migrate.

use dbkit_db::introspect::{Pulled, stored_form};
use dbkit_db::migrate::split::{SqlFlavor, split_statements};
use dbkit_db::migrate::{compare, describe_differences, render_scripts};
use dbkit_db::{Backend, DriverConnection};
use dbkit_model::{Schema, diff};
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;

use super::corpus::{Case, ServerInfo};
use super::probe::unseen_by_the_pull;
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
        return out_of_scope(Reason::Privileges, "the case grants, revokes or runs as another user");
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
    let db = scratch(case.backend, &format!("sqldef_{side}"));
    if let Err(message) = apply_ddl(&db, ddl) {
        return Err(out_of_scope(
            Reason::DoesNotApply,
            format!("{side}: {message}"),
        ));
    }
    let pulled = db
        .pull()
        .map_err(|message| Verdict::Fail(format!("pulling {side}: {message}")))?;
    if let Some(warning) = pulled.warnings.iter().min_by_key(|warning| warning.kind) {
        return Err(out_of_scope(
            Reason::Pulled(warning.kind),
            format!("{side}: {warning}"),
        ));
    }
    let unseen = db
        .connect()
        .and_then(|mut connection| unseen_by_the_pull(&mut connection))
        .map_err(|message| Verdict::Fail(format!("probing {side}: {message}")))?;
    if let Some((reason, detail)) = unseen {
        return Err(out_of_scope(reason, format!("{side}: {detail}")));
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
    drop(end.db);
    let from = start.pulled.schema;
    let desired = end.pulled.schema;
    let target = target_schema(case, &from, &desired);
    let changes = diff(&from, &target);
    let scripts = render_scripts("sqldef case", &changes, &from, &target, dialect)
        .map_err(|error| format!("cannot render the migration: {error}"))?;
    let statements = split_statements(&scripts.up, SqlFlavor::of_dialect(dialect.info().name.as_str()));
    let with_script = |what: String| format!("{what}\n--- up.sql ---\n{}", scripts.up);
    run_migration(&start.db, &statements).map_err(|message| with_script(format!("the migration fails: {message}")))?;
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
    let differences = compare(&stored_form(&desired, case.backend), &migrated.schema);
    let rediff = describe_differences(&migrated.schema, &desired);
    if differences.is_empty() && rediff.is_empty() {
        return Ok(Verdict::Pass {
            changes: changes.len(),
        });
    }
    Err(with_script(format!(
        "the migrated database differs from the desired one:\n  {}\na re-diff finds:\n  {}",
        differences.join("\n  "),
        rediff.join("\n  ")
    )))
}

fn scratch(backend: Backend, name: &str) -> ScratchDatabase {
    match backend {
        Backend::Mysql => ScratchDatabase::mariadb(name),
        Backend::Postgres => ScratchDatabase::postgres(name),
        Backend::Sqlite => ScratchDatabase::sqlite(name),
    }
}

/// Runs a case's DDL as the database's own client would: the whole text at once (MySQL/MariaDB
/// with multi-statements, PostgreSQL as one simple query, SQLite as a batch), so that routine
/// and trigger bodies stay whole. PostgreSQL statements that cannot run in the one transaction
/// of a multi-statement query (`CREATE INDEX CONCURRENTLY`) are run one at a time instead.
fn apply_ddl(db: &ScratchDatabase, ddl: &str) -> Outcome {
    if ddl.trim().is_empty() {
        return Ok(());
    }
    let mut connection = db.connect()?;
    match connection.driver() {
        DriverConnection::Mysql(connection) => connection.query_drop(ddl).map_err(|error| error.to_string()),
        DriverConnection::Postgres(client) => match client.batch_execute(ddl) {
            Ok(()) => Ok(()),
            Err(error) if error.to_string().contains("cannot run inside a transaction block") => {
                for statement in split_statements(ddl, SqlFlavor::of_dialect("postgres")) {
                    client
                        .batch_execute(&statement)
                        .map_err(|error| format!("{error}\n  in: {statement}"))?;
                }
                Ok(())
            }
            Err(error) => Err(error.to_string()),
        },
        DriverConnection::Sqlite(connection) => connection.execute_batch(ddl).map_err(|error| error.to_string()),
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

/// The desired schema with the renames its DDL annotates, as the migration's target.
pub fn target_schema(case: &Case, start: &Schema, desired: &Schema) -> Schema {
    let mut target = desired.clone();
    declare_renames(&annotated_renames(&case.desired), start, &mut target);
    target
}
