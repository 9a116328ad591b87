//! What the invoicing page needs before it shows (R01): who is signed in (`GET /profile`), the
//! accounts it sees with their arrears (`GET /accounts`) and the invoicing entities
//! (`GET /issuers`), read side by side, with a retry after a failure.

use invoicing::api::Issuer;
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
}

impl SessionLoad {
    /// Nothing read yet; call [`SessionLoad::load`].
    pub fn new() -> SessionLoad {
        SessionLoad {
            status: RwSignal::new(SessionStatus::Loading),
        }
    }

    /// Reads the start (again, after a failure) and sets the status when every answer is in.
    pub fn load(self, client: ApiClient) {
        self.status.set(SessionStatus::Loading);
        leptos::task::spawn_local(async move {
            let status = match read_start(&client).await {
                Ok((session, issuers)) => SessionStatus::Ready { session, issuers },
                Err(error) => SessionStatus::Failed(error),
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

/// `GET /profile`, `GET /accounts` and `GET /issuers` at the same time; the first failure of
/// them, if any.
pub async fn read_start(client: &ApiClient) -> Result<(Session, Vec<Issuer>), ApiError> {
    let (profile, accounts, issuers) =
        futures::join!(client.profile(), client.accounts(), client.issuers());
    Ok((Session::new(profile?, accounts?), issuers?))
}
