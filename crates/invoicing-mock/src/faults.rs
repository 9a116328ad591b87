//! Injected faults: a delay on every `/api` answer (`--latency-ms`), `503`s for the first requests
//! (`--fail-first`) and for the first applications (`--fail-applications`), and for the pages
//! after the first, a delay (`--page-latency-ms`) and expired cursors (`--expire-cursors`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::lang::Lang;
use crate::problem::{invalid_cursor, service_unavailable, ApiProblem};
use crate::{AppState, Config};

/// The `Retry-After` of an injected `503`, in seconds.
pub const RETRY_AFTER_SECS: u32 = 1;

/// The faults one server injects.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    latency: Duration,
    page_latency: Duration,
    failures_left: Arc<AtomicU64>,
    expiries_left: Arc<AtomicU64>,
    application_failures_left: Arc<AtomicU64>,
}

impl Faults {
    pub fn new(config: &Config) -> Faults {
        Faults {
            latency: config.latency,
            page_latency: config.page_latency,
            failures_left: Arc::new(AtomicU64::new(config.fail_first)),
            expiries_left: Arc::new(AtomicU64::new(config.expire_cursors)),
            application_failures_left: Arc::new(AtomicU64::new(config.fail_applications)),
        }
    }

    /// For `POST /invoice-applications`, before its key, body or data are looked at: while
    /// injected failures are left, `503 SERVICE_UNAVAILABLE` with `Retry-After`, so the key
    /// stays unused and a retry with it is processed as new (R21).
    pub fn fail_application(&self, lang: Lang) -> Result<(), ApiProblem> {
        if take_one(&self.application_failures_left) {
            return Err(service_unavailable(lang, RETRY_AFTER_SECS));
        }
        Ok(())
    }

    /// For a list request that carries a `cursor` and is otherwise valid: waits `page_latency`,
    /// then, while injected expiries are left, refuses the cursor as the contract's
    /// `InvalidCursor` example does (`400 INVALID_CURSOR`, "The cursor has expired.").
    pub async fn next_page(&self, lang: Lang) -> Result<(), ApiProblem> {
        if !self.page_latency.is_zero() {
            tokio::time::sleep(self.page_latency).await;
        }
        if take_one(&self.expiries_left) {
            return Err(invalid_cursor(
                lang,
                "该翻页位置已过期。",
                "The cursor has expired.",
            ));
        }
        Ok(())
    }
}

/// Uses up one injected fault of a counter; `true` while some were left.
fn take_one(left: &AtomicU64) -> bool {
    left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
}

/// Middleware of `/api`: waits `latency`, then answers `503 SERVICE_UNAVAILABLE` with
/// `Retry-After` while injected failures are left, before the session is even looked at.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let faults = &state.faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if take_one(&faults.failures_left) {
        let lang = Lang::from_headers(req.headers());
        return service_unavailable(lang, RETRY_AFTER_SECS).into_response();
    }
    next.run(req).await
}
