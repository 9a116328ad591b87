//! Reactive stores that wrap the domain: they hold what the page shows and turn user events
//! into domain operations. No money is computed here, only handed on from `invoicing`.

mod family_store;
mod summary;

pub use family_store::{FamilyRow, FamilyStore, LoadStatus};
pub use summary::{IssuerFigures, SummaryFigures};
