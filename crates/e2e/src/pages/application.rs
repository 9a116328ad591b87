//! Steps 3 and 4 and the result of the invoicing page (R15–R23): the mode radios, the preview's
//! rows (`[data-testid=split-row]` with `data-issuer-id`, `data-tax-rate`, `data-account-ids`,
//! `data-amount`), the invoice details, "Submit" and the application id; and the mock's
//! `GET /__mock/applications` (with `--admin`) to count what was created.

use serde_json::{json, Value};

use super::InvoicingPage;
use crate::wait;

/// One invoice of the preview as the page lists it: (entity, tax rate, accounts, amount).
pub type SplitRow = (String, String, String, String);

const SPLIT_ROWS: &str = r#"
if (q('[data-testid=preview-loading]')) return null;
return qa('[data-testid=split-row]').map(r => [r.dataset.issuerId, r.dataset.taxRate,
  r.dataset.accountIds, r.dataset.amount]);
"#;

const CURRENT_STEP: &str = r#"
const s = document.querySelector('[data-testid=progress] [aria-current=step]');
const h = document.activeElement;
return { step: s ? s.dataset.step : null,
         focus: h ? h.getAttribute('data-testid') : null };
"#;

const NTH: &str = r#"
return qa(`[data-testid="${arguments[0]}"]`).length;
"#;

const DOUBLE_CLICK: &str = r#"
const b = q('[data-testid=submit]');
b.click(); b.click();
"#;

const APPLICATIONS: &str = r#"
const done = arguments[arguments.length - 1];
fetch('/__mock/applications').then(r => r.json()).then(done, e => done({ error: String(e) }));
"#;

const TYPE_NTH: &str = r#"
const el = qa(`[data-testid="${arguments[0]}"]`)[arguments[1]];
el.focus();
const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set;
setter.call(el, arguments[2]);
el.dispatchEvent(new Event('input', { bubbles: true }));
el.dispatchEvent(new Event('change', { bubbles: true }));
"#;

impl InvoicingPage {
    /// Waits until the progress shows `step` (3, 4, 5 for the result) and the step's heading
    /// has the focus (R29).
    pub async fn wait_for_step(&self, step: u8) {
        let page = self;
        wait::until(
            format!("step {step} shown and focused"),
            move || async move {
                let v = page.script(CURRENT_STEP, vec![]).await;
                let now = v["step"].as_str().map(str::to_owned);
                let focus = v["focus"].as_str().map(str::to_owned);
                if now.as_deref() == Some(&step.to_string())
                    && focus.as_deref() == Some("step-heading")
                {
                    Ok(())
                } else {
                    Err(format!("step {now:?}, focus on {focus:?}"))
                }
            },
        )
        .await;
    }

    /// "Next" on step 2, then step 3.
    pub async fn go_to_split(&self) {
        self.wait_for_next(true).await;
        self.click("[data-testid=next]").await;
        self.wait_for_step(3).await;
    }

    /// Chooses independent (`false`) or consolidated (`true`) invoicing (R15).
    pub async fn choose_mode(&self, consolidated: bool) {
        let id = if consolidated {
            "mode-consolidated"
        } else {
            "mode-independent"
        };
        self.click(&format!("[data-testid={id}]")).await;
    }

    /// Whether the mode radios are shown.
    pub async fn mode_offered(&self) -> bool {
        self.script(NTH, vec![json!("mode-independent")])
            .await
            .as_u64()
            .unwrap_or(0)
            > 0
    }

    /// Waits until the preview lists exactly `expected`, in order.
    pub async fn wait_for_split(&self, expected: &[(&str, &str, &str, &str)]) {
        let page = self;
        let want: Vec<SplitRow> = expected
            .iter()
            .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
            .collect();
        let want = &want;
        wait::until(
            format!("the preview to list {want:?}"),
            move || async move {
                let v = page.script(SPLIT_ROWS, vec![]).await;
                let rows: Option<Vec<SplitRow>> = serde_json::from_value(v).ok();
                match rows {
                    Some(rows) if &rows == want => Ok(()),
                    other => Err(format!("it lists {other:?}")),
                }
            },
        )
        .await;
    }

    /// Step 3 → 4.
    pub async fn go_to_details(&self) {
        self.click("[data-testid=to-details]").await;
        self.wait_for_step(4).await;
    }

    /// How many visible elements have this test id.
    pub async fn count_testid(&self, testid: &str) -> u64 {
        self.script(NTH, vec![json!(testid)])
            .await
            .as_u64()
            .unwrap_or(0)
    }

    /// Sets the `at`-th visible control with this test id to `value`, as typing or choosing
    /// does (one input event).
    pub async fn set_nth(&self, testid: &str, at: usize, value: &str) {
        self.script(TYPE_NTH, vec![json!(testid), json!(at), json!(value)])
            .await;
    }

    /// Types the same e-mail list into every invoice.
    pub async fn type_all_emails(&self, emails: &str) {
        for at in 0..self.count_testid("emails").await as usize {
            self.set_nth("emails", at, emails).await;
        }
    }

    /// Two clicks on "Submit" in the same task, before the page can redraw (R21).
    pub async fn double_click_submit(&self) {
        self.script(DOUBLE_CLICK, vec![]).await;
    }

    /// Waits for the result and returns the application id.
    pub async fn wait_for_application_id(&self) -> String {
        self.wait_for_step(5).await;
        self.wait_for_text("application-id", "").await
    }

    /// Every application the mock created (`GET /__mock/applications`, `--admin`).
    pub async fn mock_applications(&self) -> Vec<Value> {
        let v = self
            .client
            .execute_async(APPLICATIONS, vec![])
            .await
            .unwrap_or_else(|e| panic!("GET /__mock/applications failed: {e}"));
        v["items"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("GET /__mock/applications answered {v}"))
    }
}

const NTH_VALUE: &str = r#"
const el = qa(`[data-testid="${arguments[0]}"]`)[arguments[1]];
return el ? el.value : null;
"#;

/// Applies for one candidate from inside the page (same session and CSRF token), as another
/// tab of the same user would, so that the page's selection is invoiced elsewhere (R23).
const APPLY_ELSEWHERE: &str = r#"
const done = arguments[arguments.length - 1];
const id = arguments[0];
(async () => {
  const profile = await (await fetch('/api/v1/profile', { credentials: 'include' })).json();
  const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': profile.csrfToken };
  const draft = { basis: 'order', candidateIds: [id], mode: 'independent' };
  const preview = await (await fetch('/api/v1/invoice-applications/preview',
    { method: 'POST', credentials: 'include', headers, body: JSON.stringify(draft) })).json();
  const invoices = preview.invoices.map(i => ({ ...i, titleId: 'ttl-1001',
    invoiceType: 'general_electronic', emails: ['x@qinghe-data.example'] }));
  const r = await fetch('/api/v1/invoice-applications', { method: 'POST', credentials: 'include',
    headers: { ...headers, 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ ...draft, invoices }) });
  return r.status;
})().then(done, e => done(String(e)));
"#;

impl InvoicingPage {
    /// The value of the `at`-th visible control with this test id.
    pub async fn nth_value(&self, testid: &str, at: usize) -> Option<String> {
        self.script(NTH_VALUE, vec![json!(testid), json!(at)])
            .await
            .as_str()
            .map(str::to_owned)
    }

    /// Waits until step 4 shows `count` invoice forms.
    pub async fn wait_for_split_in_details(&self, count: u64) {
        let page = self;
        wait::until(format!("{count} invoice forms"), move || async move {
            match page.count_testid("invoice-form").await {
                n if n == count => Ok(()),
                n => Err(format!("{n} shown")),
            }
        })
        .await;
    }

    /// A real click on "Submit".
    pub async fn click_submit(&self) {
        self.click("[data-testid=submit]").await;
    }

    /// "Remove these records from the selection" (R23).
    pub async fn click_drop_records(&self) {
        self.click("[data-testid=drop-records]").await;
    }

    /// Another application takes `candidate_id` (see [`APPLY_ELSEWHERE`]); panics unless it was
    /// created.
    pub async fn invoice_elsewhere(&self, candidate_id: &str) {
        let status = self
            .client
            .execute_async(APPLY_ELSEWHERE, vec![json!(candidate_id)])
            .await
            .unwrap_or_else(|e| panic!("applying elsewhere failed: {e}"));
        assert_eq!(status, json!(201), "the other application was not created");
    }
}

/// The draft's steps 3–4 as `localStorage` holds them: `null` without a draft, else
/// `{ step, key }` (the draft's step and idempotency key).
const DRAFT_STEP: &str = r#"
const k = Object.keys(localStorage).find(k => k.startsWith('invoicing-draft:'));
if (!k) return null;
const d = JSON.parse(localStorage.getItem(k));
return { step: d.step ? d.step.step : null, key: d.step ? d.step.idempotencyKey : null,
         checked: d.orders.checked.length + d.bills.checked.length };
"#;

/// The draft as [`InvoicingPage::draft`] reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftStep {
    /// The step the draft was on (2, 3 or 4).
    pub step: Option<u64>,
    /// The application's `Idempotency-Key` (R21).
    pub key: Option<String>,
    /// How many families the draft holds checked, both grids together.
    pub checked: u64,
}

impl InvoicingPage {
    /// The account's draft in `localStorage`, or `None` when there is none (R22).
    pub async fn draft(&self) -> Option<DraftStep> {
        let v = self.script(DRAFT_STEP, vec![]).await;
        (!v.is_null()).then(|| DraftStep {
            step: v["step"].as_u64(),
            key: v["key"].as_str().map(str::to_owned),
            checked: v["checked"].as_u64().unwrap_or(0),
        })
    }

    /// Waits until the draft is written on step 4 with its idempotency key, and returns the key.
    pub async fn wait_for_draft_key(&self) -> String {
        let page = self;
        wait::until("the draft on step 4 with its key", move || async move {
            match page.draft().await {
                Some(DraftStep {
                    step: Some(4),
                    key: Some(key),
                    ..
                }) => Ok(key),
                other => Err(format!("the draft is {other:?}")),
            }
        })
        .await
    }

    /// "Start another application" on the result page; step 2 is shown again.
    pub async fn start_another(&self) {
        self.click("[data-testid=new-application]").await;
        let page = self;
        wait::until("step 2 shown", move || async move {
            let v = page.script(CURRENT_STEP, vec![]).await;
            match v["step"].as_str() {
                Some("2") if page.count_testid("next").await > 0 => Ok(()),
                other => Err(format!("step {other:?}")),
            }
        })
        .await;
    }
}
