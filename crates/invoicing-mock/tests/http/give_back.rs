//! Rejected and cancelled invoices (R24's statuses, README invariant 6), moved by `--admin`'s
//! `POST /__mock/records/{id}/status`: they give their documents back, so that the candidate
//! list, its totals and the balance are exactly what they were before the application.

use serde_json::{json, Value};

use crate::applications::{admin_mock, apply, create_example};
use crate::harness::{assert_schema, Mock};
use crate::records::{move_to, move_with};

/// Everything the candidate list and the balance show: every page of both bases (items and
/// totals) and the balance of each entity for the enterprise's accounts.
async fn picture(mock: &Mock) -> Value {
    let mut out = serde_json::Map::new();
    for basis in ["order", "bill"] {
        let pages = mock.all_pages(&format!("basis={basis}&limit=7")).await;
        let items: Vec<Value> = pages
            .iter()
            .flat_map(|p| p["items"].as_array().unwrap().clone())
            .collect();
        out.insert(format!("{basis} items"), Value::Array(items));
        out.insert(format!("{basis} totals"), pages[0]["totals"].clone());
    }
    for issuer in ["CLOUD_SERVICE", "COMM_SERVICE"] {
        for account in ["1358207642917356", "1469318753028467", "1570429864139578"] {
            let path = format!("/api/v1/invoiceable-balance?issuerId={issuer}&accountId={account}");
            let reply = mock.get(&path).await;
            let value = if reply.status == 200 {
                reply.json()
            } else {
                json!(reply.status)
            };
            out.insert(format!("{issuer} {account}"), value);
        }
    }
    Value::Object(out)
}

/// The `invoiceId`s of a `201` answer.
fn invoice_ids(created: &Value) -> Vec<String> {
    created["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["invoiceId"].as_str().unwrap().to_owned())
        .collect()
}

async fn reject(mock: &Mock, id: &str, reason: &str) -> Value {
    let reply = move_with(mock, id, &json!({"status": "rejected", "reason": reason})).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let record = reply.json();
    assert_schema(&record, "InvoiceRecordDetail");
    record
}

/// The candidate `id` as listed now (either basis), or `None`.
async fn candidate(mock: &Mock, id: &str) -> Option<Value> {
    for basis in ["order", "bill"] {
        let pages = mock.all_pages(&format!("basis={basis}&limit=1000")).await;
        let found = pages
            .iter()
            .flat_map(|p| p["items"].as_array().unwrap().clone())
            .find(|c| c["id"] == id);
        if found.is_some() {
            return found;
        }
    }
    None
}

#[tokio::test]
async fn r24_rejected_and_cancelled_invoices_give_the_documents_back_as_before_the_application() {
    let mock = admin_mock(|_| {}).await;
    for (name, body) in [
        ("byOrder", create_example("byOrder")),
        ("byAmount", create_example("byAmount")),
    ] {
        let before = picture(&mock).await;
        let reply = apply(&mock, &body, &format!("k-{name}")).await;
        assert_eq!(reply.status, 201, "{name}: {}", reply.text());
        let ids = invoice_ids(&reply.json());
        assert_ne!(picture(&mock).await, before, "{name} used nothing");
        // The first is rejected while pending, the second while being issued, the others cancelled.
        for (k, id) in ids.iter().enumerate() {
            match k {
                0 => {
                    let r = reject(&mock, id, "抬头有误").await;
                    assert_eq!(r["status"], "rejected");
                    assert_eq!(r["rejectReason"], "抬头有误");
                }
                1 => {
                    assert_eq!(move_to(&mock, id, "issuing").await.status, 200);
                    reject(&mock, id, "开户行与账号不一致").await;
                }
                _ => {
                    let r = move_to(&mock, id, "cancelled").await;
                    assert_eq!(r.status, 200, "{}", r.text());
                    assert_eq!(r.json()["rejectReason"], Value::Null);
                }
            }
            // A given-back invoice cannot move again.
            assert_eq!(move_to(&mock, id, "issuing").await.status, 400);
        }
        assert_eq!(
            picture(&mock).await,
            before,
            "{name}: not given back exactly"
        );
        // And the same application can be made again.
        let again = apply(&mock, &body, &format!("k-{name}-again")).await;
        assert_eq!(again.status, 201, "{name}: {}", again.text());
        for id in invoice_ids(&again.json()) {
            move_to(&mock, &id, "cancelled").await;
        }
        assert_eq!(picture(&mock).await, before, "{name}: second give-back");
    }
}

#[tokio::test]
async fn r24_a_given_back_invoice_frees_its_documents_for_a_new_application() {
    let mock = admin_mock(|_| {}).await;
    let body = create_example("byOrder");
    let first = apply(&mock, &body, "k-1").await;
    assert_eq!(first.status, 201);
    // Another application of the same documents is refused while they are used ...
    let other = apply(&mock, &body, "k-2").await;
    assert_eq!(other.status, 422, "{}", other.text());
    assert_eq!(other.json()["code"], "CANDIDATE_ALREADY_INVOICED");
    for id in invoice_ids(&first.json()) {
        reject(&mock, &id, "金额有误").await;
    }
    // ... and accepted once they are given back.
    let third = apply(&mock, &body, "k-3").await;
    assert_eq!(third.status, 201, "{}", third.text());
}

#[tokio::test]
async fn r24_fixture_invoices_give_back_documents_the_list_never_had() {
    let mock = admin_mock(|_| {}).await;
    // inv-20261112-0006 (pending) used cand-0104 (3000.00) and its refund neg-0104 (-500.00),
    // which the demo fixture does not list as candidates.
    assert_eq!(candidate(&mock, "cand-0104").await, None);
    assert_eq!(
        move_to(&mock, "inv-20261112-0006", "cancelled")
            .await
            .status,
        200
    );
    let c = candidate(&mock, "cand-0104").await.expect("listed again");
    assert_schema(&c, "InvoiceCandidate");
    assert_eq!(c["totalAmount"], "3000.00");
    assert_eq!(c["invoicedAmount"], "0.00");
    assert_eq!(c["invoiceableAmount"], "3000.00");
    assert_eq!(c["netAmount"], "2500.00");
    assert_eq!(c["negatives"][0]["id"], "neg-0104");
    assert_eq!(c["negatives"][0]["amount"], "-500.00");
    assert_eq!(c["issuerId"], "COMM_SERVICE");
    // inv-20261112-0005 is being issued: it can be rejected, not cancelled.
    let cancelled = move_to(&mock, "inv-20261112-0005", "cancelled").await;
    assert_eq!(cancelled.field_codes("/status"), ["INVALID_VALUE"]);
    reject(&mock, "inv-20261112-0005", "税率有误").await;
    let c = candidate(&mock, "cand-0103").await.expect("listed again");
    assert_eq!(c["invoiceableAmount"], "1798.00");
    assert_eq!(c["taxRate"], "0.13");
    let rejected = mock
        .get_ok(
            "/api/v1/invoice-records?status=rejected",
            "InvoiceRecordPage",
        )
        .await;
    assert_eq!(rejected["totalCount"], 2);
}
