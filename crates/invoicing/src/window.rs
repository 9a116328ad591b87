//! Which rows of a long grid to draw: the ones in view and a small margin, with spacers.
//!
//! Every row has the same height, so the window is arithmetic, never a measurement. Browsers
//! cap an element's height (Firefox draws nothing past a few million pixels), so a list taller
//! than [`MAX_SCROLL_PX`] scrolls over a scaled height: the scroll position maps linearly onto
//! the list, and the drawn rows are placed where the viewport is.

use std::ops::Range;

/// The tallest scroll height the grid asks of a browser.
pub const MAX_SCROLL_PX: u64 = 4_000_000;

/// The fixed sizes the window is computed from, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    pub row_height: u32,
    /// The height of the scroll container's visible part.
    pub viewport: u32,
    /// Rows drawn beyond each edge of the viewport.
    pub overscan: usize,
}

/// The rows to draw and the spacers around them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub rows: Range<usize>,
    /// Height of the spacer above the drawn rows.
    pub top_px: u64,
    /// Height of the spacer below them.
    pub bottom_px: u64,
    /// The whole scroll height: spacers plus drawn rows.
    pub scroll_height_px: u64,
}

impl Geometry {
    /// How many rows a screen shows, at least one: the step of Page Up and Page Down.
    pub fn rows_per_screen(&self) -> usize {
        (self.viewport / self.row_height.max(1)).max(1) as usize
    }

    fn content_px(&self, rows: usize) -> u64 {
        rows as u64 * u64::from(self.row_height)
    }

    fn scroll_height_px(&self, rows: usize) -> u64 {
        self.content_px(rows).min(MAX_SCROLL_PX)
    }

    /// The scroll range and the content range it stands for (equal unless scaled).
    fn ranges(&self, rows: usize) -> (u64, u64) {
        let viewport = u64::from(self.viewport);
        let content = self.content_px(rows).saturating_sub(viewport);
        let scroll = self.scroll_height_px(rows).saturating_sub(viewport);
        (scroll, content)
    }

    /// The content offset (pixels into the unscaled list) shown at `scroll_top`.
    fn content_offset(&self, scroll_top: u64, rows: usize) -> u64 {
        let (scroll, content) = self.ranges(rows);
        let scroll_top = scroll_top.min(scroll);
        if scroll == content || scroll == 0 {
            scroll_top
        } else {
            (u128::from(scroll_top) * u128::from(content) / u128::from(scroll)) as u64
        }
    }

    /// The scroll position that shows content offset `offset`.
    fn scroll_top_of(&self, offset: u64, rows: usize) -> u64 {
        let (scroll, content) = self.ranges(rows);
        let offset = offset.min(content);
        if scroll == content || content == 0 {
            offset
        } else {
            (u128::from(offset) * u128::from(scroll)).div_ceil(u128::from(content)) as u64
        }
    }

    /// The rows to draw when the container is scrolled to `scroll_top` over `rows` rows.
    pub fn window(&self, scroll_top: u64, rows: usize) -> Window {
        let row_height = u64::from(self.row_height.max(1));
        let scroll_height_px = self.scroll_height_px(rows);
        if rows == 0 {
            return Window {
                rows: 0..0,
                top_px: 0,
                bottom_px: 0,
                scroll_height_px,
            };
        }
        let scroll_top = scroll_top.min(scroll_height_px);
        let offset = self.content_offset(scroll_top, rows);
        let first_visible = ((offset / row_height) as usize).min(rows - 1);
        let within = offset - first_visible as u64 * row_height;
        let start = first_visible.saturating_sub(self.overscan);
        let in_view = (u64::from(self.viewport).div_ceil(row_height) as usize) + 1;
        let end = (first_visible + in_view + self.overscan).min(rows);
        let above = (first_visible - start) as u64 * row_height;
        let top_px = scroll_top.saturating_sub(within).saturating_sub(above);
        let drawn = (end - start) as u64 * row_height;
        Window {
            rows: start..end,
            top_px,
            bottom_px: scroll_height_px.saturating_sub(top_px + drawn),
            scroll_height_px,
        }
    }

    /// The first row wholly in view at `scroll_top` (the last row if none is).
    pub fn first_in_view(&self, scroll_top: u64, rows: usize) -> usize {
        if rows == 0 {
            return 0;
        }
        let offset = self.content_offset(scroll_top, rows);
        let row_height = u64::from(self.row_height.max(1));
        (offset.div_ceil(row_height) as usize).min(rows - 1)
    }

    /// The scroll position that brings row `row` wholly into view from `scroll_top`, or `None`
    /// when it is in view already.
    pub fn reveal(&self, row: usize, scroll_top: u64, rows: usize) -> Option<u64> {
        let row_height = u64::from(self.row_height);
        let viewport = u64::from(self.viewport);
        let offset = self.content_offset(scroll_top, rows);
        let row_top = row as u64 * row_height;
        let wanted = if row_top < offset {
            row_top
        } else if row_top + row_height > offset + viewport {
            (row_top + row_height).saturating_sub(viewport)
        } else {
            return None;
        };
        Some(self.scroll_top_of(wanted, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const G: Geometry = Geometry {
        row_height: 32,
        viewport: 320,
        overscan: 5,
    };

    #[test]
    fn draws_the_rows_in_view_and_a_margin() {
        let w = G.window(0, 100_000);
        assert_eq!(w.rows, 0..16);
        assert_eq!(w.top_px, 0);
        assert_eq!(w.scroll_height_px, 3_200_000);
        assert_eq!(w.top_px + 16 * 32 + w.bottom_px, w.scroll_height_px);

        let w = G.window(32 * 1000 + 10, 100_000);
        assert_eq!(w.rows, 995..1016);
        assert_eq!(w.top_px, 995 * 32);
    }

    #[test]
    fn the_last_screen_ends_with_the_last_row() {
        let w = G.window(u64::MAX, 1000);
        assert_eq!(w.rows.end, 1000);
        assert_eq!(w.bottom_px, 0);
    }

    #[test]
    fn no_rows_no_window() {
        assert_eq!(G.window(500, 0).rows, 0..0);
    }

    #[test]
    fn drawing_fifty_rows_does_not_depend_on_the_row_count() {
        let small = G.window(0, 200).rows.len();
        let huge = G.window(0, 10_000_000).rows.len();
        assert_eq!(small, huge);
    }

    #[test]
    fn a_list_taller_than_the_browser_allows_scrolls_a_scaled_height() {
        let rows = 1_000_000;
        let w = G.window(0, rows);
        assert_eq!(w.scroll_height_px, MAX_SCROLL_PX);
        let end = G.window(MAX_SCROLL_PX - 320, rows);
        assert_eq!(end.rows.end, rows);
        let middle = G.window((MAX_SCROLL_PX - 320) / 2, rows);
        let first_visible = middle.rows.start + G.overscan;
        assert!(
            (first_visible as i64 - rows as i64 / 2).abs() < 10,
            "{middle:?}"
        );
    }

    #[test]
    fn reveal_scrolls_only_when_the_row_is_out_of_view() {
        assert_eq!(G.reveal(3, 0, 1000), None);
        assert_eq!(G.reveal(10, 0, 1000), Some(11 * 32 - 320));
        assert_eq!(G.reveal(2, 32 * 50, 1000), Some(64));
    }

    #[test]
    fn the_first_row_in_view_is_wholly_visible() {
        assert_eq!(G.first_in_view(0, 100), 0);
        assert_eq!(G.first_in_view(1, 100), 1);
        assert_eq!(G.first_in_view(64, 100), 2);
        assert_eq!(
            G.first_in_view(u64::MAX, 100),
            90,
            "the last screen starts there"
        );
    }

    proptest! {
        /// Any scroll position over any list draws a contiguous window that covers the
        /// viewport's rows, whose spacers and rows add up to the scroll height, and which
        /// never holds more than a screen and two margins.
        #[test]
        fn the_window_covers_the_viewport(rows in 0usize..3_000_000, at in 0u64..5_000_000) {
            let w = G.window(at, rows);
            prop_assert!(w.rows.end <= rows);
            prop_assert!(w.rows.len() <= G.rows_per_screen() + 2 + 2 * G.overscan);
            if rows > 0 {
                prop_assert!(!w.rows.is_empty());
                let drawn = w.rows.len() as u64 * 32;
                prop_assert!(w.top_px + drawn + w.bottom_px <= w.scroll_height_px.max(w.top_px + drawn));
                prop_assert!(w.scroll_height_px <= MAX_SCROLL_PX);
                // The drawn rows span the viewport, unless the list ends first.
                let top = at.min(w.scroll_height_px);
                prop_assert!(w.top_px <= top);
                prop_assert!(w.top_px + drawn >= (top + 320).min(w.scroll_height_px) || w.rows.end == rows);
            }
        }

        /// After `reveal`, the row is in the drawn window.
        #[test]
        fn revealed_rows_are_drawn(rows in 1usize..2_000_000, row in 0usize..2_000_000, at in 0u64..5_000_000) {
            let row = row % rows;
            let at = at.min(G.window(0, rows).scroll_height_px);
            let now = G.reveal(row, at, rows).unwrap_or(at);
            prop_assert!(G.window(now, rows).rows.contains(&row));
        }
    }
}
