//! The filters above a basis's grid (R04): invoicing entity, status, member accounts, product,
//! billing cycle range and the order or bill number. Lists apply when chosen; typed fields on
//! Enter or once typing pauses; invalid cycles say why beside their field and do not apply.

mod accounts;
mod cycle;
mod products;

use invoicing::api::{CandidateStatus, Issuer};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::i18n::{FilterText, I18n};
use crate::state::{FamilyStore, FilterForm, FilterValues, Session};

use accounts::AccountFilter;
use cycle::CycleInput;
use products::ProductFilter;

/// The filter bar of one basis. It edits `form` and applies its valid filters to `store`; the
/// grid and the summary show the result.
///
/// The product options load once per form through the `ApiClient` in the context (when there
/// is one) the first time the bar is shown; [`FilterForm::set_products`] sets them instead.
#[component]
pub fn FilterBar(
    /// The basis's store: the filter applies to its families.
    store: FamilyStore,
    /// The basis's form: what was typed and chosen survives switching tabs.
    form: FilterForm,
    /// Who is signed in: member accounts are offered only when `sees_members()`.
    session: Session,
    /// The invoicing entities offered, in this order (`GET /issuers`); a plain `Vec<Issuer>`
    /// or a signal when they arrive later.
    #[prop(into)]
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    if !form.products_requested() {
        if let Some(client) = use_context::<ApiClient>() {
            form.load_products(client);
        }
    }
    let values = form.values();
    let id = move |field: &str| format!("inv-filter-{}-{field}", store.uid());
    let members = session.sees_members().then(|| {
        view! { <AccountFilter store form accounts=session.accounts.clone() id=id("account")/> }
    });
    let on_search_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            let q = event_target_value(&ev);
            form.commit_text(store, |v| v.q = q);
        }
    };

    view! {
        <form
            class="inv-filters"
            role="search"
            aria-label=i18n.t(FilterText::FiltersLabel)
            on:submit=move |ev| {
                ev.prevent_default();
                form.apply(store);
            }
        >
            <div class="inv-filter">
                <label for=id("issuer")>{i18n.t(FilterText::Issuer)}</label>
                <select
                    id=id("issuer")
                    data-testid="filter-issuer"
                    on:change=move |ev| {
                        let issuer = event_target_value(&ev);
                        form.choose(store, |v| v.issuer_id = issuer);
                    }
                >
                    <option value="" prop:selected=move || values.with(|v| v.issuer_id.is_empty())>
                        {i18n.t(FilterText::AllIssuers)}
                    </option>
                    {move || {
                        issuers
                            .get()
                            .into_iter()
                            .map(|issuer| {
                                let chosen = issuer.id.clone();
                                view! {
                                    <option
                                        value=issuer.id
                                        prop:selected=move || values.with(|v| v.issuer_id == chosen)
                                    >
                                        {issuer.name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="inv-filter">
                <label for=id("status")>{i18n.t(FilterText::Status)}</label>
                <select
                    id=id("status")
                    data-testid="filter-status"
                    on:change=move |ev| {
                        let status = parse_status(&event_target_value(&ev));
                        form.choose(store, |v| v.status = status);
                    }
                >
                    {[
                        (None, FilterText::AllStatuses),
                        (Some(CandidateStatus::Invoiceable), FilterText::StatusInvoiceable),
                        (Some(CandidateStatus::NotInvoiceable), FilterText::StatusNotInvoiceable),
                    ]
                        .into_iter()
                        .map(|(status, text)| {
                            view! {
                                <option
                                    value=status.map_or("", |s| s.as_str())
                                    prop:selected=move || values.with(|v| v.status == status)
                                >
                                    {i18n.t(text)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {members}
            <ProductFilter store form id=id("product")/>
            <CycleInput store form id=id("cycle-from") to=false/>
            <CycleInput store form id=id("cycle-to") to=true/>
            <div class="inv-filter inv-filter--search">
                <label for=id("q")>{i18n.t(FilterText::Search)}</label>
                <input
                    type="search"
                    id=id("q")
                    data-testid="filter-q"
                    autocomplete="off"
                    placeholder=i18n.t(FilterText::SearchPlaceholder)
                    prop:value=move || values.with(|v| v.q.clone())
                    on:input=move |ev| {
                        let q = event_target_value(&ev);
                        form.type_text(store, |v| v.q = q, true);
                    }
                    on:keydown=on_search_key
                    on:change=move |ev| {
                        let q = event_target_value(&ev);
                        form.commit_text(store, |v| v.q = q);
                    }
                />
            </div>
            <button
                type="button"
                class="inv-button inv-filters__reset"
                data-testid="filter-reset"
                disabled=move || values.with(|v| *v == FilterValues::default())
                on:click=move |_| form.reset(store)
            >
                {i18n.t(FilterText::Reset)}
            </button>
        </form>
    }
}

/// The status select's value: empty for both.
fn parse_status(value: &str) -> Option<CandidateStatus> {
    [
        CandidateStatus::Invoiceable,
        CandidateStatus::NotInvoiceable,
    ]
    .into_iter()
    .find(|s| s.as_str() == value)
}
