//! The invoices to be issued as a table (R16): one row per invoice with the stable test hooks,
//! and the total, which is the amount to invoice.

use invoicing::api::Issuer;
use invoicing::application::PlannedInvoice;
use invoicing::Money;
use leptos::prelude::*;

use crate::i18n::{ApplicationText, I18n};
use crate::state::ApplicationFlow;

/// An invoice as people name it: entity, tax rate, accounts.
pub fn invoice_label(invoice: &PlannedInvoice, issuers: &[Issuer]) -> String {
    let entity = issuers
        .iter()
        .find(|i| i.id == invoice.issuer_id)
        .map_or(invoice.issuer_id.as_str(), |i| i.name.as_str());
    format!(
        "{entity} · {} · {}",
        invoice.tax_rate.percent(),
        invoice.account_ids.join(", ")
    )
}

/// The rows of `invoices` (`[data-testid=split-row]` with `data-issuer-id`, `data-tax-rate`,
/// `data-account-ids` and `data-amount` as the contract writes them) and their `total`.
#[component]
pub fn SplitTable(
    /// For the accounts' names.
    flow: ApplicationFlow,
    invoices: Vec<PlannedInvoice>,
    /// The preview's `totalAmount`.
    total: Money,
    #[prop(into)] issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let accounts = flow.session().accounts;
    let account_name = move |id: &str| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_owned(), |a| format!("{} ({id})", a.name))
    };
    let rows = invoices
        .into_iter()
        .map(|inv| {
            let entity = issuers.with_untracked(|list| {
                list.iter()
                    .find(|i| i.id == inv.issuer_id)
                    .map_or_else(|| inv.issuer_id.clone(), |i| i.name.clone())
            });
            let mut sorted = inv.account_ids.clone();
            sorted.sort();
            let names: Vec<String> = inv.account_ids.iter().map(|a| account_name(a)).collect();
            view! {
                <tr
                    data-testid="split-row"
                    data-issuer-id=inv.issuer_id.clone()
                    data-tax-rate=inv.tax_rate.as_str().to_owned()
                    data-account-ids=sorted.join(",")
                    data-amount=inv.amount.to_contract_string()
                >
                    <td>{entity}</td>
                    <td class="inv-num">{inv.tax_rate.percent()}</td>
                    <td>{names.join("、")}</td>
                    <td class="inv-num">{inv.amount.format_cny()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="inv-split" data-testid="split-table">
            <caption>{i18n.t(ApplicationText::SplitTableCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t(ApplicationText::ColEntity)}</th>
                    <th scope="col">{i18n.t(ApplicationText::ColTaxRate)}</th>
                    <th scope="col">{i18n.t(ApplicationText::ColAccounts)}</th>
                    <th scope="col">{i18n.t(ApplicationText::ColAmount)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="3">{i18n.t(ApplicationText::Total)}</th>
                    <td class="inv-num" data-testid="split-total" data-amount=total.to_contract_string()>
                        {total.format_cny()}
                    </td>
                </tr>
            </tfoot>
        </table>
    }
}
