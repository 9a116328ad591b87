//! Texts of the filters above the grid (R04).

crate::texts! {
    /// A fixed text of the filters.
    FilterText {
        FiltersLabel => "筛选", "Filters";
    }
}
