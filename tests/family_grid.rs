//! Browser tests of the family grid and the summary, mounted with in-memory families in
//! headless Chromium (run by `cargo xtask test` through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoicing::api::InvoiceCandidate;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn family_with_two_negatives() -> Vec<InvoiceCandidate> {
    vec![
        candidate(
            "cand-1",
            "CLOUD",
            "4380.00",
            &[("neg-1", "-1460.00"), ("neg-2", "-120.50")],
            "invoiceable",
        ),
        candidate("cand-2", "COMM", "1000.01", &[], "invoiceable"),
    ]
}

#[wasm_bindgen_test]
async fn r06_plus_shows_negatives_under_their_original_and_minus_hides_them() {
    let root = mount_grid(family_with_two_negatives());
    tick().await;
    assert!(root
        .query_selector("[data-original-id='cand-1']")
        .unwrap()
        .is_none());
    let row = |root: &Element| find(root, "[role=row][data-doc-id='cand-1']");
    assert_eq!(
        row(&root).get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    expand_button(&root, "cand-1").click();
    tick().await;
    assert_eq!(
        row(&root).get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    let original = row(&root);
    let first = original.next_element_sibling().unwrap();
    assert_eq!(first.get_attribute("data-doc-id").as_deref(), Some("neg-1"));
    assert_eq!(
        first.get_attribute("data-original-id").as_deref(),
        Some("cand-1")
    );
    assert!(first.text_content().unwrap().contains("-¥1,460.00"));
    assert!(first.text_content().unwrap().contains("Refund"));
    let second = first.next_element_sibling().unwrap();
    assert_eq!(
        second.get_attribute("data-doc-id").as_deref(),
        Some("neg-2")
    );
    expand_button(&root, "cand-1").click();
    tick().await;
    assert!(root
        .query_selector("[data-original-id='cand-1']")
        .unwrap()
        .is_none());
    let plain = find(&root, "[role=row][data-doc-id='cand-2']");
    assert_eq!(
        plain.get_attribute("aria-expanded"),
        None,
        "no negatives, nothing to expand"
    );
    assert!(plain
        .query_selector("[data-testid=expand-toggle]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn r07_r10_checking_the_original_checks_its_negatives_and_the_summary_shows_the_exact_net() {
    let root = mount_grid(family_with_two_negatives());
    tick().await;
    expand_button(&root, "cand-1").click();
    tick().await;
    checkbox(&root, "cand-1").click();
    tick().await;
    assert!(checkbox(&root, "cand-1").checked());
    for neg in ["neg-1", "neg-2"] {
        let cb = checkbox(&root, neg);
        assert!(cb.checked(), "{neg} follows its original");
        assert!(cb.disabled(), "{neg} cannot be used alone");
    }
    assert_eq!(text(&root, "[data-testid=summary-count]"), "1");
    assert_eq!(text(&root, "[data-testid=summary-positive]"), "¥4,380.00");
    assert_eq!(text(&root, "[data-testid=summary-negative]"), "-¥1,580.50");
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥2,799.50");

    checkbox(&root, "cand-1").click();
    tick().await;
    assert!(!checkbox(&root, "neg-1").checked());
    assert!(checkbox(&root, "neg-1").disabled());
    assert_eq!(text(&root, "[data-testid=summary-count]"), "0");
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥0.00");
}

#[wasm_bindgen_test]
async fn r07_a_negative_checkbox_changes_nothing_on_its_own() {
    let root = mount_grid(family_with_two_negatives());
    tick().await;
    expand_button(&root, "cand-1").click();
    tick().await;
    checkbox(&root, "neg-1").click();
    tick().await;
    assert!(!checkbox(&root, "neg-1").checked());
    assert!(!checkbox(&root, "cand-1").checked());
    assert_eq!(text(&root, "[data-testid=summary-count]"), "0");
    checkbox(&root, "cand-1").click();
    tick().await;
    checkbox(&root, "neg-2").click();
    tick().await;
    assert!(checkbox(&root, "neg-2").checked());
    assert!(checkbox(&root, "cand-1").checked());
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥2,799.50");
}

#[wasm_bindgen_test]
async fn r05_r08_families_that_cannot_be_checked_say_why_and_stay_unchecked() {
    let root = mount_grid(vec![
        candidate("blocked", "CLOUD", "5400.00", &[], "not_invoiceable"),
        candidate(
            "zero",
            "CLOUD",
            "100.00",
            &[("neg-z", "-100.00")],
            "invoiceable",
        ),
    ]);
    tick().await;
    for id in ["blocked", "zero"] {
        let cb = checkbox(&root, id);
        assert!(cb.disabled(), "{id} must not be checkable");
        cb.click();
        tick().await;
        assert!(!cb.checked());
        let reason = text(
            &root,
            &format!("[role=row][data-doc-id='{id}'] [data-testid=row-reason]"),
        );
        assert!(!reason.trim().is_empty(), "{id} shows its reason");
    }
    assert_eq!(text(&root, "[data-testid=summary-count]"), "0");
}

#[wasm_bindgen_test]
async fn r10_summary_has_a_line_per_invoicing_entity_when_several_are_selected() {
    let root = mount_grid(family_with_two_negatives());
    tick().await;
    checkbox(&root, "cand-1").click();
    tick().await;
    assert!(root
        .query_selector("[data-testid=summary-entity]")
        .unwrap()
        .is_none());
    checkbox(&root, "cand-2").click();
    tick().await;
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥3,799.51");
    assert_eq!(
        text(
            &root,
            "[data-testid=summary-entity][data-issuer-id=CLOUD] [data-testid=summary-net]"
        ),
        "¥2,799.50"
    );
    assert_eq!(
        text(
            &root,
            "[data-testid=summary-entity][data-issuer-id=COMM] [data-testid=summary-net]"
        ),
        "¥1,000.01"
    );
    let clear: HtmlElement = find(&root, "[data-testid=clear-selection]").unchecked_into();
    clear.click();
    tick().await;
    assert_eq!(text(&root, "[data-testid=summary-count]"), "0");
    assert!(!checkbox(&root, "cand-1").checked());
    assert!(!checkbox(&root, "cand-2").checked());
}

#[wasm_bindgen_test]
async fn reloading_keeps_checked_families_and_redraws_changed_ones() {
    let (root, store) = mount_grid_with_store(family_with_two_negatives());
    tick().await;
    expand_button(&root, "cand-1").click();
    checkbox(&root, "cand-1").click();
    checkbox(&root, "cand-2").click();
    tick().await;
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥3,799.51");

    // The backend now says cand-2 is smaller and cand-1's family is unchanged.
    let mut reloaded = family_with_two_negatives();
    reloaded[1] = candidate("cand-2", "COMM", "900.00", &[], "invoiceable");
    store.replace(issuers(), reloaded);
    tick().await;
    assert!(
        checkbox(&root, "cand-1").checked(),
        "an unchanged family stays checked"
    );
    assert!(
        checkbox(&root, "neg-1").checked(),
        "and stays expanded with its negatives"
    );
    assert!(
        checkbox(&root, "cand-2").checked(),
        "a changed family stays checked"
    );
    let cand2 = find(&root, "[role=row][data-doc-id='cand-2']")
        .text_content()
        .unwrap();
    assert!(
        cand2.contains("¥900.00"),
        "the changed amount is shown: {cand2}"
    );
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥3,699.50");

    // Rows drawn anew still answer clicks.
    checkbox(&root, "cand-2").click();
    tick().await;
    assert!(!checkbox(&root, "cand-2").checked());
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥2,799.50");
}
