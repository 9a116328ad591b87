//! Fault rules per route (`--faults`, `/__mock/faults`, R30): each fault as a client sees it,
//! counted deterministically; commit faults keep the application's `201` for its key (R21).

use std::time::{Duration, Instant};

use hyper::Method;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::applications::{admin_mock, apply, create_example, created, PATH};
use crate::harness::Mock;

/// A signed-in `--admin` mock with this fault set in force.
async fn with_faults(set: Value) -> Mock {
    let mock = admin_mock(|_| {}).await;
    set_faults(&mock, &set).await;
    mock
}

async fn set_faults(mock: &Mock, set: &Value) {
    let bytes = serde_json::to_vec(set).unwrap().into();
    let reply = mock
        .send_body(Method::POST, "/__mock/faults", &[], bytes)
        .await;
    assert_eq!(reply.status, 204, "{}", reply.text());
}

/// Sends `GET path` over a raw connection; the bytes the server sent before it closed.
async fn raw_get(mock: &Mock, path: &str) -> Vec<u8> {
    let mut stream = tokio::net::TcpStream::connect(mock.server.addr())
        .await
        .unwrap();
    let cookie = mock.session.clone().unwrap_or_default();
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: {}\r\nCookie: uc_session={cookie}\r\nConnection: close\r\n\r\n",
        mock.server.addr()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got).await;
    got
}

#[tokio::test]
async fn r30_status_faults_answer_the_contracts_problems_with_retry_after() {
    let mock = with_faults(json!({"rules": [
        {"route": "GET /issuers", "fault": "503", "retryAfter": 7, "times": 1},
        {"route": "GET /issuers", "fault": "429", "times": 1},
        {"route": "GET /issuers", "fault": "500", "times": 1},
        {"route": "GET /issuers", "fault": "502", "times": 1},
    ]}))
    .await;
    // Each rule counts every matching request; the first rule that fires answers.
    let reply = mock.get("/api/v1/issuers").await;
    reply.assert_problem(503, "SERVICE_UNAVAILABLE");
    assert_eq!(reply.header("retry-after"), Some("7"));
    // Rule 2 fired on the first request too but gave its turn back; now it answers.
    let reply = mock.get("/api/v1/issuers").await;
    reply.assert_problem(429, "RATE_LIMITED");
    assert_eq!(reply.header("retry-after"), Some("1"));
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(500, "INTERNAL_ERROR");
    let reply = mock.get("/api/v1/issuers").await;
    assert_eq!(reply.status, 502);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    // Used up: the real answer; other routes were never touched.
    mock.get_ok("/api/v1/issuers", "IssuerList").await;
    mock.get_ok("/api/v1/accounts", "AccountList").await;
}

#[tokio::test]
async fn r30_every_and_share_are_deterministic() {
    let mock = with_faults(json!({"rules": [
        {"route": "GET /issuers", "fault": "503", "every": 3},
        {"route": "GET /accounts", "fault": "500", "share": 0.5},
    ]}))
    .await;
    let mut issuers = Vec::new();
    let mut accounts = Vec::new();
    for _ in 0..6 {
        issuers.push(mock.get("/api/v1/issuers").await.status);
        accounts.push(mock.get("/api/v1/accounts").await.status);
    }
    assert_eq!(issuers, [200, 200, 503, 200, 200, 503]);
    assert_eq!(accounts, [200, 500, 200, 500, 200, 500]);
    let listed = mock.get("/__mock/faults").await.json();
    assert_eq!(listed["rules"][0]["seen"], 6);
    assert_eq!(listed["rules"][0]["fired"], 2);
    assert_eq!(listed["rules"][1]["fired"], 3);
}

#[tokio::test]
async fn r30_latency_per_route_adds_up_and_spares_other_routes() {
    let mock = with_faults(json!({"rules": [
        {"route": "GET /invoice-candidates", "latencyMs": 250},
        {"route": "* /*", "latencyMs": 100},
    ]}))
    .await;
    let started = Instant::now();
    mock.get_ok("/api/v1/invoice-candidates?basis=order", "CandidatePage")
        .await;
    assert!(started.elapsed() >= Duration::from_millis(350));
    let started = Instant::now();
    mock.get_ok("/api/v1/issuers", "IssuerList").await;
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(100) && took < Duration::from_millis(350));
}

#[tokio::test]
async fn r30_drop_closes_the_connection_without_an_answer() {
    let mock = with_faults(json!({"rules": [
        {"route": "GET /invoice-records/{invoiceId}", "fault": "drop", "times": 1},
    ]}))
    .await;
    assert!(raw_get(&mock, "/api/v1/invoice-records/nope")
        .await
        .is_empty());
    let then = raw_get(&mock, "/api/v1/invoice-records/nope").await;
    assert!(
        then.starts_with(b"HTTP/1.1 404"),
        "{}",
        String::from_utf8_lossy(&then)
    );
}

#[tokio::test]
async fn r30_malformed_and_truncated_bodies_are_not_json() {
    let mock = with_faults(json!({"rules": [
        {"route": "GET /accounts", "fault": "malformed"},
        {"route": "GET /issuers", "fault": "truncated"},
    ]}))
    .await;
    let malformed = mock.get("/api/v1/accounts").await;
    assert_eq!(malformed.status, 200);
    assert_eq!(malformed.header("content-type"), Some("application/json"));
    assert!(malformed.text().starts_with("{,"));
    assert!(serde_json::from_slice::<Value>(&malformed.body).is_err());
    let truncated = mock.get("/api/v1/issuers").await;
    assert_eq!(truncated.status, 200);
    assert!(serde_json::from_slice::<Value>(&truncated.body).is_err());
    mock.send(Method::DELETE, "/__mock/faults", &[]).await;
    let whole = mock.get("/api/v1/issuers").await;
    assert_eq!(whole.body.len() / 2, truncated.body.len());
    assert!(whole.body.starts_with(&truncated.body));
}

#[tokio::test]
async fn r22_expire_session_answers_401_after_n_requests_until_signed_in_again() {
    let mut mock = with_faults(json!({"rules": [
        {"route": "*", "fault": "expire-session", "after": 2, "times": 1},
    ]}))
    .await;
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    mock.get_ok("/api/v1/issuers", "IssuerList").await;
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(401, "SESSION_EXPIRED");
    // The session stays ended, though the rule is used up.
    mock.get("/api/v1/profile")
        .await
        .assert_problem(401, "SESSION_EXPIRED");
    mock.sign_in().await;
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
}

#[tokio::test]
async fn r23_stale_refuses_with_stale_amounts_and_the_current_split() {
    let mock = with_faults(json!({"rules": [
        {"route": "POST /invoice-applications", "fault": "stale", "times": 1},
    ]}))
    .await;
    let body = create_example("byOrder");
    let key = "0f8b1a52-6a4e-4c36-8d61-3a5d0f2b7c11";
    // A request refused before the handler (no CSRF token) leaves the fault for the next one.
    let no_token = mock
        .send(Method::POST, PATH, &[("idempotency-key", key)])
        .await;
    no_token.assert_problem(403, "CSRF_TOKEN_INVALID");
    let reply = apply(&mock, &body, key).await;
    let problem = reply.assert_problem(422, "STALE_AMOUNTS");
    let expected = problem["expectedInvoices"].as_array().unwrap();
    assert_eq!(expected.len(), body["invoices"].as_array().unwrap().len());
    assert_eq!(problem["errors"][0]["code"], "STALE_AMOUNTS");
    assert_eq!(created(&mock).await, 0);
    // Resubmitted (the app reviews the split and confirms again), it is created.
    let again = apply(&mock, &body, "1f8b1a52-6a4e-4c36-8d61-3a5d0f2b7c12").await;
    assert_eq!(again.status, 201, "{}", again.text());
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_in_progress_answers_409_with_retry_after() {
    let mock = with_faults(json!({"rules": [
        {"route": "POST /invoice-applications", "fault": "in-progress", "times": 1, "retryAfter": 2},
    ]}))
    .await;
    let body = create_example("byOrder");
    let key = "2f8b1a52-6a4e-4c36-8d61-3a5d0f2b7c13";
    let reply = apply(&mock, &body, key).await;
    reply.assert_problem(409, "IDEMPOTENCY_KEY_IN_PROGRESS");
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(apply(&mock, &body, key).await.status, 201);
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_commit_then_500_creates_once_and_the_retry_replays_the_201() {
    let mock = with_faults(json!({"rules": [
        {"route": "POST /invoice-applications", "fault": "commit-then-500", "times": 1},
    ]}))
    .await;
    let body = create_example("byOrder");
    let key = "3f8b1a52-6a4e-4c36-8d61-3a5d0f2b7c14";
    // A refusal (a bad key) is not a commit: the fault waits for a success.
    let bad = apply(&mock, &body, "with space").await;
    bad.assert_problem(400, "IDEMPOTENCY_KEY_MISSING");
    apply(&mock, &body, key)
        .await
        .assert_problem(500, "INTERNAL_ERROR");
    assert_eq!(created(&mock).await, 1);
    let retry = apply(&mock, &body, key).await;
    assert_eq!(retry.status, 201, "{}", retry.text());
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    crate::harness::assert_schema(&retry.json(), "ApplicationCreated");
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_commit_then_drop_creates_once_and_the_retry_replays_the_201() {
    let mock = with_faults(json!({"rules": [
        {"route": "POST /invoice-applications", "fault": "commit-then-drop", "times": 1},
    ]}))
    .await;
    let body = create_example("byOrder");
    let key = "4f8b1a52-6a4e-4c36-8d61-3a5d0f2b7c15";
    let token = mock.csrf_token().await;
    let bytes = serde_json::to_vec(&body).unwrap();
    let mut stream = tokio::net::TcpStream::connect(mock.server.addr())
        .await
        .unwrap();
    let head = format!(
        "POST {PATH} HTTP/1.1\r\nHost: {}\r\nCookie: uc_session={}\r\nX-CSRF-Token: {token}\r\n\
         Idempotency-Key: {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        mock.server.addr(),
        mock.session.as_deref().unwrap(),
        bytes.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&bytes).await.unwrap();
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got).await;
    assert!(got.is_empty(), "{}", String::from_utf8_lossy(&got));
    assert_eq!(created(&mock).await, 1);
    let retry = apply(&mock, &body, key).await;
    assert_eq!(retry.status, 201, "{}", retry.text());
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn faults_admin_lists_replaces_clears_and_refuses_bad_sets() {
    let mock = with_faults(json!({"rules": [{"route": "GET /issuers", "fault": "503"}]})).await;
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(503, "SERVICE_UNAVAILABLE");
    let listed = mock.get("/__mock/faults").await.json();
    assert_eq!(
        listed,
        json!({"rules": [{"route": "GET /issuers", "fault": "503", "seen": 1, "fired": 1}]})
    );
    let bad = mock
        .send_body(
            Method::POST,
            "/__mock/faults",
            &[],
            r#"{"rules": [{"route": "*", "fault": "stale"}]}"#.into(),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("rules[0]"), "{}", bad.text());
    // The refused set changed nothing; DELETE clears.
    assert_eq!(mock.get("/api/v1/issuers").await.status, 503);
    assert_eq!(
        mock.send(Method::DELETE, "/__mock/faults", &[])
            .await
            .status,
        204
    );
    mock.get_ok("/api/v1/issuers", "IssuerList").await;
    assert_eq!(
        mock.get("/__mock/faults").await.json(),
        json!({"rules": []})
    );
}

#[tokio::test]
async fn faults_admin_is_404_without_admin() {
    let mock = Mock::start().await;
    mock.get("/__mock/faults")
        .await
        .assert_problem(404, "NOT_FOUND");
    let reply = mock
        .send_body(
            Method::POST,
            "/__mock/faults",
            &[],
            r#"{"rules": []}"#.into(),
        )
        .await;
    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn faults_file_is_read_at_start_with_the_shorthands() {
    let dir = crate::harness::TempDir::new();
    let path = dir.0.join("faults.json");
    std::fs::write(
        &path,
        r#"{"rules": [{"route": "GET /accounts", "fault": "429", "times": 1}]}"#,
    )
    .unwrap();
    let set = invoicing_mock::faults::FaultSet::from_json(&std::fs::read(&path).unwrap()).unwrap();
    let mut mock = Mock::start_with(|c| {
        c.faults = set;
        c.fail_first = 1;
        c.admin = true;
    })
    .await;
    mock.sign_in().await;
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(503, "SERVICE_UNAVAILABLE");
    mock.get("/api/v1/accounts")
        .await
        .assert_problem(429, "RATE_LIMITED");
    mock.get_ok("/api/v1/accounts", "AccountList").await;
    let listed = mock.get("/__mock/faults").await.json();
    assert_eq!(listed["rules"][0]["route"], "*");
    assert_eq!(listed["rules"][0]["times"], 1);
}
