//! The summary below the grid, overall and per invoicing entity (R10).

use invoicing_e2e::fixture::*;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run, wait, MockOptions};

#[tokio::test]
async fn r10_summary_per_invoicing_entity() {
    run(MockOptions::default(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;

        // Two families of one entity: one overall figure, no per-entity lines.
        page.check(WITH_TWO_NEGATIVES).await;
        page.check(PARTLY_INVOICED).await;
        page.wait_for_summary("2", CLOUD_SERVICE_PAIR_NET).await;
        assert_eq!(
            page.entity_lines().await,
            0,
            "one entity needs no per-entity lines"
        );

        // A family of the other entity: a line per entity, each exact, adding up to the total.
        page.check(WITHOUT_NEGATIVES).await;
        page.wait_for_summary("3", ALL_THREE_NET).await;
        let page = &page;
        let cloud = CLOUD_SERVICE_PAIR_NET;
        wait::until("a summary line per entity", move || async move {
            let lines = (
                page.entity_net(CLOUD_SERVICE).await,
                page.entity_net(COMM_SERVICE).await,
            );
            if lines == (Some(cloud.into()), Some(WITHOUT_NEGATIVES_NET.into())) {
                Ok(())
            } else {
                Err(format!(
                    "(CLOUD_SERVICE, COMM_SERVICE) lines show {lines:?}"
                ))
            }
        })
        .await;
        assert_eq!(page.entity_lines().await, 2);

        // Back to one entity: the lines go again.
        page.uncheck(WITHOUT_NEGATIVES).await;
        page.wait_for_summary("2", cloud).await;
        wait::until("the per-entity lines to go", move || async move {
            match page.entity_lines().await {
                0 => Ok(()),
                n => Err(format!("{n} lines are shown")),
            }
        })
        .await;
    })
    .await;
}
