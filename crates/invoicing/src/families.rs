//! The families of one basis as they arrive page by page, and the selection over them (R07, R09).
//!
//! A load delivers pages in the backend's order; the grid draws the first one while the rest
//! arrive. A reload (a retry that had to start over, an expired cursor) starts a new *load* but
//! keeps the selection: every checked family is re-checked with its new picture as it arrives,
//! unchecked if it can no longer be invoiced, and unchecked at the end if it did not come back.
//! Both kinds of drop are counted, so the page can say so instead of losing them silently.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::api::DocumentId;
use crate::family::Family;
use crate::selection::{Selection, Totals};

/// Checked families that a reload took out of the selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Still listed, but no longer invoiceable (R05) or with nothing left to invoice (R08).
    pub not_checkable: usize,
    /// No longer listed at all (invoiced elsewhere, or gone).
    pub gone: usize,
}

impl Dropped {
    pub fn is_empty(&self) -> bool {
        self.not_checkable == 0 && self.gone == 0
    }
}

/// What the header checkbox shows for "select all" (R09).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectAllState {
    /// No family is checked.
    None,
    /// Some, not all, checkable families are checked.
    Some,
    /// Every checkable family is checked, including those of pages still to arrive.
    All,
}

/// The families of one basis, in the backend's order, with the selection over them.
#[derive(Clone, Debug, Default)]
pub struct Families {
    list: Vec<Arc<Family>>,
    index: HashMap<DocumentId, usize>,
    selection: Selection,
    checkable: usize,
    /// Checked families not seen yet in the current load (only while a reload runs).
    unseen: HashSet<DocumentId>,
    /// "Select all" was asked while pages were still arriving: check the later ones too.
    selecting_all: bool,
    loading: bool,
    dropped: Dropped,
}

impl Families {
    pub fn new() -> Families {
        Families::default()
    }

    /// Starts a load from the first page. The families shown so far go; the selection stays,
    /// and each checked family must come back in this load to stay checked.
    pub fn begin_load(&mut self) {
        self.list.clear();
        self.index.clear();
        self.checkable = 0;
        self.unseen = self.selection.checked_families().cloned().collect();
        self.loading = true;
    }

    /// Adds the next page. Checked families are re-checked with their new picture (R07) and
    /// unchecked if they can no longer be checked; during a "select all" the new checkable
    /// families are checked too (R09). A family listed twice keeps its first place.
    pub fn append_page(&mut self, page: impl IntoIterator<Item = Family>) {
        for family in page {
            if self.index.contains_key(family.id()) {
                continue;
            }
            let checkable = family.checkability().is_checkable();
            let was_checked = self.selection.is_family_checked(family.id());
            let wanted = was_checked || (self.selecting_all && checkable);
            if wanted && self.selection.check(&family).is_err() && was_checked {
                self.dropped.not_checkable += 1;
            }
            self.unseen.remove(family.id());
            self.checkable += usize::from(checkable);
            self.index.insert(family.id().clone(), self.list.len());
            self.list.push(Arc::new(family));
        }
    }

    /// The last page has arrived: checked families that did not come back are unchecked.
    pub fn finish_load(&mut self) {
        for id in std::mem::take(&mut self.unseen) {
            if self.selection.uncheck(&id) {
                self.dropped.gone += 1;
            }
        }
        self.loading = false;
        self.selecting_all = false;
    }

    /// Whether pages are still to arrive.
    pub fn is_loading(&self) -> bool {
        self.loading
    }

    /// Takes the count of families that loads unchecked since the last call.
    pub fn take_dropped(&mut self) -> Dropped {
        std::mem::take(&mut self.dropped)
    }

    /// Checks or unchecks the family at `index`, with all of its negatives (R07). Returns
    /// whether anything changed; non-checkable families (R05, R08) never change.
    pub fn toggle(&mut self, index: usize) -> bool {
        let Some(family) = self.list.get(index) else {
            return false;
        };
        if self.selection.uncheck(family.id()) {
            self.selecting_all = false;
            true
        } else {
            self.selection.check(family).is_ok()
        }
    }

    /// Checks every checkable family of the basis in one pass (R09), and those of pages still
    /// to arrive as they arrive. Returns how many families are checked now.
    pub fn select_all(&mut self) -> usize {
        for family in &self.list {
            let _ = self.selection.check(family);
        }
        self.selecting_all = self.loading;
        self.selection.totals().count
    }

    /// Unchecks everything in one action (R09), and stops a running "select all".
    pub fn clear(&mut self) {
        self.selection.clear();
        self.unseen.clear();
        self.selecting_all = false;
    }

    /// Whether "select all" is still checking families as their pages arrive.
    pub fn is_selecting_all(&self) -> bool {
        self.selecting_all
    }

    /// What the header checkbox shows: all only when every checkable family of the basis,
    /// loaded or not, is or will be checked.
    pub fn select_all_state(&self) -> SelectAllState {
        let count = self.selection.totals().count;
        let loaded_checked = count - self.unseen.len().min(count);
        if count == 0 {
            SelectAllState::None
        } else if self.checkable > 0
            && loaded_checked >= self.checkable
            && (!self.loading || self.selecting_all)
        {
            SelectAllState::All
        } else {
            SelectAllState::Some
        }
    }

    pub fn is_checked(&self, index: usize) -> bool {
        self.list
            .get(index)
            .is_some_and(|f| self.selection.is_family_checked(f.id()))
    }

    pub fn get(&self, index: usize) -> Option<&Arc<Family>> {
        self.list.get(index)
    }

    /// Where the family whose original is `id` stands in the list.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many of the loaded families can be checked.
    pub fn checkable_count(&self) -> usize {
        self.checkable
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<Family>> {
        self.list.iter()
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn totals(&self) -> Totals {
        self.selection.totals()
    }
}

#[cfg(test)]
mod tests;
