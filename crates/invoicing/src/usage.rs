//! Using the documents of a new application (the contract's "Creating an application", README
//! invariant 6): which families each invoice uses and by how much, and what a family becomes.
//!
//! By order or bill, the families of each share are used oldest first (`businessTime`, then id)
//! until the share's amount after deduction is reached; the last one may be used in part, so the
//! part deducted for arrears stays invoiceable on the newest families of the share. By amount,
//! the parts taken are used as they are (a share's amount is the sum of its takes).
//!
//! A family used by `x` has all of its pending negatives applied and its original's
//! `invoicedAmount` raised by `x` minus the negatives' sum; the invoice gets one line per
//! document: the part used of the original, the full amount of each negative.

use crate::api::{DocumentId, NegativeDocument};
use crate::family::Family;
use crate::money::Money;
use crate::split::{AccountShare, Split};

#[cfg(test)]
mod tests;

/// How much of one family an invoice uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyUse {
    pub family_id: DocumentId,
    /// Above zero, at most the family's net.
    pub amount: Money,
}

/// The families one share uses: its takes oldest first, each up to its amount, until the share's
/// amount (after deduction) is reached; the last one in part. Families not reached are not used.
pub fn share_uses(share: &AccountShare) -> Vec<FamilyUse> {
    let mut takes: Vec<_> = share.takes.iter().collect();
    takes.sort_by(|a, b| {
        a.time
            .cmp(&b.time)
            .then_with(|| a.family_id.cmp(&b.family_id))
    });
    let mut left = share.amount;
    let mut uses = Vec::new();
    for t in takes {
        if !left.is_positive() {
            break;
        }
        let amount = t.amount.min(left);
        uses.push(FamilyUse {
            family_id: t.family_id.clone(),
            amount,
        });
        left -= amount;
    }
    uses
}

/// The families each invoice of `split` uses, in the order of its invoices (and, within one
/// invoice, of its shares by account); each invoice's uses add up to its amount.
pub fn invoice_uses(split: &Split) -> Vec<Vec<FamilyUse>> {
    split
        .invoices
        .iter()
        .map(|i| i.shares.iter().flat_map(share_uses).collect())
        .collect()
}

/// A family after an application used it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsedFamily {
    /// The line of the original: the part of its invoiceable amount used (above zero).
    pub original_part: Money,
    /// The negatives applied, each a line of its full amount.
    pub applied: Vec<NegativeDocument>,
    /// The family as it stays listed, without negatives and with its `invoicedAmount` raised;
    /// `None` when nothing is left to invoice (it leaves the candidate list).
    pub left: Option<Family>,
}

/// Why a family cannot be used by an amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("family {family_id} cannot be used by {amount}: its net is {net}")]
pub struct UseError {
    pub family_id: DocumentId,
    pub amount: Money,
    pub net: Money,
}

/// Uses `family` by `amount` (above zero, at most its net): its negatives are applied and its
/// original's `invoicedAmount` raised by `amount` minus their sum.
pub fn use_family(family: &Family, amount: Money) -> Result<UsedFamily, UseError> {
    if !amount.is_positive() || amount > family.net_amount() {
        return Err(UseError {
            family_id: family.id().clone(),
            amount,
            net: family.net_amount(),
        });
    }
    let original_part = amount - family.negative_amount();
    let mut c = family.original().clone();
    let applied = std::mem::take(&mut c.negatives);
    c.invoiced_amount += original_part;
    c.invoiceable_amount = c.total_amount - c.invoiced_amount;
    c.net_amount = c.invoiceable_amount;
    let left = if c.invoiceable_amount.is_positive() {
        Some(Family::from_candidate(c).expect("the amounts stay consistent"))
    } else {
        None
    };
    Ok(UsedFamily {
        original_part,
        applied,
        left,
    })
}
