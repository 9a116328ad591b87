//! The domain crate's figures for `cargo xtask bench`, run in a release build:
//! `cargo run --release -p invoicing-fixture-gen --example domain_bench -- FAMILIES SEED`.
//! Prints one JSON line.

use std::hint::black_box;
use std::time::{Duration, Instant};

use invoicing::{Family, Selection};
use invoicing_fixture_gen::generate;
use serde_json::json;

fn main() {
    let mut args = std::env::args().skip(1);
    let families: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let candidates = generate(families, seed).candidates;

    let started = Instant::now();
    let families: Vec<Family> = candidates
        .into_iter()
        .map(|c| Family::from_candidate(c).expect("generated families keep the contract"))
        .collect();
    let build = started.elapsed();
    let checkable: Vec<&Family> = families
        .iter()
        .filter(|f| f.checkability().is_checkable())
        .collect();

    let mut selection = Selection::new();
    let started = Instant::now();
    for family in &checkable {
        black_box(selection.check(black_box(family)).expect("checkable"));
    }
    let check = started.elapsed();
    let net = selection.totals().net();
    let started = Instant::now();
    for family in &checkable {
        black_box(selection.uncheck(black_box(family.id())));
    }
    let uncheck = started.elapsed();
    assert!(selection.is_empty(), "every family was unchecked");

    let per = |d: Duration, n: usize| d.as_nanos() as u64 / n.max(1) as u64;
    println!(
        "{}",
        json!({
            "bench": "domain",
            "families": families.len(),
            "checkable": checkable.len(),
            "from_candidate_ns_per_family": per(build, families.len()),
            "check_ns_per_family": per(check, checkable.len()),
            "uncheck_ns_per_family": per(uncheck, checkable.len()),
            "all_checked_net": net.to_contract_string(),
        })
    );
}
