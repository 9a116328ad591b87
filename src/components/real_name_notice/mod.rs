//! Why an account without real-name verification cannot apply, and where it verifies (R01).

use leptos::prelude::*;

use crate::i18n::{I18n, SessionText};

/// The notice above the tabs for an unverified account: why it cannot select or apply, and a
/// link to the user center's verification page.
#[component]
pub fn RealNameNotice(
    /// The verification page (`Config::real_name_url`).
    #[prop(into)]
    verify_url: String,
) -> impl IntoView {
    let i18n = I18n::use_context();
    view! {
        <section class="inv-real-name" data-testid="real-name-required">
            <h2 class="inv-real-name__title">
                {i18n.t(SessionText::RealNameTitle)}
            </h2>
            <p>{i18n.t(SessionText::RealNameWhy)}</p>
            <a class="inv-button inv-button--primary" href=verify_url data-testid="real-name-link">
                {i18n.t(SessionText::RealNameLink)}
            </a>
        </section>
    }
}
