//! dbkit generators: everything dbkit writes from a schema.
//!
//! [`ddl`] writes the script that builds a schema on an empty database, and the one that removes
//! it again, for any [`dbkit_sdk::Dialect`]. [`queries`] writes the CRUD handshake: every query a
//! backend needs on each table, as sqlc query files with a README, and as a Python module.

pub mod ddl;
pub mod diagram;
pub mod queries;
pub mod script;

pub use ddl::{DdlScripts, GenerateError, render_ddl};
pub use queries::{GeneratedFile, QuerySet, handshake_files, python_files, render_queries};
pub use script::{Script, Statement};
