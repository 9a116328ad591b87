//! Step 4's details per invoice (R17–R20): what is offered comes from [`invoicing::details`],
//! the e-mail list is read by its parser, and the request is built only when every invoice
//! passes the domain's [`check_details`].

use invoicing::application::{ApplicationRequest, InvoiceRequest, InvoiceType, PlannedInvoice};
use invoicing::confirmation::group_key;
use invoicing::details::{
    check_details, delivery, initial_title, invoice_types_for, parse_email_list, titles_for,
    Delivery, EmailProblem, InvoiceDetails,
};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{ApplicationFlow, Reference};

/// One invoice of the preview with what the user chose and typed for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceEntry {
    /// The group and amount as the server previewed them.
    pub invoice: PlannedInvoice,
    pub title_id: Option<String>,
    pub invoice_type: InvoiceType,
    /// The e-mail list exactly as typed (R20).
    pub emails: String,
    pub address_id: Option<String>,
    /// Whether the e-mail field was edited or a submission was tried: its problems are shown.
    #[serde(skip)]
    pub touched: bool,
}

impl InvoiceEntry {
    fn new(invoice: PlannedInvoice) -> InvoiceEntry {
        InvoiceEntry {
            invoice,
            title_id: None,
            invoice_type: InvoiceType::GeneralElectronic,
            emails: String::new(),
            address_id: None,
            touched: false,
        }
    }

    /// The problems of the typed e-mail list, each its own (R20); none for paper.
    pub fn email_problems(&self) -> Vec<EmailProblem> {
        if delivery(self.invoice_type) != Delivery::Email {
            return Vec::new();
        }
        parse_email_list(&self.emails).err().unwrap_or_default()
    }
}

/// What the draft keeps of step 4 (`StepDraft::details`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DetailsDraft {
    /// Every invoice's details, by group.
    pub invoices: Vec<InvoiceEntry>,
    /// The body last sent with the draft's idempotency key: a different body takes a new key
    /// (R21).
    pub sent_body: Option<serde_json::Value>,
}

impl ApplicationFlow {
    /// Gives each invoice of a new split its details: those typed for the same group before
    /// (in this session or the draft), else the defaults.
    pub(super) fn set_invoices(self, invoices: &[PlannedInvoice]) {
        let current = self.entries.get_untracked();
        self.kept.update_value(|kept| {
            for e in current {
                kept.retain(|k| group_key(&k.invoice) != group_key(&e.invoice));
                kept.push(e);
            }
        });
        let entries = self.kept.with_value(|kept| {
            invoices
                .iter()
                .map(|invoice| {
                    let key = group_key(invoice);
                    match kept.iter().find(|k| group_key(&k.invoice) == key) {
                        Some(k) => InvoiceEntry {
                            invoice: invoice.clone(),
                            ..k.clone()
                        },
                        None => InvoiceEntry::new(invoice.clone()),
                    }
                })
                .collect()
        });
        self.entries.set(entries);
        self.fill_defaults();
    }

    /// Once the titles are known: each invoice without a title gets the default one the
    /// account may choose (R18), and a type its title does not allow falls back (R19).
    pub(super) fn fill_defaults(self) {
        let real_name = self.session.with_value(|s| s.profile.real_name);
        self.reference.with_untracked(|r| {
            let Reference::Ready { titles, addresses } = r else {
                return;
            };
            self.entries.update(|entries| {
                for e in entries.iter_mut() {
                    let offered = titles_for(real_name, titles);
                    if !offered.iter().any(|t| Some(&t.id) == e.title_id.as_ref()) {
                        e.title_id = initial_title(real_name, titles).map(|t| t.id.clone());
                    }
                    fit_type_and_address(e, titles, addresses);
                }
            });
        });
    }

    /// The titles offered to this account (R18).
    pub fn titles_offered(self) -> Vec<InvoiceTitle> {
        let real_name = self.session.with_value(|s| s.profile.real_name);
        self.reference.with(|r| match r {
            Reference::Ready { titles, .. } => {
                titles_for(real_name, titles).into_iter().cloned().collect()
            }
            _ => Vec::new(),
        })
    }

    /// The saved addresses (R17).
    pub fn addresses(self) -> Vec<MailingAddress> {
        self.reference.with(|r| match r {
            Reference::Ready { addresses, .. } => addresses.clone(),
            _ => Vec::new(),
        })
    }

    /// The types invoice `at`'s title allows (R19); the general invoice without a title.
    pub fn types_offered(self, at: usize) -> Vec<InvoiceType> {
        let title_id = self
            .entries
            .with(|e| e.get(at).and_then(|e| e.title_id.clone()));
        self.reference
            .with(|r| match r {
                Reference::Ready { titles, .. } => titles
                    .iter()
                    .find(|t| Some(&t.id) == title_id.as_ref())
                    .map(invoice_types_for),
                _ => None,
            })
            .unwrap_or_else(|| vec![InvoiceType::GeneralElectronic])
    }

    /// Chooses invoice `at`'s title; a type it does not allow falls back (R19).
    pub fn choose_title(self, at: usize, title_id: String) {
        self.edit(at, |e| e.title_id = Some(title_id));
    }

    /// Chooses invoice `at`'s type; paper takes the default address (R17, R19).
    pub fn choose_type(self, at: usize, invoice_type: InvoiceType) {
        self.edit(at, |e| e.invoice_type = invoice_type);
    }

    /// Invoice `at`'s e-mail list as typed (R20).
    pub fn type_emails(self, at: usize, text: String) {
        self.edit(at, |e| {
            e.emails = text;
            e.touched = true;
        });
    }

    /// Chooses invoice `at`'s mailing address (R17).
    pub fn choose_address(self, at: usize, address_id: String) {
        self.edit(at, |e| e.address_id = Some(address_id));
    }

    fn edit(self, at: usize, change: impl FnOnce(&mut InvoiceEntry)) {
        self.reference.with_untracked(|r| {
            self.entries.update(|entries| {
                if let Some(e) = entries.get_mut(at) {
                    change(e);
                    if let Reference::Ready { titles, addresses } = r {
                        fit_type_and_address(e, titles, addresses);
                    }
                }
            });
        });
    }

    /// The application as it would be sent now, or `None` while an invoice's details break a
    /// rule (R17–R20) or nothing is selected.
    pub fn request(self) -> Option<ApplicationRequest> {
        let invoices = self.invoice_requests()?;
        Some(ApplicationRequest {
            draft: self.draft()?,
            invoices,
            remark: None,
        })
    }

    /// Whether every invoice's details pass the domain's [`check_details`] (Submit enabled).
    pub fn details_complete(self) -> bool {
        self.invoice_requests().is_some()
    }

    /// Every invoice as the request sends it, or `None` while one breaks a rule (R17–R20, by
    /// the domain's [`check_details`]) or there is none.
    fn invoice_requests(self) -> Option<Vec<InvoiceRequest>> {
        let real_name = self.session.with_value(|s| s.profile.real_name);
        self.reference.with(|r| {
            let Reference::Ready { titles, addresses } = r else {
                return None;
            };
            self.entries.with(|entries| {
                let mut invoices = Vec::new();
                for e in entries {
                    let request = invoice_request(e)?;
                    let details = InvoiceDetails {
                        title_id: &request.title_id,
                        invoice_type: request.invoice_type,
                        emails: request.emails.as_deref(),
                        address_id: request.address_id.as_deref(),
                    };
                    if !check_details(real_name, titles, addresses, &details).is_empty() {
                        return None;
                    }
                    invoices.push(request);
                }
                (!invoices.is_empty()).then_some(invoices)
            })
        })
    }

    /// Shows every invoice's problems, as after editing each field.
    pub(super) fn touch_all(self) {
        self.entries
            .update(|entries| entries.iter_mut().for_each(|e| e.touched = true));
    }

    /// What the draft keeps of step 4 now (without the body sent).
    pub(super) fn details_draft(self) -> DetailsDraft {
        let mut invoices = self.kept.get_value();
        for e in self.entries.get_untracked() {
            invoices.retain(|k| group_key(&k.invoice) != group_key(&e.invoice));
            invoices.push(e);
        }
        DetailsDraft {
            invoices,
            sent_body: None,
        }
    }
}

/// Keeps an entry within what its title allows: a type the title does not allow falls back to
/// the general invoice (R19); paper gets the default address, electronic none.
fn fit_type_and_address(
    e: &mut InvoiceEntry,
    titles: &[InvoiceTitle],
    addresses: &[MailingAddress],
) {
    let title = titles.iter().find(|t| Some(&t.id) == e.title_id.as_ref());
    if !title.is_some_and(|t| invoice_types_for(t).contains(&e.invoice_type)) {
        e.invoice_type = InvoiceType::GeneralElectronic;
    }
    let has_address = addresses
        .iter()
        .any(|a| Some(&a.id) == e.address_id.as_ref());
    if e.invoice_type.is_paper() && !has_address {
        e.address_id = addresses
            .iter()
            .find(|a| a.is_default)
            .or(addresses.first())
            .map(|a| a.id.clone());
    }
}

/// One invoice as the request sends it; `None` without a title or a readable delivery.
fn invoice_request(e: &InvoiceEntry) -> Option<InvoiceRequest> {
    let (emails, address_id) = match delivery(e.invoice_type) {
        Delivery::Email => (Some(parse_email_list(&e.emails).ok()?), None),
        Delivery::Post => (None, Some(e.address_id.clone()?)),
    };
    Some(InvoiceRequest {
        planned: e.invoice.clone(),
        title_id: e.title_id.clone()?,
        invoice_type: e.invoice_type,
        emails,
        address_id,
    })
}
