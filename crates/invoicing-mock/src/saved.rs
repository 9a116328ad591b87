//! The fixture's rules for the signed-in account's saved invoice titles and mailing addresses.
//!
//! The types are the domain's ([`invoicing::saved`]); unknown fields in the fixture are refused
//! by the loader's shape check, like everywhere else in the fixture.

pub use invoicing::saved::{InvoiceTitle, MailingAddress, TitleType};

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
