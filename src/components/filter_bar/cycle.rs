//! One end of the billing-cycle range: a labelled text field (`YYYY-MM`), since Firefox ESR has
//! no month picker, with the domain's reason beside it when it cannot apply.

use invoicing::filter::FilterError;
use leptos::prelude::*;

use crate::i18n::{FilterText, I18n};
use crate::state::{FamilyStore, FilterForm, FilterValues};

/// The length of a complete `YYYY-MM`.
const CYCLE_LEN: usize = 7;

/// The first (`to == false`) or last (`to == true`) billing cycle of the range.
#[component]
pub(super) fn CycleInput(
    store: FamilyStore,
    form: FilterForm,
    /// The input's element id; its message and hint take ids derived from it.
    id: String,
    /// Whether this is the last cycle of the range.
    to: bool,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let values = form.values();
    let problems = form.problems();
    let problem = move || problems.with(|p| if to { p.cycle_to } else { p.cycle_from });
    let (label, testid) = if to {
        (FilterText::CycleTo, "filter-cycle-to")
    } else {
        (FilterText::CycleFrom, "filter-cycle-from")
    };
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || match problem() {
            Some(_) => format!("{error_id} {hint_id}"),
            None => hint_id.clone(),
        }
    };
    let message = move || {
        problem().map(|p| {
            let reason = i18n.t(match p {
                FilterError::MalformedCycle => FilterText::CycleMalformed,
                FilterError::CyclesReversed => FilterText::CyclesReversed,
                FilterError::TimesReversed => FilterText::TimesReversed,
            });
            view! {
                <p
                    class="inv-filter__error"
                    role="alert"
                    id=error_id.clone()
                    data-testid=format!("{testid}-error")
                >
                    {reason}
                    " "
                    {i18n.t(FilterText::NotApplied)}
                </p>
            }
        })
    };
    let set = move |v: &mut FilterValues, typed: String| {
        if to {
            v.cycle_to = typed
        } else {
            v.cycle_from = typed
        }
    };
    let commit = move |typed: String| form.commit_text(store, |v| set(v, typed));
    view! {
        <div class="inv-filter inv-filter--cycle">
            <label for=id.clone()>{i18n.t(label)}</label>
            <input
                type="text"
                id=id
                data-testid=testid
                inputmode="numeric"
                autocomplete="off"
                maxlength="7"
                pattern="[0-9]{4}-(0[1-9]|1[0-2])"
                placeholder=i18n.t(FilterText::CyclePlaceholder)
                aria-invalid=move || problem().is_some().to_string()
                aria-describedby=described_by
                prop:value=move || values.with(|v| if to { v.cycle_to.clone() } else { v.cycle_from.clone() })
                on:input=move |ev| {
                    let typed = event_target_value(&ev);
                    let complete = matches!(typed.trim().len(), 0 | CYCLE_LEN);
                    form.type_text(store, |v| set(v, typed), complete);
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        ev.prevent_default();
                        commit(event_target_value(&ev));
                    }
                }
                on:change=move |ev| commit(event_target_value(&ev))
            />
            <span class="inv-visually-hidden" id=hint_id>{i18n.t(FilterText::CycleHint)}</span>
            {message}
        </div>
    }
}
