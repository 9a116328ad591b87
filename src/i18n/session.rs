//! Texts of the page's frame: the profile and real-name gate (R01), the basis tabs (R03) and
//! "Next" with its reasons (R14).

crate::texts! {
    /// A fixed text of the page's frame.
    SessionText {
        TabByBill => "按月账单开票", "By monthly bill";
    }
}
