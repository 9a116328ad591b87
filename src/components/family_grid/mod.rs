//! The grid of families: one row per original, its negatives under it when expanded (R05–R08).

mod family_row;
mod negative_row;

use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::state::{FamilyRow, FamilyStore};
use family_row::FamilyRowView;

/// The families of the [`FamilyStore`] in context, in the backend's order.
#[component]
pub fn FamilyGrid() -> impl IntoView {
    let store = FamilyStore::expect();
    let i18n = I18n::use_context();
    view! {
        <table class="inv-grid" data-testid="family-grid" aria-label=i18n.t(Text::GridLabel)>
            <thead>
                <tr>
                    <th scope="col" class="inv-grid__select">
                        <span class="inv-visually-hidden">{i18n.t(Text::ColSelect)}</span>
                    </th>
                    <th scope="col" class="inv-grid__expand">
                        <span class="inv-visually-hidden">{i18n.t(Text::ColExpand)}</span>
                    </th>
                    <th scope="col">{i18n.t(Text::ColOrderNumber)}</th>
                    <th scope="col">{i18n.t(Text::ColProduct)}</th>
                    <th scope="col">{i18n.t(Text::ColAccount)}</th>
                    <th scope="col">{i18n.t(Text::ColBillingCycle)}</th>
                    <th scope="col">{i18n.t(Text::ColIssuer)}</th>
                    <th scope="col" class="inv-num">{i18n.t(Text::ColTaxRate)}</th>
                    <th scope="col" class="inv-num">{i18n.t(Text::ColInvoiceable)}</th>
                    <th scope="col" class="inv-num">{i18n.t(Text::ColNet)}</th>
                    <th scope="col">{i18n.t(Text::ColStatus)}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || store.rows().get()
                    key=FamilyRow::key
                    children=move |row| view! { <FamilyRowView row=row/> }
                />
            </tbody>
        </table>
    }
}
