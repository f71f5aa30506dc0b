//! Reading `schema.toml` and checking it against the dialects it will be built for.

use std::path::{Path, PathBuf};

use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

use crate::error::CliError;

/// A schema file's text, read but not yet checked.
pub(crate) struct SchemaFile {
    /// The name used in messages: the path as the user gave it.
    pub(crate) name: String,
    /// The file's text.
    pub(crate) source: String,
    /// The file's path, for resolving the paths it contains.
    pub(crate) path: PathBuf,
}

impl SchemaFile {
    /// Reads the file at `path`.
    pub(crate) fn read(path: &Path) -> Result<SchemaFile, CliError> {
        let source = std::fs::read_to_string(path).map_err(|source| CliError::ReadSchema {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(SchemaFile {
            name: path.display().to_string(),
            source,
            path: path.to_path_buf(),
        })
    }

    /// The dialects listed in `[project] dialects`, read without checking the rest of the file
    /// (which [`SchemaFile::parse`] does). Empty when there are none or the file is not TOML.
    pub(crate) fn declared_dialects(&self) -> Vec<String> {
        let Ok(document) = self.source.parse::<toml::Table>() else {
            return Vec::new();
        };
        document
            .get("project")
            .and_then(|project| project.get("dialects"))
            .and_then(toml::Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(|name| name.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The plugin libraries listed in `[project] plugins`, resolved against the folder of the
    /// schema file (read without checking the rest of the file).
    pub(crate) fn declared_plugins(&self) -> Vec<PathBuf> {
        let Ok(document) = self.source.parse::<toml::Table>() else {
            return Vec::new();
        };
        let folder = self.path.parent().unwrap_or_else(|| Path::new(""));
        document
            .get("project")
            .and_then(|project| project.get("plugins"))
            .and_then(toml::Value::as_array)
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(toml::Value::as_str)
                    .map(|path| folder.join(path))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Parses and checks the schema, including every identifier against the length limit of
    /// each of `dialects`. On errors, `consequence` says what will not be done.
    pub(crate) fn parse(
        &self,
        dialects: &[&dyn Dialect],
        consequence: &'static str,
    ) -> Result<Schema, CliError> {
        let options = ParseOptions {
            identifier_limits: dialects
                .iter()
                .map(|dialect| dialect.info().identifier_limit())
                .collect(),
        };
        parse_schema(&self.source, &self.name, &options).map_err(|diagnostics| {
            CliError::InvalidSchema {
                diagnostics: Box::new(diagnostics),
                consequence,
            }
        })
    }
}
