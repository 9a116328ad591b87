//! The height of an element's visible content box, kept up to date by a `ResizeObserver`.
//!
//! The grid fits whatever element it is given, so its height is measured, never computed from
//! the window.

use leptos::html::Div;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Until the element is measured the grid draws as if it were this tall.
const UNMEASURED: u32 = 600;

/// `clientHeight` of the element behind `target`, updated on every resize.
///
/// ```ignore
/// let viewport = NodeRef::<Div>::new();
/// let height = use_client_height(viewport);
/// view! { <div node_ref=viewport>{move || height.get()}</div> }
/// ```
pub fn use_client_height(target: NodeRef<Div>) -> ReadSignal<u32> {
    let (height, set_height) = signal(UNMEASURED);
    Effect::new(move |_| {
        let Some(element) = target.get() else {
            return;
        };
        let measured = element.client_height();
        if measured > 0 {
            set_height.set(measured as u32);
        }
        let observed = element.clone();
        let callback = Closure::<dyn FnMut()>::new(move || {
            let h = observed.client_height();
            if h > 0 {
                set_height.set(h as u32);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
            return;
        };
        observer.observe(&element);
        let held = SendWrapper::new((observer, callback));
        on_cleanup(move || {
            let (observer, _callback) = held.take();
            observer.disconnect();
        });
    });
    height
}
