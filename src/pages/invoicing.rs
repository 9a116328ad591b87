//! The "Invoicing" page, tab "By order details": its store, load state, the grid and the summary.

use invoicing::api::Basis;
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{FamilyGrid, LoadError, LoadProgress, SelectionNotice, SelectionSummary};
use crate::i18n::{I18n, Text};
use crate::state::{FamilyStore, LoadStatus};

/// Creates the orders' store, loads it once mounted and shows it; a failed load offers a retry
/// that keeps whatever was already shown and checked and goes on from the page that failed.
#[component]
pub fn InvoicingPage() -> impl IntoView {
    let store = FamilyStore::new(Basis::Order);
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
    let progress = store.progress();
    let has_rows = move || progress.with(|p| p.loaded > 0);
    let empty = move || {
        (status.get() == LoadStatus::Ready && !progress.with(|p| p.loading) && !has_rows())
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
                <LoadProgress store/>
                <SelectionNotice store/>
                {empty}
                <Show when=has_rows>
                    <FamilyGrid store/>
                </Show>
            </div>
            <SelectionSummary store/>
        </section>
    }
}

/// What the page says while the first page of families loads.
fn loading_notice(i18n: I18n) -> impl IntoView {
    view! {
        <p class="inv-loading" role="status" data-testid="loading">
            {i18n.t(Text::Loading)}
        </p>
    }
}
