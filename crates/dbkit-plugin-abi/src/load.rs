//! The host side: opening a plugin library, checking its table and calling it.
//!
//! A library, once opened, is never closed: its functions may be referenced from anywhere in the
//! host until the process ends, and closing a Rust library while a thread still runs its code
//! (or holds its thread-locals) is undefined behaviour.
#![allow(unsafe_code)]

use std::path::{Path, PathBuf};
use std::ptr;

use crate::vtable::{
    ABI_VERSION, CallFn, ENTRY_SYMBOL, EntryFn, FreeFn, PluginVTable, Status, VTableHeader,
};

/// Why a library could not be opened as a plugin.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// There is no file at the path.
    #[error("plugin {path}: there is no such file; check the path")]
    MissingFile {
        /// The path as given.
        path: PathBuf,
    },
    /// The operating system could not load the file as a dynamic library.
    #[error("plugin {path}: cannot load it as a dynamic library: {reason}")]
    NotALibrary {
        /// The path as given.
        path: PathBuf,
        /// What the system loader said.
        reason: String,
    },
    /// The library does not export the entry point, so it is not a dbkit plugin.
    #[error(
        "plugin {path}: the library has no `{symbol}` function, so it is not a dbkit plugin; a plugin calls `dbkit_sdk::export_dialect!` once"
    )]
    MissingSymbol {
        /// The path as given.
        path: PathBuf,
        /// The entry point that was looked up.
        symbol: String,
    },
    /// The library's table has a layout this host cannot read.
    #[error(
        "plugin {path} speaks ABI version {found}; this dbkit accepts {expected}: rebuild the plugin against the dbkit-sdk that matches this dbkit"
    )]
    IncompatibleAbi {
        /// The path as given.
        path: PathBuf,
        /// The ABI version in the plugin's table.
        found: u32,
        /// The ABI version this host reads.
        expected: u32,
    },
    /// The table is too small or has a missing function.
    #[error(
        "plugin {path}: its function table is broken: {reason}; rebuild the plugin with dbkit-sdk"
    )]
    BrokenTable {
        /// The path as given.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Why a call into a plugin failed at the boundary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// The plugin panicked while handling the request.
    #[error("{0}")]
    Panicked(String),
    /// The plugin answered with a status code this host does not know.
    #[error("the plugin answered with the unknown status code {0}")]
    UnknownStatus(u32),
    /// The plugin returned no answer buffer.
    #[error("the plugin returned no answer")]
    NoAnswer,
}

/// An opened plugin library whose table has been checked. It is never closed.
#[derive(Debug, Clone, Copy)]
pub struct PluginLibrary {
    path: &'static Path,
    protocol_version: u32,
    call: CallFn,
    free: FreeFn,
}

impl PluginLibrary {
    /// Opens the library at `path`, finds its entry point and checks its table: the ABI version
    /// first, then the table's size and functions. Nothing in the plugin is called but the entry
    /// point.
    ///
    /// The library's initialisers run when it is opened: only open libraries you trust, as you
    /// would only run programs you trust.
    pub fn open(path: &Path) -> Result<PluginLibrary, LoadError> {
        let given = path.to_path_buf();
        // An absolute path, so that the system loader opens this very file rather than searching
        // its library path for the name.
        let absolute = match path.canonicalize() {
            Ok(absolute) => absolute,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(LoadError::MissingFile { path: given });
            }
            Err(error) => {
                return Err(LoadError::NotALibrary {
                    path: given,
                    reason: error.to_string(),
                });
            }
        };
        if !absolute.is_file() {
            return Err(LoadError::NotALibrary {
                path: given,
                reason: "it is not a file".to_string(),
            });
        }
        // SAFETY: opening a library runs its initialisers, which dbkit cannot check; the user chose
        // this library as a plugin, which is the same trust as running a program. The library is
        // never closed (see `Box::leak` below), so nothing obtained from it outlives it.
        let library = unsafe { libloading::Library::new(&absolute) }.map_err(|error| {
            LoadError::NotALibrary {
                path: given.clone(),
                reason: error.to_string(),
            }
        })?;
        let library: &'static libloading::Library = Box::leak(Box::new(library));
        // SAFETY: `EntryFn` is the type every dbkit plugin gives `ENTRY_SYMBOL`, exported by
        // `export_plugin!`; a library that exports the name with another type breaks the plugin
        // contract. The symbol stays valid because the library is never closed.
        let entry: EntryFn = match unsafe { library.get::<EntryFn>(ENTRY_SYMBOL) } {
            Ok(symbol) => *symbol,
            Err(_) => {
                return Err(LoadError::MissingSymbol {
                    path: given,
                    symbol: ENTRY_SYMBOL.to_string(),
                });
            }
        };
        let table = entry();
        if table.is_null() {
            return Err(broken(&given, "the entry point returned a null table"));
        }
        // SAFETY: the entry point returns the address of the plugin's static table, which lives as
        // long as the never-closed library. Every ABI version starts with this header, so it is
        // read alone before anything that depends on the version.
        let header = unsafe { ptr::read(table.cast::<VTableHeader>()) };
        if header.abi_version != ABI_VERSION {
            return Err(LoadError::IncompatibleAbi {
                path: given,
                found: header.abi_version,
                expected: ABI_VERSION,
            });
        }
        if header.size < PluginVTable::SIZE {
            return Err(broken(
                &given,
                &format!(
                    "it is {} bytes long where ABI version {ABI_VERSION} needs at least {}",
                    header.size,
                    PluginVTable::SIZE
                ),
            ));
        }
        // SAFETY: same table as above, and its size says it holds every field of this crate's
        // `PluginVTable` (fields a newer plugin appended are not read).
        let table = unsafe { ptr::read(table) };
        let (Some(call), Some(free)) = (table.call, table.free) else {
            return Err(broken(&given, "its call or free function is missing"));
        };
        Ok(PluginLibrary {
            path: Box::leak(given.into_boxed_path()),
            protocol_version: table.protocol_version,
            call,
            free,
        })
    }

    /// The path the library was opened from, as given.
    pub fn path(&self) -> &'static Path {
        self.path
    }

    /// The version of the request protocol the plugin speaks.
    pub fn protocol_version(&self) -> u32 {
        self.protocol_version
    }

    /// Sends one request and returns the plugin's answer, copied into host memory.
    pub fn call(&self, request: &[u8]) -> Result<Vec<u8>, CallError> {
        let mut data: *mut u8 = ptr::null_mut();
        let mut len: usize = 0;
        // SAFETY: `call` comes from a checked table of a library that is never closed; the request
        // is a live slice for the duration of the call and both out-pointers are valid locals.
        let status = unsafe { (self.call)(request.as_ptr(), request.len(), &mut data, &mut len) };
        if data.is_null() {
            return Err(CallError::NoAnswer);
        }
        // SAFETY: the plugin wrote the address and length of an answer it allocated, which stays
        // valid until it is released below.
        let answer = unsafe { std::slice::from_raw_parts(data, len) }.to_vec();
        // SAFETY: the answer came from this plugin's `call` and is released exactly once, by the
        // plugin that allocated it.
        unsafe { (self.free)(data, len) };
        match Status::from_code(status) {
            Some(Status::Answered) => Ok(answer),
            Some(Status::Panicked) => Err(CallError::Panicked(
                String::from_utf8_lossy(&answer).into_owned(),
            )),
            None => Err(CallError::UnknownStatus(status)),
        }
    }
}

fn broken(path: &Path, reason: &str) -> LoadError {
    LoadError::BrokenTable {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_reported_before_the_system_loader() {
        let error = PluginLibrary::open(Path::new("no/such/libplugin.so"))
            .expect_err("there is no such file");
        assert_eq!(
            error,
            LoadError::MissingFile {
                path: PathBuf::from("no/such/libplugin.so")
            }
        );
        assert_eq!(
            error.to_string(),
            "plugin no/such/libplugin.so: there is no such file; check the path"
        );
    }

    #[test]
    fn a_file_that_is_not_a_library_is_refused() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        match PluginLibrary::open(&manifest) {
            Err(LoadError::NotALibrary { path, reason }) => {
                assert_eq!(path, manifest);
                assert!(!reason.is_empty());
            }
            other => panic!("expected NotALibrary, got {other:?}"),
        }
    }

    #[test]
    fn a_directory_is_refused() {
        let directory = Path::new(env!("CARGO_MANIFEST_DIR"));
        let error = PluginLibrary::open(directory).expect_err("a directory is no library");
        assert!(
            error
                .to_string()
                .ends_with("cannot load it as a dynamic library: it is not a file"),
            "{error}"
        );
    }
}
