//! The invoicing page's grid as a windowed treegrid: select all, the progress of background
//! loading, notices, scrolling to a row that is not drawn, and the keyboard.

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{json, Value};

use super::InvoicingPage;
use crate::wait;

/// Every row's height in CSS pixels, as the app draws it.
pub const ROW_HEIGHT: u64 = 36;

const SELECT_ALL: &str = r#"
const box = q('[data-testid=select-all]');
return box ? { checked: box.checked, mixed: box.indeterminate } : null;
"#;

const PROGRESS: &str = r#"
const bar = q('[data-testid=load-progress]');
return bar ? [Number(bar.getAttribute('aria-valuenow')), Number(bar.getAttribute('aria-valuemax'))] : null;
"#;

const TEXT_OF: &str = r#"
const el = q(arguments[0]);
return el ? el.innerText.trim() : null;
"#;

const SCROLL_TO: &str = r#"
const viewport = q('[data-testid=grid-viewport]');
viewport.scrollTop = arguments[0];
return viewport.scrollTop;
"#;

const FOCUSED_ROW: &str = r#"
const el = document.activeElement;
if (!el || el.getAttribute('role') !== 'row') return null;
return [el.getAttribute('aria-rowindex'), el.getAttribute('data-doc-id')];
"#;

const GRID: &str = r#"
const grid = q('[data-testid=family-grid]');
const rows = grid ? grid.querySelectorAll('[role=row][data-doc-id]').length : 0;
return grid ? { rowcount: Number(grid.getAttribute('aria-rowcount')), drawn: rows } : null;
"#;

/// The header checkbox: checked, and mixed (`indeterminate`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectAllBox {
    pub checked: bool,
    pub mixed: bool,
}

impl InvoicingPage {
    /// The header's "select all" checkbox as it is now.
    pub async fn select_all_box(&self) -> SelectAllBox {
        let v = self.script(SELECT_ALL, vec![]).await;
        SelectAllBox {
            checked: v["checked"].as_bool().expect("a select-all checkbox"),
            mixed: v["mixed"].as_bool().unwrap_or(false),
        }
    }

    /// Clicks "select all" (or, when everything is selected, unselect all).
    pub async fn click_select_all(&self) {
        self.click("[data-testid=select-all]").await;
    }

    /// Clicks "Clear selection" in the summary.
    pub async fn clear_selection(&self) {
        self.click("[data-testid=clear-selection]").await;
    }

    /// The progress bar's families loaded and total, while pages are still loading.
    pub async fn progress(&self) -> Option<(u64, u64)> {
        let v = self.script(PROGRESS, vec![]).await;
        Some((v.get(0)?.as_u64()?, v.get(1)?.as_u64()?))
    }

    /// Waits until every page has arrived: no progress bar, and the grid is there.
    pub async fn wait_until_loaded(&self, timeout: Duration) {
        let page = self;
        wait::until_within(timeout, "every page of families", move || async move {
            let shown = page.shown().await;
            match page.progress().await {
                None if shown.grid => Ok(()),
                progress => Err(format!("progress {progress:?}, page shows {shown:?}")),
            }
        })
        .await;
    }

    /// The text of the first element matching `selector`, if there is one.
    pub async fn text_of(&self, selector: &str) -> Option<String> {
        self.script(TEXT_OF, vec![json!(selector)])
            .await
            .as_str()
            .map(str::to_string)
    }

    /// `aria-rowcount` of the grid and how many rows are drawn.
    pub async fn grid_rows(&self) -> (u64, u64) {
        let v = self.script(GRID, vec![]).await;
        (
            v["rowcount"].as_u64().unwrap_or(0),
            v["drawn"].as_u64().unwrap_or(0),
        )
    }

    /// Scrolls the grid so that row `position` (0-based, among all visible rows) is at the top,
    /// and waits until the row of document `id` is drawn.
    pub async fn scroll_to_row(&self, position: usize, id: &str) {
        self.script(SCROLL_TO, vec![json!(position as u64 * ROW_HEIGHT)])
            .await;
        self.family(id).await;
    }

    /// Presses Tab until a grid row has the focus, as a keyboard user enters the grid.
    pub async fn tab_into_grid(&self) {
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur(); window.focus();",
                vec![],
            )
            .await
            .expect("blur");
        // The header (language switch, page tabs), the basis tabs and the filters come first.
        for _ in 0..40 {
            self.press(Key::Tab).await;
            if self.focused_row().await.is_some() {
                return;
            }
        }
        panic!("forty presses of Tab did not reach a row of the grid");
    }

    /// Presses `key` where the focus is.
    pub async fn press(&self, key: Key) {
        self.press_text(&char::from(key).to_string()).await;
    }

    /// Types `text` (such as `" "` for Space) where the focus is.
    pub async fn press_text(&self, text: &str) {
        let active = self
            .client
            .active_element()
            .await
            .unwrap_or_else(|e| panic!("nothing has the focus: {e}"));
        active
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing {text:?} failed: {e}"));
    }

    /// The focused row's `aria-rowindex` and document id, if a row has the focus.
    pub async fn focused_row(&self) -> Option<(String, String)> {
        let v: Value = self.script(FOCUSED_ROW, vec![]).await;
        Some((
            v.get(0)?.as_str()?.to_string(),
            v.get(1)?.as_str()?.to_string(),
        ))
    }

    /// Waits until the row of document `id` has the focus.
    pub async fn wait_for_focus(&self, id: &str) {
        let page = self;
        wait::until(
            format!("the focus on the row of {id}"),
            move || async move {
                match page.focused_row().await {
                    Some((_, focused)) if focused == id => Ok(()),
                    other => Err(format!("the focus is on {other:?}")),
                }
            },
        )
        .await;
    }
}
