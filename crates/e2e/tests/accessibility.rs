//! Every page and state of the demo, in English and in Chinese (R28, R29): axe-core finds no
//! serious or critical violation (`invoicing_e2e::audit`), and every text shown comes from the
//! page's catalog, with amounts as `¥1,234.50` and dates as `2026-11-26`
//! (`invoicing_e2e::catalog`). Each test covers a part of the demo, in both languages.

use std::path::PathBuf;
use std::time::Duration;

use invoicing_e2e::catalog::Shown;
use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, InvoicingPage};
use invoicing_e2e::{
    assert_catalog_texts, assert_no_csp_violations, audit, fixture_texts, run, wait, Browser,
    MockOptions,
};

const LANGS: [&str; 2] = ["en", "zh-CN"];

fn with(fixture: &str) -> MockOptions {
    MockOptions {
        data: Some(mock_fixture(fixture)),
        admin: true,
        ..MockOptions::default()
    }
}

/// One state of one page: the audit, then the catalog check.
struct Checker {
    lang: &'static str,
    data: Vec<String>,
}

impl Checker {
    fn new(lang: &'static str, fixture: PathBuf) -> Checker {
        Checker {
            lang,
            data: fixture_texts(&fixture),
        }
    }

    async fn check(&self, page: &InvoicingPage, state: &str) -> Shown {
        let state = format!("{state} ({})", self.lang);
        audit(page.client(), &state).await;
        assert_catalog_texts(page.client(), self.lang, &state, &self.data).await
    }
}

/// Opens the page in `lang` with nothing remembered from before (no draft).
async fn fresh(browser: &Browser, lang: &str) -> InvoicingPage {
    let page = InvoicingPage::visit_in(browser, lang).await;
    page.client()
        .execute("localStorage.clear(); return true;", vec![])
        .await
        .expect("clearing localStorage");
    InvoicingPage::open_in(browser, lang).await
}

#[tokio::test]
async fn r28_r29_loading_and_a_load_error_with_retry_in_both_languages() {
    let options = MockOptions {
        latency_ms: 1500,
        fail_first: 40,
        ..with("demo")
    };
    run(options, |browser| async move {
        for lang in LANGS {
            let checker = Checker::new(lang, mock_fixture("demo"));
            let page = InvoicingPage::visit_in(&browser, lang).await;
            let page = &page;
            wait::until("a loading indicator", move || async move {
                match page.text_of("[role=status]").await {
                    Some(_) => Ok(()),
                    None => Err("nothing says it is loading".to_owned()),
                }
            })
            .await;
            checker.check(page, "loading").await;
            wait::until_within(
                Duration::from_secs(30),
                "a load error",
                move || async move {
                    match page.shown().await {
                        s if s.error && s.retry => Ok(()),
                        s => Err(format!("the page shows {s:?}")),
                    }
                },
            )
            .await;
            checker.check(page, "a load error with Retry").await;
        }
    })
    .await;
}

#[tokio::test]
async fn r28_r29_step_2_in_both_languages() {
    run(with("demo"), |browser| async move {
        for lang in LANGS {
            let checker = Checker::new(lang, mock_fixture("demo"));
            let page = fresh(&browser, lang).await;
            page.wait_for_next(false).await;
            checker.check(&page, "step 2, orders, Next's reason").await;
            page.expand("cand-0020").await;
            page.check("cand-0020").await;
            checker
                .check(&page, "step 2, a family expanded and checked")
                .await;
            page.toggle_disclosure("filter-account").await;
            page.type_into("filter-cycle-from", "2026-13", false).await;
            page.type_into("filter-q", "no such record", true).await;
            checker
                .check(&page, "step 2, filters open, an error, nothing found")
                .await;
            page.type_into("filter-cycle-from", "", false).await;
            page.type_into("filter-q", "", true).await;
            page.choose_basis(BasisTab::Bill).await;
            checker.check(&page, "step 2, bills").await;
            page.choose_basis(BasisTab::Amount).await;
            checker.check(&page, "step 2, by amount, no entity").await;
            page.select_option("amount-issuer", "CLOUD_SERVICE").await;
            page.wait_for_text("available-amount", "109,709.60").await;
            checker
                .check(&page, "step 2, by amount with the balance")
                .await;
            page.type_into("invoice-amount", "abc", false).await;
            page.wait_for_text("amount-error", "").await;
            checker
                .check(&page, "step 2, by amount with an error")
                .await;
            page.type_into("invoice-amount", "109709.61", false).await;
            page.wait_for_next(false).await;
            checker
                .check(&page, "step 2, by amount over the balance")
                .await;
        }
        assert_no_csp_violations(&browser.client, "step 2").await;
    })
    .await;
}

/// (number, id) of five orders of three accounts (the contract's byOrder example).
const ORDERS: [(&str, &str); 5] = [
    ("226101308571220", "cand-0020"),
    ("226101014113019", "cand-0019"),
    ("226091117500212", "cand-0012"),
    ("226101910090322", "cand-0022"),
    ("226102409000024", "cand-0024"),
];

/// Steps 3 and 4, a refusal and the result: each language needs a mock of its own, since the
/// walk ends with an application.
async fn application_walk(browser: Browser, lang: &'static str) {
    let checker = Checker::new(lang, mock_fixture("demo"));
    let page = InvoicingPage::open_in(&browser, lang).await;
    for (number, id) in ORDERS {
        page.type_into("filter-q", number, true).await;
        page.family(id).await;
        page.check(id).await;
    }
    page.wait_for_summary("5", "¥15,016.00").await;
    page.go_to_split().await;
    assert!(page.mode_offered().await);
    checker.check(&page, "step 3 with the mode choice").await;
    page.choose_mode(true).await;
    page.go_to_details().await;
    checker.check(&page, "step 4").await;
    page.set_nth("emails", 0, "finance@, x@y").await;
    let problem = page.wait_for_text("email-problem", "").await;
    let described = page.description_of("emails", 0).await;
    assert!(
        described.contains(&problem),
        "R29: the e-mails are described by their problem {problem:?}: {described:?}"
    );
    checker.check(&page, "step 4 with e-mail errors").await;
    page.select_option("invoice-type", "special_paper").await;
    page.wait_for_text("invoice-form", "").await;
    let page_ref = &page;
    wait::until("the address of a paper invoice", move || async move {
        match page_ref.count_testid("address-select").await {
            0 => Err("no address select".to_owned()),
            _ => Ok(()),
        }
    })
    .await;
    checker.check(&page, "step 4 with a paper invoice").await;
    page.type_all_emails("finance@qinghe-data.example").await;
    page.invoice_elsewhere("cand-0022").await;
    page.click_submit().await;
    page.wait_for_text("refusal", "226101910090322").await;
    checker.check(&page, "a refusal").await;
    page.click_drop_records().await;
    page.wait_for_step(3).await;
    page.go_to_details().await;
    page.type_all_emails("finance@qinghe-data.example").await;
    page.click_submit().await;
    page.wait_for_application_id().await;
    checker.check(&page, "the result").await;
    assert_no_csp_violations(page.client(), "steps 3 and 4").await;
}

#[tokio::test]
async fn r28_r29_steps_3_and_4_a_refusal_and_the_result_in_english() {
    run(with("demo"), |browser| application_walk(browser, "en")).await;
}

#[tokio::test]
async fn r28_r29_steps_3_and_4_a_refusal_and_the_result_in_chinese() {
    run(with("demo"), |browser| application_walk(browser, "zh-CN")).await;
}

#[tokio::test]
async fn r28_r29_the_records_page_in_both_languages() {
    run(with("demo"), |browser| async move {
        let mut shown = Vec::new();
        for lang in LANGS {
            let checker = Checker::new(lang, mock_fixture("demo"));
            let page = fresh(&browser, lang).await;
            page.open_records().await;
            page.wait_for_record_ids(&[
                "inv-20261112-0005",
                "inv-20261112-0006",
                "inv-20261015-0002",
                "inv-20260915-0001",
            ])
            .await;
            shown.push(checker.check(&page, "records, independent").await);
            page.click_testid("records-consolidated").await;
            page.wait_for_record_ids(&["inv-20261101-0004", "inv-20261020-0003"])
                .await;
            checker.check(&page, "records, consolidated").await;
            page.click_testid("records-independent").await;
            page.type_into("records-from", "2026-10-31", false).await;
            page.type_into("records-to", "2026-10-01", false).await;
            page.wait_for_text("records-filter-error", "").await;
            checker.check(&page, "records, a filter error").await;
            page.type_into("records-from", "2026-01-01", false).await;
            page.type_into("records-to", "2026-01-02", false).await;
            page.wait_for_text("records-empty", "").await;
            checker.check(&page, "records, none found").await;
            page.type_into("records-from", "", false).await;
            page.type_into("records-to", "", false).await;
            page.wait_for_record_ids(&[
                "inv-20261112-0005",
                "inv-20261112-0006",
                "inv-20261015-0002",
                "inv-20260915-0001",
            ])
            .await;
            page.open_record_details("inv-20260915-0001").await;
            checker.check(&page, "a record's details").await;
            page.click_testid("close-details").await;
            page.click_testid("export-csv").await;
            page.wait_for_text("export-status", ".csv").await;
            checker.check(&page, "records, the export's status").await;
        }
        // The same records show the same amounts and dates in both languages.
        assert_eq!(
            shown[0], shown[1],
            "R28: amounts and dates follow no language"
        );
        assert!(
            shown[0].amounts.iter().any(|a| a.contains(',')) && !shown[0].dates.is_empty(),
            "the records show amounts and dates: {:?}",
            shown[0]
        );
        assert_no_csp_violations(&browser.client, "the records").await;
    })
    .await;
}

#[tokio::test]
async fn r28_r29_real_name_notice_and_member_in_both_languages() {
    for fixture in ["unverified", "member"] {
        run(with(fixture), move |browser| async move {
            for lang in LANGS {
                let checker = Checker::new(lang, mock_fixture(fixture));
                let page = InvoicingPage::visit_in(&browser, lang).await;
                let page = &page;
                wait::until("the page", move || async move {
                    match page.text_of("[data-testid=next]").await {
                        Some(_) => Ok(()),
                        None => Err("no Next yet".to_owned()),
                    }
                })
                .await;
                if fixture == "unverified" {
                    page.wait_for_text("real-name-required", "").await;
                }
                checker.check(page, &format!("step 2 of {fixture}")).await;
                page.open_records().await;
                checker.check(page, &format!("records of {fixture}")).await;
            }
        })
        .await;
    }
}
