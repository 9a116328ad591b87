//! What the page shows when the backend could not be read: what failed, and a Retry button (R30).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{I18n, Text};

/// A failed load with its reason and a way to try again.
#[component]
pub fn LoadError(
    /// What went wrong.
    error: ApiError,
    /// What could not be loaded; the consumption records when not given.
    #[prop(optional)]
    title: Option<&'static str>,
    /// Called when the user asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let message = error.user_message(i18n);
    let code = error
        .code()
        .map(str::to_owned)
        .or_else(|| error.status().map(|s| format!("HTTP {s}")));
    view! {
        <div class="inv-alert" role="alert" data-testid="load-error">
            <p class="inv-alert__title">{title.unwrap_or_else(|| i18n.t(Text::LoadFailed))}</p>
            <p>{message}</p>
            {code.map(|c| view! { <p class="inv-alert__code">{c}</p> })}
            <button type="button" class="inv-button inv-button--primary" data-testid="retry" on:click=move |_| on_retry.run(())>
                {i18n.t(Text::Retry)}
            </button>
        </div>
    }
}
