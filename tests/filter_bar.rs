//! Browser tests of the filters above the grid (R04): each control narrows the drawn rows
//! exactly as the domain's matcher decides, invalid cycles say why and do not apply, and
//! families the filter hides stay selected.
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::*;
use invoice_app::api::{ApiClient, ApiError};
use invoice_app::components::{FamilyGrid, FilterBar, SelectionSummary};
use invoice_app::config::Config;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{FamilyStore, FilterForm, Products, Session};
use invoicing::api::{
    Account, Basis, CandidateStatus, Enterprise, InvoiceCandidate, Product, Profile,
    RealNameStatus, Role,
};
use invoicing::filter::CandidateFilter;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const OPS: &str = "1358207642917356";
const DEV: &str = "1469318753028467";

/// Eight families that differ in entity, status, account, product and cycle; `f2` has the
/// negatives `RF-f2-n0` and `RF-f2-n1`.
fn families() -> Vec<InvoiceCandidate> {
    let rows = [
        ("f0", "CLOUD", "invoiceable", OPS, "ecs", "2026-06"),
        ("f1", "CLOUD", "invoiceable", DEV, "rds", "2026-07"),
        ("f2", "COMM", "invoiceable", OPS, "ecs", "2026-08"),
        ("f3", "COMM", "not_invoiceable", DEV, "slb", "2026-09"),
        ("f4", "CLOUD", "not_invoiceable", OPS, "rds", "2026-10"),
        ("f5", "COMM", "invoiceable", DEV, "ecs", "2026-10"),
        ("f6", "CLOUD", "invoiceable", DEV, "slb", "2026-11"),
        ("f7", "COMM", "invoiceable", OPS, "rds", "2026-12"),
    ];
    rows.iter()
        .map(|&(id, issuer, status, account, product, cycle)| {
            let negatives: &[(&str, &str)] = if id == "f2" {
                &[("f2-n0", "-1.00"), ("f2-n1", "-2.00")]
            } else {
                &[]
            };
            let mut c = candidate(id, issuer, "100.00", negatives, status);
            c.account_id = account.to_owned();
            c.product_code = product.to_owned();
            c.billing_cycle = cycle.to_owned();
            c
        })
        .collect()
}

fn products() -> Vec<Product> {
    ["ecs", "rds", "slb"]
        .into_iter()
        .map(|code| Product {
            product_code: code.to_owned(),
            product_name: code.to_uppercase(),
        })
        .collect()
}

fn session(role: Role) -> Session {
    Session {
        profile: Profile {
            account_id: OPS.to_owned(),
            account_name: "Ops".to_owned(),
            real_name: RealNameStatus::Enterprise,
            role,
            enterprise: Some(Enterprise {
                id: "ent-1".to_owned(),
                name: "Qinghe".to_owned(),
                arrears_offset_enabled: false,
            }),
        },
        csrf_token: "token".to_owned(),
        accounts: [(OPS, "Ops"), (DEV, "Dev")]
            .into_iter()
            .map(|(id, name)| Account {
                id: id.to_owned(),
                name: name.to_owned(),
                arrears: Vec::new(),
            })
            .collect(),
    }
}

/// The filter bar above the grid and the summary, styled as in the app. With `client`, an
/// `ApiClient` is in the context (the bar then loads the products itself); otherwise the
/// products are set on the form.
struct Mounted {
    root: Element,
    store: FamilyStore,
    form: FilterForm,
}

fn mount(session: Session, client: Option<ApiClient>) -> Mounted {
    let root = styled_box();
    root.set_attribute("style", "height: 800px; width: 1400px")
        .unwrap();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let form = FilterForm::new(Basis::Order);
        match client {
            Some(client) => provide_context(client),
            None => form.set_products(Products::Ready(products())),
        }
        let store = FamilyStore::new(Basis::Order);
        store.replace(issuers(), families());
        out.set(Some((store, form)));
        view! {
            <FilterBar store form session issuers=issuers()/>
            <FamilyGrid store/>
            <SelectionSummary store/>
        }
    })
    .forget();
    let (store, form) = slot.get().expect("mounted");
    Mounted { root, store, form }
}

/// The ids of the drawn families (originals), in order.
fn shown(root: &Element) -> Vec<String> {
    drawn_rows(root)
        .iter()
        .filter(|r| !r.has_attribute("data-original-id"))
        .filter_map(|r| r.get_attribute("data-doc-id"))
        .collect()
}

/// The families `filter` lets through, as the domain decides.
fn expected(filter: &CandidateFilter) -> Vec<String> {
    families()
        .iter()
        .filter(|c| filter.matches(*c))
        .map(|c| c.id.clone())
        .collect()
}

fn input(root: &Element, testid: &str) -> HtmlInputElement {
    find(root, &format!("[data-testid={testid}]")).unchecked_into()
}

/// The checkbox of a member account in the account filter.
fn account_box(root: &Element, account: &str) -> HtmlInputElement {
    find(
        root,
        &format!("[data-testid=filter-account] input[value='{account}']"),
    )
    .unchecked_into()
}

/// Fires a bubbling event of `kind` (an `input` or `change`) at `target`. Made as a keyboard
/// event, whose init dictionary the tests have; the handlers only read its target.
fn fire(target: &Element, kind: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Chooses `value` in the select of `testid`, as a user would.
async fn choose(root: &Element, testid: &str, value: &str) {
    let select = input(root, testid);
    select.set_value(value);
    fire(&select, "change");
    frames().await;
}

/// Types `text` into the field of `testid` (replacing what it held); with `enter`, presses Enter.
async fn type_into(root: &Element, testid: &str, text: &str, enter: bool) {
    let field = input(root, testid);
    field.set_value(text);
    fire(&field, "input");
    if enter {
        press_enter(&field);
    }
    frames().await;
}

/// Presses Enter in `field`.
fn press_enter(field: &Element) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let key = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    field.dispatch_event(&key).unwrap();
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    frames().await;
}

fn filter(change: impl FnOnce(&mut CandidateFilter)) -> CandidateFilter {
    let mut f = CandidateFilter::default();
    change(&mut f);
    f
}

#[wasm_bindgen_test]
async fn r04_each_control_narrows_the_rows_as_the_domain_decides() {
    let m = mount(session(Role::Owner), None);
    let root = &m.root;
    frames().await;
    assert_eq!(shown(root).len(), 8, "no filter: every family");

    choose(root, "filter-issuer", "COMM").await;
    let mut want = filter(|f| f.issuer_id = Some("COMM".into()));
    assert_eq!(shown(root), expected(&want));

    choose(root, "filter-status", "invoiceable").await;
    want.status = Some(CandidateStatus::Invoiceable);
    assert_eq!(shown(root), expected(&want));

    choose(root, "filter-product", "ecs").await;
    want.product_code = Some("ecs".into());
    assert_eq!(shown(root), expected(&want));
    assert_eq!(shown(root), ["f2", "f5"]);

    find(root, "[data-testid=filter-account] summary")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    account_box(root, DEV).click();
    frames().await;
    want.account_ids = vec![DEV.into()];
    assert_eq!(shown(root), expected(&want));
    assert_eq!(shown(root), ["f5"]);

    // Several accounts, then all again.
    account_box(root, OPS).click();
    frames().await;
    want.account_ids = vec![OPS.into(), DEV.into()];
    assert_eq!(shown(root), expected(&want));
    input(root, "filter-account-all").click();
    frames().await;
    want.account_ids.clear();
    assert_eq!(shown(root), expected(&want));

    find(root, "[data-testid=filter-reset]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    frames().await;
    assert_eq!(shown(root).len(), 8, "reset shows every family");
    assert_eq!(input(root, "filter-issuer").value(), "");

    // Typed fields apply on Enter…
    type_into(root, "filter-cycle-from", "2026-09", true).await;
    let mut want = filter(|f| f.billing_cycle_from = Some("2026-09".into()));
    assert_eq!(shown(root), expected(&want));
    // …and once typing pauses.
    type_into(root, "filter-cycle-to", "2026-10", false).await;
    assert_eq!(shown(root), expected(&want), "not while typing");
    sleep(400).await;
    want.billing_cycle_to = Some("2026-10".into());
    assert_eq!(shown(root), expected(&want));
    assert_eq!(shown(root), ["f3", "f4", "f5"]);
    assert!(m.store.filter() == want.clone().normalized());
}

#[wasm_bindgen_test]
async fn r04_a_reversed_cycle_range_says_why_and_keeps_the_last_valid_filter() {
    let m = mount(session(Role::Owner), None);
    let root = &m.root;
    type_into(root, "filter-cycle-from", "2026-09", true).await;
    let applied = expected(&filter(|f| f.billing_cycle_from = Some("2026-09".into())));
    assert_eq!(shown(root), applied);

    type_into(root, "filter-cycle-to", "2026-07", true).await;
    let error = find(root, "[data-testid=filter-cycle-to-error]");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        error.text_content().unwrap().contains("cannot be before"),
        "{:?}",
        error.text_content()
    );
    assert_eq!(
        input(root, "filter-cycle-to")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        input(root, "filter-cycle-to").value(),
        "2026-07",
        "what was typed stays"
    );
    assert_eq!(shown(root), applied, "the reversed range is not applied");
    assert_eq!(m.store.filter().billing_cycle_to, None);

    // A malformed cycle has its own message, beside its own field.
    type_into(root, "filter-cycle-from", "2026-13", true).await;
    assert!(find(root, "[data-testid=filter-cycle-from-error]")
        .text_content()
        .unwrap()
        .contains("YYYY-MM"));
    assert_eq!(shown(root), applied);

    // Fixed, it applies and the messages go.
    type_into(root, "filter-cycle-from", "2026-06", true).await;
    assert!(root
        .query_selector(
            "[data-testid=filter-cycle-from-error], [data-testid=filter-cycle-to-error]"
        )
        .unwrap()
        .is_none());
    let want = filter(|f| {
        f.billing_cycle_from = Some("2026-06".into());
        f.billing_cycle_to = Some("2026-07".into());
    });
    assert_eq!(shown(root), expected(&want));
    assert_eq!(shown(root), ["f0", "f1"]);
}

#[wasm_bindgen_test]
async fn r04_the_search_text_finds_a_family_by_a_negative_number() {
    let m = mount(session(Role::Owner), None);
    let root = &m.root;
    type_into(root, "filter-q", "rf-F2-N1", true).await;
    assert_eq!(shown(root), ["f2"]);
    type_into(root, "filter-q", "B-f7", true).await;
    assert_eq!(shown(root), ["f7"], "and by the original's number");
    // Enter applies what the field holds, even when no input event told of it (a WebDriver
    // clear, an autofill).
    let field = input(root, "filter-q");
    field.set_value("");
    press_enter(&field);
    frames().await;
    assert_eq!(shown(root).len(), 8);
}

#[wasm_bindgen_test]
async fn r04_families_hidden_by_the_filter_stay_selected_and_in_the_totals() {
    let m = mount(session(Role::Owner), None);
    let root = &m.root;
    frames().await;
    checkbox(root, "f0").click();
    frames().await;
    assert_eq!(text(root, "[data-testid=summary-count]"), "1");

    choose(root, "filter-issuer", "COMM").await;
    assert!(!shown(root).contains(&"f0".to_owned()));
    assert_eq!(text(root, "[data-testid=summary-count]"), "1");
    assert_eq!(text(root, "[data-testid=summary-net]"), "¥100.00");
    assert_eq!(m.store.hidden_selected().get_untracked(), 1);

    find(root, "[data-testid=filter-reset]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    frames().await;
    assert!(
        checkbox(root, "f0").checked(),
        "still checked once shown again"
    );
    assert_eq!(m.store.hidden_selected().get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn every_filter_has_a_label_and_members_are_offered_only_to_those_who_see_them() {
    let m = mount(session(Role::Member), None);
    let root = &m.root;
    frames().await;
    assert!(root
        .query_selector("[data-testid=filter-account]")
        .unwrap()
        .is_none());
    for testid in [
        "filter-issuer",
        "filter-status",
        "filter-product",
        "filter-cycle-from",
        "filter-cycle-to",
        "filter-q",
    ] {
        let id = find(root, &format!("[data-testid={testid}]")).id();
        let label = find(root, &format!("label[for='{id}']"));
        assert!(!label.text_content().unwrap().trim().is_empty(), "{testid}");
    }
    assert!(m.form.products_requested());
}

#[wasm_bindgen_test]
async fn products_that_cannot_be_loaded_are_said_so_with_a_retry() {
    let config = Config {
        api_base: "http://127.0.0.1:9/api/v1".to_owned(),
        ..Config::default()
    };
    let m = mount(session(Role::Owner), Some(ApiClient::new(&config)));
    let root = &m.root;
    m.form
        .set_products(Products::Failed(ApiError::Network("offline".into())));
    frames().await;
    let select = find(root, "[data-testid=filter-product]");
    assert!(select
        .text_content()
        .unwrap()
        .contains("could not be loaded"));
    let alert = find(root, ".inv-filter--product [role=alert]");
    assert!(alert
        .text_content()
        .unwrap()
        .contains("could not be loaded"));
    find(root, "[data-testid=filter-product-retry]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert_eq!(m.form.products().get_untracked(), Products::Loading);
    m.form.set_products(Products::Ready(products()));
    frames().await;
    assert!(root
        .query_selector("[data-testid=filter-product-retry]")
        .unwrap()
        .is_none());
    assert_eq!(
        root.query_selector_all("[data-testid=filter-product] option")
            .unwrap()
            .length(),
        4
    );
}
