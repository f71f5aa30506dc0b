//! `dbkit diff`: the differences between two schemas, each a `schema.toml` or a live database.

use std::path::Path;

use dbkit_db::introspect::{introspect, stored_form};
use dbkit_db::{Backend, DatabaseUrl, connect};
use dbkit_model::Schema;
use dbkit_model::diff::{diff, render_json, render_text};

use crate::cli::{DiffArgs, FindingsFormat};
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// One side of the comparison.
struct Side {
    schema: Schema,
    /// The kind of database it was read from; `None` for a `schema.toml`.
    backend: Option<Backend>,
}

/// Prints the changes that turn `--from` into `--to`; exits non-zero when there are any.
pub(crate) fn run(args: &DiffArgs) -> Result<(), CliError> {
    let from = read_side(&args.from)?;
    let to = read_side(&args.to)?;
    // A schema.toml compared with a database is compared as that database would store it.
    let as_stored = |side: &Side, other: &Side| match (side.backend, other.backend) {
        (None, Some(backend)) => stored_form(&side.schema, backend),
        _ => side.schema.clone(),
    };
    let changes = diff(&as_stored(&from, &to), &as_stored(&to, &from));
    match args.format {
        FindingsFormat::Text if changes.is_empty() => say!("No differences."),
        FindingsFormat::Text => say!("{}", render_text(&changes).trim_end()),
        FindingsFormat::Json => say!("{}", render_json(&changes)),
    }
    if changes.is_empty() {
        Ok(())
    } else {
        Err(CliError::Differences {
            count: changes.len(),
        })
    }
}

/// A `schema.toml` path when it names an existing file, else a database URL.
fn read_side(text: &str) -> Result<Side, CliError> {
    let path = Path::new(text);
    if path.is_file()
        && path
            .extension()
            .is_some_and(|extension| extension == "toml")
    {
        let file = SchemaFile::read(path)?;
        let registry = DialectRegistry::with_plugins(&file.declared_plugins())?;
        let schema = file.parse(&registry.all(), "it was not compared")?;
        return Ok(Side {
            schema,
            backend: None,
        });
    }
    let url = DatabaseUrl::parse(text)?;
    let mut connection = connect(&url)?;
    let pulled = introspect(&mut connection)?;
    Ok(Side {
        schema: pulled.schema,
        backend: Some(url.backend()),
    })
}
