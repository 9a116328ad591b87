//! The offline banner (R30): while the browser is offline, a status line says so, that nothing
//! is lost and that the app retries when the network is back.

use leptos::prelude::*;

use crate::i18n::{FaultText, I18n};
use crate::state::Connectivity;

/// `data-testid=offline`, `role=status`, shown only while offline.
#[component]
pub fn ConnectionNotice(connectivity: Connectivity) -> impl IntoView {
    let i18n = I18n::use_context();
    let online = connectivity.online();
    move || {
        (!online.get()).then(|| {
            view! {
                <p class="inv-notice inv-notice--offline" role="status" data-testid="offline">
                    {i18n.t(FaultText::Offline)}
                </p>
            }
        })
    }
}
