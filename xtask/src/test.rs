//! `cargo xtask test`: every check CI runs, each step run even when an earlier one failed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::setup::{self, CHROMEDRIVER, CHROMIUM, FIREFOX, WASM_TARGET};
use crate::util::{dist_dir, root, target_dir, trunk_build_release, Cmd, Human, Result};

struct Step {
    name: &'static str,
    about: &'static str,
    run: fn() -> Result,
}

const STEPS: &[Step] = &[
    Step {
        name: "setup",
        about: "install missing tools (stops everything when it fails)",
        run: setup::run,
    },
    Step {
        name: "fmt",
        about: "cargo fmt --all --check",
        run: fmt,
    },
    Step {
        name: "clippy",
        about: "clippy on the whole workspace, native, warnings denied",
        run: clippy,
    },
    Step {
        name: "clippy-wasm",
        about: "clippy on the app for wasm32, warnings denied",
        run: clippy_wasm,
    },
    Step {
        name: "test-native",
        about: "native tests of every crate (the app's own unit tests too) but the e2e tests",
        run: test_native,
    },
    Step {
        name: "test-browser",
        about: "the app's tests in headless Chromium (wasm-bindgen-test-runner)",
        run: test_browser,
    },
    Step {
        name: "trunk-build",
        about: "trunk build --release --offline into dist/",
        run: trunk_build_release,
    },
    Step {
        name: "build-mock",
        about: "cargo build -p invoicing-mock",
        run: build_mock,
    },
    Step {
        name: "schemathesis",
        about: "the mock against ../shared/api/openapi.yaml: schemathesis, all checks, signed in",
        run: crate::schemathesis::run,
    },
    Step {
        name: "e2e",
        about: "end-to-end tests: the built app on the mock, driven in Chromium and in Firefox",
        run: e2e,
    },
];

pub fn usage() -> String {
    let mut text = String::from(
        "cargo xtask test [--only STEP[,STEP…]]… [--skip STEP[,STEP…]]… [--list]\n  steps, in order:\n",
    );
    for step in STEPS {
        text.push_str(&format!("    {:<13} {}\n", step.name, step.about));
    }
    text
}

/// Which steps to run, from `--only` and `--skip`.
fn choose(args: &[String]) -> Result<Option<Vec<bool>>> {
    let mut only: Vec<String> = Vec::new();
    let mut skip: Vec<String> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_string())),
            None => (arg.as_str(), None),
        };
        let list = match flag {
            "--only" => &mut only,
            "--skip" => &mut skip,
            "--list" => {
                print!("{}", usage());
                return Ok(None);
            }
            _ => return Err(format!("unknown argument {arg:?}\n{}", usage())),
        };
        let value = match inline {
            Some(value) => value,
            None => args
                .next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a step name\n{}", usage()))?,
        };
        list.extend(value.split(',').map(|s| s.trim().to_string()));
    }
    for name in only.iter().chain(&skip) {
        if !STEPS.iter().any(|s| s.name == name) {
            return Err(format!("there is no step {name:?}\n{}", usage()));
        }
    }
    Ok(Some(
        STEPS
            .iter()
            .map(|s| {
                (only.is_empty() || only.iter().any(|o| o == s.name))
                    && !skip.iter().any(|k| k == s.name)
            })
            .collect(),
    ))
}

enum Outcome {
    Passed(Duration),
    Failed(Duration, String),
    Skipped,
}

pub fn run(args: &[String]) -> Result {
    let Some(chosen) = choose(args)? else {
        return Ok(());
    };
    let total = chosen.iter().filter(|c| **c).count();
    let scratch = Scratch::new()?;
    let started = Instant::now();
    let mut outcomes = Vec::new();
    let mut number = 0;
    for (step, chosen) in STEPS.iter().zip(chosen) {
        if !chosen {
            outcomes.push(Outcome::Skipped);
            continue;
        }
        number += 1;
        println!("\n==> [{number}/{total}] {}: {}", step.name, step.about);
        let step_started = Instant::now();
        let result = (step.run)();
        let took = step_started.elapsed();
        match result {
            Ok(()) => {
                println!("==> {} passed in {}", step.name, Human(took));
                outcomes.push(Outcome::Passed(took));
            }
            Err(e) => {
                println!("==> {} FAILED in {}: {e}", step.name, Human(took));
                let stop = step.name == "setup";
                outcomes.push(Outcome::Failed(took, e));
                if stop {
                    println!("==> setup failed: the other steps cannot run");
                    break;
                }
            }
        }
    }
    drop(scratch);
    summary(&outcomes, started.elapsed())
}

/// A temporary folder for every step's child processes (`TMPDIR`), emptied before the run and
/// removed after it. Browsers and drivers that are killed rather than closed leave their profiles
/// behind (Chromium's `scoped_dir…` are over 100 MB each); here they cannot pile up in `/tmp`.
/// The end-to-end tests keep the system's folder ([`system_tmpdir`]): chromedriver cannot start
/// Chromium with its temporary files under `target/`, and the e2e harness removes its own
/// profiles.
struct Scratch(PathBuf);

/// `TMPDIR` as it was before [`Scratch`] replaced it (`None` when it was not set).
fn system_tmpdir() -> Option<std::ffi::OsString> {
    SYSTEM_TMPDIR.get().cloned().flatten()
}

static SYSTEM_TMPDIR: std::sync::OnceLock<Option<std::ffi::OsString>> = std::sync::OnceLock::new();

impl Scratch {
    fn new() -> Result<Scratch> {
        SYSTEM_TMPDIR.get_or_init(|| std::env::var_os("TMPDIR"));
        let dir = target_dir()?.join("test-tmp");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        std::env::set_var("TMPDIR", &dir);
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn summary(outcomes: &[Outcome], took: Duration) -> Result {
    println!("\n{:<13} {:<8} {:>10}", "step", "result", "time");
    println!("{}", "-".repeat(33));
    let mut failed = Vec::new();
    for (step, outcome) in STEPS.iter().zip(outcomes) {
        let (result, time, why) = match outcome {
            Outcome::Passed(t) => ("pass", Human(*t).to_string(), String::new()),
            Outcome::Failed(t, why) => {
                failed.push(step.name);
                let first = why.lines().next().unwrap_or("");
                let short: String = first.chars().take(70).collect();
                ("FAIL", Human(*t).to_string(), format!("  {short}"))
            }
            Outcome::Skipped => ("skipped", String::new(), String::new()),
        };
        println!("{:<13} {:<8} {:>10}{why}", step.name, result, time);
    }
    println!("{}", "-".repeat(33));
    println!("{:<22} {:>10}", "total", Human(took).to_string());
    if failed.is_empty() {
        println!("\nevery step that ran passed");
        Ok(())
    } else {
        Err(format!("step(s) failed: {}", failed.join(", ")))
    }
}

fn fmt() -> Result {
    Cmd::cargo().args(["fmt", "--all", "--check"]).run()
}

fn clippy() -> Result {
    Cmd::cargo()
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .run()
}

fn clippy_wasm() -> Result {
    Cmd::cargo()
        .args(["clippy", "-p", "invoice-app", "--target", WASM_TARGET])
        .args(["--all-targets", "--", "-D", "warnings"])
        .run()
}

fn test_native() -> Result {
    Cmd::cargo()
        .args(["test", "--workspace", "--exclude", "invoicing-e2e"])
        .run()
}

fn test_browser() -> Result {
    // wasm-bindgen-test-runner reads Chromium's flags from webdriver.json in the crate's folder.
    let flags = root().join("webdriver.json");
    if !flags.is_file() {
        return Err(format!("{} is missing", flags.display()));
    }
    Cmd::cargo()
        .args(["test", "-p", "invoice-app", "--target", WASM_TARGET])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            "wasm-bindgen-test-runner",
        )
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .run()
}

fn build_mock() -> Result {
    Cmd::cargo().args(["build", "-p", "invoicing-mock"]).run()
}

/// The mock that `build-mock` builds.
fn mock_bin() -> Result<PathBuf> {
    Ok(target_dir()?.join("debug").join("invoicing-mock"))
}

fn e2e() -> Result {
    let mock = mock_bin()?;
    let dist = dist_dir();
    if !mock.is_file() {
        return Err(format!(
            "{} is missing: run the build-mock step first (--only build-mock,e2e)",
            mock.display()
        ));
    }
    if !dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: run the trunk-build step first (--only trunk-build,e2e)",
            dist.display()
        ));
    }
    // A snapshot, so that a `trunk serve` or `trunk build` in the same tree (which empties dist/
    // when it starts) cannot pull the app from under a running test.
    let snapshot = target_dir()?.join("e2e-dist");
    copy_dir(&dist, &snapshot)?;
    let tmpdir = system_tmpdir().unwrap_or_else(|| "/tmp".into());
    Cmd::cargo()
        .args(["test", "-p", "invoicing-e2e"])
        .env("TMPDIR", tmpdir)
        .env("INVOICING_MOCK_BIN", &mock)
        .env("INVOICING_DIST", &snapshot)
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("CHROMIUM", CHROMIUM)
        .env("GECKODRIVER", setup::geckodriver())
        .env("FIREFOX", FIREFOX)
        .env("AXE_CORE_JS", setup::axe_core_js())
        .run()
}

/// Replaces `to` with a copy of `from`, without trunk's hidden staging folder.
fn copy_dir(from: &Path, to: &Path) -> Result {
    if to.exists() {
        fs::remove_dir_all(to).map_err(|e| format!("cannot remove {}: {e}", to.display()))?;
    }
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let (source, target) = (entry.path(), to.join(&name));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            fs::copy(&source, &target)
                .map_err(|e| format!("cannot copy {}: {e}", source.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::choose;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn names(chosen: Vec<bool>) -> Vec<&'static str> {
        super::STEPS
            .iter()
            .zip(chosen)
            .filter(|(_, c)| *c)
            .map(|(s, _)| s.name)
            .collect()
    }

    #[test]
    fn only_and_skip_choose_steps_in_their_order() {
        let chosen = choose(&args(&["--only", "e2e,fmt", "--only=build-mock"])).unwrap();
        assert_eq!(names(chosen.unwrap()), ["fmt", "build-mock", "e2e"]);
        let chosen = choose(&args(&["--skip", "setup", "--skip=e2e"])).unwrap();
        let chosen = names(chosen.unwrap());
        assert_eq!(chosen.len(), super::STEPS.len() - 2);
        assert!(!chosen.contains(&"setup"));
    }

    #[test]
    fn unknown_steps_are_refused() {
        assert!(choose(&args(&["--only", "e2e,lint"])).is_err());
        assert!(choose(&args(&["--frobnicate"])).is_err());
    }
}
