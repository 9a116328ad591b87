//! A negative document's row under its original: checked exactly when the original is (R07).

use invoicing::api::NegativeDocument;
use leptos::prelude::*;

use crate::i18n::I18n;

/// A refund or reduction. Its checkbox follows the original's and can never be used alone.
#[component]
pub fn NegativeRowView(
    /// The negative document.
    negative: NegativeDocument,
    /// Whether its family is checked.
    checked: RwSignal<bool>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let date = negative
        .business_time
        .get(..10)
        .unwrap_or(&negative.business_time)
        .to_owned();
    view! {
        <tr
            class="inv-row inv-row--negative"
            class:inv-row--checked=move || checked.get()
            data-doc-id=negative.id.clone()
            data-original-id=negative.original_id.clone()
        >
            <td class="inv-grid__select">
                <input
                    type="checkbox"
                    prop:checked=move || checked.get()
                    disabled=true
                    aria-label=i18n.negative_follows_original(&negative.business_id)
                />
            </td>
            <td class="inv-grid__expand"></td>
            <td class="inv-mono inv-negative__number">{negative.business_id.clone()}</td>
            <td colspan="5">
                <span class="inv-negative__kind">{i18n.negative_kind(negative.kind)}</span>
                " · "
                <time datetime=negative.business_time.clone()>{date}</time>
            </td>
            <td class="inv-num inv-amount--negative">{negative.amount.format_cny()}</td>
            <td></td>
            <td></td>
        </tr>
    }
}
