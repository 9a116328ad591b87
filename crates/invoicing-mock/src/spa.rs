//! The built single-page app: static files from `--dist`, `index.html` for the app's own routes, and the session cookie.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

use crate::csp;
use crate::session::set_cookie;
use crate::AppState;

/// What `/` shows when the app has not been built.
const NOT_BUILT: &str = "<!doctype html>
<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invoicing mock</title></head>
<body><h1>The app is not built</h1>
<p>The invoicing mock serves the API under <code>/api/v1</code>, but there is no built app in its
<code>--dist</code> folder. Run <code>cargo xtask demo</code> to build the app and start the mock.</p>
<p>应用尚未构建。请运行 <code>cargo xtask demo</code> 构建应用并启动 mock。</p>
</body></html>
";

/// Answers every path outside `/api`: a file of the built app, else `index.html` for a path
/// without a file extension (a route of the app), else `404`. Every answer carries the session
/// cookie, starting a session when the request has none (the user center signs the user in).
pub async fn serve(State(state): State<AppState>, req: Request) -> Response {
    let session = state.sessions.get_or_create(req.headers());
    let response = serve_file(&state.dist, req).await;
    let mut response = with_policy(response, &state.frame_ancestors).await;
    response
        .headers_mut()
        .insert(SET_COOKIE, set_cookie(&session));
    response
}

/// An HTML page gets the Content Security Policy, with the hashes of its own inline scripts.
async fn with_policy(response: Response, frame_ancestors: &str) -> Response {
    let is_html = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(html) = axum::body::to_bytes(body, 4 << 20).await else {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            "the page could not be read",
        )
            .into_response();
    };
    let policy = csp::policy(&String::from_utf8_lossy(&html), frame_ancestors);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        parts.headers.insert(CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, Body::from(html))
}

async fn serve_file(dist: &Path, req: Request) -> Response {
    let index = dist.join("index.html");
    if !index.is_file() {
        let mut response = (StatusCode::OK, NOT_BUILT).into_response();
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return response;
    }
    let last_segment = req.uri().path().rsplit('/').next().unwrap_or("");
    let result = if last_segment.contains('.') {
        ServeDir::new(dist)
            .try_call(req)
            .await
            .map(|r| r.map(Body::new))
    } else {
        ServeDir::new(dist)
            .fallback(ServeFile::new(index))
            .try_call(req)
            .await
            .map(|r| r.map(Body::new))
    };
    match result {
        Ok(response) => response,
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}
