//! The split (R15, R16) with arrears (R12, R13) and by amount (R11): examples named after the
//! rules, then properties over any selection, mode, arrears and offsetting.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use super::*;
use crate::api::{Account, Arrears};
use crate::family::tests::candidate;

const CLOUD: &str = "CLOUD_SERVICE";
const COMM: &str = "COMM_SERVICE";
const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";
const SOUTH: &str = "1570429864139578";

fn rate(r: &str) -> TaxRate {
    TaxRate::try_from(r.to_owned()).unwrap()
}

fn yuan(s: &str) -> Money {
    Money::parse_contract(s).unwrap()
}

/// A checkable family of `account` with `issuer` and `tax`, its net in cents, at `day` of
/// October 2026.
fn family(id: &str, account: &str, issuer: &str, tax: &str, cents: i64, day: u32) -> Family {
    let mut c = candidate(id, issuer, cents, &[]);
    c.account_id = account.into();
    c.tax_rate = rate(tax);
    c.business_time = format!("2026-10-{day:02}T10:00:00+08:00");
    Family::from_candidate(c).unwrap()
}

/// The accounts with what they owe: `(account, issuer, arrears)`.
fn book(owed: &[(&str, &str, &str)], offsetting: bool) -> ArrearsBook {
    let accounts: Vec<Account> = [MAIN, RND, SOUTH]
        .iter()
        .map(|id| Account {
            id: (*id).into(),
            name: (*id).into(),
            arrears: owed
                .iter()
                .filter(|(a, _, _)| a == id)
                .map(|(_, issuer, amount)| Arrears {
                    issuer_id: (*issuer).into(),
                    amount: yuan(amount),
                    currency: Currency::Cny,
                })
                .collect(),
        })
        .collect();
    ArrearsBook::new(&accounts, offsetting)
}

/// `(issuer, tax, accounts, amount)` of each invoice.
fn rows(split: &Split) -> Vec<(String, String, Vec<String>, String)> {
    split
        .invoices
        .iter()
        .map(|i| {
            let p = &i.invoice;
            (
                p.issuer_id.clone(),
                p.tax_rate.as_str().to_owned(),
                p.account_ids.clone(),
                p.amount.to_contract_string(),
            )
        })
        .collect()
}

fn row(
    issuer: &str,
    tax: &str,
    accounts: &[&str],
    amount: &str,
) -> (String, String, Vec<String>, String) {
    (
        issuer.into(),
        tax.into(),
        accounts.iter().map(|a| (*a).to_owned()).collect(),
        amount.into(),
    )
}

/// Two entities, two tax rates, three accounts.
fn selection() -> Vec<Family> {
    vec![
        family("c1", RND, CLOUD, "0.06", 500_000, 1),
        family("c2", SOUTH, CLOUD, "0.06", 300_000, 2),
        family("c3", RND, CLOUD, "0.13", 200_000, 3),
        family("c4", MAIN, COMM, "0.06", 100_000, 4),
        family("c5", SOUTH, CLOUD, "0.06", 50_000, 5),
    ]
}

#[test]
fn r16_independent_splits_by_entity_tax_rate_and_account() {
    let families = selection();
    let split = split_families(&families, Mode::Independent, &book(&[], false)).unwrap();
    assert_eq!(
        rows(&split),
        [
            row(CLOUD, "0.06", &[RND], "5000.00"),
            row(CLOUD, "0.06", &[SOUTH], "3500.00"),
            row(CLOUD, "0.13", &[RND], "2000.00"),
            row(COMM, "0.06", &[MAIN], "1000.00"),
        ]
    );
    assert_eq!(split.total(), yuan("11500.00"));
}

#[test]
fn r15_consolidated_groups_every_account_of_an_entity_and_tax_rate() {
    let families = selection();
    let split = split_families(&families, Mode::Consolidated, &book(&[], false)).unwrap();
    assert_eq!(
        rows(&split),
        [
            row(CLOUD, "0.06", &[RND, SOUTH], "8500.00"),
            row(CLOUD, "0.13", &[RND], "2000.00"),
            row(COMM, "0.06", &[MAIN], "1000.00"),
        ]
    );
    let shares: Vec<(&str, Money)> = split.invoices[0]
        .shares
        .iter()
        .map(|s| (s.account_id.as_str(), s.amount))
        .collect();
    assert_eq!(shares, [(RND, yuan("5000.00")), (SOUTH, yuan("3500.00"))]);
}

#[test]
fn r15_consolidated_needs_records_of_two_accounts() {
    let families = [
        family("c1", RND, CLOUD, "0.06", 500_000, 1),
        family("c3", RND, CLOUD, "0.13", 200_000, 3),
    ];
    let refused = split_families(&families, Mode::Consolidated, &book(&[], false)).unwrap_err();
    assert_eq!(refused, [Offence::ModeNotApplicable]);
    assert!(split_families(&families, Mode::Independent, &book(&[], false)).is_ok());
}

#[test]
fn r12_arrears_are_deducted_from_the_owing_account_first_then_by_tax_rate() {
    // RND owes 6000.00 to CLOUD: its 0.06 share (5000.00) goes to zero, then 1000.00 of its
    // 0.13 share; SOUTH's share is untouched; the invoice at zero is dropped.
    let families = selection();
    let split = split_families(
        &families,
        Mode::Independent,
        &book(&[(RND, CLOUD, "6000.00")], false),
    )
    .unwrap();
    assert_eq!(
        rows(&split),
        [
            row(CLOUD, "0.06", &[SOUTH], "3500.00"),
            row(CLOUD, "0.13", &[RND], "1000.00"),
            row(COMM, "0.06", &[MAIN], "1000.00"),
        ]
    );
    let cloud = &split.issuers[0];
    assert_eq!(cloud.selected_net_amount, Some(yuan("10500.00")));
    assert_eq!(cloud.arrears_amount, yuan("6000.00"));
    assert_eq!(cloud.invoice_amount, yuan("4500.00"));
}

#[test]
fn r13_with_offsetting_other_accounts_cover_the_arrears() {
    // RND owes 8000.00, more than its own 7000.00: refused without offsetting, covered by
    // SOUTH's consumption with it (owing account first, then tax rate, then account id).
    let families = selection();
    let owed = [(RND, CLOUD, "8000.00")];
    let refused = split_families(&families, Mode::Consolidated, &book(&owed, false)).unwrap_err();
    let [Offence::ArrearsNotCovered(short)] = refused.as_slice() else {
        panic!("{refused:?}");
    };
    assert_eq!(
        (short.account_ids.as_slice(), short.more),
        ([RND.to_owned()].as_slice(), yuan("1000.00"))
    );

    let split = split_families(&families, Mode::Consolidated, &book(&owed, true)).unwrap();
    assert_eq!(
        rows(&split),
        [
            row(CLOUD, "0.06", &[RND, SOUTH], "2500.00"),
            row(COMM, "0.06", &[MAIN], "1000.00"),
        ]
    );
    assert_eq!(split.issuers[0].invoice_amount, yuan("2500.00"));
}

#[test]
fn r12_a_net_equal_to_the_arrears_is_not_enough() {
    let families = [family("c4", MAIN, COMM, "0.06", 100_000, 4)];
    let refused = split_families(
        &families,
        Mode::Independent,
        &book(&[(MAIN, COMM, "1000.00")], false),
    )
    .unwrap_err();
    let [Offence::ArrearsNotCovered(short)] = refused.as_slice() else {
        panic!("{refused:?}");
    };
    assert_eq!(short.more, Money::ZERO);
}

#[test]
fn r11_by_amount_takes_the_oldest_families_first_the_last_in_part() {
    let families = selection();
    let (takes, left) = take_by_amount(
        &CLOUD.to_owned(),
        &[RND.to_owned(), SOUTH.to_owned()],
        yuan("9000.00"),
        &book(&[], false),
        &families,
    );
    assert!(left.is_zero());
    let taken: Vec<(&str, Money)> = takes
        .iter()
        .map(|t| (t.family_id.as_str(), t.amount))
        .collect();
    assert_eq!(
        taken,
        [
            ("c1", yuan("5000.00")),
            ("c2", yuan("3000.00")),
            ("c3", yuan("1000.00"))
        ]
    );
    let split = split_takes(&CLOUD.to_owned(), takes, Money::ZERO, Mode::Independent).unwrap();
    assert_eq!(
        rows(&split),
        [
            row(CLOUD, "0.06", &[RND], "5000.00"),
            row(CLOUD, "0.06", &[SOUTH], "3000.00"),
            row(CLOUD, "0.13", &[RND], "1000.00"),
        ]
    );
    assert_eq!(split.issuers[0].selected_net_amount, None);
}

#[test]
fn r12_by_amount_without_offsetting_an_account_gives_its_net_minus_its_arrears() {
    // RND may give 7000.00 − 6500.00 = 500.00, SOUTH all of its 3500.00: 4000.00 in all.
    let families = selection();
    let accounts = [RND.to_owned(), SOUTH.to_owned()];
    let owed = book(&[(RND, CLOUD, "6500.00")], false);
    let (takes, left) = take_by_amount(
        &CLOUD.to_owned(),
        &accounts,
        yuan("4000.00"),
        &owed,
        &families,
    );
    assert!(left.is_zero());
    let taken: Vec<(&str, Money)> = takes
        .iter()
        .map(|t| (t.family_id.as_str(), t.amount))
        .collect();
    assert_eq!(
        taken,
        [
            ("c1", yuan("500.00")),
            ("c2", yuan("3000.00")),
            ("c5", yuan("500.00"))
        ]
    );
    let (_, left) = take_by_amount(
        &CLOUD.to_owned(),
        &accounts,
        yuan("4000.01"),
        &owed,
        &families,
    );
    assert_eq!(left, yuan("0.01"));
}

// ---- properties ------------------------------------------------------------------------------

const ACCOUNTS: [&str; 3] = [MAIN, RND, SOUTH];
const ISSUERS: [&str; 2] = [CLOUD, COMM];
const RATES: [&str; 2] = ["0.06", "0.13"];

/// Families: (account, issuer, tax rate, net in cents, day).
fn families_strategy() -> impl Strategy<Value = Vec<Family>> {
    prop::collection::vec(
        (0..3usize, 0..2usize, 0..2usize, 1i64..2_000_000, 1u32..28),
        1..14,
    )
    .prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (a, iss, t, cents, day))| {
                family(
                    &format!("f{i:02}"),
                    ACCOUNTS[a],
                    ISSUERS[iss],
                    RATES[t],
                    cents,
                    day,
                )
            })
            .collect()
    })
}

/// Arrears in cents per (account, issuer), mostly zero.
fn arrears_strategy() -> impl Strategy<Value = Vec<i64>> {
    prop::collection::vec(prop_oneof![3 => Just(0i64), 1 => 1i64..3_000_000], 6)
}

fn book_of(arrears: &[i64], offsetting: bool) -> ArrearsBook {
    let accounts: Vec<Account> = ACCOUNTS
        .iter()
        .enumerate()
        .map(|(a, id)| Account {
            id: (*id).into(),
            name: (*id).into(),
            arrears: ISSUERS
                .iter()
                .enumerate()
                .filter(|(i, _)| arrears[a * 2 + i] > 0)
                .map(|(i, issuer)| Arrears {
                    issuer_id: (*issuer).into(),
                    amount: Money::from_cents(arrears[a * 2 + i]),
                    currency: Currency::Cny,
                })
                .collect(),
        })
        .collect();
    ArrearsBook::new(&accounts, offsetting)
}

/// The families of each invoice, checking that no family is in two invoices.
fn families_per_invoice(split: &Split) -> BTreeMap<&str, usize> {
    let mut seen = BTreeMap::new();
    for (n, inv) in split.invoices.iter().enumerate() {
        for share in &inv.shares {
            for t in &share.takes {
                assert_eq!(
                    seen.insert(t.family_id.as_str(), n),
                    None,
                    "{} twice",
                    t.family_id
                );
            }
        }
    }
    seen
}

/// The invariants every split holds, whatever the basis.
fn check_groups(split: &Split, mode: Mode, all: &[Take]) {
    let invoices: Vec<&PlannedInvoice> = split.invoices.iter().map(|i| &i.invoice).collect();
    // Listed by entity, tax rate, first account; no group twice.
    for w in invoices.windows(2) {
        let key = |p: &PlannedInvoice| {
            (
                p.issuer_id.clone(),
                p.tax_rate.clone(),
                p.account_ids[0].clone(),
            )
        };
        assert!(key(w[0]) < key(w[1]), "{invoices:?}");
    }
    for inv in &split.invoices {
        let p = &inv.invoice;
        assert!(p.amount.is_positive());
        assert_eq!(p.amount, inv.shares.iter().map(|s| s.amount).sum::<Money>());
        let mut sorted = p.account_ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, p.account_ids);
        // The group's accounts are its key: one when independent, every account with takes of
        // that entity and tax rate when consolidated.
        let of_key: BTreeSet<&AccountId> = all
            .iter()
            .filter(|t| t.issuer_id == p.issuer_id && t.tax_rate == p.tax_rate)
            .map(|t| &t.account_id)
            .collect();
        match mode {
            Mode::Independent => assert_eq!(p.account_ids.len(), 1),
            Mode::Consolidated => {
                assert_eq!(p.account_ids.iter().collect::<BTreeSet<_>>(), of_key)
            }
        }
        for share in &inv.shares {
            assert!(p.account_ids.contains(&share.account_id));
            assert!(!share.amount.is_negative() && share.amount <= share.net);
            assert_eq!(
                share.net,
                share.takes.iter().map(|t| t.amount).sum::<Money>()
            );
            for t in &share.takes {
                assert_eq!(
                    (&t.issuer_id, &t.tax_rate, &t.account_id),
                    (&p.issuer_id, &p.tax_rate, &share.account_id)
                );
            }
        }
    }
    families_per_invoice(split);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// R12, R13, R15, R16: the invoices add up, per entity, to the selected net minus the
    /// arrears, to the cent; every family is in one invoice at most; every amount is above zero;
    /// groups are the contract's keys. Refusals are exactly the mode and the uncovered pools.
    #[test]
    fn r16_invoices_add_up_to_the_amount_to_invoice(
        families in families_strategy(),
        arrears in arrears_strategy(),
        offsetting in any::<bool>(),
        consolidated in any::<bool>(),
    ) {
        let mode = if consolidated { Mode::Consolidated } else { Mode::Independent };
        let book = book_of(&arrears, offsetting);
        let accounts: BTreeSet<&str> = families.iter().map(|f| f.original().account_id.as_str()).collect();
        let mut expected = BTreeMap::<&str, (Money, Money)>::new();
        let mut pools = BTreeMap::<(&str, Option<&str>), (Money, Money)>::new();
        for f in &families {
            let c = f.original();
            let e = expected.entry(c.issuer_id.as_str()).or_default();
            e.0 += f.net_amount();
            let pool = (c.issuer_id.as_str(), (!offsetting).then_some(c.account_id.as_str()));
            pools.entry(pool).or_default().0 += f.net_amount();
        }
        for ((issuer, account), (_, owed)) in pools.iter_mut() {
            *owed = match account {
                Some(a) => book.owed(issuer, a),
                None => families
                    .iter()
                    .map(|f| f.original().account_id.as_str())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .filter(|a| families.iter().any(|f| f.original().account_id == *a && f.original().issuer_id == *issuer))
                    .map(|a| book.owed(issuer, a))
                    .sum(),
            };
            expected.get_mut(issuer).unwrap().1 += *owed;
        }
        let uncovered: Vec<Money> = pools
            .values()
            .filter(|(net, owed)| owed.is_positive() && net <= owed)
            .map(|(net, owed)| *owed - *net)
            .collect();
        let mode_refused = mode == Mode::Consolidated && accounts.len() < 2;

        match split_families(&families, mode, &book) {
            Ok(split) => {
                prop_assert!(!mode_refused && uncovered.is_empty());
                let takes: Vec<Take> = families.iter().map(Take::whole).collect();
                check_groups(&split, mode, &takes);
                let mut total = Money::ZERO;
                for s in &split.issuers {
                    let (net, owed) = expected[s.issuer_id.as_str()];
                    let of_issuer: Money = split
                        .invoices
                        .iter()
                        .filter(|i| i.invoice.issuer_id == s.issuer_id)
                        .map(|i| i.invoice.amount)
                        .sum();
                    prop_assert_eq!(of_issuer, net - owed);
                    prop_assert_eq!(s.invoice_amount, net - owed);
                    prop_assert_eq!(s.selected_net_amount, Some(net));
                    prop_assert_eq!(s.arrears_amount, owed);
                    total += net - owed;
                }
                prop_assert_eq!(split.total(), total);
                prop_assert_eq!(split.issuers.len(), expected.len());
            }
            Err(offences) => {
                let mut want = Vec::new();
                if mode_refused {
                    want.push("MODE_NOT_APPLICABLE".to_owned());
                }
                want.extend(uncovered.iter().map(|m| format!("ARREARS_NOT_COVERED {m}")));
                let got: Vec<String> = offences
                    .iter()
                    .map(|o| match o {
                        Offence::ArrearsNotCovered(s) => format!("ARREARS_NOT_COVERED {}", s.more),
                        o => o.code().to_owned(),
                    })
                    .collect();
                prop_assert_eq!(got, want);
            }
        }
    }

    /// R11, R12: by amount, the parts add up to the amount exactly, no family gives more than its
    /// net, older families are used up before younger ones (per account without offsetting), and
    /// the invoices add up to the amount.
    #[test]
    fn r11_by_amount_takes_exactly_the_amount(
        families in families_strategy(),
        arrears in arrears_strategy(),
        offsetting in any::<bool>(),
        consolidated in any::<bool>(),
        permille in 1i64..=1000,
        chosen in prop::collection::btree_set(0..3usize, 1..=3),
    ) {
        let book = book_of(&arrears, offsetting);
        let issuer = CLOUD.to_owned();
        let account_ids: Vec<AccountId> = chosen.iter().map(|a| ACCOUNTS[*a].to_owned()).collect();
        let balance = crate::balance::invoiceable_balance(&issuer, &account_ids, &book, &families);
        let available = balance.available_amount;
        prop_assume!(available.is_positive());
        // An amount between one cent and the available balance.
        let cents = (available.as_decimal() * rust_decimal::Decimal::from(100)).try_into().unwrap_or(1i64);
        let amount = Money::from_cents((cents * permille / 1000).max(1));
        let (takes, left) = take_by_amount(&issuer, &account_ids, amount, &book, &families);
        prop_assert!(left.is_zero());
        prop_assert_eq!(takes.iter().map(|t| t.amount).sum::<Money>(), amount);
        let by_id: BTreeMap<&str, &Family> = families.iter().map(|f| (f.id().as_str(), f)).collect();
        for t in &takes {
            let f = by_id[t.family_id.as_str()];
            prop_assert!(t.amount.is_positive() && t.amount <= f.net_amount());
            prop_assert_eq!(&f.original().issuer_id, &issuer);
            prop_assert!(account_ids.contains(&t.account_id));
        }
        // Without offsetting, no account gives more than its net minus its arrears.
        if !offsetting {
            for a in &balance.accounts {
                let given: Money = takes.iter().filter(|t| t.account_id == a.account_id).map(|t| t.amount).sum();
                prop_assert!(given <= (a.invoiceable_amount - a.arrears_amount).max(Money::ZERO));
            }
        }
        let mode = if consolidated { Mode::Consolidated } else { Mode::Independent };
        let accounts: BTreeSet<&AccountId> = takes.iter().map(|t| &t.account_id).collect();
        match split_takes(&issuer, takes.clone(), balance.arrears_amount, mode) {
            Ok(split) => {
                prop_assert!(mode == Mode::Independent || accounts.len() >= 2);
                check_groups(&split, mode, &takes);
                prop_assert_eq!(split.total(), amount);
                prop_assert_eq!(families_per_invoice(&split).len(), takes.len());
            }
            Err(offences) => {
                prop_assert!(mode == Mode::Consolidated && accounts.len() < 2);
                prop_assert_eq!(offences, vec![Offence::ModeNotApplicable]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// R16: the app's own split of the grid's records is the split of the families they were
    /// built from, refusals included.
    #[test]
    fn r16_the_split_of_records_is_the_split_of_their_families(
        families in families_strategy(),
        arrears in arrears_strategy(),
        offsetting in any::<bool>(),
        consolidated in any::<bool>(),
    ) {
        let mode = if consolidated { Mode::Consolidated } else { Mode::Independent };
        let book = book_of(&arrears, offsetting);
        let mut interner = crate::record::Interner::default();
        let records: Vec<FamilyRecord> = families
            .iter()
            .map(|f| FamilyRecord::new(f.clone(), &mut interner))
            .collect();
        prop_assert_eq!(split_records(&records, mode, &book), split_families(&families, mode, &book));
    }
}
