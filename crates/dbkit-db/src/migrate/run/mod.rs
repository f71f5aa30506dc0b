//! `dbkit migrate up` and `dbkit migrate down`: running migrations under the lock.
//!
//! Every runner takes the migration lock (see [`super::lock`]), reads refinery's history table,
//! refuses when an applied migration was edited or is missing, checks the live schema for drift,
//! and then runs the pending migrations one at a time:
//!
//! - PostgreSQL: refinery's runner, one migration and its history row per transaction;
//! - SQLite: each migration and its history row in one `BEGIN EXCLUSIVE` transaction, with
//!   foreign keys off around it (table rebuilds need that) and `PRAGMA foreign_key_check` before
//!   it commits;
//! - MySQL/MariaDB: statement by statement, with the progress recorded (see
//!   [`super::progress`]), so that a failure or a killed runner is reported at its statement and
//!   resumed there by the next run.

mod mysql;
mod postgres;
mod sqlite;

use std::path::Path;
use std::time::Duration;

use super::checksum::migration_checksum;
use super::drift;
use super::driver::{Driver, DriverError};
use super::error::MigrateError;
use super::folder::{Direction, MigrationDir, MigrationFolder};
use super::history::{self, AppliedMigration};
use crate::url::{Backend, DatabaseUrl};

/// How `up` and `down` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// How long to wait for another runner's lock before giving up.
    pub lock_timeout: Duration,
    /// Whether to compare the live schema with the applied migrations' state before running.
    pub check_drift: bool,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            lock_timeout: Duration::from_secs(60),
            check_drift: true,
        }
    }
}

/// What `up` or `down` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunReport {
    /// The database, password masked.
    pub url: String,
    /// Which way the migrations ran.
    pub direction: Direction,
    /// The migrations run, in the order they ran.
    pub steps: Vec<RunStep>,
    /// A migration that had stopped halfway (MySQL/MariaDB) and was resumed.
    pub resumed: Option<Resumed>,
    /// The last applied version before the run (0 for none).
    pub version_before: u32,
    /// The last applied version after it.
    pub version_after: u32,
}

/// One migration that ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunStep {
    /// Its version.
    pub version: u32,
    /// Its name.
    pub name: String,
    /// How many statements ran.
    pub statements: usize,
}

/// A half-applied migration that a run resumed (MySQL/MariaDB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resumed {
    /// Its version.
    pub version: u32,
    /// Its name.
    pub name: String,
    /// The statement it resumed at, from 1.
    pub statement: usize,
    /// Why it had stopped.
    pub cause: ResumeCause,
}

/// Why a resumed migration had stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResumeCause {
    /// The statement failed with this message.
    Failed(String),
    /// The runner died during the statement; `already_done` when the statement turned out to
    /// have taken effect before it died.
    Interrupted {
        /// Whether the interrupted statement had taken effect.
        already_done: bool,
    },
}

impl std::fmt::Display for RunReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(resumed) = &self.resumed {
            let cause = match &resumed.cause {
                ResumeCause::Failed(message) => format!("it had failed there: {message}"),
                ResumeCause::Interrupted { already_done: true } => {
                    "it had been interrupted there, after the statement took effect".to_string()
                }
                ResumeCause::Interrupted {
                    already_done: false,
                } => "it had been interrupted there".to_string(),
            };
            writeln!(
                f,
                "resumed V{}__{} at statement {} ({cause})",
                resumed.version, resumed.name, resumed.statement
            )?;
        }
        if self.steps.is_empty() {
            return write!(
                f,
                "{} is up to date at version {}: nothing to do",
                self.url, self.version_after
            );
        }
        let verb = match self.direction {
            Direction::Up => "applied",
            Direction::Down => "undid",
        };
        for step in &self.steps {
            writeln!(
                f,
                "{verb} V{}__{} ({} statement{})",
                step.version,
                step.name,
                step.statements,
                if step.statements == 1 { "" } else { "s" }
            )?;
        }
        write!(f, "{} is now at version {}", self.url, self.version_after)
    }
}

/// Applies the pending migrations of the folder `migrations` to the database `url`, up to and
/// including version `to` (all of them when `None`).
pub fn up(
    url: &DatabaseUrl,
    migrations: &Path,
    to: Option<u32>,
    options: &RunOptions,
) -> Result<RunReport, MigrateError> {
    run(url, migrations, Direction::Up, to, options)
}

/// Undoes applied migrations of the database `url`, newest first, until version `to` is the
/// last one applied (0 undoes them all); `None` undoes the last one only.
pub fn down(
    url: &DatabaseUrl,
    migrations: &Path,
    to: Option<u32>,
    options: &RunOptions,
) -> Result<RunReport, MigrateError> {
    run(url, migrations, Direction::Down, to, options)
}

fn run(
    url: &DatabaseUrl,
    migrations: &Path,
    direction: Direction,
    to: Option<u32>,
    options: &RunOptions,
) -> Result<RunReport, MigrateError> {
    let folder = MigrationFolder::load(migrations)?;
    if let Some(version) = to {
        folder.check_target(version)?;
    }
    let mut driver = Driver::open(url, options.lock_timeout)?;
    let context = Context {
        url,
        folder: &folder,
        dialect: url.backend().dialect_name(),
        options,
        direction,
        to: std::cell::Cell::new(to),
    };
    match url.backend() {
        Backend::Mysql => mysql::run(&context, &mut driver),
        Backend::Postgres => postgres::run(&context, &mut driver),
        Backend::Sqlite => sqlite::run(&context, &mut driver),
    }
}

/// What every runner needs to know.
pub(crate) struct Context<'a> {
    pub(crate) url: &'a DatabaseUrl,
    pub(crate) folder: &'a MigrationFolder,
    pub(crate) dialect: &'static str,
    pub(crate) options: &'a RunOptions,
    pub(crate) direction: Direction,
    /// The target version; for `down` without one, fixed at the first plan (one step back).
    pub(crate) to: std::cell::Cell<Option<u32>>,
}

impl Context<'_> {
    /// The URL for messages, password masked.
    pub(crate) fn url_text(&self) -> String {
        self.url.to_string()
    }

    /// The password, to scrub from messages.
    pub(crate) fn password(&self) -> Option<&str> {
        self.url.password()
    }

    /// A bookkeeping error: dbkit's own query failed while doing `action`.
    pub(crate) fn bookkeeping(&self, action: &str, error: DriverError) -> MigrateError {
        MigrateError::Bookkeeping {
            action: action.to_string(),
            url: self.url_text(),
            message: error.message,
        }
    }

    /// Reads the history table, creating it when missing.
    pub(crate) fn read_history(
        &self,
        driver: &mut Driver,
    ) -> Result<Vec<AppliedMigration>, MigrateError> {
        history::ensure_table(driver, self.password())
            .map_err(|error| self.bookkeeping("create the migration history table", error))?;
        history::read(driver, self.password())
            .map_err(|error| self.bookkeeping("read the migration history", error))?
            .map_err(|message| MigrateError::CorruptHistory {
                url: self.url_text(),
                message,
            })
    }

    /// Refuses when an applied migration is missing from the folder or was edited.
    pub(crate) fn verify(&self, applied: &[AppliedMigration]) -> Result<(), MigrateError> {
        verify_applied(self.folder, applied, self.dialect, &self.url_text())
    }

    /// The migrations to run, in order, given the applied ones.
    pub(crate) fn plan(&self, applied: &[AppliedMigration]) -> Vec<&MigrationDir> {
        if self.direction == Direction::Down && self.to.get().is_none() {
            self.to
                .set(Some(current_version(applied).saturating_sub(1)));
        }
        plan(self.folder, applied, self.direction, self.to.get())
    }

    /// Refuses with [`MigrateError::Drift`] when the live schema is not the state the applied
    /// migrations lead to.
    pub(crate) fn check_drift(
        &self,
        driver: &mut Driver,
        applied: &[AppliedMigration],
    ) -> Result<(), MigrateError> {
        if !self.options.check_drift {
            return Ok(());
        }
        let version = current_version(applied);
        let expected = self.folder.state_at(version)?;
        let differences = drift::differences(driver, self.url, &expected)?;
        if differences.is_empty() {
            Ok(())
        } else {
            Err(MigrateError::Drift {
                url: self.url_text(),
                version,
                differences,
            })
        }
    }
}

/// The last applied version, 0 when none is.
pub(crate) fn current_version(applied: &[AppliedMigration]) -> u32 {
    applied
        .iter()
        .map(|migration| migration.version)
        .max()
        .unwrap_or(0)
}

/// Refuses when an applied migration is missing from the folder, renamed, or edited.
pub(crate) fn verify_applied(
    folder: &MigrationFolder,
    applied: &[AppliedMigration],
    dialect: &str,
    url: &str,
) -> Result<(), MigrateError> {
    for record in applied {
        let Some(migration) = folder.get(record.version) else {
            return Err(MigrateError::AppliedButMissing {
                version: record.version,
                name: record.name.clone(),
                url: url.to_string(),
            });
        };
        if migration.name != record.name {
            return Err(MigrateError::Renamed {
                version: record.version,
                applied_name: record.name.clone(),
                folder_name: migration.folder_name(),
                url: url.to_string(),
            });
        }
        let script = migration.script(dialect, Direction::Up)?;
        if migration_checksum(migration.version, &migration.name, &script.text) != record.checksum {
            return Err(MigrateError::Edited {
                migration: migration.folder_name(),
                path: script.path,
                url: url.to_string(),
                applied_on: record.applied_on.clone(),
            });
        }
    }
    Ok(())
}

/// The migrations to run, in order: for `up`, the unapplied ones up to `to`; for `down`, the
/// applied ones above `to` (above the last but one when `to` is `None`), newest first.
pub(crate) fn plan<'a>(
    folder: &'a MigrationFolder,
    applied: &[AppliedMigration],
    direction: Direction,
    to: Option<u32>,
) -> Vec<&'a MigrationDir> {
    let is_applied = |version: u32| applied.iter().any(|record| record.version == version);
    match direction {
        Direction::Up => {
            let target = to.unwrap_or(u32::MAX);
            folder
                .migrations
                .iter()
                .filter(|migration| migration.version <= target && !is_applied(migration.version))
                .collect()
        }
        Direction::Down => {
            let target = to.unwrap_or_else(|| current_version(applied).saturating_sub(1));
            folder
                .migrations
                .iter()
                .rev()
                .filter(|migration| migration.version > target && is_applied(migration.version))
                .collect()
        }
    }
}

/// The report once a run is over.
pub(crate) fn report(
    context: &Context<'_>,
    steps: Vec<RunStep>,
    resumed: Option<Resumed>,
    version_before: u32,
) -> RunReport {
    let version_after = match (context.direction, steps.last()) {
        (_, None) => version_before,
        (Direction::Up, Some(step)) => step.version,
        (Direction::Down, Some(step)) => step.version - 1,
    };
    RunReport {
        url: context.url_text(),
        direction: context.direction,
        steps,
        resumed,
        version_before,
        version_after,
    }
}
