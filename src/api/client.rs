//! Typed requests to the invoicing API (`openapi.yaml`).

use gloo_net::http::{Request, Response};
use invoicing::api::{
    Account, Basis, CandidatePage, InvoiceableBalance, Issuer, ItemList, Problem, Product,
    ProfileResponse,
};
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::config::Config;

/// Families per page: the contract's maximum, so 100,000 families take 100 requests.
const PAGE_LIMIT: &str = "1000";

/// A client for one backend, speaking one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    language: &'static str,
}

impl ApiClient {
    pub fn new(config: &Config) -> ApiClient {
        ApiClient {
            base: config.api_base.clone(),
            language: config.locale.tag(),
        }
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

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        let url = format!("{}{}", self.base, path);
        let response = Request::get(&url)
            .query(query.iter().map(|(k, v)| (*k, v.as_str())))
            .header("Accept", "application/json")
            .header("Accept-Language", self.language)
            .send()
            .await
            .map_err(|e| ApiError::Network(e.to_string()))?;
        decode(response).await
    }
}

/// A success body as `T`, or the problem the backend sent.
async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => Err(ApiError::Problem(problem)),
            Err(_) => Err(ApiError::Status(status)),
        }
    }
}
