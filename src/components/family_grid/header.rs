//! The grid's header row: "select all" with its three states (R09), and the column names.

use invoicing::SelectAllState;
use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::state::FamilyStore;

/// The sticky header: row 1 of the treegrid.
#[component]
pub fn GridHeader(
    /// The basis's store; "select all" acts on the checkable families its filter shows.
    store: FamilyStore,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let state = store.select_all_state();
    let read_only = store.read_only();
    let on_change = move |ev: leptos::ev::Event| {
        if state.get_untracked() == SelectAllState::All {
            store.clear();
        } else {
            store.select_all();
        }
        // The browser flipped the box on its own; show what the selection holds.
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        input.set_checked(state.get_untracked() == SelectAllState::All);
        input.set_indeterminate(state.get_untracked() == SelectAllState::Some);
    };
    let column = |text: Text, class: &'static str| {
        view! { <div role="columnheader" class=class>{i18n.t(text)}</div> }
    };
    view! {
        <div role="rowgroup" class="inv-grid__head">
            <div role="row" class="inv-row inv-row--header" aria-rowindex="1">
                <div role="columnheader" class="inv-cell inv-cell--select">
                    <input
                        type="checkbox"
                        data-testid="select-all"
                        disabled=move || read_only.get()
                        aria-label=i18n.select_all(store.basis())
                        prop:checked=move || state.get() == SelectAllState::All
                        prop:indeterminate=move || state.get() == SelectAllState::Some
                        on:change=on_change
                    />
                </div>
                <div role="columnheader" class="inv-cell inv-cell--expand">
                    <span class="inv-visually-hidden">{i18n.t(Text::ColExpand)}</span>
                </div>
                {column(Text::ColNumber, "inv-cell")}
                {column(Text::ColProductOrKind, "inv-cell")}
                {column(Text::ColAccount, "inv-cell")}
                {column(Text::ColCycleOrDate, "inv-cell")}
                {column(Text::ColIssuer, "inv-cell")}
                {column(Text::ColTaxRate, "inv-cell inv-num")}
                {column(Text::ColInvoiceable, "inv-cell inv-num")}
                {column(Text::ColNegatives, "inv-cell inv-num")}
                {column(Text::ColNet, "inv-cell inv-num")}
                {column(Text::ColStatus, "inv-cell")}
            </div>
        </div>
    }
}
