//! The *by amount* tab's content (R11, R12): the invoicing entity, in an enterprise the
//! accounts, the amount field with its message, and the invoiceable balance beside it. It only
//! shows the [`AmountStore`] and sends it what the user does; the domain reads the amount.

mod accounts;
mod balance;

use invoicing::api::Issuer;
use invoicing::Money;
use leptos::prelude::*;

use crate::i18n::{AmountText, I18n};
use crate::state::{AmountStore, Session};
use accounts::AccountsPicker;
use balance::BalanceView;

/// The entity picker, the accounts picker (enterprise MA and administrators only), the amount
/// field and the balance. For an account without real-name verification everything is
/// disabled (R01).
#[component]
pub fn AmountEntry(
    /// The page's store of this tab, kept while the user switches tabs.
    store: AmountStore,
    /// Who is signed in: which accounts may be picked, and whether anything may be (R01).
    session: Session,
    /// The invoicing entities (`GET /issuers`) as a signal, so the page may pass them before or
    /// after they arrive; a plain `Vec<Issuer>` converts.
    #[prop(into)]
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let disabled = !session.can_apply();
    store.start(&session);
    let id = |part: &str| format!("inv-amount-{}-{part}", store.uid());
    let (issuer_id, field_id, hint_id, error_id) =
        (id("issuer"), id("field"), id("hint"), id("error"));
    let describedby = format!("{hint_id} {error_id}");

    let chosen = store.issuer();
    let options = move || {
        issuers
            .get()
            .into_iter()
            .map(|issuer| {
                let value = issuer.id.clone();
                let selected = move || chosen.with(|c| c.as_deref() == Some(value.as_str()));
                view! { <option value=issuer.id prop:selected=selected>{issuer.name}</option> }
            })
            .collect_view()
    };
    let on_issuer = move |ev| {
        let value = event_target_value(&ev);
        store.choose_issuer((!value.is_empty()).then_some(value));
    };

    let parsed = store.parsed();
    let balance = store.balance();
    let invalid = move || parsed.with(|p| matches!(p, Some(Err(_))));
    let message = move || {
        parsed.with(|p| match p {
            Some(Err(error)) => {
                let arrears =
                    balance.with(|b| b.as_ref().map_or(Money::ZERO, |b| b.arrears_amount));
                i18n.amount_error(error, arrears)
            }
            _ => String::new(),
        })
    };
    let typed = store.typed();

    view! {
        <section class="inv-amount-entry" data-testid="amount-entry" aria-label=i18n.t(AmountText::SectionLabel)>
            <div class="inv-amount-entry__pickers">
                <div class="inv-amount-entry__control">
                    <label for=issuer_id.clone()>{i18n.t(AmountText::IssuerLabel)}</label>
                    <select id=issuer_id data-testid="amount-issuer" disabled=disabled on:change=on_issuer>
                        <option value="" prop:selected=move || chosen.with(Option::is_none)>
                            {i18n.t(AmountText::IssuerPlaceholder)}
                        </option>
                        {options}
                    </select>
                </div>
                {session.sees_members().then(|| view! {
                    <AccountsPicker store accounts=session.accounts.clone() disabled/>
                })}
            </div>
            <div class="inv-amount-entry__entry">
                <label for=field_id.clone()>{i18n.t(AmountText::AmountLabel)}</label>
                <div class="inv-amount-entry__row">
                    <input
                        id=field_id
                        class="inv-amount-entry__field"
                        type="text"
                        inputmode="decimal"
                        autocomplete="off"
                        spellcheck="false"
                        data-testid="invoice-amount"
                        disabled=disabled
                        aria-invalid=move || if invalid() { "true" } else { "false" }
                        aria-describedby=describedby
                        prop:value=move || typed.get()
                        on:input=move |ev| store.type_amount(event_target_value(&ev))
                    />
                    <BalanceView store/>
                </div>
                <p id=hint_id class="inv-amount-entry__hint">{i18n.t(AmountText::AmountHint)}</p>
                <p id=error_id class="inv-amount-entry__error" role="alert" data-testid="amount-error">
                    {message}
                </p>
            </div>
        </section>
    }
}
