//! `dbkit migrate repair`: settling a migration that stopped halfway on MySQL/MariaDB by hand.
//!
//! `dbkit migrate up` (or `down`) resumes an unfinished migration at the statement it stopped
//! at, which is what is wanted once the cause is fixed. When the user did part of the work by
//! hand instead, `repair` records it:
//!
//! - [`RepairAction::SkipStatement`]: the failed statement was applied by hand; the next run
//!   resumes after it.
//! - [`RepairAction::Restart`]: the statements that had run were undone by hand; the next run
//!   starts the migration from its first statement.
//! - [`RepairAction::MarkDone`]: the rest of the migration was applied (or undone) by hand;
//!   it is recorded as finished without running anything.

use std::path::Path;

use mysql::prelude::Queryable;

use super::checksum::{migration_checksum, statements_checksum};
use super::driver::{Driver, mysql_error};
use super::error::MigrateError;
use super::folder::{Direction, MigrationFolder};
use super::history;
use super::lock;
use super::progress;
use super::run::RunOptions;
use super::status::direction_of;
use crate::url::DatabaseUrl;

/// What `repair` records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairAction {
    /// The statement the migration stopped at was applied by hand: skip it.
    SkipStatement,
    /// The statements that had run were undone by hand: start the migration over.
    Restart,
    /// The migration was finished by hand: record it as done.
    MarkDone,
}

/// What `repair` did, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepairReport {
    /// The migration's folder name.
    pub migration: String,
    /// What was recorded.
    pub summary: String,
}

/// Records `action` for the unfinished migration of the database `url` (MySQL/MariaDB).
pub fn repair(
    url: &DatabaseUrl,
    migrations: &Path,
    action: RepairAction,
    options: &RunOptions,
) -> Result<RepairReport, MigrateError> {
    let folder = MigrationFolder::load(migrations)?;
    let mut driver = Driver::open(url, options.lock_timeout)?;
    if !matches!(driver, Driver::Mysql(_)) {
        return Err(MigrateError::NothingToRepair {
            url: url.to_string(),
        });
    }
    lock::acquire(&mut driver, url, options.lock_timeout)?;
    let result = repair_locked(&mut driver, url, &folder, action);
    lock::release(&mut driver, url);
    result
}

fn repair_locked(
    driver: &mut Driver,
    url: &DatabaseUrl,
    folder: &MigrationFolder,
    action: RepairAction,
) -> Result<RepairReport, MigrateError> {
    let password = url.password();
    let failed = |message: String| MigrateError::Bookkeeping {
        action: "repair the migration progress".to_string(),
        url: url.to_string(),
        message,
    };
    let Driver::Mysql(connection) = driver else {
        return Err(MigrateError::NothingToRepair {
            url: url.to_string(),
        });
    };
    if !progress::table_exists(connection, password).map_err(|error| failed(error.message))? {
        return Err(MigrateError::NothingToRepair {
            url: url.to_string(),
        });
    }
    let Some(unfinished) =
        progress::read(connection, password).map_err(|error| failed(error.message))?
    else {
        return Err(MigrateError::NothingToRepair {
            url: url.to_string(),
        });
    };
    let Some(migration) = folder.get(unfinished.version) else {
        return Err(MigrateError::AppliedButMissing {
            version: unfinished.version,
            name: unfinished.name.clone(),
            url: url.to_string(),
        });
    };
    let direction = direction_of(&unfinished.direction);
    let script = migration.script(url.backend().dialect_name(), direction)?;
    let statements: Vec<String> = match action {
        RepairAction::SkipStatement => {
            let next = (unfinished.next_statement + 1).min(script.statements.len());
            vec![
                progress::advance_sql(
                    migration.version,
                    next,
                    &statements_checksum(&script.statements[..next]),
                ),
                format!(
                    "UPDATE {} SET status = 'failed', error = 'statement {} was recorded as done by `dbkit migrate repair --skip-statement`' WHERE version = {}",
                    progress::PROGRESS_TABLE,
                    unfinished.next_statement + 1,
                    migration.version
                ),
            ]
        }
        RepairAction::Restart => vec![progress::delete_sql(migration.version)],
        RepairAction::MarkDone => {
            let up = migration.script(url.backend().dialect_name(), Direction::Up)?;
            let record = match direction {
                Direction::Up => history::insert_sql(
                    migration.version,
                    &migration.name,
                    migration_checksum(migration.version, &migration.name, &up.text),
                ),
                Direction::Down => history::delete_sql(migration.version),
            };
            vec![record, progress::delete_sql(migration.version)]
        }
    };
    connection
        .query_drop("START TRANSACTION")
        .map_err(|error| failed(mysql_error(&error, password).message))?;
    for statement in &statements {
        if let Err(error) = connection.query_drop(statement) {
            let _ = connection.query_drop("ROLLBACK");
            return Err(failed(mysql_error(&error, password).message));
        }
    }
    connection
        .query_drop("COMMIT")
        .map_err(|error| failed(mysql_error(&error, password).message))?;
    let name = migration.folder_name();
    let summary = match action {
        RepairAction::SkipStatement => format!(
            "statement {} of {name} ({}) is recorded as done; `dbkit migrate {}` resumes after it",
            unfinished.next_statement + 1,
            unfinished.direction,
            unfinished.direction
        ),
        RepairAction::Restart => format!(
            "the progress of {name} was forgotten; `dbkit migrate {}` runs it from its first statement",
            unfinished.direction
        ),
        RepairAction::MarkDone => match direction {
            Direction::Up => format!("{name} is recorded as applied"),
            Direction::Down => format!("{name} is recorded as undone"),
        },
    };
    Ok(RepairReport {
        migration: name,
        summary,
    })
}
