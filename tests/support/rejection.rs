//! Why a database refused a statement, in terms every database shares.

use std::fmt;

/// The kind of rule a refused statement broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectionKind {
    /// A primary key, unique constraint or unique index already holds the value.
    Unique,
    /// A foreign key has no matching parent row, or a parent row still has children.
    ForeignKey,
    /// A NOT NULL column was given NULL.
    NotNull,
    /// A CHECK constraint evaluated to false.
    Check,
    /// The value does not fit the column's type (an unknown enum value in strict MySQL mode,
    /// a number given to a boolean column in PostgreSQL).
    InvalidValue,
    /// Anything else: a syntax error, a missing table, a lost connection.
    Other,
}

/// A statement the database refused, with its own words for why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The kind of rule that was broken.
    pub kind: RejectionKind,
    /// The constraint the database named, where it names one (not every database does).
    pub constraint: Option<String>,
    /// The database's message, with its error code.
    pub message: String,
}

impl Rejection {
    /// A rejection of kind [`RejectionKind::Other`].
    pub fn other(message: impl Into<String>) -> Self {
        Rejection {
            kind: RejectionKind::Other,
            constraint: None,
            message: message.into(),
        }
    }

    /// Whether this rejection is one of `kinds` and, when the database named a constraint and
    /// `constraints` is not empty, names one of those.
    pub fn is(&self, kinds: &[RejectionKind], constraints: &[&str]) -> bool {
        let named_right = match &self.constraint {
            Some(named) => constraints.is_empty() || constraints.contains(&named.as_str()),
            None => true,
        };
        kinds.contains(&self.kind) && named_right
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)?;
        if let Some(constraint) = &self.constraint {
            write!(f, " on \"{constraint}\"")?;
        }
        write!(f, ": {}", self.message)
    }
}
