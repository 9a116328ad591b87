//! Steps 3 and 4 and the result (R15–R23): which step is shown, the mode, the server's preview
//! beside the app's own split, each invoice's details, the submission with its idempotency key,
//! and the refusal. Kept in the draft (R22) through [`crate::state::DraftKeeper::step`].
//!
//! The flow computes no money: the split is the domain's ([`split_records`]) and the server's,
//! compared by [`compare_splits`]; the details are checked by [`invoicing::details`].

mod another;
mod details;
mod submit;

use std::sync::Arc;

use invoicing::application::{
    ApplicationBasis, ApplicationDraft, ApplicationPreview, Mode, PlannedInvoice,
};
use invoicing::confirmation::{compare_splits, offers_mode_choice, SplitDifference};
use invoicing::saved::{InvoiceTitle, MailingAddress};
use invoicing::split::split_records;
use invoicing::FamilyRecord;
use leptos::prelude::*;

pub use details::{DetailsDraft, InvoiceEntry};
pub use submit::SubmitState;

use super::{DraftKeeper, DraftStores, FamilyStore, Session, StepDraft};
use crate::api::{ApiClient, ApiError};

/// Where the application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowStep {
    /// Step 2: choosing records or an amount.
    Choose,
    /// Step 3: the mode and the invoices to be issued (R15, R16).
    Split,
    /// Step 4: each invoice's title, type and delivery, and the submission (R17–R21).
    Details,
    /// The application was created.
    Done,
}

impl FlowStep {
    /// The step's number as the draft keeps it.
    pub fn number(self) -> u8 {
        match self {
            FlowStep::Choose => 2,
            FlowStep::Split => 3,
            FlowStep::Details => 4,
            FlowStep::Done => 5,
        }
    }
}

/// The server's preview and how the app's own split differs from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewView {
    pub preview: ApplicationPreview,
    /// Empty when the app's split equals the server's to the cent; always empty by amount,
    /// where the server picks the documents.
    pub differences: Vec<SplitDifference>,
}

/// Where the preview stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewState {
    Idle,
    Loading,
    Ready(PreviewView),
    /// The preview was refused or failed; Retry asks again (R23, R30).
    Failed(ApiError),
}

/// The account's saved titles and addresses (`GET /invoice-titles`, `GET /addresses`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    Loading,
    Ready {
        titles: Vec<InvoiceTitle>,
        addresses: Vec<MailingAddress>,
    },
    Failed(ApiError),
}

/// Where previews and saved data come from: the API, or nothing (component tests set them).
#[derive(Clone)]
enum Backend {
    Api(ApiClient),
    Manual,
}

/// The confirmation steps' state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct ApplicationFlow {
    backend: StoredValue<Backend>,
    stores: Option<DraftStores>,
    session: StoredValue<Session>,
    step: RwSignal<FlowStep>,
    basis: RwSignal<ApplicationBasis>,
    mode: RwSignal<Mode>,
    preview: RwSignal<PreviewState>,
    reference: RwSignal<Reference>,
    entries: RwSignal<Vec<InvoiceEntry>>,
    /// Details typed for invoice groups, kept across previews and reloads.
    kept: StoredValue<Vec<InvoiceEntry>>,
    /// The page's draft keeper (none in component tests).
    keeper: Option<DraftKeeper>,
    /// The draft's steps 3 and 4 (the idempotency key among them).
    step_draft: RwSignal<Option<StepDraft>>,
    submit: RwSignal<SubmitState>,
    /// A `SPLIT_MISMATCH` or `STALE_AMOUNTS` replaced the invoices: confirm again (R23).
    new_split: RwSignal<bool>,
    /// The run of the newest preview, so that a late answer is dropped.
    run: StoredValue<u64>,
    /// The records of the last grid preview (for the app's split and for naming records).
    records: StoredValue<Vec<Arc<FamilyRecord>>>,
    /// The instance's host, told about a submission (none in component tests).
    embed: StoredValue<Option<crate::embed::EmbedContext>>,
}

impl ApplicationFlow {
    /// The flow of the page: previews and saved data from `client`, the selection from
    /// `stores`, kept in `step_draft` (the [`crate::state::DraftKeeper::step`]).
    pub fn new(
        client: ApiClient,
        stores: DraftStores,
        session: Session,
        keeper: DraftKeeper,
    ) -> ApplicationFlow {
        let flow =
            ApplicationFlow::build(Backend::Api(client), Some(stores), session, Some(keeper));
        flow.read_draft();
        flow.keep_in_draft();
        flow
    }

    /// A flow with no backend, for component tests: previews, saved data and answers are set
    /// with [`Self::receive_preview`], [`Self::receive_reference`] and [`Self::show_step`].
    pub fn manual(session: Session, basis: ApplicationBasis) -> ApplicationFlow {
        let flow = ApplicationFlow::build(Backend::Manual, None, session, None);
        flow.basis.set(basis);
        flow
    }

    fn build(
        backend: Backend,
        stores: Option<DraftStores>,
        session: Session,
        keeper: Option<DraftKeeper>,
    ) -> ApplicationFlow {
        ApplicationFlow {
            backend: StoredValue::new(backend),
            stores,
            session: StoredValue::new(session),
            step: RwSignal::new(FlowStep::Choose),
            basis: RwSignal::new(ApplicationBasis::Order),
            mode: RwSignal::new(Mode::Independent),
            preview: RwSignal::new(PreviewState::Idle),
            reference: RwSignal::new(Reference::Loading),
            entries: RwSignal::new(Vec::new()),
            kept: StoredValue::new(Vec::new()),
            keeper,
            step_draft: keeper.map_or_else(|| RwSignal::new(None), DraftKeeper::step),
            submit: RwSignal::new(SubmitState::Idle),
            new_split: RwSignal::new(false),
            run: StoredValue::new(0),
            records: StoredValue::new(Vec::new()),
            embed: StoredValue::new(crate::embed::EmbedContext::use_context()),
        }
    }

    pub fn step(self) -> Signal<FlowStep> {
        self.step.into()
    }

    pub fn basis(self) -> Signal<ApplicationBasis> {
        self.basis.into()
    }

    pub fn mode(self) -> Signal<Mode> {
        self.mode.into()
    }

    pub fn preview(self) -> Signal<PreviewState> {
        self.preview.into()
    }

    pub fn reference(self) -> Signal<Reference> {
        self.reference.into()
    }

    pub fn entries(self) -> Signal<Vec<InvoiceEntry>> {
        self.entries.into()
    }

    pub fn submit_state(self) -> Signal<SubmitState> {
        self.submit.into()
    }

    /// Whether a refusal replaced the invoices with the server's current split (R23).
    pub fn new_split(self) -> Signal<bool> {
        self.new_split.into()
    }

    /// The session the flow applies for.
    pub fn session(self) -> Session {
        self.session.get_value()
    }

    /// Shows `step` (component tests, and the progress's own moves).
    pub fn show_step(self, step: FlowStep) {
        self.step.set(step);
    }

    /// "Next" on step 2 (enabled per R14): step 3 for `basis`, its preview asked for.
    pub fn start(self, basis: ApplicationBasis) {
        if self.basis.get_untracked() != basis {
            self.mode.set(Mode::Independent);
        }
        self.basis.set(basis);
        self.new_split.set(false);
        self.submit.set(SubmitState::Idle);
        if !self.offers_mode_choice_untracked() {
            self.mode.set(Mode::Independent);
        }
        self.step.set(FlowStep::Split);
        self.load_preview();
        if !matches!(self.reference.get_untracked(), Reference::Ready { .. }) {
            self.load_reference();
        }
    }

    /// "Next" on the tab shown: step 3 for its basis.
    pub fn start_from_tab(self) {
        if let Some(stores) = self.stores {
            self.start(stores.basis.get_untracked());
        }
    }

    /// The page's grid store of `basis`; `None` by amount or without stores.
    pub fn grid_store(self, basis: ApplicationBasis) -> Option<FamilyStore> {
        self.stores.and_then(|s| grid_store(s, basis))
    }

    /// "Back": the step before, nothing lost.
    pub fn back(self) {
        self.step.update(|s| {
            *s = match *s {
                FlowStep::Details => FlowStep::Split,
                _ => FlowStep::Choose,
            }
        });
    }

    /// Step 3 → 4, once the preview is there; the application's idempotency key is created
    /// now (or the draft's is kept, R21).
    pub fn to_details(self) {
        if !matches!(self.preview.get_untracked(), PreviewState::Ready(_)) {
            return;
        }
        self.idempotency_key();
        self.step.set(FlowStep::Details);
    }

    /// Whether the independent/consolidated choice is offered (R15): records (or, by amount,
    /// chosen accounts) of more than one account.
    pub fn offers_mode_choice(self) -> Signal<bool> {
        Signal::derive(move || {
            let ids = self.selected_accounts(true);
            offers_mode_choice(ids.iter().map(String::as_str))
        })
    }

    fn offers_mode_choice_untracked(self) -> bool {
        let ids = untrack(|| self.selected_accounts(false));
        offers_mode_choice(ids.iter().map(String::as_str))
    }

    /// The accounts of what is selected on the flow's basis.
    fn selected_accounts(self, track: bool) -> Vec<String> {
        let Some(stores) = self.stores else {
            return self.preview.with(|p| match p {
                PreviewState::Ready(v) => v
                    .preview
                    .invoices
                    .iter()
                    .flat_map(|i| i.account_ids.clone())
                    .collect(),
                _ => Vec::new(),
            });
        };
        let basis = if track {
            self.basis.get()
        } else {
            self.basis.get_untracked()
        };
        match grid_store(stores, basis) {
            Some(store) => store
                .checked_records()
                .iter()
                .map(|r| r.account_id().to_owned())
                .collect(),
            None => stores.amount.accounts().get(),
        }
    }

    /// Chooses independent or consolidated invoicing (R15) and asks for the new split.
    pub fn choose_mode(self, mode: Mode) {
        if self.mode.get_untracked() == mode {
            return;
        }
        self.mode.set(mode);
        self.load_preview();
    }

    /// The draft of what is selected now, as the preview and the application send it.
    pub fn draft(self) -> Option<ApplicationDraft> {
        let stores = self.stores?;
        let mode = self.mode.get_untracked();
        let basis = self.basis.get_untracked();
        match basis.candidates() {
            Some(b) => {
                let store = grid_store(stores, basis)?;
                Some(ApplicationDraft::by_candidates(
                    b,
                    store.checked_document_ids(),
                    mode,
                ))
            }
            None => {
                let amount = stores.amount;
                let issuer = amount.issuer().get_untracked()?;
                let money = amount.parsed().get_untracked()?.ok()?;
                Some(ApplicationDraft::by_amount(
                    issuer,
                    amount.accounts().get_untracked(),
                    money,
                    mode,
                ))
            }
        }
    }

    /// Asks the server for the split of what is selected now (R16). Retry asks again.
    pub fn load_preview(self) {
        let Backend::Api(client) = self.backend.get_value() else {
            return;
        };
        let Some(draft) = self.draft() else {
            return;
        };
        let run = self.next_run();
        let records = self
            .stores
            .and_then(|s| grid_store(s, self.basis.get_untracked()))
            .map(|s| untrack(|| s.checked_records()))
            .unwrap_or_default();
        self.records.set_value(records);
        self.preview.set(PreviewState::Loading);
        leptos::task::spawn_local(async move {
            let answer = client.preview(&draft).await;
            if let Err(error) = &answer {
                client.retry_after_sign_in(error, move || {
                    if self.run.try_with_value(|r| *r == run) == Some(true) {
                        self.load_preview();
                    }
                });
            }
            if self.run.try_with_value(|r| *r == run) == Some(true) {
                self.receive_preview(answer);
            }
        });
    }

    fn next_run(self) -> u64 {
        self.run
            .try_update_value(|r| {
                *r += 1;
                *r
            })
            .unwrap_or_default()
    }

    /// The server's answer to the preview: shown beside the app's own split (order, bill),
    /// and each invoice given its details (kept ones by group).
    pub fn receive_preview(self, answer: Result<ApplicationPreview, ApiError>) {
        match answer {
            Ok(preview) => {
                let differences = self.differences(&preview.invoices);
                self.set_invoices(&preview.invoices);
                self.preview.set(PreviewState::Ready(PreviewView {
                    preview,
                    differences,
                }));
            }
            Err(error) => self.preview.set(PreviewState::Failed(error)),
        }
    }

    /// Shows a preview as it is, with its differences (component tests).
    pub fn show_preview(self, view: PreviewView) {
        self.set_invoices(&view.preview.invoices);
        self.preview.set(PreviewState::Ready(view));
    }

    /// How the app's own split of the selected records differs from `server` (R16); nothing
    /// by amount, where the server picks the documents.
    fn differences(self, server: &[PlannedInvoice]) -> Vec<SplitDifference> {
        if self.basis.get_untracked() == ApplicationBasis::Amount || self.stores.is_none() {
            return Vec::new();
        }
        let book = self.session.with_value(Session::arrears_book);
        let ours = self.records.with_value(|records| {
            split_records(
                records.iter().map(|r| r.as_ref()),
                self.mode.get_untracked(),
                &book,
            )
            .map(|s| s.planned())
            .unwrap_or_default()
        });
        compare_splits(&ours, server)
    }

    /// The records of the selection whose documents are `ids`: each family's business id,
    /// for naming the records a refusal concerns (R23).
    pub fn business_ids(self, ids: &[String]) -> Vec<String> {
        self.records.with_value(|records| {
            ids.iter()
                .map(|id| {
                    records
                        .iter()
                        .find(|r| r.document_ids().any(|d| d == *id))
                        .map_or_else(|| id.clone(), |r| r.business_id().to_owned())
                })
                .collect()
        })
    }

    /// Drops from the selection the records `ids` name (R23), keeps the rest, and asks for the
    /// new split; back to step 2 when nothing is left.
    pub fn drop_records(self, ids: &[String]) {
        let Some(store) = self
            .stores
            .and_then(|s| grid_store(s, self.basis.get_untracked()))
        else {
            return;
        };
        store.uncheck_documents(ids);
        self.submit.set(SubmitState::Idle);
        if store.checked_document_ids().is_empty() {
            self.preview.set(PreviewState::Idle);
            self.step.set(FlowStep::Choose);
            return;
        }
        if !self.offers_mode_choice_untracked() {
            self.mode.set(Mode::Independent);
        }
        self.step.set(FlowStep::Split);
        self.load_preview();
    }

    /// Reads the saved titles and addresses (R17). Retry reads them again.
    pub fn load_reference(self) {
        let Backend::Api(client) = self.backend.get_value() else {
            return;
        };
        self.reference.set(Reference::Loading);
        leptos::task::spawn_local(async move {
            let answer = match futures::join!(client.titles(), client.addresses()) {
                (Ok(t), Ok(a)) => Ok((t, a)),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            if let Err(error) = &answer {
                client.retry_after_sign_in(error, move || {
                    if matches!(
                        self.reference.try_get_untracked(),
                        Some(Reference::Failed(_))
                    ) {
                        self.load_reference();
                    }
                });
            }
            self.receive_reference(answer);
        });
    }

    /// The saved titles and addresses, or why they could not be read.
    pub fn receive_reference(
        self,
        answer: Result<(Vec<InvoiceTitle>, Vec<MailingAddress>), ApiError>,
    ) {
        if self.session.try_get_value().is_none() {
            return;
        }
        self.reference.set(match answer {
            Ok((titles, addresses)) => Reference::Ready { titles, addresses },
            Err(e) => Reference::Failed(e),
        });
        self.fill_defaults();
    }

    /// Once the page's selection is restored after a reload, goes back to the draft's step 3
    /// or 4 (R22): when the basis's grid has loaded every page and "Next" would be enabled.
    pub fn resume_when(self, ready: Signal<bool>) {
        let Some(step) = self
            .step_draft
            .with_untracked(|d| d.as_ref().map(|d| d.step))
        else {
            return;
        };
        if !(3..=4).contains(&step) {
            return;
        }
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            if !ready.get() {
                return false;
            }
            untrack(|| {
                self.start(self.basis.get_untracked());
                if step == 4 {
                    self.to_details_when_previewed();
                }
            });
            true
        });
    }

    fn to_details_when_previewed(self) {
        Effect::new(move |done: Option<bool>| {
            if done == Some(true) {
                return true;
            }
            let ready = self.preview.with(|p| matches!(p, PreviewState::Ready(_)));
            if ready {
                untrack(|| self.to_details());
            }
            ready || self.preview.with(|p| matches!(p, PreviewState::Failed(_)))
        });
    }

    /// The draft's steps 3–4 read back: the basis comes from the page's tab, the mode and the
    /// details typed from the draft.
    fn read_draft(self) {
        let Some(d) = self.step_draft.get_untracked() else {
            return;
        };
        if let Some(mode) = d.mode {
            self.mode.set(mode);
        }
        if let Ok(details) = serde_json::from_value::<DetailsDraft>(d.details) {
            self.kept.set_value(details.invoices);
        }
        if let Some(stores) = self.stores {
            self.basis.set(stores.basis.get_untracked());
        }
    }

    /// Writes the step, the mode and the details to the draft on every change (R22).
    fn keep_in_draft(self) {
        Effect::new(move |_| {
            let step = self.step.get();
            let mode = self.mode.get();
            self.entries.track();
            if step == FlowStep::Done {
                return;
            }
            let details = untrack(|| self.details_draft());
            self.step_draft.update(|d| {
                let d = d.get_or_insert_with(StepDraft::default);
                d.step = step.number();
                d.mode = Some(mode);
                let sent = serde_json::from_value::<DetailsDraft>(d.details.clone())
                    .ok()
                    .and_then(|old| old.sent_body);
                d.details = serde_json::to_value(DetailsDraft {
                    sent_body: sent,
                    ..details
                })
                .unwrap_or_default();
            });
        });
    }
}

/// The grid store of a basis; `None` by amount.
fn grid_store(stores: DraftStores, basis: ApplicationBasis) -> Option<FamilyStore> {
    match basis {
        ApplicationBasis::Order => Some(stores.orders),
        ApplicationBasis::Bill => Some(stores.bills),
        ApplicationBasis::Amount => None,
    }
}
