//! A rejected or cancelled invoice gives its documents back (the contract's "Statuses", README
//! invariant 6): the reverse of [`invoicing::usage::use_family`] for each family the invoice used.
//!
//! For each original line, the original's `invoicedAmount` is lowered by the line's amount and
//! the invoice's negative lines of that original become its pending negatives again; the family
//! is listed again as it then is ([`Data::restore_family`]), so its documents are candidates
//! that a new application may use, exactly as before the application.
//!
//! The original as it is now is the listed one, or the one that left the list when it was used
//! up. An original the mock never had as a candidate (a fixture's invoice of documents that
//! are not among its candidates) is made from the invoice: its line, the record's issuer and
//! rate, and a `totalAmount` of what the invoices that are not rejected or cancelled use of it.
//!
//! Everything is computed first and applied only when all of it holds, so a failure changes
//! nothing.

use invoicing::api::{
    Basis, CandidateStatus, Currency, InvoiceCandidate, NegativeDocument, NegativeKind,
};
use invoicing::Family;
use invoicing::Money;

use crate::data::Data;
use crate::records::{InvoiceLine, InvoiceRecordDetail, InvoiceStatus, LineKind};

/// The negative document kind of a negative line; `None` for an original's line.
pub fn negative_kind(kind: LineKind) -> Option<NegativeKind> {
    match kind {
        LineKind::Refund => Some(NegativeKind::Refund),
        LineKind::AllocationReduction => Some(NegativeKind::AllocationReduction),
        LineKind::AdjustmentReduction => Some(NegativeKind::AdjustmentReduction),
        LineKind::Order | LineKind::Bill => None,
    }
}

/// The family after an invoice gives back `part` of `now`'s original and `negatives`: the
/// original's `invoicedAmount` lowered by `part`, the negatives pending again.
pub fn given_back(
    now: &InvoiceCandidate,
    part: Money,
    negatives: &[&InvoiceLine],
) -> Result<Family, String> {
    let mut c = now.clone();
    if part > c.invoiced_amount {
        return Err(format!(
            "{}: {part} cannot be given back, only {} is invoiced",
            c.id, c.invoiced_amount
        ));
    }
    c.invoiced_amount -= part;
    c.invoiceable_amount = c.total_amount - c.invoiced_amount;
    for l in negatives {
        let kind = negative_kind(l.kind).ok_or("an original line is not a negative")?;
        if c.negatives.iter().any(|n| n.id == l.document_id) {
            return Err(format!(
                "{}: negative {} is pending already",
                c.id, l.document_id
            ));
        }
        c.negatives.push(NegativeDocument {
            id: l.document_id.clone(),
            original_id: c.id.clone(),
            kind,
            business_id: l.business_id.clone(),
            business_time: l.business_time.clone(),
            amount: l.amount,
        });
    }
    c.net_amount = c.invoiceable_amount + c.negatives.iter().map(|n| n.amount).sum::<Money>();
    Family::from_candidate(c).map_err(|e| e.to_string())
}

/// The original of `line` as the mock never listed it: used up by the invoices that are not
/// rejected or cancelled, `record` among them.
fn made_from_line(
    data: &Data,
    record: &InvoiceRecordDetail,
    line: &InvoiceLine,
) -> InvoiceCandidate {
    let used: Money = data
        .records
        .iter()
        .filter(|r| !matches!(r.status, InvoiceStatus::Rejected | InvoiceStatus::Cancelled))
        .flat_map(|r| &r.lines)
        .filter(|l| l.document_id == line.document_id)
        .map(|l| l.amount)
        .sum();
    let account_name = data
        .accounts
        .iter()
        .find(|a| a.id == line.account_id)
        .map_or_else(|| line.account_id.clone(), |a| a.name.clone());
    InvoiceCandidate {
        id: line.document_id.clone(),
        basis: if line.kind == LineKind::Bill {
            Basis::Bill
        } else {
            Basis::Order
        },
        account_id: line.account_id.clone(),
        account_name,
        business_id: line.business_id.clone(),
        billing_cycle: line.billing_cycle.clone(),
        business_time: line.business_time.clone(),
        product_code: line.product_code.clone(),
        product_name: line.product_name.clone(),
        issuer_id: record.issuer_id.clone(),
        tax_rate: record.tax_rate.clone(),
        currency: Currency::Cny,
        status: CandidateStatus::Invoiceable,
        not_invoiceable_reason_code: None,
        not_invoiceable_reason: None,
        total_amount: used,
        invoiced_amount: used,
        invoiceable_amount: Money::ZERO,
        net_amount: Money::ZERO,
        negatives: Vec::new(),
    }
}

/// The families `record` gives back, as they will be listed; nothing changes.
pub fn families_given_back(
    data: &Data,
    record: &InvoiceRecordDetail,
) -> Result<Vec<Family>, String> {
    let mut out = Vec::new();
    for o in record.lines.iter().filter(|l| l.kind.is_positive()) {
        let negatives: Vec<&InvoiceLine> = record
            .lines
            .iter()
            .filter(|n| !n.kind.is_positive() && n.original_id.as_ref() == Some(&o.document_id))
            .collect();
        let now = match data.original_now(&o.document_id) {
            Some(c) => c.clone(),
            None => made_from_line(data, record, o),
        };
        out.push(
            given_back(&now, o.amount, &negatives)
                .map_err(|e| format!("{}: {e}", record.invoice_id))?,
        );
    }
    Ok(out)
}

/// Gives `record`'s documents back to the candidate list: all of them, or (`Err`) none.
pub fn give_back(data: &mut Data, record: &InvoiceRecordDetail) -> Result<(), String> {
    for family in families_given_back(data, record)? {
        data.restore_family(family);
    }
    Ok(())
}
