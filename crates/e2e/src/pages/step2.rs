//! Step 2 of the invoicing page: the basis tabs, the filters, arrears and the amount to invoice
//! in the summary, the "by amount" field, "Next" with its reason and the real-name notice.

use std::time::Duration;

use fantoccini::key::Key;
use serde_json::{json, Value};

use super::InvoicingPage;
use crate::wait;

/// The three bases as their tabs' test ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BasisTab {
    Order,
    Bill,
    Amount,
}

impl BasisTab {
    pub fn testid(self) -> &'static str {
        match self {
            BasisTab::Order => "basis-order",
            BasisTab::Bill => "basis-bill",
            BasisTab::Amount => "basis-amount",
        }
    }
}

/// The text of the first visible element with this test id, if any.
const TEXT: &str = r#"
const el = q(`[data-testid="${arguments[0]}"]`);
return el ? el.innerText.trim() : null;
"#;

/// Every visible element with this test id: its text.
const TEXTS: &str = r#"
return qa(`[data-testid="${arguments[0]}"]`).map(e => e.innerText.trim());
"#;

/// One entity's summary line: its text and its figures by test id.
const ENTITY: &str = r#"
const line = q(`[data-testid=summary-entity][data-issuer-id="${arguments[0]}"]`);
if (!line) return null;
const get = id => { const e = line.querySelector(`[data-testid=${id}]`); return e ? e.innerText.trim() : null; };
return { text: line.innerText, arrears: get('summary-arrears'), toInvoice: get('summary-to-invoice') };
"#;

const TAB: &str = r#"
const tab = document.querySelector(`[data-testid="${arguments[0]}"]`);
return tab ? tab.getAttribute('aria-selected') : null;
"#;

const CONTROL: &str = r#"
const el = q(`[data-testid="${arguments[0]}"]`);
if (!el) return null;
return { value: el.value === undefined ? null : el.value, disabled: !!el.disabled,
         ariaDisabled: el.getAttribute('aria-disabled'), invalid: el.getAttribute('aria-invalid') };
"#;

/// A form control as it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    pub value: Option<String>,
    /// `disabled`, or `aria-disabled="true"`.
    pub disabled: bool,
    pub invalid: bool,
}

/// One entity's line in the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityLine {
    pub text: String,
    pub arrears: Option<String>,
    pub to_invoice: Option<String>,
}

impl InvoicingPage {
    /// Clicks a basis tab and waits until it is the selected one.
    pub async fn choose_basis(&self, tab: BasisTab) {
        self.click(&format!("[data-testid={}]", tab.testid())).await;
        let page = self;
        wait::until(
            format!("tab {} selected", tab.testid()),
            move || async move {
                match page.script(TAB, vec![json!(tab.testid())]).await.as_str() {
                    Some("true") => Ok(()),
                    other => Err(format!("aria-selected is {other:?}")),
                }
            },
        )
        .await;
    }

    /// Whether this tab is the selected one.
    pub async fn is_basis_selected(&self, tab: BasisTab) -> bool {
        self.script(TAB, vec![json!(tab.testid())]).await.as_str() == Some("true")
    }

    /// The text of the first visible element with this test id.
    pub async fn text_by_testid(&self, testid: &str) -> Option<String> {
        self.script(TEXT, vec![json!(testid)])
            .await
            .as_str()
            .map(str::to_string)
    }

    /// The texts of every visible element with this test id.
    pub async fn texts_by_testid(&self, testid: &str) -> Vec<String> {
        let v = self.script(TEXTS, vec![json!(testid)]).await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits until the visible element with this test id shows a text containing `part`.
    pub async fn wait_for_text(&self, testid: &str, part: &str) -> String {
        let page = self;
        wait::until(
            format!("[data-testid={testid}] to contain {part:?}"),
            move || async move {
                match page.text_by_testid(testid).await {
                    Some(t) if t.contains(part) => Ok(t),
                    other => Err(format!("it shows {other:?}")),
                }
            },
        )
        .await
    }

    /// Waits until no visible element has this test id.
    pub async fn wait_for_absence(&self, testid: &str) {
        let page = self;
        wait::until(
            format!("[data-testid={testid}] to go"),
            move || async move {
                match page.text_by_testid(testid).await {
                    None => Ok(()),
                    Some(t) => Err(format!("it still shows {t:?}")),
                }
            },
        )
        .await;
    }

    /// A form control with this test id.
    pub async fn control(&self, testid: &str) -> Option<Control> {
        let v = self.script(CONTROL, vec![json!(testid)]).await;
        if v.is_null() {
            return None;
        }
        Some(Control {
            value: v["value"].as_str().map(str::to_string),
            disabled: v["disabled"].as_bool().unwrap_or(false)
                || v["ariaDisabled"].as_str() == Some("true"),
            invalid: v["invalid"].as_str() == Some("true"),
        })
    }

    /// Opens (or closes) the disclosure of a filter, `<details data-testid=…>`, by its summary.
    pub async fn toggle_disclosure(&self, testid: &str) {
        self.click(&format!("[data-testid={testid}] > summary"))
            .await;
    }

    /// Chooses the option with this `value` of the `<select>` with this test id.
    pub async fn select_option(&self, testid: &str, value: &str) {
        let select = self.find(&format!("[data-testid={testid}]")).await;
        select
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choosing {value:?} in {testid} failed: {e}"));
    }

    /// Replaces the text of the input with this test id by `text`, as typed, then presses
    /// Enter when `enter`.
    pub async fn type_into(&self, testid: &str, text: &str, enter: bool) {
        let input = self.find(&format!("[data-testid={testid}]")).await;
        input
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {testid} failed: {e}"));
        let mut keys = text.to_string();
        if enter {
            keys.push(char::from(Key::Enter));
        }
        input
            .send_keys(&keys)
            .await
            .unwrap_or_else(|e| panic!("typing into {testid} failed: {e}"));
    }

    /// One entity's summary line, if shown.
    pub async fn entity_line(&self, issuer_id: &str) -> Option<EntityLine> {
        let v = self.script(ENTITY, vec![json!(issuer_id)]).await;
        if v.is_null() {
            return None;
        }
        Some(EntityLine {
            text: v["text"].as_str().unwrap_or_default().to_string(),
            arrears: v["arrears"].as_str().map(str::to_string),
            to_invoice: v["toInvoice"].as_str().map(str::to_string),
        })
    }

    /// Whether "Next" can be pressed now.
    pub async fn next_enabled(&self) -> bool {
        self.control("next").await.is_some_and(|c| !c.disabled)
    }

    /// Waits until "Next" is enabled or disabled, and returns the reason shown beside it.
    pub async fn wait_for_next(&self, enabled: bool) -> Option<String> {
        let page = self;
        wait::until_within(
            Duration::from_secs(10),
            format!(
                "Next to be {}",
                if enabled { "enabled" } else { "disabled" }
            ),
            move || async move {
                let now = page.next_enabled().await;
                if now == enabled {
                    Ok(())
                } else {
                    Err(format!(
                        "it is {}, beside it: {:?}",
                        if now { "enabled" } else { "disabled" },
                        page.text_by_testid("next-reason").await
                    ))
                }
            },
        )
        .await;
        self.text_by_testid("next-reason")
            .await
            .filter(|t| !t.is_empty())
    }
}
