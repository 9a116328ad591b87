//! The documents an invoice covers (R25): a table with each original and, indented under it,
//! its negative documents; the total; and a visible warning when the lines do not add up to the
//! invoice's amount (the domain checks it).

use invoicing::invoice_record::{lines_add_up, shown_lines, InvoiceRecordDetail};
use leptos::prelude::*;

use crate::i18n::{I18n, RecordsText};

/// The lines table.
#[component]
pub fn RecordLines(detail: InvoiceRecordDetail) -> impl IntoView {
    let i18n = I18n::use_context();
    let total = detail.lines_total();
    let adds_up = lines_add_up(&detail);
    let rows = shown_lines(&detail.lines)
        .into_iter()
        .map(|shown| {
            let l = shown.line;
            let kind = serde_json::to_value(l.kind)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            view! {
                <tr
                    data-testid="record-line"
                    data-document-id=l.document_id.clone()
                    data-kind=kind
                    data-amount=l.amount.to_contract_string()
                    class:inv-record-lines__negative=shown.nested
                >
                    <td class="inv-record-lines__kind">{i18n.line_kind(l.kind)}</td>
                    <td class="inv-mono">{l.business_id.clone()}</td>
                    <td class="inv-mono">{l.account_id.clone()}</td>
                    <td>{l.billing_cycle.clone()}</td>
                    <td>{l.product_name.clone()}</td>
                    <td class="inv-num">{l.amount.format_cny()}</td>
                </tr>
            }
        })
        .collect_view();
    let th = move |text: RecordsText| view! { <th scope="col">{i18n.t(text)}</th> };
    view! {
        <section class="inv-record-lines">
            <h4>{i18n.t(RecordsText::LinesSection)}</h4>
            {(!adds_up).then(|| view! {
                <p class="inv-alert" role="alert" data-testid="record-lines-mismatch">
                    {i18n.t(RecordsText::LinesDiffer)} " "
                    {format!("{} ≠ {}", total.format_cny(), detail.amount.format_cny())}
                </p>
            })}
            <table class="inv-records-table inv-record-lines__table">
                <caption class="inv-visually-hidden">{i18n.t(RecordsText::LinesCaption)}</caption>
                <thead>
                    <tr>
                        {th(RecordsText::ColKind)}
                        {th(RecordsText::ColDocument)}
                        {th(RecordsText::ColAccount)}
                        {th(RecordsText::ColCycle)}
                        {th(RecordsText::ColProduct)}
                        {th(RecordsText::ColLineAmount)}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="5">{i18n.t(RecordsText::LinesTotal)}</th>
                        <td class="inv-num" data-testid="record-lines-total" data-amount=total.to_contract_string()>
                            {total.format_cny()}
                        </td>
                    </tr>
                </tfoot>
            </table>
        </section>
    }
}
