//! Nothing lost (R22): everything the user chose and typed, kept in the browser's
//! `localStorage` as a draft per signed-in account and restored after a reload, a failed
//! submission or a new sign-in.
//!
//! The [`Draft`] is versioned JSON under `invoicing-draft:<accountId>`, or
//! `invoicing-draft:<draftKey>:<accountId>` for an instance a host named (`Config::draft_key`),
//! so two instances of one account keep two drafts. A [`DraftKeeper`] writes
//! it shortly after every change (and at once when the page goes away), restores it when the
//! page starts, and removes it after a successful submission. Checked families are kept by their
//! original's id and checked again as their pages arrive; those that are no longer listed or no
//! longer checkable are counted in the basis's dropped notice, so the page says what could not
//! be restored. A draft that cannot be read is removed and ignored.

use std::time::Duration;

use invoicing::api::{AccountId, DocumentId, IssuerId};
use invoicing::application::{ApplicationBasis, Mode};
use invoicing::Dropped;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::timer::Timer;
use super::{AmountStore, FamilyStore, FilterForm, FilterValues, LoadStatus};
use crate::api::IdempotencyKey;

/// The draft format written now; a draft of another version is ignored.
pub const DRAFT_VERSION: u32 = 1;

/// How long changes pause before the draft is written.
pub const SAVE_PAUSE: Duration = Duration::from_millis(300);

/// The `localStorage` key of `account_id`'s draft.
pub fn draft_key(account_id: &str) -> String {
    format!("invoicing-draft:{account_id}")
}

/// What the user chose and typed on the invoicing page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
    /// Always [`DRAFT_VERSION`] when written.
    pub version: u32,
    /// The tab shown (R03).
    pub basis: ApplicationBasis,
    pub orders: GridDraft,
    pub bills: GridDraft,
    pub amount: AmountDraft,
    /// Steps 3 and 4, once the user went on.
    #[serde(default)]
    pub step: Option<StepDraft>,
}

/// One grid basis: its filters as typed and its checked families.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct GridDraft {
    pub filters: FilterValues,
    /// The checked families, by their original's id, in the list's order.
    pub checked: Vec<DocumentId>,
}

/// The *by amount* tab: the entity, the accounts and the amount exactly as typed (R11).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AmountDraft {
    pub issuer_id: Option<IssuerId>,
    pub account_ids: Vec<AccountId>,
    pub typed: String,
}

/// Steps 3 and 4 as their UI keeps them (R15–R21).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StepDraft {
    /// The step shown: 3 (the split) or 4 (the invoice details).
    pub step: u8,
    pub mode: Option<Mode>,
    /// Per invoice: title, type, e-mails as typed, address; and the remark. Its shape belongs to
    /// the step-4 UI, which reads it back with `serde_json::from_value`.
    pub details: serde_json::Value,
    /// The key of the application being confirmed: created once, reused by every retry, after
    /// a reload and after a new sign-in; replaced when the body changes or after a `422` (R21).
    pub idempotency_key: Option<IdempotencyKey>,
}

impl Default for Draft {
    fn default() -> Self {
        Draft {
            version: DRAFT_VERSION,
            basis: ApplicationBasis::Order,
            orders: GridDraft::default(),
            bills: GridDraft::default(),
            amount: AmountDraft::default(),
            step: None,
        }
    }
}

impl Draft {
    /// Whether the draft holds nothing the user chose or typed (the accounts of the amount tab
    /// are preset for the session and do not count).
    pub fn is_empty(&self) -> bool {
        let pristine = Draft {
            amount: AmountDraft {
                account_ids: self.amount.account_ids.clone(),
                ..AmountDraft::default()
            },
            ..Draft::default()
        };
        *self == pristine
    }

    /// The draft in `json`, or `None` when it is not a draft of [`DRAFT_VERSION`].
    pub fn from_json(json: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(json)
            .ok()
            .filter(|d| d.version == DRAFT_VERSION)
    }

    /// `account_id`'s draft; an unreadable one is removed and reads as none.
    pub fn read(account_id: &str) -> Option<Draft> {
        let storage = storage()?;
        let key = draft_key(account_id);
        let json = storage.get_item(&key).ok()??;
        let draft = Draft::from_json(&json);
        if draft.is_none() {
            leptos::logging::warn!("an unreadable invoicing draft was removed");
            let _ = storage.remove_item(&key);
        }
        draft
    }

    /// Writes the draft as `account_id`'s; a full or missing storage is told on the console.
    pub fn write(&self, account_id: &str) {
        let written = storage().is_some_and(|s| {
            serde_json::to_string(self)
                .ok()
                .is_some_and(|json| s.set_item(&draft_key(account_id), &json).is_ok())
        });
        if !written {
            leptos::logging::warn!("the invoicing draft could not be written");
        }
    }

    /// Removes `account_id`'s draft.
    pub fn remove(account_id: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&draft_key(account_id));
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The page's stores that the draft reads and refills.
#[derive(Clone, Copy)]
pub struct DraftStores {
    pub orders: FamilyStore,
    pub order_filters: FilterForm,
    pub bills: FamilyStore,
    pub bill_filters: FilterForm,
    pub amount: AmountStore,
    /// The tab shown; [`DraftKeeper::restore`] returns the draft's for the page to show.
    pub basis: Signal<ApplicationBasis>,
}

/// Keeps one account's draft in step with the page. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct DraftKeeper {
    account_id: StoredValue<AccountId>,
    stores: DraftStores,
    step: RwSignal<Option<StepDraft>>,
    /// Per grid: saved families not checked again yet (their pages have not arrived).
    pending: [StoredValue<Option<Vec<DocumentId>>>; 2],
    /// The draft last written (or found), so an unchanged one is not written again.
    written: StoredValue<Option<Draft>>,
    timer: StoredValue<Option<Timer>>,
}

impl DraftKeeper {
    /// A keeper of `account_id`'s draft over the page's `stores`; nothing happens until
    /// [`DraftKeeper::restore`] and [`DraftKeeper::keep`]. Under an app's root, the draft is
    /// the instance's (`Config::draft_slot`).
    pub fn new(account_id: &str, stores: DraftStores) -> DraftKeeper {
        let slot = use_context::<crate::config::Config>()
            .map_or_else(|| account_id.to_owned(), |c| c.draft_slot(account_id));
        DraftKeeper {
            account_id: StoredValue::new(slot),
            stores,
            step: RwSignal::new(None),
            pending: [StoredValue::new(None), StoredValue::new(None)],
            written: StoredValue::new(None),
            timer: StoredValue::new(None),
        }
    }

    /// Refills the page from the saved draft, if there is one: the tab, each basis's filters,
    /// the amount tab and steps 3–4 at once; the checked families as their pages arrive.
    /// Returns the draft found.
    pub fn restore(self) -> Option<Draft> {
        let draft = Draft::read(&self.account_id.get_value())?;
        let s = self.stores;
        for (grid, store, form, pending) in [
            (&draft.orders, s.orders, s.order_filters, self.pending[0]),
            (&draft.bills, s.bills, s.bill_filters, self.pending[1]),
        ] {
            let filters = grid.filters.clone();
            form.restore(store, filters);
            if !grid.checked.is_empty() {
                pending.set_value(Some(grid.checked.clone()));
                recheck_as_pages_arrive(store, pending);
            }
        }
        let amount = &draft.amount;
        if !amount.account_ids.is_empty() {
            s.amount.set_accounts(amount.account_ids.clone());
        }
        if amount.issuer_id.is_some() {
            s.amount.choose_issuer(amount.issuer_id.clone());
        }
        if !amount.typed.is_empty() {
            s.amount.type_amount(amount.typed.clone());
        }
        self.step.set(draft.step.clone());
        self.written.set_value(Some(draft.clone()));
        Some(draft)
    }

    /// Writes the draft shortly after every change of what it holds, and at once when the
    /// page is hidden or left, or the app is unmounted (by its host, or to switch the
    /// language), so a reload right after typing loses nothing.
    pub fn keep(self) {
        let s = self.stores;
        Effect::new(move |_| {
            s.basis.track();
            for form in [s.order_filters, s.bill_filters] {
                form.values().track();
            }
            for store in [s.orders, s.bills] {
                store.track_selection();
            }
            s.amount.issuer().track();
            s.amount.accounts().track();
            s.amount.typed().track();
            self.step.track();
            self.cancel_timer();
            let handle = Timer::start(move || self.save_now(), SAVE_PAUSE);
            self.timer.set_value(handle);
        });
        let on_hide = window_event_listener(leptos::ev::pagehide, move |_| self.save_now());
        on_cleanup(move || {
            on_hide.remove();
            self.save_now();
        });
    }

    /// The draft of the page as it is now.
    pub fn snapshot(self) -> Draft {
        let s = self.stores;
        let grid = |store: FamilyStore, form: FilterForm, pending: StoredValue<_>| {
            let mut checked = store.checked_family_ids();
            if let Some(ids) = pending.get_value() {
                checked.extend(ids);
            }
            GridDraft {
                filters: form.values().get_untracked(),
                checked,
            }
        };
        Draft {
            version: DRAFT_VERSION,
            basis: s.basis.get_untracked(),
            orders: grid(s.orders, s.order_filters, self.pending[0]),
            bills: grid(s.bills, s.bill_filters, self.pending[1]),
            amount: AmountDraft {
                issuer_id: s.amount.issuer().get_untracked(),
                account_ids: s.amount.accounts().get_untracked(),
                typed: s.amount.typed().get_untracked(),
            },
            step: self.step.get_untracked(),
        }
    }

    /// Writes the draft now if it changed (an empty one is removed).
    pub fn save_now(self) {
        self.cancel_timer();
        let Some(account) = self.account_id.try_get_value() else {
            return;
        };
        let draft = self.snapshot();
        if self.written.with_value(|w| w.as_ref() == Some(&draft)) {
            return;
        }
        if draft.is_empty() {
            Draft::remove(&account);
        } else {
            draft.write(&account);
        }
        self.written.set_value(Some(draft));
    }

    /// Removes the draft after a successful submission (R22). What the page shows now is not
    /// written again; the next change the user makes starts a new draft.
    pub fn discard(self) {
        self.cancel_timer();
        Draft::remove(&self.account_id.get_value());
        self.written.set_value(Some(self.snapshot()));
    }

    /// Steps 3 and 4 as kept in the draft: the step UI reads it after a reload and sets it on
    /// every change; each change is written like the rest of the draft.
    pub fn step(self) -> RwSignal<Option<StepDraft>> {
        self.step
    }

    /// The `Idempotency-Key` of the application being confirmed: the draft's, or a new one
    /// kept in the draft from now on (R21).
    pub fn idempotency_key(self) -> IdempotencyKey {
        if let Some(key) = self
            .step
            .with_untracked(|s| s.as_ref().and_then(|s| s.idempotency_key.clone()))
        {
            return key;
        }
        self.renew_idempotency_key()
    }

    /// A new key for the application, kept in the draft: the body changed, or the server
    /// answered `422` (R21).
    pub fn renew_idempotency_key(self) -> IdempotencyKey {
        let key = IdempotencyKey::new();
        self.step.update(|s| {
            s.get_or_insert_with(StepDraft::default).idempotency_key = Some(key.clone());
        });
        key
    }

    fn cancel_timer(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// Checks the saved families of `store` as their pages arrive; once the load has ended, those
/// that never came are counted as gone in the store's dropped notice.
fn recheck_as_pages_arrive(store: FamilyStore, pending: StoredValue<Option<Vec<DocumentId>>>) {
    let progress = store.progress();
    let status = store.status();
    Effect::new(move |_| {
        let progress = progress.get();
        let finished = status.get() == LoadStatus::Ready && !progress.loading;
        let Some(ids) = pending.get_value() else {
            return;
        };
        if progress.loaded == 0 && !finished {
            return;
        }
        let left = untrack(|| store.restore_checked(ids));
        if finished {
            pending.set_value(None);
            store.report_dropped(Dropped {
                not_checkable: 0,
                gone: left.len(),
            });
        } else {
            pending.set_value(Some(left));
        }
    });
}
