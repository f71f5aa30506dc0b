//! `dbkit verify`: the checklist that proves the live database behaves as schema.toml designs
//! it, printed for people or as JSON.

use dbkit_db::{Target, connect};
use dbkit_lint::verify::{render_report_json, render_report_text, verify};

use crate::cli::{FindingsFormat, VerifyArgs};
use crate::database;
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Verifies the database at `--url` against the schema; fails when an item of the checklist
/// fails. Never creates the database, and never changes its data.
pub(crate) fn run(args: &VerifyArgs) -> Result<(), CliError> {
    let registry = DialectRegistry::built_in()?;
    let file = SchemaFile::read(&args.schema.schema)?;
    let target = database::resolve(args.url.as_deref())?;
    let dialect = registry.select(
        &[target.url.backend().dialect_name().to_string()],
        "the database URL",
    )?;
    let schema = file.parse(&dialect, "nothing was verified")?;
    if let Target::SqliteFile(path) = target.url.target()
        && !path.exists()
    {
        return Err(CliError::MissingDatabaseFile { path: path.clone() });
    }
    let mut connection = connect(&target.url)?;
    let report = verify(&mut connection, &schema)?;
    match args.format {
        FindingsFormat::Text => {
            say!(
                "Read {}: project \"{}\", {} table{}; the database URL comes from {}.",
                file.name,
                schema.project.name,
                schema.tables.len(),
                if schema.tables.len() == 1 { "" } else { "s" },
                target.source
            );
            say!("{}", render_report_text(&report).trim_end());
        }
        FindingsFormat::Json => say!("{}", render_report_json(&report)),
    }
    if !report.passed() {
        return Err(CliError::VerifyFailed {
            failures: report.failures(),
        });
    }
    Ok(())
}
