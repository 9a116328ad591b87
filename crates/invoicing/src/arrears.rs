//! Arrears settled per pool, as the contract's "Arrears (R12, R13)" section decides.
//!
//! For each invoicing entity with a selection, the selected accounts form *pools*: one pool of
//! all of them when the enterprise has opened arrears offsetting (R13), else one pool per
//! account. A pool's arrears `A` are the sum of its accounts' arrears to that entity; when
//! `A > 0` the pool's selected net must *exceed* `A` (R12), and `A` is then deducted from the
//! pool's shares ([`deduct_arrears`]). What is left is the amount to invoice.

use std::collections::BTreeMap;

use crate::api::{Account, AccountId, IssuerId, TaxRate};
use crate::money::Money;
use crate::selection::Totals;

#[cfg(test)]
mod tests;

/// What each visible account owes each invoicing entity, and whether the enterprise has opened
/// arrears offsetting (`enterprise.arrearsOffsetEnabled`, R13).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArrearsBook {
    /// Per entity, per account.
    owed: BTreeMap<IssuerId, BTreeMap<AccountId, Money>>,
    offsetting: bool,
}

impl ArrearsBook {
    /// The arrears of `accounts` (from `GET /accounts`); `offsetting` is the enterprise's
    /// `arrearsOffsetEnabled` (`false` for an account outside an enterprise).
    pub fn new<'a>(accounts: impl IntoIterator<Item = &'a Account>, offsetting: bool) -> Self {
        let mut owed = BTreeMap::new();
        for account in accounts {
            for a in &account.arrears {
                *owed
                    .entry(a.issuer_id.clone())
                    .or_insert_with(BTreeMap::new)
                    .entry(account.id.clone())
                    .or_insert(Money::ZERO) += a.amount;
            }
        }
        ArrearsBook { owed, offsetting }
    }

    /// Whether one account's arrears may be covered by another's consumption (R13).
    pub fn offsetting(&self) -> bool {
        self.offsetting
    }

    /// What `account` owes `issuer`; zero when nothing.
    pub fn owed(&self, issuer: &str, account: &str) -> Money {
        self.owed
            .get(issuer)
            .and_then(|by_account| by_account.get(account))
            .copied()
            .unwrap_or(Money::ZERO)
    }

    /// Settles the arrears of every invoicing entity that has a selection.
    ///
    /// `selected` holds, per invoicing entity and account, the totals of the selected families
    /// (as `FamilyStore::selected_by_issuer_account` gives them); entries that count no family
    /// are ignored. The result is ordered by entity id.
    pub fn settle<'a>(
        &self,
        selected: impl IntoIterator<Item = &'a (IssuerId, AccountId, Totals)>,
    ) -> Vec<IssuerSettlement> {
        let mut by_issuer: BTreeMap<&IssuerId, BTreeMap<&AccountId, Money>> = BTreeMap::new();
        for (issuer, account, totals) in selected {
            if totals.count > 0 {
                *by_issuer
                    .entry(issuer)
                    .or_default()
                    .entry(account)
                    .or_insert(Money::ZERO) += totals.net();
            }
        }
        by_issuer
            .into_iter()
            .map(|(issuer, nets)| self.settle_issuer(issuer, nets))
            .collect()
    }

    /// One entity: its pools, each with its arrears and selected net.
    fn settle_issuer(
        &self,
        issuer: &IssuerId,
        nets: BTreeMap<&AccountId, Money>,
    ) -> IssuerSettlement {
        let pool_of = |accounts: Vec<&AccountId>| Pool {
            arrears: accounts.iter().map(|a| self.owed(issuer, a)).sum(),
            selected_net: accounts.iter().map(|a| nets[*a]).sum(),
            account_ids: accounts.into_iter().cloned().collect(),
        };
        let pools: Vec<Pool> = if self.offsetting {
            vec![pool_of(nets.keys().copied().collect())]
        } else {
            nets.keys().map(|a| pool_of(vec![*a])).collect()
        };
        IssuerSettlement {
            issuer_id: issuer.clone(),
            pooled: self.offsetting,
            pools,
        }
    }
}

/// Accounts whose arrears and selected consumption with one entity offset each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    /// The pool's accounts, ascending.
    pub account_ids: Vec<AccountId>,
    /// `A`: what the pool's accounts owe the entity, together.
    pub arrears: Money,
    /// The net of the pool's selected families of the entity.
    pub selected_net: Money,
}

impl Pool {
    /// Whether the selected net covers the arrears: nothing owed, or a net that *exceeds* `A`
    /// (R12: a net equal to `A` leaves nothing to invoice and is not enough).
    pub fn is_covered(&self) -> bool {
        !self.arrears.is_positive() || self.selected_net > self.arrears
    }

    /// When not covered, `A − net`: the user must select *more than* this much more (the
    /// contract's `ARREARS_NOT_COVERED` `amount`).
    pub fn more_needed(&self) -> Option<Money> {
        (!self.is_covered()).then(|| self.arrears - self.selected_net)
    }

    /// What this pool gives to invoice: `net − A` when covered, nothing when not.
    pub fn amount_to_invoice(&self) -> Money {
        if self.is_covered() {
            self.selected_net - self.arrears
        } else {
            Money::ZERO
        }
    }
}

/// A pool whose selection does not cover its arrears, and by how much (R12).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub issuer_id: IssuerId,
    /// The pool's accounts (all selected accounts of the entity when offsetting is open).
    pub account_ids: Vec<AccountId>,
    /// The pool's arrears `A`.
    pub arrears: Money,
    /// The pool's selected net, at most `A`.
    pub selected_net: Money,
    /// `A − net`: select more than this much more.
    pub more: Money,
    /// Whether the pool holds every selected account of the entity (offsetting open).
    pub pooled: bool,
}

/// The arrears of one invoicing entity against the selection (R12, R13).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerSettlement {
    pub issuer_id: IssuerId,
    /// Whether offsetting is open, so that all selected accounts of the entity form one pool.
    pub pooled: bool,
    /// The pools, by first account id; one pool when offsetting is open.
    pub pools: Vec<Pool>,
}

impl IssuerSettlement {
    /// The net of every selected family of the entity.
    pub fn selected_net(&self) -> Money {
        self.pools.iter().map(|p| p.selected_net).sum()
    }

    /// What the selected accounts owe the entity, together.
    pub fn arrears(&self) -> Money {
        self.pools.iter().map(|p| p.arrears).sum()
    }

    /// The amount to invoice: the selected net minus the arrears of every covered pool; an
    /// uncovered pool gives nothing (it must first cover its arrears). When every pool is
    /// covered this is exactly `selected_net − arrears`; it is never below zero.
    pub fn amount_to_invoice(&self) -> Money {
        self.pools.iter().map(Pool::amount_to_invoice).sum()
    }

    /// Whether every pool covers its arrears.
    pub fn is_covered(&self) -> bool {
        self.pools.iter().all(Pool::is_covered)
    }

    /// The pools that do not cover their arrears, with how much more each must select.
    pub fn shortfalls(&self) -> Vec<Shortfall> {
        let pooled = self.pooled;
        self.pools
            .iter()
            .filter_map(|p| {
                Some(Shortfall {
                    more: p.more_needed()?,
                    issuer_id: self.issuer_id.clone(),
                    account_ids: p.account_ids.clone(),
                    arrears: p.arrears,
                    selected_net: p.selected_net,
                    pooled,
                })
            })
            .collect()
    }
}

/// Arrears and amount to invoice of a whole selection: the sums over its entities.
pub fn selection_totals(settlements: &[IssuerSettlement]) -> (Money, Money) {
    settlements
        .iter()
        .fold((Money::ZERO, Money::ZERO), |(a, t), s| {
            (a + s.arrears(), t + s.amount_to_invoice())
        })
}

/// The part of one invoice group that comes from one account, within one pool (issue 7's split).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Share {
    pub account_id: AccountId,
    pub tax_rate: TaxRate,
    /// Whether the account owes arrears to the pool's entity.
    pub owes: bool,
    /// The selected net of this account at this tax rate.
    pub net: Money,
}

/// Deducts a pool's arrears from its shares in the contract's order: the shares of accounts
/// that owe arrears first, then by ascending tax rate, then by ascending account id; each share
/// goes down to `0.00` at most. Returns each share's amount after deduction, in the order of
/// `shares`, and what could not be deducted (zero when the pool covers its arrears).
pub fn deduct_arrears(arrears: Money, shares: &[Share]) -> (Vec<Money>, Money) {
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&shares[a], &shares[b]);
        b.owes
            .cmp(&a.owes)
            .then_with(|| a.tax_rate.cmp(&b.tax_rate))
            .then_with(|| a.account_id.cmp(&b.account_id))
    });
    let mut after: Vec<Money> = shares.iter().map(|s| s.net).collect();
    let mut left = arrears;
    for i in order {
        if !left.is_positive() {
            break;
        }
        let take = after[i].max(Money::ZERO).min(left);
        after[i] -= take;
        left -= take;
    }
    (after, left)
}
