//! Everything that can go wrong when dbkit talks to a database, with the context to act on it.
//!
//! No message ever contains a password: URLs are shown masked (`mysql://root:***@host/db`) and
//! driver messages are scrubbed of the password before they are stored here.

use std::path::PathBuf;

/// Why a database operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DbError {
    /// A database URL could not be read.
    #[error("invalid database URL \"{url}\"{origin}: {reason}")]
    InvalidUrl {
        /// The URL as given, password masked.
        url: String,
        /// Where the URL came from (` (from DATABASE_URL)`), or empty.
        origin: String,
        /// What is wrong with it.
        reason: String,
        /// How to write it instead.
        help: Option<String>,
    },

    /// The `.env` file could not be read.
    #[error("cannot read {}: {message}", path.display())]
    DotEnv {
        /// The `.env` file.
        path: PathBuf,
        /// What went wrong (with any password masked).
        message: String,
    },

    /// A MySQL/MariaDB or PostgreSQL server refused the connection or could not be reached.
    #[error(
        "cannot connect to database \"{database}\" on the {server} server at {host}:{port} ({url}): {message}"
    )]
    Connect {
        /// The URL, password masked.
        url: String,
        /// `MySQL/MariaDB` or `PostgreSQL`.
        server: &'static str,
        /// The host.
        host: String,
        /// The port.
        port: u16,
        /// The database name (`(none)` when the URL names none).
        database: String,
        /// The driver's message.
        message: String,
    },

    /// A SQLite database file could not be opened.
    #[error("cannot open the SQLite database \"{path}\": {message}")]
    OpenSqlite {
        /// The file (or `:memory:`).
        path: String,
        /// The driver's message.
        message: String,
    },

    /// The URL names no database, but the operation needs one.
    #[error("{url} names no database")]
    NoDatabase {
        /// The URL, password masked.
        url: String,
    },

    /// A database could not be created.
    #[error("cannot create database \"{database}\" ({url}): {message}")]
    CreateDatabase {
        /// The URL, password masked.
        url: String,
        /// The database that was to be created.
        database: String,
        /// The database's message.
        message: String,
    },

    /// A query dbkit runs for itself (such as listing tables) failed.
    #[error("cannot {action} of {url}: {message}")]
    Query {
        /// What dbkit was doing, as in `list the tables`.
        action: &'static str,
        /// The URL, password masked.
        url: String,
        /// The database's message.
        message: String,
    },

    /// One statement of a script failed; the statements before it ran and stay applied.
    #[error(
        "statement {number} of {count} failed on {url}: {message}\n  the statement starts with: {first_line}"
    )]
    Statement {
        /// The URL, password masked.
        url: String,
        /// The failed statement's position, from 1.
        number: usize,
        /// How many statements the script has.
        count: usize,
        /// The first line of the failed statement.
        first_line: String,
        /// The database's message.
        message: String,
    },

    /// One statement of a transactional script failed, and the whole script was rolled back.
    #[error(
        "statement {number} of {count} failed on {url}, so nothing was applied (the transaction was rolled back): {message}\n  the statement starts with: {first_line}"
    )]
    RolledBack {
        /// The URL, password masked.
        url: String,
        /// The failed statement's position, from 1.
        number: usize,
        /// How many statements the script has.
        count: usize,
        /// The first line of the failed statement.
        first_line: String,
        /// The database's message.
        message: String,
    },

    /// One statement of a schema failed on a database without transactional DDL (MySQL/MariaDB),
    /// after some tables had been created.
    #[error(
        "statement {number} of {count} failed on {url}: {message}\n  the statement starts with: {first_line}\n  {}",
        created_summary(created)
    )]
    PartiallyApplied {
        /// The URL, password masked.
        url: String,
        /// The failed statement's position, from 1.
        number: usize,
        /// How many statements the script has.
        count: usize,
        /// The first line of the failed statement.
        first_line: String,
        /// The database's message.
        message: String,
        /// The tables created before the failure, which are still there.
        created: Vec<String>,
    },

    /// The database already has tables the schema would create; dbkit does not touch them.
    #[error("{url} already has {} this schema creates: {}", if tables.len() == 1 { "a table" } else { "tables" }, tables.join(", "))]
    TablesExist {
        /// The URL, password masked.
        url: String,
        /// The tables that already exist.
        tables: Vec<String>,
    },

    /// A transaction was asked of a database whose DDL cannot be rolled back (MySQL/MariaDB).
    #[error(
        "{url}: MySQL and MariaDB commit every CREATE, ALTER and DROP at once, so a script cannot run as one transaction there"
    )]
    NotTransactional {
        /// The URL, password masked.
        url: String,
    },
}

fn created_summary(created: &[String]) -> String {
    if created.is_empty() {
        "no table had been created before it".to_string()
    } else {
        format!(
            "MySQL/MariaDB cannot roll back DDL, so these tables were created and are still there: {}",
            created.join(", ")
        )
    }
}

impl DbError {
    /// What the user can do about the error, when dbkit can tell.
    pub fn help(&self) -> Option<String> {
        match self {
            DbError::InvalidUrl { help, .. } => help.clone(),
            DbError::Connect {
                server, message, database, ..
            } => Some(connect_help(server, message, database)),
            DbError::NoDatabase { url } => Some(format!("add the database name to the URL, as in {url}/library")),
            DbError::TablesExist { .. } => Some(
                "dbkit never drops or changes existing tables: apply the schema to a fresh (empty) database, \
                 or use `dbkit migrate` (coming) to change an existing one"
                    .to_string(),
            ),
            DbError::PartiallyApplied { created, .. } if !created.is_empty() => Some(
                "fix the problem, remove those tables (the matching drop.sql removes them) and apply again".to_string(),
            ),
            DbError::OpenSqlite { .. } => {
                Some("check that the folder exists and that you may write to it".to_string())
            }
            _ => None,
        }
    }
}

fn connect_help(server: &str, message: &str, database: &str) -> String {
    let lowered = message.to_ascii_lowercase();
    if lowered.contains("access denied") || lowered.contains("password authentication failed") {
        return "check the user name and password in the URL".to_string();
    }
    if lowered.contains("unknown database") || lowered.contains("does not exist") {
        return format!(
            "create the database \"{database}\" first, or use `dbkit apply`, which creates it"
        );
    }
    match server {
        "PostgreSQL" => "is PostgreSQL running? start it with `sudo service postgresql start` \
                         (or `pg_ctlcluster 15 main start`), then try again"
            .to_string(),
        _ => "is MariaDB/MySQL running? start it with `sudo service mariadb start` \
              (on XAMPP: start MySQL in the XAMPP control panel), then try again"
            .to_string(),
    }
}
