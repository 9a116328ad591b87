//! What the page holds when its data is hostile (issue 10): whether any script ran, any markup
//! came from the data, and whether the layout held.

use serde_json::Value;

use super::InvoicingPage;

/// The page's state as [`InvoicingPage::hostile_state`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostileState {
    /// `window.__pwned`, which every payload of the hostile fixture would set if it ran.
    pub pwned: Option<String>,
    /// `img`, `script`, `iframe`, `object`, `embed` elements inside the app.
    pub foreign_elements: u64,
    /// Elements inside the app with an inline event handler attribute (`on…`).
    pub inline_handlers: u64,
    /// Links inside the app whose `href` is a `javascript:` URL.
    pub script_links: u64,
    /// How far the document is wider than the window, in CSS pixels (≤ 0: no horizontal scroll).
    pub overflow_x: i64,
    /// The distinct heights of the grid's drawn rows.
    pub row_heights: Vec<i64>,
    /// The app's visible text.
    pub text: String,
    /// The text of every `<option>` in the app, one per line (`innerText` leaves them out in
    /// Firefox).
    pub options: String,
}

const STATE: &str = r#"
const app = document.querySelector('.inv-app');
const all = Array.from(app.querySelectorAll('*'));
return {
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  foreign: app.querySelectorAll('img, script, iframe, object, embed').length,
  handlers: all.filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))).length,
  links: all.filter(e => e.tagName === 'A' && /^\s*javascript:/i.test(e.getAttribute('href') || '')).length,
  overflowX: document.documentElement.scrollWidth - window.innerWidth,
  rowHeights: [...new Set(qa('[data-testid=family-grid] [role=row][data-doc-id]')
    .map(r => Math.round(r.getBoundingClientRect().height)))],
  text: app.innerText,
  options: Array.from(app.querySelectorAll('option')).map(o => o.textContent).join('\n'),
};
"#;

impl InvoicingPage {
    /// Reads [`HostileState`].
    pub async fn hostile_state(&self) -> HostileState {
        let v = self.script(STATE, vec![]).await;
        let n = |k: &str| v[k].as_i64().unwrap_or(-1);
        HostileState {
            pwned: v["pwned"].as_str().map(str::to_owned),
            foreign_elements: n("foreign") as u64,
            inline_handlers: n("handlers") as u64,
            script_links: n("links") as u64,
            overflow_x: n("overflowX"),
            row_heights: v["rowHeights"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default(),
            text: v["text"].as_str().unwrap_or("").to_owned(),
            options: v["options"].as_str().unwrap_or("").to_owned(),
        }
    }
}
