//! `GET /invoice-candidates`: reading the filters, matching families, cursor paging and the totals over all pages.

use invoicing::api::{
    AccountId, Basis, CandidatePage, CandidateStatus, CandidateTotals, Currency, InvoiceCandidate,
};
use invoicing::filter::CandidateFilter;
use invoicing::Money;

use crate::cursor;
use crate::data::{Data, Listed};
use crate::lang::{written_in, Lang};
use crate::params::{is_id, Params};
use crate::problem::{account_not_visible, invalid_cursor, ApiProblem};
use crate::timestamp::{is_billing_cycle, parse_rfc3339, Instant};

/// The query parameters `GET /invoice-candidates` knows; any other one is refused.
const ALLOWED: [&str; 12] = [
    "basis",
    "issuerId",
    "status",
    "accountId",
    "billingCycleFrom",
    "billingCycleTo",
    "businessTimeFrom",
    "businessTimeTo",
    "productCode",
    "q",
    "cursor",
    "limit",
];

pub const DEFAULT_LIMIT: usize = 200;
pub const MAX_LIMIT: usize = 1000;
const MAX_ACCOUNT_IDS: usize = 500;

/// The filters of one list: the basis, and the domain's [`CandidateFilter`], the one matcher
/// that the app's grid uses too (R04).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    pub basis: Basis,
    /// Normalized: search text lower-cased, accounts sorted.
    pub candidate: CandidateFilter,
}

impl Filters {
    /// Whether a family matches: visible to the caller, of this basis, and matching the filters.
    pub fn matches(&self, listed: &Listed) -> bool {
        listed.visible
            && listed.family.original().basis == self.basis
            && self.candidate.matches(listed)
    }

    /// A canonical text of the filters and `limit`, for the cursor's fingerprint.
    fn canonical(&self, limit: usize) -> String {
        let c = &self.candidate;
        let o = |v: &Option<String>| v.clone().unwrap_or_default();
        let t = |v: &Option<Instant>| v.map(|i| i.to_string()).unwrap_or_default();
        format!(
            "basis={}\nissuerId={}\nstatus={}\naccountId={}\ncycle={}..{}\ntime={}..{}\nproduct={}\nq={}\nlimit={limit}",
            self.basis.as_str(),
            o(&c.issuer_id),
            c.status.map(|s| s.as_str()).unwrap_or_default(),
            c.account_ids.join(","),
            o(&c.billing_cycle_from),
            o(&c.billing_cycle_to),
            t(&c.business_time_from),
            t(&c.business_time_to),
            o(&c.product_code),
            o(&c.q),
        )
    }
}

/// A checked request for one page.
#[derive(Clone, Debug)]
pub struct PageRequest {
    pub filters: Filters,
    pub limit: usize,
    pub cursor: Option<String>,
}

/// Reads the query: `400 VALIDATION_FAILED` for malformed, missing, unknown or repeated
/// parameters and for ranges whose start lies after their end, then `403 ACCOUNT_NOT_VISIBLE`
/// for accounts the caller may not see.
pub fn parse(raw: Option<&str>, lang: Lang, data: &Data) -> Result<PageRequest, ApiProblem> {
    let mut p = Params::parse(raw, lang, &ALLOWED);
    let basis = p.enumerated("basis", &[("order", Basis::Order), ("bill", Basis::Bill)]);
    let basis = p.require("basis", basis);
    let issuer_id = read_issuer_id(&mut p, data);
    let status = p.enumerated(
        "status",
        &[
            ("invoiceable", CandidateStatus::Invoiceable),
            ("not_invoiceable", CandidateStatus::NotInvoiceable),
        ],
    );
    let account_ids = read_account_ids(&mut p);
    let billing_cycle_from = cycle(&mut p, "billingCycleFrom");
    let billing_cycle_to = cycle(&mut p, "billingCycleTo");
    let business_time_from = time(&mut p, "businessTimeFrom");
    let business_time_to = time(&mut p, "businessTimeTo");
    p.ordered(
        ("billingCycleFrom", billing_cycle_from.as_ref()),
        ("billingCycleTo", billing_cycle_to.as_ref()),
    );
    p.ordered(
        ("businessTimeFrom", business_time_from.as_ref()),
        ("businessTimeTo", business_time_to.as_ref()),
    );
    let product_code = p.text("productCode", 64);
    let q = p.text("q", 64).map(|q| q.to_lowercase());
    let cursor = p.text("cursor", 512);
    let limit = p.limit(MAX_LIMIT, DEFAULT_LIMIT);
    p.finish()?;
    let basis = basis.expect("required");

    check_visible(lang, data, &account_ids)?;
    Ok(PageRequest {
        filters: Filters {
            basis,
            candidate: CandidateFilter {
                issuer_id,
                status,
                account_ids,
                billing_cycle_from,
                billing_cycle_to,
                business_time_from,
                business_time_to,
                product_code,
                q,
            }
            .normalized(),
        },
        limit,
        cursor,
    })
}

/// The `issuerId` parameter: an id of a known invoicing entity (`INVALID_FORMAT`,
/// `INVALID_VALUE`, `TOO_MANY` otherwise); `None` when absent or refused.
pub(crate) fn read_issuer_id(p: &mut Params, data: &Data) -> Option<String> {
    p.single("issuerId").and_then(|v| {
        if !is_id(&v) {
            p.error(
                "issuerId",
                "INVALID_FORMAT",
                format!("\"{v}\" 不是有效的开票主体编号。"),
                format!("\"{v}\" is not an invoicing entity id."),
            );
            None
        } else if !data.issuers.iter().any(|i| i.id == v) {
            p.error(
                "issuerId",
                "INVALID_VALUE",
                format!("没有编号为 {v} 的开票主体。"),
                format!("There is no invoicing entity {v}."),
            );
            None
        } else {
            Some(v)
        }
    })
}

/// `403 ACCOUNT_NOT_VISIBLE` naming every account the caller may not see (R04).
pub(crate) fn check_visible(
    lang: Lang,
    data: &Data,
    account_ids: &[AccountId],
) -> Result<(), ApiProblem> {
    check_visible_at(lang, data, account_ids, "accountId")
}

/// [`check_visible`] for accounts given at `field` (a parameter or a body's JSON Pointer).
pub(crate) fn check_visible_at(
    lang: Lang,
    data: &Data,
    account_ids: &[AccountId],
    field: &str,
) -> Result<(), ApiProblem> {
    let hidden: Vec<String> = account_ids
        .iter()
        .filter(|a| !data.is_visible(a) || !data.accounts.iter().any(|x| &x.id == *a))
        .cloned()
        .collect();
    if !hidden.is_empty() {
        return Err(account_not_visible(lang, field, &hidden));
    }
    Ok(())
}

pub(crate) fn read_account_ids(p: &mut Params) -> Vec<AccountId> {
    let mut ids: Vec<AccountId> = Vec::new();
    let values = p.all("accountId");
    if values.len() > MAX_ACCOUNT_IDS {
        p.error(
            "accountId",
            "TOO_MANY",
            format!("accountId 最多 {MAX_ACCOUNT_IDS} 个。"),
            format!("At most {MAX_ACCOUNT_IDS} accountId values may be given."),
        );
        return ids;
    }
    for v in values {
        if !is_id(&v) {
            p.error(
                "accountId",
                "INVALID_FORMAT",
                format!("\"{v}\" 不是有效的账号 ID。"),
                format!("\"{v}\" is not an account id."),
            );
        } else if ids.contains(&v) {
            p.error(
                "accountId",
                "DUPLICATE",
                format!("账号 {v} 重复出现。"),
                format!("The account {v} is given more than once."),
            );
        } else {
            ids.push(v);
        }
    }
    ids.sort();
    ids
}

fn cycle(p: &mut Params, name: &str) -> Option<String> {
    let v = p.single(name)?;
    if is_billing_cycle(&v) {
        Some(v)
    } else {
        p.error(
            name,
            "INVALID_FORMAT",
            format!("{name} 应为 YYYY-MM 格式的账期，而不是 \"{v}\"。"),
            format!("{name} must be a billing cycle YYYY-MM, not \"{v}\"."),
        );
        None
    }
}

pub(crate) fn time(p: &mut Params, name: &str) -> Option<Instant> {
    let v = p.single(name)?;
    let parsed = parse_rfc3339(&v);
    if parsed.is_none() {
        p.error(
            name,
            "INVALID_FORMAT",
            format!("{name} 应为带时区的 RFC 3339 时间（如 2026-10-01T00:00:00+08:00，“+” 需编码为 %2B），而不是 \"{v}\"。"),
            format!("{name} must be an RFC 3339 time with an offset such as 2026-10-01T00:00:00+08:00 (encode \"+\" as %2B), not \"{v}\"."),
        );
    }
    parsed
}

/// One page of the families that match, with `totalCount` and `totals` over all pages.
pub fn page(data: &Data, req: &PageRequest, lang: Lang) -> Result<CandidatePage, ApiProblem> {
    let fingerprint = cursor::fingerprint(&req.filters.canonical(req.limit));
    let after = match &req.cursor {
        None => None,
        Some(raw) => {
            Some(cursor::decode(raw, &fingerprint).map_err(|e| invalid_cursor(lang, e.zh, e.en))?)
        }
    };
    let matching: Vec<&Listed> = data
        .families
        .iter()
        .filter(|l| req.filters.matches(l))
        .collect();

    let mut totals = CandidateTotals {
        checkable_count: 0,
        invoiceable_amount: Money::ZERO,
        negative_amount: Money::ZERO,
        net_amount: Money::ZERO,
        currency: Currency::Cny,
    };
    for l in matching
        .iter()
        .filter(|l| l.family.checkability().is_checkable())
    {
        totals.checkable_count += 1;
        totals.invoiceable_amount += l.family.positive_amount();
        totals.negative_amount += l.family.negative_amount();
        totals.net_amount += l.family.net_amount();
    }

    let start = match &after {
        None => 0,
        Some(key) => matching.partition_point(|l| l.key() <= *key),
    };
    let end = (start + req.limit).min(matching.len());
    let on_page = &matching[start..end];
    let next_cursor = match on_page.last() {
        Some(last) if end < matching.len() => Some(cursor::encode(&fingerprint, &last.key())),
        _ => None,
    };
    Ok(CandidatePage {
        items: on_page
            .iter()
            .map(|l| localized(l.family.original(), lang))
            .collect(),
        next_cursor,
        total_count: matching.len() as u64,
        totals,
    })
}

/// The candidate with `notInvoiceableReason` in the request's language when the mock has a
/// translation, else as stored, in the language it was written in (R28).
fn localized(c: &InvoiceCandidate, lang: Lang) -> InvoiceCandidate {
    let mut c = c.clone();
    if let (Some(code), Some(text)) = (&c.not_invoiceable_reason_code, &c.not_invoiceable_reason) {
        if written_in(text) != lang {
            if let Some(translated) = reason_text(code, lang) {
                c.not_invoiceable_reason = Some(translated.to_owned());
            }
        }
    }
    c
}

/// The mock's translations of the reason codes the contract knows; `OTHER`, whose text says
/// more than its code, and codes the contract does not know have none.
fn reason_text(code: &str, lang: Lang) -> Option<&'static str> {
    let (zh, en) = match code {
        "BILL_NOT_FINAL" => (
            "账单尚未出账，出账后可开票。",
            "The bill is not final yet; it can be invoiced once it is finalised.",
        ),
        "BILL_UNDER_ADJUSTMENT" => (
            "账单调账审核中，审核完成后可开票。",
            "A billing adjustment is under review; the bill can be invoiced once the review is complete.",
        ),
        "PAYMENT_NOT_CONFIRMED" => (
            "线下汇款尚未确认到账，确认后可开票。",
            "The offline remittance has not been confirmed yet; it can be invoiced once the payment is confirmed.",
        ),
        "REFUND_IN_PROGRESS" => (
            "该订单有退款申请正在处理，退款完成后可开票。",
            "A refund request for this order is being processed; it can be invoiced once the refund is complete.",
        ),
        "ORDER_UNDER_REVIEW" => (
            "订单正在进行合规审核，审核通过后可开票。",
            "The order is under compliance review; it can be invoiced once the review is passed.",
        ),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}
