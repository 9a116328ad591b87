//! `GET /__mock/applications` (with `--admin`): every application this mock has created, so that
//! tests can count them (R21: a double submission creates exactly one).
//!
//! The answer is `{"items": [{"applicationId", "idempotencyKey", "accountId", "body", "createdAt",
//! "invoiceIds"}]}`, oldest first; `body` is the request's JSON as received. Not part of the
//! contract; without `--admin` the path answers `404`.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::{OriginalUri, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;

use crate::lang::Lang;
use crate::problem::not_found;
use crate::AppState;

/// One application created.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedApplication {
    pub application_id: String,
    pub idempotency_key: String,
    /// The signed-in account that submitted it.
    pub account_id: String,
    /// The request body as received.
    pub body: Value,
    /// RFC 3339, `+08:00`.
    pub created_at: String,
    pub invoice_ids: Vec<String>,
}

/// The applications created, oldest first.
#[derive(Clone, Debug, Default)]
pub struct AdminLog {
    items: Arc<Mutex<Vec<CreatedApplication>>>,
}

impl AdminLog {
    /// Notes a new application.
    pub fn push(&self, created: CreatedApplication) {
        self.lock().push(created);
    }

    /// Every application created so far.
    pub fn all(&self) -> Vec<CreatedApplication> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<CreatedApplication>> {
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[derive(Serialize)]
struct List {
    items: Vec<CreatedApplication>,
}

/// `GET /__mock/applications`: the list with `--admin`, else `404`.
pub async fn applications(
    State(state): State<AppState>,
    lang: Lang,
    method: Method,
    OriginalUri(uri): OriginalUri,
) -> Response {
    if !state.admin {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    }
    Json(List {
        items: state.applications.all(),
    })
    .into_response()
}
