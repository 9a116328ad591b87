//! The state behind one basis's grid: its families, checked and expanded state, the selection,
//! the summary, the keyboard focus and how loading goes. A page creates one per basis and hands
//! it to the grid and the summary; two stores never share anything.

use std::collections::HashMap;
use std::sync::Arc;

use invoicing::api::{Basis, InvoiceCandidate, Issuer, IssuerId};
use invoicing::{
    Dropped, Families, Family, FamilyError, FamilyRecord, KeyAction, RowRef, SelectAllState,
    TreeRows,
};
use leptos::prelude::*;

use super::SummaryFigures;
use crate::api::ApiError;

mod checked;
mod filtering;

/// Where loading the families stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadStatus {
    /// Nothing has arrived yet.
    Loading,
    /// The families shown are usable; more pages may still be arriving (see [`Progress`]).
    Ready,
    /// The last request failed; whatever had arrived stays shown and checked (R30).
    Failed(ApiError),
}

/// How many families have arrived of how many the backend announced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub loaded: usize,
    /// The contract's `totalCount`, once the first page has told it.
    pub total: Option<u64>,
    /// Whether pages are still to arrive.
    pub loading: bool,
}

/// What "select all" last did, for the page to say (R09).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SelectAllNotice {
    /// Families checked when it ran.
    pub checked: usize,
    /// Whether families of pages still loading will be checked as they arrive.
    pub continuing: bool,
}

/// The store of one basis. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct FamilyStore {
    basis: Basis,
    /// Unique per store, so element ids of two grids on one page never clash.
    uid: u32,
    families: StoredValue<Families>,
    tree: StoredValue<TreeRows>,
    issuer_names: StoredValue<HashMap<IssuerId, Arc<str>>>,
    /// Which load the rows belong to; part of every row's key.
    generation: RwSignal<u32>,
    /// Notified when rows are added, expanded or collapsed: the window is computed again.
    layout: Trigger,
    /// Notified when which families are checked changes: each drawn row reads its own state.
    checks: Trigger,
    summary: RwSignal<SummaryFigures>,
    select_all: RwSignal<SelectAllState>,
    select_all_notice: RwSignal<Option<SelectAllNotice>>,
    dropped_notice: RwSignal<Option<Dropped>>,
    status: RwSignal<LoadStatus>,
    progress: RwSignal<Progress>,
    focus: RwSignal<Option<RowRef>>,
    /// The filter's figures: families it shows, checked families it hides (R04).
    shown: RwSignal<usize>,
    hidden_selected: RwSignal<usize>,
    /// Nothing can be checked (R01: no real-name verification).
    read_only: RwSignal<bool>,
    pub(super) load: StoredValue<super::loading::LoadRun>,
}

impl FamilyStore {
    /// An empty store for `basis`, loading until families arrive.
    pub fn new(basis: Basis) -> FamilyStore {
        thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        FamilyStore {
            basis,
            uid: NEXT.with(|n| n.replace(n.get() + 1)),
            families: StoredValue::new(Families::new()),
            tree: StoredValue::new(TreeRows::new()),
            issuer_names: StoredValue::new(HashMap::new()),
            generation: RwSignal::new(0),
            layout: Trigger::new(),
            checks: Trigger::new(),
            summary: RwSignal::new(SummaryFigures::default()),
            select_all: RwSignal::new(SelectAllState::None),
            select_all_notice: RwSignal::new(None),
            dropped_notice: RwSignal::new(None),
            status: RwSignal::new(LoadStatus::Loading),
            progress: RwSignal::new(Progress::default()),
            focus: RwSignal::new(None),
            shown: RwSignal::new(0),
            hidden_selected: RwSignal::new(0),
            read_only: RwSignal::new(false),
            load: StoredValue::new(Default::default()),
        }
    }

    pub fn basis(self) -> Basis {
        self.basis
    }

    pub fn uid(self) -> u32 {
        self.uid
    }

    /// Whether the entities' names are known already (the page read them at start).
    pub(super) fn knows_issuers(self) -> bool {
        self.issuer_names.with_value(|n| !n.is_empty())
    }

    /// Names the invoicing entities; ids without a name are shown as they are.
    pub fn set_issuers(self, issuers: Vec<Issuer>) {
        self.issuer_names.set_value(
            issuers
                .into_iter()
                .map(|i| (i.id, Arc::from(i.name)))
                .collect(),
        );
    }

    /// A new load begins with its first page: the rows shown so far go, the selection stays.
    pub fn begin_load(self) {
        self.families.update_value(Families::begin_load);
        self.tree.update_value(TreeRows::reset);
        self.generation.update(|g| *g += 1);
        self.focus.set(None);
        self.progress.set(Progress {
            loaded: 0,
            total: None,
            loading: true,
        });
    }

    /// Adds a page of candidates at the end and draws it. A candidate that breaks the contract
    /// fails the page and adds none of it.
    pub fn receive_page(
        self,
        candidates: Vec<InvoiceCandidate>,
        total: u64,
    ) -> Result<(), FamilyError> {
        let families: Vec<Family> = candidates
            .into_iter()
            .map(Family::from_candidate)
            .collect::<Result<_, _>>()?;
        let from = self.families.with_value(Families::len);
        self.families.update_value(|f| f.append_page(families));
        self.families
            .with_value(|f| self.tree.update_value(|t| t.extend_from(f, from)));
        let loaded = self.families.with_value(Families::len);
        self.progress.update(|p| {
            p.loaded = loaded;
            p.total = Some(total);
        });
        if self.focus.get_untracked().is_none() {
            if let Some(first) = self.tree.with_value(|t| t.get(0)) {
                self.focus.set(Some(first));
            }
        }
        self.layout.notify();
        self.selection_changed();
        self.status.set(LoadStatus::Ready);
        Ok(())
    }

    /// The last page has arrived: checked families that did not come back are unchecked, and
    /// the page says how many (never silently).
    pub fn finish_load(self) {
        self.families.update_value(Families::finish_load);
        self.progress.update(|p| p.loading = false);
        self.select_all_notice.update(|n| {
            *n = n.map(|n| SelectAllNotice {
                continuing: false,
                ..n
            })
        });
        self.selection_changed();
        self.status.set(LoadStatus::Ready);
    }

    /// The last request failed: what is shown and checked stays; the page offers a retry.
    pub fn fail(self, error: ApiError) {
        self.status.set(LoadStatus::Failed(error));
    }

    /// Shows exactly these families, as one complete load (for tests and small pages).
    pub fn replace(self, issuers: Vec<Issuer>, candidates: Vec<InvoiceCandidate>) {
        self.set_issuers(issuers);
        self.begin_load();
        let total = candidates.len() as u64;
        match self.receive_page(candidates, total) {
            Ok(()) => self.finish_load(),
            Err(e) => self.fail(ApiError::Decode(e.to_string())),
        }
    }

    /// Checks or unchecks the family at `family`, with all of its negatives (R07).
    /// Non-checkable families (R05, R08) change nothing.
    pub fn toggle(self, family: usize) {
        if self.read_only.get_untracked() {
            return;
        }
        let changed = self
            .families
            .try_update_value(|f| f.toggle(family))
            .unwrap_or(false);
        if changed {
            self.select_all_notice.set(None);
            self.selection_changed();
        }
    }

    /// Checks every checkable family that the filter shows, on all pages (R09), and says how many.
    pub fn select_all(self) {
        if self.read_only.get_untracked() {
            return;
        }
        let checked = self
            .families
            .try_update_value(Families::select_all)
            .unwrap_or(0);
        let continuing = self.families.with_value(Families::is_selecting_all);
        self.select_all_notice.set(Some(SelectAllNotice {
            checked,
            continuing,
        }));
        self.selection_changed();
    }

    /// Unchecks every family in one action (R09).
    pub fn clear(self) {
        self.families.update_value(Families::clear);
        self.select_all_notice.set(None);
        self.selection_changed();
    }

    /// One notification for every change of the selection, however many families it touched.
    fn selection_changed(self) {
        let (figures, state, dropped, counts) = self
            .families
            .try_update_value(|f| {
                let figures = self
                    .issuer_names
                    .with_value(|names| SummaryFigures::of(f, names));
                let counts = (f.matching_count(), f.hidden_checked_count());
                (figures, f.select_all_state(), f.take_dropped(), counts)
            })
            .expect("the store lives as long as its owner");
        let (shown, hidden) = counts;
        self.shown.set(shown);
        self.hidden_selected.set(hidden);
        self.report_dropped(dropped);
        self.summary.set(figures);
        self.select_all.set(state);
        self.checks.notify();
    }

    /// Shows or hides the negatives of the family at `family` (R06).
    pub fn set_expanded(self, family: usize, expanded: bool) {
        let changed = self.families.with_value(|f| {
            self.tree
                .try_update_value(|t| {
                    if expanded {
                        t.expand(f, family)
                    } else {
                        t.collapse(f, family)
                    }
                })
                .unwrap_or(false)
        });
        if changed {
            if !expanded {
                self.focus.update(|focus| {
                    if focus.is_some_and(|r| r.family() == family) {
                        *focus = Some(RowRef::original(family));
                    }
                });
            }
            self.layout.notify();
        }
    }

    /// What a key does on the focused row; the grid then moves focus or scrolls.
    pub fn on_key(self, key: invoicing::Key, rows_per_screen: usize) -> KeyAction {
        let at = self.focused_position().unwrap_or(0);
        self.families.with_value(|f| {
            self.tree
                .with_value(|t| t.on_key(f, key, at, rows_per_screen))
        })
    }

    /// Carries out a key's action; returns the row to focus, if the focus moved.
    pub fn apply(self, action: KeyAction) -> Option<usize> {
        match action {
            KeyAction::Focus(row) => {
                self.focus_row(row);
                Some(row)
            }
            KeyAction::Expand(family) => {
                self.set_expanded(family, true);
                None
            }
            KeyAction::Collapse(family) => {
                self.set_expanded(family, false);
                self.focused_position()
            }
            KeyAction::Toggle(family) => {
                self.toggle(family);
                None
            }
            KeyAction::Nothing => None,
        }
    }

    /// Moves the roving focus to the row at `row` of the visible list.
    pub fn focus_row(self, row: usize) {
        if let Some(r) = self.tree.with_value(|t| t.get(row)) {
            self.focus.set(Some(r));
        }
    }

    /// The focused row's position in the visible list.
    pub fn focused_position(self) -> Option<usize> {
        let focus = self.focus.get_untracked()?;
        self.tree.with_value(|t| t.position(focus))
    }

    pub fn focus(self) -> Signal<Option<RowRef>> {
        self.focus.into()
    }

    /// The number of visible rows (originals and expanded negatives); tracks the layout.
    pub fn row_count(self) -> usize {
        self.layout.track();
        self.tree.with_value(TreeRows::len)
    }

    /// [`FamilyStore::row_count`] without tracking, for event handlers.
    pub fn row_count_untracked(self) -> usize {
        self.tree.with_value(TreeRows::len)
    }

    /// The visible rows `range`, with their positions; tracks the layout.
    pub fn rows(self, range: std::ops::Range<usize>) -> Vec<(usize, RowRef)> {
        self.layout.track();
        self.tree.with_value(|t| {
            let start = range.start;
            t.slice(range)
                .iter()
                .enumerate()
                .map(|(k, r)| (start + k, *r))
                .collect()
        })
    }

    /// The family at `family`, with its entity's name.
    pub fn family(self, family: usize) -> Option<(Arc<FamilyRecord>, Arc<str>)> {
        let f = self.families.with_value(|f| f.get(family).cloned())?;
        let issuer = f.issuer_id();
        let name = self
            .issuer_names
            .with_value(|n| n.get(issuer).cloned())
            .unwrap_or_else(|| Arc::from(issuer));
        Some((f, name))
    }

    /// Whether the family at `family` is checked; tracks every change of the selection.
    pub fn is_checked(self, family: usize) -> bool {
        self.checks.track();
        self.families.with_value(|f| f.is_checked(family))
    }

    /// Whether the family at `family` shows its negatives; tracks the layout.
    pub fn is_expanded(self, family: usize) -> bool {
        self.layout.track();
        self.families.with_value(|f| {
            f.get(family)
                .is_some_and(|fam| self.tree.with_value(|t| t.is_expanded(fam.id())))
        })
    }

    /// Which load the rows belong to.
    pub fn generation(self) -> Signal<u32> {
        self.generation.into()
    }

    pub fn summary(self) -> Signal<SummaryFigures> {
        self.summary.into()
    }

    pub fn select_all_state(self) -> Signal<SelectAllState> {
        self.select_all.into()
    }

    pub fn select_all_notice(self) -> Signal<Option<SelectAllNotice>> {
        self.select_all_notice.into()
    }

    /// Checked families that reloads unchecked, until the user dismisses the notice.
    pub fn dropped_notice(self) -> Signal<Option<Dropped>> {
        self.dropped_notice.into()
    }

    pub fn dismiss_dropped_notice(self) {
        self.dropped_notice.set(None);
    }

    pub fn status(self) -> Signal<LoadStatus> {
        self.status.into()
    }

    pub fn progress(self) -> Signal<Progress> {
        self.progress.into()
    }

    pub(super) fn set_status(self, status: LoadStatus) {
        self.status.set(status);
    }

    pub(super) fn progress_mut(self) -> RwSignal<Progress> {
        self.progress
    }
}
