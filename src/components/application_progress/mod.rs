//! The application's progress: step 2 → 3 → 4 → result, the current one marked (R29).

use leptos::prelude::*;

use crate::i18n::{ApplicationText, I18n};
use crate::state::FlowStep;

/// An ordered list of the steps with `aria-current="step"` on the one shown.
#[component]
pub fn ApplicationProgress(
    /// The step shown.
    #[prop(into)]
    step: Signal<FlowStep>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let steps = [
        (FlowStep::Choose, ApplicationText::StepChoose),
        (FlowStep::Split, ApplicationText::StepSplit),
        (FlowStep::Details, ApplicationText::StepDetails),
        (FlowStep::Done, ApplicationText::StepDone),
    ];
    let items = steps
        .into_iter()
        .map(|(s, text)| {
            let current = move || step.get() == s;
            let done = move || step.get().number() > s.number();
            view! {
                <li
                    class="inv-progress__step"
                    class:inv-progress__step--current=current
                    class:inv-progress__step--done=done
                    aria-current=move || current().then_some("step")
                    data-step=s.number()
                >
                    {i18n.t(text)}
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="inv-progress" aria-label=i18n.t(ApplicationText::Progress) data-testid="progress">
            <ol>{items}</ol>
        </nav>
    }
}
