//! The wire types of the invoicing contract (`shared/api/openapi.yaml`), shared by the app and the mock.
//!
//! Field names follow the contract (camelCase). Amounts are [`Money`], never floats. Response types
//! ignore fields they do not know, as the contract asks of clients.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// A document's id (original or negative; both share one id space). Opaque: compare, never parse.
pub type DocumentId = String;
/// A cloud account's id. Numeric-looking, but a string.
pub type AccountId = String;
/// An invoicing entity's id, such as `CLOUD_SERVICE`.
pub type IssuerId = String;

/// Always `CNY` in this version of the contract.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[default]
    #[serde(rename = "CNY")]
    Cny,
}

/// A VAT rate as the contract writes it, `"0.06"` being 6 %.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TaxRate(String);

impl TaxRate {
    /// The rate as people read it: `"0.06"` → `"6%"`, `"0.13"` → `"13%"`.
    pub fn percent(&self) -> String {
        TaxRate::percent_of(&self.0)
    }

    /// [`TaxRate::percent`] of a rate written as the contract writes it.
    pub fn percent_of(rate: &str) -> String {
        let hundredths = rate.trim_start_matches("0.").trim_start_matches('0');
        format!(
            "{}%",
            if hundredths.is_empty() {
                "0"
            } else {
                hundredths
            }
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for TaxRate {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let b = s.as_bytes();
        if b.len() == 4 && s.starts_with("0.") && b[2].is_ascii_digit() && b[3].is_ascii_digit() {
            Ok(TaxRate(s))
        } else {
            Err(format!("\"{s}\" is not a tax rate such as \"0.06\""))
        }
    }
}

impl From<TaxRate> for String {
    fn from(t: TaxRate) -> String {
        t.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RealNameStatus {
    Unverified,
    Individual,
    Enterprise,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    EnterpriseAdmin,
    Member,
}

/// Orders (subscription purchases) or monthly bills (pay-as-you-go); never overlapping (R03).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Order,
    Bill,
}

impl Basis {
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Order => "order",
            Basis::Bill => "bill",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateStatus {
    Invoiceable,
    NotInvoiceable,
}

impl CandidateStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            CandidateStatus::Invoiceable => "invoiceable",
            CandidateStatus::NotInvoiceable => "not_invoiceable",
        }
    }
}

/// What kind of negative document lowers its original (R06).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NegativeKind {
    Refund,
    AllocationReduction,
    AdjustmentReduction,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enterprise {
    pub id: String,
    pub name: String,
    pub arrears_offset_enabled: bool,
}

/// The signed-in account (`GET /profile` without the CSRF token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub account_id: AccountId,
    pub account_name: String,
    pub real_name: RealNameStatus,
    pub role: Role,
    pub enterprise: Option<Enterprise>,
}

/// `GET /profile`: the profile and the session's CSRF token for `POST` requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileResponse {
    #[serde(flatten)]
    pub profile: Profile,
    pub csrf_token: String,
}

/// What an account owes one invoicing entity (R12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Arrears {
    pub issuer_id: IssuerId,
    pub amount: Money,
    pub currency: Currency,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub id: AccountId,
    pub name: String,
    pub arrears: Vec<Arrears>,
}

/// An invoicing entity: the company that issues the invoice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Issuer {
    pub id: IssuerId,
    pub name: String,
    pub tax_rates: Vec<TaxRate>,
}

/// A product of the product filter (`GET /products`, R04).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub product_code: String,
    pub product_name: String,
}

/// One account's part of an invoiceable balance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountBalance {
    pub account_id: AccountId,
    pub invoiceable_amount: Money,
    pub arrears_amount: Money,
}

/// `GET /invoiceable-balance`: what can be invoiced *by amount* from one entity for some
/// accounts (R11–R13).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceableBalance {
    pub issuer_id: IssuerId,
    pub account_ids: Vec<AccountId>,
    pub currency: Currency,
    pub invoiceable_amount: Money,
    pub arrears_amount: Money,
    pub available_amount: Money,
    pub arrears_pooled: bool,
    pub accounts: Vec<AccountBalance>,
}

/// `{ "items": [...] }`, the shape of the contract's unpaged lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemList<T> {
    pub items: Vec<T>,
}

/// A pending refund or reduction, linked to exactly one original (R06, R07).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NegativeDocument {
    pub id: DocumentId,
    pub original_id: DocumentId,
    pub kind: NegativeKind,
    pub business_id: String,
    pub business_time: String,
    pub amount: Money,
}

/// A positive document with its pending negatives nested: one family on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceCandidate {
    pub id: DocumentId,
    pub basis: Basis,
    pub account_id: AccountId,
    pub account_name: String,
    pub business_id: String,
    pub billing_cycle: String,
    pub business_time: String,
    pub product_code: String,
    pub product_name: String,
    pub issuer_id: IssuerId,
    pub tax_rate: TaxRate,
    pub currency: Currency,
    pub status: CandidateStatus,
    pub not_invoiceable_reason_code: Option<String>,
    pub not_invoiceable_reason: Option<String>,
    pub total_amount: Money,
    pub invoiced_amount: Money,
    pub invoiceable_amount: Money,
    pub net_amount: Money,
    pub negatives: Vec<NegativeDocument>,
}

/// Sums over the checkable families that match the filters, on all pages (R09, R10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateTotals {
    pub checkable_count: u64,
    pub invoiceable_amount: Money,
    pub negative_amount: Money,
    pub net_amount: Money,
    pub currency: Currency,
}

/// One page of `GET /invoice-candidates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidatePage {
    pub items: Vec<InvoiceCandidate>,
    pub next_cursor: Option<String>,
    pub total_count: u64,
    pub totals: CandidateTotals,
}

/// One problem with one field or one document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProblemError {
    pub field: Option<String>,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_id: Option<DocumentId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<AccountId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_id: Option<IssuerId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// An RFC 9457 problem (`application/problem+json`). Clients branch on `code` only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    pub code: String,
    #[serde(default)]
    pub errors: Vec<ProblemError>,
}

impl Problem {
    /// A problem with the contract's `type` (`/problems/` and the code in kebab case) and no field errors.
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            type_: format!("/problems/{}", code.to_ascii_lowercase().replace('_', "-")),
            title: title.to_owned(),
            status,
            detail: detail.into(),
            instance: None,
            code: code.to_owned(),
            errors: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rates_read_as_percent() {
        let t = TaxRate::try_from("0.06".to_owned()).unwrap();
        assert_eq!(t.percent(), "6%");
        assert_eq!(
            TaxRate::try_from("0.13".to_owned()).unwrap().percent(),
            "13%"
        );
        assert_eq!(
            TaxRate::try_from("0.00".to_owned()).unwrap().percent(),
            "0%"
        );
        assert!(TaxRate::try_from("6%".to_owned()).is_err());
        assert!(TaxRate::try_from("0.065".to_owned()).is_err());
    }

    #[test]
    fn problem_type_is_kebab_case_of_code() {
        let p = Problem::new(503, "SERVICE_UNAVAILABLE", "Service unavailable", "later");
        assert_eq!(p.type_, "/problems/service-unavailable");
    }

    #[test]
    fn candidate_from_contract_example_parses() {
        let json = r#"{"id":"cand-0026","basis":"order","accountId":"1570429864139578",
          "accountName":"x","businessId":"226103017153626","billingCycle":"2026-10",
          "businessTime":"2026-10-30T17:15:36+08:00","productCode":"ecs","productName":"ECS",
          "issuerId":"CLOUD_SERVICE","taxRate":"0.06","currency":"CNY","status":"invoiceable",
          "notInvoiceableReasonCode":null,"notInvoiceableReason":null,"totalAmount":"1188.00",
          "invoicedAmount":"0.00","invoiceableAmount":"1188.00","netAmount":"1069.20",
          "negatives":[{"id":"neg-0016","originalId":"cand-0026","kind":"adjustment_reduction",
          "businessId":"AJ261115000309","businessTime":"2026-11-15T18:00:00+08:00","amount":"-118.80"}],
          "someFutureField": 1}"#;
        let c: InvoiceCandidate = serde_json::from_str(json).unwrap();
        assert_eq!(c.negatives[0].kind, NegativeKind::AdjustmentReduction);
        assert_eq!(c.net_amount.to_contract_string(), "1069.20");
    }
}
