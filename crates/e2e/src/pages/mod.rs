//! Page objects: one small type per page that knows its selectors, so tests read as user steps.

pub mod invoicing;

pub use invoicing::{InvoicingPage, Row};
