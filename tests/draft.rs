//! Browser tests of the draft (R22): what the user chose and typed goes to `localStorage` and
//! comes back after a reload; saved families that are gone or no longer checkable are said; an
//! unreadable draft is removed without breaking the page.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use invoice_app::api::IdempotencyKey;
use invoice_app::components::SelectionNotice;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{
    draft_key, AmountStore, Draft, DraftKeeper, DraftStores, FamilyStore, FilterForm, StepDraft,
    SAVE_PAUSE,
};
use invoicing::api::{Basis, CandidateStatus};
use invoicing::application::{ApplicationBasis, Mode};
use invoicing::Dropped;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Storage};

wasm_bindgen_test_configure!(run_in_browser);

/// One page's stores and keeper, mounted with the order basis's notices.
struct Page {
    root: Element,
    stores: DraftStores,
    keeper: DraftKeeper,
    basis: RwSignal<ApplicationBasis>,
}

/// A fresh page for `account`; `restore` reads its draft first, as the invoicing page does.
fn page(account: &'static str, restore: bool) -> (Page, Option<Draft>) {
    let root = styled_box();
    let slot = Rc::new(Cell::new(None));
    let out = slot.clone();
    mount_to(root.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let basis = RwSignal::new(ApplicationBasis::Order);
        let stores = DraftStores {
            orders: FamilyStore::new(Basis::Order),
            order_filters: FilterForm::new(Basis::Order),
            bills: FamilyStore::new(Basis::Bill),
            bill_filters: FilterForm::new(Basis::Bill),
            amount: AmountStore::manual(),
            basis: basis.into(),
        };
        let keeper = DraftKeeper::new(account, stores);
        let restored = if restore { keeper.restore() } else { None };
        keeper.keep();
        out.set(Some((stores, keeper, basis, restored)));
        let store = stores.orders;
        view! { <SelectionNotice store/> }
    })
    .forget();
    let (stores, keeper, basis, restored) = slot.take().expect("mounted");
    (
        Page {
            root,
            stores,
            keeper,
            basis,
        },
        restored,
    )
}

fn storage() -> Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn three_families() -> Vec<invoicing::api::InvoiceCandidate> {
    vec![
        candidate(
            "c1",
            "CLOUD",
            "100.00",
            &[("c1-n", "-10.00")],
            "invoiceable",
        ),
        candidate("c2", "CLOUD", "200.00", &[], "invoiceable"),
        candidate("c3", "COMM", "300.00", &[], "invoiceable"),
    ]
}

#[wasm_bindgen_test]
async fn r22_a_draft_round_trips_through_local_storage() {
    const ACCOUNT: &str = "draft-round-trip";
    storage().remove_item(&draft_key(ACCOUNT)).unwrap();
    let (before, restored) = page(ACCOUNT, true);
    assert!(restored.is_none(), "no draft yet");
    let s = before.stores;
    s.orders.replace(issuers(), three_families());
    s.orders.toggle(0);
    s.orders.toggle(2);
    s.order_filters.choose(s.orders, |v| {
        v.q = "  B-c".into();
        v.status = Some(CandidateStatus::Invoiceable);
        v.cycle_from = "2026-0".into();
    });
    s.amount.set_accounts(vec!["a2".into(), "a1".into()]);
    s.amount.choose_issuer(Some("COMM".into()));
    s.amount.type_amount("1,2.3x".into());
    before.basis.set(ApplicationBasis::Amount);
    let key = IdempotencyKey::new();
    before.keeper.step().set(Some(StepDraft {
        step: 4,
        mode: Some(Mode::Consolidated),
        details: serde_json::json!({"remark": "R&D, October"}),
        idempotency_key: Some(key.clone()),
    }));
    tick().await;

    // Written once typing pauses, without an explicit save.
    sleep(SAVE_PAUSE.as_millis() as i32 + 200).await;
    let saved = Draft::read(ACCOUNT).expect("the draft was written");
    assert_eq!(saved, before.keeper.snapshot());
    assert_eq!(saved.orders.checked, ["c1", "c3"]);
    assert_eq!(saved.orders.filters.q, "  B-c", "filters as typed");
    assert_eq!(saved.amount.typed, "1,2.3x", "the amount as typed");
    assert_eq!(saved.basis, ApplicationBasis::Amount);

    // A reload: a new page restores everything, the families once their page arrives.
    let (after, restored) = page(ACCOUNT, true);
    assert_eq!(restored.as_ref(), Some(&saved));
    let s = after.stores;
    assert_eq!(
        s.order_filters.values().get_untracked(),
        saved.orders.filters
    );
    assert_eq!(s.amount.typed().get_untracked(), "1,2.3x");
    assert_eq!(s.amount.issuer().get_untracked().as_deref(), Some("COMM"));
    assert_eq!(s.amount.accounts().get_untracked(), ["a1", "a2"]);
    assert_eq!(after.keeper.step().get_untracked(), saved.step);
    assert_eq!(
        after.keeper.idempotency_key(),
        key,
        "the same key after a reload"
    );
    s.orders.replace(issuers(), three_families());
    tick().await;
    let checked: Vec<bool> = (0..3).map(|i| s.orders.is_checked(i)).collect();
    assert_eq!(checked, [true, false, true]);
    assert_eq!(s.orders.dropped_notice().get_untracked(), None);

    // Removed after a successful submission, and not written again by itself.
    after.keeper.discard();
    sleep(SAVE_PAUSE.as_millis() as i32 + 200).await;
    assert_eq!(storage().get_item(&draft_key(ACCOUNT)).unwrap(), None);
    before.root.remove();
    after.root.remove();
}

#[wasm_bindgen_test]
async fn r22_restore_rechecks_families_as_pages_arrive_and_says_what_was_dropped() {
    const ACCOUNT: &str = "draft-dropped";
    let mut draft = Draft::default();
    draft.orders.checked = vec!["c1".into(), "c2".into(), "c3".into(), "c9".into()];
    draft.write(ACCOUNT);

    let (page, restored) = page(ACCOUNT, true);
    assert!(restored.is_some());
    let store = page.stores.orders;
    // c2 is no longer invoiceable; c9 is no longer listed.
    let mut families = three_families();
    families[1] = candidate("c2", "CLOUD", "200.00", &[], "not_invoiceable");
    let (first, second) = (families[..1].to_vec(), families[1..].to_vec());
    store.set_issuers(issuers());
    store.begin_load();
    store.receive_page(first, 3).unwrap();
    tick().await;
    assert!(store.is_checked(0), "checked as soon as its page arrived");
    assert_eq!(
        page.keeper.snapshot().orders.checked,
        ["c1", "c2", "c3", "c9"],
        "families still to arrive stay in the draft"
    );
    store.receive_page(second, 3).unwrap();
    store.finish_load();
    tick().await;
    assert!(!store.is_checked(1));
    assert!(store.is_checked(2));
    assert_eq!(
        store.dropped_notice().get_untracked(),
        Some(Dropped {
            not_checkable: 1,
            gone: 1
        })
    );
    frames().await;
    let said = text(&page.root, "[data-testid=selection-notice]");
    assert!(said.contains("no longer invoiceable"), "{said}");
    assert!(said.contains("no longer listed"), "{said}");
    assert_eq!(page.keeper.snapshot().orders.checked, ["c1", "c3"]);
    page.keeper.discard();
    page.root.remove();
}

#[wasm_bindgen_test]
async fn r22_an_unreadable_draft_is_removed_and_the_page_starts_empty() {
    const ACCOUNT: &str = "draft-corrupt";
    let key = draft_key(ACCOUNT);
    let other_version = serde_json::json!({"version": 99, "basis": "bill"}).to_string();
    for corrupt in ["{not json", "null", "[]", other_version.as_str()] {
        storage().set_item(&key, corrupt).unwrap();
        let (page, restored) = page(ACCOUNT, true);
        assert!(restored.is_none(), "{corrupt} is not restored");
        assert_eq!(
            storage().get_item(&key).unwrap(),
            None,
            "{corrupt} is removed"
        );
        assert_eq!(page.keeper.snapshot(), Draft::default());
        // The page works on: the next change is kept.
        page.stores.amount.type_amount("5.00".into());
        page.keeper.save_now();
        assert_eq!(Draft::read(ACCOUNT).unwrap().amount.typed, "5.00");
        page.keeper.discard();
        page.root.remove();
    }
}
