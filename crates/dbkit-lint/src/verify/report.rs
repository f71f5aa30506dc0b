//! What `dbkit verify` found: a checklist of items, each passed, warned or failed, with the
//! reason and the fix.

use serde::Serialize;

/// How one item of the checklist came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The database behaves as designed here.
    Pass,
    /// Worth a look, but the database still enforces the design (verify succeeds).
    Warn,
    /// The database does not behave as designed (verify fails).
    Fail,
}

impl Status {
    /// The checklist mark: `✓`, `!` or `✗`.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Pass => "✓",
            Status::Warn => "!",
            Status::Fail => "✗",
        }
    }
}

/// The checks `dbkit verify` runs, in the order the checklist shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// The database enforces foreign keys: the storage engine of every table (MySQL/MariaDB),
    /// `PRAGMA foreign_keys` (SQLite), enabled foreign-key triggers (PostgreSQL).
    ForeignKeyEnforcement,
    /// The server enforces CHECK constraints.
    CheckEnforcement,
    /// Every foreign key, unique constraint and CHECK of `schema.toml` exists in the database.
    ConstraintsExist,
    /// No row references a row that does not exist.
    Orphans,
    /// No two rows share a value that `schema.toml` declares unique.
    Duplicates,
    /// One-to-one relationships hold at most one row per referenced row.
    OneToOne,
    /// How many rows each table holds.
    RowCounts,
    /// The differences between `schema.toml` and the database.
    Drift,
}

impl CheckKind {
    /// The heading of the check in the checklist.
    pub fn title(self) -> &'static str {
        match self {
            CheckKind::ForeignKeyEnforcement => "Foreign keys are enforced",
            CheckKind::CheckEnforcement => "CHECK constraints are enforced",
            CheckKind::ConstraintsExist => "The constraints of schema.toml exist",
            CheckKind::Orphans => "No orphan rows",
            CheckKind::Duplicates => "No duplicates where values must be unique",
            CheckKind::OneToOne => "One-to-one relationships are one-to-one",
            CheckKind::RowCounts => "Row counts",
            CheckKind::Drift => "No drift between schema.toml and the database",
        }
    }
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The check it belongs to.
    pub kind: CheckKind,
    /// How it came out.
    pub status: Status,
    /// What it is about: a table (`loans`), a constraint (`loans.fk_loans_member_id`), or
    /// `None` when it is about the whole database.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// What was found, in one line.
    pub message: String,
    /// Why it matters, for items that did not pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What to do about it, for items that did not pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// Evidence: sample rows, the list of differences, what a probe did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl Check {
    /// A passed item.
    pub(crate) fn pass(kind: CheckKind, message: impl Into<String>) -> Check {
        Check {
            kind,
            status: Status::Pass,
            subject: None,
            message: message.into(),
            reason: None,
            fix: None,
            details: Vec::new(),
        }
    }

    /// A failed item about `subject`.
    pub(crate) fn fail(
        kind: CheckKind,
        subject: impl Into<String>,
        message: impl Into<String>,
        reason: impl Into<String>,
        fix: impl Into<String>,
    ) -> Check {
        Check {
            kind,
            status: Status::Fail,
            subject: Some(subject.into()),
            message: message.into(),
            reason: Some(reason.into()),
            fix: Some(fix.into()),
            details: Vec::new(),
        }
    }

    /// A warning about `subject`.
    pub(crate) fn warn(
        kind: CheckKind,
        subject: impl Into<String>,
        message: impl Into<String>,
        reason: impl Into<String>,
        fix: impl Into<String>,
    ) -> Check {
        Check {
            status: Status::Warn,
            ..Check::fail(kind, subject, message, reason, fix)
        }
    }

    /// A failed item for a query that could not run, so the check could not be made.
    pub(crate) fn not_checked(
        kind: CheckKind,
        subject: impl Into<String>,
        what: &str,
        error: &str,
    ) -> Check {
        Check::fail(
            kind,
            subject,
            format!("could not check {what}"),
            error.to_string(),
            "make sure the user of the URL may read every table, then run dbkit verify again",
        )
    }

    /// The same item with `subject`.
    pub(crate) fn about(mut self, subject: impl Into<String>) -> Check {
        self.subject = Some(subject.into());
        self
    }

    /// The same item with evidence lines.
    pub(crate) fn with_details(mut self, details: Vec<String>) -> Check {
        self.details = details;
        self
    }
}

/// How many rows one table holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowCount {
    /// The table.
    pub table: String,
    /// Its rows.
    pub rows: u64,
    /// Whether `schema.toml` declares the table.
    pub in_schema: bool,
}

/// Everything `dbkit verify` found about one database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The database's URL, password masked.
    pub database: String,
    /// The server software and version, as in `MariaDB 10.11.6`.
    pub server: String,
    /// The checklist, in the order of [`CheckKind`].
    pub checks: Vec<Check>,
    /// The rows per table, in `schema.toml` order, then the tables it does not declare.
    pub row_counts: Vec<RowCount>,
}

impl Report {
    /// How many items failed.
    pub fn failures(&self) -> usize {
        self.count(Status::Fail)
    }

    /// How many items are warnings.
    pub fn warnings(&self) -> usize {
        self.count(Status::Warn)
    }

    /// Whether nothing failed, so that `dbkit verify` succeeds.
    pub fn passed(&self) -> bool {
        self.failures() == 0
    }

    fn count(&self, status: Status) -> usize {
        self.checks
            .iter()
            .filter(|check| check.status == status)
            .count()
    }
}

/// `1 table`, `2 tables`: a count with its noun.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
