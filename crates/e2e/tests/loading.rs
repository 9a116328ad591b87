//! Families arrive page by page (R30): the first page is usable while the rest load behind a
//! progress bar, and an expired cursor starts over from the first page keeping the selection.

use std::time::Duration;

use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::processes::TempDir;
use invoicing_e2e::{run, wait, MockOptions};

const FAMILIES: usize = 3_000;

#[tokio::test]
async fn r30_an_expired_cursor_starts_over_and_keeps_what_was_checked() {
    let dir = TempDir::new("invoicing-e2e-loading");
    let path = dir.path().join("families.json");
    let fixture = invoicing_fixture_gen::generate(FAMILIES, 11);
    fixture.write(&path).expect("the fixture is written");
    let (position, family) = (0..50)
        .map(|i| (i, fixture.family(i)))
        .find(|(_, f)| f.checkability().is_checkable())
        .expect("a checkable family on the first page");
    let options = MockOptions {
        data: Some(path),
        page_latency_ms: 1500,
        expire_cursors: 1,
        ..MockOptions::default()
    };
    run(options, move |browser| {
        let family = family.clone();
        async move {
            let page = InvoicingPage::open(&browser).await;
            let page = &page;
            // The first page is drawn and usable while the others still load.
            let (loaded, total) = wait::until("the progress bar", move || async move {
                page.progress()
                    .await
                    .ok_or_else(|| "no progress bar".to_string())
            })
            .await;
            assert_eq!(total, FAMILIES as u64);
            assert!(loaded < total);
            page.scroll_to_row(position, family.id()).await;
            page.check(family.id()).await;
            page.wait_for_summary("1", &family.net_amount().format_cny())
                .await;

            // The second page's cursor has expired: the load starts over, and the family
            // stays checked when the first page comes again.
            page.wait_until_loaded(Duration::from_secs(60)).await;
            assert_eq!(page.grid_rows().await.0, FAMILIES as u64 + 1);
            page.wait_for_summary("1", &family.net_amount().format_cny())
                .await;
            page.scroll_to_row(position, family.id()).await;
            assert_eq!(page.family(family.id()).await.checked, Some(true));
            assert!(page
                .text_of("[data-testid=selection-notice]")
                .await
                .is_none());
        }
    })
    .await;
}
