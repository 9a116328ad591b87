//! The figures the summary shows, copied out of the domain selection after each click (R10).

use std::collections::HashMap;
use std::sync::Arc;

use invoicing::api::IssuerId;
use invoicing::{Families, Totals};

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
