//! Injected faults: `--fail-first`, `--latency-ms` (R30), `--expire-cursors`, `--page-latency-ms`
//! and `--fail-applications` (R21).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::applications::{admin_mock, apply, create_example, created};
use crate::harness::{example, ids, Mock};

#[tokio::test]
async fn fail_first_answers_503_with_retry_after() {
    let mut mock = Mock::start_with(|c| c.fail_first = 2).await;
    mock.sign_in().await;
    // Pages of the app do not use up the failures.
    assert_eq!(mock.get("/").await.status, 200);
    for _ in 0..2 {
        let reply = mock.get("/api/v1/profile").await;
        reply.assert_problem(503, "SERVICE_UNAVAILABLE");
        assert_eq!(reply.header("retry-after"), Some("1"));
    }
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    mock.get_ok("/api/v1/invoice-candidates?basis=order", "CandidatePage")
        .await;
}

#[tokio::test]
async fn fail_first_counts_requests_without_a_session_too() {
    let mock = Mock::start_with(|c| c.fail_first = 1).await;
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(503, "SERVICE_UNAVAILABLE");
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(401, "SESSION_EXPIRED");
}

#[tokio::test]
async fn latency_delays_every_api_answer() {
    let mut mock = Mock::start_with(|c| c.latency = Duration::from_millis(300)).await;
    mock.sign_in().await;
    let started = Instant::now();
    mock.get_ok("/api/v1/issuers", "IssuerList").await;
    assert!(started.elapsed() >= Duration::from_millis(300));
    let started = Instant::now();
    mock.get("/api/v1/nothing-here")
        .await
        .assert_problem(404, "NOT_FOUND");
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn paging_expire_cursors_refuses_the_first_cursors_as_the_contract_example() {
    let mut mock = Mock::start_with(|c| c.expire_cursors = 2).await;
    mock.sign_in().await;
    mock.lang = Some("en");
    let base = "/api/v1/invoice-candidates?basis=order&limit=10";
    // First pages carry no cursor and use up nothing.
    let first = mock.get_ok(base, "CandidatePage").await;
    mock.get_ok(base, "CandidatePage").await;
    let cursor = first["nextCursor"].as_str().unwrap().to_owned();
    let next = format!("{base}&cursor={cursor}");
    // A request refused for its parameters uses up nothing either.
    mock.get(&format!("{next}&limit=3"))
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    for _ in 0..2 {
        let reply = mock.get(&next).await;
        let body = reply.assert_problem(400, "INVALID_CURSOR");
        assert_eq!(body, example("InvalidCursor"));
    }
    // Then the same cursor is good again: the app starts over and pages through.
    let second = mock.get_ok(&next, "CandidatePage").await;
    let whole = mock.all_pages("basis=order&limit=10").await;
    assert_eq!(ids(&[first, second]), ids(&whole[..2]));

    // In Chinese, the same problem in the request's language.
    let mut mock = Mock::start_with(|c| c.expire_cursors = 1).await;
    mock.sign_in().await;
    let reply = mock.get(&next).await;
    let body = reply.assert_problem(400, "INVALID_CURSOR");
    assert_eq!(reply.header("content-language"), Some("zh-CN"));
    assert_eq!(body["errors"][0]["field"], "cursor");
    assert_eq!(body["errors"][0]["code"], "INVALID_VALUE");
    assert_eq!(body["errors"][0]["message"], "该翻页位置已过期。");
}

#[tokio::test]
async fn paging_page_latency_delays_only_the_pages_after_the_first() {
    let mut mock = Mock::start_with(|c| c.page_latency = Duration::from_millis(400)).await;
    mock.sign_in().await;
    let base = "/api/v1/invoice-candidates?basis=order&limit=10";
    let first = mock.get_ok(base, "CandidatePage").await;
    let cursor = first["nextCursor"].as_str().unwrap();
    let started = Instant::now();
    mock.get_ok(&format!("{base}&cursor={cursor}"), "CandidatePage")
        .await;
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn r21_fail_applications_answers_503_before_the_key_is_used() {
    let mock = admin_mock(|c| c.fail_applications = 2).await;
    let body = create_example("byOrder");
    // Other requests, the preview among them, use up nothing.
    mock.get_ok("/api/v1/profile", "ProfileResponse").await;
    let draft =
        json!({ "basis": "order", "candidateIds": body["candidateIds"], "mode": body["mode"] });
    let preview = mock
        .post_json("/api/v1/invoice-applications/preview", &draft, &[])
        .await;
    assert_eq!(preview.status, 200, "{}", preview.text());
    for _ in 0..2 {
        let reply = apply(&mock, &body, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
        reply.assert_problem(503, "SERVICE_UNAVAILABLE");
        assert_eq!(reply.header("retry-after"), Some("1"));
        assert_eq!(reply.header("idempotent-replayed"), None);
    }
    assert_eq!(created(&mock).await, 0);
    // The retry with the same key is processed as new, and its replay is the stored answer.
    let first = apply(&mock, &body, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
    assert_eq!(first.status, 201, "{}", first.text());
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = apply(&mock, &body, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(created(&mock).await, 1);
}
