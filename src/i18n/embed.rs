//! Texts of the embedding frame: the language switcher of the stand-alone header and the start
//! refused because the host's account is not the signed-in one.

crate::texts! {
    /// A fixed text of the frame around the pages.
    EmbedText {
        LanguageLabel => "语言", "Language";
        LanguageZh => "中文", "中文";
        LanguageEn => "English", "English";
        AccountMismatch => "当前登录的账号与控制台的账号不一致，请刷新页面或重新登录。",
            "The signed-in account is not the console's current account. Reload the page or sign in again.";
    }
}
