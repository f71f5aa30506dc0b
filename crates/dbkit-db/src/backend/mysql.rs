//! MySQL and MariaDB, through the `mysql` crate.

use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder};

use super::{CONNECT_TIMEOUT, StatementFailure, run_each};
use crate::url::ServerAddress;

/// Opens a connection to `address`.
pub(crate) fn connect(address: &ServerAddress) -> Result<Conn, String> {
    let options = OptsBuilder::new()
        .ip_or_hostname(Some(address.host()))
        .tcp_port(address.port())
        .user(Some(address.user()))
        .pass(address.password())
        .db_name(address.database())
        .tcp_connect_timeout(Some(CONNECT_TIMEOUT));
    Conn::new(options).map_err(|error| describe(&error))
}

/// The driver's message for `error`, without the driver's own wrapping.
pub(crate) fn describe(error: &mysql::Error) -> String {
    match error {
        mysql::Error::DriverError(error) => error.to_string(),
        mysql::Error::IoError(error) => error.to_string(),
        other => other.to_string(),
    }
}

/// Runs each statement on its own; every statement that succeeded stays applied.
pub(crate) fn execute_each(
    connection: &mut Conn,
    statements: &[&str],
) -> Result<(), StatementFailure> {
    run_each(statements, |sql| connection.query_drop(sql), describe)
}

/// The base tables of the current database, sorted by name; `Ok(None)` when no database is
/// selected.
pub(crate) fn list_tables(connection: &mut Conn) -> Result<Option<Vec<String>>, String> {
    let current: Option<Option<String>> = connection
        .query_first("SELECT DATABASE()")
        .map_err(|error| describe(&error))?;
    if current.flatten().is_none() {
        return Ok(None);
    }
    connection
        .query(
            "SELECT TABLE_NAME FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
        )
        .map(Some)
        .map_err(|error| describe(&error))
}

/// Creates `database` unless it exists; `Ok(true)` when it was created.
pub(crate) fn create_database_if_missing(
    connection: &mut Conn,
    database: &str,
) -> Result<bool, String> {
    let existing: Option<String> = connection
        .exec_first(
            "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
            (database,),
        )
        .map_err(|error| describe(&error))?;
    if existing.is_some() {
        return Ok(false);
    }
    connection
        .query_drop(format!(
            "CREATE DATABASE {} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
            quote_identifier(database)
        ))
        .map_err(|error| describe(&error))?;
    Ok(true)
}

/// Quotes a MySQL identifier with backticks, doubling any backtick inside.
fn quote_identifier(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}
