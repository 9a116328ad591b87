//! `cargo xtask fixture`: writes a valid, deterministic fixture of any size for the mock.

use std::path::{Path, PathBuf};
use std::time::Instant;

use invoicing::api::CandidateStatus;
use invoicing_fixture_gen::{generate, Fixture};

use crate::util::{target_dir, Human, Result};

/// The seed when none is given.
pub const DEFAULT_SEED: u64 = 1;

pub fn usage() -> &'static str {
    "cargo xtask fixture --families N [--seed S] [--out PATH]
           N order families (negatives, not invoiceable, zero and negative net, 3 entities,
           2 tax rates, 4 accounts); the same N and S give the same bytes (S defaults to 1);
           PATH defaults to target/fixtures/families-N-seed-S.json"
}

pub fn run(args: &[String]) -> Result {
    let mut families = None;
    let mut seed = DEFAULT_SEED;
    let mut out = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))
        };
        match flag {
            "--families" => families = Some(count(&value()?)? as usize),
            "--seed" => seed = count(&value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument {arg:?}\n{}", usage())),
        }
    }
    let families = families.ok_or_else(|| format!("--families is needed\n{}", usage()))?;
    let out = match out {
        Some(path) => path,
        None => default_path(families, seed)?,
    };
    let started = Instant::now();
    let fixture = write(families, seed, &out)?;
    println!(
        "wrote {} in {}: {}",
        out.display(),
        Human(started.elapsed()),
        describe(&fixture)
    );
    Ok(())
}

/// `target/fixtures/families-N-seed-S.json`.
pub fn default_path(families: usize, seed: u64) -> Result<PathBuf> {
    Ok(target_dir()?
        .join("fixtures")
        .join(format!("families-{families}-seed-{seed}.json")))
}

/// Generates the fixture and writes it to `path` (its folder is created).
pub fn write(families: usize, seed: u64, path: &Path) -> Result<Fixture> {
    let fixture = generate(families, seed);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    fixture
        .write(path)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(fixture)
}

/// What is in it, in one line.
pub fn describe(fixture: &Fixture) -> String {
    let c = &fixture.candidates;
    let negatives: usize = c.iter().map(|c| c.negatives.len()).sum();
    let with_negatives = c.iter().filter(|c| !c.negatives.is_empty()).count();
    let not_invoiceable = c
        .iter()
        .filter(|c| c.status == CandidateStatus::NotInvoiceable)
        .count();
    let zero = c.iter().filter(|c| c.net_amount.is_zero()).count();
    let below = c.iter().filter(|c| c.net_amount.is_negative()).count();
    let sums = fixture.checkable_sums();
    format!(
        "{} families ({with_negatives} with {negatives} negatives, {not_invoiceable} not \
         invoiceable, {zero} net zero, {below} net below zero); {} checkable, net {}",
        c.len(),
        sums.count,
        sums.net().format_cny()
    )
}

/// A whole number; `_` and `,` may group digits (`100_000`, `100,000`).
fn count(text: &str) -> Result<u64> {
    text.replace(['_', ','], "")
        .parse()
        .map_err(|_| format!("{text:?} is not a whole number"))
}
