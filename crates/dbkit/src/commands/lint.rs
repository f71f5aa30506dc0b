//! `dbkit lint`: the design review, printed for people or as JSON.

use crate::cli::{FindingsFormat, LintArgs};
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Lints the schema; fails when a finding is at error level.
pub(crate) fn run(args: &LintArgs) -> Result<(), CliError> {
    let registry = DialectRegistry::built_in()?;
    let file = SchemaFile::read(&args.schema.schema)?;
    let schema = file.parse(&registry.all(), "it was not linted")?;
    dbkit_lint::check_settings(&schema, &file.name, &file.source).map_err(|diagnostics| {
        CliError::InvalidSchema {
            diagnostics: Box::new(diagnostics),
            consequence: "it was not linted",
        }
    })?;
    let findings = dbkit_lint::lint(&schema);
    match args.format {
        FindingsFormat::Text => say!("{}", dbkit_lint::render_findings_text(&findings)),
        FindingsFormat::Json => say!("{}", dbkit_lint::render_findings_json(&findings)),
    }
    if dbkit_lint::has_errors(&findings) {
        let errors = findings
            .iter()
            .filter(|finding| finding.severity == dbkit_lint::Severity::Error)
            .count();
        return Err(CliError::LintErrors { errors });
    }
    Ok(())
}
