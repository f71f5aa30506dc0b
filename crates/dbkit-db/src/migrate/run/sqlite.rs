//! The SQLite runner: each migration and its history row in one `BEGIN EXCLUSIVE` transaction.
//!
//! The exclusive transaction is the lock: it re-reads the history before choosing the next
//! migration, so that concurrent runners never pick the same one. Foreign keys are switched off
//! for the run (SQLite ignores the pragma inside a transaction, and a table rebuild needs them
//! off) and `PRAGMA foreign_key_check` must come back empty before each migration commits. The
//! `PRAGMA foreign_keys` lines of a script are therefore left to the runner, and a
//! `PRAGMA foreign_key_check` line fails the migration when it finds a violation.

use super::{Context, RunReport, RunStep, current_version, report};
use crate::migrate::checksum::migration_checksum;
use crate::migrate::driver::{Driver, DriverError};
use crate::migrate::error::MigrateError;
use crate::migrate::folder::{Direction, MigrationDir};
use crate::migrate::history;
use crate::statement::first_line;

/// What happened in one exclusive transaction.
enum Step {
    Ran(RunStep),
    Done,
}

pub(super) fn run(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    let password = context.password();
    let enforced = driver
        .query("PRAGMA foreign_keys", password)
        .map_err(|error| context.bookkeeping("read PRAGMA foreign_keys", error))?
        .first()
        .and_then(|row| row.first().cloned().flatten())
        .is_some_and(|value| value == "1");
    driver
        .execute("PRAGMA foreign_keys = OFF", password)
        .map_err(|error| context.bookkeeping("switch foreign keys off for the migration", error))?;
    let result = run_transactions(context, driver);
    if enforced {
        let _ = driver.execute("PRAGMA foreign_keys = ON", password);
    }
    result
}

fn run_transactions(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    let mut steps = Vec::new();
    let mut version_before = None;
    loop {
        begin_exclusive(context, driver)?;
        let outcome = one_migration(context, driver, &mut version_before, steps.is_empty());
        match outcome {
            Ok(Step::Ran(step)) => {
                commit(context, driver)?;
                steps.push(step);
            }
            Ok(Step::Done) => {
                commit(context, driver)?;
                break;
            }
            Err(error) => {
                let _ = driver.execute("ROLLBACK", context.password());
                return Err(error);
            }
        }
    }
    Ok(report(context, steps, None, version_before.unwrap_or(0)))
}

fn begin_exclusive(context: &Context<'_>, driver: &mut Driver) -> Result<(), MigrateError> {
    driver
        .execute("BEGIN EXCLUSIVE", context.password())
        .map_err(|error| {
            if error.message.contains("locked") || error.message.contains("busy") {
                MigrateError::LockTimeout {
                    url: context.url_text(),
                    seconds: context.options.lock_timeout.as_secs(),
                }
            } else {
                context.bookkeeping("begin the migration transaction", error)
            }
        })
}

fn commit(context: &Context<'_>, driver: &mut Driver) -> Result<(), MigrateError> {
    driver
        .execute("COMMIT", context.password())
        .map_err(|error| context.bookkeeping("commit the migration", error))
}

/// Inside the exclusive transaction: reads the history, picks the next migration and runs it.
fn one_migration(
    context: &Context<'_>,
    driver: &mut Driver,
    version_before: &mut Option<u32>,
    first: bool,
) -> Result<Step, MigrateError> {
    let applied = context.read_history(driver)?;
    context.verify(&applied)?;
    version_before.get_or_insert(current_version(&applied));
    if first {
        context.check_drift(driver, &applied)?;
    }
    let Some(migration) = context.plan(&applied).first().copied() else {
        return Ok(Step::Done);
    };
    let script = migration.script(context.dialect, context.direction)?;
    let count = script.statements.len();
    for (index, statement) in script.statements.iter().enumerate() {
        match pragma(statement) {
            Pragma::ForeignKeys => continue,
            Pragma::ForeignKeyCheck => {
                foreign_key_check(context, driver, migration)?;
                continue;
            }
            Pragma::Other => {}
        }
        driver
            .execute(statement, context.password())
            .map_err(|error| {
                rolled_back(
                    context,
                    migration,
                    Some((index + 1, count, first_line(statement))),
                    error,
                )
            })?;
    }
    foreign_key_check(context, driver, migration)?;
    let record = match context.direction {
        Direction::Up => history::insert_sql(
            migration.version,
            &migration.name,
            migration_checksum(migration.version, &migration.name, &script.text),
        ),
        Direction::Down => history::delete_sql(migration.version),
    };
    driver
        .execute(&record, context.password())
        .map_err(|error| rolled_back(context, migration, None, error))?;
    Ok(Step::Ran(RunStep {
        version: migration.version,
        name: migration.name.clone(),
        statements: count,
    }))
}

/// Fails the migration when a row's foreign key points nowhere.
fn foreign_key_check(
    context: &Context<'_>,
    driver: &mut Driver,
    migration: &MigrationDir,
) -> Result<(), MigrateError> {
    let rows = driver
        .query("PRAGMA foreign_key_check", context.password())
        .map_err(|error| rolled_back(context, migration, None, error))?;
    if rows.is_empty() {
        return Ok(());
    }
    let violations: Vec<String> = rows
        .iter()
        .take(10)
        .map(|row| {
            let cell = |index: usize| {
                row.get(index)
                    .cloned()
                    .flatten()
                    .unwrap_or_else(|| "?".to_string())
            };
            format!("{} (rowid {}) -> {}", cell(0), cell(1), cell(2))
        })
        .collect();
    Err(MigrateError::ForeignKeyViolations {
        migration: migration.folder_name(),
        url: context.url_text(),
        violations: format!(
            "{}{}",
            violations.join(", "),
            if rows.len() > 10 {
                format!(" and {} more", rows.len() - 10)
            } else {
                String::new()
            }
        ),
    })
}

enum Pragma {
    ForeignKeys,
    ForeignKeyCheck,
    Other,
}

/// Which of the pragmas the runner handles itself a statement is.
fn pragma(statement: &str) -> Pragma {
    let words: String = first_line(statement)
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if words.starts_with("pragma foreign_keys") {
        Pragma::ForeignKeys
    } else if words.starts_with("pragma foreign_key_check") {
        Pragma::ForeignKeyCheck
    } else {
        Pragma::Other
    }
}

fn rolled_back(
    context: &Context<'_>,
    migration: &MigrationDir,
    statement: Option<(usize, usize, String)>,
    error: DriverError,
) -> MigrateError {
    MigrateError::RolledBack {
        migration: migration.folder_name(),
        direction: context.direction,
        statement,
        message: error.message,
        url: context.url_text(),
    }
}
