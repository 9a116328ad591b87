//! The page under the mock's injected faults (issue 10, R21, R22, R30), in Chromium: what the
//! user sees, that the draft survives, and for submissions that exactly one application exists
//! afterwards. Faults are set from inside the page (`POST /__mock/faults`, `--admin`) at the
//! moment they matter; the candidates' faults hit a reload that restores the draft.
//! Offline: WebDriver cannot cut one tab's network, so the test stubs `navigator.onLine` and
//! dispatches `offline`/`online`, while a `drop` fault makes the read fail.

use std::time::Duration;

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run_in, wait, Engine, MockOptions};
use serde_json::{json, Value};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    }
}

/// …7356's COMM_SERVICE order of ¥1,000.00 (the demo's byOrder example): one invoice.
const ORDER: (&str, &str) = ("226102409000024", "cand-0024");
const CANDIDATES: &str = "GET /invoice-candidates";
const APPLICATIONS: &str = "POST /invoice-applications";

/// The order checked, and the draft written with it.
async fn check_order(page: &InvoicingPage) {
    page.type_into("filter-q", ORDER.0, true).await;
    page.family(ORDER.1).await;
    page.check(ORDER.1).await;
    page.wait_for_summary("1", "¥1,000.00").await;
    wait::until("the draft with the order", move || async move {
        match page.draft().await {
            Some(d) if d.checked == 1 => Ok(()),
            other => Err(format!("the draft is {other:?}")),
        }
    })
    .await;
}

/// The grid is back with the order still checked (R22).
async fn assert_kept(page: &InvoicingPage, after: &str) {
    page.family(ORDER.1).await;
    page.wait_for_summary("1", "¥1,000.00").await;
    assert_eq!(
        page.draft().await.map(|d| d.checked),
        Some(1),
        "R22: the draft still holds the order after {after}"
    );
    assert!(!page.shown().await.error, "no error left after {after}");
}

/// Reloads with `rules` in force on the candidates.
async fn reload_with(page: &InvoicingPage, rules: Value) {
    page.set_faults(rules).await;
    page.reload().await;
}

/// Waits for the load error, checks it names what failed and offers Retry, and retries.
async fn error_then_retry(page: &InvoicingPage, fault: &str) {
    let error = page.wait_testid("load-error", true).await.expect("shown");
    let text = error["text"].as_str().unwrap_or_default();
    assert!(
        text.trim().len() > 10,
        "{fault}: the error says what failed: {text:?}"
    );
    assert!(page.shown().await.retry, "{fault}: the error offers Retry");
    page.retry().await;
}

#[tokio::test]
async fn r30_latency_shows_loading_then_the_grid() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        reload_with(&page, json!([{ "route": CANDIDATES, "latencyMs": 2500 }])).await;
        let page = &page;
        wait::until("the loading indicator", move || async move {
            let shown = page.shown().await;
            if shown.loading && !shown.grid {
                Ok(())
            } else {
                Err(format!("the page shows {shown:?}"))
            }
        })
        .await;
        assert_kept(page, "a slow answer").await;
    })
    .await;
}

#[tokio::test]
async fn r30_5xx_and_429_on_candidates_are_retried_then_shown_with_retry() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        for fault in ["500", "502", "503", "429"] {
            // Once: the read's own second attempt gets the page; nothing shown but the grid.
            let once =
                json!([{ "route": CANDIDATES, "fault": fault, "times": 1, "retryAfter": 1 }]);
            reload_with(&page, once).await;
            assert_kept(&page, &format!("one {fault}")).await;
            assert_eq!(page.fired(0).await, 1, "{fault} fired once");
            // Twice: both attempts fail; the error says so and Retry gets the grid.
            let twice =
                json!([{ "route": CANDIDATES, "fault": fault, "times": 2, "retryAfter": 1 }]);
            reload_with(&page, twice).await;
            error_then_retry(&page, fault).await;
            assert_kept(&page, &format!("two {fault}s and Retry")).await;
            assert_eq!(page.fired(0).await, 2, "{fault} fired twice");
        }
    })
    .await;
}

#[tokio::test]
async fn r30_a_dropped_connection_is_a_network_error_that_is_retried() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        reload_with(
            &page,
            json!([{ "route": CANDIDATES, "fault": "drop", "times": 1 }]),
        )
        .await;
        assert_kept(&page, "one dropped connection").await;
        assert_eq!(page.fired(0).await, 1);
        // Every connection dropped (Chromium itself sends a GET again once when a reused
        // connection closes without an answer, so a count of drops would not be ours): the
        // app's attempts end in a network error with Retry; the network heals, Retry works.
        reload_with(&page, json!([{ "route": CANDIDATES, "fault": "drop" }])).await;
        page.wait_testid("load-error", true).await;
        let fired = page.fired(0).await;
        assert!(
            fired >= 2,
            "both of the app's attempts were dropped: {fired}"
        );
        page.clear_faults().await;
        error_then_retry(&page, "drop").await;
        assert_kept(&page, "dropped connections and Retry").await;
    })
    .await;
}

#[tokio::test]
async fn r30_malformed_and_truncated_json_is_an_error_with_retry_not_a_hang() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        for fault in ["malformed", "truncated"] {
            reload_with(
                &page,
                json!([{ "route": CANDIDATES, "fault": fault, "times": 1 }]),
            )
            .await;
            error_then_retry(&page, fault).await;
            assert_kept(&page, fault).await;
            assert_eq!(
                page.fired(0).await,
                1,
                "{fault}: shown at once, not retried"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn r22_r30_an_expired_session_keeps_the_draft_tells_the_host_and_resumes() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        let rules = json!([
            { "route": CANDIDATES, "latencyMs": 1500 },
            { "route": CANDIDATES, "fault": "expire-session", "times": 1 }
        ]);
        reload_with(&page, rules).await;
        page.listen_for_session_events().await;
        let notice = page
            .wait_testid("session-expired", true)
            .await
            .expect("shown");
        assert_eq!(notice["role"], json!("alert"));
        let link = page
            .testid("session-sign-in")
            .await
            .expect("a sign-in link");
        assert_eq!(
            link["href"],
            json!("/__mock/sign-in"),
            "the page's signInUrl"
        );
        assert_eq!(
            link["target"],
            json!("_blank"),
            "sign-in opens in a new tab"
        );
        assert!(page.testid("session-resume").await.is_some(), "Resume");
        let page = &page;
        let events = wait::until("invoice:session-expired", move || async move {
            match page.session_events().await {
                e if e.is_empty() => Err("no event".to_owned()),
                e => Ok(e),
            }
        })
        .await;
        assert_eq!(events.len(), 1, "one event: {events:?}");
        assert_eq!(events[0]["status"], json!(401));
        assert_eq!(page.draft().await.map(|d| d.checked), Some(1), "R22");

        // Resume before signing in: the session is still ended, so the notice comes back.
        page.click_testid("session-resume").await;
        page.wait_testid("session-expired", true).await;
        page.sign_in_again().await;
        page.click_testid("session-resume").await;
        page.wait_testid("session-expired", false).await;
        assert_kept(page, "signing in again and Resume").await;
        // The page goes on: the preview is a POST with the new session's CSRF token.
        page.go_to_split().await;
        page.wait_testid("refusal", false).await;
    })
    .await;
}

/// Step 4 for the order, with an e-mail typed; returns the draft's idempotency key.
async fn to_details(page: &InvoicingPage) -> String {
    check_order(page).await;
    page.go_to_split().await;
    page.go_to_details().await;
    page.type_all_emails("finance@qinghe-data.example").await;
    page.wait_for_draft_key().await
}

/// Submits with `fault` once on the submission and expects one application in the end.
async fn submit_through(page: &InvoicingPage, fault: &str) {
    to_details(page).await;
    page.set_faults(
        json!([{ "route": APPLICATIONS, "fault": fault, "times": 1, "retryAfter": 1 }]),
    )
    .await;
    page.click_submit().await;
    let id = page.wait_for_application_id().await;
    let created = page.mock_applications().await;
    assert_eq!(
        created.len(),
        1,
        "R21: {fault}: one application: {created:?}"
    );
    assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
    assert_eq!(page.fired(0).await, 1, "{fault} fired");
}

#[tokio::test]
async fn r21_in_progress_is_waited_out_with_the_same_key() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        submit_through(&page, "in-progress").await;
    })
    .await;
}

#[tokio::test]
async fn r21_commit_then_500_is_retried_with_the_same_key_and_creates_one() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        submit_through(&page, "commit-then-500").await;
    })
    .await;
}

#[tokio::test]
async fn r21_commit_then_drop_is_retried_with_the_same_key_and_creates_one() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        submit_through(&page, "commit-then-drop").await;
    })
    .await;
}

#[tokio::test]
async fn r23_stale_amounts_show_the_new_split_and_submitting_again_creates_one() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        to_details(&page).await;
        page.set_faults(json!([{ "route": APPLICATIONS, "fault": "stale", "times": 1 }]))
            .await;
        page.click_submit().await;
        let refusal = page.wait_testid("refusal", true).await.expect("shown");
        assert_eq!(refusal["code"], json!("STALE_AMOUNTS"));
        page.wait_testid("new-split", true).await;
        assert!(
            page.mock_applications().await.is_empty(),
            "nothing created yet"
        );
        assert_eq!(page.draft().await.map(|d| d.checked), Some(1), "R22");
        page.click_submit().await;
        let id = page.wait_for_application_id().await;
        let created = page.mock_applications().await;
        assert_eq!(created.len(), 1, "R21: {created:?}");
        assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
    })
    .await;
}

#[tokio::test]
async fn r22_a_submission_refused_with_401_resumes_with_the_same_key() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        to_details(&page).await;
        page.set_faults(json!([{ "route": APPLICATIONS, "fault": "expire-session", "times": 1 }]))
            .await;
        page.click_submit().await;
        page.wait_testid("session-expired", true).await;
        assert!(page.mock_applications().await.is_empty());
        assert!(page.draft().await.is_some(), "R22: the draft is kept");
        page.sign_in_again().await;
        page.click_testid("session-resume").await;
        let id = page.wait_for_application_id().await;
        let created = page.mock_applications().await;
        assert_eq!(created.len(), 1, "R21: {created:?}");
        assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
    })
    .await;
}

#[tokio::test]
async fn r30_offline_is_shown_and_a_failed_read_goes_on_when_back_online() {
    run_in(Engine::Chromium, demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_order(&page).await;
        page.set_online(false).await;
        let banner = page.wait_testid("offline", true).await.expect("shown");
        assert_eq!(banner["role"], json!("status"));
        // The records' read fails without an answer (every connection dropped) while offline.
        page.set_faults(json!([{ "route": "GET /invoice-records", "fault": "drop" }]))
            .await;
        page.click_testid("page-records").await;
        let page = &page;
        wait::until("the records' read to fail", move || async move {
            match page.fired(0).await {
                0 => Err("not yet".to_owned()),
                n => Ok(n),
            }
        })
        .await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        let seen = page.faults().await["rules"][0]["seen"].as_u64();
        tokio::time::sleep(Duration::from_millis(2000)).await;
        assert_eq!(
            page.faults().await["rules"][0]["seen"].as_u64(),
            seen,
            "offline, the read waits for the network instead of using up its attempts"
        );
        assert!(
            page.testid("load-error").await.is_none(),
            "no error while offline"
        );
        assert!(
            !matches!(page.record_rows().await, Some(rows) if !rows.is_empty()),
            "the list is still loading"
        );
        // Back online (and the network heals): the same read goes on by itself.
        page.clear_faults().await;
        page.set_online(true).await;
        page.wait_testid("offline", false).await;
        page.wait_for_records().await;
        assert_eq!(page.draft().await.map(|d| d.checked), Some(1), "R22");
    })
    .await;
}
