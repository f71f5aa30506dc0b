//! Reading a live database into the model (`dbkit pull`).
//!
//! Each database is read with a few batched catalog queries for the whole schema, never a round
//! of queries per table: `information_schema` on MySQL/MariaDB, `pg_catalog` on PostgreSQL, and
//! `sqlite_master` joined with the table-valued pragma functions on SQLite. The rows go through
//! the same steps for every database (following sea-schema's pipeline): `query` reads the raw
//! rows, `parse` turns them into the model's pieces, [`assemble`] orders them into a
//! [`dbkit_model::Schema`].
//!
//! Names of tables, columns, constraints and indexes are kept exactly as the database has
//! them. What the model cannot hold (views, triggers, routines, partitions, expression
//! defaults...) is listed in [`Pulled::warnings`], never silently dropped. Types the model does
//! not know are kept as native types ([`dbkit_model::ColumnType::Native`]).
//!
//! A database stores some of the model lossily (MySQL keeps no primary key names and has no
//! `timestamptz`; SQLite keeps no comments): [`stored_form`] gives the model as a database of a
//! given kind holds it, so that a `schema.toml` and a pulled database compare equal when
//! nothing but that was lost.

mod absorb;
mod assemble;
mod check_text;
mod default_text;
mod mysql;
mod normalise;
mod postgres;
mod sqlite;
mod warning;

pub use normalise::stored_form;
pub use warning::{PullWarning, WarningKind};

use dbkit_model::Schema;

use crate::connection::Connection;
use crate::error::DbError;

/// A database read into the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Pulled {
    /// The tables with their columns, keys, constraints and indexes.
    pub schema: Schema,
    /// What the database has that the model does not hold, sorted by kind and object.
    pub warnings: Vec<PullWarning>,
}

/// Why a database could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntrospectError {
    /// A catalog query failed.
    #[error("cannot read the {database} catalog: {message}")]
    Query {
        /// `MySQL/MariaDB`, `PostgreSQL` or `SQLite`.
        database: &'static str,
        /// The driver's message.
        message: String,
    },
    /// The MySQL/MariaDB connection has no current database.
    #[error("no database is selected; name one in the URL, as in mysql://root@localhost/library")]
    NoDatabase,
}

impl IntrospectError {
    fn query(database: &'static str, message: String) -> IntrospectError {
        IntrospectError::Query { database, message }
    }
}

/// Reads the database `connection` is connected to: the current database on MySQL/MariaDB, the
/// current schema (normally `public`) on PostgreSQL, the file on SQLite.
pub fn introspect(connection: &mut Connection) -> Result<Pulled, DbError> {
    let url = connection.url().to_string();
    let result = connection.with_driver(mysql::pull, postgres::pull, sqlite::pull);
    result.map_err(|error| match error {
        IntrospectError::NoDatabase => DbError::NoDatabase { url },
        IntrospectError::Query { message, .. } => DbError::Query {
            action: "read the schema",
            url,
            message: connection.scrub(&message),
        },
    })
}

/// Reads the current database of a MySQL/MariaDB connection.
pub fn pull_mysql(
    connection: &mut impl ::mysql::prelude::Queryable,
) -> Result<Pulled, IntrospectError> {
    mysql::pull(connection)
}

/// Reads the current schema (normally `public`) of a PostgreSQL connection.
pub fn pull_postgres(client: &mut ::postgres::Client) -> Result<Pulled, IntrospectError> {
    postgres::pull(client)
}

/// Reads the main database of a SQLite connection.
pub fn pull_sqlite(connection: &rusqlite::Connection) -> Result<Pulled, IntrospectError> {
    sqlite::pull(connection)
}
