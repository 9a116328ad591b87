//! `cargo xtask setup`: installs what building and testing need, skipping what is already there.
//!
//! Nothing comes from outside crates.io and Debian: trunk, wasm-bindgen-cli and wasm-opt are built
//! with `cargo install` into `$CARGO_HOME/bin`, Chromium and chromedriver are Debian packages, and
//! trunk always runs with `--offline` so that it uses these instead of downloading its own.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::util::{cargo_bin, is_root, which, Cmd, Human, Result};

/// trunk 0.22 needs a newer rustc than the machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
/// Debian's chromedriver, which matches Debian's Chromium.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The wasm target of the single-page app.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The binaryen release of wasm-opt when Trunk.toml pins none. Debian's binaryen (108) breaks
/// wasm-bindgen's externref table, so wasm-opt comes from crates.io (`wasm-opt` 0.116 is 116).
const DEFAULT_WASM_OPT: &str = "116";

/// Debian packages and a file each of them installs.
const DEBIAN_PACKAGES: [(&str, &str); 2] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", CHROMEDRIVER),
];

pub fn run() -> Result {
    let started = Instant::now();
    println!(
        "setup: checking tools (cargo-installed tools live in {})",
        cargo_bin().display()
    );
    wasm_target()?;
    cargo_tool(&CargoTool {
        krate: "trunk",
        version: TRUNK_VERSION.to_string(),
        reports: TRUNK_VERSION.to_string(),
        binaries: &["trunk"],
        locked: true,
    })?;
    let wasm_bindgen = wasm_bindgen_version()?;
    cargo_tool(&CargoTool {
        krate: "wasm-bindgen-cli",
        version: wasm_bindgen.clone(),
        reports: wasm_bindgen,
        binaries: &["wasm-bindgen", "wasm-bindgen-test-runner"],
        // Its own lock file pins a crate version the registry no longer serves.
        locked: false,
    })?;
    let binaryen = wasm_opt_version();
    cargo_tool(&CargoTool {
        krate: "wasm-opt",
        // The crate's minor version is binaryen's release: 0.116.x is binaryen 116.
        version: format!("^0.{binaryen}"),
        reports: binaryen,
        binaries: &["wasm-opt"],
        locked: true,
    })?;
    debian_packages()?;
    println!(
        "setup: everything is in place ({})",
        Human(started.elapsed())
    );
    Ok(())
}

fn wasm_target() -> Result {
    let sysroot = Cmd::new("rustc").args(["--print", "sysroot"]).read()?;
    let lib = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(WASM_TARGET);
    if lib.is_dir() {
        println!("  ok       rust target {WASM_TARGET}");
        return Ok(());
    }
    println!("  install  rust target {WASM_TARGET}");
    Cmd::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .run()
}

/// The exact `wasm-bindgen` version of Cargo.lock: the CLI must be the same, or trunk and the
/// test runner refuse the build.
pub fn wasm_bindgen_version() -> Result<String> {
    let path = crate::util::root().join("Cargo.lock");
    let lock =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let versions = locked_versions(&lock, "wasm-bindgen");
    match versions.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err("Cargo.lock has no wasm-bindgen package".into()),
        many => Err(format!(
            "Cargo.lock has several wasm-bindgen versions ({}); keep one",
            many.join(", ")
        )),
    }
}

/// The binaryen release that Trunk.toml pins (`[tools] wasm_opt = "version_116"`): with
/// `--offline`, trunk refuses a wasm-opt on PATH that reports another one.
pub fn wasm_opt_version() -> String {
    let trunk_toml = fs::read_to_string(crate::util::root().join("Trunk.toml")).unwrap_or_default();
    pinned_wasm_opt(&trunk_toml).unwrap_or_else(|| DEFAULT_WASM_OPT.to_string())
}

fn pinned_wasm_opt(trunk_toml: &str) -> Option<String> {
    trunk_toml.lines().find_map(|line| {
        let value = line.trim().strip_prefix("wasm_opt")?.trim_start();
        let value = value.strip_prefix('=')?.trim().trim_matches('"');
        Some(value.strip_prefix("version_").unwrap_or(value).to_string())
    })
}

/// The versions of package `name` in a Cargo.lock.
fn locked_versions(lock: &str, name: &str) -> Vec<String> {
    let mut versions = Vec::new();
    for block in lock.split("[[package]]").skip(1) {
        let field = |key: &str| {
            block.lines().find_map(|line| {
                let rest = line.trim().strip_prefix(key)?.trim_start();
                let value = rest.strip_prefix('=')?.trim();
                Some(value.trim_matches('"').to_string())
            })
        };
        if field("name").as_deref() == Some(name) {
            if let Some(version) = field("version") {
                versions.push(version);
            }
        }
    }
    versions
}

struct CargoTool<'a> {
    krate: &'a str,
    /// What goes after `@` in `cargo install KRATE@VERSION` (a version requirement).
    version: String,
    /// The word `--version` must print, such as `0.21.14` or binaryen's `116`.
    reports: String,
    /// Binaries the crate installs; the first one answers `--version`.
    binaries: &'a [&'a str],
    locked: bool,
}

impl CargoTool<'_> {
    /// Whether `$CARGO_HOME/bin` holds every binary, the first at the wanted version. Only that
    /// folder counts, so that a fresh `CARGO_HOME` gets its own tools.
    fn installed(&self) -> std::result::Result<(), String> {
        let bin = cargo_bin();
        for name in self.binaries {
            if !bin.join(name).is_file() {
                return Err(format!("{} is missing", bin.join(name).display()));
            }
        }
        let main = bin.join(self.binaries[0]);
        let said = Cmd::new(&main).arg("--version").read()?;
        if said.split_whitespace().any(|word| word == self.reports) {
            Ok(())
        } else {
            Err(format!("it says {:?}", said.trim()))
        }
    }
}

fn cargo_tool(tool: &CargoTool) -> Result {
    let what = format!("{}@{}", tool.krate, tool.version);
    if tool.installed().is_ok() {
        println!("  ok       {what}");
        return Ok(());
    }
    if wait_for_other_install(tool.krate) && tool.installed().is_ok() {
        println!("  ok       {what} (installed by the other process)");
        return Ok(());
    }
    let why = tool.installed().err().unwrap_or_default();
    println!("  install  {what} ({why}; this takes minutes)");
    let started = Instant::now();
    let mut cmd = Cmd::cargo().arg("install");
    if tool.locked {
        cmd = cmd.arg("--locked");
    }
    // Replaces another version in the same place.
    cmd = cmd.arg("--force").arg(&what);
    cmd.run()?;
    tool.installed()
        .map_err(|e| format!("{what} was installed, yet {e}"))?;
    println!("  done     {what} in {}", Human(started.elapsed()));
    Ok(())
}

/// Waits while another `cargo install` of the same crate runs (a colleague's terminal, an
/// earlier set-up in the background): two builds of one tool only slow each other down.
/// Returns whether there was one.
fn wait_for_other_install(krate: &str) -> bool {
    let mut waited = false;
    let started = Instant::now();
    while let Some(pid) = other_install(krate) {
        if !waited {
            println!("  wait     another `cargo install {krate}` runs (pid {pid}); waiting for it");
            waited = true;
        }
        if started.elapsed() > Duration::from_secs(30 * 60) {
            println!("  wait     gave up waiting after 30 min");
            break;
        }
        thread::sleep(Duration::from_secs(5));
    }
    waited
}

/// The pid of a running `cargo install … KRATE…` other than ours, read from /proc.
fn other_install(krate: &str) -> Option<u32> {
    let me = std::process::id();
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(raw) = fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let args: Vec<String> = raw
            .split(|b| *b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        let is_cargo = args
            .first()
            .is_some_and(|a| Path::new(a).file_name().is_some_and(|f| f == "cargo"));
        let installs = args.iter().any(|a| a == "install");
        let names = args
            .iter()
            .any(|a| a == krate || a.starts_with(&format!("{krate}@")));
        if is_cargo && installs && names {
            return Some(pid);
        }
    }
    None
}

fn debian_packages() -> Result {
    let mut missing = Vec::new();
    for (package, file) in DEBIAN_PACKAGES {
        let status = Cmd::new("dpkg-query")
            .args(["-W", "-f=${Status}", package])
            .read()
            .unwrap_or_default();
        if status.trim() == "install ok installed" && Path::new(file).exists() {
            println!("  ok       debian {package} ({file})");
        } else {
            println!("  install  debian {package}");
            missing.push(package);
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let apt = |args: &[&str]| -> Result {
        let cmd = if is_root() {
            Cmd::new("apt-get")
        } else if which("sudo").is_some() {
            Cmd::new("sudo").args(["-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"])
        } else {
            return Err("installing Debian packages needs root or sudo".into());
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive")
            .args(args)
            .run()
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend(&missing);
    apt(&install)
}

#[cfg(test)]
mod tests {
    use super::{locked_versions, pinned_wasm_opt};

    #[test]
    fn reads_the_wasm_opt_release_that_trunk_toml_pins() {
        let toml = "[build]\ndist = \"dist\"\n\n[tools]\nwasm_opt = \"version_116\"\n";
        assert_eq!(pinned_wasm_opt(toml).as_deref(), Some("116"));
        assert_eq!(pinned_wasm_opt("[build]\n"), None);
    }

    #[test]
    fn finds_the_locked_version_of_one_package_only() {
        let lock = r#"
[[package]]
name = "wasm-bindgen-macro"
version = "0.2.999"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
dependencies = [
 "cfg-if",
]
"#;
        assert_eq!(locked_versions(lock, "wasm-bindgen"), vec!["0.2.130"]);
        assert!(locked_versions(lock, "trunk").is_empty());
    }
}
