use proptest::prelude::*;

use super::*;
use crate::api::{Arrears, Currency};

const CLOUD: &str = "CLOUD_SERVICE";
const COMM: &str = "COMMUNICATION";
const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";
const SOUTH: &str = "1570429864139578";

fn yuan(s: &str) -> Money {
    Money::parse_contract(s).unwrap()
}

fn account(id: &str, arrears: &[(&str, &str)]) -> Account {
    Account {
        id: id.to_owned(),
        name: format!("account {id}"),
        arrears: arrears
            .iter()
            .map(|(issuer, amount)| Arrears {
                issuer_id: (*issuer).to_owned(),
                amount: yuan(amount),
                currency: Currency::Cny,
            })
            .collect(),
    }
}

/// The demo's enterprise: the R&D centre owes ¥1,286.40 to the cloud entity.
fn demo_accounts() -> Vec<Account> {
    vec![
        account(MAIN, &[]),
        account(RND, &[(CLOUD, "1286.40")]),
        account(SOUTH, &[]),
    ]
}

fn selected(issuer: &str, account: &str, net: &str) -> (IssuerId, AccountId, Totals) {
    (
        issuer.to_owned(),
        account.to_owned(),
        Totals {
            count: 1,
            positive: yuan(net),
            negative: Money::ZERO,
        },
    )
}

fn settle_one(offsetting: bool, sel: &[(IssuerId, AccountId, Totals)]) -> IssuerSettlement {
    let mut all = ArrearsBook::new(&demo_accounts(), offsetting).settle(sel);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn r12_amount_to_invoice_is_the_selected_net_minus_the_arrears() {
    let s = settle_one(false, &[selected(CLOUD, RND, "5000.00")]);
    assert_eq!(s.selected_net(), yuan("5000.00"));
    assert_eq!(s.arrears(), yuan("1286.40"));
    assert_eq!(s.amount_to_invoice(), yuan("3713.60"));
    assert!(s.is_covered());
    assert!(s.shortfalls().is_empty());
}

#[test]
fn r12_a_net_equal_to_the_arrears_is_not_enough() {
    let s = settle_one(false, &[selected(CLOUD, RND, "1286.40")]);
    assert!(!s.is_covered());
    assert_eq!(s.shortfalls()[0].more, Money::ZERO);
    assert_eq!(s.amount_to_invoice(), Money::ZERO);
    let s = settle_one(false, &[selected(CLOUD, RND, "1286.41")]);
    assert!(s.is_covered());
    assert_eq!(s.amount_to_invoice(), yuan("0.01"));
}

#[test]
fn r12_an_uncovered_pool_says_how_much_more_must_be_selected() {
    // The contract's ARREARS_NOT_COVERED example: ¥1,286.40 owed, ¥1,080.00 selected.
    let s = settle_one(false, &[selected(CLOUD, RND, "1080.00")]);
    assert_eq!(
        s.shortfalls(),
        vec![Shortfall {
            issuer_id: CLOUD.to_owned(),
            account_ids: vec![RND.to_owned()],
            arrears: yuan("1286.40"),
            selected_net: yuan("1080.00"),
            more: yuan("206.40"),
            pooled: false,
        }]
    );
    assert_eq!(s.amount_to_invoice(), Money::ZERO);
}

#[test]
fn r12_arrears_to_another_entity_do_not_count() {
    let s = settle_one(false, &[selected(COMM, RND, "10.00")]);
    assert_eq!(s.issuer_id, COMM);
    assert_eq!(s.arrears(), Money::ZERO);
    assert_eq!(s.amount_to_invoice(), yuan("10.00"));
}

#[test]
fn r12_entries_that_count_no_family_are_ignored() {
    let mut empty = selected(CLOUD, RND, "0.00");
    empty.2.count = 0;
    assert!(ArrearsBook::new(&demo_accounts(), false)
        .settle(&[empty])
        .is_empty());
}

#[test]
fn r12_each_entity_is_settled_on_its_own_in_id_order() {
    let sel = [selected(COMM, RND, "50.00"), selected(CLOUD, RND, "100.00")];
    let all = ArrearsBook::new(&demo_accounts(), true).settle(&sel);
    let ids: Vec<&str> = all.iter().map(|s| s.issuer_id.as_str()).collect();
    assert_eq!(ids, [CLOUD, COMM]);
    // The uncovered cloud pool gives nothing yet; the whole selection owes its arrears.
    assert_eq!(selection_totals(&all), (yuan("1286.40"), yuan("50.00")));
    assert!(!all[0].is_covered());
    assert!(all[1].is_covered());
}

#[test]
fn r13_offsetting_off_another_accounts_consumption_does_not_cover_the_arrears() {
    let sel = [
        selected(CLOUD, MAIN, "9000.00"),
        selected(CLOUD, RND, "1000.00"),
    ];
    let s = settle_one(false, &sel);
    assert_eq!(s.pools.len(), 2);
    assert!(!s.is_covered());
    let short = s.shortfalls();
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].account_ids, [RND]);
    assert_eq!(short[0].more, yuan("286.40"));
    assert!(!short[0].pooled);
    // The main account's pool owes nothing and is invoiced whole.
    assert_eq!(s.amount_to_invoice(), yuan("9000.00"));
}

#[test]
fn r13_offsetting_on_another_accounts_consumption_covers_the_arrears() {
    let sel = [
        selected(CLOUD, MAIN, "9000.00"),
        selected(CLOUD, RND, "1000.00"),
    ];
    let s = settle_one(true, &sel);
    assert_eq!(s.pools.len(), 1);
    assert_eq!(s.pools[0].account_ids, [MAIN, RND]);
    assert!(s.is_covered());
    assert_eq!(s.amount_to_invoice(), yuan("8713.60"));
}

#[test]
fn r13_offsetting_on_a_pooled_shortfall_names_every_account_of_the_pool() {
    let sel = [
        selected(CLOUD, MAIN, "200.00"),
        selected(CLOUD, RND, "80.00"),
    ];
    let short = settle_one(true, &sel).shortfalls();
    assert_eq!(short.len(), 1);
    assert_eq!(short[0].account_ids, [MAIN, RND]);
    assert_eq!(short[0].more, yuan("1006.40"));
    assert!(short[0].pooled);
}

#[test]
fn r13_an_owing_account_without_selected_records_is_not_in_the_pool() {
    let s = settle_one(true, &[selected(CLOUD, MAIN, "100.00")]);
    assert_eq!(s.arrears(), Money::ZERO);
    assert_eq!(s.amount_to_invoice(), yuan("100.00"));
}

fn share(account: &str, rate: &str, owes: bool, net: &str) -> Share {
    Share {
        account_id: account.to_owned(),
        tax_rate: TaxRate::try_from(rate.to_owned()).unwrap(),
        owes,
        net: yuan(net),
    }
}

#[test]
fn r12_arrears_are_deducted_from_owing_accounts_then_by_tax_rate_then_by_account() {
    let shares = [
        share(MAIN, "0.06", false, "500.00"),
        share(RND, "0.13", true, "300.00"),
        share(RND, "0.06", true, "200.00"),
        share(SOUTH, "0.06", false, "400.00"),
    ];
    // 200 from RND 6 %, 300 from RND 13 %, then 100 from MAIN 6 % (before SOUTH 6 %).
    let (after, left) = deduct_arrears(yuan("600.00"), &shares);
    assert_eq!(
        after,
        [yuan("400.00"), Money::ZERO, Money::ZERO, yuan("400.00")]
    );
    assert_eq!(left, Money::ZERO);
    let (after, left) = deduct_arrears(yuan("1500.00"), &shares);
    assert!(after.iter().all(|m| m.is_zero()));
    assert_eq!(left, yuan("100.00"));
}

fn arb_money() -> impl Strategy<Value = Money> {
    (0i64..2_000_000).prop_map(Money::from_cents)
}

fn arb_case() -> impl Strategy<Value = (Vec<Account>, bool, Vec<(IssuerId, AccountId, Totals)>)> {
    let ids = [MAIN, RND, SOUTH];
    let issuers = [CLOUD, COMM];
    (
        prop::collection::vec((0usize..3, 0usize..2, 1i64..2_000_000), 0..6),
        any::<bool>(),
        prop::collection::vec((0usize..3, 0usize..2, arb_money()), 1..8),
    )
        .prop_map(move |(owed, offsetting, sel)| {
            let accounts = ids
                .iter()
                .map(|id| {
                    let mut a = account(id, &[]);
                    for (who, issuer, cents) in &owed {
                        if ids[*who] == *id
                            && !a.arrears.iter().any(|x| x.issuer_id == issuers[*issuer])
                        {
                            a.arrears.push(Arrears {
                                issuer_id: issuers[*issuer].to_owned(),
                                amount: Money::from_cents(*cents),
                                currency: Currency::Cny,
                            });
                        }
                    }
                    a
                })
                .collect();
            let sel = sel
                .into_iter()
                .map(|(who, issuer, net)| {
                    let mut s = selected(issuers[issuer], ids[who], "0.00");
                    s.2.positive = net + Money::from_cents(1);
                    s
                })
                .collect();
            (accounts, offsetting, sel)
        })
}

proptest! {
    #[test]
    fn r12_covered_entities_invoice_exactly_net_minus_arrears((accounts, offsetting, sel) in arb_case()) {
        for s in ArrearsBook::new(&accounts, offsetting).settle(&sel) {
            prop_assert!(!s.amount_to_invoice().is_negative());
            if s.is_covered() {
                prop_assert_eq!(s.amount_to_invoice(), s.selected_net() - s.arrears());
            }
            for p in &s.pools {
                let owes = p.arrears.is_positive();
                prop_assert_eq!(!p.is_covered(), owes && p.selected_net <= p.arrears);
                prop_assert_eq!(p.more_needed().is_some(), !p.is_covered());
            }
            let selected: Money = sel.iter().filter(|x| x.0 == s.issuer_id).map(|x| x.2.net()).sum();
            prop_assert_eq!(s.selected_net(), selected);
        }
    }

    #[test]
    fn r13_without_offsetting_each_account_is_its_own_pool((accounts, _o, sel) in arb_case()) {
        let book = ArrearsBook::new(&accounts, false);
        for s in book.settle(&sel) {
            for p in &s.pools {
                prop_assert_eq!(p.account_ids.len(), 1);
                prop_assert_eq!(p.arrears, book.owed(&s.issuer_id, &p.account_ids[0]));
            }
        }
    }

    #[test]
    fn r12_deduction_takes_exactly_the_arrears_when_the_shares_cover_them(
        nets in prop::collection::vec((arb_money(), any::<bool>(), 0usize..3), 1..6),
        arrears in arb_money(),
    ) {
        let ids = [MAIN, RND, SOUTH];
        let shares: Vec<Share> = nets.iter().enumerate().map(|(i, (net, owes, who))| Share {
            account_id: ids[*who].to_owned(),
            tax_rate: TaxRate::try_from(format!("0.{:02}", i * 3)).unwrap(),
            owes: *owes,
            net: *net,
        }).collect();
        let (after, left) = deduct_arrears(arrears, &shares);
        let before: Money = shares.iter().map(|s| s.net).sum();
        let now: Money = after.iter().copied().sum();
        prop_assert_eq!(before - now + left, arrears);
        prop_assert!(after.iter().all(|m| !m.is_negative()));
        prop_assert!(left.is_zero() || now.is_zero());
    }
}
