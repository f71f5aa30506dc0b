//! The handshake's SQLite queries, run with bound parameters on SQLite database files.

#[path = "engine/mod.rs"]
mod engine;

use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::queries::Command;
use dbkit_tests::sqlite::rejection;
use dbkit_tests::{Database, Rejection, Sqlite, Value};
use engine::{Answer, Cell, Executor, check_fixture, fixtures_for};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params_from_iter};

/// A second connection to a scratch database file, as a backend opens one: it turns foreign key
/// enforcement on first, since SQLite leaves it off on every new connection.
struct SqliteExecutor {
    connection: Connection,
    path: String,
}

impl SqliteExecutor {
    fn connect(db: &mut Sqlite) -> SqliteExecutor {
        let path = db
            .query_text("SELECT file FROM pragma_database_list WHERE name = 'main'")
            .unwrap_or_else(|error| panic!("cannot read the scratch database's file: {error}"));
        let connection =
            Connection::open(&path).unwrap_or_else(|error| panic!("cannot open {path}: {error}"));
        connection
            .execute_batch("PRAGMA foreign_keys = ON")
            .unwrap_or_else(|error| panic!("cannot turn foreign keys on: {error}"));
        SqliteExecutor { connection, path }
    }
}

fn argument(value: &Value) -> rusqlite::types::Value {
    match value {
        Value::Null => rusqlite::types::Value::Null,
        Value::Integer(number) => rusqlite::types::Value::Integer(*number),
        Value::Number(text) | Value::Text(text) => rusqlite::types::Value::Text(text.clone()),
        Value::Boolean(flag) => rusqlite::types::Value::Integer(i64::from(*flag)),
        Value::Bytes(bytes) => rusqlite::types::Value::Blob(bytes.clone()),
    }
}

fn cell(value: ValueRef<'_>) -> Cell {
    match value {
        ValueRef::Null => Cell::Null,
        ValueRef::Integer(number) => Cell::Integer(number),
        ValueRef::Real(number) => Cell::Float(number),
        ValueRef::Text(bytes) => Cell::Text(String::from_utf8_lossy(bytes).into_owned()),
        ValueRef::Blob(bytes) => Cell::Bytes(bytes.to_vec()),
    }
}

impl Executor for SqliteExecutor {
    fn describe(&self) -> String {
        format!("SQLite database {}", self.path)
    }

    fn run(
        &mut self,
        sql: &str,
        command: Command,
        arguments: &[Value],
    ) -> Result<Answer, Rejection> {
        let mut statement = self
            .connection
            .prepare(sql)
            .map_err(|error| rejection(&error))?;
        let parameters = params_from_iter(arguments.iter().map(argument));
        match command {
            Command::One | Command::Many => {
                let width = statement.column_count();
                let mut rows = statement
                    .query(parameters)
                    .map_err(|error| rejection(&error))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next().map_err(|error| rejection(&error))? {
                    let mut cells = Vec::with_capacity(width);
                    for index in 0..width {
                        cells.push(cell(row.get_ref(index).map_err(|error| rejection(&error))?));
                    }
                    out.push(cells);
                }
                Ok(Answer::Rows(out))
            }
            Command::ExecRows => statement
                .execute(parameters)
                .map(|count| Answer::Affected(count as u64))
                .map_err(|error| rejection(&error)),
            Command::Exec => statement
                .execute(parameters)
                .map(|_| Answer::Done)
                .map_err(|error| rejection(&error)),
            Command::ExecLastId => {
                statement
                    .execute(parameters)
                    .map_err(|error| rejection(&error))?;
                Ok(Answer::LastId(self.connection.last_insert_rowid()))
            }
        }
    }
}

/// Every generated query of every fixture runs on SQLite and does what its README says.
#[test]
fn every_generated_query_runs_on_sqlite() {
    let mut failures = Vec::new();
    for fixture in fixtures_for(&SqliteDialect) {
        let mut db = Sqlite::scratch();
        let mut executor = SqliteExecutor::connect(&mut db);
        if let Err(error) = check_fixture(&fixture, &mut db, &mut executor) {
            failures.push(error);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
