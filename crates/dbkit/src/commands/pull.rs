//! `dbkit pull`: read a live database into a `schema.toml`.

use dbkit_db::connect;
use dbkit_db::introspect::introspect;
use dbkit_model::write::write_schema_toml_with_notes;

use crate::cli::PullArgs;
use crate::database;
use crate::error::CliError;
use crate::output::{PlannedFile, write_all};
use crate::say;

/// Pulls the database and writes (or prints) its schema; every object the model cannot hold is
/// listed as a warning, on screen and at the top of the file.
pub(crate) fn run(args: &PullArgs) -> Result<(), CliError> {
    let to_stdout = args.out.as_os_str() == "-";
    if !to_stdout && !args.force && args.out.exists() {
        return Err(CliError::PullTargetExists {
            path: args.out.clone(),
        });
    }
    let target = database::resolve(args.url.as_deref())?;
    let mut connection = connect(&target.url)?;
    let pulled = introspect(&mut connection)?;
    let notes: Vec<String> = pulled
        .warnings
        .iter()
        .map(|warning| format!("not pulled: {warning}"))
        .collect();
    let text = write_schema_toml_with_notes(&pulled.schema, &notes);
    if to_stdout {
        say!("{}", text.trim_end());
        for note in &notes {
            eprintln!("warning: {note}");
        }
        return Ok(());
    }
    write_all(&[PlannedFile {
        path: args.out.clone(),
        contents: text,
    }])?;
    say!(
        "Pulled {} tables from {} into {}.",
        pulled.schema.tables.len(),
        target.url,
        args.out.display()
    );
    for note in &notes {
        say!("warning: {note}");
    }
    Ok(())
}
