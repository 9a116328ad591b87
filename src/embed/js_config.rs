//! The configuration object a host passes to `mount`, read field by field with
//! `js_sys::Reflect`. A field left out (or `null`) keeps its default; a field of the wrong type is
//! an error thrown by `mount`, so a host's mistake shows at once.
//!
//! | field | type | default |
//! |---|---|---|
//! | `apiBase` | string | `"/api/v1"` (a trailing `/` is dropped) |
//! | `locale` | `"zh-CN"` \| `"en"` (any `zh-*`, `en-*`) | `"zh-CN"` |
//! | `csrfToken` | string, or a function returning a string or a `Promise` of one | the profile's `csrfToken` |
//! | `basePath` | string, the host's route prefix | `""` |
//! | `account` | `{ accountId: string }` | none: any signed-in account |
//! | `realNameUrl` | string | `basePath + "/account/real-name"` |
//! | `signInUrl` | string: where a user whose session expired signs in (opened in a new tab) | `"/login"` |
//! | `draftKey` | string | none: the draft is keyed by account only |
//! | `localeSwitch` | boolean: show the header's language switcher | `false` |

use wasm_bindgen::{JsCast, JsValue};

use crate::config::{normalize_base_path, Config, CsrfSource, JsFunction, DEFAULT_REAL_NAME_URL};
use crate::i18n::Locale;

/// The [`Config`] of the host's object `value` (`undefined` or `null`: every default).
pub fn config_from_js(value: &JsValue) -> Result<Config, JsValue> {
    let mut config = Config::default();
    let mut real_name_url = None;
    if !(value.is_undefined() || value.is_null()) {
        if !value.is_object() {
            return Err(type_error(
                "the config of mount(element, config) must be an object",
            ));
        }
        if let Some(base) = string(value, "apiBase")? {
            config.api_base = base.trim().trim_end_matches('/').to_owned();
        }
        if let Some(tag) = string(value, "locale")? {
            config.locale = Locale::parse(&tag).ok_or_else(|| {
                type_error(&format!("config.locale {tag:?} is neither zh-CN nor en"))
            })?;
        }
        if let Some(path) = string(value, "basePath")? {
            config.base_path = normalize_base_path(&path);
        }
        real_name_url = string(value, "realNameUrl")?.filter(|u| !u.trim().is_empty());
        if let Some(url) = string(value, "signInUrl")?.filter(|u| !u.trim().is_empty()) {
            config.sign_in_url = url.trim().to_owned();
        }
        config.csrf = csrf(value)?;
        config.account_id = account_id(value)?;
        config.draft_key = string(value, "draftKey")?.filter(|k| !k.trim().is_empty());
        if let Some(show) = field(value, "localeSwitch")? {
            config.locale_switch = show
                .as_bool()
                .ok_or_else(|| type_error("config.localeSwitch must be a boolean"))?;
        }
    }
    config.real_name_url = real_name_url.unwrap_or_else(|| config.app_url(DEFAULT_REAL_NAME_URL));
    Ok(config)
}

/// `csrfToken`: a string or a function.
fn csrf(value: &JsValue) -> Result<CsrfSource, JsValue> {
    let Some(token) = field(value, "csrfToken")? else {
        return Ok(CsrfSource::Profile);
    };
    if let Some(text) = token.as_string() {
        return Ok(CsrfSource::Token(text));
    }
    match token.dyn_into::<js_sys::Function>() {
        Ok(function) => Ok(CsrfSource::Provider(JsFunction::new(function))),
        Err(_) => Err(type_error(
            "config.csrfToken must be a string or a function returning one (or a Promise of one)",
        )),
    }
}

/// `account.accountId`.
fn account_id(value: &JsValue) -> Result<Option<String>, JsValue> {
    let Some(account) = field(value, "account")? else {
        return Ok(None);
    };
    if !account.is_object() {
        return Err(type_error("config.account must be an object { accountId }"));
    }
    let id = string(&account, "accountId")?
        .ok_or_else(|| type_error("config.account.accountId must be a string"))?;
    Ok(Some(id))
}

/// The field `name`, `None` when it is `undefined` or `null`.
fn field(value: &JsValue, name: &str) -> Result<Option<JsValue>, JsValue> {
    let v = js_sys::Reflect::get(value, &JsValue::from_str(name))?;
    Ok((!(v.is_undefined() || v.is_null())).then_some(v))
}

/// The string field `name`; another type is an error.
fn string(value: &JsValue, name: &str) -> Result<Option<String>, JsValue> {
    match field(value, name)? {
        None => Ok(None),
        Some(v) => v
            .as_string()
            .map(Some)
            .ok_or_else(|| type_error(&format!("config.{name} must be a string"))),
    }
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}
