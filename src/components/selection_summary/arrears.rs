//! The summary's arrears: what the selected accounts owe, the amount to invoice, and how much
//! more must be selected where the selection does not cover the arrears (R12, R13).

use invoicing::arrears::{IssuerSettlement, Shortfall};
use invoicing::Money;
use leptos::prelude::*;

use crate::i18n::{ArrearsText, I18n};
use crate::state::{Session, SummaryFigures};

/// The arrears and amount to invoice of the whole selection, as two more figures of the list.
#[component]
pub fn ArrearsFigures(
    /// What the selected accounts owe the selected entities.
    arrears: Money,
    /// The selected net minus the arrears of the pools that cover theirs.
    to_invoice: Money,
) -> impl IntoView {
    let i18n = I18n::use_context();
    view! {
        <div class="inv-summary__arrears">
            <dt>{i18n.t(ArrearsText::SummaryArrears)}</dt>
            <dd class="inv-num" data-testid="summary-arrears">{arrears.format_cny()}</dd>
        </div>
        <div class="inv-summary__to-invoice">
            <dt>{i18n.t(ArrearsText::SummaryToInvoice)}</dt>
            <dd class="inv-num" data-testid="summary-to-invoice">{to_invoice.format_cny()}</dd>
        </div>
    }
}

/// One entity's arrears and amount to invoice, inside its summary line.
pub fn issuer_arrears(i18n: I18n, s: &IssuerSettlement) -> impl IntoView {
    view! {
        <span class="inv-num inv-summary__arrears">
            <span class="inv-summary__label">{i18n.t(ArrearsText::SummaryArrears)}</span>
            <span data-testid="summary-arrears">{s.arrears().format_cny()}</span>
        </span>
        <span class="inv-num inv-summary__to-invoice">
            <span class="inv-summary__label">{i18n.t(ArrearsText::SummaryToInvoice)}</span>
            <span data-testid="summary-to-invoice">{s.amount_to_invoice().format_cny()}</span>
        </span>
    }
}

/// Every pool whose selection does not cover its arrears, with how much more to select.
#[component]
pub fn Shortfalls(
    /// The arrears of the selection, per entity; `None` before the session arrived.
    settlements: Signal<Option<Vec<IssuerSettlement>>>,
    /// For the accounts' names.
    session: Signal<Option<Session>>,
    /// For the entities' names.
    summary: Signal<SummaryFigures>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let messages = move || -> Vec<(Shortfall, String)> {
        let shortfalls: Vec<Shortfall> = settlements.with(|s| {
            s.iter()
                .flatten()
                .flat_map(IssuerSettlement::shortfalls)
                .collect()
        });
        shortfalls
            .into_iter()
            .map(|short| {
                let entity = summary.with(|f| {
                    f.by_issuer
                        .iter()
                        .find(|i| i.issuer_id == short.issuer_id)
                        .map_or_else(|| short.issuer_id.clone(), |i| i.issuer_name.clone())
                });
                let accounts = account_names(&short, session);
                let text = i18n.arrears_shortfall(&short, &entity, &accounts);
                (short, text)
            })
            .collect()
    };
    move || {
        let list = messages();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|(short, text)| {
                    view! {
                        <li
                            data-testid="arrears-shortfall"
                            data-issuer-id=short.issuer_id
                            data-more=short.more.to_contract_string()
                        >
                            {text}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul
                    class="inv-summary__shortfalls"
                    data-testid="arrears-shortfalls"
                    aria-label=i18n.t(ArrearsText::ShortfallsLabel)
                >
                    {items}
                </ul>
            }
        })
    }
}

/// The names of a pool's accounts when they are worth saying: each account covers only its
/// own arrears (R13) and the caller sees several accounts.
fn account_names(short: &Shortfall, session: Signal<Option<Session>>) -> Vec<String> {
    session.with(|s| match s {
        Some(s) if !short.pooled && s.accounts.len() > 1 => short
            .account_ids
            .iter()
            .map(|id| {
                s.accounts
                    .iter()
                    .find(|a| &a.id == id)
                    .map_or_else(|| id.clone(), |a| a.name.clone())
            })
            .collect(),
        _ => Vec::new(),
    })
}
