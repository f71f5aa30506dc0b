//! What to generate: row counts, the seed, and what a database already holds.

use std::collections::BTreeMap;

/// Rows per table when neither the command line nor `schema.toml` says.
pub const DEFAULT_ROWS: u64 = 100;

/// Options for [`crate::generate`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeedOptions {
    /// Rows for every table without its own count (`--rows`); overrides `[seed] rows`.
    pub rows_default: Option<u64>,
    /// Rows for particular tables; overrides everything else.
    pub rows_per_table: BTreeMap<String, u64>,
    /// The seed: the same schema, counts and seed give the same data.
    pub seed: u64,
    /// What the target database already holds, when appending to it.
    pub existing: Existing,
}

/// What a database holds before rows are appended, so that new keys do not collide.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Existing {
    /// By table name.
    pub tables: BTreeMap<String, ExistingTable>,
}

/// What one table already holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExistingTable {
    /// How many rows.
    pub rows: u64,
    /// The largest value of each auto-increment column: new ids start after it.
    pub max_ids: BTreeMap<String, i64>,
    /// The fingerprints (see [`crate::fingerprint`]) of the values of each unique key, by the
    /// key's columns.
    pub keys: Vec<(Vec<String>, Vec<u64>)>,
}
