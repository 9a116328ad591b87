//! The invoicing page: the family grid, its rows and checkboxes, the summary, the load error.
//!
//! Selectors are the SPA's stable testing hooks: rows `[role=row][data-doc-id]` (negatives also
//! carry `data-original-id`) with `aria-expanded` on originals that have negatives, one
//! `input[type=checkbox]` per row, the "+"/"-" `[data-testid=expand-toggle]`, and `data-testid`
//! on the grid, its scroll container, select all, the summary, the reason, the notices, the
//! progress bar and the load error. The grid is windowed: a row out of view is not in the DOM,
//! so tests scroll ([`InvoicingPage::scroll_to_row`]) or use the keyboard to reach it. State is
//! read with one small script per question; clicks are real WebDriver clicks, and a click that
//! does not reach its element fails the test.

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::wait;
use crate::Browser;

/// The page at `/?lang=en` in one browser.
pub struct InvoicingPage {
    pub(super) client: Client,
}

/// What one grid row shows, read at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    /// For a negative document, its original's id.
    pub original_id: Option<String>,
    /// The row's text as the user sees it.
    pub text: String,
    /// The row's checkbox: checked, and disabled; `None` without a checkbox.
    pub checked: Option<bool>,
    pub disabled: Option<bool>,
    /// `aria-expanded` of the row's expand button; `None` without one.
    pub expanded: Option<String>,
    /// The text of `[data-testid=row-reason]` in the row, if there is one.
    pub reason: Option<String>,
}

/// `q` and `qa`: `querySelector(All)` over what is not inside a `hidden` element.
const VISIBLE_QUERIES: &str = r#"
const shownNow = e => !e.closest('[hidden]');
const qa = s => Array.from(document.querySelectorAll(s)).filter(shownNow);
const q = s => qa(s)[0] || null;
"#;

const ROW_STATE: &str = r#"
const row = q(`[role=row][data-doc-id="${arguments[0]}"]`);
if (!row) return null;
const box = row.querySelector('input[type=checkbox]');
const reason = row.querySelector('[data-testid=row-reason]');
return {
  id: row.getAttribute('data-doc-id'),
  originalId: row.getAttribute('data-original-id'),
  text: row.innerText,
  checked: box ? box.checked : null,
  disabled: box ? box.disabled : null,
  expanded: row.getAttribute('aria-expanded'),
  reason: reason ? reason.innerText.trim() : null,
};
"#;

const ROWS_IN_ORDER: &str = r#"
return Array.from(qa('[data-testid=family-grid] [role=row][data-doc-id]'))
  .map(r => r.getAttribute('data-doc-id'));
"#;

const NEGATIVE_IDS: &str = r#"
return Array.from(qa(`[role=row][data-doc-id][data-original-id="${arguments[0]}"]`))
  .map(r => r.getAttribute('data-doc-id'));
"#;

/// The overall figure: the first element with this test id that is not in a per-entity line.
const OVERALL: &str = r#"
const el = Array.from(qa(`[data-testid="${arguments[0]}"]`))
  .find(e => !e.closest('[data-testid=summary-entity]'));
return el ? el.innerText.trim() : null;
"#;

const ENTITY_NET: &str = r#"
const line = q(`[data-testid=summary-entity][data-issuer-id="${arguments[0]}"]`);
if (!line) return null;
const net = line.querySelector('[data-testid=summary-net]');
return net ? net.innerText.trim() : '';
"#;

const ENTITY_LINES: &str = r#"
return qa('[data-testid=summary-entity]').length;
"#;

/// Everything a click could change: every row's checkbox and expansion, and the summary.
const SNAPSHOT: &str = r#"
const rows = Array.from(qa('[data-testid=family-grid] [role=row][data-doc-id]'))
  .map(r => {
    const box = r.querySelector('input[type=checkbox]');
    return [r.getAttribute('data-doc-id'), box && box.checked, box && box.disabled,
            r.getAttribute('aria-expanded'), r.getAttribute('aria-selected')];
  });
const summary = q('[data-testid=summary]');
return { rows, summary: summary ? summary.innerText : null };
"#;

const SHOWN: &str = r#"
return {
  grid: !!q('[data-testid=family-grid]'),
  loading: !!q('[data-testid=loading]'),
  error: !!q('[data-testid=load-error]'),
  retry: !!q('[data-testid=load-error] [data-testid=retry]'),
};
"#;

/// The state of every row and the summary's text at one moment, to compare after a click that
/// should change nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot(Value);

/// What the page shows instead of, or as, the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub grid: bool,
    pub loading: bool,
    pub error: bool,
    pub retry: bool,
}

fn original_row(id: &str) -> String {
    format!(r#"[role=row][data-doc-id="{id}"]:not([data-original-id])"#)
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

impl InvoicingPage {
    /// Opens the page in English and waits for the grid.
    pub async fn open(browser: &Browser) -> InvoicingPage {
        let page = InvoicingPage::visit(browser).await;
        let page_ref = &page;
        wait::until("the family grid", move || async move {
            let shown = page_ref.shown().await;
            if shown.grid {
                Ok(())
            } else {
                Err(format!("the page shows {shown:?}"))
            }
        })
        .await;
        page
    }

    /// The WebDriver session, for checks that work on any page (`invoicing_e2e::audit`).
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to the page in English without waiting for anything.
    pub async fn visit(browser: &Browser) -> InvoicingPage {
        InvoicingPage::visit_in(browser, "en").await
    }

    /// Opens the page in `lang` (`en`, `zh-CN`) and waits for the grid.
    pub async fn open_in(browser: &Browser, lang: &str) -> InvoicingPage {
        let page = InvoicingPage::visit_in(browser, lang).await;
        let page_ref = &page;
        wait::until("the family grid", move || async move {
            match page_ref.shown().await {
                shown if shown.grid => Ok(()),
                shown => Err(format!("the page shows {shown:?}")),
            }
        })
        .await;
        page
    }

    /// Navigates to the page in `lang` without waiting for anything.
    pub async fn visit_in(browser: &Browser, lang: &str) -> InvoicingPage {
        let url = format!("{}/?lang={lang}", browser.base_url);
        browser
            .client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        InvoicingPage {
            client: browser.client.clone(),
        }
    }

    /// Runs `script` in the page with `q(selector)` and `qa(selector)`, which look only at
    /// what is not inside a `hidden` element (the panels of the other tabs keep their state
    /// hidden).
    pub(super) async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        let script = format!("{VISIBLE_QUERIES}\n{script}");
        self.client
            .execute(&script, args)
            .await
            .unwrap_or_else(|e| panic!("a script in the page failed: {e}"))
    }

    /// What the page shows now: grid, loading indicator, load error, retry button.
    pub async fn shown(&self) -> Shown {
        let v = self.script(SHOWN, vec![]).await;
        let flag = |k: &str| v[k].as_bool().unwrap_or(false);
        Shown {
            grid: flag("grid"),
            loading: flag("loading"),
            error: flag("error"),
            retry: flag("retry"),
        }
    }

    /// The row of document `id` (original or negative) as it is now, if it is rendered.
    pub async fn row(&self, id: &str) -> Option<Row> {
        let v = self.script(ROW_STATE, vec![json!(id)]).await;
        if v.is_null() {
            return None;
        }
        Some(Row {
            id: text(&v["id"]).unwrap_or_default(),
            original_id: text(&v["originalId"]),
            text: text(&v["text"]).unwrap_or_default(),
            checked: v["checked"].as_bool(),
            disabled: v["disabled"].as_bool(),
            expanded: text(&v["expanded"]),
            reason: text(&v["reason"]),
        })
    }

    /// The family's original row; waits until it is rendered.
    pub async fn family(&self, id: &str) -> Row {
        let page = self;
        wait::until(format!("the row of family {id}"), move || async move {
            match page.row(id).await {
                Some(row) if row.original_id.is_none() => Ok(row),
                Some(row) => Err(format!("{id} is a negative row: {row:?}")),
                None => Err("it is not in the page".into()),
            }
        })
        .await
    }

    /// The rendered negative rows of family `original_id`, in page order.
    pub async fn negative_rows(&self, original_id: &str) -> Vec<Row> {
        let ids = self.script(NEGATIVE_IDS, vec![json!(original_id)]).await;
        let mut rows = Vec::new();
        for id in ids
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if let Some(row) = self.row(id).await {
                rows.push(row);
            }
        }
        rows
    }

    /// The ids of every grid row, originals and negatives, in page order.
    pub async fn row_ids_in_order(&self) -> Vec<String> {
        let ids = self.script(ROWS_IN_ORDER, vec![]).await;
        ids.as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// Clicks the family's "+"/"-" button, whatever its state.
    pub async fn click_expander(&self, id: &str) {
        let selector = format!("{} [data-testid=expand-toggle]", original_row(id));
        self.click(&selector).await;
    }

    /// "+": shows the family's negatives; waits until the button says so and they are there.
    pub async fn expand(&self, id: &str) {
        self.toggle_expansion(id, "true").await;
    }

    /// "-": hides the family's negatives again; waits until they are gone.
    pub async fn collapse(&self, id: &str) {
        self.toggle_expansion(id, "false").await;
    }

    async fn toggle_expansion(&self, id: &str, wanted: &'static str) {
        self.click_expander(id).await;
        self.wait_for_expansion(id, wanted == "true").await;
    }

    /// Waits until family `id` says it is expanded (or not) and its negative rows are shown
    /// (or gone), however that came about: a click, a key.
    pub async fn wait_for_expansion(&self, id: &str, expanded: bool) {
        let page = self;
        let wanted = if expanded { "true" } else { "false" };
        wait::until(
            format!("family {id} with aria-expanded={wanted}"),
            move || async move {
                let row = page.family(id).await;
                let negatives = page.negative_rows(id).await.len();
                if row.expanded.as_deref() == Some(wanted) && (negatives > 0) == expanded {
                    Ok(())
                } else {
                    Err(format!(
                        "aria-expanded is {:?} and {negatives} negative rows are shown",
                        row.expanded
                    ))
                }
            },
        )
        .await;
    }

    /// Clicks the checkbox of row `id` (original or negative), and waits for nothing. A
    /// disabled checkbox is clicked too, to show that the click changes nothing.
    pub async fn click_checkbox(&self, id: &str) {
        let selector = format!(r#"[role=row][data-doc-id="{id}"] input[type=checkbox]"#);
        let element = self.find(&selector).await;
        if element.is_enabled().await.unwrap_or(true) {
            self.click(&selector).await;
        } else {
            match element.click().await {
                Ok(()) => {}
                Err(CmdError::Standard(e)) if e.error == ErrorStatus::ElementNotInteractable => {}
                Err(e) => panic!("clicking the disabled {selector} failed: {e}"),
            }
        }
    }

    /// Checks the family's original; waits until its checkbox is checked.
    pub async fn check(&self, id: &str) {
        self.set_checked(id, true).await;
    }

    /// Unchecks the family's original; waits until its checkbox is unchecked.
    pub async fn uncheck(&self, id: &str) {
        self.set_checked(id, false).await;
    }

    async fn set_checked(&self, id: &str, wanted: bool) {
        let before = self.family(id).await;
        assert_eq!(
            before.checked,
            Some(!wanted),
            "family {id} should be {} before the click",
            if wanted { "unchecked" } else { "checked" }
        );
        self.click_checkbox(id).await;
        let page = self;
        wait::until(
            format!("family {id} with checked={wanted}"),
            move || async move {
                let row = page.family(id).await;
                if row.checked == Some(wanted) {
                    Ok(())
                } else {
                    Err(format!("its checkbox is {:?}", row.checked))
                }
            },
        )
        .await;
    }

    /// The first element matching `selector` that is displayed (the panels of other tabs
    /// hold hidden twins), else the first one.
    pub(super) async fn find(&self, selector: &str) -> fantoccini::elements::Element {
        let all = self
            .client
            .find_all(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("cannot look for {selector}: {e}"));
        for element in &all {
            if element.is_displayed().await.unwrap_or(false) {
                return element.clone();
            }
        }
        all.into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {selector} in the page"))
    }

    /// A real click on the first element matching `selector`, scrolled into view by the driver.
    /// A click that does not reach its element (covered, not interactable) fails the test.
    pub(super) async fn click(&self, selector: &str) {
        let element = self.find(selector).await;
        if let Err(e) = element.click().await {
            panic!("clicking {selector} did not reach it: {e}");
        }
    }

    async fn overall(&self, testid: &str) -> Option<String> {
        text(&self.script(OVERALL, vec![json!(testid)]).await)
    }

    /// `[data-testid=summary-count]`: how many families are checked.
    pub async fn summary_count(&self) -> Option<String> {
        self.overall("summary-count").await
    }

    /// `[data-testid=summary-net]`: the amount to invoice over every entity.
    pub async fn summary_net(&self) -> Option<String> {
        self.overall("summary-net").await
    }

    /// `[data-testid=summary-positive]`: the sum of the checked originals.
    pub async fn summary_positive(&self) -> Option<String> {
        self.overall("summary-positive").await
    }

    /// `[data-testid=summary-negative]`: the sum of the checked negatives.
    pub async fn summary_negative(&self) -> Option<String> {
        self.overall("summary-negative").await
    }

    /// The net of the summary's line for invoicing entity `issuer_id`, if there is such a line.
    pub async fn entity_net(&self, issuer_id: &str) -> Option<String> {
        text(&self.script(ENTITY_NET, vec![json!(issuer_id)]).await)
    }

    /// How many per-entity lines the summary has.
    pub async fn entity_lines(&self) -> u64 {
        self.script(ENTITY_LINES, vec![])
            .await
            .as_u64()
            .unwrap_or(0)
    }

    /// Waits until the summary shows `count` families and `net` to invoice.
    pub async fn wait_for_summary(&self, count: &str, net: &str) {
        let page = self;
        wait::until(
            format!("the summary to show {count} families, net {net}"),
            move || async move {
                let (c, n) = (page.summary_count().await, page.summary_net().await);
                if c.as_deref() == Some(count) && n.as_deref() == Some(net) {
                    Ok(())
                } else {
                    Err(format!("it shows count {c:?}, net {n:?}"))
                }
            },
        )
        .await;
    }

    /// Every row's checkbox and expansion and the summary, as they are now.
    pub async fn snapshot(&self) -> Snapshot {
        Snapshot(self.script(SNAPSHOT, vec![]).await)
    }

    /// Asserts that the page stays as `before` for a moment ([`wait::SETTLE`]): for clicks that
    /// must do nothing.
    pub async fn assert_unchanged(&self, before: &Snapshot, after: &str) {
        let page = self;
        wait::stays(format!("the page after {after}"), move || async move {
            let now = page.snapshot().await;
            if now == *before {
                Ok(())
            } else {
                Err(format!("it changed from\n{before:?}\nto\n{now:?}"))
            }
        })
        .await;
    }

    /// Clicks `[data-testid=retry]` in the load error, then waits until that error is gone
    /// (replaced by loading, the grid, or a new error).
    pub async fn retry(&self) {
        let error = self
            .client
            .find(Locator::Css("[data-testid=load-error]"))
            .await
            .unwrap_or_else(|e| panic!("no load error to retry from: {e}"));
        self.click("[data-testid=load-error] [data-testid=retry]")
            .await;
        let error = &error;
        wait::until("the load error to go after Retry", move || async move {
            match error.is_displayed().await {
                Ok(true) => Err("the same error element is still shown".into()),
                _ => Ok(()),
            }
        })
        .await;
    }
}
