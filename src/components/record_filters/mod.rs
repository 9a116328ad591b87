//! The records list's filters (R24): the status, the date range as typed (each day with its hint
//! and its own error, what was typed kept), and the application chip with "Show all".

use invoicing::invoice_record::{status_of_code, InvoiceStatus};
use leptos::prelude::*;

use crate::embed::instance_id;
use crate::i18n::{I18n, RecordsText};
use crate::state::records::RecordFilters;

/// The filter bar.
#[component]
pub fn RecordFilterBar(filters: RecordFilters) -> impl IntoView {
    let i18n = I18n::use_context();
    let options = InvoiceStatus::ALL
        .map(|s| view! { <option value=s.as_str()>{i18n.record_status(s)}</option> });
    let status_value = move || {
        filters
            .status
            .get()
            .map(InvoiceStatus::as_str)
            .unwrap_or("")
    };
    let problems = Memo::new(move |_| filters.problems());
    let status_id = instance_id("records-status");
    let any_problem = move || !problems.get().is_empty();

    let day = move |from: bool| {
        let (text, label, id) = if from {
            (
                filters.from_text,
                RecordsText::FromLabel,
                instance_id("records-from"),
            )
        } else {
            (
                filters.to_text,
                RecordsText::ToLabel,
                instance_id("records-to"),
            )
        };
        let problem = move || {
            let p = problems.get();
            let own = if from { p.from } else { p.to };
            match (own, p.reversed && !from) {
                (Some(problem), _) => Some(i18n.day_problem(problem)),
                (None, true) => Some(i18n.t(RecordsText::RangeReversed)),
                (None, false) => None,
            }
        };
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let described = {
            let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
            move || match problem() {
                Some(_) => format!("{hint_id} {error_id}"),
                None => hint_id.clone(),
            }
        };
        view! {
            <div class="inv-field inv-records-filters__day">
                <label for=id.clone()>{i18n.t(label)}</label>
                <input
                    id=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    placeholder="YYYY-MM-DD"
                    data-testid=if from { "records-from" } else { "records-to" }
                    aria-invalid=move || problem().is_some().to_string()
                    aria-describedby=described
                    prop:value=move || text.get()
                    on:input=move |ev| filters.type_day(from, event_target_value(&ev))
                    on:change=move |ev| filters.type_day(from, event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" {
                            filters.commit_days();
                        }
                    }
                />
                <span class="inv-field__hint" id=hint_id>{i18n.t(RecordsText::DayHint)}</span>
                {move || problem().map(|p| view! {
                    <span class="inv-field__error" id=error_id.clone() role="alert" data-testid="records-filter-error">
                        {p}
                    </span>
                })}
            </div>
        }
    };

    let chip = move || {
        filters.application_id.get().map(|id| {
            view! {
                <p class="inv-chip" data-testid="records-application-filter">
                    <span>{i18n.application_filter(&id)}</span>
                    " · "
                    <button type="button" class="inv-link-button" data-testid="records-application-filter-clear" on:click=move |_| filters.application_id.set(None)>
                        {i18n.t(RecordsText::ShowAll)}
                    </button>
                </p>
            }
        })
    };

    view! {
        <div class="inv-records-filters" role="group" aria-label=i18n.t(RecordsText::FiltersLabel)>
            <div class="inv-field">
                <label for=status_id.clone()>{i18n.t(RecordsText::StatusLabel)}</label>
                <select
                    id=status_id.clone()
                    data-testid="records-status"
                    prop:value=status_value
                    on:change=move |ev| filters.status.set(status_of_code(&event_target_value(&ev)))
                >
                    <option value="">{i18n.t(RecordsText::StatusAll)}</option>
                    {options}
                </select>
            </div>
            {day(true)}
            {day(false)}
            {chip}
            {move || any_problem().then(|| view! {
                <p class="inv-records-filters__note">{i18n.t(RecordsText::FilterNotApplied)}</p>
            })}
        </div>
    }
}
