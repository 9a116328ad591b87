//! One browser session per test and browser: every test runs in Chromium (through chromedriver)
//! and in Firefox ESR (through geckodriver), each with its own mock and a fresh profile, always
//! closed, even after a panic.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};

use crate::processes::{Driver, Env, Mock, MockOptions, TempDir};

/// Chromium's flags for this machine: headless, as root, and never reaching for the internet.
pub const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    // A first guess: `fit_viewport` corrects it.
    "--window-size=1400,1050",
];

/// Firefox's flags: headless (its profile comes from geckodriver, in the test's temp folder).
pub const FIREFOX_FLAGS: [&str; 1] = ["-headless"];

/// The viewport (`innerWidth`, `innerHeight` in CSS pixels) every test sees, in both browsers:
/// their windows differ in what they keep for their own frame, so the window is sized to fit.
pub const VIEWPORT: (u32, u32) = (1400, 900);

/// Firefox preferences on top of geckodriver's own: no traffic to the internet, and the page's
/// console on Firefox's stdout, which geckodriver's log keeps (geckodriver has no log endpoint).
const FIREFOX_PREFS: [(&str, Value); 14] = [
    ("devtools.console.stdout.content", Value::Bool(true)),
    ("app.update.auto", Value::Bool(false)),
    ("browser.safebrowsing.malware.enabled", Value::Bool(false)),
    ("browser.safebrowsing.phishing.enabled", Value::Bool(false)),
    ("browser.safebrowsing.downloads.enabled", Value::Bool(false)),
    (
        "browser.safebrowsing.blockedURIs.enabled",
        Value::Bool(false),
    ),
    ("network.captive-portal-service.enabled", Value::Bool(false)),
    ("network.connectivity-service.enabled", Value::Bool(false)),
    ("network.dns.disablePrefetch", Value::Bool(true)),
    ("network.prefetch-next", Value::Bool(false)),
    (
        "datareporting.policy.dataSubmissionEnabled",
        Value::Bool(false),
    ),
    (
        "datareporting.healthreport.uploadEnabled",
        Value::Bool(false),
    ),
    ("toolkit.telemetry.enabled", Value::Bool(false)),
    ("browser.shell.checkDefaultBrowser", Value::Bool(false)),
];

/// A browser engine the end-to-end tests run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    Chromium,
    Firefox,
}

impl Engine {
    /// Every engine, in the order the tests run in them.
    pub const ALL: [Engine; 2] = [Engine::Chromium, Engine::Firefox];

    /// `chromium` or `firefox`: in file names and in `INVOICING_E2E_BROWSERS`.
    pub fn slug(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }

    /// The engines to run in: `$INVOICING_E2E_BROWSERS` (`chromium`, `firefox` or both, comma
    /// separated), every engine when it is not set.
    pub fn chosen() -> Vec<Engine> {
        let Some(list) = std::env::var("INVOICING_E2E_BROWSERS")
            .ok()
            .filter(|v| !v.trim().is_empty())
        else {
            return Engine::ALL.to_vec();
        };
        let chosen: Vec<Engine> = Engine::ALL
            .into_iter()
            .filter(|e| {
                list.split(',')
                    .any(|w| w.trim().eq_ignore_ascii_case(e.slug()))
            })
            .collect();
        assert!(
            !chosen.is_empty(),
            "INVOICING_E2E_BROWSERS={list:?} names no browser; use chromium, firefox or both"
        );
        chosen
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Engine::Chromium => "Chromium",
            Engine::Firefox => "Firefox",
        })
    }
}

/// What a test's steps get: the WebDriver session, the mock's address and which browser it is.
#[derive(Clone)]
pub struct Browser {
    pub client: Client,
    /// `http://127.0.0.1:N`, where the mock serves the app and the API.
    pub base_url: String,
    /// The browser the steps run in, for the rare step that must differ.
    pub engine: Engine,
    /// Where the browser saves downloads without asking (an empty folder of the test's profile).
    pub downloads: PathBuf,
}

/// Runs `steps` once in every browser ([`Engine::chosen`]: Chromium, then Firefox), each time
/// with a mock of its own (started with `options`), a fresh driver and a fresh profile, and ends
/// them all. A failure in one browser does not stop the run in the other; the test then fails
/// with a message that names each browser it failed in. Evidence of a failure (a screenshot and
/// the page's HTML in `target/debug/e2e-failures/<test>-<browser>.*`, the page's console, the
/// mock's output) is kept per browser.
///
/// `steps` is called once per browser, so it is an `Fn`: a value it captures is cloned inside it
/// (`move |browser| { let ids = ids.clone(); async move { … } }`), or is `Copy`.
pub async fn run<F, Fut>(options: MockOptions, steps: F)
where
    F: Fn(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let test = test_name();
    let engines = Engine::chosen();
    let env = Env::from_env();
    let mut failures = Vec::new();
    for engine in &engines {
        eprintln!("--- {test}: in {engine}");
        if let Err(why) = attempt(*engine, &env, &test, &options, &steps).await {
            eprintln!("--- {test}: FAILED in {engine}");
            failures.push((*engine, why));
        }
    }
    if failures.is_empty() {
        return;
    }
    let passed: Vec<String> = engines
        .iter()
        .filter(|e| !failures.iter().any(|(f, _)| f == *e))
        .map(|e| e.to_string())
        .collect();
    let mut message = String::new();
    for (engine, why) in &failures {
        message.push_str(&format!("failed in {engine}: {why}\n"));
    }
    if !passed.is_empty() {
        message.push_str(&format!("passed in {}", passed.join(", ")));
    }
    panic!("{}", message.trim_end());
}

/// Runs `steps` in one browser only, for a test that is about one engine; a failure names it.
pub async fn run_in<F, Fut>(engine: Engine, options: MockOptions, steps: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let test = test_name();
    let env = Env::from_env();
    if let Err(why) = attempt(engine, &env, &test, &options, steps).await {
        panic!("failed in {engine}: {why}");
    }
}

/// The running test's name, as the test harness names its thread, fit for a file name.
fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("e2e")
        .replace("::", "-")
}

/// One run of `steps` in `engine`, with its own mock, driver and profile, all ended before it
/// returns. `Err` says why it failed: the panic's message.
async fn attempt<F, Fut>(
    engine: Engine,
    env: &Env,
    test: &str,
    options: &MockOptions,
    steps: F,
) -> Result<(), String>
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let mock = catch(|| Mock::start(env, options))?;
    let (profile, driver, client) = match session(engine, env).await {
        Ok(started) => started,
        Err(why) => {
            eprintln!("--- the mock's last output:\n{}", mock.log.tail(60));
            return Err(why);
        }
    };
    let browser = Browser {
        client: client.clone(),
        base_url: mock.url.clone(),
        engine,
        downloads: downloads_of(&profile),
    };
    let outcome = tokio::spawn(steps(browser)).await;
    if outcome.is_err() {
        keep_evidence(&client, test, engine).await;
        eprintln!(
            "--- the page's console in {engine}:\n{}",
            console(engine, &client, &driver).await
        );
        eprintln!("--- the mock's last output:\n{}", mock.log.tail(60));
    }
    let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
    drop(driver);
    drop(mock);
    drop(profile);
    match outcome {
        Ok(()) => Ok(()),
        Err(e) => match e.try_into_panic() {
            Ok(panic) => Err(panic_message(&*panic)),
            Err(e) => Err(format!("the test's steps did not finish: {e}")),
        },
    }
}

/// Runs `start`, which panics with a reason when it fails, and returns that reason as an error.
fn catch<T>(start: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(start)).map_err(|p| panic_message(&*p))
}

/// A fresh profile, a driver and a browser session in `engine`. A browser that does not start
/// is tried once more with a new driver and profile: on a busy machine the first start of a
/// browser now and then fails before the app is even loaded.
async fn session(engine: Engine, env: &Env) -> Result<(TempDir, Driver, Client), String> {
    let program = catch(|| env.driver(engine))?;
    let mut tries = 0;
    loop {
        tries += 1;
        let profile = TempDir::new(&format!("invoicing-e2e-{}", engine.slug()));
        let driver = catch(|| Driver::start(engine, &program, profile.path()))?;
        match connect(engine, env, &profile, &driver).await {
            Ok(client) => return Ok((profile, driver, client)),
            Err(why) if tries < 2 => {
                eprintln!("--- {engine} did not start; trying once more: {why}");
            }
            Err(why) => return Err(why),
        }
    }
}

/// The folder of `profile` that the browser saves downloads to.
fn downloads_of(profile: &TempDir) -> PathBuf {
    profile.path().join("downloads")
}

/// A WebDriver session in `engine`, its viewport [`VIEWPORT`] big.
async fn connect(
    engine: Engine,
    env: &Env,
    profile: &TempDir,
    driver: &Driver,
) -> Result<Client, String> {
    let mut capabilities = serde_json::Map::new();
    let downloads = downloads_of(profile);
    std::fs::create_dir_all(&downloads)
        .map_err(|e| format!("cannot create {}: {e}", downloads.display()))?;
    match engine {
        Engine::Chromium => {
            let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| f.to_string()).collect();
            args.push(format!("--user-data-dir={}", profile.path().display()));
            capabilities.insert("browserName".into(), json!("chrome"));
            capabilities.insert(
                "goog:chromeOptions".into(),
                json!({
                    "binary": env.browser(engine),
                    "args": args,
                    // Downloads go to the test's folder, without a prompt.
                    "prefs": {
                        "download.default_directory": downloads,
                        "download.prompt_for_download": false,
                        "download.directory_upgrade": true,
                    },
                }),
            );
            // Keeps the page's console, shown when a test fails.
            capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        }
        Engine::Firefox => {
            let mut prefs: serde_json::Map<String, Value> = FIREFOX_PREFS
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect();
            // Downloads go to the test's folder, without a prompt and without the PDF viewer.
            for (k, v) in [
                ("browser.download.folderList", json!(2)),
                ("browser.download.dir", json!(downloads)),
                ("browser.download.useDownloadDir", json!(true)),
                (
                    "browser.download.always_ask_before_handling_new_types",
                    json!(false),
                ),
                ("browser.download.start_downloads_in_tmp_dir", json!(false)),
                ("browser.download.manager.showWhenStarting", json!(false)),
                ("browser.download.alwaysOpenPanel", json!(false)),
                (
                    "browser.helperApps.neverAsk.saveToDisk",
                    json!("application/pdf,text/csv"),
                ),
                ("pdfjs.disabled", json!(true)),
            ] {
                prefs.insert(k.to_owned(), v);
            }
            capabilities.insert("browserName".into(), json!("firefox"));
            capabilities.insert(
                "moz:firefoxOptions".into(),
                json!({
                    "binary": env.browser(engine),
                    "args": FIREFOX_FLAGS,
                    "prefs": prefs,
                    // Firefox's own temporary files go to the test's folder too.
                    "env": { "TMPDIR": profile.path() },
                }),
            );
        }
    }
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .map_err(|e| {
            format!(
                "no browser session from {}: {e}\nit said:\n{}",
                driver.name,
                driver.log.tail(40)
            )
        })?;
    if let Err(why) = fit_viewport(&client).await {
        let _ = client.close().await;
        return Err(format!("{engine}: {why}"));
    }
    Ok(client)
}

/// Sizes the window so that the page's viewport is [`VIEWPORT`].
async fn fit_viewport(client: &Client) -> Result<(), String> {
    let (want_w, want_h) = (i64::from(VIEWPORT.0), i64::from(VIEWPORT.1));
    let mut seen = (0, 0);
    for _ in 0..3 {
        let inner = client
            .execute("return [window.innerWidth, window.innerHeight]", vec![])
            .await
            .map_err(|e| format!("cannot read the viewport: {e}"))?;
        seen = (
            inner[0].as_i64().unwrap_or(0),
            inner[1].as_i64().unwrap_or(0),
        );
        if seen == (want_w, want_h) {
            return Ok(());
        }
        let (w, h) = client
            .get_window_size()
            .await
            .map_err(|e| format!("cannot read the window's size: {e}"))?;
        let fit = |window: u64, inner: i64, want: i64| {
            u32::try_from(i64::try_from(window).unwrap_or(0) + want - inner).unwrap_or(0)
        };
        client
            .set_window_size(fit(w, seen.0, want_w), fit(h, seen.1, want_h))
            .await
            .map_err(|e| format!("cannot size the window: {e}"))?;
    }
    Err(format!(
        "the viewport stays {}x{}, not {want_w}x{want_h}",
        seen.0, seen.1
    ))
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        "(a panic without a message)".into()
    }
}

/// Saves a screenshot and the HTML of the page as it was when the test failed in `engine`.
async fn keep_evidence(client: &Client, test: &str, engine: Engine) {
    let dir = failures_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let name = format!("{test}-{}", engine.slug());
    let shot = tokio::time::timeout(Duration::from_secs(10), client.screenshot()).await;
    if let Ok(Ok(png)) = shot {
        let path = dir.join(format!("{name}.png"));
        if std::fs::write(&path, png).is_ok() {
            eprintln!("--- screenshot in {engine}: {}", path.display());
        }
    }
    let source = tokio::time::timeout(Duration::from_secs(10), client.source()).await;
    if let Ok(Ok(html)) = source {
        let path = dir.join(format!("{name}.html"));
        if std::fs::write(&path, html).is_ok() {
            eprintln!("--- page HTML in {engine}: {}", path.display());
        }
    }
}

/// The browser console's messages so far: from chromedriver's log endpoint (not in WebDriver
/// itself, so asked for over plain HTTP on loopback), or from the lines Firefox printed on its
/// stdout, which geckodriver's output holds.
async fn console(engine: Engine, client: &Client, driver: &Driver) -> String {
    if engine == Engine::Firefox {
        let lines: Vec<String> = driver
            .log
            .tail(2000)
            .lines()
            .filter(|l| {
                l.starts_with("console.")
                    || l.contains("JavaScript error")
                    || l.contains("JavaScript warning")
            })
            .map(str::to_string)
            .collect();
        return if lines.is_empty() {
            "(empty)".into()
        } else {
            lines[lines.len().saturating_sub(60)..].join("\n")
        };
    }
    let Ok(Some(session)) = client.session_id().await else {
        return "(no session)".into();
    };
    let Some(host) = driver.url.strip_prefix("http://") else {
        return "(no driver address)".into();
    };
    let host = host.to_string();
    let asked = tokio::task::spawn_blocking(move || {
        let body = r#"{"type":"browser"}"#;
        let answer = post(&host, &format!("/session/{session}/se/log"), body)?;
        let value: Value = serde_json::from_str(&answer).ok()?;
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
