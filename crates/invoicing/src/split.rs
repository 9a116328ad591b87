//! The split of an application into invoices (R15, R16), after arrears (R12, R13), exactly as the
//! contract's "Invoice groups", "Arrears" and "By amount" decide.
//!
//! What is invoiced is a list of [`Take`]s: by order or bill, the whole net of each selected
//! family; *by amount*, the parts taken from the oldest checkable families ([`take_by_amount`]).
//! Takes are gathered into *shares* (one entity, tax rate and account) and shares into *groups*:
//! by entity and tax rate, and by account in `independent` mode; in `consolidated` mode one group
//! holds every account with takes of that entity and tax rate. By order or bill, each pool's
//! arrears are deducted from its shares ([`deduct_arrears`]); a group left at zero is no invoice.

use std::collections::{BTreeMap, BTreeSet};

use crate::api::{AccountId, Currency, DocumentId, IssuerId, TaxRate};
use crate::application::{
    ApplicationBasis, ApplicationPreview, IssuerSummary, Mode, PlannedInvoice,
};
use crate::application_checks::Offence;
use crate::arrears::{deduct_arrears, ArrearsBook, Pool, Share, Shortfall};
use crate::family::Family;
use crate::filter::Filterable;
use crate::money::Money;
use crate::record::FamilyRecord;
use crate::time::{parse_rfc3339, Instant};

#[cfg(test)]
mod tests;

/// What an application takes from one family: its whole net by order or bill, a part of it by
/// amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Take {
    /// The family's id (its original document's id).
    pub family_id: DocumentId,
    pub account_id: AccountId,
    pub issuer_id: IssuerId,
    pub tax_rate: TaxRate,
    /// The original's `businessTime`; the oldest families are used first.
    pub time: Option<Instant>,
    /// Above zero.
    pub amount: Money,
}

impl Take {
    /// The whole net of `family` (by order or bill).
    pub fn whole(family: &Family) -> Take {
        Take::part(family, family.net_amount())
    }

    /// `amount` of `family` (by amount).
    pub fn part(family: &Family, amount: Money) -> Take {
        let c = family.original();
        Take {
            family_id: c.id.clone(),
            account_id: c.account_id.clone(),
            issuer_id: c.issuer_id.clone(),
            tax_rate: c.tax_rate.clone(),
            time: parse_rfc3339(&c.business_time),
            amount,
        }
    }

    /// The whole net of a family as the grid keeps it (by order or bill, the app's own split).
    pub fn of_record(record: &FamilyRecord) -> Take {
        Take {
            family_id: record.id().to_owned(),
            account_id: record.account_id().to_owned(),
            issuer_id: record.issuer_id().to_owned(),
            tax_rate: TaxRate::try_from(record.tax_rate().to_owned())
                .expect("a record's tax rate was read from the contract"),
            time: Filterable::business_time(record),
            amount: record.net_amount(),
        }
    }

    /// The contract's order of use: `businessTime` ascending, then id.
    fn oldest_first(a: &Take, b: &Take) -> std::cmp::Ordering {
        a.time
            .cmp(&b.time)
            .then_with(|| a.family_id.cmp(&b.family_id))
    }
}

/// The part of one invoice that comes from one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountShare {
    pub account_id: AccountId,
    /// The sum of the takes.
    pub net: Money,
    /// What the share gives to the invoice after arrears (`net` when nothing was deducted);
    /// between zero and `net`.
    pub amount: Money,
    /// The takes of this account with the invoice's entity and tax rate, oldest first.
    pub takes: Vec<Take>,
}

/// One invoice of a split with the shares it is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceSplit {
    /// The group and amount as the contract writes them.
    pub invoice: PlannedInvoice,
    /// One per account of the group, by account id; their amounts add up to the invoice's.
    pub shares: Vec<AccountShare>,
}

/// The invoices of an application and the figures per entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    /// By entity id.
    pub issuers: Vec<IssuerSummary>,
    /// By entity id, then tax rate, then first account id; every amount above zero.
    pub invoices: Vec<InvoiceSplit>,
}

impl Split {
    /// The invoices as the contract lists them.
    pub fn planned(&self) -> Vec<PlannedInvoice> {
        self.invoices.iter().map(|i| i.invoice.clone()).collect()
    }

    /// The amount to invoice, all entities together.
    pub fn total(&self) -> Money {
        self.invoices.iter().map(|i| i.invoice.amount).sum()
    }

    /// The answer of `POST /invoice-applications/preview`.
    pub fn preview(&self, basis: ApplicationBasis, mode: Mode) -> ApplicationPreview {
        ApplicationPreview {
            basis,
            mode,
            currency: Currency::Cny,
            total_amount: self.total(),
            issuers: self.issuers.clone(),
            invoices: self.planned(),
        }
    }
}

/// The split of whole selected families (basis `order` or `bill`): grouped by `mode`, each
/// pool's arrears deducted from its shares.
///
/// Refused, in the contract's order, with [`Offence::ModeNotApplicable`] when `mode` is
/// consolidated and the families belong to fewer than two accounts, and with one
/// [`Offence::ArrearsNotCovered`] per pool whose selected net does not exceed its arrears.
pub fn split_families<'a>(
    families: impl IntoIterator<Item = &'a Family>,
    mode: Mode,
    book: &ArrearsBook,
) -> Result<Split, Vec<Offence>> {
    split_wholes(families.into_iter().map(Take::whole).collect(), mode, book)
}

/// [`split_families`] of the families as the grid keeps them: the app's own split, which must
/// equal the server's preview (R16).
pub fn split_records<'a>(
    records: impl IntoIterator<Item = &'a FamilyRecord>,
    mode: Mode,
    book: &ArrearsBook,
) -> Result<Split, Vec<Offence>> {
    split_wholes(
        records.into_iter().map(Take::of_record).collect(),
        mode,
        book,
    )
}

/// The split of whole families' takes; see [`split_families`].
fn split_wholes(takes: Vec<Take>, mode: Mode, book: &ArrearsBook) -> Result<Split, Vec<Offence>> {
    let mut offences = mode_offence(&takes, mode);
    let shares = shares_of(takes);
    let mut issuers = Vec::new();
    for (issuer, pools) in pools_of(&shares, book) {
        let net: Money = pools.iter().map(|p| p.selected_net).sum();
        let arrears: Money = pools.iter().map(|p| p.arrears).sum();
        for p in &pools {
            if let Some(more) = p.more_needed() {
                offences.push(Offence::ArrearsNotCovered(Shortfall {
                    issuer_id: issuer.clone(),
                    account_ids: p.account_ids.clone(),
                    arrears: p.arrears,
                    selected_net: p.selected_net,
                    more,
                    pooled: book.offsetting(),
                }));
            }
        }
        issuers.push(IssuerSummary {
            issuer_id: issuer,
            selected_net_amount: Some(net),
            arrears_amount: arrears,
            invoice_amount: net - arrears,
        });
    }
    if !offences.is_empty() {
        return Err(offences);
    }
    let shares = deducted(shares, book);
    Ok(Split {
        issuers,
        invoices: group(shares, mode),
    })
}

/// The split of the parts taken *by amount* (see [`take_by_amount`]): grouped by `mode`, with no
/// deduction (the arrears stay owed; `arrears` is what the chosen accounts owe the entity).
///
/// Refused with [`Offence::ModeNotApplicable`] when `mode` is consolidated and the parts come
/// from fewer than two accounts.
pub fn split_takes(
    issuer_id: &IssuerId,
    takes: Vec<Take>,
    arrears: Money,
    mode: Mode,
) -> Result<Split, Vec<Offence>> {
    let offences = mode_offence(&takes, mode);
    if !offences.is_empty() {
        return Err(offences);
    }
    let amount: Money = takes.iter().map(|t| t.amount).sum();
    let shares = account_shares(shares_of(takes));
    Ok(Split {
        issuers: vec![IssuerSummary {
            issuer_id: issuer_id.clone(),
            selected_net_amount: None,
            arrears_amount: arrears,
            invoice_amount: amount,
        }],
        invoices: group(shares, mode),
    })
}

/// `consolidated` needs takes of at least two accounts (R15).
fn mode_offence(takes: &[Take], mode: Mode) -> Vec<Offence> {
    let accounts: BTreeSet<&AccountId> = takes.iter().map(|t| &t.account_id).collect();
    if mode == Mode::Consolidated && accounts.len() < 2 {
        vec![Offence::ModeNotApplicable]
    } else {
        Vec::new()
    }
}

/// A share's key: entity, tax rate, account.
type ShareKey = (IssuerId, TaxRate, AccountId);

/// The takes gathered per entity, tax rate and account, with their sum; takes oldest first.
fn shares_of(takes: Vec<Take>) -> BTreeMap<ShareKey, (Money, Vec<Take>)> {
    let mut shares: BTreeMap<ShareKey, (Money, Vec<Take>)> = BTreeMap::new();
    for t in takes {
        let key = (
            t.issuer_id.clone(),
            t.tax_rate.clone(),
            t.account_id.clone(),
        );
        let share = shares.entry(key).or_insert((Money::ZERO, Vec::new()));
        share.0 += t.amount;
        share.1.push(t);
    }
    for (_, takes) in shares.values_mut() {
        takes.sort_by(Take::oldest_first);
    }
    shares
}

/// Per entity, its pools (R13): one of all accounts with shares when offsetting is open, else
/// one per account; each with its arrears and selected net.
fn pools_of(
    shares: &BTreeMap<ShareKey, (Money, Vec<Take>)>,
    book: &ArrearsBook,
) -> BTreeMap<IssuerId, Vec<Pool>> {
    let mut nets: BTreeMap<&IssuerId, BTreeMap<&AccountId, Money>> = BTreeMap::new();
    for ((issuer, _, account), (net, _)) in shares {
        *nets
            .entry(issuer)
            .or_default()
            .entry(account)
            .or_insert(Money::ZERO) += *net;
    }
    nets.into_iter()
        .map(|(issuer, by_account)| {
            let pool = |accounts: Vec<&AccountId>| Pool {
                arrears: accounts.iter().map(|a| book.owed(issuer, a)).sum(),
                selected_net: accounts.iter().map(|a| by_account[*a]).sum(),
                account_ids: accounts.into_iter().cloned().collect(),
            };
            let pools = if book.offsetting() {
                vec![pool(by_account.keys().copied().collect())]
            } else {
                by_account.keys().map(|a| pool(vec![*a])).collect()
            };
            (issuer.clone(), pools)
        })
        .collect()
}

/// The shares as they enter an invoice, nothing deducted yet.
fn account_shares(
    shares: BTreeMap<ShareKey, (Money, Vec<Take>)>,
) -> BTreeMap<ShareKey, AccountShare> {
    shares
        .into_iter()
        .map(|(key, (net, takes))| {
            let share = AccountShare {
                account_id: key.2.clone(),
                net,
                amount: net,
                takes,
            };
            (key, share)
        })
        .collect()
}

/// Each pool's arrears deducted from its shares in the contract's order (covered pools only).
fn deducted(
    shares: BTreeMap<ShareKey, (Money, Vec<Take>)>,
    book: &ArrearsBook,
) -> BTreeMap<ShareKey, AccountShare> {
    let pools = pools_of(&shares, book);
    let mut out = account_shares(shares);
    for (issuer, pools) in pools {
        for pool in pools.iter().filter(|p| p.arrears.is_positive()) {
            let keys: Vec<ShareKey> = out
                .keys()
                .filter(|(i, _, a)| *i == issuer && pool.account_ids.contains(a))
                .cloned()
                .collect();
            let pool_shares: Vec<Share> = keys
                .iter()
                .map(|(i, tax, a)| Share {
                    account_id: a.clone(),
                    tax_rate: tax.clone(),
                    owes: book.owed(i, a).is_positive(),
                    net: out[&(i.clone(), tax.clone(), a.clone())].net,
                })
                .collect();
            let (after, _) = deduct_arrears(pool.arrears, &pool_shares);
            for (key, amount) in keys.into_iter().zip(after) {
                out.get_mut(&key).expect("share of the pool").amount = amount;
            }
        }
    }
    out
}

/// The invoice groups of `mode` (R16), each with its shares; a group at zero is dropped; listed
/// by entity id, tax rate, first account id.
fn group(shares: BTreeMap<ShareKey, AccountShare>, mode: Mode) -> Vec<InvoiceSplit> {
    let mut groups: BTreeMap<(IssuerId, TaxRate, Option<AccountId>), Vec<AccountShare>> =
        BTreeMap::new();
    for ((issuer, tax, account), share) in shares {
        let by_account = (mode == Mode::Independent).then_some(account);
        groups
            .entry((issuer, tax, by_account))
            .or_default()
            .push(share);
    }
    // Shares come in account order within one entity and tax rate, so both the groups'
    // `accountIds` and (with the key's order) the invoices' order are the contract's.
    groups
        .into_iter()
        .filter_map(|((issuer_id, tax_rate, _), shares)| {
            let amount: Money = shares.iter().map(|s| s.amount).sum();
            amount.is_positive().then(|| InvoiceSplit {
                invoice: PlannedInvoice {
                    issuer_id,
                    tax_rate,
                    account_ids: shares.iter().map(|s| s.account_id.clone()).collect(),
                    amount,
                },
                shares,
            })
        })
        .collect()
}

/// The parts taken *by amount* (R11, R12, the contract's "By amount"): `amount` from the
/// checkable families of `issuer_id` of `account_ids`, both bases, oldest first (`businessTime`,
/// then id), the last family in part. Without offsetting each account gives at most its own
/// checkable net minus its own arrears. Returns what could not be taken (zero when `amount` is
/// within the balance's `availableAmount`).
pub fn take_by_amount<'a>(
    issuer_id: &IssuerId,
    account_ids: &[AccountId],
    amount: Money,
    book: &ArrearsBook,
    families: impl IntoIterator<Item = &'a Family>,
) -> (Vec<Take>, Money) {
    let mut candidates: Vec<(&Family, Take)> = families
        .into_iter()
        .filter(|f| {
            let c = f.original();
            c.issuer_id == *issuer_id
                && account_ids.contains(&c.account_id)
                && f.checkability().is_checkable()
        })
        .map(|f| (f, Take::whole(f)))
        .collect();
    candidates.sort_by(|a, b| Take::oldest_first(&a.1, &b.1));
    // Without offsetting, what each account may still give: its net minus its arrears.
    let mut caps: BTreeMap<&AccountId, Money> = BTreeMap::new();
    if !book.offsetting() {
        for (_, t) in &candidates {
            *caps.entry(&t.account_id).or_insert(Money::ZERO) += t.amount;
        }
        for (account, cap) in caps.iter_mut() {
            *cap = (*cap - book.owed(issuer_id, account)).max(Money::ZERO);
        }
    }
    let mut left = amount;
    let mut takes = Vec::new();
    for (family, whole) in &candidates {
        if !left.is_positive() {
            break;
        }
        let cap = caps.get(&whole.account_id).copied();
        let take = whole.amount.min(left).min(cap.unwrap_or(whole.amount));
        if take.is_positive() {
            takes.push(Take::part(family, take));
            left -= take;
            if let Some(cap) = caps.get_mut(&whole.account_id) {
                *cap -= take;
            }
        }
    }
    (takes, left)
}
