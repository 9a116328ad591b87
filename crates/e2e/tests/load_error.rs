//! A backend that does not answer: the page says so and offers a retry (R30).

use invoicing_e2e::fixture::*;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run, wait, MockOptions};

#[tokio::test]
async fn r30_unreachable_backend_offers_retry() {
    let failing = MockOptions {
        fail_first: 4,
        ..MockOptions::default()
    };
    run(failing, |browser| async move {
        let page = InvoicingPage::visit(&browser).await;
        let page = &page;
        let mut retries = 0;
        loop {
            let shown = wait::until("the grid or a load error", move || async move {
                let shown = page.shown().await;
                if shown.grid || shown.error {
                    Ok(shown)
                } else {
                    Err(format!("the page shows {shown:?}"))
                }
            })
            .await;
            if shown.grid {
                break;
            }
            assert!(shown.retry, "the load error offers a retry button");
            assert!(
                retries < 8,
                "the grid is still not there after {retries} retries"
            );
            page.retry().await;
            retries += 1;
        }
        assert!(
            retries > 0,
            "the first 4 API requests failed, so the page must have shown an error"
        );
        page.family(WITH_TWO_NEGATIVES).await;
        assert!(
            !page.shown().await.error,
            "the error is gone once the grid is there"
        );
    })
    .await;
}
