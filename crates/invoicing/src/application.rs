//! The wire types of an invoice application (`openapi.yaml`, "Applications"): the draft sent to
//! `POST /invoice-applications/preview`, its answer, the request of `POST /invoice-applications`
//! and its answer, and the refusal that carries `expectedInvoices` (R15–R23).
//!
//! Field names follow the contract (camelCase). Amounts are [`Money`], tax rates [`TaxRate`], ids
//! strings. Request types write only the fields their basis takes (`skip_serializing_if`); the
//! server refuses unknown request fields, which the mock checks on the JSON value before it reads
//! these types. Answer types ignore fields they do not know.

use serde::{Deserialize, Serialize};

use crate::api::{AccountId, Basis, Currency, DocumentId, IssuerId, Problem, TaxRate};
use crate::money::Money;

#[cfg(test)]
mod tests;

/// How the user chose what to invoice (R03): order details, monthly bills, or *by amount*.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationBasis {
    Order,
    Bill,
    Amount,
}

impl ApplicationBasis {
    /// The candidates' basis (`order`, `bill`); `None` for *by amount*.
    pub fn candidates(self) -> Option<Basis> {
        match self {
            ApplicationBasis::Order => Some(Basis::Order),
            ApplicationBasis::Bill => Some(Basis::Bill),
            ApplicationBasis::Amount => None,
        }
    }

    /// The contract's value: `order`, `bill` or `amount`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationBasis::Order => "order",
            ApplicationBasis::Bill => "bill",
            ApplicationBasis::Amount => "amount",
        }
    }
}

impl From<Basis> for ApplicationBasis {
    fn from(b: Basis) -> Self {
        match b {
            Basis::Order => ApplicationBasis::Order,
            Basis::Bill => ApplicationBasis::Bill,
        }
    }
}

/// Independent or consolidated invoicing (the contract's `InvoiceMode`, R15).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Each account's records are invoiced separately.
    #[default]
    Independent,
    /// The accounts' records are invoiced together (needs records of at least two accounts).
    Consolidated,
}

impl Mode {
    /// The contract's value: `independent` or `consolidated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Independent => "independent",
            Mode::Consolidated => "consolidated",
        }
    }
}

/// The kind of invoice (R19): general VAT invoices are electronic only; special VAT invoices are
/// electronic or on paper and need an enterprise title with complete tax data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceType {
    GeneralElectronic,
    SpecialElectronic,
    SpecialPaper,
}

impl InvoiceType {
    /// Every type, in the contract's order.
    pub const ALL: [InvoiceType; 3] = [
        InvoiceType::GeneralElectronic,
        InvoiceType::SpecialElectronic,
        InvoiceType::SpecialPaper,
    ];

    /// The contract's value, such as `special_paper`.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceType::GeneralElectronic => "general_electronic",
            InvoiceType::SpecialElectronic => "special_electronic",
            InvoiceType::SpecialPaper => "special_paper",
        }
    }

    /// Whether the invoice is mailed on paper (takes `addressId`, no `emails`).
    pub fn is_paper(self) -> bool {
        self == InvoiceType::SpecialPaper
    }

    /// Whether the invoice is a special VAT invoice (R19).
    pub fn is_special(self) -> bool {
        self != InvoiceType::GeneralElectronic
    }
}

/// Where an invoice is in its life: `pending` → `issuing` → `invoiced`, or `rejected`/`cancelled`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Pending,
    Issuing,
    Invoiced,
    Rejected,
    Cancelled,
}

impl InvoiceStatus {
    /// Every status, in the order of the records' status filter.
    pub const ALL: [InvoiceStatus; 5] = [
        InvoiceStatus::Pending,
        InvoiceStatus::Issuing,
        InvoiceStatus::Invoiced,
        InvoiceStatus::Rejected,
        InvoiceStatus::Cancelled,
    ];

    /// The contract's value, such as `pending`.
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Pending => "pending",
            InvoiceStatus::Issuing => "issuing",
            InvoiceStatus::Invoiced => "invoiced",
            InvoiceStatus::Rejected => "rejected",
            InvoiceStatus::Cancelled => "cancelled",
        }
    }
}

/// What to invoice and how to split it by account: the body of the preview (`ApplicationDraft`),
/// and the first fields of an application.
///
/// Basis `order`/`bill` takes `candidateIds` (every selected original with all of its pending
/// negatives, R07); basis `amount` takes `issuerId`, `accountIds` and `amount` (R11).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationDraft {
    pub basis: ApplicationBasis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_ids: Option<Vec<DocumentId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_id: Option<IssuerId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_ids: Option<Vec<AccountId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    pub mode: Mode,
}

impl ApplicationDraft {
    /// A draft of selected families (basis `order` or `bill`): `candidate_ids` holds each
    /// selected original's id and the ids of all of its pending negatives.
    pub fn by_candidates(basis: Basis, candidate_ids: Vec<DocumentId>, mode: Mode) -> Self {
        ApplicationDraft {
            basis: basis.into(),
            candidate_ids: Some(candidate_ids),
            issuer_id: None,
            account_ids: None,
            amount: None,
            mode,
        }
    }

    /// A draft *by amount*: `amount` from `issuer_id` for `account_ids` (R11).
    pub fn by_amount(
        issuer_id: IssuerId,
        account_ids: Vec<AccountId>,
        amount: Money,
        mode: Mode,
    ) -> Self {
        ApplicationDraft {
            basis: ApplicationBasis::Amount,
            candidate_ids: None,
            issuer_id: Some(issuer_id),
            account_ids: Some(account_ids),
            amount: Some(amount),
            mode,
        }
    }
}

/// One invoice of a split (`PlannedInvoice`): its group is the entity, the tax rate and the set
/// of accounts (R16).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedInvoice {
    pub issuer_id: IssuerId,
    pub tax_rate: TaxRate,
    /// Ascending; one account in `independent` mode.
    pub account_ids: Vec<AccountId>,
    /// The invoice's amount after arrears; above zero.
    pub amount: Money,
}

/// The figures of one invoicing entity in a preview (`IssuerSummary`, R10, R12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuerSummary {
    pub issuer_id: IssuerId,
    /// Basis `order`/`bill`: the net of the selected families of this entity; `None` by amount.
    pub selected_net_amount: Option<Money>,
    /// The arrears deducted (or, by amount, left uncovered).
    pub arrears_amount: Money,
    /// The sum of this entity's invoices.
    pub invoice_amount: Money,
}

/// The answer of `POST /invoice-applications/preview` (`ApplicationPreview`): the invoices the
/// server would create; they add up to `total_amount`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationPreview {
    pub basis: ApplicationBasis,
    pub mode: Mode,
    pub currency: Currency,
    pub total_amount: Money,
    /// One per entity involved, by entity id.
    pub issuers: Vec<IssuerSummary>,
    /// By entity id, then tax rate, then first account id.
    pub invoices: Vec<PlannedInvoice>,
}

/// One invoice of an application (`InvoiceRequest`): the previewed group and amount with its
/// title and delivery (R17–R20). Electronic types take `emails`; `special_paper` takes
/// `addressId` and no `emails`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceRequest {
    /// The group and amount exactly as previewed.
    #[serde(flatten)]
    pub planned: PlannedInvoice,
    pub title_id: String,
    pub invoice_type: InvoiceType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_id: Option<String>,
}

/// The body of `POST /invoice-applications` (`CreateInvoiceApplicationRequest`): the draft as
/// previewed, every invoice of the preview with its details, and an optional remark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationRequest {
    /// `basis`, `candidateIds` or `issuerId`/`accountIds`/`amount`, and `mode`.
    #[serde(flatten)]
    pub draft: ApplicationDraft,
    pub invoices: Vec<InvoiceRequest>,
    /// Printed on every invoice; at most 200 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
}

/// One invoice of a new application (`CreatedInvoice`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedInvoice {
    pub invoice_id: String,
    pub issuer_id: IssuerId,
    pub tax_rate: TaxRate,
    pub account_ids: Vec<AccountId>,
    pub amount: Money,
    pub status: InvoiceStatus,
}

/// The `201` answer of `POST /invoice-applications` (`ApplicationCreated`): its invoices in the
/// order of the preview, all `pending`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationCreated {
    pub application_id: String,
    pub created_at: String,
    pub basis: ApplicationBasis,
    pub mode: Mode,
    pub currency: Currency,
    pub invoices: Vec<CreatedInvoice>,
}

/// A refusal of a preview or an application: the problem, and for `SPLIT_MISMATCH` and
/// `STALE_AMOUNTS` the split the server computes now (`expectedInvoices`, R16, R23).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplicationProblem {
    #[serde(flatten)]
    pub problem: Problem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_invoices: Option<Vec<PlannedInvoice>>,
}
