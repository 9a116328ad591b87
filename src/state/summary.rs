//! The figures the summary shows, copied out of the domain selection after each click (R10),
//! the arrears settled against the selection (R12, R13) and whether "Next" may be enabled (R14).

use std::collections::HashMap;
use std::sync::Arc;

use invoicing::api::IssuerId;
use invoicing::arrears::IssuerSettlement;
use invoicing::readiness::NotReady;
use invoicing::{Families, Totals};
use leptos::prelude::*;

use super::{FamilyStore, LoadStatus, Session};

/// One invoicing entity's line in the summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssuerFigures {
    pub issuer_id: IssuerId,
    pub issuer_name: String,
    pub totals: Totals,
}

/// Everything the summary shows: the overall figures and one line per invoicing entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryFigures {
    pub totals: Totals,
    pub by_issuer: Vec<IssuerFigures>,
}

impl SummaryFigures {
    /// Reads the selection's running totals; costs one step per selected entity, not per family.
    pub fn of(families: &Families, issuer_names: &HashMap<IssuerId, Arc<str>>) -> SummaryFigures {
        SummaryFigures {
            totals: families.totals(),
            by_issuer: families
                .totals_by_issuer()
                .into_iter()
                .map(|(id, totals)| IssuerFigures {
                    issuer_id: id.clone(),
                    issuer_name: issuer_names
                        .get(id)
                        .map_or_else(|| id.clone(), |n| n.to_string()),
                    totals,
                })
                .collect(),
        }
    }

    /// Whether the per-entity lines are worth showing: only with more than one entity (R10).
    pub fn shows_issuer_lines(&self) -> bool {
        self.by_issuer.len() > 1
    }
}

/// The arrears of a basis's selection, settled per invoicing entity (R12, R13), as a memo:
/// `None` while the session (accounts, arrears and whether offsetting is open) has not arrived.
/// Recomputed on every change of the selection; costs one step per selected entity and account.
pub fn arrears_settlements(
    store: FamilyStore,
    session: Signal<Option<Session>>,
) -> Signal<Option<Vec<IssuerSettlement>>> {
    let book = Memo::new(move |_| session.with(|s| s.as_ref().map(Session::arrears_book)));
    Memo::new(move |_| {
        let selected = store.selected_by_issuer_account();
        book.with(|b| b.as_ref().map(|b| b.settle(&selected)))
    })
    .into()
}

/// Whether "Next" may be enabled on an order or bill tab, and if not why (R01, R12, R14): not
/// while the session or the first page is loading, with nothing selected, or while a pool does
/// not cover its arrears. `settlements` is [`arrears_settlements`] of the same store and session.
pub fn selection_readiness(
    store: FamilyStore,
    session: Signal<Option<Session>>,
    settlements: Signal<Option<Vec<IssuerSettlement>>>,
) -> Signal<Result<(), NotReady>> {
    Memo::new(move |_| {
        let Some(can_apply) = session.with(|s| s.as_ref().map(Session::can_apply)) else {
            return Err(NotReady::Loading);
        };
        let loading = matches!(store.status().get(), LoadStatus::Loading);
        let selected = store.summary().with(|s| s.totals.count);
        settlements.with(|s| {
            invoicing::readiness::selection_readiness(
                can_apply,
                loading || s.is_none(),
                selected,
                s.as_deref().unwrap_or_default(),
            )
        })
    })
    .into()
}
