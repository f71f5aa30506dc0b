//! dbkit database access: connections to MySQL/MariaDB, PostgreSQL and SQLite, and running
//! scripts on them.
//!
//! A [`DatabaseUrl`] says which database (`mysql://`, `mariadb://`, `postgres://`,
//! `postgresql://`, `sqlite://path`, `sqlite::memory:` or a plain SQLite file path);
//! [`resolve_url`] picks it from `--url`, `DATABASE_URL`, a `.env` file or the default SQLite
//! file. [`connect`] opens a [`Connection`], and [`apply_schema`] builds a schema on a database
//! that does not have it yet, never touching existing tables.
//!
//! ```
//! use dbkit_db::{DatabaseUrl, apply_schema, connect};
//!
//! let url = DatabaseUrl::parse("sqlite::memory:")?;
//! let mut connection = connect(&url)?;
//! let outcome = apply_schema(&mut connection, &["CREATE TABLE members (id INTEGER PRIMARY KEY)"])?;
//! assert_eq!(outcome.tables_created, ["members"]);
//! assert_eq!(connection.list_tables()?, ["members"]);
//! # Ok::<(), dbkit_db::DbError>(())
//! ```
//!
//! Passwords never appear in anything this crate shows: URLs display masked and driver messages
//! are scrubbed.

mod apply;
mod backend;
mod connection;
mod database;
mod error;
pub mod introspect;
pub mod migrate;
mod query;
mod resolve;
mod secret;
pub mod statement;
mod url;

pub use apply::{ApplyOutcome, apply_schema};
pub use connection::{Connection, DriverConnection, connect};
pub use database::create_database_if_missing;
pub use error::DbError;
pub use resolve::{DATABASE_URL_VARIABLE, ResolvedUrl, UrlSource, resolve_url, resolve_url_from};
pub use url::{Backend, DEFAULT_SQLITE_FILE, DatabaseUrl, SCHEMES, ServerAddress, Target};
