//! The `/api/v1` operations: routing, the answers' common headers, and the handlers of the simple lists.

use axum::extract::{OriginalUri, RawQuery, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_LANGUAGE};
use axum::http::{HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Json, Router};
use invoicing::api::{Account, Basis, CandidatePage, Issuer, ItemList, ProfileResponse};

use crate::candidates;
use crate::data::Product;
use crate::faults;
use crate::lang::Lang;
use crate::params::Params;
use crate::problem::{not_found, ApiProblem};
use crate::saved::{InvoiceTitle, MailingAddress};
use crate::session::{self, Session};
use crate::AppState;

/// The routes under `/api`, with their layers: language headers, then faults, then the session.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/v1/profile", get(profile))
        .route("/v1/accounts", get(accounts))
        .route("/v1/issuers", get(issuers))
        .route("/v1/products", get(products))
        .route("/v1/invoice-titles", get(titles))
        .route("/v1/addresses", get(addresses))
        .route("/v1/invoice-candidates", get(invoice_candidates))
        .fallback(unknown)
        .method_not_allowed_fallback(unknown)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::require,
        ))
        .layer(middleware::from_fn_with_state(state, faults::inject))
        .layer(middleware::from_fn(common_headers))
}

/// `Content-Language` on every answer (problems included) and no caching.
async fn common_headers(req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_LANGUAGE, HeaderValue::from_static(lang.tag()));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `404 NOT_FOUND` for an operation this mock does not have.
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
        profile: state.data.profile.clone(),
        csrf_token: session.csrf_token,
    }))
}

async fn accounts(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<Account>>, ApiProblem> {
    no_params(raw, lang)?;
    let items = state.data.visible_accounts().into_iter().cloned().collect();
    Ok(Json(ItemList { items }))
}

async fn issuers(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<Issuer>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data.issuers.clone(),
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
        items: state.data.products(basis),
    }))
}

async fn titles(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<InvoiceTitle>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data.titles.clone(),
    }))
}

async fn addresses(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<ItemList<MailingAddress>>, ApiProblem> {
    no_params(raw, lang)?;
    Ok(Json(ItemList {
        items: state.data.addresses.clone(),
    }))
}

async fn invoice_candidates(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
) -> Result<Json<CandidatePage>, ApiProblem> {
    let request = candidates::parse(raw.as_deref(), lang, &state.data)?;
    candidates::page(&state.data, &request, lang).map(Json)
}
