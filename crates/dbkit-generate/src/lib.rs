//! dbkit generators: everything dbkit writes from a schema.
//!
//! [`ddl`] writes the script that builds a schema on an empty database, and the one that removes
//! it again, for any [`dbkit_sdk::Dialect`].

pub mod ddl;
pub mod script;

pub use ddl::{DdlScripts, GenerateError, render_ddl};
pub use script::{Script, Statement};
