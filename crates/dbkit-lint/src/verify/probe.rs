//! Probes: statements that a database enforcing its constraints must refuse, tried on temporary
//! tables that verify creates and drops again. They never touch the user's tables.

use dbkit_db::{Connection, DbError};

/// What a probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Probe {
    /// The database refused the row, with this message: the rule is enforced.
    Refused(String),
    /// The database accepted the row: the rule is not enforced.
    Accepted,
    /// The probe could not be set up (no right to create temporary tables, say).
    NotRun(String),
}

/// Runs `setup` (creating temporary tables), then `attempt`, which must be refused; `cleanup`
/// (dropping the temporary tables) runs before and after in any case.
pub(crate) fn run_probe(
    connection: &mut Connection,
    setup: &[&str],
    attempt: &str,
    cleanup: &[&str],
) -> Probe {
    let clean = |connection: &mut Connection| {
        for statement in cleanup {
            // A table that is not there is fine; anything else shows up in setup.
            let _ = connection.execute_statements(&[statement]);
        }
    };
    clean(connection);
    if let Err(error) = connection.execute_statements(setup) {
        clean(connection);
        return Probe::NotRun(database_message(&error));
    }
    let outcome = match connection.execute_statements(&[attempt]) {
        Ok(()) => Probe::Accepted,
        Err(error) => Probe::Refused(database_message(&error)),
    };
    clean(connection);
    outcome
}

/// The database's own message in `error`, without the URL and statement context.
fn database_message(error: &DbError) -> String {
    match error {
        DbError::Statement { message, .. } | DbError::Query { message, .. } => {
            // The MySQL driver wraps the server's message as `MySqlError { ... }`.
            let message = message.trim();
            message
                .strip_prefix("MySqlError {")
                .and_then(|rest| rest.strip_suffix('}'))
                .unwrap_or(message)
                .trim()
                .to_string()
        }
        other => other.to_string(),
    }
}
