//! Hostile data (issue 10): the `hostile` fixture's product names, account names, a title, the
//! reasons and a rejection hold HTML and script payloads (`<img onerror>`, `</script><script>`,
//! `<svg onload>`, `<iframe src=javascript:>`, a `javascript:` link), very long strings, and
//! right-to-left and zero-width characters. Each payload would set `window.__pwned` if it ran.
//! They must show as text, run nothing, and leave the layout as it is.

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{assert_no_csp_violations, run, MockOptions};

fn hostile() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("hostile")),
        admin: true,
        ..MockOptions::default()
    }
}

/// Nothing ran, nothing became markup, nothing overflows, rows keep one height.
async fn assert_held(page: &InvoicingPage, at: &str) {
    let s = page.hostile_state().await;
    assert_eq!(s.pwned, None, "a payload ran ({at})");
    assert_eq!(s.foreign_elements, 0, "markup from the data ({at})");
    assert_eq!(s.inline_handlers, 0, "an inline handler ({at})");
    assert_eq!(s.script_links, 0, "a javascript: link ({at})");
    assert!(
        s.overflow_x <= 0,
        "the page scrolls sideways by {} px ({at})",
        s.overflow_x
    );
    assert!(
        s.row_heights.len() <= 1,
        "rows of several heights {:?} ({at})",
        s.row_heights
    );
}

#[tokio::test]
async fn hostile_names_titles_and_reasons_render_as_text_and_run_nothing() {
    run(hostile(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        assert_held(&page, "the first page").await;

        // An order whose product name is an <img onerror> payload, of the RTL account.
        page.type_into("filter-q", "226080310152201", true).await;
        let row = page.family("cand-0001").await;
        assert!(row.text.contains("<img src=x onerror="), "{}", row.text);
        assert!(row.text.contains("evil"), "{}", row.text);
        assert_held(&page, "the <img> row").await;

        // Not invoiceable: a </script> product, a javascript: account name 500 letters long, a
        // <svg onload> reason 300 characters long.
        page.type_into("filter-q", "226082813124008", true).await;
        let row = page.family("cand-0008").await;
        assert!(row.text.contains("</script><script>"), "{}", row.text);
        let reason = row.reason.clone().unwrap_or_default();
        assert!(
            reason.contains("<svg onload="),
            "the reason as text: {reason}"
        );
        assert_held(&page, "the long, scripted row").await;

        // Step 4 offers the <a href=javascript:> title as text.
        page.type_into("filter-q", "226080310152201", true).await;
        page.family("cand-0001").await;
        page.check("cand-0001").await;
        page.go_to_split().await;
        page.go_to_details().await;
        page.wait_for_text("invoice-form", "").await;
        let state = page.hostile_state().await;
        assert!(
            state.options.contains("<a href=\"javascript:"),
            "the title as text in step 4"
        );
        assert_held(&page, "step 4").await;

        // The records: a rejection whose reason is an <iframe src=javascript:>.
        page.open_records().await;
        let rows = page.record_rows().await.unwrap_or_default();
        let rejected = rows
            .iter()
            .find(|r| r.status == "rejected")
            .expect("the demo's rejected record");
        assert!(rejected.text.contains("<iframe"), "{}", rejected.text);
        page.open_record_details(&rejected.invoice_id).await;
        assert_held(&page, "the records and a record's details").await;
        assert_no_csp_violations(page.client(), "the hostile walk").await;
    })
    .await;
}
