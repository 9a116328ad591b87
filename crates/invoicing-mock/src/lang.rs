//! The language of human-readable texts, chosen by `Accept-Language` (`zh-CN` by default, or `en`).

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::http::HeaderMap;

/// One of the two languages the contract supports (R28).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    ZhCn,
    En,
}

impl Lang {
    /// The language asked for: the supported tag with the highest `q`; `zh-CN` when none is supported.
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        let mut best: Option<(u32, Lang)> = None;
        for value in headers.get_all(ACCEPT_LANGUAGE) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(1000, parse_q);
                let primary = tag.split('-').next().unwrap_or("");
                let lang = match primary {
                    "en" => Lang::En,
                    "zh" => Lang::ZhCn,
                    _ => continue,
                };
                if q > 0 && best.is_none_or(|(bq, _)| q > bq) {
                    best = Some((q, lang));
                }
            }
        }
        best.map_or(Lang::ZhCn, |(_, l)| l)
    }

    /// The `Content-Language` tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the text in this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// The language a stored text is written in. The fixture does not say, so the mock reads it off
/// the text: `zh-CN` when it holds a Chinese character, else `en`.
pub fn written_in(text: &str) -> Lang {
    let han = |c: char| {
        matches!(c,
            '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2FA1F}')
    };
    if text.chars().any(han) {
        Lang::ZhCn
    } else {
        Lang::En
    }
}

/// `Content-Language` of an answer that may carry texts stored with a record: the language of
/// its texts. A stored text without a translation keeps the language it was written in, so this
/// may not be the language asked for; when the texts are in both languages, both are named, the
/// request's first. Without texts, the request's language.
pub fn content_language<'a>(
    request: Lang,
    texts: impl IntoIterator<Item = &'a str>,
) -> &'static str {
    let (mut zh, mut en) = (false, false);
    for text in texts {
        match written_in(text) {
            Lang::ZhCn => zh = true,
            Lang::En => en = true,
        }
    }
    match (zh, en, request) {
        (true, true, Lang::ZhCn) => "zh-CN, en",
        (true, true, Lang::En) => "en, zh-CN",
        (true, false, _) => Lang::ZhCn.tag(),
        (false, true, _) => Lang::En.tag(),
        (false, false, _) => request.tag(),
    }
}

/// A `q` value in thousandths (`0.8` → 800); malformed values count as 0.
fn parse_q(s: &str) -> u32 {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    let frac_val = format!("{frac:0<3}").parse::<u32>().unwrap_or(0);
    match int {
        "1" => 1000,
        "0" => frac_val,
        _ => 0,
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn lang(v: &str) -> Lang {
        let mut h = HeaderMap::new();
        h.insert(ACCEPT_LANGUAGE, HeaderValue::from_str(v).unwrap());
        Lang::from_headers(&h)
    }

    #[test]
    fn r28_accept_language_picks_the_best_supported_language() {
        assert_eq!(Lang::from_headers(&HeaderMap::new()), Lang::ZhCn);
        assert_eq!(lang("en"), Lang::En);
        assert_eq!(lang("en-US,en;q=0.9"), Lang::En);
        assert_eq!(lang("zh-CN"), Lang::ZhCn);
        assert_eq!(lang("fr, en;q=0.5"), Lang::En);
        assert_eq!(lang("en;q=0.4, zh;q=0.8"), Lang::ZhCn);
        assert_eq!(lang("fr"), Lang::ZhCn);
        assert_eq!(lang("en;q=0"), Lang::ZhCn);
    }

    #[test]
    fn r28_stored_texts_are_in_the_language_they_were_written_in() {
        assert_eq!(
            written_in("订单正在进行合规审核，审核通过后可开票。"),
            Lang::ZhCn
        );
        assert_eq!(written_in("Awaiting the reseller (代理商)."), Lang::ZhCn);
        assert_eq!(
            written_in("Awaiting the reseller's confirmation."),
            Lang::En
        );
        assert_eq!(content_language(Lang::En, []), "en");
        assert_eq!(content_language(Lang::En, ["审核中"]), "zh-CN");
        assert_eq!(content_language(Lang::ZhCn, ["Under review."]), "en");
        assert_eq!(
            content_language(Lang::En, ["审核中", "Under review."]),
            "en, zh-CN"
        );
        assert_eq!(
            content_language(Lang::ZhCn, ["Under review.", "审核中"]),
            "zh-CN, en"
        );
    }
}
