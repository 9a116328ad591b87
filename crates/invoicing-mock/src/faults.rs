//! Injected faults: a delay on every `/api` answer (`--latency-ms`) and `503`s for the first requests (`--fail-first`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::lang::Lang;
use crate::problem::service_unavailable;
use crate::AppState;

/// The `Retry-After` of an injected `503`, in seconds.
pub const RETRY_AFTER_SECS: u32 = 1;

/// The faults one server injects.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    latency: Duration,
    failures_left: Arc<AtomicU64>,
}

impl Faults {
    pub fn new(latency: Duration, fail_first: u64) -> Faults {
        Faults {
            latency,
            failures_left: Arc::new(AtomicU64::new(fail_first)),
        }
    }

    /// Uses up one injected failure; `true` while some are left.
    fn take_failure(&self) -> bool {
        self.failures_left
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok()
    }
}

/// Middleware of `/api`: waits `latency`, then answers `503 SERVICE_UNAVAILABLE` with
/// `Retry-After` while injected failures are left, before the session is even looked at.
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let faults = &state.faults;
    if !faults.latency.is_zero() {
        tokio::time::sleep(faults.latency).await;
    }
    if faults.take_failure() {
        let lang = Lang::from_headers(req.headers());
        return service_unavailable(lang, RETRY_AFTER_SECS).into_response();
    }
    next.run(req).await
}
