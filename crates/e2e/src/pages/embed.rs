//! The embedding example `/public/embed.html` (issue 9): a console page that mounts two
//! instances of the app (`#app-a` in Chinese, `#app-b` in English with `draftKey: "second"`)
//! with the exported `mount`, logs their events in `[data-testid=event-log]`, and exposes
//! `window.invoiceHost` (`handles`, `mount(name)`, `unmount(name)`). Every query here is scoped
//! to one instance's element, since both instances have the same test ids.

use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::{wait, Browser};

/// The example page.
pub struct EmbedPage {
    pub client: Client,
}

/// One instance: `a` (`#app-a`) or `b` (`#app-b`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instance {
    A,
    B,
}

impl Instance {
    pub fn root_id(self) -> &'static str {
        match self {
            Instance::A => "app-a",
            Instance::B => "app-b",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Instance::A => "a",
            Instance::B => "b",
        }
    }
}

/// One line of the host's event log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedEvent {
    pub instance: String,
    pub event: String,
    pub detail: Value,
}

/// Sizes and styles of one app's grid and controls, to compare a host page with the
/// stand-alone one: the host's global CSS must not reach inside `.inv-app`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub row_height: f64,
    pub checkbox_cell_width: f64,
    pub checkbox_width: f64,
    pub search_padding: String,
    pub search_height: f64,
    pub search_border: String,
    pub button_transform: String,
    pub button_padding: String,
    pub button_letter_spacing: String,
}

/// `q`/`qa` inside the element with id `arguments[0]`, skipping what a `hidden` ancestor hides.
const SCOPED: &str = r#"
const root = document.getElementById(arguments[0]);
const shownNow = e => !e.closest('[hidden]');
const qa = s => root ? Array.from(root.querySelectorAll(s)).filter(shownNow) : [];
const q = s => qa(s)[0] || null;
"#;

const ROW_CHECKED: &str = r#"
const row = q(`[role=row][data-doc-id="${arguments[1]}"]`);
if (!row) return null;
const box = row.querySelector('input[type=checkbox]');
return box ? box.checked : null;
"#;

const SET_VALUE: &str = r#"
const el = qa(`[data-testid="${arguments[1]}"]`)[arguments[2]];
if (!el) return false;
el.focus();
const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
setter.call(el, arguments[3]);
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));
return true;
"#;

const COUNT: &str = r#"
return qa(arguments[1]).length;
"#;

const TEXT: &str = r#"
const el = q(arguments[1]);
return el ? el.innerText.trim() : null;
"#;

const LAYOUT: &str = r#"
const row = q('[role=row][data-doc-id]');
const search = q('[data-testid=filter-q]');
const button = q('[data-testid=next]');
if (!row || !search || !button) return null;
const cell = row.querySelector('input[type=checkbox]').closest('[role=gridcell]');
const box = row.querySelector('input[type=checkbox]');
const s = getComputedStyle(search);
const b = getComputedStyle(button);
return {
  rowHeight: row.getBoundingClientRect().height,
  checkboxCellWidth: cell.getBoundingClientRect().width,
  checkboxWidth: box.getBoundingClientRect().width,
  searchPadding: s.padding,
  searchHeight: search.getBoundingClientRect().height,
  searchBorder: s.borderTopStyle + ' ' + s.borderTopWidth,
  buttonTransform: b.textTransform,
  buttonPadding: b.padding,
  buttonLetterSpacing: b.letterSpacing,
};
"#;

const TABLE: &str = r#"
const table = q(arguments[1]);
if (!table) return null;
const t = getComputedStyle(table);
const cell = getComputedStyle(table.querySelector('td'));
return {
  widthShare: table.getBoundingClientRect().width / table.parentElement.getBoundingClientRect().width,
  border: t.borderTopWidth,
  cellAlign: cell.verticalAlign,
};
"#;

const LOG: &str = r#"
return Array.from(document.querySelectorAll('[data-testid=event-log-item]')).map(li => ({
  instance: li.dataset.instance, event: li.dataset.event, detail: JSON.parse(li.dataset.detail),
}));
"#;

const DRAFT_KEYS: &str = r#"
return Object.keys(localStorage).filter(k => k.startsWith('invoicing-draft:')).sort();
"#;

impl Layout {
    fn from_value(v: &Value) -> Option<Layout> {
        let n = |k: &str| v[k].as_f64();
        let t = |k: &str| v[k].as_str().map(str::to_owned);
        Some(Layout {
            row_height: n("rowHeight")?,
            checkbox_cell_width: n("checkboxCellWidth")?,
            checkbox_width: n("checkboxWidth")?,
            search_padding: t("searchPadding")?,
            search_height: n("searchHeight")?,
            search_border: t("searchBorder")?,
            button_transform: t("buttonTransform")?,
            button_padding: t("buttonPadding")?,
            button_letter_spacing: t("buttonLetterSpacing")?,
        })
    }
}

impl EmbedPage {
    /// Opens `/public/embed.html` and waits until both instances show their grid.
    pub async fn open(browser: &Browser) -> EmbedPage {
        let url = format!("{}/public/embed.html", browser.base_url);
        browser
            .client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        let page = EmbedPage {
            client: browser.client.clone(),
        };
        for instance in [Instance::A, Instance::B] {
            page.wait_for_grid(instance).await;
        }
        page
    }

    /// Waits until `instance` shows rows of its grid.
    pub async fn wait_for_grid(&self, instance: Instance) {
        let page = self;
        wait::until(
            format!("instance {instance:?}'s grid"),
            move || async move {
                match page.count(instance, "[role=row][data-doc-id]").await {
                    0 => Err("no row drawn".to_owned()),
                    _ => Ok(()),
                }
            },
        )
        .await;
    }

    /// Runs `script` with the scoped `q`/`qa` of `instance` (`arguments[0]` is its root id).
    pub async fn script(&self, instance: Instance, script: &str, mut args: Vec<Value>) -> Value {
        args.insert(0, json!(instance.root_id()));
        self.client
            .execute(&format!("{SCOPED}\n{script}"), args)
            .await
            .unwrap_or_else(|e| panic!("a script in the page failed: {e}"))
    }

    /// How many visible elements of `instance` match `selector`.
    pub async fn count(&self, instance: Instance, selector: &str) -> u64 {
        self.script(instance, COUNT, vec![json!(selector)])
            .await
            .as_u64()
            .unwrap_or(0)
    }

    /// The trimmed text of the first visible match of `selector` in `instance`.
    pub async fn text(&self, instance: Instance, selector: &str) -> Option<String> {
        self.script(instance, TEXT, vec![json!(selector)])
            .await
            .as_str()
            .map(str::to_owned)
    }

    /// Whether family `id`'s checkbox is checked in `instance` (`None`: not drawn).
    pub async fn checked(&self, instance: Instance, id: &str) -> Option<bool> {
        self.script(instance, ROW_CHECKED, vec![json!(id)])
            .await
            .as_bool()
    }

    /// A real click on the first displayed match of `selector` inside `instance`.
    pub async fn click(&self, instance: Instance, selector: &str) {
        let css = format!("#{} {selector}", instance.root_id());
        let all = self
            .client
            .find_all(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("cannot look for {css}: {e}"));
        for element in all {
            if element.is_displayed().await.unwrap_or(false) {
                element
                    .click()
                    .await
                    .unwrap_or_else(|e| panic!("clicking {css} did not reach it: {e}"));
                return;
            }
        }
        panic!("no displayed {css}");
    }

    /// A real click on a host control outside the instances.
    pub async fn click_host(&self, selector: &str) {
        self.client
            .find(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no {selector}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {selector} failed: {e}"));
    }

    /// Sets the `at`-th visible control with this test id in `instance`, as typing does.
    pub async fn set_value(&self, instance: Instance, testid: &str, at: usize, value: &str) {
        let done = self
            .script(
                instance,
                SET_VALUE,
                vec![json!(testid), json!(at), json!(value)],
            )
            .await;
        assert_eq!(done, json!(true), "no {testid} #{at} in {instance:?}");
    }

    /// Waits until `selector` in `instance` shows a text containing `part`.
    pub async fn wait_for_text(&self, instance: Instance, selector: &str, part: &str) -> String {
        let page = self;
        wait::until(
            format!("{selector} in {instance:?} to contain {part:?}"),
            move || async move {
                match page.text(instance, selector).await {
                    Some(t) if t.contains(part) => Ok(t),
                    other => Err(format!("it shows {other:?}")),
                }
            },
        )
        .await
    }

    /// The grid's and controls' sizes and styles in `instance`.
    pub async fn layout(&self, instance: Instance) -> Layout {
        let v = self.script(instance, LAYOUT, vec![]).await;
        Layout::from_value(&v).unwrap_or_else(|| panic!("no layout in {instance:?}: {v}"))
    }

    /// The same figures on the stand-alone page (`#invoice-app`), whatever page is open.
    pub async fn standalone_layout(client: &Client) -> Layout {
        let v = client
            .execute(&format!("{SCOPED}\n{LAYOUT}"), vec![json!("invoice-app")])
            .await
            .unwrap_or_else(|e| panic!("a script in the page failed: {e}"));
        Layout::from_value(&v).unwrap_or_else(|| panic!("no layout on the stand-alone page: {v}"))
    }

    /// How the table matching `selector` in `instance` is drawn: its width over its parent's,
    /// its border, and its first cell's `vertical-align`.
    pub async fn table_style(&self, instance: Instance, selector: &str) -> Value {
        self.script(instance, TABLE, vec![json!(selector)]).await
    }

    /// The host's event log, oldest first.
    pub async fn log(&self) -> Vec<LoggedEvent> {
        let v = self
            .client
            .execute(LOG, vec![])
            .await
            .unwrap_or_else(|e| panic!("reading the log failed: {e}"));
        v.as_array()
            .into_iter()
            .flatten()
            .map(|e| LoggedEvent {
                instance: e["instance"].as_str().unwrap_or_default().to_owned(),
                event: e["event"].as_str().unwrap_or_default().to_owned(),
                detail: e["detail"].clone(),
            })
            .collect()
    }

    /// The `localStorage` keys of drafts, sorted.
    pub async fn draft_keys(&self) -> Vec<String> {
        let v = self
            .client
            .execute(DRAFT_KEYS, vec![])
            .await
            .unwrap_or_else(|e| panic!("reading localStorage failed: {e}"));
        strings(&v)
    }

    /// How many element children `instance`'s host element has.
    pub async fn children(&self, instance: Instance) -> u64 {
        self.client
            .execute(
                "return document.getElementById(arguments[0]).childElementCount;",
                vec![json!(instance.root_id())],
            )
            .await
            .unwrap_or_else(|e| panic!("a script in the page failed: {e}"))
            .as_u64()
            .unwrap_or(u64::MAX)
    }

    /// Every `id` that appears more than once in the document.
    pub async fn duplicate_ids(&self) -> Vec<String> {
        let v = self
            .client
            .execute(
                "const seen = new Set(), dup = new Set();
                 for (const e of document.querySelectorAll('[id]')) {
                   if (seen.has(e.id)) dup.add(e.id); else seen.add(e.id);
                 }
                 return Array.from(dup).sort();",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("a script in the page failed: {e}"));
        strings(&v)
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect()
}
