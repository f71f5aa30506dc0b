//! The dialects dbkit knows, by name: the built-in ones, and any registered later (plugins).

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::suggest::did_you_mean;
use std::path::{Path, PathBuf};

use dbkit_sdk::Dialect;

use crate::error::CliError;

/// The word that selects every registered dialect.
pub(crate) const ALL: &str = "all";

/// One registered dialect.
struct Entry {
    /// The dialect's own name (`info().name`), used for output folders.
    name: String,
    /// Other names accepted on the command line (`mariadb` for `mysql`).
    aliases: Vec<String>,
    dialect: Box<dyn Dialect>,
    /// The library a plugin dialect was loaded from; `None` for a built-in one.
    plugin: Option<PathBuf>,
}

/// What `dbkit plugins` shows of one registered dialect.
pub(crate) struct DialectListing {
    /// The dialect's name.
    pub(crate) name: String,
    /// Other names it answers to.
    pub(crate) aliases: Vec<String>,
    /// The name people know the database by.
    pub(crate) display_name: String,
    /// The dialect's own version.
    pub(crate) version: String,
    /// Where a plugin was loaded from; `None` for a built-in dialect.
    pub(crate) plugin: Option<PathBuf>,
}

/// Dialects by name, in the order they were registered.
pub(crate) struct DialectRegistry {
    entries: Vec<Entry>,
}

impl DialectRegistry {
    /// The built-in dialects: `mysql` (alias `mariadb`), `postgres` (alias `postgresql`) and
    /// `sqlite`.
    pub(crate) fn built_in() -> Result<DialectRegistry, CliError> {
        let mut registry = DialectRegistry {
            entries: Vec::new(),
        };
        registry.register(Box::new(MysqlDialect), &["mariadb"])?;
        registry.register(Box::new(PostgresDialect), &["postgresql"])?;
        registry.register(Box::new(SqliteDialect), &[])?;
        Ok(registry)
    }

    /// Adds a dialect under its own name (`info().name`) and `aliases`, such as one loaded from
    /// a plugin. A name already taken, or `all`, is refused.
    pub(crate) fn register(
        &mut self,
        dialect: Box<dyn Dialect>,
        aliases: &[&str],
    ) -> Result<(), CliError> {
        let name = dialect.info().name;
        for candidate in std::iter::once(name.as_str()).chain(aliases.iter().copied()) {
            if candidate.eq_ignore_ascii_case(ALL) || self.find(candidate).is_some() {
                return Err(CliError::DialectNameTaken {
                    name: candidate.to_string(),
                });
            }
        }
        self.entries.push(Entry {
            name,
            aliases: aliases.iter().map(|alias| alias.to_string()).collect(),
            dialect,
            plugin: None,
        });
        Ok(())
    }

    /// The built-in dialects plus the plugin libraries at `paths`, loaded through the plugin
    /// ABI. Each path is used as given; resolve paths from `schema.toml` against its folder first.
    pub(crate) fn with_plugins(paths: &[PathBuf]) -> Result<DialectRegistry, CliError> {
        let mut registry = DialectRegistry::built_in()?;
        for path in paths {
            registry.load_plugin(path)?;
        }
        Ok(registry)
    }

    /// Loads one plugin library and registers its dialect under its own name.
    pub(crate) fn load_plugin(&mut self, path: &Path) -> Result<(), CliError> {
        let dialect = dbkit_plugin_host::load_plugin(path)?;
        self.register(Box::new(dialect), &[])?;
        if let Some(entry) = self.entries.last_mut() {
            entry.plugin = Some(path.to_path_buf());
        }
        Ok(())
    }

    /// Every registered dialect, described for `dbkit plugins`.
    pub(crate) fn listings(&self) -> Vec<DialectListing> {
        self.entries
            .iter()
            .map(|entry| {
                let info = entry.dialect.info();
                DialectListing {
                    name: entry.name.clone(),
                    aliases: entry.aliases.clone(),
                    display_name: info.display_name,
                    version: info.version,
                    plugin: entry.plugin.clone(),
                }
            })
            .collect()
    }

    /// The dialects `requested` names, in registry order without repeats; `all` selects every
    /// one. `origin` says where the names came from, for the error message.
    pub(crate) fn select(
        &self,
        requested: &[String],
        origin: &str,
    ) -> Result<Vec<&dyn Dialect>, CliError> {
        let mut chosen = vec![false; self.entries.len()];
        for name in requested {
            let name = name.trim();
            if name.eq_ignore_ascii_case(ALL) {
                chosen.fill(true);
                continue;
            }
            match self.entries.iter().position(|entry| entry.answers_to(name)) {
                Some(position) => chosen[position] = true,
                None => return Err(self.unknown(name, origin)),
            }
        }
        Ok(self
            .entries
            .iter()
            .zip(chosen)
            .filter(|(_, chosen)| *chosen)
            .map(|(entry, _)| entry.dialect.as_ref())
            .collect())
    }

    /// Every registered dialect.
    pub(crate) fn all(&self) -> Vec<&dyn Dialect> {
        self.entries
            .iter()
            .map(|entry| entry.dialect.as_ref())
            .collect()
    }

    /// The error for an unknown dialect name, with a suggestion and the list of names.
    fn unknown(&self, name: &str, origin: &str) -> CliError {
        let candidates: Vec<&str> = self
            .entries
            .iter()
            .flat_map(|entry| {
                std::iter::once(entry.name.as_str()).chain(entry.aliases.iter().map(String::as_str))
            })
            .chain(std::iter::once(ALL))
            .collect();
        let available: Vec<String> = self
            .entries
            .iter()
            .map(|entry| match entry.aliases.as_slice() {
                [] => entry.name.clone(),
                aliases => format!("{} (alias {})", entry.name, aliases.join(", ")),
            })
            .chain(std::iter::once(ALL.to_string()))
            .collect();
        CliError::UnknownDialect {
            name: name.to_string(),
            origin: origin.to_string(),
            suggestion: did_you_mean(&name.to_ascii_lowercase(), candidates),
            available,
        }
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.answers_to(name))
    }
}

impl Entry {
    fn answers_to(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
            || self
                .aliases
                .iter()
                .any(|alias| alias.eq_ignore_ascii_case(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> DialectRegistry {
        match DialectRegistry::built_in() {
            Ok(registry) => registry,
            Err(error) => panic!("{error}"),
        }
    }

    fn names(dialects: &[&dyn Dialect]) -> Vec<String> {
        dialects.iter().map(|dialect| dialect.info().name).collect()
    }

    #[test]
    fn selects_by_name_alias_and_all_in_registry_order() -> Result<(), CliError> {
        let registry = registry();
        let picked = registry.select(
            &["SQLite".into(), "mariadb".into(), "mysql".into()],
            "--dialect",
        )?;
        assert_eq!(names(&picked), ["mysql", "sqlite"]);
        let picked = registry.select(&["postgresql".into()], "--dialect")?;
        assert_eq!(names(&picked), ["postgres"]);
        let picked = registry.select(&["all".into()], "--dialect")?;
        assert_eq!(names(&picked), ["mysql", "postgres", "sqlite"]);
        assert_eq!(names(&registry.all()), ["mysql", "postgres", "sqlite"]);
        assert!(registry.find("MariaDB").is_some());
        assert!(registry.find("oracle").is_none());
        Ok(())
    }

    #[test]
    fn explains_unknown_names() {
        let error = match registry().select(&["postgress".into()], "--dialect") {
            Err(error) => error,
            Ok(picked) => panic!("should fail, got {:?}", names(&picked)),
        };
        assert_eq!(
            error.to_string(),
            "unknown dialect \"postgress\" in --dialect"
        );
        assert_eq!(
            error.help(),
            vec![
                "did you mean \"postgres\"?".to_string(),
                "available: mysql (alias mariadb), postgres (alias postgresql), sqlite, all"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn refuses_a_second_dialect_with_a_taken_name() {
        let mut registry = registry();
        let error = registry.register(Box::new(SqliteDialect), &["lite"]);
        assert!(matches!(error, Err(CliError::DialectNameTaken { ref name }) if name == "sqlite"));
        let error = registry.register(Box::new(SqliteDialect), &["all"]);
        assert!(matches!(error, Err(CliError::DialectNameTaken { .. })));
    }
}
