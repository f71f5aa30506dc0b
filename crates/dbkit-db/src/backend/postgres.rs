//! PostgreSQL, through the `postgres` crate.

use postgres::{Client, Config, NoTls};

use super::{CONNECT_TIMEOUT, StatementFailure, run_each};
use crate::url::ServerAddress;

/// Opens a connection to `address`; without a database name, PostgreSQL uses the user's name.
pub(crate) fn connect(address: &ServerAddress) -> Result<Client, String> {
    let mut config = Config::new();
    config
        .host(address.host())
        .port(address.port())
        .user(address.user())
        .connect_timeout(CONNECT_TIMEOUT)
        .application_name("dbkit");
    if let Some(password) = address.password() {
        config.password(password);
    }
    if let Some(database) = address.database() {
        config.dbname(database);
    }
    config.connect(NoTls).map_err(|error| describe(&error))
}

/// The driver's message for `error`: the server's severity, SQLSTATE, message, detail and hint
/// when the server answered, the client-side cause otherwise.
pub(crate) fn describe(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => {
            let mut message = format!("{} {}: {}", db.severity(), db.code().code(), db.message());
            if let Some(detail) = db.detail() {
                message.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                message.push_str(&format!("; hint: {hint}"));
            }
            message
        }
        None => error.to_string(),
    }
}

/// Runs each statement on its own, outside any transaction.
pub(crate) fn execute_each(
    client: &mut Client,
    statements: &[&str],
) -> Result<(), StatementFailure> {
    run_each(statements, |sql| client.batch_execute(sql), describe)
}

/// Runs every statement in one transaction: all of them apply, or none.
pub(crate) fn execute_in_transaction(
    client: &mut Client,
    statements: &[&str],
) -> Result<(), StatementFailure> {
    let whole_script = |error: postgres::Error| StatementFailure {
        index: None,
        message: describe(&error),
    };
    let mut transaction = client.transaction().map_err(whole_script)?;
    run_each(statements, |sql| transaction.batch_execute(sql), describe)?;
    transaction.commit().map_err(whole_script)
}

/// The tables of the current schema (normally `public`), sorted by name.
pub(crate) fn list_tables(client: &mut Client) -> Result<Vec<String>, String> {
    let rows = client
        .query(
            "SELECT tablename::text FROM pg_catalog.pg_tables \
             WHERE schemaname = current_schema() ORDER BY tablename",
            &[],
        )
        .map_err(|error| describe(&error))?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

/// Creates `database` unless it exists; `Ok(true)` when it was created.
pub(crate) fn create_database_if_missing(
    client: &mut Client,
    database: &str,
) -> Result<bool, String> {
    let existing = client
        .query_opt(
            "SELECT 1 FROM pg_catalog.pg_database WHERE datname = $1",
            &[&database],
        )
        .map_err(|error| describe(&error))?;
    if existing.is_some() {
        return Ok(false);
    }
    client
        .batch_execute(&format!(
            "CREATE DATABASE \"{}\"",
            database.replace('"', "\"\"")
        ))
        .map_err(|error| describe(&error))?;
    Ok(true)
}
