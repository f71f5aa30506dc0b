//! The MySQL/MariaDB runner: statement by statement, with the progress recorded.

use mysql::Conn;
use mysql::prelude::Queryable;

use super::{Context, ResumeCause, Resumed, RunReport, RunStep, current_version, report};
use crate::migrate::checksum::{migration_checksum, statements_checksum};
use crate::migrate::driver::{Driver, DriverError, mysql_error};
use crate::migrate::error::MigrateError;
use crate::migrate::folder::{Direction, MigrationDir, MigrationScript};
use crate::migrate::history;
use crate::migrate::lock;
use crate::migrate::progress::{self, Progress};
use crate::statement::first_line;

/// MySQL/MariaDB errors that say a DDL statement's effect is already there (the object exists,
/// or is already gone): 1022 duplicate key, 1050 table exists, 1051 unknown table, 1054 unknown
/// column, 1060 duplicate column, 1061 duplicate key name, 1091 cannot drop (missing),
/// 1146 no such table, 1826 duplicate constraint name.
const ALREADY_DONE_CODES: &[u16] = &[1022, 1050, 1051, 1054, 1060, 1061, 1091, 1146, 1826];

pub(super) fn run(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    lock::acquire(driver, context.url, context.options.lock_timeout)?;
    let result = run_locked(context, driver);
    lock::release(driver, context.url);
    result
}

fn run_locked(context: &Context<'_>, driver: &mut Driver) -> Result<RunReport, MigrateError> {
    let applied = context.read_history(driver)?;
    context.verify(&applied)?;
    let connection = mysql_connection(context, driver)?;
    progress::ensure_table(connection, context.password())
        .map_err(|error| context.bookkeeping("create the migration progress table", error))?;
    let unfinished = progress::read(connection, context.password())
        .map_err(|error| context.bookkeeping("read the migration progress", error))?;
    let version_before = current_version(&applied);
    let plan = context.plan(&applied);
    let mut steps = Vec::new();
    let mut resumed = None;
    let mut remaining = plan.as_slice();
    match unfinished {
        Some(progress) => {
            let Some(first) = plan.first().filter(|migration| {
                migration.version == progress.version
                    && progress.direction == context.direction.keyword()
            }) else {
                return Err(unfinished_error(context, &progress));
            };
            let script = first.script(context.dialect, context.direction)?;
            let note = resume(context, connection, first, &script, &progress)?;
            steps.push(RunStep {
                version: first.version,
                name: first.name.clone(),
                statements: script.statements.len(),
            });
            resumed = Some(note);
            remaining = &plan[1..];
        }
        None => context.check_drift(driver, &applied)?,
    }
    let connection = mysql_connection(context, driver)?;
    for migration in remaining {
        let script = migration.script(context.dialect, context.direction)?;
        let progress = Progress {
            version: migration.version,
            name: migration.name.clone(),
            direction: context.direction.keyword().to_string(),
            statement_count: script.statements.len(),
            next_statement: 0,
            done_checksum: statements_checksum(&[]),
            status: "running".to_string(),
            error: None,
            updated_on: String::new(),
        };
        progress::start(connection, &progress, context.password())
            .map_err(|error| context.bookkeeping("record the migration's progress", error))?;
        run_statements(context, connection, migration, &script, 0, false)?;
        steps.push(RunStep {
            version: migration.version,
            name: migration.name.clone(),
            statements: script.statements.len(),
        });
    }
    Ok(report(context, steps, resumed, version_before))
}

/// The MySQL connection of the driver.
fn mysql_connection<'a>(
    context: &Context<'_>,
    driver: &'a mut Driver,
) -> Result<&'a mut Conn, MigrateError> {
    match driver {
        Driver::Mysql(connection) => Ok(connection),
        _ => Err(context.bookkeeping(
            "run the migrations",
            DriverError {
                message: "not a MySQL/MariaDB connection".to_string(),
                code: None,
                connection_lost: false,
            },
        )),
    }
}

/// Continues an unfinished migration at the statement it stopped at.
fn resume(
    context: &Context<'_>,
    connection: &mut Conn,
    migration: &MigrationDir,
    script: &MigrationScript,
    progress: &Progress,
) -> Result<Resumed, MigrateError> {
    let done = progress.next_statement.min(script.statements.len());
    if statements_checksum(&script.statements[..done]) != progress.done_checksum {
        return Err(MigrateError::ResumeEdited {
            migration: migration.folder_name(),
            number: progress.next_statement + 1,
            done,
            path: script.path.clone(),
            url: context.url_text(),
        });
    }
    let interrupted = !progress.failed();
    let restarted = Progress {
        statement_count: script.statements.len(),
        ..progress.clone()
    };
    progress::start(connection, &restarted, context.password())
        .map_err(|error| context.bookkeeping("record the migration's progress", error))?;
    let already_done = run_statements(context, connection, migration, script, done, interrupted)?;
    Ok(Resumed {
        version: migration.version,
        name: migration.name.clone(),
        statement: done + 1,
        cause: if interrupted {
            ResumeCause::Interrupted { already_done }
        } else {
            ResumeCause::Failed(progress.error.clone().unwrap_or_default())
        },
    })
}

/// Runs the script's statements from `start`, recording each one done, then records the
/// migration in the history table and forgets its progress, both in one transaction.
///
/// With `retry_interrupted`, the first statement was running when a runner died: if it fails
/// because its effect is already there, it is taken as done. Returns whether that happened.
fn run_statements(
    context: &Context<'_>,
    connection: &mut Conn,
    migration: &MigrationDir,
    script: &MigrationScript,
    start: usize,
    retry_interrupted: bool,
) -> Result<bool, MigrateError> {
    let password = context.password();
    let count = script.statements.len();
    let mut already_done = false;
    for index in start..count {
        let statement = &script.statements[index];
        let advance = progress::advance_sql(
            migration.version,
            index + 1,
            &statements_checksum(&script.statements[..=index]),
        );
        let outcome = if is_transactional(statement) {
            run_in_transaction(
                connection,
                &[statement.as_str(), advance.as_str()],
                password,
            )
        } else {
            connection
                .query_drop(statement)
                .map_err(|error| (0, mysql_error(&error, password)))
                .and_then(|()| {
                    connection
                        .query_drop(&advance)
                        .map_err(|error| (1, mysql_error(&error, password)))
                })
        };
        let (position, error) = match outcome {
            Ok(()) => continue,
            Err(failure) => failure,
        };
        if position == 0
            && retry_interrupted
            && index == start
            && error
                .code
                .is_some_and(|code| ALREADY_DONE_CODES.contains(&code))
        {
            connection.query_drop(&advance).map_err(|error| {
                lost_or_bookkeeping(
                    context,
                    migration,
                    index,
                    count,
                    mysql_error(&error, password),
                )
            })?;
            already_done = true;
            continue;
        }
        if position == 1 || error.connection_lost {
            return Err(lost_or_bookkeeping(context, migration, index, count, error));
        }
        let _ = progress::fail(connection, migration.version, &error.message, password);
        return Err(MigrateError::PartiallyApplied {
            direction: context.direction,
            number: index + 1,
            count,
            first_line: first_line(statement),
            message: error.message,
            url: context.url_text(),
            path: script.path.clone(),
        });
    }
    let record = match context.direction {
        Direction::Up => history::insert_sql(
            migration.version,
            &migration.name,
            migration_checksum(
                migration.version,
                &migration.name,
                &context_up_text(context, migration, script)?,
            ),
        ),
        Direction::Down => history::delete_sql(migration.version),
    };
    let forget = progress::delete_sql(migration.version);
    run_in_transaction(connection, &[record.as_str(), forget.as_str()], password)
        .map_err(|(_, error)| lost_or_bookkeeping(context, migration, count, count, error))?;
    Ok(already_done)
}

/// The normalised `up.sql` of the migration (the script itself when running up).
fn context_up_text(
    context: &Context<'_>,
    migration: &MigrationDir,
    script: &MigrationScript,
) -> Result<String, MigrateError> {
    match context.direction {
        Direction::Up => Ok(script.text.clone()),
        Direction::Down => Ok(migration.script(context.dialect, Direction::Up)?.text),
    }
}

/// Runs `statements` in one InnoDB transaction; on failure, the index of the failed one.
fn run_in_transaction(
    connection: &mut Conn,
    statements: &[&str],
    password: Option<&str>,
) -> Result<(), (usize, DriverError)> {
    connection
        .query_drop("START TRANSACTION")
        .map_err(|error| (0, mysql_error(&error, password)))?;
    for (index, statement) in statements.iter().enumerate() {
        if let Err(error) = connection.query_drop(statement) {
            let _ = connection.query_drop("ROLLBACK");
            return Err((index, mysql_error(&error, password)));
        }
    }
    connection
        .query_drop("COMMIT")
        .map_err(|error| (statements.len() - 1, mysql_error(&error, password)))
}

/// Whether a statement changes rows only, so that it and its progress record can share a
/// transaction (DDL commits implicitly on MySQL/MariaDB).
fn is_transactional(statement: &str) -> bool {
    let keyword: String = first_line(statement)
        .chars()
        .take_while(|character| character.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_uppercase();
    matches!(keyword.as_str(), "INSERT" | "UPDATE" | "DELETE" | "REPLACE")
}

fn lost_or_bookkeeping(
    context: &Context<'_>,
    migration: &MigrationDir,
    index: usize,
    count: usize,
    error: DriverError,
) -> MigrateError {
    if error.connection_lost {
        MigrateError::ConnectionLost {
            migration: migration.folder_name(),
            direction: context.direction,
            number: (index + 1).min(count.max(1)),
            count,
            message: error.message,
            url: context.url_text(),
            transactional: false,
        }
    } else {
        context.bookkeeping("record the migration's progress", error)
    }
}

fn unfinished_error(context: &Context<'_>, progress: &Progress) -> MigrateError {
    MigrateError::Unfinished {
        migration: context.folder.get(progress.version).map_or_else(
            || format!("V{}__{}", progress.version, progress.name),
            MigrationDir::folder_name,
        ),
        direction: progress.direction.clone(),
        number: progress.next_statement + 1,
        count: progress.statement_count,
        status: if progress.failed() {
            format!("failed: {}", progress.error.clone().unwrap_or_default())
        } else {
            "interrupted".to_string()
        },
        url: context.url_text(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_row_changes_share_a_transaction() {
        assert!(is_transactional("-- copy\nINSERT INTO t SELECT * FROM u"));
        assert!(is_transactional("update t set a = 1"));
        assert!(!is_transactional("ALTER TABLE t ADD x INT"));
        assert!(!is_transactional("CREATE TABLE t (x INT)"));
    }
}
