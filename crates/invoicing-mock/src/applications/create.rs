//! Creating an application that passed every check (the contract's "Creating an application",
//! README invariants 6 and 7): the families each invoice uses (the domain's [`invoice_uses`] and
//! [`use_family`]), its invoices as `pending` records whose lines add up to their amounts, and
//! the candidates changed at once. Everything is computed first and applied only when all of it
//! holds, so a failure changes nothing.

use std::collections::{HashMap, HashSet};

use crate::timestamp::{china_time, Instant};
use invoicing::api::{Currency, DocumentId};
use invoicing::application::{
    ApplicationCreated, ApplicationRequest, CreatedInvoice, InvoiceRequest, InvoiceStatus,
};
use invoicing::split::Split;
use invoicing::usage::{invoice_uses, use_family, UsedFamily};
use invoicing::Family;

use crate::applications::check::group_of;
use crate::data::Data;
use crate::records::{
    check_record, AddressSnapshot, InvoiceLine, InvoiceRecordDetail, LineKind, TitleSnapshot,
};

/// The time of creation: RFC 3339 in China Standard Time, and its date `YYYYMMDD` for the ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Now {
    pub rfc3339: String,
    pub date: String,
}

impl Now {
    /// `secs` since the epoch, in `+08:00`.
    pub fn from_unix(secs: i64) -> Now {
        let (rfc3339, date) = china_time(secs);
        Now { rfc3339, date }
    }

    /// The system clock.
    pub fn system() -> Now {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Now::from_unix(secs)
    }
}

/// Creates the application of `request`, whose `invoices` are the groups of `split`: uses the
/// families, adds the records and answers `ApplicationCreated` (invoices in the split's order).
/// `Err` (nothing changed) only when the split and the data disagree, which is a bug.
pub fn create(
    data: &mut Data,
    request: &ApplicationRequest,
    split: &Split,
    now: &Now,
) -> Result<ApplicationCreated, String> {
    let uses = invoice_uses(split);
    // Where each family used is: its time is that of its take.
    let times: HashMap<&DocumentId, Instant> = split
        .invoices
        .iter()
        .flat_map(|i| &i.shares)
        .flat_map(|s| &s.takes)
        .filter_map(|t| Some((&t.family_id, t.time?)))
        .collect();
    let by_group: HashMap<_, &InvoiceRequest> = request
        .invoices
        .iter()
        .map(|i| (group_of(&i.planned), i))
        .collect();
    let application_id = next_id(
        data.records.iter().map(|r| r.application_id.as_str()),
        "app",
        &now.date,
    );
    let first_invoice = next_number(
        data.records.iter().map(|r| r.invoice_id.as_str()),
        "inv",
        &now.date,
    );
    let mut changes: Vec<(usize, Option<Family>)> = Vec::new();
    let mut seen: HashSet<&DocumentId> = HashSet::new();
    let mut records = Vec::new();
    for (k, (planned, uses)) in split.invoices.iter().zip(&uses).enumerate() {
        let invoice = by_group
            .get(&group_of(&planned.invoice))
            .ok_or("an invoice of the split is not in the request")?;
        let mut lines = Vec::new();
        for u in uses {
            let at = times
                .get(&u.family_id)
                .and_then(|time| data.position(*time, &u.family_id))
                .ok_or_else(|| format!("family {} is not listed", u.family_id))?;
            if !seen.insert(&u.family_id) {
                return Err(format!("family {} is used twice", u.family_id));
            }
            let family = &data.families[at].family;
            let UsedFamily {
                original_part,
                applied,
                left,
            } = use_family(family, u.amount).map_err(|e| e.to_string())?;
            changes.push((at, left));
            let c = family.original();
            let line = |document_id: &str, kind, business_id: &str, business_time: &str, amount| {
                InvoiceLine {
                    document_id: document_id.to_owned(),
                    original_id: (document_id != c.id).then(|| c.id.clone()),
                    kind,
                    account_id: c.account_id.clone(),
                    business_id: business_id.to_owned(),
                    business_time: business_time.to_owned(),
                    billing_cycle: c.billing_cycle.clone(),
                    product_code: c.product_code.clone(),
                    product_name: c.product_name.clone(),
                    amount,
                }
            };
            lines.push(line(
                &c.id,
                LineKind::of_basis(c.basis),
                &c.business_id,
                &c.business_time,
                original_part,
            ));
            lines.extend(applied.iter().map(|n| {
                line(
                    &n.id,
                    LineKind::of_negative(n.kind),
                    &n.business_id,
                    &n.business_time,
                    n.amount,
                )
            }));
        }
        let record = record(
            data,
            request,
            invoice,
            &planned.invoice,
            &application_id,
            format!("inv-{}-{:04}", now.date, first_invoice + k as u64),
            now,
            lines,
        )?;
        records.push(record);
    }
    let created = ApplicationCreated {
        application_id,
        created_at: now.rfc3339.clone(),
        basis: request.draft.basis,
        mode: request.draft.mode,
        currency: Currency::Cny,
        invoices: records
            .iter()
            .map(|r| CreatedInvoice {
                invoice_id: r.invoice_id.clone(),
                issuer_id: r.issuer_id.clone(),
                tax_rate: r.tax_rate.clone(),
                account_ids: r.account_ids.clone(),
                amount: r.amount,
                status: InvoiceStatus::Pending,
            })
            .collect(),
    };
    data.replace_families(changes);
    data.records.extend(records);
    Ok(created)
}

/// One new invoice as a record, checked by the fixture's record rules.
#[allow(clippy::too_many_arguments)]
fn record(
    data: &Data,
    request: &ApplicationRequest,
    invoice: &InvoiceRequest,
    planned: &invoicing::application::PlannedInvoice,
    application_id: &str,
    invoice_id: String,
    now: &Now,
    lines: Vec<InvoiceLine>,
) -> Result<InvoiceRecordDetail, String> {
    let title = data
        .titles
        .iter()
        .find(|t| t.id == invoice.title_id)
        .ok_or("the title was checked")?;
    let issuer = data
        .issuers
        .iter()
        .find(|i| i.id == planned.issuer_id)
        .ok_or("the issuer was checked")?;
    let address = match &invoice.address_id {
        Some(id) if invoice.invoice_type.is_paper() => Some(AddressSnapshot::from(
            data.addresses
                .iter()
                .find(|a| &a.id == id)
                .ok_or("the address was checked")?,
        )),
        _ => None,
    };
    let r = InvoiceRecordDetail {
        application_id: application_id.to_owned(),
        invoice_id,
        created_at: now.rfc3339.clone(),
        basis: request.draft.basis,
        mode: request.draft.mode,
        applicant_account_id: data.profile.account_id.clone(),
        issuer_id: planned.issuer_id.clone(),
        issuer_name: issuer.name.clone(),
        account_ids: planned.account_ids.clone(),
        title: title.title.clone(),
        amount: planned.amount,
        currency: Currency::Cny,
        tax_rate: planned.tax_rate.clone(),
        invoice_type: invoice.invoice_type,
        status: InvoiceStatus::Pending,
        invoice_number: None,
        issued_at: None,
        reject_reason: None,
        title_info: TitleSnapshot::from(title),
        emails: invoice
            .emails
            .clone()
            .filter(|_| !invoice.invoice_type.is_paper()),
        address,
        tracking_number: None,
        remark: request.remark.clone(),
        lines,
    };
    let mut broken = Vec::new();
    check_record(&r, Some(&issuer.name), &mut |reason| broken.push(reason));
    if broken.is_empty() {
        Ok(r)
    } else {
        Err(format!("record {}: {}", r.invoice_id, broken.join("; ")))
    }
}

/// `prefix-date-NNNN` with the first number after those of `ids` of that date.
fn next_id<'a>(ids: impl Iterator<Item = &'a str>, prefix: &str, date: &str) -> String {
    format!("{prefix}-{date}-{:04}", next_number(ids, prefix, date))
}

/// The first number after those of `ids` written `prefix-date-NNNN`.
fn next_number<'a>(ids: impl Iterator<Item = &'a str>, prefix: &str, date: &str) -> u64 {
    let start = format!("{prefix}-{date}-");
    ids.filter_map(|id| id.strip_prefix(&start)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creation_times_are_china_standard_time() {
        // 2026-11-26T06:32:08Z
        let now = Now::from_unix(1_795_674_728);
        assert_eq!(now.rfc3339, "2026-11-26T14:32:08+08:00");
        assert_eq!(now.date, "20261126");
        // 16:00 UTC is midnight of the next day in China.
        assert_eq!(Now::from_unix(1_795_708_800).date, "20261127");
    }

    #[test]
    fn ids_continue_after_those_of_the_same_date() {
        let ids = [
            "app-20261126-0007",
            "app-20261126-0002",
            "app-20261125-0099",
            "x",
        ];
        assert_eq!(
            next_id(ids.into_iter(), "app", "20261126"),
            "app-20261126-0008"
        );
        assert_eq!(
            next_id(ids.into_iter(), "app", "20261127"),
            "app-20261127-0001"
        );
    }
}
