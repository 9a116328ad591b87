//! `POST /invoice-applications` (R16–R23): an application checked exactly as the preview checks
//! its draft, its `invoices` compared with the server's split and their details checked, then
//! created all at once; every step per the contract, behind the `Idempotency-Key` store.
//!
//! Order: the session and CSRF token (the session layer), the query (none taken), the
//! `Idempotency-Key` header (`400 IDEMPOTENCY_KEY_MISSING`), the body (`400 VALIDATION_FAILED`),
//! then the key ([`crate::IdempotencyStore::begin`]: replay, `409`, or `422 IDEMPOTENCY_KEY_REUSED`),
//! then, under the data's write lock, the draft's rules (`403`/`422`), the split and the details
//! (`422`), and the creation (`201`). Only `201` and `422` are stored for the key.

mod check;
mod create;
mod request;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use invoicing::api::{Problem, ProblemError};
use invoicing::application::{ApplicationProblem, ApplicationRequest};
use serde_json::Value;

use crate::admin::CreatedApplication;
use crate::data::Data;
use crate::draft::{self, read_draft, read_object, BodyErrors};
use crate::faults::{InjectStale, StaleAnswered};
use crate::idempotency::{is_valid_key, Begin, StoredAnswer};
use crate::lang::Lang;
use crate::params::Params;
use crate::problem::{field_error, ApiProblem};
use crate::AppState;

pub use check::{check_invoices, group_of, Group};
pub use create::{create, Now};
pub use request::{email_message, read_invoices, read_remark, FIELDS};

/// The header that carries the key.
pub const KEY_HEADER: &str = "idempotency-key";
/// `Retry-After` of `409 IDEMPOTENCY_KEY_IN_PROGRESS`, in seconds.
pub const IN_PROGRESS_RETRY_AFTER: u32 = 1;

/// The handler.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
    stale: Option<Extension<InjectStale>>,
    body: Bytes,
) -> Response {
    let stale = stale.is_some();
    match answer(&state, lang, &headers, raw.as_deref(), &body, stale).await {
        Ok(response) => response,
        Err(problem) => problem.into_response(),
    }
}

async fn answer(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    raw: Option<&str>,
    body: &[u8],
    stale: bool,
) -> Result<Response, ApiProblem> {
    state.faults.fail_application(lang)?;
    Params::parse(raw, lang, &[]).finish()?;
    let key = idempotency_key(headers, lang)?;
    let object = read_object(body, lang)?;
    let request = read_request(&object, &state.data(), lang)?;
    if stale {
        return stale_answer(state, &request, lang);
    }
    let account = state.data().profile.account_id.clone();
    let value = Value::Object(object);
    let ticket = match state.idempotency.begin(&account, &key, &value) {
        Begin::New(ticket) => ticket,
        Begin::Replay(stored) => return Ok(stored.replayed()),
        Begin::InProgress => return Err(in_progress(lang, IN_PROGRESS_RETRY_AFTER)),
        Begin::Reused => return Err(reused(lang)),
    };
    if !state.apply_latency.is_zero() {
        tokio::time::sleep(state.apply_latency).await;
    }
    let now = Now::system();
    let outcome = process(&mut state.data_mut(), &request, lang, &now);
    let stored = match outcome {
        Ok(created) => {
            let invoice_ids = created
                .invoices
                .iter()
                .map(|i| i.invoice_id.clone())
                .collect();
            state.applications.push(CreatedApplication {
                application_id: created.application_id.clone(),
                idempotency_key: key,
                account_id: account,
                body: value,
                created_at: created.created_at.clone(),
                invoice_ids,
            });
            stored(201, "application/json", lang, &created)
        }
        Err(Refusal::Application(p)) => stored(422, PROBLEM, lang, &*p),
        // 403 (an account of the draft not visible) is answered before processing; the key stays unused.
        Err(Refusal::Problem(p)) if p.problem.status != 422 => return Err(p),
        Err(Refusal::Problem(p)) => stored(422, PROBLEM, lang, &p.problem),
        Err(Refusal::Internal(reason)) => return Err(internal_error(lang, &reason)),
    };
    let response = stored.response();
    ticket.finish(stored);
    Ok(response)
}

const PROBLEM: &str = "application/problem+json";

/// The injected `stale` fault: `422 STALE_AMOUNTS` with the split computed now as
/// `expectedInvoices`, before the key is used (a draft that breaks a rule gets its real answer).
fn stale_answer(
    state: &AppState,
    request: &ApplicationRequest,
    lang: Lang,
) -> Result<Response, ApiProblem> {
    let split = {
        let data = state.data();
        let index = data.document_index(&request.draft);
        draft::check(&request.draft, &data, &index, lang)?
    };
    let problem = check::stale(&split, lang);
    let mut response = stored(422, PROBLEM, lang, &*problem).response();
    response.extensions_mut().insert(StaleAnswered);
    Ok(response)
}

fn stored(
    status: u16,
    content_type: &'static str,
    lang: Lang,
    body: &impl serde::Serialize,
) -> StoredAnswer {
    StoredAnswer {
        status,
        content_type,
        content_language: lang.tag(),
        body: serde_json::to_vec(body).expect("answers serialize"),
    }
}

/// Why an application was not created.
#[derive(Debug)]
pub enum Refusal {
    /// The draft breaks a rule (`422`) or names an account the caller may not see (`403`).
    Problem(ApiProblem),
    /// The invoices differ from the split or break a details rule (`422`).
    Application(Box<ApplicationProblem>),
    /// The split and the data disagree: a bug (`500`, nothing changed).
    Internal(String),
}

/// Checks `request` against the data and creates it: all or nothing (R23, invariant 6).
pub fn process(
    data: &mut Data,
    request: &ApplicationRequest,
    lang: Lang,
    now: &Now,
) -> Result<invoicing::application::ApplicationCreated, Refusal> {
    let split = {
        let index = data.document_index(&request.draft);
        draft::check(&request.draft, data, &index, lang).map_err(Refusal::Problem)?
    };
    check_invoices(&split, &request.invoices, data, lang).map_err(Refusal::Application)?;
    create(data, request, &split, now).map_err(Refusal::Internal)
}

/// Reads the body (`400 VALIDATION_FAILED` with a field code per member).
fn read_request(
    object: &serde_json::Map<String, Value>,
    data: &Data,
    lang: Lang,
) -> Result<ApplicationRequest, ApiProblem> {
    let mut errors = BodyErrors::new(lang);
    errors.refuse_unknown(object, &FIELDS);
    let draft = read_draft(object, data, &mut errors);
    let invoices = read_invoices(object, &mut errors);
    let remark = read_remark(object, &mut errors);
    errors.finish()?;
    Ok(ApplicationRequest {
        draft: draft.expect("a draft without field errors"),
        invoices: invoices.expect("invoices without field errors"),
        remark,
    })
}

/// The `Idempotency-Key` header: exactly one, of 1–255 visible ASCII characters.
fn idempotency_key(headers: &HeaderMap, lang: Lang) -> Result<String, ApiProblem> {
    let values: Vec<&HeaderValue> = headers.get_all(KEY_HEADER).iter().collect();
    let (code, zh, en) = match values.as_slice() {
        [one] if is_valid_key(one.as_bytes()) => {
            return Ok(String::from_utf8_lossy(one.as_bytes()).into_owned())
        }
        [] => (
            "REQUIRED",
            "缺少 Idempotency-Key 请求头。",
            "The Idempotency-Key header is missing.",
        ),
        [_] => (
            "INVALID_FORMAT",
            "Idempotency-Key 应为 1 到 255 个可见 ASCII 字符。",
            "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
        ),
        _ => (
            "TOO_MANY",
            "Idempotency-Key 请求头只能有一个。",
            "The Idempotency-Key header may be sent once only.",
        ),
    };
    let mut p = problem(
        lang,
        400,
        "IDEMPOTENCY_KEY_MISSING",
        ("缺少幂等键", "Idempotency-Key required"),
        (
            "每个开票申请都必须带有 Idempotency-Key 请求头（1 到 255 个可见 ASCII 字符）。",
            "Every application must carry an Idempotency-Key header of 1 to 255 visible ASCII characters.",
        ),
    );
    p.problem.errors = key_error(lang, code, zh, en);
    Err(p)
}

/// The one entry of a problem with the `Idempotency-Key` header.
fn key_error(lang: Lang, code: &str, zh: &str, en: &str) -> Vec<ProblemError> {
    vec![field_error(
        lang,
        Some("Idempotency-Key"),
        code,
        zh.into(),
        en.into(),
    )]
}

/// `409 IDEMPOTENCY_KEY_IN_PROGRESS` with `Retry-After: retry_after`.
pub fn in_progress(lang: Lang, retry_after: u32) -> ApiProblem {
    let mut p = problem(
        lang,
        409,
        "IDEMPOTENCY_KEY_IN_PROGRESS",
        ("申请仍在处理中", "Application still being processed"),
        (
            "此前提交的同一申请仍在处理中，请稍后重试。",
            "An earlier submission of this application is still being processed. Try again in a moment.",
        ),
    );
    p.retry_after = Some(retry_after);
    p
}

/// `422 IDEMPOTENCY_KEY_REUSED`.
fn reused(lang: Lang) -> ApiProblem {
    let mut p = problem(
        lang,
        422,
        "IDEMPOTENCY_KEY_REUSED",
        ("幂等键已被使用", "Idempotency key already used"),
        (
            "该 Idempotency-Key 已用于另一个申请。申请内容变化后请使用新的键。",
            "This Idempotency-Key was already used for a different application. Use a new key for a changed application.",
        ),
    );
    p.problem.errors = key_error(
        lang,
        "IDEMPOTENCY_KEY_REUSED",
        "该键属于内容不同的另一个申请。",
        "The key belongs to an application with a different body.",
    );
    p
}

/// `500 INTERNAL_ERROR`: nothing was created.
fn internal_error(lang: Lang, reason: &str) -> ApiProblem {
    eprintln!("invoicing-mock: POST /invoice-applications: {reason}");
    problem(
        lang,
        500,
        "INTERNAL_ERROR",
        ("内部错误", "Internal error"),
        (
            "服务内部出错，未做任何更改，请稍后重试。",
            "Something went wrong on our side. Nothing was changed; please try again.",
        ),
    )
}

fn problem(
    lang: Lang,
    status: u16,
    code: &str,
    title: (&str, &str),
    detail: (&str, &str),
) -> ApiProblem {
    ApiProblem {
        problem: Box::new(Problem::new(
            status,
            code,
            lang.pick(title.0, title.1),
            lang.pick(detail.0, detail.1),
        )),
        lang,
        retry_after: None,
        allow: None,
    }
}
