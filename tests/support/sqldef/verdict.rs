//! What running one sqldef case found: it passed, it failed, or it is outside what dbkit
//! models, and why.

use dbkit_db::introspect::WarningKind;

/// Why a case is outside dbkit's model, in the order the reasons are checked and listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// The case is flagged for another server, flavor or version than the one under test.
    OtherServer,
    /// The case checks an error message of sqldef itself.
    ExpectsError,
    /// The case is about roles and privileges (`GRANT`, `REVOKE`, another user).
    Privileges,
    /// The server rejects the case's `current` or `desired` DDL.
    DoesNotApply,
    /// The pull warns about something the model cannot hold.
    Pulled(WarningKind),
}

impl Reason {
    /// The reason as the documentation's table names it.
    pub fn label(self) -> &'static str {
        match self {
            Reason::OtherServer => "flagged for another server, flavor or version",
            Reason::ExpectsError => "checks an error of sqldef itself",
            Reason::Privileges => "roles and privileges",
            Reason::DoesNotApply => "the server rejects the DDL",
            Reason::Pulled(kind) => match kind {
                WarningKind::View => "views",
                WarningKind::Trigger => "triggers",
                WarningKind::Routine => "functions and procedures",
                WarningKind::Event => "events",
                WarningKind::Sequence => "sequences of their own",
                WarningKind::UserType => "user-defined types (enum types, domains...)",
                WarningKind::Partition => "partitions",
                WarningKind::NativeType => "types the model does not know",
                WarningKind::Default => "defaults the model cannot hold",
                WarningKind::GeneratedColumn => "generated columns",
                WarningKind::Index => "indexes the model cannot hold",
                WarningKind::Constraint => "constraints the model cannot hold",
                WarningKind::TableOption => "table options the model cannot hold",
                WarningKind::Comment => "comments on indexes or constraints",
                WarningKind::OtherSchema => "objects in other schemas",
                WarningKind::Extension => "extensions",
                WarningKind::RowSecurity => "row-level security",
                WarningKind::Other => "other details the model cannot hold",
            },
        }
    }
}

/// The result of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The migrated database pulls as the desired one, and a re-diff is empty.
    Pass {
        /// How many changes the migration made (0 when `current` and `desired` are the same
        /// schema to the model).
        changes: usize,
        /// How many table and column renames the case annotates and the migration declared.
        renames: usize,
    },
    /// dbkit got it wrong: what differs, or what failed, with the migration script.
    Fail(String),
    /// Outside dbkit's model.
    OutOfScope {
        /// Why.
        reason: Reason,
        /// The details (the warning, the rejected statement...).
        detail: String,
    },
}
