//! The migrations folder: one folder per migration, read, checked and written.
//!
//! ```text
//! migrations/
//!   V0001__create_library/
//!     schema.toml          the schema this migration leads to
//!     mysql/up.sql         applies it on MySQL/MariaDB
//!     mysql/down.sql       undoes it
//!     postgres/up.sql ...  one folder per dialect the project targets
//! ```
//!
//! Versions count from 1 without gaps; the name is letters, digits and `_`. Hidden entries
//! (a leftover `.V0002__x.partial` of an interrupted write) and plain files such as a README are
//! ignored; any other folder is an error, so that a misnamed migration is never skipped.

use std::fs;
use std::path::{Path, PathBuf};

use dbkit_model::{ParseOptions, Schema, parse_schema};

use super::checksum::normalize_script;
use super::error::MigrateError;
use super::split::{SqlFlavor, split_statements};

/// The file in each migration folder that holds the schema the migration leads to.
pub const STATE_FILE: &str = "schema.toml";

/// Which way a migration runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Applies the migration (`up.sql`).
    Up,
    /// Undoes it (`down.sql`).
    Down,
}

impl Direction {
    /// The script's file name: `up.sql` or `down.sql`.
    pub fn file_name(self) -> &'static str {
        match self {
            Direction::Up => "up.sql",
            Direction::Down => "down.sql",
        }
    }

    /// `up` or `down`, as stored in the progress table.
    pub fn keyword(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// Every migration of a project, in version order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationFolder {
    /// The migrations folder.
    pub path: PathBuf,
    /// The migrations, versions 1, 2, 3... without gaps.
    pub migrations: Vec<MigrationDir>,
}

/// One migration's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationDir {
    /// The version, counted from 1.
    pub version: u32,
    /// The name after `__`.
    pub name: String,
    /// The folder.
    pub path: PathBuf,
}

/// A migration script, normalised (see [`super::checksum`]) and split into statements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationScript {
    /// The file.
    pub path: PathBuf,
    /// The normalised text, which is what runs and what the checksum covers.
    pub text: String,
    /// The statements, in order, without their semicolons.
    pub statements: Vec<String>,
}

impl MigrationFolder {
    /// Reads the migrations folder at `path`; it must exist.
    pub fn load(path: &Path) -> Result<MigrationFolder, MigrateError> {
        if !path.is_dir() {
            return Err(MigrateError::NoMigrationsFolder {
                path: path.to_path_buf(),
            });
        }
        Self::read(path)
    }

    /// Reads the migrations folder at `path`, or an empty list when it does not exist yet.
    pub fn load_or_empty(path: &Path) -> Result<MigrationFolder, MigrateError> {
        if !path.exists() {
            return Ok(MigrationFolder {
                path: path.to_path_buf(),
                migrations: Vec::new(),
            });
        }
        Self::read(path)
    }

    fn read(path: &Path) -> Result<MigrationFolder, MigrateError> {
        let io_error = |error: std::io::Error| MigrateError::ReadFile {
            path: path.to_path_buf(),
            message: error.to_string(),
        };
        let mut migrations = Vec::new();
        for entry in fs::read_dir(path).map_err(io_error)? {
            let entry = entry.map_err(io_error)?;
            let entry_path = entry.path();
            let file_name = entry.file_name().to_string_lossy().to_string();
            if file_name.starts_with('.') || !entry_path.is_dir() {
                continue;
            }
            let Some((version, name)) = parse_folder_name(&file_name) else {
                return Err(MigrateError::NotAMigration { path: entry_path });
            };
            migrations.push(MigrationDir {
                version,
                name,
                path: entry_path,
            });
        }
        migrations.sort_by(|left, right| {
            left.version
                .cmp(&right.version)
                .then(left.path.cmp(&right.path))
        });
        for pair in migrations.windows(2) {
            if pair[0].version == pair[1].version {
                return Err(MigrateError::DuplicateVersion {
                    version: pair[0].version,
                    first: pair[0].path.clone(),
                    second: pair[1].path.clone(),
                });
            }
        }
        for (position, migration) in migrations.iter().enumerate() {
            let expected = position as u32 + 1;
            if migration.version != expected {
                return Err(MigrateError::VersionGap {
                    missing: expected,
                    next: migration.path.clone(),
                });
            }
        }
        Ok(MigrationFolder {
            path: path.to_path_buf(),
            migrations,
        })
    }

    /// The last migration, if any.
    pub fn latest(&self) -> Option<&MigrationDir> {
        self.migrations.last()
    }

    /// The migration with this version.
    pub fn get(&self, version: u32) -> Option<&MigrationDir> {
        self.migrations
            .iter()
            .find(|migration| migration.version == version)
    }

    /// The version after the last one.
    pub fn next_version(&self) -> u32 {
        self.latest().map_or(1, |migration| migration.version + 1)
    }

    /// Checks that `version` names a migration (or is 0, before the first one).
    pub fn check_target(&self, version: u32) -> Result<(), MigrateError> {
        if version == 0 || self.get(version).is_some() {
            Ok(())
        } else {
            Err(MigrateError::UnknownVersion {
                version,
                latest: self.latest().map_or(0, |migration| migration.version),
            })
        }
    }

    /// The schema the migrations lead to up to `version` included: the state of that migration,
    /// or an empty schema for version 0.
    pub fn state_at(&self, version: u32) -> Result<Schema, MigrateError> {
        match self.get(version) {
            Some(migration) => migration.state(),
            None => Ok(empty_schema()),
        }
    }
}

impl MigrationDir {
    /// The folder's name, `V0003__add_email`.
    pub fn folder_name(&self) -> String {
        self.path
            .file_name()
            .map(|name| name.to_string_lossy().to_string())
            .unwrap_or_else(|| format!("V{}__{}", self.version, self.name))
    }

    /// Whether the migration has scripts for `dialect`.
    pub fn has_dialect(&self, dialect: &str) -> bool {
        self.path
            .join(dialect)
            .join(Direction::Up.file_name())
            .is_file()
    }

    /// The dialects the migration has scripts for, sorted.
    pub fn dialects(&self) -> Vec<String> {
        let mut dialects: Vec<String> = fs::read_dir(&self.path)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().join(Direction::Up.file_name()).is_file())
            .map(|entry| entry.file_name().to_string_lossy().to_string())
            .collect();
        dialects.sort();
        dialects
    }

    /// The script that runs this migration `direction` on `dialect`.
    pub fn script(
        &self,
        dialect: &str,
        direction: Direction,
    ) -> Result<MigrationScript, MigrateError> {
        let path = self.path.join(dialect).join(direction.file_name());
        if !path.is_file() {
            return Err(MigrateError::MissingScript {
                migration: self.folder_name(),
                dialect: dialect.to_string(),
                path,
            });
        }
        let raw = fs::read_to_string(&path).map_err(|error| MigrateError::ReadFile {
            path: path.clone(),
            message: error.to_string(),
        })?;
        let text = normalize_script(&raw);
        let statements = split_statements(&text, SqlFlavor::of_dialect(dialect));
        Ok(MigrationScript {
            path,
            text,
            statements,
        })
    }

    /// The text of the migration's `schema.toml`.
    pub fn state_source(&self) -> Result<String, MigrateError> {
        let path = self.path.join(STATE_FILE);
        fs::read_to_string(&path).map_err(|error| MigrateError::ReadFile {
            path,
            message: error.to_string(),
        })
    }

    /// The schema this migration leads to.
    pub fn state(&self) -> Result<Schema, MigrateError> {
        let source = self.state_source()?;
        let path = self.path.join(STATE_FILE);
        parse_schema(
            &source,
            &path.display().to_string(),
            &ParseOptions::default(),
        )
        .map_err(|diagnostics| MigrateError::InvalidState {
            path,
            diagnostics: diagnostics.to_string(),
        })
    }
}

/// A schema without tables: the state before the first migration.
pub fn empty_schema() -> Schema {
    Schema {
        project: dbkit_model::Project {
            name: String::new(),
            dialects: Vec::new(),
            plugins: Vec::new(),
            auto_index_foreign_keys: true,
        },
        tables: Vec::new(),
        lint: Default::default(),
        seed: Default::default(),
    }
}

/// Reads `V<digits>__<name>` into the version and name.
pub fn parse_folder_name(folder: &str) -> Option<(u32, String)> {
    let rest = folder.strip_prefix('V')?;
    let (digits, name) = rest.split_once("__")?;
    if digits.is_empty()
        || !digits.bytes().all(|byte| byte.is_ascii_digit())
        || !is_migration_name(name)
    {
        return None;
    }
    let version: u32 = digits.parse().ok()?;
    (version >= 1 && version <= i32::MAX as u32).then(|| (version, name.to_string()))
}

/// Whether `name` may name a migration: ASCII letters, digits and `_`, not empty.
pub fn is_migration_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
}

/// The folder name of a new migration: `V0003__add_email`.
pub fn folder_name(version: u32, name: &str) -> String {
    format!("V{version:04}__{name}")
}

/// Writes a new migration folder atomically: every file goes into a hidden temporary folder,
/// which is renamed into place once complete. Nothing is left behind on failure.
pub fn write_migration(
    migrations: &Path,
    version: u32,
    name: &str,
    files: &[(PathBuf, String)],
) -> Result<PathBuf, MigrateError> {
    let final_path = migrations.join(folder_name(version, name));
    if final_path.exists() {
        return Err(MigrateError::WriteFile {
            path: final_path,
            message: "a migration folder with this name already exists".to_string(),
        });
    }
    let write_error = |path: &Path, error: std::io::Error| MigrateError::WriteFile {
        path: path.to_path_buf(),
        message: error.to_string(),
    };
    fs::create_dir_all(migrations).map_err(|error| write_error(migrations, error))?;
    let temporary = migrations.join(format!(
        ".{}.partial-{}",
        folder_name(version, name),
        std::process::id()
    ));
    if temporary.exists() {
        fs::remove_dir_all(&temporary).map_err(|error| write_error(&temporary, error))?;
    }
    let written = (|| {
        for (relative, contents) in files {
            let path = temporary.join(relative);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|error| write_error(parent, error))?;
            }
            fs::write(&path, contents).map_err(|error| write_error(&path, error))?;
        }
        fs::rename(&temporary, &final_path).map_err(|error| write_error(&final_path, error))
    })();
    if let Err(error) = written {
        let _ = fs::remove_dir_all(&temporary);
        return Err(error);
    }
    Ok(final_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_folder_names() {
        assert_eq!(
            parse_folder_name("V0003__add_email"),
            Some((3, "add_email".to_string()))
        );
        assert_eq!(parse_folder_name("V12__x"), Some((12, "x".to_string())));
        assert_eq!(parse_folder_name("V0__x"), None);
        assert_eq!(parse_folder_name("V1_x"), None);
        assert_eq!(parse_folder_name("V1__add-email"), None);
        assert_eq!(parse_folder_name("v1__x"), None);
        assert_eq!(parse_folder_name("V__x"), None);
        assert_eq!(parse_folder_name("V99999999999__x"), None);
    }
}
