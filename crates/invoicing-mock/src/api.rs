//! The `/api/v1` operations: routing, the answers' common headers, and the handlers of the simple lists.

use axum::extract::{OriginalUri, RawQuery, Request, State};
use axum::handler::Handler;
use axum::http::header::{CACHE_CONTROL, CONTENT_LANGUAGE};
use axum::http::{HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Json, Router};
use invoicing::api::{Account, Basis, InvoiceableBalance, Issuer, ItemList, ProfileResponse};

use crate::applications;
use crate::balance;
use crate::candidates;
use crate::data::Product;
use crate::faults;
use crate::lang::{content_language, Lang};
use crate::params::Params;
use crate::preview;
use crate::problem::{method_not_allowed, not_found, ApiProblem};
use crate::record_export;
use crate::record_file;
use crate::record_list;
use crate::saved::{InvoiceTitle, MailingAddress};
use crate::session::{self, Session};
use crate::AppState;

/// The routes under `/api`, with their layers: language headers, then faults, then the session.
///
/// Every path of the contract is routed, so that another method gets `405` with `Allow`
/// (after the session and CSRF checks, like any request); every other path answers
/// `404 NOT_FOUND`.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/v1/profile", get_op(profile))
        .route("/v1/accounts", get_op(accounts))
        .route("/v1/issuers", get_op(issuers))
        .route("/v1/products", get_op(products))
        .route("/v1/invoice-candidates", get_op(invoice_candidates))
        .route("/v1/invoiceable-balance", get_op(invoiceable_balance))
        .route("/v1/invoice-titles", get_op(titles))
        .route("/v1/addresses", get_op(addresses))
        .route(
            "/v1/invoice-applications/preview",
            post_op(preview::preview),
        )
        .route("/v1/invoice-applications", post_op(applications::submit))
        .route("/v1/invoice-records", get_op(record_list::list))
        .route("/v1/invoice-records/export", get_op(record_export::export))
        .route(
            "/v1/invoice-records/{invoiceId}",
            get_op(record_list::detail),
        )
        .route(
            "/v1/invoice-records/{invoiceId}/file",
            get_op(record_file::download),
        )
        .fallback(unknown)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::require,
        ))
        .layer(middleware::from_fn_with_state(state, faults::inject))
        .layer(middleware::from_fn(common_headers))
}

/// A `GET` operation; `HEAD` is answered like `GET` without the body, any other method is `405`.
fn get_op<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    get(handler).fallback(refuse_method("GET, HEAD"))
}

/// A `POST` operation; any other method is `405`.
fn post_op<H, T>(handler: H) -> MethodRouter<AppState>
where
    H: Handler<T, AppState>,
    T: 'static,
{
    post(handler).fallback(refuse_method("POST"))
}

/// The handler of the other methods of a path: `405 METHOD_NOT_ALLOWED` with `Allow: allow`.
fn refuse_method(
    allow: &'static str,
) -> impl Fn(Lang, Method, OriginalUri) -> std::future::Ready<ApiProblem> + Clone + Send + Sync + 'static
{
    move |lang, method, OriginalUri(uri)| {
        std::future::ready(method_not_allowed(lang, method.as_str(), uri.path(), allow))
    }
}

/// `Content-Language` on every answer (problems included) and no caching. A handler whose answer
/// carries stored texts sets `Content-Language` itself (see [`content_language`]).
async fn common_headers(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers
        .entry(CONTENT_LANGUAGE)
        .or_insert(HeaderValue::from_static(lang.tag()));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `404 NOT_FOUND` for a path that is not in the contract.
async fn unknown(lang: Lang, method: Method, OriginalUri(uri): OriginalUri) -> ApiProblem {
    not_found(lang, method.as_str(), uri.path())
}

/// Refuses every query parameter of an operation that takes none.
fn no_params(raw: Option<String>, lang: Lang) -> Result<(), ApiProblem> {
    Params::parse(raw.as_deref(), lang, &[]).finish()
}

async fn profile(
    State(state): State<AppState>,
    Extension(session): Extension<Session>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ProfileResponse>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ProfileResponse {
        profile: state.data().profile.clone(),
        csrf_token: session.csrf_token,
    }))
}

async fn accounts(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<Account>>, ApiProblem> {
    no_params(raw, lang)?;
    let items = state
        .data()
        .visible_accounts()
        .into_iter()
        .cloned()
        .collect();
    Ok(Json(ItemList { items }))
}

async fn issuers(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<Issuer>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data().issuers.clone(),
    }))
}

async fn products(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<Product>>, ApiProblem> {
    let mut p = Params::parse(raw.as_deref(), lang, &["basis"]);
    let basis = p.enumerated("basis", &[("order", Basis::Order), ("bill", Basis::Bill)]);
    p.finish()?;
    Ok(Json(ItemList {
        items: state.data().products(basis),
    }))
}

async fn titles(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<InvoiceTitle>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data().titles.clone(),
    }))
}

async fn addresses(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<MailingAddress>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data().addresses.clone(),
    }))
}

/// One page of candidates; `Content-Language` is that of its `notInvoiceableReason` texts.
async fn invoice_candidates(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiProblem> {
    let request = candidates::parse(raw.as_deref(), lang, &state.data())?;
    if request.cursor.is_some() {
        state.faults.next_page(lang).await?;
    }
    let page = candidates::page(&state.data(), &request, lang)?;
    let texts = page
        .items
        .iter()
        .filter_map(|c| c.not_invoiceable_reason.as_deref());
    let language = HeaderValue::from_static(content_language(lang, texts));
    Ok(([(CONTENT_LANGUAGE, language)], Json(page)).into_response())
}

/// The *by amount* balance of one entity for some accounts (R11–R13).
async fn invoiceable_balance(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<InvoiceableBalance>, ApiProblem> {
    let request = balance::parse(raw.as_deref(), lang, &state.data())?;
    Ok(Json(balance::balance(&state.data(), &request)))
}
