//! Texts of the notices about the connection and the session: offline, and a session that
//! expired with the way to sign in again and resume.

crate::texts! {
    /// A fixed text of the offline banner and the session-expired notice.
    FaultText {
        Offline => "网络已断开；已选和已填写的内容不会丢失，恢复连接后会自动重试。",
            "You are offline; nothing is lost. We retry when you are back.";
        SessionExpiredTitle => "登录已过期", "Your session expired";
        SessionExpiredBody => "请在新标签页中重新登录，然后点击“继续”。已选和已填写的内容都会保留。",
            "Sign in again in the new tab, then press Resume. Nothing you chose or typed is lost.";
        SignIn => "重新登录（在新标签页中打开）", "Sign in again (opens in a new tab)";
        Resume => "继续", "Resume";
    }
}
