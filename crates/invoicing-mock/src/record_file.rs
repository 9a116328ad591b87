//! `GET /invoice-records/{invoiceId}/file` (R27): the invoice as a PDF ([`crate::invoice_pdf`]),
//! named after its invoice number (`attachment; filename="26332000000915370118.pdf"`).
//!
//! The contract's order: an invoice that does not exist or that the caller may not see (R24) is
//! `404 NOT_FOUND`, exactly as for its details; one the caller sees whose status is not
//! `invoiced` is `404 INVOICE_FILE_NOT_AVAILABLE`. The PDF is rendered outside the data lock.

use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};

use crate::invoice_pdf::{file_name, render};
use crate::lang::Lang;
use crate::params::Params;
use crate::problem::{invoice_file_not_available, not_found, ApiProblem};
use crate::record_list::visible_record;
use crate::records::InvoiceStatus;
use crate::AppState;

/// The handler; see the module's documentation.
pub async fn download(
    State(state): State<AppState>,
    lang: Lang,
    Path(invoice_id): Path<String>,
    OriginalUri(uri): OriginalUri,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiProblem> {
    Params::parse(raw.as_deref(), lang, &[]).finish()?;
    let record = visible_record(&state.data(), &invoice_id)
        .cloned()
        .ok_or_else(|| not_found(lang, "GET", uri.path()))?;
    if record.status != InvoiceStatus::Invoiced || record.invoice_number.is_none() {
        return Err(invoice_file_not_available(
            lang,
            &record.invoice_id,
            record.status,
        ));
    }
    let disposition = format!("attachment; filename=\"{}\"", file_name(&record));
    let body = render(&record);
    Ok((
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/pdf")),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).expect("an ASCII file name"),
            ),
        ],
        body,
    )
        .into_response())
}
