//! Errors a dialect returns instead of panicking.

use dbkit_model::{Column, Table};
use serde::{Deserialize, Serialize};

/// Why a dialect could not render part of a schema.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DialectError {
    /// The database cannot express something the model says.
    #[error("{location}: {dialect} does not support {feature}{}", help.as_ref().map(|help| format!("; {help}")).unwrap_or_default())]
    Unsupported {
        /// The dialect's name.
        dialect: String,
        /// Where: `table` or `table.column`.
        location: String,
        /// What is not supported.
        feature: String,
        /// How to get around it, if there is a way.
        help: Option<String>,
    },
    /// The input cannot be rendered (a malformed expression, say).
    #[error("{location}: {message}")]
    Invalid {
        /// Where: `table` or `table.column`.
        location: String,
        /// What is wrong.
        message: String,
    },
}

impl DialectError {
    /// An [`DialectError::Unsupported`] located at `table.column`.
    pub fn unsupported(dialect: &str, table: &Table, column: &Column, feature: &str) -> Self {
        DialectError::Unsupported {
            dialect: dialect.to_string(),
            location: format!("{}.{}", table.name, column.name),
            feature: feature.to_string(),
            help: None,
        }
    }

    /// Adds a hint on how to get around the problem.
    pub fn with_help(self, text: &str) -> Self {
        match self {
            DialectError::Unsupported {
                dialect,
                location,
                feature,
                ..
            } => DialectError::Unsupported {
                dialect,
                location,
                feature,
                help: Some(text.to_string()),
            },
            other => other,
        }
    }
}
