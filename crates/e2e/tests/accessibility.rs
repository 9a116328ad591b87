//! The accessibility audit of every page and state of the demo, in Chinese and in English (R28,
//! R29): axe-core finds no serious or critical violation (see `invoicing_e2e::audit`).

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, InvoicingPage};
use invoicing_e2e::{assert_no_csp_violations, audit, run, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    }
}

/// Walks the demo from step 2 to the records' details in `lang`, auditing each state.
async fn walk(page: &InvoicingPage, lang: &str) {
    let client = page.client();
    audit(client, &format!("step 2, orders ({lang})")).await;
    page.expand("cand-0020").await;
    page.check("cand-0020").await;
    audit(
        client,
        &format!("step 2, a family expanded and checked ({lang})"),
    )
    .await;
    page.type_into("filter-cycle-from", "2026-13", false).await;
    audit(client, &format!("step 2, a filter error ({lang})")).await;
    page.type_into("filter-cycle-from", "", false).await;
    page.choose_basis(BasisTab::Bill).await;
    audit(client, &format!("step 2, bills ({lang})")).await;
    page.choose_basis(BasisTab::Amount).await;
    page.type_into("invoice-amount", "abc", false).await;
    audit(client, &format!("step 2, by amount with an error ({lang})")).await;
    page.choose_basis(BasisTab::Order).await;
    page.go_to_split().await;
    audit(client, &format!("step 3 ({lang})")).await;
    page.go_to_details().await;
    audit(client, &format!("step 4 ({lang})")).await;
    page.type_all_emails("finance@qinghe-data.example").await;
    page.click_submit().await;
    page.wait_for_application_id().await;
    audit(client, &format!("the result ({lang})")).await;
    page.follow_records_link().await;
    audit(client, &format!("records of the application ({lang})")).await;
    page.click_testid("records-application-filter-clear").await;
    page.wait_for_records().await;
    page.open_record_details("inv-20260915-0001").await;
    audit(client, &format!("a record's details ({lang})")).await;
    // Every state above ran under the mock's strict Content Security Policy.
    assert_no_csp_violations(client, &format!("the end of the walk ({lang})")).await;
}

#[tokio::test]
async fn r29_every_state_passes_the_axe_audit_in_english() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open_in(&browser, "en").await;
        walk(&page, "en").await;
    })
    .await;
}

#[tokio::test]
async fn r28_r29_every_state_passes_the_axe_audit_in_chinese() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open_in(&browser, "zh-CN").await;
        walk(&page, "zh-CN").await;
    })
    .await;
}
