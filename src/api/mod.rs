//! The invoicing backend over HTTP (gloo-net), with typed errors, retries and idempotency keys.

mod client;
mod error;
mod file_name;
mod idempotency;
pub mod online;
pub mod retry;
mod send;

pub use client::{ApiClient, Submitted};
pub use error::ApiError;
pub use file_name::from_content_disposition;
pub use idempotency::IdempotencyKey;
pub use retry::RetryPolicy;
pub use send::{Answer, FileBody, SendState};
