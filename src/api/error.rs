//! What can go wrong talking to the backend, in terms the page can act on (R30).

use invoicing::api::{Problem, ProblemError};
use invoicing::application::{ApplicationProblem, PlannedInvoice};

use crate::i18n::{EmbedText, I18n, Text};

/// A failed request. Every variant can be retried by the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// No answer: offline, DNS, CORS, or the server is down.
    #[error("network error: {0}")]
    Network(String),
    /// The contract's problem answer: its stable `code`, `errors[]` naming fields and
    /// records, and for `SPLIT_MISMATCH`/`STALE_AMOUNTS` the server's current split.
    #[error("{} {}: {}", .0.problem.status, .0.problem.code, .0.problem.detail)]
    Problem(Box<ApplicationProblem>),
    /// An error status without a problem body (a proxy, a gateway).
    #[error("HTTP {0}")]
    Status(u16),
    /// A success status whose body does not match the contract.
    #[error("unexpected answer: {0}")]
    Decode(String),
}

impl ApiError {
    /// The error of a problem answer without `expectedInvoices`.
    pub fn from_problem(problem: Problem) -> ApiError {
        ApiError::Problem(Box::new(ApplicationProblem {
            problem,
            expected_invoices: None,
        }))
    }

    /// The HTTP status, when there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Problem(p) => Some(p.problem.status),
            ApiError::Status(s) => Some(*s),
            _ => None,
        }
    }

    /// The problem the backend sent, if any.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Problem(p) => Some(&p.problem),
            _ => None,
        }
    }

    /// The problem's `code`, when the backend sent one: what the page branches on (R23).
    pub fn code(&self) -> Option<&str> {
        self.problem().map(|p| p.code.as_str())
    }

    /// The problem's `errors[]`: each broken rule with its `field` (a JSON Pointer into the
    /// request, such as `/invoices/1/emails/0`), `code`, and the `candidateId`, `accountId`,
    /// `issuerId` or `amount` it names (R23). Empty without a problem.
    pub fn errors(&self) -> &[ProblemError] {
        self.problem().map_or(&[], |p| p.errors.as_slice())
    }

    /// `SPLIT_MISMATCH`, `STALE_AMOUNTS`: the split the server computes now, for the user to
    /// confirm again (R16, R23).
    pub fn expected_invoices(&self) -> Option<&[PlannedInvoice]> {
        match self {
            ApiError::Problem(p) => p.expected_invoices.as_deref(),
            _ => None,
        }
    }

    /// `401`: the session is gone; the user signs in again and the page retries, keeping the
    /// draft (R22).
    pub fn is_session_expired(&self) -> bool {
        self.status() == Some(401)
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
        if self.code() == Some("ACCOUNT_MISMATCH") {
            return i18n.t(EmbedText::AccountMismatch).to_owned();
        }
        if let Some(text) = by_code {
            return i18n.t(text).to_owned();
        }
        match self {
            ApiError::Network(_) => i18n.t(Text::ErrorNetwork).to_owned(),
            ApiError::Decode(_) => i18n.t(Text::ErrorUnexpected).to_owned(),
            ApiError::Problem(p) if !p.problem.detail.trim().is_empty() => p.problem.detail.clone(),
            _ => match self.status() {
                Some(401) => i18n.t(Text::ErrorSessionExpired).to_owned(),
                Some(429) => i18n.t(Text::ErrorRateLimited).to_owned(),
                Some(503) => i18n.t(Text::ErrorUnavailable).to_owned(),
                _ => i18n.t(Text::ErrorServer).to_owned(),
            },
        }
    }
}
