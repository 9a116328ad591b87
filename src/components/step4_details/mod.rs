//! Step 4 (R17–R21): each invoice's title, type and delivery, then "Submit" with the
//! application's idempotency key. What is offered comes from the domain's details rules; the
//! e-mail list is validated as typed, each problem its own alert.

mod invoice_form;

use invoicing::api::Issuer;
use leptos::prelude::*;

use crate::components::{ApplicationRefusal, StepHeading};
use crate::embed::instance_id;
use crate::i18n::{ApplicationText, I18n};
use crate::state::{ApplicationFlow, Reference, SubmitState};
use invoice_form::InvoiceForm;

/// Step 4 of `flow`.
#[component]
pub fn Step4Details(
    /// The application's flow.
    flow: ApplicationFlow,
    /// The invoicing entities, for their names.
    #[prop(into)]
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let reference = flow.reference();
    let state = flow.submit_state();
    let entries = flow.entries();
    // A memo, so that typing (which changes an entry) does not draw the forms anew.
    let count = Memo::new(move |_| entries.with(Vec::len));
    let forms = move || match reference.get() {
        Reference::Loading => view! {
            <p class="inv-loading" role="status">{i18n.t(ApplicationText::ReferenceLoading)}</p>
        }
        .into_any(),
        Reference::Failed(error) => view! {
            <p class="inv-step__lead">{i18n.t(ApplicationText::ReferenceFailed)}</p>
            <ApplicationRefusal flow error on_retry=move |()| flow.load_reference()/>
        }
        .into_any(),
        Reference::Ready { .. } => (0..count.get())
            .map(|at| view! { <InvoiceForm flow at of=count.get() issuers/> })
            .collect_view()
            .into_any(),
    };
    let busy = move || state.with(SubmitState::is_busy);
    let complete = move || flow.details_complete();
    let status = move || match state.get() {
        SubmitState::Sending => Some(i18n.t(ApplicationText::Sending).to_owned()),
        SubmitState::Waiting { delay } => Some(i18n.retrying_in(delay.as_secs().max(1))),
        _ => (!complete()).then(|| i18n.t(ApplicationText::NotComplete).to_owned()),
    };
    let refusal = move || match state.get() {
        SubmitState::Refused(error) => Some(view! {
            <p class="inv-step__lead">{i18n.t(ApplicationText::Refused)}</p>
            <ApplicationRefusal flow error/>
        }),
        _ => None,
    };
    let new_split = flow.new_split();
    let heading_id = instance_id("step4-heading");
    let labelled_by = heading_id.clone();
    let status_id = instance_id("submit-status");
    let described_by = status_id.clone();
    view! {
        <section class="inv-step" aria-labelledby=labelled_by data-testid="step4">
            <StepHeading text=i18n.t(ApplicationText::StepDetails) id=heading_id/>
            <Show when=move || new_split.get()>
                <p class="inv-alert" role="alert" data-testid="new-split">{i18n.t(ApplicationText::NewSplit)}</p>
            </Show>
            {forms}
            {refusal}
            <div class="inv-step__actions">
                <button type="button" class="inv-button" data-testid="back" on:click=move |_| flow.back()>
                    {i18n.t(ApplicationText::Back)}
                </button>
                <p class="inv-next__reason" id=status_id aria-live="polite" data-testid="submit-status">
                    {status}
                </p>
                <button
                    type="button"
                    class="inv-button inv-button--primary"
                    data-testid="submit"
                    disabled=busy
                    aria-disabled=move || (busy() || !complete()).to_string()
                    aria-describedby=described_by
                    on:click=move |_| flow.submit()
                >
                    {i18n.t(ApplicationText::Submit)}
                </button>
            </div>
        </section>
    }
}
