//! The built app at `/`: files, `index.html` for the app's routes, and the hint when it is not built.

use crate::harness::{Mock, TempDir};

#[tokio::test]
async fn spa_serves_files_and_index_html_for_app_routes() {
    let dist = TempDir::new();
    std::fs::write(
        dist.0.join("index.html"),
        "<!doctype html><title>app</title>",
    )
    .unwrap();
    std::fs::create_dir_all(dist.0.join("pkg")).unwrap();
    std::fs::write(dist.0.join("pkg/app.js"), "console.log(1)").unwrap();
    let dir = dist.0.clone();
    let mock = Mock::start_with(|c| c.dist = dir).await;

    for path in ["/", "/invoicing", "/invoicing/records/inv-1?tab=x"] {
        let page = mock.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.text().contains("<title>app</title>"), "{path}");
        assert!(page.session_cookie().is_some(), "{path}");
    }
    let js = mock.get("/pkg/app.js").await;
    assert_eq!(js.status, 200);
    assert_eq!(js.text(), "console.log(1)");
    assert!(js.header("content-type").unwrap().contains("javascript"));
    let missing = mock.get("/pkg/missing.wasm").await;
    assert_eq!(missing.status, 404);
    assert!(missing.session_cookie().is_some());
}

#[tokio::test]
async fn spa_without_a_built_app_says_to_run_xtask_demo() {
    let mock = Mock::start().await;
    for path in ["/", "/invoicing"] {
        let page = mock.get(path).await;
        assert_eq!(page.status, 200);
        assert!(page
            .header("content-type")
            .unwrap()
            .starts_with("text/html"));
        assert!(page.text().contains("cargo xtask demo"));
    }
}

#[tokio::test]
async fn the_app_is_served_with_a_strict_csp_that_allows_only_its_own_inline_loader() {
    let dist = TempDir::new();
    let loader = "import init from '/app.js';\nawait init();";
    std::fs::write(
        dist.0.join("index.html"),
        format!("<!doctype html><title>app</title><script type=module>{loader}</script>"),
    )
    .unwrap();
    std::fs::write(dist.0.join("app.js"), "export default 1").unwrap();
    let dir = dist.0.clone();
    let mock = Mock::start_with(|c| {
        c.dist = dir;
        c.frame_ancestors = "'self' https://console.example".into();
    })
    .await;
    let page = mock.get("/").await;
    let policy = page.header("content-security-policy").expect("a CSP");
    // sha256 of the loader, base64: what a browser computes for the inline script.
    let expected = "'sha256-iW+0VkMrGZC8TUa1nha1dSyF/hzqzLCmaJrItSG+Its='";
    assert!(policy.contains(expected), "{policy}");
    for part in [
        "default-src 'self';",
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-",
        "style-src 'self';",
        "frame-ancestors 'self' https://console.example;",
    ] {
        assert!(policy.contains(part), "{part} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(page.text().contains(loader), "the page is served whole");
    let js = mock.get("/app.js").await;
    assert_eq!(js.header("content-security-policy"), None, "only pages");
}
