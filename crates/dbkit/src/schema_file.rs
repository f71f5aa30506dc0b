//! Reading `schema.toml` and checking it against the dialects it will be built for.

use std::path::Path;

use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

use crate::error::CliError;

/// A schema file's text, read but not yet checked.
pub(crate) struct SchemaFile {
    /// The name used in messages: the path as the user gave it.
    pub(crate) name: String,
    /// The file's text.
    pub(crate) source: String,
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
