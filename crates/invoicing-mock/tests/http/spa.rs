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
