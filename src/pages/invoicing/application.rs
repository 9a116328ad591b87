//! Steps 3, 4 and the result on the invoicing page (R15–R23, R29): the progress, and the step
//! the flow shows; step 2 (the tabs) stays mounted, hidden, so Back loses nothing.

use invoicing::api::Issuer;
use invoicing::application::ApplicationBasis;
use leptos::prelude::*;

use crate::components::{ApplicationResult, Step3Preview, Step4Details};
use crate::state::{
    arrears_settlements, selection_readiness, ApplicationFlow, FlowStep, LoadStatus, Session,
    SubmitState,
};

/// The step of `flow` other than step 2, or nothing on step 2.
#[component]
pub fn ApplicationSteps(flow: ApplicationFlow, issuers: Signal<Vec<Issuer>>) -> impl IntoView {
    let step = flow.step();
    let state = flow.submit_state();
    move || match step.get() {
        FlowStep::Choose => ().into_any(),
        FlowStep::Split => view! { <Step3Preview flow issuers/> }.into_any(),
        FlowStep::Details => view! { <Step4Details flow issuers/> }.into_any(),
        FlowStep::Done => match state.get_untracked() {
            SubmitState::Done(created) => {
                view! { <ApplicationResult flow created issuers/> }.into_any()
            }
            _ => ().into_any(),
        },
    }
}

/// Whether the draft's basis can go on to step 3 after a reload (R22): a grid once every page
/// arrived (the saved families checked again) and its "Next" would be enabled; by amount once
/// its "Next" would be.
pub fn ready_to_resume(
    flow: ApplicationFlow,
    basis: ApplicationBasis,
    session: &Session,
    amount_ready: Signal<bool>,
) -> Signal<bool> {
    let Some(store) = flow.grid_store(basis) else {
        return amount_ready;
    };
    let known = Signal::stored(Some(session.clone()));
    let readiness = selection_readiness(store, known, arrears_settlements(store, known));
    let (status, progress) = (store.status(), store.progress());
    Signal::derive(move || {
        status.get() == LoadStatus::Ready
            && !progress.with(|p| p.loading)
            && readiness.with(Result::is_ok)
    })
}
