//! What a pull could not bring into the model, reported instead of dropped.

use std::fmt;

use serde::Serialize;

/// The kind of object or detail a [`PullWarning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// A view or materialized view.
    View,
    /// A trigger.
    Trigger,
    /// A stored procedure or function.
    Routine,
    /// A scheduled event (MySQL/MariaDB).
    Event,
    /// A sequence that no column owns (PostgreSQL).
    Sequence,
    /// A user-defined type: a domain, composite or range type, or an enum type the model holds
    /// as a CHECK instead (PostgreSQL).
    UserType,
    /// A partitioned table or one of its partitions.
    Partition,
    /// A column type dbkit does not model, kept as a native type.
    NativeType,
    /// A column default that is an expression the model cannot hold.
    Default,
    /// A generated (computed) column, kept as a plain column.
    GeneratedColumn,
    /// An index the model cannot hold (on expressions, or of a kind it does not know).
    Index,
    /// A constraint the model cannot hold (exclusion, deferrable, `NOT VALID`...).
    Constraint,
    /// A table option the model cannot hold: storage parameters, `ROW_FORMAT`, `STRICT`,
    /// `WITHOUT ROWID`, `UNLOGGED`...
    TableOption,
    /// A comment on an object the model keeps no comment for (an index, a constraint).
    Comment,
    /// Objects in another schema than the pulled one (PostgreSQL).
    OtherSchema,
    /// An installed extension (PostgreSQL).
    Extension,
    /// Row-level security and its policies (PostgreSQL).
    RowSecurity,
    /// Anything else the model cannot hold.
    Other,
}

/// One thing the database has that the pulled model does not, or holds only approximately.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PullWarning {
    /// What the warning is about.
    pub kind: WarningKind,
    /// The object, as in `view active_members` or `column books.title`.
    pub object: String,
    /// What was lost or changed, and what to do about it.
    pub message: String,
}

impl PullWarning {
    /// A warning about `object`.
    pub(crate) fn new(
        kind: WarningKind,
        object: impl Into<String>,
        message: impl Into<String>,
    ) -> PullWarning {
        PullWarning {
            kind,
            object: object.into(),
            message: message.into(),
        }
    }

    /// Table options the model does not hold (`ROW_FORMAT=COMPRESSED`, `STRICT`), as the database
    /// spells them.
    pub(crate) fn table_options(table: &str, options: &[&str]) -> PullWarning {
        PullWarning::new(
            WarningKind::TableOption,
            format!("table {table}"),
            format!(
                "the table options {} are not part of the model; the table is pulled without them",
                options.join(", ")
            ),
        )
    }
}

impl fmt::Display for PullWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.object, self.message)
    }
}
