//! Page objects: one small type per page that knows its selectors, so tests read as user steps.

pub mod application;
pub mod embed;
pub mod faults;
pub mod hostile;
pub mod invoicing;
pub mod keys;
pub mod records;
pub mod step2;
pub mod treegrid;

pub use application::{DraftStep, SplitRow};
pub use hostile::HostileState;
pub use invoicing::{InvoicingPage, Row};
pub use keys::Focused;
pub use records::{DetailLine, RecordRow};
pub use step2::{BasisTab, Control, EntityLine};
pub use treegrid::SelectAllBox;
