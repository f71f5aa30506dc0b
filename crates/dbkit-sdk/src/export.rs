//! Turning a dialect crate into a plugin library: [`export_dialect!`](crate::export_dialect).

use std::marker::PhantomData;

use crate::abi::PluginHandler;
use crate::dialect::Dialect;
use crate::protocol::{self, PROTOCOL_VERSION};

/// The one dialect a plugin library exports. Implemented by
/// [`export_dialect!`](crate::export_dialect), not by hand.
#[doc(hidden)]
pub trait ExportedDialect: 'static {
    /// The dialect, made once.
    fn dialect() -> &'static dyn Dialect;
}

/// Answers the plugin's requests with the exported dialect `E`.
#[doc(hidden)]
pub struct DialectHandler<E>(PhantomData<E>);

impl<E: ExportedDialect> PluginHandler for DialectHandler<E> {
    const PROTOCOL_VERSION: u32 = PROTOCOL_VERSION;

    fn handle(request: &[u8]) -> Vec<u8> {
        protocol::serve(E::dialect(), request)
    }
}

/// Makes this crate a dbkit dialect plugin: exports the entry point dbkit looks for when it loads
/// the library, answering with the given dialect.
///
/// Write it once, at the end of `src/lib.rs`, in a crate whose `Cargo.toml` has
/// `crate-type = ["cdylib"]`. The dialect type must implement [`Dialect`] and [`Default`], or
/// be given with the value to use:
///
/// ```text
/// dbkit_sdk::export_dialect!(MyDialect);
/// dbkit_sdk::export_dialect!(MyDialect = MyDialect::new("mine"));
/// ```
///
/// The dialect is made on the first request and lives as long as the process. Panics inside it
/// are caught at the boundary and reported by dbkit as errors naming the plugin.
///
/// A library can export one dialect, and two crates that call this macro cannot be linked into
/// the same program (the entry point's name is fixed): keep the call in a crate that is only ever
/// built as a dynamic library.
#[macro_export]
macro_rules! export_dialect {
    ($dialect:ty) => {
        $crate::export_dialect!($dialect = <$dialect as ::core::default::Default>::default());
    };
    ($dialect:ty = $value:expr) => {
        $crate::export_dialect!(@abi_version $crate::abi::ABI_VERSION, $dialect = $value);
    };
    // Only for tests that need a plugin built against another ABI.
    (@abi_version $abi_version:expr, $dialect:ty = $value:expr) => {
        const _: () = {
            struct Exported;

            impl $crate::export::ExportedDialect for Exported {
                fn dialect() -> &'static dyn $crate::Dialect {
                    static DIALECT: ::std::sync::OnceLock<$dialect> = ::std::sync::OnceLock::new();
                    DIALECT.get_or_init(|| $value)
                }
            }

            $crate::abi::export_plugin!(@abi_version $abi_version, $crate::export::DialectHandler<Exported>);
        };
    };
}
