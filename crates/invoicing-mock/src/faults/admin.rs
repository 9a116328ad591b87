//! `/__mock/faults` (with `--admin`): `GET` lists the rules in force with their counters
//! (`{"rules": [{…the rule…, "seen": N, "fired": N}]}`), `POST` replaces them with a set in the
//! `--faults` file's format (`204`; `400` with the reason as text when it is not valid), and
//! `DELETE` clears them (`204`). Without `--admin` the path answers `404`.

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::FaultSet;
use crate::lang::Lang;
use crate::problem::not_found;
use crate::AppState;

/// The handler of every method of `/__mock/faults`.
pub async fn faults(
    State(state): State<AppState>,
    lang: Lang,
    method: Method,
    OriginalUri(uri): OriginalUri,
    body: Bytes,
) -> Response {
    if !state.admin {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    }
    match method {
        Method::GET => {
            let rules: Vec<Value> = state
                .faults
                .rules()
                .iter()
                .map(|rule| {
                    let mut v = serde_json::to_value(&rule.spec).expect("rules serialize");
                    let counts = rule.counts();
                    v["seen"] = json!(counts.seen);
                    v["fired"] = json!(counts.fired);
                    v
                })
                .collect();
            Json(json!({ "rules": rules })).into_response()
        }
        Method::POST => match FaultSet::from_json(&body).and_then(|s| state.faults.replace(s)) {
            Ok(()) => StatusCode::NO_CONTENT.into_response(),
            Err(e) => (StatusCode::BAD_REQUEST, format!("bad fault set: {e}\n")).into_response(),
        },
        Method::DELETE => {
            state
                .faults
                .replace(FaultSet::default())
                .expect("an empty set is valid");
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (
            StatusCode::METHOD_NOT_ALLOWED,
            [(axum::http::header::ALLOW, "GET, POST, DELETE")],
        )
            .into_response(),
    }
}
