//! The database under verification: its connection inside the read-only transaction, its
//! schema as read from the catalog, and the design it is compared with.

use dbkit_db::introspect::PullWarning;
use dbkit_db::{Backend, Connection, DbError};
use dbkit_model::{Schema, Table};

use super::sql;

/// The savepoint that keeps one failed query from ending a PostgreSQL transaction.
const SAVEPOINT: &str = "dbkit_verify_query";

/// A database being verified.
pub(crate) struct Live<'c> {
    connection: &'c mut Connection,
    /// The kind of database.
    pub(crate) backend: Backend,
    /// `schema.toml` as this kind of database stores it.
    pub(crate) design: Schema,
    /// The database as its catalog describes it.
    pub(crate) database: Schema,
    /// What the catalog has that the model does not hold (views, triggers...).
    pub(crate) warnings: Vec<PullWarning>,
}

impl<'c> Live<'c> {
    /// A database whose schema has been read.
    pub(crate) fn new(
        connection: &'c mut Connection,
        design: Schema,
        database: Schema,
        warnings: Vec<PullWarning>,
    ) -> Live<'c> {
        Live {
            backend: connection.backend(),
            connection,
            design,
            database,
            warnings,
        }
    }

    /// Runs a query and returns its rows as text. On PostgreSQL the query runs under a
    /// savepoint, so that a failure does not abort the transaction the other checks run in.
    pub(crate) fn rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String> {
        if self.backend != Backend::Postgres {
            return self
                .connection
                .query_rows(sql)
                .map_err(|error| error.to_string());
        }
        let savepoint = format!("SAVEPOINT {SAVEPOINT}");
        self.execute(&savepoint)?;
        match self.connection.query_rows(sql) {
            Ok(rows) => {
                self.execute(&format!("RELEASE SAVEPOINT {SAVEPOINT}"))?;
                Ok(rows)
            }
            Err(error) => {
                self.execute(&format!("ROLLBACK TO SAVEPOINT {SAVEPOINT}"))?;
                Err(error.to_string())
            }
        }
    }

    /// Runs a query that returns one number, such as `SELECT COUNT(*) ...`.
    pub(crate) fn count(&mut self, sql: &str) -> Result<u64, String> {
        let rows = self.rows(sql)?;
        let value = rows
            .first()
            .and_then(|row| row.first())
            .cloned()
            .flatten()
            .unwrap_or_default();
        value
            .trim()
            .parse()
            .map_err(|_| format!("expected a count, got {value:?} from: {sql}"))
    }

    fn execute(&mut self, statement: &str) -> Result<(), String> {
        self.connection
            .execute_statements(&[statement])
            .map_err(|error| error.to_string())
    }

    /// `name` quoted for this database.
    pub(crate) fn quote(&self, name: &str) -> String {
        sql::quote(self.backend, name)
    }

    /// The live table called `name`.
    pub(crate) fn table(&self, name: &str) -> Option<&Table> {
        self.database.table(name)
    }

    /// Whether the live table `table` exists with all of `columns`.
    pub(crate) fn has_columns(&self, table: &str, columns: &[String]) -> bool {
        self.table(table)
            .is_some_and(|table| columns.iter().all(|column| table.column(column).is_some()))
    }
}

/// The read-only transaction every check after the probes runs in: nothing verify reads can
/// change data, and every check sees the same moment of the database.
pub(crate) struct ReadOnly {
    /// SQLite: the `query_only` setting to restore afterwards.
    sqlite_query_only: Option<String>,
}

impl ReadOnly {
    /// Starts it: `START TRANSACTION READ ONLY` on MySQL/MariaDB, a repeatable-read read-only
    /// transaction on PostgreSQL, `PRAGMA query_only = ON` and `BEGIN` on SQLite.
    pub(crate) fn begin(connection: &mut Connection) -> Result<ReadOnly, DbError> {
        match connection.backend() {
            Backend::Mysql => {
                connection.execute_statements(&["START TRANSACTION READ ONLY"])?;
                Ok(ReadOnly {
                    sqlite_query_only: None,
                })
            }
            Backend::Postgres => {
                connection
                    .execute_statements(&["BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"])?;
                Ok(ReadOnly {
                    sqlite_query_only: None,
                })
            }
            Backend::Sqlite => {
                let before = connection
                    .query_rows("PRAGMA query_only")?
                    .into_iter()
                    .next()
                    .and_then(|row| row.into_iter().next().flatten())
                    .unwrap_or_else(|| "0".to_string());
                connection.execute_statements(&["PRAGMA query_only = ON", "BEGIN"])?;
                Ok(ReadOnly {
                    sqlite_query_only: Some(before),
                })
            }
        }
    }

    /// Rolls it back (nothing was written) and restores the connection's settings.
    pub(crate) fn end(self, connection: &mut Connection) -> Result<(), DbError> {
        connection.execute_statements(&["ROLLBACK"])?;
        if let Some(before) = self.sqlite_query_only {
            let restore = if before.trim() == "1" {
                "PRAGMA query_only = ON"
            } else {
                "PRAGMA query_only = OFF"
            };
            connection.execute_statements(&[restore])?;
        }
        Ok(())
    }
}
