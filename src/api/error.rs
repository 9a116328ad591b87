//! What can go wrong talking to the backend, in terms the page can act on (R30).

use invoicing::api::Problem;

use crate::i18n::{I18n, Text};

/// A failed request. Every variant can be retried by the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, DNS, CORS, or the server is down.
    #[error("network error: {0}")]
    Network(String),
    /// The contract's problem answer, with its stable `code`.
    #[error("{} {}: {}", .0.status, .0.code, .0.detail)]
    Problem(Problem),
    /// An error status without a problem body (a proxy, a gateway).
    #[error("HTTP {0}")]
    Status(u16),
    /// A success status whose body does not match the contract.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.status),
            ApiError::Status(s) => Some(*s),
            _ => None,
        }
    }

    /// The problem's `code`, when the backend sent one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiError::Problem(p) => Some(&p.code),
            _ => None,
        }
    }

    /// A sentence for the user: translated by code or status, never the raw server text
    /// unless the code is unknown (R28, R30).
    pub fn user_message(&self, i18n: I18n) -> String {
        let by_code = match self.code() {
            Some("SESSION_EXPIRED") => Some(Text::ErrorSessionExpired),
            Some("SERVICE_UNAVAILABLE") => Some(Text::ErrorUnavailable),
            Some("RATE_LIMITED") => Some(Text::ErrorRateLimited),
            Some("INTERNAL_ERROR") => Some(Text::ErrorServer),
            _ => None,
        };
        if let Some(text) = by_code {
            return i18n.t(text).to_owned();
        }
        match self {
            ApiError::Network(_) => i18n.t(Text::ErrorNetwork).to_owned(),
            ApiError::Decode(_) => i18n.t(Text::ErrorUnexpected).to_owned(),
            ApiError::Problem(p) if !p.detail.trim().is_empty() => p.detail.clone(),
            _ => match self.status() {
                Some(401) => i18n.t(Text::ErrorSessionExpired).to_owned(),
                Some(429) => i18n.t(Text::ErrorRateLimited).to_owned(),
                Some(503) => i18n.t(Text::ErrorUnavailable).to_owned(),
                _ => i18n.t(Text::ErrorServer).to_owned(),
            },
        }
    }
}
