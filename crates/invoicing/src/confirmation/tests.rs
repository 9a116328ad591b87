//! The confirmation's decisions (R15, R16, R23), by example and by property.

use proptest::prelude::*;

use super::*;

fn invoice(issuer: &str, tax: &str, accounts: &[&str], cents: i64) -> PlannedInvoice {
    PlannedInvoice {
        issuer_id: issuer.into(),
        tax_rate: TaxRate::try_from(tax.to_owned()).unwrap(),
        account_ids: accounts.iter().map(|a| (*a).to_owned()).collect(),
        amount: Money::from_cents(cents),
    }
}

fn error(code: &str, candidate: Option<&str>) -> ProblemError {
    ProblemError {
        field: Some("/candidateIds/0".into()),
        code: code.into(),
        message: String::new(),
        candidate_id: candidate.map(str::to_owned),
        account_id: None,
        issuer_id: None,
        amount: None,
    }
}

#[test]
fn r15_the_mode_is_offered_only_for_records_of_two_accounts() {
    assert!(!offers_mode_choice([]));
    assert!(!offers_mode_choice(["a", "a", "a"]));
    assert!(offers_mode_choice(["a", "a", "b"]));
}

#[test]
fn r16_equal_splits_in_any_order_do_not_differ() {
    let a = invoice("CLOUD", "0.06", &["1", "2"], 1_093_160);
    let b = invoice("CLOUD", "0.13", &["1"], 179_800);
    let b_other_order = PlannedInvoice {
        account_ids: vec!["1".into()],
        ..b.clone()
    };
    assert!(compare_splits(&[a.clone(), b.clone()], &[b_other_order, a]).is_empty());
}

#[test]
fn r16_every_difference_is_named_with_both_amounts() {
    let ours = [
        invoice("CLOUD", "0.06", &["1"], 1_000),
        invoice("CLOUD", "0.13", &["1"], 500),
    ];
    let server = [
        invoice("CLOUD", "0.06", &["1"], 999),
        invoice("COMM", "0.06", &["1"], 700),
    ];
    assert_eq!(
        compare_splits(&ours, &server),
        vec![
            SplitDifference::Amount {
                server: server[0].clone(),
                ours: Money::from_cents(1_000),
            },
            SplitDifference::OnlyOurs(ours[1].clone()),
            SplitDifference::OnlyServer(server[1].clone()),
        ]
    );
}

#[test]
fn r23_records_named_by_droppable_codes_are_listed_once() {
    let errors = [
        error("CANDIDATE_ALREADY_INVOICED", Some("cand-1")),
        error("ARREARS_NOT_COVERED", None),
        error("CANDIDATE_NOT_FOUND", Some("cand-2")),
        error("CANDIDATE_ALREADY_INVOICED", Some("cand-1")),
        error("MODE_NOT_APPLICABLE", Some("cand-3")),
    ];
    assert_eq!(droppable_candidates(&errors), ["cand-1", "cand-2"]);
    assert!(is_droppable("NET_NOT_POSITIVE") && is_droppable("CANDIDATE_NOT_FOUND"));
    assert!(!is_droppable("REAL_NAME_REQUIRED") && !is_droppable("MODE_NOT_APPLICABLE"));
}

#[test]
fn r23_an_invoices_field_is_found_by_its_pointer() {
    assert_eq!(invoice_field("/invoices/1/emails/0"), Some((1, "emails/0")));
    assert_eq!(invoice_field("/invoices/2/titleId"), Some((2, "titleId")));
    assert_eq!(invoice_field("/invoices/0"), Some((0, "")));
    assert_eq!(invoice_field("/candidateIds/0"), None);
    assert_eq!(invoice_field("/invoices/x/amount"), None);
}

proptest! {
    /// R16: a split never differs from itself reordered, and changing one amount is exactly one
    /// difference naming both amounts.
    #[test]
    fn r16_one_changed_amount_is_one_difference(
        cents in prop::collection::vec(1i64..10_000_000, 1..6),
        pick in any::<prop::sample::Index>(),
        delta in 1i64..1_000,
    ) {
        let split: Vec<PlannedInvoice> = cents
            .iter()
            .enumerate()
            .map(|(i, c)| invoice("CLOUD", "0.06", &[&format!("acc{i}")], *c))
            .collect();
        let mut reversed = split.clone();
        reversed.reverse();
        prop_assert!(compare_splits(&split, &reversed).is_empty());
        let at = pick.index(split.len());
        let mut changed = split.clone();
        changed[at].amount = Money::from_cents(cents[at] + delta);
        prop_assert_eq!(
            compare_splits(&split, &changed),
            vec![SplitDifference::Amount { server: changed[at].clone(), ours: split[at].amount }]
        );
    }
}
