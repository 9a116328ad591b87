//! Families in the grid: expanding negatives (R06), checking whole families (R07), and the
//! families that cannot be checked (R05, R08).

use invoicing_e2e::fixture::*;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run, MockOptions};

#[tokio::test]
async fn r06_plus_expands_and_minus_collapses_negatives() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        let family = page.family(WITH_TWO_NEGATIVES).await;
        assert_eq!(
            family.expanded.as_deref(),
            Some("false"),
            "starts collapsed"
        );
        assert!(page.negative_rows(WITH_TWO_NEGATIVES).await.is_empty());

        page.expand(WITH_TWO_NEGATIVES).await;
        let shown = page.negative_rows(WITH_TWO_NEGATIVES).await;
        assert_eq!(shown.len(), WITH_TWO_NEGATIVES_NEGATIVES.len());
        for negative in WITH_TWO_NEGATIVES_NEGATIVES {
            let row = page
                .row(negative.id)
                .await
                .unwrap_or_else(|| panic!("negative {} is not shown", negative.id));
            assert_eq!(row.original_id.as_deref(), Some(WITH_TWO_NEGATIVES));
            for (what, expected) in [
                ("number", negative.number),
                ("date", negative.date),
                ("amount", negative.amount),
            ] {
                assert!(
                    row.text.contains(expected),
                    "negative {}'s row should show its {what} {expected}: {:?}",
                    negative.id,
                    row.text
                );
            }
            assert!(
                row.text.to_lowercase().contains(negative.kind),
                "negative {}'s row should name its kind ({}): {:?}",
                negative.id,
                negative.kind,
                row.text
            );
        }
        // Right under their original, before any other family.
        let order = page.row_ids_in_order().await;
        let at = order
            .iter()
            .position(|id| id == WITH_TWO_NEGATIVES)
            .expect("the original is in the grid");
        let mut under: Vec<&str> = order[at + 1..]
            .iter()
            .take(WITH_TWO_NEGATIVES_NEGATIVES.len())
            .map(String::as_str)
            .collect();
        under.sort_unstable();
        assert_eq!(under, ["neg-1001", "neg-1002"], "rows in order: {order:?}");

        page.collapse(WITH_TWO_NEGATIVES).await;
        assert!(page.negative_rows(WITH_TWO_NEGATIVES).await.is_empty());
        for negative in WITH_TWO_NEGATIVES_NEGATIVES {
            assert!(page.row(negative.id).await.is_none());
        }
    })
    .await;
}

#[tokio::test]
async fn r07_checking_original_checks_negatives_and_summary_shows_net() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.expand(WITH_TWO_NEGATIVES).await;

        page.check(WITH_TWO_NEGATIVES).await;
        page.wait_for_summary("1", WITH_TWO_NEGATIVES_NET).await;
        for negative in page.negative_rows(WITH_TWO_NEGATIVES).await {
            assert_eq!(
                negative.checked,
                Some(true),
                "{} follows its original",
                negative.id
            );
            assert_eq!(
                negative.disabled,
                Some(true),
                "{} cannot be clicked",
                negative.id
            );
        }
        assert_eq!(
            page.summary_positive().await.as_deref(),
            Some(WITH_TWO_NEGATIVES_POSITIVE)
        );
        assert_eq!(
            page.summary_negative().await.as_deref(),
            Some(WITH_TWO_NEGATIVES_NEGATIVE)
        );

        // Collapsing and expanding again shows the same state.
        page.collapse(WITH_TWO_NEGATIVES).await;
        page.expand(WITH_TWO_NEGATIVES).await;
        for negative in page.negative_rows(WITH_TWO_NEGATIVES).await {
            assert_eq!(
                negative.checked,
                Some(true),
                "{} is still checked",
                negative.id
            );
        }

        page.uncheck(WITH_TWO_NEGATIVES).await;
        page.wait_for_summary("0", "¥0.00").await;
        let negatives = page.negative_rows(WITH_TWO_NEGATIVES).await;
        assert_eq!(negatives.len(), 2);
        for negative in negatives {
            assert_eq!(
                negative.checked,
                Some(false),
                "{} follows its original",
                negative.id
            );
            assert_eq!(
                negative.disabled,
                Some(true),
                "{} stays disabled",
                negative.id
            );
        }
    })
    .await;
}

#[tokio::test]
async fn r07_clicking_a_negative_checkbox_changes_nothing() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.expand(WITH_TWO_NEGATIVES).await;
        let refund = WITH_TWO_NEGATIVES_NEGATIVES[0].id;

        // Original unchecked: the negative cannot be checked on its own.
        page.wait_for_summary("0", "¥0.00").await;
        assert_eq!(page.row(refund).await.and_then(|r| r.checked), Some(false));
        let before = page.snapshot().await;
        page.click_checkbox(refund).await;
        page.assert_unchanged(&before, "clicking an unchecked negative")
            .await;

        // Original checked: the negative cannot be unchecked on its own.
        page.check(WITH_TWO_NEGATIVES).await;
        page.wait_for_summary("1", WITH_TWO_NEGATIVES_NET).await;
        assert_eq!(page.row(refund).await.and_then(|r| r.checked), Some(true));
        let before = page.snapshot().await;
        page.click_checkbox(refund).await;
        page.assert_unchanged(&before, "clicking a checked negative")
            .await;
    })
    .await;
}

#[tokio::test]
async fn r05_r08_non_checkable_families_show_reason_and_cannot_be_checked() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        for id in [NOT_INVOICEABLE, NET_ZERO] {
            let row = page.family(id).await;
            assert_eq!(row.checked, Some(false), "{id} starts unchecked");
            assert_eq!(row.disabled, Some(true), "{id} cannot be checked");
            let reason = row.reason.unwrap_or_default();
            assert!(
                !reason.is_empty(),
                "{id} shows why it cannot be checked: {:?}",
                row.text
            );

            let before = page.snapshot().await;
            page.click_checkbox(id).await;
            page.assert_unchanged(&before, &format!("clicking {id}'s checkbox"))
                .await;
            assert_eq!(page.summary_count().await.as_deref(), Some("0"));
        }
    })
    .await;
}
