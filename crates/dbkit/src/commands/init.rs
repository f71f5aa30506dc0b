//! `dbkit init`: write a starter `schema.toml` from one of the embedded examples.

use std::path::Path;

use crate::cli::InitArgs;
use crate::error::CliError;
use crate::examples::example;
use crate::output::write_new;
use crate::say;

/// The file `dbkit init` writes.
const SCHEMA_FILE: &str = "schema.toml";

/// Writes `DIR/schema.toml`, refusing to replace one that exists.
pub(crate) fn run(args: &InitArgs) -> Result<(), CliError> {
    let chosen = example(args.example);
    let here = args.dir == Path::new(".") || args.dir.as_os_str().is_empty();
    let path = if here {
        Path::new(SCHEMA_FILE).to_path_buf()
    } else {
        args.dir.join(SCHEMA_FILE)
    };
    write_new(&path, chosen.source)?;
    say!(
        "Wrote {}: the {} example ({}).",
        path.display(),
        chosen.name,
        chosen.description
    );
    if here {
        say!("Next: dbkit build --apply");
    } else {
        say!("Next: cd {} && dbkit build --apply", args.dir.display());
    }
    Ok(())
}
