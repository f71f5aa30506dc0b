//! `dbkit migrate baseline`: adopting a database whose schema already matches, running nothing.

use std::path::Path;

use super::checksum::migration_checksum;
use super::drift;
use super::driver::Driver;
use super::error::MigrateError;
use super::folder::{Direction, MigrationFolder};
use super::history;
use super::lock;
use super::run::{RunOptions, current_version};
use crate::introspect::stored_form;
use crate::url::DatabaseUrl;

/// What `baseline` recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaselineReport {
    /// The database, password masked.
    pub url: String,
    /// The version the database is now recorded at.
    pub version: u32,
}

/// Records migrations 1 to `to` (all of them when `None`) as applied on the database `url`,
/// without running them, once its live schema is checked to be the state they lead to.
///
/// Refuses, changing nothing, when the database already has migrations applied or its schema
/// differs from that state.
pub fn baseline(
    url: &DatabaseUrl,
    migrations: &Path,
    to: Option<u32>,
    options: &RunOptions,
) -> Result<BaselineReport, MigrateError> {
    let folder = MigrationFolder::load(migrations)?;
    let version = to.unwrap_or_else(|| folder.latest().map_or(0, |migration| migration.version));
    folder.check_target(version)?;
    let mut driver = Driver::open(url, options.lock_timeout)?;
    lock::acquire(&mut driver, url, options.lock_timeout)?;
    let exclusive = matches!(driver, Driver::Sqlite(_));
    let result = (|| {
        let password = url.password();
        let failed = |action: &str, message: String| MigrateError::Bookkeeping {
            action: action.to_string(),
            url: url.to_string(),
            message,
        };
        if exclusive {
            driver
                .execute("BEGIN EXCLUSIVE", password)
                .map_err(|error| failed("begin the baseline transaction", error.message))?;
        }
        history::ensure_table(&mut driver, password)
            .map_err(|error| failed("create the migration history table", error.message))?;
        let applied = history::read(&mut driver, password)
            .map_err(|error| failed("read the migration history", error.message))?
            .map_err(|message| MigrateError::CorruptHistory {
                url: url.to_string(),
                message,
            })?;
        if !applied.is_empty() {
            return Err(MigrateError::AlreadyBaselined {
                url: url.to_string(),
                version: current_version(&applied),
            });
        }
        let expected = stored_form(&folder.state_at(version)?, url.backend());
        let live = drift::live_schema(&mut driver, url)?;
        let differences = drift::compare(url.backend(), &expected, &live);
        if !differences.is_empty() {
            return Err(MigrateError::BaselineMismatch {
                url: url.to_string(),
                version,
                differences,
            });
        }
        let mut statements = Vec::new();
        for migration in folder
            .migrations
            .iter()
            .filter(|migration| migration.version <= version)
        {
            let script = migration.script(url.backend().dialect_name(), Direction::Up)?;
            statements.push(history::insert_sql(
                migration.version,
                &migration.name,
                migration_checksum(migration.version, &migration.name, &script.text),
            ));
        }
        if !exclusive {
            driver
                .execute("BEGIN", password)
                .map_err(|error| failed("begin the baseline transaction", error.message))?;
        }
        for statement in &statements {
            driver
                .execute(statement, password)
                .map_err(|error| failed("record the baseline", error.message))?;
        }
        driver
            .execute("COMMIT", password)
            .map_err(|error| failed("commit the baseline", error.message))?;
        Ok(BaselineReport {
            url: url.to_string(),
            version,
        })
    })();
    if result.is_err() {
        let _ = driver.execute("ROLLBACK", url.password());
    }
    lock::release(&mut driver, url);
    result
}
