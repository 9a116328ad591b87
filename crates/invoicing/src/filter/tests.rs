use proptest::prelude::*;

use super::*;
use crate::family::tests::candidate;
use crate::family::Family;
use crate::record::{FamilyRecord, Interner};

fn demo() -> InvoiceCandidate {
    let mut c = candidate("o1", "CLOUD", 10_000, &[-1_000]);
    c.business_id = "226103017153626".into();
    c.negatives[0].business_id = "AJ261115000309".into();
    c.billing_cycle = "2026-09".into();
    c.business_time = "2026-09-30T23:30:00+08:00".into();
    c
}

fn only(f: impl FnOnce(&mut CandidateFilter)) -> CandidateFilter {
    let mut filter = CandidateFilter::default();
    f(&mut filter);
    filter
}

#[test]
fn r04_an_empty_filter_matches_every_family() {
    assert!(CandidateFilter::default().is_empty());
    assert!(CandidateFilter::default().matches(&demo()));
}

#[test]
fn r04_each_filter_looks_at_the_original() {
    let c = demo();
    let yes_no = [
        (only(|f| f.issuer_id = Some("CLOUD".into())), true),
        (only(|f| f.issuer_id = Some("COMM".into())), false),
        (
            only(|f| f.status = Some(CandidateStatus::Invoiceable)),
            true,
        ),
        (
            only(|f| f.status = Some(CandidateStatus::NotInvoiceable)),
            false,
        ),
        (
            only(|f| f.account_ids = vec!["x".into(), c.account_id.clone()]),
            true,
        ),
        (only(|f| f.account_ids = vec!["x".into()]), false),
        (only(|f| f.product_code = Some("ecs".into())), true),
        (only(|f| f.product_code = Some("rds".into())), false),
    ];
    for (filter, want) in yes_no {
        assert_eq!(filter.matches(&c), want, "{filter:?}");
    }
}

#[test]
fn r04_billing_cycle_ranges_include_both_ends() {
    let c = demo();
    let range = |from: &str, to: &str| {
        only(|f| {
            f.billing_cycle_from = Some(from.into());
            f.billing_cycle_to = Some(to.into());
        })
    };
    assert!(range("2026-09", "2026-09").matches(&c));
    assert!(range("2026-08", "2026-10").matches(&c));
    assert!(!range("2026-10", "2026-12").matches(&c));
    assert!(!range("2026-01", "2026-08").matches(&c));
}

#[test]
fn r04_time_ranges_include_the_start_and_exclude_the_end() {
    let c = demo();
    let at = |s: &str| parse_rfc3339(s).unwrap();
    // The same instant written in UTC.
    let from = only(|f| f.business_time_from = Some(at("2026-09-30T15:30:00Z")));
    assert!(from.matches(&c));
    let to = only(|f| f.business_time_to = Some(at("2026-09-30T15:30:00Z")));
    assert!(!to.matches(&c));
    let to = only(|f| f.business_time_to = Some(at("2026-09-30T15:30:01Z")));
    assert!(to.matches(&c));
}

#[test]
fn r04_search_finds_a_family_by_a_negative_documents_number() {
    let c = demo();
    let q = |q: &str| only(|f| f.q = Some(q.into()));
    assert!(q("17153").matches(&c));
    assert!(
        q("aj2611").matches(&c),
        "case-insensitive, negative's number"
    );
    assert!(q("AJ2611").matches(&c), "capitals in the search text");
    assert!(!q("999999").matches(&c));
    assert!(q("AJ2611").normalized().matches(&c));
}

#[test]
fn r04_q_matches_ignoring_case_as_lower_casing_would() {
    assert!(contains_lowercase("RF261028101259", "rf2610"));
    assert!(contains_lowercase("BL202610000117", "l2026"));
    assert!(!contains_lowercase("RF261028101259", "rf2611"));
    assert!(!contains_lowercase("RF26", "rf261"));
    // Non-ASCII needles never match ASCII text; non-ASCII text is lower-cased.
    assert!(!contains_lowercase("RF26", "ｒｆ"));
    assert!(contains_lowercase("Ä-ORDER-7", "ä-order"));
    assert!(contains_lowercase("单号AB12", "ab1"));
}

#[test]
fn r04_reversed_or_malformed_ranges_are_refused() {
    let cycles = |from: &str, to: &str| {
        only(|f| {
            f.billing_cycle_from = Some(from.into());
            f.billing_cycle_to = Some(to.into());
        })
    };
    assert_eq!(
        cycles("2026-10", "2026-09").validate(),
        Err(FilterError::CyclesReversed)
    );
    assert_eq!(
        cycles("2026-9", "2026-09").validate(),
        Err(FilterError::MalformedCycle)
    );
    assert_eq!(cycles("2026-09", "2026-09").validate(), Ok(()));
    let times = only(|f| {
        f.business_time_from = parse_rfc3339("2026-10-02T00:00:00+08:00");
        f.business_time_to = parse_rfc3339("2026-10-01T00:00:00+08:00");
    });
    assert_eq!(times.validate(), Err(FilterError::TimesReversed));
}

#[test]
fn the_query_names_the_contracts_parameters() {
    let filter = only(|f| {
        f.issuer_id = Some("CLOUD".into());
        f.status = Some(CandidateStatus::NotInvoiceable);
        f.account_ids = vec!["a".into(), "b".into()];
        f.billing_cycle_from = Some("2026-08".into());
        f.q = Some("2261".into());
        f.business_time_from = parse_rfc3339("2026-10-01T00:00:00+08:00");
    });
    let query = filter.query();
    let has = |k: &str, v: &str| query.iter().any(|(a, b)| *a == k && b == v);
    assert!(has("issuerId", "CLOUD"));
    assert!(has("status", "not_invoiceable"));
    assert!(has("accountId", "a") && has("accountId", "b"));
    assert!(has("billingCycleFrom", "2026-08"));
    assert!(has("q", "2261"));
    assert!(has("businessTimeFrom", "2026-09-30T16:00:00Z"));
    assert_eq!(query.len(), 7);
}

fn arb_filter() -> impl Strategy<Value = CandidateFilter> {
    let cycle = prop::option::of(prop::sample::select(vec!["2026-08", "2026-09", "2026-10"]));
    (
        prop::option::of(prop::sample::select(vec!["CLOUD", "COMM"])),
        prop::option::of(prop::bool::ANY),
        prop::collection::vec(prop::sample::select(vec!["1", "2", "3"]), 0..3),
        cycle.clone(),
        cycle,
        prop::option::of(prop::sample::select(vec!["ecs", "rds"])),
        prop::option::of(prop::sample::select(vec!["226", "AJ", "rf1", "17", "Bo"])),
        prop::option::of(0i64..4),
    )
        .prop_map(
            |(issuer, status, accounts, from, to, product, q, day)| CandidateFilter {
                issuer_id: issuer.map(str::to_owned),
                status: status.map(|s| {
                    if s {
                        CandidateStatus::Invoiceable
                    } else {
                        CandidateStatus::NotInvoiceable
                    }
                }),
                account_ids: accounts.into_iter().map(str::to_owned).collect(),
                billing_cycle_from: from.map(str::to_owned),
                billing_cycle_to: to.map(str::to_owned),
                business_time_from: day
                    .and_then(|d| parse_rfc3339(&format!("2026-09-{:02}T00:00:00+08:00", 28 + d))),
                business_time_to: None,
                product_code: product.map(str::to_owned),
                q: q.map(str::to_owned),
            },
        )
}

fn arb_candidate() -> impl Strategy<Value = InvoiceCandidate> {
    (
        prop::sample::select(vec!["CLOUD", "COMM"]),
        prop::sample::select(vec!["1", "2", "3"]),
        prop::sample::select(vec!["2026-08", "2026-09", "2026-10"]),
        prop::sample::select(vec!["ecs", "rds"]),
        prop::bool::ANY,
        0u32..4,
        prop::collection::vec(-500i64..-1, 0..3),
    )
        .prop_map(|(issuer, account, cycle, product, ok, day, negatives)| {
            let mut c = candidate("o", issuer, 10_000, &negatives);
            c.account_id = account.into();
            c.billing_cycle = cycle.into();
            c.product_code = product.into();
            c.business_time = format!("2026-09-{:02}T00:00:00+08:00", 28 + day);
            c.business_id = format!("2261{day}AJ");
            if !ok {
                c.status = CandidateStatus::NotInvoiceable;
                c.not_invoiceable_reason_code = Some("ORDER_UNDER_REVIEW".into());
                c.not_invoiceable_reason = Some("审核中".into());
            }
            c
        })
}

proptest! {
    /// The grid decides on its compact records exactly as the backend decides on the wire
    /// candidates: one matcher, and records that keep everything it reads.
    #[test]
    fn r04_records_match_exactly_like_the_candidates_they_keep(
        filter in arb_filter(),
        c in arb_candidate(),
    ) {
        let record = FamilyRecord::new(Family::from_candidate(c.clone()).unwrap(), &mut Interner::default());
        let normalized = filter.clone().normalized();
        prop_assert_eq!(filter.matches(&c), filter.matches(&record));
        prop_assert_eq!(filter.matches(&c), normalized.matches(&record));
    }
}
