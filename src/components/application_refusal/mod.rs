//! A refused or failed preview or submission (R23, R30): the problem's code in words, each
//! error with the record, account or entity it names, and for records taken elsewhere one
//! action that drops them from the selection and keeps the rest.

use invoicing::confirmation::{droppable_candidates, invoice_field};
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{ApplicationText, I18n};
use crate::state::ApplicationFlow;

/// The refusal's words for one problem or error code; the server's text for an unknown code.
pub fn problem_words(i18n: I18n, code: &str, server_text: &str) -> String {
    i18n.problem_code(code)
        .map_or_else(|| server_text.to_owned(), str::to_owned)
}

/// What went wrong, in words, with Retry when it may pass and "drop these records" when the
/// refusal names records invoiced elsewhere (or gone, or changed). Errors about one invoice's
/// fields are shown beside those fields (step 4), not here.
#[component]
pub fn ApplicationRefusal(
    /// The flow the refusal belongs to.
    flow: ApplicationFlow,
    /// What went wrong.
    error: ApiError,
    /// Retry (a network error, a `5xx`): asks again. `None` for a refusal.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let accounts = flow.session().accounts;
    let headline = match error.problem() {
        Some(p) => problem_words(i18n, &p.code, &p.detail),
        None => error.user_message(i18n),
    };
    let lines: Vec<String> = error
        .errors()
        .iter()
        .filter(|e| e.field.as_deref().and_then(invoice_field).is_none())
        .map(|e| {
            let mut line = problem_words(i18n, &e.code, &e.message);
            if let Some(id) = &e.candidate_id {
                let names = flow.business_ids(std::slice::from_ref(id));
                line = format!("{line} {}", names.join(""));
            }
            if let Some(a) = &e.account_id {
                let name = accounts
                    .iter()
                    .find(|x| &x.id == a)
                    .map_or(a.as_str(), |x| x.name.as_str());
                line = format!("{line} {name}");
            }
            if let Some(amount) = e.amount {
                line = format!("{line} {}", amount.format_cny());
            }
            line
        })
        .collect();
    let droppable = droppable_candidates(error.errors());
    let drop_view = (!droppable.is_empty()).then(|| {
        let names = flow.business_ids(&droppable).join(", ");
        let count = droppable.len();
        let ids = StoredValue::new(droppable);
        view! {
            <p class="inv-refusal__records">{i18n.records_named(count)} " " {names}</p>
            <button
                type="button"
                class="inv-button inv-button--primary"
                data-testid="drop-records"
                on:click=move |_| ids.with_value(|ids| flow.drop_records(ids))
            >
                {i18n.t(ApplicationText::DropRecords)}
            </button>
        }
    });
    let retry = on_retry.map(|cb| {
        view! {
            <button type="button" class="inv-button" data-testid="retry" on:click=move |_| cb.run(())>
                {i18n.t(ApplicationText::Retry)}
            </button>
        }
    });
    view! {
        <div class="inv-alert inv-refusal" role="alert" data-testid="refusal" data-code=error.code().map(str::to_owned)>
            <p class="inv-alert__title">{headline}</p>
            <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            {drop_view}
            {retry}
        </div>
    }
}
