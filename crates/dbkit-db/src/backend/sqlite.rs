//! SQLite, through `rusqlite` with SQLite compiled in.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::{StatementFailure, run_each};
use crate::statement::is_pragma;

/// How long a statement waits for another process to release a locked database file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the database file at `path`, or an in-memory database for `None`,
/// with foreign keys enforced.
pub(crate) fn open(path: Option<&Path>) -> Result<Connection, String> {
    let connection = match path {
        Some(path) => Connection::open(path),
        None => Connection::open_in_memory(),
    }
    .map_err(|error| describe(&error))?;
    connection
        .busy_timeout(BUSY_TIMEOUT)
        .map_err(|error| describe(&error))?;
    connection
        .execute_batch("PRAGMA foreign_keys = ON")
        .map_err(|error| describe(&error))?;
    Ok(connection)
}

/// The driver's message for `error`.
pub(crate) fn describe(error: &rusqlite::Error) -> String {
    error.to_string()
}

/// Runs each statement on its own, outside any transaction.
pub(crate) fn execute_each(
    connection: &mut Connection,
    statements: &[&str],
) -> Result<(), StatementFailure> {
    run_each(statements, |sql| connection.execute_batch(sql), describe)
}

/// Runs every statement in one transaction: all of them apply, or none.
///
/// `PRAGMA` statements at the start of the script (such as `PRAGMA foreign_keys = ON`) run
/// before the transaction begins, because SQLite ignores some of them inside a transaction;
/// they are connection settings and change no data.
pub(crate) fn execute_in_transaction(
    connection: &mut Connection,
    statements: &[&str],
) -> Result<(), StatementFailure> {
    let leading_pragmas = statements.iter().take_while(|sql| is_pragma(sql)).count();
    run_each(
        &statements[..leading_pragmas],
        |sql| connection.execute_batch(sql),
        describe,
    )?;
    let whole_script = |error: rusqlite::Error| StatementFailure {
        index: None,
        message: describe(&error),
    };
    let transaction = connection.transaction().map_err(whole_script)?;
    run_each(
        &statements[leading_pragmas..],
        |sql| transaction.execute_batch(sql),
        describe,
    )
    .map_err(|failure| StatementFailure {
        index: failure.index.map(|index| index + leading_pragmas),
        message: failure.message,
    })?;
    transaction.commit().map_err(whole_script)
}

/// The user tables, sorted by name, without SQLite's own `sqlite_*` tables.
pub(crate) fn list_tables(connection: &mut Connection) -> Result<Vec<String>, String> {
    let mut query = connection
        .prepare(
            "SELECT name FROM sqlite_master \
             WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )
        .map_err(|error| describe(&error))?;
    let names = query
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|error| describe(&error))?;
    names
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| describe(&error))
}
