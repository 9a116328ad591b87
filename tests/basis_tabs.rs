//! Browser tests of the basis tabs (R03) in headless Chromium: the WAI-ARIA tabs pattern
//! (roles, states, ids, roving tabindex, keys) and each tab keeping its own state while the
//! user moves between them; and the real-name notice (R01).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::components::{BasisTab, BasisTabs, FamilyGrid, RealNameNotice};
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::FamilyStore;
use invoicing::api::Basis;
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// What a test gets back: the wrapper, the shown tab, and the two grids' stores.
struct Mounted {
    root: Element,
    active: RwSignal<BasisTab>,
    orders: FamilyStore,
    bills: FamilyStore,
}

/// Mounts the tabs, styled as in the app, in a 600 px tall box: a grid of `orders` families
/// and one of 3 bills in the first two panels, a text field in the third.
fn mount_tabs(orders: usize) -> Mounted {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let order_store = FamilyStore::new(Basis::Order);
        order_store.replace(issuers(), many(orders));
        let bill_store = FamilyStore::new(Basis::Bill);
        bill_store.replace(issuers(), many(3));
        let active = RwSignal::new(BasisTab::Order);
        out.set(Some((active, order_store, bill_store)));
        view! {
            <section class="inv-page">
                <BasisTabs
                    active
                    order=move || view! { <FamilyGrid store=order_store/> }
                    bill=move || view! { <FamilyGrid store=bill_store/> }
                    amount=move || view! {
                        <label>"Amount" <input type="text" data-testid="typed"/></label>
                    }
                />
            </section>
        }
    })
    .forget();
    let (active, orders, bills) = slot.get().expect("mounted");
    Mounted {
        root,
        active,
        orders,
        bills,
    }
}

fn tab(root: &Element, key: &str) -> HtmlElement {
    find(root, &format!("[data-testid=basis-{key}]")).unchecked_into()
}

fn panel_of(root: &Element, key: &str) -> Element {
    let id = tab(root, key).get_attribute("aria-controls").unwrap();
    find(root, &format!("[id='{id}']"))
}

/// Presses `key` on the element that has focus.
fn press_on_focused(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document()
        .active_element()
        .expect("something has focus")
        .dispatch_event(&event)
        .unwrap();
}

fn focused_testid() -> Option<String> {
    document().active_element()?.get_attribute("data-testid")
}

/// The shown tab's key, checked to be the only one selected, in the Tab sequence and with its
/// panel shown.
fn shown(root: &Element) -> &'static str {
    let mut selected = Vec::new();
    for key in ["order", "bill", "amount"] {
        let t = tab(root, key);
        let is = t.get_attribute("aria-selected").as_deref() == Some("true");
        let tabindex = t.get_attribute("tabindex");
        assert_eq!(
            tabindex.as_deref(),
            Some(if is { "0" } else { "-1" }),
            "{key}"
        );
        assert_eq!(!panel_of(root, key).has_attribute("hidden"), is, "{key}");
        if is {
            selected.push(key);
        }
    }
    assert_eq!(
        selected.len(),
        1,
        "exactly one tab is selected: {selected:?}"
    );
    selected[0]
}

#[wasm_bindgen_test]
async fn tabs_follow_the_wai_aria_pattern() {
    let m = mount_tabs(5);
    frames().await;
    let list = find(&m.root, "[role=tablist]");
    assert!(list.get_attribute("aria-label").is_some());
    let tabs = list.query_selector_all("[role=tab]").unwrap();
    assert_eq!(tabs.length(), 3);
    for key in ["order", "bill", "amount"] {
        let t = tab(&m.root, key);
        assert_eq!(t.get_attribute("role").as_deref(), Some("tab"));
        assert_eq!(t.tag_name(), "BUTTON");
        let panel = panel_of(&m.root, key);
        assert_eq!(panel.get_attribute("role").as_deref(), Some("tabpanel"));
        assert_eq!(panel.get_attribute("aria-labelledby"), Some(t.id()));
        // Tab from the tab list goes into the shown panel.
        assert_eq!(panel.get_attribute("tabindex").as_deref(), Some("0"));
    }
    assert_eq!(
        tab(&m.root, "order").text_content().unwrap(),
        "By order details"
    );
    assert_eq!(
        tab(&m.root, "bill").text_content().unwrap(),
        "By monthly bill"
    );
    assert_eq!(tab(&m.root, "amount").text_content().unwrap(), "By amount");
    assert_eq!(shown(&m.root), "order");
    // Hidden panels are not displayed.
    let bill_panel: HtmlElement = panel_of(&m.root, "bill").unchecked_into();
    assert_eq!(bill_panel.offset_height(), 0);
    assert!(
        panel_of(&m.root, "order")
            .unchecked_into::<HtmlElement>()
            .offset_height()
            > 0
    );
}

#[wasm_bindgen_test]
async fn arrows_home_and_end_move_the_focus_and_show_the_tab() {
    let m = mount_tabs(5);
    frames().await;
    tab(&m.root, "order").focus().unwrap();
    let steps = [
        ("ArrowRight", "bill"),
        ("ArrowRight", "amount"),
        ("ArrowRight", "order"),
        ("ArrowLeft", "amount"),
        ("ArrowLeft", "bill"),
        ("Home", "order"),
        ("End", "amount"),
    ];
    for (key, expected) in steps {
        press_on_focused(key);
        frames().await;
        assert_eq!(shown(&m.root), expected, "after {key}");
        assert_eq!(
            focused_testid().as_deref(),
            Some(format!("basis-{expected}").as_str()),
            "focus after {key}"
        );
    }
    // Other keys change nothing.
    press_on_focused("ArrowDown");
    frames().await;
    assert_eq!(shown(&m.root), "amount");
}

#[wasm_bindgen_test]
async fn a_click_shows_the_tab() {
    let m = mount_tabs(5);
    frames().await;
    tab(&m.root, "amount").click();
    frames().await;
    assert_eq!(shown(&m.root), "amount");
    assert_eq!(m.active.get_untracked(), BasisTab::Amount);
}

/// Whether the panel of `key` holds a grid.
fn has_grid(root: &Element, key: &str) -> bool {
    panel_of(root, key)
        .query_selector("[data-testid=family-grid]")
        .unwrap()
        .is_some()
}

#[wasm_bindgen_test]
async fn a_panel_is_mounted_when_first_shown() {
    let m = mount_tabs(5);
    frames().await;
    assert!(has_grid(&m.root, "order"));
    assert!(!has_grid(&m.root, "bill"));
    m.active.set(BasisTab::Bill);
    frames().await;
    assert!(has_grid(&m.root, "bill"));
}

#[wasm_bindgen_test]
async fn r03_each_tab_keeps_its_selection_and_typed_input() {
    let m = mount_tabs(5);
    frames().await;
    checkbox(&panel_of(&m.root, "order"), "f1").click();
    frames().await;
    tab(&m.root, "bill").click();
    frames().await;
    checkbox(&panel_of(&m.root, "bill"), "f2").click();
    frames().await;
    tab(&m.root, "amount").click();
    frames().await;
    let typed: HtmlInputElement = find(&m.root, "[data-testid=typed]").unchecked_into();
    typed.set_value("1,234.50");
    for key in ["order", "bill", "amount", "bill", "order"] {
        tab(&m.root, key).click();
        frames().await;
    }
    assert_eq!(m.orders.summary().get_untracked().totals.count, 1);
    assert_eq!(m.bills.summary().get_untracked().totals.count, 1);
    let orders = panel_of(&m.root, "order");
    let bills = panel_of(&m.root, "bill");
    assert!(checkbox(&orders, "f1").checked());
    assert!(!checkbox(&orders, "f2").checked());
    assert!(checkbox(&bills, "f2").checked());
    assert!(!checkbox(&bills, "f1").checked());
    let typed: HtmlInputElement = find(&m.root, "[data-testid=typed]").unchecked_into();
    assert_eq!(typed.value(), "1,234.50");
}

#[wasm_bindgen_test]
async fn the_grid_comes_back_where_it_was_scrolled() {
    let m = mount_tabs(500);
    frames().await;
    let grid = viewport(&panel_of(&m.root, "order"));
    grid.set_scroll_top(3600);
    frames().await;
    let top = grid.scroll_top();
    assert!(top > 0);
    tab(&m.root, "bill").click();
    frames().await;
    tab(&m.root, "order").click();
    frames().await;
    let grid = viewport(&panel_of(&m.root, "order"));
    assert_eq!(grid.scroll_top(), top);
    // The rows drawn are those in view, not those at the top.
    let rows = drawn_rows(&panel_of(&m.root, "order"));
    let first_drawn = rows[0].get_attribute("aria-rowindex").unwrap();
    assert!(first_drawn.parse::<usize>().unwrap() > 50, "{first_drawn}");
    assert!(panel_of(&m.root, "order")
        .query_selector("[data-doc-id='f0']")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_real_name_notice_says_why_and_links_to_verification() {
    let root = styled_box();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        view! { <RealNameNotice verify_url="https://uc.example.com/real-name"/> }
    })
    .forget();
    frames().await;
    let notice = find(&root, "[data-testid=real-name-required]");
    assert!(notice
        .text_content()
        .unwrap()
        .contains("Real-name verification is required"));
    let link = find(&notice, "a");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://uc.example.com/real-name")
    );
    assert!(!link.text_content().unwrap().is_empty());
}
