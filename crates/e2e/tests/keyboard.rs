//! The grid with the keyboard alone (R29): Tab into it, arrows to move, Right and Left to expand
//! and collapse, Space to check and uncheck a whole family (R07).

use fantoccini::key::Key;
use invoicing_e2e::fixture::*;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run, MockOptions};

#[tokio::test]
async fn r29_keyboard_alone_selects_expands_and_collapses_families() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.family(WITH_TWO_NEGATIVES).await;
        let order = page.row_ids_in_order().await;
        let target = order
            .iter()
            .position(|id| id == WITH_TWO_NEGATIVES)
            .expect("the family is listed");

        page.tab_into_grid().await;
        page.wait_for_focus(&order[0]).await;
        for id in &order[1..=target] {
            page.press(Key::Down).await;
            page.wait_for_focus(id).await;
        }

        page.press(Key::Right).await;
        page.wait_for_expansion(WITH_TWO_NEGATIVES, true).await;
        assert_eq!(page.negative_rows(WITH_TWO_NEGATIVES).await.len(), 2);
        page.press(Key::Right).await;
        let first_negative = WITH_TWO_NEGATIVES_NEGATIVES[0].id;
        page.wait_for_focus(first_negative).await;

        // Space on a negative checks its whole family: it cannot be used alone (R07).
        page.press_text(" ").await;
        page.wait_for_summary("1", WITH_TWO_NEGATIVES_NET).await;
        for negative in page.negative_rows(WITH_TWO_NEGATIVES).await {
            assert_eq!(negative.checked, Some(true), "{negative:?}");
        }

        page.press(Key::Left).await;
        page.wait_for_focus(WITH_TWO_NEGATIVES).await;
        page.press(Key::Left).await;
        page.wait_for_expansion(WITH_TWO_NEGATIVES, false).await;

        page.press_text(" ").await;
        page.wait_for_summary("0", "¥0.00").await;

        // Space on a family that cannot be checked changes nothing (R05).
        let blocked = order
            .iter()
            .position(|id| id == NOT_INVOICEABLE)
            .expect("listed");
        page.press(Key::Home).await;
        page.wait_for_focus(&order[0]).await;
        for id in &order[1..=blocked] {
            page.press(Key::Down).await;
            page.wait_for_focus(id).await;
        }
        let before = page.snapshot().await;
        page.press_text(" ").await;
        page.assert_unchanged(&before, "Space on a family that cannot be checked")
            .await;
        page.press(Key::End).await;
        page.wait_for_focus(order.last().expect("rows")).await;
    })
    .await;
}
