//! Whether a family matches the filters of the candidate list (R04), decided here once for the
//! mock's `GET /invoice-candidates` and for the app's grid, so the two can never disagree.
//!
//! All filters combine with AND and look at the family's original document; the search text
//! also finds a family by the number of one of its negative documents. A billing-cycle range
//! includes both ends; a time range includes `from` and excludes `to` (the contract's rules).

use crate::api::{AccountId, CandidateStatus, InvoiceCandidate, IssuerId};
use crate::time::{is_billing_cycle, parse_rfc3339, Instant};

/// What a family must offer to be filtered: its original's fields and every document number.
pub trait Filterable {
    fn issuer_id(&self) -> &str;
    fn status(&self) -> CandidateStatus;
    fn account_id(&self) -> &str;
    /// `YYYY-MM`.
    fn billing_cycle(&self) -> &str;
    /// The original's `businessTime`; `None` only for a malformed time, which no time range
    /// matches.
    fn business_time(&self) -> Option<Instant>;
    fn product_code(&self) -> &str;
    /// The original's number, then each negative document's number.
    fn business_ids(&self) -> impl Iterator<Item = &str>;
}

/// The filters of the candidate list; an empty field does not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CandidateFilter {
    pub issuer_id: Option<IssuerId>,
    pub status: Option<CandidateStatus>,
    /// Only these accounts; empty means every visible account.
    pub account_ids: Vec<AccountId>,
    /// First billing cycle included, `YYYY-MM`.
    pub billing_cycle_from: Option<String>,
    /// Last billing cycle included, `YYYY-MM`.
    pub billing_cycle_to: Option<String>,
    /// Only originals whose `businessTime` is at or after this.
    pub business_time_from: Option<Instant>,
    /// Only originals whose `businessTime` is before this.
    pub business_time_to: Option<Instant>,
    pub product_code: Option<String>,
    /// A case-insensitive part of the order or bill number of the original or of a negative.
    pub q: Option<String>,
}

/// Why a set of filters cannot be applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FilterError {
    #[error("a billing cycle is written YYYY-MM")]
    MalformedCycle,
    #[error("the first billing cycle lies after the last")]
    CyclesReversed,
    #[error("the start time lies after the end time")]
    TimesReversed,
}

impl CandidateFilter {
    /// Whether nothing is filtered.
    pub fn is_empty(&self) -> bool {
        *self == CandidateFilter::default()
    }

    /// The same filters in the form [`CandidateFilter::matches`] reads fastest: the search
    /// text lower-cased, the accounts sorted without repeats, empty texts dropped.
    pub fn normalized(mut self) -> CandidateFilter {
        let keep = |v: Option<String>| v.filter(|s| !s.is_empty());
        self.q = keep(self.q).map(|q| q.to_lowercase());
        self.issuer_id = keep(self.issuer_id);
        self.product_code = keep(self.product_code);
        self.billing_cycle_from = keep(self.billing_cycle_from);
        self.billing_cycle_to = keep(self.billing_cycle_to);
        self.account_ids.sort();
        self.account_ids.dedup();
        self
    }

    /// Refuses what the backend refuses: malformed cycles and ranges whose start lies after
    /// their end.
    pub fn validate(&self) -> Result<(), FilterError> {
        let cycles = [&self.billing_cycle_from, &self.billing_cycle_to];
        if cycles
            .iter()
            .flat_map(|c| c.as_deref())
            .any(|c| !is_billing_cycle(c))
        {
            return Err(FilterError::MalformedCycle);
        }
        if let (Some(from), Some(to)) = (&self.billing_cycle_from, &self.billing_cycle_to) {
            if from > to {
                return Err(FilterError::CyclesReversed);
            }
        }
        if let (Some(from), Some(to)) = (self.business_time_from, self.business_time_to) {
            if from > to {
                return Err(FilterError::TimesReversed);
            }
        }
        Ok(())
    }

    /// Whether `family` matches every filter. A search text with capitals is lower-cased on
    /// each call; use [`CandidateFilter::normalized`] filters for many families.
    pub fn matches(&self, family: &impl Filterable) -> bool {
        let same = |f: &Option<String>, v: &str| f.as_deref().is_none_or(|f| f == v);
        let cycle = family.billing_cycle();
        same(&self.issuer_id, family.issuer_id())
            && self.status.is_none_or(|s| s == family.status())
            && (self.account_ids.is_empty()
                || self.account_ids.iter().any(|a| a == family.account_id()))
            && self
                .billing_cycle_from
                .as_deref()
                .is_none_or(|from| cycle >= from)
            && self
                .billing_cycle_to
                .as_deref()
                .is_none_or(|to| cycle <= to)
            && self.times_match(family)
            && same(&self.product_code, family.product_code())
            && self.q.as_deref().is_none_or(|q| {
                let lower;
                let q = if q.chars().any(char::is_uppercase) {
                    lower = q.to_lowercase();
                    lower.as_str()
                } else {
                    q
                };
                family.business_ids().any(|b| contains_lowercase(b, q))
            })
    }

    fn times_match(&self, family: &impl Filterable) -> bool {
        if self.business_time_from.is_none() && self.business_time_to.is_none() {
            return true;
        }
        family.business_time().is_some_and(|t| {
            self.business_time_from.is_none_or(|from| t >= from)
                && self.business_time_to.is_none_or(|to| t < to)
        })
    }

    /// The contract's query parameters of `GET /invoice-candidates` for these filters
    /// (`accountId` once per account).
    pub fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        let mut text = |name: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                query.push((name, v.clone()));
            }
        };
        text("issuerId", &self.issuer_id);
        text("billingCycleFrom", &self.billing_cycle_from);
        text("billingCycleTo", &self.billing_cycle_to);
        text("productCode", &self.product_code);
        text("q", &self.q);
        if let Some(s) = self.status {
            query.push(("status", s.as_str().to_owned()));
        }
        for a in &self.account_ids {
            query.push(("accountId", a.clone()));
        }
        for (name, t) in [
            ("businessTimeFrom", self.business_time_from),
            ("businessTimeTo", self.business_time_to),
        ] {
            if let Some(t) = t {
                query.push((name, t.to_rfc3339()));
            }
        }
        query
    }
}

/// Whether `text` lower-cased contains `needle`, which is lower-cased already; an ASCII `text`
/// (every order or bill number in practice) is searched without copying it.
fn contains_lowercase(text: &str, needle: &str) -> bool {
    if !text.is_ascii() {
        return text.to_lowercase().contains(needle);
    }
    // The lower case of ASCII is ASCII: a needle with other characters cannot match.
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || text
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

impl Filterable for InvoiceCandidate {
    fn issuer_id(&self) -> &str {
        &self.issuer_id
    }
    fn status(&self) -> CandidateStatus {
        self.status
    }
    fn account_id(&self) -> &str {
        &self.account_id
    }
    fn billing_cycle(&self) -> &str {
        &self.billing_cycle
    }
    fn business_time(&self) -> Option<Instant> {
        parse_rfc3339(&self.business_time)
    }
    fn product_code(&self) -> &str {
        &self.product_code
    }
    fn business_ids(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.business_id.as_str())
            .chain(self.negatives.iter().map(|n| n.business_id.as_str()))
    }
}

#[cfg(test)]
mod tests;
