//! `GET /invoice-records/export` (R26): the lines of every invoice the list shows with the same
//! filters, as CSV written by the `csv` crate: UTF-8 with a byte order mark, RFC 4180 quoting,
//! CRLF line ends, a header row in the request's language, amounts as plain decimals.

use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::applications::Now;
use crate::lang::Lang;
use crate::params::Params;
use crate::record_list::{matching, RecordFilters};
use crate::records::InvoiceRecordDetail;
use crate::AppState;

/// At most this many lines are exported (the contract's limit).
pub const MAX_LINES: usize = 100_000;

/// The columns: the contract's zh-CN and en headers.
const HEADERS: [(&str, &str); 17] = [
    ("申请编号", "Application ID"),
    ("发票申请单号", "Invoice ID"),
    ("申请时间", "Applied at"),
    ("开票方式", "Mode"),
    ("状态", "Status"),
    ("开票主体", "Invoicing entity"),
    ("税率", "Tax rate"),
    ("发票类型", "Invoice type"),
    ("发票抬头", "Invoice title"),
    ("发票金额", "Invoice amount"),
    ("发票号码", "Invoice number"),
    ("所属账号", "Accounts"),
    ("单据类型", "Document type"),
    ("单据编号", "Document number"),
    ("账期", "Billing cycle"),
    ("产品", "Product"),
    ("单据开票金额", "Line amount"),
];

/// The API's code of an enum value (`consolidated`, `special_paper`, `refund`).
fn code(value: impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The CSV of these records, one row per line, in their order; at most [`MAX_LINES`] rows.
pub fn csv_of<'a>(
    lang: Lang,
    records: impl IntoIterator<Item = &'a InvoiceRecordDetail>,
) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    w.write_record(HEADERS.iter().map(|(zh, en)| lang.pick(*zh, *en)))
        .expect("writes to memory");
    let lines = records
        .into_iter()
        .flat_map(|r| r.lines.iter().map(move |l| (r, l)))
        .take(MAX_LINES);
    for (r, l) in lines {
        w.write_record([
            r.application_id.clone(),
            r.invoice_id.clone(),
            r.created_at.clone(),
            code(r.mode),
            code(r.status),
            r.issuer_name.clone(),
            r.tax_rate.as_str().to_owned(),
            code(r.invoice_type),
            r.title.clone(),
            r.amount.to_string(),
            r.invoice_number.clone().unwrap_or_default(),
            r.account_ids.join(";"),
            code(l.kind),
            l.business_id.clone(),
            l.billing_cycle.clone(),
            l.product_name.clone(),
            l.amount.to_string(),
        ])
        .expect("writes to memory");
    }
    w.flush().expect("writes to memory");
    drop(w);
    out
}

/// `GET /invoice-records/export`: the CSV file, named after what and when
/// (`invoice-records-20261126-143208.csv`).
pub async fn export(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Response, crate::problem::ApiProblem> {
    let mut p = Params::parse(
        raw.as_deref(),
        lang,
        &["view", "status", "from", "to", "applicationId"],
    );
    let filters = RecordFilters::read(&mut p);
    p.finish()?;
    let body = {
        let data = state.data();
        csv_of(lang, matching(&data, &filters).into_iter().map(|(_, r)| r))
    };
    let now = Now::system();
    let time: String = now.rfc3339[11..19].chars().filter(|c| *c != ':').collect();
    let disposition = format!(
        "attachment; filename=\"invoice-records-{}-{time}.csv\"",
        now.date
    );
    Ok((
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).expect("an ASCII file name"),
            ),
        ],
        body,
    )
        .into_response())
}
