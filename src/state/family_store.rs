//! The families of one basis, their checked and expanded state, the selection and how loading went.

use std::collections::HashMap;
use std::sync::Arc;

use invoicing::api::{DocumentId, InvoiceCandidate, Issuer, IssuerId};
use invoicing::{Checkability, Family, Selection};
use leptos::prelude::*;

use super::SummaryFigures;
use crate::api::{ApiClient, ApiError};

/// One family as the grid shows it. Rows subscribe to their own signals only, so a click
/// re-renders one row and the summary, never the whole grid. The grid keys a row by its id and
/// the identity of its `family`, so a family whose data changed on reload is drawn anew.
#[derive(Clone, Debug)]
pub struct FamilyRow {
    pub family: Arc<Family>,
    pub issuer_name: Arc<str>,
    pub checkability: Checkability,
    /// Whether the family (original and every negative) is checked (R07).
    pub checked: RwSignal<bool>,
    /// Whether its negatives are shown under it (R06).
    pub expanded: RwSignal<bool>,
}

/// Where loading the families stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(ApiError),
}

/// The store behind the "By order details" tab, provided as context.
#[derive(Clone, Copy)]
pub struct FamilyStore {
    rows: RwSignal<Vec<FamilyRow>>,
    index: StoredValue<HashMap<DocumentId, usize>>,
    issuer_names: StoredValue<HashMap<IssuerId, String>>,
    selection: StoredValue<Selection>,
    summary: RwSignal<SummaryFigures>,
    status: RwSignal<LoadStatus>,
}

impl FamilyRow {
    /// The grid's key: the family's id and the identity of its data (see [`FamilyRow`]).
    pub fn key(&self) -> (DocumentId, usize) {
        (self.family.id().clone(), Arc::as_ptr(&self.family) as usize)
    }
}

impl FamilyStore {
    /// An empty store, loading until families arrive.
    pub fn new() -> FamilyStore {
        FamilyStore {
            rows: RwSignal::new(Vec::new()),
            index: StoredValue::new(HashMap::new()),
            issuer_names: StoredValue::new(HashMap::new()),
            selection: StoredValue::new(Selection::new()),
            summary: RwSignal::new(SummaryFigures::default()),
            status: RwSignal::new(LoadStatus::Loading),
        }
    }

    /// The store provided by an ancestor.
    pub fn expect() -> FamilyStore {
        expect_context::<FamilyStore>()
    }

    /// Loads the entities and every order family from the backend; on failure the status
    /// says why and the rows and selection stay as they were, so a retry loses nothing (R30).
    pub fn load(self, client: ApiClient) {
        self.status.set(LoadStatus::Loading);
        leptos::task::spawn_local(async move {
            match client.load_order_families().await {
                Ok(loaded) => self.replace(loaded.issuers, loaded.candidates),
                Err(error) => self.status.set(LoadStatus::Failed(error)),
            }
        });
    }

    /// Shows these families. Families that were checked stay checked if they are still
    /// there and still checkable; a candidate that breaks the contract fails the load. A row
    /// whose family did not change keeps its view and its expanded state.
    pub fn replace(self, issuers: Vec<Issuer>, candidates: Vec<InvoiceCandidate>) {
        let families: Result<Vec<Family>, _> =
            candidates.into_iter().map(Family::from_candidate).collect();
        let families = match families {
            Ok(f) => f,
            Err(e) => {
                self.status
                    .set(LoadStatus::Failed(ApiError::Decode(e.to_string())));
                return;
            }
        };
        let names: HashMap<IssuerId, String> =
            issuers.into_iter().map(|i| (i.id, i.name)).collect();
        // Until the end of this function `rows` and `index` still describe the previous load, so
        // `self.row` finds each family's old row; the old selection is taken, not copied.
        let previous_selection = self
            .selection
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let mut selection = Selection::new();
        let mut index = HashMap::with_capacity(families.len());
        let rows: Vec<FamilyRow> = families
            .into_iter()
            .enumerate()
            .map(|(i, family)| {
                let was_checked = previous_selection.is_family_checked(family.id());
                let checked = was_checked && selection.check(&family).is_ok();
                index.insert(family.id().clone(), i);
                let old = self.row(family.id());
                match old {
                    Some(old) if *old.family == family => {
                        old.checked.set(checked);
                        old
                    }
                    old => {
                        let issuer_id = &family.original().issuer_id;
                        let issuer_name: Arc<str> =
                            names.get(issuer_id).unwrap_or(issuer_id).as_str().into();
                        FamilyRow {
                            checkability: family.checkability(),
                            issuer_name,
                            checked: RwSignal::new(checked),
                            expanded: RwSignal::new(
                                old.is_some_and(|o| o.expanded.get_untracked()),
                            ),
                            family: Arc::new(family),
                        }
                    }
                }
            })
            .collect();
        self.summary.set(SummaryFigures::of(&selection, &names));
        self.selection.set_value(selection);
        self.index.set_value(index);
        self.issuer_names.set_value(names);
        self.rows.set(rows);
        self.status.set(LoadStatus::Ready);
    }

    /// Checks or unchecks the family whose original is `original_id`, with all of its
    /// negatives (R07). Non-checkable families (R05, R08) and negative ids change nothing.
    pub fn toggle(self, original_id: &str) {
        let Some(row) = self.row(original_id) else {
            return;
        };
        let outcome = self.selection.try_update_value(|s| s.toggle(&row.family));
        if let Some(Ok(now_checked)) = outcome {
            row.checked.set(now_checked);
            self.refresh_summary();
        }
    }

    /// Unchecks every family in one action (R09).
    pub fn clear(self) {
        let checked: Vec<DocumentId> = self
            .selection
            .with_value(|s| s.checked_families().cloned().collect());
        self.selection.update_value(Selection::clear);
        for id in checked {
            if let Some(row) = self.row(&id) {
                row.checked.set(false);
            }
        }
        self.refresh_summary();
    }

    /// The row of a family, by its original's id.
    pub fn row(self, original_id: &str) -> Option<FamilyRow> {
        let i = self
            .index
            .with_value(|index| index.get(original_id).copied())?;
        self.rows.with_untracked(|rows| rows.get(i).cloned())
    }

    pub fn rows(self) -> ReadSignal<Vec<FamilyRow>> {
        self.rows.read_only()
    }

    pub fn summary(self) -> Signal<SummaryFigures> {
        self.summary.into()
    }

    pub fn status(self) -> Signal<LoadStatus> {
        self.status.into()
    }

    fn refresh_summary(self) {
        let figures = self.selection.with_value(|s| {
            self.issuer_names
                .with_value(|names| SummaryFigures::of(s, names))
        });
        self.summary.set(figures);
    }
}

impl Default for FamilyStore {
    fn default() -> Self {
        FamilyStore::new()
    }
}
