//! `dbkit migrate new`: the next migration, from the differences between the last migration's
//! state and `schema.toml`.

use std::fmt;
use std::path::{Path, PathBuf};

use dbkit_model::{Schema, diff};
use dbkit_sdk::Dialect;

use super::changes::{describe, destructive_changes};
use super::error::MigrateError;
use super::folder::{
    Direction, MigrationFolder, STATE_FILE, empty_schema, folder_name, is_migration_name,
    write_migration,
};
use super::render::render_scripts;

/// What `migrate new` is asked to write.
pub struct NewMigration<'a> {
    /// The migration's name: letters, digits and `_`.
    pub name: &'a str,
    /// The schema `schema.toml` describes now.
    pub schema: &'a Schema,
    /// The text of `schema.toml`, kept in the migration as the state it leads to.
    pub schema_source: &'a str,
    /// The migrations folder (created when missing).
    pub migrations: &'a Path,
    /// The dialects the project targets: one `up.sql` and `down.sql` each.
    pub dialects: &'a [&'a dyn Dialect],
    /// Whether changes that can lose data are allowed.
    pub allow_destructive: bool,
}

/// What `migrate new` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewOutcome {
    /// `schema.toml` has no change since the last migration: nothing was written.
    Unchanged {
        /// The last migration's version (0 when there is none).
        version: u32,
    },
    /// A migration was written.
    Written(WrittenMigration),
}

/// A migration `migrate new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenMigration {
    /// Its version.
    pub version: u32,
    /// Its name.
    pub name: String,
    /// Its folder.
    pub path: PathBuf,
    /// The changes it makes, one line each.
    pub changes: Vec<String>,
    /// The changes that can lose data, with what is at risk (allowed with `--allow-destructive`).
    pub destructive: Vec<String>,
}

impl fmt::Display for NewOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NewOutcome::Unchanged { version: 0 } => {
                write!(
                    f,
                    "schema.toml has no tables to migrate: no migration was written"
                )
            }
            NewOutcome::Unchanged { version } => write!(
                f,
                "schema.toml has no changes since migration {version}: no migration was written"
            ),
            NewOutcome::Written(migration) => {
                writeln!(f, "wrote {}", migration.path.display())?;
                for line in &migration.changes {
                    writeln!(f, "  {line}")?;
                }
                for risk in &migration.destructive {
                    writeln!(f, "  destructive (allowed): {risk}")?;
                }
                write!(f, "review its SQL, then run `dbkit migrate up`")
            }
        }
    }
}

/// Writes the next migration for the changes from the last migration's state (or from nothing)
/// to `request.schema`; writes nothing when there is no change, and refuses changes that can
/// lose data unless they are allowed. The folder is written atomically.
pub fn new_migration(request: &NewMigration<'_>) -> Result<NewOutcome, MigrateError> {
    if !is_migration_name(request.name) {
        return Err(MigrateError::InvalidName {
            name: request.name.to_string(),
        });
    }
    let folder = MigrationFolder::load_or_empty(request.migrations)?;
    let previous = match folder.latest() {
        Some(migration) => migration.state()?,
        None => empty_schema(),
    };
    let changes = diff(&previous, request.schema);
    if changes.is_empty() {
        return Ok(NewOutcome::Unchanged {
            version: folder.latest().map_or(0, |migration| migration.version),
        });
    }
    let destructive = destructive_changes(&changes);
    if !destructive.is_empty() && !request.allow_destructive {
        return Err(MigrateError::Destructive {
            changes: destructive,
        });
    }
    let version = folder.next_version();
    let title = folder_name(version, request.name);
    let mut files = vec![(PathBuf::from(STATE_FILE), request.schema_source.to_string())];
    for dialect in request.dialects {
        let scripts = render_scripts(&title, &changes, &previous, request.schema, *dialect)?;
        let name = dialect.info().name;
        files.push((
            PathBuf::from(&name).join(Direction::Up.file_name()),
            scripts.up,
        ));
        files.push((
            PathBuf::from(&name).join(Direction::Down.file_name()),
            scripts.down,
        ));
    }
    let path = write_migration(request.migrations, version, request.name, &files)?;
    Ok(NewOutcome::Written(WrittenMigration {
        version,
        name: request.name.to_string(),
        path,
        changes: describe(&changes),
        destructive,
    }))
}
