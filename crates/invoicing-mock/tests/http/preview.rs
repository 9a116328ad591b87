//! `POST /invoice-applications/preview`: the split of the demo's selections to the cent (R12,
//! R15, R16), the body's field codes, and every refusal in the contract's order of codes.

use serde_json::{json, Value};

use crate::harness::{assert_schema, example, openapi, Mock, Reply};

const PATH: &str = "/api/v1/invoice-applications/preview";
const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";
const SOUTH: &str = "1570429864139578";

/// The request or answer example `name` of the preview operation.
fn preview_example(request: bool, name: &str) -> Value {
    let op = &openapi()["paths"]["/invoice-applications/preview"]["post"];
    let examples = if request {
        &op["requestBody"]["content"]["application/json"]["examples"]
    } else {
        &op["responses"]["200"]["content"]["application/json"]["examples"]
    };
    examples[name]["value"].clone()
}

async fn post(mock: &Mock, body: Value) -> Reply {
    mock.post_json(PATH, &body, &[]).await
}

/// Posts a draft that must be previewed; checks the schema and that the invoices add up.
async fn preview_ok(mock: &Mock, body: Value) -> Value {
    let reply = post(mock, body).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let answer = reply.json();
    assert_schema(&answer, "ApplicationPreview");
    answer
}

fn order(ids: &[&str], mode: &str) -> Value {
    json!({"basis": "order", "candidateIds": ids, "mode": mode})
}

/// `errors` without the texts: what a client branches on.
fn entries(problem: &Value) -> Vec<Value> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.as_object_mut().unwrap().remove("message");
            e
        })
        .collect()
}

#[tokio::test]
async fn r16_demo_by_order_preview_is_the_contracts_example_to_the_cent() {
    let mock = Mock::signed_in().await;
    let answer = preview_ok(&mock, preview_example(true, "byOrder")).await;
    assert_eq!(answer, preview_example(false, "byOrder"));
}

#[tokio::test]
async fn r11_demo_by_amount_preview_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    let answer = preview_ok(&mock, preview_example(true, "byAmount")).await;
    assert_eq!(answer, preview_example(false, "byAmount"));
}

#[tokio::test]
async fn r15_independent_splits_the_same_selection_by_account() {
    let mock = Mock::signed_in().await;
    let mut body = preview_example(true, "byOrder");
    body["mode"] = json!("independent");
    let answer = preview_ok(&mock, body).await;
    // RND's 0.06 share (8568.00) carries the arrears of 1286.40; SOUTH's is whole.
    assert_eq!(
        answer["invoices"],
        json!([
            {"issuerId": "CLOUD_SERVICE", "taxRate": "0.06", "accountIds": [RND], "amount": "7281.60"},
            {"issuerId": "CLOUD_SERVICE", "taxRate": "0.06", "accountIds": [SOUTH], "amount": "3650.00"},
            {"issuerId": "CLOUD_SERVICE", "taxRate": "0.13", "accountIds": [RND], "amount": "1798.00"},
            {"issuerId": "COMM_SERVICE", "taxRate": "0.06", "accountIds": [MAIN], "amount": "1000.00"}
        ])
    );
    assert_eq!(answer["totalAmount"], "13729.60");
    assert_eq!(
        answer["issuers"],
        preview_example(false, "byOrder")["issuers"]
    );
}

#[tokio::test]
async fn r12_by_amount_over_several_accounts_takes_the_oldest_families() {
    let mock = Mock::signed_in().await;
    let answer = preview_ok(
        &mock,
        json!({"basis": "amount", "issuerId": "COMM_SERVICE", "accountIds": [RND, SOUTH],
               "amount": "1500.00", "mode": "consolidated"}),
    )
    .await;
    // Oldest first: bill BL202608000391 (SOUTH, 486.45), then order 226092511405016 (RND,
    // net 1200.00) in part: 1013.55.
    assert_eq!(
        answer["invoices"],
        json!([{"issuerId": "COMM_SERVICE", "taxRate": "0.06", "accountIds": [RND, SOUTH],
                "amount": "1500.00"}])
    );
    assert_eq!(answer["issuers"][0]["selectedNetAmount"], Value::Null);
}

#[tokio::test]
async fn body_fields_are_refused_with_field_codes() {
    let mock = Mock::signed_in().await;
    let reply = post(
        &mock,
        json!({"basis": "order", "candidateIds": ["cand-0024", "cand-0024", "bad id"],
               "amount": "10.00", "mode": "joint", "extra": 1}),
    )
    .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("/extra"), ["NOT_ALLOWED"]);
    assert_eq!(reply.field_codes("/amount"), ["NOT_ALLOWED"]);
    assert_eq!(reply.field_codes("/mode"), ["INVALID_VALUE"]);
    assert_eq!(reply.field_codes("/candidateIds/1"), ["DUPLICATE"]);
    assert_eq!(reply.field_codes("/candidateIds/2"), ["INVALID_FORMAT"]);

    let reply = post(
        &mock,
        json!({"basis": "amount", "amount": "0.00", "issuerId": "NOPE",
                                    "accountIds": [], "candidateIds": ["cand-0024"]}),
    )
    .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("/mode"), ["REQUIRED"]);
    assert_eq!(reply.field_codes("/amount"), ["INVALID_VALUE"]);
    assert_eq!(reply.field_codes("/issuerId"), ["INVALID_VALUE"]);
    assert_eq!(reply.field_codes("/accountIds"), ["TOO_FEW"]);
    assert_eq!(reply.field_codes("/candidateIds"), ["NOT_ALLOWED"]);

    let reply = post(&mock, json!({"basis": "bill", "mode": "independent"})).await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("/candidateIds"), ["REQUIRED"]);

    for amount in ["1.5", "1e3", "-1.00", "01.00"] {
        let reply = post(&mock, json!({"basis": "amount", "issuerId": "COMM_SERVICE",
                                        "accountIds": [MAIN], "amount": amount, "mode": "independent"}))
        .await;
        reply.assert_problem(400, "VALIDATION_FAILED");
        assert!(!reply.field_codes("/amount").is_empty(), "{amount}");
    }

    let token = mock.csrf_token().await;
    let reply = mock
        .send_body(
            hyper::Method::POST,
            PATH,
            &[
                ("x-csrf-token", &token),
                ("content-type", "application/json"),
            ],
            "[1".into(),
        )
        .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
}

#[tokio::test]
async fn without_the_csrf_token_nothing_is_previewed() {
    let mock = Mock::signed_in().await;
    let reply = mock
        .send_body(
            hyper::Method::POST,
            PATH,
            &[],
            serde_json::to_vec(&order(&["cand-0024"], "independent"))
                .unwrap()
                .into(),
        )
        .await;
    reply.assert_problem(403, "CSRF_TOKEN_INVALID");
}

#[tokio::test]
async fn r07_negative_without_original_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    let problem = post(&mock, order(&["neg-0014"], "independent"))
        .await
        .assert_problem(422, "NEGATIVE_WITHOUT_ORIGINAL");
    assert_eq!(
        entries(&problem),
        entries(&example("NegativeWithoutOriginal"))
    );
}

#[tokio::test]
async fn r07_original_without_negatives_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    let problem = post(&mock, order(&["cand-0009", "neg-0004"], "independent"))
        .await
        .assert_problem(422, "ORIGINAL_WITHOUT_NEGATIVES");
    assert_eq!(
        entries(&problem),
        entries(&example("OriginalWithoutNegatives"))
    );
}

#[tokio::test]
async fn r12_arrears_not_covered_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    let problem = post(&mock, order(&["cand-0019"], "independent"))
        .await
        .assert_problem(422, "ARREARS_NOT_COVERED");
    assert_eq!(entries(&problem), entries(&example("ArrearsNotCovered")));
}

#[tokio::test]
async fn r11_amount_exceeds_balance_is_the_contracts_example() {
    let mock = Mock::signed_in().await;
    let body = json!({"basis": "amount", "issuerId": "CLOUD_SERVICE",
                      "accountIds": [MAIN, RND, SOUTH], "amount": "109709.61", "mode": "consolidated"});
    let problem = post(&mock, body.clone())
        .await
        .assert_problem(422, "AMOUNT_EXCEEDS_BALANCE");
    assert_eq!(entries(&problem), entries(&example("AmountExceedsBalance")));
    let mut within = body;
    within["amount"] = json!("109709.60");
    let answer = preview_ok(&mock, within).await;
    assert_eq!(answer["totalAmount"], "109709.60");
    assert_eq!(answer["issuers"][0]["arrearsAmount"], "1286.40");
}

#[tokio::test]
async fn r01_unverified_accounts_get_the_contracts_example() {
    let mut mock = Mock::start_with(|c| {
        c.data = invoicing_mock::default_fixture().with_file_name("unverified.json")
    })
    .await;
    mock.sign_in().await;
    let problem = post(&mock, order(&["cand-0024"], "independent"))
        .await
        .assert_problem(422, "REAL_NAME_REQUIRED");
    assert_eq!(problem, example("RealNameRequired"));
}

#[tokio::test]
async fn each_selection_refusal_has_its_code() {
    let mock = Mock::signed_in().await;
    let cases: [(&[&str], &str, &str, &str); 5] = [
        (
            &["cand-9999"],
            "independent",
            "CANDIDATE_NOT_FOUND",
            "/candidateIds/0",
        ),
        (
            &["cand-0024", "cand-0027"],
            "independent",
            "BASIS_MISMATCH",
            "/candidateIds/1",
        ),
        (
            &["cand-0008"],
            "independent",
            "CANDIDATE_NOT_INVOICEABLE",
            "/candidateIds/0",
        ),
        (
            &["cand-0006", "neg-0003"],
            "independent",
            "NET_NOT_POSITIVE",
            "/candidateIds/0",
        ),
        (
            &["cand-0024", "cand-0007"],
            "consolidated",
            "MODE_NOT_APPLICABLE",
            "/mode",
        ),
    ];
    for (ids, mode, code, field) in cases {
        let problem = post(&mock, order(ids, mode))
            .await
            .assert_problem(422, code);
        let errors = entries(&problem);
        assert_eq!(errors.len(), 1, "{problem}");
        assert_eq!(
            (errors[0]["code"].as_str(), errors[0]["field"].as_str()),
            (Some(code), Some(field))
        );
    }
}

#[tokio::test]
async fn every_offence_is_listed_in_the_contracts_order_of_codes() {
    let mock = Mock::signed_in().await;
    let problem = post(
        &mock,
        order(
            &[
                "cand-0014",
                "neg-0010",
                "neg-0013",
                "cand-0008",
                "cand-0027",
                "nope",
            ],
            "independent",
        ),
    )
    .await
    .assert_problem(422, "CANDIDATE_NOT_FOUND");
    let codes: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("CANDIDATE_NOT_FOUND", "/candidateIds/5"),
            ("BASIS_MISMATCH", "/candidateIds/4"),
            ("CANDIDATE_NOT_INVOICEABLE", "/candidateIds/3"),
            ("NEGATIVE_WITHOUT_ORIGINAL", "/candidateIds/2"),
            ("NET_NOT_POSITIVE", "/candidateIds/0"),
        ]
    );
}

#[tokio::test]
async fn r04_accounts_the_caller_may_not_see_are_refused() {
    let mock = Mock::signed_in().await;
    let reply = post(
        &mock,
        json!({"basis": "amount", "issuerId": "COMM_SERVICE", "accountIds": ["1681530975240689"],
               "amount": "1.00", "mode": "independent"}),
    )
    .await;
    reply.assert_problem(403, "ACCOUNT_NOT_VISIBLE");
}
