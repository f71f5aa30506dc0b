//! `dbkit apply`: build the schema for one database and create its tables there.

use crate::cli::ApplyArgs;
use crate::database;
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::render::render_all;
use crate::say;
use crate::schema_file::SchemaFile;

/// Renders the schema for the database's dialect, in memory, and applies it. A database that
/// already has any of the schema's tables is refused, untouched.
pub(crate) fn run(args: &ApplyArgs) -> Result<(), CliError> {
    let registry = DialectRegistry::built_in()?;
    let file = SchemaFile::read(&args.schema.schema)?;
    let target = database::resolve(args.url.as_deref())?;
    let dialect = registry.select(
        &[target.url.backend().dialect_name().to_string()],
        "the database URL",
    )?;
    let schema = file.parse(&dialect, "nothing was applied")?;
    let rendered = render_all(&schema, &dialect)?;
    say!(
        "Read {}: project \"{}\", {} table{}.",
        file.name,
        schema.project.name,
        schema.tables.len(),
        if schema.tables.len() == 1 { "" } else { "s" }
    );
    for scripts in &rendered {
        database::apply(&target, &scripts.scripts.create)?;
    }
    Ok(())
}
