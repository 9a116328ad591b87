//! The panel of the *by amount* tab: the entity (and accounts), the amount with the
//! invoiceable balance beside it, and "Next" (R11, R12, R14).

use invoicing::api::Issuer;
use leptos::prelude::*;

use super::next_step;
use crate::components::{AmountEntry, NextStep};
use crate::state::{AmountStore, Session};

/// The amount entry over the page's `store`, and "Next" enabled only for an amount the domain
/// accepts against the balance.
#[component]
pub fn AmountPanel(
    /// The tab's store, created by the page.
    store: AmountStore,
    /// Who is signed in.
    session: Session,
    /// The invoicing entities, for the entity picker.
    issuers: Signal<Vec<Issuer>>,
) -> impl IntoView {
    let readiness = store.readiness(session.can_apply());
    view! {
        <AmountEntry store session issuers/>
        <NextStep readiness on_next=next_step()/>
    }
}
