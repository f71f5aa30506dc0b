//! `dbkit build`: write each dialect's `schema.sql` and `drop.sql`, and optionally apply one.

use dbkit_sdk::Dialect;

use crate::cli::{BuildArgs, HandshakeLanguage};
use crate::database;
use crate::error::CliError;
use crate::output::{PlannedFile, write_all};
use crate::registry::DialectRegistry;
use crate::render::render_all;
use crate::say;
use crate::schema_file::SchemaFile;

/// What an error means for the output folder.
const NOTHING_WRITTEN: &str = "no files were written";

/// Builds the scripts: everything is read, checked and rendered before the first file is
/// written, so an error leaves the output folder as it was.
pub(crate) fn run(args: &BuildArgs) -> Result<(), CliError> {
    let file = SchemaFile::read(&args.schema.schema)?;
    let mut plugins = args.plugins.paths.clone();
    plugins.extend(file.declared_plugins());
    let registry = DialectRegistry::with_plugins(&plugins)?;
    let dialects = chosen_dialects(&registry, args, &file)?;
    let target = if args.apply {
        Some(database::resolve(args.url.as_deref())?)
    } else {
        None
    };

    // The database's dialect is checked and rendered with the others, even when not written.
    let mut checked = dialects.clone();
    let apply_dialect = match &target {
        Some(target) => {
            let name = target.url.backend().dialect_name();
            let dialect = registry.select(&[name.to_string()], "the database URL")?;
            checked.extend(dialect.iter().copied().filter(|candidate| {
                !dialects
                    .iter()
                    .any(|chosen| chosen.info().name == candidate.info().name)
            }));
            Some(name)
        }
        None => None,
    };
    let schema = file.parse(&checked, NOTHING_WRITTEN)?;
    let rendered = render_all(&schema, &checked)?;

    let dataset = dbkit_seed::generate(&schema, &dbkit_seed::SeedOptions::default())?;
    let mut files = Vec::new();
    let mut summaries = Vec::new();
    for (scripts, dialect) in rendered.iter().zip(&dialects) {
        let folder = args.out.join(&scripts.dialect);
        files.push(PlannedFile {
            path: folder.join("schema.sql"),
            contents: scripts.scripts.create.render(),
        });
        files.push(PlannedFile {
            path: folder.join("drop.sql"),
            contents: scripts.scripts.drop.render(),
        });
        files.push(PlannedFile {
            path: folder.join("seed.sql"),
            contents: dbkit_seed::render_seed_sql(&dataset, *dialect),
        });
        let queries = dbkit_generate::handshake_files(&schema, *dialect)?;
        summaries.push(format!(
            "Wrote {} ({}, {} statements), drop.sql, seed.sql and {} handshake files in queries/.",
            folder.join("schema.sql").display(),
            scripts.display_name,
            scripts.scripts.create.statements.len(),
            queries.len()
        ));
        files.extend(queries.into_iter().map(|file| PlannedFile {
            path: folder.join(file.path),
            contents: file.contents,
        }));
    }
    if args.handshake.contains(&HandshakeLanguage::Python) {
        for file in dbkit_generate::python_files(&schema, &dialects)? {
            let path = args.out.join("python").join(file.path);
            summaries.push(format!(
                "Wrote {} (the queries as Python functions).",
                path.display()
            ));
            files.push(PlannedFile {
                path,
                contents: file.contents,
            });
        }
    }
    let findings = dbkit_lint::lint(&schema);
    let report = args.out.join("REPORT.md");
    summaries.push(format!(
        "Wrote {} (tables, relationships, {} lint finding{}, diagram).",
        report.display(),
        findings.len(),
        if findings.len() == 1 { "" } else { "s" }
    ));
    files.push(PlannedFile {
        path: report,
        contents: dbkit_generate::diagram::render_report(&schema, &findings),
    });
    write_all(&files)?;

    say!(
        "Read {}: project \"{}\", {} table{}.",
        file.name,
        schema.project.name,
        schema.tables.len(),
        if schema.tables.len() == 1 { "" } else { "s" }
    );
    for summary in &summaries {
        say!("{summary}");
    }
    if let (Some(target), Some(name)) = (&target, apply_dialect)
        && let Some(scripts) = rendered.iter().find(|scripts| scripts.dialect == name)
    {
        database::apply(target, &scripts.scripts.create)?;
    }
    Ok(())
}

/// `--dialect` if given, else `[project] dialects`, else every registered dialect.
fn chosen_dialects<'a>(
    registry: &'a DialectRegistry,
    args: &BuildArgs,
    file: &SchemaFile,
) -> Result<Vec<&'a dyn Dialect>, CliError> {
    if !args.dialect.is_empty() {
        return registry.select(&args.dialect, "--dialect");
    }
    let declared = file.declared_dialects();
    if declared.is_empty() {
        return Ok(registry.all());
    }
    registry
        .select(&declared, &format!("[project] dialects of {}", file.name))
        .map_err(|unknown| {
            // The model locates a misspelt dialect in the file; prefer its report when it has one.
            match file.parse(&registry.all(), NOTHING_WRITTEN) {
                Err(located) => located,
                Ok(_) => unknown,
            }
        })
}
