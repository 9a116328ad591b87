//! The grid's rows as one flat list: every original, and under each expanded original each of
//! its negative documents as a row of its own (R06). Expanding never changes a row's height,
//! only how many rows there are, so the window over them stays arithmetic. Also the treegrid's
//! keyboard (R29): which row a key focuses, expands, collapses or toggles.

use std::collections::HashSet;

use crate::api::DocumentId;
use crate::families::Families;

/// One row of the grid: a family's original, or one of its negatives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowRef {
    /// The family's place in [`Families`].
    pub family: u32,
    /// 0 for the original; `k` for its `k`-th negative (1-based).
    pub part: u32,
}

impl RowRef {
    pub fn original(family: usize) -> RowRef {
        RowRef {
            family: family as u32,
            part: 0,
        }
    }

    pub fn family(&self) -> usize {
        self.family as usize
    }

    /// Which negative of its family this row shows, if it shows one.
    pub fn negative(&self) -> Option<usize> {
        (self.part > 0).then(|| self.part as usize - 1)
    }

    /// `aria-level`: 1 for an original, 2 for a negative.
    pub fn level(&self) -> u8 {
        if self.part == 0 {
            1
        } else {
            2
        }
    }
}

/// The visible rows in order, and which families are expanded (kept by id across reloads).
#[derive(Clone, Debug, Default)]
pub struct TreeRows {
    rows: Vec<RowRef>,
    expanded: HashSet<DocumentId>,
}

/// A key of the treegrid pattern (WAI-ARIA Authoring Practices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Space,
}

impl Key {
    /// The key of a `KeyboardEvent.key` value.
    pub fn from_dom(key: &str) -> Option<Key> {
        Some(match key {
            "ArrowUp" => Key::Up,
            "ArrowDown" => Key::Down,
            "ArrowLeft" => Key::Left,
            "ArrowRight" => Key::Right,
            "Home" => Key::Home,
            "End" => Key::End,
            "PageUp" => Key::PageUp,
            "PageDown" => Key::PageDown,
            " " | "Spacebar" => Key::Space,
            _ => return None,
        })
    }
}

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyAction {
    /// Move the focus to this row.
    Focus(usize),
    /// Show the negatives of this family.
    Expand(usize),
    /// Hide the negatives of this family; the focus moves to its original.
    Collapse(usize),
    /// Check or uncheck this family, with all its negatives (R07).
    Toggle(usize),
    Nothing,
}

impl TreeRows {
    pub fn new() -> TreeRows {
        TreeRows::default()
    }

    /// Forgets the rows for a new load; which families are expanded is kept.
    pub fn reset(&mut self) {
        self.rows.clear();
    }

    /// Adds the families `from..` of `families` that the filter lets through at the end,
    /// expanded ones with their negatives.
    pub fn extend_from(&mut self, families: &Families, from: usize) {
        for i in from..families.len() {
            if !families.is_matching(i) {
                continue;
            }
            self.rows.push(RowRef::original(i));
            let family = families.get(i).expect("in range");
            if self.expanded.contains(family.id()) {
                self.push_negatives(i, family.negatives().len());
            }
        }
    }

    fn push_negatives(&mut self, family: usize, count: usize) {
        self.rows.extend((1..=count).map(|k| RowRef {
            family: family as u32,
            part: k as u32,
        }));
    }

    /// The rows again from the start, after the filter changed; expanded families stay expanded.
    pub fn rebuild(&mut self, families: &Families) {
        self.rows.clear();
        self.extend_from(families, 0);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn get(&self, row: usize) -> Option<RowRef> {
        self.rows.get(row).copied()
    }

    /// The rows `range`, clipped to the list.
    pub fn slice(&self, range: std::ops::Range<usize>) -> &[RowRef] {
        let end = range.end.min(self.rows.len());
        &self.rows[range.start.min(end)..end]
    }

    /// Where a row stands in the list, if it is shown.
    pub fn position(&self, row: RowRef) -> Option<usize> {
        self.rows.binary_search(&row).ok()
    }

    pub fn is_expanded(&self, id: &str) -> bool {
        self.expanded.contains(id)
    }

    /// Shows the negatives of family `family` under it. Returns whether anything changed.
    pub fn expand(&mut self, families: &Families, family: usize) -> bool {
        let Some(f) = families.get(family) else {
            return false;
        };
        if f.negatives().is_empty() || !self.expanded.insert(f.id().to_owned()) {
            return false;
        }
        if let Some(at) = self.position(RowRef::original(family)) {
            let count = f.negatives().len();
            let negatives = (1..=count).map(|k| RowRef {
                family: family as u32,
                part: k as u32,
            });
            self.rows.splice(at + 1..at + 1, negatives);
        }
        true
    }

    /// Hides the negatives of family `family`. Returns whether anything changed.
    pub fn collapse(&mut self, families: &Families, family: usize) -> bool {
        let Some(f) = families.get(family) else {
            return false;
        };
        if !self.expanded.remove(f.id()) {
            return false;
        }
        if let Some(at) = self.position(RowRef::original(family)) {
            let count = f.negatives().len();
            self.rows.drain(at + 1..at + 1 + count);
        }
        true
    }

    /// What `key` does with the focus on row `focus`; `page` rows make a screen.
    pub fn on_key(&self, families: &Families, key: Key, focus: usize, page: usize) -> KeyAction {
        let Some(row) = self.get(focus) else {
            return if self.is_empty() {
                KeyAction::Nothing
            } else {
                KeyAction::Focus(0)
            };
        };
        let last = self.len() - 1;
        let family = row.family();
        let has_negatives = families
            .get(family)
            .is_some_and(|f| !f.negatives().is_empty());
        let expanded = families
            .get(family)
            .is_some_and(|f| self.is_expanded(f.id()));
        let focus_if = |to: usize| {
            if to == focus {
                KeyAction::Nothing
            } else {
                KeyAction::Focus(to)
            }
        };
        match key {
            Key::Up => focus_if(focus.saturating_sub(1)),
            Key::Down => focus_if((focus + 1).min(last)),
            Key::Home => focus_if(0),
            Key::End => focus_if(last),
            Key::PageUp => focus_if(focus.saturating_sub(page.max(1))),
            Key::PageDown => focus_if((focus + page.max(1)).min(last)),
            Key::Space => KeyAction::Toggle(family),
            Key::Right if row.part == 0 && has_negatives && !expanded => KeyAction::Expand(family),
            Key::Right if row.part == 0 && expanded => KeyAction::Focus(focus + 1),
            Key::Left if row.part == 0 && expanded => KeyAction::Collapse(family),
            Key::Left if row.part > 0 => {
                KeyAction::Focus(self.position(RowRef::original(family)).unwrap_or(focus))
            }
            Key::Left | Key::Right => KeyAction::Nothing,
        }
    }
}

#[cfg(test)]
mod tests;
