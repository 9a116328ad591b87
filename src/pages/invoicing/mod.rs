//! The "Invoicing" page, step 2: the real-name gate (R01) and the three bases as tabs (R03),
//! each over its own store, with its filters, summary and "Next" (R04, R10–R14).

mod amount_panel;
mod application;
mod family_panel;

use invoicing::api::{Basis, Issuer};
use invoicing::application::ApplicationBasis;
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{ApplicationProgress, BasisTab, BasisTabs, RealNameNotice};
use crate::config::Config;
use crate::state::{
    AmountStore, ApplicationFlow, DraftKeeper, DraftStores, FamilyStore, FilterForm, FlowStep,
    Session,
};
use amount_panel::AmountPanel;
use application::{ready_to_resume, ApplicationSteps};
use family_panel::FamilyPanel;

/// Creates the stores of the three bases once, for as long as the page lives, so that each tab
/// keeps its selection, filters and typed input while the user moves between tabs (R03).
///
/// The session is a prop (read by the start page before this page exists) and is handed on to
/// the panels as a prop; it is not in the context.
///
/// The orders load at once, as the tab shown first. The bills load the first time their tab is
/// shown: a user who never opens it costs no requests, and the first page of orders, which the
/// benchmark times, never shares the network with the bills. A restored draft with checked bills
/// loads them at once, so they are checked again.
///
/// Everything chosen and typed is kept as the account's draft and restored after a reload
/// (R22, [`DraftKeeper`], in the context for steps 3 and 4). The page's client, in the context
/// for its children, sends the session's CSRF token on every `POST`.
///
/// Without real-name verification (R01) the page says why and links to verification, and
/// every store is read-only: nothing can be checked, no amount accepted, "Next" never enables.
#[component]
pub fn InvoicingPage(
    /// Who is signed in, with their accounts and arrears.
    session: Session,
    /// The invoicing entities (`GET /issuers`).
    issuers: Vec<Issuer>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>().with_csrf_token(session.csrf_token.clone());
    provide_context(client.clone());
    let config = use_context::<Config>().unwrap_or_default();
    let can_apply = session.can_apply();
    let orders = FamilyStore::new(Basis::Order);
    let bills = FamilyStore::new(Basis::Bill);
    let amount = AmountStore::new(client.clone());
    for store in [orders, bills] {
        store.set_issuers(issuers.clone());
        store.set_read_only(!can_apply);
    }
    let (order_filters, bill_filters) =
        (FilterForm::new(Basis::Order), FilterForm::new(Basis::Bill));
    let issuers = Signal::stored(issuers);
    let active = RwSignal::new(BasisTab::Order);
    let stores = DraftStores {
        orders,
        order_filters,
        bills,
        bill_filters,
        amount,
        basis: Signal::derive(move || application_basis(active.get())),
    };
    let drafts = DraftKeeper::new(&session.profile.account_id, stores);
    let restored = drafts.restore();
    if let Some(draft) = &restored {
        active.set(basis_tab(draft.basis));
    }
    let bills_checked = restored
        .as_ref()
        .is_some_and(|d| !d.bills.checked.is_empty());
    drafts.keep();
    provide_context(drafts);
    // Steps 3 and 4 (R15–R23): after the draft is restored, so they read its step.
    let flow = ApplicationFlow::new(client.clone(), stores, session.clone(), drafts);
    provide_context(flow);
    if let Some(draft) = &restored {
        let amount_ready = amount.readiness(can_apply);
        let amount_ready = Signal::derive(move || amount_ready.with(Result::is_ok));
        flow.resume_when(ready_to_resume(flow, draft.basis, &session, amount_ready));
    }

    orders.load(client.clone());
    Effect::new(move |loaded: Option<bool>| {
        if loaded == Some(true) {
            return true;
        }
        let shown = bills_checked || active.get() == BasisTab::Bill;
        if shown {
            bills.load(client.clone());
        }
        shown
    });

    let notice = (!can_apply).then(|| view! { <RealNameNotice verify_url=config.real_name_url/> });
    let (s1, s2, s3) = (session.clone(), session.clone(), session);
    let step = flow.step();
    let on_step2 = move || step.get() == FlowStep::Choose;
    view! {
        <section class="inv-page">
            {notice}
            <ApplicationProgress step/>
            <div class="inv-step2" hidden=move || !on_step2()>
            <BasisTabs
                active
                order=move || view! {
                    <FamilyPanel store=orders form=order_filters session=s1.clone() issuers/>
                }
                bill=move || view! {
                    <FamilyPanel store=bills form=bill_filters session=s2.clone() issuers/>
                }
                amount=move || view! { <AmountPanel store=amount session=s3.clone() issuers/> }
            />
            </div>
            <ApplicationSteps flow issuers/>
        </section>
    }
}

/// The draft's name of a tab.
fn application_basis(tab: BasisTab) -> ApplicationBasis {
    match tab {
        BasisTab::Order => ApplicationBasis::Order,
        BasisTab::Bill => ApplicationBasis::Bill,
        BasisTab::Amount => ApplicationBasis::Amount,
    }
}

/// The tab of a draft's basis.
fn basis_tab(basis: ApplicationBasis) -> BasisTab {
    match basis {
        ApplicationBasis::Order => BasisTab::Order,
        ApplicationBasis::Bill => BasisTab::Bill,
        ApplicationBasis::Amount => BasisTab::Amount,
    }
}

/// What "Next" does: step 3 (independent or consolidated invoicing, the invoices to be issued,
/// R15–R16) for the tab shown, through the page's [`ApplicationFlow`].
fn next_step() -> Callback<()> {
    let flow = use_context::<ApplicationFlow>();
    Callback::new(move |()| {
        if let Some(flow) = flow {
            flow.start_from_tab();
        }
    })
}
