//! The treegrid's keyboard (R29): keys go to the store, which answers with a row to focus; the
//! grid scrolls that row into the window and moves DOM focus to it (roving tabindex).

use invoicing::{Geometry, Key};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::FamilyStore;

/// What the key handler needs of the grid.
#[derive(Clone, Copy)]
pub struct GridKeys {
    pub store: FamilyStore,
    pub viewport: NodeRef<Div>,
    pub geometry: Memo<Geometry>,
    pub scroll_top: RwSignal<u64>,
}

impl GridKeys {
    /// Arrow keys, Home/End, Page Up/Down and Space, as the treegrid pattern says.
    pub fn on_keydown(self, ev: web_sys::KeyboardEvent) {
        if ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let Some(key) = Key::from_dom(&ev.key()) else {
            return;
        };
        // Also keeps Space from scrolling the page and from flipping a focused checkbox twice.
        ev.prevent_default();
        let geometry = self.geometry.get_untracked();
        let action = self.store.on_key(key, geometry.rows_per_screen());
        if let Some(row) = self.store.apply(action) {
            self.show_and_focus(row);
        }
    }

    /// Scrolls row `row` into view if it is not, then gives it DOM focus once drawn.
    pub fn show_and_focus(self, row: usize) {
        let Some(viewport) = self.viewport.get_untracked() else {
            return;
        };
        let geometry = self.geometry.get_untracked();
        let rows = self.store.row_count_untracked();
        if let Some(top) = geometry.reveal(row, self.scroll_top.get_untracked(), rows) {
            viewport.set_scroll_top(top as i32);
            self.scroll_top.set(top);
        }
        focus_row_element(self.viewport, row);
    }

    /// Before the window moves to `scroll_top`: when the focused row would leave it, the
    /// focus moves to the first row in view, so it never falls to `<body>` with its element.
    pub fn keep_focus_in_window(self, scroll_top: u64) {
        let Some(focused) = self.store.focused_position() else {
            return;
        };
        let geometry = self.geometry.get_untracked();
        let rows = self.store.row_count_untracked();
        let window = geometry.window(scroll_top, rows);
        if window.rows.contains(&focused) || window.rows.is_empty() {
            return;
        }
        let first_in_view = geometry.first_in_view(scroll_top, rows);
        let had_focus = self.has_focus();
        self.store.focus_row(first_in_view);
        if had_focus {
            focus_row_element(self.viewport, first_in_view);
        }
    }

    fn has_focus(self) -> bool {
        let active = document().active_element();
        match (self.viewport.get_untracked(), active) {
            (Some(viewport), Some(active)) => viewport.contains(Some(&active)),
            _ => false,
        }
    }
}

/// Focuses the row at `row` (its `aria-rowindex` is `row + 2`): at once when it is drawn, so
/// that the next key already starts from it, else after the pending render has drawn it.
fn focus_row_element(viewport: NodeRef<Div>, row: usize) {
    if !focus_drawn_row(viewport, row) {
        request_animation_frame(move || {
            focus_drawn_row(viewport, row);
        });
    }
}

/// Focuses the drawn row at `row`; `false` when it is not drawn.
fn focus_drawn_row(viewport: NodeRef<Div>, row: usize) -> bool {
    let Some(viewport) = viewport.get_untracked() else {
        return false;
    };
    let selector = format!("[role=row][aria-rowindex=\"{}\"]", row + 2);
    match viewport.query_selector(&selector) {
        Ok(Some(element)) => element
            .dyn_into::<web_sys::HtmlElement>()
            .is_ok_and(|e| e.focus().is_ok()),
        _ => false,
    }
}
