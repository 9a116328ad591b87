//! The checked families as steps 3 and 4 need them: the records for the app's own split, the
//! ids a request carries, and dropping the records a refusal names (R16, R23).

use std::sync::Arc;

use invoicing::api::DocumentId;
use invoicing::FamilyRecord;
use leptos::prelude::*;

use super::FamilyStore;

impl FamilyStore {
    /// The checked loaded families, in the list's order; tracks the selection.
    pub fn checked_records(self) -> Vec<Arc<FamilyRecord>> {
        self.checks.track();
        self.families
            .with_value(|f| f.checked_families().cloned().collect())
    }

    /// The ids a request carries: each checked family's original and all of its negatives, in
    /// the list's order (R07).
    pub fn checked_document_ids(self) -> Vec<DocumentId> {
        self.families.with_value(|f| f.checked_document_ids())
    }

    /// Unchecks, in one change of the selection, every checked family that holds one of `ids`
    /// (an original or a negative) and returns how many; the rest stays checked (R23).
    pub fn uncheck_documents(self, ids: &[DocumentId]) -> usize {
        let positions: Vec<usize> = self.families.with_value(|f| {
            f.checked_families()
                .filter(|r| r.document_ids().any(|d| ids.contains(&d)))
                .filter_map(|r| f.position(r.id()))
                .collect()
        });
        self.families.update_value(|f| {
            for at in &positions {
                f.toggle(*at);
            }
        });
        self.selection_changed();
        positions.len()
    }
}
