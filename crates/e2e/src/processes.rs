//! The processes a test starts, the mock and a WebDriver server (chromedriver or geckodriver),
//! each ended when its guard is dropped.

use std::collections::HashMap;
use std::env;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::browser::Engine;
use crate::fixture;

const HOW_TO_RUN: &str = "run through `cargo xtask test` (or `cargo xtask test --only e2e`)";
/// What the mock prints once it accepts connections.
const LISTENING: &str = "listening on ";

/// Where the programs under test are, from the environment that `cargo xtask test` sets.
pub struct Env {
    pub mock_bin: PathBuf,
    pub dist: PathBuf,
}

impl Env {
    pub fn from_env() -> Env {
        let var = |name: &str| {
            env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| panic!("{name} is not set: {HOW_TO_RUN}"))
        };
        Env {
            mock_bin: found(var("INVOICING_MOCK_BIN"), "INVOICING_MOCK_BIN"),
            dist: found(var("INVOICING_DIST"), "INVOICING_DIST"),
        }
    }

    /// The WebDriver server of `engine`: `$CHROMEDRIVER` or `$GECKODRIVER`, else the one on PATH.
    pub fn driver(&self, engine: Engine) -> PathBuf {
        let (var, program) = match engine {
            Engine::Chromium => ("CHROMEDRIVER", "chromedriver"),
            Engine::Firefox => ("GECKODRIVER", "geckodriver"),
        };
        match env::var_os(var).filter(|v| !v.is_empty()) {
            Some(path) => found(PathBuf::from(path), var),
            None => on_path(program).unwrap_or_else(|| {
                panic!("{var} is not set and there is no {program} on PATH: {HOW_TO_RUN}")
            }),
        }
    }

    /// The browser program of `engine`: `$CHROMIUM` or `$FIREFOX`, else Debian's.
    pub fn browser(&self, engine: Engine) -> PathBuf {
        let (var, debian) = match engine {
            Engine::Chromium => ("CHROMIUM", "/usr/bin/chromium"),
            Engine::Firefox => ("FIREFOX", "/usr/bin/firefox-esr"),
        };
        let path = env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(debian));
        found(path, var)
    }
}

/// `path`, which must exist; `name` is the variable it came from.
fn found(path: PathBuf, name: &str) -> PathBuf {
    assert!(
        path.exists(),
        "{name}={} does not exist: {HOW_TO_RUN}",
        path.display()
    );
    path
}

/// The first `program` on PATH.
fn on_path(program: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A child's output, kept to be shown when a test fails.
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<String>>);

impl Log {
    fn push(&self, line: &str) {
        let mut log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        log.push_str(line);
        if !line.ends_with('\n') {
            log.push('\n');
        }
    }

    /// The last `lines` lines.
    pub fn tail(&self, lines: usize) -> String {
        let log = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let all: Vec<&str> = log.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Copies `from` into the log line by line, in a thread, until it closes; `each` sees every
    /// line.
    fn follow(
        &self,
        from: impl Read + Send + 'static,
        mut each: impl FnMut(&str) + Send + 'static,
    ) {
        let log = self.clone();
        thread::spawn(move || {
            let mut from = BufReader::new(from);
            let mut line = String::new();
            while matches!(from.read_line(&mut line), Ok(n) if n > 0) {
                each(&line);
                log.push(&line);
                line.clear();
            }
        });
    }
}

/// Which data the mock serves and how it should misbehave.
#[derive(Clone, Debug, Default)]
pub struct MockOptions {
    /// The fixture to load instead of `fixtures/e2e.json` (`--data`).
    pub data: Option<PathBuf>,
    /// The first N API requests answer 503 (`--fail-first`).
    pub fail_first: u32,
    /// Every API answer waits this long (`--latency-ms`).
    pub latency_ms: u32,
    /// Every page of candidates after the first waits this long (`--page-latency-ms`).
    pub page_latency_ms: u32,
    /// The first N requests with a cursor answer `400 INVALID_CURSOR` (`--expire-cursors`).
    pub expire_cursors: u32,
    /// Serve `GET /__mock/applications`, every application created (`--admin`).
    pub admin: bool,
    /// The first N `POST /invoice-applications` answer 503 before their key is used
    /// (`--fail-applications`).
    pub fail_applications: u32,
}

/// The mock backend serving the built app and the e2e fixture on a free port.
pub struct Mock {
    child: Child,
    /// `http://127.0.0.1:N`, no trailing slash.
    pub url: String,
    pub log: Log,
}

impl Mock {
    pub fn start(env: &Env, options: &MockOptions) -> Mock {
        let mut command = Command::new(&env.mock_bin);
        let data = options
            .data
            .clone()
            .unwrap_or_else(|| PathBuf::from(fixture::PATH));
        command
            .arg("--data")
            .arg(data)
            .arg("--dist")
            .arg(&env.dist)
            .args(["--port", "0"]);
        if options.fail_first > 0 {
            command.args(["--fail-first", &options.fail_first.to_string()]);
        }
        if options.latency_ms > 0 {
            command.args(["--latency-ms", &options.latency_ms.to_string()]);
        }
        if options.page_latency_ms > 0 {
            command.args(["--page-latency-ms", &options.page_latency_ms.to_string()]);
        }
        if options.admin {
            command.arg("--admin");
        }
        if options.fail_applications > 0 {
            command.args([
                "--fail-applications",
                &options.fail_applications.to_string(),
            ]);
        }
        if options.expire_cursors > 0 {
            command.args(["--expire-cursors", &options.expire_cursors.to_string()]);
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", env.mock_bin.display()));
        let log = Log::default();
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        log.follow(stdout, move |line| {
            if let Some(at) = line.find(LISTENING) {
                let _ = tx.send(line[at + LISTENING.len()..].trim().to_string());
            }
        });
        log.follow(stderr, |_| {});
        let mut mock = Mock {
            child,
            url: String::new(),
            log,
        };
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(url) => mock.url = url.trim_end_matches('/').to_string(),
            Err(_) => panic!(
                "the mock did not print `{LISTENING}…` (exit: {:?}); its output:\n{}",
                mock.child.try_wait(),
                mock.log.tail(40)
            ),
        }
        mock
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver server (chromedriver or geckodriver) on a free port; dropping it ends the
/// driver and every browser process it started.
pub struct Driver {
    child: Child,
    /// `chromedriver` or `geckodriver`, for messages.
    pub name: String,
    /// `http://127.0.0.1:N`.
    pub url: String,
    /// The driver's output, and for Firefox the browser's (its console among it).
    pub log: Log,
}

impl Driver {
    /// Starts the driver of `engine` from `program`, with `temp` as its TMPDIR: geckodriver
    /// writes Firefox's fresh profile there.
    pub fn start(engine: Engine, program: &Path, temp: &Path) -> Driver {
        let port = free_port();
        let mut command = Command::new(program);
        match engine {
            Engine::Chromium => {
                command.arg(format!("--port={port}"));
            }
            Engine::Firefox => {
                // Marionette is on a port of the system's choosing already; WebDriver BiDi's
                // would be the fixed 9222, where tests in parallel would meet.
                command
                    .args(["--host", "127.0.0.1", "--port", &port.to_string()])
                    .args(["--websocket-port", &free_port().to_string()]);
            }
        }
        let mut child = command
            .env("TMPDIR", temp)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let log = Log::default();
        log.follow(child.stdout.take().expect("piped"), |_| {});
        log.follow(child.stderr.take().expect("piped"), |_| {});
        let name = program
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| program.display().to_string());
        let driver = Driver {
            child,
            name,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{} did not listen on port {port} within 10 s; its output:\n{}",
                driver.name,
                driver.log.tail(40)
            );
            thread::sleep(Duration::from_millis(20));
        }
        driver
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The browser runs as the driver's children; they would outlive a plain kill.
        kill_tree(self.child.id());
        let _ = self.child.wait();
    }
}

/// A port nobody listens on now: the system's choice for a throwaway listener.
fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on loopback")
}

/// Kills `root` and all of its descendants, found through /proc before any is killed.
fn kill_tree(root: u32) {
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (pid, ppid) in processes() {
        children.entry(ppid).or_default().push(pid);
    }
    let mut tree = vec![root];
    let mut next = 0;
    while next < tree.len() {
        tree.extend(children.get(&tree[next]).into_iter().flatten());
        next += 1;
    }
    for pid in tree {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            continue;
        };
        // SAFETY: kill(2) has no memory effects; the pids are this test's own children.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}

/// Every (pid, parent pid) on the machine.
fn processes() -> Vec<(u32, u32)> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let pid = entry.file_name().to_str()?.parse::<u32>().ok()?;
            let stat = fs::read_to_string(entry.path().join("stat")).ok()?;
            // `pid (comm) state ppid …`; comm may hold spaces and parentheses.
            let after = &stat[stat.rfind(')')? + 1..];
            let ppid = after.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect()
}

/// A folder removed when dropped: a browser's fresh profile and temporary files.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = env::temp_dir().join(format!("{prefix}-{}-{n}-{nanos}", std::process::id()));
        fs::create_dir_all(&path)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}
