//! One browser session per test: Chromium through chromedriver, always closed, even after a panic.

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::processes::{ChromeDriver, Env, Mock, MockOptions, TempDir};

/// Chromium's flags for this machine: headless, as root, and never reaching for the internet.
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,1000",
];

/// What a test's steps get: the WebDriver session and the mock's address.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    /// `http://127.0.0.1:N`, where the mock serves the app and the API.
    pub base_url: String,
}

/// Starts the mock (with `options`), chromedriver and Chromium, runs `steps`, then ends them all.
/// When a step panics, a screenshot and the page's HTML go to `target/debug/e2e-failures/`, the
/// mock's output is printed, and the panic goes on once everything is stopped.
pub async fn run<F, Fut>(options: MockOptions, steps: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let env = Env::from_env();
    let test = std::thread::current()
        .name()
        .unwrap_or("e2e")
        .replace("::", "-");
    let mock = Mock::start(&env, &options);
    let driver = ChromeDriver::start(&env);
    let profile = TempDir::new("invoicing-e2e-chromium");
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("chrome"));
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": env.chromium, "args": args }),
    );
    // Keeps the page's console, shown when a test fails.
    capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "no browser session from chromedriver: {e}\nchromedriver said:\n{}",
                driver.log.tail(40)
            )
        });
    let browser = Browser {
        client: client.clone(),
        base_url: mock.url.clone(),
    };
    let outcome = tokio::spawn(steps(browser)).await;
    if outcome.is_err() {
        keep_evidence(&client, &test).await;
        eprintln!(
            "--- the page's console:\n{}",
            console(&client, &driver.url).await
        );
        eprintln!("--- the mock's last output:\n{}", mock.log.tail(60));
    }
    let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
    drop(driver);
    drop(mock);
    drop(profile);
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the test's steps did not finish: {e}"),
        }
    }
}

/// Saves a screenshot and the HTML of the page as it was when the test failed.
async fn keep_evidence(client: &Client, test: &str) {
    let dir = failures_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let shot = tokio::time::timeout(Duration::from_secs(10), client.screenshot()).await;
    if let Ok(Ok(png)) = shot {
        let path = dir.join(format!("{test}.png"));
        if std::fs::write(&path, png).is_ok() {
            eprintln!("--- screenshot: {}", path.display());
        }
    }
    let source = tokio::time::timeout(Duration::from_secs(10), client.source()).await;
    if let Ok(Ok(html)) = source {
        let path = dir.join(format!("{test}.html"));
        if std::fs::write(&path, html).is_ok() {
            eprintln!("--- page HTML: {}", path.display());
        }
    }
}

/// The browser console's messages so far, from chromedriver's log endpoint (not in WebDriver
/// itself, so asked for over plain HTTP on loopback).
async fn console(client: &Client, driver_url: &str) -> String {
    let Ok(Some(session)) = client.session_id().await else {
        return "(no session)".into();
    };
    let Some(host) = driver_url.strip_prefix("http://") else {
        return "(no driver address)".into();
    };
    let host = host.to_string();
    let asked = tokio::task::spawn_blocking(move || {
        let body = r#"{"type":"browser"}"#;
        let answer = post(&host, &format!("/session/{session}/se/log"), body)?;
        let value: serde_json::Value = serde_json::from_str(&answer).ok()?;
        let lines: Vec<String> = value["value"]
            .as_array()?
            .iter()
            .map(|entry| {
                let level = entry["level"].as_str().unwrap_or("?");
                format!("{level} {}", entry["message"].as_str().unwrap_or(""))
            })
            .collect();
        Some(lines.join("\n"))
    })
    .await;
    match asked {
        Ok(Some(lines)) if lines.is_empty() => "(empty)".into(),
        Ok(Some(lines)) => lines,
        _ => "(chromedriver did not give the log)".into(),
    }
}

/// A JSON POST over HTTP/1.1 on loopback; the body of the answer. chromedriver keeps the
/// connection open, so the body is read by its `Content-Length`.
fn post(host: &str, path: &str, body: &str) -> Option<String> {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
    }
    let mut answer = vec![0; length];
    reader.read_exact(&mut answer).ok()?;
    String::from_utf8(answer).ok()
}

/// `target/<profile>/e2e-failures`, found from the test binary in `target/<profile>/deps`.
fn failures_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("e2e-failures")))
        .unwrap_or_else(|| std::env::temp_dir().join("invoicing-e2e-failures"))
}
