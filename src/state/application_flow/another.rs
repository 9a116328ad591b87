//! "Start another application" on the result page: back to step 2 with a fresh start. The
//! draft was removed when the application was created (R22); the families it used are gone
//! from the grids and the amount tab's balance is read again, so nothing of the application
//! just made can be chosen a second time by mistake (R21).

use invoicing::application::Mode;
use leptos::prelude::*;

use super::{grid_store, ApplicationFlow, Backend, FlowStep, PreviewState, SubmitState};
use crate::state::{FamilyStore, LoadStatus};

impl ApplicationFlow {
    /// From the result: the basis's selection (or typed amount) cleared, every grid that has
    /// loaded read again from the backend, the amount tab's balance asked for again, steps 3–4
    /// forgotten (a new idempotency key comes with the next application), and step 2 shown.
    pub fn start_another(self) {
        if self.step.get_untracked() != FlowStep::Done {
            return;
        }
        if let Some(stores) = self.stores {
            let basis = self.basis.get_untracked();
            match grid_store(stores, basis) {
                Some(store) => store.clear(),
                None => stores.amount.clear_amount(),
            }
            if let Backend::Api(client) = self.backend.get_value() {
                for store in [stores.orders, stores.bills] {
                    if has_loaded(store) {
                        store.load(client.clone());
                    }
                }
            }
            stores.amount.retry();
        }
        self.step_draft.set(None);
        self.kept.set_value(Vec::new());
        self.entries.set(Vec::new());
        self.records.set_value(Vec::new());
        self.next_run();
        self.preview.set(PreviewState::Idle);
        self.submit.set(SubmitState::Idle);
        self.new_split.set(false);
        self.mode.set(Mode::Independent);
        self.step.set(FlowStep::Choose);
    }
}

/// Whether `store` has asked for its families once (the bills load when their tab is first
/// shown; until then there is nothing to read again).
fn has_loaded(store: FamilyStore) -> bool {
    store
        .progress()
        .with_untracked(|p| p.loaded > 0 || p.loading || p.total.is_some())
        || matches!(store.status().get_untracked(), LoadStatus::Failed(_))
}
