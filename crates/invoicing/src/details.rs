//! The details of each invoice (R17–R20): which saved titles an account may choose, which invoice
//! types and deliveries a title allows, and the list of e-mail addresses an electronic invoice is
//! sent to.
//!
//! The app offers only what these functions allow; the mock refuses with the same functions, the
//! contract's codes coming from [`DetailProblem::code`] and [`EmailProblem::code`].

use crate::api::RealNameStatus;
use crate::application::InvoiceType;
use crate::saved::{InvoiceTitle, MailingAddress, TaxField};

mod email;
#[cfg(test)]
mod tests;

pub use email::{
    check_emails, email_fault, joined_length, parse_email_list, EmailFault, EmailProblem,
    MAX_EMAILS, MAX_EMAILS_LENGTH, SEPARATORS,
};

/// How an invoice reaches the buyer (R17).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// Electronic: sent to a list of e-mail addresses (`emails`).
    Email,
    /// On paper: mailed to a saved address (`addressId`).
    Post,
}

/// How an invoice of this type is delivered: `special_paper` by post, the others by e-mail (R19).
pub fn delivery(invoice_type: InvoiceType) -> Delivery {
    if invoice_type.is_paper() {
        Delivery::Post
    } else {
        Delivery::Email
    }
}

/// Whether an account with this verification may choose this title (R18): an enterprise title
/// only for an enterprise-verified account; nothing for an unverified one, which cannot apply (R01).
pub fn may_choose_title(real_name: RealNameStatus, title: &InvoiceTitle) -> bool {
    match real_name {
        RealNameStatus::Unverified => false,
        RealNameStatus::Individual => !title.is_enterprise(),
        RealNameStatus::Enterprise => true,
    }
}

/// The saved titles an account with this verification is offered, in their order (R18).
pub fn titles_for(real_name: RealNameStatus, titles: &[InvoiceTitle]) -> Vec<&InvoiceTitle> {
    titles
        .iter()
        .filter(|t| may_choose_title(real_name, t))
        .collect()
}

/// The title to choose at first: the default title when it may be chosen, else the first that
/// may (R17, R18).
pub fn initial_title(real_name: RealNameStatus, titles: &[InvoiceTitle]) -> Option<&InvoiceTitle> {
    let offered = titles_for(real_name, titles);
    offered
        .iter()
        .find(|t| t.is_default)
        .or(offered.first())
        .copied()
}

/// Whether a title allows an invoice type (R19): a general VAT invoice with any title, a special
/// one (electronic or paper) only with an enterprise title whose tax data is complete.
pub fn allows_type(title: &InvoiceTitle, invoice_type: InvoiceType) -> bool {
    !invoice_type.is_special() || title.allows_special_invoice()
}

/// The invoice types a title allows, in the contract's order (R19).
pub fn invoice_types_for(title: &InvoiceTitle) -> Vec<InvoiceType> {
    InvoiceType::ALL
        .into_iter()
        .filter(|t| allows_type(title, *t))
        .collect()
}

/// The details of one invoice as submitted: a title, a type and a delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceDetails<'a> {
    pub title_id: &'a str,
    pub invoice_type: InvoiceType,
    /// Electronic invoices: the addresses, one per item, exactly as typed.
    pub emails: Option<&'a [String]>,
    /// `special_paper`: the saved address's id.
    pub address_id: Option<&'a str>,
}

/// One problem with one invoice's details. [`DetailProblem::code`] is the contract's code,
/// [`DetailProblem::field`] the field it concerns, relative to the invoice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailProblem {
    /// `titleId` is not one of the account's saved titles (R17).
    TitleNotFound { title_id: String },
    /// An individual-verified account chose an enterprise title (R18).
    EnterpriseTitleForIndividual { title: String },
    /// A special invoice with a title that is not an enterprise title with complete tax data
    /// (R19); `missing` lists the tax fields it lacks (all five for an individual title).
    SpecialTitleIncomplete {
        title: String,
        missing: Vec<TaxField>,
    },
    /// A mailing address for an electronic-only type (R19).
    PaperNotAllowed { invoice_type: InvoiceType },
    /// `addressId` is not one of the account's saved addresses (R17).
    AddressNotFound { address_id: String },
    /// A field the type needs is missing: `emails` (electronic) or `addressId` (paper).
    Required { field: &'static str },
    /// `emails` on a paper invoice.
    NotAllowed { field: &'static str },
    /// A problem with the e-mail list (R20).
    Email(EmailProblem),
}

impl DetailProblem {
    /// The contract's code: an error code (`TITLE_NOT_FOUND`, …, `422`) or, for
    /// [`DetailProblem::is_field_code`], a field code under `400 VALIDATION_FAILED`.
    pub fn code(&self) -> &'static str {
        match self {
            DetailProblem::TitleNotFound { .. } => "TITLE_NOT_FOUND",
            DetailProblem::EnterpriseTitleForIndividual { .. } => "ENTERPRISE_TITLE_FOR_INDIVIDUAL",
            DetailProblem::SpecialTitleIncomplete { .. } => "SPECIAL_TITLE_INCOMPLETE",
            DetailProblem::PaperNotAllowed { .. } => "PAPER_NOT_ALLOWED",
            DetailProblem::AddressNotFound { .. } => "ADDRESS_NOT_FOUND",
            DetailProblem::Required { .. } => "REQUIRED",
            DetailProblem::NotAllowed { .. } => "NOT_ALLOWED",
            DetailProblem::Email(e) => e.code(),
        }
    }

    /// Whether this is a malformed request (`400 VALIDATION_FAILED` with this field code) rather
    /// than a broken rule (`422` with this code).
    pub fn is_field_code(&self) -> bool {
        matches!(
            self,
            DetailProblem::Required { .. }
                | DetailProblem::NotAllowed { .. }
                | DetailProblem::Email(_)
        )
    }

    /// The field concerned, as a JSON Pointer relative to the invoice: `titleId`, `addressId`,
    /// `emails` or `emails/1`.
    pub fn field(&self) -> String {
        match self {
            DetailProblem::TitleNotFound { .. }
            | DetailProblem::EnterpriseTitleForIndividual { .. }
            | DetailProblem::SpecialTitleIncomplete { .. } => "titleId".into(),
            DetailProblem::PaperNotAllowed { .. } | DetailProblem::AddressNotFound { .. } => {
                "addressId".into()
            }
            DetailProblem::Required { field } | DetailProblem::NotAllowed { field } => {
                (*field).into()
            }
            DetailProblem::Email(e) => match e.index() {
                Some(i) => format!("emails/{i}"),
                None => "emails".into(),
            },
        }
    }
}

/// Checks one invoice's details against the account's verification and saved titles and
/// addresses (R17–R20); every problem is its own entry, in the order of the fields.
pub fn check_details(
    real_name: RealNameStatus,
    titles: &[InvoiceTitle],
    addresses: &[MailingAddress],
    d: &InvoiceDetails<'_>,
) -> Vec<DetailProblem> {
    let mut problems = Vec::new();
    match titles.iter().find(|t| t.id == d.title_id) {
        None => problems.push(DetailProblem::TitleNotFound {
            title_id: d.title_id.to_owned(),
        }),
        Some(title) => {
            if title.is_enterprise() && !may_choose_title(real_name, title) {
                problems.push(DetailProblem::EnterpriseTitleForIndividual {
                    title: title.title.clone(),
                });
            } else if !allows_type(title, d.invoice_type) {
                let missing = if title.is_enterprise() {
                    title.missing_tax_fields()
                } else {
                    title.tax_fields().iter().map(|(f, _)| *f).collect()
                };
                problems.push(DetailProblem::SpecialTitleIncomplete {
                    title: title.title.clone(),
                    missing,
                });
            }
        }
    }
    match delivery(d.invoice_type) {
        Delivery::Email => {
            match d.emails {
                None => problems.push(DetailProblem::Required { field: "emails" }),
                Some(emails) => {
                    problems.extend(check_emails(emails).into_iter().map(DetailProblem::Email))
                }
            }
            if d.address_id.is_some() {
                problems.push(DetailProblem::PaperNotAllowed {
                    invoice_type: d.invoice_type,
                });
            }
        }
        Delivery::Post => {
            if d.emails.is_some() {
                problems.push(DetailProblem::NotAllowed { field: "emails" });
            }
            match d.address_id {
                None => problems.push(DetailProblem::Required { field: "addressId" }),
                Some(id) if !addresses.iter().any(|a| a.id == id) => {
                    problems.push(DetailProblem::AddressNotFound {
                        address_id: id.to_owned(),
                    })
                }
                Some(_) => {}
            }
        }
    }
    problems
}
