//! Browser tests of the grid as a windowed WAI-ARIA treegrid (R06, R07, R09, R29): what is in
//! the DOM, its ARIA attributes, the keyboard, and select all.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoicing::api::Basis;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn only_the_rows_in_view_are_drawn_whatever_the_number_of_families() {
    let root = mount_grid(many(10_000));
    frames().await;
    let drawn = drawn_rows(&root).len();
    assert!(
        drawn > 10 && drawn < 40,
        "{drawn} rows drawn for a 600 px box"
    );
    let grid = find(&root, "[data-testid=family-grid]");
    assert_eq!(
        grid.get_attribute("aria-rowcount").as_deref(),
        Some("10001")
    );

    let v = viewport(&root);
    v.set_scroll_top(v.scroll_height());
    frames().await;
    let rows = drawn_rows(&root);
    assert!(rows.len() < 40);
    let last = rows.last().unwrap();
    assert_eq!(last.get_attribute("data-doc-id").as_deref(), Some("f9999"));
    assert_eq!(
        last.get_attribute("aria-rowindex").as_deref(),
        Some("10001")
    );
}

#[wasm_bindgen_test]
async fn r29_rows_carry_level_position_selection_and_expansion() {
    let root = mount_grid(many(4));
    frames().await;
    let grid = find(&root, "[data-testid=family-grid]");
    assert_eq!(grid.get_attribute("role").as_deref(), Some("treegrid"));
    assert_eq!(
        grid.get_attribute("aria-multiselectable").as_deref(),
        Some("true")
    );
    assert_eq!(grid.get_attribute("aria-rowcount").as_deref(), Some("5"));
    let f0 = find(&root, "[role=row][data-doc-id=f0]");
    assert_eq!(f0.get_attribute("aria-level").as_deref(), Some("1"));
    assert_eq!(f0.get_attribute("aria-rowindex").as_deref(), Some("2"));
    assert_eq!(f0.get_attribute("aria-selected").as_deref(), Some("false"));
    assert_eq!(f0.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(
        find(&root, "[role=row][data-doc-id=f1]").get_attribute("aria-expanded"),
        None
    );

    expand_button(&root, "f0").click();
    checkbox(&root, "f0").click();
    frames().await;
    assert_eq!(grid.get_attribute("aria-rowcount").as_deref(), Some("7"));
    let negative = find(&root, "[role=row][data-doc-id=f0-n1]");
    assert_eq!(negative.get_attribute("aria-level").as_deref(), Some("2"));
    assert_eq!(
        negative.get_attribute("aria-rowindex").as_deref(),
        Some("4")
    );
    assert_eq!(
        negative.get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    let f1 = find(&root, "[role=row][data-doc-id=f1]");
    assert_eq!(f1.get_attribute("aria-rowindex").as_deref(), Some("5"));
    let heights: Vec<i32> = drawn_rows(&root)
        .iter()
        .map(|r| r.unchecked_ref::<HtmlElement>().offset_height())
        .collect();
    assert!(
        heights.windows(2).all(|w| w[0] == w[1]),
        "one row height: {heights:?}"
    );
}

#[wasm_bindgen_test]
async fn r05_a_family_that_cannot_be_checked_links_its_reason_to_its_checkbox() {
    let root = mount_grid(vec![candidate(
        "b",
        "CLOUD",
        "5.00",
        &[],
        "not_invoiceable",
    )]);
    frames().await;
    let cb = checkbox(&root, "b");
    let id = cb
        .get_attribute("aria-describedby")
        .expect("described by its reason");
    let reason = root
        .query_selector(&format!("#{id}"))
        .unwrap()
        .expect("the reason exists");
    assert_eq!(
        reason.get_attribute("data-testid").as_deref(),
        Some("row-reason")
    );
}

#[wasm_bindgen_test]
async fn r29_keys_move_expand_collapse_and_toggle_with_a_roving_tabindex() {
    let root = mount_grid(many(100));
    frames().await;
    let tabbable = root.query_selector_all("[role=row][tabindex='0']").unwrap();
    assert_eq!(tabbable.length(), 1, "one tab stop in the grid");
    find(&root, "[role=row][data-doc-id=f0]")
        .unchecked_into::<HtmlElement>()
        .focus()
        .unwrap();
    press(&root, "ArrowRight");
    frames().await;
    assert!(
        root.query_selector("[data-doc-id=f0-n0]")
            .unwrap()
            .is_some(),
        "Right expands"
    );
    press(&root, "ArrowRight");
    frames().await;
    assert_eq!(
        focused_row(),
        Some(("3".into(), "f0-n0".into())),
        "Right moves into the negatives"
    );
    press(&root, " ");
    frames().await;
    assert!(
        checkbox(&root, "f0").checked(),
        "Space toggles the whole family"
    );
    assert!(checkbox(&root, "f0-n1").checked());
    press(&root, "ArrowLeft");
    frames().await;
    assert_eq!(
        focused_row(),
        Some(("2".into(), "f0".into())),
        "Left goes to the original"
    );
    press(&root, "ArrowLeft");
    frames().await;
    assert!(
        root.query_selector("[data-doc-id=f0-n0]")
            .unwrap()
            .is_none(),
        "Left collapses"
    );
    press(&root, "ArrowDown");
    frames().await;
    assert_eq!(focused_row(), Some(("3".into(), "f1".into())));
    press(&root, "End");
    frames().await;
    assert_eq!(
        focused_row(),
        Some(("101".into(), "f99".into())),
        "End reaches the last row"
    );
    press(&root, "PageUp");
    frames().await;
    let (index, _) = focused_row().expect("focus stays on a row");
    assert!(index.parse::<u32>().unwrap() < 101);
    press(&root, "Home");
    frames().await;
    assert_eq!(focused_row(), Some(("2".into(), "f0".into())));
    let tabbable = root.query_selector_all("[role=row][tabindex='0']").unwrap();
    assert_eq!(tabbable.length(), 1);
}

#[wasm_bindgen_test]
async fn r29_scrolling_away_keeps_the_focus_on_a_drawn_row() {
    let root = mount_grid(many(2_000));
    frames().await;
    find(&root, "[role=row][data-doc-id=f0]")
        .unchecked_into::<HtmlElement>()
        .focus()
        .unwrap();
    let v = viewport(&root);
    v.set_scroll_top(36 * 1000);
    frames().await;
    let (index, _) = focused_row().expect("the focus did not fall to the body");
    assert!(
        index.parse::<u32>().unwrap() > 900,
        "focus moved with the view: {index}"
    );
}

#[wasm_bindgen_test]
async fn r09_select_all_checks_every_checkable_family_and_shows_three_states() {
    let mut families = many(500);
    families.push(candidate(
        "blocked",
        "CLOUD",
        "5.00",
        &[],
        "not_invoiceable",
    ));
    let (root, store) = mount_grid_with_store(families);
    frames().await;
    let all: HtmlInputElement = find(&root, "[data-testid=select-all]").unchecked_into();
    assert!(!all.checked() && !all.indeterminate());
    all.click();
    frames().await;
    assert!(all.checked() && !all.indeterminate());
    assert_eq!(text(&root, "[data-testid=summary-count]"), "500");
    assert_eq!(text(&root, "[data-testid=summary-net]"), "¥4,749.50");
    assert_eq!(store.basis(), Basis::Order);
    checkbox(&root, "f1").click();
    frames().await;
    assert!(!all.checked() && all.indeterminate(), "mixed");
    all.click();
    frames().await;
    assert!(all.checked());
    all.click();
    frames().await;
    assert!(!all.checked() && !all.indeterminate());
    assert_eq!(text(&root, "[data-testid=summary-count]"), "0");
}

#[wasm_bindgen_test]
async fn r09_select_all_while_pages_load_selects_the_later_pages_too_and_says_so() {
    let (root, store) = mount_grid_with_store(vec![]);
    store.begin_load();
    store.receive_page(many(3), 6).unwrap();
    frames().await;
    let progress = find(&root, "[data-testid=load-progress]");
    assert_eq!(
        progress.get_attribute("aria-valuenow").as_deref(),
        Some("3")
    );
    assert_eq!(
        progress.get_attribute("aria-valuemax").as_deref(),
        Some("6")
    );
    find(&root, "[data-testid=select-all]")
        .unchecked_into::<HtmlElement>()
        .click();
    frames().await;
    let notice = text(&root, "[data-testid=select-all-notice]");
    assert!(
        notice.contains("will be selected as they arrive"),
        "{notice}"
    );
    let later: Vec<_> = many(6).into_iter().skip(3).collect();
    store.receive_page(later, 6).unwrap();
    store.finish_load();
    frames().await;
    assert_eq!(text(&root, "[data-testid=summary-count]"), "6");
    assert!(root
        .query_selector("[data-testid=load-progress]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn r07_families_a_reload_unchecks_are_announced() {
    let (root, store) = mount_grid_with_store(many(3));
    frames().await;
    checkbox(&root, "f0").click();
    checkbox(&root, "f1").click();
    checkbox(&root, "f2").click();
    frames().await;
    let mut reloaded = many(2);
    reloaded[0] = candidate("f0", "CLOUD", "10.00", &[], "not_invoiceable");
    store.replace(issuers(), reloaded);
    frames().await;
    let notice = text(&root, "[data-testid=selection-notice]");
    assert!(
        notice.contains("1 checked order is no longer invoiceable and was unchecked")
            && notice.contains("1 checked order is no longer listed and was unchecked"),
        "{notice}"
    );
    assert_eq!(text(&root, "[data-testid=summary-count]"), "1");
}
