//! The answers of injected faults: problems, a gateway's `502`, dropped connections, and real
//! answers made malformed or truncated.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;

use super::Kind;
use crate::lang::Lang;
use crate::problem::{internal_error, rate_limited, service_unavailable};

/// The answer of a fault that is sent instead of handling the request.
pub fn before_handling(kind: Kind, lang: Lang, retry_after: u32) -> Response {
    match kind {
        Kind::Status500 => internal_error(lang, "injected fault: 500").into_response(),
        Kind::Status502 => bad_gateway(),
        Kind::Status503 => service_unavailable(lang, retry_after).into_response(),
        Kind::Status429 => rate_limited(lang, retry_after).into_response(),
        Kind::InProgress => crate::applications::in_progress(lang, retry_after).into_response(),
        _ => dropped(),
    }
}

/// What the client gets once a commit fault's request was processed.
pub fn instead_of_commit(kind: Kind, lang: Lang) -> Response {
    match kind {
        Kind::CommitThenDrop => dropped(),
        _ => internal_error(lang, "injected fault: commit, then 500").into_response(),
    }
}

/// A gateway's `502`: HTML, not a problem, as a proxy in front of the backend sends it.
fn bad_gateway() -> Response {
    let mut response = (
        StatusCode::BAD_GATEWAY,
        "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
    )
        .into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// A body that fails at once: the server closes the connection without sending an answer.
struct Broken;

impl http_body::Body for Broken {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        Poll::Ready(Some(Err(std::io::Error::other("injected fault: drop"))))
    }
}

/// The connection closes without an answer.
pub fn dropped() -> Response {
    Response::new(Body::new(Broken))
}

/// The real answer with its body broken: a JSON syntax error, or its first half only.
pub async fn corrupt(response: Response, kind: Kind) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return dropped();
    };
    let broken: Vec<u8> = if kind == Kind::Truncated {
        bytes[..bytes.len() / 2].to_vec()
    } else {
        // `{,"items": …}`: the member list opens with a comma.
        let mut b = bytes.to_vec();
        let at = usize::from(!b.is_empty());
        b.insert(at, b',');
        b
    };
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(broken))
}
