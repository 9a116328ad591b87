//! Where the app finds its backend and which language it speaks, read from the host page.

use crate::i18n::Locale;

/// Settings a host page gives the app; nothing here is a constant of the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the invoicing API, without a trailing slash (default `/api/v1`, same origin).
    pub api_base: String,
    /// The language of every text (R28).
    pub locale: Locale,
    /// Where an account without real-name verification goes to verify (R01): the user center's
    /// verification page, by default [`DEFAULT_REAL_NAME_URL`] on the same origin.
    pub real_name_url: String,
}

/// The user center's real-name verification page, when the host page does not name another.
pub const DEFAULT_REAL_NAME_URL: &str = "/account/real-name";

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: "/api/v1".to_owned(),
            locale: Locale::ZhCn,
            real_name_url: DEFAULT_REAL_NAME_URL.to_owned(),
        }
    }
}

impl Config {
    /// Reads `<meta name="invoicing-api-base" content="…">`, `<meta
    /// name="invoicing-real-name-url" content="…">` and the language from `?lang=`, else
    /// `<html lang>`, else Simplified Chinese.
    pub fn from_page() -> Config {
        let mut config = Config::default();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return config;
        };
        if let Some(base) = meta_content(&document, "invoicing-api-base") {
            config.api_base = base.trim_end_matches('/').to_owned();
        }
        if let Some(url) = meta_content(&document, "invoicing-real-name-url") {
            config.real_name_url = url;
        }
        let from_query = document
            .location()
            .and_then(|l| l.search().ok())
            .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
            .and_then(|p| p.get("lang"));
        let from_html = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"));
        if let Some(locale) = from_query.or(from_html).as_deref().and_then(Locale::parse) {
            config.locale = locale;
        }
        config
    }
}

/// The trimmed, non-empty `content` of `<meta name="{name}">`.
fn meta_content(document: &web_sys::Document, name: &str) -> Option<String> {
    let meta = document
        .query_selector(&format!("meta[name={name}]"))
        .ok()??;
    let content = meta.get_attribute("content")?;
    let content = content.trim();
    (!content.is_empty()).then(|| content.to_owned())
}
