//! The app's figures with filters on (R04): a filter applied through the real controls until
//! the grid shows its rows, and toggles, select all and clear over the filtered grid. What the
//! grid must show is decided beforehand by the domain's own matcher over the fixture.

use fantoccini::Client;
use invoicing::api::IssuerId;
use invoicing::filter::CandidateFilter;
use invoicing::Family;
use invoicing_fixture_gen::Fixture;
use serde_json::{json, Value};

use super::{script, timing, toggle_figures, CLICK_UNTIL_SUMMARY};
use crate::util::Result;

/// The filters the bench applies and what the grid must then show first.
pub(super) struct FilterPlan {
    /// The first family of the list: what the grid shows first without a filter.
    first: String,
    /// A negative document's number from three quarters down the list, and the first family
    /// it finds.
    q: String,
    q_first: String,
    /// The entity whose first family comes latest in the list (so the first row changes), its
    /// first family, and how many of its families select all selects.
    issuer: IssuerId,
    issuer_first: String,
    issuer_checkable: usize,
}

impl FilterPlan {
    /// The plan for `fixture`; `None` when it has no negative document or a single entity.
    pub(super) fn of(fixture: &Fixture) -> Option<FilterPlan> {
        let c = &fixture.candidates;
        let first = c.first()?.id.clone();
        let q = c[c.len() * 3 / 4..]
            .iter()
            .chain(c)
            .find_map(|f| f.negatives.first())?
            .business_id
            .clone();
        let by_q = CandidateFilter {
            q: Some(q.clone()),
            ..CandidateFilter::default()
        }
        .normalized();
        let q_first = c.iter().find(|f| by_q.matches(*f))?.id.clone();
        let (issuer, at) = fixture
            .issuers
            .iter()
            .filter_map(|i| Some((&i.id, c.iter().position(|f| f.issuer_id == i.id)?)))
            .max_by_key(|(_, at)| *at)
            .filter(|(_, at)| *at > 0)?;
        let issuer_checkable = c
            .iter()
            .filter(|f| f.issuer_id == *issuer)
            .filter(|f| {
                Family::from_candidate((*f).clone()).is_ok_and(|f| f.checkability().is_checkable())
            })
            .count();
        Some(FilterPlan {
            first,
            q,
            q_first,
            issuer: issuer.clone(),
            issuer_first: c[at].id.clone(),
            issuer_checkable,
        })
    }
}

/// Milliseconds measured with a filter on.
#[derive(Default)]
pub(super) struct FilteredFigures {
    search: Option<f64>,
    search_cleared: Option<f64>,
    entity: Option<f64>,
    toggle_median: Option<f64>,
    toggle_p90: Option<f64>,
    select_all: Option<f64>,
    clear: Option<f64>,
    reset: Option<f64>,
}

impl FilteredFigures {
    /// The figures' keys and values, in the order they are printed.
    pub(super) fn fields(&self) -> [(&'static str, Option<f64>); 8] {
        [
            ("filter_search_ms", self.search),
            ("filter_search_cleared_ms", self.search_cleared),
            ("filter_entity_ms", self.entity),
            ("filtered_toggle_median_ms", self.toggle_median),
            ("filtered_toggle_p90_ms", self.toggle_p90),
            ("filtered_select_all_ms", self.select_all),
            ("filtered_clear_ms", self.clear),
            ("filter_reset_ms", self.reset),
        ]
    }
}

/// Searches a negative's number and clears the search, chooses an entity, toggles, selects
/// all and clears over that entity's families, and resets the filters: each timed from the
/// user's action to the frame that shows the grid's new rows (or the summary's new count).
pub(super) async fn figures(
    client: &Client,
    plan: Option<&FilterPlan>,
    problems: &mut Vec<String>,
) -> Result<FilteredFigures> {
    let mut out = FilteredFigures::default();
    let Some(plan) = plan else {
        problems.push("filters: the fixture has no negative document or a single entity".into());
        return Ok(out);
    };
    let step = |name: &'static str, answer: Value, problems: &mut Vec<String>| {
        timing(name, &answer, problems)
    };
    let answer = script(
        client,
        TYPE_SEARCH,
        vec![json!(plan.q), json!(plan.q_first)],
    )
    .await?;
    out.search = step("filter search", answer, problems);
    let answer = script(client, TYPE_SEARCH, vec![json!(""), json!(plan.first)]).await?;
    out.search_cleared = step("filter search cleared", answer, problems);
    let answer = script(
        client,
        CHOOSE_ENTITY,
        vec![json!(plan.issuer), json!(plan.issuer_first)],
    )
    .await?;
    out.entity = step("filter entity", answer, problems);
    if out.entity.is_none() {
        return Ok(out);
    }
    (out.toggle_median, out.toggle_p90) = toggle_figures(client, problems).await?;
    let select_all = script(
        client,
        CLICK_UNTIL_SUMMARY,
        vec![json!("[data-testid=select-all]")],
    )
    .await?;
    out.select_all = timing("filtered select all", &select_all, problems);
    if let Some(count) = select_all["summary"].as_str() {
        eprintln!(
            "select all with an entity filter: the summary's count reads {count:?}; the \
             fixture has {} families of {} that can be checked",
            plan.issuer_checkable, plan.issuer
        );
    }
    let clear = script(
        client,
        CLICK_UNTIL_SUMMARY,
        vec![json!("[data-testid=clear-selection]")],
    )
    .await?;
    out.clear = timing("filtered clear", &clear, problems);
    let reset = script(client, RESET, vec![json!(plan.first)]).await?;
    out.reset = step("filter reset", reset, problems);
    Ok(out)
}

/// Types `arguments[0]` into the search field and presses Enter; done when the grid's first
/// row is `arguments[1]`.
const TYPE_SEARCH: &str = concat!(
    r#"
const field = document.querySelector('[data-testid=filter-q]');
const [text, first] = [arguments[0], arguments[1]];
"#,
    include_str!("first_row.js"),
    r#"
if (!field) done({ missing: '[data-testid=filter-q]' });
else atTop().then(() => timeUntil(() => {
  field.value = text;
  fire(field, 'input');
  field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
}, () => firstRow() === first, 30000)).then(done);
"#
);

/// Chooses the entity `arguments[0]` in its select; done when the first row is `arguments[1]`.
const CHOOSE_ENTITY: &str = concat!(
    r#"
const select = document.querySelector('[data-testid=filter-issuer]');
const [issuer, first] = [arguments[0], arguments[1]];
"#,
    include_str!("first_row.js"),
    r#"
if (!select) done({ missing: '[data-testid=filter-issuer]' });
else atTop().then(() => timeUntil(() => {
  select.value = issuer;
  fire(select, 'change');
}, () => firstRow() === first, 30000)).then(done);
"#
);

/// Clicks "Reset filters"; done when the first row is `arguments[0]` again.
const RESET: &str = concat!(
    r#"
const button = document.querySelector('[data-testid=filter-reset]');
const first = arguments[0];
"#,
    include_str!("first_row.js"),
    r#"
if (!button) done({ missing: '[data-testid=filter-reset]' });
else atTop().then(() => timeUntil(() => button.click(), () => firstRow() === first, 30000))
  .then(done);
"#
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_finds_a_family_by_a_negative_number_and_an_entity_that_moves_the_first_row() {
        let fixture = invoicing_fixture_gen::generate(1_000, 1);
        let plan = FilterPlan::of(&fixture).expect("the fixture has negatives and entities");
        let found = fixture
            .candidates
            .iter()
            .find(|c| c.id == plan.q_first)
            .unwrap();
        assert!(found.negatives.iter().any(|n| n.business_id == plan.q));
        assert_ne!(plan.issuer_first, plan.first);
        let first_of_issuer = fixture
            .candidates
            .iter()
            .find(|c| c.issuer_id == plan.issuer)
            .unwrap();
        assert_eq!(first_of_issuer.id, plan.issuer_first);
        assert!(plan.issuer_checkable > 0);
    }
}
