//! `GET /invoice-candidates`: filters, families, order, totals and refused parameters (R02–R10).

use std::str::FromStr;

use invoicing::Money;
use serde_json::{json, Value};

use crate::harness::{candidate, demo_fixture, ids, Mock};

/// The demo candidates that `keep` accepts, in the contract's order. All demo times are +08:00,
/// so comparing the strings compares the instants here.
fn expected(keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let fixture = demo_fixture();
    let mut list: Vec<&Value> = fixture["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| keep(c))
        .collect();
    list.sort_by(|a, b| {
        let t = |c: &Value| c["businessTime"].as_str().unwrap().to_owned();
        let id = |c: &Value| c["id"].as_str().unwrap().to_owned();
        t(b).cmp(&t(a)).then(id(a).cmp(&id(b)))
    });
    list.iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Which demo candidates a query should return.
type Keep = Box<dyn Fn(&Value) -> bool>;

fn money(v: &Value) -> Money {
    Money::from_str(v.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn only_documents_with_something_to_invoice_are_listed() {
    let mock = Mock::with_fixture(|f| {
        // Fully invoiced, no negatives: gone from the list.
        let c = candidate(f, "cand-0001");
        c["invoicedAmount"] = json!("12600.00");
        c["invoiceableAmount"] = json!("0.00");
        c["netAmount"] = json!("0.00");
        // Fully invoiced but a refund is pending: still listed, with a negative net.
        let c = candidate(f, "cand-0002");
        c["invoicedAmount"] = json!("4380.00");
        c["invoiceableAmount"] = json!("0.00");
        c["netAmount"] = json!("-1460.00");
    })
    .await;
    let listed = ids(&mock.all_pages("basis=order").await);
    assert!(!listed.contains(&"cand-0001".to_owned()));
    assert!(listed.contains(&"cand-0002".to_owned()));
    assert_eq!(listed.len(), 25);
}

#[tokio::test]
async fn r03_basis_never_mixes_orders_and_bills_and_is_required() {
    let mock = Mock::signed_in().await;
    for basis in ["order", "bill"] {
        let pages = mock.all_pages(&format!("basis={basis}")).await;
        assert_eq!(ids(&pages), expected(|c| c["basis"] == basis));
        for c in pages[0]["items"].as_array().unwrap() {
            assert_eq!(c["basis"], basis);
        }
    }
    let missing = mock.get("/api/v1/invoice-candidates").await;
    missing.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(missing.field_codes("basis"), ["REQUIRED"]);
}

#[tokio::test]
async fn r04_filter_by_account() {
    let mock = Mock::signed_in().await;
    let one = "1570429864139578";
    let two = "1469318753028467";
    let pages = mock
        .all_pages(&format!("basis=order&accountId={one}"))
        .await;
    assert_eq!(
        ids(&pages),
        expected(|c| c["basis"] == "order" && c["accountId"] == one)
    );
    let pages = mock
        .all_pages(&format!("basis=order&accountId={one}&accountId={two}"))
        .await;
    assert_eq!(
        ids(&pages),
        expected(|c| c["basis"] == "order" && (c["accountId"] == one || c["accountId"] == two))
    );
    let dup = mock
        .get(&format!(
            "/api/v1/invoice-candidates?basis=order&accountId={one}&accountId={one}"
        ))
        .await;
    dup.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(dup.field_codes("accountId"), ["DUPLICATE"]);
    let bad = mock
        .get("/api/v1/invoice-candidates?basis=order&accountId=not%20an%20id")
        .await;
    bad.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(bad.field_codes("accountId"), ["INVALID_FORMAT"]);
}

#[tokio::test]
async fn r04_account_not_visible_is_403() {
    let mock = Mock::signed_in().await;
    let reply = mock
        .get("/api/v1/invoice-candidates?basis=order&accountId=1358207642917356&accountId=1681530975240689")
        .await;
    let body = reply.assert_problem(403, "ACCOUNT_NOT_VISIBLE");
    assert_eq!(body["errors"].as_array().unwrap().len(), 1);
    assert_eq!(body["errors"][0]["field"], "accountId");
    assert_eq!(body["errors"][0]["accountId"], "1681530975240689");
}

#[tokio::test]
async fn r04_filter_by_issuer_status_product_and_billing_cycles() {
    let mock = Mock::signed_in().await;
    let cases: Vec<(&str, Keep)> = vec![
        (
            "basis=order&issuerId=COMM_SERVICE",
            Box::new(|c| c["basis"] == "order" && c["issuerId"] == "COMM_SERVICE"),
        ),
        (
            "basis=order&status=not_invoiceable",
            Box::new(|c| c["basis"] == "order" && c["status"] == "not_invoiceable"),
        ),
        (
            "basis=bill&status=invoiceable&productCode=sms",
            Box::new(|c| {
                c["basis"] == "bill" && c["status"] == "invoiceable" && c["productCode"] == "sms"
            }),
        ),
        (
            "basis=order&billingCycleFrom=2026-09&billingCycleTo=2026-09",
            Box::new(|c| c["basis"] == "order" && c["billingCycle"] == "2026-09"),
        ),
        (
            "basis=bill&billingCycleFrom=2026-09",
            Box::new(|c| c["basis"] == "bill" && c["billingCycle"].as_str().unwrap() >= "2026-09"),
        ),
        (
            "basis=order&billingCycleTo=2026-08&issuerId=CLOUD_SERVICE&status=invoiceable",
            Box::new(|c| {
                c["basis"] == "order"
                    && c["billingCycle"] == "2026-08"
                    && c["issuerId"] == "CLOUD_SERVICE"
                    && c["status"] == "invoiceable"
            }),
        ),
        ("basis=order&productCode=nothing", Box::new(|_| false)),
    ];
    for (query, keep) in cases {
        let pages = mock.all_pages(query).await;
        assert_eq!(ids(&pages), expected(keep), "{query}");
        assert_eq!(
            pages[0]["totalCount"].as_u64().unwrap() as usize,
            ids(&pages).len()
        );
    }
}

#[tokio::test]
async fn r04_business_time_range_includes_from_and_excludes_to_in_any_offset() {
    let mock = Mock::signed_in().await;
    // 2026-10-02T12:00:00+08:00 is when the September bills were finalised.
    let pages = mock
        .all_pages("basis=bill&businessTimeFrom=2026-10-02T12:00:00%2B08:00&businessTimeTo=2026-11-02T12:00:00%2B08:00")
        .await;
    let sept = expected(|c| c["basis"] == "bill" && c["billingCycle"] == "2026-09");
    assert_eq!(ids(&pages), sept);
    // The same instants written in UTC.
    let utc = mock
        .all_pages(
            "basis=bill&businessTimeFrom=2026-10-02T04:00:00Z&businessTimeTo=2026-11-02T04:00:00Z",
        )
        .await;
    assert_eq!(ids(&utc), sept);
    // A raw "+" arrives as a space and is refused, naming the parameter.
    let raw_plus = mock
        .get("/api/v1/invoice-candidates?basis=bill&businessTimeFrom=2026-10-02T12:00:00+08:00")
        .await;
    raw_plus.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(raw_plus.field_codes("businessTimeFrom"), ["INVALID_FORMAT"]);
}

#[tokio::test]
async fn r04_q_matches_business_ids_of_originals_and_negatives_ignoring_case() {
    let mock = Mock::signed_in().await;
    // Refunds RF261028101259 (cand-0023), RF261003163722 (cand-0016) and RF261009110540
    // (cand-0014) match; no order number does.
    let pages = mock.all_pages("basis=order&q=rf2610").await;
    assert_eq!(ids(&pages), ["cand-0023", "cand-0016", "cand-0014"]);
    let pages = mock.all_pages("basis=bill&q=bl202610").await;
    assert_eq!(
        ids(&pages),
        expected(|c| c["basis"] == "bill" && c["billingCycle"] == "2026-10")
    );
    let pages = mock.all_pages("basis=order&q=22610").await;
    assert_eq!(
        ids(&pages),
        expected(|c| {
            c["basis"] == "order" && c["businessId"].as_str().unwrap().contains("22610")
        })
    );
}

#[tokio::test]
async fn r05_not_invoiceable_documents_are_listed_with_their_reason() {
    let mock = Mock::signed_in().await;
    let page = mock
        .get_ok("/api/v1/invoice-candidates?basis=order", "CandidatePage")
        .await;
    let c = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "cand-0025")
        .unwrap();
    assert_eq!(c["status"], "not_invoiceable");
    assert_eq!(c["notInvoiceableReasonCode"], "ORDER_UNDER_REVIEW");
    assert!(!c["notInvoiceableReason"].as_str().unwrap().is_empty());
    let only = mock.all_pages("basis=order&status=invoiceable").await;
    assert!(!ids(&only).contains(&"cand-0025".to_owned()));
}

#[tokio::test]
async fn r07_negatives_nested_under_their_original() {
    let mock = Mock::signed_in().await;
    let pages = mock.all_pages("basis=order&limit=4").await;
    let fixture = demo_fixture();
    let mut seen = std::collections::HashSet::new();
    for c in pages.iter().flat_map(|p| p["items"].as_array().unwrap()) {
        let id = c["id"].as_str().unwrap();
        let original = fixture["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap();
        assert_eq!(c["negatives"], original["negatives"], "{id}");
        let mut net = money(&c["invoiceableAmount"]);
        for n in c["negatives"].as_array().unwrap() {
            assert_eq!(n["originalId"], id);
            assert!(seen.insert(n["id"].as_str().unwrap().to_owned()));
            net += money(&n["amount"]);
        }
        assert_eq!(money(&c["netAmount"]), net, "{id}");
    }
    assert_eq!(seen.len(), 16, "every negative of the demo, once");
    let bills = mock.all_pages("basis=bill").await;
    for c in bills[0]["items"].as_array().unwrap() {
        assert_eq!(c["negatives"], json!([]));
    }
}

#[tokio::test]
async fn r08_families_with_net_zero_or_below_are_listed_but_not_counted() {
    let mock = Mock::signed_in().await;
    let pages = mock
        .all_pages("basis=order&accountId=1570429864139578")
        .await;
    let listed = ids(&pages);
    assert!(listed.contains(&"cand-0006".to_owned()), "net 0.00");
    assert!(listed.contains(&"cand-0014".to_owned()), "net -150.00");
    let totals = &pages[0]["totals"];
    let checkable = pages[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "invoiceable" && money(&c["netAmount"]).is_positive())
        .count();
    assert_eq!(totals["checkableCount"], checkable as u64);
    assert_eq!(checkable, listed.len() - 2);
}

#[tokio::test]
async fn r09_totals_cover_all_pages() {
    let mock = Mock::signed_in().await;
    let whole = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=order&limit=1000",
            "CandidatePage",
        )
        .await;
    assert_eq!(whole["nextCursor"], Value::Null);
    assert_eq!(whole["totalCount"], 26);
    assert_eq!(
        whole["totals"],
        json!({"checkableCount": 20, "invoiceableAmount": "109813.00",
               "negativeAmount": "-13752.80", "netAmount": "96060.20", "currency": "CNY"})
    );
    let pages = mock.all_pages("basis=order&limit=3").await;
    assert_eq!(pages.len(), 9);
    for page in &pages {
        assert_eq!(page["totals"], whole["totals"]);
        assert_eq!(page["totalCount"], 26);
    }
}

#[tokio::test]
async fn r10_totals_are_exact_sums_of_the_checkable_families() {
    let mock = Mock::signed_in().await;
    for query in [
        "basis=order&limit=5",
        "basis=bill&limit=5",
        "basis=order&issuerId=CLOUD_SERVICE&limit=2",
    ] {
        let pages = mock.all_pages(query).await;
        let (mut count, mut pos, mut neg) = (0u64, Money::ZERO, Money::ZERO);
        for c in pages.iter().flat_map(|p| p["items"].as_array().unwrap()) {
            if c["status"] == "invoiceable" && money(&c["netAmount"]).is_positive() {
                count += 1;
                pos += money(&c["invoiceableAmount"]);
                for n in c["negatives"].as_array().unwrap() {
                    neg += money(&n["amount"]);
                }
            }
        }
        let totals = &pages[0]["totals"];
        assert_eq!(totals["checkableCount"], count, "{query}");
        assert_eq!(money(&totals["invoiceableAmount"]), pos, "{query}");
        assert_eq!(money(&totals["negativeAmount"]), neg, "{query}");
        assert_eq!(money(&totals["netAmount"]), pos + neg, "{query}");
    }
}

#[tokio::test]
async fn order_is_business_time_descending_then_id() {
    let mock = Mock::signed_in().await;
    let bills = ids(&mock.all_pages("basis=bill&limit=1000").await);
    assert_eq!(bills, expected(|c| c["basis"] == "bill"));
    // Bills of one month share their time; the id breaks the tie.
    assert_eq!(
        &bills[..5],
        [
            "cand-0036",
            "cand-0037",
            "cand-0038",
            "cand-0039",
            "cand-0040"
        ]
    );
}

#[tokio::test]
async fn validation_malformed_parameters_are_each_named() {
    let mock = Mock::signed_in().await;
    let cases = [
        ("basis=order&limit=abc", "limit", "INVALID_FORMAT"),
        ("basis=order&limit=%2B5", "limit", "INVALID_FORMAT"),
        ("basis=order&limit=0", "limit", "INVALID_VALUE"),
        ("basis=order&limit=1001", "limit", "INVALID_VALUE"),
        ("basis=amount", "basis", "INVALID_VALUE"),
        ("basis=order&status=open", "status", "INVALID_VALUE"),
        (
            "basis=order&issuerId=NO_SUCH_ISSUER",
            "issuerId",
            "INVALID_VALUE",
        ),
        ("basis=order&issuerId=-bad", "issuerId", "INVALID_FORMAT"),
        (
            "basis=order&billingCycleFrom=2026-13",
            "billingCycleFrom",
            "INVALID_FORMAT",
        ),
        (
            "basis=order&billingCycleTo=2026-1",
            "billingCycleTo",
            "INVALID_FORMAT",
        ),
        (
            "basis=order&businessTimeTo=2026-10-01",
            "businessTimeTo",
            "INVALID_FORMAT",
        ),
        ("basis=order&q=", "q", "TOO_SHORT"),
        ("basis=order&productCode=", "productCode", "TOO_SHORT"),
        ("basis=order&sort=id", "sort", "NOT_ALLOWED"),
        ("basis=order&basis=bill", "basis", "TOO_MANY"),
    ];
    for (query, field, code) in cases {
        let reply = mock
            .get(&format!("/api/v1/invoice-candidates?{query}"))
            .await;
        reply.assert_problem(400, "VALIDATION_FAILED");
        assert_eq!(reply.field_codes(field), [code], "{query}");
    }
    let long = "x".repeat(65);
    let reply = mock
        .get(&format!("/api/v1/invoice-candidates?basis=order&q={long}"))
        .await;
    assert_eq!(reply.field_codes("q"), ["TOO_LONG"]);
    // Several problems at once: each is listed.
    let reply = mock
        .get("/api/v1/invoice-candidates?limit=0&status=x&foo=1")
        .await;
    let body = reply.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(body["errors"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn validation_limit_defaults_to_200_and_accepts_1000() {
    let mock = Mock::with_fixture(|f| {
        // 250 extra bills of one account, so that the default limit shows.
        let template = candidate(f, "cand-0040").clone();
        let list = f["candidates"].as_array_mut().unwrap();
        for i in 0..250 {
            let mut c = template.clone();
            c["id"] = json!(format!("extra-{i:04}"));
            c["businessId"] = json!(format!("BLX{i:04}"));
            list.push(c);
        }
    })
    .await;
    let first = mock
        .get_ok("/api/v1/invoice-candidates?basis=bill", "CandidatePage")
        .await;
    assert_eq!(first["items"].as_array().unwrap().len(), 200);
    assert_eq!(first["totalCount"], 264);
    assert!(first["nextCursor"].is_string());
    let all = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=bill&limit=1000",
            "CandidatePage",
        )
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 264);
    assert_eq!(all["nextCursor"], Value::Null);
}
