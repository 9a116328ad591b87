//! The member-account filter (R04), for enterprise owners and administrators: all accounts, one
//! or several, as checkboxes in a disclosure that keeps the bar compact.

use invoicing::api::Account;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{FilterText, I18n};
use crate::state::{FamilyStore, FilterForm};

/// `[data-testid=filter-account]` is the disclosure (`<details>`); its `<summary>` opens it,
/// and each account is an `input[type=checkbox]` whose `value` is the account's id. "All
/// accounts" unchecks every account.
#[component]
pub(super) fn AccountFilter(
    store: FamilyStore,
    form: FilterForm,
    /// The accounts the caller sees.
    accounts: Vec<Account>,
    /// The element id of the disclosure; its parts take ids derived from it.
    id: String,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let values = form.values();
    let label_id = format!("{id}-label");
    let summary_id = format!("{id}-summary");
    let names = StoredValue::new(
        accounts
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect::<Vec<_>>(),
    );
    let chosen_text = move || {
        values.with(|v| {
            names.with_value(|names| {
                let chosen: Vec<&str> = names
                    .iter()
                    .filter(|(id, _)| v.account_ids.contains(id))
                    .map(|(_, name)| name.as_str())
                    .collect();
                i18n.accounts_chosen(&chosen)
            })
        })
    };
    let toggle = move |account: String, checked: bool| {
        form.choose(store, |v| {
            v.account_ids.retain(|a| *a != account);
            if checked {
                v.account_ids.push(account);
            }
        })
    };
    let boxes = accounts
        .into_iter()
        .map(|account| {
            let mine = account.id.clone();
            let value = account.id.clone();
            view! {
                <li>
                    <label class="inv-filter__option">
                        <input
                            type="checkbox"
                            value=account.id.clone()
                            prop:checked=move || values.with(|v| v.account_ids.contains(&mine))
                            on:change=move |ev| toggle(value.clone(), event_target_checked(&ev))
                        />
                        <span>{account.name}</span>
                        <span class="inv-filter__muted">{account.id}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            let details = event_target::<web_sys::Element>(&ev)
                .closest("details")
                .ok()
                .flatten();
            if let Some(details) = details.filter(|d| d.has_attribute("open")) {
                ev.prevent_default();
                let _ = details.remove_attribute("open");
                if let Ok(Some(summary)) = details.query_selector("summary") {
                    let _ = summary.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }
        }
    };
    view! {
        <div class="inv-filter inv-filter--accounts">
            <span class="inv-filter__label" id=label_id.clone()>{i18n.t(FilterText::Accounts)}</span>
            <details
                class="inv-filter__disclosure"
                id=id
                data-testid="filter-account"
                on:keydown=on_key
            >
                <summary
                    id=summary_id.clone()
                    aria-labelledby=format!("{label_id} {summary_id}")
                >
                    {chosen_text}
                </summary>
                <fieldset class="inv-filter__panel">
                    <legend class="inv-visually-hidden">{i18n.t(FilterText::Accounts)}</legend>
                    <ul>
                        <li>
                            <label class="inv-filter__option">
                                <input
                                    type="checkbox"
                                    value=""
                                    data-testid="filter-account-all"
                                    prop:checked=move || values.with(|v| v.account_ids.is_empty())
                                    on:change=move |ev| {
                                        if event_target_checked(&ev) {
                                            form.choose(store, |v| v.account_ids.clear());
                                        } else {
                                            // "All" is left by choosing an account, not by unchecking it.
                                            event_target::<web_sys::HtmlInputElement>(&ev)
                                                .set_checked(true);
                                        }
                                    }
                                />
                                <span>{i18n.t(FilterText::AllAccounts)}</span>
                            </label>
                        </li>
                        {boxes}
                    </ul>
                </fieldset>
            </details>
        </div>
    }
}
