//! Why a plugin could not be loaded.

use dbkit_plugin_abi::load::LoadError;
use dbkit_sdk::protocol::RemoteError;

/// Why [`load_plugin`](crate::load_plugin) refused a library. Every message starts with
/// `plugin <path>:` and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PluginError {
    /// The library could not be opened as a plugin: a missing file, a file that is not a dynamic
    /// library, a library without the entry point, or one built against another ABI version.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The library opened, but the handshake failed: another protocol version, or a plugin that
    /// panicked or answered garbage when asked for its name.
    #[error(transparent)]
    Handshake(#[from] RemoteError),
}
