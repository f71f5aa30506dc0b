//! Scratch databases reached through dbkit's own connection layer, for the pull tests: they
//! build a schema with `dbkit_db::apply_schema` and read it back with
//! `dbkit_db::introspect::introspect`, exactly as `dbkit pull` does.

use dbkit_db::introspect::{Pulled, WarningKind, introspect};
use dbkit_db::{
    Backend, Connection, DatabaseUrl, DriverConnection, apply_schema, connect,
    create_database_if_missing,
};
use dbkit_generate::render_ddl;
use dbkit_model::{Diagnostics, ParseOptions, Schema, parse_schema, write_schema_toml};
use dbkit_sdk::Dialect;
use tempfile::TempDir;

use crate::server::{self, START_MARIADB, START_POSTGRES};
use crate::{Outcome, mariadb, postgres};

/// An empty database of its own, dropped (or deleted) when this value is dropped.
pub struct ScratchDatabase {
    backend: Backend,
    url: DatabaseUrl,
    /// The server URL without a database, for creating and dropping it.
    server: String,
    name: String,
    _folder: Option<TempDir>,
}

impl ScratchDatabase {
    /// A new database `dbkit_t_<name>_...` on the MariaDB server; panics, saying how to start
    /// the server, when it cannot be reached.
    pub fn mariadb(name: &str) -> ScratchDatabase {
        let server = std::env::var(mariadb::URL_VARIABLE)
            .unwrap_or_else(|_| mariadb::DEFAULT_URL.to_string());
        ScratchDatabase::on_server(Backend::Mysql, &server, name)
    }

    /// A new database `dbkit_t_<name>_...` on the PostgreSQL server; panics, saying how to
    /// start the server, when it cannot be reached.
    pub fn postgres(name: &str) -> ScratchDatabase {
        let url = std::env::var(postgres::URL_VARIABLE)
            .unwrap_or_else(|_| postgres::DEFAULT_URL.to_string());
        let server = match url.rsplit_once('/') {
            Some((server, _database)) if server.contains("://") && !server.ends_with('/') => {
                server.to_string()
            }
            _ => url,
        };
        ScratchDatabase::on_server(Backend::Postgres, &server, name)
    }

    /// A new SQLite file in a temporary folder.
    pub fn sqlite(name: &str) -> ScratchDatabase {
        let folder = tempfile::tempdir()
            .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
        let path = folder
            .path()
            .join(format!("{}.sqlite3", server::scratch_name(name)));
        let url =
            DatabaseUrl::parse(&format!("sqlite://{}", path.display())).unwrap_or_else(|error| {
                panic!("cannot make a SQLite URL for {}: {error}", path.display())
            });
        ScratchDatabase {
            backend: Backend::Sqlite,
            url,
            server: String::new(),
            name: path.display().to_string(),
            _folder: Some(folder),
        }
    }

    fn on_server(backend: Backend, server: &str, name: &str) -> ScratchDatabase {
        let name = server::scratch_name(name);
        let text = format!("{}/{name}", server.trim_end_matches('/'));
        let url = DatabaseUrl::parse(&text)
            .unwrap_or_else(|error| panic!("invalid test server URL {text}: {error}"));
        let (display, variable, start) = match backend {
            Backend::Mysql => ("MariaDB", mariadb::URL_VARIABLE, START_MARIADB),
            _ => ("PostgreSQL", postgres::URL_VARIABLE, START_POSTGRES),
        };
        if let Err(error) = create_database_if_missing(&url) {
            server::unreachable(display, server, variable, &error, start);
        }
        ScratchDatabase {
            backend,
            url,
            server: server.to_string(),
            name,
            _folder: None,
        }
    }

    /// The database's URL.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// The kind of database.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The database's name on its server, or the SQLite file's path.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server's URL without a database (empty for SQLite), for command-line clients.
    pub fn server_url(&self) -> &str {
        &self.server
    }

    /// A new connection to the database.
    pub fn connect(&self) -> Outcome<Connection> {
        connect(&self.url).map_err(|error| format!("cannot connect to {}: {error}", self.url))
    }

    /// Builds `schema` with `dialect`'s create script, as `dbkit apply` does.
    pub fn apply(&self, schema: &Schema, dialect: &dyn Dialect) -> Outcome {
        let scripts = render_ddl(schema, dialect)
            .map_err(|error| format!("cannot render for {}: {error}", self.url))?;
        let mut connection = self.connect()?;
        apply_schema(&mut connection, &scripts.create.sql_statements())
            .map(|_| ())
            .map_err(|error| {
                format!(
                    "cannot build the schema on {}: {error}\n--- script ---\n{}",
                    self.url,
                    scripts.create.render()
                )
            })
    }

    /// Reads the database back into the model.
    pub fn pull(&self) -> Outcome<Pulled> {
        let mut connection = self.connect()?;
        introspect(&mut connection).map_err(|error| format!("cannot pull {}: {error}", self.url))
    }

    /// Runs SQL statements one at a time.
    pub fn execute(&self, statements: &[&str]) -> Outcome {
        let mut connection = self.connect()?;
        connection
            .execute_statements(statements)
            .map_err(|error| format!("{}: {error}", self.url))
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let statement = match self.backend {
            Backend::Mysql => format!("DROP DATABASE IF EXISTS `{}`", self.name),
            Backend::Postgres => format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name),
            Backend::Sqlite => return,
        };
        let admin = match self.backend {
            Backend::Postgres => format!("{}/postgres", self.server.trim_end_matches('/')),
            _ => self.server.clone(),
        };
        let dropped = DatabaseUrl::parse(&admin)
            .and_then(|url| connect(&url))
            .and_then(|mut connection| connection.execute_statements(&[statement.as_str()]));
        if let Err(error) = dropped {
            eprintln!(
                "warning: could not drop the scratch database {}: {error}",
                self.name
            );
        }
    }
}

/// Parse options for pulled schemas: the identifier limits of the three built-in dialects.
pub fn parse_options() -> ParseOptions {
    crate::fixtures::parse_options()
}

/// Writes `schema` as `schema.toml` and reads it back, as a user's next `dbkit build` would.
pub fn through_schema_toml(schema: &Schema, what: &str) -> Result<Schema, String> {
    let text = write_schema_toml(schema);
    parse_schema(&text, what, &parse_options()).map_err(|diagnostics: Diagnostics| {
        format!("the schema.toml written for {what} does not parse:\n{diagnostics}\n--- text ---\n{text}")
    })
}

/// The proof of a pull for one fixture on one database: build it, pull it, write the pulled
/// schema as `schema.toml` and read it back, build that on a second database, pull again.
///
/// The two pulls must be equal, the pull must read back from its `schema.toml` unchanged, it
/// must warn about nothing (everything dbkit builds is in the model), and `diff` between the
/// fixture (as this kind of database stores it) and the pull must be empty.
pub fn round_trip(
    fixture: &crate::Fixture,
    dialect: &dyn Dialect,
    scratch: &dyn Fn(&str) -> ScratchDatabase,
) -> Outcome {
    round_trip_allowing(fixture, dialect, scratch, &[])
}

/// [`round_trip`], accepting warnings of the `allowed` kinds (native types, say).
pub fn round_trip_allowing(
    fixture: &crate::Fixture,
    dialect: &dyn Dialect,
    scratch: &dyn Fn(&str) -> ScratchDatabase,
    allowed: &[WarningKind],
) -> Outcome {
    let name = format!("pull_{}", fixture.name);
    let first = scratch(&name);
    first.apply(&fixture.schema, dialect)?;
    let pulled = first.pull()?;
    let what = format!("{} pulled from {}", fixture.file, dialect.info().name);
    let unexpected: Vec<String> = pulled
        .warnings
        .iter()
        .filter(|warning| !allowed.contains(&warning.kind))
        .map(ToString::to_string)
        .collect();
    if !unexpected.is_empty() {
        return Err(format!(
            "{what}: unexpected warnings:\n  {}",
            unexpected.join("\n  ")
        ));
    }
    let expected = dbkit_db::introspect::stored_form(&fixture.schema, first.backend());
    let changes = dbkit_model::diff(&expected, &pulled.schema);
    if !changes.is_empty() {
        return Err(format!(
            "{what}: the database differs from the fixture:\n{}",
            dbkit_model::render_text(&changes)
        ));
    }
    let rebuilt = through_schema_toml(&pulled.schema, &what)?;
    if rebuilt != pulled.schema {
        return Err(format!(
            "{what}: the written schema.toml reads back differently:\n{}\n--- text ---\n{}",
            dbkit_model::render_text(&dbkit_model::diff(&pulled.schema, &rebuilt)),
            write_schema_toml(&pulled.schema)
        ));
    }
    let second = scratch(&name);
    second.apply(&rebuilt, dialect)?;
    let again = second.pull()?;
    if again.schema.tables != pulled.schema.tables {
        return Err(format!(
            "{what}: pulling the rebuilt database gives another schema:\n{}{}",
            dbkit_model::render_text(&dbkit_model::diff(&pulled.schema, &again.schema)),
            first_difference(&pulled.schema, &again.schema)
        ));
    }
    Ok(())
}

/// Runs [`round_trip`] for every fixture that targets `dialect` and fails with every problem.
pub fn every_fixture_round_trips(dialect: &dyn Dialect, scratch: &dyn Fn(&str) -> ScratchDatabase) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for fixture in crate::all_fixtures() {
        if !fixture.targets(dialect) {
            continue;
        }
        checked += 1;
        if let Err(message) = round_trip(&fixture, dialect, scratch) {
            failures.push(message);
        }
    }
    assert!(checked > 0, "no fixture targets {}", dialect.info().name);
    assert!(
        failures.is_empty(),
        "{} of {checked} fixtures failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The first table that differs between two schemas, both versions in full, for messages about
/// differences that `diff` does not count (such as the exact text of a CHECK).
pub fn first_difference(left: &Schema, right: &Schema) -> String {
    for (left, right) in left.tables.iter().zip(&right.tables) {
        if left != right {
            return format!("first differing table:\n{left:#?}\n--- versus ---\n{right:#?}");
        }
    }
    if left.tables.len() != right.tables.len() {
        return format!("{} tables versus {}", left.tables.len(), right.tables.len());
    }
    String::new()
}

/// A fixture made from `schema.toml` text written in a test.
pub fn inline_fixture(name: &str, source: &str) -> crate::Fixture {
    let file = format!("{name}.toml (in the test)");
    let schema = parse_schema(source, &file, &parse_options())
        .unwrap_or_else(|diagnostics| panic!("{file} does not parse:\n{diagnostics}"));
    crate::Fixture {
        name: name.to_string(),
        file,
        source: source.to_string(),
        schema,
    }
}

/// Asserts that `pulled` warns about each `(kind, object, fragment)`: a warning of that kind
/// about that object whose message contains the fragment.
pub fn assert_warned(pulled: &Pulled, expected: &[(WarningKind, &str, &str)]) {
    for (kind, object, fragment) in expected {
        assert!(
            pulled.warnings.iter().any(|warning| warning.kind == *kind
                && warning.object == *object
                && warning.message.contains(fragment)),
            "no {kind:?} warning about {object} mentioning {fragment:?} in:\n{}",
            pulled
                .warnings
                .iter()
                .map(|warning| format!("  {:?} {warning}", warning.kind))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// `tables` tables in a chain, each with ten columns, an index, a unique key and a foreign key
/// to the table before it, in SQL that MariaDB and PostgreSQL both take.
pub fn chain_of_tables(tables: usize) -> Vec<String> {
    let mut statements = Vec::new();
    for number in 0..tables {
        let reference = if number == 0 {
            String::new()
        } else {
            format!(
                ", CONSTRAINT fk_t{number}_prev FOREIGN KEY (prev_id) REFERENCES t{} (id)",
                number - 1
            )
        };
        statements.push(format!(
            "CREATE TABLE t{number} (id INT PRIMARY KEY, code VARCHAR(20) NOT NULL, \
             name VARCHAR(100), born DATE, price DECIMAL(8,2), active BOOLEAN, note TEXT, \
             amount INT, seen TIMESTAMP NULL, prev_id INT, \
             CONSTRAINT uq_t{number}_code UNIQUE (code){reference})"
        ));
        statements.push(format!(
            "CREATE INDEX ix_t{number}_name ON t{number} (name)"
        ));
    }
    statements
}

/// How many statements a pull of `db` sends: the server's own count of the statements of one
/// connection (MariaDB's `Questions`; PostgreSQL's committed transactions of the database, each
/// query being one), read before and after the pull. Only differences between two counts mean
/// anything: the reading adds the same few statements each time.
pub fn statements_of_a_pull(db: &ScratchDatabase) -> Outcome<i64> {
    let mut connection = db.connect()?;
    let before = statement_count(&mut connection)?;
    introspect(&mut connection).map_err(|error| format!("cannot pull {}: {error}", db.url))?;
    let after = statement_count(&mut connection)?;
    Ok(after - before)
}

fn statement_count(connection: &mut Connection) -> Outcome<i64> {
    match connection.driver() {
        DriverConnection::Mysql(connection) => {
            use mysql::prelude::Queryable;
            let row: Option<(String, i64)> = connection
                .query_first("SHOW SESSION STATUS LIKE 'Questions'")
                .map_err(|error| error.to_string())?;
            row.map(|(_, count)| count)
                .ok_or_else(|| "the server has no Questions status".to_string())
        }
        DriverConnection::Postgres(client) => {
            client
                .batch_execute("SELECT pg_stat_force_next_flush(); SELECT pg_stat_clear_snapshot()")
                .map_err(|error| error.to_string())?;
            let row = client
                .query_one(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                    &[],
                )
                .map_err(|error| error.to_string())?;
            Ok(row.get(0))
        }
        DriverConnection::Sqlite(_) => Err("SQLite keeps no count of statements".to_string()),
    }
}

/// A pull of `tables` tables sends as many statements as a pull of two: the catalog is read with
/// a fixed handful of queries for the whole schema, never a round of queries per table.
pub fn pull_queries_do_not_grow_with_tables(scratch: &dyn Fn(&str) -> ScratchDatabase) -> Outcome {
    let count = |tables: usize| -> Outcome<i64> {
        let db = scratch(&format!("pull_queries_{tables}"));
        let statements = chain_of_tables(tables);
        let statements: Vec<&str> = statements.iter().map(String::as_str).collect();
        db.execute(&statements)?;
        statements_of_a_pull(&db)
    };
    let few = count(2)?;
    let many = count(60)?;
    // PostgreSQL counts a query's preparation and its execution apart, so up to twice the
    // queries, plus the reading's own statements.
    eprintln!("a pull of 2 tables sent {few} statements, one of 60 tables {many}");
    if few != many || few > 20 {
        return Err(format!(
            "a pull of 2 tables sent {few} statements and one of 60 tables {many}: expected the same fixed handful"
        ));
    }
    Ok(())
}
