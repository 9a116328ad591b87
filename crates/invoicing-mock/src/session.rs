//! The user center's session, emulated: the `uc_session` cookie, `401 SESSION_EXPIRED`, and the per-session CSRF token.
//!
//! The app never reads the cookie (it is HttpOnly). Loading any page of the app, or
//! `GET /__mock/sign-in`, starts a session; `GET /__mock/sign-out` ends it, so tests can make
//! the next API call answer 401 (R22). Every request that is not `GET`/`HEAD` must come from
//! the mock's own origin (an `Origin` header equal to `http://` + its `Host`, one of
//! `--allow-origin`, or no `Origin` at all: not a browser) and carry the session's
//! `X-CSRF-Token`, or gets `403 CSRF_TOKEN_INVALID` (the contract's only code for a refused
//! cross-site request) before anything else happens.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::http::header::{COOKIE, HOST, ORIGIN, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

use crate::lang::Lang;
use crate::problem::{csrf_token_invalid, session_expired};
use crate::AppState;

/// The user center's cookie name.
pub const COOKIE_NAME: &str = "uc_session";
/// The header that carries the CSRF token on requests that change something.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// One signed-in session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub token: String,
    /// Made up per session; `GET /profile` hands it out.
    pub csrf_token: String,
}

/// The sessions this server has started.
#[derive(Clone, Debug, Default)]
pub struct Sessions {
    inner: Arc<Mutex<HashMap<String, Session>>>,
}

impl Sessions {
    /// Starts a new session with fresh random tokens.
    pub fn create(&self) -> Session {
        let session = Session {
            token: random_token(32),
            csrf_token: random_token(24),
        };
        self.lock().insert(session.token.clone(), session.clone());
        session
    }

    /// The session named by the request's `uc_session` cookie, if this server knows it.
    pub fn from_headers(&self, headers: &HeaderMap) -> Option<Session> {
        let sessions = self.lock();
        cookie_values(headers).find_map(|token| sessions.get(token).cloned())
    }

    /// The request's session, or a new one when it has none.
    pub fn get_or_create(&self, headers: &HeaderMap) -> Session {
        self.from_headers(headers).unwrap_or_else(|| self.create())
    }

    /// Ends a session.
    pub fn remove(&self, token: &str) {
        self.lock().remove(token);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Every `uc_session` value of the request's `Cookie` headers.
fn cookie_values(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name.trim() == COOKIE_NAME).then(|| value.trim())
        })
}

/// `uc_session=<token>; Path=/; HttpOnly; SameSite=Lax`.
pub fn set_cookie(session: &Session) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{COOKIE_NAME}={}; Path=/; HttpOnly; SameSite=Lax",
        session.token
    ))
    .expect("token is base64url")
}

/// A random base64url token of `bytes` random bytes.
fn random_token(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the system has a random source");
    URL_SAFE_NO_PAD.encode(buf)
}

/// Middleware of `/api`: `401` without a known session, `403` for a change without its CSRF
/// token; otherwise the [`Session`] goes into the request's extensions.
pub async fn require(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let lang = Lang::from_headers(req.headers());
    let Some(session) = state.sessions.from_headers(req.headers()) else {
        return session_expired(lang).into_response();
    };
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        if let Some(origin) = foreign_origin(req.headers(), &state.allow_origins) {
            return origin_refused(lang, &origin).into_response();
        }
        let sent = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok());
        if sent != Some(session.csrf_token.as_str()) {
            return csrf_token_invalid(lang).into_response();
        }
    }
    req.extensions_mut().insert(session);
    next.run(req).await
}

/// The request's `Origin` when it is neither the mock's own (`http://` + `Host`) nor allowed.
fn foreign_origin(headers: &HeaderMap, allowed: &[String]) -> Option<String> {
    let origins: Vec<&HeaderValue> = headers.get_all(ORIGIN).iter().collect();
    let [origin] = origins.as_slice() else {
        // None: not a browser; several: refused.
        return (!origins.is_empty()).then(|| "(several)".to_owned());
    };
    let origin = String::from_utf8_lossy(origin.as_bytes()).into_owned();
    let own = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .map(|host| format!("http://{host}"));
    let ok = own.is_some_and(|own| own.eq_ignore_ascii_case(&origin))
        || allowed
            .iter()
            .any(|a| a.trim_end_matches('/').eq_ignore_ascii_case(&origin));
    (!ok).then_some(origin)
}

/// `403 CSRF_TOKEN_INVALID` for a change sent from another origin.
fn origin_refused(lang: Lang, origin: &str) -> crate::problem::ApiProblem {
    let mut p = csrf_token_invalid(lang);
    p.problem.detail = lang.pick(
        format!("不接受来自 {origin} 的更改请求。"),
        format!("Changes sent from {origin} are not accepted."),
    );
    p
}

/// `GET /__mock/sign-in`: starts a new session and sets its cookie; `204`.
pub async fn sign_in(State(state): State<AppState>) -> Response {
    let session = state.sessions.create();
    let mut response = StatusCode::NO_CONTENT.into_response();
    response
        .headers_mut()
        .insert(SET_COOKIE, set_cookie(&session));
    response
}

/// `GET /__mock/sign-out`: ends the request's session, as if it had expired; `204`.
pub async fn sign_out(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(session) = state.sessions.from_headers(&headers) {
        state.sessions.remove(&session.token);
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(
        SET_COOKIE,
        HeaderValue::from_static("uc_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    response
}
