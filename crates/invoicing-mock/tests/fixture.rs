//! The built binary: the `listening on` line, and refusing broken fixtures naming the file, the record and the reason.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_invoicing-mock");

fn demo() -> Value {
    serde_json::from_str(&std::fs::read_to_string(invoicing_mock::default_fixture()).unwrap())
        .unwrap()
}

fn candidate<'a>(f: &'a mut Value, id: &str) -> &'a mut Value {
    f["candidates"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|c| c["id"] == id)
        .unwrap()
}

/// A fixture file of its own for one test, removed at the end.
struct TempFixture(PathBuf);

impl TempFixture {
    fn new(edit: impl FnOnce(&mut Value)) -> TempFixture {
        static N: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "invoicing-mock-fixture-{}-{}.json",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let mut fixture = demo();
        edit(&mut fixture);
        std::fs::write(&path, serde_json::to_vec_pretty(&fixture).unwrap()).unwrap();
        TempFixture(path)
    }
}

impl Drop for TempFixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs the binary on a fixture that must be refused; returns its stderr.
fn refused(path: &Path) -> String {
    let out = Command::new(BIN)
        .args(["--port", "0", "--data"])
        .arg(path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(out.stdout.is_empty(), "it must not claim to listen");
    assert!(
        stderr.contains(&path.display().to_string()),
        "the file is named: {stderr}"
    );
    stderr
}

fn assert_names(stderr: &str, record: &str, reason: &str) {
    assert!(
        stderr
            .lines()
            .any(|l| l.contains(&format!("record {record}: ")) && l.contains(reason)),
        "expected record {record} and \"{reason}\" in:\n{stderr}"
    );
}

#[test]
fn fixture_demo_copy_matches_the_shared_demo() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api/fixtures/demo.json");
    let shared: Value = serde_json::from_str(&std::fs::read_to_string(shared).unwrap()).unwrap();
    assert_eq!(
        demo(),
        shared,
        "crates/invoicing-mock/fixtures/demo.json is out of date"
    );
}

#[test]
fn fixture_binary_prints_the_real_port_when_ready() {
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--latency-ms", "0", "--dist", "/nonexistent"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .strip_prefix("listening on http://127.0.0.1:")
        .and_then(|p| p.strip_suffix('\n'))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
    assert_ne!(port, 0);
    let connected = std::net::TcpStream::connect(("127.0.0.1", port));
    child.kill().unwrap();
    child.wait().unwrap();
    connected.expect("it listens on the printed port");
}

#[test]
fn fixture_net_not_matching_is_refused() {
    let f = TempFixture::new(|f| candidate(f, "cand-0009")["netAmount"] = json!("20737.00"));
    assert_names(
        &refused(&f.0),
        "cand-0009",
        "netAmount 20737.00 is not invoiceableAmount",
    );
}

#[test]
fn fixture_invoiceable_not_total_minus_invoiced_is_refused() {
    let f = TempFixture::new(|f| candidate(f, "cand-0003")["invoicedAmount"] = json!("2000.00"));
    assert_names(&refused(&f.0), "cand-0003", "invoiceableAmount");
}

#[test]
fn fixture_negative_whose_original_is_missing_is_refused() {
    let f = TempFixture::new(|f| {
        candidate(f, "cand-0002")["negatives"][0]["originalId"] = json!("cand-9999")
    });
    assert_names(&refused(&f.0), "cand-0002", "names original cand-9999");
}

#[test]
fn fixture_negative_in_two_families_is_refused() {
    let f = TempFixture::new(|f| {
        let neg = candidate(f, "cand-0002")["negatives"][0].clone();
        let c = candidate(f, "cand-0001");
        let mut neg = neg;
        neg["originalId"] = json!("cand-0001");
        c["negatives"] = json!([neg]);
        c["netAmount"] = json!("11140.00");
    });
    assert_names(&refused(&f.0), "cand-0002", "neg-0001 is also in cand-0001");
}

#[test]
fn fixture_unknown_fields_are_refused_wherever_they_are() {
    let f = TempFixture::new(|f| candidate(f, "cand-0004")["discount"] = json!("1.00"));
    assert_names(&refused(&f.0), "cand-0004", "unknown field `discount`");

    let f = TempFixture::new(|f| candidate(f, "cand-0004")["negatives"][0]["note"] = json!("x"));
    assert_names(
        &refused(&f.0),
        "cand-0004",
        "unknown field `negatives[0] (neg-0002).note`",
    );

    let f = TempFixture::new(|f| f["records"][0]["lines"][0]["tax"] = json!("0.06"));
    assert_names(&refused(&f.0), "inv-20260915-0001", "unknown field `tax`");

    let f = TempFixture::new(|f| f["profile"]["email"] = json!("a@b.example"));
    assert_names(&refused(&f.0), "profile", "unknown field `email`");

    let f = TempFixture::new(|f| f["invoices"] = json!([]));
    assert!(refused(&f.0).contains("unknown field `invoices`"));
}

#[test]
fn fixture_missing_nullable_field_is_refused() {
    let f = TempFixture::new(|f| {
        candidate(f, "cand-0001")
            .as_object_mut()
            .unwrap()
            .remove("notInvoiceableReason");
    });
    assert_names(
        &refused(&f.0),
        "cand-0001",
        "missing field `notInvoiceableReason`",
    );
}

#[test]
fn fixture_malformed_money_and_times_name_their_record() {
    let f = TempFixture::new(|f| {
        // A JSON number, as a careless fixture would write it.
        candidate(f, "cand-0010")["totalAmount"] = serde_json::from_str("960.00").unwrap()
    });
    assert_names(&refused(&f.0), "cand-0010", "invalid type");

    let f = TempFixture::new(|f| candidate(f, "cand-0010")["totalAmount"] = json!("960.5"));
    assert_names(&refused(&f.0), "cand-0010", "960.5");

    let f =
        TempFixture::new(|f| candidate(f, "cand-0010")["businessTime"] = json!("2026-09-06 15:36"));
    assert_names(&refused(&f.0), "cand-0010", "businessTime");
}

#[test]
fn fixture_references_must_exist() {
    let f = TempFixture::new(|f| candidate(f, "cand-0005")["issuerId"] = json!("NOBODY"));
    assert_names(
        &refused(&f.0),
        "cand-0005",
        "issuerId NOBODY is not in issuers",
    );

    let f = TempFixture::new(|f| candidate(f, "cand-0005")["taxRate"] = json!("0.09"));
    assert_names(&refused(&f.0), "cand-0005", "taxRate 0.09");

    let f =
        TempFixture::new(|f| candidate(f, "cand-0005")["accountId"] = json!("1000000000000000"));
    assert_names(
        &refused(&f.0),
        "cand-0005",
        "accountId 1000000000000000 is not in accounts",
    );
}

#[test]
fn fixture_record_lines_must_add_up_and_keep_their_originals() {
    let f = TempFixture::new(|f| f["records"][0]["amount"] = json!("9861.00"));
    assert_names(
        &refused(&f.0),
        "inv-20260915-0001",
        "not the sum of its lines 9860.00",
    );

    let f = TempFixture::new(|f| f["records"][0]["lines"][2]["originalId"] = json!("cand-0999"));
    assert_names(
        &refused(&f.0),
        "inv-20260915-0001",
        "not a line of the same invoice",
    );

    let f = TempFixture::new(|f| f["records"][0]["status"] = json!("pending"));
    assert_names(
        &refused(&f.0),
        "inv-20260915-0001",
        "invoiceNumber and issuedAt",
    );
}

#[test]
fn fixture_not_json_or_missing_file_is_refused() {
    let path =
        std::env::temp_dir().join(format!("invoicing-mock-broken-{}.json", std::process::id()));
    std::fs::write(&path, "{\"profile\": ").unwrap();
    assert!(refused(&path).contains("not valid JSON"));
    std::fs::remove_file(&path).unwrap();
    assert!(refused(&path).contains("cannot read"));
}

#[test]
fn cli_bad_arguments_exit_2_with_usage() {
    for args in [
        &["--port", "x"][..],
        &["--nope"],
        &["--fail-first"],
        &["--expire-cursors", "-1"],
        &["--page-latency-ms", "1.5"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("usage: invoicing-mock"));
    }
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    let help = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--fail-first N",
        "--latency-ms N",
        "--page-latency-ms N",
        "--expire-cursors N",
    ] {
        assert!(help.contains(flag), "{flag} in {help}");
    }
}
