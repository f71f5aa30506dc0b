//! The dbkit schema model.
//!
//! This crate reads `schema.toml` ([`parse_schema`]) into a resolved [`Schema`], checks it, and
//! answers questions about it (the order in which tables can be created, the names of
//! constraints). It never talks to a database.

pub mod check_expression;
pub mod column_type;
pub mod default_value;
pub mod diagnostic;
pub mod naming;
pub mod order;
pub mod parse;
pub mod schema;
pub mod suggest;

pub use column_type::{ColumnType, TypeSpec, parse_type};
pub use default_value::DefaultValue;
pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use order::{CreationOrder, ForeignKeyRef, creation_order};
pub use parse::{IdentifierLimit, ParseOptions, parse_schema};
pub use schema::{
    CheckConstraint, Column, ForeignKey, Index, IndexOrigin, PrimaryKey, Project, ReferentialAction,
    Schema, Table, TableKind, UniqueConstraint,
};
