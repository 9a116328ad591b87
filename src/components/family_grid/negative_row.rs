//! A negative document's row under its original: checked exactly when its family is (R07).

use invoicing::RowRef;
use leptos::prelude::*;

use super::{row_level, row_tabindex};
use crate::i18n::I18n;
use crate::state::FamilyStore;

/// Row `position` of the grid, showing negative `row.negative()` of family `row.family`. Its
/// kind, number, date and amount stand in their own columns; its checkbox follows the family.
#[component]
pub fn NegativeRow(
    /// The basis's store.
    store: FamilyStore,
    /// Where the row stands among all visible rows (0-based).
    position: usize,
    /// Which negative of which family it shows.
    row: RowRef,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let index = row.family();
    let Some((family, _)) = store.family(index) else {
        return ().into_any();
    };
    let Some(negative) = row
        .negative()
        .and_then(|k| family.negatives().get(k))
        .cloned()
    else {
        return ().into_any();
    };
    let checked = Memo::new(move |_| store.is_checked(index));
    let original_id = family.id().to_owned();
    view! {
        <div
            role="row"
            class="inv-row inv-row--negative"
            class:inv-row--checked=move || checked.get()
            aria-rowindex=position + 2
            aria-selected=move || checked.get().to_string()
            tabindex=row_tabindex(store, row)
            {..row_level(row)}
            data-doc-id=negative.id.to_string()
            data-original-id=original_id
            on:focusin=move |_| store.focus_row(position)
        >
            <div role="gridcell" class="inv-cell inv-cell--select">
                <input
                    type="checkbox"
                    tabindex="-1"
                    prop:checked=move || checked.get()
                    disabled=true
                    aria-label=i18n.negative_follows_original(&negative.business_id)
                />
            </div>
            <div role="gridcell" class="inv-cell inv-cell--expand"></div>
            <div role="gridcell" class="inv-cell inv-mono inv-negative__number">{negative.business_id.to_string()}</div>
            <div role="gridcell" class="inv-cell inv-negative__kind">{i18n.negative_kind(negative.kind)}</div>
            <div role="gridcell" class="inv-cell"></div>
            <div role="gridcell" class="inv-cell">
                <time datetime=negative.date.to_string()>{negative.date.to_string()}</time>
            </div>
            <div role="gridcell" class="inv-cell"></div>
            <div role="gridcell" class="inv-cell"></div>
            <div role="gridcell" class="inv-cell"></div>
            <div role="gridcell" class="inv-cell inv-num inv-amount--negative">{negative.amount.format_cny()}</div>
            <div role="gridcell" class="inv-cell"></div>
            <div role="gridcell" class="inv-cell"></div>
        </div>
    }
    .into_any()
}
