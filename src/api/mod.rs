//! The invoicing backend over HTTP (gloo-net), with typed errors.

mod client;
mod error;

pub use client::ApiClient;
pub use error::ApiError;
