//! `cargo xtask setup`: installs what building and testing need, skipping what is already there.
//!
//! Nothing comes from outside crates.io, npm and Debian: trunk, wasm-bindgen-cli and geckodriver
//! are built with `cargo install` into `$CARGO_HOME/bin`; wasm-opt is binaryen's WebAssembly
//! build from the npm registry, run by Node.js and linked into `$CARGO_HOME/bin`; Chromium,
//! chromedriver, Firefox ESR, a CJK font (and Node.js when it is missing) are Debian packages.
//! trunk always runs with `--offline`, so that it uses these instead of downloading its own.
//!
//! The Debian packages and binaryen are installed while cargo builds, and the cargo builds run
//! side by side: on two cores, each build has long stretches that use one core only.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use crate::util::{cargo_bin, cargo_home, is_root, root, which, Cmd, Human, Result};

/// trunk 0.22 needs a newer rustc than the machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
/// geckodriver from crates.io; it drives Debian's Firefox ESR.
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// Debian's chromedriver, which matches Debian's Chromium.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Debian's Chromium.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's Firefox ESR.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// The wasm target of the single-page app.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The binaryen release of wasm-opt when Trunk.toml pins none. Debian's binaryen (108) breaks
/// wasm-bindgen's externref table; npm's `binaryen` 116.0.0 is binaryen 116.
const DEFAULT_WASM_OPT: &str = "116";

/// Debian packages and a file each of them installs. The app speaks Chinese first: without a
/// CJK font, headless browsers draw its names as empty boxes in failure screenshots.
const DEBIAN_PACKAGES: [(&str, &str); 4] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", CHROMEDRIVER),
    ("firefox-esr", FIREFOX),
    (
        "fonts-wqy-microhei",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    ),
];

/// The axe-core release the end-to-end tests inject to audit every page (npm, pinned).
pub const AXE_CORE_VERSION: &str = "4.11.0";

/// Where `setup` installed axe-core's browser script.
pub fn axe_core_js() -> PathBuf {
    cargo_home()
        .join("axe-core")
        .join(AXE_CORE_VERSION)
        .join("node_modules/axe-core/axe.min.js")
}

/// Where `setup` installed geckodriver.
pub fn geckodriver() -> PathBuf {
    cargo_bin().join("geckodriver")
}

pub fn run() -> Result {
    let started = Instant::now();
    println!(
        "setup: checking tools (they live in {}; logs of installs in {})",
        cargo_bin().display(),
        log_dir().display()
    );
    wasm_target()?;
    let wasm_bindgen = wasm_bindgen_version()?;
    let cargo_tools = vec![
        CargoTool {
            krate: "trunk",
            version: TRUNK_VERSION.to_string(),
            reports: TRUNK_VERSION.to_string(),
            binaries: &["trunk"],
            locked: true,
            // Without TLS (ring, rustls) and the update check against crates.io: trunk here
            // builds offline, serves on loopback and proxies to the mock over plain HTTP.
            features: &["--no-default-features"],
        },
        CargoTool {
            krate: "wasm-bindgen-cli",
            version: wasm_bindgen.clone(),
            reports: wasm_bindgen,
            binaries: &["wasm-bindgen", "wasm-bindgen-test-runner"],
            // Its own lock file pins a crate version the registry no longer serves.
            locked: false,
            features: &[],
        },
        CargoTool {
            krate: "geckodriver",
            version: GECKODRIVER_VERSION.to_string(),
            reports: GECKODRIVER_VERSION.to_string(),
            binaries: &["geckodriver"],
            locked: true,
            features: &[],
        },
    ];
    let binaryen = wasm_opt_version();

    // Debian's packages, then binaryen (npm may need Debian's Node.js), beside the cargo builds:
    // they mostly wait for the network.
    let system = thread::spawn(move || -> Result<Vec<(String, Duration)>> {
        let mut took = Vec::new();
        if let Some(t) = debian_packages()? {
            took.push(("debian packages".to_string(), t));
        }
        if let Some(t) = binaryen_wasm_opt(&binaryen)? {
            took.push((format!("wasm-opt (npm binaryen {binaryen})"), t));
        }
        if let Some(t) = axe_core()? {
            took.push((format!("axe-core {AXE_CORE_VERSION} (npm)"), t));
        }
        if let Some(t) = crate::schemathesis::install(log_dir().join("pip-schemathesis.log"))? {
            took.push((
                format!("schemathesis {} (PyPI)", crate::schemathesis::VERSION),
                t,
            ));
        }
        Ok(took)
    });
    let builds: Vec<_> = cargo_tools
        .into_iter()
        .map(|tool| {
            thread::spawn(move || -> Result<Option<(String, Duration)>> {
                let took = cargo_tool(&tool)?;
                Ok(took.map(|t| (tool.krate.to_string(), t)))
            })
        })
        .collect();

    let mut errors = Vec::new();
    let mut parts = Vec::new();
    for build in builds {
        match build.join() {
            Ok(Ok(took)) => parts.extend(took),
            Ok(Err(e)) => errors.push(e),
            Err(_) => errors.push("a cargo install panicked".to_string()),
        }
    }
    match system.join() {
        Ok(Ok(took)) => parts.extend(took),
        Ok(Err(e)) => errors.push(e),
        Err(_) => errors.push("installing Debian packages or binaryen panicked".to_string()),
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    let parts: Vec<String> = parts
        .iter()
        .map(|(what, took)| format!("{what} {}", Human(*took)))
        .collect();
    let installed = if parts.is_empty() {
        String::new()
    } else {
        format!("; installed: {}", parts.join(", "))
    };
    println!(
        "setup: everything is in place ({}{installed})",
        Human(started.elapsed())
    );
    Ok(())
}

/// Where the output of the installs goes, one file per install; the tail is shown when one fails.
fn log_dir() -> PathBuf {
    root().join("target").join("xtask-setup")
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

/// Whether `program --version` says `word` (such as `0.21.14`, or binaryen's `116`).
fn says_version(program: &Path, word: &str) -> std::result::Result<(), String> {
    let said = Cmd::new(program).arg("--version").read()?;
    if said.split_whitespace().any(|w| w == word) {
        Ok(())
    } else {
        Err(format!("it says {:?}", said.trim()))
    }
}

struct CargoTool<'a> {
    krate: &'a str,
    /// What goes after `@` in `cargo install KRATE@VERSION` (a version requirement).
    version: String,
    /// The word `--version` must print, such as `0.21.14`.
    reports: String,
    /// Binaries the crate installs; the first one answers `--version`.
    binaries: &'a [&'a str],
    locked: bool,
    /// Feature flags for `cargo install`.
    features: &'a [&'a str],
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
        says_version(&bin.join(self.binaries[0]), &self.reports)
    }
}

/// Installs `tool` unless it is there; returns how long the install took, if there was one.
fn cargo_tool(tool: &CargoTool) -> Result<Option<Duration>> {
    let what = format!("{}@{}", tool.krate, tool.version);
    if tool.installed().is_ok() {
        println!("  ok       {what}");
        return Ok(None);
    }
    if wait_for_other_install(tool.krate) && tool.installed().is_ok() {
        println!("  ok       {what} (installed by the other process)");
        return Ok(None);
    }
    let why = tool.installed().err().unwrap_or_default();
    let log = log_dir().join(format!("cargo-install-{}.log", tool.krate));
    println!(
        "  install  {what} ({why}; this takes minutes; log: {})",
        log.display()
    );
    let started = Instant::now();
    let mut cmd = Cmd::cargo().arg("install");
    if tool.locked {
        cmd = cmd.arg("--locked");
    }
    // Replaces another version in the same place.
    cmd = cmd.args(tool.features).arg("--force").arg(&what);
    // These are build tools: how fast they run hardly matters, how long they take to build does.
    // Their release profiles ask for full optimisation and fat LTO in one codegen unit; cargo's
    // configuration (here its environment) overrides the manifest. Unoptimised, wasm-bindgen-cli
    // took half the CPU time to build (85 s instead of 175 s) and its run on the app 0.4 s instead
    // of 0.15 s; overflow checks and debug assertions stay off as in any release build.
    cmd = cmd
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    cmd.run_logged(&log)?;
    tool.installed()
        .map_err(|e| format!("{what} was installed, yet {e}"))?;
    let took = started.elapsed();
    println!("  done     {what} in {}", Human(took));
    Ok(Some(took))
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

/// wasm-opt of binaryen `release` (Trunk.toml's pin): the npm registry's `binaryen` package, a
/// WebAssembly build of binaryen that runs on Node.js, installed once per release under
/// `$CARGO_HOME/binaryen/<release>` and linked as `$CARGO_HOME/bin/wasm-opt`, where trunk finds
/// it on PATH. Building binaryen from source (crates.io's `wasm-opt`) took 12 minutes here; this
/// takes seconds. Returns how long the install took, if there was one.
fn binaryen_wasm_opt(release: &str) -> Result<Option<Duration>> {
    let link = cargo_bin().join("wasm-opt");
    let what = format!("wasm-opt {release} (npm binaryen@{release})");
    if says_version(&link, release).is_ok() {
        println!("  ok       {what}");
        return Ok(None);
    }
    let npm = which("npm").ok_or("npm is missing (Debian's npm installs it)")?;
    println!("  install  {what}");
    let started = Instant::now();
    let prefix = cargo_home().join("binaryen").join(release);
    fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    Cmd::new(npm)
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        // `binaryen@116` is the newest 116.x.y, never a nightly.
        .arg(format!("binaryen@{release}"))
        .run_logged(&log_dir().join("npm-binaryen.log"))?;
    let script = prefix.join("node_modules/binaryen/bin/wasm-opt");
    if !script.is_file() {
        return Err(format!(
            "npm installed binaryen, yet {} is missing",
            script.display()
        ));
    }
    fs::create_dir_all(cargo_bin())
        .map_err(|e| format!("cannot create {}: {e}", cargo_bin().display()))?;
    // Replaces an older link, or a wasm-opt of another release.
    if fs::symlink_metadata(&link).is_ok() {
        fs::remove_file(&link).map_err(|e| format!("cannot remove {}: {e}", link.display()))?;
    }
    std::os::unix::fs::symlink(&script, &link)
        .map_err(|e| format!("cannot link {}: {e}", link.display()))?;
    says_version(&link, release).map_err(|e| format!("{what} was installed, yet {e}"))?;
    let took = started.elapsed();
    println!("  done     {what} in {}", Human(took));
    Ok(Some(took))
}

/// Installs axe-core's browser script from the npm registry at [`AXE_CORE_VERSION`], for the
/// accessibility audit of the end-to-end tests. Returns how long the install took, if there was one.
fn axe_core() -> Result<Option<Duration>> {
    let script = axe_core_js();
    let what = format!("axe-core {AXE_CORE_VERSION} (npm)");
    if script.is_file() {
        println!("  ok       {what}");
        return Ok(None);
    }
    let npm = which("npm").ok_or("npm is missing (Debian's npm installs it)")?;
    println!("  install  {what}");
    let started = Instant::now();
    let prefix = cargo_home().join("axe-core").join(AXE_CORE_VERSION);
    fs::create_dir_all(&prefix).map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
    Cmd::new(npm)
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&prefix)
        .arg(format!("axe-core@{AXE_CORE_VERSION}"))
        .run_logged(&log_dir().join("npm-axe-core.log"))?;
    if !script.is_file() {
        return Err(format!(
            "npm installed axe-core, yet {} is missing",
            script.display()
        ));
    }
    let took = started.elapsed();
    println!("  done     {what} in {}", Human(took));
    Ok(Some(took))
}

/// Installs the Debian packages that are missing, Node.js and npm among them when there is no
/// `node` or `npm` (binaryen's wasm-opt runs on Node.js), and Python's venv when `python3 -m venv`
/// does not work (schemathesis). Returns how long that took, if it did.
fn debian_packages() -> Result<Option<Duration>> {
    let mut wanted: Vec<(&str, &str)> = DEBIAN_PACKAGES.to_vec();
    if which("node").is_none() || which("npm").is_none() {
        wanted.extend([("nodejs", "/usr/bin/node"), ("npm", "/usr/bin/npm")]);
    }
    // schemathesis goes into a venv (`python3 -m venv`), which Debian ships apart from Python.
    let has_venv = Cmd::new("python3")
        .args(["-m", "venv", "--help"])
        .read()
        .is_ok();
    if !has_venv {
        wanted.extend([
            ("python3", "/usr/bin/python3"),
            ("python3-venv", "/usr/share/doc/python3-venv/copyright"),
        ]);
    }
    let mut missing = Vec::new();
    for (package, file) in wanted {
        let status = Cmd::new("dpkg-query")
            .args(["-W", "-f=${Status}", package])
            .read()
            .unwrap_or_default();
        if status.trim() == "install ok installed" && Path::new(file).exists() {
            println!("  ok       debian {package} ({file})");
        } else {
            missing.push(package);
        }
    }
    if missing.is_empty() {
        return Ok(None);
    }
    let log = log_dir().join("apt-get.log");
    println!(
        "  install  debian {} (log: {})",
        missing.join(" "),
        log.display()
    );
    let started = Instant::now();
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
            .run_logged(&log)
    };
    apt(&["update"])?;
    let mut install = vec!["install", "-y"];
    install.extend(&missing);
    apt(&install)?;
    let took = started.elapsed();
    println!("  done     debian {} in {}", missing.join(" "), Human(took));
    Ok(Some(took))
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
