//! Scratch SQLite databases in temporary files.

use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_sdk::Dialect;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, ffi};
use tempfile::TempDir;

use crate::Outcome;
use crate::database::{Catalog, Database, catalog_from_rows};
use crate::rejection::{Rejection, RejectionKind};

static DIALECT: SqliteDialect = SqliteDialect;

/// A SQLite database file of its own, removed when this value is dropped.
///
/// One connection serves the whole test: `PRAGMA foreign_keys`, which the script sets, holds per
/// connection, so the script and the checks after it must share it.
pub struct Sqlite {
    connection: Connection,
    path: std::path::PathBuf,
    _folder: TempDir,
}

impl Sqlite {
    /// Creates an empty database file in a temporary folder and opens it, with foreign keys not
    /// enforced yet (as in the `sqlite3` shell).
    pub fn scratch() -> Sqlite {
        let folder = tempfile::tempdir()
            .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
        let path = folder.path().join("scratch.sqlite");
        let connection = Connection::open(&path).unwrap_or_else(|error| {
            panic!(
                "cannot create the SQLite database {}: {error}",
                path.display()
            )
        });
        // The bundled library enforces foreign keys from the start; the sqlite3 shell and most
        // builds do not. Start where they do, so that enforcement comes from the script's PRAGMA.
        connection
            .execute_batch("PRAGMA foreign_keys = OFF")
            .unwrap_or_else(|error| panic!("cannot switch foreign keys off: {error}"));
        Sqlite {
            connection,
            path,
            _folder: folder,
        }
    }

    /// Whether foreign keys are enforced on this connection right now.
    pub fn foreign_keys_enforced(&mut self) -> Outcome<bool> {
        Ok(self.query_integer("PRAGMA foreign_keys")? == 1)
    }
}

/// Turns a driver error into a [`Rejection`].
pub fn rejection(error: &rusqlite::Error) -> Rejection {
    let rusqlite::Error::SqliteFailure(failure, message) = error else {
        return Rejection::other(error.to_string());
    };
    let message = message.clone().unwrap_or_else(|| failure.to_string());
    let (kind, constraint) = match failure.extended_code {
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            (RejectionKind::Unique, None)
        }
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => (RejectionKind::ForeignKey, None),
        // ON DELETE / ON UPDATE RESTRICT fails through SQLite's foreign key trigger.
        ffi::SQLITE_CONSTRAINT_TRIGGER if message.starts_with("FOREIGN KEY constraint failed") => {
            (RejectionKind::ForeignKey, None)
        }
        ffi::SQLITE_CONSTRAINT_NOTNULL => (RejectionKind::NotNull, None),
        ffi::SQLITE_CONSTRAINT_CHECK => (
            RejectionKind::Check,
            message
                .strip_prefix("CHECK constraint failed: ")
                .map(str::to_string),
        ),
        ffi::SQLITE_CONSTRAINT_DATATYPE => (RejectionKind::InvalidValue, None),
        _ => (RejectionKind::Other, None),
    };
    Rejection {
        kind,
        constraint,
        message: format!("{message} (code {})", failure.extended_code),
    }
}

impl Database for Sqlite {
    fn dialect(&self) -> &'static dyn Dialect {
        &DIALECT
    }

    fn describe(&self) -> String {
        format!("SQLite database {}", self.path.display())
    }

    fn run_script(&mut self, script: &str) -> Outcome {
        let described = self.describe();
        self.connection
            .execute_batch(script)
            .map_err(|error| format!("{described}: the script failed: {}", rejection(&error)))
    }

    fn execute(&mut self, sql: &str) -> Result<u64, Rejection> {
        self.connection
            .execute(sql, [])
            .map(|count| count as u64)
            .map_err(|error| rejection(&error))
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Rejection> {
        let mut statement = self
            .connection
            .prepare(sql)
            .map_err(|error| rejection(&error))?;
        let width = statement.column_count();
        let mut rows = statement.query([]).map_err(|error| rejection(&error))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|error| rejection(&error))? {
            let mut cells = Vec::with_capacity(width);
            for index in 0..width {
                let cell = row.get_ref(index).map_err(|error| rejection(&error))?;
                cells.push(match cell {
                    ValueRef::Null => None,
                    ValueRef::Integer(number) => Some(number.to_string()),
                    ValueRef::Real(number) => Some(number.to_string()),
                    ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                        Some(String::from_utf8_lossy(bytes).into_owned())
                    }
                });
            }
            out.push(cells);
        }
        Ok(out)
    }

    fn last_insert_id(&mut self) -> Outcome<i64> {
        self.query_integer("SELECT last_insert_rowid()")
    }

    fn catalog(&mut self) -> Outcome<Catalog> {
        let rows = self
            .query(
                "SELECT m.name, p.name FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
                 ORDER BY m.name, p.cid",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(catalog_from_rows(rows))
    }

    fn objects(&mut self) -> Outcome<Vec<String>> {
        let rows = self
            .query(
                "SELECT type || ' ' || name FROM sqlite_schema \
                 WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }
}
