//! The invoiceable balance beside the amount field (R11), with the arrears already deducted
//! from it (R12, R13), or why it is not there yet.

use invoicing::api::InvoiceableBalance;
use leptos::prelude::*;

use crate::i18n::{AmountText, I18n, Text};
use crate::state::{AmountStore, BalanceState};

/// The available amount, and when there are arrears what they were deducted from; a notice
/// while it loads; what failed and a Retry button when it could not be read (R30).
#[component]
pub(super) fn BalanceView(store: AmountStore) -> impl IntoView {
    let i18n = I18n::use_context();
    let state = store.balance_state();
    move || {
        match state.get() {
        BalanceState::Unchosen => view! {
            <p class="inv-amount-entry__hint" data-testid="balance-unchosen">
                {i18n.t(AmountText::ChooseIssuerFirst)}
            </p>
        }
        .into_any(),
        BalanceState::Loading => view! {
            <p class="inv-loading" role="status" data-testid="balance-loading">
                {i18n.t(AmountText::BalanceLoading)}
            </p>
        }
        .into_any(),
        BalanceState::Ready(balance) => figures(i18n, balance).into_any(),
        BalanceState::Failed(error) => view! {
            <div class="inv-alert" role="alert" data-testid="balance-error">
                <p class="inv-alert__title">{i18n.t(AmountText::BalanceFailed)}</p>
                <p>{error.user_message(i18n)}</p>
                <button type="button" class="inv-button" data-testid="balance-retry" on:click=move |_| store.retry()>
                    {i18n.t(Text::Retry)}
                </button>
            </div>
        }
        .into_any(),
    }
    }
}

/// The contract's figures, as they came: available, and invoiceable minus arrears when there
/// are arrears.
fn figures(i18n: I18n, balance: InvoiceableBalance) -> impl IntoView {
    let has_arrears = balance.arrears_amount.is_positive();
    let per_account = has_arrears && !balance.arrears_pooled && balance.accounts.len() > 1;
    let arrears = has_arrears.then(|| {
        view! {
            <div>
                <dt>{i18n.t(AmountText::InvoiceableLabel)}</dt>
                <dd class="inv-num" data-testid="balance-invoiceable">{balance.invoiceable_amount.format_cny()}</dd>
            </div>
            <div>
                <dt>{i18n.t(AmountText::ArrearsLabel)}</dt>
                <dd class="inv-num" data-testid="balance-arrears">{balance.arrears_amount.format_cny()}</dd>
            </div>
        }
    });
    view! {
        <div class="inv-amount-entry__figures" data-testid="amount-balance">
            <dl class="inv-amount-entry__balance">
                <div class="inv-amount-entry__available">
                    <dt>{i18n.t(AmountText::AvailableLabel)}</dt>
                    <dd class="inv-num" data-testid="available-amount">{balance.available_amount.format_cny()}</dd>
                </div>
                {arrears}
            </dl>
            {per_account.then(|| view! {
                <p class="inv-amount-entry__hint">{i18n.t(AmountText::ArrearsPerAccount)}</p>
            })}
        </div>
    }
}
