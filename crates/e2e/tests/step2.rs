//! Step 2 against the demo enterprise (`crates/invoicing-mock/fixtures/demo.json`): three member
//! accounts, two invoicing entities, 青禾数据-研发中心 (…8467) owing ¥1,286.40 to
//! CLOUD_SERVICE, arrears offsetting open. Each test names the rule it checks.

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, InvoicingPage};
use invoicing_e2e::{run, wait, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        ..MockOptions::default()
    }
}

/// Searches the grid for an order or bill number, so that its family is drawn.
async fn search(page: &InvoicingPage, number: &str, id: &str) {
    page.type_into("filter-q", number, true).await;
    page.family(id).await;
}

/// Searches and checks one family.
async fn check_by_number(page: &InvoicingPage, number: &str, id: &str) {
    search(page, number, id).await;
    page.check(id).await;
}

// 青禾数据-研发中心 (…8467), CLOUD_SERVICE, no negatives.
const SLB_8467: (&str, &str) = ("226101014113019", "cand-0019"); // ¥1,080.00
const TERMINAL_8467: (&str, &str) = ("226091117500212", "cand-0012"); // ¥1,798.00
                                                                      // 青禾数据-主账号 (…7356), CLOUD_SERVICE, no arrears.
const SLB_7356: (&str, &str) = ("226090615361810", "cand-0010"); // ¥960.00
                                                                 // 青禾数据-主账号, COMM_SERVICE.
const DYPNS_7356: (&str, &str) = ("226082208300007", "cand-0007"); // ¥5,000.00

#[tokio::test]
async fn r12_arrears_must_be_exceeded_and_are_deducted() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_by_number(&page, SLB_8467.0, SLB_8467.1).await;
        // ¥1,080.00 selected against ¥1,286.40 owed: ¥206.40 short.
        let reason = page.wait_for_next(false).await.unwrap_or_default();
        assert!(
            reason.contains("206.40"),
            "Next says how much more: {reason:?}"
        );
        page.wait_for_text("summary-arrears", "1,286.40").await;

        check_by_number(&page, TERMINAL_8467.0, TERMINAL_8467.1).await;
        // ¥2,878.00 − ¥1,286.40.
        page.wait_for_text("summary-to-invoice", "1,591.60").await;
        page.wait_for_next(true).await;
    })
    .await;
}

#[tokio::test]
async fn r13_another_members_consumption_covers_arrears_only_with_offsetting_open() {
    // Open (the demo): the main account's ¥960.00 and 研发中心's ¥1,080.00 form one pool.
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_by_number(&page, SLB_8467.0, SLB_8467.1).await;
        check_by_number(&page, SLB_7356.0, SLB_7356.1).await;
        page.wait_for_text("summary-to-invoice", "753.60").await;
        page.wait_for_next(true).await;
    })
    .await;
    // Not open: 研发中心's own ¥1,080.00 must cover its arrears, and does not.
    let no_offset = MockOptions {
        data: Some(mock_fixture("no-offset")),
        ..MockOptions::default()
    };
    run(no_offset, |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_by_number(&page, SLB_8467.0, SLB_8467.1).await;
        check_by_number(&page, SLB_7356.0, SLB_7356.1).await;
        let reason = page.wait_for_next(false).await.unwrap_or_default();
        assert!(
            reason.contains("206.40"),
            "Next says how much more: {reason:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn r14_next_is_enabled_only_for_a_valid_choice_and_says_why_not() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        let reason = page.wait_for_next(false).await;
        assert!(
            reason.is_some_and(|r| !r.is_empty()),
            "a reason stands beside Next"
        );
        check_by_number(&page, SLB_7356.0, SLB_7356.1).await;
        page.wait_for_next(true).await;
        page.uncheck(SLB_7356.1).await;
        page.wait_for_next(false).await;
    })
    .await;
}

#[tokio::test]
async fn r04_filters_narrow_the_grid_and_count_hidden_selections() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_by_number(&page, DYPNS_7356.0, DYPNS_7356.1).await;
        page.type_into("filter-q", "", true).await;

        // Only CLOUD_SERVICE: the COMM_SERVICE family goes out of view, not out of the selection.
        page.select_option("filter-issuer", "CLOUD_SERVICE").await;
        let page_ref = &page;
        wait::until(
            "the COMM_SERVICE family to leave the grid",
            move || async move {
                let ids = page_ref.row_ids_in_order().await;
                if ids.iter().any(|id| id == DYPNS_7356.1) {
                    Err(format!("rows: {ids:?}"))
                } else {
                    Ok(())
                }
            },
        )
        .await;
        page.wait_for_text("summary-hidden", "1").await;
        page.wait_for_summary("1", "¥5,000.00").await;

        // A negative document's number finds its family.
        page.type_into("filter-q", "RF261028101259", true).await;
        wait::until("only the family of that refund", move || async move {
            let ids = page_ref.row_ids_in_order().await;
            if ids == ["cand-0023"] {
                Ok(())
            } else {
                Err(format!("rows: {ids:?}"))
            }
        })
        .await;
    })
    .await;
}

#[tokio::test]
async fn r09_select_all_checks_every_checkable_family_the_filters_show() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        // COMM_SERVICE orders: three families, all checkable.
        page.select_option("filter-issuer", "COMM_SERVICE").await;
        page.click_select_all().await;
        page.wait_for_summary("3", "¥7,600.00").await;
        let state = page.select_all_box().await;
        assert!(state.checked && !state.mixed, "{state:?}");

        // Without the filter, the header is mixed: the others are not checked.
        page.select_option("filter-issuer", "").await;
        let page_ref = &page;
        wait::until("the header to show mixed", move || async move {
            let state = page_ref.select_all_box().await;
            if state.mixed {
                Ok(())
            } else {
                Err(format!("{state:?}"))
            }
        })
        .await;
        page.clear_selection().await;
        page.wait_for_summary("0", "¥0.00").await;
    })
    .await;
}

#[tokio::test]
async fn r05_r08_families_that_cannot_be_invoiced_show_why_and_stay_unchecked() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        // Under review (R05), and a net of −¥150.00 (R08).
        for (number, id) in [
            ("226082813124008", "cand-0008"),
            ("226091814480914", "cand-0014"),
        ] {
            search(&page, number, id).await;
            let row = page.family(id).await;
            assert_eq!(row.disabled, Some(true), "{id} cannot be checked");
            assert!(row.reason.is_some_and(|r| !r.is_empty()), "{id} says why");
            page.click_select_all().await;
            assert_eq!(
                page.family(id).await.checked,
                Some(false),
                "select all skips {id}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn r03_each_basis_keeps_its_own_selection_filters_and_input() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        check_by_number(&page, SLB_7356.0, SLB_7356.1).await;

        page.choose_basis(BasisTab::Bill).await;
        check_by_number(&page, "BL202608000117", "cand-0027").await;
        page.wait_for_summary("1", "¥1,236.58").await;

        page.choose_basis(BasisTab::Amount).await;
        page.type_into("invoice-amount", "100", false).await;

        page.choose_basis(BasisTab::Order).await;
        page.wait_for_summary("1", "¥960.00").await;
        let q = page.control("filter-q").await.and_then(|c| c.value);
        assert_eq!(
            q.as_deref(),
            Some(SLB_7356.0),
            "the order tab's search stays"
        );

        page.choose_basis(BasisTab::Bill).await;
        page.wait_for_summary("1", "¥1,236.58").await;

        page.choose_basis(BasisTab::Amount).await;
        let typed = page.control("invoice-amount").await.and_then(|c| c.value);
        assert_eq!(typed.as_deref(), Some("100"), "what was typed stays");
    })
    .await;
}

#[tokio::test]
async fn r01_an_unverified_account_cannot_select_or_go_on() {
    let unverified = MockOptions {
        data: Some(mock_fixture("unverified")),
        ..MockOptions::default()
    };
    run(unverified, |browser| async move {
        let page = InvoicingPage::visit(&browser).await;
        let notice = page.wait_for_text("real-name-required", "").await;
        assert!(!notice.is_empty());
        let link = page
            .text_of("[data-testid=real-name-required] a[href]")
            .await;
        assert!(
            link.is_some_and(|l| !l.is_empty()),
            "a link to verification"
        );
        let reason = page.wait_for_next(false).await;
        assert!(reason.is_some_and(|r| !r.is_empty()));
        if page.shown().await.grid {
            let row = page.family("cand-u001").await;
            assert_eq!(row.disabled, Some(true), "nothing can be checked");
            page.click_checkbox("cand-u001").await;
            assert_eq!(page.family("cand-u001").await.checked, Some(false));
            assert_eq!(
                page.control("select-all").await.map(|c| c.disabled),
                Some(true)
            );
        }
        assert!(!page.next_enabled().await);
    })
    .await;
}

#[tokio::test]
async fn r11_the_amount_is_read_exactly_against_the_balance_or_refused_with_its_reason() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        page.choose_basis(BasisTab::Amount).await;
        page.select_option("amount-issuer", "CLOUD_SERVICE").await;
        // All three accounts: ¥110,996.00 invoiceable, ¥1,286.40 arrears (the contract's example).
        page.wait_for_text("available-amount", "109,709.60").await;

        let mut messages = Vec::new();
        for typed in ["0", "-5", "12.345", "12a", "109709.61"] {
            page.type_into("invoice-amount", typed, false).await;
            let page_ref = &page;
            let message = wait::until(format!("a message for {typed:?}"), move || async move {
                match page_ref.text_by_testid("amount-error").await {
                    Some(m) if !m.is_empty() => Ok(m),
                    other => Err(format!("it shows {other:?}")),
                }
            })
            .await;
            let control = page.control("invoice-amount").await.unwrap();
            assert_eq!(control.value.as_deref(), Some(typed), "never altered");
            assert!(control.invalid, "{typed:?} is marked invalid");
            page.wait_for_next(false).await;
            messages.push(message);
        }
        let mut distinct = messages.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(
            distinct.len(),
            messages.len(),
            "each refusal has its own message: {messages:?}"
        );
        assert!(
            messages[4].contains("109,709.60"),
            "over the balance says the maximum"
        );

        page.type_into("invoice-amount", "¥ 109,709.60", false)
            .await;
        page.wait_for_next(true).await;
        let control = page.control("invoice-amount").await.unwrap();
        assert_eq!(control.value.as_deref(), Some("¥ 109,709.60"));
        assert!(!control.invalid);
    })
    .await;
}

#[tokio::test]
async fn r10_the_summary_and_next_stay_in_view_below_the_grid() {
    run(demo(), |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        // Families of two entities, drawn at the top: the summary grows a line per entity.
        for id in ["cand-0026", "cand-0024", "cand-0019"] {
            page.check(id).await;
        }
        page.wait_for_summary("3", "¥3,149.20").await;
        let fits = browser
            .client
            .execute(
                r#"
const bottom = s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().bottom : null; };
return { summary: bottom('[data-testid=summary]'), next: bottom('[data-testid=next]'),
         height: window.innerHeight, page: document.scrollingElement.scrollHeight };
"#,
                vec![],
            )
            .await
            .expect("measure");
        let h = fits["height"].as_f64().unwrap();
        for part in ["summary", "next"] {
            let b = fits[part].as_f64().unwrap_or(f64::MAX);
            assert!(b <= h + 0.5, "{part} ends at {b}, below the window's {h}: {fits}");
        }
        assert!(
            fits["page"].as_f64().unwrap() <= h + 1.0,
            "the page itself scrolls: {fits}"
        );
    })
    .await;
}
