//! Whether the browser is online (`navigator.onLine`) and a future that resolves when it is
//! back (`online` on `window`). A request whose attempt failed without an answer while the
//! browser is offline waits for the network instead of using up its attempts (R30); the page's
//! offline banner says why it waits.

use futures::channel::oneshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// `navigator.onLine`; `true` when it cannot be read. Read through the property (not a
/// binding of the prototype's getter), so a test can stub it.
pub fn is_online() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    js_sys::Reflect::get(&window, &JsValue::from_str("navigator"))
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("onLine")))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Resolves at the next `online` event (at once without a window). The listener is removed
/// when it fires or when the future is dropped.
pub async fn back_online() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (done, wait) = oneshot::channel::<()>();
    let mut done = Some(done);
    let callback = Closure::<dyn FnMut()>::new(move || {
        if let Some(done) = done.take() {
            let _ = done.send(());
        }
    });
    let function: &js_sys::Function = callback.as_ref().unchecked_ref();
    if window
        .add_event_listener_with_callback("online", function)
        .is_err()
    {
        return;
    }
    let _listener = Listener { window, callback };
    let _ = wait.await;
}

/// Removes the `online` listener when dropped.
struct Listener {
    window: web_sys::Window,
    callback: Closure<dyn FnMut()>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("online", self.callback.as_ref().unchecked_ref());
    }
}
