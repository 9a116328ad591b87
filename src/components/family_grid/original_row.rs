//! An original document's row: the family's checkbox, its "+"/"-" and its figures (R05–R08).

use invoicing::RowRef;
use leptos::prelude::*;

use super::{row_level, row_tabindex};
use crate::i18n::{I18n, Text};
use crate::state::FamilyStore;

/// Row `position` of the grid, showing the original of family `row.family`.
#[component]
pub fn OriginalRow(
    /// The basis's store.
    store: FamilyStore,
    /// Where the row stands among all visible rows (0-based).
    position: usize,
    /// Which family it shows.
    row: RowRef,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let index = row.family();
    let Some((family, issuer_name)) = store.family(index) else {
        return ().into_any();
    };
    let checked = Memo::new(move |_| store.is_checked(index));
    let expanded = Memo::new(move |_| store.is_expanded(index));
    let checkability = family.checkability();
    let checkable = checkability.is_checkable();
    let business_id = family.business_id().to_owned();
    let negative_count = family.negatives().len();
    let reason_id = format!("inv-{}-reason-{index}", store.uid());
    let read_only = store.read_only();

    let on_change = move |ev: leptos::ev::Event| {
        store.toggle(index);
        // The browser flipped the box before the store decided; show what the selection holds.
        event_target::<web_sys::HtmlInputElement>(&ev).set_checked(checked.get_untracked());
    };
    let expand_control = (negative_count > 0).then(|| {
        let business_id = business_id.clone();
        view! {
            <button
                type="button"
                class="inv-expand"
                tabindex="-1"
                data-testid="expand-toggle"
                aria-label=move || i18n.expand_family(expanded.get(), negative_count, &business_id)
                on:click=move |_| store.set_expanded(index, !expanded.get_untracked())
            >
                {move || if expanded.get() { "-" } else { "+" }}
            </button>
        }
    });
    let status = match i18n.not_checkable_reason(&checkability) {
        None => view! { <span>{i18n.t(Text::StatusInvoiceable)}</span> }.into_any(),
        Some(reason) => view! {
            <span class="inv-reason" id=reason_id.clone() data-testid="row-reason">
                {reason}
            </span>
        }
        .into_any(),
    };
    let negatives = (negative_count > 0).then(|| family.negative_amount().format_cny());
    let net = family.net_amount();

    view! {
        <div
            role="row"
            class="inv-row"
            class:inv-row--checked=move || checked.get()
            class:inv-row--blocked=!checkable
            aria-rowindex=position + 2
            aria-selected=move || checked.get().to_string()
            aria-expanded=move || (negative_count > 0).then(|| expanded.get().to_string())
            aria-disabled=(!checkable).then_some("true")
            tabindex=row_tabindex(store, row)
            {..row_level(row)}
            data-doc-id=family.id().to_owned()
            on:focusin=move |_| store.focus_row(position)
        >
            <div role="gridcell" class="inv-cell inv-cell--select">
                <input
                    type="checkbox"
                    tabindex="-1"
                    prop:checked=move || checked.get()
                    disabled=move || !checkable || read_only.get()
                    aria-label=i18n.select_family(&business_id)
                    aria-describedby=(!checkable).then_some(reason_id)
                    on:change=on_change
                />
            </div>
            <div role="gridcell" class="inv-cell inv-cell--expand">{expand_control}</div>
            <div role="gridcell" class="inv-cell inv-mono">{business_id.clone()}</div>
            <div role="gridcell" class="inv-cell">{family.product_name().to_owned()}</div>
            <div role="gridcell" class="inv-cell">{family.account_name().to_owned()}</div>
            <div role="gridcell" class="inv-cell">{family.billing_cycle().to_owned()}</div>
            <div role="gridcell" class="inv-cell">{issuer_name.to_string()}</div>
            <div role="gridcell" class="inv-cell inv-num">{family.tax_rate_percent()}</div>
            <div role="gridcell" class="inv-cell inv-num">{family.positive_amount().format_cny()}</div>
            <div role="gridcell" class="inv-cell inv-num inv-amount--negative">{negatives}</div>
            <div role="gridcell" class="inv-cell inv-num" class:inv-amount--nonpositive=!net.is_positive()>
                {net.format_cny()}
            </div>
            <div role="gridcell" class="inv-cell">{status}</div>
        </div>
    }
    .into_any()
}
