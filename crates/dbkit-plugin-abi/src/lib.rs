//! The binary boundary between dbkit and its dialect plugins.
//!
//! A plugin is a dynamic library (`.so`, `.dylib`, `.dll`) that exports one C function,
//! [`ENTRY_SYMBOL`], returning a pointer to a [`PluginVTable`]: a `#[repr(C)]` table of
//! function pointers that starts with the ABI version and the table's own size. Everything else
//! crosses the boundary as byte buffers (UTF-8 JSON requests and answers, defined by
//! `dbkit_sdk::protocol`), so that no Rust-layout type, trait object or `String` is ever shared
//! between two libraries that may have been built by different compilers.
//!
//! This crate knows nothing of dialects: it moves bytes. It is the only crate of dbkit that
//! contains `unsafe` code, all of it in [`export`] (the plugin side) and `load` (the host side,
//! behind the `host` feature), each block with the reason it is sound.
//!
//! # Versioning rules
//!
//! - [`ABI_VERSION`] changes only if the table's existing fields change; it has never changed.
//!   A host refuses a plugin whose table has another ABI version, before calling anything.
//! - New functions are appended at the end of the table. A host reads a field only when the
//!   plugin's `size` covers it, so an older plugin (smaller table) keeps working with a newer
//!   host, and a newer plugin (larger table) with an older host.
//! - What the functions say (the requests and answers) is versioned separately by the
//!   protocol version in the table, which the host checks next.

pub mod export;
#[cfg(feature = "host")]
pub mod load;
mod panic_capture;
pub mod vtable;

pub use export::PluginHandler;
pub use vtable::{
    ABI_VERSION, CallFn, ENTRY_SYMBOL, EntryFn, FreeFn, PluginVTable, Status, VTableHeader,
};
