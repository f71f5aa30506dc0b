//! dbkit-db against real databases: MariaDB/MySQL and PostgreSQL servers, and SQLite.
//!
//! Each test creates its own uniquely named database and drops it afterwards. A server that
//! cannot be reached makes the test fail with the command that starts it.

mod database {
    pub(crate) mod checks;
    pub(crate) mod connection_errors;
    pub(crate) mod mysql;
    pub(crate) mod postgres;
    pub(crate) mod sqlite;
    pub(crate) mod support;
}
