//! Loading a basis's families page by page (R30): the first page is drawn as soon as it
//! arrives, the others follow in the background while the grid is usable. A failed page keeps
//! everything shown and checked, and a retry goes on from that page; an expired cursor
//! (`INVALID_CURSOR`) starts again from the first page, as the contract says, keeping the
//! selection.

use leptos::prelude::*;

use super::{FamilyStore, LoadStatus};
use crate::api::{ApiClient, ApiError};
use crate::perf;

/// How many times one load starts over after `INVALID_CURSOR` before it gives up and says so.
const MAX_RESTARTS: u32 = 3;

/// The bookkeeping of the store's loads.
#[derive(Clone, Debug, Default)]
pub struct LoadRun {
    /// Counts calls to [`FamilyStore::load`]; an older run that sees a newer one stops.
    run: u64,
    /// The cursor of the page that failed, to go on from it.
    resume: Option<String>,
    issuers_loaded: bool,
    /// Whether the first rows have been drawn once (a performance mark).
    drawn_once: bool,
}

impl FamilyStore {
    /// Loads the families of the store's basis, from the first page or, after a failure, from
    /// the page that failed. Rows and selection stay as they are until new pages replace them.
    pub fn load(self, client: ApiClient) {
        let run = self
            .load
            .try_update_value(|l| {
                l.run += 1;
                l.run
            })
            .unwrap_or_default();
        let shown = self.progress().with_untracked(|p| p.loaded > 0);
        self.set_status(if shown {
            LoadStatus::Ready
        } else {
            LoadStatus::Loading
        });
        self.progress_mut().update(|p| p.loading = true);
        leptos::task::spawn_local(async move { self.run_load(client, run).await });
    }

    fn is_current(self, run: u64) -> bool {
        self.load.with_value(|l| l.run == run)
    }

    async fn run_load(self, client: ApiClient, run: u64) {
        // The entities' names come with the first page, not before it: one round trip less.
        let mut issuers_wanted =
            !self.load.with_value(|l| l.issuers_loaded) && !self.knows_issuers();
        let mut cursor = self.load.try_update_value(|l| l.resume.take()).flatten();
        let mut restarts = 0;
        loop {
            let page = client.candidate_page(self.basis(), cursor.as_deref());
            let answer = if issuers_wanted {
                let (issuers, answer) = futures::join!(client.issuers(), page);
                match issuers {
                    Ok(issuers) => {
                        self.set_issuers(issuers);
                        self.load.update_value(|l| l.issuers_loaded = true);
                        issuers_wanted = false;
                    }
                    Err(error) => return self.stop(&client, run, cursor, error),
                }
                answer
            } else {
                page.await
            };
            if !self.is_current(run) {
                return;
            }
            let page = match answer {
                Ok(page) => page,
                Err(error) if is_invalid_cursor(&error) && cursor.is_some() => {
                    restarts += 1;
                    if restarts > MAX_RESTARTS {
                        return self.stop(&client, run, None, error);
                    }
                    cursor = None;
                    continue;
                }
                Err(error) => return self.stop(&client, run, cursor, error),
            };
            let first = cursor.is_none();
            if first {
                perf::mark("invoicing:first-page-arrived");
                self.begin_load();
            }
            if let Err(error) = self.receive_page(page.items, page.total_count) {
                return self.stop(&client, run, cursor, ApiError::Decode(error.to_string()));
            }
            if first && !self.load.with_value(|l| l.drawn_once) {
                self.load.update_value(|l| l.drawn_once = true);
                perf::mark_next_frame("invoicing:first-row-drawn");
            }
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => {
                    self.finish_load();
                    perf::mark("invoicing:all-pages-loaded");
                    return;
                }
            }
        }
    }

    /// Ends a run that failed: remembers where to go on, and shows the error with a retry;
    /// after a `401`, the load also goes on at Resume.
    fn stop(self, client: &ApiClient, run: u64, resume: Option<String>, error: ApiError) {
        if !self.is_current(run) {
            return;
        }
        let again = client.clone();
        client.retry_after_sign_in(&error, move || {
            if self.load.try_with_value(|l| l.run == run) == Some(true) {
                self.load(again);
            }
        });
        self.load.update_value(|l| l.resume = resume);
        self.progress_mut().update(|p| p.loading = false);
        self.fail(error);
    }
}

fn is_invalid_cursor(error: &ApiError) -> bool {
    error.code() == Some("INVALID_CURSOR")
}
