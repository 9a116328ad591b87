//! Embedding (issue 9) against the demo enterprise: `/public/embed.html` mounts two instances
//! with the exported `mount` inside a console layout whose global CSS styles `table`, `input`
//! and `button`. Both show their grid; checking a family in one leaves the other alone (and
//! each keeps its own draft); the host's CSS does not reach the grid (sizes as on the
//! stand-alone page); a submission in one reaches the host's log as `invoice:submitted`; the
//! host unmounts an instance and mounts it again; the CSP blocks nothing.

use invoicing_e2e::fixture::mock_fixture;
use invoicing_e2e::pages::embed::{EmbedPage, Instance, Layout};
use invoicing_e2e::{assert_no_csp_violations, run, wait, MockOptions};

fn demo() -> MockOptions {
    MockOptions {
        data: Some(mock_fixture("demo")),
        admin: true,
        ..MockOptions::default()
    }
}

const MAIN: &str = "1358207642917356";
// 青禾数据-主账号 (…7356): an order with COMM_SERVICE, 6 %, ¥1,000.00.
const ORDER: (&str, &str) = ("226101910090322", "cand-0022");

/// Filters `instance` to the order's number and waits for its row.
async fn show_order(page: &EmbedPage, instance: Instance) {
    page.set_value(instance, "filter-q", 0, ORDER.0).await;
    wait::until(format!("{} in {instance:?}", ORDER.1), move || async move {
        match page.checked(instance, ORDER.1).await {
            Some(_) => Ok(()),
            None => Err("not drawn".to_owned()),
        }
    })
    .await;
}

async fn wait_checked(page: &EmbedPage, instance: Instance, wanted: bool) {
    wait::until(
        format!("{} checked={wanted} in {instance:?}", ORDER.1),
        move || async move {
            match page.checked(instance, ORDER.1).await {
                Some(c) if c == wanted => Ok(()),
                other => Err(format!("it is {other:?}")),
            }
        },
    )
    .await;
}

#[tokio::test]
async fn two_instances_share_no_state_and_the_host_css_does_not_break_the_grid() {
    run(demo(), |browser| async move {
        // The stand-alone page's figures first, in the same browser and window.
        let standalone = {
            let url = format!("{}/?lang=en", browser.base_url);
            browser.client.goto(&url).await.expect("the stand-alone page");
            let client = &browser.client;
            wait::until("the stand-alone grid", move || async move {
                let v = client
                    .execute("return document.querySelectorAll('#invoice-app [role=row][data-doc-id]').length", vec![])
                    .await
                    .map_err(|e| e.to_string())?;
                if v.as_u64().unwrap_or(0) > 0 { Ok(()) } else { Err("no row".to_owned()) }
            })
            .await;
            EmbedPage::standalone_layout(client).await
        };

        let page = EmbedPage::open(&browser).await;
        let page = &page;
        assert_eq!(
            page.text(Instance::A, ".inv-header h1").await.as_deref(),
            Some("开票"),
            "A speaks Chinese"
        );
        assert_eq!(
            page.text(Instance::B, ".inv-header h1").await.as_deref(),
            Some("Invoicing"),
            "B speaks English"
        );
        assert_eq!(page.duplicate_ids().await, Vec::<String>::new(), "ids unique in the document");

        // The host's global table/input/button rules do not reach the app.
        for instance in [Instance::A, Instance::B] {
            let layout: Layout = page.layout(instance).await;
            assert_eq!(layout.row_height, standalone.row_height, "{instance:?}: row height");
            assert_eq!(
                layout.checkbox_cell_width, standalone.checkbox_cell_width,
                "{instance:?}: checkbox column"
            );
            assert_eq!(layout.checkbox_width, standalone.checkbox_width, "{instance:?}: checkbox");
            assert_eq!(layout.search_padding, standalone.search_padding, "{instance:?}: input padding");
            assert_eq!(layout.search_height, standalone.search_height, "{instance:?}: input height");
            assert_eq!(layout.search_border, standalone.search_border, "{instance:?}: input border");
            assert_eq!(layout.button_transform, "none", "{instance:?}: button text-transform");
            assert_eq!(layout.button_padding, standalone.button_padding, "{instance:?}: button padding");
            assert_eq!(
                layout.button_letter_spacing, standalone.button_letter_spacing,
                "{instance:?}: button letter-spacing"
            );
        }

        // Checking a family in A does not check it in B; each instance keeps its own draft.
        show_order(page, Instance::A).await;
        show_order(page, Instance::B).await;
        page.click(Instance::A, &format!(r#"[role=row][data-doc-id="{}"] input[type=checkbox]"#, ORDER.1)).await;
        wait_checked(page, Instance::A, true).await;
        page.wait_for_text(Instance::A, "[data-testid=summary-count]", "1").await;
        assert_eq!(page.checked(Instance::B, ORDER.1).await, Some(false), "B is untouched");
        page.click(Instance::B, &format!(r#"[role=row][data-doc-id="{}"] input[type=checkbox]"#, ORDER.1)).await;
        wait_checked(page, Instance::B, true).await;
        wait::until("both drafts written", move || async move {
            let keys = page.draft_keys().await;
            let want = vec![format!("invoicing-draft:{MAIN}"), format!("invoicing-draft:second:{MAIN}")];
            if keys == want { Ok(()) } else { Err(format!("keys {keys:?}")) }
        })
        .await;

        // R28, R22: the host switches A to English; the app is remounted and its draft brings
        // back the filter and the checked family, while B keeps its own.
        page.click_host("[data-testid=host-locale-a]").await;
        page.wait_for_text(Instance::A, ".inv-header h1", "Invoicing").await;
        wait_checked(page, Instance::A, true).await;
        assert_eq!(page.children(Instance::A).await, 1, "one tree in A's element");
        page.wait_for_text(Instance::A, "[data-testid=summary-count]", "1").await;
        assert_eq!(page.checked(Instance::B, ORDER.1).await, Some(true));

        assert_no_csp_violations(&browser.client, "the embedding example").await;
    })
    .await;
}

#[tokio::test]
async fn a_submission_in_one_instance_reaches_the_host_and_unmount_removes_it() {
    run(demo(), |browser| async move {
        let page = EmbedPage::open(&browser).await;
        let page = &page;
        let a = Instance::A;
        show_order(page, a).await;
        page.click(
            a,
            &format!(
                r#"[role=row][data-doc-id="{}"] input[type=checkbox]"#,
                ORDER.1
            ),
        )
        .await;
        wait_checked(page, a, true).await;
        page.click(a, "[data-testid=next]").await;
        wait::until("A's split", move || async move {
            match page.count(a, "[data-testid=split-row]").await {
                0 => Err("no split yet".to_owned()),
                _ => Ok(()),
            }
        })
        .await;
        // The host's `table { width: 50%; border: 3px … }` and `td { vertical-align: bottom }`
        // do not reach the split table.
        let table = page.table_style(a, "[data-testid=split-table]").await;
        assert!(
            table["widthShare"].as_f64().unwrap_or(0.0) > 0.95,
            "split table width: {table}"
        );
        assert_eq!(table["border"], "0px", "split table border: {table}");
        assert_ne!(table["cellAlign"], "bottom", "split table cells: {table}");
        page.click(a, "[data-testid=to-details]").await;
        wait::until("A's invoice form", move || async move {
            match page.count(a, "[data-testid=emails]").await {
                0 => Err("no form yet".to_owned()),
                _ => Ok(()),
            }
        })
        .await;
        page.set_value(a, "emails", 0, "finance@qinghe-data.example")
            .await;
        page.click(a, "[data-testid=submit]").await;
        let id = wait::until("A's application id", move || async move {
            match page.text(a, "[data-testid=application-id]").await {
                Some(t) if !t.is_empty() => Ok(t),
                other => Err(format!("it shows {other:?}")),
            }
        })
        .await;

        let event = wait::until("invoice:submitted in the host's log", move || async move {
            let log = page.log().await;
            log.into_iter()
                .find(|e| e.event == "invoice:submitted")
                .ok_or_else(|| "nothing logged".to_owned())
        })
        .await;
        assert_eq!(event.instance, "a", "dispatched on A's root");
        let application_id = event.detail["applicationId"].as_str().unwrap_or_default();
        assert!(
            id.contains(application_id) && !application_id.is_empty(),
            "{id} vs {application_id}"
        );
        let invoices = event.detail["invoiceIds"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(invoices.len(), 1, "one invoice: {:?}", event.detail);
        assert!(
            page.log().await.iter().all(|e| e.instance == "a"),
            "nothing from B"
        );
        assert_eq!(
            page.count(Instance::B, "[data-testid=result]").await,
            0,
            "B is still on step 2"
        );

        // The host's button unmounts A: its element is empty, B goes on; and mounts it again.
        page.click_host("[data-testid=host-toggle-a]").await;
        wait::until("A unmounted", move || async move {
            match page.children(a).await {
                0 => Ok(()),
                n => Err(format!("{n} children")),
            }
        })
        .await;
        assert!(
            page.count(Instance::B, "[role=row][data-doc-id]").await > 0,
            "B still shows its grid"
        );
        page.click_host("[data-testid=host-toggle-a]").await;
        page.wait_for_grid(a).await;

        // The host switches A's language: remounted in English under the same element.
        page.click_host("[data-testid=host-locale-a]").await;
        page.wait_for_text(a, ".inv-header h1", "Invoicing").await;
        assert_eq!(page.children(a).await, 1, "one tree in A's element");
        assert_no_csp_violations(&browser.client, "the embedding example").await;
    })
    .await;
}

#[tokio::test]
async fn r22_a_401_reaches_the_host_as_session_expired_and_the_draft_is_kept() {
    run(demo(), |browser| async move {
        let page = EmbedPage::open(&browser).await;
        let page = &page;
        let b = Instance::B;
        show_order(page, b).await;
        page.click(
            b,
            &format!(
                r#"[role=row][data-doc-id="{}"] input[type=checkbox]"#,
                ORDER.1
            ),
        )
        .await;
        wait_checked(page, b, true).await;
        let key = format!("invoicing-draft:second:{MAIN}");
        let key = &key;
        wait::until("B's draft written", move || async move {
            let keys = page.draft_keys().await;
            if keys.contains(key) {
                Ok(())
            } else {
                Err(format!("keys {keys:?}"))
            }
        })
        .await;

        // The session ends; B reads the profile again (a remount in Chinese) and gets a 401.
        browser
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 fetch('/__mock/sign-out', { credentials: 'include' }).then(r => done(r.status));",
                vec![],
            )
            .await
            .expect("signing out");
        browser
            .client
            .execute("window.invoiceHost.handles.b.setLocale('zh-CN');", vec![])
            .await
            .expect("setLocale");
        let event = wait::until("invoice:session-expired in the log", move || async move {
            page.log()
                .await
                .into_iter()
                .find(|e| e.event == "invoice:session-expired")
                .ok_or_else(|| "nothing logged".to_owned())
        })
        .await;
        assert_eq!(event.instance, "b", "dispatched on B's root");
        assert_eq!(event.detail["status"], 401);
        // Every request of the start has failed by the time B shows the error.
        wait::until("B's start error", move || async move {
            match page.count(b, "[data-testid=load-error]").await {
                0 => Err("no error shown".to_owned()),
                _ => Ok(()),
            }
        })
        .await;
        let expired = page
            .log()
            .await
            .into_iter()
            .filter(|e| e.event == "invoice:session-expired")
            .count();
        assert_eq!(
            expired, 1,
            "one event per expiry, not one per failed request"
        );
        assert!(
            page.draft_keys().await.contains(key),
            "R22: the draft is kept"
        );
    })
    .await;
}

/// Mounts a third instance into a new `#app-c` with `config` (JSON), with the host's `mount`.
async fn mount_c(browser: &invoicing_e2e::Browser, config: serde_json::Value) {
    browser
        .client
        .execute(
            "let el = document.getElementById('app-c');
             if (el) { window.invoiceHost.handles.c.unmount(); } else {
               el = document.createElement('div'); el.id = 'app-c'; el.className = 'console-app';
               document.querySelector('.console-content').prepend(el);
             }
             window.invoiceHost.handles.c = window.invoiceHost.mountApp(el, arguments[0]);",
            vec![config],
        )
        .await
        .expect("mounting #app-c");
}

#[tokio::test]
async fn the_hosts_account_must_be_the_signed_in_one() {
    run(demo(), |browser| async move {
        let page = EmbedPage::open(&browser).await;
        let page = &page;
        let count_in_c = |selector: &'static str| async move {
            page.client
                .execute(
                    "return document.querySelectorAll('#app-c ' + arguments[0]).length;",
                    vec![serde_json::json!(selector)],
                )
                .await
                .ok()
                .and_then(|v| v.as_u64())
                .unwrap_or(0)
        };
        mount_c(
            &browser,
            serde_json::json!({ "locale": "en", "account": { "accountId": "1000000000000001" } }),
        )
        .await;
        wait::until("C's refusal", move || async move {
            match count_in_c("[data-testid=load-error]").await {
                0 => Err("no error".to_owned()),
                _ => Ok(()),
            }
        })
        .await;
        let text = page
            .client
            .execute(
                "return document.querySelector('#app-c [data-testid=load-error]').innerText;",
                vec![],
            )
            .await
            .expect("the error's text");
        assert!(
            text.as_str().unwrap_or_default().contains("not the console's current account"),
            "{text}"
        );
        mount_c(
            &browser,
            serde_json::json!({ "locale": "en", "draftKey": "c", "account": { "accountId": MAIN } }),
        )
        .await;
        wait::until("C's grid", move || async move {
            match count_in_c("[role=row][data-doc-id]").await {
                0 => Err("no row".to_owned()),
                _ => Ok(()),
            }
        })
        .await;
    })
    .await;
}
