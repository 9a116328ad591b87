//! Injected faults: `--fail-first` and `--latency-ms` (R30).

use std::time::{Duration, Instant};

use crate::harness::Mock;

#[tokio::test]
async fn r30_fail_first_answers_503_with_retry_after() {
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
async fn r30_fail_first_counts_requests_without_a_session_too() {
    let mock = Mock::start_with(|c| c.fail_first = 1).await;
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(503, "SERVICE_UNAVAILABLE");
    mock.get("/api/v1/issuers")
        .await
        .assert_problem(401, "SESSION_EXPIRED");
}

#[tokio::test]
async fn r30_latency_delays_every_api_answer() {
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
