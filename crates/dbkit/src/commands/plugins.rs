//! `dbkit plugins`: the dialects dbkit can build for, built in and loaded.

use crate::cli::PluginsArgs;
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Loads the requested plugins and lists every dialect with its version and origin.
pub(crate) fn run(args: &PluginsArgs) -> Result<(), CliError> {
    let mut paths = args.plugins.paths.clone();
    if args.schema.exists() {
        paths.extend(SchemaFile::read(&args.schema)?.declared_plugins());
    }
    let registry = DialectRegistry::with_plugins(&paths)?;
    for listing in registry.listings() {
        let aliases = if listing.aliases.is_empty() {
            String::new()
        } else {
            format!(" (alias {})", listing.aliases.join(", "))
        };
        let origin = match &listing.plugin {
            Some(path) => format!("plugin {}", path.display()),
            None => "built in".to_string(),
        };
        say!(
            "{}{aliases}  {} {}  {origin}",
            listing.name,
            listing.display_name,
            listing.version
        );
    }
    Ok(())
}
