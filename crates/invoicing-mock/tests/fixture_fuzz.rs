//! The fixture loader under bad input (issue 10): the demo fixture cut, spliced and with any one
//! value replaced by something wrong. The loader never panics: it loads the file or refuses it
//! with its reasons; the unchanged file always loads; and a file that the contract's
//! `fixture.schema.json` refuses is never loaded (nothing invalid accepted).
//!
//! Each property runs `$BAD_INPUT_CASES / 10` cases (2,000 by default), so one run of the test
//! command tries 4,000 broken fixtures.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("BAD_INPUT_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(2_000, |n| (n / 10).max(1))
}

fn demo_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| std::fs::read_to_string(invoicing_mock::default_fixture()).unwrap())
}

fn demo() -> Value {
    serde_json::from_str(demo_text()).unwrap()
}

/// Every JSON pointer of `v` (objects' members and arrays' items, leaves and inner values).
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

fn all_pointers() -> &'static [String] {
    static ALL: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        pointers(&demo(), String::new(), &mut out);
        out
    })
}

/// Values that break a fixture in every way the schema and the rules can be broken.
fn wrong_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!("")),
        Just(json!("-0.01")),
        Just(json!("0.001")),
        Just(json!("99999999999999999999999999999.99")),
        Just(json!("NaN")),
        Just(json!("2026-13-01T00:00:00+08:00")),
        Just(json!("2026-02-30")),
        Just(json!("<img src=x onerror=alert(1)>")),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
        Just(json!("x".repeat(100_000))),
        "\\PC{0,12}".prop_map(Value::String),
        any::<i64>().prop_map(|n| json!(n)),
    ]
}

/// Whether the contract's `fixture.schema.json` accepts `fixture` (the mock's own compiled copy
/// of it, formats included).
fn schema_accepts(fixture: &Value) -> bool {
    invoicing_mock::fixture_schema::schema_errors(fixture).is_empty()
}

/// Writes `bytes` to a file of its own and runs the loader on it; panics only if the loader does.
fn load(bytes: &[u8]) -> bool {
    static N: AtomicU64 = AtomicU64::new(0);
    let path: PathBuf = std::env::temp_dir().join(format!(
        "invoicing-fixture-fuzz-{}-{}.json",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&path, bytes).unwrap();
    let loaded = invoicing_mock::fixture::load(&path);
    let _ = std::fs::remove_file(&path);
    match loaded {
        Ok(_) => true,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "a refusal says why");
            false
        }
    }
}

#[test]
fn the_unchanged_demo_fixture_loads() {
    assert!(load(demo_text().as_bytes()));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Cut, spliced or with bytes inserted, the file is loaded or refused, never a panic.
    #[test]
    fn a_fixture_cut_or_spliced_anywhere_is_refused_or_loaded_without_a_panic(
        cut in 0usize..48_000,
        len in 0usize..64,
        insert in prop::collection::vec(any::<u8>(), 0..8),
    ) {
        let text = demo_text().as_bytes();
        let at = cut % text.len();
        let end = (at + len).min(text.len());
        let mut broken = text[..at].to_vec();
        broken.extend(&insert);
        broken.extend(&text[end..]);
        let loaded = load(&broken);
        if let Ok(value) = serde_json::from_slice::<Value>(&broken) {
            if !schema_accepts(&value) {
                prop_assert!(!loaded, "a file the schema refuses loaded");
            }
        } else {
            prop_assert!(!loaded, "a file that is not JSON loaded");
        }
    }

    /// Any one value replaced by a wrong one (or removed): loaded or refused, never a panic.
    #[test]
    fn a_fixture_with_any_value_wrong_is_refused_or_loaded_without_a_panic(
        which in any::<prop::sample::Index>(),
        value in wrong_value(),
        remove in any::<bool>(),
    ) {
        let pointer = which.get(all_pointers()).clone();
        let mut fixture = demo();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let key = key.replace("~1", "/").replace("~0", "~");
        match fixture.pointer_mut(parent).unwrap_or(&mut Value::Null) {
            Value::Object(map) if remove => { map.remove(&key); }
            Value::Object(map) => { map.insert(key, value); }
            Value::Array(items) => {
                let i: usize = key.parse().unwrap();
                if remove { items.remove(i); } else { items[i] = value; }
            }
            _ => {}
        }
        let loaded = load(&serde_json::to_vec(&fixture).unwrap());
        if !schema_accepts(&fixture) {
            prop_assert!(!loaded, "{} = {:?} breaks the schema, yet it loaded", pointer, fixture.pointer(&pointer));
        }
    }
}
