//! Shared helpers for dbkit's integration tests against real databases.
//!
//! Every test gets a database of its own ([`MariaDb::scratch`], [`Postgres::scratch`],
//! [`Sqlite::scratch`]) that is dropped again when the test ends. A test that cannot reach its
//! server fails with a message that says how to start it; it never skips.
//!
//! The [`Database`] trait hides the three drivers behind one small interface, so that the same
//! checks ([`build`], [`enforcement`], [`example`]) run on every database.

pub mod build;
pub mod corpus_seed;
pub mod database;
pub mod enforcement;
pub mod example;
pub mod filler;
pub mod fixture_rows;
pub mod fixtures;
pub mod mariadb;
pub mod migrate;
pub mod migrate_cases;
pub mod postgres;
pub mod pull;
pub mod rejection;
pub mod seeded;
pub mod server;
pub mod sqldef;
pub mod sqlite;
pub mod value;
pub mod verify;

pub use database::{Catalog, Database};
pub use fixtures::{Fixture, all_fixtures, example_fixture};
pub use mariadb::MariaDb;
pub use postgres::Postgres;
pub use rejection::{Rejection, RejectionKind};
pub use sqlite::Sqlite;
pub use value::Value;

/// What every check returns: `Err` carries a message that says what failed, where and why.
pub type Outcome<T = ()> = Result<T, String>;
