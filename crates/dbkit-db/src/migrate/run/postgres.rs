//! The PostgreSQL runner: refinery's runner under an advisory lock, each migration and its
//! history row in one transaction.

use refinery::error::Kind;
use refinery::{Migration, Runner, Target};

use super::{Context, RunReport, RunStep, current_version, report};
use crate::migrate::checksum::refinery_migration;
use crate::migrate::driver::{Driver, postgres_error};
use crate::migrate::error::MigrateError;
use crate::migrate::folder::{Direction, MigrationDir, MigrationScript};
use crate::migrate::history;
use crate::migrate::lock;
use crate::statement::first_line;

pub(super) fn run(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    lock::acquire(driver, context.url, context.options.lock_timeout)?;
    let result = run_locked(context, driver);
    lock::release(driver, context.url);
    result
}

fn run_locked(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    let applied = context.read_history(driver)?;
    context.verify(&applied)?;
    context.check_drift(driver, &applied)?;
    let version_before = current_version(&applied);
    let Driver::Postgres(client) = driver else {
        return Err(context.bookkeeping(
            "run the migrations",
            crate::migrate::driver::DriverError {
                message: "not a PostgreSQL connection".to_string(),
                code: None,
                connection_lost: false,
            },
        ));
    };
    let mut steps = Vec::new();
    for migration in context.plan(&applied) {
        let script = migration.script(context.dialect, context.direction)?;
        match context.direction {
            Direction::Up => apply_with_refinery(context, client, migration, &script)?,
            Direction::Down => undo(context, client, migration, &script)?,
        }
        steps.push(RunStep {
            version: migration.version,
            name: migration.name.clone(),
            statements: script.statements.len(),
        });
    }
    Ok(report(context, steps, None, version_before))
}

/// Applies one migration with refinery, grouped: its SQL and its history row commit together.
fn apply_with_refinery(
    context: &Context<'_>,
    client: &mut postgres::Client,
    migration: &MigrationDir,
    script: &MigrationScript,
) -> Result<(), MigrateError> {
    let mut known = Vec::new();
    for earlier in context
        .folder
        .migrations
        .iter()
        .filter(|earlier| earlier.version <= migration.version)
    {
        let text = if earlier.version == migration.version {
            script.text.clone()
        } else {
            earlier.script(context.dialect, Direction::Up)?.text
        };
        known.push(to_refinery(context, earlier, &text)?);
    }
    let runner = Runner::new(&known)
        .set_grouped(true)
        .set_abort_divergent(true)
        .set_abort_missing(true)
        .set_target(Target::Version(
            migration.version as refinery::SchemaVersion,
        ));
    runner
        .run(client)
        .map(|_| ())
        .map_err(|error| refinery_error(context, migration, script, &error))
}

fn to_refinery(
    context: &Context<'_>,
    migration: &MigrationDir,
    text: &str,
) -> Result<Migration, MigrateError> {
    refinery_migration(migration.version, &migration.name, text).ok_or_else(|| {
        MigrateError::Bookkeeping {
            action: format!("prepare migration {} for refinery", migration.folder_name()),
            url: context.url_text(),
            message: "refinery does not accept its version or name".to_string(),
        }
    })
}

/// Turns refinery's error into one that says which migration and statement failed.
fn refinery_error(
    context: &Context<'_>,
    migration: &MigrationDir,
    script: &MigrationScript,
    error: &refinery::Error,
) -> MigrateError {
    let Kind::Connection(_, source) = error.kind() else {
        return MigrateError::Bookkeeping {
            action: format!("apply migration {}", migration.folder_name()),
            url: context.url_text(),
            message: error.to_string(),
        };
    };
    let Some(database_error) = source.downcast_ref::<postgres::Error>() else {
        return MigrateError::Bookkeeping {
            action: format!("apply migration {}", migration.folder_name()),
            url: context.url_text(),
            message: source.to_string(),
        };
    };
    let failure = postgres_error(database_error, context.password());
    let position = database_error
        .as_db_error()
        .and_then(|db| match db.position() {
            Some(postgres::error::ErrorPosition::Original(position)) => Some(*position as usize),
            _ => None,
        });
    if failure.connection_lost {
        return MigrateError::ConnectionLost {
            migration: migration.folder_name(),
            direction: context.direction,
            number: position.map_or(1, |position| statement_at(script, position).0),
            count: script.statements.len(),
            message: failure.message,
            url: context.url_text(),
            transactional: true,
        };
    }
    MigrateError::RolledBack {
        migration: migration.folder_name(),
        direction: context.direction,
        statement: position.map(|position| {
            let (number, line) = statement_at(script, position);
            (number, script.statements.len(), line)
        }),
        message: failure.message,
        url: context.url_text(),
    }
}

/// The statement (number from 1, first line) holding the character at `position` (from 1).
fn statement_at(script: &MigrationScript, position: usize) -> (usize, String) {
    let byte = script
        .text
        .char_indices()
        .nth(position.saturating_sub(1))
        .map_or(script.text.len(), |(index, _)| index);
    let mut searched = 0;
    for (index, statement) in script.statements.iter().enumerate() {
        if let Some(found) = script.text[searched..].find(statement.as_str()) {
            let end = searched + found + statement.len();
            if byte < end {
                return (index + 1, first_line(statement));
            }
            searched = end;
        }
    }
    let last = script.statements.len();
    (
        last,
        script
            .statements
            .last()
            .map(|statement| first_line(statement))
            .unwrap_or_default(),
    )
}

/// Undoes one migration: its `down.sql` and the deletion of its history row, in one transaction.
fn undo(
    context: &Context<'_>,
    client: &mut postgres::Client,
    migration: &MigrationDir,
    script: &MigrationScript,
) -> Result<(), MigrateError> {
    let password = context.password();
    let whole = |error: postgres::Error| {
        let failure = postgres_error(&error, password);
        rolled_back(
            context,
            migration,
            None,
            failure.message,
            failure.connection_lost,
            script.statements.len(),
        )
    };
    let mut transaction = client.transaction().map_err(whole)?;
    for (index, statement) in script.statements.iter().enumerate() {
        if let Err(error) = transaction.batch_execute(statement) {
            let failure = postgres_error(&error, password);
            return Err(rolled_back(
                context,
                migration,
                Some((index + 1, script.statements.len(), first_line(statement))),
                failure.message,
                failure.connection_lost,
                script.statements.len(),
            ));
        }
    }
    transaction
        .batch_execute(&history::delete_sql(migration.version))
        .map_err(whole)?;
    transaction.commit().map_err(whole)
}

fn rolled_back(
    context: &Context<'_>,
    migration: &MigrationDir,
    statement: Option<(usize, usize, String)>,
    message: String,
    connection_lost: bool,
    count: usize,
) -> MigrateError {
    if connection_lost {
        return MigrateError::ConnectionLost {
            migration: migration.folder_name(),
            direction: context.direction,
            number: statement.as_ref().map_or(count, |(number, _, _)| *number),
            count,
            message,
            url: context.url_text(),
            transactional: true,
        };
    }
    MigrateError::RolledBack {
        migration: migration.folder_name(),
        direction: context.direction,
        statement,
        message,
        url: context.url_text(),
    }
}
