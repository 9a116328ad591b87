//! Invoicing records (R24–R27): the wire types of `GET /invoice-records` and
//! `GET /invoice-records/{invoiceId}` (`InvoiceRecord`, `InvoiceRecordDetail`, `InvoiceLine`,
//! `InvoiceRecordPage` of `openapi.yaml`), shared by the mock that serves them and the app that
//! shows them.

mod lines;
mod query;

pub use lines::{lines_add_up, shown_lines, ShownLine};
pub use query::{
    applied_day, check_range, status_of_code, Day, DayProblem, RangeProblems, RecordQuery,
};

use serde::{Deserialize, Serialize};

use crate::api::{AccountId, Basis, Currency, IssuerId, NegativeKind, TaxRate};
pub use crate::application::{ApplicationBasis, InvoiceStatus, InvoiceType, Mode as InvoiceMode};
use crate::saved::{InvoiceTitle, MailingAddress, TitleType};
use crate::Money;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    Order,
    Bill,
    Refund,
    AllocationReduction,
    AdjustmentReduction,
}

impl LineKind {
    /// Whether the line is an original (`order`, `bill`) rather than a negative document.
    pub fn is_positive(self) -> bool {
        matches!(self, LineKind::Order | LineKind::Bill)
    }

    /// The kind of an original's line.
    pub fn of_basis(basis: Basis) -> LineKind {
        match basis {
            Basis::Order => LineKind::Order,
            Basis::Bill => LineKind::Bill,
        }
    }

    /// The kind of a negative document's line.
    pub fn of_negative(kind: NegativeKind) -> LineKind {
        match kind {
            NegativeKind::Refund => LineKind::Refund,
            NegativeKind::AllocationReduction => LineKind::AllocationReduction,
            NegativeKind::AdjustmentReduction => LineKind::AdjustmentReduction,
        }
    }
}

/// The title as it was when the application was submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TitleSnapshot {
    pub title: String,
    pub title_type: TitleType,
    pub tax_id: Option<String>,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub registered_address: Option<String>,
    pub registered_phone: Option<String>,
}

impl From<&InvoiceTitle> for TitleSnapshot {
    fn from(t: &InvoiceTitle) -> Self {
        TitleSnapshot {
            title: t.title.clone(),
            title_type: t.title_type,
            tax_id: t.tax_id.clone(),
            bank_name: t.bank_name.clone(),
            bank_account: t.bank_account.clone(),
            registered_address: t.registered_address.clone(),
            registered_phone: t.registered_phone.clone(),
        }
    }
}

/// The mailing address as it was when the application was submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AddressSnapshot {
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postal_code: Option<String>,
}

impl From<&MailingAddress> for AddressSnapshot {
    fn from(a: &MailingAddress) -> Self {
        AddressSnapshot {
            recipient: a.recipient.clone(),
            phone: a.phone.clone(),
            province: a.province.clone(),
            city: a.city.clone(),
            district: a.district.clone(),
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
        }
    }
}

/// One document an invoice covers (R25).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvoiceLine {
    pub document_id: String,
    pub original_id: Option<String>,
    pub kind: LineKind,
    pub account_id: AccountId,
    pub business_id: String,
    pub business_time: String,
    pub billing_cycle: String,
    pub product_code: String,
    pub product_name: String,
    pub amount: Money,
}

/// An invoice with its title, delivery and lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvoiceRecordDetail {
    pub application_id: String,
    pub invoice_id: String,
    pub created_at: String,
    pub basis: ApplicationBasis,
    pub mode: InvoiceMode,
    pub applicant_account_id: AccountId,
    pub issuer_id: IssuerId,
    pub issuer_name: String,
    pub account_ids: Vec<AccountId>,
    pub title: String,
    pub amount: Money,
    pub currency: Currency,
    pub tax_rate: TaxRate,
    pub invoice_type: InvoiceType,
    pub status: InvoiceStatus,
    pub invoice_number: Option<String>,
    pub issued_at: Option<String>,
    pub reject_reason: Option<String>,
    pub title_info: TitleSnapshot,
    pub emails: Option<Vec<String>>,
    pub address: Option<AddressSnapshot>,
    pub tracking_number: Option<String>,
    pub remark: Option<String>,
    pub lines: Vec<InvoiceLine>,
}

impl InvoiceRecordDetail {
    /// The sum of the lines; equal to [`InvoiceRecordDetail::amount`] for a well-formed record (R25).
    pub fn lines_total(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }
}

/// One invoice as the records list shows it (`InvoiceRecord`): the details without the title
/// snapshot, delivery and lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRecord {
    pub application_id: String,
    pub invoice_id: String,
    pub created_at: String,
    pub basis: ApplicationBasis,
    pub mode: InvoiceMode,
    pub applicant_account_id: AccountId,
    pub issuer_id: IssuerId,
    pub issuer_name: String,
    pub account_ids: Vec<AccountId>,
    pub title: String,
    pub amount: Money,
    pub currency: Currency,
    pub tax_rate: TaxRate,
    pub invoice_type: InvoiceType,
    pub status: InvoiceStatus,
    pub invoice_number: Option<String>,
    pub issued_at: Option<String>,
    pub reject_reason: Option<String>,
}

impl From<&InvoiceRecordDetail> for InvoiceRecord {
    fn from(r: &InvoiceRecordDetail) -> Self {
        InvoiceRecord {
            application_id: r.application_id.clone(),
            invoice_id: r.invoice_id.clone(),
            created_at: r.created_at.clone(),
            basis: r.basis,
            mode: r.mode,
            applicant_account_id: r.applicant_account_id.clone(),
            issuer_id: r.issuer_id.clone(),
            issuer_name: r.issuer_name.clone(),
            account_ids: r.account_ids.clone(),
            title: r.title.clone(),
            amount: r.amount,
            currency: r.currency,
            tax_rate: r.tax_rate.clone(),
            invoice_type: r.invoice_type,
            status: r.status,
            invoice_number: r.invoice_number.clone(),
            issued_at: r.issued_at.clone(),
            reject_reason: r.reject_reason.clone(),
        }
    }
}

/// One page of invoicing records, newest first (`InvoiceRecordPage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRecordPage {
    pub items: Vec<InvoiceRecord>,
    pub next_cursor: Option<String>,
    pub total_count: u64,
}
