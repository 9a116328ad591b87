//! The progress of a basis's background loading: families loaded of the contract's `totalCount`.

use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::state::FamilyStore;

/// A progress bar while pages are still arriving; nothing once the last one has.
#[component]
pub fn LoadProgress(
    /// The basis's store.
    store: FamilyStore,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let progress = store.progress();
    let basis = store.basis();
    move || {
        let p = progress.get();
        let total = p.total.filter(|_| p.loading)?;
        let label = i18n.loaded_of(basis, p.loaded, total);
        let width = format!(
            "{}%",
            (p.loaded as u64 * 100)
                .checked_div(total)
                .unwrap_or(100)
                .min(100)
        );
        Some(view! {
            <div class="inv-progress">
                <div
                    class="inv-progress__bar"
                    role="progressbar"
                    data-testid="load-progress"
                    aria-label=i18n.t(Text::LoadingMore)
                    aria-valuemin="0"
                    aria-valuemax=total
                    aria-valuenow=p.loaded
                    aria-valuetext=label.clone()
                >
                    <div class="inv-progress__fill" style:width=width></div>
                </div>
                <span class="inv-progress__text">{label}</span>
            </div>
        })
    }
}
