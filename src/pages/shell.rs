//! The pages after the session has loaded: the page tabs, the invoicing page (always mounted,
//! hidden while the records show, so nothing chosen is lost) and the records page (mounted the
//! first time it is shown, then kept). [`PageNav`] is in the context for both.

use invoicing::api::Issuer;
use leptos::prelude::*;

use super::{InvoicingPage, RecordsPage};
use crate::components::{Page, PageNav, PageTabs};
use crate::state::Session;

/// The page tabs and the two pages.
#[component]
pub fn AppPages(session: Session, issuers: Vec<Issuer>) -> impl IntoView {
    let nav = PageNav::new();
    provide_context(nav);
    let records_shown = Signal::derive(move || nav.page.get() == Page::Records);
    let visited = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false) || records_shown.get()
    });
    let records_session = session.clone();
    view! {
        <PageTabs nav/>
        <div class="inv-page-panel" data-testid="apply-page" hidden=move || records_shown.get()>
            <InvoicingPage session issuers/>
        </div>
        <div class="inv-page-panel" hidden=move || !records_shown.get()>
            {move || visited.get().then(|| untrack(|| view! {
                <RecordsPage session=records_session.clone() shown=records_shown/>
            }))}
        </div>
    }
}
