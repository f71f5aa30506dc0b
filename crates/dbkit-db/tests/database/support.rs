//! Test databases on the local servers, created per test and dropped afterwards.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use dbkit_db::{Connection, DatabaseUrl, DbError, connect, create_database_if_missing};

/// The MariaDB/MySQL server the tests use, unless `DBKIT_TEST_MYSQL_URL` names another.
const MYSQL_SERVER: &str = "mysql://root@127.0.0.1:3306";
/// The PostgreSQL server the tests use, unless `DBKIT_TEST_POSTGRES_URL` names another.
const POSTGRES_SERVER: &str = "postgres://postgres@127.0.0.1:5432";

/// Which server a test database lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Server {
    Mysql,
    Postgres,
}

impl Server {
    fn base_url(self) -> String {
        let (variable, default) = match self {
            Server::Mysql => ("DBKIT_TEST_MYSQL_URL", MYSQL_SERVER),
            Server::Postgres => ("DBKIT_TEST_POSTGRES_URL", POSTGRES_SERVER),
        };
        std::env::var(variable)
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| default.to_string())
            .trim_end_matches('/')
            .to_string()
    }

    fn how_to_start(self) -> &'static str {
        match self {
            Server::Mysql => {
                "MariaDB must listen on 127.0.0.1:3306 with user root and an empty password. \
                 Start it with `sudo service mariadb start` (or `sudo mysqld_safe &`), or set \
                 DBKIT_TEST_MYSQL_URL to another server, then run the tests again"
            }
            Server::Postgres => {
                "PostgreSQL must listen on 127.0.0.1:5432 with user postgres and trust authentication. \
                 Start it with `sudo service postgresql start` (or `pg_ctlcluster 15 main start`), or \
                 set DBKIT_TEST_POSTGRES_URL to another server, then run the tests again"
            }
        }
    }
}

/// A uniquely named, empty database, dropped when this value is.
pub(crate) struct TestDatabase {
    server: Server,
    name: String,
    url: DatabaseUrl,
}

impl TestDatabase {
    /// Creates a fresh database on `server`; fails the test, saying how to start the server,
    /// when it cannot be reached.
    pub(crate) fn create(server: Server, purpose: &str) -> TestDatabase {
        let name = unique_name(purpose);
        let url = parse(&format!("{}/{name}", server.base_url()));
        match create_database_if_missing(&url) {
            Ok(true) => {}
            Ok(false) => panic!("the test database {name} already existed"),
            Err(error @ DbError::Connect { .. }) => {
                panic!(
                    "cannot reach the test server: {error}\n{}",
                    server.how_to_start()
                )
            }
            Err(error) => panic!("cannot create the test database {name}: {error}"),
        }
        TestDatabase { server, name, url }
    }

    /// The database's URL.
    pub(crate) fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// The database's name.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// A new connection to the database.
    pub(crate) fn connect(&self) -> Connection {
        connect(&self.url).unwrap_or_else(|error| panic!("cannot connect to {}: {error}", self.url))
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let result = match self.server {
            Server::Mysql => drop_mysql(&self.server.base_url(), &self.name),
            Server::Postgres => drop_postgres(&self.server.base_url(), &self.name),
        };
        if let Err(message) = result {
            eprintln!("could not drop the test database {}: {message}", self.name);
        }
    }
}

fn drop_mysql(base_url: &str, name: &str) -> Result<(), String> {
    use mysql::prelude::Queryable;
    let mut connection = mysql::Conn::new(base_url).map_err(|error| error.to_string())?;
    connection
        .query_drop(format!("DROP DATABASE IF EXISTS `{name}`"))
        .map_err(|error| error.to_string())
}

fn drop_postgres(base_url: &str, name: &str) -> Result<(), String> {
    let mut client = postgres::Client::connect(&format!("{base_url}/postgres"), postgres::NoTls)
        .map_err(|error| error.to_string())?;
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .map_err(|error| error.to_string())
}

/// A database name no other test (or test run) uses: `dbkit_db_<purpose>_<pid>_<n>_<time>`.
pub(crate) fn unique_name(purpose: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.subsec_nanos())
        .unwrap_or_default();
    format!("dbkit_db_{purpose}_{}_{count}_{nanos}", std::process::id())
}

/// Parses a URL the test wrote itself.
pub(crate) fn parse(text: &str) -> DatabaseUrl {
    DatabaseUrl::parse(text).unwrap_or_else(|error| panic!("{text} should parse: {error}"))
}

/// A small schema with a foreign key, a unique constraint and a reserved-word table name,
/// as `(create, failing)` scripts for one backend: `failing` creates two tables and then fails.
pub(crate) struct Scripts {
    pub(crate) create: Vec<&'static str>,
    pub(crate) failing: Vec<&'static str>,
}

/// The test scripts for MySQL/MariaDB.
pub(crate) fn mysql_scripts() -> Scripts {
    Scripts {
        create: vec![
            "SET NAMES utf8mb4",
            "CREATE TABLE `members` (\n  `id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  `email` VARCHAR(255) NOT NULL UNIQUE\n) ENGINE=InnoDB",
            "CREATE TABLE `order` (\n  `id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  `member_id` BIGINT NOT NULL,\n  CONSTRAINT `fk_order_member_id` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`)\n) ENGINE=InnoDB",
            "CREATE INDEX `idx_order_member_id` ON `order` (`member_id`)",
        ],
        failing: vec![
            "CREATE TABLE `first` (`id` INT PRIMARY KEY) ENGINE=InnoDB",
            "CREATE TABLE `second` (`id` INT PRIMARY KEY) ENGINE=InnoDB",
            "-- this one fails\nCREATE TABLE `first` (`id` INT PRIMARY KEY) ENGINE=InnoDB",
            "CREATE TABLE `fourth` (`id` INT PRIMARY KEY) ENGINE=InnoDB",
        ],
    }
}

/// The test scripts for PostgreSQL and SQLite (standard quoting).
pub(crate) fn standard_scripts() -> Scripts {
    Scripts {
        create: vec![
            "CREATE TABLE \"members\" (\n  \"id\" BIGINT NOT NULL PRIMARY KEY,\n  \"email\" VARCHAR(255) NOT NULL UNIQUE\n)",
            "CREATE TABLE \"order\" (\n  \"id\" BIGINT NOT NULL PRIMARY KEY,\n  \"member_id\" BIGINT NOT NULL,\n  CONSTRAINT \"fk_order_member_id\" FOREIGN KEY (\"member_id\") REFERENCES \"members\" (\"id\")\n)",
            "CREATE INDEX \"idx_order_member_id\" ON \"order\" (\"member_id\")",
        ],
        failing: vec![
            "CREATE TABLE \"first\" (\"id\" INT PRIMARY KEY)",
            "CREATE TABLE \"second\" (\"id\" INT PRIMARY KEY)",
            "-- this one fails\nCREATE TABLE \"first\" (\"id\" INT PRIMARY KEY)",
            "CREATE TABLE \"fourth\" (\"id\" INT PRIMARY KEY)",
        ],
    }
}
