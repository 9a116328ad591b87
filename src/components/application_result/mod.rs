//! The result of a submission (R21): the application's id, its invoices, a button that opens
//! the records page filtered to this application (issue 8), and "Start another application"
//! (step 2, a fresh start).

use invoicing::api::Issuer;
use invoicing::application::ApplicationCreated;
use leptos::prelude::*;

use crate::components::step3_preview::invoice_label;
use crate::components::{PageNav, StepHeading};
use crate::embed::instance_id;
use crate::i18n::{ApplicationText, I18n};
use crate::state::ApplicationFlow;

/// The created application.
#[component]
pub fn ApplicationResult(
    /// The application's flow, for "Start another application".
    flow: ApplicationFlow,
    created: ApplicationCreated,
    /// The invoicing entities, for their names.
    #[prop(into)]
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let nav = use_context::<PageNav>();
    let (application_id, mode) = (created.application_id.clone(), created.mode);
    let rows = created
        .invoices
        .iter()
        .map(|inv| {
            let planned = invoicing::application::PlannedInvoice {
                issuer_id: inv.issuer_id.clone(),
                tax_rate: inv.tax_rate.clone(),
                account_ids: inv.account_ids.clone(),
                amount: inv.amount,
            };
            let label = issuers.with_untracked(|list| invoice_label(&planned, list));
            view! {
                <li data-testid="created-invoice" data-invoice-id=inv.invoice_id.clone() data-amount=inv.amount.to_contract_string()>
                    <span class="inv-result__id">{inv.invoice_id.clone()}</span>
                    " · " {label} " · " {inv.amount.format_cny()} " · "
                    {i18n.t(ApplicationText::StatusPending)}
                </li>
            }
        })
        .collect_view();
    let heading_id = instance_id("result-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="inv-step inv-result" aria-labelledby=labelled_by data-testid="result">
            <StepHeading text=i18n.t(ApplicationText::ResultHeading) id=heading_id/>
            <p>
                {i18n.t(ApplicationText::ApplicationId)} ": "
                <strong data-testid="application-id">{created.application_id.clone()}</strong>
            </p>
            <ul class="inv-result__invoices">{rows}</ul>
            <div class="inv-step__actions">
                <button
                    type="button"
                    class="inv-button"
                    data-testid="records-link"
                    on:click=move |_| {
                        if let Some(nav) = nav {
                            nav.show_application(application_id.clone(), mode);
                        }
                    }
                >
                    {i18n.t(ApplicationText::RecordsLink)}
                </button>
                <button
                    type="button"
                    class="inv-button inv-button--primary"
                    data-testid="new-application"
                    on:click=move |_| {
                        flow.start_another();
                        request_animation_frame(focus_selected_tab);
                    }
                >
                    {i18n.t(ApplicationText::NewApplication)}
                </button>
            </div>
        </section>
    }
}

/// Puts the focus on the selected tab of step 2 once it is shown again (R29): the button that
/// had it is gone.
fn focus_selected_tab() {
    use wasm_bindgen::JsCast;
    let tab = document()
        .query_selector(".inv-step2 [role=tab][aria-selected=true]")
        .ok()
        .flatten();
    if let Some(tab) = tab.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = tab.focus();
    }
}
