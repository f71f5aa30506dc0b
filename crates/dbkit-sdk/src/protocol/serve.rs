//! The plugin side: answering one request with a dialect.

use super::methods::dispatch;
use super::{OLDEST_PROTOCOL_VERSION, PROTOCOL_VERSION, Request, Response};
use crate::dialect::Dialect;

/// Answers one request (UTF-8 JSON of a [`Request`]) with `dialect`, as JSON of a [`Response`].
///
/// This is what a plugin's exported `call` function runs; it never fails; a request it cannot
/// read is answered with [`Response::Refused`].
pub fn serve(dialect: &dyn Dialect, request: &[u8]) -> Vec<u8> {
    let response = match serde_json::from_slice::<Request<'_>>(request) {
        Err(error) => Response::Refused {
            reason: format!("cannot read the request: {error}"),
        },
        Ok(request)
            if !(OLDEST_PROTOCOL_VERSION..=PROTOCOL_VERSION).contains(&request.protocol) =>
        {
            Response::Refused {
                reason: format!(
                    "the request is written in protocol version {}, and this plugin speaks versions {OLDEST_PROTOCOL_VERSION} to {PROTOCOL_VERSION}",
                    request.protocol
                ),
            }
        }
        Ok(request) => dispatch(dialect, &request.method),
    };
    match serde_json::to_vec(&response) {
        Ok(bytes) => bytes,
        Err(_) => br#"{"refused":{"reason":"the plugin could not write its answer"}}"#.to_vec(),
    }
}
