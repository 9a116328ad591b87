//! Existing invoices as the fixture holds them (`InvoiceRecordDetail` of `openapi.yaml`) and their rules (R24, invariant 7).
//!
//! No endpoint serves them yet; the mock loads and checks them so that a broken fixture fails at
//! start, not when the records page is built. `POST /invoice-applications` adds the invoices it
//! creates ([`crate::applications`]).

use std::collections::HashSet;

pub use invoicing::invoice_record::{
    AddressSnapshot, ApplicationBasis, InvoiceLine, InvoiceMode, InvoiceRecordDetail,
    InvoiceStatus, InvoiceType, LineKind, TitleSnapshot,
};

use crate::timestamp::{is_billing_cycle, parse_rfc3339};

/// Checks one record's rules; `issuer_name` is the name of its issuer, `None` when unknown.
pub fn check_record(
    r: &InvoiceRecordDetail,
    issuer_name: Option<&str>,
    fail: &mut impl FnMut(String),
) {
    match issuer_name {
        None => fail(format!(
            "issuerId {} is not an issuer of the fixture",
            r.issuer_id
        )),
        Some(name) if name != r.issuer_name => fail(format!(
            "issuerName \"{}\" is not the name of {}: \"{name}\"",
            r.issuer_name, r.issuer_id
        )),
        Some(_) => {}
    }
    for (field, time) in [
        ("createdAt", Some(&r.created_at)),
        ("issuedAt", r.issued_at.as_ref()),
    ] {
        if let Some(t) = time {
            if parse_rfc3339(t).is_none() {
                fail(format!(
                    "{field} \"{t}\" is not an RFC 3339 time with an offset"
                ));
            }
        }
    }
    if !r.amount.is_positive() {
        fail(format!("amount {} is not above zero", r.amount));
    }
    let invoiced = r.status == InvoiceStatus::Invoiced;
    if invoiced != r.invoice_number.is_some() || invoiced != r.issued_at.is_some() {
        fail("invoiceNumber and issuedAt must be set exactly when the status is invoiced".into());
    }
    let rejected = r.status == InvoiceStatus::Rejected;
    if rejected != r.reject_reason.as_ref().is_some_and(|s| !s.is_empty()) {
        fail("rejectReason must be set exactly when the status is rejected".into());
    }
    if r.invoice_type == InvoiceType::SpecialPaper {
        if r.emails.is_some() || r.address.is_none() {
            fail("a paper invoice has an address and no e-mails".into());
        }
    } else if r
        .emails
        .as_ref()
        .is_none_or(|e| e.is_empty() || e.len() > 5)
        || r.address.is_some()
        || r.tracking_number.is_some()
    {
        fail("an electronic invoice has 1 to 5 e-mails, no address and no tracking number".into());
    }
    if r.mode == InvoiceMode::Independent && r.account_ids.len() != 1 {
        fail("an independent invoice covers exactly one account".into());
    }
    if r.account_ids.is_empty() || !r.account_ids.windows(2).all(|w| w[0] < w[1]) {
        fail("accountIds must be non-empty, ascending and without duplicates".into());
    }
    if r.lines.is_empty() {
        fail("an invoice has at least one line".into());
    }
    let positives: HashSet<&str> = r
        .lines
        .iter()
        .filter(|l| l.kind.is_positive())
        .map(|l| l.document_id.as_str())
        .collect();
    for l in &r.lines {
        let id = &l.document_id;
        if !r.account_ids.contains(&l.account_id) {
            fail(format!(
                "line {id}: account {} is not in accountIds",
                l.account_id
            ));
        }
        if parse_rfc3339(&l.business_time).is_none() {
            fail(format!(
                "line {id}: businessTime \"{}\" is not an RFC 3339 time",
                l.business_time
            ));
        }
        if !is_billing_cycle(&l.billing_cycle) {
            fail(format!(
                "line {id}: billingCycle \"{}\" is not YYYY-MM",
                l.billing_cycle
            ));
        }
        if l.kind.is_positive() {
            if l.original_id.is_some() {
                fail(format!("line {id}: a positive line has no originalId"));
            }
            if !l.amount.is_positive() {
                fail(format!(
                    "line {id}: amount {} of a positive line is not above zero",
                    l.amount
                ));
            }
        } else {
            match &l.original_id {
                None => fail(format!("line {id}: a negative line needs its originalId")),
                Some(o) if !positives.contains(o.as_str()) => fail(format!(
                    "line {id}: its original {o} is not a line of the same invoice"
                )),
                Some(_) => {}
            }
            if !l.amount.is_negative() {
                fail(format!(
                    "line {id}: amount {} of a negative line is not below zero",
                    l.amount
                ));
            }
        }
    }
    let sum = r.lines_total();
    if sum != r.amount {
        fail(format!(
            "amount {} is not the sum of its lines {sum}",
            r.amount
        ));
    }
}
