//! Typed requests to the invoicing API (`openapi.yaml`).

use invoicing::api::{
    Account, Basis, CandidatePage, InvoiceableBalance, Issuer, ItemList, Product, ProfileResponse,
};
use invoicing::application::{
    ApplicationCreated, ApplicationDraft, ApplicationPreview, ApplicationRequest,
};
use invoicing::invoice_record::{InvoiceRecordDetail, InvoiceRecordPage, RecordQuery};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::send::{Answer, Call, FileBody, SendState};
use super::{ApiError, IdempotencyKey, RetryPolicy};
use crate::config::{Config, CsrfSource, JsFunction};
use crate::embed::EmbedContext;
use crate::state::SessionWatch;

/// Families per page: the contract's maximum, so 100,000 families take 100 requests.
const PAGE_LIMIT: &str = "1000";

/// A client for one backend, speaking one language. Every request sends the session cookie
/// (`credentials: include`, also when the API base is another origin of the user center) and
/// `Accept-Language`; every `POST` sends `X-CSRF-Token`: the host's (`Config::csrf`), else the
/// profile's once [`ApiClient::with_csrf_token`] has given it. A `401` answer is told to the
/// host ([`EmbedContext::session_expired`]) when the client has an instance's context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    language: &'static str,
    csrf_token: Option<String>,
    csrf_source: CsrfSource,
    embed: Option<EmbedContext>,
    watch: Option<SessionWatch>,
}

/// The answer of `POST /invoice-applications`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub created: ApplicationCreated,
    /// `Idempotent-Replayed: true`: the stored answer to an earlier attempt with the same key
    /// and body; no second application was created (R21).
    pub replayed: bool,
}

impl ApiClient {
    pub fn new(config: &Config) -> ApiClient {
        ApiClient {
            base: config.api_base.clone(),
            language: config.locale.tag(),
            csrf_token: None,
            csrf_source: config.csrf.clone(),
            embed: None,
            watch: None,
        }
    }

    /// The same client, marking `401` answers and later successes on `watch` (the page's
    /// session-expired notice and its Resume).
    pub fn with_session_watch(self, watch: Option<SessionWatch>) -> ApiClient {
        ApiClient { watch, ..self }
    }

    /// When `error` is a `401`, runs `retry` once the user has signed in again and pressed
    /// Resume (or another request succeeds); `true` if it was registered. Nothing without a
    /// watch (a component mounted alone in a test): the error's own Retry is the way back.
    pub fn retry_after_sign_in(&self, error: &ApiError, retry: impl FnOnce() + 'static) -> bool {
        match &self.watch {
            Some(watch) if error.is_session_expired() => {
                watch.on_resume(retry);
                true
            }
            _ => false,
        }
    }

    /// The same client, telling `embed`'s host about `401` answers.
    pub fn with_embed(self, embed: Option<EmbedContext>) -> ApiClient {
        ApiClient { embed, ..self }
    }

    /// The `X-CSRF-Token` of the next `POST`: the host's token, the host's function's answer
    /// (awaited when it is a `Promise`), or the profile's when the host gives none or its
    /// function fails.
    pub async fn csrf_token(&self) -> Option<String> {
        match &self.csrf_source {
            CsrfSource::Profile => self
                .watch
                .and_then(SessionWatch::csrf_token)
                .or_else(|| self.csrf_token.clone()),
            CsrfSource::Token(token) => Some(token.clone()),
            CsrfSource::Provider(function) => match call_token_function(function).await {
                Some(token) => Some(token),
                None => {
                    leptos::logging::warn!(
                        "config.csrfToken() gave no token; the profile's token is sent"
                    );
                    self.csrf_token.clone()
                }
            },
        }
    }

    /// Tells the host about a `401`, or that the session is alive again.
    fn observe<T>(&self, result: &Result<T, ApiError>) {
        match result {
            Ok(_) => {
                if let Some(embed) = &self.embed {
                    embed.session_alive();
                }
                if let Some(watch) = self.watch {
                    watch.alive();
                }
            }
            Err(e) if e.is_session_expired() => {
                if let Some(embed) = &self.embed {
                    embed.session_expired();
                }
                if let Some(watch) = self.watch {
                    watch.expired();
                }
            }
            Err(_) => {}
        }
    }

    /// The same client, sending `token` (the profile's `csrfToken`, [`crate::state::Session`])
    /// as `X-CSRF-Token` on every `POST`.
    pub fn with_csrf_token(&self, token: impl Into<String>) -> ApiClient {
        ApiClient {
            csrf_token: Some(token.into()),
            ..self.clone()
        }
    }

    /// `POST /invoice-applications/preview`: the invoices the server would create for `draft`
    /// (R15, R16). Retried on network errors, timeouts, `5xx` and `429` ([`RetryPolicy::POST`]).
    pub async fn preview(&self, draft: &ApplicationDraft) -> Result<ApplicationPreview, ApiError> {
        let answer = self
            .post("/invoice-applications/preview", draft, None, &|_| {})
            .await?;
        Ok(answer.body)
    }

    /// `POST /invoice-applications` with `key` (R21): every attempt carries the same key, so a
    /// retry after a timeout never creates a second application. `on_state` hears each attempt
    /// and each wait before a retry ("retrying in N s"). A `409 IDEMPOTENCY_KEY_IN_PROGRESS` is
    /// waited out like a `503`; any other `4xx` ends at once.
    pub async fn submit(
        &self,
        request: &ApplicationRequest,
        key: &IdempotencyKey,
        on_state: &dyn Fn(SendState),
    ) -> Result<Submitted, ApiError> {
        let answer = self
            .post("/invoice-applications", request, Some(key), on_state)
            .await?;
        Ok(Submitted {
            created: answer.body,
            replayed: answer.replayed,
        })
    }

    /// A `POST` of `body` as JSON to `path`, with `X-CSRF-Token`, the `Idempotency-Key` if
    /// given, and retries by [`RetryPolicy::POST`].
    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        idempotency_key: Option<&IdempotencyKey>,
        on_state: &dyn Fn(SendState),
    ) -> Result<Answer<T>, ApiError> {
        let body = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
        let result = self.post_once(path, &body, idempotency_key, on_state).await;
        let stale_token = matches!(&result, Err(e) if e.code() == Some("CSRF_TOKEN_INVALID"));
        if !(stale_token && self.csrf_source == CsrfSource::Profile) {
            return result;
        }
        // A new sign-in gave the session a new CSRF token (the notice's Resume after a `401`):
        // the profile's token now, then the same request once more (the same key, R21).
        let Some(watch) = self.watch else {
            return result;
        };
        match self.profile().await {
            Ok(profile) => watch.set_csrf_token(profile.csrf_token),
            Err(_) => return result,
        }
        self.post_once(path, &body, idempotency_key, on_state).await
    }

    /// One `POST` with its retries, with the CSRF token known now.
    async fn post_once<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &str,
        idempotency_key: Option<&IdempotencyKey>,
        on_state: &dyn Fn(SendState),
    ) -> Result<Answer<T>, ApiError> {
        let token = self.csrf_token().await;
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(token) = &token {
            headers.push(("X-CSRF-Token", token));
        }
        if let Some(key) = idempotency_key {
            headers.push(("Idempotency-Key", key.as_str()));
        }
        let result = self
            .call(path, &[], &headers, Some(body))
            .send(RetryPolicy::POST, on_state)
            .await;
        self.observe(&result);
        result
    }

    /// `GET /profile`: who is signed in, and the CSRF token for later changes (R01).
    pub async fn profile(&self) -> Result<ProfileResponse, ApiError> {
        self.get("/profile", &[]).await
    }

    /// `GET /accounts`: the accounts the caller sees, with their arrears (R04, R12).
    pub async fn accounts(&self) -> Result<Vec<Account>, ApiError> {
        let list: ItemList<Account> = self.get("/accounts", &[]).await?;
        Ok(list.items)
    }

    /// `GET /products` of one basis: the product filter's options (R04).
    pub async fn products(&self, basis: Basis) -> Result<Vec<Product>, ApiError> {
        let list: ItemList<Product> = self
            .get("/products", &[("basis", basis.as_str().to_owned())])
            .await?;
        Ok(list.items)
    }

    /// `GET /invoiceable-balance` of one entity for some accounts (none: the signed-in
    /// account), for the "by amount" tab (R11–R13).
    pub async fn invoiceable_balance(
        &self,
        issuer_id: &str,
        account_ids: &[String],
    ) -> Result<InvoiceableBalance, ApiError> {
        let mut query = vec![("issuerId", issuer_id.to_owned())];
        query.extend(account_ids.iter().map(|a| ("accountId", a.clone())));
        self.get("/invoiceable-balance", &query).await
    }

    /// `GET /invoice-titles`: the signed-in account's saved invoice titles (R17).
    pub async fn titles(&self) -> Result<Vec<InvoiceTitle>, ApiError> {
        let list: ItemList<InvoiceTitle> = self.get("/invoice-titles", &[]).await?;
        Ok(list.items)
    }

    /// `GET /addresses`: the signed-in account's saved mailing addresses (R17).
    pub async fn addresses(&self) -> Result<Vec<MailingAddress>, ApiError> {
        let list: ItemList<MailingAddress> = self.get("/addresses", &[]).await?;
        Ok(list.items)
    }

    /// `GET /issuers`.
    pub async fn issuers(&self) -> Result<Vec<Issuer>, ApiError> {
        let list: ItemList<Issuer> = self.get("/issuers", &[]).await?;
        Ok(list.items)
    }

    /// One page of `GET /invoice-candidates` for one basis: the first without a cursor, the
    /// next ones with the `nextCursor` of the page before (same filters, same `limit`).
    pub async fn candidate_page(
        &self,
        basis: Basis,
        cursor: Option<&str>,
    ) -> Result<CandidatePage, ApiError> {
        let mut query = vec![
            ("basis", basis.as_str().to_owned()),
            ("limit", PAGE_LIMIT.to_owned()),
        ];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_owned()));
        }
        self.get("/invoice-candidates", &query).await
    }

    /// One page of `GET /invoice-records` (R24): the first without a cursor, the next ones with
    /// the `nextCursor` of the page before and the same filters. 50 invoices per page.
    pub async fn records_page(
        &self,
        query: &RecordQuery,
        cursor: Option<&str>,
    ) -> Result<InvoiceRecordPage, ApiError> {
        let mut pairs = query.pairs();
        if let Some(c) = cursor {
            pairs.push(("cursor", c.to_owned()));
        }
        self.get("/invoice-records", &pairs).await
    }

    /// `GET /invoice-records/{invoiceId}`: one invoice with its title, delivery and lines (R25).
    pub async fn record(&self, invoice_id: &str) -> Result<InvoiceRecordDetail, ApiError> {
        self.get(
            &format!("/invoice-records/{}", path_segment(invoice_id)),
            &[],
        )
        .await
    }

    /// `GET /invoice-records/export` with the list's filters: the CSV file (R26).
    pub async fn export_records(&self, query: &RecordQuery) -> Result<FileBody, ApiError> {
        let pairs = query.pairs();
        self.file("/invoice-records/export", &pairs, "text/csv")
            .await
    }

    /// `GET /invoice-records/{invoiceId}/file`: the issued invoice's PDF (R27). A 404
    /// `INVOICE_FILE_NOT_AVAILABLE` when the invoice is not invoiced (any more).
    pub async fn invoice_file(&self, invoice_id: &str) -> Result<FileBody, ApiError> {
        let path = format!("/invoice-records/{}/file", path_segment(invoice_id));
        self.file(&path, &[], "application/pdf").await
    }

    /// A `GET` of a file, retried like any `GET`; errors still come as problems.
    async fn file(
        &self,
        path: &str,
        query: &[(&str, String)],
        accept: &'static str,
    ) -> Result<FileBody, ApiError> {
        let accept = match accept {
            "text/csv" => "text/csv, application/problem+json",
            _ => "application/pdf, application/problem+json",
        };
        let mut call = self.call(path, query, &[], None);
        call.accept = accept;
        let result = call.send_file(RetryPolicy::GET, &|_| {}).await;
        self.observe(&result);
        result
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let result = self
            .call(path, query, &[], None)
            .send(RetryPolicy::GET, &|_| {})
            .await;
        self.observe(&result);
        Ok(result?.body)
    }

    fn call<'a>(
        &'a self,
        path: &str,
        query: &'a [(&'a str, String)],
        headers: &'a [(&'a str, &'a str)],
        body: Option<&'a str>,
    ) -> Call<'a> {
        Call {
            url: format!("{}{}", self.base, path),
            query,
            language: self.language,
            accept: "application/json",
            headers,
            body,
        }
    }
}

/// The host's token function's answer: a string, or a `Promise` (any thenable) of one; `None`
/// when it throws, rejects or gives something else.
async fn call_token_function(function: &JsFunction) -> Option<String> {
    let answer = function.0.call0(&wasm_bindgen::JsValue::UNDEFINED).ok()?;
    let promise = js_sys::Promise::resolve(&answer);
    let token = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    token.as_string().filter(|t| !t.is_empty())
}

/// An id as one path segment: unreserved characters as they are, anything else percent-encoded.
fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_are_one_path_segment() {
        assert_eq!(
            super::path_segment("inv-20261112-0005"),
            "inv-20261112-0005"
        );
        assert_eq!(super::path_segment("a/b c"), "a%2Fb%20c");
    }
}
