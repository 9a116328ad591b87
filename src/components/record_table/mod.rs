//! The records list (R24): a table of invoices, newest first as served, with the count, "Load
//! more", the empty, loading and error states, and a notice when the list had to start over.

mod row;

use leptos::prelude::*;

use crate::i18n::{I18n, RecordsText};
use crate::state::records::{DetailsStore, FileStates, ListNotice, ListStatus, RecordsStore};
pub use row::failure_text;
use row::RecordRow;

/// The table and its states.
#[component]
pub fn RecordTable(store: RecordsStore, details: DetailsStore, files: FileStates) -> impl IntoView {
    let i18n = I18n::use_context();
    let items = store.items();
    let status = store.status();
    let first_loading = move || matches!(status.get(), ListStatus::Loading { more: false });
    let failed = move || match status.get() {
        ListStatus::Failed { error, .. } => Some(error),
        _ => None,
    };
    let empty = move || status.get() == ListStatus::Ready && items.with(Vec::is_empty);
    let th = move |text: RecordsText| view! { <th scope="col">{i18n.t(text)}</th> };

    view! {
        <div class="inv-records-list">
            <p class="inv-records-list__count" role="status" data-testid="records-count">
                {move || i18n.records_shown(items.with(Vec::len), store.total().get())}
            </p>
            {move || (store.notice().get() == Some(ListNotice::CursorExpired)).then(|| view! {
                <p class="inv-notice" role="status" data-testid="records-notice">
                    {i18n.t(RecordsText::CursorExpired)}
                </p>
            })}
            {move || first_loading().then(|| view! {
                <p class="inv-loading" role="status" data-testid="records-loading">
                    {i18n.t(RecordsText::Loading)}
                </p>
            })}
            {move || failed().map(|error| {
                let message = error.user_message(i18n);
                view! {
                    <div class="inv-alert" role="alert" data-testid="records-error">
                        <p class="inv-alert__title">{i18n.t(RecordsText::LoadFailed)}</p>
                        <p>{message}</p>
                        <button type="button" class="inv-button inv-button--primary" data-testid="records-retry"
                            on:click=move |_| store.retry()>
                            {i18n.t(RecordsText::Retry)}
                        </button>
                    </div>
                }
            })}
            {move || empty().then(|| view! {
                <p class="inv-empty" data-testid="records-empty">{i18n.t(RecordsText::Empty)}</p>
            })}
            <div class="inv-records-table-wrap" hidden=move || items.with(Vec::is_empty)>
                <table class="inv-records-table" aria-busy=move || first_loading().to_string()>
                    <caption class="inv-visually-hidden">{i18n.t(RecordsText::TableCaption)}</caption>
                    <thead>
                        <tr>
                            {th(RecordsText::ColApplied)}
                            {th(RecordsText::ColApplication)}
                            {th(RecordsText::ColInvoice)}
                            {th(RecordsText::ColEntity)}
                            {th(RecordsText::ColTitle)}
                            {th(RecordsText::ColAmount)}
                            {th(RecordsText::ColTaxRate)}
                            {th(RecordsText::ColType)}
                            {th(RecordsText::ColStatus)}
                            {th(RecordsText::ColNumber)}
                            {th(RecordsText::ColActions)}
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || items.get()
                            key=|r| (r.invoice_id.clone(), r.status, r.invoice_number.clone())
                            children=move |record| view! { <RecordRow record details files/> }
                        />
                    </tbody>
                </table>
            </div>
            {move || store.has_more().then(|| {
                let loading = move || matches!(status.get(), ListStatus::Loading { more: true });
                view! {
                    <button type="button" class="inv-button" data-testid="records-more"
                        disabled=loading
                        on:click=move |_| store.more()>
                        {move || i18n.t(if loading() { RecordsText::LoadingMore } else { RecordsText::LoadMore })}
                    </button>
                }
            })}
        </div>
    }
}
