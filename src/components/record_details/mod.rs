//! One invoice's details (R25), as a region below the list: the invoice, its title as
//! submitted, the delivery, the remark, its application, and the documents it covers
//! ([`lines`]). Opening moves the focus to the region; Escape or "Close" closes it and puts
//! the focus back on the row's "Details" button.

mod lines;

use invoicing::invoice_record::{
    applied_day, ApplicationBasis, InvoiceMode, InvoiceRecordDetail, TitleSnapshot,
};
use invoicing::saved::TitleType;
use leptos::html::Section;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::embed::instance_id;
use crate::i18n::{I18n, RecordsText};
use crate::state::records::{DetailsState, DetailsStore};
use lines::RecordLines;

/// The details region, shown while an invoice is open.
#[component]
pub fn RecordDetails(details: DetailsStore) -> impl IntoView {
    let i18n = I18n::use_context();
    let open_id = details.open_id();
    let state = details.state();
    let region = NodeRef::<Section>::new();
    // The focus goes to the region when an invoice is opened.
    Effect::new(move |_| {
        if open_id.get().is_some() {
            if let Some(el) = region.get() {
                let _ = el.focus();
            }
        }
    });
    let close = move || {
        let id = open_id.get_untracked();
        details.close();
        if let Some(id) = id {
            focus_details_button(&id);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close();
        }
    };
    let body = move || match state.get() {
        DetailsState::Loading => view! {
            <p class="inv-loading" role="status">{i18n.t(RecordsText::DetailsLoading)}</p>
        }
        .into_any(),
        DetailsState::Failed(error) => {
            let message = error.user_message(i18n);
            view! {
                <div class="inv-alert" role="alert" data-testid="record-details-error">
                    <p class="inv-alert__title">{i18n.t(RecordsText::DetailsFailed)}</p>
                    <p>{message}</p>
                    <button type="button" class="inv-button inv-button--primary" data-testid="record-details-retry"
                        on:click=move |_| details.retry()>
                        {i18n.t(RecordsText::Retry)}
                    </button>
                </div>
            }
            .into_any()
        }
        DetailsState::Ready(detail) => view! { <DetailBody detail=*detail/> }.into_any(),
    };
    let heading_id = instance_id("record-details-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section
            class="inv-record-details"
            data-testid="record-details"
            aria-labelledby=labelled_by
            tabindex="-1"
            node_ref=region
            hidden=move || open_id.with(Option::is_none)
            on:keydown=on_keydown
        >
            <div class="inv-record-details__head">
                <h3 id=heading_id>
                    {i18n.t(RecordsText::DetailsHeading)} " " {move || open_id.get().unwrap_or_default()}
                </h3>
                <button type="button" class="inv-button" data-testid="close-details" on:click=move |_| close()>
                    {i18n.t(RecordsText::Close)}
                </button>
            </div>
            {move || open_id.with(Option::is_some).then(body)}
        </section>
    }
}

/// Puts the focus back on the "Details" button of the invoice's row, if it is still listed.
fn focus_details_button(invoice_id: &str) {
    let selector = format!(
        "tr[data-invoice-id=\"{}\"] [data-testid=open-details]",
        invoice_id.replace(['"', '\\'], "")
    );
    let button = document().query_selector(&selector).ok().flatten();
    if let Some(button) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = button.focus();
    }
}

/// One label and value of a description list.
fn item(i18n: I18n, label: RecordsText, value: Option<String>) -> impl IntoView {
    value.map(|v| {
        view! {
            <div class="inv-dl__item">
                <dt>{i18n.t(label)}</dt>
                <dd>{v}</dd>
            </div>
        }
    })
}

/// The loaded details.
#[component]
fn DetailBody(detail: InvoiceRecordDetail) -> impl IntoView {
    let i18n = I18n::use_context();
    let d = &detail;
    let status = match &d.reject_reason {
        Some(reason) => format!("{} · {}", i18n.record_status(d.status), reason),
        None => i18n.record_status(d.status).to_owned(),
    };
    let invoice = view! {
        <dl class="inv-dl" data-testid="record-details-invoice">
            {item(i18n, RecordsText::ColInvoice, Some(d.invoice_id.clone()))}
            {item(i18n, RecordsText::ColStatus, Some(status))}
            {item(i18n, RecordsText::ColNumber, d.invoice_number.clone())}
            {item(i18n, RecordsText::IssuedAt, d.issued_at.clone())}
            {item(i18n, RecordsText::ColEntity, Some(d.issuer_name.clone()))}
            {item(i18n, RecordsText::ColAmount, Some(d.amount.format_cny()))}
            {item(i18n, RecordsText::ColTaxRate, Some(d.tax_rate.percent()))}
            {item(i18n, RecordsText::ColType, Some(i18n.invoice_type(d.invoice_type).to_owned()))}
            {item(i18n, RecordsText::Remark, d.remark.clone())}
        </dl>
    };
    let delivery = view! {
        <dl class="inv-dl" data-testid="record-details-delivery">
            {item(i18n, RecordsText::Emails, d.emails.as_ref().map(|e| e.join(", ")))}
            {item(i18n, RecordsText::Address, d.address.as_ref().map(|a| {
                let postal = a.postal_code.as_deref().map(|p| format!(" {p}")).unwrap_or_default();
                format!("{} {} · {}{}{}{}{}", a.recipient, a.phone, a.province, a.city, a.district, a.street, postal)
            }))}
            {item(i18n, RecordsText::Tracking, d.tracking_number.clone())}
        </dl>
    };
    let application = view! {
        <dl class="inv-dl" data-testid="record-details-application">
            {item(i18n, RecordsText::ColApplication, Some(d.application_id.clone()))}
            {item(i18n, RecordsText::AppliedAt, Some(format!("{} ({})", applied_day(&d.created_at), d.created_at)))}
            {item(i18n, RecordsText::Mode, Some(mode_text(i18n, d.mode).to_owned()))}
            {item(i18n, RecordsText::Basis, Some(basis_text(i18n, d.basis).to_owned()))}
            {item(i18n, RecordsText::Applicant, Some(d.applicant_account_id.clone()))}
            {item(i18n, RecordsText::Accounts, Some(d.account_ids.join(", ")))}
        </dl>
    };
    view! {
        <div class="inv-record-details__grid">
            <section>
                <h4>{i18n.t(RecordsText::InvoiceSection)}</h4>
                {invoice}
            </section>
            <section>
                <h4>{i18n.t(RecordsText::TitleSection)}</h4>
                {title_info(i18n, &d.title_info)}
            </section>
            <section>
                <h4>{i18n.t(RecordsText::DeliverySection)}</h4>
                {delivery}
            </section>
            <section>
                <h4>{i18n.t(RecordsText::ApplicationSection)}</h4>
                {application}
            </section>
        </div>
        <RecordLines detail/>
    }
}

fn title_info(i18n: I18n, t: &TitleSnapshot) -> impl IntoView {
    let kind = match t.title_type {
        TitleType::Enterprise => RecordsText::TitleEnterprise,
        TitleType::Individual => RecordsText::TitleIndividual,
    };
    view! {
        <dl class="inv-dl" data-testid="record-details-title">
            {item(i18n, RecordsText::ColTitle, Some(t.title.clone()))}
            {item(i18n, RecordsText::TitleType, Some(i18n.t(kind).to_owned()))}
            {item(i18n, RecordsText::TaxId, t.tax_id.clone())}
            {item(i18n, RecordsText::Bank, t.bank_name.clone())}
            {item(i18n, RecordsText::BankAccount, t.bank_account.clone())}
            {item(i18n, RecordsText::RegisteredAddress, t.registered_address.clone())}
            {item(i18n, RecordsText::RegisteredPhone, t.registered_phone.clone())}
        </dl>
    }
}

fn mode_text(i18n: I18n, mode: InvoiceMode) -> &'static str {
    i18n.t(match mode {
        InvoiceMode::Independent => RecordsText::ModeIndependent,
        InvoiceMode::Consolidated => RecordsText::ModeConsolidated,
    })
}

fn basis_text(i18n: I18n, basis: ApplicationBasis) -> &'static str {
    i18n.t(match basis {
        ApplicationBasis::Order => RecordsText::BasisOrder,
        ApplicationBasis::Bill => RecordsText::BasisBill,
        ApplicationBasis::Amount => RecordsText::BasisAmount,
    })
}
