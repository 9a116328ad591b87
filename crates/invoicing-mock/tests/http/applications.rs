//! `POST /invoice-applications`: a created application matches the contract and uses its
//! documents at once (R21, invariant 6); every refusal has its code, and a refusal creates nothing
//! (R17–R20, R23).

use serde_json::{json, Value};

use crate::harness::{assert_schema, openapi, Mock, Reply};

pub const PATH: &str = "/api/v1/invoice-applications";
const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";

/// The request example `name` of the create operation.
pub fn create_example(name: &str) -> Value {
    openapi()["paths"]["/invoice-applications"]["post"]["requestBody"]["content"]
        ["application/json"]["examples"][name]["value"]
        .clone()
}

/// A signed-in mock of the demo fixture with `GET /__mock/applications` (`--admin`).
pub async fn admin_mock(edit: impl FnOnce(&mut invoicing_mock::Config)) -> Mock {
    let mut mock = Mock::start_with(|c| {
        c.admin = true;
        edit(c);
    })
    .await;
    mock.sign_in().await;
    mock
}

/// Posts an application with this key.
pub async fn apply(mock: &Mock, body: &Value, key: &str) -> Reply {
    mock.post_json(PATH, body, &[("idempotency-key", key)])
        .await
}

/// How many applications the mock has created.
pub async fn created(mock: &Mock) -> usize {
    let reply = mock.get("/__mock/applications").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["items"].as_array().unwrap().len()
}

/// An application of `draft` with the previewed invoices, each a general invoice to one address.
pub async fn confirmed(mock: &Mock, draft: Value) -> Value {
    let reply = mock
        .post_json("/api/v1/invoice-applications/preview", &draft, &[])
        .await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let mut body = draft;
    body["invoices"] = reply.json()["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let mut i = i.clone();
            i["titleId"] = json!("ttl-1001");
            i["invoiceType"] = json!("general_electronic");
            i["emails"] = json!(["finance@qinghe-data.example"]);
            i
        })
        .collect();
    body
}

/// The candidate `id` as listed now (both bases searched), or `None` when it left the list.
async fn listed(mock: &Mock, basis: &str, id: &str) -> Option<Value> {
    mock.all_pages(&format!("basis={basis}&limit=1000"))
        .await
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap().clone())
        .find(|c| c["id"] == id)
}

async fn invoiceable(mock: &Mock, issuer: &str, account: &str) -> String {
    let path = format!("/api/v1/invoiceable-balance?issuerId={issuer}&accountId={account}");
    let b = mock.get_ok(&path, "InvoiceableBalance").await;
    b["invoiceableAmount"].as_str().unwrap().to_owned()
}

/// `"field code"` of each entry.
pub fn codes(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["field"].as_str().unwrap_or(""),
                e["code"].as_str().unwrap()
            )
        })
        .collect()
}

/// Posts `body`, which must be refused with `400 VALIDATION_FAILED`; its entries' `"field code"`.
async fn invalid(mock: &Mock, body: &Value) -> Vec<String> {
    let p = apply(mock, body, "k-1")
        .await
        .assert_problem(400, "VALIDATION_FAILED");
    codes(&p)
}

#[tokio::test]
async fn r21_the_contracts_example_is_created_and_its_documents_used_at_once() {
    let mock = admin_mock(|_| {}).await;
    assert_eq!(invoiceable(&mock, "COMM_SERVICE", MAIN).await, "6000.00");
    let reply = apply(&mock, &create_example("byOrder"), "k-1").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("idempotent-replayed"), None);
    let answer = reply.json();
    assert_schema(&answer, "ApplicationCreated");
    assert_eq!(answer["basis"], "order");
    assert_eq!(answer["mode"], "consolidated");
    let invoices: Vec<Value> = answer["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            assert_eq!(i["status"], "pending");
            json!([i["issuerId"], i["taxRate"], i["accountIds"], i["amount"]])
        })
        .collect();
    assert_eq!(
        invoices,
        [
            json!([
                "CLOUD_SERVICE",
                "0.06",
                [RND, "1570429864139578"],
                "10931.60"
            ]),
            json!(["CLOUD_SERVICE", "0.13", [RND], "1798.00"]),
            json!(["COMM_SERVICE", "0.06", [MAIN], "1000.00"]),
        ]
    );
    assert_eq!(created(&mock).await, 1);

    // Used whole: the families leave the list; their negatives are applied.
    for id in ["cand-0019", "cand-0012", "cand-0022", "cand-0024"] {
        assert_eq!(listed(&mock, "order", id).await, None, "{id}");
    }
    // R12: the arrears of 1,286.40 deducted from RND's 6 % share stay on its newest family.
    let rest = listed(&mock, "order", "cand-0020")
        .await
        .expect("cand-0020 stays");
    assert_schema(&rest, "InvoiceCandidate");
    assert_eq!(rest["invoicedAmount"], "8073.60");
    assert_eq!(rest["invoiceableAmount"], "1286.40");
    assert_eq!(rest["netAmount"], "1286.40");
    assert_eq!(rest["negatives"], json!([]));
    // The balance drops by what was invoiced.
    assert_eq!(invoiceable(&mock, "COMM_SERVICE", MAIN).await, "5000.00");
}

#[tokio::test]
async fn r23_documents_used_by_an_application_are_already_invoiced_for_the_next() {
    let mock = admin_mock(|_| {}).await;
    assert_eq!(
        apply(&mock, &create_example("byOrder"), "k-1").await.status,
        201
    );
    let again = confirmed_or_refused(&mock, &["cand-0024", "cand-0007"]).await;
    let p = again.assert_problem(422, "CANDIDATE_ALREADY_INVOICED");
    assert_eq!(p["errors"][0]["candidateId"], "cand-0024");
    assert_eq!(p["errors"][0]["field"], "/candidateIds/0");
    // The applied negatives too.
    let body = json!({"basis": "order", "candidateIds": ["neg-0013"], "mode": "independent",
        "invoices": [{"issuerId": "CLOUD_SERVICE", "taxRate": "0.06", "accountIds": [RND],
            "amount": "1.00", "titleId": "ttl-1001", "invoiceType": "general_electronic",
            "emails": ["a@b.cn"]}]});
    let p = apply(&mock, &body, "k-3")
        .await
        .assert_problem(422, "CANDIDATE_ALREADY_INVOICED");
    assert_eq!(p["errors"][0]["candidateId"], "neg-0013");
    assert_eq!(created(&mock).await, 1);
}

/// Applies `ids` (by order, independent) with invoices made up for them; the answer.
async fn confirmed_or_refused(mock: &Mock, ids: &[&str]) -> Reply {
    let body = json!({"basis": "order", "candidateIds": ids, "mode": "independent",
        "invoices": [{"issuerId": "COMM_SERVICE", "taxRate": "0.06", "accountIds": [MAIN],
            "amount": "6000.00", "titleId": "ttl-1001", "invoiceType": "general_electronic",
            "emails": ["a@b.cn"]}]});
    apply(mock, &body, "k-2").await
}

#[tokio::test]
async fn r11_by_amount_uses_the_oldest_family_in_part() {
    let mock = admin_mock(|_| {}).await;
    let reply = apply(&mock, &create_example("byAmount"), "k-1").await;
    assert_eq!(reply.status, 201, "{}", reply.text());
    assert_schema(&reply.json(), "ApplicationCreated");
    let rest = listed(&mock, "order", "cand-0007").await.unwrap();
    assert_eq!(rest["invoiceableAmount"], "2000.00");
    assert_eq!(invoiceable(&mock, "COMM_SERVICE", MAIN).await, "3000.00");
}

#[tokio::test]
async fn r16_invoices_that_are_not_the_split_are_refused_with_the_expected_split() {
    let mock = admin_mock(|_| {}).await;
    let example = create_example("byOrder");
    let expected = json!([
        {"issuerId": "CLOUD_SERVICE", "taxRate": "0.06", "accountIds": [RND, "1570429864139578"], "amount": "10931.60"},
        {"issuerId": "CLOUD_SERVICE", "taxRate": "0.13", "accountIds": [RND], "amount": "1798.00"},
        {"issuerId": "COMM_SERVICE", "taxRate": "0.06", "accountIds": [MAIN], "amount": "1000.00"},
    ]);

    let mut missing = example.clone();
    missing["invoices"].as_array_mut().unwrap().remove(1);
    let p = apply(&mock, &missing, "k-1")
        .await
        .assert_problem(422, "SPLIT_MISMATCH");
    assert_eq!(codes(&p), ["/invoices SPLIT_MISMATCH"]);
    assert_eq!(p["expectedInvoices"], expected);

    // Order of invoices and of their accounts does not matter.
    let mut reordered = example.clone();
    reordered["invoices"].as_array_mut().unwrap().reverse();
    reordered["invoices"][2]["accountIds"] = json!(["1570429864139578", RND]);
    let mut stale = reordered.clone();
    stale["invoices"][0]["amount"] = json!("999.00");
    let p = apply(&mock, &stale, "k-2")
        .await
        .assert_problem(422, "STALE_AMOUNTS");
    assert_eq!(codes(&p), ["/invoices/0/amount STALE_AMOUNTS"]);
    assert_eq!(p["errors"][0]["amount"], "1000.00");
    assert_eq!(p["errors"][0]["issuerId"], "COMM_SERVICE");
    assert_eq!(p["expectedInvoices"], expected);

    let mut split_by_account = reordered.clone();
    split_by_account["invoices"][0]["accountIds"] = json!([RND]);
    let p = apply(&mock, &split_by_account, "k-3")
        .await
        .assert_problem(422, "SPLIT_MISMATCH");
    assert_eq!(
        codes(&p),
        ["/invoices/0 SPLIT_MISMATCH", "/invoices SPLIT_MISMATCH"]
    );
    assert_eq!(created(&mock).await, 0);
    assert_eq!(apply(&mock, &reordered, "k-4").await.status, 201);
}

#[tokio::test]
async fn r17_r19_titles_and_delivery_are_checked_per_invoice() {
    let mock = admin_mock(|_| {}).await;
    let mut body = create_example("byOrder");
    body["invoices"][0]["titleId"] = json!("ttl-9999");
    body["invoices"][1]["addressId"] = json!("adr-9999");
    body["invoices"][2]["addressId"] = json!("adr-2001");
    let p = apply(&mock, &body, "k-1")
        .await
        .assert_problem(422, "TITLE_NOT_FOUND");
    assert_eq!(
        codes(&p),
        [
            "/invoices/0/titleId TITLE_NOT_FOUND",
            "/invoices/1/addressId ADDRESS_NOT_FOUND",
            "/invoices/2/addressId PAPER_NOT_ALLOWED",
        ]
    );
    assert!(p.get("expectedInvoices").is_none());

    // R19: a special invoice needs a complete enterprise title.
    let mut body = create_example("byOrder");
    body["invoices"][0]["titleId"] = json!("ttl-1002");
    let p = apply(&mock, &body, "k-2")
        .await
        .assert_problem(422, "SPECIAL_TITLE_INCOMPLETE");
    assert_eq!(codes(&p), ["/invoices/0/titleId SPECIAL_TITLE_INCOMPLETE"]);
    assert_eq!(created(&mock).await, 0);
}

#[tokio::test]
async fn r18_an_individual_account_cannot_use_an_enterprise_title() {
    let dir = crate::harness::TempDir::new();
    let path = dir.write_fixture(|f| f["profile"]["realName"] = json!("individual"));
    let mock = admin_mock(|c| c.data = path).await;
    let body = create_example("byAmount");
    let p = apply(&mock, &body, "k-1")
        .await
        .assert_problem(422, "ENTERPRISE_TITLE_FOR_INDIVIDUAL");
    assert_eq!(
        codes(&p),
        ["/invoices/0/titleId ENTERPRISE_TITLE_FOR_INDIVIDUAL"]
    );
    let mut own = body.clone();
    own["invoices"][0]["titleId"] = json!("ttl-1002");
    assert_eq!(apply(&mock, &own, "k-2").await.status, 201);
    assert_eq!(created(&mock).await, 1);
}

#[tokio::test]
async fn r20_each_email_problem_is_its_own_field_error() {
    let mock = admin_mock(|_| {}).await;
    let mut body = create_example("byAmount");
    body["invoices"][0]["emails"] = json!([
        "finance@qinghe",
        "a@b.cn",
        "A@B.cn",
        "c@d.cn",
        "e@f.cn",
        "g@h.cn"
    ]);
    assert_eq!(
        invalid(&mock, &body).await,
        [
            "/invoices/0/emails TOO_MANY",
            "/invoices/0/emails/0 INVALID_EMAIL",
            "/invoices/0/emails/2 DUPLICATE",
        ]
    );
    body["invoices"][0]["emails"] = json!([
        format!("{}@qinghe-data.example", "x".repeat(60)),
        format!("{}@qinghe-data.example", "y".repeat(60)),
        format!("{}@qinghe-data.example", "z".repeat(60))
    ]);
    assert_eq!(
        invalid(&mock, &body).await,
        ["/invoices/0/emails EMAILS_TOO_LONG"]
    );
    body["invoices"][0]["emails"] = json!([]);
    assert_eq!(invalid(&mock, &body).await, ["/invoices/0/emails TOO_FEW"]);
    assert_eq!(created(&mock).await, 0);
}

#[tokio::test]
async fn body_fields_are_refused_with_field_codes() {
    let mock = admin_mock(|_| {}).await;
    let mut body = create_example("byOrder");
    body["extra"] = json!(1);
    body["remark"] = json!("长".repeat(201));
    body["invoices"][0]["invoiceType"] = json!("special");
    body["invoices"][1]["emails"] = json!(["a@b.cn"]);
    body["invoices"][2]
        .as_object_mut()
        .unwrap()
        .remove("emails");
    body["invoices"][2]["amount"] = json!(1000);
    let mut got = invalid(&mock, &body).await;
    got.sort();
    assert_eq!(
        got,
        [
            "/extra NOT_ALLOWED",
            "/invoices/0/invoiceType INVALID_VALUE",
            "/invoices/1/emails NOT_ALLOWED",
            "/invoices/2/amount INVALID_FORMAT",
            "/invoices/2/emails REQUIRED",
            "/remark TOO_LONG",
        ]
    );
    let mut none = create_example("byOrder");
    none["invoices"] = json!([]);
    assert_eq!(invalid(&mock, &none).await, ["/invoices TOO_FEW"]);
    assert_eq!(created(&mock).await, 0);
}

#[tokio::test]
async fn without_the_csrf_token_nothing_is_created() {
    let mock = admin_mock(|_| {}).await;
    let body = serde_json::to_vec(&create_example("byOrder")).unwrap();
    let reply = mock
        .send_body(
            hyper::Method::POST,
            PATH,
            &[
                ("idempotency-key", "k-1"),
                ("content-type", "application/json"),
            ],
            body.into(),
        )
        .await;
    reply.assert_problem(403, "CSRF_TOKEN_INVALID");
    assert_eq!(created(&mock).await, 0);
    assert!(listed(&mock, "order", "cand-0024").await.is_some());
    // The key was not used: the same request with the token creates the application.
    assert_eq!(
        apply(&mock, &create_example("byOrder"), "k-1").await.status,
        201
    );
}

#[tokio::test]
async fn paging_cursors_stay_valid_while_applications_change_the_list() {
    let mock = admin_mock(|_| {}).await;
    let first = mock
        .get_ok(
            "/api/v1/invoice-candidates?basis=order&limit=5",
            "CandidatePage",
        )
        .await;
    let body = confirmed(
        &mock,
        json!({"basis": "order", "mode": "independent",
        "candidateIds": ["cand-0001", "cand-0005", "cand-0026", "neg-0016"]}),
    )
    .await;
    assert_eq!(apply(&mock, &body, "k-1").await.status, 201);
    let mut ids: Vec<String> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    let mut cursor = first["nextCursor"].as_str().map(str::to_owned);
    while let Some(c) = cursor {
        let page = mock
            .get_ok(
                &format!("/api/v1/invoice-candidates?basis=order&limit=5&cursor={c}"),
                "CandidatePage",
            )
            .await;
        ids.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap().to_owned()),
        );
        cursor = page["nextCursor"].as_str().map(str::to_owned);
    }
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no family twice");
    // cand-0026 was on the first page; the two used later are skipped, the rest all come.
    assert!(!ids.contains(&"cand-0001".to_owned()) && !ids.contains(&"cand-0005".to_owned()));
    assert_eq!(ids.len(), 26 - 2);
}
