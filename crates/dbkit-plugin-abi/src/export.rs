//! The plugin side: the functions a plugin's table points to, and the macro that exports it.
//!
//! A plugin never writes `unsafe` code itself: [`export_plugin!`](crate::export_plugin) (used by
//! `dbkit_sdk::export_dialect!`) expands to the exported entry point, whose table points to the
//! generic functions of this module.
#![allow(unsafe_code)]

use std::ptr;

use crate::panic_capture::catch_panic;
use crate::vtable::{ABI_VERSION, PluginVTable, Status};

/// What a plugin does with a request, as plain bytes in and bytes out.
///
/// `dbkit_sdk` implements it for every dialect; this crate only carries the bytes across the
/// boundary and catches panics.
pub trait PluginHandler: 'static {
    /// The version of the request protocol `handle` understands, written into the table.
    const PROTOCOL_VERSION: u32;

    /// Answers one request. A panic is caught and reported to the host as [`Status::Panicked`].
    fn handle(request: &[u8]) -> Vec<u8>;
}

/// The table of a plugin whose requests `H` answers.
pub const fn vtable<H: PluginHandler>() -> PluginVTable {
    vtable_with_abi::<H>(ABI_VERSION)
}

/// The table of a plugin whose requests `H` answers, claiming `abi_version`: only for tests that
/// need a plugin built against another ABI.
#[doc(hidden)]
pub const fn vtable_with_abi<H: PluginHandler>(abi_version: u32) -> PluginVTable {
    PluginVTable {
        abi_version,
        size: PluginVTable::SIZE,
        protocol_version: H::PROTOCOL_VERSION,
        call: Some(call::<H>),
        free: Some(free),
    }
}

/// The table's `call`: runs `H::handle` and hands the answer over to the host.
///
/// # Safety
///
/// `request` must point to `request_len` readable bytes (or be null with `request_len` 0), and
/// `response` and `response_len` must be valid for writes or null. The answer written there must
/// be released with [`free`] (null pointers mean the host wants no answer: it is dropped here).
pub unsafe extern "C" fn call<H: PluginHandler>(
    request: *const u8,
    request_len: usize,
    response: *mut *mut u8,
    response_len: *mut usize,
) -> u32 {
    let request: &[u8] = if request.is_null() || request_len == 0 {
        &[]
    } else {
        // SAFETY: the caller guarantees `request` points to `request_len` readable bytes, which
        // stay untouched for the duration of this call.
        unsafe { std::slice::from_raw_parts(request, request_len) }
    };
    let (status, answer) = match catch_panic(|| H::handle(request)) {
        Ok(answer) => (Status::Answered, answer),
        Err(message) => (Status::Panicked, message.into_bytes()),
    };
    let answer = Box::into_raw(answer.into_boxed_slice());
    let len = answer.len();
    let data = answer.cast::<u8>();
    if response.is_null() || response_len.is_null() {
        // SAFETY: `data` and `len` come from `Box::into_raw` just above and are released once.
        unsafe { free(data, len) };
    } else {
        // SAFETY: the caller guarantees both pointers are valid for writes.
        unsafe {
            response.write(data);
            response_len.write(len);
        }
    }
    status as u32
}

/// The table's `free`: releases an answer of [`call`].
///
/// # Safety
///
/// `buffer` and `len` must be exactly what [`call`] of this same library wrote, and each answer
/// may be released only once. A null `buffer` is ignored.
pub unsafe extern "C" fn free(buffer: *mut u8, len: usize) {
    if buffer.is_null() {
        return;
    }
    // SAFETY: the caller guarantees `buffer` and `len` describe a `Box<[u8]>` that `call` turned
    // into a raw pointer and that has not been released yet; rebuilding the box releases it with
    // the allocator that made it, this library's.
    drop(unsafe { Box::from_raw(ptr::slice_from_raw_parts_mut(buffer, len)) });
}

/// Exports the table of a plugin whose requests `$handler` (a [`PluginHandler`]) answers, as the
/// entry point [`ENTRY_SYMBOL`](crate::ENTRY_SYMBOL).
///
/// Write it once per library. Dialect plugins do not use it directly but
/// `dbkit_sdk::export_dialect!`, which calls it.
#[macro_export]
macro_rules! export_plugin {
    ($handler:ty) => {
        $crate::export_plugin!(@abi_version $crate::ABI_VERSION, $handler);
    };
    // Only for tests that need a plugin built against another ABI.
    (@abi_version $abi_version:expr, $handler:ty) => {
        /// The entry point dbkit looks up when it loads this library as a plugin.
        #[unsafe(no_mangle)]
        pub extern "C" fn dbkit_plugin() -> *const $crate::PluginVTable {
            static VTABLE: $crate::PluginVTable = $crate::export::vtable_with_abi::<$handler>($abi_version);
            &VTABLE
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;

    impl PluginHandler for Echo {
        const PROTOCOL_VERSION: u32 = 9;

        fn handle(request: &[u8]) -> Vec<u8> {
            if request == b"panic" {
                panic!("asked to panic");
            }
            let mut answer = b"echo: ".to_vec();
            answer.extend_from_slice(request);
            answer
        }
    }

    fn call_echo(request: &[u8]) -> (Option<Status>, Vec<u8>) {
        let table = vtable::<Echo>();
        let call = table.call.expect("the table has a call");
        let free = table.free.expect("the table has a free");
        let mut data = ptr::null_mut();
        let mut len = 0;
        // SAFETY: the request is a live slice and both out-pointers are valid locals.
        let status = unsafe { call(request.as_ptr(), request.len(), &mut data, &mut len) };
        // SAFETY: `call` wrote the address and length of a buffer it allocated.
        let answer = unsafe { std::slice::from_raw_parts(data, len) }.to_vec();
        // SAFETY: the buffer came from this table's `call` and is released once.
        unsafe { free(data, len) };
        (Status::from_code(status), answer)
    }

    #[test]
    fn the_table_carries_the_versions_and_its_size() {
        let table = vtable::<Echo>();
        assert_eq!(table.abi_version, ABI_VERSION);
        assert_eq!(table.size, PluginVTable::SIZE);
        assert_eq!(table.protocol_version, 9);
    }

    #[test]
    fn call_answers_through_the_handler() {
        assert_eq!(
            call_echo(b"hello"),
            (Some(Status::Answered), b"echo: hello".to_vec())
        );
        assert_eq!(call_echo(b""), (Some(Status::Answered), b"echo: ".to_vec()));
    }

    #[test]
    fn call_turns_a_panic_into_a_message() {
        let (status, answer) = call_echo(b"panic");
        assert_eq!(status, Some(Status::Panicked));
        let message = String::from_utf8(answer).expect("the message is UTF-8");
        assert!(message.ends_with(": asked to panic"), "{message}");
        assert_eq!(
            call_echo(b"again"),
            (Some(Status::Answered), b"echo: again".to_vec())
        );
    }

    #[test]
    fn call_without_room_for_an_answer_drops_it() {
        let call = vtable::<Echo>().call.expect("the table has a call");
        // SAFETY: null out-pointers are allowed and mean "no answer wanted".
        let status = unsafe { call(b"x".as_ptr(), 1, ptr::null_mut(), ptr::null_mut()) };
        assert_eq!(Status::from_code(status), Some(Status::Answered));
    }
}
