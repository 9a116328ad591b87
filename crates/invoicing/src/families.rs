//! The families of one basis as they arrive page by page, and the selection over them (R07, R09).
//!
//! A load delivers pages in the backend's order; the grid draws the first one while the rest
//! arrive. A reload (a retry that had to start over, an expired cursor) starts a new *load* but
//! keeps the selection: every checked family is re-checked with its new picture as it arrives,
//! unchecked if it can no longer be invoiced, and unchecked at the end if it did not come back.
//! Both kinds of drop are counted, so the page can say so instead of losing them silently.

use std::collections::HashMap;
use std::sync::Arc;

use crate::api::{DocumentId, IssuerId};
use crate::family::Family;
use crate::money::Money;
use crate::record::{FamilyRecord, Interner};
use crate::selection::Totals;

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

/// What the selection remembers of a family checked in an earlier load that this load has not
/// delivered yet: enough to keep it in the totals until it arrives or the load ends.
#[derive(Clone, Debug)]
struct Carried {
    issuer: u16,
    positive: Money,
    negative: Money,
}

/// The families of one basis, in the backend's order, with the selection over them.
///
/// The selection is kept by place in the list (a flag per family and running totals), so
/// checking, select all and clear never hash or copy an id: select all over 100,000 families
/// is one pass over flags and amounts. The only way in is a whole family (R07).
#[derive(Clone, Debug, Default)]
pub struct Families {
    list: Vec<Arc<FamilyRecord>>,
    interner: Interner,
    index: HashMap<DocumentId, usize>,
    /// Per family: its entity's place in `issuers`, and whether it can be checked.
    issuer_of: Vec<u16>,
    checkable_flags: Vec<bool>,
    checked: Vec<bool>,
    checked_count: usize,
    issuers: Vec<IssuerId>,
    totals: Totals,
    /// Totals per entity, by place in `issuers`.
    by_issuer: Vec<Totals>,
    checkable: usize,
    /// Checked families of an earlier load not seen again yet (only while a reload runs).
    carried: HashMap<DocumentId, Carried>,
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
        for (i, family) in self.list.iter().enumerate() {
            if self.checked[i] {
                self.carried.insert(
                    family.id().to_owned(),
                    Carried {
                        issuer: self.issuer_of[i],
                        positive: family.positive_amount(),
                        negative: family.negative_amount(),
                    },
                );
            }
        }
        self.list.clear();
        self.index.clear();
        self.issuer_of.clear();
        self.checkable_flags.clear();
        self.checked.clear();
        self.checked_count = 0;
        self.checkable = 0;
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
            let family = FamilyRecord::new(family, &mut self.interner);
            let checkable = family.is_checkable();
            let issuer = self.issuer_place(family.issuer_id());
            let carried = self.carried.remove(family.id());
            if let Some(old) = &carried {
                self.add_to_totals(old.issuer, old.positive, old.negative, false);
                if !checkable {
                    self.dropped.not_checkable += 1;
                }
            }
            let at = self.list.len();
            self.index.insert(family.id().to_owned(), at);
            self.issuer_of.push(issuer);
            self.checkable_flags.push(checkable);
            self.checked.push(false);
            self.checkable += usize::from(checkable);
            self.list.push(Arc::new(family));
            if checkable && (carried.is_some() || self.selecting_all) {
                self.set_checked(at, true);
            }
        }
    }

    /// The last page has arrived: checked families that did not come back are unchecked.
    pub fn finish_load(&mut self) {
        for (_, old) in std::mem::take(&mut self.carried) {
            self.add_to_totals(old.issuer, old.positive, old.negative, false);
            self.dropped.gone += 1;
        }
        self.loading = false;
        self.selecting_all = false;
    }

    fn issuer_place(&mut self, id: &str) -> u16 {
        match self.issuers.iter().position(|i| i == id) {
            Some(at) => at as u16,
            None => {
                self.issuers.push(id.to_owned());
                self.by_issuer.push(Totals::default());
                (self.issuers.len() - 1) as u16
            }
        }
    }

    fn add_to_totals(&mut self, issuer: u16, positive: Money, negative: Money, add: bool) {
        let entity = &mut self.by_issuer[usize::from(issuer)];
        if add {
            self.totals.add(positive, negative);
            entity.add(positive, negative);
        } else {
            self.totals.remove(positive, negative);
            entity.remove(positive, negative);
        }
    }

    /// Checks or unchecks the family at `at` with all its negatives, keeping the totals.
    fn set_checked(&mut self, at: usize, checked: bool) {
        if self.checked[at] == checked {
            return;
        }
        self.checked[at] = checked;
        if checked {
            self.checked_count += 1;
        } else {
            self.checked_count -= 1;
        }
        let family = &self.list[at];
        let (positive, negative) = (family.positive_amount(), family.negative_amount());
        self.add_to_totals(self.issuer_of[at], positive, negative, checked);
    }

    /// Takes the count of families that loads unchecked since the last call.
    pub fn take_dropped(&mut self) -> Dropped {
        std::mem::take(&mut self.dropped)
    }

    /// Checks or unchecks the family at `index`, with all of its negatives (R07). Returns
    /// whether anything changed; non-checkable families (R05, R08) never change.
    pub fn toggle(&mut self, index: usize) -> bool {
        if !self.checkable_flags.get(index).copied().unwrap_or(false) {
            return false;
        }
        let now = !self.checked[index];
        if !now {
            self.selecting_all = false;
        }
        self.set_checked(index, now);
        true
    }

    /// Checks every checkable family of the basis in one pass (R09), and those of pages still
    /// to arrive as they arrive. Returns how many families are checked now.
    pub fn select_all(&mut self) -> usize {
        for at in 0..self.list.len() {
            if self.checkable_flags[at] {
                self.set_checked(at, true);
            }
        }
        self.selecting_all = self.loading;
        self.totals.count
    }

    /// Unchecks everything in one action (R09), and stops a running "select all".
    pub fn clear(&mut self) {
        self.checked.iter_mut().for_each(|c| *c = false);
        self.checked_count = 0;
        self.carried.clear();
        self.totals = Totals::default();
        self.by_issuer
            .iter_mut()
            .for_each(|t| *t = Totals::default());
        self.selecting_all = false;
    }

    /// Whether "select all" is still checking families as their pages arrive.
    pub fn is_selecting_all(&self) -> bool {
        self.selecting_all
    }

    /// What the header checkbox shows: all only when every checkable family of the basis,
    /// loaded or not, is or will be checked.
    pub fn select_all_state(&self) -> SelectAllState {
        if self.totals.count == 0 {
            SelectAllState::None
        } else if self.checkable > 0
            && self.checked_count == self.checkable
            && self.carried.is_empty()
            && (!self.loading || self.selecting_all)
        {
            SelectAllState::All
        } else {
            SelectAllState::Some
        }
    }

    pub fn is_checked(&self, index: usize) -> bool {
        self.checked.get(index).copied().unwrap_or(false)
    }

    /// Whether the family whose original is `id` is checked, loaded or carried over a reload.
    pub fn is_family_checked(&self, id: &str) -> bool {
        self.carried.contains_key(id) || self.position(id).is_some_and(|at| self.checked[at])
    }

    /// Whether a document, original or negative, is checked: a negative exactly when its
    /// family is (R07). Looks through the list, for tests and audits.
    pub fn is_document_checked(&self, id: &str) -> bool {
        self.is_family_checked(id)
            || self
                .checked_families()
                .any(|f| f.negatives().iter().any(|n| &*n.id == id))
    }

    /// The checked families of the list, in its order.
    pub fn checked_families(&self) -> impl Iterator<Item = &Arc<FamilyRecord>> {
        self.list
            .iter()
            .zip(&self.checked)
            .filter_map(|(f, c)| c.then_some(f))
    }

    /// The ids a request carries: for each checked family, in the list's order, the original
    /// followed by all of its negatives (R07).
    pub fn checked_document_ids(&self) -> Vec<DocumentId> {
        self.checked_families()
            .flat_map(|f| f.document_ids())
            .collect()
    }

    pub fn get(&self, index: usize) -> Option<&Arc<FamilyRecord>> {
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

    /// Figures over every checked family (R10), kept up to date on every change.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Figures per invoicing entity that has checked families, ordered by entity id (R10).
    pub fn totals_by_issuer(&self) -> Vec<(&IssuerId, Totals)> {
        let mut lines: Vec<(&IssuerId, Totals)> = self
            .issuers
            .iter()
            .zip(&self.by_issuer)
            .filter(|(_, t)| t.count > 0)
            .map(|(id, t)| (id, *t))
            .collect();
        lines.sort_by(|a, b| a.0.cmp(b.0));
        lines
    }
}

#[cfg(test)]
mod tests;
