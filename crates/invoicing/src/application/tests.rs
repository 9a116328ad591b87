//! The wire types against the contract's examples (copied from `openapi.yaml` as JSON): each
//! example reads into the type and writes back to the same JSON value.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

use super::*;

/// Reads `example` into `T` and checks that writing it gives the same JSON value back.
fn round_trip<T: Serialize + DeserializeOwned>(example: Value) -> T {
    let parsed: T = serde_json::from_value(example.clone()).expect("the example reads");
    assert_eq!(serde_json::to_value(&parsed).unwrap(), example);
    parsed
}

fn by_order_invoices() -> Value {
    json!([
        {"issuerId": "CLOUD_SERVICE", "taxRate": "0.06",
         "accountIds": ["1469318753028467", "1570429864139578"], "amount": "10931.60"},
        {"issuerId": "CLOUD_SERVICE", "taxRate": "0.13",
         "accountIds": ["1469318753028467"], "amount": "1798.00"},
        {"issuerId": "COMM_SERVICE", "taxRate": "0.06",
         "accountIds": ["1358207642917356"], "amount": "1000.00"}
    ])
}

#[test]
fn draft_by_order_example_round_trips() {
    let d: ApplicationDraft = round_trip(json!({
        "basis": "order",
        "candidateIds": ["cand-0020", "neg-0013", "neg-0014", "cand-0019", "cand-0012", "cand-0022", "cand-0024"],
        "mode": "consolidated"
    }));
    assert_eq!(d.basis, ApplicationBasis::Order);
    assert_eq!(d.mode, Mode::Consolidated);
    assert_eq!(d.candidate_ids.as_ref().unwrap().len(), 7);
    assert_eq!(d.issuer_id, None);
    let again = ApplicationDraft::by_candidates(
        Basis::Order,
        d.candidate_ids.clone().unwrap(),
        Mode::Consolidated,
    );
    assert_eq!(again, d);
}

#[test]
fn draft_by_amount_example_round_trips() {
    let d: ApplicationDraft = round_trip(json!({
        "basis": "amount", "issuerId": "COMM_SERVICE", "accountIds": ["1358207642917356"],
        "amount": "3000.00", "mode": "independent"
    }));
    assert_eq!(d.amount, Some(Money::from_cents(300_000)));
    assert_eq!(d.basis.candidates(), None);
    let again = ApplicationDraft::by_amount(
        "COMM_SERVICE".into(),
        vec!["1358207642917356".into()],
        Money::from_cents(300_000),
        Mode::Independent,
    );
    assert_eq!(again, d);
}

#[test]
fn preview_examples_round_trip() {
    let p: ApplicationPreview = round_trip(json!({
        "basis": "order", "mode": "consolidated", "currency": "CNY", "totalAmount": "13729.60",
        "issuers": [
            {"issuerId": "CLOUD_SERVICE", "selectedNetAmount": "14016.00",
             "arrearsAmount": "1286.40", "invoiceAmount": "12729.60"},
            {"issuerId": "COMM_SERVICE", "selectedNetAmount": "1000.00",
             "arrearsAmount": "0.00", "invoiceAmount": "1000.00"}
        ],
        "invoices": by_order_invoices()
    }));
    let sum: Money = p.invoices.iter().map(|i| i.amount).sum();
    assert_eq!(sum, p.total_amount);
    assert_eq!(p.invoices[1].tax_rate.as_str(), "0.13");

    let a: ApplicationPreview = round_trip(json!({
        "basis": "amount", "mode": "independent", "currency": "CNY", "totalAmount": "3000.00",
        "issuers": [{"issuerId": "COMM_SERVICE", "selectedNetAmount": null,
                     "arrearsAmount": "0.00", "invoiceAmount": "3000.00"}],
        "invoices": [{"issuerId": "COMM_SERVICE", "taxRate": "0.06",
                      "accountIds": ["1358207642917356"], "amount": "3000.00"}]
    }));
    assert_eq!(a.issuers[0].selected_net_amount, None);
}

#[test]
fn application_request_examples_round_trip() {
    let r: ApplicationRequest = round_trip(json!({
        "basis": "order",
        "candidateIds": ["cand-0020", "neg-0013", "neg-0014", "cand-0019", "cand-0012", "cand-0022", "cand-0024"],
        "mode": "consolidated",
        "invoices": [
            {"issuerId": "CLOUD_SERVICE", "taxRate": "0.06",
             "accountIds": ["1469318753028467", "1570429864139578"], "amount": "10931.60",
             "titleId": "ttl-1001", "invoiceType": "special_electronic",
             "emails": ["finance@qinghe-data.example"]},
            {"issuerId": "CLOUD_SERVICE", "taxRate": "0.13", "accountIds": ["1469318753028467"],
             "amount": "1798.00", "titleId": "ttl-1001", "invoiceType": "special_paper",
             "addressId": "adr-2001"},
            {"issuerId": "COMM_SERVICE", "taxRate": "0.06", "accountIds": ["1358207642917356"],
             "amount": "1000.00", "titleId": "ttl-1001", "invoiceType": "general_electronic",
             "emails": ["finance@qinghe-data.example", "lixiaoting@qinghe-data.example"]}
        ],
        "remark": "2026年10月研发中心与华南市场部云资源费用"
    }));
    assert_eq!(r.draft.mode, Mode::Consolidated);
    assert_eq!(r.invoices[1].invoice_type, InvoiceType::SpecialPaper);
    assert!(r.invoices[1].invoice_type.is_paper());
    assert_eq!(r.invoices[1].address_id.as_deref(), Some("adr-2001"));
    assert_eq!(r.invoices[1].emails, None);
    let planned: Vec<PlannedInvoice> = r.invoices.iter().map(|i| i.planned.clone()).collect();
    assert_eq!(serde_json::to_value(planned).unwrap(), by_order_invoices());

    let a: ApplicationRequest = round_trip(json!({
        "basis": "amount", "issuerId": "COMM_SERVICE", "accountIds": ["1358207642917356"],
        "amount": "3000.00", "mode": "independent",
        "invoices": [{"issuerId": "COMM_SERVICE", "taxRate": "0.06",
                      "accountIds": ["1358207642917356"], "amount": "3000.00",
                      "titleId": "ttl-1001", "invoiceType": "general_electronic",
                      "emails": ["finance@qinghe-data.example"]}]
    }));
    assert_eq!(a.remark, None);
    assert_eq!(a.draft.basis, ApplicationBasis::Amount);
}

#[test]
fn application_created_example_round_trips() {
    let c: ApplicationCreated = round_trip(json!({
        "applicationId": "app-20261126-0007", "createdAt": "2026-11-26T14:32:08+08:00",
        "basis": "order", "mode": "consolidated", "currency": "CNY",
        "invoices": [
            {"invoiceId": "inv-20261126-0007", "issuerId": "CLOUD_SERVICE", "taxRate": "0.06",
             "accountIds": ["1469318753028467", "1570429864139578"], "amount": "10931.60",
             "status": "pending"},
            {"invoiceId": "inv-20261126-0008", "issuerId": "CLOUD_SERVICE", "taxRate": "0.13",
             "accountIds": ["1469318753028467"], "amount": "1798.00", "status": "pending"},
            {"invoiceId": "inv-20261126-0009", "issuerId": "COMM_SERVICE", "taxRate": "0.06",
             "accountIds": ["1358207642917356"], "amount": "1000.00", "status": "pending"}
        ]
    }));
    assert!(c
        .invoices
        .iter()
        .all(|i| i.status == InvoiceStatus::Pending));
}

#[test]
fn stale_amounts_example_round_trips_with_expected_invoices() {
    let p: ApplicationProblem = round_trip(json!({
        "type": "/problems/stale-amounts", "title": "Amounts have changed", "status": 422,
        "detail": "青禾数据-研发中心 now owes ¥1,286.40 to 星舟云计算（杭州）有限公司, which is deducted from the invoices. Review the new amounts and submit again.",
        "code": "STALE_AMOUNTS",
        "errors": [{"field": "/invoices/0/amount", "code": "STALE_AMOUNTS",
                    "message": "This invoice is now ¥10,931.60, not ¥12,218.00.",
                    "issuerId": "CLOUD_SERVICE", "amount": "10931.60"}],
        "expectedInvoices": by_order_invoices()
    }));
    assert_eq!(p.problem.code, "STALE_AMOUNTS");
    assert_eq!(p.expected_invoices.unwrap().len(), 3);

    let plain: ApplicationProblem = round_trip(json!({
        "type": "/problems/real-name-required", "title": "需要实名认证", "status": 422,
        "detail": "当前账号尚未完成实名认证，完成认证后才能申请发票。",
        "code": "REAL_NAME_REQUIRED", "errors": []
    }));
    assert_eq!(plain.expected_invoices, None);
}

#[test]
fn enums_write_the_contract_values() {
    for t in InvoiceType::ALL {
        assert_eq!(serde_json::to_value(t).unwrap(), json!(t.as_str()));
    }
    for m in [Mode::Independent, Mode::Consolidated] {
        assert_eq!(serde_json::to_value(m).unwrap(), json!(m.as_str()));
    }
    for b in [
        ApplicationBasis::Order,
        ApplicationBasis::Bill,
        ApplicationBasis::Amount,
    ] {
        assert_eq!(serde_json::to_value(b).unwrap(), json!(b.as_str()));
    }
    assert!(serde_json::from_value::<Mode>(json!("joint")).is_err());
}
