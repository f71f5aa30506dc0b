//! The handshake's MySQL / MariaDB queries, run with bound parameters on a real MariaDB server.
//!
//! The server is `DBKIT_TEST_MYSQL_URL`, by default `mysql://root@127.0.0.1:3306`. Each fixture
//! gets a database of its own; a server that does not answer fails the test.

#[path = "engine/mod.rs"]
mod engine;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_generate::queries::Command;
use dbkit_tests::mariadb::{DEFAULT_URL, URL_VARIABLE, rejection};
use dbkit_tests::{Database, MariaDb, Rejection, Value};
use engine::{Answer, Cell, Executor, check_fixture, fixtures_for};
use mysql::prelude::Queryable;
use mysql::{Conn, Opts, OptsBuilder, Params};

/// A second connection to a scratch database, running prepared statements as a backend does.
struct MysqlExecutor {
    connection: Conn,
    database: String,
}

impl MysqlExecutor {
    fn connect(db: &mut MariaDb) -> MysqlExecutor {
        let database = db
            .query_text("SELECT DATABASE()")
            .unwrap_or_else(|error| panic!("cannot read the scratch database's name: {error}"));
        let url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        let options = Opts::from_url(&url)
            .unwrap_or_else(|error| panic!("{URL_VARIABLE} is not a MySQL URL: {error}"));
        let mut connection =
            Conn::new(OptsBuilder::from_opts(options).db_name(Some(database.clone())))
                .unwrap_or_else(|error| {
                    panic!("cannot open a second connection to {database}: {error}")
                });
        let mode: Option<String> = connection
            .query_first("SELECT @@SESSION.sql_mode")
            .unwrap_or_else(|error| panic!("cannot read the sql_mode: {error}"));
        if !mode.unwrap_or_default().contains("STRICT_") {
            connection
                .query_drop(
                    "SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',STRICT_TRANS_TABLES')",
                )
                .unwrap_or_else(|error| panic!("cannot set the sql_mode: {error}"));
        }
        MysqlExecutor {
            connection,
            database,
        }
    }
}

fn argument(value: &Value) -> mysql::Value {
    match value {
        Value::Null => mysql::Value::NULL,
        Value::Integer(number) => mysql::Value::Int(*number),
        Value::Number(text) | Value::Text(text) => mysql::Value::Bytes(text.clone().into_bytes()),
        Value::Boolean(flag) => mysql::Value::Int(i64::from(*flag)),
        Value::Bytes(bytes) => mysql::Value::Bytes(bytes.clone()),
    }
}

fn cell(value: mysql::Value) -> Cell {
    match value {
        mysql::Value::NULL => Cell::Null,
        mysql::Value::Bytes(bytes) => Cell::Bytes(bytes),
        mysql::Value::Int(number) => Cell::Integer(number),
        mysql::Value::UInt(number) => {
            i64::try_from(number).map_or_else(|_| Cell::Text(number.to_string()), Cell::Integer)
        }
        mysql::Value::Float(number) => Cell::Float(f64::from(number)),
        mysql::Value::Double(number) => Cell::Float(number),
        mysql::Value::Date(year, month, day, hour, minute, second, _) => Cell::Text(format!(
            "{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}"
        )),
        mysql::Value::Time(negative, days, hours, minutes, seconds, _) => Cell::Text(format!(
            "{}{:02}:{minutes:02}:{seconds:02}",
            if negative { "-" } else { "" },
            days * 24 + u32::from(hours)
        )),
    }
}

impl Executor for MysqlExecutor {
    fn describe(&self) -> String {
        format!("MariaDB database {}", self.database)
    }

    fn run(
        &mut self,
        sql: &str,
        command: Command,
        arguments: &[Value],
    ) -> Result<Answer, Rejection> {
        let params = if arguments.is_empty() {
            Params::Empty
        } else {
            Params::Positional(arguments.iter().map(argument).collect())
        };
        let mut result = self
            .connection
            .exec_iter(sql, params)
            .map_err(|error| rejection(&error))?;
        // The row count and insert id belong to the result set: read them before draining it.
        let answer = match command {
            Command::ExecRows => Answer::Affected(result.affected_rows()),
            Command::ExecLastId => {
                Answer::LastId(result.last_insert_id().map_or(0, |id| id as i64))
            }
            Command::Exec => Answer::Done,
            Command::One | Command::Many => Answer::Rows(Vec::new()),
        };
        let mut rows = Vec::new();
        for row in result.by_ref() {
            let row = row.map_err(|error| rejection(&error))?;
            rows.push(row.unwrap().into_iter().map(cell).collect());
        }
        Ok(match answer {
            Answer::Rows(_) => Answer::Rows(rows),
            other => other,
        })
    }
}

/// Every generated query of every fixture runs on MariaDB and does what its README says.
#[test]
fn every_generated_query_runs_on_mariadb() {
    let mut failures = Vec::new();
    for fixture in fixtures_for(&MysqlDialect) {
        let mut db = MariaDb::scratch(&format!("handshake_{}", fixture.name));
        let mut executor = MysqlExecutor::connect(&mut db);
        if let Err(error) = check_fixture(&fixture, &mut db, &mut executor) {
            failures.push(error);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
