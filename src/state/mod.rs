//! Reactive stores that wrap the domain: they hold what the page shows and turn user events
//! into domain operations. No money is computed here, only handed on from `invoicing`.

mod amount_store;
mod application_flow;
mod connectivity;
mod draft;
mod family_store;
pub mod file_save;
mod filter_form;
mod loading;
pub mod records;
mod session;
mod session_load;
mod session_watch;
mod summary;
pub mod timer;

pub use amount_store::{AmountStore, BalanceState, Parsed};
pub use application_flow::{
    ApplicationFlow, DetailsDraft, FlowStep, InvoiceEntry, PreviewState, PreviewView, Reference,
    SubmitState,
};
pub use connectivity::Connectivity;
pub use draft::{
    draft_key, AmountDraft, Draft, DraftKeeper, DraftStores, GridDraft, StepDraft, DRAFT_VERSION,
    SAVE_PAUSE,
};
pub use family_store::{FamilyStore, LoadStatus, Progress, SelectAllNotice};
pub use filter_form::{FilterForm, FilterProblems, FilterValues, Products, TYPING_PAUSE};
pub use session::Session;
pub use session_load::{check_account, read_start, SessionLoad, SessionStatus, ACCOUNT_MISMATCH};
pub use session_watch::SessionWatch;
pub use summary::{arrears_settlements, selection_readiness, IssuerFigures, SummaryFigures};
