//! Injected faults, per route, for the tests of a client under a flaky network and backend (R30).
//!
//! A set of rules is given at start (`--faults FILE`; `--latency-ms` and `--fail-first` are
//! shorthands for one rule each) and, with `--admin`, replaced at run time by
//! `POST /__mock/faults` (same JSON), listed with their counters by `GET /__mock/faults`, and
//! cleared by `DELETE /__mock/faults` ([`admin`]). The file:
//!
//! ```json
//! {"rules": [
//!   {"route": "GET /invoice-candidates", "latencyMs": 800},
//!   {"route": "*", "fault": "503", "every": 3, "retryAfter": 2},
//!   {"route": "GET /invoice-records/{invoiceId}", "fault": "drop", "after": 1, "times": 1},
//!   {"route": "* /*", "fault": "expire-session", "after": 5, "times": 1},
//!   {"route": "POST /invoice-applications", "fault": "commit-then-500", "times": 1}
//! ]}
//! ```
//!
//! - `route`: `"*"`, or `"METHOD /path"` with the path under `/api/v1`; `METHOD` may be `*`, a
//!   segment `*` or `{name}` matches any one segment, the path `/*` any path.
//! - `latencyMs`: added to every matching request (all matching rules add up).
//! - `fault`: `"500"`, `"502"` (a gateway's `text/html`), `"503"` and `"429"` (with
//!   `Retry-After: retryAfter`, default 1), `"drop"` (the connection closes without an answer),
//!   `"malformed"` (the real answer with a JSON syntax error), `"truncated"` (the first half of
//!   the real answer's body), `"expire-session"` (`401 SESSION_EXPIRED`, and the session stays
//!   ended until `GET /__mock/sign-in`), `"stale"` (`POST /invoice-applications` only:
//!   `422 STALE_AMOUNTS` with `expectedInvoices`, the contract's code for stale data),
//!   `"in-progress"` (`409 IDEMPOTENCY_KEY_IN_PROGRESS` with `Retry-After`),
//!   `"commit-then-500"` and `"commit-then-drop"` (the request is processed and committed, then
//!   the client gets a `500` or a dropped connection; an application's key keeps its `201`, so a
//!   retry with it replays the `201`).
//! - When it fires, counted per rule over its matching requests (deterministic): the first
//!   `after` are left alone, then every `every`-th (default 1, each) or a `share` (0–1, spread
//!   evenly: 0.25 is the 4th, 8th, …), at most `times` times (default: no limit). The first
//!   matching rule that fires gives the fault. A commit fault whose answer was not a success
//!   gives its turn back.
//!
//! Faults come before the session check (as a proxy's would), but `stale` and the commit faults,
//! which need a handled request. Besides the rules: `503`s for the first applications
//! (`--fail-applications`), and for the pages after the first, a delay (`--page-latency-ms`)
//! and expired cursors (`--expire-cursors`).

pub mod admin;
mod answer;
pub mod rule;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::extract::{OriginalUri, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::lang::Lang;
use crate::problem::{invalid_cursor, service_unavailable, ApiProblem};
use crate::{AppState, Config};
pub use rule::{FaultSet, Kind, Rule, RuleSpec};

/// The `Retry-After` of an injected `503`, in seconds, unless a rule says otherwise.
pub const RETRY_AFTER_SECS: u32 = 1;

/// The marker a `stale` fault puts on the request for the applications handler.
#[derive(Clone, Copy, Debug)]
pub struct InjectStale;

/// The marker the applications handler puts on its answer when it answered a `stale` fault.
#[derive(Clone, Copy, Debug)]
pub struct StaleAnswered;

/// The faults one server injects.
#[derive(Clone, Debug, Default)]
pub struct Faults {
    rules: Arc<RwLock<Arc<Vec<Arc<Rule>>>>>,
    page_latency: Duration,
    expiries_left: Arc<AtomicU64>,
    application_failures_left: Arc<AtomicU64>,
}

impl Faults {
    /// The faults of the flags and the `--faults` file (checked by [`FaultSet::from_json`]).
    pub fn new(config: &Config) -> Faults {
        let faults = Faults {
            rules: Arc::default(),
            page_latency: config.page_latency,
            expiries_left: Arc::new(AtomicU64::new(config.expire_cursors)),
            application_failures_left: Arc::new(AtomicU64::new(config.fail_applications)),
        };
        let mut specs = Vec::new();
        if !config.latency.is_zero() {
            specs.push(RuleSpec {
                latency_ms: config.latency.as_millis() as u64,
                ..RuleSpec::any()
            });
        }
        if config.fail_first > 0 {
            specs.push(RuleSpec {
                fault: Some(Kind::Status503),
                times: Some(config.fail_first),
                ..RuleSpec::any()
            });
        }
        specs.extend(config.faults.rules.iter().cloned());
        faults
            .replace(FaultSet { rules: specs })
            .expect("the flags' rules and a checked file are valid");
        faults
    }

    /// Puts `set` in force instead of the rules so far (counters start at zero).
    pub fn replace(&self, set: FaultSet) -> Result<(), String> {
        let rules = set
            .rules
            .into_iter()
            .map(|spec| Rule::new(spec).map(Arc::new))
            .collect::<Result<Vec<_>, _>>()?;
        *self.rules.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(rules);
        Ok(())
    }

    /// The rules in force.
    pub fn rules(&self) -> Arc<Vec<Arc<Rule>>> {
        self.rules.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The latency of every matching rule, and the first rule whose fault fires.
    fn decide(&self, method: &str, path: &str) -> (Duration, Option<Arc<Rule>>) {
        let mut latency = Duration::ZERO;
        let mut firing = None;
        for rule in self.rules().iter() {
            let Some(fires) = rule.hit(method, path) else {
                continue;
            };
            latency += Duration::from_millis(rule.spec.latency_ms);
            if fires {
                if firing.is_none() {
                    firing = Some(rule.clone());
                } else {
                    rule.refund();
                }
            }
        }
        (latency, firing)
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

/// Middleware of `/api`: waits the matching rules' latency, then injects the first fault that
/// fires (see the module's doc).
pub async fn inject(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req
        .extensions()
        .get::<OriginalUri>()
        .map_or_else(|| req.uri().path().to_owned(), |u| u.0.path().to_owned());
    let (latency, firing) = state.faults.decide(req.method().as_str(), &path);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let Some(rule) = firing else {
        return next.run(req).await;
    };
    let kind = rule.spec.fault.expect("a rule that fires has a fault");
    let lang = Lang::from_headers(req.headers());
    let retry_after = rule.spec.retry_after.unwrap_or(RETRY_AFTER_SECS);
    match kind {
        Kind::Stale => {
            req.extensions_mut().insert(InjectStale);
            let response = next.run(req).await;
            if response.extensions().get::<StaleAnswered>().is_none() {
                rule.refund();
            }
            response
        }
        Kind::Malformed | Kind::Truncated => answer::corrupt(next.run(req).await, kind).await,
        Kind::CommitThen500 | Kind::CommitThenDrop => {
            let response = next.run(req).await;
            if !response.status().is_success() {
                rule.refund();
                return response;
            }
            answer::instead_of_commit(kind, lang)
        }
        Kind::ExpireSession => {
            if let Some(session) = state.sessions.from_headers(req.headers()) {
                state.sessions.remove(&session.token);
            }
            crate::problem::session_expired(lang).into_response()
        }
        _ => answer::before_handling(kind, lang, retry_after),
    }
}
