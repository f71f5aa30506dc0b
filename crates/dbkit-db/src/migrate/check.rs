//! `dbkit migrate check`, for CI: does the migrations folder hold every change of `schema.toml`,
//! and (given a database) is every applied migration unchanged?

use std::fmt;
use std::path::Path;
use std::time::Duration;

use dbkit_model::Schema;

use super::changes::describe_differences;
use super::driver::Driver;
use super::error::MigrateError;
use super::folder::{MigrationFolder, empty_schema};
use super::history;
use super::run::verify_applied;
use crate::url::DatabaseUrl;

/// What `check` found. Clean when every list is empty.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckReport {
    /// Changes in `schema.toml` that no migration holds yet.
    pub unrecorded_changes: Vec<String>,
    /// Migrations without scripts for a dialect the project targets.
    pub missing_scripts: Vec<String>,
    /// Applied migrations that were edited or are missing from the folder (with a database).
    pub applied_problems: Vec<String>,
}

impl CheckReport {
    /// Whether nothing is wrong.
    pub fn is_clean(&self) -> bool {
        self.unrecorded_changes.is_empty()
            && self.missing_scripts.is_empty()
            && self.applied_problems.is_empty()
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_clean() {
            return write!(f, "the migrations hold every change of schema.toml");
        }
        let mut sections = Vec::new();
        if !self.unrecorded_changes.is_empty() {
            sections.push(format!(
                "schema.toml has changes that no migration holds (run `dbkit migrate new NAME`):\n{}",
                bullets(&self.unrecorded_changes)
            ));
        }
        if !self.missing_scripts.is_empty() {
            sections.push(format!(
                "migrations without a script for a targeted dialect:\n{}",
                bullets(&self.missing_scripts)
            ));
        }
        if !self.applied_problems.is_empty() {
            sections.push(format!(
                "applied migrations that changed:\n{}",
                bullets(&self.applied_problems)
            ));
        }
        write!(f, "{}", sections.join("\n"))
    }
}

fn bullets(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| format!("  - {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks the folder `migrations` against `schema` (the project's `schema.toml`) and the
/// dialects it targets, and, given `url`, against the migrations applied there. Fails on a
/// folder it cannot read (a gap in versions, say); otherwise reports what it found.
pub fn check(
    schema: &Schema,
    migrations: &Path,
    dialects: &[&str],
    url: Option<&DatabaseUrl>,
) -> Result<CheckReport, MigrateError> {
    let folder = MigrationFolder::load(migrations)?;
    let state = match folder.latest() {
        Some(migration) => migration.state()?,
        None => empty_schema(),
    };
    let mut report = CheckReport {
        unrecorded_changes: describe_differences(&state, schema),
        ..CheckReport::default()
    };
    for migration in &folder.migrations {
        for dialect in dialects {
            if !migration.has_dialect(dialect) {
                report.missing_scripts.push(format!(
                    "{} has no {dialect}/up.sql",
                    migration.folder_name()
                ));
            }
        }
    }
    if let Some(url) = url {
        let mut driver = Driver::open(url, Duration::from_secs(5))?;
        let password = url.password();
        let failed = |message: String| MigrateError::Bookkeeping {
            action: "read the migration history".to_string(),
            url: url.to_string(),
            message,
        };
        if history::table_exists(&mut driver, password).map_err(|error| failed(error.message))? {
            let applied = history::read(&mut driver, password)
                .map_err(|error| failed(error.message))?
                .map_err(|message| MigrateError::CorruptHistory {
                    url: url.to_string(),
                    message,
                })?;
            for record in &applied {
                match verify_applied(
                    &folder,
                    std::slice::from_ref(record),
                    url.backend().dialect_name(),
                    &url.to_string(),
                ) {
                    Ok(()) => {}
                    Err(
                        error @ (MigrateError::Edited { .. }
                        | MigrateError::AppliedButMissing { .. }
                        | MigrateError::Renamed { .. }
                        | MigrateError::MissingScript { .. }),
                    ) => report.applied_problems.push(error.to_string()),
                    Err(other) => return Err(other),
                }
            }
        }
    }
    Ok(report)
}
