//! The signed-in account's saved invoice titles and mailing addresses (`GET /invoice-titles`,
//! `GET /addresses`; the contract's `InvoiceTitle` and `MailingAddress`, R17).
//!
//! Like every response type they ignore fields they do not know; the mock's fixture loader
//! refuses unknown fields by comparing each record with its serialization.

use serde::{Deserialize, Serialize};

/// `individual`: a person's name, no tax data. `enterprise`: a company with its unified social
/// credit code (R18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleType {
    Individual,
    Enterprise,
}

/// One of the five tax fields a special VAT invoice needs on an enterprise title (R19).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaxField {
    TaxId,
    BankName,
    BankAccount,
    RegisteredAddress,
    RegisteredPhone,
}

impl TaxField {
    /// The field's name in the contract (`taxId`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TaxField::TaxId => "taxId",
            TaxField::BankName => "bankName",
            TaxField::BankAccount => "bankAccount",
            TaxField::RegisteredAddress => "registeredAddress",
            TaxField::RegisteredPhone => "registeredPhone",
        }
    }
}

/// A saved invoice title (发票抬头, R17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceTitle {
    pub id: String,
    /// The buyer's name as printed on the invoice.
    pub title: String,
    pub title_type: TitleType,
    pub tax_id: Option<String>,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub registered_address: Option<String>,
    pub registered_phone: Option<String>,
    pub is_default: bool,
}

impl InvoiceTitle {
    /// Whether this is a company's title (R18).
    pub fn is_enterprise(&self) -> bool {
        self.title_type == TitleType::Enterprise
    }

    /// The tax fields with their values, in the contract's order.
    pub fn tax_fields(&self) -> [(TaxField, Option<&str>); 5] {
        [
            (TaxField::TaxId, self.tax_id.as_deref()),
            (TaxField::BankName, self.bank_name.as_deref()),
            (TaxField::BankAccount, self.bank_account.as_deref()),
            (
                TaxField::RegisteredAddress,
                self.registered_address.as_deref(),
            ),
            (TaxField::RegisteredPhone, self.registered_phone.as_deref()),
        ]
    }

    /// The tax fields that are missing or blank, in the contract's order.
    pub fn missing_tax_fields(&self) -> Vec<TaxField> {
        self.tax_fields()
            .into_iter()
            .filter(|(_, v)| v.is_none_or(|v| v.trim().is_empty()))
            .map(|(f, _)| f)
            .collect()
    }

    /// Whether a special VAT invoice may use this title: an enterprise title with tax id, bank,
    /// bank account, registered address and phone (R19).
    pub fn allows_special_invoice(&self) -> bool {
        self.is_enterprise() && self.missing_tax_fields().is_empty()
    }
}

/// A saved mailing address for paper invoices (R17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MailingAddress {
    pub id: String,
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    /// Six digits, or `None` when unknown.
    pub postal_code: Option<String>,
    pub is_default: bool,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The contract's example enterprise title, complete.
    pub(crate) fn enterprise_title() -> InvoiceTitle {
        InvoiceTitle {
            id: "ttl-1001".into(),
            title: "杭州青禾数据科技有限公司".into(),
            title_type: TitleType::Enterprise,
            tax_id: Some("91330106MA2H7Q3X5K".into()),
            bank_name: Some("招商银行杭州高新支行".into()),
            bank_account: Some("571908765410801".into()),
            registered_address: Some("浙江省杭州市西湖区文三路478号华星时代广场A座1203室".into()),
            registered_phone: Some("0571-88236715".into()),
            is_default: true,
        }
    }

    /// The contract's example individual title.
    pub(crate) fn individual_title() -> InvoiceTitle {
        InvoiceTitle {
            id: "ttl-1002".into(),
            title: "张明远".into(),
            title_type: TitleType::Individual,
            tax_id: None,
            bank_name: None,
            bank_account: None,
            registered_address: None,
            registered_phone: None,
            is_default: false,
        }
    }

    #[test]
    fn contract_example_title_reads_and_writes_the_same() {
        let json = serde_json::json!({"id": "ttl-1002", "title": "张明远", "titleType": "individual",
            "taxId": null, "bankName": null, "bankAccount": null, "registeredAddress": null,
            "registeredPhone": null, "isDefault": false});
        let t: InvoiceTitle = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(t, individual_title());
        assert_eq!(serde_json::to_value(&t).unwrap(), json);
    }

    #[test]
    fn r19_blank_tax_fields_count_as_missing() {
        let mut t = enterprise_title();
        assert!(t.allows_special_invoice());
        t.bank_account = Some("  ".into());
        t.registered_phone = None;
        assert_eq!(
            t.missing_tax_fields(),
            [TaxField::BankAccount, TaxField::RegisteredPhone]
        );
        assert!(!t.allows_special_invoice());
        assert!(!individual_title().allows_special_invoice());
    }
}
