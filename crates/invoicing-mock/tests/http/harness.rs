//! Starting a mock in-process on a free port, talking real HTTP to it, and checking answers against `openapi.yaml`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper::{Method, Request};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use invoicing_mock::{serve, Config, Server};
use serde_json::{json, Value};

/// The contract, beside the repository (`shared/api/openapi.yaml`).
pub fn openapi_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api/openapi.yaml")
}

/// The contract as JSON.
pub fn openapi() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let path = openapi_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_norway::from_str(&text).expect("openapi.yaml parses")
    })
}

/// Checks `value` against `#/components/schemas/<name>` of the contract, formats included.
pub fn assert_schema(value: &Value, name: &str) {
    static VALIDATORS: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
        OnceLock::new();
    let validator = {
        let mut cache = VALIDATORS.get_or_init(Default::default).lock().unwrap();
        cache
            .entry(name.to_owned())
            .or_insert_with(|| {
                assert!(
                    openapi()["components"]["schemas"].get(name).is_some(),
                    "no schema {name} in openapi.yaml"
                );
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$ref": format!("#/components/schemas/{name}"),
                    "components": openapi()["components"],
                });
                let v = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&root)
                    .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"));
                Arc::new(v)
            })
            .clone()
    };
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "answer does not match {name}:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(value).unwrap()
    );
}

/// The value of `#/components/examples/<name>` of the contract.
pub fn example(name: &str) -> Value {
    let value = &openapi()["components"]["examples"][name]["value"];
    assert!(!value.is_null(), "no example {name} in openapi.yaml");
    value.clone()
}

/// An answer: status, headers and body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `uc_session` token this answer sets.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("uc_session="))
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
            .filter(|v| !v.is_empty())
    }

    /// Asserts a problem of the contract: status, `code`, `type`, media type, `Problem` schema.
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        let body = self.json();
        assert_eq!(self.status, status, "{body}");
        assert_eq!(body["code"], code, "{body}");
        assert_eq!(body["status"], status);
        assert_eq!(
            body["type"],
            format!("/problems/{}", code.to_ascii_lowercase().replace('_', "-"))
        );
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        assert!(self.header("content-language").is_some());
        assert_schema(&body, "Problem");
        body
    }

    /// The `errors[].code` of a `VALIDATION_FAILED` for one field.
    pub fn field_codes(&self, field: &str) -> Vec<String> {
        self.json()["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["field"] == field)
            .map(|e| e["code"].as_str().unwrap().to_owned())
            .collect()
    }
}

/// A mock running in this test's runtime, and a client with its session.
pub struct Mock {
    pub server: Server,
    client: Client<HttpConnector, Full<Bytes>>,
    pub session: Option<String>,
    pub lang: Option<&'static str>,
    _files: Option<TempDir>,
}

impl Mock {
    /// A mock of the demo fixture with default settings, not signed in.
    pub async fn start() -> Mock {
        Mock::start_with(|_| {}).await
    }

    /// A mock whose configuration `f` adjusts (the port is always 0).
    pub async fn start_with(f: impl FnOnce(&mut Config)) -> Mock {
        let mut config = Config {
            port: 0,
            dist: PathBuf::from("/nonexistent/invoicing-mock-dist"),
            ..Config::default()
        };
        f(&mut config);
        let server = serve(config).await.expect("mock starts");
        Mock {
            server,
            client: Client::builder(TokioExecutor::new()).build_http(),
            session: None,
            lang: None,
            _files: None,
        }
    }

    /// A signed-in mock of the demo fixture as changed by `edit`.
    pub async fn with_fixture(edit: impl FnOnce(&mut Value)) -> Mock {
        let dir = TempDir::new();
        let path = dir.write_fixture(edit);
        let mut mock = Mock::start_with(|c| c.data = path).await;
        mock._files = Some(dir);
        mock.sign_in().await;
        mock
    }

    /// A signed-in mock of the demo fixture.
    pub async fn signed_in() -> Mock {
        let mut mock = Mock::start().await;
        mock.sign_in().await;
        mock
    }

    /// `GET /__mock/sign-in`, keeping the new session.
    pub async fn sign_in(&mut self) {
        let reply = self.send(Method::GET, "/__mock/sign-in", &[]).await;
        assert_eq!(reply.status, 204);
        self.session = Some(reply.session_cookie().expect("sign-in sets uc_session"));
    }

    /// Sends a request with this mock's session cookie and language, plus `headers`.
    pub async fn send(&self, method: Method, path: &str, headers: &[(&str, &str)]) -> Reply {
        self.send_body(method, path, headers, Bytes::new()).await
    }

    /// The session's CSRF token (`GET /profile`).
    pub async fn csrf_token(&self) -> String {
        let profile = self.get_ok("/api/v1/profile", "ProfileResponse").await;
        profile["csrfToken"].as_str().unwrap().to_owned()
    }

    /// `POST` of a JSON body with the session's CSRF token, plus `headers`.
    pub async fn post_json(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let token = self.csrf_token().await;
        let mut all = vec![
            ("x-csrf-token", token.as_str()),
            ("content-type", "application/json"),
        ];
        all.extend_from_slice(headers);
        let bytes = Bytes::from(serde_json::to_vec(body).unwrap());
        self.send_body(Method::POST, path, &all, bytes).await
    }

    /// Sends a request with a body, this mock's session cookie and language, plus `headers`.
    pub async fn send_body(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Bytes,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.server.url()));
        if let Some(token) = &self.session {
            req = req.header("cookie", format!("uc_session={token}"));
        }
        if let Some(lang) = self.lang {
            req = req.header("accept-language", lang);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let response = self
            .client
            .request(req.body(Full::new(body)).unwrap())
            .await
            .expect("the mock answers");
        let (parts, body) = response.into_parts();
        Reply {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body: body.collect().await.unwrap().to_bytes(),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(Method::GET, path, &[]).await
    }

    /// `GET` that must answer 200 JSON matching the schema `name`; returns the body.
    pub async fn get_ok(&self, path: &str, name: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(reply.status, 200, "GET {path}: {}", reply.text());
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert!(reply.header("content-language").is_some());
        let body = reply.json();
        assert_schema(&body, name);
        body
    }

    /// Every page of a candidate query (`limit` included), following `nextCursor`.
    pub async fn all_pages(&self, query: &str) -> Vec<Value> {
        self.pages_of("/api/v1/invoice-candidates", query, "CandidatePage")
            .await
    }

    /// Every page of a list at `path` with this query (may be empty), each matching the schema
    /// `name`, following `nextCursor`.
    pub async fn pages_of(&self, path: &str, query: &str, name: &str) -> Vec<Value> {
        let mut pages = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let url = match &cursor {
                None => format!("{path}?{query}"),
                Some(c) => format!("{path}?{query}&cursor={c}"),
            };
            let page = self.get_ok(&url, name).await;
            cursor = page["nextCursor"].as_str().map(str::to_owned);
            pages.push(page);
            assert!(pages.len() <= 100, "paging does not end");
            if cursor.is_none() {
                return pages;
            }
        }
    }
}

/// The demo fixture kept in the crate.
pub fn demo_fixture() -> Value {
    let text = std::fs::read_to_string(invoicing_mock::default_fixture()).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// A folder of its own for one test, removed at the end.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static N: AtomicU64 = AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "invoicing-mock-http-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// Writes the demo fixture as changed by `edit`; returns its path.
    pub fn write_fixture(&self, edit: impl FnOnce(&mut Value)) -> PathBuf {
        let mut fixture = demo_fixture();
        edit(&mut fixture);
        let path = self.0.join("fixture.json");
        std::fs::write(&path, serde_json::to_vec_pretty(&fixture).unwrap()).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The candidate of the demo fixture with this id.
pub fn candidate<'a>(fixture: &'a mut Value, id: &str) -> &'a mut Value {
    fixture["candidates"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no candidate {id}"))
}

/// The ids of the items of some pages, in order.
pub fn ids(pages: &[Value]) -> Vec<String> {
    pages
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap().iter())
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect()
}
