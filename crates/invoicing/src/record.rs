//! A family as the grid keeps it: only what the grid shows and the selection needs, with the
//! texts that many families repeat (accounts, products, billing cycles, entities, tax rates)
//! stored once. 100,000 families then fit in about half the memory that the wire types
//! take, which is what a browser tab can spend.

use std::collections::HashSet;
use std::sync::Arc;

use crate::api::{CandidateStatus, DocumentId, NegativeKind, TaxRate};
use crate::family::{Checkability, Family};
use crate::filter::Filterable;
use crate::money::Money;
use crate::time::{parse_rfc3339, Instant};

/// Stands for a `businessTime` that does not parse.
const NO_TIME: Instant = Instant {
    secs: i64::MIN,
    nanos: 0,
};

/// Two texts that always go together (an account's id and name, a product's code and name)
/// kept as one shared text `first␟second`: one pointer per family instead of two.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Pair(Arc<str>);

impl Pair {
    /// The unit separator, which no id or product code holds.
    const SEPARATOR: char = '\u{1f}';

    fn new(first: &str, second: &str, interner: &mut Interner) -> Pair {
        Pair(interner.intern(&format!("{first}{}{second}", Pair::SEPARATOR)))
    }

    fn first(&self) -> &str {
        self.0
            .split_once(Pair::SEPARATOR)
            .map_or(&self.0, |(a, _)| a)
    }

    fn second(&self) -> &str {
        self.0.split_once(Pair::SEPARATOR).map_or("", |(_, b)| b)
    }
}

/// One copy of each repeated text. Kept by [`crate::Families`] for as long as it lives.
#[derive(Clone, Debug, Default)]
pub struct Interner(HashSet<Arc<str>>);

impl Interner {
    /// The shared copy of `text`.
    pub fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(shared.clone());
        shared
    }
}

/// A negative document as the grid shows it (R06).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NegativeRecord {
    pub id: Box<str>,
    pub business_id: Box<str>,
    pub kind: NegativeKind,
    /// The day of its `businessTime`, `YYYY-MM-DD`.
    pub date: Box<str>,
    pub amount: Money,
}

/// An original document with its negatives, as the grid keeps it. Built from a [`Family`], so
/// its amounts have passed the contract's checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FamilyRecord {
    id: Box<str>,
    business_id: Box<str>,
    /// The account's id and name, stored as one shared text (see [`Pair`]).
    account: Pair,
    billing_cycle: Arc<str>,
    /// The product's code and name, stored as one shared text.
    product: Pair,
    /// The original's `businessTime`, for time filters (R04).
    /// `None` (a malformed time, which no time range matches) is [`NO_TIME`].
    business_time: Instant,
    issuer_id: Arc<str>,
    tax_rate: Arc<str>,
    status: CandidateStatus,
    reason_code: Option<Arc<str>>,
    reason: Option<Arc<str>>,
    positive: Money,
    negative: Money,
    net: Money,
    negatives: Box<[NegativeRecord]>,
}

impl FamilyRecord {
    /// Keeps what the grid needs of `family`, sharing repeated texts through `interner`.
    pub fn new(family: Family, interner: &mut Interner) -> FamilyRecord {
        let (positive, negative, net) = (
            family.positive_amount(),
            family.negative_amount(),
            family.net_amount(),
        );
        let c = family.into_candidate();
        let negatives = c
            .negatives
            .into_iter()
            .map(|n| NegativeRecord {
                date: n.business_time.get(..10).unwrap_or(&n.business_time).into(),
                id: n.id.into(),
                business_id: n.business_id.into(),
                kind: n.kind,
                amount: n.amount,
            })
            .collect();
        FamilyRecord {
            id: c.id.into(),
            business_id: c.business_id.into(),
            account: Pair::new(&c.account_id, &c.account_name, interner),
            billing_cycle: interner.intern(&c.billing_cycle),
            product: Pair::new(&c.product_code, &c.product_name, interner),
            business_time: parse_rfc3339(&c.business_time).unwrap_or(NO_TIME),
            issuer_id: interner.intern(&c.issuer_id),
            tax_rate: interner.intern(c.tax_rate.as_str()),
            status: c.status,
            reason_code: c.not_invoiceable_reason_code.map(|t| interner.intern(&t)),
            reason: c.not_invoiceable_reason.map(|t| interner.intern(&t)),
            positive,
            negative,
            net,
            negatives,
        }
    }

    /// The original document's id, which is also the family's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The order or bill number people know it by.
    pub fn business_id(&self) -> &str {
        &self.business_id
    }

    pub fn account_id(&self) -> &str {
        self.account.first()
    }

    pub fn account_name(&self) -> &str {
        self.account.second()
    }

    pub fn billing_cycle(&self) -> &str {
        &self.billing_cycle
    }

    pub fn product_name(&self) -> &str {
        self.product.second()
    }

    pub fn product_code(&self) -> &str {
        self.product.first()
    }

    /// The invoicing entity's id.
    pub fn issuer_id(&self) -> &str {
        &self.issuer_id
    }

    /// Invoiceable, or temporarily not (R05).
    pub fn status(&self) -> CandidateStatus {
        self.status
    }

    /// The tax rate as the contract writes it, `0.06`.
    pub fn tax_rate(&self) -> &str {
        &self.tax_rate
    }

    /// The tax rate as people read it, `6%`.
    pub fn tax_rate_percent(&self) -> String {
        TaxRate::percent_of(&self.tax_rate)
    }

    pub fn negatives(&self) -> &[NegativeRecord] {
        &self.negatives
    }

    /// The original's invoiceable amount.
    pub fn positive_amount(&self) -> Money {
        self.positive
    }

    /// The sum of the negatives (zero or below).
    pub fn negative_amount(&self) -> Money {
        self.negative
    }

    /// What the family adds to an invoice.
    pub fn net_amount(&self) -> Money {
        self.net
    }

    /// Whether the family can be checked, and why not (R05, R08); as [`Family::checkability`].
    pub fn checkability(&self) -> Checkability {
        if self.status == CandidateStatus::NotInvoiceable {
            return Checkability::NotInvoiceable {
                code: self.reason_code.as_deref().map(str::to_owned),
                reason: self.reason.as_deref().map(str::to_owned),
            };
        }
        if !self.net.is_positive() {
            return Checkability::NetNotPositive { net: self.net };
        }
        Checkability::Checkable
    }

    /// Whether the family can be checked, without saying why.
    pub fn is_checkable(&self) -> bool {
        self.status == CandidateStatus::Invoiceable && self.net.is_positive()
    }

    /// The ids a request carries for this family: the original, then every negative (R07).
    pub fn document_ids(&self) -> impl Iterator<Item = DocumentId> + '_ {
        std::iter::once(self.id.to_string()).chain(self.negatives.iter().map(|n| n.id.to_string()))
    }
}

impl Filterable for FamilyRecord {
    fn issuer_id(&self) -> &str {
        &self.issuer_id
    }
    fn status(&self) -> CandidateStatus {
        self.status
    }
    fn account_id(&self) -> &str {
        self.account.first()
    }
    fn billing_cycle(&self) -> &str {
        &self.billing_cycle
    }
    fn business_time(&self) -> Option<Instant> {
        (self.business_time != NO_TIME).then_some(self.business_time)
    }
    fn product_code(&self) -> &str {
        self.product.first()
    }
    fn business_ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.business_id).chain(self.negatives.iter().map(|n| &*n.business_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::family::tests::candidate;

    #[test]
    fn a_record_keeps_what_the_family_says() {
        let mut c = candidate("o", "CLOUD", 10_000, &[-1_000, -250]);
        c.negatives[1].business_time = "2026-11-02T08:00:00+08:00".into();
        let family = Family::from_candidate(c.clone()).unwrap();
        let record = FamilyRecord::new(family.clone(), &mut Interner::default());
        assert_eq!(record.id(), "o");
        assert_eq!(record.business_id(), c.business_id);
        assert_eq!(record.positive_amount(), family.positive_amount());
        assert_eq!(record.negative_amount(), family.negative_amount());
        assert_eq!(record.net_amount(), family.net_amount());
        assert_eq!(record.checkability(), family.checkability());
        assert_eq!(record.tax_rate_percent(), "6%");
        assert_eq!(&*record.negatives()[1].date, "2026-11-02");
        let ids: Vec<DocumentId> = record.document_ids().collect();
        let want: Vec<DocumentId> = family.document_ids().cloned().collect();
        assert_eq!(ids, want);
    }

    #[test]
    fn repeated_texts_are_stored_once() {
        let mut interner = Interner::default();
        let a = FamilyRecord::new(
            Family::from_candidate(candidate("a", "CLOUD", 100, &[])).unwrap(),
            &mut interner,
        );
        let b = FamilyRecord::new(
            Family::from_candidate(candidate("b", "CLOUD", 100, &[])).unwrap(),
            &mut interner,
        );
        assert!(Arc::ptr_eq(&a.product.0, &b.product.0));
        assert_eq!((a.product_code(), a.product_name()), ("ecs", "ECS"));
        assert_eq!(a.account_name(), "主账号");
        assert!(Arc::ptr_eq(&a.issuer_id, &b.issuer_id));
    }
}
