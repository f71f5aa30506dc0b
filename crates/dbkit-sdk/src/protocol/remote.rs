//! The host side: a [`Dialect`](crate::Dialect) whose every method is answered by a plugin.

use std::sync::{Mutex, PoisonError};

use serde::de::DeserializeOwned;

use super::methods::Method;
use super::{OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, Request, Response};
use crate::error::DialectError;
use crate::info::DialectInfo;

/// Carries request bytes to a plugin and its answer back (a loaded library, or memory in tests).
pub trait Transport: Send + Sync {
    /// Sends one request and returns the plugin's answer.
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError>;
}

/// Why a [`Transport`] returned no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The plugin panicked; the message usually says where.
    #[error("{0}")]
    Panicked(String),
    /// The answer could not be received.
    #[error("{0}")]
    Failed(String),
}

/// Why talking to a plugin failed, as opposed to the plugin reporting a [`DialectError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("plugin {plugin}: {problem}")]
pub struct RemoteError {
    /// The plugin, as the user named it (its path).
    pub plugin: String,
    /// What went wrong.
    pub problem: RemoteProblem,
}

/// What went wrong in a [`RemoteError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemoteProblem {
    /// The plugin speaks a protocol version this host does not understand.
    #[error(
        "it speaks protocol version {found}; this dbkit understands versions {oldest} to {newest}: rebuild the plugin against dbkit-sdk {sdk}"
    )]
    IncompatibleProtocol {
        /// The plugin's protocol version.
        found: u32,
        /// The oldest version this host understands.
        oldest: u32,
        /// The newest version this host understands.
        newest: u32,
        /// The version of this SDK, to rebuild against.
        sdk: String,
    },
    /// The method appeared in a protocol version newer than the plugin's.
    #[error(
        "it speaks protocol version {protocol}, which has no `{method}` (added in version {since}): rebuild the plugin against dbkit-sdk {sdk}"
    )]
    MethodTooNew {
        /// The method that was not sent.
        method: String,
        /// The version the method appeared in.
        since: u32,
        /// The plugin's protocol version.
        protocol: u32,
        /// The version of this SDK, to rebuild against.
        sdk: String,
    },
    /// The plugin panicked while answering.
    #[error("it panicked in `{method}`: {message}")]
    Panicked {
        /// The method that was called.
        method: String,
        /// The panic message and location.
        message: String,
    },
    /// The request could not be sent or its answer not received.
    #[error("calling `{method}` failed: {message}")]
    Transport {
        /// The method that was called.
        method: String,
        /// What failed.
        message: String,
    },
    /// The plugin's answer is not what the protocol says (garbage, or the wrong shape).
    #[error("its answer to `{method}` is not valid: {reason}")]
    InvalidResponse {
        /// The method that was called.
        method: String,
        /// What is wrong with the answer.
        reason: String,
    },
    /// The plugin could not understand the request.
    #[error("it refused `{method}`: {reason}")]
    Refused {
        /// The method that was called.
        method: String,
        /// The plugin's reason.
        reason: String,
    },
}

impl From<RemoteError> for DialectError {
    fn from(error: RemoteError) -> DialectError {
        DialectError::Invalid {
            location: format!("plugin {}", error.plugin),
            message: error.problem.to_string(),
        }
    }
}

/// A [`Dialect`](crate::Dialect) implemented by a plugin on the other side of a [`Transport`].
///
/// Every method is forwarded as it is called, so a plugin's overrides of the default methods are
/// the ones that run. The dialect's [`DialectInfo`] is asked for once, by
/// [`RemoteDialect::connect`], and kept.
///
/// A failure to talk to the plugin (a panic, a garbled answer) becomes a [`DialectError`] naming
/// the plugin. The few methods that cannot return an error (`quote_identifier`, `quote_string`,
/// `column_list`, `primary_key_is_inline`) return an empty value instead and keep the failure,
/// which the next fallible method returns, so that no script is completed with it; see
/// [`RemoteDialect::take_failure`].
#[derive(Debug)]
pub struct RemoteDialect<T> {
    plugin: String,
    transport: T,
    protocol: u32,
    info: DialectInfo,
    failure: Mutex<Option<RemoteError>>,
}

impl<T: Transport> RemoteDialect<T> {
    /// Checks that `protocol`, the plugin's protocol version, is one this host understands, then
    /// asks the plugin for its [`DialectInfo`]. `plugin` names the plugin in messages (its path).
    pub fn connect(
        plugin: &str,
        transport: T,
        protocol: u32,
    ) -> Result<RemoteDialect<T>, RemoteError> {
        let fail = |problem| RemoteError {
            plugin: plugin.to_string(),
            problem,
        };
        if !(OLDEST_PROTOCOL_VERSION..=PROTOCOL_VERSION).contains(&protocol) {
            return Err(fail(RemoteProblem::IncompatibleProtocol {
                found: protocol,
                oldest: OLDEST_PROTOCOL_VERSION,
                newest: PROTOCOL_VERSION,
                sdk: env!("CARGO_PKG_VERSION").to_string(),
            }));
        }
        let placeholder = DialectInfo::new("", "", "", 0);
        let mut dialect = RemoteDialect {
            plugin: plugin.to_string(),
            transport,
            protocol,
            info: placeholder,
            failure: Mutex::new(None),
        };
        dialect.info = match dialect.send::<DialectInfo>(Method::Info {})? {
            Ok(info) => info,
            Err(error) => {
                return Err(fail(RemoteProblem::InvalidResponse {
                    method: "info".to_string(),
                    reason: format!(
                        "`info` cannot fail, but the plugin returned the error \"{error}\""
                    ),
                }));
            }
        };
        Ok(dialect)
    }

    /// The plugin's name in messages (its path).
    pub fn plugin(&self) -> &str {
        &self.plugin
    }

    /// What carries the requests.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The protocol version the plugin speaks.
    pub fn protocol_version(&self) -> u32 {
        self.protocol
    }

    /// The failure kept by a method that could not return it, if the next fallible method has
    /// not returned it yet.
    pub fn take_failure(&self) -> Option<RemoteError> {
        self.failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }

    pub(super) fn cached_info(&self) -> DialectInfo {
        self.info.clone()
    }

    pub(super) fn forward_fallible<R: DeserializeOwned>(
        &self,
        method: Method<'_>,
    ) -> Result<R, DialectError> {
        if let Some(failure) = self.take_failure() {
            return Err(failure.into());
        }
        match self.send(method) {
            Ok(result) => result,
            Err(failure) => Err(failure.into()),
        }
    }

    pub(super) fn forward_infallible<R: DeserializeOwned + Default>(
        &self,
        method: Method<'_>,
    ) -> R {
        let name = method.name();
        let failure = match self.send(method) {
            Ok(Ok(value)) => return value,
            Ok(Err(error)) => RemoteError {
                plugin: self.plugin.clone(),
                problem: RemoteProblem::InvalidResponse {
                    method: name.to_string(),
                    reason: format!(
                        "the method cannot fail, but the plugin returned the error \"{error}\""
                    ),
                },
            },
            Err(failure) => failure,
        };
        let mut kept = self.failure.lock().unwrap_or_else(PoisonError::into_inner);
        kept.get_or_insert(failure);
        R::default()
    }

    /// Sends one request: `Ok(Ok(value))` is the method's value, `Ok(Err(..))` the error the
    /// dialect returned, and `Err(..)` a failure to talk to the plugin.
    fn send<R: DeserializeOwned>(
        &self,
        method: Method<'_>,
    ) -> Result<Result<R, DialectError>, RemoteError> {
        let name = method.name();
        let fail = |problem| RemoteError {
            plugin: self.plugin.clone(),
            problem,
        };
        if method.since() > self.protocol {
            return Err(fail(RemoteProblem::MethodTooNew {
                method: name.to_string(),
                since: method.since(),
                protocol: self.protocol,
                sdk: env!("CARGO_PKG_VERSION").to_string(),
            }));
        }
        let request = Request {
            protocol: self.protocol,
            method,
        };
        let bytes = serde_json::to_vec(&request).map_err(|error| {
            fail(RemoteProblem::Transport {
                method: name.to_string(),
                message: format!("cannot write the request: {error}"),
            })
        })?;
        let answer = self.transport.call(&bytes).map_err(|error| {
            fail(match error {
                TransportError::Panicked(message) => RemoteProblem::Panicked {
                    method: name.to_string(),
                    message,
                },
                TransportError::Failed(message) => RemoteProblem::Transport {
                    method: name.to_string(),
                    message,
                },
            })
        })?;
        let invalid = |reason: String| {
            fail(RemoteProblem::InvalidResponse {
                method: name.to_string(),
                reason,
            })
        };
        let response: Response = serde_json::from_slice(&answer).map_err(|error| {
            invalid(format!(
                "{error} (the answer begins with {})",
                preview(&answer)
            ))
        })?;
        match response {
            Response::Value(value) => match serde_json::from_value::<R>(value) {
                Ok(value) => Ok(Ok(value)),
                Err(error) => Err(invalid(error.to_string())),
            },
            Response::DialectError(error) => Ok(Err(error)),
            Response::Refused { reason } => Err(fail(RemoteProblem::Refused {
                method: name.to_string(),
                reason,
            })),
        }
    }
}

/// The first bytes of an answer, quoted, for a message about it.
fn preview(answer: &[u8]) -> String {
    const LIMIT: usize = 40;
    let text = String::from_utf8_lossy(&answer[..answer.len().min(LIMIT)]);
    let ellipsis = if answer.len() > LIMIT { "..." } else { "" };
    format!("{text:?}{ellipsis}")
}
