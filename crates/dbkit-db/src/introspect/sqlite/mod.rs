//! SQLite: `sqlite_master` joined with the table-valued pragma functions, plus the
//! `CREATE TABLE` texts for what only they say (constraint names, CHECKs, collations).

mod create_table;
mod parse;
mod query;

use rusqlite::Connection;

use super::assemble::assemble;
use super::{IntrospectError, Pulled};

/// Reads the connection's main database.
pub(crate) fn pull(connection: &Connection) -> Result<Pulled, IntrospectError> {
    let catalog = query::read_catalog(connection)
        .map_err(|error| IntrospectError::query("SQLite", error.to_string()))?;
    let database = connection
        .path()
        .and_then(|path| std::path::Path::new(path).file_stem())
        .and_then(|stem| stem.to_str())
        .filter(|stem| !stem.is_empty())
        .unwrap_or("main")
        .to_string();
    let mut warnings = Vec::new();
    let tables = parse::tables(catalog, &mut warnings);
    let schema = assemble(&database, "sqlite", tables, &mut warnings);
    warnings.sort();
    Ok(Pulled { schema, warnings })
}
