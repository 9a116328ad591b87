//! The page under injected faults (issue 10): the mock's fault rules set from inside the page
//! (`POST /__mock/faults`, `--admin`), the session ended and started again, the network
//! "lost" (`navigator.onLine` stubbed and the `offline`/`online` events dispatched: WebDriver
//! cannot cut the network of one tab), and what the page shows about it.

use serde_json::{json, Value};

use super::InvoicingPage;
use crate::wait;

/// `fetch(url, { method, body })` from the page, with its cookies; `{ status, body }`.
const FETCH: &str = r#"
const done = arguments[arguments.length - 1];
const [url, method, body] = arguments;
const init = { method, credentials: 'include' };
if (body !== null) { init.headers = { 'Content-Type': 'application/json' }; init.body = JSON.stringify(body); }
fetch(url, init).then(async r => done({ status: r.status, body: await r.text() }),
                      e => done({ error: String(e) }));
"#;

/// Counts `invoice:session-expired` events that reach the document (the host's view).
const LISTEN: &str = r#"
window.__sessionExpired = window.__sessionExpired || [];
if (!window.__listening) {
  window.__listening = true;
  document.addEventListener('invoice:session-expired', e => window.__sessionExpired.push(e.detail));
}
return true;
"#;

/// `navigator.onLine` as the test says, and the event the browser would fire.
const SET_ONLINE: &str = r#"
const online = arguments[0];
Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
window.dispatchEvent(new Event(online ? 'online' : 'offline'));
return navigator.onLine;
"#;

const TESTID: &str = r#"
const el = q(`[data-testid="${arguments[0]}"]`);
return el ? { text: el.innerText, role: el.getAttribute('role'), href: el.getAttribute('href'),
              target: el.getAttribute('target'), code: el.getAttribute('data-code') } : null;
"#;

impl InvoicingPage {
    async fn fetch(&self, url: &str, method: &str, body: Value) -> Value {
        let v = self
            .client
            .execute_async(FETCH, vec![json!(url), json!(method), body])
            .await
            .unwrap_or_else(|e| panic!("{method} {url} from the page failed: {e}"));
        assert!(v.get("error").is_none(), "{method} {url}: {v}");
        v
    }

    /// Puts these fault rules in force (`POST /__mock/faults`; counters from zero).
    pub async fn set_faults(&self, rules: Value) {
        let v = self
            .fetch("/__mock/faults", "POST", json!({ "rules": rules }))
            .await;
        let status = v["status"].as_u64().unwrap_or(0);
        assert!((200..300).contains(&status), "POST /__mock/faults: {v}");
    }

    /// No fault any more (`DELETE /__mock/faults`).
    pub async fn clear_faults(&self) {
        self.fetch("/__mock/faults", "DELETE", Value::Null).await;
    }

    /// The rules in force with their `seen` and `fired` counters (`GET /__mock/faults`).
    pub async fn faults(&self) -> Value {
        let v = self.fetch("/__mock/faults", "GET", Value::Null).await;
        serde_json::from_str(v["body"].as_str().unwrap_or("null")).unwrap_or(Value::Null)
    }

    /// How many times rule `at` fired.
    pub async fn fired(&self, at: usize) -> u64 {
        self.faults().await["rules"][at]["fired"]
            .as_u64()
            .unwrap_or(0)
    }

    /// Signs in again in this browser (`GET /__mock/sign-in`), as the sign-in tab would.
    pub async fn sign_in_again(&self) {
        let v = self.fetch("/__mock/sign-in", "GET", Value::Null).await;
        assert_eq!(v["status"], json!(204), "sign-in: {v}");
    }

    /// Reloads the page (the draft restores what was chosen).
    pub async fn reload(&self) {
        self.client.refresh().await.expect("reloading the page");
    }

    /// Starts counting the `invoice:session-expired` events that reach the document.
    pub async fn listen_for_session_events(&self) {
        self.script(LISTEN, vec![]).await;
    }

    /// The `detail`s of the `invoice:session-expired` events heard so far.
    pub async fn session_events(&self) -> Vec<Value> {
        self.script("return window.__sessionExpired || [];", vec![])
            .await
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Tells the page it is offline (`false`) or back online (`true`).
    pub async fn set_online(&self, online: bool) {
        self.script(SET_ONLINE, vec![json!(online)]).await;
    }

    /// The visible element with this test id: `{ text, role, href, target, code }`, or `None`.
    pub async fn testid(&self, testid: &str) -> Option<Value> {
        let v = self.script(TESTID, vec![json!(testid)]).await;
        (!v.is_null()).then_some(v)
    }

    /// Waits until the element with this test id is shown (`true`) or gone, and returns it.
    pub async fn wait_testid(&self, testid: &str, shown: bool) -> Option<Value> {
        let page = self;
        wait::until(
            format!(
                "[data-testid={testid}] {}",
                if shown { "shown" } else { "gone" }
            ),
            move || async move {
                match page.testid(testid).await {
                    Some(v) if shown => Ok(Some(v)),
                    None if !shown => Ok(None),
                    other => Err(format!("it is {other:?}")),
                }
            },
        )
        .await
    }
}
