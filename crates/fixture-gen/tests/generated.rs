//! The generated fixtures keep the contract: the domain accepts every family, the mock's loader
//! and the fixture schema accept the file, and the same size and seed give the same bytes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use invoicing::api::CandidateStatus;
use invoicing::{Checkability, Family, Money};
use invoicing_fixture_gen::{fixture, generate, Fixture};
use serde_json::Value;

fn temp_file(name: &str, fixture: &Fixture) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fixture-gen-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    fixture.write(&path).unwrap();
    path
}

#[test]
fn the_same_size_and_seed_give_the_same_bytes_and_another_seed_other_ones() {
    let a = generate(500, 7).to_json();
    assert_eq!(a, generate(500, 7).to_json());
    assert_ne!(a, generate(500, 8).to_json());
    // What `write` puts in a file is `to_json`, and `fixture` is the same document.
    let path = temp_file("same.json", &generate(500, 7));
    assert_eq!(std::fs::read(&path).unwrap(), a);
    assert_eq!(
        serde_json::from_slice::<Value>(&a).unwrap(),
        fixture(500, 7)
    );
}

#[test]
fn a_smaller_fixture_is_the_start_of_a_larger_one() {
    let small = generate(50, 3);
    let large = generate(2_000, 3);
    assert_eq!(small.candidates[..], large.candidates[..50]);
}

#[test]
fn every_family_keeps_the_contract_and_the_list_order_is_the_file_order() {
    let f = generate(20_000, 42);
    assert_eq!(f.candidates.len(), 20_000);
    let mut ids = HashSet::new();
    let (mut with_negatives, mut not_invoiceable, mut zero, mut below, mut partly) =
        (0, 0, 0, 0, 0);
    let mut issuers = HashSet::new();
    let mut rates = HashSet::new();
    let mut accounts = HashSet::new();
    for (i, c) in f.candidates.iter().enumerate() {
        let family = Family::from_candidate(c.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert!(ids.insert(c.id.clone()), "{} twice", c.id);
        for n in &c.negatives {
            assert!(ids.insert(n.id.clone()), "{} twice", n.id);
            assert!(
                n.business_time > c.business_time,
                "{} before its original",
                n.id
            );
        }
        assert!(
            c.invoiceable_amount.is_positive(),
            "{} would not be listed",
            c.id
        );
        assert!(-family.negative_amount() <= c.total_amount);
        assert_eq!(&c.business_time[..7], c.billing_cycle);
        if i > 0 {
            let before = &f.candidates[i - 1];
            // Same offset everywhere, so the strings order as the times do.
            assert!(
                before.business_time > c.business_time
                    || (before.business_time == c.business_time && before.id < c.id),
                "{} is listed after {}",
                c.id,
                before.id
            );
        }
        with_negatives += usize::from(!c.negatives.is_empty());
        partly += usize::from(c.invoiced_amount.is_positive());
        not_invoiceable += usize::from(c.status == CandidateStatus::NotInvoiceable);
        match family.checkability() {
            Checkability::NetNotPositive { net } if net.is_zero() => zero += 1,
            Checkability::NetNotPositive { .. } => below += 1,
            _ => {}
        }
        issuers.insert(c.issuer_id.clone());
        rates.insert(c.tax_rate.clone());
        accounts.insert(c.account_id.clone());
    }
    // Every kind of family is there, in about the intended share.
    let share = |n: usize| n * 1000 / f.candidates.len();
    assert!(
        (350..450).contains(&share(with_negatives)),
        "{with_negatives}"
    );
    assert!((80..120).contains(&share(partly)), "{partly}");
    assert!(
        (40..60).contains(&share(not_invoiceable)),
        "{not_invoiceable}"
    );
    assert!((15..25).contains(&share(zero)), "{zero}");
    assert!((5..15).contains(&share(below)), "{below}");
    assert_eq!(issuers.len(), 3);
    assert_eq!(rates.len(), 2);
    assert_eq!(accounts.len(), 4);
}

#[test]
fn the_mock_loads_generated_fixtures_and_lists_them_in_file_order() {
    for families in [0, 10, 1_000] {
        let f = generate(families, 1);
        let path = temp_file(&format!("mock-{families}.json"), &f);
        let data = invoicing_mock::fixture::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let listed: Vec<&str> = data
            .families
            .iter()
            .map(|l| l.family.id().as_str())
            .collect();
        let generated: Vec<&str> = f.candidates.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(listed, generated);
    }
}

#[test]
fn the_fixture_schema_accepts_a_generated_fixture() {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api/fixture.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let value = fixture(1_000, 5);
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .take(10)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn a_family_far_down_the_list_has_known_amounts() {
    let f = generate(5_000, 9);
    let index = (4_000..5_000)
        .find(|&i| {
            f.candidates[i].negatives.len() >= 2 && f.family(i).checkability().is_checkable()
        })
        .expect("a checkable family with negatives");
    let family = f.family(index);
    assert_eq!(f.position(family.id()), Some(index));
    let negatives: Money = family.negatives().iter().map(|n| n.amount).sum();
    assert_eq!(family.net_amount(), family.positive_amount() + negatives);
    let all = f.checkable_sums();
    assert!(all.count > 4_000 && all.count < 5_000);
    assert_eq!(all.net(), all.positive + all.negative);
}
