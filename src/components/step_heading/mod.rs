//! The heading of a step of the application, focused when the step appears (R29), so that a
//! keyboard or screen-reader user starts reading the new step.

use leptos::html;
use leptos::prelude::*;

/// An `<h2>` that takes focus once mounted (`tabindex=-1`: focusable, not in the tab order).
#[component]
pub fn StepHeading(
    /// The step's title.
    text: &'static str,
    /// The heading's `id`, for `aria-labelledby` (unique per instance: `embed::instance_id`).
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <h2 class="inv-step__heading" id=id tabindex="-1" node_ref=heading data-testid="step-heading">
            {text}
        </h2>
    }
}
