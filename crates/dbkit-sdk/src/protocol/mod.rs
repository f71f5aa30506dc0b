//! What a dialect plugin and dbkit say to each other.
//!
//! Every call of a [`Dialect`](crate::Dialect) method on a plugin crosses the library boundary as
//! a [`Request`] (the method and its arguments, the same serde structures the core uses) written
//! as UTF-8 JSON, and comes back as a [`Response`]. The plugin side is [`serve`]; the host side is
//! [`RemoteDialect`], a `Dialect` that forwards each method. Both are generated from the one list
//! of methods in `methods.rs`, so that a new `Dialect` method is one appended line there.
//!
//! # Versions
//!
//! [`PROTOCOL_VERSION`] counts the changes to the list of methods. Appending a method increments
//! it, and the method records the version it appeared in ([`Method::since`]): a host keeps
//! talking to an older plugin and never sends it a method it does not know (the call fails with
//! a message asking to rebuild the plugin). [`OLDEST_PROTOCOL_VERSION`] is the oldest version a
//! host still understands; it moves only when an existing method changes its arguments or answer.

mod methods;
mod remote;
mod serve;

use serde::{Deserialize, Serialize};

pub use methods::Method;
pub use remote::{RemoteDialect, RemoteError, RemoteProblem, Transport, TransportError};
pub use serve::serve;

use crate::error::DialectError;

/// The version of the protocol this SDK speaks: the number of changes to the list of methods.
pub const PROTOCOL_VERSION: u32 = 1;

/// The oldest protocol version this SDK, as a host, still understands.
pub const OLDEST_PROTOCOL_VERSION: u32 = 1;

/// One call of a dialect method, as sent to a plugin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request<'a> {
    /// The protocol version the request is written in (the plugin's own, once agreed).
    pub protocol: u32,
    /// The method and its arguments.
    pub method: Method<'a>,
}

/// A plugin's answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The method's result (for methods that return a `Result`, its `Ok` value).
    Value(serde_json::Value),
    /// The method returned this error: the dialect cannot render the input.
    DialectError(DialectError),
    /// The plugin could not understand the request (an unknown method or version).
    Refused {
        /// Why, in the plugin's words.
        reason: String,
    },
}
