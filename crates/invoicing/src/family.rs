//! A family: one original (positive) document and all of its pending negative documents (R06–R08).

use crate::api::{Basis, CandidateStatus, DocumentId, InvoiceCandidate, NegativeDocument};
use crate::money::Money;

/// An original document with its linked negatives, checked against the contract's amount rules.
///
/// Built only through [`Family::from_candidate`], so every family in memory has consistent
/// amounts: `invoiceable = total − invoiced ≥ 0` and `net = invoiceable + Σ negatives`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Family {
    candidate: InvoiceCandidate,
    negative_total: Money,
}

/// Whether a family can be checked, and if not, why (R05, R08).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checkability {
    Checkable,
    /// Temporarily non-invoiceable; the backend's reason code and text (R05).
    NotInvoiceable {
        code: Option<String>,
        reason: Option<String>,
    },
    /// The negatives cancel the original: nothing is left to invoice (R08).
    NetNotPositive {
        net: Money,
    },
}

impl Checkability {
    pub fn is_checkable(&self) -> bool {
        matches!(self, Checkability::Checkable)
    }
}

/// Why a candidate from the backend or a fixture cannot be a family.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("record {id}: {reason}")]
pub struct FamilyError {
    pub id: DocumentId,
    pub reason: String,
}

impl Family {
    /// Checks the contract's invariants of one candidate and makes it a family.
    pub fn from_candidate(candidate: InvoiceCandidate) -> Result<Family, FamilyError> {
        let fail = |reason: String| FamilyError {
            id: candidate.id.clone(),
            reason,
        };
        let c = &candidate;
        if c.invoiceable_amount != c.total_amount - c.invoiced_amount {
            return Err(fail(format!(
                "invoiceableAmount {} is not totalAmount {} minus invoicedAmount {}",
                c.invoiceable_amount, c.total_amount, c.invoiced_amount
            )));
        }
        if c.invoiceable_amount.is_negative() {
            return Err(fail(format!(
                "invoiceableAmount {} is below zero",
                c.invoiceable_amount
            )));
        }
        if c.basis == Basis::Bill && !c.negatives.is_empty() {
            return Err(fail("a monthly bill cannot have negative documents".into()));
        }
        for n in &c.negatives {
            if n.original_id != c.id {
                return Err(fail(format!(
                    "negative {} names original {} but is nested under {}",
                    n.id, n.original_id, c.id
                )));
            }
            if !n.amount.is_negative() {
                return Err(fail(format!(
                    "negative {} has amount {}, which is not below zero",
                    n.id, n.amount
                )));
            }
        }
        let negative_total: Money = c.negatives.iter().map(|n| n.amount).sum();
        if c.net_amount != c.invoiceable_amount + negative_total {
            return Err(fail(format!(
                "netAmount {} is not invoiceableAmount {} plus the negatives {}",
                c.net_amount, c.invoiceable_amount, negative_total
            )));
        }
        match (c.status, &c.not_invoiceable_reason_code) {
            (CandidateStatus::Invoiceable, Some(code)) => {
                return Err(fail(format!(
                    "invoiceable, yet it has notInvoiceableReasonCode {code}"
                )))
            }
            (CandidateStatus::NotInvoiceable, None) => {
                return Err(fail(
                    "not invoiceable, yet notInvoiceableReasonCode is null".into(),
                ))
            }
            _ => {}
        }
        Ok(Family {
            candidate,
            negative_total,
        })
    }

    /// The original document's id, which is also the family's id.
    pub fn id(&self) -> &DocumentId {
        &self.candidate.id
    }

    /// The original document, as the backend sent it.
    pub fn original(&self) -> &InvoiceCandidate {
        &self.candidate
    }

    /// The original document with its negatives, as the backend sent it.
    pub fn into_candidate(self) -> InvoiceCandidate {
        self.candidate
    }

    /// The linked negative documents, oldest first.
    pub fn negatives(&self) -> &[NegativeDocument] {
        &self.candidate.negatives
    }

    /// The original's invoiceable amount (the positive side of the family).
    pub fn positive_amount(&self) -> Money {
        self.candidate.invoiceable_amount
    }

    /// The sum of the negatives' amounts (zero or below).
    pub fn negative_amount(&self) -> Money {
        self.negative_total
    }

    /// What the family adds to an invoice: positive plus negatives.
    pub fn net_amount(&self) -> Money {
        self.candidate.net_amount
    }

    /// Whether the user may check this family, and why not (R05, R08).
    pub fn checkability(&self) -> Checkability {
        if self.candidate.status == CandidateStatus::NotInvoiceable {
            return Checkability::NotInvoiceable {
                code: self.candidate.not_invoiceable_reason_code.clone(),
                reason: self.candidate.not_invoiceable_reason.clone(),
            };
        }
        if !self.net_amount().is_positive() {
            return Checkability::NetNotPositive {
                net: self.net_amount(),
            };
        }
        Checkability::Checkable
    }

    /// The ids a request carries for this family: the original, then every negative (R07).
    pub fn document_ids(&self) -> impl Iterator<Item = &DocumentId> {
        std::iter::once(&self.candidate.id).chain(self.candidate.negatives.iter().map(|n| &n.id))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::api::{Currency, NegativeKind, TaxRate};

    /// A candidate with consistent amounts, given in cents.
    pub(crate) fn candidate(
        id: &str,
        issuer: &str,
        invoiceable: i64,
        negatives: &[i64],
    ) -> InvoiceCandidate {
        let invoiceable = Money::from_cents(invoiceable);
        let negatives: Vec<NegativeDocument> = negatives
            .iter()
            .enumerate()
            .map(|(i, cents)| NegativeDocument {
                id: format!("{id}-neg-{i}"),
                original_id: id.to_owned(),
                kind: NegativeKind::Refund,
                business_id: format!("RF{i}"),
                business_time: "2026-10-01T00:00:00+08:00".into(),
                amount: Money::from_cents(*cents),
            })
            .collect();
        let net = invoiceable + negatives.iter().map(|n| n.amount).sum::<Money>();
        InvoiceCandidate {
            id: id.to_owned(),
            basis: Basis::Order,
            account_id: "1358207642917356".into(),
            account_name: "主账号".into(),
            business_id: format!("B{id}"),
            billing_cycle: "2026-10".into(),
            business_time: "2026-10-01T00:00:00+08:00".into(),
            product_code: "ecs".into(),
            product_name: "ECS".into(),
            issuer_id: issuer.to_owned(),
            tax_rate: TaxRate::try_from("0.06".to_owned()).unwrap(),
            currency: Currency::Cny,
            status: CandidateStatus::Invoiceable,
            not_invoiceable_reason_code: None,
            not_invoiceable_reason: None,
            total_amount: invoiceable,
            invoiced_amount: Money::ZERO,
            invoiceable_amount: invoiceable,
            net_amount: net,
            negatives,
        }
    }

    #[test]
    fn r07_family_holds_original_and_every_negative() {
        let f = Family::from_candidate(candidate("cand-1", "CLOUD", 438000, &[-146000, -1000]))
            .unwrap();
        let ids: Vec<_> = f.document_ids().cloned().collect();
        assert_eq!(ids, ["cand-1", "cand-1-neg-0", "cand-1-neg-1"]);
        assert_eq!(f.negative_amount(), Money::from_cents(-147000));
        assert_eq!(f.net_amount(), Money::from_cents(291000));
        assert!(f.checkability().is_checkable());
    }

    #[test]
    fn r05_not_invoiceable_family_is_not_checkable_and_says_why() {
        let mut c = candidate("cand-2", "CLOUD", 540000, &[]);
        c.status = CandidateStatus::NotInvoiceable;
        c.not_invoiceable_reason_code = Some("ORDER_UNDER_REVIEW".into());
        c.not_invoiceable_reason = Some("under review".into());
        let f = Family::from_candidate(c).unwrap();
        assert_eq!(
            f.checkability(),
            Checkability::NotInvoiceable {
                code: Some("ORDER_UNDER_REVIEW".into()),
                reason: Some("under review".into())
            }
        );
    }

    #[test]
    fn r08_family_with_net_zero_or_below_is_not_checkable() {
        let zero = Family::from_candidate(candidate("z", "CLOUD", 1000, &[-1000])).unwrap();
        assert_eq!(
            zero.checkability(),
            Checkability::NetNotPositive { net: Money::ZERO }
        );
        let below = Family::from_candidate(candidate("b", "CLOUD", 1000, &[-1500])).unwrap();
        assert_eq!(
            below.checkability(),
            Checkability::NetNotPositive {
                net: Money::from_cents(-500)
            }
        );
    }

    #[test]
    fn inconsistent_candidates_are_refused_with_the_reason() {
        let mut c = candidate("c", "CLOUD", 1000, &[-100]);
        c.net_amount = Money::from_cents(1000);
        let e = Family::from_candidate(c).unwrap_err();
        assert_eq!(e.id, "c");
        assert!(e.reason.contains("netAmount"), "{e}");

        let mut c = candidate("c", "CLOUD", 1000, &[-100]);
        c.negatives[0].original_id = "other".into();
        assert!(Family::from_candidate(c)
            .unwrap_err()
            .reason
            .contains("names original other"));

        let mut c = candidate("c", "CLOUD", 1000, &[]);
        c.invoiced_amount = Money::from_cents(1);
        assert!(Family::from_candidate(c)
            .unwrap_err()
            .reason
            .contains("invoiceableAmount"));

        let mut c = candidate("c", "CLOUD", 1000, &[-100]);
        c.negatives[0].amount = Money::from_cents(100);
        c.net_amount = Money::from_cents(1100);
        assert!(Family::from_candidate(c)
            .unwrap_err()
            .reason
            .contains("not below zero"));
    }
}
