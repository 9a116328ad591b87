//! `POST /__mock/records/{invoiceId}/status` (with `--admin`): moves an invoice along its statuses
//! as the backend would, so that demos and tests can show every status. Not part of the contract.
//!
//! The body is `{"status": "issuing"}`, `{"status": "invoiced"}`, `{"status": "cancelled"}` or
//! `{"status": "rejected", "reason": "…"}`; the answer is the record (`InvoiceRecordDetail`).
//! The contract's moves only ([`is_served_move`]): `pending` → `issuing` → `invoiced`
//! (`invoiceNumber` and `issuedAt` are set), `pending`/`issuing` → `rejected` (the reason, 1 to
//! [`MAX_REASON`] characters, becomes `rejectReason`), `pending` → `cancelled`. A rejected or
//! cancelled invoice gives its documents back to the candidate list ([`crate::give_back`]).
//! Any other move, a missing or blank reason for `rejected`, or a reason with another status is
//! `400 VALIDATION_FAILED` (`INVALID_VALUE` on `/status`, `REQUIRED`, `TOO_LONG` or `NOT_ALLOWED`
//! on `/reason`). Without `--admin`, or for an unknown invoice, `404 NOT_FOUND`.

use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;

use crate::applications::Now;
use crate::give_back::give_back;
use crate::lang::Lang;
use crate::problem::{field_error, internal_error, not_found, validation_failed};
use crate::records::InvoiceStatus;
use crate::AppState;

/// The longest `reason` taken, in characters.
pub const MAX_REASON: usize = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Move {
    status: InvoiceStatus,
    #[serde(default)]
    reason: Option<String>,
}

/// Whether the mock moves an invoice from `from` to `to`: the contract's moves.
pub fn is_served_move(from: InvoiceStatus, to: InvoiceStatus) -> bool {
    use InvoiceStatus::*;
    matches!(
        (from, to),
        (Pending, Issuing)
            | (Issuing, Invoiced)
            | (Pending | Issuing, Rejected)
            | (Pending, Cancelled)
    )
}

/// The reason a move takes: required (non-blank, at most [`MAX_REASON`] characters) for
/// `rejected`, refused otherwise; `Err` is the field code on `/reason`.
fn reason_of(to: InvoiceStatus, reason: Option<String>) -> Result<Option<String>, &'static str> {
    match (to, reason) {
        (InvoiceStatus::Rejected, None) => Err("REQUIRED"),
        (InvoiceStatus::Rejected, Some(r)) if r.trim().is_empty() => Err("REQUIRED"),
        (InvoiceStatus::Rejected, Some(r)) if r.chars().count() > MAX_REASON => Err("TOO_LONG"),
        (InvoiceStatus::Rejected, Some(r)) => Ok(Some(r.trim().to_owned())),
        (_, None) => Ok(None),
        (_, Some(_)) => Err("NOT_ALLOWED"),
    }
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
    let refuse = |field: &str, code: &str, zh: String, en: String| {
        let error = field_error(lang, Some(field), code, zh, en);
        validation_failed(lang, vec![error]).into_response()
    };
    let Ok(Move { status: to, reason }) = serde_json::from_slice::<Move>(&body) else {
        return refuse(
            "/status",
            "INVALID_VALUE",
            "请求体应为 {\"status\": \"issuing\" | \"invoiced\" | \"cancelled\"} 或 {\"status\": \"rejected\", \"reason\": \"…\"}。".into(),
            "The body must be {\"status\": \"issuing\" | \"invoiced\" | \"cancelled\"} or {\"status\": \"rejected\", \"reason\": \"…\"}.".into(),
        );
    };
    let reason = match reason_of(to, reason) {
        Ok(r) => r,
        Err(code) => {
            return refuse(
                "/reason",
                code,
                format!("驳回需要 1 到 {MAX_REASON} 个字符的原因，其他状态不带原因。"),
                format!("A rejection needs a reason of 1 to {MAX_REASON} characters; other statuses take none."),
            )
        }
    };
    let mut data = state.data_mut();
    let invoiced = data
        .records
        .iter()
        .filter(|r| r.status == InvoiceStatus::Invoiced)
        .count();
    let Some(at) = data.records.iter().position(|r| r.invoice_id == invoice_id) else {
        return not_found(lang, method.as_str(), uri.path()).into_response();
    };
    let from = data.records[at].status;
    if !is_served_move(from, to) {
        return refuse(
            "/status",
            "INVALID_VALUE",
            format!("mock 不支持将发票从 {from:?} 改为 {to:?}。"),
            format!("This mock does not move an invoice from {from:?} to {to:?}."),
        );
    }
    if matches!(to, InvoiceStatus::Rejected | InvoiceStatus::Cancelled) {
        let record = data.records[at].clone();
        if let Err(e) = give_back(&mut data, &record) {
            let reason = format!("giving back {invoice_id}: {e}");
            return internal_error(lang, &reason).into_response();
        }
    }
    let record = &mut data.records[at];
    record.status = to;
    record.reject_reason = reason;
    if to == InvoiceStatus::Invoiced {
        let now = Now::system();
        record.invoice_number = Some(format!("2633{}{:08}", now.date, invoiced + 1));
        record.issued_at = Some(now.rfc3339);
    }
    Json(record.clone()).into_response()
}
