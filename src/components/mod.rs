//! Thin components: they render store state and send events to the store; none computes money.

pub mod family_grid;
pub mod load_error;
pub mod selection_summary;

pub use family_grid::FamilyGrid;
pub use load_error::LoadError;
pub use selection_summary::SelectionSummary;
