//! MySQL and MariaDB: `information_schema`, read with a fixed handful of queries.

mod parse;
mod query;

use mysql::prelude::Queryable;

use super::assemble::assemble;
use super::{IntrospectError, Pulled};

/// Reads the connection's current database.
pub(crate) fn pull(connection: &mut impl Queryable) -> Result<Pulled, IntrospectError> {
    let catalog = query::read_catalog(connection)
        .map_err(|error| IntrospectError::query("MySQL/MariaDB", error.to_string()))?
        .ok_or(IntrospectError::NoDatabase)?;
    let database = catalog.database.clone();
    let mut warnings = Vec::new();
    let tables = parse::tables(catalog, &mut warnings);
    let schema = assemble(&database, "mysql", tables, &mut warnings);
    warnings.sort();
    Ok(Pulled { schema, warnings })
}
