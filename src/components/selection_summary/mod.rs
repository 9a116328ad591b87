//! The summary below the grid: count, positives, negatives and net, per entity too (R10), and
//! once the session is known the arrears, the amount to invoice and what is missing (R12, R13).

mod arrears;

use invoicing::arrears::{selection_totals, IssuerSettlement};
use leptos::prelude::*;

use self::arrears::{ArrearsFigures, Shortfalls};
use crate::i18n::{I18n, Text};
use crate::state::{arrears_settlements, FamilyStore, IssuerFigures, Session};

/// Always-visible figures of the selection, exact to the cent and updated on every click.
#[component]
pub fn SelectionSummary(
    /// The basis's store whose selection the summary shows.
    store: FamilyStore,
    /// The signed-in account and the accounts it sees, with their arrears and whether the
    /// enterprise offsets them (R12, R13). `None` (the default) while not loaded: then the
    /// summary shows no arrears lines.
    #[prop(optional, into)]
    session: Signal<Option<Session>>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let summary = store.summary();
    let hidden = store.hidden_selected();
    let settlements = arrears_settlements(store, session);
    let settlement_of = move |issuer: &str| -> Option<IssuerSettlement> {
        settlements.with(|s| s.as_ref()?.iter().find(|x| x.issuer_id == issuer).cloned())
    };
    let totals = move || summary.with(|s| s.totals);
    let announcement = move || {
        let t = totals();
        format!(
            "{}, {} {}",
            i18n.families_selected(t.count),
            i18n.t(Text::SummaryNet),
            t.net().format_cny()
        )
    };
    let issuer_lines = move || {
        summary.with(|s| {
            s.shows_issuer_lines().then(|| {
                let lines = s
                    .by_issuer
                    .iter()
                    .cloned()
                    .map(|f| {
                        let settlement = settlement_of(&f.issuer_id);
                        view! { <IssuerLine figures=f settlement/> }
                    })
                    .collect_view();
                view! {
                    <ul class="inv-summary__issuers" aria-label=i18n.t(Text::SummaryByIssuer)>
                        {lines}
                    </ul>
                }
            })
        })
    };
    view! {
        <section class="inv-summary" data-testid="summary" aria-label=i18n.t(Text::SummaryLabel)>
            <dl class="inv-summary__figures">
                <div>
                    <dt>{i18n.t(Text::SummaryCount)}</dt>
                    <dd data-testid="summary-count">{move || totals().count}</dd>
                </div>
                <div>
                    <dt>{i18n.t(Text::SummaryPositive)}</dt>
                    <dd class="inv-num" data-testid="summary-positive">{move || totals().positive.format_cny()}</dd>
                </div>
                <div>
                    <dt>{i18n.t(Text::SummaryNegative)}</dt>
                    <dd class="inv-num" data-testid="summary-negative">{move || totals().negative.format_cny()}</dd>
                </div>
                <div class="inv-summary__net">
                    <dt>{i18n.t(Text::SummaryNet)}</dt>
                    <dd class="inv-num" data-testid="summary-net">{move || totals().net().format_cny()}</dd>
                </div>
                {move || {
                    settlements
                        .with(|s| s.as_deref().map(selection_totals))
                        .map(|(arrears, to_invoice)| view! { <ArrearsFigures arrears to_invoice/> })
                }}
            </dl>
            <button
                type="button"
                class="inv-button"
                data-testid="clear-selection"
                disabled=move || totals().count == 0
                on:click=move |_| store.clear()
            >
                {i18n.t(Text::ClearSelection)}
            </button>
            {move || {
                let hidden = hidden.get();
                (hidden > 0).then(|| view! {
                    <p class="inv-summary__hidden" data-testid="summary-hidden" data-count=hidden>
                        {i18n.hidden_selected(hidden)}
                    </p>
                })
            }}
            {issuer_lines}
            <Shortfalls settlements session summary/>
            <p class="inv-visually-hidden" role="status" aria-live="polite">{announcement}</p>
        </section>
    }
}

/// One invoicing entity's figures.
#[component]
fn IssuerLine(
    /// The entity and its totals.
    figures: IssuerFigures,
    /// Its arrears against the selection, once the session is known.
    settlement: Option<IssuerSettlement>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let t = figures.totals;
    let with_arrears = settlement.is_some();
    view! {
        <li
            class="inv-summary__issuer"
            class:inv-summary__issuer--arrears=with_arrears
            data-testid="summary-entity" data-issuer-id=figures.issuer_id.clone()>
            <span class="inv-summary__issuer-name">{figures.issuer_name.clone()}</span>
            <span>{i18n.families_selected(t.count)}</span>
            <span class="inv-num">
                <span class="inv-summary__label">{i18n.t(Text::SummaryPositive)}</span>
                <span data-testid="summary-positive">{t.positive.format_cny()}</span>
            </span>
            <span class="inv-num">
                <span class="inv-summary__label">{i18n.t(Text::SummaryNegative)}</span>
                <span data-testid="summary-negative">{t.negative.format_cny()}</span>
            </span>
            <span class="inv-num inv-summary__net">
                <span class="inv-summary__label">{i18n.t(Text::SummaryNet)}</span>
                <span data-testid="summary-net">{t.net().format_cny()}</span>
            </span>
            {settlement.map(|s| self::arrears::issuer_arrears(i18n, &s))}
        </li>
    }
}
