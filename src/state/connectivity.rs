//! Whether the browser is online, as a signal (R30): `navigator.onLine` at start, then the
//! window's `online` and `offline` events. The offline banner shows it; the requests themselves
//! wait for the network ([`crate::api::online`]), so reads that failed offline are retried when
//! it is back.

use leptos::prelude::*;

use crate::api::online::is_online;

/// The browser's connection. `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connectivity {
    online: RwSignal<bool>,
}

impl Connectivity {
    /// Follows the window's `online`/`offline` events until the current owner is cleaned up.
    pub fn follow() -> Connectivity {
        let online = RwSignal::new(is_online());
        let on = window_event_listener(leptos::ev::online, move |_| online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
        Connectivity { online }
    }

    pub fn online(self) -> Signal<bool> {
        self.online.into()
    }
}
