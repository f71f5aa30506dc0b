//! Why `dbkit verify` could not run at all (a check that cannot be made is a failed item of the
//! checklist instead).

use dbkit_db::DbError;

/// What stopped verification before the checklist was complete.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// A step every check depends on failed: starting the read-only transaction, reading the
    /// server version, reading the live schema.
    #[error("dbkit verify cannot {step}: {source}")]
    Database {
        /// What verify was doing, as in `read the live schema`.
        step: &'static str,
        /// The database error (URL masked).
        source: Box<DbError>,
    },
}

impl VerifyError {
    /// A database error during `step`.
    pub(crate) fn database(step: &'static str) -> impl FnOnce(DbError) -> VerifyError {
        move |source| VerifyError::Database {
            step,
            source: Box::new(source),
        }
    }

    /// What to do about it.
    pub fn help(&self) -> Option<String> {
        match self {
            VerifyError::Database { source, .. } => source.help(),
        }
    }
}
