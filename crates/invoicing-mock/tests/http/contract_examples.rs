//! The client's wire types against the contract's own examples (issue 10): every JSON example of
//! a request body, a response and a problem in `openapi.yaml` is read with the domain's serde
//! types — the ones the app decodes with — and written back, and the result must be the example
//! again, member for member. A renamed field, a missing one, a wrong type or an unknown code fails.

use invoicing::api::{
    Account, CandidatePage, InvoiceableBalance, Issuer, ItemList, Product, ProfileResponse,
};
use invoicing::application::{
    ApplicationCreated, ApplicationDraft, ApplicationPreview, ApplicationProblem,
    ApplicationRequest,
};
use invoicing::invoice_record::{InvoiceRecordDetail, InvoiceRecordPage};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::harness::openapi;

/// Reads `example` as `T` and writes it back.
fn round_trip<T: DeserializeOwned + Serialize>(example: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(example.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

/// The round trip of the domain type of the contract's schema `name`.
fn through(name: &str, example: &Value) -> Result<Value, String> {
    match name {
        "ProfileResponse" => round_trip::<ProfileResponse>(example),
        "AccountList" => round_trip::<ItemList<Account>>(example),
        "IssuerList" => round_trip::<ItemList<Issuer>>(example),
        "ProductList" => round_trip::<ItemList<Product>>(example),
        "CandidatePage" => round_trip::<CandidatePage>(example),
        "InvoiceableBalance" => round_trip::<InvoiceableBalance>(example),
        "InvoiceTitleList" => round_trip::<ItemList<InvoiceTitle>>(example),
        "AddressList" => round_trip::<ItemList<MailingAddress>>(example),
        "ApplicationDraft" => round_trip::<ApplicationDraft>(example),
        "ApplicationPreview" => round_trip::<ApplicationPreview>(example),
        "CreateInvoiceApplicationRequest" => round_trip::<ApplicationRequest>(example),
        "ApplicationCreated" => round_trip::<ApplicationCreated>(example),
        "InvoiceRecordPage" => round_trip::<InvoiceRecordPage>(example),
        "InvoiceRecordDetail" => round_trip::<InvoiceRecordDetail>(example),
        "Problem" => round_trip::<ApplicationProblem>(example),
        other => Err(format!("no domain type for the schema {other}")),
    }
}

/// `(where, schema name, example)` for every JSON example of the contract.
fn examples() -> Vec<(String, String, Value)> {
    let doc = openapi();
    let schema_of = |content: &Value| -> String {
        content["schema"]["$ref"]
            .as_str()
            .map(|r| r.rsplit('/').next().unwrap().to_owned())
            .unwrap_or_else(|| "inline".to_owned())
    };
    let mut out = Vec::new();
    let mut take = |at: String, content: &Value, schema: String| {
        if let Some(example) = content.get("example") {
            out.push((at.clone(), schema.clone(), example.clone()));
        }
        for (name, example) in content["examples"].as_object().into_iter().flatten() {
            let value = match example["$ref"].as_str() {
                Some(r) => &doc["components"]["examples"][r.rsplit('/').next().unwrap()]["value"],
                None => &example["value"],
            };
            out.push((format!("{at} ({name})"), schema.clone(), value.clone()));
        }
    };
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            let Some(op) = op.as_object() else { continue };
            if let Some(body) = op.get("requestBody") {
                for (kind, content) in body["content"].as_object().into_iter().flatten() {
                    if kind.contains("json") {
                        take(
                            format!("{method} {path} request"),
                            content,
                            schema_of(content),
                        );
                    }
                }
            }
            for (code, response) in op["responses"].as_object().into_iter().flatten() {
                for (kind, content) in response["content"].as_object().into_iter().flatten() {
                    if kind.contains("json") {
                        take(
                            format!("{method} {path} {code}"),
                            content,
                            schema_of(content),
                        );
                    }
                }
            }
        }
    }
    // The problems of the shared responses, and the named problem examples.
    for (name, response) in doc["components"]["responses"].as_object().unwrap() {
        for (kind, content) in response["content"].as_object().into_iter().flatten() {
            if kind.contains("json") {
                take(format!("response {name}"), content, "Problem".to_owned());
            }
        }
    }
    out
}

#[test]
fn every_example_of_the_contract_reads_and_writes_back_unchanged_with_the_client_types() {
    let all = examples();
    assert!(all.len() >= 30, "only {} examples found", all.len());
    let mut failures = Vec::new();
    for (at, schema, example) in &all {
        match through(schema, example) {
            Ok(back) if back == *example => {}
            Ok(back) => failures.push(format!(
                "{at} ({schema}): written back differently\n  example: {example}\n  written: {back}"
            )),
            Err(e) => failures.push(format!("{at} ({schema}): {e}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}
