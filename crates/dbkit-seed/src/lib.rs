//! dbkit sample data: realistic, deterministic rows that never violate a rule of the model.
//!
//! [`generate`] fills every table of a [`dbkit_model::Schema`] in dependency order. Values are
//! chosen from each column's name and type (person names, e-mail addresses derived from them,
//! phone numbers, addresses, companies, titles, ISBNs with valid check digits, prices, dates in
//! plausible ranges and orders...), or from the overrides under `[seed]` in `schema.toml`. Every
//! row satisfies the types and lengths, NOT NULL, enums, unique keys, foreign keys (with some
//! parents referenced often and some never, self-references as shallow trees, reference cycles
//! closed by a later update) and the CHECK constraints dbkit can read; a rule that cannot be met
//! is reported with its table and column before anything is written.
//!
//! The same schema, row counts and seed give byte-identical output; each table draws from its own
//! random stream, so adding a table or changing another's count does not change its values.
//!
//! A [`Dataset`] is written as `seed.sql` ([`render_seed_sql`]), as CSV files ([`write_csv`]), or
//! loaded straight into a database through its bulk path ([`load`]).

pub mod calendar;
mod check;
pub mod dataset;
pub mod error;
mod generate;
pub mod load;
pub mod options;
mod render;
pub mod rng;
mod unique;
pub mod words;

pub use dataset::{Cells, ColumnData, Dataset, TableData, Value};
pub use error::SeedError;
pub use generate::{Progress, generate, generate_with_progress};
pub use options::{DEFAULT_ROWS, Existing, ExistingTable, SeedOptions};
pub use render::csv::{write_csv, write_table_csv};
pub use render::sql::{ROWS_PER_INSERT, render_seed_sql, write_seed_sql};
pub use unique::fingerprint;
