//! The `Idempotency-Key` of one application (R21): created once, when the user reaches the
//! confirmation step, kept with the draft, and sent with every attempt of that application, so
//! that a double click, a retry or a reload never creates a second one.

use serde::{Deserialize, Serialize};

/// A UUID v4 in its hyphenated form (the contract's 1–255 visible ASCII characters), drawn from
/// the browser's `crypto.getRandomValues` on wasm32.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// A fresh key: for a new application, after the body changed, or after a `422`.
    pub fn new() -> IdempotencyKey {
        IdempotencyKey(uuid::Uuid::new_v4().hyphenated().to_string())
    }

    /// The header's value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for IdempotencyKey {
    fn default() -> Self {
        IdempotencyKey::new()
    }
}

impl std::fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A random number for the retries' jitter, from the same source as the keys.
pub(super) fn random_u32() -> u32 {
    let bytes = uuid::Uuid::new_v4().into_bytes();
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r21_keys_are_fresh_uuid_v4s() {
        let (a, b) = (IdempotencyKey::new(), IdempotencyKey::new());
        assert_ne!(a, b);
        let parsed = uuid::Uuid::parse_str(a.as_str()).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(a.as_str().len(), 36);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, format!("\"{a}\""));
        assert_eq!(serde_json::from_str::<IdempotencyKey>(&json).unwrap(), a);
    }
}
