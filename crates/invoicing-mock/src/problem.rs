//! Errors as the contract writes them: `application/problem+json` with a stable `code`, in the request's language.

use axum::http::header::{ALLOW, CONTENT_LANGUAGE, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use invoicing::api::{Problem, ProblemError};

use crate::lang::Lang;
use crate::records::InvoiceStatus;

/// A problem ready to be sent, with the headers it needs.
#[derive(Clone, Debug)]
pub struct ApiProblem {
    /// Boxed so that `Result<_, ApiProblem>` stays small.
    pub problem: Box<Problem>,
    pub lang: Lang,
    /// Seconds for `Retry-After` (429, 503).
    pub retry_after: Option<u32>,
    /// The methods for `Allow` (405).
    pub allow: Option<&'static str>,
}

impl ApiProblem {
    fn new(lang: Lang, status: u16, code: &str, title: (&str, &str), detail: String) -> Self {
        ApiProblem {
            problem: Box::new(Problem::new(
                status,
                code,
                lang.pick(title.0, title.1),
                detail,
            )),
            lang,
            retry_after: None,
            allow: None,
        }
    }

    fn with_errors(mut self, errors: Vec<ProblemError>) -> Self {
        self.problem.errors = errors;
        self
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.problem).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(self.lang.tag()));
        if let Some(secs) = self.retry_after {
            headers.insert(RETRY_AFTER, HeaderValue::from(secs));
        }
        if let Some(methods) = self.allow {
            headers.insert(ALLOW, HeaderValue::from_static(methods));
        }
        response
    }
}

/// One entry of `errors`, built in the request's language.
pub fn field_error(
    lang: Lang,
    field: Option<&str>,
    code: &str,
    zh: String,
    en: String,
) -> ProblemError {
    ProblemError {
        field: field.map(str::to_owned),
        code: code.to_owned(),
        message: lang.pick(zh, en),
        candidate_id: None,
        account_id: None,
        issuer_id: None,
        amount: None,
    }
}

/// `400 VALIDATION_FAILED`: each malformed, missing or unknown field is one entry of `errors`.
pub fn validation_failed(lang: Lang, errors: Vec<ProblemError>) -> ApiProblem {
    let n = errors.len();
    let detail = lang.pick(
        format!("请求中有 {n} 处参数无效，请修正后重试。"),
        if n == 1 {
            "1 field of the request is invalid.".to_owned()
        } else {
            format!("{n} fields of the request are invalid.")
        },
    );
    ApiProblem::new(
        lang,
        400,
        "VALIDATION_FAILED",
        ("请求无效", "Invalid request"),
        detail,
    )
    .with_errors(errors)
}

/// `400 INVALID_CURSOR`: the cursor is garbage or belongs to other filters or another `limit`.
pub fn invalid_cursor(lang: Lang, zh: &str, en: &str) -> ApiProblem {
    let detail = lang.pick(
        "该翻页链接已失效或属于其他筛选条件，请从第一页重新加载列表。",
        "This page link has expired or belongs to other filters. Load the list again from the first page.",
    );
    ApiProblem::new(
        lang,
        400,
        "INVALID_CURSOR",
        ("翻页位置无效", "Invalid cursor"),
        detail.to_owned(),
    )
    .with_errors(vec![field_error(
        lang,
        Some("cursor"),
        "INVALID_VALUE",
        zh.to_owned(),
        en.to_owned(),
    )])
}

/// `401 SESSION_EXPIRED`: no cookie, or one this server does not know.
pub fn session_expired(lang: Lang) -> ApiProblem {
    let detail = lang.pick(
        "登录已过期，请重新登录后继续；您的选择会被保留。",
        "Your session has expired. Sign in again to continue; your selection is kept.",
    );
    ApiProblem::new(
        lang,
        401,
        "SESSION_EXPIRED",
        ("登录已过期", "Session expired"),
        detail.to_owned(),
    )
}

/// `403 CSRF_TOKEN_INVALID`: a request that changes something without this session's `X-CSRF-Token`.
pub fn csrf_token_invalid(lang: Lang) -> ApiProblem {
    let detail = lang.pick(
        "缺少 X-CSRF-Token 请求头，或其不属于当前会话。请重新获取个人信息后重试。",
        "The X-CSRF-Token header is missing or does not belong to this session. Reload your profile and try again.",
    );
    ApiProblem::new(
        lang,
        403,
        "CSRF_TOKEN_INVALID",
        ("安全令牌缺失或无效", "Security token missing or invalid"),
        detail.to_owned(),
    )
}

/// `403 ACCOUNT_NOT_VISIBLE`: one entry per account the caller may not see.
pub fn account_not_visible(lang: Lang, field: &str, ids: &[String]) -> ApiProblem {
    let list = ids.join(", ");
    let detail = lang.pick(
        format!("您无权查看账号 {list} 的记录。"),
        format!("You may not see the records of account {list}."),
    );
    let errors = ids
        .iter()
        .map(|id| ProblemError {
            account_id: Some(id.clone()),
            ..field_error(
                lang,
                Some(field),
                "ACCOUNT_NOT_VISIBLE",
                format!("账号 {id} 不是您可以查看的账号。"),
                format!("Account {id} is not one of the accounts you may see."),
            )
        })
        .collect();
    ApiProblem::new(
        lang,
        403,
        "ACCOUNT_NOT_VISIBLE",
        ("无权查看该账号", "Account not visible"),
        detail,
    )
    .with_errors(errors)
}

/// `404 NOT_FOUND`: no such operation or resource.
pub fn not_found(lang: Lang, method: &str, path: &str) -> ApiProblem {
    let detail = lang.pick(
        format!("没有 {method} {path} 这一接口或资源。"),
        format!("There is no operation or resource {method} {path}."),
    );
    ApiProblem::new(lang, 404, "NOT_FOUND", ("未找到", "Not found"), detail)
}

/// `404 INVOICE_FILE_NOT_AVAILABLE` (R27): the invoice exists and the caller may see it, but it
/// has no file because its status is not `invoiced`.
pub fn invoice_file_not_available(
    lang: Lang,
    invoice_id: &str,
    status: InvoiceStatus,
) -> ApiProblem {
    let (zh, en) = match status {
        InvoiceStatus::Pending => ("尚在审核", "is still waiting for review"),
        InvoiceStatus::Issuing => ("正在开具", "is still being issued"),
        InvoiceStatus::Rejected => ("已被驳回", "was rejected"),
        InvoiceStatus::Cancelled => ("已被取消", "was cancelled"),
        InvoiceStatus::Invoiced => ("尚无文件", "has no file yet"),
    };
    let detail = lang.pick(
        format!("发票 {invoice_id} {zh}，开具完成后才能下载发票文件。"),
        format!("Invoice {invoice_id} {en}; its file can be downloaded once it is invoiced."),
    );
    ApiProblem::new(
        lang,
        404,
        "INVOICE_FILE_NOT_AVAILABLE",
        ("发票文件不可用", "Invoice file not available"),
        detail,
    )
}

/// `405 METHOD_NOT_ALLOWED`: the path exists, but not with this method; `allow` lists those it takes.
pub fn method_not_allowed(lang: Lang, method: &str, path: &str, allow: &'static str) -> ApiProblem {
    let detail = lang.pick(
        format!("{path} 不支持 {method} 请求，请使用 {allow}。"),
        format!("{path} does not take {method}; use {allow}."),
    );
    let mut p = ApiProblem::new(
        lang,
        405,
        "METHOD_NOT_ALLOWED",
        ("不支持该请求方法", "Method not allowed"),
        detail,
    );
    p.allow = Some(allow);
    p
}

/// `500 INTERNAL_ERROR`: a bug; nothing was changed. `reason` goes to stderr only.
pub fn internal_error(lang: Lang, reason: &str) -> ApiProblem {
    eprintln!("invoicing-mock: {reason}");
    let detail = lang.pick(
        "服务内部出错，未做任何更改，请稍后重试。",
        "Something went wrong on our side. Nothing was changed; please try again.",
    );
    ApiProblem::new(
        lang,
        500,
        "INTERNAL_ERROR",
        ("内部错误", "Internal error"),
        detail.to_owned(),
    )
}

/// `503 SERVICE_UNAVAILABLE` with `Retry-After`.
pub fn service_unavailable(lang: Lang, retry_after: u32) -> ApiProblem {
    let detail = lang.pick(
        format!("开票服务暂时不可用，请在 {retry_after} 秒后重试。"),
        format!("Invoicing is temporarily unavailable. Try again in {retry_after} seconds."),
    );
    let mut p = ApiProblem::new(
        lang,
        503,
        "SERVICE_UNAVAILABLE",
        ("服务暂不可用", "Service unavailable"),
        detail,
    );
    p.retry_after = Some(retry_after);
    p
}

/// `429 RATE_LIMITED` with `Retry-After`.
pub fn rate_limited(lang: Lang, retry_after: u32) -> ApiProblem {
    let detail = lang.pick(
        format!("请求过于频繁，请在 {retry_after} 秒后重试。"),
        format!("Too many requests. Try again in {retry_after} seconds."),
    );
    let mut p = ApiProblem::new(
        lang,
        429,
        "RATE_LIMITED",
        ("请求过于频繁", "Too many requests"),
        detail,
    );
    p.retry_after = Some(retry_after);
    p
}
