//! The dbkit dialect SDK.
//!
//! A dialect tells dbkit how one database spells the model: its types, quoting, defaults and
//! DDL. The first-party MySQL/MariaDB, PostgreSQL and SQLite dialects implement [`Dialect`], and
//! so does every third-party plugin. The model types are re-exported as [`model`], so that a
//! dialect depends on this crate alone.

pub mod dialect;
pub mod error;
pub mod info;

pub use dbkit_model as model;
pub use dialect::Dialect;
pub use error::DialectError;
pub use info::DialectInfo;
