//! The records page (R24–R27): the page tabs, the record rows
//! (`[data-testid=record-row]` with `data-invoice-id`, `data-application-id`, `data-status`), the
//! enterprise tabs, the details with their lines, "Export details" and "Download invoice"; and the
//! mock's `POST /__mock/records/{invoiceId}/status` (with `--admin`) that moves an invoice on.
//!
//! Downloads land in [`crate::Browser::downloads`]; [`wait_for_download`] waits for a finished file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use super::InvoicingPage;
use crate::wait;

/// One record row as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordRow {
    pub invoice_id: String,
    pub application_id: String,
    pub status: String,
    /// The row's text as the user sees it.
    pub text: String,
    /// Whether the row offers "Download invoice".
    pub downloadable: bool,
}

/// One line of the open details: (document id, kind, amount as the contract writes it).
pub type DetailLine = (String, String, String);

const RECORD_ROWS: &str = r#"
if (q('[data-testid=records-loading]')) return null;
return qa('[data-testid=record-row]').map(r => ({
  invoiceId: r.dataset.invoiceId, applicationId: r.dataset.applicationId,
  status: r.dataset.status, text: r.innerText,
  downloadable: !!r.querySelector('[data-testid=download-invoice]'),
}));
"#;

const DETAIL_LINES: &str = r#"
const d = q('[data-testid=record-details]');
if (!d) return null;
const total = d.querySelector('[data-testid=record-lines-total]');
return {
  lines: Array.from(d.querySelectorAll('[data-testid=record-line]'))
    .map(l => [l.dataset.documentId, l.dataset.kind, l.dataset.amount]),
  total: total ? total.dataset.amount : null,
  text: d.innerText,
};
"#;

const MOVE_STATUS: &str = r#"
const done = arguments[arguments.length - 1];
fetch(`/__mock/records/${arguments[0]}/status`, { method: 'POST',
  headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(arguments[1]) })
  .then(async r => done({ status: r.status, body: await r.json() }), e => done({ error: String(e) }));
"#;

const FETCH_BYTES: &str = r#"
const done = arguments[arguments.length - 1];
fetch(arguments[0], { credentials: 'include' })
  .then(async r => done({ status: r.status, bytes: Array.from(new Uint8Array(await r.arrayBuffer())) }),
        e => done({ error: String(e) }));
"#;

const TAB_SELECTED: &str = r#"
const t = q(`[data-testid="${arguments[0]}"]`);
return t ? t.getAttribute('aria-selected') : null;
"#;

impl InvoicingPage {
    /// "Invoicing records" in the header; waits for the records page.
    pub async fn open_records(&self) {
        self.click("[data-testid=page-records]").await;
        self.wait_for_records().await;
    }

    /// The result's link to the records of the application just created.
    pub async fn follow_records_link(&self) {
        self.click("[data-testid=records-link]").await;
        self.wait_for_records().await;
    }

    /// Waits until the records page is shown and its list has loaded (rows or the empty state).
    pub async fn wait_for_records(&self) {
        let page = self;
        wait::until("the records list", move || async move {
            if page.count_testid("records").await == 0 {
                return Err("no records page".to_owned());
            }
            match page.record_rows().await {
                Some(rows) if !rows.is_empty() => Ok(()),
                Some(_) if page.count_testid("records-empty").await > 0 => Ok(()),
                _ => Err("still loading".to_owned()),
            }
        })
        .await;
    }

    /// The record rows shown now; `None` while the list loads.
    pub async fn record_rows(&self) -> Option<Vec<RecordRow>> {
        let v = self.script(RECORD_ROWS, vec![]).await;
        let rows = v.as_array()?;
        Some(
            rows.iter()
                .map(|r| RecordRow {
                    invoice_id: r["invoiceId"].as_str().unwrap_or("").to_owned(),
                    application_id: r["applicationId"].as_str().unwrap_or("").to_owned(),
                    status: r["status"].as_str().unwrap_or("").to_owned(),
                    text: r["text"].as_str().unwrap_or("").to_owned(),
                    downloadable: r["downloadable"].as_bool().unwrap_or(false),
                })
                .collect(),
        )
    }

    /// Waits until the rows' invoice ids are exactly `ids`, in this order.
    pub async fn wait_for_record_ids(&self, ids: &[&str]) -> Vec<RecordRow> {
        let page = self;
        let want: Vec<String> = ids.iter().map(|s| s.to_string()).collect();
        wait::until(format!("the records {want:?}"), move || {
            let want = want.clone();
            async move {
                let rows = page.record_rows().await.ok_or("still loading")?;
                let shown: Vec<&str> = rows.iter().map(|r| r.invoice_id.as_str()).collect();
                if shown == want {
                    Ok(rows)
                } else {
                    Err(format!("the page shows {shown:?}"))
                }
            }
        })
        .await
    }

    /// Waits until the row of `invoice_id` shows `status`, and returns it.
    pub async fn wait_for_record_status(&self, invoice_id: &str, status: &str) -> RecordRow {
        let page = self;
        wait::until(
            format!("record {invoice_id} {status}"),
            move || async move {
                let rows = page.record_rows().await.ok_or("still loading")?;
                match rows.into_iter().find(|r| r.invoice_id == invoice_id) {
                    Some(r) if r.status == status => Ok(r),
                    Some(r) => Err(format!("it is {}", r.status)),
                    None => Err("no such row".to_owned()),
                }
            },
        )
        .await
    }

    /// `aria-selected` of the tab with this test id, `None` when there is no such tab.
    pub async fn tab_selected(&self, testid: &str) -> Option<bool> {
        let v = self.script(TAB_SELECTED, vec![json!(testid)]).await;
        v.as_str().map(|s| s == "true")
    }

    /// Clicks the tab, button or control with this test id.
    pub async fn click_testid(&self, testid: &str) {
        self.click(&format!("[data-testid={testid}]")).await;
    }

    /// "Details" of one row; waits for its lines and returns them with their total.
    pub async fn open_record_details(&self, invoice_id: &str) -> (Vec<DetailLine>, String) {
        self.click(&format!(
            r#"[data-testid=record-row][data-invoice-id="{invoice_id}"] [data-testid=open-details]"#
        ))
        .await;
        let page = self;
        wait::until(format!("the details of {invoice_id}"), move || async move {
            let v = page.script(DETAIL_LINES, vec![]).await;
            let lines = v["lines"].as_array().ok_or("no details")?;
            let total = v["total"].as_str().ok_or("no total yet")?;
            if lines.is_empty() || !v["text"].as_str().unwrap_or("").contains(invoice_id) {
                return Err(format!("the details show {v}"));
            }
            let lines = lines
                .iter()
                .map(|l| {
                    let s = |i: usize| l[i].as_str().unwrap_or("").to_owned();
                    (s(0), s(1), s(2))
                })
                .collect();
            Ok((lines, total.to_owned()))
        })
        .await
    }

    /// "Download invoice" of one row.
    pub async fn download_invoice(&self, invoice_id: &str) {
        self.click(&format!(
            r#"[data-testid=record-row][data-invoice-id="{invoice_id}"] [data-testid=download-invoice]"#
        ))
        .await;
    }

    /// The mock moves `invoice_id` to `status` (`--admin`); panics unless it did.
    pub async fn mock_move_status(&self, invoice_id: &str, status: &str) -> Value {
        let v = self
            .client
            .execute_async(
                MOVE_STATUS,
                vec![json!(invoice_id), json!({ "status": status })],
            )
            .await
            .unwrap_or_else(|e| panic!("moving {invoice_id} to {status} failed: {e}"));
        assert_eq!(
            v["status"],
            json!(200),
            "the mock did not move {invoice_id} to {status}: {v}"
        );
        v["body"].clone()
    }

    /// The bytes of a GET from inside the page (same session), with the status code.
    pub async fn fetch_bytes(&self, path: &str) -> (u64, Vec<u8>) {
        let v = self
            .client
            .execute_async(FETCH_BYTES, vec![json!(path)])
            .await
            .unwrap_or_else(|e| panic!("GET {path} failed: {e}"));
        let bytes = v["bytes"]
            .as_array()
            .unwrap_or_else(|| panic!("GET {path} answered {v}"))
            .iter()
            .map(|b| b.as_u64().unwrap_or(0) as u8)
            .collect();
        (v["status"].as_u64().unwrap_or(0), bytes)
    }
}

/// Waits until `dir` holds a finished download whose name satisfies `wanted` (no `.crdownload`
/// or `.part` beside it, its size the same twice in a row), and returns its path.
pub async fn wait_for_download(dir: &Path, wanted: impl Fn(&str) -> bool + Copy) -> PathBuf {
    let mut last_size = None;
    wait::until_within(
        Duration::from_secs(30),
        format!("a download in {}", dir.display()),
        move || {
            let found = finished_file(dir, wanted);
            let settled = match (&found, last_size) {
                (Some((_, size)), Some(before)) => *size == before && *size > 0,
                _ => false,
            };
            last_size = found.as_ref().map(|(_, size)| *size);
            async move {
                match found {
                    Some((path, _)) if settled => Ok(path),
                    Some((path, size)) => Err(format!("{} at {size} bytes", path.display())),
                    None => Err(format!("files: {:?}", names_in(dir))),
                }
            }
        },
    )
    .await
}

fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

fn finished_file(dir: &Path, wanted: impl Fn(&str) -> bool) -> Option<(PathBuf, u64)> {
    let names = names_in(dir);
    let busy = names
        .iter()
        .any(|n| n.ends_with(".crdownload") || n.ends_with(".part"));
    if busy {
        return None;
    }
    let name = names.into_iter().find(|n| wanted(n))?;
    let path = dir.join(name);
    let size = std::fs::metadata(&path).ok()?.len();
    Some((path, size))
}
