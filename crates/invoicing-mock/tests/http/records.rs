//! `GET /invoice-records`, `/invoice-records/{invoiceId}` and `/invoice-records/export`: the
//! contract's shapes, visibility, filters, order and paging (R24), details whose lines add up
//! (R25), and the CSV export (R26).

use invoicing::Money;
use serde_json::Value;

use crate::applications::{admin_mock, apply, create_example};
use crate::harness::{assert_schema, Mock};

const LIST: &str = "/api/v1/invoice-records";
const EXPORT: &str = "/api/v1/invoice-records/export";

/// The demo fixture's invoices, newest first (the two of one application by `invoiceId`).
const NEWEST_FIRST: [&str; 6] = [
    "inv-20261112-0005",
    "inv-20261112-0006",
    "inv-20261101-0004",
    "inv-20261020-0003",
    "inv-20261015-0002",
    "inv-20260915-0001",
];

/// A signed-in mock of `fixtures/<name>.json`.
async fn mock_of(name: &str) -> Mock {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"));
    let mut mock = Mock::start_with(|c| c.data = path).await;
    mock.sign_in().await;
    mock
}

/// Every page of a records query (may be empty), each item an `InvoiceRecord`.
async fn all_pages(mock: &Mock, query: &str) -> Vec<Value> {
    let pages = mock.pages_of(LIST, query, "InvoiceRecordPage").await;
    for item in pages.iter().flat_map(|p| p["items"].as_array().unwrap()) {
        assert_schema(item, "InvoiceRecord");
    }
    pages
}

/// The `invoiceId`s of every page of a query, in order.
async fn listed(mock: &Mock, query: &str) -> Vec<String> {
    all_pages(mock, query)
        .await
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap().clone())
        .map(|r| r["invoiceId"].as_str().unwrap().to_owned())
        .collect()
}

fn money(v: &Value) -> Money {
    v.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn r24_records_are_listed_newest_first_in_the_contracts_shape() {
    let mock = Mock::signed_in().await;
    let page = mock.get_ok(LIST, "InvoiceRecordPage").await;
    assert_eq!(page["totalCount"], 6);
    assert_eq!(page["nextCursor"], Value::Null);
    assert_eq!(listed(&mock, "").await, NEWEST_FIRST);
    let rejected = &page["items"][4];
    assert_eq!(rejected["status"], "rejected");
    assert!(rejected["rejectReason"]
        .as_str()
        .unwrap()
        .contains("开户行"));
    assert!(page["items"][0].get("lines").is_none());
}

#[tokio::test]
async fn r24_pages_follow_the_cursor_without_gaps_or_repeats() {
    let mock = Mock::signed_in().await;
    let pages = all_pages(&mock, "limit=4").await;
    assert_eq!(pages.len(), 2);
    assert!(pages.iter().all(|p| p["totalCount"] == 6));
    assert_eq!(listed(&mock, "limit=1").await, NEWEST_FIRST);
    // A cursor belongs to its filters and limit.
    let cursor = pages[0]["nextCursor"].as_str().unwrap();
    for other in ["limit=5", "limit=4&status=pending"] {
        mock.get(&format!("{LIST}?{other}&cursor={cursor}"))
            .await
            .assert_problem(400, "INVALID_CURSOR");
    }
}

#[tokio::test]
async fn r24_filters_by_tab_status_time_and_application() {
    let mock = Mock::signed_in().await;
    let consolidated = ["inv-20261101-0004", "inv-20261020-0003"];
    assert_eq!(listed(&mock, "view=consolidated").await, consolidated);
    assert_eq!(listed(&mock, "view=independent").await.len(), 4);
    assert_eq!(
        listed(&mock, "status=rejected").await,
        ["inv-20261015-0002"]
    );
    // `from` included, `to` excluded.
    let range = "from=2026-10-20T11:30:08%2B08:00&to=2026-11-12T16:20:45%2B08:00";
    assert_eq!(listed(&mock, range).await, consolidated);
    assert_eq!(
        listed(&mock, "applicationId=app-20261112-0005").await,
        ["inv-20261112-0005", "inv-20261112-0006"]
    );
    assert!(listed(&mock, "view=consolidated&status=pending")
        .await
        .is_empty());
}

#[tokio::test]
async fn r24_malformed_filters_are_refused_with_field_codes() {
    let mock = Mock::signed_in().await;
    for (query, field, code) in [
        ("view=both", "view", "INVALID_VALUE"),
        ("status=done", "status", "INVALID_VALUE"),
        ("status=pending&status=issuing", "status", "TOO_MANY"),
        ("from=2026-10-01", "from", "INVALID_FORMAT"),
        (
            "from=2026-11-01T00:00:00%2B08:00&to=2026-10-01T00:00:00%2B08:00",
            "from",
            "INVALID_VALUE",
        ),
        ("applicationId=app%20one", "applicationId", "INVALID_FORMAT"),
        ("limit=0", "limit", "INVALID_VALUE"),
        ("limit=201", "limit", "INVALID_VALUE"),
        ("limit=ten", "limit", "INVALID_FORMAT"),
        ("basis=order", "basis", "NOT_ALLOWED"),
    ] {
        let reply = mock.get(&format!("{LIST}?{query}")).await;
        reply.assert_problem(400, "VALIDATION_FAILED");
        assert_eq!(reply.field_codes(field), [code], "{query}");
        let export = mock.get(&format!("{EXPORT}?{query}")).await;
        if field != "limit" {
            assert_eq!(export.field_codes(field), [code], "export {query}");
        }
    }
}

#[tokio::test]
async fn r24_a_member_sees_the_records_that_cover_its_account_only() {
    let mock = mock_of("member").await;
    // The member (研发中心) applied for nothing; it is in the consolidated invoices' accountIds.
    let seen = ["inv-20261101-0004", "inv-20261020-0003"];
    assert_eq!(listed(&mock, "").await, seen);
    assert_eq!(
        listed(&mock, "view=independent").await,
        Vec::<String>::new()
    );
    for id in NEWEST_FIRST {
        let reply = mock.get(&format!("{LIST}/{id}")).await;
        if seen.contains(&id) {
            assert_eq!(reply.status, 200, "{id}");
        } else {
            reply.assert_problem(404, "NOT_FOUND");
        }
    }
    let csv = mock.get(EXPORT).await.text();
    assert!(!csv.contains("inv-20260915-0001"));
    assert!(csv.contains("inv-20261020-0003"));
}

#[tokio::test]
async fn r24_rejection_reasons_name_their_language() {
    let mut mock = Mock::signed_in().await;
    mock.lang = Some("en");
    let with_reason = mock.get(&format!("{LIST}?status=rejected")).await;
    assert_eq!(with_reason.header("content-language"), Some("zh-CN"));
    let without = mock.get(&format!("{LIST}?status=invoiced")).await;
    assert_eq!(without.header("content-language"), Some("en"));
    let detail = mock.get(&format!("{LIST}/inv-20261015-0002")).await;
    assert_eq!(detail.header("content-language"), Some("zh-CN"));
}

#[tokio::test]
async fn r24_created_applications_are_listed_first_as_pending() {
    let mock = admin_mock(|_| {}).await;
    let reply = apply(&mock, &create_example("byOrder"), "k-1").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let created = reply.json();
    let application = created["applicationId"].as_str().unwrap();
    let ids: Vec<String> = created["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["invoiceId"].as_str().unwrap().to_owned())
        .collect();
    let all = listed(&mock, "").await;
    assert_eq!(all.len(), 6 + ids.len());
    let mut first: Vec<String> = all[..ids.len()].to_vec();
    first.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(first, expected);
    assert_eq!(
        listed(&mock, &format!("applicationId={application}")).await,
        expected
    );
    assert_eq!(listed(&mock, "status=pending").await.len(), 1 + ids.len());
    for id in &ids {
        let detail = mock
            .get_ok(&format!("{LIST}/{id}"), "InvoiceRecordDetail")
            .await;
        let sum: Money = detail["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| money(&l["amount"]))
            .sum();
        assert_eq!(sum, money(&detail["amount"]), "{id}");
    }
}

#[tokio::test]
async fn r25_details_hold_the_list_item_and_lines_that_add_up_to_the_amount() {
    let mock = Mock::signed_in().await;
    let page = mock.get_ok(LIST, "InvoiceRecordPage").await;
    for item in page["items"].as_array().unwrap() {
        let id = item["invoiceId"].as_str().unwrap();
        let detail = mock
            .get_ok(&format!("{LIST}/{id}"), "InvoiceRecordDetail")
            .await;
        for (key, value) in item.as_object().unwrap() {
            assert_eq!(&detail[key], value, "{id} {key}");
        }
        let lines = detail["lines"].as_array().unwrap();
        assert!(!lines.is_empty());
        let sum: Money = lines.iter().map(|l| money(&l["amount"])).sum();
        assert_eq!(sum, money(&detail["amount"]), "{id}");
    }
    mock.get(&format!("{LIST}/inv-20260101-9999"))
        .await
        .assert_problem(404, "NOT_FOUND");
    mock.get(&format!("{LIST}/inv-20260915-0001?x=1"))
        .await
        .assert_problem(400, "VALIDATION_FAILED");
}

/// The rows of a CSV answer after its byte order mark, the header row first.
fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    let text = body
        .strip_prefix("\u{feff}".as_bytes())
        .expect("a byte order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text);
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn r26_export_is_a_csv_with_bom_one_row_per_line_and_chinese_intact() {
    let mut mock = Mock::signed_in().await;
    let reply = mock.get(EXPORT).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("content-type"),
        Some("text/csv; charset=utf-8")
    );
    let disposition = reply.header("content-disposition").unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"invoice-records-")
            && disposition.ends_with(".csv\""),
        "{disposition}"
    );
    assert!(reply.text().contains("\r\n"));
    let rows = csv_rows(&reply.body);
    assert_eq!(rows[0][0], "申请编号");
    assert_eq!(rows[0].len(), 17);

    // One row per line of each listed invoice, in list order, amounts as plain decimals.
    let mut expected = Vec::new();
    for id in NEWEST_FIRST {
        let d = mock
            .get_ok(&format!("{LIST}/{id}"), "InvoiceRecordDetail")
            .await;
        for l in d["lines"].as_array().unwrap() {
            expected.push(vec![
                d["invoiceId"].clone(),
                d["issuerName"].clone(),
                d["title"].clone(),
                d["amount"].clone(),
                l["kind"].clone(),
                l["productName"].clone(),
                l["amount"].clone(),
            ]);
        }
    }
    let got: Vec<Vec<Value>> = rows[1..]
        .iter()
        .map(|r| {
            [1, 5, 8, 9, 12, 15, 16]
                .map(|i| Value::from(r[i].clone()))
                .to_vec()
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(rows[1][11], "1358207642917356");
    let consolidated = rows.iter().find(|r| r[3] == "consolidated").unwrap();
    assert_eq!(consolidated[11], "1358207642917356;1469318753028467");

    // The same filters as the list; the header row in the request's language.
    mock.lang = Some("en");
    let rejected = csv_rows(&mock.get(&format!("{EXPORT}?status=rejected")).await.body);
    assert_eq!(rejected[0][0], "Application ID");
    assert_eq!(rejected[0][16], "Line amount");
    assert_eq!(rejected.len(), 1 + 2);
    assert!(rejected[1..].iter().all(|r| r[1] == "inv-20261015-0002"));
    assert_eq!(rejected[2][16], "-720.00");
}

/// `POST /__mock/records/{id}/status` with `{"status": status}` (no CSRF token: a mock control).
pub async fn move_to(mock: &Mock, id: &str, status: &str) -> crate::harness::Reply {
    move_with(mock, id, &serde_json::json!({ "status": status })).await
}

/// `POST /__mock/records/{id}/status` with this body.
pub async fn move_with(mock: &Mock, id: &str, body: &Value) -> crate::harness::Reply {
    mock.send_body(
        hyper::Method::POST,
        &format!("/__mock/records/{id}/status"),
        &[("content-type", "application/json")],
        serde_json::to_vec(body).unwrap().into(),
    )
    .await
}

#[tokio::test]
async fn r24_admin_status_moves_an_invoice_to_invoiced_with_its_number_and_time() {
    let mock = admin_mock(|_| {}).await;
    let id = "inv-20261112-0006";
    // Skipping `issuing`, an unknown status, and a rejection without a reason are refused.
    for status in ["invoiced", "done", "pending"] {
        move_to(&mock, id, status)
            .await
            .assert_problem(400, "VALIDATION_FAILED");
    }
    let refused = move_to(&mock, id, "rejected").await;
    refused.assert_problem(400, "VALIDATION_FAILED");
    assert_eq!(refused.field_codes("/reason"), ["REQUIRED"]);
    let body = serde_json::json!({"status": "rejected", "reason": "  "});
    assert_eq!(
        move_with(&mock, id, &body).await.field_codes("/reason"),
        ["REQUIRED"]
    );
    let body = serde_json::json!({"status": "rejected", "reason": "x".repeat(501)});
    assert_eq!(
        move_with(&mock, id, &body).await.field_codes("/reason"),
        ["TOO_LONG"]
    );
    let body = serde_json::json!({"status": "issuing", "reason": "because"});
    assert_eq!(
        move_with(&mock, id, &body).await.field_codes("/reason"),
        ["NOT_ALLOWED"]
    );
    let issuing = move_to(&mock, id, "issuing").await;
    assert_eq!(issuing.status, 200, "{}", issuing.text());
    assert_schema(&issuing.json(), "InvoiceRecordDetail");
    assert_eq!(issuing.json()["invoiceNumber"], Value::Null);
    // An invoice being issued can no longer be cancelled (the contract: pending -> cancelled).
    assert_eq!(
        move_to(&mock, id, "cancelled").await.field_codes("/status"),
        ["INVALID_VALUE"]
    );
    let invoiced = move_to(&mock, id, "invoiced").await.json();
    assert_schema(&invoiced, "InvoiceRecordDetail");
    let detail = mock
        .get_ok(&format!("{LIST}/{id}"), "InvoiceRecordDetail")
        .await;
    assert_eq!(detail, invoiced);
    assert_eq!(detail["status"], "invoiced");
    assert_eq!(detail["invoiceNumber"].as_str().unwrap().len(), 20);
    assert!(detail["issuedAt"].as_str().unwrap().ends_with("+08:00"));
    assert_eq!(listed(&mock, "status=invoiced").await.len(), 3);
    // An invoiced invoice stays invoiced.
    let body = serde_json::json!({"status": "rejected", "reason": "wrong title"});
    move_with(&mock, id, &body)
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    move_to(&mock, "inv-20260101-9999", "issuing")
        .await
        .assert_problem(404, "NOT_FOUND");

    let plain = Mock::signed_in().await;
    move_to(&plain, id, "issuing")
        .await
        .assert_problem(404, "NOT_FOUND");
}
