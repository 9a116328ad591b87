//! The grid over 100,000 families: every page arrives, a family far down is reached by
//! scrolling, checked with its negatives, and the summary is exact to the cent (R07, R10);
//! select all checks every checkable family of all pages (R09).

use std::time::Duration;

use invoicing::Money;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::processes::TempDir;
use invoicing_e2e::{run, MockOptions};

const FAMILIES: usize = 100_000;

#[tokio::test]
async fn r07_r10_a_family_far_down_100_000_is_checked_with_the_exact_summary() {
    let dir = TempDir::new("invoicing-e2e-scale");
    let path = dir.path().join("families.json");
    let fixture = invoicing_fixture_gen::generate(FAMILIES, 2026);
    fixture.write(&path).expect("the fixture is written");
    // The last checkable family with negatives: about as far down as the list goes.
    let (position, family) = (0..FAMILIES)
        .rev()
        .map(|i| (i, fixture.family(i)))
        .find(|(_, f)| f.checkability().is_checkable() && !f.negatives().is_empty())
        .expect("the fixture has such a family");
    assert!(position > FAMILIES - 1000, "{position} is far down");
    let all = fixture.checkable_sums();
    let options = MockOptions {
        data: Some(path),
        ..MockOptions::default()
    };
    run(options, move |browser| {
        let family = family.clone();
        async move {
            let page = InvoicingPage::open(&browser).await;
            page.wait_until_loaded(Duration::from_secs(180)).await;
            let (rowcount, drawn) = page.grid_rows().await;
            assert_eq!(
                rowcount,
                FAMILIES as u64 + 1,
                "aria-rowcount counts every row"
            );
            assert!(drawn < 100, "{drawn} rows drawn of {FAMILIES}");

            let id = family.id();
            page.scroll_to_row(position, id).await;
            page.check(id).await;
            page.wait_for_summary("1", &family.net_amount().format_cny())
                .await;
            assert_eq!(
                page.summary_positive().await,
                Some(family.positive_amount().format_cny())
            );
            assert_eq!(
                page.summary_negative().await,
                Some(family.negative_amount().format_cny())
            );
            page.expand(id).await;
            for negative in page.negative_rows(id).await {
                assert_eq!(negative.checked, Some(true), "{negative:?}");
            }

            page.click_select_all().await;
            page.wait_for_summary(&all.count.to_string(), &all.net().format_cny())
                .await;
            assert_eq!(
                page.summary_positive().await,
                Some(all.positive.format_cny())
            );
            assert_ne!(all.net(), Money::ZERO);
            page.clear_selection().await;
            page.wait_for_summary("0", "¥0.00").await;
        }
    })
    .await;
}
