//! The filters of one basis as the user typed and chose them (R04): turned into the domain's
//! [`CandidateFilter`], checked by it, and applied to the basis's [`FamilyStore`] only when
//! valid. A page creates one beside each store, so every tab keeps its own filters.

use std::time::Duration;

use invoicing::api::{AccountId, Basis, CandidateStatus, Product};
use invoicing::filter::{CandidateFilter, FilterError};
use leptos::prelude::*;

use super::timer::Timer;
use super::FamilyStore;
use crate::api::{ApiClient, ApiError};

/// How long typing must pause before a text field applies.
pub const TYPING_PAUSE: Duration = Duration::from_millis(250);

/// The values as the user typed or chose them; empty means "all". Kept in the draft (R22).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FilterValues {
    pub issuer_id: String,
    pub status: Option<CandidateStatus>,
    /// The member accounts chosen; none means every visible account.
    pub account_ids: Vec<AccountId>,
    pub product_code: String,
    /// `YYYY-MM` as typed.
    pub cycle_from: String,
    /// `YYYY-MM` as typed.
    pub cycle_to: String,
    /// Part of an order or bill number, of an original or of one of its negatives.
    pub q: String,
}

/// What keeps the typed values from applying, by field, as the domain says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FilterProblems {
    pub cycle_from: Option<FilterError>,
    /// A malformed last cycle, or a last cycle before the first.
    pub cycle_to: Option<FilterError>,
}

impl FilterProblems {
    pub fn is_empty(&self) -> bool {
        *self == FilterProblems::default()
    }
}

impl FilterValues {
    /// The domain's filter for these values; texts trimmed, empty ones dropped.
    pub fn to_filter(&self) -> CandidateFilter {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        CandidateFilter {
            issuer_id: text(&self.issuer_id),
            status: self.status,
            account_ids: self.account_ids.clone(),
            billing_cycle_from: text(&self.cycle_from),
            billing_cycle_to: text(&self.cycle_to),
            product_code: text(&self.product_code),
            q: text(&self.q),
            ..CandidateFilter::default()
        }
        .normalized()
    }

    /// Each cycle checked on its own by [`CandidateFilter::validate`], then the range: so the
    /// message stands beside the field it is about.
    pub fn problems(&self) -> FilterProblems {
        let filter = self.to_filter();
        let alone = |from, to| {
            CandidateFilter {
                billing_cycle_from: from,
                billing_cycle_to: to,
                ..CandidateFilter::default()
            }
            .validate()
            .err()
        };
        let mut problems = FilterProblems {
            cycle_from: alone(filter.billing_cycle_from.clone(), None),
            cycle_to: alone(None, filter.billing_cycle_to.clone()),
        };
        if problems.is_empty() {
            problems.cycle_to = filter.validate().err();
        }
        problems
    }
}

/// The product filter's options (`GET /products` of the basis).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Products {
    Loading,
    Ready(Vec<Product>),
    /// The request failed; the select says so and offers a retry.
    Failed(ApiError),
}

/// The filter form of one basis. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct FilterForm {
    basis: Basis,
    values: RwSignal<FilterValues>,
    problems: RwSignal<FilterProblems>,
    products: RwSignal<Products>,
    /// Counts product loads; an older answer that sees a newer load is dropped.
    products_run: StoredValue<u64>,
    /// The apply waiting for typing to pause.
    pending: StoredValue<Option<Timer>>,
}

impl FilterForm {
    /// Empty filters for `basis`; the products load when [`FilterForm::load_products`] is called.
    pub fn new(basis: Basis) -> FilterForm {
        FilterForm {
            basis,
            values: RwSignal::new(FilterValues::default()),
            problems: RwSignal::new(FilterProblems::default()),
            products: RwSignal::new(Products::Loading),
            products_run: StoredValue::new(0),
            pending: StoredValue::new(None),
        }
    }

    pub fn basis(self) -> Basis {
        self.basis
    }

    /// The values as typed and chosen.
    pub fn values(self) -> Signal<FilterValues> {
        self.values.into()
    }

    /// Why the typed values were not applied, by field; empty when they were.
    pub fn problems(self) -> Signal<FilterProblems> {
        self.problems.into()
    }

    pub fn products(self) -> Signal<Products> {
        self.products.into()
    }

    /// Changes a value chosen from a list and applies at once.
    pub fn choose(self, store: FamilyStore, change: impl FnOnce(&mut FilterValues)) {
        self.values.update(change);
        self.apply(store);
    }

    /// Sets a typed value as the field holds it now and applies at once (Enter, leaving the
    /// field): the field, not the last input event, is what the user sees.
    pub fn commit_text(self, store: FamilyStore, change: impl FnOnce(&mut FilterValues)) {
        self.values.update(change);
        self.apply(store);
    }

    /// Changes a typed value; it applies once typing pauses for [`TYPING_PAUSE`], or on
    /// [`FilterForm::commit_text`] (Enter). `complete` says whether the text can be applied while
    /// the user is still typing (a cycle only once it is empty or seven characters long, so
    /// that no message interrupts typing).
    pub fn type_text(
        self,
        store: FamilyStore,
        change: impl FnOnce(&mut FilterValues),
        complete: bool,
    ) {
        self.values.update(change);
        self.cancel_pending();
        if complete {
            let handle = Timer::start(move || self.apply(store), TYPING_PAUSE);
            self.pending.set_value(handle);
        }
    }

    /// Applies the typed values if they are valid; otherwise says why beside each field and
    /// keeps the last valid filter applied (the store's [`FamilyStore::filter`]).
    pub fn apply(self, store: FamilyStore) {
        self.cancel_pending();
        let Some(values) = self.values.try_get_untracked() else {
            return;
        };
        let problems = values.problems();
        if self.problems.get_untracked() != problems {
            self.problems.set(problems);
        }
        if !problems.is_empty() {
            return;
        }
        // The store ignores a filter equal to the one in force.
        store.set_filter(values.to_filter());
    }

    /// Refills the form from a saved draft: the values exactly as they were typed, applied as
    /// far as they are valid. A cycle half typed when the page went away does not filter (its
    /// message says why), and the other filters apply as they did before the reload.
    pub fn restore(self, store: FamilyStore, values: FilterValues) {
        self.cancel_pending();
        let problems = values.problems();
        let mut valid = values.clone();
        if problems.cycle_from.is_some() {
            valid.cycle_from.clear();
        }
        if problems.cycle_to.is_some() {
            valid.cycle_to.clear();
        }
        self.values.set(values);
        self.problems.set(problems);
        if valid.problems().is_empty() {
            store.set_filter(valid.to_filter());
        }
    }

    /// Every filter back to "all", applied at once.
    pub fn reset(self, store: FamilyStore) {
        self.values.set(FilterValues::default());
        self.apply(store);
    }

    /// Loads the product filter's options of the basis; also the retry after a failure.
    pub fn load_products(self, client: ApiClient) {
        let run = self
            .products_run
            .try_update_value(|r| {
                *r += 1;
                *r
            })
            .unwrap_or_default();
        self.products.set(Products::Loading);
        leptos::task::spawn_local(async move {
            let answer = client.products(self.basis).await;
            if self.products_run.try_get_value() == Some(run) {
                if let Err(error) = &answer {
                    let again = client.clone();
                    client.retry_after_sign_in(error, move || {
                        if self.products_run.try_get_value() == Some(run) {
                            self.load_products(again);
                        }
                    });
                }
                self.products.set(match answer {
                    Ok(products) => Products::Ready(products),
                    Err(error) => Products::Failed(error),
                });
            }
        });
    }

    /// Whether the product options were asked for (or set) already.
    pub fn products_requested(self) -> bool {
        self.products_run.with_value(|r| *r > 0)
    }

    /// Sets the product filter's options (or their failure) directly: tests, a page that
    /// loaded them itself.
    pub fn set_products(self, products: Products) {
        self.products_run.update_value(|r| *r += 1);
        self.products.set(products);
    }

    fn cancel_pending(self) {
        if let Some(handle) = self.pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(from: &str, to: &str) -> FilterValues {
        FilterValues {
            cycle_from: from.into(),
            cycle_to: to.into(),
            ..FilterValues::default()
        }
    }

    #[test]
    fn each_cycle_problem_stands_beside_its_own_field() {
        assert!(values("2026-08", "2026-10").problems().is_empty());
        assert!(values("", "").problems().is_empty());
        assert_eq!(
            values("2026-8", "").problems(),
            FilterProblems {
                cycle_from: Some(FilterError::MalformedCycle),
                cycle_to: None
            }
        );
        assert_eq!(
            values("2026-08", "2026-13").problems(),
            FilterProblems {
                cycle_from: None,
                cycle_to: Some(FilterError::MalformedCycle)
            }
        );
        assert_eq!(
            values("2026-10", "2026-08").problems(),
            FilterProblems {
                cycle_from: None,
                cycle_to: Some(FilterError::CyclesReversed)
            }
        );
    }

    #[test]
    fn typed_texts_are_trimmed_and_empty_ones_do_not_filter() {
        let v = FilterValues {
            q: "  22610 ".into(),
            cycle_from: " 2026-08".into(),
            issuer_id: String::new(),
            ..FilterValues::default()
        };
        let f = v.to_filter();
        assert_eq!(f.q.as_deref(), Some("22610"));
        assert_eq!(f.billing_cycle_from.as_deref(), Some("2026-08"));
        assert_eq!(f.issuer_id, None);
        assert!(FilterValues::default().to_filter().is_empty());
    }
}
