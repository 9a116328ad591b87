//! The `Idempotency-Key` of `POST /invoice-applications` (R21): a double submission, a retry, a
//! reordered body and a request while the first is processed create one application, counted
//! through `GET /__mock/applications`.

use std::time::Duration;

use serde_json::json;

use crate::applications::{admin_mock, apply, create_example, created, PATH};

#[tokio::test]
async fn r21_the_same_key_and_body_replay_the_first_answer_and_create_one_application() {
    let mock = admin_mock(|_| {}).await;
    let body = create_example("byOrder");
    let first = apply(&mock, &body, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
    assert_eq!(first.status, 201, "{}", first.text());
    let again = apply(&mock, &body, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(created(&mock).await, 1);

    // Member order is ignored (a client that writes its fields in another order).
    let reordered: serde_json::Value =
        serde_json::from_str(&reorder(&serde_json::to_string(&body).unwrap())).unwrap();
    let replay = apply(&mock, &reordered, "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90").await;
    assert_eq!(replay.status, 201);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(created(&mock).await, 1);

    let list = mock.get("/__mock/applications").await.json();
    let item = &list["items"][0];
    assert_eq!(item["applicationId"], first.json()["applicationId"]);
    assert_eq!(
        item["idempotencyKey"],
        "5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90"
    );
    assert_eq!(item["body"], body);
    assert_eq!(item["createdAt"], first.json()["createdAt"]);
}

/// The same JSON object with its top-level members in reverse order.
fn reorder(text: &str) -> String {
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(text).unwrap();
    let members: Vec<String> = map
        .iter()
        .rev()
        .map(|(k, v)| format!("{}:{}", serde_json::to_string(k).unwrap(), v))
        .collect();
    format!("{{{}}}", members.join(","))
}

#[tokio::test]
async fn r21_the_same_key_with_another_body_is_refused_and_creates_nothing() {
    let mock = admin_mock(|_| {}).await;
    let body = create_example("byOrder");
    assert_eq!(apply(&mock, &body, "k").await.status, 201);
    let mut other = body.clone();
    other["remark"] = json!("another remark");
    let p = apply(&mock, &other, "k")
        .await
        .assert_problem(422, "IDEMPOTENCY_KEY_REUSED");
    assert_eq!(p["errors"][0]["field"], "Idempotency-Key");
    // Array order counts.
    let mut swapped = body.clone();
    swapped["invoices"].as_array_mut().unwrap().swap(0, 1);
    apply(&mock, &swapped, "k")
        .await
        .assert_problem(422, "IDEMPOTENCY_KEY_REUSED");
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_a_refusal_is_stored_and_replayed_too() {
    let mock = admin_mock(|_| {}).await;
    let mut body = create_example("byOrder");
    body["invoices"][0]["amount"] = json!("10000.00");
    let first = apply(&mock, &body, "k").await;
    first.assert_problem(422, "STALE_AMOUNTS");
    assert_eq!(first.header("idempotent-replayed"), None);
    let again = apply(&mock, &body, "k").await;
    again.assert_problem(422, "STALE_AMOUNTS");
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.json(), first.json());
    assert_eq!(created(&mock).await, 0);
}

#[tokio::test]
async fn r21_a_request_while_the_first_is_processed_gets_409_and_one_application_is_created() {
    let mock = admin_mock(|c| c.apply_latency = Duration::from_millis(400)).await;
    let body = create_example("byOrder");
    let (a, b) = tokio::join!(apply(&mock, &body, "k"), async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        apply(&mock, &body, "k").await
    });
    assert_eq!(a.status, 201, "{}", a.text());
    let p = b.assert_problem(409, "IDEMPOTENCY_KEY_IN_PROGRESS");
    assert_eq!(b.header("retry-after"), Some("1"));
    assert_eq!(p["errors"], json!([]));
    // The retry after Retry-After gets the stored answer.
    let retry = apply(&mock, &body, "k").await;
    assert_eq!(retry.status, 201);
    assert_eq!(retry.header("idempotent-replayed"), Some("true"));
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_two_keys_for_the_same_selection_create_one_application_and_refuse_the_other() {
    let mock = admin_mock(|c| c.apply_latency = Duration::from_millis(100)).await;
    let body = create_example("byOrder");
    let (a, b) = tokio::join!(apply(&mock, &body, "k-1"), apply(&mock, &body, "k-2"));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [201, 422]);
    let refused = if a.status == 422 { a } else { b };
    refused.assert_problem(422, "CANDIDATE_ALREADY_INVOICED");
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r21_a_missing_or_malformed_key_is_refused_before_anything_happens() {
    let mock = admin_mock(|_| {}).await;
    let body = create_example("byOrder");
    let reply = mock.post_json(PATH, &body, &[]).await;
    let p = reply.assert_problem(400, "IDEMPOTENCY_KEY_MISSING");
    assert_eq!(p["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(p["errors"][0]["code"], "REQUIRED");
    let long = "x".repeat(256);
    for bad in ["a b", long.as_str()] {
        let p = apply(&mock, &body, bad)
            .await
            .assert_problem(400, "IDEMPOTENCY_KEY_MISSING");
        assert_eq!(p["errors"][0]["code"], "INVALID_FORMAT");
    }
    assert_eq!(created(&mock).await, 0);
}

#[tokio::test]
async fn r21_answers_before_processing_leave_the_key_unused() {
    // A 503 and a 400 are not stored: the same key then creates the application.
    let mock = admin_mock(|c| c.fail_first = 1).await;
    let body = create_example("byOrder");
    let bytes = serde_json::to_vec(&body).unwrap();
    let unavailable = mock
        .send_body(
            hyper::Method::POST,
            PATH,
            &[("idempotency-key", "k")],
            bytes.into(),
        )
        .await;
    unavailable.assert_problem(503, "SERVICE_UNAVAILABLE");
    let mut broken = body.clone();
    broken["mode"] = json!("both");
    apply(&mock, &broken, "k")
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(apply(&mock, &body, "k").await.status, 201);
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn admin_list_is_served_only_with_the_admin_switch() {
    let mut mock = crate::harness::Mock::start().await;
    mock.sign_in().await;
    assert_eq!(mock.get("/__mock/applications").await.status, 404);
}
