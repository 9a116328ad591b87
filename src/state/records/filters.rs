//! The records list's filters as the user set them (R24): the enterprise tab, the status, the
//! date range as typed and the application. The range is checked by the domain
//! (`invoicing::invoice_record::check_range`). The two days are committed together, on Enter or
//! after a pause in typing in either field (leaving a field restarts the pause), so that typing
//! one end and then the other applies the range once; an invalid range is not applied: the list
//! keeps the last valid days while the fields keep what was typed and say what is wrong.

use std::time::Duration;

use invoicing::invoice_record::{
    check_range, Day, InvoiceMode, InvoiceStatus, RangeProblems, RecordQuery,
};
use leptos::prelude::*;

use crate::state::timer::Timer;

/// A typed day is committed after this pause in typing.
pub const DAY_PAUSE: Duration = Duration::from_millis(600);

/// The filters, as reactive values.
#[derive(Clone, Copy)]
pub struct RecordFilters {
    /// The enterprise tab; `None` without an enterprise (one list).
    pub view: RwSignal<Option<InvoiceMode>>,
    pub status: RwSignal<Option<InvoiceStatus>>,
    /// What is typed in the fields.
    pub from_text: RwSignal<String>,
    pub to_text: RwSignal<String>,
    /// What was committed: checked and, when valid, applied.
    from_committed: RwSignal<String>,
    to_committed: RwSignal<String>,
    pub application_id: RwSignal<Option<String>>,
    /// The last valid days, kept while the typed range is invalid.
    valid_days: Memo<(Option<Day>, Option<Day>)>,
    pending: StoredValue<Option<Timer>>,
}

impl RecordFilters {
    /// No filter; the independent tab for an enterprise.
    pub fn new(enterprise: bool) -> RecordFilters {
        let from_committed = RwSignal::new(String::new());
        let to_committed = RwSignal::new(String::new());
        let valid_days = Memo::new(move |before: Option<&(Option<Day>, Option<Day>)>| {
            let checked = from_committed.with(|f| to_committed.with(|t| check_range(f, t)));
            checked.unwrap_or_else(|_| before.copied().unwrap_or_default())
        });
        RecordFilters {
            view: RwSignal::new(enterprise.then_some(InvoiceMode::Independent)),
            status: RwSignal::new(None),
            from_text: RwSignal::new(String::new()),
            to_text: RwSignal::new(String::new()),
            from_committed,
            to_committed,
            application_id: RwSignal::new(None),
            valid_days,
            pending: StoredValue::new(None),
        }
    }

    /// A day typed in `from` (`true`) or `to`; both days are committed after a pause of
    /// [`DAY_PAUSE`] in typing in either field.
    pub fn type_day(self, from: bool, text: String) {
        let field = if from { self.from_text } else { self.to_text };
        field.set(text);
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let handle = Timer::start(move || self.commit_days(), DAY_PAUSE);
        self.pending.set_value(handle);
    }

    /// Commits both typed days now (Enter).
    pub fn commit_days(self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let (from, to) = (self.from_text.get_untracked(), self.to_text.get_untracked());
        if self.from_committed.get_untracked() != from {
            self.from_committed.set(from);
        }
        if self.to_committed.get_untracked() != to {
            self.to_committed.set(to);
        }
    }

    /// What is wrong with the committed range; empty when nothing is.
    pub fn problems(self) -> RangeProblems {
        self.from_committed.with(|f| {
            self.to_committed
                .with(|t| check_range(f, t).err().unwrap_or_default())
        })
    }

    /// The query to list with: the filters, with the committed days when they are valid and
    /// the last valid ones when not.
    pub fn query(self) -> RecordQuery {
        let (from, to) = self.valid_days.get();
        RecordQuery {
            view: self.view.get(),
            status: self.status.get(),
            from,
            to,
            application_id: self.application_id.get(),
        }
    }
}
