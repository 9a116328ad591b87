//! The accessibility audit (R29): axe-core, injected into the page as it is, reports every
//! violation of impact serious or critical with the elements it found, and the test fails on any.
//!
//! The script is axe-core's `axe.min.js` at the pinned release that `cargo xtask setup` installs
//! from the npm registry; `$AXE_CORE_JS` names it (`cargo xtask test` sets it).

use std::sync::OnceLock;

use fantoccini::Client;
use serde_json::Value;

const RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.slice(0, 6)
    .map(n => `    ${n.target.join(' ')}: ${(n.failureSummary || '').replace(/\s+/g, ' ')}`)
    .join('\n'))), e => done([`axe did not run: ${e}`]));
"#;

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::env::var("AXE_CORE_JS")
            .unwrap_or_else(|_| panic!("$AXE_CORE_JS is not set: run through `cargo xtask test`"));
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e} (cargo xtask setup)"))
    })
}

/// Runs axe-core on the page as it is now and panics, naming `state`, on any serious or
/// critical violation.
pub async fn audit(client: &Client, state: &str) {
    let present = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .unwrap_or(Value::Bool(false));
    if present != Value::Bool(true) {
        client
            .execute(&format!("{}\nreturn true;", axe_source()), vec![])
            .await
            .unwrap_or_else(|e| panic!("cannot inject axe-core: {e}"));
    }
    let found = client
        .execute_async(RUN, vec![])
        .await
        .unwrap_or_else(|e| panic!("axe-core did not run on {state}: {e}"));
    let violations: Vec<String> = found
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        violations.is_empty(),
        "R29: axe-core finds {} serious or critical violation(s) on {state}:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

const CSP_REPORTS: &str = r#"
const done = arguments[arguments.length - 1];
fetch('/__mock/csp-reports').then(r => r.json()).then(done, e => done({ error: String(e) }));
"#;

/// Panics, naming `state`, when the browser reported anything the mock's Content Security
/// Policy blocked (`GET /__mock/csp-reports`, the mock started with `admin`).
pub async fn assert_no_csp_violations(client: &Client, state: &str) {
    let v = client
        .execute_async(CSP_REPORTS, vec![])
        .await
        .unwrap_or_else(|e| panic!("GET /__mock/csp-reports failed: {e}"));
    let items = v["items"]
        .as_array()
        .unwrap_or_else(|| panic!("GET /__mock/csp-reports answered {v}"));
    assert!(
        items.is_empty(),
        "the CSP blocked something by {state}: {}",
        serde_json::to_string_pretty(items).unwrap_or_default()
    );
}
