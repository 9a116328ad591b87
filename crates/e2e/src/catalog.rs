//! The catalog check (R28): every text the page shows comes from a message catalog.
//!
//! The page's visible text nodes (and the options of visible selects), and the `placeholder`,
//! `aria-label`, `title` and `alt` of visible elements, are read as they are. The fixture's own
//! strings (names, titles, addresses, reasons: the data, in whatever language it was written)
//! are taken out of each text, longest first; what is left must be the page's language:
//! - in `en`, no CJK character (ideographs, CJK punctuation, full-width forms) is left;
//! - in `zh-CN`, no Latin word of three letters or more is left, except codes and identifiers
//!   (a token with a digit, `@` or `_`: ids, e-mails, numbers) and the tokens of [`ALLOWED_LATIN`].
//!
//! A text inside an element marked with another language (`lang="zh-CN"` on the language
//! switcher's "中文") is checked against that language.
//!
//! In both languages, amounts are written `¥1,234.50` (`-¥1,460.00`) and dates `2026-11-26`:
//! any other way of writing them (`1234.50元`, `CNY 12`, `2026年11月26日`, `11/26/2026`) fails.

use std::collections::BTreeSet;
use std::path::Path;

use fantoccini::Client;
use serde_json::{json, Value};

/// Latin words a Chinese page may show that are not data: names of file formats, the currency's
/// code, and the date format's mask (`YYYY-MM-DD`: dates are written the same in both languages).
pub const ALLOWED_LATIN: [&str; 5] = ["CSV", "PDF", "ID", "CNY", "YYYY"];

/// CJK texts an English page may show that are not data (none so far).
pub const ALLOWED_CJK: [&str; 0] = [];

const READ: &str = r#"
const [lang, data, allowedLatin, allowedCjk] = arguments;
const shown = el => {
  if (!el || el.closest('[hidden]')) return false;
  const s = getComputedStyle(el);
  if (s.visibility === 'hidden') return false;
  return el.getClientRects().length > 0;
};
// A part marked in another language (`lang`, WCAG 3.1.2), such as the language switcher's
// "中文", is checked against that language.
const langOf = el => {
  const marked = el.closest('[lang]');
  const l = marked ? marked.getAttribute('lang') : lang;
  return l.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
};
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const t = n.nodeValue.trim();
  if (!t) continue;
  const el = n.parentElement;
  if (!el || el.closest('script,style,noscript,template')) continue;
  const opt = el.closest('option,optgroup');
  if (opt ? shown(opt.closest('select')) : shown(el)) texts.push([t, '', langOf(el)]);
}
for (const el of document.body.querySelectorAll('[placeholder],[aria-label],[title],[alt]')) {
  if (!shown(el)) continue;
  for (const a of ['placeholder', 'aria-label', 'title', 'alt']) {
    const v = (el.getAttribute(a) || '').trim();
    if (v) texts.push([v, `${a} of <${el.localName}> `, langOf(el)]);
  }
}
const cjk = /[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const problems = [];
const amounts = [];
const dates = [];
for (const [text, where, textLang] of texts) {
  let rest = text;
  for (const d of data) if (rest.includes(d)) rest = rest.split(d).join(' ');
  if (textLang === 'en') {
    let r = rest;
    for (const a of allowedCjk) r = r.split(a).join(' ');
    if (cjk.test(r)) problems.push(`not English: ${where}${JSON.stringify(text)}`);
  } else {
    for (const token of rest.split(/[^A-Za-z0-9_@.\-+]+/)) {
      if (/[0-9@_]/.test(token)) continue;
      for (const word of token.split(/[^A-Za-z]+/)) {
        if (word.length >= 3 && !allowedLatin.includes(word)) {
          problems.push(`not Chinese (${word}): ${where}${JSON.stringify(text)}`);
        }
      }
    }
  }
  for (const m of rest.matchAll(/-?¥\s*[\d,]+(?:\.\d+)?/g)) {
    amounts.push(m[0]);
    if (!/^-?¥\d{1,3}(,\d{3})*\.\d{2}$/.test(m[0])) problems.push(`an amount written ${JSON.stringify(m[0])}: ${where}${JSON.stringify(text)}`);
  }
  for (const m of rest.matchAll(/\d[\d,]*(?:\.\d+)?\s*元|(?:CNY|RMB)\s*-?\d/g)) {
    problems.push(`an amount written ${JSON.stringify(m[0])}: ${where}${JSON.stringify(text)}`);
  }
  for (const m of rest.matchAll(/(?<![\w-])\d{4}-\d{1,2}-\d{1,2}(?![\w])/g)) {
    dates.push(m[0]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(m[0])) problems.push(`a date written ${JSON.stringify(m[0])}: ${where}${JSON.stringify(text)}`);
  }
  for (const m of rest.matchAll(/\d{4}\s*年|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}/g)) {
    problems.push(`a date written ${JSON.stringify(m[0])}: ${where}${JSON.stringify(text)}`);
  }
}
return { problems, amounts, dates, count: texts.length };
"#;

/// The fixture's strings that are data shown as they are: every string value of the JSON file
/// with a letter in it (numbers, amounts and dates are left to the page's own formats), except
/// the contract's lower-case words (`order`, `pending`, `enterprise`), which the page
/// must translate; longest first, so that a name is taken out before a part of it.
pub fn fixture_texts(path: &Path) -> Vec<String> {
    let raw = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read the fixture {}: {e}", path.display()));
    let value: Value = serde_json::from_str(&raw)
        .unwrap_or_else(|e| panic!("the fixture {} is not JSON: {e}", path.display()));
    let mut found = BTreeSet::new();
    collect(&value, &mut found);
    let mut texts: Vec<String> = found
        .into_iter()
        .filter(|s| {
            s.chars().count() >= 2
                && s.chars().any(char::is_alphabetic)
                && !s
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '-')
        })
        .collect();
    texts.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    texts
}

fn collect(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            into.insert(s.trim().to_owned());
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, into)),
        Value::Object(map) => map.values().for_each(|v| collect(v, into)),
        _ => {}
    }
}

/// What one look at the page found: the amounts and dates it shows, in page order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub amounts: Vec<String>,
    pub dates: Vec<String>,
}

/// Reads every visible text of the page in `lang` (`en`, `zh-CN`) and panics, naming `state`,
/// on any text that is not from a catalog, and on amounts or dates written otherwise than
/// `¥1,234.50` and `2026-11-26`. `data` is [`fixture_texts`] of the mock's fixture.
pub async fn assert_catalog_texts(
    client: &Client,
    lang: &str,
    state: &str,
    data: &[String],
) -> Shown {
    let v = client
        .execute(
            READ,
            vec![
                json!(lang),
                json!(data),
                json!(ALLOWED_LATIN),
                json!(ALLOWED_CJK),
            ],
        )
        .await
        .unwrap_or_else(|e| panic!("reading the texts of {state} failed: {e}"));
    let strings = |k: &str| -> Vec<String> {
        v[k].as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    assert!(
        v["count"].as_u64().unwrap_or(0) > 0,
        "R28: {state} shows no text at all"
    );
    let problems = strings("problems");
    assert!(
        problems.is_empty(),
        "R28: {state} shows {} text(s) not from the {lang} catalog:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    Shown {
        amounts: strings("amounts"),
        dates: strings("dates"),
    }
}
