//! The invoiceable balance of one invoicing entity for some accounts: what the *by amount* tab
//! may invoice at most (R11, R12, R13; the contract's `InvoiceableBalance`).

use std::collections::BTreeMap;

use crate::api::{AccountBalance, AccountId, Currency, InvoiceableBalance, IssuerId};
use crate::arrears::ArrearsBook;
use crate::family::Family;
use crate::money::Money;

/// The balance of `issuer_id` for `account_ids` (any order, no duplicates) from their families
/// of both bases and the arrears in `book`.
///
/// `invoiceableAmount` is the net of the accounts' checkable families of the entity (R05, R08).
/// When `book` has offsetting open (`arrearsPooled`), `available = max(0, invoiceable − arrears)`;
/// otherwise each account gives at most its own net minus its own arrears, never below zero.
/// Families of other entities or accounts are ignored, so `families` may be all of them.
pub fn invoiceable_balance<'a>(
    issuer_id: &IssuerId,
    account_ids: &[AccountId],
    book: &ArrearsBook,
    families: impl IntoIterator<Item = &'a Family>,
) -> InvoiceableBalance {
    let mut nets: BTreeMap<&AccountId, Money> =
        account_ids.iter().map(|a| (a, Money::ZERO)).collect();
    for family in families {
        let c = family.original();
        if c.issuer_id != *issuer_id || !family.checkability().is_checkable() {
            continue;
        }
        if let Some(net) = nets.get_mut(&c.account_id) {
            *net += family.net_amount();
        }
    }
    let accounts: Vec<AccountBalance> = nets
        .into_iter()
        .map(|(account, net)| AccountBalance {
            account_id: account.clone(),
            invoiceable_amount: net,
            arrears_amount: book.owed(issuer_id, account),
        })
        .collect();
    let invoiceable: Money = accounts.iter().map(|a| a.invoiceable_amount).sum();
    let arrears: Money = accounts.iter().map(|a| a.arrears_amount).sum();
    let pooled = book.offsetting();
    let available = if pooled {
        non_negative(invoiceable - arrears)
    } else {
        accounts
            .iter()
            .map(|a| non_negative(a.invoiceable_amount - a.arrears_amount))
            .sum()
    };
    InvoiceableBalance {
        issuer_id: issuer_id.clone(),
        account_ids: accounts.iter().map(|a| a.account_id.clone()).collect(),
        currency: Currency::Cny,
        invoiceable_amount: invoiceable,
        arrears_amount: arrears,
        available_amount: available,
        arrears_pooled: pooled,
        accounts,
    }
}

fn non_negative(m: Money) -> Money {
    m.max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Account, Arrears, InvoiceCandidate};
    use proptest::prelude::*;

    const CLOUD: &str = "CLOUD_SERVICE";
    const A: &str = "1358207642917356";
    const B: &str = "1469318753028467";

    fn yuan(s: &str) -> Money {
        Money::parse_contract(s).unwrap()
    }

    fn family(id: &str, account: &str, issuer: &str, net: Money, invoiceable: bool) -> Family {
        let c: InvoiceCandidate = serde_json::from_value(serde_json::json!({
            "id": id, "basis": "order", "accountId": account, "accountName": "x",
            "businessId": id, "billingCycle": "2026-08", "businessTime": "2026-08-03T10:15:22+08:00",
            "productCode": "ecs", "productName": "ECS", "issuerId": issuer, "taxRate": "0.06",
            "currency": "CNY",
            "status": if invoiceable { "invoiceable" } else { "not_invoiceable" },
            "notInvoiceableReasonCode": if invoiceable { None } else { Some("OTHER") },
            "notInvoiceableReason": if invoiceable { None } else { Some("x") },
            "totalAmount": net.to_contract_string(), "invoicedAmount": "0.00",
            "invoiceableAmount": net.to_contract_string(), "netAmount": net.to_contract_string(),
            "negatives": []
        }))
        .unwrap();
        Family::from_candidate(c).unwrap()
    }

    fn book(owed_by_b: &str, offsetting: bool) -> ArrearsBook {
        let accounts = [
            Account {
                id: A.into(),
                name: "a".into(),
                arrears: vec![],
            },
            Account {
                id: B.into(),
                name: "b".into(),
                arrears: vec![Arrears {
                    issuer_id: CLOUD.into(),
                    amount: yuan(owed_by_b),
                    currency: Currency::Cny,
                }],
            },
        ];
        ArrearsBook::new(&accounts, offsetting)
    }

    fn families() -> Vec<Family> {
        vec![
            family("f1", A, CLOUD, yuan("1000.00"), true),
            family("f2", B, CLOUD, yuan("100.00"), true),
            family("f3", B, CLOUD, yuan("50.00"), false),
            family("f4", B, "OTHER", yuan("70.00"), true),
            family("f5", "1570429864139578", CLOUD, yuan("9.00"), true),
        ]
    }

    #[test]
    fn r13_pooled_balance_offsets_one_accounts_arrears_with_anothers_consumption() {
        let b = invoiceable_balance(
            &CLOUD.into(),
            &[B.into(), A.into()],
            &book("300.00", true),
            &families(),
        );
        assert_eq!(b.account_ids, [A, B]);
        assert_eq!(b.invoiceable_amount, yuan("1100.00"));
        assert_eq!(b.arrears_amount, yuan("300.00"));
        assert_eq!(b.available_amount, yuan("800.00"));
        assert!(b.arrears_pooled);
        assert_eq!(b.accounts[1].account_id, B);
        assert_eq!(b.accounts[1].invoiceable_amount, yuan("100.00"));
        assert_eq!(b.accounts[1].arrears_amount, yuan("300.00"));
    }

    #[test]
    fn r13_without_offsetting_an_account_gives_at_most_its_net_minus_its_arrears() {
        let b = invoiceable_balance(
            &CLOUD.into(),
            &[A.into(), B.into()],
            &book("300.00", false),
            &families(),
        );
        assert_eq!(b.invoiceable_amount, yuan("1100.00"));
        assert_eq!(b.arrears_amount, yuan("300.00"));
        // B's ¥100 cannot cover its ¥300: it gives nothing, and takes nothing from A.
        assert_eq!(b.available_amount, yuan("1000.00"));
        assert!(!b.arrears_pooled);
    }

    #[test]
    fn r12_available_is_never_below_zero() {
        let b = invoiceable_balance(
            &CLOUD.into(),
            &[B.into()],
            &book("300.00", true),
            &families(),
        );
        assert_eq!(b.invoiceable_amount, yuan("100.00"));
        assert_eq!(b.available_amount, Money::ZERO);
    }

    #[test]
    fn r05_r08_only_checkable_families_of_the_entity_and_accounts_count() {
        let b = invoiceable_balance(&CLOUD.into(), &[B.into()], &book("0.01", true), &families());
        assert_eq!(b.accounts.len(), 1);
        assert_eq!(b.invoiceable_amount, yuan("100.00"));
        assert_eq!(b.available_amount, yuan("99.99"));
    }

    proptest! {
        #[test]
        fn r12_balance_figures_add_up(
            nets in prop::collection::vec((1i64..1_000_000, any::<bool>()), 0..8),
            owed in 1i64..1_000_000,
            offsetting: bool,
        ) {
            let fams: Vec<Family> = nets.iter().enumerate().map(|(i, (cents, on_a))| {
                family(&format!("f{i}"), if *on_a { A } else { B }, CLOUD, Money::from_cents(*cents), true)
            }).collect();
            let owed = Money::from_cents(owed);
            let b = invoiceable_balance(&CLOUD.into(), &[A.into(), B.into()],
                &book(&owed.to_contract_string(), offsetting), &fams);
            let total: Money = fams.iter().map(Family::net_amount).sum();
            prop_assert_eq!(b.invoiceable_amount, total);
            prop_assert_eq!(b.arrears_amount, owed);
            prop_assert!(!b.available_amount.is_negative());
            prop_assert!(b.available_amount <= b.invoiceable_amount);
            if offsetting {
                prop_assert_eq!(b.available_amount, (total - owed).max(Money::ZERO));
            } else {
                // A sum of max(0, x) is at least max(0, the sum of x).
                let pooled = (total - owed).max(Money::ZERO);
                prop_assert!(b.available_amount >= pooled);
            }
        }
    }
}
