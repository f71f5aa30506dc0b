//! Scratch databases on a PostgreSQL server.

use std::str::FromStr;

use dbkit_dialect_postgres::PostgresDialect;
use dbkit_sdk::Dialect;
use postgres::error::SqlState;
use postgres::{Client, Config, NoTls, SimpleQueryMessage};

use crate::Outcome;
use crate::database::{Catalog, Database, catalog_from_rows};
use crate::rejection::{Rejection, RejectionKind};
use crate::server::{self, START_POSTGRES};

/// The environment variable that points the tests at another PostgreSQL server.
pub const URL_VARIABLE: &str = "DBKIT_TEST_POSTGRES_URL";
/// The server the tests use when [`URL_VARIABLE`] is not set.
pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

static DIALECT: PostgresDialect = PostgresDialect;

/// A database of its own on the PostgreSQL server, dropped when this value is dropped.
pub struct Postgres {
    name: String,
    url: String,
    client: Option<Client>,
}

impl Postgres {
    /// Creates the empty database `dbkit_t_<name>_<pid>_<counter>` and connects to it.
    ///
    /// Panics, saying how to start the server, when the server cannot be reached.
    pub fn scratch(name: &str) -> Postgres {
        let url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        let fail = |error: &dyn std::error::Error| -> ! {
            server::unreachable("PostgreSQL", &url, URL_VARIABLE, error, START_POSTGRES)
        };
        let config = Config::from_str(&url).unwrap_or_else(|error| fail(&error));
        let name = server::scratch_name(name);
        let mut admin = config.connect(NoTls).unwrap_or_else(|error| fail(&error));
        admin
            .batch_execute(&format!(
                "CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"
            ))
            .unwrap_or_else(|error| panic!("cannot create the scratch database {name}: {error}"));
        let client = config
            .clone()
            .dbname(&name)
            .connect(NoTls)
            .unwrap_or_else(|error| fail(&error));
        Postgres {
            name,
            url,
            client: Some(client),
        }
    }

    fn client(&mut self) -> &mut Client {
        match &mut self.client {
            Some(client) => client,
            None => unreachable!("the client lives until the database is dropped"),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        self.client = None;
        let dropped = Config::from_str(&self.url)
            .map_err(|error| error.to_string())
            .and_then(|config| config.connect(NoTls).map_err(|error| error.to_string()))
            .and_then(|mut admin| {
                admin
                    .batch_execute(&format!(
                        "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                        self.name
                    ))
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
pub fn rejection(error: &postgres::Error) -> Rejection {
    let Some(db_error) = error.as_db_error() else {
        return Rejection::other(error.to_string());
    };
    let code = db_error.code();
    let kind = if *code == SqlState::UNIQUE_VIOLATION {
        RejectionKind::Unique
    } else if *code == SqlState::FOREIGN_KEY_VIOLATION {
        RejectionKind::ForeignKey
    } else if *code == SqlState::NOT_NULL_VIOLATION {
        RejectionKind::NotNull
    } else if *code == SqlState::CHECK_VIOLATION {
        RejectionKind::Check
    } else if [
        SqlState::DATATYPE_MISMATCH,
        SqlState::INVALID_TEXT_REPRESENTATION,
        SqlState::STRING_DATA_RIGHT_TRUNCATION,
        SqlState::NUMERIC_VALUE_OUT_OF_RANGE,
    ]
    .contains(code)
    {
        RejectionKind::InvalidValue
    } else {
        RejectionKind::Other
    };
    let mut message = format!(
        "{}: {} (SQLSTATE {})",
        db_error.severity(),
        db_error.message(),
        code.code()
    );
    if let Some(detail) = db_error.detail() {
        message.push_str("; ");
        message.push_str(detail);
    }
    Rejection {
        kind,
        constraint: db_error.constraint().map(str::to_string),
        message,
    }
}

impl Database for Postgres {
    fn dialect(&self) -> &'static dyn Dialect {
        &DIALECT
    }

    fn describe(&self) -> String {
        format!("PostgreSQL database {}", self.name)
    }

    fn run_script(&mut self, script: &str) -> Outcome {
        let described = self.describe();
        self.client()
            .batch_execute(script)
            .map_err(|error| format!("{described}: the script failed: {}", rejection(&error)))
    }

    fn execute(&mut self, sql: &str) -> Result<u64, Rejection> {
        let messages = self
            .client()
            .simple_query(sql)
            .map_err(|error| rejection(&error))?;
        Ok(messages
            .iter()
            .filter_map(|message| match message {
                SimpleQueryMessage::CommandComplete(count) => Some(*count),
                _ => None,
            })
            .last()
            .unwrap_or(0))
    }

    fn query(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Rejection> {
        let messages = self
            .client()
            .simple_query(sql)
            .map_err(|error| rejection(&error))?;
        Ok(messages
            .iter()
            .filter_map(|message| match message {
                SimpleQueryMessage::Row(row) => Some(
                    (0..row.len())
                        .map(|index| row.get(index).map(str::to_string))
                        .collect(),
                ),
                _ => None,
            })
            .collect())
    }

    fn last_insert_id(&mut self) -> Outcome<i64> {
        self.query_integer("SELECT lastval()")
    }

    fn catalog(&mut self) -> Outcome<Catalog> {
        let rows = self
            .query(
                "SELECT table_name, column_name FROM information_schema.columns \
                 WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(catalog_from_rows(rows))
    }

    fn objects(&mut self) -> Outcome<Vec<String>> {
        let rows = self
            .query(
                "SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' ELSE c.relkind::text END || ' ' || c.relname FROM pg_class c \
                 WHERE c.relnamespace = 'public'::regnamespace \
                 UNION ALL SELECT 'type ' || t.typname FROM pg_type t \
                 WHERE t.typnamespace = 'public'::regnamespace \
                 UNION ALL SELECT 'function ' || p.proname FROM pg_proc p \
                 WHERE p.pronamespace = 'public'::regnamespace \
                 ORDER BY 1",
            )
            .map_err(|rejection| rejection.to_string())?;
        Ok(rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().flatten())
            .collect())
    }
}
