//! Drift: the live schema compared with the state the applied migrations lead to.

use dbkit_model::Schema;

use super::driver::Driver;
use super::error::MigrateError;
use super::history::HISTORY_TABLE;
use super::progress::PROGRESS_TABLE;
use crate::Backend;
use crate::introspect::{
    IntrospectError, Pulled, pull_mysql, pull_postgres, pull_sqlite, stored_form,
};
use crate::secret::scrub;
use crate::url::DatabaseUrl;

/// The tables of the migration machinery, which the model does not hold.
pub const BOOKKEEPING_TABLES: &[&str] = &[HISTORY_TABLE, PROGRESS_TABLE];

/// Reads the live schema through the runner's own connection, without dbkit's bookkeeping tables.
pub(crate) fn live_schema(driver: &mut Driver, url: &DatabaseUrl) -> Result<Schema, MigrateError> {
    let pulled: Result<Pulled, IntrospectError> = match driver {
        Driver::Mysql(connection) => pull_mysql(connection.as_mut()),
        Driver::Postgres(client) => pull_postgres(client.as_mut()),
        Driver::Sqlite(connection) => pull_sqlite(connection),
    };
    let mut schema = pulled
        .map_err(|error| MigrateError::DriftCheck {
            url: url.to_string(),
            message: scrub(&error.to_string(), url.password()),
        })?
        .schema;
    schema
        .tables
        .retain(|table| !BOOKKEEPING_TABLES.contains(&table.name.as_str()));
    Ok(schema)
}

/// The differences from `expected` (as this kind of database stores it) to the live schema, one
/// line each; empty when there is no drift.
pub(crate) fn differences(
    driver: &mut Driver,
    url: &DatabaseUrl,
    expected: &Schema,
) -> Result<Vec<String>, MigrateError> {
    let live = live_schema(driver, url)?;
    Ok(compare(
        url.backend(),
        &stored_form(expected, url.backend()),
        &live,
    ))
}

/// The differences between two schemas, one line each.
pub fn compare(backend: Backend, expected: &Schema, live: &Schema) -> Vec<String> {
    super::changes::describe(&super::changes::drift_changes(backend, expected, live))
}
