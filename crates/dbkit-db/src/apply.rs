//! Applying a schema script to a database that does not have the schema yet.

use crate::connection::Connection;
use crate::error::DbError;
use crate::statement::created_tables;

/// What [`apply_schema`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplyOutcome {
    /// The tables the script created, in the order it created them.
    pub tables_created: Vec<String>,
    /// How many statements ran.
    pub statements: usize,
    /// Whether the script ran as one transaction (PostgreSQL, SQLite).
    pub transactional: bool,
}

/// Applies a schema script (such as `schema.sql`'s statements) to the database.
///
/// It first lists the database's tables and refuses, changing nothing, when any table the
/// script creates already exists ([`DbError::TablesExist`]): dbkit never drops or alters
/// existing data; use a fresh database (or, later, `dbkit migrate`). Other tables are left alone.
///
/// On PostgreSQL and SQLite the script runs in one transaction, so it applies entirely or not at
/// all ([`DbError::RolledBack`]). MySQL and MariaDB cannot roll back DDL (see
/// [`Connection::execute_script_in_transaction`]): the script runs statement by statement and a
/// failure reports the tables already created ([`DbError::PartiallyApplied`]).
pub fn apply_schema(
    connection: &mut Connection,
    statements: &[&str],
) -> Result<ApplyOutcome, DbError> {
    let tables = created_tables(statements);
    let existing = connection.list_tables()?;
    let clashing: Vec<String> = tables
        .iter()
        .filter(|table| existing.iter().any(|name| name.eq_ignore_ascii_case(table)))
        .cloned()
        .collect();
    if !clashing.is_empty() {
        return Err(DbError::TablesExist {
            url: connection.url().to_string(),
            tables: clashing,
        });
    }
    let transactional = connection.supports_transactional_ddl();
    if transactional {
        connection.execute_script_in_transaction(statements)?;
    } else {
        connection.execute_each(statements).map_err(|failure| {
            let (number, first_line) = connection.locate(statements, &failure);
            let done = failure
                .index
                .map_or(statements, |index| &statements[..index]);
            DbError::PartiallyApplied {
                url: connection.url().to_string(),
                number,
                count: statements.len(),
                first_line,
                message: connection.scrub(&failure.message),
                created: created_tables(done),
            }
        })?;
    }
    Ok(ApplyOutcome {
        tables_created: tables,
        statements: statements.len(),
        transactional,
    })
}
