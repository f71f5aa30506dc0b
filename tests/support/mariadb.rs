//! Scratch databases on a MariaDB (or MySQL) server.

use std::sync::OnceLock;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;
use mysql::{Conn, Opts, OptsBuilder};

use crate::Outcome;
use crate::database::{Catalog, Database};
use crate::rejection::{Rejection, RejectionKind};
use crate::server::{self, START_MARIADB};

/// The environment variable that points the tests at another MySQL-compatible server.
pub const URL_VARIABLE: &str = "DBKIT_TEST_MYSQL_URL";
/// The server the tests use when [`URL_VARIABLE`] is not set.
pub const DEFAULT_URL: &str = "mysql://root@127.0.0.1:3306";

static DIALECT: MysqlDialect = MysqlDialect;
static STRICT_NOTE: OnceLock<()> = OnceLock::new();

/// A database of its own on the MariaDB server, dropped when this value is dropped.
pub struct MariaDb {
    name: String,
    url: String,
    connection: Option<Conn>,
}

impl MariaDb {
    /// Creates the empty database `dbkit_t_<name>_<pid>_<counter>` and connects to it.
    ///
    /// Panics, saying how to start the server, when the server cannot be reached.
    pub fn scratch(name: &str) -> MariaDb {
        let url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        let fail = |error: &dyn std::error::Error| -> ! {
            server::unreachable("MariaDB", &url, URL_VARIABLE, error, START_MARIADB)
        };
        let options = Opts::from_url(&url).unwrap_or_else(|error| fail(&error));
        let name = server::scratch_name(name);
        let mut admin = Conn::new(options.clone()).unwrap_or_else(|error| fail(&error));
        admin
            .query_drop(format!(
                "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
            ))
            .unwrap_or_else(|error| panic!("cannot create the scratch database {name}: {error}"));
        let mut connection = Conn::new(OptsBuilder::from_opts(options).db_name(Some(name.clone())))
            .unwrap_or_else(|error| fail(&error));
        ensure_strict_mode(&mut connection);
        MariaDb {
            name,
            url,
            connection: Some(connection),
        }
    }

    fn connection(&mut self) -> &mut Conn {
        match &mut self.connection {
            Some(connection) => connection,
            None => unreachable!("the connection lives until the database is dropped"),
        }
    }
}

/// Unknown enum values and too-long strings are errors only in strict mode, which MariaDB 10.2+
/// and MySQL 5.7+ use by default. A server configured otherwise gets it for this session.
fn ensure_strict_mode(connection: &mut Conn) {
    let mode: Option<String> = connection
        .query_first("SELECT @@SESSION.sql_mode")
        .unwrap_or_else(|error| panic!("cannot read the MariaDB sql_mode: {error}"));
    let mode = mode.unwrap_or_default();
    if !mode
        .split(',')
        .any(|flag| flag == "STRICT_TRANS_TABLES" || flag == "STRICT_ALL_TABLES")
    {
        STRICT_NOTE.get_or_init(|| {
            eprintln!(
                "note: the MariaDB server's sql_mode ({mode}) is not strict; \
                 the tests add STRICT_TRANS_TABLES for their sessions"
            );
        });
        connection
            .query_drop("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',STRICT_TRANS_TABLES')")
            .unwrap_or_else(|error| panic!("cannot set the MariaDB sql_mode: {error}"));
    }
}

impl Drop for MariaDb {
    fn drop(&mut self) {
        self.connection = None;
        let dropped = Opts::from_url(&self.url)
            .map_err(|error| error.to_string())
            .and_then(|options| Conn::new(options).map_err(|error| error.to_string()))
            .and_then(|mut admin| {
                admin
                    .query_drop(format!("DROP DATABASE IF EXISTS `{}`", self.name))
                    .map_err(|error| error.to_string())
            });
        if let Err(error) = dropped {
            eprintln!(
                "warning: could not drop the scratch database {}: {error}",
                self.name
            );
        }
    }
}

/// Turns a driver error into a [`Rejection`].
pub fn rejection(error: &mysql::Error) -> Rejection {
    let mysql::Error::MySqlError(error) = error else {
        return Rejection::other(error.to_string());
    };
    let message = format!("ERROR {} ({}): {}", error.code, error.state, error.message);
    let (kind, constraint) = match error.code {
        // ER_DUP_ENTRY, ER_DUP_ENTRY_WITH_KEY_NAME
        1062 | 1586 => (
            RejectionKind::Unique,
            between(&error.message, "for key '", "'").filter(|key| key != "PRIMARY"),
        ),
        // ER_ROW_IS_REFERENCED(_2), ER_NO_REFERENCED_ROW(_2)
        1216 | 1217 | 1451 | 1452 => (
            RejectionKind::ForeignKey,
            between(&error.message, "CONSTRAINT `", "` FOREIGN KEY"),
        ),
        // ER_BAD_NULL_ERROR
        1048 => (RejectionKind::NotNull, None),
        // ER_CONSTRAINT_FAILED (MariaDB), ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
        4025 | 3819 => (
            RejectionKind::Check,
            between(&error.message, "CONSTRAINT `", "` failed")
                .or_else(|| between(&error.message, "constraint '", "' is violated")),
        ),
        // WARN_DATA_TRUNCATED, ER_TRUNCATED_WRONG_VALUE_FOR_FIELD, ER_DATA_TOO_LONG,
        // ER_WARN_DATA_OUT_OF_RANGE
        1265 | 1366 | 1406 | 1264 => (RejectionKind::InvalidValue, None),
        _ => (RejectionKind::Other, None),
    };
    Rejection {
        kind,
        constraint,
        message,
    }
}

/// The text between `start` and the last `end` after it, with doubled backticks undone.
fn between(message: &str, start: &str, end: &str) -> Option<String> {
    let from = message.find(start)? + start.len();
    let to = from + message[from..].rfind(end)?;
    Some(message[from..to].replace("``", "`"))
}

/// Runs every statement of a multi-statement text, reading every result set so that an error in
/// a later statement is reported, not lost; a statement that leaves warnings fails too.
fn run_all(
    connection: &mut Conn,
    script: &str,
) -> Result<Vec<Vec<Option<String>>>, (usize, Rejection)> {
    let mut result = connection
        .query_iter(script)
        .map_err(|error| (1, rejection(&error)))?;
    let mut first_rows = Vec::new();
    let mut statement = 0;
    let mut warned = Vec::new();
    while let Some(set) = result.iter() {
        statement += 1;
        if set.warnings() > 0 {
            warned.push(statement);
        }
        for row in set {
            let row = row.map_err(|error| (statement, rejection(&error)))?;
            if statement == 1 {
                first_rows.push(row.unwrap().into_iter().map(text).collect());
            }
        }
    }
    drop(result);
    if let Some(&first) = warned.first() {
        let detail = if statement == 1 {
            show_warnings(connection)
        } else {
            String::new()
        };
        return Err((
            first,
            Rejection::other(format!("statement(s) {warned:?} left warnings{detail}")),
        ));
    }
    Ok(first_rows)
}

/// The server's warnings about the last statement, as `: code message; ...`.
fn show_warnings(connection: &mut Conn) -> String {
    let rows: Vec<(String, u32, String)> = connection.query("SHOW WARNINGS").unwrap_or_default();
    rows.iter()
        .map(|(level, code, message)| format!(": {level} {code} {message}"))
        .collect::<Vec<_>>()
        .join(";")
}

fn text(value: mysql::Value) -> Option<String> {
    match value {
        mysql::Value::NULL => None,
        mysql::Value::Bytes(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        mysql::Value::Int(number) => Some(number.to_string()),
        mysql::Value::UInt(number) => Some(number.to_string()),
        mysql::Value::Float(number) => Some(number.to_string()),
        mysql::Value::Double(number) => Some(number.to_string()),
        other => Some(other.as_sql(true)),
    }
}

impl Database for MariaDb {
    fn dialect(&self) -> &'static dyn Dialect {
        &DIALECT
    }

    fn describe(&self) -> String {
        format!("MariaDB database {}", self.name)
    }

    fn run_script(&mut self, script: &str) -> Outcome {
        let described = self.describe();
        run_all(self.connection(), script)
            .map(drop)
            .map_err(|(statement, rejection)| {
                format!("{described}: statement {statement} of the script failed: {rejection}")
            })
    }

    fn execute(&mut self, sql: &str) -> Result<u64, Rejection> {
        let connection = self.connection();
        run_all(connection, sql).map_err(|(_, rejection)| rejection)?;
        Ok(connection.affected_rows())
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Rejection> {
        run_all(self.connection(), sql).map_err(|(_, rejection)| rejection)
    }

    fn last_insert_id(&mut self) -> Outcome<i64> {
        self.query_integer("SELECT LAST_INSERT_ID()")
    }

    fn catalog(&mut self) -> Outcome<Catalog> {
        let rows = self
            .query(
                "SELECT table_name, column_name FROM information_schema.columns \
                 WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(crate::database::catalog_from_rows(rows))
    }

    fn objects(&mut self) -> Outcome<Vec<String>> {
        let rows = self
            .query(
                "SELECT CONCAT(LOWER(table_type), ' ', table_name) FROM information_schema.tables \
                 WHERE table_schema = DATABASE() \
                 UNION ALL SELECT CONCAT(LOWER(routine_type), ' ', routine_name) \
                 FROM information_schema.routines WHERE routine_schema = DATABASE() \
                 ORDER BY 1",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }
}
