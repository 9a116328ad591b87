//! `cargo xtask bench`: figures to watch, not verdicts: wasm size, domain speed, mock paging.

use std::fs;
use std::hint::black_box;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use invoicing::api::{
    Basis, CandidateStatus, Currency, InvoiceCandidate, NegativeDocument, NegativeKind, TaxRate,
};
use invoicing::{Family, Money, Selection};
use serde_json::json;

use crate::setup;
use crate::util::{
    dist_dir, target_dir, trunk_build_release, wait_for_listening, Cmd, Human, KillOnDrop, Result,
};

/// How many families the domain and mock figures use.
const FAMILIES: usize = 100_000;
/// The contract's largest page.
const PAGE: usize = 1000;

pub fn usage() -> &'static str {
    "cargo xtask bench [--skip wasm,domain,mock]"
}

pub fn run(args: &[String]) -> Result {
    let skip = skipped(args)?;
    let mut failures = Vec::new();
    let mut part = |name: &str, run: fn() -> Result| {
        if skip.iter().any(|s| s == name) {
            return;
        }
        println!("\n==> bench {name}");
        if let Err(e) = run() {
            println!("==> bench {name} could not run: {e}");
            failures.push(name.to_string());
        }
    };
    part("wasm", wasm_size);
    part("domain", domain_release);
    part("mock", mock_paging);
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("no figures for: {}", failures.join(", ")))
    }
}

fn skipped(args: &[String]) -> Result<Vec<String>> {
    let mut skip = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--skip" => args.next().cloned(),
            other => other.strip_prefix("--skip=").map(str::to_string),
        };
        let value = value.ok_or_else(|| format!("unknown argument {arg:?}\n{}", usage()))?;
        for name in value.split(',') {
            if !["wasm", "domain", "mock"].contains(&name) {
                return Err(format!("there is no bench part {name:?}\n{}", usage()));
            }
            skip.push(name.to_string());
        }
    }
    Ok(skip)
}

/// (1) The size a browser downloads: the release wasm, raw and after `gzip -9`.
fn wasm_size() -> Result {
    setup::run()?;
    trunk_build_release()?;
    let dist = dist_dir();
    let mut wasm: Vec<PathBuf> = fs::read_dir(&dist)
        .map_err(|e| format!("cannot read {}: {e}", dist.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "wasm"))
        .collect();
    wasm.sort();
    if wasm.is_empty() {
        return Err(format!("{} holds no .wasm file", dist.display()));
    }
    println!("\nrelease wasm (trunk build --release, wasm-opt from Trunk.toml/index.html):");
    for path in wasm {
        let raw = fs::metadata(&path).map_err(|e| e.to_string())?.len();
        let gzipped = gzip_size(&path)?;
        println!(
            "  {:<40} {:>9} bytes ({:.1} KiB) raw, {:>9} bytes ({:.1} KiB) gzip -9",
            path.file_name().unwrap_or_default().to_string_lossy(),
            raw,
            raw as f64 / 1024.0,
            gzipped,
            gzipped as f64 / 1024.0
        );
    }
    Ok(())
}

fn gzip_size(path: &Path) -> Result<usize> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("cannot start gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip failed: {}", out.status));
    }
    Ok(out.stdout.len())
}

/// (2) Runs [`domain`] in a release build of the xtask itself, so the figures are optimised code.
fn domain_release() -> Result {
    Cmd::cargo()
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "bench-domain",
        ])
        .run()
}

/// The domain figures, printed by the release build (`cargo xtask bench-domain`).
pub fn domain(args: &[String]) -> Result {
    if !args.is_empty() {
        return Err("bench-domain takes no arguments".into());
    }
    if cfg!(debug_assertions) {
        println!("(debug build: these figures are not representative; use `cargo xtask bench`)");
    }
    let candidates = candidates(FAMILIES);
    let with_negatives = candidates
        .iter()
        .filter(|c| !c.negatives.is_empty())
        .count();

    let started = Instant::now();
    let families: Vec<Family> = candidates
        .into_iter()
        .map(|c| Family::from_candidate(c).expect("generated families keep the contract"))
        .collect();
    let build = started.elapsed();

    let mut selection = Selection::new();
    let started = Instant::now();
    for family in &families {
        black_box(selection.toggle(black_box(family)).expect("checkable"));
    }
    let check = started.elapsed();
    let checked = selection.totals();
    let started = Instant::now();
    for family in &families {
        black_box(selection.toggle(black_box(family)).expect("checkable"));
    }
    let uncheck = started.elapsed();
    if checked.count != FAMILIES || !selection.is_empty() {
        return Err("the selection did not hold every family, then none".into());
    }
    let per = |d: Duration| d.as_nanos() as f64 / FAMILIES as f64;
    println!("domain crate, {FAMILIES} families ({with_negatives} with negatives):");
    println!(
        "  Family::from_candidate for all  {:>10}  {:>7.0} ns per family",
        Human(build).to_string(),
        per(build)
    );
    println!(
        "  check each (Selection::toggle)  {:>10}  {:>7.0} ns per toggle",
        Human(check).to_string(),
        per(check)
    );
    println!(
        "  uncheck each (toggle again)     {:>10}  {:>7.0} ns per toggle",
        Human(uncheck).to_string(),
        per(uncheck)
    );
    println!(
        "  all checked: net {}, positive {}, negative {}",
        checked.net().format_cny(),
        checked.positive.format_cny(),
        checked.negative.format_cny()
    );
    Ok(())
}

/// `n` order families of one account and two entities; every third has negatives, all checkable.
fn candidates(n: usize) -> Vec<InvoiceCandidate> {
    let rate = |r: &str| TaxRate::try_from(r.to_string()).expect("a valid tax rate");
    (0..n)
        .map(|i| {
            let id = format!("cand-{i:07}");
            let total = Money::from_cents(10_000 + (i as i64 * 7_919) % 900_000);
            let negatives: Vec<NegativeDocument> = (0..[0, 1, 2][i % 3])
                .map(|k| NegativeDocument {
                    id: format!("neg-{i:07}-{k}"),
                    original_id: id.clone(),
                    kind: [NegativeKind::Refund, NegativeKind::AllocationReduction][k],
                    business_id: format!("RF{:012}", i * 2 + k),
                    business_time: "2026-10-30T12:00:00+08:00".into(),
                    amount: Money::from_cents(-(1_000 + (i as i64 * 31) % 3_000)),
                })
                .collect();
            let negative: Money = negatives.iter().map(|n| n.amount).sum();
            let day = 1 + i % 28;
            InvoiceCandidate {
                basis: Basis::Order,
                account_id: "1000000000000001".into(),
                account_name: "bench".into(),
                business_id: format!("2{:014}", i),
                billing_cycle: "2026-10".into(),
                business_time: format!("2026-10-{day:02}T{:02}:{:02}:00+08:00", i % 24, i % 60),
                product_code: "ecs".into(),
                product_name: "ECS".into(),
                issuer_id: ["CLOUD_SERVICE", "COMM_SERVICE"][i % 2].into(),
                tax_rate: rate("0.06"),
                currency: Currency::Cny,
                status: CandidateStatus::Invoiceable,
                not_invoiceable_reason_code: None,
                not_invoiceable_reason: None,
                total_amount: total,
                invoiced_amount: Money::ZERO,
                invoiceable_amount: total,
                net_amount: total + negative,
                negatives,
                id,
            }
        })
        .collect()
}

/// (3) How long the mock takes to answer every page of 100,000 families, 1,000 per page.
fn mock_paging() -> Result {
    Cmd::cargo()
        .args(["build", "--release", "-p", "invoicing-mock"])
        .run()?;
    let dir = target_dir()?.join("xtask-bench");
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let data = dir.join(format!("families-{FAMILIES}.json"));
    let fixture = json!({
        "profile": {
            "accountId": "1000000000000001",
            "accountName": "bench",
            "realName": "enterprise",
            "role": "owner",
            "enterprise": null
        },
        "accounts": [{ "id": "1000000000000001", "name": "bench", "arrears": [] }],
        "issuers": [
            { "id": "CLOUD_SERVICE", "name": "Cloud Computing Co., Ltd.", "taxRates": ["0.06"] },
            { "id": "COMM_SERVICE", "name": "Cloud Communication Co., Ltd.", "taxRates": ["0.06"] }
        ],
        "titles": [],
        "addresses": [],
        "candidates": candidates(FAMILIES),
        "records": []
    });
    let bytes = serde_json::to_vec(&fixture).map_err(|e| e.to_string())?;
    fs::write(&data, &bytes).map_err(|e| format!("cannot write {}: {e}", data.display()))?;

    let mock = target_dir()?.join("release").join("invoicing-mock");
    let started = Instant::now();
    let mut child = KillOnDrop(
        Cmd::new(&mock)
            .arg("--data")
            .arg(&data)
            .args(["--port", "0"])
            .spawn_piped()?,
    );
    let url = wait_for_listening(&mut child.0, Duration::from_secs(120), false)?;
    let load = started.elapsed();
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();

    // Any path outside the API hands out the session cookie.
    let cookie = get(&host, "/", None)?
        .cookie
        .ok_or("the mock set no cookie")?;
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    let mut families = 0;
    let mut slowest = Duration::ZERO;
    let started = Instant::now();
    loop {
        let mut path = format!("/api/v1/invoice-candidates?basis=order&limit={PAGE}");
        if let Some(c) = &cursor {
            path.push_str("&cursor=");
            path.push_str(&percent_encode(c));
        }
        let page_started = Instant::now();
        let answer = get(&host, &path, Some(&cookie))?;
        slowest = slowest.max(page_started.elapsed());
        if answer.status != 200 {
            return Err(format!("{path} answered {}", answer.status));
        }
        let page: serde_json::Value =
            serde_json::from_slice(&answer.body).map_err(|e| format!("{path}: {e}"))?;
        pages += 1;
        families += page["items"].as_array().map_or(0, Vec::len);
        match page["nextCursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    let paging = started.elapsed();
    if families != FAMILIES {
        return Err(format!("paged through {families} families, not {FAMILIES}"));
    }
    println!(
        "mock (release), {FAMILIES} families, {} MB fixture:",
        bytes.len() / 1_000_000
    );
    println!(
        "  start and load the fixture     {:>10}",
        Human(load).to_string()
    );
    println!(
        "  all {pages} pages of {PAGE}         {:>10}  {:.1} ms per page, slowest {}",
        Human(paging).to_string(),
        paging.as_secs_f64() * 1000.0 / pages as f64,
        Human(slowest)
    );
    Ok(())
}

struct Answer {
    status: u16,
    cookie: Option<String>,
    body: Vec<u8>,
}

/// A plain HTTP/1.1 GET on a fresh connection; enough for a loopback mock.
fn get(host: &str, path: &str, cookie: Option<&str>) -> Result<Answer> {
    let mut stream = TcpStream::connect(host).map_err(|e| format!("connect {host}: {e}"))?;
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        request.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    request.push_str("Accept: application/json\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("an HTTP answer without headers")?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or("an HTTP answer without a status")?;
    let mut cookie = None;
    let mut chunked = false;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("set-cookie") {
            let pair = value.split(';').next().unwrap_or("").to_string();
            cookie = Some(match cookie {
                Some(before) => format!("{before}; {pair}"),
                None => pair,
            });
        } else if name.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked") {
            chunked = true;
        }
    }
    if chunked {
        body = dechunk(&body)?;
    }
    Ok(Answer {
        status,
        cookie,
        body,
    })
}

fn dechunk(mut raw: &[u8]) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = raw
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("a broken chunk")?;
        let size = std::str::from_utf8(&raw[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .ok_or("a broken chunk size")?;
        if size == 0 {
            return Ok(body);
        }
        let data = raw.get(end + 2..end + 2 + size).ok_or("a short chunk")?;
        body.extend_from_slice(data);
        raw = raw.get(end + 4 + size..).ok_or("a short chunk")?;
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{candidates, dechunk, percent_encode};
    use invoicing::{Family, Selection};

    #[test]
    fn generated_families_keep_the_contract_and_are_checkable() {
        let mut selection = Selection::new();
        for candidate in candidates(300) {
            let family = Family::from_candidate(candidate).unwrap();
            assert!(selection.check(&family).unwrap());
        }
        assert_eq!(selection.totals().count, 300);
    }

    #[test]
    fn chunked_bodies_and_cursors_survive_the_tiny_http_client() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(percent_encode("a+b/c=="), "a%2Bb%2Fc%3D%3D");
    }
}
