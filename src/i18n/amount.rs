//! Texts of the "by amount" tab (R11).

crate::texts! {
    /// A fixed text of the "by amount" tab.
    AmountText {
        TabByAmount => "按金额开票", "By amount";
    }
}
