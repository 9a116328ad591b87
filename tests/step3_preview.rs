//! Browser tests of step 3 (R15, R16, R23, R30): the preview's rows with the contract's hooks,
//! the mode radios only for several accounts, differences from the app's split shown, a failed
//! preview with Retry, a refusal in words with the records it names.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::api::ApiError;
use invoice_app::components::Step3Preview;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{ApplicationFlow, FlowStep, PreviewView, Session};
use invoicing::api::{Problem, ProblemError};
use invoicing::application::{ApplicationBasis, ApplicationPreview, PlannedInvoice};
use invoicing::confirmation::SplitDifference;
use invoicing::Money;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";

fn session() -> Session {
    let profile: invoicing::api::ProfileResponse = serde_json::from_value(serde_json::json!({
        "accountId": MAIN, "accountName": "Main", "realName": "enterprise",
        "role": "owner", "enterprise": {"id": "E1", "name": "Qinghe", "arrearsOffsetEnabled": true},
        "csrfToken": "k6T1pQ9xWc3vZr8LmN2bYh4sJd7FgE0a"
    }))
    .unwrap();
    Session {
        profile: profile.profile,
        csrf_token: profile.csrf_token,
        accounts: serde_json::from_value(serde_json::json!([
            {"id": MAIN, "name": "Main", "arrears": []},
            {"id": RND, "name": "R&D", "arrears": []}
        ]))
        .unwrap(),
    }
}

fn invoice(issuer: &str, tax: &str, accounts: &[&str], amount: &str) -> PlannedInvoice {
    serde_json::from_value(serde_json::json!({
        "issuerId": issuer, "taxRate": tax, "accountIds": accounts, "amount": amount
    }))
    .unwrap()
}

fn preview(invoices: Vec<PlannedInvoice>, total: &str) -> ApplicationPreview {
    serde_json::from_value(serde_json::json!({
        "basis": "order", "mode": "independent", "currency": "CNY", "totalAmount": total,
        "issuers": [], "invoices": invoices
    }))
    .unwrap()
}

fn mount() -> (Element, ApplicationFlow) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let flow = ApplicationFlow::manual(session(), ApplicationBasis::Order);
        flow.show_step(FlowStep::Split);
        out.set(Some(flow));
        view! { <Step3Preview flow issuers=issuers()/> }
    })
    .forget();
    (root, slot.get().expect("mounted"))
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn r16_every_invoice_is_a_row_with_the_contract_hooks_and_the_total() {
    let (root, flow) = mount();
    flow.receive_preview(Ok(preview(
        vec![
            invoice("CLOUD", "0.06", &[RND, MAIN], "10931.60"),
            invoice("COMM", "0.13", &[MAIN], "1000.05"),
        ],
        "11931.65",
    )));
    tick().await;
    let rows = all(&root, "[data-testid=split-row]");
    assert_eq!(rows.len(), 2);
    let attr = |e: &Element, a: &str| e.get_attribute(a).unwrap_or_default();
    assert_eq!(attr(&rows[0], "data-issuer-id"), "CLOUD");
    assert_eq!(attr(&rows[0], "data-tax-rate"), "0.06");
    assert_eq!(attr(&rows[0], "data-account-ids"), format!("{MAIN},{RND}"));
    assert_eq!(attr(&rows[0], "data-amount"), "10931.60");
    assert!(rows[0].text_content().unwrap().contains("Cloud Co."));
    assert!(rows[0].text_content().unwrap().contains("6%"));
    assert!(rows[1].text_content().unwrap().contains("13%"));
    assert!(rows[1].text_content().unwrap().contains("¥1,000.05"));
    assert_eq!(text(&root, "[data-testid=split-total]"), "¥11,931.65");
}

#[wasm_bindgen_test]
async fn r15_the_mode_is_offered_only_for_records_of_several_accounts() {
    let (root, flow) = mount();
    flow.receive_preview(Ok(preview(
        vec![invoice("CLOUD", "0.06", &[MAIN], "10.00")],
        "10.00",
    )));
    tick().await;
    assert!(root
        .query_selector("[data-testid=mode-independent]")
        .unwrap()
        .is_none());
    flow.receive_preview(Ok(preview(
        vec![
            invoice("CLOUD", "0.06", &[MAIN], "10.00"),
            invoice("CLOUD", "0.06", &[RND], "20.00"),
        ],
        "30.00",
    )));
    tick().await;
    let independent = find(&root, "[data-testid=mode-independent]");
    assert_eq!(independent.get_attribute("type").as_deref(), Some("radio"));
    assert!(root
        .query_selector("[data-testid=mode-consolidated]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn r16_a_difference_from_the_apps_split_is_shown_with_both_amounts() {
    let (root, flow) = mount();
    let server = invoice("CLOUD", "0.06", &[MAIN], "100.00");
    flow.show_preview(PreviewView {
        preview: preview(vec![server.clone()], "100.00"),
        differences: vec![SplitDifference::Amount {
            server,
            ours: Money::parse_contract("99.99").unwrap(),
        }],
    });
    tick().await;
    let alert = find(&root, "[data-testid=split-differences]");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    let said = alert.text_content().unwrap();
    assert!(
        said.contains("¥100.00") && said.contains("¥99.99"),
        "{said}"
    );
    assert!(said.contains("Cloud Co."), "{said}");
}

#[wasm_bindgen_test]
async fn r30_a_failed_preview_says_what_failed_and_offers_retry() {
    let (root, flow) = mount();
    flow.receive_preview(Err(ApiError::Network("offline".into())));
    tick().await;
    let alert = find(&root, "[data-testid=refusal]");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert!(root
        .query_selector("[data-testid=retry]")
        .unwrap()
        .is_some());
    let next: web_sys::HtmlButtonElement = find(&root, "[data-testid=to-details]").unchecked_into();
    assert!(next.disabled());
}

#[wasm_bindgen_test]
async fn r23_a_refusal_is_said_in_words_with_the_records_it_names() {
    let (root, flow) = mount();
    let mut problem = Problem::new(
        422,
        "CANDIDATE_ALREADY_INVOICED",
        "Record already invoiced",
        "服务端文字",
    );
    problem.errors.push(ProblemError {
        field: Some("/candidateIds/5".into()),
        code: "CANDIDATE_ALREADY_INVOICED".into(),
        message: "服务端文字".into(),
        candidate_id: Some("cand-0022".into()),
        account_id: None,
        issuer_id: None,
        amount: None,
    });
    flow.receive_preview(Err(ApiError::from_problem(problem)));
    tick().await;
    let said = text(&root, "[data-testid=refusal]");
    assert!(said.contains("invoiced by another application"), "{said}");
    assert!(said.contains("cand-0022"), "{said}");
    assert!(
        !said.contains("服务端文字"),
        "a known code is translated: {said}"
    );
    assert!(root
        .query_selector("[data-testid=drop-records]")
        .unwrap()
        .is_some());
}
