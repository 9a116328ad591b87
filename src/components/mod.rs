//! Thin components: they render store state and send events to the store; none computes money.

pub mod amount_entry;
pub mod application_progress;
pub mod application_refusal;
pub mod application_result;
pub mod basis_tabs;
pub mod family_grid;
pub mod filter_bar;
pub mod load_error;
pub mod load_progress;
pub mod next_step;
pub mod real_name_notice;
pub mod selection_notice;
pub mod selection_summary;
pub mod step3_preview;
pub mod step4_details;
pub mod step_heading;

pub use amount_entry::AmountEntry;
pub use application_progress::ApplicationProgress;
pub use application_refusal::ApplicationRefusal;
pub use application_result::ApplicationResult;
pub use basis_tabs::{BasisTab, BasisTabs};
pub use family_grid::FamilyGrid;
pub use filter_bar::FilterBar;
pub use load_error::LoadError;
pub use load_progress::LoadProgress;
pub use next_step::NextStep;
pub use real_name_notice::RealNameNotice;
pub use selection_notice::SelectionNotice;
pub use selection_summary::SelectionSummary;
pub use step3_preview::Step3Preview;
pub use step4_details::Step4Details;
pub use step_heading::StepHeading;
