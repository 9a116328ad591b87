//! The checked fixture, indexed for answering: families in list order, visibility by role, products.

use std::collections::{BTreeMap, HashMap, HashSet};

use invoicing::api::{
    Account, AccountId, Basis, CandidateStatus, DocumentId, InvoiceCandidate, Issuer, Profile, Role,
};
use invoicing::application::ApplicationDraft;
use invoicing::application_checks::{DocumentIndex, DraftSelection};
use invoicing::arrears::ArrearsBook;
use invoicing::filter::Filterable;
use invoicing::{Family, Money};

use crate::fixture::Fixture;
use crate::records::{InvoiceRecordDetail, InvoiceStatus};
use crate::saved::{InvoiceTitle, MailingAddress};
use crate::timestamp::{parse_rfc3339, Instant};

/// A listed family and its position in the contract's order.
#[derive(Clone, Debug)]
pub struct Listed {
    pub family: Family,
    /// The original's `businessTime` as an instant.
    pub time: Instant,
    /// Whether the signed-in account may see it (R04), decided once at load: a list request
    /// then need not look at every family's account.
    pub visible: bool,
}

/// The matcher reads the original, with the time parsed once at load.
impl Filterable for Listed {
    fn issuer_id(&self) -> &str {
        &self.family.original().issuer_id
    }
    fn status(&self) -> CandidateStatus {
        self.family.original().status
    }
    fn account_id(&self) -> &str {
        &self.family.original().account_id
    }
    fn billing_cycle(&self) -> &str {
        &self.family.original().billing_cycle
    }
    fn business_time(&self) -> Option<Instant> {
        Some(self.time)
    }
    fn product_code(&self) -> &str {
        &self.family.original().product_code
    }
    fn business_ids(&self) -> impl Iterator<Item = &str> {
        self.family.original().business_ids()
    }
}

/// The sort key of a candidate list: `businessTime` descending, then `id` ascending (R09, invariant 4).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SortKey {
    pub time: std::cmp::Reverse<Instant>,
    pub id: String,
}

impl Listed {
    /// The list order, as [`Listed::key`] compares but without copying the ids.
    pub fn cmp_order(&self, other: &Listed) -> std::cmp::Ordering {
        other
            .time
            .cmp(&self.time)
            .then_with(|| self.family.id().cmp(other.family.id()))
    }

    pub fn key(&self) -> SortKey {
        SortKey {
            time: std::cmp::Reverse(self.time),
            id: self.family.id().clone(),
        }
    }
}

pub use invoicing::api::Product;

/// Everything the mock answers from, checked by [`crate::fixture::load`].
#[derive(Clone, Debug)]
pub struct Data {
    pub profile: Profile,
    /// All accounts of the fixture, by `id`.
    pub accounts: Vec<Account>,
    /// The issuers, by `id`.
    pub issuers: Vec<Issuer>,
    /// The default title first, then by `id`.
    pub titles: Vec<InvoiceTitle>,
    /// The default address first, then by `id`.
    pub addresses: Vec<MailingAddress>,
    /// The listed families of both bases, in list order. Applications change them in place
    /// (a family keeps its place, so cursors stay valid) or remove them.
    pub families: Vec<Listed>,
    /// The fixture's records, then those of the applications created, in order of creation.
    pub records: Vec<InvoiceRecordDetail>,
    /// Documents that applications have used and that are no longer listed: naming one is
    /// `CANDIDATE_ALREADY_INVOICED` (R23).
    pub used: HashSet<DocumentId>,
    /// The originals that left the list with nothing left to invoice (at load or used up by an
    /// application), as they are now, by id: a rejected or cancelled invoice gives them back
    /// ([`crate::give_back`]).
    retired: HashMap<DocumentId, InvoiceCandidate>,
    /// Every listed document (original or negative) and its family's place in the list order.
    documents: HashMap<DocumentId, FamilyKey>,
}

/// A family's sort key: its original's time and id ([`Data::position`] finds it).
#[derive(Clone, Debug, PartialEq, Eq)]
struct FamilyKey {
    time: Instant,
    family_id: DocumentId,
}

impl Data {
    /// The arrears of every account and whether the enterprise has opened offsetting (R13):
    /// what the balance, the preview and applications settle against.
    pub fn arrears_book(&self) -> ArrearsBook {
        let offsetting = self
            .profile
            .enterprise
            .as_ref()
            .is_some_and(|e| e.arrears_offset_enabled);
        ArrearsBook::new(&self.accounts, offsetting)
    }

    /// Indexes a fixture whose candidates are already checked families.
    pub fn new(fixture: Fixture, families: Vec<Family>) -> Data {
        let Fixture {
            profile,
            mut accounts,
            mut issuers,
            mut titles,
            mut addresses,
            candidates: _,
            records,
        } = fixture;
        accounts.sort_by(|a, b| a.id.cmp(&b.id));
        issuers.sort_by(|a, b| a.id.cmp(&b.id));
        titles.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.id.cmp(&b.id)));
        addresses.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.id.cmp(&b.id)));
        // Documents with nothing left to invoice and no pending negatives are not listed.
        let (families, exhausted): (Vec<Family>, Vec<Family>) = families
            .into_iter()
            .partition(|f| f.positive_amount().is_positive() || !f.negatives().is_empty());
        let retired = exhausted
            .into_iter()
            .map(|f| (f.id().clone(), f.into_candidate()))
            .collect();
        let mut families: Vec<Listed> = families
            .into_iter()
            .map(|family| Listed {
                time: parse_rfc3339(&family.original().business_time).expect("checked time"),
                visible: sees(&profile, &family.original().account_id),
                family,
            })
            .collect();
        families.sort_by(Listed::cmp_order);
        let documents: HashMap<DocumentId, FamilyKey> = families
            .iter()
            .flat_map(|l| {
                let key = FamilyKey {
                    time: l.time,
                    family_id: l.family.id().clone(),
                };
                l.family
                    .document_ids()
                    .map(move |id| (id.clone(), key.clone()))
            })
            .collect();
        let used = records
            .iter()
            .filter(|r| !matches!(r.status, InvoiceStatus::Rejected | InvoiceStatus::Cancelled))
            .flat_map(|r| &r.lines)
            .map(|l| &l.document_id)
            .filter(|id| !documents.contains_key(*id))
            .cloned()
            .collect();
        Data {
            profile,
            accounts,
            issuers,
            titles,
            addresses,
            families,
            records,
            used,
            retired,
            documents,
        }
    }

    /// The visible families a draft may name, by any of their documents' ids, with the
    /// documents applications have used, for the checks of the draft ([`DocumentIndex`]).
    ///
    /// Only the families that hold one of a selection's ids, or by amount those of its entity
    /// and accounts, are indexed: the checks look at nothing else, and a draft costs no pass
    /// over 100,000 families (the write lock of an application blocks the candidate list).
    pub fn document_index(&self, draft: &ApplicationDraft) -> DocumentIndex<'_> {
        match draft.selection() {
            Some(DraftSelection::Candidates { candidate_ids, .. }) => {
                let mut at: Vec<usize> = candidate_ids
                    .iter()
                    .filter_map(|id| self.documents.get(id))
                    .filter_map(|k| self.position(k.time, &k.family_id))
                    .collect();
                at.sort_unstable();
                at.dedup();
                let families = at
                    .into_iter()
                    .map(|i| &self.families[i])
                    .filter(|l| l.visible)
                    .map(|l| &l.family);
                let used = candidate_ids.iter().filter(|id| self.used.contains(*id));
                DocumentIndex::new(families).with_used(used.cloned())
            }
            Some(DraftSelection::Amount {
                issuer_id,
                account_ids,
                ..
            }) => DocumentIndex::new(
                self.families
                    .iter()
                    .filter(|l| {
                        let c = l.family.original();
                        l.visible
                            && c.issuer_id == *issuer_id
                            && account_ids.contains(&c.account_id)
                    })
                    .map(|l| &l.family),
            ),
            None => DocumentIndex::new(
                self.families
                    .iter()
                    .filter(|l| l.visible)
                    .map(|l| &l.family),
            )
            .with_used(self.used.iter().cloned()),
        }
    }

    /// Where family `id`, whose original's `businessTime` is `time`, is in the list: a binary
    /// search in the list order, so that using a few families of 100,000 costs no pass over all.
    pub fn position(&self, time: Instant, id: &str) -> Option<usize> {
        self.families
            .binary_search_by(|l| {
                time.cmp(&l.time)
                    .then_with(|| l.family.id().as_str().cmp(id))
            })
            .ok()
    }

    /// Applies what an application did to the families at these positions: each is replaced
    /// by what is left of it, or removed when nothing is (`None`); its documents no longer
    /// listed become used. The other families keep their places (cursors stay valid).
    pub fn replace_families(&mut self, changes: Vec<(usize, Option<Family>)>) {
        let mut gone = Vec::new();
        for (at, change) in changes {
            let listed = &mut self.families[at];
            let after: HashSet<&DocumentId> =
                change.iter().flat_map(|f| f.document_ids()).collect();
            let used: Vec<DocumentId> = listed
                .family
                .document_ids()
                .filter(|id| !after.contains(id))
                .cloned()
                .collect();
            for id in &used {
                self.documents.remove(id);
            }
            self.used.extend(used);
            match change {
                Some(family) => listed.family = family,
                None => {
                    let mut c = listed.family.original().clone();
                    c.negatives.clear();
                    c.invoiced_amount = c.total_amount;
                    c.invoiceable_amount = Money::ZERO;
                    c.net_amount = Money::ZERO;
                    self.retired.insert(c.id.clone(), c);
                    gone.push(at);
                }
            }
        }
        if !gone.is_empty() {
            gone.sort_unstable();
            let mut at = 0;
            let mut next = gone.iter().peekable();
            self.families.retain(|_| {
                let keep = next.peek() != Some(&&at);
                if !keep {
                    next.next();
                }
                at += 1;
                keep
            });
        }
    }

    /// The original `id` as it is now: listed, or retired with nothing left to invoice; `None`
    /// when the mock never had it as a candidate.
    pub fn original_now(&self, id: &str) -> Option<&InvoiceCandidate> {
        match self.documents.get(id) {
            Some(k) if k.family_id == id => self
                .position(k.time, id)
                .map(|at| self.families[at].family.original()),
            _ => self.retired.get(id),
        }
    }

    /// Lists `family` again as it is now (given back by a rejected or cancelled invoice): in
    /// place when it is listed, else at its place in the list order. Its documents are listed
    /// and no longer used. Cursors stay valid: they hold sort keys, not places.
    pub fn restore_family(&mut self, family: Family) {
        let id = family.id().clone();
        self.retired.remove(&id);
        let time = parse_rfc3339(&family.original().business_time).expect("checked time");
        let key = FamilyKey {
            time,
            family_id: id.clone(),
        };
        for d in family.document_ids() {
            self.used.remove(d);
            self.documents.insert(d.clone(), key.clone());
        }
        let listed = Listed {
            visible: sees(&self.profile, &family.original().account_id),
            time,
            family,
        };
        match self.position(time, &id) {
            Some(at) => self.families[at] = listed,
            None => {
                let at = self
                    .families
                    .partition_point(|l| l.cmp_order(&listed).is_lt());
                self.families.insert(at, listed);
            }
        }
    }

    /// The accounts the caller may see, by `id`.
    pub fn visible_accounts(&self) -> Vec<&Account> {
        self.accounts
            .iter()
            .filter(|a| self.is_visible(&a.id))
            .collect()
    }

    /// Whether the signed-in account may see this account (R04).
    pub fn is_visible(&self, account: &AccountId) -> bool {
        sees(&self.profile, account)
    }

    /// The products of the listed candidates of visible accounts, by `productCode` (R04).
    pub fn products(&self, basis: Option<Basis>) -> Vec<Product> {
        let mut by_code = BTreeMap::new();
        for l in &self.families {
            let c = l.family.original();
            if l.visible && basis.is_none_or(|b| b == c.basis) {
                by_code
                    .entry(c.product_code.clone())
                    .or_insert_with(|| c.product_name.clone());
            }
        }
        by_code
            .into_iter()
            .map(|(product_code, product_name)| Product {
                product_code,
                product_name,
            })
            .collect()
    }
}

/// Whether `profile` may see `account` (R04): an enterprise's MA and administrators see every
/// member account, anyone else only its own.
fn sees(profile: &Profile, account: &AccountId) -> bool {
    let sees_all =
        profile.enterprise.is_some() && matches!(profile.role, Role::Owner | Role::EnterpriseAdmin);
    sees_all || *account == profile.account_id
}
