//! The `Idempotency-Key` store of `POST /invoice-applications` (the contract's "Idempotency", R21).
//!
//! Keys belong to the signed-in account and are kept 24 hours after first use. The first request
//! with a key is processed and its final answer (`201` or `422`) stored with its body; the same
//! key with the same body (compared as JSON values: member order ignored, array order counting)
//! gets that answer again, another body `422 IDEMPOTENCY_KEY_REUSED`, and a request while the
//! first is still processed `409 IDEMPOTENCY_KEY_IN_PROGRESS`. A request that ends without a
//! stored answer (refused before processing, failed, or dropped) leaves the key unused.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

/// How long a key is kept after its first use.
pub const KEY_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// The header that marks a stored answer sent again.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Whether a header value is a valid key: 1–255 visible ASCII characters.
pub fn is_valid_key(key: &[u8]) -> bool {
    (1..=255).contains(&key.len()) && key.iter().all(|b| (0x21..=0x7E).contains(b))
}

/// A final answer as it was sent: status, media type, language and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredAnswer {
    pub status: u16,
    pub content_type: &'static str,
    pub content_language: &'static str,
    pub body: Vec<u8>,
}

impl StoredAnswer {
    /// The answer as sent the first time.
    pub fn response(&self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body.clone()).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        headers.insert(
            CONTENT_LANGUAGE,
            HeaderValue::from_static(self.content_language),
        );
        response
    }

    /// The answer sent again, with `Idempotent-Replayed: true`.
    pub fn replayed(&self) -> Response {
        let mut response = self.response();
        response
            .headers_mut()
            .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
        response
    }
}

#[derive(Debug)]
enum State {
    InProgress,
    Done(StoredAnswer),
}

#[derive(Debug)]
struct Entry {
    body: Value,
    first_use: Instant,
    state: State,
}

/// Per account and key.
type Entries = HashMap<(String, String), Entry>;

/// The keys one server has seen.
#[derive(Clone, Debug, Default)]
pub struct IdempotencyStore {
    entries: Arc<Mutex<Entries>>,
}

/// What to do with a request that carries a key.
#[derive(Debug)]
pub enum Begin {
    /// First use: process it, then [`Ticket::finish`] with the final answer.
    New(Ticket),
    /// Same key, same body, answered before: send this again.
    Replay(StoredAnswer),
    /// Same key, same body, still being processed: `409`.
    InProgress,
    /// Same key, another body: `422 IDEMPOTENCY_KEY_REUSED`.
    Reused,
}

impl IdempotencyStore {
    /// Looks the key up for `account` and, when it is new (or expired), marks it in progress.
    pub fn begin(&self, account: &str, key: &str, body: &Value) -> Begin {
        let mut entries = self.lock();
        let now = Instant::now();
        entries.retain(|_, e| now.duration_since(e.first_use) < KEY_LIFETIME);
        let id = (account.to_owned(), key.to_owned());
        if let Some(e) = entries.get(&id) {
            return if e.body != *body {
                Begin::Reused
            } else {
                match &e.state {
                    State::InProgress => Begin::InProgress,
                    State::Done(answer) => Begin::Replay(answer.clone()),
                }
            };
        }
        entries.insert(
            id.clone(),
            Entry {
                body: body.clone(),
                first_use: now,
                state: State::InProgress,
            },
        );
        Begin::New(Ticket {
            store: self.clone(),
            id: Some(id),
        })
    }

    /// How many keys are kept (in progress or answered).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether no key is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A key in progress. [`Ticket::finish`] stores the final answer; dropping it unfinished (the
/// request was refused before processing, failed or was abandoned) frees the key.
#[derive(Debug)]
pub struct Ticket {
    store: IdempotencyStore,
    id: Option<(String, String)>,
}

impl Ticket {
    /// Stores the final answer (`201` or `422`) for the key.
    pub fn finish(mut self, answer: StoredAnswer) {
        if let Some(id) = self.id.take() {
            if let Some(e) = self.store.lock().get_mut(&id) {
                e.state = State::Done(answer);
            }
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.store.lock().remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn answer(status: u16) -> StoredAnswer {
        StoredAnswer {
            status,
            content_type: "application/json",
            content_language: "zh-CN",
            body: b"{}".to_vec(),
        }
    }

    #[test]
    fn r21_same_key_and_body_replays_other_body_is_refused() {
        let store = IdempotencyStore::default();
        let body = json!({"basis": "order", "candidateIds": ["a", "b"], "mode": "independent"});
        let Begin::New(ticket) = store.begin("acc", "k1", &body) else {
            panic!("first use")
        };
        assert!(matches!(store.begin("acc", "k1", &body), Begin::InProgress));
        ticket.finish(answer(201));
        // Member order ignored, array order counts.
        let reordered =
            json!({"mode": "independent", "candidateIds": ["a", "b"], "basis": "order"});
        assert!(
            matches!(store.begin("acc", "k1", &reordered), Begin::Replay(a) if a.status == 201)
        );
        let swapped = json!({"basis": "order", "candidateIds": ["b", "a"], "mode": "independent"});
        assert!(matches!(store.begin("acc", "k1", &swapped), Begin::Reused));
        // Keys belong to an account.
        assert!(matches!(
            store.begin("other", "k1", &swapped),
            Begin::New(_)
        ));
    }

    #[test]
    fn r21_a_key_without_a_final_answer_stays_unused() {
        let store = IdempotencyStore::default();
        let body = json!({"a": 1});
        match store.begin("acc", "k", &body) {
            Begin::New(ticket) => drop(ticket),
            other => panic!("{other:?}"),
        }
        assert!(store.is_empty());
        assert!(matches!(
            store.begin("acc", "k", &json!({"a": 2})),
            Begin::New(_)
        ));
    }

    #[test]
    fn idempotency_keys_are_one_to_255_visible_ascii_characters() {
        assert!(is_valid_key(b"5f0c7d7e-3b7a-4f55-9a51-1c2e8e4f6a90"));
        assert!(is_valid_key(&[b'x'; 255]));
        assert!(!is_valid_key(&[b'x'; 256]));
        assert!(!is_valid_key(b""));
        assert!(!is_valid_key(b"a b"));
        assert!(!is_valid_key("ключ".as_bytes()));
    }
}
