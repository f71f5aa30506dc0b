//! The C table of functions a plugin hands to dbkit.

/// The version of the table's layout this crate writes and reads.
///
/// It changes only if an existing field of [`PluginVTable`] changes; appending a field does not
/// change it (the table's `size` tells the host what is there).
pub const ABI_VERSION: u32 = 1;

/// The name of the one function a plugin library exports (an [`EntryFn`]).
pub const ENTRY_SYMBOL: &str = "dbkit_plugin";

/// The exported entry point: returns the plugin's table, which lives as long as the library.
pub type EntryFn = extern "C" fn() -> *const PluginVTable;

/// Handles one request.
///
/// Reads `request_len` bytes at `request`, and writes the address and length of the answer it
/// allocated to `response` and `response_len`; the answer must be released with the same
/// plugin's [`FreeFn`]. Returns a [`Status`] code saying what the answer is.
pub type CallFn = unsafe extern "C" fn(
    request: *const u8,
    request_len: usize,
    response: *mut *mut u8,
    response_len: *mut usize,
) -> u32;

/// Releases a buffer returned by the same plugin's [`CallFn`], given its address and length.
pub type FreeFn = unsafe extern "C" fn(buffer: *mut u8, len: usize);

/// What the answer of a [`CallFn`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Status {
    /// The answer is the plugin's reply to the request (protocol JSON).
    Answered = 0,
    /// The plugin panicked; the answer is the panic message as UTF-8 text.
    Panicked = 1,
}

impl Status {
    /// The status with this code, if it is one.
    pub fn from_code(code: u32) -> Option<Status> {
        match code {
            0 => Some(Status::Answered),
            1 => Some(Status::Panicked),
            _ => None,
        }
    }
}

/// The first two fields of every [`PluginVTable`], whatever its ABI version: what the host reads
/// before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C)]
pub struct VTableHeader {
    /// The [`ABI_VERSION`] the plugin was built with.
    pub abi_version: u32,
    /// `size_of::<PluginVTable>()` as the plugin was built: which fields it has.
    pub size: u32,
}

/// The table a plugin's [`ENTRY_SYMBOL`] returns.
///
/// Fields are only ever appended; see the crate documentation for the versioning rules. The
/// function pointers are `Option`s so that a table written by hand (or by another language) with a
/// null pointer is refused instead of called.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct PluginVTable {
    /// The [`ABI_VERSION`] the plugin was built with.
    pub abi_version: u32,
    /// `size_of::<PluginVTable>()` as the plugin was built.
    pub size: u32,
    /// The version of the request protocol the plugin speaks.
    pub protocol_version: u32,
    /// Handles one request.
    pub call: Option<CallFn>,
    /// Releases an answer of `call`.
    pub free: Option<FreeFn>,
}

impl PluginVTable {
    /// The size of the table as this crate knows it, as written in [`PluginVTable::size`].
    pub const SIZE: u32 = size_of::<PluginVTable>() as u32;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_starts_with_its_header() {
        assert_eq!(
            std::mem::offset_of!(PluginVTable, abi_version),
            std::mem::offset_of!(VTableHeader, abi_version)
        );
        assert_eq!(
            std::mem::offset_of!(PluginVTable, size),
            std::mem::offset_of!(VTableHeader, size)
        );
        assert!(
            PluginVTable::SIZE as usize >= size_of::<VTableHeader>() + 4 + 2 * size_of::<usize>()
        );
    }

    #[test]
    fn status_codes_round_trip() {
        for status in [Status::Answered, Status::Panicked] {
            assert_eq!(Status::from_code(status as u32), Some(status));
        }
        assert_eq!(Status::from_code(7), None);
    }
}
