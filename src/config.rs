//! Where the app finds its backend and which language it speaks, read from the host page.

use crate::i18n::Locale;

/// Settings a host page gives the app; nothing here is a constant of the code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the invoicing API, without a trailing slash (default `/api/v1`, same origin).
    pub api_base: String,
    /// The language of every text (R28).
    pub locale: Locale,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: "/api/v1".to_owned(),
            locale: Locale::ZhCn,
        }
    }
}

impl Config {
    /// Reads `<meta name="invoicing-api-base" content="…">` and the language from `?lang=`,
    /// else `<html lang>`, else Simplified Chinese.
    pub fn from_page() -> Config {
        let mut config = Config::default();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return config;
        };
        if let Ok(Some(meta)) = document.query_selector("meta[name=invoicing-api-base]") {
            if let Some(base) = meta
                .get_attribute("content")
                .filter(|b| !b.trim().is_empty())
            {
                config.api_base = base.trim().trim_end_matches('/').to_owned();
            }
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
