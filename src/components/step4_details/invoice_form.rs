//! One invoice's details (R17–R20): its group and amount, the title (only those the account may
//! choose), the type (only those the title allows), and the e-mail list or the mailing address.
//! Each control is described (`aria-describedby`) by the box of its problems, announced as
//! they appear (`role=alert`), so a screen reader reads them with the field (R29).

use invoicing::api::Issuer;
use invoicing::application::InvoiceType;
use invoicing::confirmation::invoice_field;
use invoicing::details::{delivery, Delivery};
use leptos::prelude::*;

use crate::components::application_refusal::problem_words;
use crate::components::step3_preview::invoice_label;
use crate::embed::instance_id;
use crate::i18n::{ApplicationText, I18n};
use crate::state::{ApplicationFlow, SubmitState};

/// The form of invoice `at` of `of`.
#[component]
pub fn InvoiceForm(
    flow: ApplicationFlow,
    at: usize,
    of: usize,
    #[prop(into)] issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let entries = flow.entries();
    let entry = Memo::new(move |_| entries.with(|e| e.get(at).cloned()));
    let prefix = StoredValue::new(instance_id(&format!("invoice-{at}")));
    let id = move |field: &str| prefix.with_value(|p| format!("{p}-{field}"));
    let label = move || {
        entry.with(|e| {
            e.as_ref().map(|e| {
                format!(
                    "{} · {}",
                    issuers.with(|list| invoice_label(&e.invoice, list)),
                    e.invoice.amount.format_cny()
                )
            })
        })
    };
    let title_id = move || entry.with(|e| e.as_ref().and_then(|e| e.title_id.clone()));
    let invoice_type = move || {
        entry.with(|e| {
            e.as_ref()
                .map_or(InvoiceType::GeneralElectronic, |e| e.invoice_type)
        })
    };
    let titles = move || {
        let chosen = title_id();
        let offered = flow.titles_offered();
        if offered.is_empty() {
            return view! { <option value="">{i18n.t(ApplicationText::NoTitle)}</option> }
                .into_any();
        }
        offered
            .into_iter()
            .map(|t| {
                let selected = chosen.as_deref() == Some(t.id.as_str());
                view! { <option value=t.id.clone() selected=selected>{t.title.clone()}</option> }
            })
            .collect_view()
            .into_any()
    };
    let types = move || {
        let chosen = invoice_type();
        flow.types_offered(at)
            .into_iter()
            .map(|t| {
                view! {
                    <option value=t.as_str() selected=chosen == t>{i18n.invoice_type(t)}</option>
                }
            })
            .collect_view()
    };
    let paper_note = move || {
        (!flow.types_offered(at).contains(&InvoiceType::SpecialPaper)).then(
            || view! { <p class="inv-field__hint">{i18n.t(ApplicationText::PaperNeedsTitle)}</p> },
        )
    };
    // Problems the backend named for this invoice's fields (R23).
    let server_problems = move |field: &'static str| {
        let state = flow.submit_state();
        move || {
            match state.get() {
            SubmitState::Refused(error) => error
                .errors()
                .iter()
                .filter(|e| {
                    e.field
                        .as_deref()
                        .and_then(invoice_field)
                        .is_some_and(|(i, f)| i == at && f.starts_with(field))
                })
                .map(|e| {
                    view! {
                        <p class="inv-field__error" role="alert" data-testid="field-problem" data-code=e.code.clone()>
                            {problem_words(i18n, &e.code, &e.message)}
                        </p>
                    }
                })
                .collect_view(),
            _ => Vec::new().collect_view(),
        }
        }
    };
    let email_problems = move || {
        entry
            .with(|e| {
                e.as_ref()
                    .filter(|e| e.touched)
                    .map(|e| e.email_problems())
                    .unwrap_or_default()
            })
            .into_iter()
            .map(|p| {
                view! {
                    <p class="inv-field__error" role="alert" data-testid="email-problem" data-code=p.code()>
                        {i18n.email_problem(&p)}
                    </p>
                }
            })
            .collect_view()
    };
    let invalid = move || {
        entry.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.touched && !e.email_problems().is_empty())
        })
    };
    let emails_text =
        move || entry.with(|e| e.as_ref().map(|e| e.emails.clone()).unwrap_or_default());
    let address_id = move || entry.with(|e| e.as_ref().and_then(|e| e.address_id.clone()));
    let addresses = move || {
        let chosen = address_id();
        let list = flow.addresses();
        if list.is_empty() {
            return view! { <option value="">{i18n.t(ApplicationText::NoAddress)}</option> }
                .into_any();
        }
        list.into_iter()
            .map(|a| {
                let selected = chosen.as_deref() == Some(a.id.as_str());
                let text = format!(
                    "{} {} · {}{}{}{}",
                    a.recipient, a.phone, a.province, a.city, a.district, a.street
                );
                view! { <option value=a.id.clone() selected=selected>{text}</option> }
            })
            .collect_view()
            .into_any()
    };
    let delivery_view = move || match delivery(invoice_type()) {
        Delivery::Email => view! {
            <div class="inv-field">
                <label for=id("emails")>{i18n.t(ApplicationText::EmailsLabel)}</label>
                <textarea
                    id=id("emails")
                    rows="2"
                    data-testid="emails"
                    aria-invalid=move || invalid().to_string()
                    aria-describedby=id("emails-problems")
                    prop:value=emails_text
                    on:input=move |ev| flow.type_emails(at, event_target_value(&ev))
                ></textarea>
                <div id=id("emails-problems")>
                    {email_problems}
                    {server_problems("emails")}
                </div>
            </div>
        }
        .into_any(),
        Delivery::Post => view! {
            <div class="inv-field">
                <label for=id("address")>{i18n.t(ApplicationText::AddressLabel)}</label>
                <select
                    id=id("address")
                    data-testid="address-select"
                    aria-describedby=id("address-problems")
                    on:change=move |ev| flow.choose_address(at, event_target_value(&ev))
                >
                    {addresses}
                </select>
                <div id=id("address-problems")>{server_problems("addressId")}</div>
            </div>
        }
        .into_any(),
    };
    view! {
        <fieldset class="inv-invoice" data-testid="invoice-form" data-index=at>
            <legend>{i18n.invoice_number(at, of)} " · " {label}</legend>
            {server_problems("amount")}
            <div class="inv-field">
                <label for=id("title")>{i18n.t(ApplicationText::TitleLabel)}</label>
                <select
                    id=id("title")
                    data-testid="title-select"
                    aria-describedby=id("title-problems")
                    on:change=move |ev| flow.choose_title(at, event_target_value(&ev))
                >
                    {titles}
                </select>
                <div id=id("title-problems")>{server_problems("titleId")}</div>
            </div>
            <div class="inv-field">
                <label for=id("type")>{i18n.t(ApplicationText::TypeLabel)}</label>
                <select
                    id=id("type")
                    data-testid="invoice-type"
                    aria-describedby=id("type-problems")
                    on:change=move |ev| {
                        let t = InvoiceType::ALL
                            .into_iter()
                            .find(|t| t.as_str() == event_target_value(&ev));
                        if let Some(t) = t {
                            flow.choose_type(at, t);
                        }
                    }
                >
                    {types}
                </select>
                <div id=id("type-problems")>
                    {paper_note}
                    {server_problems("invoiceType")}
                </div>
            </div>
            {delivery_view}
        </fieldset>
    }
}
