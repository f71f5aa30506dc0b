//! PostgreSQL: `pg_catalog`, read with five queries for the whole current schema.

mod parse;
mod query;

use postgres::Client;

use super::assemble::assemble;
use super::{IntrospectError, Pulled};

/// Reads the client's current schema (normally `public`).
pub(crate) fn pull(client: &mut Client) -> Result<Pulled, IntrospectError> {
    let catalog = query::read_catalog(client).map_err(|error| {
        IntrospectError::query("PostgreSQL", crate::backend::postgres::describe(&error))
    })?;
    let database = catalog.database.clone();
    let mut warnings = Vec::new();
    let tables = parse::tables(catalog, &mut warnings);
    let schema = assemble(&database, "postgres", tables, &mut warnings);
    warnings.sort();
    Ok(Pulled { schema, warnings })
}
