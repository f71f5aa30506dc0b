//! `dbkit migrate status`: applied, pending, failed and edited migrations, and drift.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use super::drift;
use super::driver::Driver;
use super::error::MigrateError;
use super::folder::{Direction, MigrationFolder};
use super::history::{self, AppliedMigration};
use super::lock::mysql_lock_name;
use super::progress::{self, Progress};
use super::run::{current_version, verify_applied};
use crate::url::DatabaseUrl;

/// The state of every migration on one database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    /// The database, password masked.
    pub url: String,
    /// The dialect whose scripts apply to it.
    pub dialect: String,
    /// Every migration of the folder, and any the database has that the folder lacks.
    pub migrations: Vec<MigrationStatus>,
    /// The differences between the live schema and the state of the last applied migration;
    /// `None` when they could not be compared (an unfinished or edited migration).
    pub drift: Option<Vec<String>>,
}

/// One migration's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// The version.
    pub version: u32,
    /// The name.
    pub name: String,
    /// Where it stands.
    pub state: MigrationState,
}

/// Where a migration stands on the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MigrationState {
    /// Applied, as recorded on this date.
    Applied {
        /// When (RFC 3339).
        applied_on: String,
    },
    /// Applied, but its script changed since.
    Edited {
        /// When it was applied.
        applied_on: String,
    },
    /// Not applied.
    Pending,
    /// Stopped at a statement that failed (MySQL/MariaDB), with the database's message.
    Failed {
        /// `up` or `down`.
        direction: String,
        /// The statement, from 1.
        statement: usize,
        /// How many statements the script has.
        count: usize,
        /// The database's message.
        message: String,
    },
    /// Stopped because its runner died during a statement (MySQL/MariaDB).
    Interrupted {
        /// `up` or `down`.
        direction: String,
        /// The statement, from 1.
        statement: usize,
        /// How many statements the script has.
        count: usize,
    },
    /// Running right now, in another process (MySQL/MariaDB).
    Running {
        /// `up` or `down`.
        direction: String,
        /// The statement, from 1.
        statement: usize,
        /// How many statements the script has.
        count: usize,
    },
    /// Recorded as applied, but not in the migrations folder.
    MissingFromFolder,
}

impl StatusReport {
    /// Whether every migration is applied, none edited or unfinished, and there is no drift.
    pub fn is_clean(&self) -> bool {
        self.migrations
            .iter()
            .all(|migration| matches!(migration.state, MigrationState::Applied { .. }))
            && self.drift.as_ref().is_some_and(Vec::is_empty)
    }

    /// The last applied version (0 for none).
    pub fn current_version(&self) -> u32 {
        self.migrations
            .iter()
            .filter(|migration| {
                matches!(
                    migration.state,
                    MigrationState::Applied { .. } | MigrationState::Edited { .. }
                )
            })
            .map(|migration| migration.version)
            .max()
            .unwrap_or(0)
    }
}

impl fmt::Display for StatusReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} ({} scripts), at version {}",
            self.url,
            self.dialect,
            self.current_version()
        )?;
        for migration in &self.migrations {
            let state = match &migration.state {
                MigrationState::Applied { applied_on } => format!("applied {applied_on}"),
                MigrationState::Edited { applied_on } => {
                    format!("EDITED after it was applied {applied_on}: restore its up.sql")
                }
                MigrationState::Pending => "pending".to_string(),
                MigrationState::Failed {
                    direction,
                    statement,
                    count,
                    message,
                } => format!(
                    "FAILED ({direction}) at statement {statement} of {count}: {message} \
                     (fix it and run `dbkit migrate {direction}` to resume there)"
                ),
                MigrationState::Interrupted {
                    direction,
                    statement,
                    count,
                } => format!(
                    "INTERRUPTED ({direction}) during statement {statement} of {count} \
                     (run `dbkit migrate {direction}` to resume there)"
                ),
                MigrationState::Running {
                    direction,
                    statement,
                    count,
                } => format!(
                    "running ({direction}) in another process: statement {statement} of {count}"
                ),
                MigrationState::MissingFromFolder => {
                    "applied, but MISSING from the migrations folder".to_string()
                }
            };
            writeln!(
                f,
                "  V{:04}__{:<32} {state}",
                migration.version, migration.name
            )?;
        }
        match &self.drift {
            Some(differences) if differences.is_empty() => write!(f, "drift: none"),
            Some(differences) => {
                write!(
                    f,
                    "drift: the live schema differs from the migrations' state:"
                )?;
                for line in differences {
                    write!(f, "\n  - {line}")?;
                }
                Ok(())
            }
            None => write!(
                f,
                "drift: not checked while a migration is unfinished or edited"
            ),
        }
    }
}

/// Reports the state of every migration of the folder `migrations` on the database `url`.
/// Reads only: it creates no table and takes no lock.
pub fn status(url: &DatabaseUrl, migrations: &Path) -> Result<StatusReport, MigrateError> {
    let folder = MigrationFolder::load(migrations)?;
    let dialect = url.backend().dialect_name();
    let mut driver = Driver::open(url, Duration::from_secs(5))?;
    let password = url.password();
    let bookkeeping = |action: &str, message: String| MigrateError::Bookkeeping {
        action: action.to_string(),
        url: url.to_string(),
        message,
    };
    let applied: Vec<AppliedMigration> = if history::table_exists(&mut driver, password)
        .map_err(|error| bookkeeping("read the migration history", error.message))?
    {
        history::read(&mut driver, password)
            .map_err(|error| bookkeeping("read the migration history", error.message))?
            .map_err(|message| MigrateError::CorruptHistory {
                url: url.to_string(),
                message,
            })?
    } else {
        Vec::new()
    };
    let (unfinished, running) = read_progress(&mut driver, url)?;
    let mut migrations = Vec::new();
    let mut comparable = unfinished.is_none();
    for migration in &folder.migrations {
        let record = applied
            .iter()
            .find(|record| record.version == migration.version);
        let state = match (record, &unfinished) {
            (_, Some(progress)) if progress.version == migration.version => {
                progress_state(progress, running)
            }
            (Some(record), _) => {
                let edited = verify_applied(
                    &folder,
                    std::slice::from_ref(record),
                    dialect,
                    &url.to_string(),
                )
                .is_err();
                if edited {
                    comparable = false;
                    MigrationState::Edited {
                        applied_on: record.applied_on.clone(),
                    }
                } else {
                    MigrationState::Applied {
                        applied_on: record.applied_on.clone(),
                    }
                }
            }
            (None, _) => MigrationState::Pending,
        };
        migrations.push(MigrationStatus {
            version: migration.version,
            name: migration.name.clone(),
            state,
        });
    }
    for record in &applied {
        if folder.get(record.version).is_none() {
            comparable = false;
            migrations.push(MigrationStatus {
                version: record.version,
                name: record.name.clone(),
                state: MigrationState::MissingFromFolder,
            });
        }
    }
    migrations.sort_by_key(|migration| migration.version);
    let drift = if comparable {
        let expected = folder.state_at(current_version(&applied))?;
        Some(drift::differences(&mut driver, url, &expected)?)
    } else {
        None
    };
    Ok(StatusReport {
        url: url.to_string(),
        dialect: dialect.to_string(),
        migrations,
        drift,
    })
}

/// The unfinished migration (MySQL/MariaDB) and whether a runner holds the lock right now.
fn read_progress(
    driver: &mut Driver,
    url: &DatabaseUrl,
) -> Result<(Option<Progress>, bool), MigrateError> {
    let password = url.password();
    let Driver::Mysql(connection) = driver else {
        return Ok((None, false));
    };
    let failed = |message: String| MigrateError::Bookkeeping {
        action: "read the migration progress".to_string(),
        url: url.to_string(),
        message,
    };
    if !progress::table_exists(connection, password).map_err(|error| failed(error.message))? {
        return Ok((None, false));
    }
    let unfinished = progress::read(connection, password).map_err(|error| failed(error.message))?;
    let name = mysql_lock_name(&url.database_name().unwrap_or_default());
    let holder = driver
        .query(&format!("SELECT IS_USED_LOCK('{name}')"), password)
        .map_err(|error| failed(error.message))?;
    let running = holder
        .first()
        .and_then(|row| row.first())
        .is_some_and(Option::is_some);
    Ok((unfinished, running))
}

fn progress_state(progress: &Progress, running: bool) -> MigrationState {
    let direction = progress.direction.clone();
    let statement = progress.next_statement + 1;
    let count = progress.statement_count;
    if progress.failed() {
        MigrationState::Failed {
            direction,
            statement,
            count,
            message: progress.error.clone().unwrap_or_default(),
        }
    } else if running {
        MigrationState::Running {
            direction,
            statement,
            count,
        }
    } else {
        MigrationState::Interrupted {
            direction,
            statement,
            count,
        }
    }
}

/// Which way an unfinished migration ran, from the progress table's spelling.
pub(super) fn direction_of(keyword: &str) -> Direction {
    if keyword == "down" {
        Direction::Down
    } else {
        Direction::Up
    }
}
