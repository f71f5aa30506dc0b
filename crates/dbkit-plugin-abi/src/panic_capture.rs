//! Catching a panic inside a plugin and keeping its message and location.
//!
//! The standard panic hook prints the message to standard error; inside a plugin call the message
//! is sent to the host instead, which reports it as an ordinary error naming the plugin. A hook is
//! installed once, and it only acts on the thread while that thread is inside a plugin call: any
//! other panic goes to the hook that was there before.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

thread_local! {
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static CAPTURED: RefCell<Option<String>> = const { RefCell::new(None) };
}

static INSTALL_HOOK: Once = Once::new();

/// Runs `work`; if it panics, returns the panic's message and location instead of unwinding.
pub(crate) fn catch_panic<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    INSTALL_HOOK.call_once(install_hook);
    let was_capturing = CAPTURING.with(|capturing| capturing.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(work));
    CAPTURING.with(|capturing| capturing.set(was_capturing));
    outcome.map_err(|payload| {
        let captured = CAPTURED.with(|captured| captured.borrow_mut().take());
        let message =
            captured.unwrap_or_else(|| format!("panicked: {}", payload_text(payload.as_ref())));
        // A payload of a custom type could itself panic while being dropped; there is no one
        // left to catch that, so it is kept alive instead (a panic is already a bug to fix).
        std::mem::forget(payload);
        message
    })
}

fn install_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
        let capturing = CAPTURING.try_with(Cell::get).unwrap_or(false);
        if capturing {
            let text = payload_text(info.payload());
            let message = match info.location() {
                Some(location) => format!("panicked at {location}: {text}"),
                None => format!("panicked: {text}"),
            };
            let _ = CAPTURED.try_with(|captured| {
                if let Ok(mut captured) = captured.try_borrow_mut() {
                    *captured = Some(message);
                }
            });
        } else {
            previous(info);
        }
    }));
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_value_when_nothing_panics() {
        assert_eq!(catch_panic(|| 40 + 2), Ok(42));
    }

    #[test]
    fn returns_the_message_and_location_of_a_panic() {
        let line = line!() + 1;
        let outcome: Result<(), String> = catch_panic(|| panic!("the {} is broken", "widget"));
        let message = outcome.expect_err("the closure panics");
        assert!(message.starts_with("panicked at "), "{message}");
        assert!(
            message.contains(&format!("panic_capture.rs:{line}:")),
            "{message}"
        );
        assert!(message.ends_with(": the widget is broken"), "{message}");
    }

    #[test]
    fn keeps_working_after_a_panic() {
        let _ = catch_panic(|| panic!("first"));
        assert_eq!(catch_panic(|| "second"), Ok("second"));
        let message = catch_panic(|| panic!("third")).expect_err("the closure panics");
        assert!(message.ends_with(": third"), "{message}");
    }
}
