//! Everything a dbkit command can fail with, and how it is shown.

use std::io::Write;
use std::path::PathBuf;

use dbkit_db::DbError;
use dbkit_generate::GenerateError;
use dbkit_model::Diagnostics;

/// Why a command failed. Each message says what went wrong; [`CliError::help`] says what to do.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CliError {
    /// The schema file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    ReadSchema {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// The schema has errors; they are in the diagnostics.
    #[error("{} has {} error{}, so {consequence}", diagnostics.file, diagnostics.list.len(), if diagnostics.list.len() == 1 { "" } else { "s" })]
    InvalidSchema {
        /// Every problem found, with file, line and column.
        diagnostics: Box<Diagnostics>,
        /// What was not done because of them.
        consequence: &'static str,
    },

    /// A dialect name is not registered.
    #[error("unknown dialect \"{name}\" in {origin}")]
    UnknownDialect {
        /// The name as given.
        name: String,
        /// Where it was given (`--dialect`, `[project] dialects`).
        origin: String,
        /// A close registered name, if any.
        suggestion: Option<String>,
        /// Every name that would work.
        available: Vec<String>,
    },

    /// Two dialects claim the same name.
    #[error("two dialects are called \"{name}\"")]
    DialectNameTaken {
        /// The contested name.
        name: String,
    },

    /// A dialect cannot express part of the schema.
    #[error("{source}; nothing was written")]
    Generate {
        /// What it could not render.
        #[from]
        source: GenerateError,
    },

    /// An output file or folder could not be written.
    #[error("cannot write {}: {source}; nothing was written", path.display())]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },

    /// `dbkit init` found a schema file where it would write one.
    #[error("{} already exists; dbkit init does not overwrite it", path.display())]
    SchemaExists {
        /// The existing file.
        path: PathBuf,
    },

    /// `dbkit lint` found error-level findings.
    #[error("{errors} lint finding{} at error level", if *errors == 1 { "" } else { "s" })]
    LintErrors {
        /// How many.
        errors: usize,
    },

    /// A plugin library could not be loaded or refused the handshake.
    #[error("{source}; nothing was written")]
    Plugin {
        /// What went wrong, naming the library.
        #[from]
        source: dbkit_plugin_host::PluginError,
    },

    /// Sample data could not be generated or loaded.
    #[error("{0}")]
    Seed(#[from] dbkit_seed::SeedError),

    /// A `--table-rows` value is not `TABLE=N`.
    #[error("--table-rows \"{0}\" is not TABLE=N, as in --table-rows loans=5000")]
    TableRows(String),

    /// `dbkit pull` would overwrite a file.
    #[error("{} already exists; dbkit pull does not overwrite it", path.display())]
    PullTargetExists {
        /// The existing file.
        path: PathBuf,
    },

    /// `dbkit diff` found differences.
    #[error("{count} difference{} found", if *count == 1 { "" } else { "s" })]
    Differences {
        /// How many.
        count: usize,
    },

    /// A migration command failed.
    #[error(transparent)]
    Migrate(#[from] dbkit_db::migrate::MigrateError),

    /// `dbkit migrate status` or `check` found something to fix.
    #[error("{0}")]
    MigrationsNotClean(String),

    /// `dbkit migrate repair` needs exactly one action.
    #[error("dbkit migrate repair needs one of --skip-statement, --restart or --mark-done")]
    RepairActionMissing,

    /// A database could not be reached, or refused the schema.
    #[error(transparent)]
    Database(#[from] DbError),

    /// `dbkit verify` could not run its checks.
    #[error(transparent)]
    Verify(#[from] dbkit_lint::verify::VerifyError),

    /// `dbkit verify` found items of the checklist that failed.
    #[error("{failures} item{} of the verify checklist failed", if *failures == 1 { "" } else { "s" })]
    VerifyFailed {
        /// How many.
        failures: usize,
    },

    /// `dbkit verify` was pointed at a SQLite file that does not exist.
    #[error("the SQLite database {} does not exist; dbkit verify does not create it", path.display())]
    MissingDatabaseFile {
        /// The file.
        path: PathBuf,
    },
}

impl CliError {
    /// The hint lines shown under the error.
    pub(crate) fn help(&self) -> Vec<String> {
        match self {
            CliError::ReadSchema { source, .. } if source.kind() == std::io::ErrorKind::NotFound => vec![
                "run `dbkit init` to write an example schema.toml, or point --schema at your file".to_string(),
            ],
            CliError::UnknownDialect {
                suggestion, available, ..
            } => suggestion
                .iter()
                .cloned()
                .chain(std::iter::once(format!("available: {}", available.join(", "))))
                .collect(),
            CliError::DialectNameTaken { .. } => {
                vec!["a plugin may not reuse the name or alias of another dialect".to_string()]
            }
            CliError::SchemaExists { .. } => vec![
                "to start another project, name a new folder: dbkit init --example blog my-blog".to_string(),
            ],
            CliError::Database(error) => error.help().into_iter().collect(),
            CliError::Verify(error) => error.help().into_iter().collect(),
            CliError::VerifyFailed { .. } => vec![
                "each ✗ above says why and how to fix it; run dbkit verify again afterwards".to_string(),
            ],
            CliError::MissingDatabaseFile { .. } => vec![
                "check the path in --url or DATABASE_URL, or create the database with `dbkit apply`".to_string(),
            ],
            CliError::Migrate(error) => error.help().into_iter().collect(),
            CliError::PullTargetExists { .. } => vec![
                "pass --force to replace it, or --out another.toml (or --out - to print it)".to_string(),
            ],
            CliError::LintErrors { .. } => vec![
                "fix them, or set the rule's level under [lint] in schema.toml (\"warn\" or \"off\")".to_string(),
            ],
            _ => Vec::new(),
        }
    }

    /// Prints the error to standard error: diagnostics first, then `error: ...` and the hints.
    pub(crate) fn report(&self) {
        let mut stderr = std::io::stderr().lock();
        let mut text = String::new();
        if let CliError::InvalidSchema { diagnostics, .. } = self {
            text.push_str(&format!("{diagnostics}\n\n"));
        }
        text.push_str(&format!("error: {self}\n"));
        for help in self.help() {
            text.push_str(&format!("  = help: {help}\n"));
        }
        // Nothing useful can be done when standard error itself is gone.
        let _ = stderr.write_all(text.as_bytes());
    }
}
