//! The session-expired notice (R22, R30): after a `401` the page keeps everything, says that
//! the session expired, links to the sign-in page (the host's `signInUrl`, in a new tab so the
//! page stays) and offers "Resume", which tries again everything that failed with the `401`.

use leptos::prelude::*;

use crate::config::Config;
use crate::i18n::{FaultText, I18n};
use crate::state::SessionWatch;

/// `data-testid=session-expired` (`role=alert`) with the link `data-testid=session-sign-in`
/// and the button `data-testid=session-resume`; shown while the session is expired.
#[component]
pub fn SessionNotice(watch: SessionWatch) -> impl IntoView {
    let i18n = I18n::use_context();
    let sign_in_url = use_context::<Config>()
        .map(|c| c.sign_in_url)
        .unwrap_or_else(|| crate::config::DEFAULT_SIGN_IN_URL.to_owned());
    let expired = watch.is_expired();
    move || {
        let sign_in_url = sign_in_url.clone();
        expired.get().then(move || {
            view! {
                <div class="inv-alert inv-session-notice" role="alert" data-testid="session-expired">
                    <p class="inv-alert__title">{i18n.t(FaultText::SessionExpiredTitle)}</p>
                    <p>{i18n.t(FaultText::SessionExpiredBody)}</p>
                    <p class="inv-session-notice__actions">
                        <a
                            href=sign_in_url
                            target="_blank"
                            rel="noopener"
                            data-testid="session-sign-in"
                        >
                            {i18n.t(FaultText::SignIn)}
                        </a>
                        " "
                        <button
                            type="button"
                            class="inv-button inv-button--primary"
                            data-testid="session-resume"
                            on:click=move |_| watch.resume()
                        >
                            {i18n.t(FaultText::Resume)}
                        </button>
                    </p>
                </div>
            }
        })
    }
}
