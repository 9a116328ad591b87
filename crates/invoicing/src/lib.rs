//! The invoicing domain: every business rule of the invoice application, with no UI and no I/O.
//!
//! The single-page app renders what this crate computes, and the mock backend validates requests
//! with it, so the two can never disagree about a cent. Rules are cited as in `RULES.md` (R07).
//!
//! - [`money`]: CNY amounts, exact to the cent, and their display.
//! - [`api`]: the contract's wire types (`openapi.yaml`).
//! - [`family`]: an original document with its negative documents, and whether it can be checked.
//! - [`selection`]: the set of checked families and its running totals.

pub mod api;
pub mod family;
pub mod money;
pub mod selection;

pub use family::{Checkability, Family, FamilyError};
pub use money::Money;
pub use selection::{Selection, Totals};
