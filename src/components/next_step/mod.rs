//! "Next" and, beside it, why it is not enabled yet (R14).

use invoicing::readiness::NotReady;
use leptos::prelude::*;

use crate::i18n::{ArrearsText, I18n};

/// The "Next" button (`[data-testid=next]`) with the reason it is disabled beside it
/// (`[data-testid=next-reason]`, announced politely, and the button's description).
///
/// The page decides readiness; this component only shows it. For the order and bill tabs pass
/// [`crate::state::selection_readiness`]; for the *by amount* tab a signal of
/// [`invoicing::readiness::amount_readiness`]. While not ready the button is `disabled` (and
/// `aria-disabled`), so it cannot be clicked or submitted; the reason is empty when ready.
#[component]
pub fn NextStep(
    /// `Ok(())` when the choice is valid; otherwise why not, shown beside the button.
    #[prop(into)]
    readiness: Signal<Result<(), NotReady>>,
    /// Called when the user activates "Next" while it is enabled.
    on_next: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let ready = move || readiness.with(Result::is_ok);
    let reason = move || readiness.with(|r| r.as_ref().err().map(|r| i18n.not_ready(r)));
    // Unique per mounted component, so two tabs' buttons never share a description.
    let reason_id = {
        thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        format!("inv-next-reason-{}", NEXT.with(|n| n.replace(n.get() + 1)))
    };
    view! {
        <div class="inv-next">
            <p
                id=reason_id.clone()
                class="inv-next__reason"
                data-testid="next-reason"
                aria-live="polite"
            >
                {reason}
            </p>
            <button
                type="button"
                class="inv-button inv-button--primary"
                data-testid="next"
                disabled=move || !ready()
                aria-disabled=move || (!ready()).to_string()
                aria-describedby=reason_id
                on:click=move |_| {
                    if readiness.with_untracked(Result::is_ok) {
                        on_next.run(());
                    }
                }
            >
                {i18n.t(ArrearsText::Next)}
            </button>
        </div>
    }
}
