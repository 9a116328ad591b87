//! The selection: the checked families and their running totals (R07, R09, R10).
//!
//! The only way in is a whole [`Family`], so a negative document without its original, or an
//! original without all of its negatives, cannot be expressed (R07). Totals are kept up to date
//! on every check and uncheck in constant time, instead of being re-summed over the grid.

use std::collections::{BTreeMap, HashMap};

use crate::api::{DocumentId, IssuerId};
use crate::family::{Checkability, Family};
use crate::money::Money;

/// Figures of a set of checked families (R10).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// How many families are checked.
    pub count: usize,
    /// Sum of the originals' invoiceable amounts.
    pub positive: Money,
    /// Sum of the negatives' amounts (zero or below).
    pub negative: Money,
}

impl Totals {
    /// What the checked families add up to: positive plus negative.
    pub fn net(&self) -> Money {
        self.positive + self.negative
    }

    pub(crate) fn add(&mut self, positive: Money, negative: Money) {
        self.count += 1;
        self.positive += positive;
        self.negative += negative;
    }

    pub(crate) fn remove(&mut self, positive: Money, negative: Money) {
        self.count -= 1;
        self.positive -= positive;
        self.negative -= negative;
    }

    /// Adds the figures of other families.
    pub(crate) fn merge(&mut self, other: &Totals) {
        self.count += other.count;
        self.positive += other.positive;
        self.negative += other.negative;
    }
}

/// What the selection remembers of a checked family, so that unchecking needs no lookup.
#[derive(Clone, Debug)]
struct CheckedFamily {
    issuer_id: IssuerId,
    positive: Money,
    negative: Money,
    negative_ids: Vec<DocumentId>,
}

impl CheckedFamily {
    /// Whether this is what `family` looks like now: same entity, amounts and negatives.
    fn is_picture_of(&self, family: &Family) -> bool {
        self.issuer_id == family.original().issuer_id
            && self.positive == family.positive_amount()
            && self.negative == family.negative_amount()
            && self.negative_ids.len() == family.negatives().len()
            && self
                .negative_ids
                .iter()
                .zip(family.negatives())
                .all(|(id, n)| *id == n.id)
    }
}

/// A family that cannot be checked, and why (R05, R08).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("family {id} cannot be checked: {why:?}")]
pub struct NotCheckable {
    pub id: DocumentId,
    pub why: Checkability,
}

/// The set of checked families, which only ever holds whole families.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    families: HashMap<DocumentId, CheckedFamily>,
    /// Every checked negative's id, mapped to its original's id.
    negatives: HashMap<DocumentId, DocumentId>,
    totals: Totals,
    by_issuer: BTreeMap<IssuerId, Totals>,
}

impl Selection {
    pub fn new() -> Selection {
        Selection::default()
    }

    /// Checks a family with all of its negatives (R07). `Ok(false)` when it was checked already
    /// with exactly this picture. A checked family whose amounts or negatives changed (a reload)
    /// is replaced by its new picture, so the selection never holds a negative that left the
    /// family, nor misses one that joined it. A family that is no longer checkable is refused
    /// and, if it was checked, unchecked.
    pub fn check(&mut self, family: &Family) -> Result<bool, NotCheckable> {
        let why = family.checkability();
        if !why.is_checkable() {
            self.uncheck(family.id());
            return Err(NotCheckable {
                id: family.id().clone(),
                why,
            });
        }
        if let Some(old) = self.families.get(family.id()) {
            if old.is_picture_of(family) {
                return Ok(false);
            }
            self.uncheck(family.id());
        }
        let entry = CheckedFamily {
            issuer_id: family.original().issuer_id.clone(),
            positive: family.positive_amount(),
            negative: family.negative_amount(),
            negative_ids: family.negatives().iter().map(|n| n.id.clone()).collect(),
        };
        for id in &entry.negative_ids {
            self.negatives.insert(id.clone(), family.id().clone());
        }
        self.totals.add(entry.positive, entry.negative);
        self.by_issuer
            .entry(entry.issuer_id.clone())
            .or_default()
            .add(entry.positive, entry.negative);
        self.families.insert(family.id().clone(), entry);
        Ok(true)
    }

    /// Unchecks the family whose original is `original_id`, and all of its negatives (R07).
    /// Returns whether it was checked. The id of a negative document unchecks nothing.
    pub fn uncheck(&mut self, original_id: &str) -> bool {
        let Some(entry) = self.families.remove(original_id) else {
            return false;
        };
        for id in &entry.negative_ids {
            self.negatives.remove(id);
        }
        self.totals.remove(entry.positive, entry.negative);
        if let Some(t) = self.by_issuer.get_mut(&entry.issuer_id) {
            t.remove(entry.positive, entry.negative);
            if t.count == 0 {
                self.by_issuer.remove(&entry.issuer_id);
            }
        }
        true
    }

    /// Checks an unchecked family or unchecks a checked one; returns whether it is now checked.
    pub fn toggle(&mut self, family: &Family) -> Result<bool, NotCheckable> {
        if self.uncheck(family.id()) {
            Ok(false)
        } else {
            self.check(family)
        }
    }

    /// Unchecks everything in one action (R09).
    pub fn clear(&mut self) {
        *self = Selection::default();
    }

    /// Whether the family whose original is `original_id` is checked.
    pub fn is_family_checked(&self, original_id: &str) -> bool {
        self.families.contains_key(original_id)
    }

    /// Whether a document, original or negative, is checked. A negative is checked exactly when
    /// its original is (R07).
    pub fn is_document_checked(&self, id: &str) -> bool {
        self.families.contains_key(id) || self.negatives.contains_key(id)
    }

    /// The ids of the checked families' originals, in no particular order.
    pub fn checked_families(&self) -> impl Iterator<Item = &DocumentId> {
        self.families.keys()
    }

    pub fn is_empty(&self) -> bool {
        self.families.is_empty()
    }

    /// Figures over every checked family (R10).
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Figures per invoicing entity, ordered by entity id (R10).
    pub fn totals_by_issuer(&self) -> impl Iterator<Item = (&IssuerId, &Totals)> {
        self.by_issuer.iter()
    }

    /// The ids a request carries: for each checked family, ordered by original id, the original
    /// followed by all of its negatives (R07).
    pub fn candidate_ids(&self) -> Vec<DocumentId> {
        let mut originals: Vec<&DocumentId> = self.families.keys().collect();
        originals.sort();
        let mut ids = Vec::with_capacity(self.families.len() + self.negatives.len());
        for original in originals {
            ids.push(original.clone());
            ids.extend(self.families[original].negative_ids.iter().cloned());
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::CandidateStatus;
    use crate::family::tests::candidate;
    use proptest::prelude::*;

    fn family(id: &str, issuer: &str, invoiceable: i64, negatives: &[i64]) -> Family {
        Family::from_candidate(candidate(id, issuer, invoiceable, negatives)).unwrap()
    }

    #[test]
    fn r07_checking_an_original_checks_all_its_negatives() {
        let f = family("cand-0002", "CLOUD", 438000, &[-146000, -2000]);
        let mut s = Selection::new();
        assert_eq!(s.check(&f), Ok(true));
        assert!(s.is_document_checked("cand-0002"));
        assert!(s.is_document_checked("cand-0002-neg-0"));
        assert!(s.is_document_checked("cand-0002-neg-1"));
        assert_eq!(
            s.candidate_ids(),
            ["cand-0002", "cand-0002-neg-0", "cand-0002-neg-1"]
        );
    }

    #[test]
    fn r07_unchecking_an_original_unchecks_its_negatives() {
        let f = family("cand-0002", "CLOUD", 438000, &[-146000]);
        let mut s = Selection::new();
        s.check(&f).unwrap();
        assert!(s.uncheck("cand-0002"));
        assert!(!s.is_document_checked("cand-0002"));
        assert!(!s.is_document_checked("cand-0002-neg-0"));
        assert!(s.is_empty());
        assert_eq!(s.totals(), Totals::default());
    }

    #[test]
    fn r07_a_negative_cannot_be_unchecked_on_its_own() {
        let f = family("o", "CLOUD", 5000, &[-1000]);
        let mut s = Selection::new();
        s.check(&f).unwrap();
        assert!(!s.uncheck("o-neg-0"));
        assert!(s.is_document_checked("o-neg-0"));
        assert!(s.is_document_checked("o"));
    }

    #[test]
    fn r05_not_invoiceable_family_cannot_be_checked() {
        let mut c = candidate("n", "CLOUD", 5000, &[]);
        c.status = CandidateStatus::NotInvoiceable;
        c.not_invoiceable_reason_code = Some("OTHER".into());
        let f = Family::from_candidate(c).unwrap();
        let mut s = Selection::new();
        assert!(matches!(
            s.check(&f),
            Err(NotCheckable {
                why: Checkability::NotInvoiceable { .. },
                ..
            })
        ));
        assert!(s.is_empty());
    }

    #[test]
    fn r08_family_with_net_zero_cannot_be_checked() {
        let f = family("z", "CLOUD", 5000, &[-5000]);
        let mut s = Selection::new();
        assert!(s.toggle(&f).is_err());
        assert!(!s.is_document_checked("z"));
        assert!(!s.is_document_checked("z-neg-0"));
    }

    #[test]
    fn r10_totals_are_exact_and_per_invoicing_entity() {
        let mut s = Selection::new();
        s.check(&family("a", "CLOUD_SERVICE", 438000, &[-146000]))
            .unwrap();
        s.check(&family("b", "CLOUD_SERVICE", 1, &[])).unwrap();
        s.check(&family("c", "COMM_SERVICE", 100000, &[-3333]))
            .unwrap();
        let t = s.totals();
        assert_eq!(t.count, 3);
        assert_eq!(t.positive.to_contract_string(), "5380.01");
        assert_eq!(t.negative.to_contract_string(), "-1493.33");
        assert_eq!(t.net().to_contract_string(), "3886.68");
        let per: Vec<_> = s
            .totals_by_issuer()
            .map(|(id, t)| (id.as_str(), t.count, t.net().to_contract_string()))
            .collect();
        assert_eq!(
            per,
            [
                ("CLOUD_SERVICE", 2, "2920.01".to_owned()),
                ("COMM_SERVICE", 1, "966.67".to_owned())
            ]
        );
        s.uncheck("c");
        assert_eq!(s.totals_by_issuer().count(), 1);
    }

    #[test]
    fn r09_clear_unchecks_everything_in_one_action() {
        let mut s = Selection::new();
        s.check(&family("a", "X", 100, &[-1])).unwrap();
        s.check(&family("b", "Y", 100, &[])).unwrap();
        let mut checked: Vec<_> = s.checked_families().cloned().collect();
        checked.sort();
        assert_eq!(checked, ["a", "b"]);
        s.clear();
        assert!(s.is_empty());
        assert_eq!(s.checked_families().count(), 0);
        assert!(!s.is_document_checked("a-neg-0"));
        assert_eq!(s.totals(), Totals::default());
        assert_eq!(s.totals_by_issuer().count(), 0);
    }

    #[test]
    fn r07_checking_twice_changes_nothing() {
        let f = family("a", "X", 100, &[-1]);
        let mut s = Selection::new();
        assert_eq!(s.check(&f), Ok(true));
        assert_eq!(s.check(&f), Ok(false));
        assert_eq!(s.totals().count, 1);
        assert_eq!(s.candidate_ids().len(), 2);
    }

    /// A random family: amounts in cents, up to four negatives, sometimes not invoiceable.
    fn arb_family(index: usize) -> impl Strategy<Value = Family> {
        (
            0i64..10_000_000,
            prop::collection::vec(-5_000_000i64..-1, 0..4),
            prop::sample::select(vec!["CLOUD_SERVICE", "COMM_SERVICE", "AI_SERVICE"]),
            prop::bool::weighted(0.2),
        )
            .prop_map(move |(positive, negatives, issuer, blocked)| {
                let mut c = candidate(&format!("cand-{index}"), issuer, positive, &negatives);
                if blocked {
                    c.status = CandidateStatus::NotInvoiceable;
                    c.not_invoiceable_reason_code = Some("OTHER".into());
                }
                Family::from_candidate(c).unwrap()
            })
    }

    fn arb_families() -> impl Strategy<Value = Vec<Family>> {
        (1usize..12).prop_flat_map(|n| (0..n).map(arb_family).collect::<Vec<_>>())
    }

    #[derive(Clone, Debug)]
    enum Op {
        Toggle(usize),
        Check(usize),
        Uncheck(usize),
        UncheckNegative(usize),
        Clear,
    }

    fn arb_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => any::<usize>().prop_map(Op::Toggle),
            2 => any::<usize>().prop_map(Op::Check),
            2 => any::<usize>().prop_map(Op::Uncheck),
            1 => any::<usize>().prop_map(Op::UncheckNegative),
            1 => Just(Op::Clear),
        ]
    }

    proptest! {
        /// After any sequence of operations, every family is wholly in or wholly out of the
        /// selection, only checkable ones are in, and the totals equal a plain re-summation.
        #[test]
        fn r07_r10_selection_holds_whole_families_and_exact_totals(
            families in arb_families(),
            ops in prop::collection::vec(arb_op(), 0..60),
        ) {
            let mut s = Selection::new();
            for op in ops {
                match op {
                    Op::Toggle(i) => { let _ = s.toggle(&families[i % families.len()]); }
                    Op::Check(i) => { let _ = s.check(&families[i % families.len()]); }
                    Op::Uncheck(i) => { s.uncheck(families[i % families.len()].id()); }
                    Op::UncheckNegative(i) => {
                        if let Some(n) = families[i % families.len()].negatives().first() {
                            prop_assert!(!s.uncheck(&n.id));
                        }
                    }
                    Op::Clear => s.clear(),
                }
                let mut expected = Totals::default();
                let mut per: BTreeMap<IssuerId, Totals> = BTreeMap::new();
                let mut ids = Vec::new();
                for f in &families {
                    let checked = s.is_family_checked(f.id());
                    for id in f.document_ids() {
                        prop_assert_eq!(s.is_document_checked(id), checked, "R07 broken at {}", id);
                    }
                    if checked {
                        prop_assert!(f.checkability().is_checkable());
                        expected.add(f.positive_amount(), f.negative_amount());
                        per.entry(f.original().issuer_id.clone()).or_default()
                            .add(f.positive_amount(), f.negative_amount());
                        ids.extend(f.document_ids().cloned());
                    }
                }
                prop_assert_eq!(s.totals(), expected);
                prop_assert_eq!(s.totals().net(), expected.positive + expected.negative);
                let actual_per: BTreeMap<IssuerId, Totals> =
                    s.totals_by_issuer().map(|(k, v)| (k.clone(), *v)).collect();
                prop_assert_eq!(actual_per, per);
                let mut actual_ids = s.candidate_ids();
                actual_ids.sort();
                ids.sort();
                prop_assert_eq!(actual_ids, ids);
            }
        }
    }
}
