//! The signed-in account's saved invoice titles and mailing addresses, as the fixture holds and `GET` returns them.
//!
//! The domain crate has no types for them yet (the app needs them from step 4 on); these mirror
//! `InvoiceTitle` and `MailingAddress` of `openapi.yaml` and refuse unknown fields.

use serde::{Deserialize, Serialize};

/// `individual` or `enterprise` (R18).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleType {
    Individual,
    Enterprise,
}

/// A saved invoice title (R17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InvoiceTitle {
    pub id: String,
    pub title: String,
    pub title_type: TitleType,
    pub tax_id: Option<String>,
    pub bank_name: Option<String>,
    pub bank_account: Option<String>,
    pub registered_address: Option<String>,
    pub registered_phone: Option<String>,
    pub is_default: bool,
}

/// A saved mailing address for paper invoices (R17).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MailingAddress {
    pub id: String,
    pub recipient: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postal_code: Option<String>,
    pub is_default: bool,
}

/// Checks the titles: ids, one default, and no tax data on individual titles.
pub fn check_titles(titles: &[InvoiceTitle], fail: &mut impl FnMut(&str, String)) {
    for t in titles {
        if t.title.is_empty() || t.title.chars().count() > 100 {
            fail(&t.id, "title must have 1 to 100 characters".into());
        }
        let tax = [
            &t.tax_id,
            &t.bank_name,
            &t.bank_account,
            &t.registered_address,
            &t.registered_phone,
        ];
        if t.title_type == TitleType::Individual && tax.iter().any(|f| f.is_some()) {
            fail(
                &t.id,
                "an individual title has no tax data; those fields must be null".into(),
            );
        }
    }
    check_one_default(
        titles.iter().map(|t| (t.id.as_str(), t.is_default)),
        "title",
        fail,
    );
}

/// Checks the addresses: ids, postal codes and one default.
pub fn check_addresses(addresses: &[MailingAddress], fail: &mut impl FnMut(&str, String)) {
    for a in addresses {
        if let Some(code) = &a.postal_code {
            if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
                fail(&a.id, format!("postalCode \"{code}\" is not six digits"));
            }
        }
    }
    check_one_default(
        addresses.iter().map(|a| (a.id.as_str(), a.is_default)),
        "address",
        fail,
    );
}

fn check_one_default<'a>(
    items: impl Iterator<Item = (&'a str, bool)>,
    what: &str,
    fail: &mut impl FnMut(&str, String),
) {
    let items: Vec<_> = items.collect();
    let defaults: Vec<&str> = items
        .iter()
        .filter(|(_, d)| *d)
        .map(|(id, _)| *id)
        .collect();
    if !items.is_empty() && defaults.len() != 1 {
        let id = defaults
            .get(1)
            .or(items.first().map(|(id, _)| id))
            .copied()
            .unwrap_or("");
        fail(
            id,
            format!(
                "exactly one {what} must be the default, found {}",
                defaults.len()
            ),
        );
    }
}
