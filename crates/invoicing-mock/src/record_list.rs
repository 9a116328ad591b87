//! `GET /invoice-records` and `GET /invoice-records/{invoiceId}`: the filters, visibility (R24),
//! the order (`createdAt` descending, then `invoiceId` ascending), cursor paging and the details (R25).

use axum::extract::{OriginalUri, Path, RawQuery, State};
use axum::http::header::CONTENT_LANGUAGE;
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use invoicing::invoice_record::{InvoiceRecord, InvoiceRecordPage};
use serde::Serialize;

use crate::candidates::time;
use crate::cursor;
use crate::data::{Data, SortKey};
use crate::lang::{content_language, Lang};
use crate::params::{is_id, Params};
use crate::problem::{invalid_cursor, not_found, ApiProblem};
use crate::records::{InvoiceMode, InvoiceRecordDetail, InvoiceStatus};
use crate::timestamp::{parse_rfc3339, Instant};
use crate::AppState;

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

/// The filters shared by the list and the export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordFilters {
    /// The enterprise tab: the invoices of independent or of consolidated applications.
    pub view: Option<InvoiceMode>,
    pub status: Option<InvoiceStatus>,
    /// Applied for at or after.
    pub from: Option<Instant>,
    /// Applied for before.
    pub to: Option<Instant>,
    pub application_id: Option<String>,
}

impl RecordFilters {
    /// Reads `view`, `status`, `from`, `to` and `applicationId` (field codes on `p`).
    pub fn read(p: &mut Params) -> RecordFilters {
        let views = [InvoiceMode::Independent, InvoiceMode::Consolidated].map(|m| (m.as_str(), m));
        let view = p.enumerated("view", &views);
        let status = p.enumerated("status", &InvoiceStatus::ALL.map(|s| (s.as_str(), s)));
        let from = time(p, "from");
        let to = time(p, "to");
        p.ordered(("from", from.as_ref()), ("to", to.as_ref()));
        let application_id = p.single("applicationId").and_then(|v| {
            if is_id(&v) {
                Some(v)
            } else {
                p.error(
                    "applicationId",
                    "INVALID_FORMAT",
                    format!("\"{v}\" 不是有效的申请编号。"),
                    format!("\"{v}\" is not an application id."),
                );
                None
            }
        });
        RecordFilters {
            view,
            status,
            from,
            to,
            application_id,
        }
    }

    fn matches(&self, r: &InvoiceRecordDetail, at: Instant) -> bool {
        self.view.is_none_or(|v| v == r.mode)
            && self.status.is_none_or(|s| s == r.status)
            && self.from.is_none_or(|f| at >= f)
            && self.to.is_none_or(|t| at < t)
            && self
                .application_id
                .as_ref()
                .is_none_or(|a| *a == r.application_id)
    }

    /// A canonical text of the filters and `limit`, for the cursor's fingerprint.
    fn canonical(&self, limit: usize) -> String {
        let t = |v: &Option<Instant>| v.map(|i| i.to_string()).unwrap_or_default();
        format!(
            "records\nview={}\nstatus={:?}\ntime={}..{}\napplicationId={}\nlimit={limit}",
            self.view.map(|v| v.as_str()).unwrap_or_default(),
            self.status,
            t(&self.from),
            t(&self.to),
            self.application_id.clone().unwrap_or_default(),
        )
    }
}

/// Whether the signed-in profile may see a record (R24): the applicant, every account in its
/// `accountIds`, and the enterprise's MA and administrators (who see every account).
pub fn is_visible(data: &Data, r: &InvoiceRecordDetail) -> bool {
    data.is_visible(&r.applicant_account_id) || r.account_ids.contains(&data.profile.account_id)
}

/// The invoice `invoice_id` if the signed-in profile may see it (R24); `None` also when it may not,
/// so that an invisible invoice answers as one that does not exist.
pub fn visible_record<'a>(data: &'a Data, invoice_id: &str) -> Option<&'a InvoiceRecordDetail> {
    data.records
        .iter()
        .find(|r| r.invoice_id == invoice_id && is_visible(data, r))
}

/// The visible records that match, newest first (`createdAt` descending, then `invoiceId`).
pub fn matching<'a>(
    data: &'a Data,
    filters: &RecordFilters,
) -> Vec<(SortKey, &'a InvoiceRecordDetail)> {
    let mut found: Vec<(SortKey, &InvoiceRecordDetail)> = data
        .records
        .iter()
        .filter(|r| is_visible(data, r))
        .filter_map(|r| {
            let at = parse_rfc3339(&r.created_at).expect("checked time");
            filters.matches(r, at).then(|| {
                let key = SortKey {
                    time: std::cmp::Reverse(at),
                    id: r.invoice_id.clone(),
                };
                (key, r)
            })
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// A JSON answer whose `Content-Language` is that of its `rejectReason` texts.
fn with_texts<'a, T: Serialize>(
    lang: Lang,
    records: impl IntoIterator<Item = &'a InvoiceRecordDetail>,
    body: T,
) -> Response {
    let texts = records
        .into_iter()
        .filter_map(|r| r.reject_reason.as_deref());
    let language = HeaderValue::from_static(content_language(lang, texts));
    ([(CONTENT_LANGUAGE, language)], Json(body)).into_response()
}

/// `GET /invoice-records`: one page of the visible invoices that match the filters (R24).
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiProblem> {
    let mut p = Params::parse(
        raw.as_deref(),
        lang,
        &[
            "view",
            "status",
            "from",
            "to",
            "applicationId",
            "cursor",
            "limit",
        ],
    );
    let filters = RecordFilters::read(&mut p);
    let cursor = p.text("cursor", 512);
    let limit = p.limit(MAX_LIMIT, DEFAULT_LIMIT);
    p.finish()?;
    let fingerprint = cursor::fingerprint(&filters.canonical(limit));
    let after = match &cursor {
        None => None,
        Some(raw) => {
            state.faults.next_page(lang).await?;
            Some(cursor::decode(raw, &fingerprint).map_err(|e| invalid_cursor(lang, e.zh, e.en))?)
        }
    };
    let data = state.data();
    let found = matching(&data, &filters);
    let start = after.map_or(0, |key| found.partition_point(|(k, _)| *k <= key));
    let end = (start + limit).min(found.len());
    let on_page = &found[start..end];
    let next_cursor = match on_page.last() {
        Some((key, _)) if end < found.len() => Some(cursor::encode(&fingerprint, key)),
        _ => None,
    };
    let page = InvoiceRecordPage {
        items: on_page
            .iter()
            .map(|(_, r)| InvoiceRecord::from(*r))
            .collect(),
        next_cursor,
        total_count: found.len() as u64,
    };
    Ok(with_texts(lang, on_page.iter().map(|(_, r)| *r), page))
}

/// `GET /invoice-records/{invoiceId}`: the invoice with its lines (R25); `404 NOT_FOUND` when
/// there is no such invoice that the caller may see.
pub async fn detail(
    State(state): State<AppState>,
    lang: Lang,
    Path(invoice_id): Path<String>,
    OriginalUri(uri): OriginalUri,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiProblem> {
    Params::parse(raw.as_deref(), lang, &[]).finish()?;
    let data = state.data();
    let record =
        visible_record(&data, &invoice_id).ok_or_else(|| not_found(lang, "GET", uri.path()))?;
    Ok(with_texts(lang, [record], record))
}
