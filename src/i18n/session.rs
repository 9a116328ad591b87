//! Texts of the page's frame: reading the profile, the real-name gate (R01) and the basis tabs
//! (R03). "Next" and its reasons (R14) are in `arrears.rs`.

crate::texts! {
    /// A fixed text of the page's frame.
    SessionText {
        SessionLoading => "正在读取账号信息…", "Loading your account…";
        SessionLoadFailed => "无法读取账号信息", "Your account could not be loaded";
        BasesLabel => "开票方式", "How to invoice";
        TabByBill => "按月账单开票", "By monthly bill";
        TabByAmount => "按金额开票", "By amount";
        RealNameTitle => "完成实名认证后才能申请发票", "Real-name verification is required to apply for invoices";
        RealNameWhy => "未完成实名认证的账号不能申请开具发票。您可以查看消费记录，但在完成认证之前不能选择记录或提交申请。",
            "Invoices are issued only to accounts that have completed real-name verification. You can look at your consumption records, but you cannot select them or apply until your account is verified.";
        RealNameLink => "前往实名认证", "Go to real-name verification";
    }
}
