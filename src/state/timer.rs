//! A timer that frees its callback when it is dropped or cleared.
//!
//! Leptos' `set_timeout_with_handle` hands its callback to JavaScript for good
//! (`Closure::once_into_js`): a timeout cleared before it fires keeps its closure in the
//! WebAssembly memory for the life of the page. The request deadlines, the draft's save pause
//! and the filters' typing pauses clear a timeout on nearly every keystroke or request, so they
//! use [`Timer`] instead: the closure is owned here and dropped with the timer.

use std::time::Duration;

use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// A pending `setTimeout`: runs its callback once after its delay unless dropped (or
/// [`Timer::clear`]ed) first. `Send + Sync` only to sit in a `StoredValue`; the page has one
/// thread.
pub struct Timer(SendWrapper<Inner>);

struct Inner {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    /// Starts a timer; `None` without a window (never in a browser).
    pub fn start(callback: impl FnOnce() + 'static, after: Duration) -> Option<Timer> {
        let mut callback = Some(callback);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(run) = callback.take() {
                run();
            }
        });
        let ms = i32::try_from(after.as_millis()).unwrap_or(i32::MAX);
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Timer(SendWrapper::new(Inner {
            id,
            _callback: callback,
        })))
    }

    /// Stops the timer (if it has not fired yet) and frees its callback.
    pub fn clear(self) {}
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

impl std::fmt::Debug for Timer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Timer").field(&self.0.id).finish()
    }
}
