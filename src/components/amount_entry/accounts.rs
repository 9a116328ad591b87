//! The accounts an enterprise's MA or administrator invoices for (R04, R11): all of them, or
//! any of them one by one.

use invoicing::api::Account;
use leptos::prelude::*;

use crate::i18n::{AmountText, I18n};
use crate::state::AmountStore;

/// An "all accounts" checkbox (checked, unchecked or mixed) and one checkbox per account.
#[component]
pub(super) fn AccountsPicker(
    store: AmountStore,
    /// The visible accounts, ordered by id.
    accounts: Vec<Account>,
    /// Nothing can be changed (R01).
    disabled: bool,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let chosen = store.accounts();
    let total = accounts.len();
    let count = move || chosen.with(Vec::len);
    let all_ids: Vec<String> = accounts.iter().map(|a| a.id.clone()).collect();
    let choose_all = move |ev| {
        let all = event_target_checked(&ev);
        store.set_accounts(if all { all_ids.clone() } else { Vec::new() });
    };
    let rows = accounts
        .into_iter()
        .map(|account| {
            let label = i18n.account_option(&account);
            let id = account.id;
            let checked = {
                let id = id.clone();
                move || chosen.with(|c| c.contains(&id))
            };
            let on_change = {
                let id = id.clone();
                move |ev| store.choose_account(&id, event_target_checked(&ev))
            };
            view! {
                <li>
                    <label>
                        <input type="checkbox" data-account-id=id disabled=disabled prop:checked=checked on:change=on_change/>
                        {label}
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="inv-amount-entry__accounts" data-testid="amount-accounts" disabled=disabled>
            <legend>{i18n.t(AmountText::AccountsLegend)}</legend>
            <label class="inv-amount-entry__all">
                <input
                    type="checkbox"
                    data-testid="amount-accounts-all"
                    disabled=disabled
                    prop:checked={move || count() == total}
                    prop:indeterminate={move || (1..total).contains(&count())}
                    on:change=choose_all
                />
                {i18n.t(AmountText::AllAccounts)}
            </label>
            <ul class="inv-amount-entry__account-list">{rows}</ul>
            <Show when={move || count() == 0}>
                <p class="inv-amount-entry__hint" role="status">{i18n.t(AmountText::NoAccountChosen)}</p>
            </Show>
        </fieldset>
    }
}
