//! The records list (R24): pages of `GET /invoice-records` for the applied filters, newest first
//! as served. A change of the filters loads from the first page; "Load more" goes on with the
//! contract's `nextCursor`; an expired or foreign cursor (`INVALID_CURSOR`) starts again from
//! the first page and says so. A failure keeps the rows and the filters and offers a retry of
//! what failed. Answers to an older request than the latest are dropped.

use invoicing::invoice_record::{InvoiceRecord, RecordQuery};
use leptos::prelude::*;

use super::RecordFilters;
use crate::api::{ApiClient, ApiError};

/// Where the list stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    /// A request is under way: the first page (`more: false`) or the next one.
    Loading {
        more: bool,
    },
    Ready,
    /// The first page (`more: false`) or the next one failed.
    Failed {
        error: ApiError,
        more: bool,
    },
}

/// Something the list tells once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListNotice {
    /// The cursor had expired: the list was loaded again from the start.
    CursorExpired,
}

/// The list, its filters and its paging. `Copy`.
#[derive(Clone, Copy)]
pub struct RecordsStore {
    client: StoredValue<ApiClient>,
    pub filters: RecordFilters,
    items: RwSignal<Vec<InvoiceRecord>>,
    total: RwSignal<u64>,
    next_cursor: RwSignal<Option<String>>,
    status: RwSignal<ListStatus>,
    notice: RwSignal<Option<ListNotice>>,
    /// The query the rows are for.
    shown: StoredValue<RecordQuery>,
    /// Counts requests; an answer to an older one is dropped.
    run: StoredValue<u64>,
}

impl RecordsStore {
    /// A list with no rows yet; [`RecordsStore::follow_filters`] loads it.
    pub fn new(client: ApiClient, enterprise: bool) -> RecordsStore {
        RecordsStore {
            client: StoredValue::new(client),
            filters: RecordFilters::new(enterprise),
            items: RwSignal::new(Vec::new()),
            total: RwSignal::new(0),
            next_cursor: RwSignal::new(None),
            status: RwSignal::new(ListStatus::Loading { more: false }),
            notice: RwSignal::new(None),
            shown: StoredValue::new(RecordQuery::default()),
            run: StoredValue::new(0),
        }
    }

    /// Loads the first page now and again whenever the applied filters change.
    pub fn follow_filters(self) {
        let query = Memo::new(move |_| self.filters.query());
        Effect::new(move |_| {
            let query = query.get();
            untrack(|| self.load(query));
        });
    }

    pub fn items(self) -> ReadSignal<Vec<InvoiceRecord>> {
        self.items.read_only()
    }

    pub fn total(self) -> ReadSignal<u64> {
        self.total.read_only()
    }

    pub fn status(self) -> ReadSignal<ListStatus> {
        self.status.read_only()
    }

    pub fn notice(self) -> ReadSignal<Option<ListNotice>> {
        self.notice.read_only()
    }

    /// Whether the server has more pages.
    pub fn has_more(self) -> bool {
        self.next_cursor.with(Option::is_some)
    }

    /// The query of the rows shown, for the export.
    pub fn shown_query(self) -> RecordQuery {
        self.shown.get_value()
    }

    /// Loads the first page of the current filters again (statuses change on the server).
    pub fn refresh(self) {
        self.notice.set(None);
        self.load(untrack(|| self.filters.query()));
    }

    /// Tries again what failed: the next page, or the first.
    pub fn retry(self) {
        match self.status.get_untracked() {
            ListStatus::Failed { more: true, .. } => self.more(),
            _ => self.refresh(),
        }
    }

    /// The first page of `query`; the rows stay until it arrives.
    fn load(self, query: RecordQuery) {
        let run = self.next_run();
        self.status.set(ListStatus::Loading { more: false });
        let client = self.client.get_value();
        leptos::task::spawn_local(async move {
            let answer = client.records_page(&query, None).await;
            if !self.is_current(run) {
                return;
            }
            match answer {
                Ok(page) => {
                    self.shown.set_value(query);
                    self.items.set(page.items);
                    self.total.set(page.total_count);
                    self.next_cursor.set(page.next_cursor);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) => self.fail(&client, error, false),
            }
        });
    }

    /// "Load more": the next page after the rows shown.
    pub fn more(self) {
        let Some(cursor) = self.next_cursor.get_untracked() else {
            return;
        };
        let run = self.next_run();
        self.status.set(ListStatus::Loading { more: true });
        let (client, query) = (self.client.get_value(), self.shown.get_value());
        leptos::task::spawn_local(async move {
            let answer = client.records_page(&query, Some(&cursor)).await;
            if !self.is_current(run) {
                return;
            }
            match answer {
                Ok(page) => {
                    self.items.update(|items| items.extend(page.items));
                    self.total.set(page.total_count);
                    self.next_cursor.set(page.next_cursor);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) if error.code() == Some("INVALID_CURSOR") => {
                    self.notice.set(Some(ListNotice::CursorExpired));
                    self.load(query);
                }
                Err(error) => self.fail(&client, error, true),
            }
        });
    }

    /// Shows the failure with its retry; after a `401`, the retry also runs on Resume.
    fn fail(self, client: &ApiClient, error: ApiError, more: bool) {
        client.retry_after_sign_in(&error, move || {
            if matches!(
                self.status.try_get_untracked(),
                Some(ListStatus::Failed { .. })
            ) {
                self.retry();
            }
        });
        self.status.set(ListStatus::Failed { error, more });
    }

    fn next_run(self) -> u64 {
        self.run
            .try_update_value(|r| {
                *r += 1;
                *r
            })
            .unwrap_or_default()
    }

    fn is_current(self, run: u64) -> bool {
        self.run.try_with_value(|r| *r == run).unwrap_or(false)
    }
}
