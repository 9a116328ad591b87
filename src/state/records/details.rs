//! One invoice's details (R25): `GET /invoice-records/{invoiceId}` for the invoice the user
//! opened, with loading, failure and retry; an answer for an invoice no longer open is dropped.

use invoicing::invoice_record::InvoiceRecordDetail;
use leptos::prelude::*;

use crate::api::{ApiClient, ApiError};

/// Where the open invoice's details stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailsState {
    Loading,
    Ready(Box<InvoiceRecordDetail>),
    Failed(ApiError),
}

/// Which invoice's details are open, and their state. `Copy`.
#[derive(Clone, Copy)]
pub struct DetailsStore {
    client: StoredValue<ApiClient>,
    open: RwSignal<Option<String>>,
    state: RwSignal<DetailsState>,
}

impl DetailsStore {
    pub fn new(client: ApiClient) -> DetailsStore {
        DetailsStore {
            client: StoredValue::new(client),
            open: RwSignal::new(None),
            state: RwSignal::new(DetailsState::Loading),
        }
    }

    /// The invoice whose details are open.
    pub fn open_id(self) -> ReadSignal<Option<String>> {
        self.open.read_only()
    }

    pub fn state(self) -> ReadSignal<DetailsState> {
        self.state.read_only()
    }

    /// Opens (or reloads) the details of `invoice_id`.
    pub fn open(self, invoice_id: String) {
        self.open.set(Some(invoice_id.clone()));
        self.state.set(DetailsState::Loading);
        let client = self.client.get_value();
        leptos::task::spawn_local(async move {
            let answer = client.record(&invoice_id).await;
            let still_open = self
                .open
                .try_with_untracked(|o| o.as_deref() == Some(invoice_id.as_str()))
                .unwrap_or(false);
            if let Err(error) = &answer {
                client.retry_after_sign_in(error, move || {
                    if matches!(
                        self.state.try_get_untracked(),
                        Some(DetailsState::Failed(_))
                    ) {
                        self.retry();
                    }
                });
            }
            if still_open {
                self.state.set(match answer {
                    Ok(detail) => DetailsState::Ready(Box::new(detail)),
                    Err(error) => DetailsState::Failed(error),
                });
            }
        });
    }

    /// Loads the open invoice's details again.
    pub fn retry(self) {
        if let Some(id) = self.open.get_untracked() {
            self.open(id);
        }
    }

    pub fn close(self) {
        self.open.set(None);
    }
}
