//! The generated PostgreSQL scripts, run on a real PostgreSQL server.
//!
//! The server is `DBKIT_TEST_POSTGRES_URL`, by default
//! `postgres://postgres@127.0.0.1:5432/postgres`. Each test works in a database of its own; a
//! server that does not answer fails the tests.

#[macro_use]
#[path = "common.rs"]
mod common;

use dbkit_tests::Postgres;

database_tests!(Postgres::scratch);
