//! `GET /invoice-records/{invoiceId}/file` (R27): an invoiced record's file is a PDF that `lopdf`
//! reads, with the invoice's number, amount, Chinese names and every line; any other status is
//! `404 INVOICE_FILE_NOT_AVAILABLE`, a record the caller cannot see `404 NOT_FOUND`.

use serde_json::{json, Value};

use crate::applications::{admin_mock, apply, create_example};
use crate::harness::{Mock, Reply};
use crate::records::move_to;

fn file_path(id: &str) -> String {
    format!("/api/v1/invoice-records/{id}/file")
}

/// The PDF of a `200` answer: its headers checked, every page's text extracted by `lopdf`.
struct Pdf {
    pages: usize,
    /// The text of each page.
    text: Vec<String>,
}

impl Pdf {
    fn all(&self) -> String {
        self.text.concat()
    }
}

fn pdf_of(reply: &Reply, invoice_number: &str) -> Pdf {
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/pdf"));
    assert_eq!(
        reply.header("content-disposition"),
        Some(format!("attachment; filename=\"{invoice_number}.pdf\"").as_str())
    );
    assert!(reply.body.starts_with(b"%PDF-"));
    let doc = lopdf::Document::load_mem(&reply.body).expect("a PDF lopdf reads");
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = numbers
        .iter()
        .map(|n| doc.extract_text(&[*n]).expect("its text extracts"))
        .collect();
    Pdf {
        pages: numbers.len(),
        text,
    }
}

/// The details of a record, as the API gives them.
async fn detail(mock: &Mock, id: &str) -> Value {
    mock.get_ok(
        &format!("/api/v1/invoice-records/{id}"),
        "InvoiceRecordDetail",
    )
    .await
}

/// Checks that the file of `id` holds the record's number, amount, entity, title and tax id,
/// each line's number and amount; returns it.
async fn check_file(mock: &Mock, id: &str) -> Pdf {
    let d = detail(mock, id).await;
    let number = d["invoiceNumber"].as_str().expect("an invoiced record");
    let pdf = pdf_of(&mock.get(&file_path(id)).await, number);
    let text = pdf.all();
    for key in ["invoiceNumber", "amount", "issuerName", "title"] {
        let value = d[key].as_str().unwrap();
        assert!(text.contains(value), "{id}: no {key} {value} in\n{text}");
    }
    let tax_id = d["titleInfo"]["taxId"].as_str().unwrap();
    assert!(text.contains(tax_id), "{id}: no tax id");
    for l in d["lines"].as_array().unwrap() {
        for key in ["businessId", "amount", "billingCycle"] {
            let value = l[key].as_str().unwrap();
            assert!(text.contains(value), "{id}: no line {key} {value}");
        }
    }
    pdf
}

#[tokio::test]
async fn r27_an_invoiced_records_file_is_a_pdf_with_its_number_amount_and_chinese_names() {
    let mock = Mock::signed_in().await;
    let pdf = check_file(&mock, "inv-20260915-0001").await;
    assert_eq!(pdf.pages, 1);
    let text = pdf.all();
    assert!(text.contains("26332000000915370118"));
    assert!(text.contains("9860.00"));
    assert!(text.contains("杭州青禾数据科技有限公司"), "{text}");
    assert!(text.contains("星舟云计算（杭州）有限公司"));
    assert!(text.contains("云数据库 RDS 版"));
    assert!(text.contains("6%"));
    // The refund of cand-0102 is listed right under it.
    let original = text.find("226071915301702").unwrap();
    let refund = text.find("RF260802100544").unwrap();
    assert!(original < refund && text[original..refund].matches('\n').count() <= 6);
    // The paper invoice of two accounts too.
    check_file(&mock, "inv-20261020-0003").await;
}

#[tokio::test]
async fn r27_records_that_are_not_invoiced_have_no_file() {
    let mut mock = Mock::signed_in().await;
    for (id, status) in [
        ("inv-20261112-0006", "pending"),
        ("inv-20261112-0005", "issuing"),
        ("inv-20261015-0002", "rejected"),
        ("inv-20261101-0004", "cancelled"),
    ] {
        assert_eq!(detail(&mock, id).await["status"], status);
        let body = mock
            .get(&file_path(id))
            .await
            .assert_problem(404, "INVOICE_FILE_NOT_AVAILABLE");
        assert!(body["detail"].as_str().unwrap().contains(id));
    }
    mock.lang = Some("en");
    let body = mock
        .get(&file_path("inv-20261112-0005"))
        .await
        .assert_problem(404, "INVOICE_FILE_NOT_AVAILABLE");
    assert!(body["detail"]
        .as_str()
        .unwrap()
        .contains("still being issued"));
    mock.get(&file_path("inv-20260101-9999"))
        .await
        .assert_problem(404, "NOT_FOUND");
    mock.get(&format!("{}?x=1", file_path("inv-20260915-0001")))
        .await
        .assert_problem(400, "VALIDATION_FAILED");
}

#[tokio::test]
async fn r27_a_record_the_caller_cannot_see_is_not_found_whatever_its_status() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/member.json");
    let mut mock = Mock::start_with(|c| c.data = path).await;
    mock.sign_in().await;
    // The member sees the consolidated invoices that cover its account only.
    check_file(&mock, "inv-20261020-0003").await;
    for id in [
        "inv-20260915-0001",
        "inv-20261015-0002",
        "inv-20261112-0006",
    ] {
        mock.get(&file_path(id))
            .await
            .assert_problem(404, "NOT_FOUND");
    }
    mock.get(&file_path("inv-20261101-0004"))
        .await
        .assert_problem(404, "INVOICE_FILE_NOT_AVAILABLE");
}

/// The demo's first invoice with `originals` lines of 100.00, the first `refunds` of them each
/// with a refund of -10.00 (negative lines placed after all originals in the fixture).
fn many_lines(fixture: &mut Value, originals: usize, refunds: usize) -> Vec<(String, String)> {
    let record = fixture["records"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["invoiceId"] == "inv-20260915-0001")
        .unwrap();
    let template = record["lines"][0].clone();
    let mut lines = Vec::new();
    let mut pairs = Vec::new();
    for i in 0..originals {
        let mut l = template.clone();
        l["documentId"] = json!(format!("many-{i:04}"));
        l["businessId"] = json!(format!("BIZ{i:06}"));
        l["productName"] = json!(format!("云服务器 ECS 第 {i} 台"));
        l["amount"] = json!("100.00");
        lines.push(l);
    }
    for i in 0..refunds {
        let mut l = template.clone();
        l["documentId"] = json!(format!("many-neg-{i:04}"));
        l["originalId"] = json!(format!("many-{i:04}"));
        l["kind"] = json!("refund");
        l["businessId"] = json!(format!("RF{i:06}"));
        l["amount"] = json!("-10.00");
        lines.push(l);
        pairs.push((format!("BIZ{i:06}"), format!("RF{i:06}")));
    }
    let total = originals as i64 * 100 - refunds as i64 * 10;
    record["lines"] = Value::Array(lines);
    record["amount"] = json!(format!("{total}.00"));
    pairs
}

#[tokio::test]
async fn r27_an_invoice_with_many_lines_goes_on_over_several_pages() {
    let mut pairs = Vec::new();
    let mock = Mock::with_fixture(|f| pairs = many_lines(f, 150, 40)).await;
    let pdf = check_file(&mock, "inv-20260915-0001").await;
    assert!(pdf.pages >= 3, "{} pages", pdf.pages);
    // Each page after the first continues the table, with its header and its page number.
    for (i, page) in pdf.text.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {}", i + 1, pdf.pages)));
        assert!(page.contains("单据编号 Number"));
    }
    let text = pdf.all();
    assert!(text.contains("14600.00"));
    assert!(pdf.text.last().unwrap().contains("14600.00"));
    // Each refund comes right after its original, though the fixture lists them last.
    for (original, refund) in pairs {
        let at = text.find(&original).unwrap();
        let next = text[at + 1..]
            .find("BIZ")
            .map_or(text.len(), |n| at + 1 + n);
        let r = text.find(&refund).unwrap();
        assert!(at < r && r < next, "{refund} is not under {original}");
    }
}

#[tokio::test]
async fn r27_a_new_application_can_be_downloaded_once_it_is_invoiced() {
    let mock = admin_mock(|_| {}).await;
    let reply = apply(&mock, &create_example("byOrder"), "k-file").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    let ids: Vec<String> = reply.json()["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["invoiceId"].as_str().unwrap().to_owned())
        .collect();
    assert!(!ids.is_empty());
    for id in &ids {
        for status in ["pending", "issuing"] {
            if status != "pending" {
                assert_eq!(move_to(&mock, id, status).await.status, 200);
            }
            mock.get(&file_path(id))
                .await
                .assert_problem(404, "INVOICE_FILE_NOT_AVAILABLE");
        }
        assert_eq!(move_to(&mock, id, "invoiced").await.status, 200);
        check_file(&mock, id).await;
    }
}
