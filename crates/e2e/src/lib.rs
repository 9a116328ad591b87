//! End-to-end tests' harness: the mock, a WebDriver server and a browser per test and browser,
//! page objects and waits.
//!
//! [`run`] runs a test's steps in Chromium and then in Firefox. For each browser it starts a mock
//! of its own (`$INVOICING_MOCK_BIN`, serving the built app from `$INVOICING_DIST` with
//! `fixtures/e2e.json`) and a driver of its own (`$CHROMEDRIVER`, `$GECKODRIVER`) with a fresh
//! profile in a temporary folder, drives the page through [`pages`], and ends every process it
//! started, even when it fails; a failure names the browser. `$INVOICING_E2E_BROWSERS`
//! (`chromium`, `firefox`) narrows the run to one browser. `cargo xtask test` sets the variables;
//! see `xtask/src/test.rs`.

pub mod audit;
pub mod browser;
pub mod catalog;
pub mod fixture;
pub mod pages;
pub mod processes;
pub mod wait;

pub use audit::{assert_no_csp_violations, audit};
pub use browser::{run, run_in, Browser, Engine};
pub use catalog::{assert_catalog_texts, fixture_texts};
pub use processes::MockOptions;
