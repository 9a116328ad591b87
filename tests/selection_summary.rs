//! Browser tests of the summary's arrears (R12, R13): the arrears, the amount to invoice and
//! how much more must be selected, over in-memory families and a session.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::components::{FamilyGrid, SelectionSummary};
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{FamilyStore, Session};
use invoicing::api::{Basis, InvoiceCandidate};
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

/// An enterprise owner who sees the main account and the R&D centre; the R&D centre owes
/// `rnd_owes` to CLOUD.
fn session(rnd_owes: &str, offsetting: bool) -> Session {
    serde_json::from_value::<invoicing::api::ProfileResponse>(serde_json::json!({
        "accountId": MAIN, "accountName": "Main", "realName": "enterprise", "role": "owner",
        "enterprise": {"id": "ent-1", "name": "Ent", "arrearsOffsetEnabled": offsetting},
        "csrfToken": "k6T1pQ9xWc3vZr8LmN2bYh4sJd7FgE0a"
    }))
    .map(|p| Session {
        profile: p.profile,
        csrf_token: p.csrf_token,
        accounts: serde_json::from_value(serde_json::json!([
            {"id": MAIN, "name": "Main", "arrears": []},
            {"id": RND, "name": "R&D centre", "arrears": [
                {"issuerId": "CLOUD", "amount": rnd_owes, "currency": "CNY"}]}
        ]))
        .unwrap(),
    })
    .unwrap()
}

fn of(account: &str, mut c: InvoiceCandidate) -> InvoiceCandidate {
    c.account_id = account.to_owned();
    c
}

/// ¥1,000.00 of the main account and ¥100.00 of the R&D centre with CLOUD; ¥50.00 with COMM.
fn families() -> Vec<InvoiceCandidate> {
    vec![
        of(
            MAIN,
            candidate("main-1", "CLOUD", "1000.00", &[], "invoiceable"),
        ),
        of(
            RND,
            candidate(
                "rnd-1",
                "CLOUD",
                "180.00",
                &[("rnd-1-n", "-80.00")],
                "invoiceable",
            ),
        ),
        of(RND, candidate("rnd-2", "COMM", "50.00", &[], "invoiceable")),
    ]
}

/// Mounts the grid and the summary with a session signal; returns the root and the signal.
fn mount(session: Option<Session>) -> (Element, RwSignal<Option<Session>>) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let store = FamilyStore::new(Basis::Order);
        store.replace(issuers(), families());
        let signal = RwSignal::new(session);
        out.set(Some(signal));
        view! {
            <FamilyGrid store/>
            <SelectionSummary store session=signal/>
        }
    })
    .forget();
    (root, slot.get().expect("mounted"))
}

fn shortfalls(root: &Element) -> Vec<String> {
    let list = root
        .query_selector_all("[data-testid=arrears-shortfall]")
        .unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap())
        .collect()
}

#[wasm_bindgen_test]
async fn r12_summary_shows_the_arrears_and_the_amount_to_invoice() {
    let (root, _) = mount(Some(session("40.00", false)));
    tick().await;
    checkbox(&root, "rnd-1").click();
    tick().await;
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥100.00");
    assert_eq!(text(&root, "[data-testid=summary-arrears]"), "¥40.00");
    assert_eq!(text(&root, "[data-testid=summary-to-invoice]"), "¥60.00");
    assert!(shortfalls(&root).is_empty());
}

#[wasm_bindgen_test]
async fn r12_uncovered_arrears_say_how_much_more_must_be_selected() {
    let (root, _) = mount(Some(session("100.00", false)));
    tick().await;
    checkbox(&root, "rnd-1").click();
    tick().await;
    // A net equal to the arrears does not cover them.
    assert_eq!(text(&root, "[data-testid=summary-to-invoice]"), "¥0.00");
    let short = shortfalls(&root);
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(
        short[0].contains("Cloud Co.") && short[0].contains("¥0.00"),
        "{short:?}"
    );
    checkbox(&root, "rnd-1").click();
    tick().await;
    assert!(shortfalls(&root).is_empty());
}

#[wasm_bindgen_test]
async fn r13_offsetting_closed_another_accounts_records_do_not_cover_the_arrears() {
    let (root, _) = mount(Some(session("500.00", false)));
    tick().await;
    checkbox(&root, "main-1").click();
    checkbox(&root, "rnd-1").click();
    tick().await;
    let short = shortfalls(&root);
    assert_eq!(short.len(), 1, "{short:?}");
    assert!(
        short[0].contains("R&D centre"),
        "names the account: {short:?}"
    );
    assert!(short[0].contains("¥400.00"), "{short:?}");
    assert_eq!(text(&root, "[data-testid=summary-arrears]"), "¥500.00");
    assert_eq!(text(&root, "[data-testid=summary-to-invoice]"), "¥1,000.00");
}

#[wasm_bindgen_test]
async fn r13_offsetting_open_another_accounts_records_cover_the_arrears() {
    let (root, _) = mount(Some(session("500.00", true)));
    tick().await;
    checkbox(&root, "main-1").click();
    checkbox(&root, "rnd-1").click();
    tick().await;
    assert!(shortfalls(&root).is_empty());
    assert_eq!(text(&root, "[data-testid=summary-to-invoice]"), "¥600.00");
}

#[wasm_bindgen_test]
async fn r12_each_entity_line_shows_its_arrears_and_amount_to_invoice() {
    let (root, _) = mount(Some(session("40.00", true)));
    tick().await;
    checkbox(&root, "rnd-1").click();
    checkbox(&root, "rnd-2").click();
    tick().await;
    let entity = |issuer: &str, hook: &str| {
        text(
            &root,
            &format!("[data-testid=summary-entity][data-issuer-id={issuer}] [data-testid={hook}]"),
        )
    };
    assert_eq!(entity("CLOUD", "summary-arrears"), "¥40.00");
    assert_eq!(entity("CLOUD", "summary-to-invoice"), "¥60.00");
    assert_eq!(entity("COMM", "summary-arrears"), "¥0.00");
    assert_eq!(entity("COMM", "summary-to-invoice"), "¥50.00");
    assert_eq!(text(&root, "[data-testid=summary-to-invoice]"), "¥110.00");
}

#[wasm_bindgen_test]
async fn no_arrears_lines_until_the_session_has_arrived() {
    let (root, session_signal) = mount(None);
    tick().await;
    checkbox(&root, "rnd-1").click();
    tick().await;
    assert!(root
        .query_selector("[data-testid=summary-arrears]")
        .unwrap()
        .is_none());
    session_signal.set(Some(session("40.00", false)));
    tick().await;
    assert_eq!(text(&root, "[data-testid=summary-arrears]"), "¥40.00");
}

#[wasm_bindgen_test]
async fn r04_summary_counts_selected_families_the_filter_hides() {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let store = FamilyStore::new(Basis::Order);
        store.replace(issuers(), families());
        out.set(Some(store));
        view! {
            <FamilyGrid store/>
            <SelectionSummary store/>
        }
    })
    .forget();
    let store = slot.get().expect("mounted");
    tick().await;
    checkbox(&root, "rnd-2").click();
    tick().await;
    assert!(root
        .query_selector("[data-testid=summary-hidden]")
        .unwrap()
        .is_none());
    store.set_filter(invoicing::filter::CandidateFilter {
        issuer_id: Some("CLOUD".into()),
        ..Default::default()
    });
    tick().await;
    assert!(root
        .query_selector("[role=row][data-doc-id='rnd-2']")
        .unwrap()
        .is_none());
    let hidden = text(&root, "[data-testid=summary-hidden]");
    assert!(hidden.starts_with("1 selected family"), "{hidden}");
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥50.00");
    store.set_filter(Default::default());
    tick().await;
    assert!(root
        .query_selector("[data-testid=summary-hidden]")
        .unwrap()
        .is_none());
}
