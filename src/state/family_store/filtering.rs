//! The filter over one basis's families (R04), the figures for arrears (R12) and the
//! read-only mode of an account that cannot apply (R01).

use invoicing::api::{AccountId, DocumentId, IssuerId};
use invoicing::filter::CandidateFilter;
use invoicing::{Dropped, Totals};
use leptos::prelude::*;

use super::FamilyStore;

impl FamilyStore {
    /// Shows only the families that `filter` matches, decided in one pass by the domain's
    /// matcher (the backend's own). The selection stays: checked families the filter hides
    /// stay checked and in the totals, and [`FamilyStore::hidden_selected`] counts them.
    pub fn set_filter(self, filter: CandidateFilter) {
        let unchanged = self
            .families
            .with_value(|f| *f.filter() == filter.clone().normalized());
        if unchanged {
            return;
        }
        self.families.update_value(|f| f.set_filter(filter));
        self.families
            .with_value(|f| self.tree.update_value(|t| t.rebuild(f)));
        let first = self.tree.with_value(|t| t.get(0));
        self.focus.update(|focus| {
            let still_shown =
                focus.is_some_and(|r| self.tree.with_value(|t| t.position(r).is_some()));
            if !still_shown {
                *focus = first;
            }
        });
        self.select_all_notice.set(None);
        self.layout.notify();
        self.selection_changed();
    }

    /// The filter in force (normalized: search text lower-cased, accounts sorted).
    pub fn filter(self) -> CandidateFilter {
        self.families.with_value(|f| f.filter().clone())
    }

    /// How many loaded families the filter shows.
    pub fn shown(self) -> Signal<usize> {
        self.shown.into()
    }

    /// Checked families that the filter hides: still selected and in the totals (R04).
    pub fn hidden_selected(self) -> Signal<usize> {
        self.hidden_selected.into()
    }

    /// The selected figures per invoicing entity and account, ordered by both, which arrears
    /// are settled against (R12, R13); tracks every change of the selection.
    pub fn selected_by_issuer_account(self) -> Vec<(IssuerId, AccountId, Totals)> {
        self.checks.track();
        self.families.with_value(|f| {
            f.totals_by_issuer_account()
                .into_iter()
                .map(|(i, a, t)| (i.clone(), a.clone(), t))
                .collect()
        })
    }

    /// Makes every family unselectable, or selectable again (R01: an account without
    /// real-name verification cannot apply, so nothing can be selected).
    pub fn set_read_only(self, read_only: bool) {
        if read_only {
            self.clear();
        }
        self.read_only.set(read_only);
    }

    /// Whether nothing can be selected (R01).
    pub fn read_only(self) -> Signal<bool> {
        self.read_only.into()
    }

    /// Subscribes the running effect to every change of the selection (the draft, R22).
    pub fn track_selection(self) {
        self.checks.track();
    }

    /// The originals' ids of the checked loaded families, in the list's order, for the draft
    /// (R22).
    pub fn checked_family_ids(self) -> Vec<DocumentId> {
        self.families
            .with_value(|f| f.checked_families().map(|r| r.id().to_owned()).collect())
    }

    /// Checks the loaded families whose originals are `ids` (a restored draft, R22), in one
    /// change of the selection, and returns the ids not loaded (yet). Families that can no longer
    /// be checked are counted in [`FamilyStore::dropped_notice`], never dropped silently.
    pub fn restore_checked(self, ids: Vec<DocumentId>) -> Vec<DocumentId> {
        if self.read_only.get_untracked() {
            return Vec::new();
        }
        let mut not_loaded = Vec::new();
        let mut dropped = Dropped::default();
        self.families.update_value(|f| {
            for id in ids {
                match f.position(&id) {
                    Some(at) if f.is_checked(at) => {}
                    Some(at) => dropped.not_checkable += usize::from(!f.toggle(at)),
                    None => not_loaded.push(id),
                }
            }
        });
        self.selection_changed();
        self.report_dropped(dropped);
        not_loaded
    }

    /// Adds `dropped` to what the page says was unchecked without a click: by a reload, or
    /// of a restored draft (R22).
    pub fn report_dropped(self, dropped: Dropped) {
        if dropped.is_empty() {
            return;
        }
        self.dropped_notice.update(|n| {
            let before = n.unwrap_or_default();
            *n = Some(Dropped {
                not_checkable: before.not_checkable + dropped.not_checkable,
                gone: before.gone + dropped.gone,
            });
        });
    }
}
