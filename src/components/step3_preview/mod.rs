//! Step 3 (R15, R16): independent or consolidated invoicing when the selection holds records of
//! more than one account, and the exact invoices the server will issue (entity, tax rate,
//! accounts, amount) with their total; any difference from the app's own split is shown.

mod split_table;

use invoicing::api::Issuer;
use invoicing::application::Mode;
use invoicing::confirmation::SplitDifference;
use leptos::prelude::*;

use crate::components::{ApplicationRefusal, StepHeading};
use crate::embed::instance_id;
use crate::i18n::{ApplicationText, I18n};
use crate::state::{ApplicationFlow, PreviewState};
pub use split_table::{invoice_label, SplitTable};

/// Step 3 of `flow`: the mode, the preview (loading, failed with Retry, or the invoices), Back
/// and Next.
#[component]
pub fn Step3Preview(
    /// The application's flow.
    flow: ApplicationFlow,
    /// The invoicing entities, for their names.
    #[prop(into)]
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let preview = flow.preview();
    let ready = move || preview.with(|p| matches!(p, PreviewState::Ready(_)));
    let body = move || match preview.get() {
        PreviewState::Idle | PreviewState::Loading => view! {
            <p class="inv-loading" role="status" data-testid="preview-loading">
                {i18n.t(ApplicationText::PreviewLoading)}
            </p>
        }
        .into_any(),
        PreviewState::Failed(error) => view! {
            <p class="inv-step__lead">{i18n.t(ApplicationText::PreviewFailed)}</p>
            <ApplicationRefusal flow error on_retry=move |()| flow.load_preview()/>
        }
        .into_any(),
        PreviewState::Ready(view) => {
            let differences = differences_alert(i18n, &view.differences, &issuers.get_untracked());
            view! {
                {differences}
                <SplitTable flow invoices=view.preview.invoices total=view.preview.total_amount issuers/>
            }
            .into_any()
        }
    };
    let heading_id = instance_id("step3-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="inv-step" aria-labelledby=labelled_by data-testid="step3">
            <StepHeading text=i18n.t(ApplicationText::StepSplit) id=heading_id/>
            <Show when=move || flow.offers_mode_choice().get()>
                <ModeChoice flow/>
            </Show>
            {body}
            <div class="inv-step__actions">
                <button type="button" class="inv-button" data-testid="back" on:click=move |_| flow.back()>
                    {i18n.t(ApplicationText::Back)}
                </button>
                <button
                    type="button"
                    class="inv-button inv-button--primary"
                    data-testid="to-details"
                    disabled=move || !ready()
                    on:click=move |_| flow.to_details()
                >
                    {i18n.t(ApplicationText::Next)}
                </button>
            </div>
        </section>
    }
}

/// The two radios of R15.
#[component]
fn ModeChoice(flow: ApplicationFlow) -> impl IntoView {
    let i18n = I18n::use_context();
    let mode = flow.mode();
    let radio = move |m: Mode, testid: &'static str, text: ApplicationText| {
        view! {
            <label class="inv-mode__option">
                <input
                    type="radio"
                    name="inv-mode"
                    value=m.as_str()
                    data-testid=testid
                    prop:checked=move || mode.get() == m
                    on:change=move |_| flow.choose_mode(m)
                />
                {i18n.t(text)}
            </label>
        }
    };
    view! {
        <fieldset class="inv-mode" data-testid="mode">
            <legend>{i18n.t(ApplicationText::ModeLegend)}</legend>
            {radio(Mode::Independent, "mode-independent", ApplicationText::ModeIndependent)}
            {radio(Mode::Consolidated, "mode-consolidated", ApplicationText::ModeConsolidated)}
        </fieldset>
    }
}

/// Every difference between the app's split and the server's, never hidden (R16).
fn differences_alert(
    i18n: I18n,
    differences: &[SplitDifference],
    issuers: &[Issuer],
) -> Option<impl IntoView> {
    if differences.is_empty() {
        return None;
    }
    let lines = differences
        .iter()
        .map(|d| {
            let text = match d {
                SplitDifference::Amount { server, ours } => i18n.split_difference(
                    &invoice_label(server, issuers),
                    Some(server.amount),
                    Some(*ours),
                ),
                SplitDifference::OnlyServer(s) => {
                    i18n.split_difference(&invoice_label(s, issuers), Some(s.amount), None)
                }
                SplitDifference::OnlyOurs(o) => {
                    i18n.split_difference(&invoice_label(o, issuers), None, Some(o.amount))
                }
            };
            view! { <li data-testid="split-difference">{text}</li> }
        })
        .collect_view();
    Some(view! {
        <div class="inv-alert" role="alert" data-testid="split-differences">
            <p class="inv-alert__title">{i18n.t(ApplicationText::SplitDiffers)}</p>
            <ul>{lines}</ul>
        </div>
    })
}
