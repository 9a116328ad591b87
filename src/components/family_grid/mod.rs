//! The grid of one basis's families: a windowed WAI-ARIA treegrid (R06, R07, R29).
//!
//! Only the rows in view and a small margin are in the DOM, between two spacers, so drawing
//! does not depend on how many families there are. Each negative document is a row of its own
//! with the same fixed height, so the window is arithmetic ([`invoicing::Geometry`]). The
//! header sits sticky inside the scroll container, which `scroll-padding-top` keeps clear of
//! focused rows; the summary is outside it.

mod client_height;
mod header;
mod keyboard;
mod negative_row;
mod original_row;

use invoicing::{Geometry, RowRef};
use leptos::prelude::*;

use crate::i18n::{I18n, Text};
use crate::state::FamilyStore;
use client_height::use_client_height;
use header::GridHeader;
use negative_row::NegativeRow;
use original_row::OriginalRow;

/// Every row's height in CSS pixels; `style/main.css` sets the same.
pub const ROW_HEIGHT: u32 = 36;
/// The sticky header's height in CSS pixels; `style/main.css` sets the same.
pub const HEADER_HEIGHT: u32 = 40;
/// Rows drawn beyond each edge of the viewport.
const OVERSCAN: usize = 6;

/// The families of `store`, in the backend's order, in as much space as the parent gives.
#[component]
pub fn FamilyGrid(
    /// The basis's store the grid shows and changes.
    store: FamilyStore,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let viewport = NodeRef::<leptos::html::Div>::new();
    let height = use_client_height(viewport);
    let scroll_top = RwSignal::new(0u64);
    let geometry = Memo::new(move |_| Geometry {
        row_height: ROW_HEIGHT,
        viewport: height.get().saturating_sub(HEADER_HEIGHT).max(ROW_HEIGHT),
        overscan: OVERSCAN,
    });
    let window = Memo::new(move |_| geometry.get().window(scroll_top.get(), store.row_count()));
    let keys = keyboard::GridKeys {
        store,
        viewport,
        geometry,
        scroll_top,
    };

    let on_scroll = move |_| {
        if let Some(el) = viewport.get_untracked() {
            let top = el.scroll_top().max(0) as u64;
            keys.keep_focus_in_window(top);
            scroll_top.set(top);
        }
    };
    let generation = store.generation();
    let rows = move || {
        let range = window.with(|w| w.rows.clone());
        let generation = generation.get();
        store
            .rows(range)
            .into_iter()
            .map(move |(position, row)| (generation, position, row))
            .collect::<Vec<_>>()
    };
    let row_view = move |(_, position, row): (u32, usize, RowRef)| match row.negative() {
        None => view! { <OriginalRow store position row/> }.into_any(),
        Some(_) => view! { <NegativeRow store position row/> }.into_any(),
    };

    view! {
        <div
            class="inv-grid"
            role="treegrid"
            aria-multiselectable="true"
            aria-label=i18n.t(Text::GridLabel)
            aria-rowcount=move || store.row_count() + 1
            data-testid="family-grid"
        >
            <div
                class="inv-grid__viewport"
                data-testid="grid-viewport"
                node_ref=viewport
                on:scroll=on_scroll
                on:keydown=move |ev| keys.on_keydown(ev)
            >
                <GridHeader store/>
                <div role="rowgroup" class="inv-grid__body">
                    <div
                        role="presentation"
                        class="inv-grid__spacer"
                        style:height=move || format!("{}px", window.with(|w| w.top_px))
                    ></div>
                    <For each=rows key=|item| *item children=row_view/>
                    <div
                        role="presentation"
                        class="inv-grid__spacer"
                        style:height=move || format!("{}px", window.with(|w| w.bottom_px))
                    ></div>
                </div>
            </div>
        </div>
    }
}

/// A row's `tabindex` for the roving focus: 0 on the focused row, -1 on every other.
fn row_tabindex(store: FamilyStore, row: RowRef) -> impl Fn() -> i32 + Copy {
    let focus = store.focus();
    move || if focus.get() == Some(row) { 0 } else { -1 }
}

/// `aria-level`, which Leptos has no typed attribute for: 1 for an original, 2 for a negative.
fn row_level(row: RowRef) -> impl leptos::attr::Attribute {
    leptos::tachys::html::attribute::custom::custom_attribute("aria-level", row.level().to_string())
}
