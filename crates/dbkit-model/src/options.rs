//! Storage details of tables and indexes that real schemas use beyond the portable model:
//! MySQL's engine and character set, full-text and prefix indexes, descending index columns and
//! partial indexes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A table's storage options. Each is `None` when the database default applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableOptions {
    /// The storage engine (MySQL/MariaDB: `InnoDB`, `MyISAM`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// The default character set of the table's text columns (MySQL/MariaDB: `utf8mb4`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// The default collation of the table's text columns (MySQL/MariaDB: `utf8mb4_bin`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
}

impl TableOptions {
    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        self.engine.is_none() && self.charset.is_none() && self.collation.is_none()
    }
}

/// How an index is built beyond its list of columns. The default is a plain ascending B-tree
/// index over whole column values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndexOptions {
    /// A full-text index (MySQL/MariaDB `FULLTEXT`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fulltext: bool,
    /// Columns indexed by their first characters (or bytes) only, with the length (MySQL/MariaDB).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub prefix_lengths: BTreeMap<String, u32>,
    /// Columns indexed in descending order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub descending: Vec<String>,
    /// The condition of a partial index (PostgreSQL, SQLite): only rows where it holds are indexed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// The index method when it is not the default B-tree (PostgreSQL: `gin`, `gist`, `hash`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

impl IndexOptions {
    /// Whether the index is a plain ascending B-tree index over whole values.
    pub fn is_empty(&self) -> bool {
        !self.fulltext
            && self.prefix_lengths.is_empty()
            && self.descending.is_empty()
            && self.predicate.is_none()
            && self.method.is_none()
    }
}
