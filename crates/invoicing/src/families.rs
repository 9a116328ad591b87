//! The families of one basis as they arrive page by page, and the selection over them (R07, R09).
//!
//! A load delivers pages in the backend's order; the grid draws the first one while the rest
//! arrive. A reload (a retry that had to start over, an expired cursor) starts a new *load* but
//! keeps the selection: every checked family is re-checked with its new picture as it arrives,
//! unchecked if it can no longer be invoiced, and unchecked at the end if it did not come back.
//! Both kinds of drop are counted, so the page can say so instead of losing them silently.

use std::collections::HashMap;
use std::sync::Arc;

use crate::api::{AccountId, DocumentId, IssuerId};
use crate::family::Family;
use crate::filter::CandidateFilter;
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

/// What the header checkbox shows for "select all" over the families the filter lets through (R09).
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
    group: u16,
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
    /// Per family: its (entity, account) group's place in `groups`, whether it can be checked,
    /// whether it is checked, and whether the filter lets it through.
    group_of: Vec<u16>,
    checkable_flags: Vec<bool>,
    checked: Vec<bool>,
    matching: Vec<bool>,
    checked_count: usize,
    /// The (entity, account) pairs seen, in order of appearance.
    groups: Vec<(IssuerId, AccountId)>,
    totals: Totals,
    /// Totals per (entity, account), by place in `groups`; arrears are settled per account.
    by_group: Vec<Totals>,
    checkable: usize,
    /// The filter (normalized) and its counts: matching, matching and checkable, matching and checked.
    filter: CandidateFilter,
    matching_count: usize,
    matching_checkable: usize,
    matching_checked: usize,
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
                        group: self.group_of[i],
                        positive: family.positive_amount(),
                        negative: family.negative_amount(),
                    },
                );
            }
        }
        self.list.clear();
        self.index.clear();
        self.group_of.clear();
        self.checkable_flags.clear();
        self.checked.clear();
        self.matching.clear();
        self.checked_count = 0;
        self.checkable = 0;
        self.matching_count = 0;
        self.matching_checkable = 0;
        self.matching_checked = 0;
        self.loading = true;
    }

    /// Adds the next page. Checked families are re-checked with their new picture (R07) and
    /// unchecked if they can no longer be checked; during a "select all" the new checkable
    /// families that the filter lets through are checked too (R09). A family listed twice
    /// keeps its first place.
    pub fn append_page(&mut self, page: impl IntoIterator<Item = Family>) {
        for family in page {
            if self.index.contains_key(family.id()) {
                continue;
            }
            let family = FamilyRecord::new(family, &mut self.interner);
            let checkable = family.is_checkable();
            let group = self.group_place(family.issuer_id(), family.account_id());
            let matching = self.filter.matches(&family);
            let carried = self.carried.remove(family.id());
            if let Some(old) = &carried {
                self.add_to_totals(old.group, old.positive, old.negative, false);
                if !checkable {
                    self.dropped.not_checkable += 1;
                }
            }
            let at = self.list.len();
            self.index.insert(family.id().to_owned(), at);
            self.group_of.push(group);
            self.checkable_flags.push(checkable);
            self.checked.push(false);
            self.matching.push(matching);
            self.checkable += usize::from(checkable);
            self.matching_count += usize::from(matching);
            self.matching_checkable += usize::from(matching && checkable);
            self.list.push(Arc::new(family));
            if checkable && (carried.is_some() || (self.selecting_all && matching)) {
                self.set_checked(at, true);
            }
        }
    }

    /// The last page has arrived: checked families that did not come back are unchecked.
    pub fn finish_load(&mut self) {
        for (_, old) in std::mem::take(&mut self.carried) {
            self.add_to_totals(old.group, old.positive, old.negative, false);
            self.dropped.gone += 1;
        }
        self.loading = false;
        self.selecting_all = false;
    }

    fn group_place(&mut self, issuer: &str, account: &str) -> u16 {
        match self
            .groups
            .iter()
            .position(|(i, a)| i == issuer && a == account)
        {
            Some(at) => at as u16,
            None => {
                self.groups.push((issuer.to_owned(), account.to_owned()));
                self.by_group.push(Totals::default());
                (self.groups.len() - 1) as u16
            }
        }
    }

    fn add_to_totals(&mut self, group: u16, positive: Money, negative: Money, add: bool) {
        let entity = &mut self.by_group[usize::from(group)];
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
        let matching = usize::from(self.matching[at]);
        if checked {
            self.checked_count += 1;
            self.matching_checked += matching;
        } else {
            self.checked_count -= 1;
            self.matching_checked -= matching;
        }
        let family = &self.list[at];
        let (positive, negative) = (family.positive_amount(), family.negative_amount());
        self.add_to_totals(self.group_of[at], positive, negative, checked);
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

    /// Checks every checkable family that the filter lets through, in one pass (R09), and
    /// those of pages still to arrive as they arrive. Families checked before and hidden by
    /// the filter stay checked. Returns how many families the filter shows checked now.
    pub fn select_all(&mut self) -> usize {
        for at in 0..self.list.len() {
            if self.checkable_flags[at] && self.matching[at] {
                self.set_checked(at, true);
            }
        }
        self.selecting_all = self.loading;
        self.matching_checked
    }

    /// Unchecks everything in one action (R09), and stops a running "select all".
    pub fn clear(&mut self) {
        self.checked.iter_mut().for_each(|c| *c = false);
        self.checked_count = 0;
        self.matching_checked = 0;
        self.carried.clear();
        self.totals = Totals::default();
        self.by_group
            .iter_mut()
            .for_each(|t| *t = Totals::default());
        self.selecting_all = false;
    }

    /// Whether "select all" is still checking families as their pages arrive.
    pub fn is_selecting_all(&self) -> bool {
        self.selecting_all
    }

    /// What the header checkbox shows for the families the filter lets through: all only
    /// when every such checkable family, loaded or not, is or will be checked.
    pub fn select_all_state(&self) -> SelectAllState {
        let carried = if self.filter.is_empty() {
            self.carried.len()
        } else {
            0
        };
        if self.matching_checked + carried == 0 {
            SelectAllState::None
        } else if self.matching_checkable > 0
            && self.matching_checked == self.matching_checkable
            && carried == 0
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
        let mut lines: Vec<(&IssuerId, Totals)> = Vec::new();
        for ((issuer, _), t) in self.groups.iter().zip(&self.by_group) {
            if t.count == 0 {
                continue;
            }
            match lines.iter_mut().find(|(i, _)| *i == issuer) {
                Some((_, sum)) => sum.merge(t),
                None => lines.push((issuer, *t)),
            }
        }
        lines.sort_by(|a, b| a.0.cmp(b.0));
        lines
    }

    /// Figures per invoicing entity and account that have checked families, ordered by entity
    /// then account: what arrears are settled against (R12, R13).
    pub fn totals_by_issuer_account(&self) -> Vec<(&IssuerId, &AccountId, Totals)> {
        let mut lines: Vec<(&IssuerId, &AccountId, Totals)> = self
            .groups
            .iter()
            .zip(&self.by_group)
            .filter(|(_, t)| t.count > 0)
            .map(|((i, a), t)| (i, a, *t))
            .collect();
        lines.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        lines
    }

    /// Lets through only the families that `filter` matches (R04), in one pass. The selection
    /// stays as it is: checked families the filter hides stay checked and in the totals. A
    /// running "select all" stops: it was asked for other filters.
    pub fn set_filter(&mut self, filter: CandidateFilter) {
        self.filter = filter.normalized();
        self.selecting_all = false;
        let (mut count, mut checkable, mut checked) = (0, 0, 0);
        for (at, family) in self.list.iter().enumerate() {
            let matching = self.filter.matches(&**family);
            self.matching[at] = matching;
            if matching {
                count += 1;
                checkable += usize::from(self.checkable_flags[at]);
                checked += usize::from(self.checked[at]);
            }
        }
        self.matching_count = count;
        self.matching_checkable = checkable;
        self.matching_checked = checked;
    }

    /// The filter in force (normalized).
    pub fn filter(&self) -> &CandidateFilter {
        &self.filter
    }

    /// Whether the filter lets the family at `index` through.
    pub fn is_matching(&self, index: usize) -> bool {
        self.matching.get(index).copied().unwrap_or(false)
    }

    /// How many loaded families the filter lets through.
    pub fn matching_count(&self) -> usize {
        self.matching_count
    }

    /// How many loaded families the filter lets through and can be checked: what select all checks.
    pub fn matching_checkable_count(&self) -> usize {
        self.matching_checkable
    }

    /// Checked families that the filter hides: still selected and in the totals (R04).
    pub fn hidden_checked_count(&self) -> usize {
        self.checked_count - self.matching_checked
    }
}

#[cfg(test)]
mod tests;
