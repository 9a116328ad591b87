//! Browser tests of step 4 (R17–R20): the titles offered (never an enterprise title to an
//! individual), the types a title allows (paper only for the special invoice with a complete
//! enterprise title, then an address instead of e-mails), each e-mail problem its own alert, and
//! Submit only for complete details.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::components::Step4Details;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{ApplicationFlow, FlowStep, PreviewView, Session};
use invoicing::application::{ApplicationBasis, ApplicationPreview};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const MAIN: &str = "1358207642917356";

fn session(real_name: &str) -> Session {
    let profile: invoicing::api::ProfileResponse = serde_json::from_value(serde_json::json!({
        "accountId": MAIN, "accountName": "Main", "realName": real_name,
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

/// The contract's two titles, and an enterprise title without a bank account.
fn titles() -> Vec<InvoiceTitle> {
    serde_json::from_value(serde_json::json!([
        {"id": "ttl-1001", "title": "杭州青禾数据科技有限公司", "titleType": "enterprise",
         "taxId": "91330106MA2H7Q3X5K", "bankName": "招商银行", "bankAccount": "571908765410801",
         "registeredAddress": "杭州市文三路478号", "registeredPhone": "0571-88236715", "isDefault": true},
        {"id": "ttl-1002", "title": "张明远", "titleType": "individual", "taxId": null,
         "bankName": null, "bankAccount": null, "registeredAddress": null,
         "registeredPhone": null, "isDefault": false},
        {"id": "ttl-1003", "title": "不完整公司", "titleType": "enterprise", "taxId": "9133",
         "bankName": "银行", "bankAccount": null, "registeredAddress": "地址",
         "registeredPhone": "0571", "isDefault": false}
    ]))
    .unwrap()
}

fn addresses() -> Vec<MailingAddress> {
    serde_json::from_value(serde_json::json!([
        {"id": "adr-2001", "recipient": "李晓婷", "phone": "13957112846", "province": "浙江省",
         "city": "杭州市", "district": "西湖区", "street": "文三路478号", "postalCode": "310012",
         "isDefault": true}
    ]))
    .unwrap()
}

fn mount(real_name: &str) -> (Element, ApplicationFlow) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    let session = session(real_name);
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let flow = ApplicationFlow::manual(session, ApplicationBasis::Order);
        let preview: ApplicationPreview = serde_json::from_value(serde_json::json!({
            "basis": "order", "mode": "independent", "currency": "CNY", "totalAmount": "10.00",
            "issuers": [], "invoices": [
                {"issuerId": "CLOUD", "taxRate": "0.06", "accountIds": [MAIN], "amount": "10.00"}]
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

fn options(root: &Element, testid: &str) -> Vec<String> {
    let list = find(root, &format!("[data-testid={testid}]"))
        .query_selector_all("option")
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<Element>()
                .get_attribute("value")
                .unwrap_or_default()
        })
        .collect()
}

fn choose(root: &Element, testid: &str, value: &str) {
    let select: HtmlSelectElement = find(root, &format!("[data-testid={testid}]")).unchecked_into();
    select.set_value(value);
    fire(&select, "change");
}

/// A bubbling event, as the browser sends it (the app listens on the document).
fn fire(target: &web_sys::EventTarget, name: &str) {
    let event = web_sys::Event::new(name).unwrap();
    event.init_event_with_bubbles(name, true);
    target.dispatch_event(&event).unwrap();
}

fn type_emails(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = find(root, "[data-testid=emails]").unchecked_into();
    area.set_value(text);
    fire(&area, "input");
}

fn alerts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into::<Element>())
        .filter(|e| e.get_attribute("role").as_deref() == Some("alert"))
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn r18_an_individual_is_never_offered_an_enterprise_title() {
    let (root, _) = mount("individual");
    tick().await;
    assert_eq!(options(&root, "title-select"), ["ttl-1002"]);
    let (root, _) = mount("enterprise");
    tick().await;
    assert_eq!(
        options(&root, "title-select"),
        ["ttl-1001", "ttl-1002", "ttl-1003"]
    );
}

#[wasm_bindgen_test]
async fn r19_paper_only_for_a_special_invoice_with_a_complete_enterprise_title() {
    let (root, _) = mount("enterprise");
    tick().await;
    assert_eq!(
        options(&root, "invoice-type"),
        ["general_electronic", "special_electronic", "special_paper"]
    );
    choose(&root, "title-select", "ttl-1003");
    tick().await;
    assert_eq!(
        options(&root, "invoice-type"),
        ["general_electronic"],
        "incomplete tax data"
    );
    choose(&root, "title-select", "ttl-1002");
    tick().await;
    assert_eq!(
        options(&root, "invoice-type"),
        ["general_electronic"],
        "an individual title"
    );

    choose(&root, "title-select", "ttl-1001");
    tick().await;
    choose(&root, "invoice-type", "special_paper");
    tick().await;
    assert!(root
        .query_selector("[data-testid=emails]")
        .unwrap()
        .is_none());
    assert_eq!(options(&root, "address-select"), ["adr-2001"]);
}

#[wasm_bindgen_test]
async fn r20_each_email_problem_is_its_own_alert() {
    let (root, flow) = mount("enterprise");
    tick().await;
    type_emails(&root, "a@qinghe.example, not-an-address, A@qinghe.example");
    tick().await;
    let said = alerts(&root, "[data-testid=email-problem]");
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(said[0].contains("not-an-address"), "{said:?}");
    assert!(said[1].contains("given twice"), "{said:?}");
    assert!(!flow.details_complete());
    let submit = find(&root, "[data-testid=submit]");
    assert_eq!(
        submit.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );

    let six: Vec<String> = (0..6).map(|i| format!("u{i}@qinghe.example")).collect();
    type_emails(&root, &six.join(","));
    tick().await;
    let said = alerts(&root, "[data-testid=email-problem]");
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains("At most 5"), "{said:?}");
}

#[wasm_bindgen_test]
async fn r17_complete_details_enable_submit() {
    let (root, flow) = mount("enterprise");
    tick().await;
    type_emails(&root, "finance@qinghe.example");
    tick().await;
    assert!(alerts(&root, "[data-testid=email-problem]").is_empty());
    let submit = find(&root, "[data-testid=submit]");
    assert_eq!(
        submit.get_attribute("aria-disabled").as_deref(),
        Some("false")
    );
    assert!(flow.details_complete());
}
