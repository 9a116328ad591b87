//! What the browser tests share: candidates in the contract's JSON, and the grid mounted with
//! the app's own styles in a box of a fixed size.
#![allow(dead_code)]

use invoice_app::components::{FamilyGrid, LoadProgress, SelectionNotice, SelectionSummary};
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::FamilyStore;
use invoicing::api::{Basis, InvoiceCandidate, Issuer};
use std::cell::Cell;
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub fn candidate(
    id: &str,
    issuer: &str,
    invoiceable: &str,
    negatives: &[(&str, &str)],
    status: &str,
) -> InvoiceCandidate {
    let negatives: Vec<serde_json::Value> = negatives
        .iter()
        .map(|(nid, amount)| {
            serde_json::json!({"id": nid, "originalId": id, "kind": "refund", "businessId": format!("RF-{nid}"),
                "businessTime": "2026-08-21T09:33:11+08:00", "amount": amount})
        })
        .collect();
    let net = invoicing::Money::parse_contract(invoiceable).unwrap()
        + negatives
            .iter()
            .map(|n| invoicing::Money::parse_contract(n["amount"].as_str().unwrap()).unwrap())
            .sum::<invoicing::Money>();
    let blocked = status == "not_invoiceable";
    serde_json::from_value(serde_json::json!({
        "id": id, "basis": "order", "accountId": "1358207642917356", "accountName": "主账号",
        "businessId": format!("B-{id}"), "billingCycle": "2026-08", "businessTime": "2026-08-03T10:15:22+08:00",
        "productCode": "ecs", "productName": "ECS", "issuerId": issuer, "taxRate": "0.06", "currency": "CNY",
        "status": status,
        "notInvoiceableReasonCode": if blocked { Some("ORDER_UNDER_REVIEW") } else { None },
        "notInvoiceableReason": if blocked { Some("under review") } else { None },
        "totalAmount": invoiceable, "invoicedAmount": "0.00", "invoiceableAmount": invoiceable,
        "netAmount": net.to_contract_string(), "negatives": negatives
    }))
    .unwrap()
}

pub fn issuers() -> Vec<Issuer> {
    serde_json::from_value(serde_json::json!([
        {"id": "CLOUD", "name": "Cloud Co.", "taxRates": ["0.06"]},
        {"id": "COMM", "name": "Comm Co.", "taxRates": ["0.06"]}
    ]))
    .unwrap()
}

/// A 1400×600 px `.inv-app` box in the body, styled with the app's `style/main.css`.
pub fn styled_box() -> Element {
    let document = document();
    if document.get_element_by_id("inv-test-style").is_none() {
        let style = document.create_element("style").unwrap();
        style.set_id("inv-test-style");
        style.set_text_content(Some(include_str!("../../style/main.css")));
        document.head().unwrap().append_child(&style).unwrap();
    }
    let wrapper = document.create_element("section").unwrap();
    wrapper.set_class_name("inv-app");
    wrapper
        .set_attribute("style", "height: 600px; width: 1400px")
        .unwrap();
    document.body().unwrap().append_child(&wrapper).unwrap();
    wrapper
}

/// Mounts the progress bar, the notices, the grid and the summary, styled as in the app, in a 600 px tall box over these
/// families; returns the wrapper element and the store.
pub fn mount_grid_with_store(candidates: Vec<InvoiceCandidate>) -> (Element, FamilyStore) {
    let wrapper = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(wrapper.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let store = FamilyStore::new(Basis::Order);
        store.replace(issuers(), candidates);
        out.set(Some(store));
        view! {
            <LoadProgress store/>
            <SelectionNotice store/>
            <FamilyGrid store/>
            <SelectionSummary store/>
        }
    })
    .forget();
    (wrapper, slot.get().expect("mounted"))
}

/// Mounts the grid and the summary over these families; returns the wrapper element.
pub fn mount_grid(candidates: Vec<InvoiceCandidate>) -> Element {
    mount_grid_with_store(candidates).0
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn checkbox(root: &Element, doc_id: &str) -> HtmlInputElement {
    find(
        root,
        &format!("[role=row][data-doc-id='{doc_id}'] input[type=checkbox]"),
    )
    .unchecked_into()
}

/// The "+"/"-" control of a family.
pub fn expand_button(root: &Element, doc_id: &str) -> HtmlElement {
    find(
        root,
        &format!("[role=row][data-doc-id='{doc_id}'] [data-testid=expand-toggle]"),
    )
    .unchecked_into()
}

pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// `n` invoiceable families `f0…`, every third with two negatives `f{i}-n0`, `f{i}-n1`.
pub fn many(n: usize) -> Vec<InvoiceCandidate> {
    (0..n)
        .map(|i| {
            let id = format!("f{i}");
            let (n0, n1) = (format!("{id}-n0"), format!("{id}-n1"));
            let negatives: Vec<(&str, &str)> = if i % 3 == 0 {
                vec![(&n0, "-1.00"), (&n1, "-0.50")]
            } else {
                vec![]
            };
            candidate(&id, "CLOUD", "10.00", &negatives, "invoiceable")
        })
        .collect()
}

/// Every drawn row, in DOM order.
pub fn drawn_rows(root: &Element) -> Vec<Element> {
    let list = root.query_selector_all("[role=row][data-doc-id]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

/// The scroll container of the grid.
pub fn viewport(root: &Element) -> HtmlElement {
    find(root, "[data-testid=grid-viewport]").unchecked_into()
}

/// Presses `key` on whatever has focus (or the grid), as a keyboard would.
pub fn press(root: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target: Element = document()
        .active_element()
        .filter(|a| viewport(root).contains(Some(a)))
        .unwrap_or_else(|| viewport(root).unchecked_into());
    target.dispatch_event(&event).unwrap();
}

/// The element that has focus, if it is a row: its `aria-rowindex` and `data-doc-id`.
pub fn focused_row() -> Option<(String, String)> {
    let active = document().active_element()?;
    Some((
        active.get_attribute("aria-rowindex")?,
        active.get_attribute("data-doc-id")?,
    ))
}

/// Waits for the next two animation frames: renders, scroll events and focus have happened.
pub async fn frames() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window().request_animation_frame(&resolve).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    leptos::task::tick().await;
}
