//! `POST /__mock/records/{invoiceId}/status` (with `--admin`): moves an invoice along its statuses
//! so that demos and tests can show it becoming invoiced. Not part of the contract.
//!
//! The body is `{"status": "issuing"}` or `{"status": "invoiced"}`; the answer is the record
//! (`InvoiceRecordDetail`). Only `pending` → `issuing` → `invoiced` is served: `invoiceNumber` and
//! `issuedAt` are set on `invoiced`. `rejected` and `cancelled`, which give the documents back to
//! the candidate list, are refused for now (`400 VALIDATION_FAILED`, `INVALID_VALUE` on `/status`),
//! and so is any other move. Without `--admin`, or for an unknown invoice, `404 NOT_FOUND`.

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::applications::Now;
use crate::lang::Lang;
use crate::problem::{field_error, not_found, validation_failed};
use crate::records::InvoiceStatus;
use crate::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Move {
    status: InvoiceStatus,
}

/// Whether the mock moves an invoice from `from` to `to`.
pub fn is_served_move(from: InvoiceStatus, to: InvoiceStatus) -> bool {
    matches!(
        (from, to),
        (InvoiceStatus::Pending, InvoiceStatus::Issuing)
            | (InvoiceStatus::Issuing, InvoiceStatus::Invoiced)
    )
}

/// The handler; see the module's documentation.
pub async fn move_status(
    State(state): State<AppState>,
    lang: Lang,
    method: Method,
    OriginalUri(uri): OriginalUri,
    Path(invoice_id): Path<String>,
    body: Bytes,
) -> Response {
    if !state.admin {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    }
    let refuse = |zh: String, en: String| {
        let error = field_error(lang, Some("/status"), "INVALID_VALUE", zh, en);
        validation_failed(lang, vec![error]).into_response()
    };
    let Ok(Move { status: to }) = serde_json::from_slice::<Move>(&body) else {
        return refuse(
            "请求体应为 {\"status\": \"issuing\"} 或 {\"status\": \"invoiced\"}。".into(),
            "The body must be {\"status\": \"issuing\"} or {\"status\": \"invoiced\"}.".into(),
        );
    };
    let mut data = state.data_mut();
    let invoiced = data
        .records
        .iter()
        .filter(|r| r.status == InvoiceStatus::Invoiced)
        .count();
    let Some(record) = data.records.iter_mut().find(|r| r.invoice_id == invoice_id) else {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    };
    let from = record.status;
    if !is_served_move(from, to) {
        return refuse(
            format!("mock 不支持将发票从 {from:?} 改为 {to:?}。"),
            format!("This mock does not move an invoice from {from:?} to {to:?}."),
        );
    }
    record.status = to;
    if to == InvoiceStatus::Invoiced {
        let now = Now::system();
        record.invoice_number = Some(format!("2633{}{:08}", now.date, invoiced + 1));
        record.issued_at = Some(now.rfc3339);
    }
    Json(record.clone()).into_response()
}
