//! One original document's row, with its checkbox, its "+"/"-" control and its negatives.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::negative_row::NegativeRowView;
use crate::i18n::{I18n, Text};
use crate::state::{FamilyRow, FamilyStore};

/// An original's row and, while expanded, one row per negative right under it (R06).
#[component]
pub fn FamilyRowView(
    /// The family to show.
    row: FamilyRow,
) -> impl IntoView {
    let store = FamilyStore::expect();
    let i18n = I18n::use_context();
    let family = row.family.clone();
    let original = family.original();
    let id = family.id().clone();
    let checked = row.checked;
    let expanded = row.expanded;
    let checkable = row.checkability.is_checkable();
    let business_id = original.business_id.clone();

    let on_change = {
        let id = id.clone();
        move |ev: leptos::ev::Event| {
            store.toggle(&id);
            // The browser flips the box before we decide; show what the selection holds.
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_checked(checked.get_untracked());
            }
        }
    };

    let negative_count = family.negatives().len();
    let expand_control = (negative_count > 0).then(|| {
        let business_id = business_id.clone();
        view! {
            <button
                type="button"
                class="inv-expand"
                aria-expanded=move || expanded.get().to_string()
                aria-label=move || i18n.expand_family(expanded.get(), negative_count, &business_id)
                on:click=move |_| expanded.update(|e| *e = !*e)
            >
                {move || if expanded.get() { "-" } else { "+" }}
            </button>
        }
    });

    let status = match i18n.not_checkable_reason(&row.checkability) {
        None => view! { <span>{i18n.t(Text::StatusInvoiceable)}</span> }.into_any(),
        Some(reason) => {
            view! { <span class="inv-reason" data-testid="not-checkable-reason">{reason}</span> }
                .into_any()
        }
    };

    let negatives = {
        let family = family.clone();
        move || {
            expanded.get().then(|| {
                family
                    .negatives()
                    .iter()
                    .map(|negative| view! { <NegativeRowView negative=negative.clone() checked=checked/> })
                    .collect_view()
            })
        }
    };

    view! {
        <tr
            class="inv-row"
            class:inv-row--checked=move || checked.get()
            class:inv-row--blocked=!checkable
            data-doc-id=id.clone()
        >
            <td class="inv-grid__select">
                <input
                    type="checkbox"
                    prop:checked=move || checked.get()
                    disabled=!checkable
                    aria-label=i18n.select_family(&business_id)
                    on:change=on_change
                />
            </td>
            <td class="inv-grid__expand">{expand_control}</td>
            <td class="inv-mono">{original.business_id.clone()}</td>
            <td>{original.product_name.clone()}</td>
            <td>{original.account_name.clone()}</td>
            <td>{original.billing_cycle.clone()}</td>
            <td>{row.issuer_name.to_string()}</td>
            <td class="inv-num">{original.tax_rate.percent()}</td>
            <td class="inv-num">{family.positive_amount().format_cny()}</td>
            <td class="inv-num" class:inv-amount--nonpositive=!family.net_amount().is_positive()>
                {family.net_amount().format_cny()}
            </td>
            <td>{status}</td>
        </tr>
        {negatives}
    }
}
