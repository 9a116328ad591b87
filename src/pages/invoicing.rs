//! The "Invoicing" page, tab "By order details": load state, the family grid and the summary.

use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{FamilyGrid, LoadError, SelectionSummary};
use crate::i18n::{I18n, Text};
use crate::state::{FamilyStore, LoadStatus};

/// Loads the order families once mounted and shows them; a failed load offers a retry that
/// keeps whatever was already shown and checked.
#[component]
pub fn InvoicingPage() -> impl IntoView {
    let store = FamilyStore::expect();
    let client = expect_context::<ApiClient>();
    let i18n = I18n::use_context();
    store.load(client.clone());

    let status = store.status();
    let banner = move || match status.get() {
        LoadStatus::Loading => Some(loading_notice(i18n).into_any()),
        LoadStatus::Failed(error) => {
            let client = client.clone();
            let retry = move |_| store.load(client.clone());
            Some(view! { <LoadError error=error on_retry=retry/> }.into_any())
        }
        LoadStatus::Ready => None,
    };
    let rows = store.rows();
    let empty = move || {
        (status.get() == LoadStatus::Ready && rows.with(Vec::is_empty))
            .then(|| view! { <p class="inv-empty">{i18n.t(Text::EmptyGrid)}</p> })
    };

    view! {
        <section class="inv-page">
            <div class="inv-tabs" role="tablist">
                <button type="button" role="tab" aria-selected="true" class="inv-tab inv-tab--active">
                    {i18n.t(Text::TabByOrder)}
                </button>
            </div>
            <div role="tabpanel" class="inv-tabpanel">
                {banner}
                {empty}
                <Show when=move || rows.with(|r| !r.is_empty())>
                    <div class="inv-grid-scroll">
                        <FamilyGrid/>
                    </div>
                </Show>
            </div>
            <SelectionSummary/>
        </section>
    }
}

/// What the page says while families load.
fn loading_notice(i18n: I18n) -> impl IntoView {
    view! {
        <p class="inv-loading" role="status" data-testid="loading">
            {i18n.t(Text::Loading)}
        </p>
    }
}
