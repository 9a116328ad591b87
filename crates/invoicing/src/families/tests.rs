use super::*;
use crate::api::{CandidateStatus, InvoiceCandidate, NegativeDocument, NegativeKind};
use crate::family::tests::candidate;
use crate::money::Money;
use proptest::prelude::*;
use std::collections::HashSet;

fn family(id: &str, invoiceable: i64, negatives: &[i64]) -> Family {
    Family::from_candidate(candidate(id, "CLOUD", invoiceable, negatives)).unwrap()
}

fn loaded(pages: Vec<Vec<Family>>) -> Families {
    let mut f = Families::new();
    f.begin_load();
    for page in pages {
        f.append_page(page);
    }
    f.finish_load();
    f
}

fn blocked(mut c: InvoiceCandidate) -> Family {
    c.status = CandidateStatus::NotInvoiceable;
    c.not_invoiceable_reason_code = Some("ORDER_UNDER_REVIEW".into());
    Family::from_candidate(c).unwrap()
}

#[test]
fn r07_reload_with_a_new_negative_checks_it_with_its_original() {
    let mut f = loaded(vec![vec![family("a", 10000, &[-1000])]]);
    assert!(f.toggle(0));
    f.begin_load();
    f.append_page(vec![family("a", 10000, &[-1000, -2000])]);
    f.finish_load();
    let s = &f;
    assert!(s.is_document_checked("a-neg-1"), "the new negative joins");
    assert_eq!(s.totals().negative, Money::from_cents(-3000));
    assert_eq!(s.checked_document_ids(), ["a", "a-neg-0", "a-neg-1"]);
    assert!(f.take_dropped().is_empty());
}

#[test]
fn r07_reload_without_a_negative_drops_it_from_the_selection() {
    let mut f = loaded(vec![vec![family("a", 10000, &[-1000, -2000])]]);
    f.toggle(0);
    f.begin_load();
    f.append_page(vec![family("a", 10000, &[-1000])]);
    f.finish_load();
    assert!(!f.is_document_checked("a-neg-1"));
    assert_eq!(f.totals().net(), Money::from_cents(9000));
}

#[test]
fn r05_reload_unchecks_families_no_longer_invoiceable_and_counts_them() {
    let mut f = loaded(vec![vec![family("a", 100, &[]), family("b", 100, &[])]]);
    f.toggle(0);
    f.toggle(1);
    f.begin_load();
    f.append_page(vec![blocked(candidate("a", "CLOUD", 100, &[]))]);
    f.append_page(vec![family("b", 100, &[-100])]);
    f.finish_load();
    assert_eq!(
        f.take_dropped(),
        Dropped {
            not_checkable: 2,
            gone: 0
        }
    );
    assert!((f.totals().count == 0));
    assert_eq!(f.take_dropped(), Dropped::default(), "counted once");
}

#[test]
fn reload_unchecks_families_that_did_not_come_back_and_counts_them() {
    let mut f = loaded(vec![vec![family("a", 100, &[]), family("b", 200, &[])]]);
    f.toggle(0);
    f.toggle(1);
    f.begin_load();
    f.append_page(vec![family("b", 200, &[])]);
    assert_eq!(f.totals().count, 2, "a may still come on a later page");
    f.finish_load();
    assert_eq!(
        f.take_dropped(),
        Dropped {
            not_checkable: 0,
            gone: 1
        }
    );
    assert_eq!(f.totals().count, 1);
    assert!(f.is_checked(0));
}

#[test]
fn r09_select_all_checks_every_checkable_family_and_nothing_else() {
    let mut f = loaded(vec![vec![
        family("a", 100, &[-10]),
        family("zero", 100, &[-100]),
        blocked(candidate("n", "CLOUD", 100, &[])),
        family("b", 300, &[]),
    ]]);
    assert_eq!(f.checkable_count(), 2);
    assert_eq!(f.select_all(), 2);
    assert!(f.is_checked(0) && f.is_checked(3));
    assert!(!f.is_checked(1) && !f.is_checked(2));
    assert_eq!(f.select_all_state(), SelectAllState::All);
    f.toggle(0);
    assert_eq!(f.select_all_state(), SelectAllState::Some);
    f.clear();
    assert_eq!(f.select_all_state(), SelectAllState::None);
    assert_eq!(f.totals(), Totals::default());
}

#[test]
fn r09_select_all_while_loading_covers_the_pages_still_to_come() {
    let mut f = Families::new();
    f.begin_load();
    f.append_page(vec![family("a", 100, &[])]);
    assert_eq!(f.select_all(), 1);
    assert!(f.is_selecting_all());
    assert_eq!(f.select_all_state(), SelectAllState::All);
    f.append_page(vec![family("b", 200, &[]), family("z", 100, &[-100])]);
    f.finish_load();
    assert!(
        f.is_checked(1),
        "a family of a later page is checked on arrival"
    );
    assert!(!f.is_checked(2));
    assert_eq!(f.totals().positive, Money::from_cents(300));
    assert!(!f.is_selecting_all());
}

#[test]
fn r09_clear_while_loading_stops_select_all() {
    let mut f = Families::new();
    f.begin_load();
    f.append_page(vec![family("a", 100, &[])]);
    f.select_all();
    f.clear();
    f.append_page(vec![family("b", 200, &[])]);
    f.finish_load();
    assert!((f.totals().count == 0));
}

#[test]
fn r09_header_is_not_all_while_unseen_pages_may_hold_more() {
    let mut f = Families::new();
    f.begin_load();
    f.append_page(vec![family("a", 100, &[])]);
    f.toggle(0);
    assert_eq!(f.select_all_state(), SelectAllState::Some);
    f.finish_load();
    assert_eq!(f.select_all_state(), SelectAllState::All);
}

#[test]
fn a_family_listed_twice_keeps_its_first_place() {
    let f = loaded(vec![
        vec![family("a", 100, &[])],
        vec![family("a", 999, &[])],
    ]);
    assert_eq!(f.len(), 1);
    assert_eq!(f.get(0).unwrap().positive_amount(), Money::from_cents(100));
}

/// How a family may look in a later load.
#[derive(Clone, Debug)]
enum Change {
    Same,
    Gone,
    AddNegative(i64),
    RemoveNegative,
    AlterNegative(i64),
    Blocked,
    NewPositive(i64),
}

fn arb_change() -> impl Strategy<Value = Change> {
    prop_oneof![
        4 => Just(Change::Same),
        1 => Just(Change::Gone),
        2 => (-50_000i64..-1).prop_map(Change::AddNegative),
        2 => Just(Change::RemoveNegative),
        2 => (-50_000i64..-1).prop_map(Change::AlterNegative),
        1 => Just(Change::Blocked),
        1 => (0i64..200_000).prop_map(Change::NewPositive),
    ]
}

fn changed(c: &InvoiceCandidate, change: &Change) -> Option<InvoiceCandidate> {
    let mut c = c.clone();
    match change {
        Change::Same => {}
        Change::Gone => return None,
        Change::AddNegative(cents) => {
            let n = c.negatives.len();
            c.negatives.push(NegativeDocument {
                id: format!("{}-new-{n}", c.id),
                original_id: c.id.clone(),
                kind: NegativeKind::AllocationReduction,
                business_id: format!("AR{n}"),
                business_time: "2026-11-01T00:00:00+08:00".into(),
                amount: Money::from_cents(*cents),
            });
        }
        Change::RemoveNegative => {
            c.negatives.pop();
        }
        Change::AlterNegative(cents) => {
            if let Some(n) = c.negatives.first_mut() {
                n.amount = Money::from_cents(*cents);
            }
        }
        Change::Blocked => {
            c.status = CandidateStatus::NotInvoiceable;
            c.not_invoiceable_reason_code = Some("OTHER".into());
        }
        Change::NewPositive(cents) => {
            c.total_amount = Money::from_cents(*cents);
            c.invoiceable_amount = Money::from_cents(*cents);
        }
    }
    c.net_amount = c.invoiceable_amount + c.negatives.iter().map(|n| n.amount).sum::<Money>();
    Some(c)
}

fn arb_candidates() -> impl Strategy<Value = Vec<InvoiceCandidate>> {
    prop::collection::vec(
        (0i64..200_000, prop::collection::vec(-50_000i64..-1, 0..4)),
        1..10,
    )
    .prop_map(|specs| {
        specs
            .iter()
            .enumerate()
            .map(|(i, (p, n))| {
                let issuer = ["CLOUD", "COMM"][i % 2];
                candidate(&format!("c{i}"), issuer, *p, n)
            })
            .collect()
    })
}

proptest! {
    /// Reloads that add, remove and change negatives (and drop or block families) never leave
    /// the selection with a stale picture: after each reload every family is wholly in or out,
    /// only checkable ones are in, the totals equal a re-summation over the new pictures, and
    /// every checked family that was dropped is counted.
    #[test]
    fn r07_reloads_keep_whole_families_and_exact_totals(
        first in arb_candidates(),
        reloads in prop::collection::vec(
            (prop::collection::vec(arb_change(), 10), prop::collection::vec(any::<bool>(), 10), 1usize..4),
            1..4,
        ),
    ) {
        let mut current = first;
        let mut f = Families::new();
        f.begin_load();
        f.append_page(current.iter().cloned().map(|c| Family::from_candidate(c).unwrap()));
        f.finish_load();
        for (changes, clicks, page_size) in reloads {
            for (i, click) in clicks.iter().enumerate() {
                if *click && i < f.len() {
                    f.toggle(i);
                }
            }
            let before: HashSet<DocumentId> = f.checked_families().map(|fam| fam.id().to_owned()).collect();
            current = current
                .iter()
                .zip(changes.iter().cycle())
                .filter_map(|(c, change)| changed(c, change))
                .collect();
            let families: Vec<Family> = current
                .iter()
                .cloned()
                .map(|c| Family::from_candidate(c).unwrap())
                .collect();
            f.begin_load();
            for page in families.chunks(page_size) {
                f.append_page(page.to_vec());
            }
            f.finish_load();
            let dropped = f.take_dropped();

            let mut expected = Totals::default();
            let mut still = 0;
            for family in &families {
                let checked = f.is_family_checked(family.id());
                for id in family.document_ids() {
                    prop_assert_eq!(f.is_document_checked(id), checked, "R07 broken at {}", id);
                }
                if checked {
                    prop_assert!(family.checkability().is_checkable());
                    prop_assert!(before.contains(family.id()), "reload checked {} on its own", family.id());
                    expected.count += 1;
                    expected.positive += family.positive_amount();
                    expected.negative += family.negative_amount();
                    still += 1;
                }
            }
            prop_assert_eq!(f.totals(), expected);
            prop_assert_eq!(dropped.not_checkable + dropped.gone + still, before.len());
            let mut ids = f.checked_document_ids();
            ids.sort();
            let mut want: Vec<DocumentId> = families
                .iter()
                .filter(|fam| f.is_family_checked(fam.id()))
                .flat_map(|fam| fam.document_ids().cloned())
                .collect();
            want.sort();
            prop_assert_eq!(ids, want, "no negative of an old picture stays selected");
        }
    }
}

#[path = "filter_tests.rs"]
mod filter_tests;
