//! The panel of one basis with a grid (*by order details*, *by monthly bill*): its filters, load
//! state, the grid, the summary and "Next".

use invoicing::api::Issuer;
use leptos::prelude::*;

use super::next_step;
use crate::api::ApiClient;
use crate::components::{
    FamilyGrid, FilterBar, LoadError, LoadProgress, NextStep, SelectionNotice, SelectionSummary,
};
use crate::i18n::{I18n, Text};
use crate::state::{
    arrears_settlements, selection_readiness, FamilyStore, FilterForm, LoadStatus, Session,
};

/// Shows `store` as it loads; a failed load offers a retry that keeps whatever was already
/// shown and checked and goes on from the page that failed.
#[component]
pub fn FamilyPanel(
    /// The basis's store, created and loaded by the page.
    store: FamilyStore,
    /// The basis's filters, created by the page.
    form: FilterForm,
    /// Who is signed in.
    session: Session,
    /// The invoicing entities, for the entity filter.
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let i18n = I18n::use_context();

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
    let known = Signal::stored(Some(session.clone()));
    let readiness = selection_readiness(store, known, arrears_settlements(store, known));

    view! {
        <FilterBar store form session issuers/>
        {banner}
        <LoadProgress store/>
        <SelectionNotice store/>
        {empty}
        <Show when=has_rows>
            <FamilyGrid store/>
        </Show>
        <SelectionSummary store session=known/>
        <NextStep readiness on_next=next_step()/>
    }
}

/// What the panel says while the first page of families loads.
fn loading_notice(i18n: I18n) -> impl IntoView {
    view! {
        <p class="inv-loading" role="status" data-testid="loading">
            {i18n.t(Text::Loading)}
        </p>
    }
}
