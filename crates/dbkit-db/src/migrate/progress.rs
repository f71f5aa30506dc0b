//! The progress of a migration on MySQL/MariaDB, statement by statement.
//!
//! MySQL and MariaDB commit every DDL statement at once, so a migration cannot run as one
//! transaction there. dbkit runs its statements one at a time and records, in
//! `dbkit_migration_progress`, how far it got: the migration, the direction, the index of the
//! first statement not known to be done, a checksum of the statements done, and the status
//! (`running`, or `failed` with the database's message). The row is deleted in the same
//! transaction that records the finished migration in refinery's history table.
//!
//! A row left `running` while no runner holds the lock means the runner died (killed, or its
//! connection lost) during that statement.

use mysql::Conn;
use mysql::prelude::Queryable;

use super::driver::{DriverError, mysql_error};
use super::history::rfc3339_now;

/// The progress table's name.
pub const PROGRESS_TABLE: &str = "dbkit_migration_progress";

/// A migration that started on MySQL/MariaDB and has not finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The migration's version.
    pub version: u32,
    /// Its name.
    pub name: String,
    /// `up` or `down`.
    pub direction: String,
    /// How many statements its script has.
    pub statement_count: usize,
    /// The first statement (from 0) not known to be done.
    pub next_statement: usize,
    /// A checksum of the statements before `next_statement`.
    pub done_checksum: String,
    /// `running` or `failed`.
    pub status: String,
    /// The database's message, when it failed.
    pub error: Option<String>,
    /// When the row last changed (RFC 3339).
    pub updated_on: String,
}

impl Progress {
    /// Whether the migration failed (as opposed to having been interrupted).
    pub fn failed(&self) -> bool {
        self.status == "failed"
    }
}

type Result<T> = std::result::Result<T, DriverError>;

/// Creates the progress table if needed.
pub(crate) fn ensure_table(connection: &mut Conn, password: Option<&str>) -> Result<()> {
    connection
        .query_drop(format!(
            "CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} (
                 version INT NOT NULL PRIMARY KEY,
                 name VARCHAR(255) NOT NULL,
                 direction VARCHAR(4) NOT NULL,
                 statement_count INT NOT NULL,
                 next_statement INT NOT NULL,
                 done_checksum VARCHAR(32) NOT NULL,
                 status VARCHAR(16) NOT NULL,
                 error TEXT NULL,
                 updated_on VARCHAR(40) NOT NULL
             ) ENGINE=InnoDB"
        ))
        .map_err(|error| mysql_error(&error, password))
}

/// The unfinished migration, if any (there is at most one: runners hold the lock).
pub(crate) fn read(connection: &mut Conn, password: Option<&str>) -> Result<Option<Progress>> {
    type Row = (
        u32,
        String,
        String,
        u32,
        u32,
        String,
        String,
        Option<String>,
        String,
    );
    let row: Option<Row> = connection
        .query_first(format!(
            "SELECT version, name, direction, statement_count, next_statement, done_checksum, status, error, updated_on \
             FROM {PROGRESS_TABLE} ORDER BY version LIMIT 1"
        ))
        .map_err(|error| mysql_error(&error, password))?;
    Ok(row.map(
        |(
            version,
            name,
            direction,
            statement_count,
            next_statement,
            done_checksum,
            status,
            error,
            updated_on,
        )| Progress {
            version,
            name,
            direction,
            statement_count: statement_count as usize,
            next_statement: next_statement as usize,
            done_checksum,
            status,
            error,
            updated_on,
        },
    ))
}

/// Records that `progress`'s migration is running from its `next_statement`.
pub(crate) fn start(
    connection: &mut Conn,
    progress: &Progress,
    password: Option<&str>,
) -> Result<()> {
    connection
        .exec_drop(
            format!(
                "REPLACE INTO {PROGRESS_TABLE} \
                 (version, name, direction, statement_count, next_statement, done_checksum, status, error, updated_on) \
                 VALUES (?, ?, ?, ?, ?, ?, 'running', NULL, ?)"
            ),
            (
                progress.version,
                &progress.name,
                &progress.direction,
                progress.statement_count as u32,
                progress.next_statement as u32,
                &progress.done_checksum,
                rfc3339_now(),
            ),
        )
        .map_err(|error| mysql_error(&error, password))
}

/// The statement that records statements before `next_statement` as done.
pub(crate) fn advance_sql(version: u32, next_statement: usize, done_checksum: &str) -> String {
    format!(
        "UPDATE {PROGRESS_TABLE} SET next_statement = {next_statement}, done_checksum = '{done_checksum}', \
         status = 'running', error = NULL, updated_on = '{}' WHERE version = {version}",
        rfc3339_now()
    )
}

/// Records that the statement at `next_statement` failed with `message`.
pub(crate) fn fail(
    connection: &mut Conn,
    version: u32,
    message: &str,
    password: Option<&str>,
) -> Result<()> {
    connection
        .exec_drop(
            format!("UPDATE {PROGRESS_TABLE} SET status = 'failed', error = ?, updated_on = ? WHERE version = ?"),
            (message, rfc3339_now(), version),
        )
        .map_err(|error| mysql_error(&error, password))
}

/// The statement that forgets the progress of `version` (it finished, or was repaired).
pub(crate) fn delete_sql(version: u32) -> String {
    format!("DELETE FROM {PROGRESS_TABLE} WHERE version = {version}")
}

/// Whether the progress table exists (without creating it).
pub(crate) fn table_exists(connection: &mut Conn, password: Option<&str>) -> Result<bool> {
    let count: Option<u64> = connection
        .query_first(format!(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{PROGRESS_TABLE}'"
        ))
        .map_err(|error| mysql_error(&error, password))?;
    Ok(count.unwrap_or(0) > 0)
}
