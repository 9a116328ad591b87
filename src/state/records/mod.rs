//! The invoicing records page's state (R24–R27): the list with its filters and paging
//! ([`RecordsStore`]), one invoice's details ([`DetailsStore`]) and the files being fetched
//! ([`FileStates`]). Each is `Copy` (arena handles), created by the records page.

mod details;
mod files;
mod filters;
mod list;

pub use details::{DetailsState, DetailsStore};
pub use files::{export_fallback_name, FileFailure, FileState, FileStates};
pub use filters::RecordFilters;
pub use list::{ListNotice, ListStatus, RecordsStore};
