//! A live connection to MySQL/MariaDB, PostgreSQL or SQLite, chosen by URL.

use crate::backend::{self, StatementFailure};
use crate::error::DbError;
use crate::secret::scrub;
use crate::statement::first_line;
use crate::url::{Backend, DatabaseUrl, ServerAddress, Target};

/// The driver connection behind a [`Connection`].
enum Session {
    Mysql(Box<mysql::Conn>),
    Postgres(Box<postgres::Client>),
    Sqlite(Box<rusqlite::Connection>),
}

/// The driver connection under a [`Connection`], for work a driver does best on its own, such
/// as bulk loading (`LOAD DATA LOCAL INFILE`, `COPY ... FROM STDIN`).
pub enum DriverConnection<'a> {
    /// A MySQL/MariaDB connection.
    Mysql(&'a mut mysql::Conn),
    /// A PostgreSQL connection.
    Postgres(&'a mut postgres::Client),
    /// A SQLite connection.
    Sqlite(&'a mut rusqlite::Connection),
}

/// An open connection to one database.
///
/// Every error it returns names the URL with the password masked, and never contains the
/// password, even when a driver's message would.
pub struct Connection {
    url: DatabaseUrl,
    session: Session,
}

/// Opens a connection to the database `url` points at. Same as [`Connection::connect`].
pub fn connect(url: &DatabaseUrl) -> Result<Connection, DbError> {
    Connection::connect(url)
}

impl Connection {
    /// Opens a connection to the database `url` points at.
    ///
    /// A SQLite file is created when it does not exist; a server database must exist (see
    /// [`crate::create_database_if_missing`]). Servers that do not answer within five seconds
    /// are reported as unreachable.
    pub fn connect(url: &DatabaseUrl) -> Result<Connection, DbError> {
        let session = match url.target() {
            Target::Mysql(address) => backend::mysql::connect(address)
                .map(|connection| Session::Mysql(Box::new(connection)))
                .map_err(|message| connect_error(url, address, &message))?,
            Target::Postgres(address) => backend::postgres::connect(address)
                .map(|client| Session::Postgres(Box::new(client)))
                .map_err(|message| connect_error(url, address, &message))?,
            Target::SqliteFile(path) => backend::sqlite::open(Some(path))
                .map(|connection| Session::Sqlite(Box::new(connection)))
                .map_err(|message| DbError::OpenSqlite {
                    path: path.display().to_string(),
                    message,
                })?,
            Target::SqliteMemory => backend::sqlite::open(None)
                .map(|connection| Session::Sqlite(Box::new(connection)))
                .map_err(|message| DbError::OpenSqlite {
                    path: ":memory:".to_string(),
                    message,
                })?,
        };
        Ok(Connection {
            url: url.clone(),
            session,
        })
    }

    /// The driver connection underneath, for bulk work done by the driver itself.
    pub fn driver(&mut self) -> DriverConnection<'_> {
        match &mut self.session {
            Session::Mysql(connection) => DriverConnection::Mysql(connection),
            Session::Postgres(client) => DriverConnection::Postgres(client),
            Session::Sqlite(connection) => DriverConnection::Sqlite(connection),
        }
    }

    /// The URL this connection was opened with.
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// The backend: MySQL/MariaDB, PostgreSQL or SQLite.
    pub fn backend(&self) -> Backend {
        self.url.backend()
    }

    /// The name of the dbkit dialect for this database: `mysql`, `postgres` or `sqlite`.
    pub fn dialect_name(&self) -> &'static str {
        self.backend().dialect_name()
    }

    /// Whether `CREATE`, `ALTER` and `DROP` can be rolled back here (PostgreSQL and SQLite:
    /// yes; MySQL/MariaDB: no, see [`Connection::execute_script_in_transaction`]).
    pub fn supports_transactional_ddl(&self) -> bool {
        !matches!(self.session, Session::Mysql(_))
    }

    /// Runs `statements` one at a time, in order, outside any transaction.
    ///
    /// Stops at the first failure and reports which statement failed (its number and first line)
    /// with the database's message; the statements before it stay applied.
    pub fn execute_statements(&mut self, statements: &[&str]) -> Result<(), DbError> {
        self.execute_each(statements).map_err(|failure| {
            let (number, first_line) = self.locate(statements, &failure);
            DbError::Statement {
                url: self.url.to_string(),
                number,
                count: statements.len(),
                first_line,
                message: self.scrub(&failure.message),
            }
        })
    }

    /// Runs `statements` as one transaction: either all of them apply, or none does.
    ///
    /// PostgreSQL and SQLite can roll back `CREATE TABLE` and the rest of DDL, so a failed script
    /// leaves the database as it was. MySQL and MariaDB cannot: each DDL statement commits the
    /// open transaction implicitly and takes effect at once, so a "transaction" around a schema
    /// script would be a promise the server does not keep. On MySQL/MariaDB this method therefore
    /// refuses with [`DbError::NotTransactional`]; run the statements with
    /// [`Connection::execute_statements`] and expect a failure to leave the earlier statements
    /// applied (as [`crate::apply_schema`] does, reporting what was created).
    ///
    /// On SQLite, `PRAGMA` statements at the start of the script run just before the transaction.
    pub fn execute_script_in_transaction(&mut self, statements: &[&str]) -> Result<(), DbError> {
        let result = match &mut self.session {
            Session::Mysql(_) => {
                return Err(DbError::NotTransactional {
                    url: self.url.to_string(),
                });
            }
            Session::Postgres(client) => {
                backend::postgres::execute_in_transaction(client, statements)
            }
            Session::Sqlite(connection) => {
                backend::sqlite::execute_in_transaction(connection, statements)
            }
        };
        result.map_err(|failure| match failure.index {
            Some(_) => {
                let (number, first_line) = self.locate(statements, &failure);
                DbError::RolledBack {
                    url: self.url.to_string(),
                    number,
                    count: statements.len(),
                    first_line,
                    message: self.scrub(&failure.message),
                }
            }
            None => DbError::Query {
                action: "run the script as one transaction",
                url: self.url.to_string(),
                message: self.scrub(&failure.message),
            },
        })
    }

    /// The user tables of the current database (MySQL/MariaDB), of the current schema, normally
    /// `public` (PostgreSQL), or of the file (SQLite, without its internal `sqlite_*` tables),
    /// sorted by name. Views are not included.
    pub fn list_tables(&mut self) -> Result<Vec<String>, DbError> {
        let result = match &mut self.session {
            Session::Mysql(connection) => match backend::mysql::list_tables(connection) {
                Ok(Some(tables)) => Ok(tables),
                Ok(None) => {
                    return Err(DbError::NoDatabase {
                        url: self.url.to_string(),
                    });
                }
                Err(message) => Err(message),
            },
            Session::Postgres(client) => backend::postgres::list_tables(client),
            Session::Sqlite(connection) => backend::sqlite::list_tables(connection),
        };
        result.map_err(|message| DbError::Query {
            action: "list the tables",
            url: self.url.to_string(),
            message: self.scrub(&message),
        })
    }

    /// Runs statements one at a time, keeping the failure's position for the caller.
    pub(crate) fn execute_each(&mut self, statements: &[&str]) -> Result<(), StatementFailure> {
        match &mut self.session {
            Session::Mysql(connection) => backend::mysql::execute_each(connection, statements),
            Session::Postgres(client) => backend::postgres::execute_each(client, statements),
            Session::Sqlite(connection) => backend::sqlite::execute_each(connection, statements),
        }
    }

    /// The statement number (from 1) and first line of a failure.
    pub(crate) fn locate(
        &self,
        statements: &[&str],
        failure: &StatementFailure,
    ) -> (usize, String) {
        let index = failure.index.unwrap_or(statements.len());
        let line = statements
            .get(index)
            .map(|statement| self.scrub(&first_line(statement)))
            .unwrap_or_default();
        (index + 1, line)
    }

    /// `message` without the password.
    pub(crate) fn scrub(&self, message: &str) -> String {
        scrub(message, self.url.password())
    }

    /// Runs the function for this connection's driver with the driver's own connection, for
    /// work that speaks each database's catalog (such as introspection).
    pub(crate) fn with_driver<T>(
        &mut self,
        mysql: impl FnOnce(&mut mysql::Conn) -> T,
        postgres: impl FnOnce(&mut postgres::Client) -> T,
        sqlite: impl FnOnce(&rusqlite::Connection) -> T,
    ) -> T {
        match &mut self.session {
            Session::Mysql(connection) => mysql(connection),
            Session::Postgres(client) => postgres(client),
            Session::Sqlite(connection) => sqlite(connection),
        }
    }
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Connection({})", self.url)
    }
}

/// A connection error for a server URL, password scrubbed.
pub(crate) fn connect_error(url: &DatabaseUrl, address: &ServerAddress, message: &str) -> DbError {
    DbError::Connect {
        url: url.to_string(),
        server: url.backend().display_name(),
        host: address.host().to_string(),
        port: address.port(),
        database: address.database().unwrap_or("(none)").to_string(),
        message: scrub(message, address.password()),
    }
}
