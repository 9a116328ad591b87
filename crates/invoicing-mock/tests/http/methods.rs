//! `405 METHOD_NOT_ALLOWED` with `Allow` for a path of the contract with another method.

use hyper::Method;

use crate::harness::Mock;

/// The contract's `GET` paths (with a made-up invoice id where the path takes one).
const GET_PATHS: [&str; 12] = [
    "/api/v1/profile",
    "/api/v1/accounts",
    "/api/v1/issuers",
    "/api/v1/products",
    "/api/v1/invoice-candidates",
    "/api/v1/invoiceable-balance",
    "/api/v1/invoice-titles",
    "/api/v1/addresses",
    "/api/v1/invoice-records",
    "/api/v1/invoice-records/export",
    "/api/v1/invoice-records/inv-20260915-0001",
    "/api/v1/invoice-records/inv-20260915-0001/file",
];

/// The contract's `POST` paths.
const POST_PATHS: [&str; 2] = [
    "/api/v1/invoice-applications/preview",
    "/api/v1/invoice-applications",
];

async fn csrf_token(mock: &Mock) -> String {
    let profile = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    profile["csrfToken"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn method_other_method_on_a_get_path_is_405_with_allow() {
    let mock = Mock::signed_in().await;
    let token = csrf_token(&mock).await;
    for path in GET_PATHS {
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            let reply = mock
                .send(method.clone(), path, &[("x-csrf-token", &token)])
                .await;
            let body = reply.assert_problem(405, "METHOD_NOT_ALLOWED");
            assert_eq!(reply.header("allow"), Some("GET, HEAD"), "{method} {path}");
            assert_eq!(body["errors"], serde_json::json!([]));
            assert!(body["detail"].as_str().unwrap().contains(path), "{body}");
        }
    }
}

#[tokio::test]
async fn method_get_on_a_post_path_is_405_allowing_post() {
    let mut mock = Mock::signed_in().await;
    let token = csrf_token(&mock).await;
    for path in POST_PATHS {
        for method in [Method::GET, Method::HEAD, Method::PUT] {
            let reply = mock
                .send(method.clone(), path, &[("x-csrf-token", &token)])
                .await;
            assert_eq!(reply.status, 405, "{method} {path}");
            assert_eq!(reply.header("allow"), Some("POST"), "{method} {path}");
            if method != Method::HEAD {
                reply.assert_problem(405, "METHOD_NOT_ALLOWED");
            }
        }
    }
    mock.lang = Some("en");
    let body = mock
        .get(POST_PATHS[1])
        .await
        .assert_problem(405, "METHOD_NOT_ALLOWED");
    assert_eq!(body["title"], "Method not allowed");
    assert_eq!(
        body["detail"],
        "/api/v1/invoice-applications does not take GET; use POST."
    );
    mock.lang = None;
    let body = mock
        .get(POST_PATHS[1])
        .await
        .assert_problem(405, "METHOD_NOT_ALLOWED");
    assert_eq!(body["title"], "不支持该请求方法");
}

#[tokio::test]
async fn method_session_and_csrf_are_checked_before_the_method() {
    let mut mock = Mock::start().await;
    mock.send(Method::DELETE, "/api/v1/profile", &[])
        .await
        .assert_problem(401, "SESSION_EXPIRED");
    mock.sign_in().await;
    // Without this session's CSRF token nothing else happens, 405 included (invariant 8).
    mock.send(Method::POST, "/api/v1/issuers", &[])
        .await
        .assert_problem(403, "CSRF_TOKEN_INVALID");
    // A GET needs no token, even on a POST path.
    mock.get("/api/v1/invoice-applications/preview")
        .await
        .assert_problem(405, "METHOD_NOT_ALLOWED");
}

#[tokio::test]
async fn method_head_is_answered_like_get_and_unknown_paths_stay_404() {
    let mock = Mock::signed_in().await;
    let head = mock.send(Method::HEAD, "/api/v1/issuers", &[]).await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    for path in [
        "/api/v1/no-such-thing",
        "/api/v1/profile/",
        "/api/v1/invoice-records/inv-1/other",
        "/api/v2/profile",
    ] {
        let reply = mock
            .send(Method::DELETE, path, &[("x-csrf-token", "x")])
            .await;
        // An unknown path with a changing method is still checked for CSRF first.
        reply.assert_problem(403, "CSRF_TOKEN_INVALID");
        let reply = mock.get(path).await;
        reply.assert_problem(404, "NOT_FOUND");
        assert_eq!(reply.header("allow"), None, "{path}");
    }
    // Every operation of the contract is served: the invoice file too.
    let token = csrf_token(&mock).await;
    let file = mock
        .get("/api/v1/invoice-records/inv-20260915-0001/file")
        .await;
    assert_eq!(file.status, 200);
    // The preview is served: past the token, an empty body is refused.
    mock.send(Method::POST, POST_PATHS[0], &[("x-csrf-token", &token)])
        .await
        .assert_problem(400, "VALIDATION_FAILED");
}
