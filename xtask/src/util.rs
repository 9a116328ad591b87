//! Running commands: echo them, find the workspace and `$CARGO_HOME/bin`, time and summarise steps.

use std::env;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What every task returns: an error is a sentence for the person at the terminal.
pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root, where the root `Cargo.toml` is.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a folder of the workspace")
        .to_path_buf()
}

/// `$CARGO_HOME`, or `~/.cargo` as cargo itself defaults.
pub fn cargo_home() -> PathBuf {
    match env::var_os("CARGO_HOME") {
        Some(home) if !home.is_empty() => PathBuf::from(home),
        _ => {
            let home = env::var_os("HOME").unwrap_or_else(|| OsString::from("/root"));
            Path::new(&home).join(".cargo")
        }
    }
}

/// Where `cargo install` puts the tools.
pub fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// Puts `$CARGO_HOME/bin` first on this process's PATH, so that every command the xtask starts
/// (trunk, which itself starts wasm-bindgen; the test runner) finds the tools `setup` installed,
/// even when `CARGO_HOME` points somewhere that is not on the caller's PATH.
pub fn put_cargo_bin_on_path() {
    let bin = cargo_bin();
    let old = env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = vec![bin.clone()];
    dirs.extend(env::split_paths(&old).filter(|d| *d != bin));
    let joined = env::join_paths(dirs).expect("PATH entries contain no separator");
    // Called once at the start of `main`, before any thread exists.
    env::set_var("PATH", joined);
}

/// The first `program` on PATH, like `which`.
pub fn which(program: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

/// A command that prints itself before it runs; stdin is always closed (CI has none).
pub struct Cmd {
    command: Command,
    shown: String,
}

impl Cmd {
    pub fn new(program: impl AsRef<OsStr>) -> Cmd {
        let program = program.as_ref();
        let mut command = Command::new(program);
        command.current_dir(root()).stdin(Stdio::null());
        Cmd {
            command,
            shown: program.to_string_lossy().into_owned(),
        }
    }

    /// `cargo` from PATH (rustup's proxy, which also finds clippy and rustfmt), else the cargo
    /// that runs the xtask.
    pub fn cargo() -> Cmd {
        let program = match which("cargo") {
            Some(path) => path.into_os_string(),
            None => env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")),
        };
        let mut cmd = Cmd::new(program);
        cmd.shown = "cargo".into();
        cmd
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Cmd {
        let arg = arg.as_ref();
        self.shown.push(' ');
        self.shown.push_str(&arg.to_string_lossy());
        self.command.arg(arg);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        for arg in args {
            self = self.arg(arg);
        }
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Cmd {
        let value = value.as_ref();
        self.shown = format!("{key}={} {}", value.to_string_lossy(), self.shown);
        self.command.env(key, value);
        self
    }

    /// Runs with the terminal's stdout and stderr; an error unless it exits with 0.
    pub fn run(mut self) -> Result {
        println!("$ {}", self.shown);
        let status = self
            .command
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{}` failed: {status}", self.shown))
        }
    }

    /// Runs with stdout and stderr appended to the file `log` (for work done beside other work,
    /// whose output would interleave); an error with the log's last lines unless it exits with 0.
    pub fn run_logged(mut self, log: &Path) -> Result {
        use std::io::Write;
        if let Some(dir) = log.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .map_err(|e| format!("cannot open {}: {e}", log.display()))?;
        let _ = writeln!(file, "$ {}", self.shown);
        let err = file
            .try_clone()
            .map_err(|e| format!("cannot open {}: {e}", log.display()))?;
        let status = self
            .command
            .stdout(file)
            .stderr(err)
            .status()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if status.success() {
            return Ok(());
        }
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        Err(format!(
            "`{}` failed: {status}; the end of {}:\n{tail}",
            self.shown,
            log.display()
        ))
    }

    /// Runs quietly and returns stdout, or an error with stderr when it fails or cannot start.
    pub fn read(mut self) -> Result<String> {
        let output = self
            .command
            .stderr(Stdio::piped())
            .output()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!(
                "`{}` failed: {}\n{}",
                self.shown,
                output.status,
                String::from_utf8_lossy(&output.stderr).trim_end()
            ))
        }
    }

    /// Starts in the background with stdout piped; stderr stays the terminal's.
    pub fn spawn_piped(mut self) -> Result<Child> {
        println!("$ {}", self.shown);
        self.command
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", self.shown))
    }
}

/// The `target` folder that cargo uses for this workspace (respects `CARGO_TARGET_DIR` and config).
pub fn target_dir() -> Result<PathBuf> {
    let json = Cmd::cargo()
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .read()
        .or_else(|_| {
            Cmd::cargo()
                .args(["metadata", "--format-version", "1", "--no-deps"])
                .read()
        })?;
    let value: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| format!("cargo metadata: {e}"))?;
    value["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .ok_or_else(|| "cargo metadata has no target_directory".to_string())
}

/// The mock's line that says it is ready, `listening on http://127.0.0.1:N`.
pub const LISTENING: &str = "listening on ";

/// A child process that is killed when this guard goes, whatever happens in between.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads `child`'s stdout until the mock says where it listens; returns the URL. The rest of
/// its stdout is copied to ours (when `echo`) or dropped, so that the child never blocks on a
/// full pipe.
pub fn wait_for_listening(child: &mut Child, timeout: Duration, echo: bool) -> Result<String> {
    let stdout = child
        .stdout
        .take()
        .ok_or("the child's stdout is not piped")?;
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        // Reads to the end, so that the child never blocks on a full pipe.
        let mut lines = BufReader::new(stdout);
        let mut line = String::new();
        let mut sent = false;
        loop {
            line.clear();
            match lines.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            if echo {
                print!("{line}");
            }
            if !sent {
                if let Some(at) = line.find(LISTENING) {
                    let url = line[at + LISTENING.len()..].trim().to_string();
                    sent = tx.send(url).is_ok();
                }
            }
        }
    });
    let started = Instant::now();
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(url) => return Ok(url),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.wait().map_err(|e| e.to_string())?;
                return Err(format!("the mock ended before it listened: {status}"));
            }
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the mock ended before it listened: {status}"));
        }
        if started.elapsed() > timeout {
            return Err(format!(
                "the mock did not print `{LISTENING}…` within {timeout:?}"
            ));
        }
    }
}

/// A duration as people read it: `850 ms`, `12.3 s`, `4 min 05 s`.
pub struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs_f64();
        if secs < 1.0 {
            write!(f, "{} ms", self.0.as_millis())
        } else if secs < 60.0 {
            write!(f, "{secs:.1} s")
        } else {
            let whole = self.0.as_secs();
            write!(f, "{} min {:02} s", whole / 60, whole % 60)
        }
    }
}

/// Whether this process runs as root (apt-get needs it, or sudo).
pub fn is_root() -> bool {
    Cmd::new("id")
        .arg("-u")
        .read()
        .map(|uid| uid.trim() == "0")
        .unwrap_or(false)
}

/// Where trunk writes the built app: `dist` of Trunk.toml's `[build]`, else `dist`.
pub fn dist_dir() -> PathBuf {
    let root = root();
    let configured = std::fs::read_to_string(root.join("Trunk.toml"))
        .ok()
        .and_then(|toml| {
            toml.lines().find_map(|line| {
                let value = line.trim().strip_prefix("dist")?.trim_start();
                let value = value.strip_prefix('=')?.trim();
                Some(value.trim_matches('"').to_string())
            })
        });
    root.join(configured.unwrap_or_else(|| "dist".into()))
}

/// The app's release build into [`dist_dir`]; `--offline` keeps trunk from downloading its own
/// wasm-bindgen and wasm-opt: it uses those that `setup` installed, found on PATH.
pub fn trunk_build_release() -> Result {
    // `--offline` also keeps cargo off the network, so on a fresh clone the app's crates must be
    // in cargo's cache first; `cargo fetch` gets them from crates.io (a no-op when they are).
    Cmd::cargo().args(["fetch"]).run()?;
    Cmd::new("trunk")
        .args(["build", "--release", "--offline"])
        .run()
}
