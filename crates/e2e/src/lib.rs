//! End-to-end tests' harness: the mock, chromedriver and Chromium per test, page objects and waits.
//!
//! Every test starts its own mock (`$INVOICING_MOCK_BIN`, serving the built app from
//! `$INVOICING_DIST` with `fixtures/e2e.json`) and its own chromedriver (`$CHROMEDRIVER`) with a
//! fresh Chromium profile, drives the page through [`pages`], and ends every process it started,
//! even when it fails. `cargo xtask test` sets the variables; see `xtask/src/test.rs`.

pub mod browser;
pub mod fixture;
pub mod pages;
pub mod processes;
pub mod wait;

pub use browser::{run, Browser};
pub use processes::MockOptions;
