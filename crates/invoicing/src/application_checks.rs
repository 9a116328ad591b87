//! The server's checks of a draft (the contract's "Selection" and "By amount"), shared by the
//! mock's preview and its application endpoint: every offence, in the contract's order of codes,
//! or the split ([`crate::split`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::api::{AccountId, Basis, CandidateStatus, DocumentId, IssuerId, RealNameStatus};
use crate::application::{ApplicationDraft, Mode};
use crate::arrears::{ArrearsBook, Shortfall};
use crate::balance::invoiceable_balance;
use crate::family::Family;
use crate::money::Money;
use crate::split::{split_families, split_takes, take_by_amount, Split};

#[cfg(test)]
mod tests;

/// One offence against the contract's rules, as one entry of a `422` problem's `errors`.
///
/// `index` is the position in `candidateIds` (the entry's field `/candidateIds/{index}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offence {
    /// The signed-in account has no real-name verification (R01).
    RealNameRequired,
    /// Unknown, or of an account the caller may not see (R23).
    CandidateNotFound { index: usize, id: DocumentId },
    /// A document of the other basis (R03).
    BasisMismatch { index: usize, id: DocumentId },
    /// Taken by another application since it was loaded (R23).
    CandidateAlreadyInvoiced { index: usize, id: DocumentId },
    /// The family's original is temporarily not invoiceable (R05).
    CandidateNotInvoiceable { index: usize, id: DocumentId },
    /// A negative without its original (R07); `original_id` names the original.
    NegativeWithoutOriginal {
        index: usize,
        id: DocumentId,
        original_id: DocumentId,
    },
    /// An original without one of its pending negatives, `missing` (R07).
    OriginalWithoutNegatives {
        index: usize,
        id: DocumentId,
        missing: DocumentId,
    },
    /// The family's net is zero or below (R08).
    NetNotPositive {
        index: usize,
        id: DocumentId,
        net: Money,
    },
    /// `consolidated` for records of fewer than two accounts (R15).
    ModeNotApplicable,
    /// A pool whose selected net does not exceed its arrears (R12, R13).
    ArrearsNotCovered(Shortfall),
    /// By amount, more than the available balance (R11, R12).
    AmountExceedsBalance {
        issuer_id: IssuerId,
        available: Money,
    },
}

impl Offence {
    /// The contract's order of the codes: offences are listed in it.
    pub const ORDER: [&'static str; 11] = [
        "REAL_NAME_REQUIRED",
        "CANDIDATE_NOT_FOUND",
        "BASIS_MISMATCH",
        "CANDIDATE_ALREADY_INVOICED",
        "CANDIDATE_NOT_INVOICEABLE",
        "NEGATIVE_WITHOUT_ORIGINAL",
        "ORIGINAL_WITHOUT_NEGATIVES",
        "NET_NOT_POSITIVE",
        "MODE_NOT_APPLICABLE",
        "ARREARS_NOT_COVERED",
        "AMOUNT_EXCEEDS_BALANCE",
    ];

    /// The contract's code.
    pub fn code(&self) -> &'static str {
        Offence::ORDER[self.rank()]
    }

    fn rank(&self) -> usize {
        match self {
            Offence::RealNameRequired => 0,
            Offence::CandidateNotFound { .. } => 1,
            Offence::BasisMismatch { .. } => 2,
            Offence::CandidateAlreadyInvoiced { .. } => 3,
            Offence::CandidateNotInvoiceable { .. } => 4,
            Offence::NegativeWithoutOriginal { .. } => 5,
            Offence::OriginalWithoutNegatives { .. } => 6,
            Offence::NetNotPositive { .. } => 7,
            Offence::ModeNotApplicable => 8,
            Offence::ArrearsNotCovered(_) => 9,
            Offence::AmountExceedsBalance { .. } => 10,
        }
    }

    /// The entry's `field`: a JSON Pointer into the draft; `None` for the request as a whole.
    pub fn field(&self) -> Option<String> {
        match self {
            Offence::RealNameRequired => None,
            Offence::CandidateNotFound { index, .. }
            | Offence::BasisMismatch { index, .. }
            | Offence::CandidateAlreadyInvoiced { index, .. }
            | Offence::CandidateNotInvoiceable { index, .. }
            | Offence::NegativeWithoutOriginal { index, .. }
            | Offence::OriginalWithoutNegatives { index, .. }
            | Offence::NetNotPositive { index, .. } => Some(format!("/candidateIds/{index}")),
            Offence::ModeNotApplicable => Some("/mode".into()),
            Offence::ArrearsNotCovered(_) => Some("/candidateIds".into()),
            Offence::AmountExceedsBalance { .. } => Some("/amount".into()),
        }
    }

    /// The document the entry names (its `candidateId`), when there is one.
    pub fn candidate_id(&self) -> Option<&DocumentId> {
        match self {
            Offence::CandidateNotFound { id, .. }
            | Offence::BasisMismatch { id, .. }
            | Offence::CandidateAlreadyInvoiced { id, .. }
            | Offence::CandidateNotInvoiceable { id, .. }
            | Offence::NegativeWithoutOriginal { id, .. }
            | Offence::OriginalWithoutNegatives { id, .. }
            | Offence::NetNotPositive { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// Sorts offences into the contract's order of codes, keeping each code's entries in the order
/// found (the order of `candidateIds`).
fn in_contract_order(mut offences: Vec<Offence>) -> Vec<Offence> {
    offences.sort_by_key(Offence::rank);
    offences
}

/// The families the caller may see (both bases), found by any of their documents' ids, and the
/// ids that applications have used since they were listed.
#[derive(Clone, Debug, Default)]
pub struct DocumentIndex<'a> {
    families: Vec<&'a Family>,
    /// Document id → its family's position in `families`.
    by_id: HashMap<&'a str, usize>,
    used: HashSet<DocumentId>,
}

impl<'a> DocumentIndex<'a> {
    /// Indexes the listed families of the visible accounts.
    pub fn new(families: impl IntoIterator<Item = &'a Family>) -> Self {
        let families: Vec<&'a Family> = families.into_iter().collect();
        let mut by_id = HashMap::new();
        for (i, f) in families.iter().enumerate() {
            for id in f.document_ids() {
                by_id.insert(id.as_str(), i);
            }
        }
        DocumentIndex {
            families,
            by_id,
            used: HashSet::new(),
        }
    }

    /// Marks documents that applications have used (a negative applied, an original with nothing
    /// left): naming them is `CANDIDATE_ALREADY_INVOICED`, not `CANDIDATE_NOT_FOUND`.
    pub fn with_used(mut self, ids: impl IntoIterator<Item = DocumentId>) -> Self {
        self.used.extend(ids);
        self
    }

    /// The family holding document `id` (as its original or one of its negatives).
    pub fn family_of(&self, id: &str) -> Option<&'a Family> {
        self.by_id.get(id).map(|&i| self.families[i])
    }

    /// Every indexed family.
    pub fn families(&self) -> &[&'a Family] {
        &self.families
    }
}

/// Checks `candidate_ids` of basis `basis` (R03, R05, R07, R08, R23): each id must name a visible,
/// unused document of that basis, and the ids must be whole families of invoiceable originals
/// with a positive net. Returns the selected families in the order of their first id, or every
/// offence in the contract's order.
pub fn check_candidates<'a>(
    basis: Basis,
    candidate_ids: &[DocumentId],
    index: &DocumentIndex<'a>,
) -> Result<Vec<&'a Family>, Vec<Offence>> {
    let mut offences = Vec::new();
    // Per family (by its original's id): the family and where each of its ids was given.
    let mut given: BTreeMap<&DocumentId, (usize, &'a Family, HashMap<&str, usize>)> =
        BTreeMap::new();
    for (index_of_id, id) in candidate_ids.iter().enumerate() {
        let at = |id: &DocumentId| (index_of_id, id.clone());
        match index.family_of(id) {
            None if index.used.contains(id) => {
                let (index, id) = at(id);
                offences.push(Offence::CandidateAlreadyInvoiced { index, id });
            }
            None => {
                let (index, id) = at(id);
                offences.push(Offence::CandidateNotFound { index, id });
            }
            Some(f) if f.original().basis != basis => {
                let (index, id) = at(id);
                offences.push(Offence::BasisMismatch { index, id });
            }
            Some(f) => {
                let entry = given
                    .entry(f.id())
                    .or_insert_with(|| (index_of_id, f, HashMap::new()));
                entry.2.insert(id.as_str(), index_of_id);
            }
        }
    }
    let mut families: Vec<(usize, &'a Family)> = Vec::new();
    for (first, family, ids) in given.into_values() {
        let original = family.id();
        let Some(&at) = ids.get(original.as_str()) else {
            for n in family.negatives() {
                if let Some(&index) = ids.get(n.id.as_str()) {
                    offences.push(Offence::NegativeWithoutOriginal {
                        index,
                        id: n.id.clone(),
                        original_id: original.clone(),
                    });
                }
            }
            continue;
        };
        let id = original.clone();
        if family.original().status != CandidateStatus::Invoiceable {
            offences.push(Offence::CandidateNotInvoiceable {
                index: at,
                id: id.clone(),
            });
        }
        for n in family.negatives() {
            if !ids.contains_key(n.id.as_str()) {
                offences.push(Offence::OriginalWithoutNegatives {
                    index: at,
                    id: id.clone(),
                    missing: n.id.clone(),
                });
            }
        }
        if !family.net_amount().is_positive() {
            offences.push(Offence::NetNotPositive {
                index: at,
                id,
                net: family.net_amount(),
            });
        }
        families.push((first, family));
    }
    if !offences.is_empty() {
        offences.sort_by_key(|o| (o.rank(), field_index(o)));
        return Err(offences);
    }
    families.sort_by_key(|(first, _)| *first);
    Ok(families.into_iter().map(|(_, f)| f).collect())
}

/// The position in `candidateIds` an offence names, for ordering the entries of one code.
fn field_index(o: &Offence) -> usize {
    match o {
        Offence::CandidateNotFound { index, .. }
        | Offence::BasisMismatch { index, .. }
        | Offence::CandidateAlreadyInvoiced { index, .. }
        | Offence::CandidateNotInvoiceable { index, .. }
        | Offence::NegativeWithoutOriginal { index, .. }
        | Offence::OriginalWithoutNegatives { index, .. }
        | Offence::NetNotPositive { index, .. } => *index,
        _ => 0,
    }
}

/// What a draft asks to invoice, by basis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftSelection<'d> {
    /// Basis `order` or `bill`: the selected documents.
    Candidates {
        basis: Basis,
        candidate_ids: &'d [DocumentId],
    },
    /// Basis `amount`.
    Amount {
        issuer_id: &'d IssuerId,
        account_ids: &'d [AccountId],
        amount: Money,
    },
}

impl ApplicationDraft {
    /// What the draft asks to invoice; `None` when the fields its basis needs are missing (the
    /// server refuses such a draft with `VALIDATION_FAILED` before any rule is checked).
    pub fn selection(&self) -> Option<DraftSelection<'_>> {
        match self.basis.candidates() {
            Some(basis) => Some(DraftSelection::Candidates {
                basis,
                candidate_ids: self.candidate_ids.as_deref()?,
            }),
            None => Some(DraftSelection::Amount {
                issuer_id: self.issuer_id.as_ref()?,
                account_ids: self.account_ids.as_deref()?,
                amount: self.amount?,
            }),
        }
    }
}

/// Checks a draft and computes its split exactly as the server does (preview, and the first half
/// of creating an application): real-name verification (R01), then the selection's documents
/// ([`check_candidates`]) or, by amount, the balance (R11, R12), then the mode (R15) and the
/// arrears (R12, R13).
///
/// `index` holds the visible families; the entity and accounts of a draft by amount are assumed
/// known and visible (the server answers `400`/`403` before). Offences come in the contract's
/// order of codes; the mode and the arrears are only checked once the documents are fine.
pub fn check_draft(
    draft: &ApplicationDraft,
    real_name: RealNameStatus,
    index: &DocumentIndex<'_>,
    book: &ArrearsBook,
) -> Result<Split, Vec<Offence>> {
    if real_name == RealNameStatus::Unverified {
        return Err(vec![Offence::RealNameRequired]);
    }
    let selection = draft
        .selection()
        .expect("a draft with the fields of its basis");
    match selection {
        DraftSelection::Candidates {
            basis,
            candidate_ids,
        } => {
            let families = check_candidates(basis, candidate_ids, index)?;
            split_families(families, draft.mode, book).map_err(in_contract_order)
        }
        DraftSelection::Amount {
            issuer_id,
            account_ids,
            amount,
        } => split_by_amount(issuer_id, account_ids, amount, draft.mode, book, index),
    }
}

/// By amount: refused above the balance's `availableAmount`; else the parts taken, grouped.
fn split_by_amount(
    issuer_id: &IssuerId,
    account_ids: &[AccountId],
    amount: Money,
    mode: Mode,
    book: &ArrearsBook,
    index: &DocumentIndex<'_>,
) -> Result<Split, Vec<Offence>> {
    let families = index.families().iter().copied();
    let balance = invoiceable_balance(issuer_id, account_ids, book, families.clone());
    if amount > balance.available_amount {
        return Err(vec![Offence::AmountExceedsBalance {
            issuer_id: issuer_id.clone(),
            available: balance.available_amount,
        }]);
    }
    let (takes, left) = take_by_amount(issuer_id, account_ids, amount, book, families);
    debug_assert!(
        left.is_zero(),
        "an amount within the balance is taken whole"
    );
    split_takes(issuer_id, takes, balance.arrears_amount, mode)
}
