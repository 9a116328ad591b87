use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::api::{Account, Arrears, Currency, TaxRate};
use crate::application::Mode;
use crate::arrears::ArrearsBook;
use crate::family::tests::candidate;
use crate::split::split_families;

const A: &str = "1358207642917356";
const B: &str = "1469318753028467";
const CLOUD: &str = "CLOUD_SERVICE";

fn cents(c: i64) -> Money {
    Money::from_cents(c)
}

/// A family of `account` at `rate`, from day `day` of October 2026, with these negatives.
fn family(id: &str, account: &str, rate: &str, day: u32, net: i64, negatives: &[i64]) -> Family {
    let invoiceable = net - negatives.iter().sum::<i64>();
    let mut c = candidate(id, CLOUD, invoiceable, negatives);
    c.account_id = account.into();
    c.tax_rate = TaxRate::try_from(rate.to_owned()).unwrap();
    c.business_time = format!("2026-10-{day:02}T10:00:00+08:00");
    Family::from_candidate(c).unwrap()
}

fn book(owed_by_b: i64, offsetting: bool) -> ArrearsBook {
    let arrears = |owed: i64| {
        (owed > 0)
            .then(|| Arrears {
                issuer_id: CLOUD.into(),
                amount: cents(owed),
                currency: Currency::Cny,
            })
            .into_iter()
            .collect()
    };
    let accounts = [
        Account {
            id: A.into(),
            name: "a".into(),
            arrears: vec![],
        },
        Account {
            id: B.into(),
            name: "b".into(),
            arrears: arrears(owed_by_b),
        },
    ];
    ArrearsBook::new(&accounts, offsetting)
}

#[test]
fn a_used_family_has_its_negatives_applied_and_its_invoiced_amount_raised() {
    let f = family("cand-1", A, "0.06", 1, 292000, &[-146000]);
    assert_eq!(f.positive_amount(), cents(438000));
    // Used whole: the original's line is its invoiceable amount, the negative's its own.
    let whole = use_family(&f, cents(292000)).unwrap();
    assert_eq!(whole.original_part, cents(438000));
    assert_eq!(whole.applied.len(), 1);
    assert_eq!(whole.left, None);
    // Used in part: the negative is applied all the same; the rest stays, without negatives.
    let part = use_family(&f, cents(100000)).unwrap();
    assert_eq!(part.original_part, cents(246000));
    let left = part.left.unwrap();
    assert_eq!(left.original().invoiced_amount, cents(246000));
    assert_eq!(left.positive_amount(), cents(192000));
    assert_eq!(left.net_amount(), cents(192000));
    assert!(left.negatives().is_empty());
    let lines = part.original_part + part.applied.iter().map(|n| n.amount).sum::<Money>();
    assert_eq!(lines, cents(100000));
    // Never more than the net, never nothing.
    assert!(use_family(&f, cents(292001)).is_err());
    assert!(use_family(&f, Money::ZERO).is_err());
}

#[test]
fn r12_the_part_deducted_for_arrears_stays_on_the_newest_families_of_the_share() {
    // B owes 1,500.00; its share at 6 % is three families, 1,000.00 each.
    let fams = [
        family("c-3", B, "0.06", 3, 100000, &[]),
        family("c-1", B, "0.06", 1, 100000, &[]),
        family("c-2", B, "0.06", 2, 100000, &[]),
    ];
    let split = split_families(&fams, Mode::Independent, &book(150000, true)).unwrap();
    assert_eq!(split.invoices.len(), 1);
    assert_eq!(split.invoices[0].invoice.amount, cents(150000));
    let uses = invoice_uses(&split);
    assert_eq!(
        uses[0],
        [
            FamilyUse {
                family_id: "c-1".into(),
                amount: cents(100000)
            },
            FamilyUse {
                family_id: "c-2".into(),
                amount: cents(50000)
            },
        ]
    );
}

fn families() -> impl Strategy<Value = Vec<Family>> {
    let one = (
        prop::bool::ANY,
        prop::sample::select(vec!["0.06", "0.13"]),
        1u32..28,
        1i64..500_000,
        prop::collection::vec(-50_000i64..-1, 0..3),
    );
    prop::collection::vec(one, 1..12).prop_map(|specs| {
        specs
            .into_iter()
            .enumerate()
            .map(|(i, (is_a, rate, day, net, negs))| {
                let account = if is_a { A } else { B };
                family(&format!("c-{i:02}"), account, rate, day, net, &negs)
            })
            .collect()
    })
}

proptest! {
    #[test]
    fn each_invoice_uses_families_up_to_its_amount_once_each_and_lines_add_up(
        fams in families(),
        owed in 0i64..300_000,
        offsetting in prop::bool::ANY,
        consolidated in prop::bool::ANY,
    ) {
        let mode = if consolidated { Mode::Consolidated } else { Mode::Independent };
        let Ok(split) = split_families(&fams, mode, &book(owed, offsetting)) else {
            return Ok(());
        };
        let by_id: HashMap<&str, &Family> = fams.iter().map(|f| (f.id().as_str(), f)).collect();
        let mut used: HashMap<&str, usize> = HashMap::new();
        let uses = invoice_uses(&split);
        prop_assert_eq!(uses.len(), split.invoices.len());
        for (invoice, uses) in split.invoices.iter().zip(&uses) {
            let mut lines = Money::ZERO;
            for u in uses {
                *used.entry(u.family_id.as_str()).or_default() += 1;
                let f = by_id[u.family_id.as_str()];
                let used = use_family(f, u.amount).unwrap();
                prop_assert!(used.original_part.is_positive());
                lines += used.original_part + used.applied.iter().map(|n| n.amount).sum::<Money>();
                let left = used.left.map_or(Money::ZERO, |l| l.net_amount());
                prop_assert_eq!(left, f.net_amount() - u.amount);
            }
            prop_assert_eq!(lines, invoice.invoice.amount);
        }
        prop_assert!(used.values().all(|n| *n == 1));
    }
}
