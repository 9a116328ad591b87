//! The emulated user-center session: cookie, `401 SESSION_EXPIRED`, CSRF token.

use hyper::Method;

use crate::harness::Mock;

const API_PATHS: [&str; 7] = [
    "/api/v1/profile",
    "/api/v1/accounts",
    "/api/v1/issuers",
    "/api/v1/products",
    "/api/v1/invoice-titles",
    "/api/v1/addresses",
    "/api/v1/invoice-candidates?basis=order",
];

#[tokio::test]
async fn missing_session_is_401() {
    let mock = Mock::start().await;
    for path in API_PATHS
        .iter()
        .chain(&["/api/v1/no-such-thing", "/api", "/api/", "/api/v2/x"])
    {
        let reply = mock.get(path).await;
        reply.assert_problem(401, "SESSION_EXPIRED");
    }
}

#[tokio::test]
async fn unknown_or_ended_session_is_401_until_signed_in_again() {
    let mut mock = Mock::start().await;
    mock.session = Some("made-up-token".into());
    mock.get("/api/v1/profile")
        .await
        .assert_problem(401, "SESSION_EXPIRED");

    mock.sign_in().await;
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let out = mock.get("/__mock/sign-out").await;
    assert_eq!(out.status, 204);
    mock.get("/api/v1/profile")
        .await
        .assert_problem(401, "SESSION_EXPIRED");

    mock.sign_in().await;
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
}

#[tokio::test]
async fn app_pages_set_the_session_cookie_and_keep_it() {
    let mut mock = Mock::start().await;
    let page = mock.get("/").await;
    let cookie = page
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let token = page.session_cookie().unwrap();
    assert_eq!(
        cookie,
        format!("uc_session={token}; Path=/; HttpOnly; SameSite=Lax")
    );
    assert!(token.len() >= 32);

    mock.session = Some(token.clone());
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let again = mock.get("/invoicing").await;
    assert_eq!(
        again.session_cookie(),
        Some(token),
        "a known session is kept"
    );

    let sign_in = mock.get("/__mock/sign-in").await;
    assert_eq!(sign_in.status, 204);
    assert!(sign_in
        .header("set-cookie")
        .unwrap()
        .ends_with("; Path=/; HttpOnly; SameSite=Lax"));
}

#[tokio::test]
async fn profile_holds_a_csrf_token_per_session() {
    let mut mock = Mock::signed_in().await;
    let first = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let token = first["csrfToken"].as_str().unwrap().to_owned();
    assert!(token.len() >= 16);
    assert_eq!(first["accountId"], "1358207642917356");
    assert_eq!(first["role"], "owner");
    let again = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    assert_eq!(again["csrfToken"], token.as_str());

    mock.sign_in().await;
    let other = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    assert_ne!(other["csrfToken"], token.as_str());
}

#[tokio::test]
async fn csrf_post_without_this_sessions_token_is_403_before_anything_else() {
    let mut mock = Mock::signed_in().await;
    let path = "/api/v1/invoice-applications/preview";
    mock.send(Method::POST, path, &[])
        .await
        .assert_problem(403, "CSRF_TOKEN_INVALID");

    let old = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let old_token = old["csrfToken"].as_str().unwrap().to_owned();
    mock.sign_in().await;
    mock.send(Method::POST, path, &[("x-csrf-token", &old_token)])
        .await
        .assert_problem(403, "CSRF_TOKEN_INVALID");

    // With the right token the request gets past the check to the body (empty here).
    let now = mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let token = now["csrfToken"].as_str().unwrap().to_owned();
    mock.send(Method::POST, path, &[("x-csrf-token", &token)])
        .await
        .assert_problem(400, "VALIDATION_FAILED");
}

#[tokio::test]
async fn unknown_api_operation_is_404_problem() {
    let mock = Mock::signed_in().await;
    let body = mock
        .get("/api/v1/no-such-thing")
        .await
        .assert_problem(404, "NOT_FOUND");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("/api/v1/no-such-thing"));
    mock.send(Method::DELETE, "/api/v1/profile", &[("x-csrf-token", "x")])
        .await
        .assert_problem(403, "CSRF_TOKEN_INVALID");
}

#[tokio::test]
async fn csrf_origin_of_a_mutation_must_be_the_mocks_own_or_allowed() {
    let mut mock =
        Mock::start_with(|c| c.allow_origins.push("https://console.example".into())).await;
    mock.sign_in().await;
    mock.lang = Some("en");
    let path = "/api/v1/invoice-applications/preview";
    let token = mock.csrf_token().await;
    let own = mock.server.url();
    let with = |origin: &'static str| vec![("x-csrf-token", token.as_str()), ("origin", origin)];
    // Another origin: 403 even with the right token, before the body is read.
    for origin in ["https://evil.example", "null", "http://127.0.0.1:1"] {
        let body = mock
            .send(Method::POST, path, &with(origin))
            .await
            .assert_problem(403, "CSRF_TOKEN_INVALID");
        assert!(body["detail"].as_str().unwrap().contains(origin), "{body}");
    }
    // Its own origin, an allowed one, and none (not a browser) get past to the body.
    let own_headers = [("x-csrf-token", token.as_str()), ("origin", own.as_str())];
    for headers in [
        own_headers.to_vec(),
        with("https://console.example"),
        with("http://127.0.0.1:8081"),
        vec![("x-csrf-token", token.as_str())],
    ] {
        mock.send(Method::POST, path, &headers)
            .await
            .assert_problem(400, "VALIDATION_FAILED");
    }
    // Reads are not checked.
    let reply = mock
        .send(
            Method::GET,
            "/api/v1/issuers",
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(reply.status, 200);
}
