//! The three drivers behind [`crate::Connection`], each reduced to the few operations dbkit needs.
//!
//! Backend functions return the driver's message as a `String`; [`crate::Connection`] adds the
//! URL and statement context and scrubs the password.

pub(crate) mod mysql;
pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::time::Duration;

/// How long dbkit waits for a server to answer a connection attempt.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A failed script: the failed statement's position (from 0; `None` when beginning or committing
/// the transaction failed) and the database's message.
#[derive(Debug)]
pub(crate) struct StatementFailure {
    pub(crate) index: Option<usize>,
    pub(crate) message: String,
}

/// Runs `statements` one at a time with `run`, stopping at the first failure.
pub(crate) fn run_each<E>(
    statements: &[&str],
    mut run: impl FnMut(&str) -> Result<(), E>,
    describe: impl Fn(&E) -> String,
) -> Result<(), StatementFailure> {
    for (index, statement) in statements.iter().enumerate() {
        run(statement).map_err(|error| StatementFailure {
            index: Some(index),
            message: describe(&error),
        })?;
    }
    Ok(())
}
