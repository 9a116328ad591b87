//! The Content Security Policy the app is served with (issue 9), and the reports of what it
//! blocked, so that tests can prove the app works under it.
//!
//! `default-src 'self'`; scripts only from the app's origin plus trunk's one inline loader,
//! allowed by its SHA-256 (computed from the `index.html` being served, so a rebuild changes it),
//! and `'wasm-unsafe-eval'` to compile the WebAssembly; no `'unsafe-inline'` anywhere;
//! `frame-ancestors` from `--frame-ancestors` (`'self'` by default). Browsers post what the policy
//! blocks to `POST /__mock/csp-reports` (`report-uri`); with `--admin`,
//! `GET /__mock/csp-reports` lists them (`{"items": [...]}`), else `404`.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::lang::Lang;
use crate::problem::not_found;
use crate::AppState;

/// Where browsers send reports.
pub const REPORT_PATH: &str = "/__mock/csp-reports";

/// The policy for a page whose HTML is `html`, framed only by `frame_ancestors`.
pub fn policy(html: &str, frame_ancestors: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors {frame_ancestors}; report-uri {REPORT_PATH}"
    )
}

/// The text of every `<script>` without `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = rest.find("<script")?;
        let after = &rest[start..];
        let open_end = after.find('>')?;
        let attributes = &after[..open_end];
        let body_start = start + open_end + 1;
        let body_len = rest[body_start..].find("</script>")?;
        let body = &rest[body_start..body_start + body_len];
        rest = &rest[body_start + body_len..];
        if !attributes.contains("src=") {
            return Some(body);
        }
    })
}

/// The reports received, oldest first.
#[derive(Clone, Debug, Default)]
pub struct CspReports(Arc<Mutex<Vec<Value>>>);

impl CspReports {
    fn push(&self, report: Value) {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        // A page that keeps breaking the policy must not fill the memory.
        if all.len() < 1_000 {
            all.push(report);
        }
    }

    /// Every report so far.
    pub fn all(&self) -> Vec<Value> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// `POST /__mock/csp-reports`: keeps the report (any JSON; other bodies as text).
pub async fn receive(State(state): State<AppState>, body: Bytes) -> StatusCode {
    let report = serde_json::from_slice(&body)
        .unwrap_or_else(|_| json!(String::from_utf8_lossy(&body).into_owned()));
    state.csp_reports.push(report);
    StatusCode::NO_CONTENT
}

/// `GET /__mock/csp-reports` (`--admin`): every report received.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    method: Method,
    OriginalUri(uri): OriginalUri,
) -> Response {
    if !state.admin {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    }
    Json(json!({ "items": state.csp_reports.all() })).into_response()
}

#[cfg(test)]
mod tests {
    use super::{inline_scripts, policy};

    #[test]
    fn only_inline_scripts_are_hashed_and_the_policy_has_no_unsafe_inline() {
        let html = "<script type=module>init()</script><script src=/a.js></script>\
                    <script>two</script>";
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["init()", "two"]);
        let p = policy(html, "'self' https://console.example");
        // sha256("init()"), base64.
        assert!(p.contains("'sha256-"), "{p}");
        assert_eq!(p.matches("'sha256-").count(), 2, "{p}");
        assert!(!p.contains("unsafe-inline"), "{p}");
        assert!(
            p.contains("frame-ancestors 'self' https://console.example;"),
            "{p}"
        );
        assert!(p.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "));
    }
}
