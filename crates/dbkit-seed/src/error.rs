//! What can go wrong while generating, writing or loading sample data.

use std::path::PathBuf;

/// Why sample data could not be generated, written or loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A column's rules cannot all be met (too few distinct values for a unique key, a CHECK
    /// dbkit cannot solve, a reference to a table without rows). Nothing has been written.
    #[error("cannot generate {table}.{column}: {reason}")]
    Unsatisfiable {
        /// The table.
        table: String,
        /// The column.
        column: String,
        /// Why, and what to change.
        reason: String,
    },
    /// A whole table cannot be generated.
    #[error("cannot generate table \"{table}\": {reason}")]
    Table {
        /// The table.
        table: String,
        /// Why, and what to change.
        reason: String,
    },
    /// A row count names a table the schema does not have.
    #[error("the row counts name the table \"{table}\", which is not in the schema{suggestion}")]
    UnknownTable {
        /// The name given.
        table: String,
        /// ", did you mean ...?" or nothing.
        suggestion: String,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The system's error.
        #[source]
        source: std::io::Error,
    },
    /// The database refused a statement or the connection failed.
    #[error("{database}: {message}")]
    Database {
        /// "MariaDB/MySQL", "PostgreSQL" or "SQLite".
        database: &'static str,
        /// What failed, naming the table, and the database's message.
        message: String,
    },
    /// Loading was refused before anything was written.
    #[error("{0}")]
    Refused(String),
}

impl SeedError {
    pub(crate) fn unsatisfiable(table: &str, column: &str, reason: impl Into<String>) -> SeedError {
        SeedError::Unsatisfiable {
            table: table.to_string(),
            column: column.to_string(),
            reason: reason.into(),
        }
    }
}
