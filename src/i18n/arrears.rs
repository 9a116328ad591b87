//! Texts of arrears and the amount to invoice in the summary (R12, R13).

crate::texts! {
    /// A fixed text about arrears.
    ArrearsText {
        SummaryArrears => "欠费", "Arrears";
    }
}
