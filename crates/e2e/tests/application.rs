//! Steps 3 and 4 against the demo enterprise (`crates/invoicing-mock/fixtures/demo.json`): two
//! invoicing entities, two tax rates, three accounts, 青禾数据-研发中心 (…8467) owing ¥1,286.40
//! to CLOUD_SERVICE with offsetting open. The selection is the contract's `byOrder` example.

use invoicing::Money;
use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, InvoicingPage};
use invoicing_e2e::{run, wait, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    }
}

const MAIN: &str = "1358207642917356";
const RND: &str = "1469318753028467";
const SOUTH: &str = "1570429864139578";

/// (number, id) of the byOrder example's five orders: …8467 CLOUD 0.06 ¥9,360.00 with two
/// negatives (−¥312.00, −¥1,560.00), ¥1,080.00; …8467 CLOUD 0.13 ¥1,798.00; …9578 CLOUD 0.06
/// ¥3,650.00; …7356 COMM 0.06 ¥1,000.00.
const ORDERS: [(&str, &str); 5] = [
    ("226101308571220", "cand-0020"),
    ("226101014113019", "cand-0019"),
    ("226091117500212", "cand-0012"),
    ("226101910090322", "cand-0022"),
    ("226102409000024", "cand-0024"),
];

async fn select_orders(page: &InvoicingPage) {
    for (number, id) in ORDERS {
        page.type_into("filter-q", number, true).await;
        page.family(id).await;
        page.check(id).await;
    }
    page.wait_for_summary("5", "¥15,016.00").await;
}

fn consolidated() -> Vec<(&'static str, &'static str, String, &'static str)> {
    vec![
        (
            "CLOUD_SERVICE",
            "0.06",
            format!("{RND},{SOUTH}"),
            "10931.60",
        ),
        ("CLOUD_SERVICE", "0.13", RND.to_owned(), "1798.00"),
        ("COMM_SERVICE", "0.06", MAIN.to_owned(), "1000.00"),
    ]
}

fn rows<'a>(
    v: &'a [(&'static str, &'static str, String, &'static str)],
) -> Vec<(&'a str, &'a str, &'a str, &'a str)> {
    v.iter()
        .map(|(a, b, c, d)| (*a, *b, c.as_str(), *d))
        .collect()
}

/// The byOrder selection, consolidated, on step 4.
async fn consolidated_details(page: &InvoicingPage) {
    select_orders(page).await;
    page.go_to_split().await;
    page.choose_mode(true).await;
    page.wait_for_split(&rows(&consolidated())).await;
    page.go_to_details().await;
}

#[tokio::test]
async fn r16_r21_consolidated_application_to_the_cent_and_a_double_click_creates_one() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        select_orders(&page).await;
        page.go_to_split().await;
        assert!(page.mode_offered().await, "R15: records of three accounts");
        page.choose_mode(true).await;
        // 8467's arrears are deducted from its 6% share: 8,568.00 − 1,286.40 + 3,650.00.
        page.wait_for_split(&rows(&consolidated())).await;
        page.wait_for_text("split-total", "¥13,729.60").await;
        assert_eq!(
            page.count_testid("split-differences").await,
            0,
            "R16: the app's split is the server's"
        );

        page.go_to_details().await;
        page.type_all_emails("finance@qinghe-data.example").await;
        page.double_click_submit().await;
        let id = page.wait_for_application_id().await;
        assert!(!id.is_empty());
        let created = page.mock_applications().await;
        assert_eq!(
            created.len(),
            1,
            "R21: one application for a double click: {created:?}"
        );
        assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
    })
    .await;
}

#[tokio::test]
async fn r15_r16_independent_application_splits_by_account_to_the_cent() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        select_orders(&page).await;
        page.go_to_split().await;
        page.choose_mode(false).await;
        let independent = [
            ("CLOUD_SERVICE", "0.06", RND, "7281.60"),
            ("CLOUD_SERVICE", "0.06", SOUTH, "3650.00"),
            ("CLOUD_SERVICE", "0.13", RND, "1798.00"),
            ("COMM_SERVICE", "0.06", MAIN, "1000.00"),
        ];
        page.wait_for_split(&independent).await;
        page.wait_for_text("split-total", "¥13,729.60").await;
        assert_eq!(page.count_testid("split-differences").await, 0);

        page.go_to_details().await;
        assert_eq!(
            page.count_testid("title-select").await,
            4,
            "R17: one form per invoice"
        );
        page.type_all_emails("finance@qinghe-data.example").await;
        page.click_submit().await;
        page.wait_for_application_id().await;
        let created = page.mock_applications().await;
        assert_eq!(created.len(), 1);
        assert_eq!(created[0]["body"]["mode"].as_str(), Some("independent"));
        assert_eq!(
            created[0]["body"]["invoices"].as_array().map(Vec::len),
            Some(4)
        );
    })
    .await;
}

#[tokio::test]
async fn r22_r21_a_reload_in_step_4_restores_the_draft_and_submits_once() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        consolidated_details(&page).await;
        page.set_nth("emails", 0, "a@qinghe-data.example").await;
        page.set_nth("emails", 1, "b@qinghe-data.example").await;
        // The draft is written when the page goes away.
        browser
            .client
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("reloading failed: {e}"));
        page.wait_for_step(4).await;
        page.wait_for_split_in_details(3).await;
        assert_eq!(
            page.nth_value("emails", 0).await.as_deref(),
            Some("a@qinghe-data.example")
        );
        assert_eq!(
            page.nth_value("emails", 1).await.as_deref(),
            Some("b@qinghe-data.example")
        );
        page.set_nth("emails", 2, "c@qinghe-data.example").await;
        page.click_submit().await;
        page.wait_for_application_id().await;
        assert_eq!(page.mock_applications().await.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn r23_a_record_invoiced_elsewhere_is_named_and_dropped_in_one_action() {
    run(demo(), |browser| async move {
        // The first tab applies for cand-0022 alone; the second still has it selected.
        let page = InvoicingPage::open(&browser).await;
        consolidated_details(&page).await;
        page.type_all_emails("finance@qinghe-data.example").await;
        page.invoice_elsewhere("cand-0022").await;
        page.click_submit().await;
        page.wait_for_text("refusal", "invoiced by another application")
            .await;
        page.wait_for_text("refusal", "226101910090322").await;
        page.click_drop_records().await;
        page.wait_for_step(3).await;
        // The rest stays: 8467's share alone in CLOUD 6%.
        page.wait_for_split(&[
            ("CLOUD_SERVICE", "0.06", RND, "7281.60"),
            ("CLOUD_SERVICE", "0.13", RND, "1798.00"),
            ("COMM_SERVICE", "0.06", MAIN, "1000.00"),
        ])
        .await;
    })
    .await;
}

#[tokio::test]
async fn r21_a_retried_submission_creates_one_application_with_the_drafts_key() {
    // The first two submissions answer 503 with Retry-After: 1 before their key is used.
    let options = MockOptions {
        fail_applications: 2,
        ..demo()
    };
    run(options, |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        consolidated_details(&page).await;
        page.type_all_emails("finance@qinghe-data.example").await;
        let key = page.wait_for_draft_key().await;
        page.click_submit().await;
        page.wait_for_text("submit-status", "retrying").await;
        let id = page.wait_for_application_id().await;
        let created = page.mock_applications().await;
        assert_eq!(
            created.len(),
            1,
            "R21: one application for three attempts: {created:?}"
        );
        assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
        assert_eq!(
            created[0]["idempotencyKey"].as_str(),
            Some(key.as_str()),
            "R21: every attempt carries the draft's key"
        );
        assert_eq!(page.draft().await, None, "R22: the draft is removed");
    })
    .await;
}

/// By amount, CLOUD_SERVICE for the three accounts, ¥60,000.00, independent: the documents
/// the mock's domain takes oldest first (R11), split by account and tax rate (R16).
const BY_AMOUNT: [(&str, &str, &str, &str); 4] = [
    ("CLOUD_SERVICE", "0.06", MAIN, "42294.75"),
    ("CLOUD_SERVICE", "0.06", RND, "8435.33"),
    ("CLOUD_SERVICE", "0.06", SOUTH, "3974.92"),
    ("CLOUD_SERVICE", "0.13", RND, "5295.00"),
];

#[tokio::test]
async fn r11_r16_r21_by_amount_the_split_adds_up_to_the_amount_and_one_application_is_created() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.choose_basis(BasisTab::Amount).await;
        page.select_option("amount-issuer", "CLOUD_SERVICE").await;
        page.wait_for_text("available-amount", "109,709.60").await;
        page.type_into("invoice-amount", "60000.00", false).await;
        page.go_to_split().await;
        assert!(page.mode_offered().await, "R15: three accounts chosen");
        page.wait_for_split(&BY_AMOUNT).await;
        let sum: Money = BY_AMOUNT
            .iter()
            .map(|(.., amount)| Money::parse_contract(amount).expect("an amount"))
            .sum();
        assert_eq!(sum.to_contract_string(), "60000.00", "R16: to the cent");
        page.wait_for_text("split-total", "¥60,000.00").await;
        assert_eq!(page.count_testid("split-differences").await, 0);

        page.go_to_details().await;
        page.type_all_emails("finance@qinghe-data.example").await;
        page.click_submit().await;
        page.wait_for_application_id().await;
        let created = page.mock_applications().await;
        assert_eq!(created.len(), 1, "R21: {created:?}");
        let body = &created[0]["body"];
        assert_eq!(body["basis"].as_str(), Some("amount"));
        assert_eq!(body["amount"].as_str(), Some("60000.00"));
        let amounts: Vec<&str> = body["invoices"]
            .as_array()
            .map(|a| a.iter().filter_map(|i| i["amount"].as_str()).collect())
            .unwrap_or_default();
        let want: Vec<&str> = BY_AMOUNT.iter().map(|(.., amount)| *amount).collect();
        assert_eq!(amounts, want);
    })
    .await;
}

#[tokio::test]
async fn start_another_application_goes_back_to_step_2_without_what_was_applied_for() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.choose_basis(BasisTab::Amount).await;
        page.select_option("amount-issuer", "CLOUD_SERVICE").await;
        page.wait_for_text("available-amount", "109,709.60").await;
        page.choose_basis(BasisTab::Order).await;
        consolidated_details(&page).await;
        page.type_all_emails("finance@qinghe-data.example").await;
        page.click_submit().await;
        page.wait_for_application_id().await;
        assert_eq!(
            page.draft().await,
            None,
            "R22: removed after the submission"
        );

        page.start_another().await;
        // The selection is cleared, and the COMM order (the filter still names it) is gone
        // once the orders are read again.
        page.wait_for_summary("0", "¥0.00").await;
        let page_ref = &page;
        wait::until("cand-0024 gone from the grid", move || async move {
            match page_ref.row("cand-0024").await {
                None => Ok(()),
                Some(row) => Err(format!("it is still shown: {row:?}")),
            }
        })
        .await;
        // The amount tab's balance is read again: ¥12,729.60 of CLOUD_SERVICE was applied for.
        page.choose_basis(BasisTab::Amount).await;
        page.wait_for_text("available-amount", "96,980.00").await;
        // A fresh start: no key of the application just made is kept.
        if let Some(draft) = page.draft().await {
            assert_eq!(draft.key, None, "{draft:?}");
            assert_eq!(draft.checked, 0, "{draft:?}");
        }
    })
    .await;
}
