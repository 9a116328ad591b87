//! The records page against the demo enterprise (`crates/invoicing-mock/fixtures/demo.json`):
//! six invoices of five applications, independent and consolidated, in every status; and an
//! application followed from its submission to the download of its invoice (R24–R27).

use invoicing::Money;
use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::records::wait_for_download;
use invoicing_e2e::pages::InvoicingPage;
use invoicing_e2e::{run, wait, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    }
}

/// …9578's order 226101910090322 (cand-0022): CLOUD_SERVICE, 6 %, ¥3,650.00, no negatives.
const ORDER: (&str, &str) = ("226101910090322", "cand-0022");

fn sum(amounts: impl IntoIterator<Item = String>) -> Money {
    amounts
        .into_iter()
        .map(|a| a.parse::<Money>().unwrap_or_else(|e| panic!("{a}: {e:?}")))
        .sum()
}

#[tokio::test]
async fn r24_r25_r27_an_application_is_followed_from_submission_to_its_invoice_file() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.type_into("filter-q", ORDER.0, true).await;
        page.family(ORDER.1).await;
        page.check(ORDER.1).await;
        page.wait_for_summary("1", "¥3,650.00").await;
        page.go_to_split().await;
        page.go_to_details().await;
        page.type_all_emails("finance@qinghe-data.example").await;
        page.click_submit().await;
        let application = page.wait_for_application_id().await;

        // R24: the result leads to the application's records, pending, newest first.
        page.follow_records_link().await;
        page.wait_for_text("records-application-filter", &application)
            .await;
        let rows = page.record_rows().await.unwrap_or_default();
        assert_eq!(rows.len(), 1, "one invoice: {rows:?}");
        let invoice = rows[0].invoice_id.clone();
        assert_eq!(rows[0].application_id, application);
        assert_eq!(rows[0].status, "pending");
        assert!(rows[0].text.contains("¥3,650.00"), "{}", rows[0].text);
        assert!(!rows[0].downloadable, "R27: no download before invoiced");

        // R25: the lines add up to the invoice's amount and name the order.
        let (lines, total) = page.open_record_details(&invoice).await;
        assert_eq!(total, "3650.00");
        assert_eq!(
            sum(lines.iter().map(|l| l.2.clone())),
            "3650.00".parse().unwrap()
        );
        assert_eq!(
            lines,
            vec![(ORDER.1.to_owned(), "order".to_owned(), "3650.00".to_owned())]
        );
        page.click_testid("close-details").await;
        page.wait_for_absence("record-details").await;

        // The back office issues it; after a refresh it is invoiced with a download.
        page.mock_move_status(&invoice, "issuing").await;
        let issued = page.mock_move_status(&invoice, "invoiced").await;
        let number = issued["invoiceNumber"]
            .as_str()
            .expect("an invoiced record has its number")
            .to_owned();
        page.click_testid("records-refresh").await;
        let row = page.wait_for_record_status(&invoice, "invoiced").await;
        assert!(
            row.downloadable,
            "R27: an invoiced invoice can be downloaded"
        );
        assert!(row.text.contains(&number), "{}", row.text);

        // R27: the file saved is the mock's PDF, named after the invoice number.
        page.download_invoice(&invoice).await;
        page.wait_for_text("download-status", &number).await;
        let file_name = format!("{number}.pdf");
        let saved = wait_for_download(&browser.downloads, |n| n == file_name).await;
        let bytes = std::fs::read(&saved).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF: {saved:?}");
        let (status, served) = page
            .fetch_bytes(&format!("/api/v1/invoice-records/{invoice}/file"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(bytes, served, "the saved file is the served one");
    })
    .await;
}

#[tokio::test]
async fn r24_enterprise_records_have_independent_and_consolidated_tabs_and_filters() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.open_records().await;
        assert_eq!(page.tab_selected("records-independent").await, Some(true));
        assert_eq!(page.tab_selected("records-consolidated").await, Some(false));
        // Newest first: createdAt descending, then invoiceId.
        let rows = page
            .wait_for_record_ids(&[
                "inv-20261112-0005",
                "inv-20261112-0006",
                "inv-20261015-0002",
                "inv-20260915-0001",
            ])
            .await;
        let rejected = &rows[2];
        assert_eq!(rejected.status, "rejected");
        assert!(
            rejected.text.contains("开户行"),
            "R24: a rejection shows its reason: {}",
            rejected.text
        );
        let downloadable: Vec<&str> = rows
            .iter()
            .filter(|r| r.downloadable)
            .map(|r| r.invoice_id.as_str())
            .collect();
        assert_eq!(
            downloadable,
            ["inv-20260915-0001"],
            "R27: only invoiced ones"
        );

        page.click_testid("records-consolidated").await;
        page.wait_for_record_ids(&["inv-20261101-0004", "inv-20261020-0003"])
            .await;
        page.click_testid("records-independent").await;

        // A reversed range is refused with its reason and changes nothing; a valid one applies.
        page.type_into("records-from", "2026-10-31", false).await;
        page.type_into("records-to", "2026-10-01", false).await;
        page.wait_for_text("records-filter-error", "").await;
        page.wait_for_record_ids(&[
            "inv-20261112-0005",
            "inv-20261112-0006",
            "inv-20261015-0002",
            "inv-20260915-0001",
        ])
        .await;
        page.type_into("records-from", "2026-10-01", false).await;
        page.type_into("records-to", "2026-10-31", false).await;
        page.wait_for_absence("records-filter-error").await;
        page.wait_for_record_ids(&["inv-20261015-0002"]).await;
        // Both ends are whole days: the 12 November records start on the 12th.
        page.type_into("records-from", "2026-11-12", false).await;
        page.type_into("records-to", "2026-11-12", false).await;
        page.wait_for_record_ids(&["inv-20261112-0005", "inv-20261112-0006"])
            .await;
        page.select_option("records-status", "pending").await;
        page.wait_for_record_ids(&["inv-20261112-0006"]).await;
    })
    .await;
}

#[tokio::test]
async fn r26_export_details_saves_the_filtered_records_as_csv() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.open_records().await;
        page.select_option("records-status", "invoiced").await;
        page.wait_for_record_ids(&["inv-20260915-0001"]).await;
        page.click_testid("export-csv").await;
        page.wait_for_text("export-status", ".csv").await;
        let saved = wait_for_download(&browser.downloads, |n| {
            n.starts_with("invoice-records-") && n.ends_with(".csv")
        })
        .await;
        let bytes = std::fs::read(&saved).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "R26: a BOM");
        let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header[0], "Application ID", "the page's language");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        // inv-20260915-0001's three lines, and nothing of other statuses or of the other tab.
        assert_eq!(rows.len(), 3, "{rows:?}");
        for row in &rows {
            assert_eq!(&row[1], "inv-20260915-0001");
            assert_eq!(&row[4], "invoiced");
            assert_eq!(&row[5], "星舟云计算（杭州）有限公司", "Chinese intact");
        }
        let lines = sum(rows.iter().map(|r| r[16].to_owned()));
        assert_eq!(lines, rows[0][9].parse().unwrap(), "the lines add up");
        wait::until("the export button enabled again", || async {
            match page.control("export-csv").await {
                Some(c) if !c.disabled => Ok(()),
                other => Err(format!("{other:?}")),
            }
        })
        .await;
    })
    .await;
}
