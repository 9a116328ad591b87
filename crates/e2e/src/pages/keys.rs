//! The keyboard alone (R29): keys go through WebDriver's key actions to whatever has the focus,
//! as a person's keyboard does; scripts only read which element has the focus.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::Value;

use super::InvoicingPage;
use crate::wait;

/// The element that has the focus, as a keyboard user would need to know it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focused {
    /// `data-testid` of the element, or of the closest element that has one.
    pub testid: Option<String>,
    /// The tag name, lower case.
    pub tag: String,
    /// `data-doc-id` of a focused grid row.
    pub doc_id: Option<String>,
    /// `type` of a focused input.
    pub input_type: Option<String>,
    /// Whether the element is a step's heading (`[data-testid=step-heading]`).
    pub heading: bool,
    /// The element's visible text, trimmed and cut short.
    pub text: String,
    /// Whether the focus shows: an outline (`:focus-visible`) or a ring (`box-shadow`).
    pub visible: bool,
}

const FOCUSED: &str = r#"
const el = document.activeElement;
if (!el || el === document.body) return null;
const owner = el.closest('[data-testid]');
return {
  testid: el.getAttribute('data-testid') || (owner ? owner.getAttribute('data-testid') : null),
  tag: el.localName,
  docId: el.getAttribute('data-doc-id'),
  inputType: el.localName === 'input' ? el.type : null,
  heading: el.getAttribute('data-testid') === 'step-heading',
  text: (el.innerText || el.value || '').trim().slice(0, 80),
  visible: (() => {
    const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  })(),
};
"#;

impl InvoicingPage {
    /// Presses and releases `key` where the focus is.
    pub async fn key(&self, key: Key) {
        self.keys(&[key.into()]).await;
    }

    /// Shift+Tab.
    pub async fn shift_tab(&self) {
        let shift: char = Key::Shift.into();
        let tab: char = Key::Tab.into();
        let actions = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift });
        self.perform(actions).await;
    }

    /// Types `text` where the focus is, one key after another (a char of [`Key`] for a named key).
    pub async fn keys(&self, text: &[char]) {
        let mut actions = KeyActions::new("keyboard".into());
        for &c in text {
            actions = actions
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.perform(actions).await;
    }

    /// Types `text` where the focus is.
    pub async fn type_text(&self, text: &str) {
        self.keys(&text.chars().collect::<Vec<_>>()).await;
    }

    async fn perform(&self, actions: KeyActions) {
        self.client
            .perform_actions(actions)
            .await
            .unwrap_or_else(|e| panic!("the keys were not pressed: {e}"));
        self.client
            .release_actions()
            .await
            .unwrap_or_else(|e| panic!("the keys were not released: {e}"));
    }

    /// What has the focus now; `None` for nothing (the page's body).
    pub async fn focused(&self) -> Option<Focused> {
        let v = self.script(FOCUSED, vec![]).await;
        if v.is_null() {
            return None;
        }
        let s = |k: &str| v[k].as_str().map(str::to_owned);
        Some(Focused {
            testid: s("testid"),
            tag: s("tag").unwrap_or_default(),
            doc_id: s("docId"),
            input_type: s("inputType"),
            heading: v["heading"] == Value::Bool(true),
            text: s("text").unwrap_or_default(),
            visible: v["visible"] == Value::Bool(true),
        })
    }

    /// Presses Tab (or Shift+Tab when `back`) until the focused element satisfies `wanted`,
    /// at most `max` times; panics with the path the focus took otherwise, and at any stop
    /// where the focus does not show (R29: visible focus).
    pub async fn tab_until(
        &self,
        what: &str,
        back: bool,
        max: usize,
        wanted: impl Fn(&Focused) -> bool,
    ) -> Focused {
        let mut path = Vec::new();
        for _ in 0..max {
            if back {
                self.shift_tab().await;
            } else {
                self.key(Key::Tab).await;
            }
            let now = self.focused().await.unwrap_or_default();
            assert!(
                now.tag.is_empty() || now.visible,
                "R29: the focus does not show on {now:?} (on the way to {what})"
            );
            if wanted(&now) {
                return now;
            }
            path.push(format!(
                "{}{}",
                now.tag,
                now.testid.map(|t| format!("[{t}]")).unwrap_or_default()
            ));
        }
        panic!(
            "R29: {max} presses of {} did not reach {what}; the focus went {}",
            if back { "Shift+Tab" } else { "Tab" },
            path.join(" → ")
        );
    }

    /// Waits until the focused element satisfies `wanted`.
    pub async fn wait_for_focused(&self, what: &str, wanted: impl Fn(&Focused) -> bool + Copy) {
        let page = self;
        wait::until(format!("the focus on {what}"), move || async move {
            match page.focused().await {
                Some(f) if wanted(&f) => Ok(()),
                other => Err(format!("the focus is on {other:?}")),
            }
        })
        .await;
    }

    /// Waits until the `at`-th visible control with this test id has the value `value`.
    pub async fn wait_for_nth_value(&self, testid: &str, at: usize, value: &str) {
        let page = self;
        wait::until(
            format!("[data-testid={testid}] #{at} with value {value:?}"),
            move || async move {
                match page.nth_value(testid, at).await {
                    Some(v) if v == value => Ok(()),
                    other => Err(format!("its value is {other:?}")),
                }
            },
        )
        .await;
    }

    /// What the `at`-th visible control with this test id is described by: the text of the
    /// elements its `aria-describedby` names, as a screen reader reads it with the field.
    pub async fn description_of(&self, testid: &str, at: usize) -> String {
        self.script(
            DESCRIPTION,
            vec![serde_json::json!(testid), serde_json::json!(at)],
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }
}

const DESCRIPTION: &str = r#"
const el = qa(`[data-testid="${arguments[0]}"]`)[arguments[1]];
if (!el) return null;
return (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean)
  .map(id => document.getElementById(id)).filter(Boolean)
  .map(e => e.innerText.trim()).join(' ');
"#;
