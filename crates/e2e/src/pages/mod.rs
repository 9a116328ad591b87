//! Page objects: one small type per page that knows its selectors, so tests read as user steps.

pub mod invoicing;
pub mod treegrid;

pub use invoicing::{InvoicingPage, Row};
pub use treegrid::SelectAllBox;
