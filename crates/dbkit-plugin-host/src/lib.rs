//! Loads dialect plugins: dynamic libraries built with `dbkit_sdk::export_dialect!`.
//!
//! [`load_plugin`] opens a library, checks its ABI version, table and protocol version before
//! calling anything else in it, asks for its [`DialectInfo`](dbkit_sdk::DialectInfo), and returns
//! a [`PluginDialect`]: an ordinary [`Dialect`](dbkit_sdk::Dialect) whose every method is answered
//! by the plugin. Libraries are never unloaded.
//!
//! ```no_run
//! use std::path::Path;
//! use dbkit_sdk::Dialect;
//!
//! match dbkit_plugin_host::load_plugin(Path::new("./libmine.so")) {
//!     Ok(dialect) => println!("loaded {} {}", dialect.info().name, dialect.info().version),
//!     Err(error) => eprintln!("error: {error}"),
//! }
//! ```

mod error;
mod transport;

use std::path::Path;

use dbkit_plugin_abi::load::PluginLibrary;
use dbkit_sdk::protocol::RemoteDialect;

pub use error::PluginError;
pub use transport::LibraryTransport;

/// A dialect answered by a plugin library.
pub type PluginDialect = RemoteDialect<LibraryTransport>;

/// Loads the plugin library at `path` and returns its dialect.
///
/// The path is used as given in messages (resolve it against the right directory first: a path
/// in `schema.toml` is relative to that file). The library's initialisers run when it is opened,
/// so load only libraries you trust, as you would run only programs you trust.
pub fn load_plugin(path: &Path) -> Result<PluginDialect, PluginError> {
    let library = PluginLibrary::open(path)?;
    let protocol = library.protocol_version();
    let dialect = RemoteDialect::connect(
        &path.display().to_string(),
        LibraryTransport::new(library),
        protocol,
    )?;
    Ok(dialect)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use dbkit_plugin_abi::load::LoadError;

    use super::*;

    #[test]
    fn a_missing_file_has_its_own_message() {
        let error = load_plugin(Path::new("plugins/libnothing.so")).err();
        assert_eq!(
            error,
            Some(PluginError::Load(LoadError::MissingFile {
                path: PathBuf::from("plugins/libnothing.so")
            }))
        );
        assert_eq!(
            error.map(|error| error.to_string()),
            Some("plugin plugins/libnothing.so: there is no such file; check the path".to_string())
        );
    }

    #[test]
    fn a_file_that_is_not_a_library_has_its_own_message() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        let message = load_plugin(&manifest)
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            message.starts_with(&format!(
                "plugin {}: cannot load it as a dynamic library: ",
                manifest.display()
            )),
            "{message}"
        );
    }
}
