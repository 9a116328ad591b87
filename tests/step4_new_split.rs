//! Browser tests of a submission refused with the server's current split (R16, R23):
//! `STALE_AMOUNTS` (same groups, new amounts) and `SPLIT_MISMATCH` (other groups) replace the
//! invoices of step 4 with `expectedInvoices`, say so in an alert, and keep what was typed for
//! every invoice group that is still there.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::api::ApiError;
use invoice_app::components::Step4Details;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{
    ApplicationFlow, FlowStep, PreviewState, PreviewView, Session, SubmitState,
};
use invoicing::api::Problem;
use invoicing::application::{
    ApplicationBasis, ApplicationPreview, ApplicationProblem, PlannedInvoice,
};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const MAIN: &str = "1358207642917356";

fn session() -> Session {
    let profile: invoicing::api::ProfileResponse = serde_json::from_value(serde_json::json!({
        "accountId": MAIN, "accountName": "Main", "realName": "enterprise",
        "role": "owner", "enterprise": null, "csrfToken": "k6T1pQ9xWc3vZr8LmN2bYh4sJd7FgE0a"
    }))
    .unwrap();
    Session {
        profile: profile.profile,
        csrf_token: profile.csrf_token,
        accounts: serde_json::from_value(serde_json::json!([
            {"id": MAIN, "name": "Main", "arrears": []}
        ]))
        .unwrap(),
    }
}

fn titles() -> Vec<InvoiceTitle> {
    serde_json::from_value(serde_json::json!([
        {"id": "ttl-1001", "title": "杭州青禾数据科技有限公司", "titleType": "enterprise",
         "taxId": "91330106MA2H7Q3X5K", "bankName": "招商银行", "bankAccount": "571908765410801",
         "registeredAddress": "杭州市文三路478号", "registeredPhone": "0571-88236715", "isDefault": true}
    ]))
    .unwrap()
}

fn addresses() -> Vec<MailingAddress> {
    Vec::new()
}

fn invoice(issuer: &str, amount: &str) -> PlannedInvoice {
    serde_json::from_value(serde_json::json!(
        {"issuerId": issuer, "taxRate": "0.06", "accountIds": [MAIN], "amount": amount}
    ))
    .unwrap()
}

/// Step 4 of two invoices: CLOUD ¥10.00 and COMM ¥5.00.
fn mount() -> (Element, ApplicationFlow) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let flow = ApplicationFlow::manual(session(), ApplicationBasis::Order);
        let preview: ApplicationPreview = serde_json::from_value(serde_json::json!({
            "basis": "order", "mode": "independent", "currency": "CNY", "totalAmount": "15.00",
            "issuers": [], "invoices": [invoice("CLOUD", "10.00"), invoice("COMM", "5.00")]
        }))
        .unwrap();
        flow.show_preview(PreviewView {
            preview,
            differences: vec![],
        });
        flow.receive_reference(Ok((titles(), addresses())));
        flow.show_step(FlowStep::Details);
        out.set(Some(flow));
        view! { <Step4Details flow issuers=issuers()/> }
    })
    .forget();
    (root, slot.get().expect("mounted"))
}

fn textareas(root: &Element) -> Vec<HtmlTextAreaElement> {
    let list = root.query_selector_all("[data-testid=emails]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// Types `text` into the `at`-th invoice's e-mail list, as the user does.
fn type_emails(root: &Element, at: usize, text: &str) {
    let area = &textareas(root)[at];
    area.focus().unwrap();
    area.set_value(text);
    let event = web_sys::Event::new("input").unwrap();
    event.init_event_with_bubbles("input", true);
    area.dispatch_event(&event).unwrap();
}

fn emails(root: &Element) -> Vec<String> {
    textareas(root).iter().map(|a| a.value()).collect()
}

/// Each invoice form's text (its group and amount among it).
fn forms(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all("[data-testid=invoice-form]")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

/// The backend's refusal `code` with `expected` as `expectedInvoices`.
fn refusal(code: &str, expected: Vec<PlannedInvoice>) -> ApiError {
    let problem: Problem = serde_json::from_value(serde_json::json!({
        "type": "/problems/stale-amounts", "title": "Amounts changed", "status": 422,
        "detail": "The amounts have changed.", "code": code, "errors": []
    }))
    .unwrap();
    ApiError::Problem(Box::new(ApplicationProblem {
        problem,
        expected_invoices: Some(expected),
    }))
}

/// The invoices the flow's preview holds now.
fn previewed(flow: ApplicationFlow) -> Vec<PlannedInvoice> {
    match flow.preview().get_untracked() {
        PreviewState::Ready(view) => view.preview.invoices,
        other => panic!("no preview: {other:?}"),
    }
}

/// Both invoices hold the e-mails typed for them, in the flow and on the page.
fn assert_both_typed(root: &Element, flow: ApplicationFlow) {
    let typed: Vec<String> = flow
        .entries()
        .get_untracked()
        .into_iter()
        .map(|e| e.emails)
        .collect();
    let want = ["cloud@qinghe.example", "comm@qinghe.example"];
    assert_eq!(typed, want);
    assert_eq!(emails(root), want);
}

fn new_split_alert(root: &Element) -> Option<String> {
    root.query_selector("[data-testid=new-split]")
        .unwrap()
        .filter(|e| e.get_attribute("role").as_deref() == Some("alert"))
        .map(|e| e.text_content().unwrap_or_default())
}

#[wasm_bindgen_test]
async fn r23_stale_amounts_show_the_new_split_and_keep_each_invoices_details() {
    let (root, flow) = mount();
    tick().await;
    type_emails(&root, 0, "cloud@qinghe.example");
    type_emails(&root, 1, "comm@qinghe.example");
    tick().await;
    assert_both_typed(&root, flow);
    // Typing does not draw the forms anew: the field keeps the focus (R29).
    let focused = document().active_element().expect("a focused element");
    assert_eq!(
        focused.get_attribute("data-testid").as_deref(),
        Some("emails")
    );
    assert!(focused.is_same_node(Some(&textareas(&root)[1])));
    assert!(new_split_alert(&root).is_none());

    let expected = vec![invoice("CLOUD", "8.00"), invoice("COMM", "5.00")];
    flow.receive_submission(Err(refusal("STALE_AMOUNTS", expected.clone())));
    tick().await;

    let alert = new_split_alert(&root).expect("R23: the new split is announced");
    assert!(alert.contains("amounts have changed"), "{alert}");
    assert_eq!(previewed(flow), expected);
    let shown = forms(&root);
    assert_eq!(shown.len(), 2);
    assert!(shown[0].contains("¥8.00"), "R16: the new amount: {shown:?}");
    assert!(!shown[0].contains("¥10.00"), "{shown:?}");
    assert!(shown[1].contains("¥5.00"), "{shown:?}");
    // R22: what was typed is kept per invoice.
    assert_both_typed(&root, flow);
    assert!(matches!(
        flow.submit_state().get_untracked(),
        SubmitState::Refused(_)
    ));
    assert!(flow.details_complete(), "ready to submit again");
}

#[wasm_bindgen_test]
async fn r23_split_mismatch_keeps_the_details_of_the_groups_still_there() {
    let (root, flow) = mount();
    tick().await;
    type_emails(&root, 0, "cloud@qinghe.example");
    type_emails(&root, 1, "comm@qinghe.example");
    tick().await;

    // The server has only the COMM group now, listed first.
    let expected = vec![invoice("COMM", "5.00")];
    flow.receive_submission(Err(refusal("SPLIT_MISMATCH", expected.clone())));
    tick().await;
    tick().await;

    assert!(new_split_alert(&root).is_some());
    assert_eq!(previewed(flow), expected);
    let shown = forms(&root);
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(shown[0].contains("¥5.00"), "{shown:?}");
    assert_eq!(emails(&root), ["comm@qinghe.example"]);
}
