//! `GET /invoiceable-balance`: the *by amount* balance of one entity (R11, R12, R13) and its
//! refused parameters.

use serde_json::{json, Value};

use crate::harness::Mock;

const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";
const SOUTH: &str = "1570429864139578";

fn path(query: &str) -> String {
    format!("/api/v1/invoiceable-balance?{query}")
}

async fn balance(mock: &Mock, query: &str) -> Value {
    mock.get_ok(&path(query), "InvoiceableBalance").await
}

#[tokio::test]
async fn r12_r13_demo_balance_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    // Accounts in any order; the answer lists them ascending.
    let body = balance(
        &mock,
        &format!("issuerId=CLOUD_SERVICE&accountId={SOUTH}&accountId={MAIN}&accountId={RND}"),
    )
    .await;
    assert_eq!(
        body,
        json!({
            "issuerId": "CLOUD_SERVICE",
            "accountIds": [MAIN, RND, SOUTH],
            "currency": "CNY",
            "invoiceableAmount": "110996.00",
            "arrearsAmount": "1286.40",
            "availableAmount": "109709.60",
            "arrearsPooled": true,
            "accounts": [
                {"accountId": MAIN, "invoiceableAmount": "68941.61", "arrearsAmount": "0.00"},
                {"accountId": RND, "invoiceableAmount": "27976.19", "arrearsAmount": "1286.40"},
                {"accountId": SOUTH, "invoiceableAmount": "14078.20", "arrearsAmount": "0.00"}
            ]
        })
    );
}

#[tokio::test]
async fn r11_without_account_id_the_balance_is_the_signed_in_accounts() {
    let mock = Mock::signed_in().await;
    let body = balance(&mock, "issuerId=CLOUD_SERVICE").await;
    assert_eq!(body["accountIds"], json!([MAIN]));
    assert_eq!(body["invoiceableAmount"], "68941.61");
    assert_eq!(body["arrearsAmount"], "0.00");
    assert_eq!(body["availableAmount"], "68941.61");
}

#[tokio::test]
async fn r12_arrears_to_one_entity_do_not_lower_anothers_balance() {
    let mock = Mock::signed_in().await;
    let body = balance(&mock, &format!("issuerId=COMM_SERVICE&accountId={RND}")).await;
    assert_eq!(body["arrearsAmount"], "0.00");
    assert_eq!(body["availableAmount"], body["invoiceableAmount"]);
}

/// The demo with the R&D centre owing more than its own consumption, offsetting as given.
async fn heavy_arrears(offsetting: bool) -> Mock {
    Mock::with_fixture(move |f| {
        f["profile"]["enterprise"]["arrearsOffsetEnabled"] = json!(offsetting);
        let rnd = f["accounts"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|a| a["id"] == RND)
            .unwrap();
        rnd["arrears"][0]["amount"] = json!("30000.00");
    })
    .await
}

#[tokio::test]
async fn r13_offsetting_open_pools_the_accounts_arrears_and_consumption() {
    let mock = heavy_arrears(true).await;
    let all = format!("issuerId=CLOUD_SERVICE&accountId={MAIN}&accountId={RND}&accountId={SOUTH}");
    let body = balance(&mock, &all).await;
    assert_eq!(body["arrearsPooled"], true);
    assert_eq!(body["arrearsAmount"], "30000.00");
    assert_eq!(body["availableAmount"], "80996.00");
}

#[tokio::test]
async fn r13_offsetting_closed_each_account_covers_only_its_own_arrears() {
    let mock = heavy_arrears(false).await;
    let all = format!("issuerId=CLOUD_SERVICE&accountId={MAIN}&accountId={RND}&accountId={SOUTH}");
    let body = balance(&mock, &all).await;
    assert_eq!(body["arrearsPooled"], false);
    assert_eq!(body["invoiceableAmount"], "110996.00");
    // 68,941.61 + max(0, 27,976.19 − 30,000.00) + 14,078.20
    assert_eq!(body["availableAmount"], "83019.81");
    let rnd_only = balance(&mock, &format!("issuerId=CLOUD_SERVICE&accountId={RND}")).await;
    assert_eq!(rnd_only["availableAmount"], "0.00");
}

#[tokio::test]
async fn issuer_id_is_required_known_and_single() {
    let mock = Mock::signed_in().await;
    for (query, field, code) in [
        ("", "issuerId", "REQUIRED"),
        ("issuerId=NOPE", "issuerId", "INVALID_VALUE"),
        ("issuerId=not%20an%20id", "issuerId", "INVALID_FORMAT"),
        (
            "issuerId=CLOUD_SERVICE&issuerId=COMM_SERVICE",
            "issuerId",
            "TOO_MANY",
        ),
        ("issuerId=CLOUD_SERVICE&basis=order", "basis", "NOT_ALLOWED"),
        (
            "issuerId=CLOUD_SERVICE&accountId=1358207642917356&accountId=1358207642917356",
            "accountId",
            "DUPLICATE",
        ),
        (
            "issuerId=CLOUD_SERVICE&accountId=not%20an%20id",
            "accountId",
            "INVALID_FORMAT",
        ),
    ] {
        let reply = mock.get(&path(query)).await;
        reply.assert_problem(400, "VALIDATION_FAILED");
        assert_eq!(reply.field_codes(field), [code], "{query}");
    }
}

#[tokio::test]
async fn r04_an_account_the_caller_may_not_see_is_403() {
    let mock = Mock::signed_in().await;
    let reply = mock
        .get(&path(&format!(
            "issuerId=CLOUD_SERVICE&accountId={MAIN}&accountId=1681530975240689"
        )))
        .await;
    let body = reply.assert_problem(403, "ACCOUNT_NOT_VISIBLE");
    assert_eq!(body["errors"][0]["field"], "accountId");
    assert_eq!(body["errors"][0]["accountId"], "1681530975240689");
}

#[tokio::test]
async fn r04_a_member_gets_only_its_own_balance() {
    let mock = Mock::with_fixture(|f| {
        f["profile"]["accountId"] = json!(RND);
        f["profile"]["accountName"] = json!("青禾数据-研发中心");
        f["profile"]["role"] = json!("member");
    })
    .await;
    let own = balance(&mock, "issuerId=CLOUD_SERVICE").await;
    assert_eq!(own["accountIds"], json!([RND]));
    assert_eq!(own["availableAmount"], "26689.79");
    mock.get(&path(&format!("issuerId=CLOUD_SERVICE&accountId={MAIN}")))
        .await
        .assert_problem(403, "ACCOUNT_NOT_VISIBLE");
}
