//! The migration runner's own connection: the driver itself, because locks, transactions and
//! refinery's runner need it directly.

use std::time::Duration;

use mysql::prelude::Queryable;
use rusqlite::types::ValueRef;

use super::error::MigrateError;
use crate::backend;
use crate::connection::connect_error;
use crate::error::DbError;
use crate::secret::scrub;
use crate::url::{DatabaseUrl, Target};

/// A driver connection to the database being migrated.
pub(crate) enum Driver {
    /// MySQL or MariaDB.
    Mysql(Box<mysql::Conn>),
    /// PostgreSQL.
    Postgres(Box<postgres::Client>),
    /// SQLite.
    Sqlite(Box<rusqlite::Connection>),
}

/// A failed statement, as the driver reported it.
#[derive(Debug, Clone)]
pub(crate) struct DriverError {
    /// The database's message, password scrubbed.
    pub(crate) message: String,
    /// The server's error number (MySQL/MariaDB) when it answered.
    pub(crate) code: Option<u16>,
    /// Whether the connection is gone (server down, connection killed).
    pub(crate) connection_lost: bool,
}

/// Rows of text values (`None` for NULL).
pub(crate) type Rows = Vec<Vec<Option<String>>>;

impl Driver {
    /// Opens a connection to `url`; on SQLite, waits up to `busy_timeout` for other writers.
    pub(crate) fn open(url: &DatabaseUrl, busy_timeout: Duration) -> Result<Driver, MigrateError> {
        Ok(match url.target() {
            Target::Mysql(address) => Driver::Mysql(Box::new(
                backend::mysql::connect(address)
                    .map_err(|message| connect_error(url, address, &message))?,
            )),
            Target::Postgres(address) => Driver::Postgres(Box::new(
                backend::postgres::connect(address)
                    .map_err(|message| connect_error(url, address, &message))?,
            )),
            Target::SqliteFile(path) => {
                let connection =
                    backend::sqlite::open(Some(path)).map_err(|message| DbError::OpenSqlite {
                        path: path.display().to_string(),
                        message,
                    })?;
                let _ = connection.busy_timeout(busy_timeout);
                Driver::Sqlite(Box::new(connection))
            }
            Target::SqliteMemory => Driver::Sqlite(Box::new(backend::sqlite::open(None).map_err(
                |message| DbError::OpenSqlite {
                    path: ":memory:".to_string(),
                    message,
                },
            )?)),
        })
    }

    /// Runs one statement (or, on PostgreSQL and SQLite, a batch of them) that returns no rows.
    pub(crate) fn execute(&mut self, sql: &str, password: Option<&str>) -> Result<(), DriverError> {
        match self {
            Driver::Mysql(connection) => connection
                .query_drop(sql)
                .map_err(|error| mysql_error(&error, password)),
            Driver::Postgres(client) => client
                .batch_execute(sql)
                .map_err(|error| postgres_error(&error, password)),
            Driver::Sqlite(connection) => connection
                .execute_batch(sql)
                .map_err(|error| sqlite_error(&error, password)),
        }
    }

    /// Runs a query and returns its rows as text.
    pub(crate) fn query(&mut self, sql: &str, password: Option<&str>) -> Result<Rows, DriverError> {
        match self {
            Driver::Mysql(connection) => {
                let result = connection
                    .query_iter(sql)
                    .map_err(|error| mysql_error(&error, password))?;
                let mut rows = Vec::new();
                for row in result {
                    let row = row.map_err(|error| mysql_error(&error, password))?;
                    let values = row
                        .unwrap()
                        .into_iter()
                        .map(|value| match value {
                            mysql::Value::NULL => None,
                            mysql::Value::Bytes(bytes) => {
                                Some(String::from_utf8_lossy(&bytes).to_string())
                            }
                            other => Some(other.as_sql(true).trim_matches('\'').to_string()),
                        })
                        .collect();
                    rows.push(values);
                }
                Ok(rows)
            }
            Driver::Postgres(client) => {
                let messages = client
                    .simple_query(sql)
                    .map_err(|error| postgres_error(&error, password))?;
                Ok(messages
                    .into_iter()
                    .filter_map(|message| match message {
                        postgres::SimpleQueryMessage::Row(row) => Some(
                            (0..row.len())
                                .map(|index| row.get(index).map(str::to_string))
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect())
            }
            Driver::Sqlite(connection) => {
                sqlite_rows(connection, sql).map_err(|error| sqlite_error(&error, password))
            }
        }
    }
}

fn sqlite_rows(connection: &rusqlite::Connection, sql: &str) -> Result<Rows, rusqlite::Error> {
    let mut statement = connection.prepare(sql)?;
    let columns = statement.column_count();
    let mut rows = statement.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(columns);
        for index in 0..columns {
            values.push(match row.get_ref(index)? {
                ValueRef::Null => None,
                ValueRef::Integer(number) => Some(number.to_string()),
                ValueRef::Real(number) => Some(number.to_string()),
                ValueRef::Text(text) | ValueRef::Blob(text) => {
                    Some(String::from_utf8_lossy(text).to_string())
                }
            });
        }
        out.push(values);
    }
    Ok(out)
}

/// A MySQL/MariaDB driver error.
pub(crate) fn mysql_error(error: &mysql::Error, password: Option<&str>) -> DriverError {
    let (code, connection_lost) = match error {
        // ER_SERVER_SHUTDOWN, ER_CONNECTION_KILLED
        mysql::Error::MySqlError(server) => (Some(server.code), matches!(server.code, 1053 | 1927)),
        mysql::Error::IoError(_) | mysql::Error::CodecError(_) => (None, true),
        mysql::Error::DriverError(
            mysql::DriverError::PacketOutOfSync | mysql::DriverError::Timeout,
        ) => (None, true),
        _ => (None, false),
    };
    let message = match error {
        mysql::Error::MySqlError(server) => format!(
            "ERROR {} ({}): {}",
            server.code, server.state, server.message
        ),
        other => backend::mysql::describe(other),
    };
    DriverError {
        message: scrub(&message, password),
        code,
        connection_lost,
    }
}

/// A PostgreSQL driver error.
pub(crate) fn postgres_error(error: &postgres::Error, password: Option<&str>) -> DriverError {
    let lost = error.is_closed()
        || error
            .as_db_error()
            .is_some_and(|db| matches!(db.code().code(), "57P01" | "57P02" | "57P03"))
        || (error.as_db_error().is_none() && error.to_string().contains("connection"));
    DriverError {
        message: scrub(&backend::postgres::describe(error), password),
        code: None,
        connection_lost: lost,
    }
}

/// A SQLite driver error.
pub(crate) fn sqlite_error(error: &rusqlite::Error, password: Option<&str>) -> DriverError {
    DriverError {
        message: scrub(&backend::sqlite::describe(error), password),
        code: None,
        connection_lost: false,
    }
}
