//! The invoicing domain: every business rule of the invoice application, with no UI and no I/O.
//!
//! The single-page app renders what this crate computes, and the mock backend validates requests
//! with it, so the two can never disagree about a cent. Rules are cited as in `RULES.md` (R07).
//!
//! - [`money`]: CNY amounts, exact to the cent, and their display.
//! - [`amount_entry`]: the amount typed on the "by amount" tab, read exactly or refused (R11).
//! - [`api`]: the contract's wire types (`openapi.yaml`).
//! - [`application`]: the wire types of a preview and an application (R15–R23).
//! - [`application_checks`]: the server's checks of a draft, in the contract's order of codes.
//! - [`split`]: the invoices of an application by entity, tax rate and account, after arrears (R12, R13, R15, R16).
//! - [`usage`]: which families each invoice of a new application uses, and what they become.
//! - [`arrears`]: arrears settled per pool, the amount to invoice and what is missing (R12, R13).
//! - [`balance`]: the invoiceable balance of one entity for the *by amount* tab (R11–R13).
//! - [`confirmation`]: whether the mode is offered, the app's split against the server's, what a
//!   refusal lets the user drop (R15, R16, R23).
//! - [`invoice_record`]: invoicing records, their lines and pages (R24–R27).
//! - [`saved`]: the account's saved invoice titles and mailing addresses (R17).
//! - [`details`]: each invoice's title, type and delivery, and the e-mail list (R17–R20).
//! - [`readiness`]: why "Next" is not enabled yet (R14).
//! - [`filter`]: whether a family matches the candidate list's filters, for mock and app (R04).
//! - [`time`]: RFC 3339 times and billing cycles.
//! - [`family`]: an original document with its negative documents, and whether it can be checked.
//! - [`selection`]: the set of checked families and its running totals.
//! - [`families`]: the families of one basis as pages arrive, reloads, select all.
//! - [`record`]: a family as the grid keeps it, with repeated texts stored once.
//! - [`tree`]: the grid's flat list of rows (originals, expanded negatives) and its keys.
//! - [`window`]: which of those rows to draw for a scroll position.

pub mod amount_entry;
pub mod api;
pub mod application;
pub mod application_checks;
pub mod arrears;
pub mod balance;
pub mod confirmation;
pub mod details;
pub mod families;
pub mod family;
pub mod filter;
pub mod invoice_record;
pub mod money;
pub mod readiness;
pub mod record;
pub mod saved;
pub mod selection;
pub mod split;
pub mod time;
pub mod tree;
pub mod usage;
pub mod window;

pub use families::{Dropped, Families, SelectAllState};
pub use family::{Checkability, Family, FamilyError};
pub use money::Money;
pub use record::{FamilyRecord, Interner, NegativeRecord};
pub use selection::{Selection, Totals};
pub use tree::{Key, KeyAction, RowRef, TreeRows};
pub use window::{Geometry, Window};
