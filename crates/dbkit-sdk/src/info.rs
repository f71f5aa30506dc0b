//! What a dialect says about itself.

use serde::{Deserialize, Serialize};

/// A dialect's identity and capabilities.
///
/// This is data, not behaviour, so that it can cross the plugin boundary as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialectInfo {
    /// The name used on the command line and in `schema.toml` (`mysql`, `postgres`).
    pub name: String,
    /// The name people know the database by (`MySQL / MariaDB`).
    pub display_name: String,
    /// The dialect's own version.
    pub version: String,
    /// The longest identifier the database accepts, in bytes.
    pub max_identifier_length: usize,
    /// Whether foreign keys can be added to an existing table (`ALTER TABLE ... ADD CONSTRAINT`).
    /// Without it, every foreign key is written in `CREATE TABLE`, which only works where the
    /// database accepts a reference to a table that does not exist yet (SQLite).
    pub supports_alter_foreign_keys: bool,
}

impl DialectInfo {
    /// Info for a dialect with the usual capabilities.
    pub fn new(
        name: &str,
        display_name: &str,
        version: &str,
        max_identifier_length: usize,
    ) -> Self {
        DialectInfo {
            name: name.to_string(),
            display_name: display_name.to_string(),
            version: version.to_string(),
            max_identifier_length,
            supports_alter_foreign_keys: true,
        }
    }

    /// This dialect's identifier limit, for [`dbkit_model::ParseOptions`].
    pub fn identifier_limit(&self) -> dbkit_model::IdentifierLimit {
        dbkit_model::IdentifierLimit {
            dialect: self.name.clone(),
            max_length: self.max_identifier_length,
        }
    }
}
