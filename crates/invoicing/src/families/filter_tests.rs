//! The filter over loaded families: what it hides stays selected, select all and its header
//! state are about what it shows (R04, R09).

use super::*;
use crate::filter::CandidateFilter;

fn of(id: &str, issuer: &str, account: &str, cents: i64) -> Family {
    let mut c = candidate(id, issuer, cents, &[]);
    c.account_id = account.into();
    Family::from_candidate(c).unwrap()
}

fn entity(id: &str) -> CandidateFilter {
    CandidateFilter {
        issuer_id: Some(id.into()),
        ..CandidateFilter::default()
    }
}

fn sample() -> Families {
    loaded(vec![vec![
        of("a", "CLOUD", "1", 1000),
        of("b", "COMM", "1", 2000),
        of("c", "CLOUD", "2", 4000),
        blocked(candidate("d", "CLOUD", 8000, &[])),
    ]])
}

#[test]
fn r04_families_hidden_by_the_filter_stay_selected_and_in_the_totals() {
    let mut f = sample();
    f.toggle(1);
    f.set_filter(entity("CLOUD"));
    assert!(!f.is_matching(1));
    assert!(f.is_checked(1));
    assert_eq!(f.hidden_checked_count(), 1);
    assert_eq!(f.totals().net(), Money::from_cents(2000));
    assert_eq!(f.matching_count(), 3);
    f.set_filter(CandidateFilter::default());
    assert_eq!(f.hidden_checked_count(), 0);
}

#[test]
fn r09_select_all_checks_the_checkable_families_the_filter_shows_only() {
    let mut f = sample();
    f.set_filter(entity("CLOUD"));
    assert_eq!(f.matching_checkable_count(), 2);
    assert_eq!(f.select_all(), 2);
    assert!(f.is_checked(0) && f.is_checked(2));
    assert!(!f.is_checked(1), "another entity's family stays unchecked");
    assert!(
        !f.is_checked(3),
        "a non-invoiceable family is never checked"
    );
    assert_eq!(f.select_all_state(), SelectAllState::All);
    f.set_filter(CandidateFilter::default());
    assert_eq!(f.select_all_state(), SelectAllState::Some);
}

#[test]
fn r09_the_header_shows_the_state_of_the_filtered_families() {
    let mut f = sample();
    f.toggle(1);
    f.set_filter(entity("CLOUD"));
    assert_eq!(
        f.select_all_state(),
        SelectAllState::None,
        "only a hidden one is checked"
    );
    f.toggle(0);
    assert_eq!(f.select_all_state(), SelectAllState::Some);
    f.clear();
    assert_eq!(f.totals().count, 0, "clear takes hidden families out too");
    assert_eq!(f.hidden_checked_count(), 0);
}

#[test]
fn r09_select_all_while_loading_checks_later_pages_only_where_the_filter_matches() {
    let mut f = Families::new();
    f.begin_load();
    f.set_filter(entity("COMM"));
    f.append_page(vec![of("a", "COMM", "1", 100)]);
    f.select_all();
    f.append_page(vec![of("b", "CLOUD", "1", 100), of("c", "COMM", "2", 100)]);
    f.finish_load();
    assert!(f.is_checked(0) && f.is_checked(2));
    assert!(!f.is_checked(1));
}

#[test]
fn r12_totals_are_kept_per_entity_and_account_for_arrears() {
    let mut f = loaded(vec![vec![
        of("a", "CLOUD", "2", 1000),
        of("b", "CLOUD", "1", 2000),
        of("c", "CLOUD", "2", 4000),
        of("d", "COMM", "1", 8000),
    ]]);
    f.select_all();
    let lines: Vec<(String, String, Money)> = f
        .totals_by_issuer_account()
        .into_iter()
        .map(|(i, a, t)| (i.clone(), a.clone(), t.net()))
        .collect();
    let line = |i: &str, a: &str, cents| (i.to_owned(), a.to_owned(), Money::from_cents(cents));
    assert_eq!(
        lines,
        [
            line("CLOUD", "1", 2000),
            line("CLOUD", "2", 5000),
            line("COMM", "1", 8000)
        ]
    );
    let by_issuer = f.totals_by_issuer();
    assert_eq!(by_issuer[0].1.net(), Money::from_cents(7000));
    assert_eq!(by_issuer[0].1.count, 3);
}

fn arb_family() -> impl Strategy<Value = (String, String, i64, bool)> {
    (
        prop::sample::select(vec!["CLOUD", "COMM"]),
        prop::sample::select(vec!["1", "2"]),
        -100i64..1000,
        prop::bool::weighted(0.8),
    )
        .prop_map(|(i, a, n, ok)| (i.to_owned(), a.to_owned(), n, ok))
}

proptest! {
    /// Whatever is toggled, filtered and selected, the filter's counts are those of a plain
    /// count over the list, select all checks exactly the checkable families the filter
    /// shows, and hidden families are never unchecked by it.
    #[test]
    fn r09_filtered_counts_and_select_all_agree_with_a_plain_count(
        specs in prop::collection::vec(arb_family(), 1..30),
        toggles in prop::collection::vec(0usize..30, 0..10),
        issuer in prop::option::of(prop::sample::select(vec!["CLOUD", "COMM"])),
        account in prop::option::of(prop::sample::select(vec!["1", "2"])),
    ) {
        let families: Vec<Family> = specs
            .iter()
            .enumerate()
            .map(|(k, (i, a, cents, ok))| {
                let mut c = candidate(&format!("f{k}"), i, 1000, &[]);
                c.account_id = a.clone();
                if *cents <= 0 {
                    c = candidate(&format!("f{k}"), i, 100, &[-100]);
                    c.account_id = a.clone();
                }
                if *ok { Family::from_candidate(c).unwrap() } else { blocked(c) }
            })
            .collect();
        let mut f = loaded(vec![families]);
        for t in toggles {
            f.toggle(t % f.len());
        }
        let before: Vec<bool> = (0..f.len()).map(|i| f.is_checked(i)).collect();
        let filter = CandidateFilter {
            issuer_id: issuer.map(str::to_owned),
            account_ids: account.into_iter().map(str::to_owned).collect(),
            ..CandidateFilter::default()
        };
        f.set_filter(filter.clone());
        let shown: Vec<bool> = (0..f.len()).map(|i| filter.matches(&**f.get(i).unwrap())).collect();
        prop_assert_eq!(f.matching_count(), shown.iter().filter(|s| **s).count());
        let hidden = (0..f.len()).filter(|&i| before[i] && !shown[i]).count();
        prop_assert_eq!(f.hidden_checked_count(), hidden);
        f.select_all();
        for i in 0..f.len() {
            let checkable = f.get(i).unwrap().is_checkable();
            let want = if shown[i] { checkable } else { before[i] };
            prop_assert_eq!(f.is_checked(i), want, "family {}", i);
        }
        prop_assert_eq!(f.hidden_checked_count(), hidden);
        let checked_net: Money = (0..f.len())
            .filter(|&i| f.is_checked(i))
            .map(|i| f.get(i).unwrap().net_amount())
            .sum();
        prop_assert_eq!(f.totals().net(), checked_net);
    }
}
