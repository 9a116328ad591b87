//! Nothing lost (R22) against the demo enterprise (`crates/invoicing-mock/fixtures/demo.json`):
//! what the user chose and typed is back after a reload of the page.

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, InvoicingPage};
use invoicing_e2e::{run, wait, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        ..MockOptions::default()
    }
}

// 青禾数据-主账号 (…7356): an order with CLOUD_SERVICE and one with COMM_SERVICE.
const SLB_7356: (&str, &str) = ("226090615361810", "cand-0010"); // ¥960.00
const DYPNS_7356: (&str, &str) = ("226082208300007", "cand-0007"); // ¥5,000.00

/// The value of the visible control with this test id, once it is `expected`.
async fn wait_for_value(page: &InvoicingPage, testid: &str, expected: &str) {
    wait::until(
        format!("[data-testid={testid}] to hold {expected:?}"),
        move || async move {
            let value = page.control(testid).await.and_then(|c| c.value);
            if value.as_deref() == Some(expected) {
                Ok(())
            } else {
                Err(format!("it holds {value:?}"))
            }
        },
    )
    .await;
}

#[tokio::test]
async fn r22_a_reload_restores_the_tab_filters_selection_and_amount() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        for (number, id) in [SLB_7356, DYPNS_7356] {
            page.type_into("filter-q", number, true).await;
            page.family(id).await;
            page.check(id).await;
        }
        page.wait_for_summary("2", "¥5,960.00").await;
        // Filters as typed: the DYPNS order's number, COMM_SERVICE, a first cycle half typed.
        page.select_option("filter-issuer", "COMM_SERVICE").await;
        page.type_into("filter-cycle-from", "2026-0", false).await;

        page.choose_basis(BasisTab::Amount).await;
        page.select_option("amount-issuer", "COMM_SERVICE").await;
        page.type_into("invoice-amount", "123.45", false).await;
        wait_for_value(&page, "invoice-amount", "123.45").await;

        // At once: the draft is written when the page goes away, not only after a pause.
        browser
            .client
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("reloading failed: {e}"));

        let page = &page;
        wait::until("the amount tab shown again", move || async move {
            if page.is_basis_selected(BasisTab::Amount).await {
                Ok(())
            } else {
                Err("another tab is selected".to_string())
            }
        })
        .await;
        wait_for_value(page, "amount-issuer", "COMM_SERVICE").await;
        wait_for_value(page, "invoice-amount", "123.45").await;

        page.choose_basis(BasisTab::Order).await;
        wait_for_value(page, "filter-q", DYPNS_7356.0).await;
        wait_for_value(page, "filter-issuer", "COMM_SERVICE").await;
        wait_for_value(page, "filter-cycle-from", "2026-0").await;
        page.wait_for_summary("2", "¥5,960.00").await;
        page.family(DYPNS_7356.1).await;
        // Applied as before the reload, the half-typed cycle aside: only that order is listed.
        wait::until("the restored filters applied", move || async move {
            let ids = page.row_ids_in_order().await;
            if ids == [DYPNS_7356.1] {
                Ok(())
            } else {
                Err(format!("rows: {ids:?}"))
            }
        })
        .await;
        assert!(
            page.text_by_testid("selection-notice").await.is_none(),
            "nothing was dropped"
        );
    })
    .await;
}
