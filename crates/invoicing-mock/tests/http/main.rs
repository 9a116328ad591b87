//! The mock over real HTTP: each test starts its own server on `127.0.0.1:0` and checks the
//! answers against `shared/api/openapi.yaml`. Test names start with the rule they check.

mod harness;

mod applications;
mod balance;
mod candidates;
mod contract_changes;
mod contract_examples;
mod fault_rules;
mod faults;
mod file;
mod filter_agreement;
mod give_back;
mod idempotency;
mod language;
mod methods;
mod paging;
mod params;
mod preview;
mod records;
mod reference;
mod session;
mod spa;

/// The contract checker itself must refuse what the contract refuses, or the other tests prove nothing.
#[test]
fn contract_checker_refuses_wrong_shapes() {
    let refuses = |value: serde_json::Value, name: &str| {
        std::panic::catch_unwind(|| harness::assert_schema(&value, name)).is_err()
    };
    let totals = serde_json::json!({"checkableCount": 0, "invoiceableAmount": "0.00",
        "negativeAmount": "0.00", "netAmount": "0.00", "currency": "CNY"});
    harness::assert_schema(&totals, "CandidateTotals");
    let mut float = totals.clone();
    float["netAmount"] = serde_json::from_str("0.00").unwrap();
    assert!(refuses(float, "CandidateTotals"));
    let mut missing = totals.clone();
    missing.as_object_mut().unwrap().remove("currency");
    assert!(refuses(missing, "CandidateTotals"));
    assert!(refuses(
        serde_json::json!({"items": [], "nextCursor": null, "totalCount": 0, "totals": {}}),
        "CandidatePage"
    ));
    assert!(refuses(
        serde_json::json!({"type": "/problems/x", "title": "t", "status": 400, "detail": "d",
            "code": "NO_SUCH_CODE", "errors": []}),
        "Problem"
    ));
}
