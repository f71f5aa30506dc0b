//! Everything that can stop a migration command, with what the user can do about it.

use std::path::PathBuf;

use super::folder::Direction;
use crate::error::DbError;

/// Why a migration command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MigrateError {
    /// The migrations folder does not exist.
    #[error("there is no migrations folder at {}", path.display())]
    NoMigrationsFolder {
        /// The folder that was looked for.
        path: PathBuf,
    },

    /// A folder inside the migrations folder is not named like a migration.
    #[error("{} is not a migration folder: its name must be V<version>__<name>, as in V0001__create_tables", path.display())]
    NotAMigration {
        /// The folder.
        path: PathBuf,
    },

    /// Two migrations have the same version.
    #[error("two migrations have version {version}: {} and {}", first.display(), second.display())]
    DuplicateVersion {
        /// The version.
        version: u32,
        /// One folder.
        first: PathBuf,
        /// The other.
        second: PathBuf,
    },

    /// A version is missing from the sequence 1, 2, 3...
    #[error("the migrations skip version {missing}: the next one found is {}", next.display())]
    VersionGap {
        /// The first missing version.
        missing: u32,
        /// The migration found after the gap.
        next: PathBuf,
    },

    /// A migration has no script for the database's dialect.
    #[error("migration {migration} has no {dialect} script: {} does not exist", path.display())]
    MissingScript {
        /// The migration folder's name.
        migration: String,
        /// The dialect.
        dialect: String,
        /// The file that was looked for.
        path: PathBuf,
    },

    /// A file could not be read.
    #[error("cannot read {}: {message}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },

    /// A file could not be written.
    #[error("cannot write {}: {message}", path.display())]
    WriteFile {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        message: String,
    },

    /// A migration's `schema.toml` is not a valid schema.
    #[error("the schema state {} is not valid:\n{diagnostics}", path.display())]
    InvalidState {
        /// The file.
        path: PathBuf,
        /// The parser's report.
        diagnostics: String,
    },

    /// A migration name given to `migrate new` is not usable.
    #[error(
        "\"{name}\" cannot name a migration: use letters, digits and _ only, as in add_member_email"
    )]
    InvalidName {
        /// The name as given.
        name: String,
    },

    /// A `--to` version that no migration has.
    #[error("there is no migration with version {version} (the latest is {latest})")]
    UnknownVersion {
        /// The version asked for.
        version: u32,
        /// The latest version in the folder.
        latest: u32,
    },

    /// Connecting to or querying the database failed.
    #[error(transparent)]
    Database(Box<DbError>),

    /// A query dbkit runs for the migration machinery (history, lock, progress) failed.
    #[error("cannot {action} on {url}: {message}")]
    Bookkeeping {
        /// What dbkit was doing.
        action: String,
        /// The URL, password masked.
        url: String,
        /// The database's message.
        message: String,
    },

    /// Another runner held the migration lock for longer than the timeout.
    #[error(
        "another `dbkit migrate` is running on {url}: its lock was not released within {seconds} s"
    )]
    LockTimeout {
        /// The URL, password masked.
        url: String,
        /// How long dbkit waited.
        seconds: u64,
    },

    /// An applied migration's script was changed after it was applied.
    #[error(
        "migration {migration} was edited after it was applied to {url}: {} no longer matches the checksum recorded when it was applied ({applied_on})",
        path.display()
    )]
    Edited {
        /// The migration folder's name.
        migration: String,
        /// The script whose text changed.
        path: PathBuf,
        /// The URL, password masked.
        url: String,
        /// When it was applied.
        applied_on: String,
    },

    /// The database records a migration the folder does not have.
    #[error(
        "{url} has migration V{version}__{name} applied, but the migrations folder has no such migration"
    )]
    AppliedButMissing {
        /// The version.
        version: u32,
        /// Its name as recorded.
        name: String,
        /// The URL, password masked.
        url: String,
    },

    /// The applied migration with a version is not the one in the folder (another name).
    #[error(
        "{url} has V{version}__{applied_name} applied, but the migrations folder's version {version} is {folder_name}"
    )]
    Renamed {
        /// The version.
        version: u32,
        /// The name recorded in the database.
        applied_name: String,
        /// The folder's name.
        folder_name: String,
        /// The URL, password masked.
        url: String,
    },

    /// A statement failed on MySQL/MariaDB, where the statements before it stay applied.
    #[error(
        "migration {} ({}) failed at statement {number} of {count} on {url}: {message}\n  the statement starts with: {first_line}\n  {}",
        migration_of(path),
        direction.keyword(),
        applied_summary(*number)
    )]
    PartiallyApplied {
        /// Which way the migration ran.
        direction: Direction,
        /// The failed statement, from 1.
        number: usize,
        /// How many statements the script has.
        count: usize,
        /// Its first line.
        first_line: String,
        /// The database's message.
        message: String,
        /// The URL, password masked.
        url: String,
        /// The script (`<migration>/<dialect>/up.sql`).
        path: PathBuf,
    },

    /// A migration failed where the whole migration runs in one transaction: nothing was applied.
    #[error(
        "migration {migration} ({}) failed on {url}{}, and was rolled back: nothing of it was applied: {message}",
        direction.keyword(),
        statement.as_ref().map(|(number, count, line)| format!(" at statement {number} of {count} ({line})")).unwrap_or_default()
    )]
    RolledBack {
        /// The migration folder's name.
        migration: String,
        /// Which way the migration ran.
        direction: Direction,
        /// The failed statement (from 1), the count and its first line, when known.
        statement: Option<(usize, usize, String)>,
        /// The database's message.
        message: String,
        /// The URL, password masked.
        url: String,
    },

    /// The connection to the server was lost while a migration ran.
    #[error(
        "lost the connection to {url} during statement {number} of {count} of migration {migration} ({}): {message}",
        direction.keyword()
    )]
    ConnectionLost {
        /// The migration folder's name.
        migration: String,
        /// Which way the migration ran.
        direction: Direction,
        /// The statement that was running, from 1.
        number: usize,
        /// How many statements the script has.
        count: usize,
        /// The driver's message.
        message: String,
        /// The URL, password masked.
        url: String,
        /// Whether the database can roll the migration back (PostgreSQL, SQLite).
        transactional: bool,
    },

    /// A rebuilt SQLite table left rows whose foreign keys point nowhere.
    #[error(
        "migration {migration} would leave rows whose foreign keys point nowhere on {url}, so it was rolled back: {violations}"
    )]
    ForeignKeyViolations {
        /// The migration folder's name.
        migration: String,
        /// The URL, password masked.
        url: String,
        /// The violations, as `table (row id) -> parent`.
        violations: String,
    },

    /// A migration that was half applied on MySQL/MariaDB was edited in the part that already ran.
    #[error(
        "migration {migration} stopped at statement {number} on {url}, but statements 1 to {done} of {} were edited since they ran",
        path.display()
    )]
    ResumeEdited {
        /// The migration folder's name.
        migration: String,
        /// The statement the migration stopped at, from 1.
        number: usize,
        /// How many statements had run.
        done: usize,
        /// The script.
        path: PathBuf,
        /// The URL, password masked.
        url: String,
    },

    /// A half-applied migration blocks the command asked for.
    #[error(
        "migration {migration} ({direction}) stopped at statement {number} of {count} on {url} ({status}); finish it first"
    )]
    Unfinished {
        /// The migration folder's name (or the recorded name).
        migration: String,
        /// The direction it was running in.
        direction: String,
        /// The statement it stopped at, from 1.
        number: usize,
        /// How many statements it has.
        count: usize,
        /// `failed: <message>` or `interrupted`.
        status: String,
        /// The URL, password masked.
        url: String,
    },

    /// The live schema is not what the applied migrations lead to.
    #[error(
        "the schema of {url} differs from what migrations 1 to {version} lead to (drift), so nothing was applied:\n{}",
        differences.iter().map(|line| format!("  - {line}")).collect::<Vec<_>>().join("\n")
    )]
    Drift {
        /// The URL, password masked.
        url: String,
        /// The last applied version (0 when none).
        version: u32,
        /// The differences, from the migrations' state to the live database.
        differences: Vec<String>,
    },

    /// `migrate new` found changes that can lose data.
    #[error(
        "the changes can lose data, so no migration was written:\n{}",
        changes.iter().map(|line| format!("  - {line}")).collect::<Vec<_>>().join("\n")
    )]
    Destructive {
        /// Each destructive change with what is at risk.
        changes: Vec<String>,
    },

    /// A dialect cannot write a change.
    #[error("cannot write the {dialect} migration: {message}")]
    Render {
        /// The dialect.
        dialect: String,
        /// What it could not render.
        message: String,
    },

    /// `migrate baseline` on a database whose schema is not the one the migrations lead to.
    #[error(
        "{url} cannot be baselined at version {version}: its schema differs from what the migrations lead to:\n{}",
        differences.iter().map(|line| format!("  - {line}")).collect::<Vec<_>>().join("\n")
    )]
    BaselineMismatch {
        /// The URL, password masked.
        url: String,
        /// The version asked for.
        version: u32,
        /// The differences.
        differences: Vec<String>,
    },

    /// `migrate baseline` on a database that already has migrations applied.
    #[error(
        "{url} already has migrations applied (up to version {version}); baseline is for databases without any"
    )]
    AlreadyBaselined {
        /// The URL, password masked.
        url: String,
        /// The last applied version.
        version: u32,
    },

    /// `migrate repair` found nothing to repair.
    #[error("{url} has no unfinished migration to repair")]
    NothingToRepair {
        /// The URL, password masked.
        url: String,
    },

    /// The history table holds a row dbkit cannot read.
    #[error("the migration history of {url} has a row dbkit cannot read: {message}")]
    CorruptHistory {
        /// The URL, password masked.
        url: String,
        /// What is wrong.
        message: String,
    },

    /// The live schema could not be compared (introspection failed).
    #[error("cannot check {url} for drift: {message}")]
    DriftCheck {
        /// The URL, password masked.
        url: String,
        /// Why.
        message: String,
    },
}

/// The migration folder's name from the path of one of its scripts.
fn migration_of(script: &std::path::Path) -> String {
    script
        .parent()
        .and_then(std::path::Path::parent)
        .and_then(std::path::Path::file_name)
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_else(|| script.display().to_string())
}

impl From<DbError> for MigrateError {
    fn from(error: DbError) -> MigrateError {
        MigrateError::Database(Box::new(error))
    }
}

fn applied_summary(number: usize) -> String {
    match number {
        1 => "no statement of it had been applied".to_string(),
        2 => "statement 1 was applied and stays applied (MySQL/MariaDB commit each DDL statement at once)".to_string(),
        _ => format!(
            "statements 1 to {} were applied and stay applied (MySQL/MariaDB commit each DDL statement at once)",
            number - 1
        ),
    }
}

impl MigrateError {
    /// What the user can do about the error.
    pub fn help(&self) -> Option<String> {
        Some(match self {
            MigrateError::NoMigrationsFolder { .. } => {
                "create the first migration with `dbkit migrate new NAME`, or pass the folder with --migrations".to_string()
            }
            MigrateError::NotAMigration { .. } => {
                "rename the folder, or move it out of the migrations folder".to_string()
            }
            MigrateError::DuplicateVersion { .. } => {
                "two branches each added a migration: renumber the newer one to the next free version \
                 (rename its folder) and check that its SQL still applies after the other"
                    .to_string()
            }
            MigrateError::VersionGap { missing, .. } => format!(
                "restore the migration with version {missing} (from version control), or renumber the ones after it"
            ),
            MigrateError::MissingScript { dialect, .. } => format!(
                "the migration was written for other dialects; add {dialect} to [project] dialects in schema.toml \
                 before `dbkit migrate new`, or write the script by hand"
            ),
            MigrateError::Edited { path, .. } => format!(
                "restore {} as it was when it was applied (for example with `git restore`), and put the change \
                 in a new migration with `dbkit migrate new`",
                path.display()
            ),
            MigrateError::AppliedButMissing { .. } | MigrateError::Renamed { .. } => {
                "restore the migration folder from version control; migrations that were applied must stay".to_string()
            }
            MigrateError::PartiallyApplied { path, number, .. } => format!(
                "fix statement {number} in {} (leave the statements before it as they are) and run \
                 `dbkit migrate up` again: it resumes at statement {number}. If you ran the statement by hand, \
                 `dbkit migrate repair --skip-statement` records it as done; `dbkit migrate status` shows the state",
                path.display()
            ),
            MigrateError::RolledBack { .. } => {
                "fix the migration's script and run the command again".to_string()
            }
            MigrateError::ConnectionLost { transactional: true, .. } => {
                "the database rolls the unfinished migration back; run the command again once the server answers".to_string()
            }
            MigrateError::ConnectionLost { .. } => {
                "run `dbkit migrate status` once the server answers: it shows where the migration stopped, and \
                 `dbkit migrate up` resumes it there"
                    .to_string()
            }
            MigrateError::ForeignKeyViolations { .. } => {
                "fix the rows (or the migration) so that every foreign key points to an existing row, then run it again".to_string()
            }
            MigrateError::ResumeEdited { done, .. } => format!(
                "restore statements 1 to {done} as they were when they ran; only the failed statement and the ones \
                 after it may change"
            ),
            MigrateError::Unfinished { direction, .. } => format!(
                "run `dbkit migrate {direction}` to resume it, or `dbkit migrate repair` (see docs/migrations.md)"
            ),
            MigrateError::Drift { .. } => {
                "someone changed the database outside the migrations: undo that change, or record it in schema.toml \
                 and a migration; `dbkit diff` shows the details"
                    .to_string()
            }
            MigrateError::Destructive { .. } => {
                "check that the data may go, then run `dbkit migrate new` again with --allow-destructive; for a \
                 rename, declare renamed_from = \"old_name\" instead"
                    .to_string()
            }
            MigrateError::LockTimeout { .. } => {
                "wait for the other run to finish; `dbkit migrate status` shows what it did".to_string()
            }
            MigrateError::BaselineMismatch { .. } => {
                "baseline only adopts a database whose schema matches; migrate it by hand first, or baseline at \
                 the version it matches with --to"
                    .to_string()
            }
            MigrateError::UnknownVersion { .. } => "`dbkit migrate status` lists the versions".to_string(),
            MigrateError::Database(error) => return error.help(),
            _ => return None,
        })
    }
}
