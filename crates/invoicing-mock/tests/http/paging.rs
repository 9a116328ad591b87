//! Cursor paging: every family exactly once, never split, cursors bound to their filters.

use std::collections::HashSet;

use serde_json::Value;

use crate::harness::{ids, Mock};

#[tokio::test]
async fn paging_cursor_walks_every_family_exactly_once() {
    let mock = Mock::signed_in().await;
    for base in [
        "basis=order",
        "basis=bill",
        "basis=order&issuerId=CLOUD_SERVICE",
        "basis=order&accountId=1358207642917356&accountId=1469318753028467",
        "basis=order&q=RF",
    ] {
        let whole = mock
            .get_ok(
                &format!("/api/v1/invoice-candidates?{base}&limit=1000"),
                "CandidatePage",
            )
            .await;
        let expected = ids(std::slice::from_ref(&whole));
        for limit in [1, 2, 3, 7, 25, 26, 27] {
            let pages = mock.all_pages(&format!("{base}&limit={limit}")).await;
            let walked = ids(&pages);
            assert_eq!(walked, expected, "{base} limit={limit}");
            let unique: HashSet<_> = walked.iter().collect();
            assert_eq!(unique.len(), walked.len());
            assert_eq!(pages.len(), expected.len().div_ceil(limit).max(1));
            for (i, page) in pages.iter().enumerate() {
                assert!(page["items"].as_array().unwrap().len() <= limit);
                assert_eq!(page["totalCount"], whole["totalCount"]);
                assert_eq!(page["totals"], whole["totals"]);
                assert_eq!(page["nextCursor"].is_null(), i + 1 == pages.len());
            }
        }
    }
}

#[tokio::test]
async fn paging_never_splits_a_family() {
    let mock = Mock::signed_in().await;
    let pages = mock.all_pages("basis=order&limit=1").await;
    let mut negatives = HashSet::new();
    for page in &pages {
        for c in page["items"].as_array().unwrap() {
            for n in c["negatives"].as_array().unwrap() {
                assert_eq!(n["originalId"], c["id"]);
                assert!(negatives.insert(n["id"].clone()), "a negative on two pages");
            }
        }
    }
    assert_eq!(negatives.len(), 16);
}

#[tokio::test]
async fn paging_invalid_cursor_is_400() {
    let mock = Mock::signed_in().await;
    let first = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=order&limit=3",
            "CandidatePage",
        )
        .await;
    let cursor = first["nextCursor"].as_str().unwrap();
    // The same cursor with its own filters and limit works.
    let second = mock
        .get_ok(
            &format!("/api/v1/invoice-candidates?basis=order&limit=3&cursor={cursor}"),
            "CandidatePage",
        )
        .await;
    assert_ne!(second["items"][0]["id"], first["items"][0]["id"]);

    let refused = [
        format!("basis=order&limit=4&cursor={cursor}"),
        format!("basis=bill&limit=3&cursor={cursor}"),
        format!("basis=order&limit=3&status=invoiceable&cursor={cursor}"),
        format!("basis=order&limit=3&q=2&cursor={cursor}"),
        "basis=order&limit=3&cursor=garbage".to_owned(),
        "basis=order&limit=3&cursor=eyJ2IjoxfQ".to_owned(),
        format!(
            "basis=order&limit=3&cursor={}x",
            &cursor[..cursor.len() - 1]
        ),
    ];
    for query in refused {
        let reply = mock
            .get(&format!("/api/v1/invoice-candidates?{query}"))
            .await;
        let body = reply.assert_problem(400, "INVALID_CURSOR");
        assert_eq!(body["errors"][0]["field"], "cursor", "{query}");
    }
    // The order of repeated accountId values does not change the filters.
    let a = "accountId=1358207642917356&accountId=1469318753028467";
    let b = "accountId=1469318753028467&accountId=1358207642917356";
    let page = mock
        .get_ok(
            &format!("/api/v1/invoice-candidates?basis=order&limit=2&{a}"),
            "CandidatePage",
        )
        .await;
    let c = page["nextCursor"].as_str().unwrap();
    mock.get_ok(
        &format!("/api/v1/invoice-candidates?basis=order&limit=2&{b}&cursor={c}"),
        "CandidatePage",
    )
    .await;
}

#[tokio::test]
async fn paging_last_page_has_a_null_cursor() {
    let mock = Mock::signed_in().await;
    let page = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=bill&limit=14",
            "CandidatePage",
        )
        .await;
    assert_eq!(page["items"].as_array().unwrap().len(), 14);
    assert_eq!(page["nextCursor"], Value::Null);
    let empty = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=bill&q=nothing-matches",
            "CandidatePage",
        )
        .await;
    assert_eq!(empty["items"], serde_json::json!([]));
    assert_eq!(empty["totalCount"], 0);
    assert_eq!(empty["totals"]["netAmount"], "0.00");
    assert_eq!(empty["nextCursor"], Value::Null);
}
