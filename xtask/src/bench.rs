//! `cargo xtask bench`: figures to watch, never verdicts. One JSON line per figure set: the
//! shipped bytes, the app in a real browser per fixture size, the mock's paging, the domain.
//!
//! The app's figures are measured in the page: the app's User Timing marks for loading, and
//! `performance.now()` around a click (or a scroll) until the change is drawn and a frame has
//! passed, in one asynchronous script each, so WebDriver's own latency never counts.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::fixture;
use crate::setup;

mod filtered;
use crate::util::{
    cargo_bin, dist_dir, target_dir, trunk_build_release, wait_for_listening, Cmd, Human,
    KillOnDrop, Result,
};
use filtered::{FilterPlan, FilteredFigures};

const DEFAULT_SIZES: [usize; 3] = [1_000, 10_000, 100_000];
const PARTS: [&str; 4] = ["shipped", "app", "mock", "domain"];
/// Family toggles per size: the first half checks families in view, the second unchecks them.
const TOGGLES: usize = 20;
/// Screens scrolled per size; the figure is their median.
const SCROLLS: usize = 5;
/// The contract's largest page, for the mock's figures.
const PAGE: usize = 1000;

const CHROMIUM: &str = "/usr/bin/chromium";
const FIREFOX: &str = "/usr/bin/firefox-esr";

/// Chromium's flags: those of the e2e tests (headless, as root, never reaching for the
/// internet), plus exact `performance.memory` figures instead of coarse buckets.
const CHROMIUM_FLAGS: [&str; 9] = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,1000",
    "--enable-precise-memory-info",
];

pub fn usage() -> &'static str {
    "cargo xtask bench [--browser chromium|firefox] [--sizes 1000,10000,100000] [--seed S]
                  [--skip shipped,app,mock,domain] [--dist DIR]
           prints one JSON line per figure set (also kept in target/xtask-bench/figures.jsonl);
           --dist measures an app built before instead of building dist/ anew"
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Engine {
    Chromium,
    Firefox,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Firefox => "firefox",
        }
    }
}

struct Options {
    engine: Engine,
    sizes: Vec<usize>,
    seed: u64,
    skip: Vec<String>,
    /// A built app to measure instead of building dist/.
    dist: Option<PathBuf>,
}

fn options(args: &[String]) -> Result<Options> {
    let mut o = Options {
        engine: Engine::Chromium,
        sizes: DEFAULT_SIZES.to_vec(),
        seed: fixture::DEFAULT_SEED,
        skip: Vec::new(),
        dist: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let value = inline
            .or_else(|| args.next().cloned())
            .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))?;
        let number = |text: &str| {
            text.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{flag}: {text:?} is not a whole number"))
        };
        match flag {
            "--browser" => {
                o.engine = match value.as_str() {
                    "chromium" | "chrome" => Engine::Chromium,
                    "firefox" => Engine::Firefox,
                    other => return Err(format!("--browser {other:?}: chromium or firefox")),
                }
            }
            "--sizes" => {
                o.sizes = value
                    .split(',')
                    .map(|s| number(s.trim()).map(|n| n as usize))
                    .collect::<Result<_>>()?;
                if o.sizes.contains(&0) {
                    return Err("--sizes: every size needs at least one family".into());
                }
            }
            "--seed" => o.seed = number(&value)?,
            "--dist" => o.dist = Some(PathBuf::from(value)),
            "--skip" => {
                for part in value.split(',') {
                    if !PARTS.contains(&part) {
                        return Err(format!("there is no bench part {part:?}\n{}", usage()));
                    }
                    o.skip.push(part.to_string());
                }
            }
            _ => return Err(format!("unknown argument {arg:?}\n{}", usage())),
        }
    }
    Ok(o)
}

pub fn run(args: &[String]) -> Result {
    let o = options(args)?;
    let wants = |part: &str| !o.skip.iter().any(|s| s == part);
    let dir = target_dir()?.join("xtask-bench");
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut figures = Figures::default();

    let dist = match &o.dist {
        Some(dist) => dist
            .canonicalize()
            .map_err(|e| format!("--dist {}: {e}", dist.display()))?,
        None => {
            if wants("shipped") || wants("app") {
                setup::run()?;
                trunk_build_release()?;
            }
            dist_dir()
        }
    };
    if wants("shipped") {
        figures.part("shipped", || shipped(&dist));
    }
    let largest = o.sizes.iter().copied().max().unwrap_or(0);
    if wants("app") || wants("mock") {
        Cmd::cargo()
            .args(["build", "--release", "-p", "invoicing-mock"])
            .run()?;
        let mock = target_dir()?.join("release").join("invoicing-mock");
        if wants("app") {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| format!("no async runtime: {e}"))?;
            for &size in &o.sizes {
                figures.part(&format!("app {size}"), || {
                    let data = write_fixture(&dir, size, o.seed)?;
                    app(&runtime, o.engine, &mock, &dist, &data, &dir)
                });
            }
        }
        if wants("mock") && largest > 0 {
            figures.part("mock", || {
                let data = write_fixture(&dir, largest, o.seed)?;
                mock_paging(&mock, &dist, &data)
            });
        }
    }
    if wants("domain") && largest > 0 {
        figures.part("domain", || domain(largest, o.seed));
    }
    figures.finish(&dir.join("figures.jsonl"))
}

/// One line of figures: a JSON object whose keys keep the order they were given in.
struct Line {
    fields: Vec<(String, String)>,
    /// What could not be measured; also the line's `problems` when it has that key.
    problems: Vec<String>,
}

impl Line {
    fn new(bench: &str) -> Line {
        Line {
            fields: Vec::new(),
            problems: Vec::new(),
        }
        .with("bench", bench)
    }

    fn with(mut self, key: &str, value: impl Serialize) -> Line {
        let value = serde_json::to_string(&value).expect("figures serialize");
        self.fields.push((key.to_string(), value));
        self
    }

    /// `key` with a nested object, in its own order.
    fn with_object(mut self, key: &str, object: Line) -> Line {
        self.fields.push((key.to_string(), object.to_string()));
        self
    }
}

impl std::fmt::Display for Line {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("{")?;
        for (i, (key, value)) in self.fields.iter().enumerate() {
            let comma = if i > 0 { "," } else { "" };
            write!(f, "{comma}{}:{value}", Value::from(key.as_str()))?;
        }
        f.write_str("}")
    }
}

/// The figure lines so far, and what could not be measured.
#[derive(Default)]
struct Figures {
    lines: Vec<String>,
    failures: Vec<String>,
}

impl Figures {
    fn part(&mut self, name: &str, measure: impl FnOnce() -> Result<Line>) {
        eprintln!("\n==> bench {name}");
        match measure() {
            Ok(line) => {
                println!("{line}");
                for p in &line.problems {
                    self.failures.push(format!("{name}: {p}"));
                }
                self.lines.push(line.to_string());
            }
            Err(e) => {
                eprintln!("==> bench {name} could not run: {e}");
                self.failures.push(format!("{name}: {e}"));
            }
        }
    }

    fn finish(self, file: &Path) -> Result {
        let text: String = self.lines.iter().map(|l| format!("{l}\n")).collect();
        fs::write(file, &text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        println!(
            "\n==> figures (also in {}):\n{}",
            file.display(),
            text.trim_end()
        );
        if self.failures.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "some figures are missing:\n  {}",
                self.failures.join("\n  ")
            ))
        }
    }
}

/// A fixture file written for the bench.
struct Data {
    path: PathBuf,
    families: usize,
    /// How many of its families can be checked: what select all selects.
    checkable: usize,
    /// The filters applied to it, and what the grid must then show.
    plan: Option<FilterPlan>,
}

/// Writes the fixture of `families` into `dir`.
fn write_fixture(dir: &Path, families: usize, seed: u64) -> Result<Data> {
    let path = dir.join(format!("families-{families}-seed-{seed}.json"));
    let started = Instant::now();
    let fixture = fixture::write(families, seed, &path)?;
    let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "fixture {} ({:.1} MB) in {}: {}",
        path.display(),
        bytes as f64 / 1_048_576.0,
        Human(started.elapsed()),
        fixture::describe(&fixture)
    );
    Ok(Data {
        path,
        families,
        checkable: fixture.checkable_sums().count,
        plan: FilterPlan::of(&fixture),
    })
}

// --- shipped bytes -------------------------------------------------------------------------

/// Every file of dist/ by kind (wasm, js, css, other), raw, gzip -9 and brotli 11, as a server
/// that compresses ahead of time would send them.
fn shipped(dist: &Path) -> Result<Line> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    if !files
        .iter()
        .any(|p| p.extension().is_some_and(|x| x == "wasm"))
    {
        return Err(format!("{} holds no .wasm file", dist.display()));
    }
    let kinds = ["wasm", "js", "css", "other"];
    let mut sums = [[0u64; 4]; 4];
    for path in &files {
        let kind = match path.extension().and_then(|x| x.to_str()) {
            Some("wasm") => 0,
            Some("js") => 1,
            Some("css") => 2,
            _ => 3,
        };
        let bytes = fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let sizes = [1, bytes.len() as u64, gzip(&bytes)?, brotli(&bytes)?];
        for (sum, size) in sums[kind].iter_mut().zip(sizes) {
            *sum += size;
        }
    }
    let sizes = |s: [u64; 4]| {
        Line {
            fields: Vec::new(),
            problems: Vec::new(),
        }
        .with("files", s[0])
        .with("raw", s[1])
        .with("gzip", s[2])
        .with("brotli", s[3])
    };
    let mut line = Line::new("shipped");
    let mut total = [0u64; 4];
    for (kind, s) in kinds.iter().zip(sums) {
        line = line.with_object(kind, sizes(s));
        for (t, v) in total.iter_mut().zip(s) {
            *t += v;
        }
    }
    Ok(line.with_object("total", sizes(total)))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<u64> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len() as u64)
}

fn brotli(bytes: &[u8]) -> Result<u64> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out.len() as u64)
}

// --- the app in a browser ------------------------------------------------------------------

/// The mock serving the built app and the fixture on a free port; ends when dropped.
struct Mock {
    _child: KillOnDrop,
    url: String,
    started_in: Duration,
}

fn start_mock(mock: &Path, dist: &Path, data: &Path) -> Result<Mock> {
    let started = Instant::now();
    let mut child = KillOnDrop(
        Cmd::new(mock)
            .arg("--data")
            .arg(data)
            .arg("--dist")
            .arg(dist)
            .args(["--port", "0"])
            .spawn_piped()?,
    );
    let url = wait_for_listening(&mut child.0, Duration::from_secs(300), false)?;
    Ok(Mock {
        _child: child,
        url: url.trim_end_matches('/').to_string(),
        started_in: started.elapsed(),
    })
}

/// chromedriver or geckodriver on a free port, its output in `log`; ends when dropped.
struct Driver {
    _child: KillOnDrop,
    url: String,
}

fn start_driver(engine: Engine, log: &Path) -> Result<Driver> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| format!("no free port: {e}"))?
        .port();
    let (program, args) = match engine {
        Engine::Chromium => (
            PathBuf::from(setup::CHROMEDRIVER),
            vec![format!("--port={port}")],
        ),
        Engine::Firefox => (
            cargo_bin().join("geckodriver"),
            vec!["--port".into(), port.to_string()],
        ),
    };
    let browser = match engine {
        Engine::Chromium => CHROMIUM,
        Engine::Firefox => FIREFOX,
    };
    for needed in [program.as_path(), Path::new(browser)] {
        if !needed.exists() {
            return Err(format!(
                "{} is missing: `cargo xtask setup` installs it",
                needed.display()
            ));
        }
    }
    let out = fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let child = KillOnDrop(child);
    let url = format!("http://127.0.0.1:{port}");
    let agent = agent(Duration::from_secs(2));
    let started = Instant::now();
    loop {
        let ready = agent
            .get(format!("{url}/status"))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok())
            .and_then(|body| serde_json::from_str::<Value>(&body).ok())
            .is_some_and(|v| v["value"]["ready"].as_bool() != Some(false));
        if ready {
            return Ok(Driver { _child: child, url });
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!(
                "{} did not answer on port {port} within 30 s (its log: {})",
                program.display(),
                log.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

async fn connect(engine: Engine, driver: &Driver) -> Result<Client> {
    let mut caps = Map::new();
    match engine {
        Engine::Chromium => {
            caps.insert("browserName".into(), json!("chrome"));
            caps.insert(
                "goog:chromeOptions".into(),
                json!({ "binary": CHROMIUM, "args": CHROMIUM_FLAGS }),
            );
        }
        Engine::Firefox => {
            caps.insert("browserName".into(), json!("firefox"));
            caps.insert(
                "moz:firefoxOptions".into(),
                json!({ "binary": FIREFOX, "args": ["-headless"] }),
            );
        }
    }
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .map_err(|e| format!("no {} session from its driver: {e}", engine.name()))?;
    if engine == Engine::Firefox {
        client
            .set_window_size(1400, 1000)
            .await
            .map_err(|e| format!("cannot size the window: {e}"))?;
    }
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(120)),
            Some(Duration::ZERO),
        ))
        .await
        .map_err(|e| format!("cannot set the timeouts: {e}"))?;
    Ok(client)
}

/// One size: the mock with its fixture, a fresh browser, the page's figures, all ended after.
fn app(
    runtime: &tokio::runtime::Runtime,
    engine: Engine,
    mock: &Path,
    dist: &Path,
    data: &Data,
    dir: &Path,
) -> Result<Line> {
    let mock = start_mock(mock, dist, &data.path)?;
    let driver = start_driver(engine, &dir.join(format!("{}-driver.log", engine.name())))?;
    runtime.block_on(async {
        let client = connect(engine, &driver).await?;
        let figures = page_figures(&client, &mock.url, data).await;
        let _ = tokio::time::timeout(Duration::from_secs(20), client.close()).await;
        let line = Line::new("app")
            .with("browser", engine.name())
            .with("families", data.families);
        figures?.into_line(line)
    })
}

/// Every script starts with these: the hooks' selectors and `timeUntil`, which calls `act` and
/// resolves with the milliseconds from just before it until `isDone()` holds and the frame that
/// shows it has been drawn. `isDone` is asked after every DOM change and in every frame; once it
/// holds, a message posted after the next animation frame's callbacks arrives after its paint.
const PRELUDE: &str = r#"
const GRID = '[data-testid=family-grid]';
const ROWS = GRID + ' [data-doc-id]';
const ORIGINALS = GRID + ' [data-doc-id]:not([data-original-id])';
const VIEWPORT = '[data-testid=grid-viewport]';
const summaryText = () => {
  const el = Array.from(document.querySelectorAll('[data-testid=summary-count]'))
    .find(e => !e.closest('[data-testid=summary-entity]'));
  return el ? el.textContent : null;
};
const inView = row => {
  const viewport = document.querySelector(VIEWPORT);
  const area = viewport ? viewport.getBoundingClientRect()
    : { top: 0, bottom: window.innerHeight };
  const r = row.getBoundingClientRect();
  return r.height > 0 && r.top >= area.top && r.bottom <= area.bottom;
};
const timeUntil = (act, isDone, timeoutMs) => new Promise(resolve => {
  let finished = false, seen = false, t0 = 0;
  const finish = result => {
    if (finished) return;
    finished = true;
    observer.disconnect();
    clearTimeout(timer);
    resolve(result);
  };
  const painted = () => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => finish({ ms: performance.now() - t0 });
    channel.port2.postMessage(null);
  };
  const check = inFrame => {
    if (seen || finished) return;
    let done;
    try { done = isDone(); } catch (e) { return finish({ error: String(e) }); }
    if (!done) return;
    seen = true;
    if (inFrame) painted(); else requestAnimationFrame(painted);
  };
  const observer = new MutationObserver(() => check(false));
  observer.observe(document.body,
    { subtree: true, childList: true, characterData: true, attributes: true });
  const timer = setTimeout(
    () => finish({ error: `nothing changed within ${timeoutMs} ms` }), timeoutMs);
  const frame = () => { if (!finished && !seen) { check(true); requestAnimationFrame(frame); } };
  requestAnimationFrame(frame);
  t0 = performance.now();
  try { act(); } catch (e) { return finish({ error: String(e) }); }
  check(false);
});
const done = arguments[arguments.length - 1];
"#;

const LOAD_STATE: &str = r#"
const mark = name => {
  const entries = performance.getEntriesByName(name);
  return entries.length ? entries[0].startTime : null;
};
const progress = document.querySelector('[data-testid=load-progress]');
return {
  rows: document.querySelectorAll('[data-testid=family-grid] [data-doc-id]').length,
  error: !!document.querySelector('[data-testid=load-error]'),
  progress: progress
    ? [progress.getAttribute('aria-valuenow'), progress.getAttribute('aria-valuemax')] : null,
  firstPage: mark('invoicing:first-page-arrived'),
  firstRow: mark('invoicing:first-row-drawn'),
  allLoaded: mark('invoicing:all-pages-loaded'),
};
"#;

const MEMORY: &str = r#"
const heap = performance.memory ? performance.memory.usedJSHeapSize : null;
const bindings = window.wasmBindings;
let wasm = null, missing = null;
if (!bindings) missing = 'window.wasmBindings';
else if (typeof bindings.wasmMemoryBytes !== 'function') missing = 'wasmBindings.wasmMemoryBytes()';
else wasm = Number(bindings.wasmMemoryBytes());
return { heap, wasm, missing };
"#;

const PICK_TOGGLES: &str = r#"
const ids = [];
for (const row of document.querySelectorAll(ORIGINALS)) {
  const box = row.querySelector('input[type=checkbox]');
  if (box && !box.disabled && !box.checked && inView(row)) ids.push(row.getAttribute('data-doc-id'));
  if (ids.length === arguments[0]) break;
}
done(ids);
"#;

const TOGGLE: &str = r#"
const id = arguments[0];
const row = Array.from(document.querySelectorAll(ORIGINALS))
  .find(r => r.getAttribute('data-doc-id') === id);
const box = row && row.querySelector('input[type=checkbox]');
const before = summaryText();
if (!row) done({ error: `the row of ${id} is not in the page` });
else if (!box) done({ missing: `input[type=checkbox] in the row of ${id}` });
else if (before === null) done({ missing: '[data-testid=summary-count]' });
else timeUntil(() => box.click(), () => summaryText() !== before, 10000).then(done);
"#;

/// Clicks the element of `arguments[0]` and waits for the summary's count to change.
const CLICK_UNTIL_SUMMARY: &str = r#"
const el = document.querySelector(arguments[0]);
const before = summaryText();
if (!el) done({ missing: arguments[0] });
else if (before === null) done({ missing: '[data-testid=summary-count]' });
else timeUntil(() => el.click(), () => summaryText() !== before, 30000)
  .then(r => done(Object.assign(r, { summary: summaryText() })));
"#;

const EXPAND: &str = r#"
const expanded = r => r.getAttribute('aria-expanded')
  ?? r.querySelector('[data-testid=expand-toggle]').getAttribute('aria-expanded');
const row = Array.from(document.querySelectorAll(ORIGINALS))
  .find(r => r.querySelector('[data-testid=expand-toggle]') && expanded(r) === 'false' && inView(r));
if (!row) {
  done({ missing: 'an original row in view with [data-testid=expand-toggle], not expanded' });
} else {
  const id = row.getAttribute('data-doc-id');
  const toggle = row.querySelector('[data-testid=expand-toggle]');
  const shown = () => Array.from(document.querySelectorAll(ROWS))
    .some(r => r.getAttribute('data-original-id') === id);
  timeUntil(() => toggle.click(), shown, 10000).then(r => {
    // Collapses it again, unmeasured, so that the page is as before.
    const again = Array.from(document.querySelectorAll(ORIGINALS))
      .find(r => r.getAttribute('data-doc-id') === id);
    if (again) again.querySelector('[data-testid=expand-toggle]').click();
    requestAnimationFrame(() => done(Object.assign(r, { id })));
  });
}
"#;

const SCROLL: &str = r#"
const viewport = document.querySelector(VIEWPORT);
if (!viewport) {
  done({ missing: VIEWPORT });
} else if (viewport.scrollHeight - viewport.clientHeight - viewport.scrollTop < viewport.clientHeight) {
  done({ error: 'the grid cannot scroll a whole screen further' });
} else {
  const rect = viewport.getBoundingClientRect();
  const x = rect.left + viewport.clientLeft + Math.min(60, viewport.clientWidth / 2);
  const rowAt = y => {
    const el = document.elementFromPoint(x, y);
    const row = el && el.closest('[data-doc-id]');
    return row && viewport.contains(row) ? row.getAttribute('data-doc-id') : null;
  };
  const top = rect.top + viewport.clientTop;
  const bottom = top + viewport.clientHeight - 3;
  const middle = top + viewport.clientHeight / 2;
  const before = rowAt(bottom);
  timeUntil(() => { viewport.scrollTop += viewport.clientHeight; }, () => {
    const b = rowAt(bottom);
    return b !== null && b !== before && rowAt(middle) !== null;
  }, 10000).then(done);
}
"#;

/// What one step's script answered: milliseconds, or a missing hook, or another problem.
fn timing(step: &str, answer: &Value, problems: &mut Vec<String>) -> Option<f64> {
    if let Some(ms) = answer["ms"].as_f64() {
        return Some(ms);
    }
    if let Some(hook) = answer["missing"].as_str() {
        problems.push(format!("{step}: missing hook {hook}"));
    } else {
        let error = answer["error"].as_str().unwrap_or("no answer");
        problems.push(format!("{step}: {error}"));
    }
    None
}

async fn script(client: &Client, body: &str, args: Vec<Value>) -> Result<Value> {
    let code = format!("{PRELUDE}\n{body}");
    let call = client.execute_async(&code, args);
    match tokio::time::timeout(Duration::from_secs(150), call).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(format!("a script in the page failed: {e}")),
        Err(_) => Err("a script in the page did not answer within 150 s".into()),
    }
}

async fn sync_script(client: &Client, body: &str) -> Result<Value> {
    match tokio::time::timeout(Duration::from_secs(30), client.execute(body, vec![])).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(format!("a script in the page failed: {e}")),
        Err(_) => Err("a script in the page did not answer within 30 s".into()),
    }
}

/// Milliseconds to one decimal, megabytes (2²⁰ bytes) to one decimal.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn megabytes(bytes: Option<f64>) -> Option<f64> {
    bytes.map(|b| round1(b / 1_048_576.0))
}

/// The page's figures for one size; problems (missing hooks, timeouts) are listed in the line.
/// `data.checkable` is how many families select all should select.
async fn page_figures(client: &Client, base_url: &str, data: &Data) -> Result<PageFigures> {
    let checkable = data.checkable;
    let mut problems = Vec::new();
    let url = format!("{base_url}/?lang=en");
    client
        .goto(&url)
        .await
        .map_err(|e| format!("cannot open {url}: {e}"))?;

    // Loading: the app's marks, once everything has arrived (or the progress bar says so for
    // 3 s without the mark).
    let started = Instant::now();
    let mut complete_since: Option<Instant> = None;
    let state = loop {
        let state = sync_script(client, LOAD_STATE).await?;
        if state["error"].as_bool() == Some(true) {
            return Err("the page shows a load error ([data-testid=load-error])".into());
        }
        let rows = state["rows"].as_u64().unwrap_or(0);
        let progress_done = match state["progress"].as_array() {
            None => rows > 0,
            Some(p) => p[0] == p[1] && p[1].as_str().is_some(),
        };
        if state["allLoaded"].is_number() && state["firstRow"].is_number() {
            break state;
        }
        if progress_done {
            let since = *complete_since.get_or_insert_with(Instant::now);
            if since.elapsed() > Duration::from_secs(3) {
                break state;
            }
        } else {
            complete_since = None;
        }
        if started.elapsed() > Duration::from_secs(600) {
            return Err(format!(
                "the page did not finish loading within 10 min; it shows {state}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let mark = |name: &str, key: &str, problems: &mut Vec<String>| {
        let value = state[key].as_f64();
        if value.is_none() {
            problems.push(format!("missing mark {name}"));
        }
        value
    };
    let first_page = mark("invoicing:first-page-arrived", "firstPage", &mut problems);
    let first_row = mark("invoicing:first-row-drawn", "firstRow", &mut problems);
    let all_loaded = mark("invoicing:all-pages-loaded", "allLoaded", &mut problems);
    let first_page_to_row = first_page.zip(first_row).map(|(p, r)| r - p);

    // Memory once the page has settled, before any click.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let memory = sync_script(client, MEMORY).await?;
    if let Some(hook) = memory["missing"].as_str() {
        problems.push(format!("wasm memory: missing {hook}"));
    }

    let (median, p90) = toggle_figures(client, &mut problems).await?;
    // The families toggled, to check again if select all cannot be measured.
    let ids = picked_ids(&script(client, PICK_TOGGLES, vec![json!(TOGGLES / 2)]).await?);

    let select_all = script(
        client,
        CLICK_UNTIL_SUMMARY,
        vec![json!("[data-testid=select-all]")],
    )
    .await?;
    let select_all_ms = timing("select all", &select_all, &mut problems);
    if select_all_ms.is_none() {
        // Something to clear all the same: the families toggled above, checked again.
        for id in &ids {
            script(client, TOGGLE, vec![json!(id)]).await?;
        }
    }
    let clear = script(
        client,
        CLICK_UNTIL_SUMMARY,
        vec![json!("[data-testid=clear-selection]")],
    )
    .await?;
    let clear_ms = timing("clear", &clear, &mut problems);
    let expand = script(client, EXPAND, vec![]).await?;
    let expand_ms = timing("expand", &expand, &mut problems);
    let mut scrolls = Vec::new();
    for _ in 0..SCROLLS {
        let answer = script(client, SCROLL, vec![]).await?;
        match timing("scroll", &answer, &mut problems) {
            Some(ms) => scrolls.push(ms),
            None => break,
        }
    }
    scrolls.sort_by(f64::total_cmp);
    let scroll_ms = scrolls.get(scrolls.len() / 2).copied();
    let filtered = filtered::figures(client, data.plan.as_ref(), &mut problems).await?;

    if let Some(count) = select_all["summary"].as_str() {
        eprintln!(
            "select all: the summary's count reads {count:?}; the fixture has {checkable} \
             families that can be checked"
        );
    }
    Ok(PageFigures {
        first_row,
        first_page_to_row,
        all_loaded,
        toggle_median: median,
        toggle_p90: p90,
        select_all: select_all_ms,
        clear: clear_ms,
        expand: expand_ms,
        scroll_screen: scroll_ms,
        filtered,
        js_heap: memory["heap"].as_f64(),
        wasm_memory: memory["wasm"].as_f64(),
        problems,
    })
}

/// Toggles: checks families in view, then unchecks them, until there were [`TOGGLES`] clicks;
/// the median and the 90th percentile (the 18th of 20).
async fn toggle_figures(
    client: &Client,
    problems: &mut Vec<String>,
) -> Result<(Option<f64>, Option<f64>)> {
    let ids = picked_ids(&script(client, PICK_TOGGLES, vec![json!(TOGGLES / 2)]).await?);
    let mut toggles = Vec::new();
    if ids.is_empty() {
        problems.push("toggle: no checkable family in view".into());
    }
    'toggling: for _ in 0..TOGGLES {
        for id in ids.iter().chain(&ids) {
            if toggles.len() == TOGGLES {
                break 'toggling;
            }
            let answer = script(client, TOGGLE, vec![json!(id)]).await?;
            match timing("toggle", &answer, problems) {
                Some(ms) => toggles.push(ms),
                None => break 'toggling,
            }
        }
    }
    toggles.sort_by(f64::total_cmp);
    let median = (toggles.len() == TOGGLES).then(|| (toggles[9] + toggles[10]) / 2.0);
    // Nearest rank: the 18th of 20.
    let p90 = (toggles.len() == TOGGLES).then(|| toggles[17]);
    Ok((median, p90))
}

/// The ids that `PICK_TOGGLES` answered.
fn picked_ids(answer: &Value) -> Vec<String> {
    answer
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// What [`page_figures`] measured: milliseconds, and bytes of memory.
struct PageFigures {
    first_row: Option<f64>,
    first_page_to_row: Option<f64>,
    all_loaded: Option<f64>,
    toggle_median: Option<f64>,
    toggle_p90: Option<f64>,
    select_all: Option<f64>,
    clear: Option<f64>,
    expand: Option<f64>,
    scroll_screen: Option<f64>,
    filtered: FilteredFigures,
    js_heap: Option<f64>,
    wasm_memory: Option<f64>,
    problems: Vec<String>,
}

impl PageFigures {
    fn into_line(self, line: Line) -> Result<Line> {
        let r = |v: Option<f64>| v.map(round1);
        let mut line = line
            .with("first_row_ms", r(self.first_row))
            .with("first_page_to_row_ms", r(self.first_page_to_row))
            .with("all_loaded_ms", r(self.all_loaded))
            .with("toggle_median_ms", r(self.toggle_median))
            .with("toggle_p90_ms", r(self.toggle_p90))
            .with("select_all_ms", r(self.select_all))
            .with("clear_ms", r(self.clear))
            .with("expand_ms", r(self.expand))
            .with("scroll_screen_ms", r(self.scroll_screen));
        for (key, ms) in self.filtered.fields() {
            line = line.with(key, r(ms));
        }
        line = line
            .with("js_heap_mb", megabytes(self.js_heap))
            .with("wasm_memory_mb", megabytes(self.wasm_memory))
            .with("problems", &self.problems);
        line.problems = self.problems;
        Ok(line)
    }
}

// --- the mock ------------------------------------------------------------------------------

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .build()
        .into()
}

/// How long the release mock takes to load the fixture and to answer every page of it.
fn mock_paging(mock: &Path, dist: &Path, data: &Data) -> Result<Line> {
    let families = data.families;
    let mock = start_mock(mock, dist, &data.path)?;
    let agent = agent(Duration::from_secs(60));
    let signed_in = agent
        .get(format!("{}/__mock/sign-in", mock.url))
        .call()
        .map_err(|e| format!("GET /__mock/sign-in: {e}"))?;
    let cookie: Vec<String> = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next().map(str::to_string))
        .collect();
    if cookie.is_empty() {
        return Err("GET /__mock/sign-in set no cookie".into());
    }
    let cookie = cookie.join("; ");
    let mut cursor: Option<String> = None;
    let (mut pages, mut listed) = (0usize, 0usize);
    let mut slowest = Duration::ZERO;
    let started = Instant::now();
    loop {
        let mut request = agent
            .get(format!("{}/api/v1/invoice-candidates", mock.url))
            .query("basis", "order")
            .query("limit", PAGE.to_string())
            .header("Cookie", &cookie)
            .header("Accept", "application/json");
        if let Some(c) = &cursor {
            request = request.query("cursor", c);
        }
        let page_started = Instant::now();
        let mut answer = request
            .call()
            .map_err(|e| format!("page {}: {e}", pages + 1))?;
        let body = answer
            .body_mut()
            .with_config()
            .limit(256 << 20)
            .read_to_vec()
            .map_err(|e| format!("page {}: {e}", pages + 1))?;
        slowest = slowest.max(page_started.elapsed());
        if answer.status() != 200 {
            return Err(format!(
                "page {} answered {}: {}",
                pages + 1,
                answer.status(),
                String::from_utf8_lossy(&body)
            ));
        }
        let page: Value =
            serde_json::from_slice(&body).map_err(|e| format!("page {}: {e}", pages + 1))?;
        pages += 1;
        listed += page["items"].as_array().map_or(0, Vec::len);
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    let paging = started.elapsed();
    if listed != families {
        return Err(format!("paged through {listed} families, not {families}"));
    }
    let ms = |d: Duration| round1(d.as_secs_f64() * 1000.0);
    let bytes = fs::metadata(&data.path).map(|m| m.len()).unwrap_or(0);
    Ok(Line::new("mock")
        .with("families", families)
        .with("fixture_mb", round1(bytes as f64 / 1_048_576.0))
        .with("start_ms", ms(mock.started_in))
        .with("pages", pages)
        .with("page_size", PAGE)
        .with("all_pages_ms", ms(paging))
        .with(
            "page_mean_ms",
            round1(paging.as_secs_f64() * 1000.0 / pages as f64),
        )
        .with("slowest_page_ms", ms(slowest)))
}

// --- the domain ----------------------------------------------------------------------------

/// The figures of `domain_bench`, in the order they are printed.
const DOMAIN_KEYS: [&str; 6] = [
    "families",
    "checkable",
    "from_candidate_ns_per_family",
    "check_ns_per_family",
    "uncheck_ns_per_family",
    "all_checked_net",
];

/// The domain crate's figures from a release build (`crates/fixture-gen/examples/domain_bench.rs`).
fn domain(families: usize, seed: u64) -> Result<Line> {
    let out = Cmd::cargo()
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "invoicing-fixture-gen",
            "--example",
            "domain_bench",
            "--",
        ])
        .arg(families.to_string())
        .arg(seed.to_string())
        .read()?;
    let line = out
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .ok_or_else(|| format!("the domain bench printed no figures: {out}"))?;
    let value: Value = serde_json::from_str(line)
        .map_err(|e| format!("the domain bench printed {line:?}: {e}"))?;
    let mut figures = Line::new("domain");
    for key in DOMAIN_KEYS {
        figures = figures.with(key, &value[key]);
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_read_the_browser_sizes_and_parts() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let o = options(&args(&[
            "--browser",
            "firefox",
            "--sizes=1000,20_000",
            "--skip",
            "domain",
        ]))
        .unwrap();
        assert_eq!(o.engine, Engine::Firefox);
        assert_eq!(o.sizes, vec![1_000, 20_000]);
        assert_eq!(o.skip, vec!["domain".to_string()]);
        let o = options(&[]).unwrap();
        assert_eq!(
            (o.engine, o.sizes),
            (Engine::Chromium, DEFAULT_SIZES.to_vec())
        );
        assert!(options(&args(&["--browser", "safari"])).is_err());
        assert!(options(&args(&["--skip", "everything"])).is_err());
        assert!(options(&args(&["--sizes", "0"])).is_err());
    }

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_bytes() {
        let bytes = b"invoicing ".repeat(1000);
        assert!(gzip(&bytes).unwrap() < 200);
        assert!(brotli(&bytes).unwrap() < 200);
    }
}
