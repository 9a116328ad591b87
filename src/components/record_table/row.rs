//! One invoice of the records list: its fields, the status in words (a rejection with its
//! reason), "Details", and for an invoiced invoice "Download invoice" with its status.

use invoicing::invoice_record::{applied_day, InvoiceRecord, InvoiceStatus};
use leptos::prelude::*;

use crate::i18n::{I18n, RecordsText};
use crate::state::records::{DetailsStore, FileFailure, FileState, FileStates};

/// A row of the table.
#[component]
pub fn RecordRow(record: InvoiceRecord, details: DetailsStore, files: FileStates) -> impl IntoView {
    let i18n = I18n::use_context();
    let id = record.invoice_id.clone();
    let open_id = details.open_id();
    let is_open = {
        let id = id.clone();
        Memo::new(move |_| open_id.with(|o| o.as_deref() == Some(id.as_str())))
    };
    let reason = (record.status == InvoiceStatus::Rejected).then(|| {
        let text = record.reject_reason.clone().unwrap_or_default();
        view! {
            <span class="inv-records-table__reason">
                {i18n.t(RecordsText::RejectReason)}
                <span data-testid="reject-reason">{text}</span>
            </span>
        }
    });
    let download = (record.status == InvoiceStatus::Invoiced).then(|| {
        let (id, number) = (id.clone(), record.invoice_number.clone());
        let state = {
            let id = id.clone();
            Memo::new(move |_| files.download_state(&id))
        };
        let label = i18n.download_of(&id);
        view! {
            <button type="button" class="inv-button inv-button--small" data-testid="download-invoice"
                aria-label=label
                disabled=move || state.get() == FileState::Running
                on:click=move |_| files.download(id.clone(), number.clone())>
                {i18n.t(RecordsText::Download)}
            </button>
            <span class="inv-records-table__file" role="status" data-testid="download-status">
                {move || download_text(i18n, &state.get())}
            </span>
        }
    });
    let open = {
        let id = id.clone();
        move |_| details.open(id.clone())
    };
    view! {
        <tr
            data-testid="record-row"
            data-invoice-id=record.invoice_id.clone()
            data-application-id=record.application_id.clone()
            data-status=record.status.as_str()
            class:inv-records-table__row--open=is_open
        >
            <td class="inv-records-table__day">{applied_day(&record.created_at).to_owned()}</td>
            <td class="inv-mono">{record.application_id.clone()}</td>
            <td class="inv-mono">{record.invoice_id.clone()}</td>
            <td>{record.issuer_name.clone()}</td>
            <td>{record.title.clone()}</td>
            <td class="inv-num" data-amount=record.amount.to_contract_string()>{record.amount.format_cny()}</td>
            <td class="inv-num">{record.tax_rate.percent()}</td>
            <td>{i18n.invoice_type(record.invoice_type)}</td>
            <td>
                <span class=format!("inv-status inv-status--{}", record.status.as_str())>
                    {i18n.record_status(record.status)}
                </span>
                {reason}
            </td>
            <td class="inv-mono">{record.invoice_number.clone().unwrap_or_else(|| i18n.t(RecordsText::None).to_owned())}</td>
            <td class="inv-records-table__actions">
                <button type="button" class="inv-button inv-button--small" data-testid="open-details"
                    aria-label=i18n.details_of(&id)
                    aria-expanded=move || is_open.get().to_string()
                    on:click=open>
                    {i18n.t(RecordsText::Details)}
                </button>
                {download}
            </td>
        </tr>
    }
}

/// The download's state in words; empty when idle.
fn download_text(i18n: I18n, state: &FileState) -> String {
    match state {
        FileState::Idle => String::new(),
        FileState::Running => i18n.t(RecordsText::Downloading).to_owned(),
        FileState::Saved(name) => i18n.downloaded(name),
        FileState::Failed(failure) => {
            format!(
                "{} {}",
                i18n.t(RecordsText::DownloadFailed),
                failure_text(i18n, failure)
            )
        }
    }
}

/// Why a file was not saved, in words: the contract's codes translated.
pub fn failure_text(i18n: I18n, failure: &FileFailure) -> String {
    match failure {
        FileFailure::Api(error) => match error.code() {
            Some("INVOICE_FILE_NOT_AVAILABLE") => i18n.t(RecordsText::FileNotAvailable).to_owned(),
            Some("NOT_FOUND") => i18n.t(RecordsText::NotFound).to_owned(),
            _ => error.user_message(i18n),
        },
        FileFailure::Save(_) => i18n.t(RecordsText::SaveFailed).to_owned(),
    }
}
