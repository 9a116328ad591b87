//! What the invoicing page needs before it shows (R01): who is signed in (`GET /profile`), the
//! accounts it sees with their arrears (`GET /accounts`) and the invoicing entities
//! (`GET /issuers`), read side by side, with a retry after a failure. When the host console says
//! which account it has signed in (`Config::account_id`), a profile of another account is a
//! failure (`ACCOUNT_MISMATCH`): the page, and that account's draft, do not show.

use invoicing::api::{Issuer, Problem};
use leptos::prelude::*;

use super::Session;
use crate::api::{ApiClient, ApiError};

/// Where reading the start of the page stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionStatus {
    /// Not every answer has arrived yet.
    Loading,
    /// One of the requests failed; the page shows its error and offers a retry.
    Failed(ApiError),
    /// Every answer arrived.
    Ready {
        session: Session,
        /// The invoicing entities, ordered by id: the entity filter's and picker's options.
        issuers: Vec<Issuer>,
    },
}

/// The start being read, as a reactive status. `Copy`: an arena handle.
#[derive(Clone, Copy)]
pub struct SessionLoad {
    status: RwSignal<SessionStatus>,
    /// The host's account, if it named one.
    expected_account: StoredValue<Option<String>>,
}

impl SessionLoad {
    /// Nothing read yet; call [`SessionLoad::load`].
    pub fn new() -> SessionLoad {
        SessionLoad {
            status: RwSignal::new(SessionStatus::Loading),
            expected_account: StoredValue::new(None),
        }
    }

    /// Refuses a profile of another account than `account_id` (the host console's).
    pub fn expecting_account(self, account_id: Option<String>) -> SessionLoad {
        self.expected_account.set_value(account_id);
        self
    }

    /// Reads the start (again, after a failure) and sets the status when every answer is in.
    pub fn load(self, client: ApiClient) {
        self.status.set(SessionStatus::Loading);
        let expected = self.expected_account.get_value();
        leptos::task::spawn_local(async move {
            let read = read_start(&client)
                .await
                .and_then(|start| check_account(start, expected.as_deref()));
            let status = match read {
                Ok((session, issuers)) => SessionStatus::Ready { session, issuers },
                Err(error) => {
                    // After a new sign-in, Resume reads the start again.
                    let again = client.clone();
                    client.retry_after_sign_in(&error, move || {
                        if matches!(
                            self.status.try_get_untracked(),
                            Some(SessionStatus::Failed(_))
                        ) {
                            self.load(again);
                        }
                    });
                    SessionStatus::Failed(error)
                }
            };
            // The page may be gone by now (a host console unmounted it).
            let _ = self.status.try_set(status);
        });
    }

    pub fn status(self) -> Signal<SessionStatus> {
        self.status.into()
    }
}

impl Default for SessionLoad {
    fn default() -> Self {
        SessionLoad::new()
    }
}

/// The start read, unless the host named another account than the profile's.
pub fn check_account(
    start: (Session, Vec<Issuer>),
    expected: Option<&str>,
) -> Result<(Session, Vec<Issuer>), ApiError> {
    match expected {
        Some(id) if id != start.0.profile.account_id => Err(ApiError::from_problem(Problem::new(
            409,
            ACCOUNT_MISMATCH,
            "Account mismatch",
            format!(
                "the host's account {id} is not the signed-in account {}",
                start.0.profile.account_id
            ),
        ))),
        _ => Ok(start),
    }
}

/// The code of a start refused because the host's account is not the signed-in one.
pub const ACCOUNT_MISMATCH: &str = "ACCOUNT_MISMATCH";

/// `GET /profile`, `GET /accounts` and `GET /issuers` at the same time; the first failure of
/// them, if any.
pub async fn read_start(client: &ApiClient) -> Result<(Session, Vec<Issuer>), ApiError> {
    let (profile, accounts, issuers) =
        futures::join!(client.profile(), client.accounts(), client.issuers());
    Ok((Session::new(profile?, accounts?), issuers?))
}
