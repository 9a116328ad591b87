//! The draft checks: one offence per broken rule, in the contract's order of codes.

use super::*;
use crate::api::{Account, CandidateStatus};
use crate::family::tests::candidate;

const CLOUD: &str = "CLOUD_SERVICE";

fn ids(list: &[&str]) -> Vec<DocumentId> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// `o1` (order, two negatives, net 100.00), `o2` (order, not invoiceable), `o3` (order, net
/// zero), `b1` (bill).
fn families() -> Vec<Family> {
    let mut o2 = candidate("o2", CLOUD, 10_000, &[]);
    o2.status = CandidateStatus::NotInvoiceable;
    o2.not_invoiceable_reason_code = Some("OTHER".into());
    o2.not_invoiceable_reason = Some("x".into());
    let mut b1 = candidate("b1", CLOUD, 10_000, &[]);
    b1.basis = Basis::Bill;
    [
        candidate("o1", CLOUD, 30_000, &[-10_000, -10_000]),
        o2,
        candidate("o3", CLOUD, 10_000, &[-10_000]),
        b1,
    ]
    .into_iter()
    .map(|c| Family::from_candidate(c).unwrap())
    .collect()
}

fn codes(offences: &[Offence]) -> Vec<(&'static str, Option<String>)> {
    offences.iter().map(|o| (o.code(), o.field())).collect()
}

#[test]
fn r07_whole_families_pass() {
    let fams = families();
    let index = DocumentIndex::new(&fams);
    let got =
        check_candidates(Basis::Order, &ids(&["o1-neg-1", "o1", "o1-neg-0"]), &index).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].id(), "o1");
}

#[test]
fn r07_negative_without_original_and_original_without_negatives() {
    let fams = families();
    let index = DocumentIndex::new(&fams);
    let refused = check_candidates(Basis::Order, &ids(&["o1-neg-0"]), &index).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("NEGATIVE_WITHOUT_ORIGINAL", Some("/candidateIds/0".into()))]
    );
    let refused = check_candidates(Basis::Order, &ids(&["o1", "o1-neg-1"]), &index).unwrap_err();
    assert_eq!(
        refused,
        [Offence::OriginalWithoutNegatives {
            index: 0,
            id: "o1".into(),
            missing: "o1-neg-0".into()
        }]
    );
}

#[test]
fn every_offence_is_listed_in_the_contracts_order_of_codes() {
    let fams = families();
    let index = DocumentIndex::new(&fams).with_used(["gone".to_owned()]);
    let refused = check_candidates(
        Basis::Order,
        &ids(&["o3", "o3-neg-0", "o2", "b1", "nope", "gone", "o1-neg-0"]),
        &index,
    )
    .unwrap_err();
    assert_eq!(
        codes(&refused),
        [
            ("CANDIDATE_NOT_FOUND", Some("/candidateIds/4".into())),
            ("BASIS_MISMATCH", Some("/candidateIds/3".into())),
            ("CANDIDATE_ALREADY_INVOICED", Some("/candidateIds/5".into())),
            ("CANDIDATE_NOT_INVOICEABLE", Some("/candidateIds/2".into())),
            ("NEGATIVE_WITHOUT_ORIGINAL", Some("/candidateIds/6".into())),
            ("NET_NOT_POSITIVE", Some("/candidateIds/0".into())),
        ]
    );
}

#[test]
fn r01_unverified_accounts_are_refused_first() {
    let fams = families();
    let index = DocumentIndex::new(&fams);
    let draft = ApplicationDraft::by_candidates(Basis::Order, ids(&["nope"]), Mode::Consolidated);
    let book = ArrearsBook::new(&Vec::<Account>::new(), false);
    let refused = check_draft(&draft, RealNameStatus::Unverified, &index, &book).unwrap_err();
    assert_eq!(refused, [Offence::RealNameRequired]);
}

#[test]
fn r15_mode_is_checked_once_the_documents_are_fine() {
    let fams = families();
    let index = DocumentIndex::new(&fams);
    let book = ArrearsBook::new(&Vec::<Account>::new(), false);
    let draft = ApplicationDraft::by_candidates(Basis::Bill, ids(&["b1"]), Mode::Consolidated);
    let refused = check_draft(&draft, RealNameStatus::Enterprise, &index, &book).unwrap_err();
    assert_eq!(
        codes(&refused),
        [("MODE_NOT_APPLICABLE", Some("/mode".into()))]
    );
    let draft = ApplicationDraft::by_candidates(Basis::Bill, ids(&["b1"]), Mode::Independent);
    let split = check_draft(&draft, RealNameStatus::Enterprise, &index, &book).unwrap();
    assert_eq!(split.total(), Money::from_cents(10_000));
}

#[test]
fn r11_by_amount_above_the_balance_is_refused_with_the_available_amount() {
    let fams = families();
    let index = DocumentIndex::new(&fams);
    let book = ArrearsBook::new(&Vec::<Account>::new(), false);
    let account = fams[0].original().account_id.clone();
    // Checkable: o1 (100.00) and b1 (100.00).
    let draft = ApplicationDraft::by_amount(
        CLOUD.into(),
        vec![account.clone()],
        Money::from_cents(20_001),
        Mode::Independent,
    );
    let refused = check_draft(&draft, RealNameStatus::Individual, &index, &book).unwrap_err();
    assert_eq!(
        refused,
        [Offence::AmountExceedsBalance {
            issuer_id: CLOUD.into(),
            available: Money::from_cents(20_000)
        }]
    );
    let draft = ApplicationDraft::by_amount(
        CLOUD.into(),
        vec![account],
        Money::from_cents(20_000),
        Mode::Independent,
    );
    let split = check_draft(&draft, RealNameStatus::Individual, &index, &book).unwrap();
    assert_eq!(split.total(), Money::from_cents(20_000));
}
