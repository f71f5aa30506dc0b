//! Helpers for the migration tests: scratch databases addressed by a dbkit URL, migration folders
//! written from a sequence of `schema.toml` texts, and the live schema compared with a model.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use dbkit_db::migrate::{
    BOOKKEEPING_TABLES, NewMigration, NewOutcome, RunOptions, compare, new_migration,
};
use dbkit_db::{Backend, DatabaseUrl, connect};
use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;
use tempfile::TempDir;

use crate::Outcome;
use crate::server::{self, START_MARIADB, START_POSTGRES};

static MYSQL: MysqlDialect = MysqlDialect;
static POSTGRES: PostgresDialect = PostgresDialect;
static SQLITE: SqliteDialect = SqliteDialect;

/// The three built-in dialects, as the migrations are written for them.
pub fn migration_dialects() -> [&'static dyn Dialect; 3] {
    [&MYSQL, &POSTGRES, &SQLITE]
}

/// Run options for tests: a short lock timeout, drift checked.
pub fn test_options() -> RunOptions {
    RunOptions {
        lock_timeout: std::time::Duration::from_secs(120),
        check_drift: true,
    }
}

/// Which server a scratch database lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// MariaDB (or MySQL).
    MariaDb,
    /// PostgreSQL.
    Postgres,
    /// SQLite, a file in a temporary folder.
    Sqlite,
}

/// A scratch database of its own, addressed by a dbkit URL, dropped when this value is dropped.
pub struct ScratchDb {
    /// The server.
    pub server: Server,
    /// The URL as text (with the database name).
    pub url_text: String,
    name: String,
    admin_url: String,
    _folder: Option<TempDir>,
}

impl ScratchDb {
    /// Creates an empty database on `server`; panics, saying how to start the server, when it
    /// cannot be reached.
    pub fn new(server: Server, name: &str) -> ScratchDb {
        match server {
            Server::MariaDb => {
                let admin_url = std::env::var(crate::mariadb::URL_VARIABLE)
                    .unwrap_or_else(|_| crate::mariadb::DEFAULT_URL.to_string());
                let name = server::scratch_name(name);
                let options = mysql::Opts::from_url(&admin_url).unwrap_or_else(|error| {
                    server::unreachable(
                        "MariaDB",
                        &admin_url,
                        crate::mariadb::URL_VARIABLE,
                        &error,
                        START_MARIADB,
                    )
                });
                let mut admin = mysql::Conn::new(options).unwrap_or_else(|error| {
                    server::unreachable(
                        "MariaDB",
                        &admin_url,
                        crate::mariadb::URL_VARIABLE,
                        &error,
                        START_MARIADB,
                    )
                });
                admin
                    .query_drop(format!(
                        "CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                    ))
                    .unwrap_or_else(|error| {
                        panic!("cannot create the scratch database {name}: {error}")
                    });
                let base = admin_url.trim_end_matches('/');
                ScratchDb {
                    server,
                    url_text: format!("{base}/{name}"),
                    name,
                    admin_url,
                    _folder: None,
                }
            }
            Server::Postgres => {
                let admin_url = std::env::var(crate::postgres::URL_VARIABLE)
                    .unwrap_or_else(|_| crate::postgres::DEFAULT_URL.to_string());
                let name = server::scratch_name(name);
                let config = postgres::Config::from_str(&admin_url).unwrap_or_else(|error| {
                    server::unreachable(
                        "PostgreSQL",
                        &admin_url,
                        crate::postgres::URL_VARIABLE,
                        &error,
                        START_POSTGRES,
                    )
                });
                let mut admin = config.connect(postgres::NoTls).unwrap_or_else(|error| {
                    server::unreachable(
                        "PostgreSQL",
                        &admin_url,
                        crate::postgres::URL_VARIABLE,
                        &error,
                        START_POSTGRES,
                    )
                });
                admin
                    .batch_execute(&format!(
                        "CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"
                    ))
                    .unwrap_or_else(|error| {
                        panic!("cannot create the scratch database {name}: {error}")
                    });
                let base = match admin_url.rfind('/') {
                    Some(slash)
                        if admin_url[..slash].contains("://")
                            && slash > admin_url.find("://").unwrap_or(0) + 2 =>
                    {
                        admin_url[..slash].to_string()
                    }
                    _ => admin_url.clone(),
                };
                ScratchDb {
                    server,
                    url_text: format!("{base}/{name}"),
                    name,
                    admin_url,
                    _folder: None,
                }
            }
            Server::Sqlite => {
                let folder = tempfile::tempdir()
                    .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
                let path = folder.path().join("scratch.sqlite3");
                ScratchDb {
                    server,
                    url_text: format!("sqlite://{}", path.display()),
                    name: path.display().to_string(),
                    admin_url: String::new(),
                    _folder: Some(folder),
                }
            }
        }
    }

    /// The dbkit URL of the database.
    pub fn url(&self) -> DatabaseUrl {
        DatabaseUrl::parse(&self.url_text)
            .unwrap_or_else(|error| panic!("the scratch URL does not parse: {error}"))
    }

    /// The dialect whose scripts run on it.
    pub fn dialect(&self) -> &'static dyn Dialect {
        match self.server {
            Server::MariaDb => &MYSQL,
            Server::Postgres => &POSTGRES,
            Server::Sqlite => &SQLITE,
        }
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        self.url().backend()
    }

    /// Runs statements one at a time.
    pub fn execute(&self, statements: &[&str]) -> Outcome {
        let mut connection = connect(&self.url()).map_err(|error| error.to_string())?;
        connection
            .execute_statements(statements)
            .map_err(|error| error.to_string())
    }

    /// Runs a query and returns its rows as text (`None` for NULL).
    pub fn query(&self, sql: &str) -> Outcome<Vec<Vec<Option<String>>>> {
        match self.server {
            Server::MariaDb => {
                let mut connection = mysql::Conn::new(
                    mysql::Opts::from_url(&self.url_text).map_err(|error| error.to_string())?,
                )
                .map_err(|error| error.to_string())?;
                let rows: Vec<mysql::Row> = connection
                    .query(sql)
                    .map_err(|error| format!("{error}\n  SQL: {sql}"))?;
                Ok(rows
                    .into_iter()
                    .map(|row| {
                        row.unwrap()
                            .into_iter()
                            .map(|value| match value {
                                mysql::Value::NULL => None,
                                mysql::Value::Bytes(bytes) => {
                                    Some(String::from_utf8_lossy(&bytes).into_owned())
                                }
                                other => Some(other.as_sql(true)),
                            })
                            .collect()
                    })
                    .collect())
            }
            Server::Postgres => {
                let mut client = postgres::Config::from_str(&self.url_text)
                    .map_err(|error| error.to_string())?
                    .connect(postgres::NoTls)
                    .map_err(|error| error.to_string())?;
                let messages = client
                    .simple_query(sql)
                    .map_err(|error| format!("{error}\n  SQL: {sql}"))?;
                Ok(messages
                    .into_iter()
                    .filter_map(|message| match message {
                        postgres::SimpleQueryMessage::Row(row) => Some(
                            (0..row.len())
                                .map(|index| row.get(index).map(str::to_string))
                                .collect(),
                        ),
                        _ => None,
                    })
                    .collect())
            }
            Server::Sqlite => {
                let connection =
                    rusqlite::Connection::open(&self.name).map_err(|error| error.to_string())?;
                let mut statement = connection
                    .prepare(sql)
                    .map_err(|error| format!("{error}\n  SQL: {sql}"))?;
                let width = statement.column_count();
                let mut rows = statement.query([]).map_err(|error| error.to_string())?;
                let mut out = Vec::new();
                while let Some(row) = rows.next().map_err(|error| error.to_string())? {
                    let mut cells = Vec::with_capacity(width);
                    for index in 0..width {
                        cells.push(
                            match row.get_ref(index).map_err(|error| error.to_string())? {
                                rusqlite::types::ValueRef::Null => None,
                                rusqlite::types::ValueRef::Integer(number) => {
                                    Some(number.to_string())
                                }
                                rusqlite::types::ValueRef::Real(number) => Some(number.to_string()),
                                rusqlite::types::ValueRef::Text(bytes)
                                | rusqlite::types::ValueRef::Blob(bytes) => {
                                    Some(String::from_utf8_lossy(bytes).into_owned())
                                }
                            },
                        );
                    }
                    out.push(cells);
                }
                Ok(out)
            }
        }
    }

    /// Runs a query and returns its rows, each cell as text and NULL as `NULL`, for comparisons.
    pub fn rows(&self, sql: &str) -> Outcome<Vec<Vec<String>>> {
        Ok(self
            .query(sql)?
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|cell| cell.unwrap_or_else(|| "NULL".to_string()))
                    .collect()
            })
            .collect())
    }

    /// The live schema, without dbkit's bookkeeping tables.
    pub fn live_schema(&self) -> Outcome<Schema> {
        let mut connection = connect(&self.url()).map_err(|error| error.to_string())?;
        let mut schema = dbkit_db::introspect::introspect(&mut connection)
            .map_err(|error| error.to_string())?
            .schema;
        schema
            .tables
            .retain(|table| !BOOKKEEPING_TABLES.contains(&table.name.as_str()));
        Ok(schema)
    }

    /// The differences from `expected` (as this database stores it) to the live schema.
    pub fn differences_from(&self, expected: &Schema) -> Outcome<Vec<String>> {
        let stored = dbkit_db::introspect::stored_form(expected, self.backend());
        Ok(compare(self.backend(), &stored, &self.live_schema()?))
    }

    /// Fails unless the live schema is `expected`.
    pub fn assert_schema(&self, expected: &Schema, when: &str) -> Outcome {
        let differences = self.differences_from(expected)?;
        if differences.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{when}: the live {:?} schema differs from the expected one:\n  {}",
                self.server,
                differences.join("\n  ")
            ))
        }
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        let dropped = match self.server {
            Server::MariaDb => mysql::Opts::from_url(&self.admin_url)
                .map_err(|error| error.to_string())
                .and_then(|options| mysql::Conn::new(options).map_err(|error| error.to_string()))
                .and_then(|mut admin| {
                    admin
                        .query_drop(format!("DROP DATABASE IF EXISTS `{}`", self.name))
                        .map_err(|error| error.to_string())
                }),
            Server::Postgres => postgres::Config::from_str(&self.admin_url)
                .map_err(|error| error.to_string())
                .and_then(|config| {
                    config
                        .connect(postgres::NoTls)
                        .map_err(|error| error.to_string())
                })
                .and_then(|mut admin| {
                    admin
                        .batch_execute(&format!(
                            "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                            self.name
                        ))
                        .map_err(|error| error.to_string())
                }),
            Server::Sqlite => Ok(()),
        };
        if let Err(error) = dropped {
            eprintln!(
                "warning: could not drop the scratch database {}: {error}",
                self.name
            );
        }
    }
}

/// Parses a `schema.toml` text, failing the test with the report when it is not valid.
pub fn schema_of(source: &str) -> Schema {
    parse_schema(source, "schema.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("a test schema does not parse:\n{diagnostics}"))
}

/// A migrations folder in a temporary directory.
pub struct MigrationsDir {
    folder: TempDir,
}

impl MigrationsDir {
    /// An empty project folder (the migrations folder itself does not exist yet).
    pub fn new() -> MigrationsDir {
        MigrationsDir {
            folder: tempfile::tempdir()
                .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}")),
        }
    }

    /// The migrations folder.
    pub fn path(&self) -> PathBuf {
        self.folder.path().join("migrations")
    }

    /// Writes the next migration to `source`'s schema for the three dialects, destructive
    /// changes allowed; fails when nothing changed.
    pub fn add(&self, name: &str, source: &str) -> Outcome<PathBuf> {
        let schema = schema_of(source);
        let dialects = migration_dialects();
        let outcome = new_migration(&NewMigration {
            name,
            schema: &schema,
            schema_source: source,
            migrations: &self.path(),
            dialects: &dialects,
            allow_destructive: true,
        })
        .map_err(|error| format!("migrate new {name}: {error}"))?;
        match outcome {
            NewOutcome::Written(migration) => Ok(migration.path),
            NewOutcome::Unchanged { .. } => Err(format!("migrate new {name}: no change was found")),
        }
    }

    /// The text of a migration's script.
    pub fn script(&self, migration: &Path, dialect: &str, file: &str) -> String {
        std::fs::read_to_string(migration.join(dialect).join(file)).unwrap_or_else(|error| {
            panic!(
                "cannot read {}/{dialect}/{file}: {error}",
                migration.display()
            )
        })
    }
}

impl Default for MigrationsDir {
    fn default() -> Self {
        MigrationsDir::new()
    }
}
