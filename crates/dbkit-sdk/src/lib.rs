//! The dbkit dialect SDK.
//!
//! A dialect tells dbkit how one database spells the model: its types, quoting, defaults and
//! DDL. The first-party MySQL/MariaDB, PostgreSQL and SQLite dialects implement [`Dialect`], and
//! so does every third-party plugin. The model types are re-exported as [`model`], so that a
//! dialect depends on this crate alone.
//!
//! # Plugins
//!
//! A dialect can also live in its own dynamic library, loaded by an unmodified `dbkit` binary:
//! the crate implements [`Dialect`] and calls [`export_dialect!`] once. Calls cross the library
//! boundary as JSON ([`protocol`]) through a versioned C table ([`abi`]); see `docs/plugins.md`.

pub mod dialect;
pub mod error;
pub mod export;
pub mod info;
pub mod migration;
pub mod native;
pub mod protocol;

pub use dbkit_model as model;
pub use dbkit_plugin_abi as abi;
pub use dialect::Dialect;
pub use error::DialectError;
pub use info::DialectInfo;
