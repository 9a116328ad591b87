//! The e2e fixture keeps the contract's invariants and the figures the tests expect of it.

use invoicing::api::InvoiceCandidate;
use invoicing::{Family, Selection};
use invoicing_e2e::fixture::*;

fn families() -> Vec<Family> {
    let text = std::fs::read_to_string(PATH).expect("the e2e fixture");
    let data: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let candidates: Vec<InvoiceCandidate> =
        serde_json::from_value(data["candidates"].clone()).expect("candidates of the contract");
    candidates
        .into_iter()
        .map(|c| Family::from_candidate(c).expect("a family that keeps the contract"))
        .collect()
}

fn family<'a>(families: &'a [Family], id: &str) -> &'a Family {
    families
        .iter()
        .find(|f| f.id() == id)
        .expect("in the fixture")
}

#[test]
fn fixture_figures_match_what_the_tests_expect() {
    let families = families();
    let net = |id| family(&families, id).net_amount().format_cny();
    assert_eq!(net(WITH_TWO_NEGATIVES), WITH_TWO_NEGATIVES_NET);
    assert_eq!(net(WITHOUT_NEGATIVES), WITHOUT_NEGATIVES_NET);
    assert_eq!(net(PARTLY_INVOICED), PARTLY_INVOICED_NET);
    assert_eq!(net(NET_ZERO), "¥0.00");
    let two = family(&families, WITH_TWO_NEGATIVES);
    assert_eq!(
        two.positive_amount().format_cny(),
        WITH_TWO_NEGATIVES_POSITIVE
    );
    assert_eq!(
        two.negative_amount().format_cny(),
        WITH_TWO_NEGATIVES_NEGATIVE
    );
    let ids: Vec<&str> = two.negatives().iter().map(|n| n.id.as_str()).collect();
    let expected: Vec<&str> = WITH_TWO_NEGATIVES_NEGATIVES.iter().map(|n| n.id).collect();
    assert_eq!(ids, expected);
    for (negative, shown) in two.negatives().iter().zip(WITH_TWO_NEGATIVES_NEGATIVES) {
        assert_eq!(negative.amount.format_cny(), shown.amount);
        assert_eq!(negative.business_id, shown.number);
        assert!(negative.business_time.starts_with(shown.date));
    }
}

#[test]
fn fixture_has_the_families_each_rule_needs() {
    let families = families();
    let checkable = |id| family(&families, id).checkability().is_checkable();
    assert!(
        checkable(WITH_TWO_NEGATIVES) && checkable(WITHOUT_NEGATIVES) && checkable(PARTLY_INVOICED)
    );
    assert!(!checkable(NOT_INVOICEABLE), "R05");
    assert!(!checkable(NET_ZERO), "R08");

    let mut selection = Selection::new();
    for id in [WITH_TWO_NEGATIVES, PARTLY_INVOICED, WITHOUT_NEGATIVES] {
        selection.check(family(&families, id)).unwrap();
    }
    assert_eq!(selection.totals().net().format_cny(), ALL_THREE_NET);
    let by_entity: Vec<(String, String)> = selection
        .totals_by_issuer()
        .map(|(issuer, t)| (issuer.clone(), t.net().format_cny()))
        .collect();
    assert_eq!(
        by_entity,
        [
            (
                CLOUD_SERVICE.to_string(),
                CLOUD_SERVICE_PAIR_NET.to_string()
            ),
            (COMM_SERVICE.to_string(), WITHOUT_NEGATIVES_NET.to_string())
        ]
    );
}
