//! Typed requests to the invoicing API (`openapi.yaml`), following cursors to the last page.

use gloo_net::http::{Request, Response};
use invoicing::api::{Basis, CandidatePage, InvoiceCandidate, Issuer, ItemList, Problem};
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::config::Config;

/// Families per page when loading everything; the contract's maximum.
const PAGE_LIMIT: &str = "1000";

/// A client for one backend, speaking one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: String,
    language: &'static str,
}

/// What the invoicing page needs before it can show the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub issuers: Vec<Issuer>,
    pub candidates: Vec<InvoiceCandidate>,
}

impl ApiClient {
    pub fn new(config: &Config) -> ApiClient {
        ApiClient {
            base: config.api_base.clone(),
            language: config.locale.tag(),
        }
    }

    /// `GET /issuers`.
    pub async fn issuers(&self) -> Result<Vec<Issuer>, ApiError> {
        let list: ItemList<Issuer> = self.get("/issuers", &[]).await?;
        Ok(list.items)
    }

    /// Every page of `GET /invoice-candidates` for one basis, in the server's order.
    pub async fn all_candidates(&self, basis: Basis) -> Result<Vec<InvoiceCandidate>, ApiError> {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut query = vec![
                ("basis", basis.as_str().to_owned()),
                ("limit", PAGE_LIMIT.to_owned()),
            ];
            if let Some(c) = cursor.take() {
                query.push(("cursor", c));
            }
            let page: CandidatePage = self.get("/invoice-candidates", &query).await?;
            all.extend(page.items);
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return Ok(all),
            }
        }
    }

    /// The entities and every order family: what the "By order details" tab shows.
    pub async fn load_order_families(&self) -> Result<Loaded, ApiError> {
        let issuers = self.issuers().await?;
        let candidates = self.all_candidates(Basis::Order).await?;
        Ok(Loaded {
            issuers,
            candidates,
        })
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
