//! "Export details" (R26): the CSV of the records matching the filters the list shows, saved as
//! a file; the button is disabled while it runs, then a status names the file, or says why it
//! failed with a Retry.

use leptos::prelude::*;

use crate::components::record_table::failure_text;
use crate::i18n::{I18n, RecordsText};
use crate::state::records::{FileState, FileStates, RecordsStore};

/// The export button and its status.
#[component]
pub fn RecordExport(store: RecordsStore, files: FileStates) -> impl IntoView {
    let i18n = I18n::use_context();
    let state = files.export_state();
    let running = move || state.get() == FileState::Running;
    let export = move || files.export(untrack(|| store.filters.query()));
    let status = move || {
        match state.get() {
        FileState::Idle => None,
        FileState::Running => Some(view! { <span>{i18n.t(RecordsText::Exporting)}</span> }.into_any()),
        FileState::Saved(name) => Some(view! { <span>{i18n.exported(&name)}</span> }.into_any()),
        FileState::Failed(failure) => Some(
            view! {
                <span>{i18n.t(RecordsText::ExportFailed)} " " {failure_text(i18n, &failure)}</span>
                " "
                <button type="button" class="inv-link-button" data-testid="export-retry" on:click=move |_| export()>
                    {i18n.t(RecordsText::Retry)}
                </button>
            }
            .into_any(),
        ),
    }
    };
    view! {
        <div class="inv-records-export">
            <button type="button" class="inv-button" data-testid="export-csv"
                disabled=running aria-disabled=move || running().to_string()
                on:click=move |_| export()>
                {move || i18n.t(if running() { RecordsText::Exporting } else { RecordsText::Export })}
            </button>
            <span class="inv-records-export__status" role="status" data-testid="export-status">{status}</span>
        </div>
    }
}
