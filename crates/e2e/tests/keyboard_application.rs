//! A whole application with the keyboard alone (R29, issue 9's "Done when"): Tab into the grid,
//! arrows and Space to check families, Tab to Next and Enter; on step 3 the mode with the arrows;
//! on step 4 the title and type with the arrows and the e-mails typed; Submit with Enter. Every
//! key goes through WebDriver's key actions to the focused element: no click, and no script that
//! changes anything (scripts only read what has the focus and what the page shows).

use fantoccini::key::Key;
use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::{BasisTab, Focused, InvoicingPage};
use invoicing_e2e::{run, wait, MockOptions};

/// Five orders of three accounts, the contract's byOrder example: ¥15,016.00 over two entities.
const ORDERS: [&str; 5] = [
    "cand-0020",
    "cand-0019",
    "cand-0012",
    "cand-0022",
    "cand-0024",
];

fn is(testid: &'static str) -> impl Fn(&Focused) -> bool + Copy {
    move |f: &Focused| f.testid.as_deref() == Some(testid)
}

/// A step's heading with the focus, and the focus shows.
fn heading(f: &Focused) -> bool {
    f.heading && f.visible
}

#[tokio::test]
async fn r29_a_whole_application_with_the_keyboard_alone() {
    let demo = MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    };
    run(demo, |browser| async move {
        let page = InvoicingPage::open(&browser).await;

        // Step 2: Tab into the grid, Down through the rows, Space on each order wanted.
        page.tab_until("a row of the grid", false, 40, |f| f.doc_id.is_some())
            .await;
        let mut checked = 0;
        for _ in 0..200 {
            let Some(id) = page.focused().await.and_then(|f| f.doc_id) else {
                panic!("R29: the focus left the grid");
            };
            if ORDERS.contains(&id.as_str()) && page.family(&id).await.checked == Some(false) {
                page.keys(&[' ']).await;
                let page = &page;
                let id = id.as_str();
                wait::until(format!("{id} checked by Space"), move || async move {
                    match page.family(id).await.checked {
                        Some(true) => Ok(()),
                        other => Err(format!("its checkbox is {other:?}")),
                    }
                })
                .await;
                checked += 1;
                if checked == ORDERS.len() {
                    break;
                }
            }
            page.key(Key::Down).await;
            let before = id.clone();
            let page_ref = &page;
            wait::until("the focus to move down", move || {
                let before = before.clone();
                async move {
                    match page_ref.focused().await.and_then(|f| f.doc_id) {
                        Some(now) if now != before => Ok(()),
                        other => Err(format!("the focus is on {other:?}")),
                    }
                }
            })
            .await;
        }
        assert_eq!(checked, ORDERS.len(), "every order was reached with Down");
        page.wait_for_summary("5", "¥15,016.00").await;
        page.wait_for_next(true).await;
        page.tab_until("Next", false, 30, is("next")).await;
        page.key(Key::Enter).await;

        // Step 3: the focus goes to the step's heading; the mode is chosen with the arrows.
        page.wait_for_step(3).await;
        page.wait_for_focused("step 3's heading", heading).await;
        let mode = page
            .tab_until("the mode's radio", false, 5, |f| {
                f.input_type.as_deref() == Some("radio")
            })
            .await;
        assert_eq!(mode.testid.as_deref(), Some("mode-independent"), "{mode:?}");
        page.key(Key::Down).await;
        page.wait_for_focused("the consolidated radio", is("mode-consolidated"))
            .await;
        // ¥15,016.00 less …8467's arrears of ¥1,286.40.
        page.wait_for_text("split-total", "13,729.60").await;
        let page_ref = &page;
        wait::until("three invoices, consolidated", move || async move {
            match page_ref.count_testid("split-row").await {
                3 => Ok(()),
                n => Err(format!("{n} split rows")),
            }
        })
        .await;
        page.tab_until("step 3's Next", false, 10, is("to-details"))
            .await;
        page.key(Key::Enter).await;

        // Step 4: for each invoice, the title and the type with the arrows, the e-mails typed.
        page.wait_for_step(4).await;
        page.wait_for_focused("step 4's heading", heading).await;
        let forms = page.count_testid("invoice-form").await;
        assert_eq!(forms, 3);
        for at in 0..forms {
            page.tab_until("a title", false, 10, is("title-select"))
                .await;
            // The personal title (general invoices only), then back to the enterprise's.
            page.key(Key::Down).await;
            page.wait_for_nth_value("title-select", at as usize, "ttl-1002")
                .await;
            page.key(Key::Up).await;
            page.wait_for_nth_value("title-select", at as usize, "ttl-1001")
                .await;
            page.tab_until("a type", false, 3, is("invoice-type")).await;
            page.key(Key::Down).await;
            page.wait_for_nth_value("invoice-type", at as usize, "special_electronic")
                .await;
            page.tab_until("the e-mails", false, 3, is("emails")).await;
            page.type_text("finance@qinghe-data.example").await;
            page.wait_for_nth_value("emails", at as usize, "finance@qinghe-data.example")
                .await;
        }
        page.tab_until("Submit", false, 5, is("submit")).await;
        page.key(Key::Enter).await;

        // The result, and one application at the mock with the choices made.
        let id = page.wait_for_application_id().await;
        page.wait_for_focused("the result's heading", heading).await;
        let created = page.mock_applications().await;
        assert_eq!(created.len(), 1, "R29: one application: {created:?}");
        assert_eq!(created[0]["applicationId"].as_str(), Some(id.as_str()));
        let text = created[0].to_string();
        assert!(text.contains("consolidated"), "the mode chosen: {text}");
        assert!(
            text.contains("special_electronic"),
            "the type chosen: {text}"
        );
        assert!(
            text.contains("finance@qinghe-data.example"),
            "the e-mails typed: {text}"
        );
    })
    .await;
}

#[tokio::test]
async fn r29_tabs_the_amount_field_and_a_records_details_with_the_keyboard_alone() {
    let demo = MockOptions {
        data: Some(mock_fixture("demo")),
        ..MockOptions::default()
    };
    run(demo, |browser| async move {
        let page = InvoicingPage::open(&browser).await;
        // The basis tabs: one Tab stop, the arrows move between them and show their panel.
        page.tab_until("the orders tab", false, 20, is("basis-order"))
            .await;
        page.key(Key::Right).await;
        page.wait_for_focused("the bills tab", is("basis-bill"))
            .await;
        page.key(Key::Right).await;
        page.wait_for_focused("the amount tab", is("basis-amount"))
            .await;
        assert!(page.is_basis_selected(BasisTab::Amount).await);
        // The amount tab: the entity with the arrows, the amount typed, its error announced
        // and read with the field.
        page.tab_until("the entity", false, 5, is("amount-issuer"))
            .await;
        page.key(Key::Down).await;
        page.wait_for_nth_value("amount-issuer", 0, "CLOUD_SERVICE")
            .await;
        page.wait_for_text("available-amount", "109,709.60").await;
        page.tab_until("the amount", false, 10, is("invoice-amount"))
            .await;
        page.type_text("abc").await;
        let error = page.wait_for_text("amount-error", "").await;
        let described = page.description_of("invoice-amount", 0).await;
        assert!(
            described.contains(&error),
            "R29: the amount is described by its error {error:?}: {described:?}"
        );
        // The records page, a record's details with Enter, closed with Escape.
        page.tab_until("the records page", true, 20, is("page-records"))
            .await;
        page.key(Key::Enter).await;
        page.wait_for_records().await;
        page.tab_until("a record's Details", false, 30, is("open-details"))
            .await;
        let row = page.focused().await.map(|f| f.text).unwrap_or_default();
        page.key(Key::Enter).await;
        page.wait_for_focused("the details", |f| {
            f.testid.as_deref() == Some("record-details")
        })
        .await;
        page.key(Key::Escape).await;
        page.wait_for_absence("record-details").await;
        page.wait_for_focused("the row's Details again", is("open-details"))
            .await;
        assert_eq!(
            page.focused().await.map(|f| f.text).unwrap_or_default(),
            row
        );
    })
    .await;
}
