//! Pages of the app and the root that provides configuration, language and the API client.

mod invoicing;
mod records;
mod shell;
mod start;

pub use invoicing::InvoicingPage;
pub use records::RecordsPage;
pub use shell::AppPages;
pub use start::SessionGate;

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::config::Config;
use crate::i18n::{I18n, Text};

/// The whole app: everything under one root class, so a host console's styles and ours never mix.
#[component]
pub fn App(
    /// Backend, language and the real-name verification page.
    config: Config,
) -> impl IntoView {
    let i18n = I18n(config.locale);
    provide_context(i18n);
    provide_context(ApiClient::new(&config));
    provide_context(config.clone());
    view! {
        <div class="inv-app" lang=config.locale.tag()>
            <header class="inv-header">
                <h1>{i18n.t(Text::PageInvoicing)}</h1>
            </header>
            <SessionGate/>
        </div>
    }
}
