//! The start of the app: who is signed in (`GET /profile`, `GET /accounts`) and the invoicing
//! entities (`GET /issuers`) are read before the invoicing page shows, since what it may do
//! depends on them (R01, R04, R12, R13).

use leptos::prelude::*;

use super::AppPages;
use crate::api::ApiClient;
use crate::components::LoadError;
use crate::config::Config;
use crate::i18n::{I18n, SessionText};
use crate::state::{SessionLoad, SessionStatus};

/// Reads the session and the entities, showing that it does; then the pages (the page tabs,
/// the invoicing page and the records page) with them as their props. A failure says what failed and offers a retry.
#[component]
pub fn SessionGate() -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let i18n = I18n::use_context();
    let expected_account = use_context::<Config>().and_then(|c| c.account_id);
    let load = SessionLoad::new().expecting_account(expected_account);
    load.load(client.clone());
    let status = load.status();
    move || match status.get() {
        SessionStatus::Loading => view! {
            <p class="inv-loading" role="status" data-testid="session-loading">
                {i18n.t(SessionText::SessionLoading)}
            </p>
        }
        .into_any(),
        SessionStatus::Failed(error) => {
            let client = client.clone();
            let retry = move |_| load.load(client.clone());
            view! {
                <LoadError error title=i18n.t(SessionText::SessionLoadFailed) on_retry=retry/>
            }
            .into_any()
        }
        SessionStatus::Ready { session, issuers } => {
            view! { <AppPages session issuers/> }.into_any()
        }
    }
}
