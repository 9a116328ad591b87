//! The contract's changes of 2026-11-26, swept over every operation the contract lists (read
//! from `openapi.yaml`, so a new operation or parameter is covered at once): another method is
//! `405` with `Allow`; an unknown query parameter is `NOT_ALLOWED`; a single-valued one given
//! twice is `TOO_MANY`; every answer has `Content-Language`.

use hyper::Method;
use serde_json::Value;

use crate::harness::{openapi, Mock};

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

/// A parameter, its `$ref` followed.
fn resolve(p: &Value) -> &Value {
    match p["$ref"].as_str() {
        Some(r) => {
            let name = r.rsplit('/').next().unwrap();
            &openapi()["components"]["parameters"][name]
        }
        None => p,
    }
}

/// A valid value of a query parameter for this sweep.
fn value_of(p: &Value) -> String {
    let schema = &p["schema"];
    let schema = if schema["type"] == "array" {
        &schema["items"]
    } else {
        schema
    };
    let schema = match schema["$ref"].as_str() {
        Some(r) => &openapi()["components"]["schemas"][r.rsplit('/').next().unwrap()],
        None => schema,
    };
    if let Some(first) = schema["enum"].get(0).and_then(Value::as_str) {
        return first.to_owned();
    }
    match p["name"].as_str().unwrap() {
        "issuerId" => "CLOUD_SERVICE".into(),
        "limit" => "5".into(),
        "billingCycleFrom" | "billingCycleTo" => "2026-08".into(),
        "businessTimeFrom" | "businessTimeTo" | "from" | "to" => {
            "2026-08-01T00:00:00%2B08:00".into()
        }
        _ => "x".into(),
    }
}

/// Every operation: (path with its parameters filled in, method, query parameters).
fn operations() -> Vec<(String, &'static str, Vec<&'static Value>)> {
    let mut ops = Vec::new();
    for (path, item) in openapi()["paths"].as_object().unwrap() {
        let concrete = format!(
            "/api/v1{}",
            path.replace("{invoiceId}", "inv-20260915-0001")
        );
        for method in METHODS {
            let Some(op) = item.get(method) else { continue };
            let params = item["parameters"]
                .as_array()
                .into_iter()
                .chain(op["parameters"].as_array())
                .flatten()
                .map(resolve)
                .filter(|p| p["in"] == "query")
                .collect();
            ops.push((concrete.clone(), method, params));
        }
    }
    assert!(
        ops.len() >= 14,
        "the contract lists {} operations",
        ops.len()
    );
    ops
}

async fn send(mock: &Mock, method: &str, path: &str, token: &str) -> crate::harness::Reply {
    let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
    let headers = [
        ("x-csrf-token", token),
        ("idempotency-key", "sweep-key"),
        ("content-type", "application/json"),
    ];
    mock.send_body(method, path, &headers, "{}".into()).await
}

#[tokio::test]
async fn method_every_path_answers_other_methods_405_with_allow() {
    let mock = Mock::signed_in().await;
    let token = mock.csrf_token().await;
    for (path, item) in openapi()["paths"].as_object().unwrap() {
        let concrete = format!(
            "/api/v1{}",
            path.replace("{invoiceId}", "inv-20260915-0001")
        );
        for method in METHODS.iter().filter(|m| item.get(**m).is_none()) {
            let reply = send(&mock, method, &concrete, &token).await;
            reply.assert_problem(405, "METHOD_NOT_ALLOWED");
            let allow = reply.header("allow").unwrap_or_default().to_owned();
            for listed in METHODS.iter().filter(|m| item.get(**m).is_some()) {
                assert!(
                    allow.contains(&listed.to_ascii_uppercase()),
                    "{method} {concrete}: Allow {allow:?}"
                );
            }
        }
    }
}

#[tokio::test]
async fn validation_every_operation_refuses_unknown_and_repeated_query_parameters() {
    let mock = Mock::signed_in().await;
    let token = mock.csrf_token().await;
    let mut repeated = 0;
    for (path, method, params) in operations() {
        let required: Vec<String> = params
            .iter()
            .filter(|p| p["required"] == true)
            .map(|p| format!("{}={}&", p["name"].as_str().unwrap(), value_of(p)))
            .collect();
        let base = format!("{path}?{}", required.concat());
        let reply = send(&mock, method, &format!("{base}unknownParam=1"), &token).await;
        reply.assert_problem(400, "VALIDATION_FAILED");
        assert_eq!(
            reply.field_codes("unknownParam"),
            ["NOT_ALLOWED"],
            "{method} {path}"
        );
        for p in params.iter().filter(|p| p["schema"]["type"] != "array") {
            let name = p["name"].as_str().unwrap();
            let v = value_of(p);
            let query = if p["required"] == true {
                format!("{base}{name}={v}")
            } else {
                format!("{base}{name}={v}&{name}={v}")
            };
            let reply = send(&mock, method, &query, &token).await;
            reply.assert_problem(400, "VALIDATION_FAILED");
            assert!(
                reply.field_codes(name).contains(&"TOO_MANY".to_owned()),
                "{method} {query}: {}",
                reply.text()
            );
            repeated += 1;
        }
    }
    eprintln!("{repeated} single-valued parameters given twice");
    assert!(repeated >= 20, "only {repeated} single-valued parameters");
}

#[tokio::test]
async fn language_every_operation_answers_with_content_language() {
    let mut mock = Mock::signed_in().await;
    let token = mock.csrf_token().await;
    for lang in ["en", "zh-CN"] {
        mock.lang = Some(lang);
        for (path, method, _) in operations() {
            let reply = send(&mock, method, &path, &token).await;
            assert!(
                reply.header("content-language").is_some(),
                "{method} {path}: {}",
                reply.status
            );
        }
    }
}
