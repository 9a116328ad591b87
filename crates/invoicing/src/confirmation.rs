//! What the confirmation steps decide before and after a submission (R15, R16, R23): whether the
//! choice of mode is offered, whether the app's own split equals the server's preview, which
//! selected records a refusal lets the user drop, and where a refusal's field points.

use std::collections::BTreeMap;

use crate::api::{AccountId, DocumentId, IssuerId, ProblemError, TaxRate};
use crate::application::PlannedInvoice;
use crate::application_checks::Offence;
use crate::money::Money;

#[cfg(test)]
mod tests;

/// Whether independent or consolidated invoicing may be chosen: only for records of more than
/// one account (R15).
pub fn offers_mode_choice<'a>(account_ids: impl IntoIterator<Item = &'a str>) -> bool {
    let mut first: Option<&str> = None;
    for a in account_ids {
        match first {
            None => first = Some(a),
            Some(f) if f != a => return true,
            Some(_) => {}
        }
    }
    false
}

/// An invoice group: entity, tax rate and accounts (sorted), as the contract compares them.
pub type GroupKey = (IssuerId, TaxRate, Vec<AccountId>);

/// The group of an invoice, its accounts sorted.
pub fn group_key(invoice: &PlannedInvoice) -> GroupKey {
    let mut accounts = invoice.account_ids.clone();
    accounts.sort();
    (
        invoice.issuer_id.clone(),
        invoice.tax_rate.clone(),
        accounts,
    )
}

/// One way the app's split and the server's preview differ (R16); never hidden.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitDifference {
    /// The same invoice with another amount: the server's invoice and the app's amount.
    Amount { server: PlannedInvoice, ours: Money },
    /// An invoice only the server plans.
    OnlyServer(PlannedInvoice),
    /// An invoice only the app computed.
    OnlyOurs(PlannedInvoice),
}

/// How the app's split `ours` differs from the server's `server`, compared as the contract
/// compares an application's invoices with its split: the same groups with the same amounts,
/// in any order. Empty when they agree to the cent. Listed by group.
pub fn compare_splits(ours: &[PlannedInvoice], server: &[PlannedInvoice]) -> Vec<SplitDifference> {
    let mut groups: BTreeMap<GroupKey, (Option<&PlannedInvoice>, Option<&PlannedInvoice>)> =
        BTreeMap::new();
    for o in ours {
        groups.entry(group_key(o)).or_default().0 = Some(o);
    }
    for s in server {
        groups.entry(group_key(s)).or_default().1 = Some(s);
    }
    groups
        .into_values()
        .filter_map(|pair| match pair {
            (Some(o), Some(s)) if o.amount == s.amount => None,
            (Some(o), Some(s)) => Some(SplitDifference::Amount {
                server: s.clone(),
                ours: o.amount,
            }),
            (None, Some(s)) => Some(SplitDifference::OnlyServer(s.clone())),
            (Some(o), None) => Some(SplitDifference::OnlyOurs(o.clone())),
            (None, None) => None,
        })
        .collect()
}

/// Whether a refusal's code names a selected record the user can drop and keep the rest of
/// the selection (R23): unknown, of the other basis, invoiced elsewhere, no longer invoiceable,
/// missing a negative, or with a net at zero or below; the codes of the contract's order from
/// `CANDIDATE_NOT_FOUND` to `NET_NOT_POSITIVE`.
pub fn is_droppable(code: &str) -> bool {
    Offence::ORDER[1..8].contains(&code)
}

/// The documents a refusal's `errors` name with a droppable code (R23), each once, in order.
pub fn droppable_candidates(errors: &[ProblemError]) -> Vec<DocumentId> {
    let mut ids: Vec<DocumentId> = Vec::new();
    for e in errors {
        if let Some(id) = &e.candidate_id {
            if is_droppable(&e.code) && !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}

/// Where an error of a refused application points: the invoice (by its place in `invoices`)
/// and the field within it (`titleId`, `emails`, `emails/1`, `amount`), read from a JSON
/// Pointer such as `/invoices/1/emails/0`. `None` for other fields.
pub fn invoice_field(pointer: &str) -> Option<(usize, &str)> {
    let rest = pointer.strip_prefix("/invoices/")?;
    let (index, field) = match rest.split_once('/') {
        Some((i, f)) => (i, f),
        None => (rest, ""),
    };
    Some((index.parse().ok()?, field))
}
