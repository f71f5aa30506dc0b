//! Requests carried to a loaded library.

use dbkit_plugin_abi::load::{CallError, PluginLibrary};
use dbkit_sdk::protocol::{Transport, TransportError};

/// Carries requests to a plugin library through its table's `call` function.
#[derive(Debug, Clone, Copy)]
pub struct LibraryTransport {
    library: PluginLibrary,
}

impl LibraryTransport {
    /// Carries requests to `library`.
    pub fn new(library: PluginLibrary) -> LibraryTransport {
        LibraryTransport { library }
    }

    /// The library requests go to.
    pub fn library(&self) -> &PluginLibrary {
        &self.library
    }
}

impl Transport for LibraryTransport {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError> {
        self.library.call(request).map_err(|error| match error {
            CallError::Panicked(message) => TransportError::Panicked(message),
            other => TransportError::Failed(other.to_string()),
        })
    }
}
