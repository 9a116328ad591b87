//! The state of the *by amount* tab (R11, R12): the chosen invoicing entity and accounts, the
//! text typed in the amount field exactly as typed, that entity's invoiceable balance, and what
//! the text reads as. A page creates one and keeps it, so all of it survives switching tabs.
//! No money is computed here: the domain's [`parse_amount`] reads the text against the balance.

use std::future::Future;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use invoicing::amount_entry::{parse_amount, AmountError};
use invoicing::api::{AccountId, InvoiceableBalance, IssuerId};
use invoicing::readiness::{amount_readiness, NotReady};
use invoicing::Money;
use leptos::prelude::*;

use super::{Session, SessionWatch};
use crate::api::{ApiClient, ApiError};

/// Where the balance of the current choice of entity and accounts stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BalanceState {
    /// No entity, or no account, is chosen: there is nothing to ask for.
    Unchosen,
    /// Asked for the current choice; no answer yet.
    Loading,
    /// The backend's answer for the current choice.
    Ready(InvoiceableBalance),
    /// Asking for the current choice failed; [`AmountStore::retry`] asks again (R30).
    Failed(ApiError),
}

/// Where balances come from: `GET /invoiceable-balance`, or a stand-in in tests.
type Source = Rc<
    dyn Fn(
        IssuerId,
        Vec<AccountId>,
    ) -> LocalBoxFuture<'static, Result<InvoiceableBalance, ApiError>>,
>;

/// What the amount text reads as: `None` until an entity is chosen and something was typed.
pub type Parsed = Option<Result<Money, AmountError>>;

/// The *by amount* tab's state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct AmountStore {
    /// Unique per store, so element ids of two stores on one page never clash.
    uid: u32,
    issuer: RwSignal<Option<IssuerId>>,
    /// Ascending, without repeats (the contract's `accountIds` order).
    accounts: RwSignal<Vec<AccountId>>,
    /// Whether the accounts were set for the session once; later sessions keep the choice.
    started: StoredValue<bool>,
    typed: RwSignal<String>,
    /// Whether the user has typed in the field; an untouched empty field has no message.
    touched: RwSignal<bool>,
    state: RwSignal<BalanceState>,
    /// Counts balance requests; an answer to an earlier one is dropped.
    run: StoredValue<u64>,
    source: StoredValue<Option<Source>, LocalStorage>,
    /// The page's session watch, if any: a balance refused with `401` is read again at Resume.
    watch: Option<SessionWatch>,
    parsed: Memo<Parsed>,
}

impl AmountStore {
    /// A store that reads balances from the backend through `client`.
    pub fn new(client: ApiClient) -> AmountStore {
        AmountStore::from_source(move |issuer, accounts| {
            let client = client.clone();
            async move { client.invoiceable_balance(&issuer, &accounts).await }
        })
    }

    /// A store that reads balances from `source` (entity, accounts ascending), e.g. a stand-in
    /// in tests.
    pub fn from_source<F, Fut>(source: F) -> AmountStore
    where
        F: Fn(IssuerId, Vec<AccountId>) -> Fut + 'static,
        Fut: Future<Output = Result<InvoiceableBalance, ApiError>> + 'static,
    {
        let source: Source = Rc::new(move |issuer, accounts| Box::pin(source(issuer, accounts)));
        AmountStore::build(Some(source))
    }

    /// A store that asks nobody: balances arrive only through [`AmountStore::set_balance`]
    /// (component tests, where there is no HTTP).
    pub fn manual() -> AmountStore {
        AmountStore::build(None)
    }

    fn build(source: Option<Source>) -> AmountStore {
        thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        let issuer = RwSignal::new(None::<IssuerId>);
        let accounts = RwSignal::new(Vec::<AccountId>::new());
        let typed = RwSignal::new(String::new());
        let touched = RwSignal::new(false);
        let state = RwSignal::new(BalanceState::Unchosen);
        let parsed = Memo::new(move |_| {
            if issuer.with(Option::is_none) {
                return None;
            }
            let available = state.with(|s| match s {
                BalanceState::Ready(b) => Some(b.available_amount),
                _ => None,
            });
            typed.with(|t| (touched.get() || !t.is_empty()).then(|| parse_amount(t, available)))
        });
        AmountStore {
            uid: NEXT.with(|n| n.replace(n.get() + 1)),
            issuer,
            accounts,
            started: StoredValue::new(false),
            typed,
            touched,
            state,
            run: StoredValue::new(0),
            source: StoredValue::new_local(source),
            watch: SessionWatch::use_context(),
            parsed,
        }
    }

    pub fn uid(self) -> u32 {
        self.uid
    }

    /// Sets the accounts for the signed-in session, once: every visible account for an
    /// enterprise's MA and administrators (R04), the own account for everyone else. Calling it
    /// again (a tab shown again) keeps what the user chose.
    pub fn start(self, session: &Session) {
        if self.started.get_value() {
            return;
        }
        self.started.set_value(true);
        let accounts = if session.sees_members() {
            session.accounts.iter().map(|a| a.id.clone()).collect()
        } else {
            vec![session.profile.account_id.clone()]
        };
        self.set_accounts(accounts);
    }

    /// Chooses the invoicing entity (`None`: none) and asks for its balance.
    pub fn choose_issuer(self, issuer: Option<IssuerId>) {
        if self.issuer.with_untracked(|i| *i == issuer) {
            return;
        }
        self.issuer.set(issuer);
        self.reload();
    }

    /// Chooses the accounts whose balance counts and asks for it again.
    pub fn set_accounts(self, mut accounts: Vec<AccountId>) {
        accounts.sort();
        accounts.dedup();
        self.started.set_value(true);
        if self.accounts.with_untracked(|a| *a == accounts) {
            return;
        }
        self.accounts.set(accounts);
        self.reload();
    }

    /// Adds (`chosen`) or removes one account.
    pub fn choose_account(self, account: &str, chosen: bool) {
        let mut accounts = self.accounts.get_untracked();
        accounts.retain(|a| a != account);
        if chosen {
            accounts.push(account.to_owned());
        }
        self.set_accounts(accounts);
    }

    /// Keeps what the user typed, exactly as typed (R11: never rounded nor altered).
    pub fn type_amount(self, text: String) {
        self.touched.set(true);
        self.typed.set(text);
    }

    /// Empties the amount as if nothing had been typed (a new application after one was made).
    pub fn clear_amount(self) {
        self.touched.set(false);
        self.typed.set(String::new());
    }

    /// Asks again for the balance of the current choice, after a failure (R30).
    pub fn retry(self) {
        self.reload();
    }

    /// Shows `balance` as the answer for its entity and accounts, and chooses them; a request
    /// still under way is dropped. For tests and for a page that has the balance already.
    pub fn set_balance(self, balance: InvoiceableBalance) {
        self.run.update_value(|r| *r += 1);
        self.started.set_value(true);
        self.issuer.set(Some(balance.issuer_id.clone()));
        let mut accounts = balance.account_ids.clone();
        accounts.sort();
        accounts.dedup();
        self.accounts.set(accounts);
        self.state.set(BalanceState::Ready(balance));
    }

    /// The chosen invoicing entity.
    pub fn issuer(self) -> Signal<Option<IssuerId>> {
        self.issuer.into()
    }

    /// The chosen accounts, ascending.
    pub fn accounts(self) -> Signal<Vec<AccountId>> {
        self.accounts.into()
    }

    /// The amount field's text, exactly as typed.
    pub fn typed(self) -> Signal<String> {
        self.typed.into()
    }

    /// Where the balance of the current choice stands.
    pub fn balance_state(self) -> Signal<BalanceState> {
        self.state.into()
    }

    /// The balance of the current choice, once it has arrived (never one of an earlier choice).
    pub fn balance(self) -> Signal<Option<InvoiceableBalance>> {
        let state = self.state;
        Signal::derive(move || match &*state.read() {
            BalanceState::Ready(b) => Some(b.clone()),
            _ => None,
        })
    }

    /// What the text reads as, by [`parse_amount`] against the balance's `availableAmount`
    /// (R11, R12: the arrears are already deducted from it). `None` while no entity is
    /// chosen, or the field is untouched and empty. While [`Self::balance`] is `None`
    /// (no account, loading, failed) only the text's form is checked, so an `Ok` is usable
    /// only together with a balance: [`Self::readiness`] says so.
    pub fn parsed(self) -> Signal<Parsed> {
        self.parsed.into()
    }

    /// Whether "Next" may be enabled on this tab, and if not why (R14), by the domain's
    /// [`amount_readiness`]; `can_apply` is [`Session::can_apply`] (R01).
    pub fn readiness(self, can_apply: bool) -> Signal<Result<(), NotReady>> {
        let (issuer, state, parsed) = (self.issuer, self.state, self.parsed);
        Signal::derive(move || {
            let balance_loaded = state.with(|s| matches!(s, BalanceState::Ready(_)));
            let amount = parsed.get().unwrap_or(Err(AmountError::Empty));
            amount_readiness(
                can_apply,
                issuer.with(Option::is_some),
                balance_loaded,
                &amount,
            )
        })
    }

    /// Starts a request for the current choice, or says there is nothing to ask for.
    fn reload(self) {
        let run = self
            .run
            .try_update_value(|r| {
                *r += 1;
                *r
            })
            .unwrap_or_default();
        let issuer = self.issuer.get_untracked();
        let accounts = self.accounts.get_untracked();
        let Some(issuer) = issuer.filter(|_| !accounts.is_empty()) else {
            self.state.set(BalanceState::Unchosen);
            return;
        };
        self.state.set(BalanceState::Loading);
        let Some(source) = self.source.get_value() else {
            return;
        };
        let answer = source(issuer, accounts);
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            if self.run.try_with_value(|r| *r == run) != Some(true) {
                return;
            }
            if let (Err(error), Some(watch)) = (&answer, self.watch) {
                if error.is_session_expired() {
                    watch.on_resume(move || {
                        if matches!(
                            self.state.try_get_untracked(),
                            Some(BalanceState::Failed(_))
                        ) {
                            self.retry();
                        }
                    });
                }
            }
            self.state.try_set(match answer {
                Ok(balance) => BalanceState::Ready(balance),
                Err(error) => BalanceState::Failed(error),
            });
        });
    }
}
