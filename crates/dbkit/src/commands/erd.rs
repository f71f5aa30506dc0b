//! `dbkit erd`: entity-relationship diagrams of the schema.

use dbkit_generate::diagram::{render_dot, render_mermaid, render_svg};

use crate::cli::{DiagramFormat, ErdArgs};
use crate::error::CliError;
use crate::output::{PlannedFile, write_all};
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Writes the chosen diagrams into the output folder, all or nothing.
pub(crate) fn run(args: &ErdArgs) -> Result<(), CliError> {
    let registry = DialectRegistry::built_in()?;
    let file = SchemaFile::read(&args.schema.schema)?;
    let schema = file.parse(&registry.all(), "no diagram was written")?;
    let wanted = |format: DiagramFormat| args.format == format || args.format == DiagramFormat::All;
    let mut files = Vec::new();
    if wanted(DiagramFormat::Mermaid) {
        files.push(PlannedFile {
            path: args.out.join("erd.mmd"),
            contents: render_mermaid(&schema),
        });
    }
    if wanted(DiagramFormat::Dot) {
        files.push(PlannedFile {
            path: args.out.join("erd.dot"),
            contents: render_dot(&schema),
        });
    }
    if wanted(DiagramFormat::Svg) {
        files.push(PlannedFile {
            path: args.out.join("erd.svg"),
            contents: render_svg(&schema),
        });
    }
    write_all(&files)?;
    for file in &files {
        say!("Wrote {}.", file.path.display());
    }
    Ok(())
}
