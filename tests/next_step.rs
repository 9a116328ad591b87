//! Browser tests of "Next" and its reason (R14), alone and fed by a store's selection and a
//! session's arrears (R01, R12).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::components::{FamilyGrid, NextStep};
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{arrears_settlements, selection_readiness, FamilyStore, Session};
use invoicing::api::{Basis, RealNameStatus};
use invoicing::readiness::NotReady;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlButtonElement};

wasm_bindgen_test_configure!(run_in_browser);

fn next(root: &Element) -> HtmlButtonElement {
    find(root, "[data-testid=next]").unchecked_into()
}

/// Mounts `NextStep` over a readiness signal; returns the root, the signal and the click count.
fn mount_alone(
    readiness: Result<(), NotReady>,
) -> (Element, RwSignal<Result<(), NotReady>>, Rc<Cell<u32>>) {
    let root = styled_box();
    let clicks = Rc::new(Cell::new(0));
    let slot = Rc::new(Cell::new(None));
    let (count, out) = (clicks.clone(), slot.clone());
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let signal = RwSignal::new(readiness);
        out.set(Some(signal));
        let count = send_wrapper::SendWrapper::new(count);
        let on_next = Callback::new(move |()| count.set(count.get() + 1));
        view! { <NextStep readiness=signal on_next/> }
    })
    .forget();
    (root, slot.get().expect("mounted"), clicks)
}

#[wasm_bindgen_test]
async fn r14_next_is_disabled_with_its_reason_beside_it() {
    let (root, _, clicks) = mount_alone(Err(NotReady::NothingSelected));
    tick().await;
    let button = next(&root);
    assert!(button.disabled());
    assert_eq!(
        button.get_attribute("aria-disabled").as_deref(),
        Some("true")
    );
    let reason = find(&root, "[data-testid=next-reason]");
    assert_eq!(
        reason.text_content().unwrap(),
        "Select the records to invoice first."
    );
    assert_eq!(reason.get_attribute("aria-live").as_deref(), Some("polite"));
    assert_eq!(button.get_attribute("aria-describedby"), Some(reason.id()));
    button.click();
    assert_eq!(clicks.get(), 0);
}

#[wasm_bindgen_test]
async fn r14_next_is_enabled_for_a_valid_choice_and_goes_on() {
    let (root, readiness, clicks) = mount_alone(Err(NotReady::Loading));
    tick().await;
    readiness.set(Ok(()));
    tick().await;
    let button = next(&root);
    assert!(!button.disabled());
    assert_eq!(
        button.get_attribute("aria-disabled").as_deref(),
        Some("false")
    );
    assert_eq!(text(&root, "[data-testid=next-reason]"), "");
    button.click();
    assert_eq!(clicks.get(), 1);
}

fn session(real_name: RealNameStatus, rnd_owes: &str) -> Session {
    let owner: invoicing::api::ProfileResponse = serde_json::from_value(serde_json::json!({
        "accountId": "1358207642917356", "accountName": "Main", "realName": real_name,
        "role": "owner", "enterprise": null, "csrfToken": "k6T1pQ9xWc3vZr8LmN2bYh4sJd7FgE0a"
    }))
    .unwrap();
    Session {
        profile: owner.profile,
        csrf_token: owner.csrf_token,
        accounts: serde_json::from_value(serde_json::json!([
            {"id": "1358207642917356", "name": "Main", "arrears": [
                {"issuerId": "CLOUD", "amount": rnd_owes, "currency": "CNY"}]}
        ]))
        .unwrap(),
    }
}

/// The grid and "Next" fed by [`selection_readiness`] over a store and a session signal.
fn mount_with_store(session: Option<Session>) -> (Element, RwSignal<Option<Session>>) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let store = FamilyStore::new(Basis::Order);
        store.replace(
            issuers(),
            vec![
                candidate("a", "CLOUD", "100.00", &[], "invoiceable"),
                candidate("b", "CLOUD", "900.00", &[], "invoiceable"),
            ],
        );
        let session = RwSignal::new(session);
        out.set(Some(session));
        let settlements = arrears_settlements(store, session.into());
        let readiness = selection_readiness(store, session.into(), settlements);
        view! {
            <FamilyGrid store/>
            <NextStep readiness on_next=Callback::new(|()| {})/>
        }
    })
    .forget();
    (root, slot.get().expect("mounted"))
}

#[wasm_bindgen_test]
async fn r14_r12_next_follows_the_selection_and_the_arrears() {
    let (root, session_signal) = mount_with_store(None);
    tick().await;
    let reason = || text(&root, "[data-testid=next-reason]");
    assert!(next(&root).disabled());
    assert_eq!(reason(), "Still loading, please wait.");
    session_signal.set(Some(session(RealNameStatus::Individual, "300.00")));
    tick().await;
    assert_eq!(reason(), "Select the records to invoice first.");
    checkbox(&root, "a").click();
    tick().await;
    assert!(next(&root).disabled());
    assert!(reason().contains("¥200.00"), "how much more: {}", reason());
    checkbox(&root, "b").click();
    tick().await;
    assert!(!next(&root).disabled());
    assert_eq!(reason(), "");
}

#[wasm_bindgen_test]
async fn r14_r01_without_real_name_next_never_enables() {
    let (root, _) = mount_with_store(Some(session(RealNameStatus::Unverified, "1.00")));
    tick().await;
    checkbox(&root, "b").click();
    tick().await;
    assert!(next(&root).disabled());
    assert!(text(&root, "[data-testid=next-reason]").contains("real-name"));
}
