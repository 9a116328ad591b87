//! The `schemathesis` step of `cargo xtask test`: the mock against the contract
//! (`../shared/api/openapi.yaml`), tested by schemathesis from PyPI.
//!
//! [`install`] (called by `setup`) puts schemathesis [`VERSION`] into a venv under
//! `$CARGO_HOME/schemathesis/<version>` (`python3 -m venv`, then `pip install`), once. [`run`]
//! starts the built mock (`target/debug/invoicing-mock`, a free port, the demo fixture,
//! `--admin`), signs in (`GET /__mock/sign-in` sets the `uc_session` cookie, `GET /profile` gives
//! the CSRF token) and runs `st run` with every check, bounded examples and a fixed seed, signed
//! in through the contract's two security schemes (`sessionCookie`, `csrfToken`) so that it also
//! tries requests without them. Its output and `.hypothesis` folder stay under
//! `target/schemathesis/`.
//!
//! `positive_data_acceptance` ("a schema-valid request is accepted") is told that some operations
//! may refuse schema-valid requests, for reasons the schema cannot express: ids that name nothing
//! in the data (`issuerId`, `accountId`, `candidateIds`, titles, addresses: `400 INVALID_VALUE`
//! or `422 CANDIDATE_NOT_FOUND` … as the contract says), opaque cursors (`400 INVALID_CURSOR`),
//! a range whose start lies after its end (`400`, the contract's change of 2026-11-26), and a key
//! reused with another body (`422 IDEMPOTENCY_KEY_REUSED`). Every other check is as shipped.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{
    cargo_home, root, target_dir, wait_for_listening, Cmd, Human, KillOnDrop, Result,
};

/// The schemathesis release installed from PyPI (pinned).
pub const VERSION: &str = "4.32.5";

/// Examples per operation and phase; the whole run takes well under a minute on two cores.
/// (Not `--max-time`: with it, fuzzing and stateful testing repeat until the time is spent.)
const MAX_EXAMPLES: &str = "50";
/// A fixed seed, so that a run that passed passes again.
const SEED: &str = "1";

/// The venv schemathesis is installed into.
pub fn venv() -> PathBuf {
    cargo_home().join("schemathesis").join(VERSION)
}

/// Its command.
fn st() -> PathBuf {
    venv().join("bin").join("st")
}

/// Whether the venv has schemathesis at [`VERSION`].
fn installed() -> bool {
    Cmd::new(st())
        .arg("--version")
        .read()
        .is_ok_and(|out| out.split_whitespace().any(|w| w == VERSION))
}

/// Installs schemathesis into [`venv`] unless it is there; how long that took, if it did.
pub fn install(log: PathBuf) -> Result<Option<Duration>> {
    let what = format!("schemathesis {VERSION} (PyPI)");
    if installed() {
        println!("  ok       {what}");
        return Ok(None);
    }
    println!("  install  {what}");
    let started = Instant::now();
    let venv = venv();
    if venv.exists() {
        // A half-made venv of an interrupted install.
        fs::remove_dir_all(&venv).map_err(|e| format!("cannot remove {}: {e}", venv.display()))?;
    }
    Cmd::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .run_logged(&log)
        .map_err(|e| {
            format!("{e}\n(python3 with its venv module is needed: Debian's python3-venv)")
        })?;
    Cmd::new(venv.join("bin").join("pip"))
        .args(["install", "--disable-pip-version-check", "--quiet"])
        .arg(format!("schemathesis=={VERSION}"))
        .run_logged(&log)?;
    if !installed() {
        return Err(format!(
            "pip installed {what}, yet `{}` does not run",
            st().display()
        ));
    }
    let took = started.elapsed();
    println!("  done     {what} in {}", Human(took));
    Ok(Some(took))
}

/// The configuration: both security schemes (values from the environment) and the operations
/// whose schema-valid requests the data may refuse (see the module's doc).
const CONFIG: &str = r#"# Written by `cargo xtask test` (xtask/src/schemathesis.rs).
[auth.openapi.sessionCookie]
api_key = "${ST_SESSION}"

[auth.openapi.csrfToken]
api_key = "${ST_CSRF}"

# Ids that name nothing in the data, opaque cursors and reversed ranges: 400.
[[operations]]
include-name = ["GET /invoice-candidates", "GET /invoiceable-balance", "GET /invoice-records", "GET /invoice-records/export"]
checks.positive_data_acceptance.expected-statuses = ["2XX", "400", "401", "403", "404", "409", "429", "5XX"]

# Unknown ids in the body (400), the draft's rules and a reused key (422).
[[operations]]
include-name = ["POST /invoice-applications/preview", "POST /invoice-applications"]
checks.positive_data_acceptance.expected-statuses = ["2XX", "400", "401", "403", "404", "409", "422", "429", "5XX"]
"#;

/// The step: the built mock against the contract; fails on any schemathesis failure.
pub fn run() -> Result {
    let mock = target_dir()?.join("debug").join("invoicing-mock");
    if !mock.is_file() {
        return Err(format!(
            "{} is missing: run the build-mock step first (--only build-mock,schemathesis)",
            mock.display()
        ));
    }
    if !installed() {
        return Err(format!(
            "schemathesis {VERSION} is missing from {}: run `cargo xtask setup`",
            venv().display()
        ));
    }
    let contract = root().join("../shared/api/openapi.yaml");
    if !contract.is_file() {
        return Err(format!("the contract {} is missing", contract.display()));
    }
    let work = target_dir()?.join("schemathesis");
    fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let config = work.join("schemathesis.toml");
    fs::write(&config, CONFIG).map_err(|e| format!("cannot write {}: {e}", config.display()))?;

    let fixture = root().join("crates/invoicing-mock/fixtures/demo.json");
    let child = Cmd::new(&mock)
        .args(["--port", "0", "--admin", "--data"])
        .arg(&fixture)
        .spawn_piped()?;
    let mut child = KillOnDrop(child);
    let url = wait_for_listening(&mut child.0, Duration::from_secs(30), false)?;
    let (session, csrf) = sign_in(&url)?;

    let api = format!("{url}/api/v1");
    let args = [
        "--checks",
        "all",
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        SEED,
        // One worker: with two, Python 3.11 before 3.11.8 can fail inside Hypothesis with
        // "AST constructor recursion depth mismatch" (ast.parse in two threads, CPython gh-106905).
        "--workers",
        "1",
        "--request-timeout",
        "10",
    ];
    println!(
        "$ st --config-file {} run {} --url {api} {}",
        config.display(),
        contract.display(),
        args.join(" ")
    );
    // In `work`, where its `.hypothesis` folder may stay.
    let status = Command::new(st())
        .arg("--config-file")
        .arg(&config)
        .arg("run")
        .arg(&contract)
        .args(["--url", &api])
        .args(args)
        .env("ST_SESSION", session)
        .env("ST_CSRF", csrf)
        .current_dir(&work)
        .status()
        .map_err(|e| format!("cannot start {}: {e}", st().display()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "schemathesis found failures ({status}); see its summary above"
        ))
    }
}

/// A new session's cookie value and its CSRF token.
fn sign_in(url: &str) -> Result<(String, String)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let reply = agent
        .get(&format!("{url}/__mock/sign-in"))
        .call()
        .map_err(|e| format!("GET /__mock/sign-in: {e}"))?;
    let session = reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("uc_session="))
        .and_then(|v| v.split(';').next())
        .filter(|v| !v.is_empty())
        .ok_or("GET /__mock/sign-in set no uc_session cookie")?
        .to_owned();
    let mut profile = agent
        .get(&format!("{url}/api/v1/profile"))
        .header("cookie", &format!("uc_session={session}"))
        .call()
        .map_err(|e| format!("GET /api/v1/profile: {e}"))?;
    let text = profile
        .body_mut()
        .read_to_string()
        .map_err(|e| format!("GET /api/v1/profile: {e}"))?;
    let body: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("GET /api/v1/profile: {e}: {text}"))?;
    let csrf = body["csrfToken"]
        .as_str()
        .ok_or_else(|| format!("GET /api/v1/profile has no csrfToken: {text}"))?
        .to_owned();
    Ok((session, csrf))
}
