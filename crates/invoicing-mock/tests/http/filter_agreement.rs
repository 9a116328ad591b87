//! The app filters the families it loaded with the domain's matcher; the mock filters the
//! list it answers with the same matcher. Here the same queries run both ways over real HTTP,
//! and the two must agree family for family, in order (R04).

use invoicing::api::{Basis, CandidateStatus, InvoiceCandidate};
use invoicing::filter::CandidateFilter;
use invoicing::time::parse_rfc3339;
use invoicing::{Families, Family};

use crate::harness::{demo_fixture, ids, Mock};

/// Percent-encodes a query value (everything but unreserved ASCII).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn query(filter: &CandidateFilter) -> String {
    filter
        .query()
        .iter()
        .map(|(k, v)| format!("&{k}={}", encode(v)))
        .collect()
}

/// The filters tried: each one alone over every value the demo data holds, and combinations.
fn filters() -> Vec<CandidateFilter> {
    let fixture = demo_fixture();
    let candidates = fixture["candidates"].as_array().unwrap();
    let values = |field: &str| {
        let mut v: Vec<String> = candidates
            .iter()
            .map(|c| c[field].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let one = |edit: &dyn Fn(&mut CandidateFilter)| {
        let mut f = CandidateFilter::default();
        edit(&mut f);
        f
    };
    let mut all = vec![CandidateFilter::default()];
    for issuer in values("issuerId") {
        all.push(one(&|f| f.issuer_id = Some(issuer.clone())));
    }
    for status in [
        CandidateStatus::Invoiceable,
        CandidateStatus::NotInvoiceable,
    ] {
        all.push(one(&|f| f.status = Some(status)));
    }
    let accounts = values("accountId");
    for account in &accounts {
        all.push(one(&|f| f.account_ids = vec![account.clone()]));
    }
    all.push(one(&|f| f.account_ids = accounts[..2].to_vec()));
    for product in values("productCode") {
        all.push(one(&|f| f.product_code = Some(product.clone())));
    }
    let cycles = values("billingCycle");
    for from in &cycles {
        for to in cycles.iter().filter(|to| *to >= from) {
            all.push(one(&|f| {
                f.billing_cycle_from = Some(from.clone());
                f.billing_cycle_to = Some(to.clone());
            }));
        }
        all.push(one(&|f| f.billing_cycle_from = Some(from.clone())));
    }
    // Numbers of originals and of negatives, parts of them, other cases, no match.
    let negative_numbers: Vec<String> = candidates
        .iter()
        .flat_map(|c| c["negatives"].as_array().unwrap())
        .map(|n| n["businessId"].as_str().unwrap().to_owned())
        .collect();
    let mut texts = vec!["2261".to_owned(), "0000".to_owned(), "no-such".to_owned()];
    texts.extend(negative_numbers.iter().take(3).cloned());
    texts.extend(
        negative_numbers
            .iter()
            .take(3)
            .map(|n| n[..6].to_lowercase()),
    );
    texts.extend(values("businessId").into_iter().take(3));
    for q in texts {
        all.push(one(&|f| f.q = Some(q.clone())));
    }
    let at = |s: &str| parse_rfc3339(s).unwrap();
    all.push(one(&|f| {
        f.business_time_from = Some(at("2026-09-01T00:00:00+08:00"));
        f.business_time_to = Some(at("2026-10-01T00:00:00+08:00"));
    }));
    all.push(one(&|f| {
        f.business_time_to = Some(at("2026-09-15T12:00:00Z"))
    }));
    all.push(one(&|f| {
        f.issuer_id = Some("CLOUD_SERVICE".into());
        f.status = Some(CandidateStatus::Invoiceable);
        f.account_ids = accounts[1..].to_vec();
        f.billing_cycle_from = Some("2026-09".into());
        f.q = Some("26".into());
    }));
    all
}

/// What the app does: load everything of the basis, then filter in the domain.
async fn filtered_in_the_app(
    mock: &Mock,
    basis: Basis,
    filters: &[CandidateFilter],
) -> Vec<Vec<String>> {
    let pages = mock
        .all_pages(&format!("basis={}&limit=1000", basis.as_str()))
        .await;
    let mut families = Families::new();
    families.begin_load();
    for page in pages {
        let items: Vec<InvoiceCandidate> = serde_json::from_value(page["items"].clone()).unwrap();
        families.append_page(
            items
                .into_iter()
                .map(|c| Family::from_candidate(c).unwrap()),
        );
    }
    families.finish_load();
    filters
        .iter()
        .map(|filter| {
            families.set_filter(filter.clone());
            (0..families.len())
                .filter(|&i| families.is_matching(i))
                .map(|i| families.get(i).unwrap().id().to_owned())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn r04_the_app_and_the_backend_filter_alike() {
    let mock = Mock::signed_in().await;
    let filters = filters();
    assert!(filters.len() > 40, "{} filters", filters.len());
    let mut non_trivial = 0;
    for basis in [Basis::Order, Basis::Bill] {
        let app = filtered_in_the_app(&mock, basis, &filters).await;
        for (filter, app_ids) in filters.iter().zip(app) {
            let pages = mock
                .all_pages(&format!(
                    "basis={}&limit=7{}",
                    basis.as_str(),
                    query(filter)
                ))
                .await;
            let backend_ids = ids(&pages);
            assert_eq!(app_ids, backend_ids, "{basis:?} {filter:?}");
            non_trivial += usize::from(!backend_ids.is_empty());
        }
    }
    assert!(
        non_trivial > 30,
        "most queries find something: {non_trivial}"
    );
}
