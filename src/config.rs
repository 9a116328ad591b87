//! What a host gives the app: where its backend is, which language it speaks, how it gets the
//! CSRF token, under which path the host routes it and which account the host has signed in.
//! Nothing here is a constant of the code. The stand-alone page reads it from its own HTML
//! ([`Config::from_page`]); a host console passes a JavaScript object to `mount`
//! (`crate::embed::config_from_js`).

use std::fmt;

use send_wrapper::SendWrapper;

use crate::i18n::Locale;

/// Settings a host page gives the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the invoicing API, without a trailing slash (default `/api/v1`, same origin).
    pub api_base: String,
    /// The language of every text (R28).
    pub locale: Locale,
    /// Where an account without real-name verification goes to verify (R01): the user center's
    /// verification page, by default [`DEFAULT_REAL_NAME_URL`] under [`Config::base_path`].
    pub real_name_url: String,
    /// Where a user whose session has expired signs in again (opened in a new tab, so the page
    /// and its draft stay; then "Resume"): by default [`DEFAULT_SIGN_IN_URL`].
    pub sign_in_url: String,
    /// The path the host routes the app under (`""` at the root, else `/console/invoices`
    /// without a trailing slash): every URL of the app's own that the app builds starts with it.
    pub base_path: String,
    /// Where the `X-CSRF-Token` of every `POST` comes from.
    pub csrf: CsrfSource,
    /// The account the host console has signed in, if it says: the app refuses to start when
    /// the session's profile is another account (so no draft of one account shows for another).
    pub account_id: Option<String>,
    /// Separates the drafts of two instances for the same account on one origin: the draft is
    /// kept under `invoicing-draft:<draftKey>:<accountId>` instead of `invoicing-draft:<accountId>`.
    pub draft_key: Option<String>,
    /// Whether the header shows the language switcher (the stand-alone page; a host switches
    /// with `handle.setLocale`).
    pub locale_switch: bool,
}

/// The user center's real-name verification page, when the host page does not name another.
pub const DEFAULT_REAL_NAME_URL: &str = "/account/real-name";

/// The user center's sign-in page, when the host page does not name another.
pub const DEFAULT_SIGN_IN_URL: &str = "/login";

/// Where the CSRF token of a `POST` comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CsrfSource {
    /// The `csrfToken` of `GET /profile` (the default).
    #[default]
    Profile,
    /// A token the host gave.
    Token(String),
    /// A host function, called each time a `POST` needs the token; it returns the token or a
    /// `Promise` of it. When it throws, rejects or gives no string, the profile's token is sent.
    Provider(JsFunction),
}

/// A JavaScript function kept in the app's (single-threaded) state.
#[derive(Clone)]
pub struct JsFunction(pub SendWrapper<js_sys::Function>);

impl JsFunction {
    pub fn new(function: js_sys::Function) -> JsFunction {
        JsFunction(SendWrapper::new(function))
    }
}

impl PartialEq for JsFunction {
    fn eq(&self, other: &Self) -> bool {
        *self.0 == *other.0
    }
}

impl Eq for JsFunction {}

impl fmt::Debug for JsFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JsFunction")
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: "/api/v1".to_owned(),
            locale: Locale::ZhCn,
            real_name_url: DEFAULT_REAL_NAME_URL.to_owned(),
            sign_in_url: DEFAULT_SIGN_IN_URL.to_owned(),
            base_path: String::new(),
            csrf: CsrfSource::Profile,
            account_id: None,
            draft_key: None,
            locale_switch: false,
        }
    }
}

impl Config {
    /// Reads `<meta name="invoicing-api-base" content="…">`, `<meta
    /// name="invoicing-real-name-url" content="…">`, `<meta name="invoicing-sign-in-url"
    /// content="…">`, `<meta name="invoicing-base-path" content="…">` and the language from `?lang=`, else `<html lang>`, else Simplified
    /// Chinese. The stand-alone page shows the language switcher.
    pub fn from_page() -> Config {
        let mut config = Config {
            locale_switch: true,
            ..Config::default()
        };
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return config;
        };
        if let Some(base) = meta_content(&document, "invoicing-api-base") {
            config.api_base = base.trim_end_matches('/').to_owned();
        }
        if let Some(path) = meta_content(&document, "invoicing-base-path") {
            config.base_path = normalize_base_path(&path);
        }
        config.real_name_url = meta_content(&document, "invoicing-real-name-url")
            .unwrap_or_else(|| config.app_url(DEFAULT_REAL_NAME_URL));
        if let Some(url) = meta_content(&document, "invoicing-sign-in-url") {
            config.sign_in_url = url;
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

    /// `path` (starting with `/`) under the host's [`Config::base_path`].
    pub fn app_url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }

    /// The slot of `account_id`'s draft: the account, prefixed by the instance's `draftKey`.
    pub fn draft_slot(&self, account_id: &str) -> String {
        match &self.draft_key {
            Some(key) => format!("{key}:{account_id}"),
            None => account_id.to_owned(),
        }
    }
}

/// `/console/invoices/` and `console/invoices` become `/console/invoices`; `/` and `` become ``.
pub fn normalize_base_path(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_lose_their_trailing_slash_and_gain_a_leading_one() {
        assert_eq!(
            normalize_base_path("/console/invoices/"),
            "/console/invoices"
        );
        assert_eq!(normalize_base_path("console"), "/console");
        assert_eq!(normalize_base_path("/"), "");
        assert_eq!(normalize_base_path(""), "");
    }

    #[test]
    fn drafts_of_named_instances_have_their_own_slot() {
        let mut config = Config::default();
        assert_eq!(config.draft_slot("42"), "42");
        config.draft_key = Some("second".into());
        assert_eq!(config.draft_slot("42"), "second:42");
        config.base_path = "/console".into();
        assert_eq!(
            config.app_url("/account/real-name"),
            "/console/account/real-name"
        );
    }
}
