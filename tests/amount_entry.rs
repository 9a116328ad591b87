//! Browser tests of the *by amount* tab's content (R11, R12, R01): the amount field, its
//! messages, the balance beside it and the pickers, mounted in headless Chromium with balances
//! given directly or by a stand-in source (there is no HTTP here).
#![cfg(target_arch = "wasm32")]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{find, frames, issuers, styled_box, text};
use futures::channel::oneshot;
use invoice_app::api::ApiError;
use invoice_app::components::AmountEntry;
use invoice_app::i18n::{I18n, Locale};
use invoice_app::state::{AmountStore, Session};
use invoicing::amount_entry::AmountError;
use invoicing::api::{Account, InvoiceableBalance, Profile, RealNameStatus, Role};
use invoicing::Money;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

const OWN: &str = "1358207642917356";
const MEMBER: &str = "1469318753028467";

fn session(real_name: RealNameStatus, role: Role, enterprise: bool) -> Session {
    let profile: Profile = serde_json::from_value(serde_json::json!({
        "accountId": OWN, "accountName": "主账号", "realName": real_name, "role": role,
        "enterprise": enterprise.then(|| serde_json::json!({
            "id": "ent-1", "name": "青禾数据", "arrearsOffsetEnabled": true
        })),
    }))
    .unwrap();
    let account = |id: &str, name: &str| Account {
        id: id.to_owned(),
        name: name.to_owned(),
        arrears: vec![],
    };
    let accounts = if enterprise {
        vec![account(OWN, "主账号"), account(MEMBER, "研发部")]
    } else {
        vec![account(OWN, "主账号")]
    };
    Session {
        profile,
        csrf_token: "csrf".to_owned(),
        accounts,
    }
}

fn individual() -> Session {
    session(RealNameStatus::Individual, Role::Owner, false)
}

/// The contract's example: ¥110,996.00 invoiceable, ¥1,286.40 arrears, ¥109,709.60 available.
fn balance(issuer: &str, available: &str) -> InvoiceableBalance {
    serde_json::from_value(serde_json::json!({
        "issuerId": issuer, "accountIds": [OWN], "currency": "CNY",
        "invoiceableAmount": "110996.00", "arrearsAmount": "1286.40",
        "availableAmount": available, "arrearsPooled": true,
        "accounts": [{"accountId": OWN, "invoiceableAmount": "110996.00", "arrearsAmount": "1286.40"}]
    }))
    .unwrap()
}

/// Mounts the tab's content for `session` over a store made by `make`; returns the wrapper and
/// the store.
fn mount(session: Session, make: impl FnOnce() -> AmountStore + 'static) -> (Element, AmountStore) {
    let wrapper = styled_box();
    let slot = Rc::new(RefCell::new(None));
    let out = slot.clone();
    mount_to(wrapper.clone().unchecked_into(), move || {
        provide_context(I18n(Locale::En));
        let store = make();
        *out.borrow_mut() = Some(store);
        view! { <AmountEntry store session issuers=issuers()/> }
    })
    .forget();
    let store = slot.borrow().expect("mounted");
    (wrapper, store)
}

/// Mounts for an individual account with `available` of entity CLOUD already known.
async fn mount_with_balance(available: &str) -> (Element, AmountStore) {
    let (root, store) = mount(individual(), AmountStore::manual);
    store.set_balance(balance("CLOUD", available));
    tick().await;
    (root, store)
}

fn field(root: &Element) -> HtmlInputElement {
    find(root, "[data-testid=invoice-amount]").unchecked_into()
}

/// Sends `name` from `target`, bubbling, as the browser does.
fn fire(target: &Element, name: &str) {
    let event = document().create_event("Event").unwrap();
    event.init_event_with_bubbles(name, true);
    target.dispatch_event(&event).unwrap();
}

/// Types `text` into the amount field, replacing what was there, as a user would.
async fn type_amount(root: &Element, text: &str) {
    let input = field(root);
    input.set_value(text);
    fire(&input, "input");
    tick().await;
}

fn message(root: &Element) -> String {
    text(root, "[data-testid=amount-error]")
}

fn en_message(error: AmountError, arrears: &str) -> String {
    I18n(Locale::En).amount_error(&error, Money::parse_contract(arrears).unwrap())
}

#[wasm_bindgen_test]
async fn r11_each_refusal_shows_its_own_message() {
    let (root, _store) = mount_with_balance("109709.60").await;
    let over = AmountError::OverBalance {
        balance: Money::from_cents(10_970_960),
    };
    let cases = [
        ("12a", AmountError::NotANumber),
        ("-5", AmountError::Negative),
        ("1.234", AmountError::TooManyDecimals),
        ("0.00", AmountError::Zero),
        ("109709.61", over),
        ("123456789012345678", AmountError::TooLarge),
        ("", AmountError::Empty),
    ];
    let mut seen = Vec::new();
    for (typed, error) in cases {
        type_amount(&root, typed).await;
        let shown = message(&root);
        assert_eq!(shown, en_message(error, "1286.40"), "{typed:?}");
        assert_eq!(
            field(&root).get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{typed:?}"
        );
        assert!(!seen.contains(&shown), "{typed:?} shares its message");
        seen.push(shown);
    }
    let over_message = &seen[4];
    assert!(
        over_message.contains("¥109,709.60"),
        "says the maximum: {over_message}"
    );
    let alert = find(&root, "[data-testid=amount-error]");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    let described = field(&root).get_attribute("aria-describedby").unwrap();
    assert!(
        described.split(' ').any(|id| id == alert.id()),
        "the field points at its message"
    );
}

#[wasm_bindgen_test]
async fn r11_valid_amounts_show_no_message_and_read_exactly() {
    let (root, store) = mount_with_balance("109709.60").await;
    for (typed, cents) in [
        ("¥1,234.56", 123_456),
        (" 1 000 ", 100_000),
        ("0.01", 1),
        ("109709.60", 10_970_960),
        ("￥109,709.6", 10_970_960),
    ] {
        type_amount(&root, typed).await;
        assert_eq!(message(&root), "", "{typed:?}");
        assert_eq!(
            field(&root).get_attribute("aria-invalid").as_deref(),
            Some("false"),
            "{typed:?}"
        );
        assert_eq!(
            store.parsed().get_untracked(),
            Some(Ok(Money::from_cents(cents))),
            "{typed:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn r11_what_was_typed_is_never_altered() {
    let (root, store) = mount_with_balance("100.00").await;
    for typed in ["¥1,234.5", "1.239", " 12 ", "abc", "007", "100.001"] {
        type_amount(&root, typed).await;
        frames().await;
        assert_eq!(field(&root).value(), typed);
        assert_eq!(store.typed().get_untracked(), typed);
    }
    store.set_balance(balance("COMM", "5000.00"));
    tick().await;
    assert_eq!(
        field(&root).value(),
        "100.001",
        "a new balance leaves the text alone"
    );
}

#[wasm_bindgen_test]
async fn r11_r12_the_balance_is_shown_beside_the_field_with_the_arrears_deducted() {
    let (root, _store) = mount_with_balance("109709.60").await;
    assert_eq!(text(&root, "[data-testid=available-amount]"), "¥109,709.60");
    assert_eq!(
        text(&root, "[data-testid=balance-invoiceable]"),
        "¥110,996.00"
    );
    assert_eq!(text(&root, "[data-testid=balance-arrears]"), "¥1,286.40");
    let row = field(&root).parent_element().unwrap();
    assert!(
        row.contains(Some(&find(&root, "[data-testid=available-amount]"))),
        "beside the field"
    );
}

#[wasm_bindgen_test]
async fn r11_r12_over_the_available_amount_is_refused_even_within_the_invoiceable_amount() {
    let (root, store) = mount_with_balance("109709.60").await;
    type_amount(&root, "110000.00").await;
    assert_eq!(
        store.parsed().get_untracked(),
        Some(Err(AmountError::OverBalance {
            balance: Money::from_cents(10_970_960)
        }))
    );
    assert!(
        message(&root).contains("¥1,286.40"),
        "names the arrears deducted"
    );
}

#[wasm_bindgen_test]
async fn an_untouched_empty_field_has_no_message_until_the_user_types() {
    let (root, store) = mount_with_balance("100.00").await;
    assert_eq!(message(&root), "");
    assert_eq!(
        field(&root).get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    assert_eq!(store.parsed().get_untracked(), None);
    type_amount(&root, "5").await;
    type_amount(&root, "").await;
    assert_eq!(message(&root), en_message(AmountError::Empty, "0.00"));
}

#[wasm_bindgen_test]
async fn nothing_is_parsed_before_an_entity_is_chosen() {
    let (root, store) = mount(individual(), AmountStore::manual);
    tick().await;
    type_amount(&root, "abc").await;
    assert_eq!(store.parsed().get_untracked(), None);
    assert_eq!(message(&root), "");
    assert!(root
        .query_selector("[data-testid=balance-unchosen]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_new_balance_checks_the_typed_amount_again() {
    let (root, store) = mount_with_balance("1000.00").await;
    type_amount(&root, "500").await;
    assert_eq!(message(&root), "");
    store.set_balance(balance("COMM", "100.00"));
    tick().await;
    assert!(message(&root).contains("¥100.00"), "{}", message(&root));
}

/// A stand-in backend: each request waits until the test answers it.
type Pending = Rc<
    RefCell<
        Vec<(
            String,
            Vec<String>,
            oneshot::Sender<Result<InvoiceableBalance, ApiError>>,
        )>,
    >,
>;

fn answered_by_hand() -> (Pending, impl FnOnce() -> AmountStore) {
    let pending: Pending = Rc::default();
    let requests = pending.clone();
    let make = move || {
        AmountStore::from_source(move |issuer, accounts| {
            let (tx, rx) = oneshot::channel();
            requests.borrow_mut().push((issuer, accounts, tx));
            async move { rx.await.unwrap_or(Err(ApiError::Network("dropped".into()))) }
        })
    };
    (pending, make)
}

fn choose_issuer(root: &Element, id: &str) {
    let select: HtmlSelectElement = find(root, "[data-testid=amount-issuer]").unchecked_into();
    select.set_value(id);
    fire(&select, "change");
}

fn answer(pending: &Pending, index: usize, result: Result<InvoiceableBalance, ApiError>) {
    let (_, _, tx) = pending.borrow_mut().remove(index);
    tx.send(result).unwrap();
}

#[wasm_bindgen_test]
async fn choosing_an_entity_asks_for_its_balance_and_a_late_answer_of_an_earlier_choice_is_dropped()
{
    let (pending, make) = answered_by_hand();
    let (root, store) = mount(individual(), make);
    tick().await;
    choose_issuer(&root, "CLOUD");
    tick().await;
    assert!(root
        .query_selector("[data-testid=balance-loading]")
        .unwrap()
        .is_some());
    choose_issuer(&root, "COMM");
    tick().await;
    {
        let requests = pending.borrow();
        let asked: Vec<_> = requests
            .iter()
            .map(|(i, a, _)| (i.as_str(), a.clone()))
            .collect();
        assert_eq!(
            asked,
            vec![
                ("CLOUD", vec![OWN.to_owned()]),
                ("COMM", vec![OWN.to_owned()])
            ]
        );
    }
    answer(&pending, 1, Ok(balance("COMM", "200.00")));
    frames().await;
    answer(&pending, 0, Ok(balance("CLOUD", "999.00")));
    frames().await;
    assert_eq!(text(&root, "[data-testid=available-amount]"), "¥200.00");
    assert_eq!(store.balance().get_untracked().unwrap().issuer_id, "COMM");
    assert_eq!(store.issuer().get_untracked().as_deref(), Some("COMM"));
}

#[wasm_bindgen_test]
async fn a_failed_balance_says_what_failed_and_retry_asks_again() {
    let (pending, make) = answered_by_hand();
    let (root, _store) = mount(individual(), make);
    tick().await;
    choose_issuer(&root, "CLOUD");
    tick().await;
    answer(&pending, 0, Err(ApiError::Network("offline".into())));
    frames().await;
    let error = find(&root, "[data-testid=balance-error]");
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(error
        .text_content()
        .unwrap()
        .contains("invoiceable balance"));
    find(&root, "[data-testid=balance-retry]")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert_eq!(pending.borrow().len(), 1, "asked again");
    answer(&pending, 0, Ok(balance("CLOUD", "50.00")));
    frames().await;
    assert_eq!(text(&root, "[data-testid=available-amount]"), "¥50.00");
    assert!(root
        .query_selector("[data-testid=balance-error]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn r01_an_unverified_account_can_change_nothing() {
    let (root, _store) = mount(
        session(RealNameStatus::Unverified, Role::Owner, false),
        AmountStore::manual,
    );
    tick().await;
    assert!(field(&root).disabled());
    let select: HtmlSelectElement = find(&root, "[data-testid=amount-issuer]").unchecked_into();
    assert!(select.disabled());
}

#[wasm_bindgen_test]
async fn enterprise_admins_pick_accounts_all_by_default_and_others_see_no_picker() {
    let (pending, make) = answered_by_hand();
    let (root, store) = mount(
        session(RealNameStatus::Enterprise, Role::EnterpriseAdmin, true),
        make,
    );
    tick().await;
    assert_eq!(
        store.accounts().get_untracked(),
        vec![OWN.to_owned(), MEMBER.to_owned()]
    );
    let picker = find(&root, "[data-testid=amount-accounts]");
    assert!(root
        .query_selector("[data-testid=filter-account]")
        .unwrap()
        .is_none());
    let all: HtmlInputElement = find(&picker, "[data-testid=amount-accounts-all]").unchecked_into();
    assert!(all.checked());
    choose_issuer(&root, "CLOUD");
    tick().await;
    let member: HtmlInputElement =
        find(&picker, &format!("input[data-account-id='{MEMBER}']")).unchecked_into();
    member.click();
    tick().await;
    assert!(all.indeterminate() && !all.checked());
    let asked: Vec<Vec<String>> = pending.borrow().iter().map(|(_, a, _)| a.clone()).collect();
    assert_eq!(
        asked,
        vec![
            vec![OWN.to_owned(), MEMBER.to_owned()],
            vec![OWN.to_owned()]
        ]
    );
    all.click();
    tick().await;
    assert!(all.checked());
    all.click();
    tick().await;
    assert!(store.accounts().get_untracked().is_empty());
    assert_eq!(store.balance().get_untracked(), None, "nothing to ask for");
    assert_eq!(pending.borrow().len(), 3, "no request without accounts");
    assert!(picker
        .text_content()
        .unwrap()
        .contains("at least one account"));

    let (member_root, member_store) = mount(
        session(RealNameStatus::Enterprise, Role::Member, true),
        AmountStore::manual,
    );
    tick().await;
    assert!(member_root
        .query_selector("[data-testid=amount-accounts]")
        .unwrap()
        .is_none());
    assert_eq!(
        member_store.accounts().get_untracked(),
        vec![OWN.to_owned()]
    );
}

#[wasm_bindgen_test]
async fn r14_next_on_this_tab_waits_for_an_entity_an_amount_and_its_balance() {
    use invoicing::readiness::NotReady;
    let (pending, make) = answered_by_hand();
    let (root, store) = mount(individual(), make);
    tick().await;
    let ready = store.readiness(true);
    assert_eq!(ready.get_untracked(), Err(NotReady::NoIssuer));
    choose_issuer(&root, "CLOUD");
    tick().await;
    assert_eq!(ready.get_untracked(), Err(NotReady::NoAmount));
    type_amount(&root, "100.00").await;
    assert_eq!(ready.get_untracked(), Err(NotReady::BalanceNotLoaded));
    answer(&pending, 0, Ok(balance("CLOUD", "99.99")));
    frames().await;
    assert_eq!(
        ready.get_untracked(),
        Err(NotReady::AmountInvalid(AmountError::OverBalance {
            balance: Money::from_cents(9_999)
        }))
    );
    type_amount(&root, "99.99").await;
    assert_eq!(ready.get_untracked(), Ok(()));
    assert_eq!(
        store.readiness(false).get_untracked(),
        Err(NotReady::RealNameRequired)
    );
}

#[wasm_bindgen_test]
async fn r13_without_offsetting_the_balance_says_arrears_stay_with_each_account() {
    let (root, store) = mount(
        session(RealNameStatus::Enterprise, Role::Owner, true),
        AmountStore::manual,
    );
    let mut per_account = balance("CLOUD", "100.00");
    per_account.arrears_pooled = false;
    per_account.account_ids = vec![OWN.to_owned(), MEMBER.to_owned()];
    per_account.accounts.push(per_account.accounts[0].clone());
    per_account.accounts[1].account_id = MEMBER.to_owned();
    store.set_balance(per_account);
    tick().await;
    let figures = text(&root, "[data-testid=amount-balance]");
    assert!(figures.contains("its own consumption only"), "{figures}");
    store.set_balance(balance("CLOUD", "100.00"));
    tick().await;
    let figures = text(&root, "[data-testid=amount-balance]");
    assert!(!figures.contains("its own consumption only"), "{figures}");
}
