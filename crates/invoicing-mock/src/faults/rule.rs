//! One fault rule of the `--faults` file or `POST /__mock/faults`: which requests it matches
//! (method and path under `/api/v1`), the latency it adds, and when its fault fires, counted
//! per rule so that tests are deterministic (no random numbers).

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// A fault a rule injects. The names are the file's `"fault"` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// `500 INTERNAL_ERROR` before the request is handled.
    #[serde(rename = "500")]
    Status500,
    /// `502` as a gateway sends it (`text/html`, not a problem), before the request is handled.
    #[serde(rename = "502")]
    Status502,
    /// `503 SERVICE_UNAVAILABLE` with `Retry-After`, before the request is handled.
    #[serde(rename = "503")]
    Status503,
    /// `429 RATE_LIMITED` with `Retry-After`, before the request is handled.
    #[serde(rename = "429")]
    Status429,
    /// The connection is closed without an answer; nothing is handled.
    #[serde(rename = "drop")]
    Drop,
    /// The request is handled; its answer's body is sent with a JSON syntax error.
    #[serde(rename = "malformed")]
    Malformed,
    /// The request is handled; only the first half of its answer's body is sent.
    #[serde(rename = "truncated")]
    Truncated,
    /// The request's session ends, as if it had expired: `401 SESSION_EXPIRED`, and every later
    /// request with that cookie too, until `GET /__mock/sign-in`.
    #[serde(rename = "expire-session")]
    ExpireSession,
    /// `POST /invoice-applications` only: `422 STALE_AMOUNTS` with `expectedInvoices` (the
    /// split the server computes now), the contract's code for data changed since confirming.
    #[serde(rename = "stale")]
    Stale,
    /// `409 IDEMPOTENCY_KEY_IN_PROGRESS` with `Retry-After`, the contract's only `409`.
    #[serde(rename = "in-progress")]
    InProgress,
    /// The request is handled and committed (a `2xx`); the client gets `500 INTERNAL_ERROR`
    /// instead. For `POST /invoice-applications` the key keeps the `201`: a retry replays it.
    #[serde(rename = "commit-then-500")]
    CommitThen500,
    /// Like `commit-then-500`, but the connection is closed without an answer.
    #[serde(rename = "commit-then-drop")]
    CommitThenDrop,
}

impl Kind {
    /// Whether the fault depends on the handler's answer (so an answer that is not a success
    /// leaves the rule's `times` unused).
    pub fn after_commit(self) -> bool {
        matches!(self, Kind::CommitThen500 | Kind::CommitThenDrop)
    }
}

/// A rule as written in the file (and listed by `GET /__mock/faults`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleSpec {
    /// `"*"`, or `"METHOD /path"` with the path under `/api/v1`; the method may be `*`, and a
    /// path segment `*` or `{name}` matches any one segment.
    pub route: String,
    /// Added to every matching request, fault or not.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub latency_ms: u64,
    /// The fault; none means latency only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<Kind>,
    /// The first `after` matching requests are left alone (e.g. a `401` after N requests).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub after: u64,
    /// Then every `every`-th matching request gets the fault (1: each).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every: Option<u64>,
    /// Or this share (0–1) of them, spread evenly by a counter: 0.25 is the 4th, 8th, ….
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<f64>,
    /// At most this many faults, then the rule only adds latency (none: no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u64>,
    /// `Retry-After` seconds of `429`, `503` and `409` (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u32>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// The file: `{"rules": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSet {
    pub rules: Vec<RuleSpec>,
}

impl FaultSet {
    /// Reads and checks a set; the message names the rule and what is wrong.
    pub fn from_json(text: &[u8]) -> Result<FaultSet, String> {
        let set: FaultSet = serde_json::from_slice(text).map_err(|e| e.to_string())?;
        for (i, rule) in set.rules.iter().enumerate() {
            rule.check().map_err(|e| format!("rules[{i}]: {e}"))?;
        }
        Ok(set)
    }
}

impl RuleSpec {
    /// A rule that matches everything.
    pub fn any() -> RuleSpec {
        RuleSpec {
            route: "*".into(),
            latency_ms: 0,
            fault: None,
            after: 0,
            every: None,
            share: None,
            times: None,
            retry_after: None,
        }
    }

    fn check(&self) -> Result<(), String> {
        Route::parse(&self.route)?;
        if self.every == Some(0) {
            return Err("every must be 1 or more".into());
        }
        if let Some(s) = self.share {
            if !(0.0..=1.0).contains(&s) {
                return Err(format!("share must lie in 0–1, not {s}"));
            }
            if self.every.is_some() {
                return Err("give every or share, not both".into());
            }
        }
        if self.fault == Some(Kind::Stale)
            && !Route::parse(&self.route)?.is_exactly("POST", &["invoice-applications"])
        {
            return Err("stale is for the route \"POST /invoice-applications\" only".into());
        }
        Ok(())
    }
}

/// A parsed `route`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Route {
    /// `None`: any method.
    method: Option<String>,
    /// `None`: any path.
    segments: Option<Vec<String>>,
}

impl Route {
    fn parse(text: &str) -> Result<Route, String> {
        let text = text.trim();
        if text == "*" {
            return Ok(Route {
                method: None,
                segments: None,
            });
        }
        let (method, path) = text
            .split_once(' ')
            .ok_or_else(|| format!("route {text:?} is not \"*\" nor \"METHOD /path\""))?;
        let path = path.trim();
        let path = path.strip_prefix("/api/v1").unwrap_or(path);
        if !path.starts_with('/') {
            return Err(format!("route {text:?}: the path must start with /"));
        }
        let method = (method != "*").then(|| method.to_ascii_uppercase());
        let segments = (path != "/*").then(|| split(path));
        Ok(Route { method, segments })
    }

    fn is_exactly(&self, method: &str, segments: &[&str]) -> bool {
        self.method.as_deref() == Some(method)
            && self
                .segments
                .as_ref()
                .is_some_and(|s| s.iter().map(String::as_str).eq(segments.iter().copied()))
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        if self.method.as_deref().is_some_and(|m| m != method) {
            return false;
        }
        let Some(pattern) = &self.segments else {
            return true;
        };
        let Some(path) = path.strip_prefix("/api/v1") else {
            return false;
        };
        let got = split(path);
        got.len() == pattern.len()
            && pattern
                .iter()
                .zip(&got)
                .all(|(p, g)| p == "*" || (p.starts_with('{') && p.ends_with('}')) || p == g)
    }
}

fn split(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A rule in force, with its counters.
#[derive(Debug)]
pub struct Rule {
    pub spec: RuleSpec,
    route: Route,
    counts: Mutex<Counts>,
}

/// How many requests a rule matched and how many faults it injected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub seen: u64,
    pub fired: u64,
}

impl Rule {
    /// A checked spec in force.
    pub fn new(spec: RuleSpec) -> Result<Rule, String> {
        spec.check()?;
        Ok(Rule {
            route: Route::parse(&spec.route)?,
            spec,
            counts: Mutex::new(Counts::default()),
        })
    }

    pub fn counts(&self) -> Counts {
        *self.counts.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the rule matches; if so it counts the request and says whether its fault fires.
    pub fn hit(&self, method: &str, path: &str) -> Option<bool> {
        if !self.route.matches(method, path) {
            return None;
        }
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.seen += 1;
        let Some(_) = self.spec.fault else {
            return Some(false);
        };
        if counts.seen <= self.spec.after || self.spec.times.is_some_and(|t| counts.fired >= t) {
            return Some(false);
        }
        let j = counts.seen - self.spec.after;
        let fires = match (self.spec.every, self.spec.share) {
            (_, Some(share)) => {
                // Evenly spread: the j-th fires when ⌊j·share⌋ grows.
                (j as f64 * share).floor() > ((j - 1) as f64 * share).floor()
            }
            (every, None) => j.is_multiple_of(every.unwrap_or(1)),
        };
        if fires {
            counts.fired += 1;
        }
        Some(fires)
    }

    /// Gives back a fault that did not happen (a commit fault whose answer was not a success).
    pub fn refund(&self) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts.fired = counts.fired.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> Rule {
        Rule::new(serde_json::from_str(json).unwrap()).unwrap()
    }

    fn fired(rule: &Rule, n: usize) -> Vec<bool> {
        (0..n)
            .map(|_| rule.hit("GET", "/api/v1/profile").unwrap())
            .collect()
    }

    #[test]
    fn routes_match_method_and_segments() {
        let r = rule(r#"{"route": "GET /invoice-records/{id}/file"}"#);
        assert_eq!(
            r.hit("GET", "/api/v1/invoice-records/inv-1/file"),
            Some(false)
        );
        assert_eq!(r.hit("POST", "/api/v1/invoice-records/inv-1/file"), None);
        assert_eq!(r.hit("GET", "/api/v1/invoice-records/inv-1"), None);
        let any = rule(r#"{"route": "* /*"}"#);
        assert!(any.hit("DELETE", "/api/v1/x/y").is_some());
        let prefixed = rule(r#"{"route": "POST /api/v1/invoice-applications"}"#);
        assert!(prefixed
            .hit("POST", "/api/v1/invoice-applications")
            .is_some());
    }

    #[test]
    fn after_every_share_and_times_are_counted() {
        let r = rule(r#"{"route": "*", "fault": "503", "after": 2, "times": 2}"#);
        assert_eq!(fired(&r, 5), [false, false, true, true, false]);
        let r = rule(r#"{"route": "*", "fault": "500", "every": 3}"#);
        assert_eq!(fired(&r, 6), [false, false, true, false, false, true]);
        let r = rule(r#"{"route": "*", "fault": "429", "share": 0.5}"#);
        assert_eq!(fired(&r, 4), [false, true, false, true]);
        let r = rule(r#"{"route": "*", "fault": "drop", "share": 1}"#);
        assert_eq!(fired(&r, 2), [true, true]);
        assert_eq!(r.counts(), Counts { seen: 2, fired: 2 });
    }

    #[test]
    fn bad_rules_are_refused_with_their_index() {
        let bad = |json: &str| FaultSet::from_json(json.as_bytes()).unwrap_err();
        assert!(bad(r#"{"rules": [{"route": "GET"}]}"#).starts_with("rules[0]"));
        assert!(bad(r#"{"rules": [{"route": "*", "every": 0}]}"#).contains("every"));
        assert!(bad(r#"{"rules": [{"route": "*", "share": 2}]}"#).contains("share"));
        assert!(bad(r#"{"rules": [{"route": "*", "fault": "stale"}]}"#).contains("stale"));
        assert!(bad(r#"{"rules": [{"route": "*", "fault": "404"}]}"#).contains("unknown variant"));
        assert!(bad(r#"{"rules": [{"route": "*", "latency": 3}]}"#).contains("unknown field"));
    }
}
