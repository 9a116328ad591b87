//! Loading the fixture file and refusing it, naming the file, the record and the reason, when it breaks a rule.
//!
//! Four passes: the JSON must have the contract's shape (the domain types, unknown and missing
//! fields refused), every candidate must be a consistent [`Family`] (invariants 1 and 2 of the
//! API's README), the records must agree with each other (ids, accounts, issuers, rates), and
//! last the whole file must pass the contract's `fixture.schema.json` ([`crate::fixture_schema`]).

use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use invoicing::api::{Account, InvoiceCandidate, Issuer, Profile};
use invoicing::{Family, Money};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::data::Data;
use crate::fixture_schema::schema_errors;
use crate::params::is_id;
use crate::records::{check_record, InvoiceRecordDetail};
use crate::saved::{check_addresses, check_titles, InvoiceTitle, MailingAddress};
use crate::timestamp::{is_billing_cycle, parse_rfc3339};

/// The file a mock loads at start (`shared/api/fixture.schema.json`).
///
/// The domain types ignore unknown fields, as clients must; [`load`] refuses them in the fixture
/// by comparing each record with its own serialization.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub profile: Profile,
    pub accounts: Vec<Account>,
    pub issuers: Vec<Issuer>,
    pub titles: Vec<InvoiceTitle>,
    pub addresses: Vec<MailingAddress>,
    pub candidates: Vec<InvoiceCandidate>,
    pub records: Vec<InvoiceRecordDetail>,
}

/// One reason a fixture is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixtureError {
    /// The record's id (`cand-0002`, `inv-20260915-0001`, an account id), or `None` for the file as a whole.
    pub record: Option<String>,
    pub reason: String,
}

/// Every reason a fixture file is refused.
#[derive(Clone, Debug)]
pub struct FixtureErrors {
    pub file: PathBuf,
    pub errors: Vec<FixtureError>,
}

impl fmt::Display for FixtureErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "fixture {}: ", self.file.display())?;
            if let Some(id) = &e.record {
                write!(f, "record {id}: ")?;
            }
            f.write_str(&e.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for FixtureErrors {}

/// Reads, checks and indexes a fixture file.
pub fn load(path: &Path) -> Result<Data, FixtureErrors> {
    let wrap = |errors: Vec<FixtureError>| FixtureErrors {
        file: path.to_owned(),
        errors,
    };
    let whole = |reason: String| {
        vec![FixtureError {
            record: None,
            reason,
        }]
    };
    let text =
        std::fs::read_to_string(path).map_err(|e| wrap(whole(format!("cannot read: {e}"))))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| wrap(whole(format!("not valid JSON: {e}"))))?;
    let fixture = match Fixture::deserialize(&value) {
        Ok(f) => f,
        Err(e) => {
            let mut errors = locate_type_errors(&value);
            if errors.is_empty() {
                errors = whole(e.to_string());
            }
            return Err(wrap(errors));
        }
    };
    let errors = shape_errors(&value, &fixture);
    if !errors.is_empty() {
        return Err(wrap(errors));
    }
    let (errors, families) = rule_errors(&fixture);
    if !errors.is_empty() {
        return Err(wrap(errors));
    }
    // Last, so that the checks above name the record and the rule; this catches what they do not.
    let errors = located_schema_errors(&value);
    if !errors.is_empty() {
        return Err(wrap(errors));
    }
    drop(value);
    Ok(Data::new(fixture, families))
}

/// The sections whose items are records, and the field that names each record.
const SECTIONS: [(&str, &str); 6] = [
    ("accounts", "id"),
    ("issuers", "id"),
    ("titles", "id"),
    ("addresses", "id"),
    ("candidates", "id"),
    ("records", "invoiceId"),
];

fn record_name(section: &str, index: usize, item: &Value, key: &str) -> String {
    item.get(key)
        .and_then(Value::as_str)
        .map_or_else(|| format!("{section}[{index}]"), str::to_owned)
}

/// Where the fixture breaks the contract's schema, each error with its record when it is in one.
fn located_schema_errors(value: &Value) -> Vec<FixtureError> {
    schema_errors(value)
        .into_iter()
        .map(|(path, message)| {
            let mut parts = path.trim_start_matches('/').splitn(3, '/');
            let section = parts.next().unwrap_or("");
            let index = parts.next().and_then(|i| i.parse::<usize>().ok());
            let record = SECTIONS
                .iter()
                .find(|(s, _)| *s == section)
                .and_then(|(s, key)| {
                    let index = index?;
                    let item = value.get(s)?.get(index)?;
                    Some(record_name(s, index, item, key))
                });
            FixtureError {
                record,
                reason: format!("breaks fixture.schema.json at {path}: {message}"),
            }
        })
        .collect()
}

/// Deserializes each record alone, so that a type error names its record.
fn locate_type_errors(value: &Value) -> Vec<FixtureError> {
    let mut errors = Vec::new();
    if let Some(p) = value.get("profile") {
        if let Err(e) = serde_json::from_value::<Profile>(p.clone()) {
            errors.push(FixtureError {
                record: Some("profile".into()),
                reason: e.to_string(),
            });
        }
    }
    for (section, key) in SECTIONS {
        let Some(items) = value.get(section).and_then(Value::as_array) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let result = match section {
                "accounts" => try_type::<Account>(item),
                "issuers" => try_type::<Issuer>(item),
                "titles" => try_type::<InvoiceTitle>(item),
                "addresses" => try_type::<MailingAddress>(item),
                "candidates" => try_type::<InvoiceCandidate>(item),
                _ => try_type::<InvoiceRecordDetail>(item),
            };
            if let Err(reason) = result {
                errors.push(FixtureError {
                    record: Some(record_name(section, i, item, key)),
                    reason,
                });
            }
        }
    }
    errors
}

fn try_type<T: DeserializeOwned>(item: &Value) -> Result<(), String> {
    serde_json::from_value::<T>(item.clone())
        .map(drop)
        .map_err(|e| e.to_string())
}

/// Compares every record with its serialization: a field only in the file is unknown, a field
/// only in the serialization is missing (serde reads a missing nullable field as `null`).
/// Records are serialized one at a time, so the fixture is never held twice as JSON.
fn shape_errors(value: &Value, fixture: &Fixture) -> Vec<FixtureError> {
    let mut errors = Vec::new();
    record_shape(&value["profile"], &fixture.profile, "profile", &mut errors);
    for (section, key) in SECTIONS {
        let Some(raw) = value[section].as_array() else {
            continue;
        };
        match section {
            "accounts" => section_shape(section, key, raw, &fixture.accounts, &mut errors),
            "issuers" => section_shape(section, key, raw, &fixture.issuers, &mut errors),
            "titles" => section_shape(section, key, raw, &fixture.titles, &mut errors),
            "addresses" => section_shape(section, key, raw, &fixture.addresses, &mut errors),
            "candidates" => section_shape(section, key, raw, &fixture.candidates, &mut errors),
            _ => section_shape(section, key, raw, &fixture.records, &mut errors),
        }
    }
    errors
}

fn section_shape<T: Serialize>(
    section: &str,
    key: &str,
    raw: &[Value],
    typed: &[T],
    errors: &mut Vec<FixtureError>,
) {
    for (i, (r, t)) in raw.iter().zip(typed).enumerate() {
        record_shape(r, t, &record_name(section, i, r, key), errors);
    }
}

fn record_shape(raw: &Value, typed: &impl Serialize, record: &str, errors: &mut Vec<FixtureError>) {
    let typed = serde_json::to_value(typed).expect("a record serializes");
    let mut diffs = Vec::new();
    shape_diff(raw, &typed, &mut String::new(), &mut diffs);
    errors.extend(diffs.into_iter().map(|reason| FixtureError {
        record: Some(record.to_owned()),
        reason,
    }));
}

/// `path` is where `raw` lies in its record: empty at the top, else ending in `.`; it is
/// extended in place and written out only for a field that differs.
fn shape_diff(raw: &Value, typed: &Value, path: &mut String, out: &mut Vec<String>) {
    let nested = |v: &Value| v.is_object() || v.is_array();
    let at = path.len();
    match (raw, typed) {
        (Value::Object(r), Value::Object(t)) => {
            for key in r.keys().filter(|k| !t.contains_key(*k)) {
                out.push(format!("unknown field `{path}{key}`"));
            }
            for key in t.keys().filter(|k| !r.contains_key(*k)) {
                out.push(format!("missing field `{path}{key}`"));
            }
            for (key, rv) in r {
                if let Some(tv) = t.get(key).filter(|_| nested(rv)) {
                    path.push_str(key);
                    path.push('.');
                    shape_diff(rv, tv, path, out);
                    path.truncate(at);
                }
            }
        }
        (Value::Array(r), Value::Array(t)) => {
            let base = path.trim_end_matches('.').len();
            for (i, (rv, tv)) in r
                .iter()
                .zip(t)
                .enumerate()
                .filter(|(_, (rv, _))| nested(rv))
            {
                path.truncate(base);
                match rv.get("id").and_then(Value::as_str) {
                    Some(id) => write!(path, "[{i}] ({id}).").expect("a String takes writes"),
                    None => write!(path, "[{i}].").expect("a String takes writes"),
                }
                shape_diff(rv, tv, path, out);
            }
            path.truncate(at);
        }
        _ => {}
    }
}

/// The rules the types cannot express; the candidates as families when they are consistent.
fn rule_errors(f: &Fixture) -> (Vec<FixtureError>, Vec<Family>) {
    let mut families = Vec::with_capacity(f.candidates.len());
    let mut errors = Vec::new();
    let mut fail = |record: &str, reason: String| {
        errors.push(FixtureError {
            record: Some(record.to_owned()),
            reason,
        })
    };

    let mut seen_accounts = HashSet::new();
    for a in &f.accounts {
        if !is_id(&a.id) {
            fail(&a.id, "the account id is not an Id".into());
        }
        if !seen_accounts.insert(a.id.as_str()) {
            fail(&a.id, "the account id appears twice".into());
        }
        let mut issuers_owed = HashSet::new();
        for ar in &a.arrears {
            if !ar.amount.is_positive() {
                fail(
                    &a.id,
                    format!(
                        "arrears to {} of {} are not above zero",
                        ar.issuer_id, ar.amount
                    ),
                );
            }
            if !f.issuers.iter().any(|i| i.id == ar.issuer_id) {
                fail(
                    &a.id,
                    format!(
                        "arrears name issuer {}, which is not in issuers",
                        ar.issuer_id
                    ),
                );
            }
            if !issuers_owed.insert(&ar.issuer_id) {
                fail(
                    &a.id,
                    format!("two arrears entries for issuer {}", ar.issuer_id),
                );
            }
        }
    }
    let accounts: HashMap<&str, &Account> = f.accounts.iter().map(|a| (a.id.as_str(), a)).collect();
    match accounts.get(f.profile.account_id.as_str()) {
        None => fail(
            "profile",
            format!("accountId {} is not in accounts", f.profile.account_id),
        ),
        Some(a) if a.name != f.profile.account_name => fail(
            "profile",
            format!(
                "accountName \"{}\" is not the account's name \"{}\"",
                f.profile.account_name, a.name
            ),
        ),
        Some(_) => {}
    }

    let mut seen_issuers = HashSet::new();
    for i in &f.issuers {
        if !is_id(&i.id) || !seen_issuers.insert(i.id.as_str()) {
            fail(&i.id, "the issuer id is not an Id or appears twice".into());
        }
        if i.tax_rates.is_empty() || !i.tax_rates.windows(2).all(|w| w[0] < w[1]) {
            fail(
                &i.id,
                "taxRates must be non-empty, ascending and without duplicates".into(),
            );
        }
    }
    let issuers: HashMap<&str, &Issuer> = f.issuers.iter().map(|i| (i.id.as_str(), i)).collect();

    check_titles(&f.titles, &mut fail);
    check_addresses(&f.addresses, &mut fail);

    let mut documents: HashMap<&str, &str> = HashMap::new();
    let mut products: HashMap<&str, &str> = HashMap::new();
    for c in &f.candidates {
        let id = c.id.as_str();
        match Family::from_candidate(c.clone()) {
            Ok(family) => families.push(family),
            Err(e) => fail(id, e.reason),
        }
        if c.status == invoicing::api::CandidateStatus::Invoiceable
            && c.not_invoiceable_reason.is_some()
        {
            fail(id, "invoiceable, yet it has a notInvoiceableReason".into());
        }
        if c.status != invoicing::api::CandidateStatus::Invoiceable
            && c.not_invoiceable_reason
                .as_deref()
                .is_none_or(str::is_empty)
        {
            fail(
                id,
                "not invoiceable, yet notInvoiceableReason is empty".into(),
            );
        }
        if !c.total_amount.is_positive() {
            fail(
                id,
                format!("totalAmount {} is not above zero", c.total_amount),
            );
        }
        let negatives: Money = c.negatives.iter().map(|n| n.amount).sum();
        if (-negatives) > c.total_amount {
            fail(
                id,
                format!(
                    "its negatives {negatives} exceed totalAmount {}",
                    c.total_amount
                ),
            );
        }
        for doc in std::iter::once(id).chain(c.negatives.iter().map(|n| n.id.as_str())) {
            if !is_id(doc) {
                fail(id, format!("document id \"{doc}\" is not an Id"));
            }
            if let Some(first) = documents.insert(doc, id) {
                fail(
                    id,
                    format!("document id {doc} is also in {first}; a document belongs to one family only"),
                );
            }
        }
        match accounts.get(c.account_id.as_str()) {
            None => fail(id, format!("accountId {} is not in accounts", c.account_id)),
            Some(a) if a.name != c.account_name => fail(
                id,
                format!(
                    "accountName \"{}\" is not the account's name \"{}\"",
                    c.account_name, a.name
                ),
            ),
            Some(_) => {}
        }
        match issuers.get(c.issuer_id.as_str()) {
            None => fail(id, format!("issuerId {} is not in issuers", c.issuer_id)),
            Some(i) if !i.tax_rates.contains(&c.tax_rate) => fail(
                id,
                format!(
                    "taxRate {} is not one of {}'s taxRates",
                    c.tax_rate.as_str(),
                    i.id
                ),
            ),
            Some(_) => {}
        }
        if !is_billing_cycle(&c.billing_cycle) {
            fail(
                id,
                format!("billingCycle \"{}\" is not YYYY-MM", c.billing_cycle),
            );
        }
        let time = parse_rfc3339(&c.business_time);
        if time.is_none() {
            fail(
                id,
                format!(
                    "businessTime \"{}\" is not an RFC 3339 time with an offset",
                    c.business_time
                ),
            );
        }
        for n in &c.negatives {
            match parse_rfc3339(&n.business_time) {
                None => fail(
                    id,
                    format!(
                        "negative {}: businessTime \"{}\" is not an RFC 3339 time",
                        n.id, n.business_time
                    ),
                ),
                Some(t) if time.is_some_and(|o| t < o) => fail(
                    id,
                    format!("negative {} happened before its original", n.id),
                ),
                Some(_) => {}
            }
        }
        if c.product_code.is_empty() || c.product_code.chars().count() > 64 {
            fail(id, "productCode must have 1 to 64 characters".into());
        }
        match products.insert(&c.product_code, &c.product_name) {
            Some(other) if other != c.product_name => fail(
                id,
                format!(
                    "product {} is named both \"{other}\" and \"{}\"",
                    c.product_code, c.product_name
                ),
            ),
            _ => {}
        }
    }

    let mut invoices = HashSet::new();
    for r in &f.records {
        let mut fail_record = |reason: String| fail(&r.invoice_id, reason);
        if !invoices.insert(r.invoice_id.as_str()) {
            fail_record("the invoiceId appears twice".into());
        }
        let issuer_name = issuers.get(r.issuer_id.as_str()).map(|i| i.name.as_str());
        check_record(r, issuer_name, &mut fail_record);
    }
    (errors, families)
}
