//! Query parameters under the contract's field codes: unknown `NOT_ALLOWED`, repeated `TOO_MANY`,
//! a range whose start lies after its end `INVALID_VALUE` on the start, all `400 VALIDATION_FAILED`.

use serde_json::Value;

use crate::harness::Mock;

/// The single-valued parameters of each served operation, with a valid value.
const SINGLE: [(&str, &[(&str, &str)]); 2] = [
    ("/api/v1/products?", &[("basis", "order")]),
    (
        "/api/v1/invoice-candidates?basis=order&",
        &[
            ("issuerId", "CLOUD_SERVICE"),
            ("status", "invoiceable"),
            ("billingCycleFrom", "2026-08"),
            ("billingCycleTo", "2026-10"),
            ("businessTimeFrom", "2026-08-01T00:00:00%2B08:00"),
            ("businessTimeTo", "2026-11-01T00:00:00%2B08:00"),
            ("productCode", "ecs"),
            ("q", "2261"),
            ("cursor", "eyJ2IjoxfQ"),
            ("limit", "5"),
        ],
    ),
];

/// The only error of a `400 VALIDATION_FAILED` answer.
fn only_error(body: &Value) -> &Value {
    let errors = body["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{body}");
    &errors[0]
}

#[tokio::test]
async fn validation_a_single_valued_parameter_given_twice_is_too_many() {
    let mock = Mock::signed_in().await;
    for (base, params) in SINGLE {
        for (name, value) in params {
            // The same value twice, and two different values: both refused.
            for second in [*value, "x"] {
                let path = format!("{base}{name}={value}&{name}={second}");
                let reply = mock.get(&path).await;
                let body = reply.assert_problem(400, "VALIDATION_FAILED");
                let e = only_error(&body);
                assert_eq!(e["field"], *name, "{path}");
                assert_eq!(e["code"], "TOO_MANY", "{path}");
            }
        }
    }
    // `basis` is required: repeated, it is TOO_MANY and not also REQUIRED.
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&basis=order")
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(only_error(&body)["code"], "TOO_MANY");
}

#[tokio::test]
async fn validation_account_id_may_be_repeated() {
    let mock = Mock::signed_in().await;
    mock.get_ok(
        "/api/v1/invoice-candidates?basis=order&accountId=1358207642917356&accountId=1469318753028467",
        "CandidatePage",
    )
    .await;
    let many: String = (0..501).map(|i| format!("&accountId=1{i:015}")).collect();
    let reply = mock
        .get(&format!("/api/v1/invoice-candidates?basis=order{many}"))
        .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("accountId"), ["TOO_MANY"]);
}

#[tokio::test]
async fn validation_unknown_parameter_is_not_allowed_once_each_in_the_request_language() {
    let mut mock = Mock::signed_in().await;
    for path in [
        "/api/v1/profile?page=2",
        "/api/v1/accounts?role=member",
        "/api/v1/issuers?page=2",
        "/api/v1/invoice-titles?page=2",
        "/api/v1/addresses?page=2",
        "/api/v1/products?page=2",
        "/api/v1/invoice-candidates?basis=order&page=2",
        // Names are case-sensitive.
        "/api/v1/invoice-candidates?basis=order&Limit=2",
    ] {
        let reply = mock.get(path).await;
        let body = reply.assert_problem(400, "VALIDATION_FAILED");
        let e = only_error(&body);
        assert_eq!(e["code"], "NOT_ALLOWED", "{path}");
        let name = path.rsplit('&').next().unwrap().rsplit('?').next().unwrap();
        assert_eq!(e["field"], name.split('=').next().unwrap(), "{path}");
    }
    // Repeated, an unknown parameter is still one NOT_ALLOWED.
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&sort=id&sort=time")
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(only_error(&body)["code"], "NOT_ALLOWED");
    // Several unknown parameters: each is named.
    let reply = mock.get("/api/v1/issuers?a=1&b=2").await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("a"), ["NOT_ALLOWED"]);
    assert_eq!(reply.field_codes("b"), ["NOT_ALLOWED"]);

    mock.lang = Some("en");
    let body = mock
        .get("/api/v1/issuers?page=2")
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(
        only_error(&body)["message"],
        "The query parameter page is not known here."
    );
}

#[tokio::test]
async fn validation_a_billing_cycle_range_starting_after_its_end_is_invalid() {
    let mut mock = Mock::signed_in().await;
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&billingCycleFrom=2026-10&billingCycleTo=2026-09")
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    let e = only_error(&body);
    assert_eq!(e["field"], "billingCycleFrom");
    assert_eq!(e["code"], "INVALID_VALUE");
    assert_eq!(e["message"], "billingCycleFrom 不能晚于 billingCycleTo。");
    // Across a year too.
    let reply = mock
        .get(
            "/api/v1/invoice-candidates?basis=bill&billingCycleFrom=2027-01&billingCycleTo=2026-12",
        )
        .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("billingCycleFrom"), ["INVALID_VALUE"]);
    // Both ends are included: one month is a valid range.
    let page = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=order&billingCycleFrom=2026-10&billingCycleTo=2026-10",
            "CandidatePage",
        )
        .await;
    assert!(page["totalCount"].as_u64().unwrap() > 0);

    mock.lang = Some("en");
    let body = mock
        .get("/api/v1/invoice-candidates?basis=order&billingCycleFrom=2026-10&billingCycleTo=2026-09")
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(
        only_error(&body)["message"],
        "billingCycleFrom must not lie after billingCycleTo."
    );
}

#[tokio::test]
async fn validation_a_business_time_range_starting_after_its_end_is_invalid() {
    let mock = Mock::signed_in().await;
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&businessTimeFrom=2026-10-02T00:00:00%2B08:00&businessTimeTo=2026-10-01T00:00:00%2B08:00")
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    let e = only_error(&body);
    assert_eq!(e["field"], "businessTimeFrom");
    assert_eq!(e["code"], "INVALID_VALUE");
    // Compared as instants: 00:30+08:00 lies after 16:00Z of the day before.
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&businessTimeFrom=2026-10-01T00:30:00%2B08:00&businessTimeTo=2026-09-30T16:00:00Z")
        .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("businessTimeFrom"), ["INVALID_VALUE"]);
    // The same instant in two offsets is an empty range, not a reversed one.
    let page = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=order&businessTimeFrom=2026-10-01T00:00:00%2B08:00&businessTimeTo=2026-09-30T16:00:00Z",
            "CandidatePage",
        )
        .await;
    assert_eq!(page["totalCount"], 0);
}

#[tokio::test]
async fn validation_a_reversed_range_is_listed_with_the_other_problems() {
    let mock = Mock::signed_in().await;
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&billingCycleFrom=2026-10&billingCycleTo=2026-09&limit=0&x=1")
        .await;
    reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(reply.field_codes("billingCycleFrom"), ["INVALID_VALUE"]);
    assert_eq!(reply.field_codes("limit"), ["INVALID_VALUE"]);
    assert_eq!(reply.field_codes("x"), ["NOT_ALLOWED"]);
    // A malformed end is named once; the range itself is not judged.
    let reply = mock
        .get(
            "/api/v1/invoice-candidates?basis=order&billingCycleFrom=2026-10&billingCycleTo=2026-9",
        )
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(only_error(&body)["field"], "billingCycleTo");
}
