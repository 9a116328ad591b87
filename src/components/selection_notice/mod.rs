//! What changed the selection without a click: a reload that unchecked families (R05, R07), and
//! what "select all" did (R09). Said in a polite live region, never silently.

use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::state::FamilyStore;

/// The notices of one basis's selection.
#[component]
pub fn SelectionNotice(
    /// The basis's store.
    store: FamilyStore,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let basis = store.basis();
    let dropped = store.dropped_notice();
    let select_all = store.select_all_notice();
    let dropped_view = move || {
        dropped.get().map(|d| {
            view! {
                <div class="inv-notice inv-notice--warning" data-testid="selection-notice">
                    <span>{i18n.dropped(basis, d)}</span>
                    <button
                        type="button"
                        class="inv-button inv-button--small"
                        on:click=move |_| store.dismiss_dropped_notice()
                    >
                        {i18n.t(Text::Dismiss)}
                    </button>
                </div>
            }
        })
    };
    let select_all_view = move || {
        select_all.get().map(|n| {
            view! {
                <div class="inv-notice" data-testid="select-all-notice">
                    {i18n.selected_all(basis, n.checked, n.continuing)}
                </div>
            }
        })
    };
    view! {
        <div class="inv-notices" role="status" aria-live="polite">
            {dropped_view}
            {select_all_view}
        </div>
    }
}
