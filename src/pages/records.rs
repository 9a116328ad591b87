//! The "Invoicing records" page (R24–R27): for an enterprise, the independent and consolidated
//! records as two WAI-ARIA tabs over one list; the filters, "Refresh", "Export details", the
//! list and one invoice's details. Mounted the first time it is shown; shown again, it reloads
//! the first page (statuses change on the server). An application asked for by the result of
//! a submission ([`PageNav::application`]) becomes the list's filter, on its mode's tab.

use invoicing::invoice_record::InvoiceMode;
use leptos::html::{Button, H2};
use leptos::prelude::*;

use crate::api::ApiClient;
use crate::components::{PageNav, RecordDetails, RecordExport, RecordFilterBar, RecordTable};
use crate::embed::instance_id;
use crate::i18n::{I18n, RecordsText};
use crate::state::records::{DetailsStore, FileStates, RecordsStore};
use crate::state::Session;

/// The records page.
#[component]
pub fn RecordsPage(
    /// Who is signed in: an enterprise profile gets the two tabs.
    session: Session,
    /// Whether the page is shown.
    #[prop(into)]
    shown: Signal<bool>,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let client = expect_context::<ApiClient>();
    let enterprise = session.profile.enterprise.is_some();
    let store = RecordsStore::new(client.clone(), enterprise);
    let details = DetailsStore::new(client.clone());
    let files = FileStates::new(client);
    let heading = NodeRef::<H2>::new();
    let nav = use_context::<PageNav>();

    // An application asked for elsewhere: its records, on its tab.
    if let Some(nav) = nav {
        Effect::new(move |_| {
            let Some((id, mode)) = nav.application.get() else {
                return;
            };
            nav.application.set(None);
            if enterprise {
                store.filters.view.set(Some(mode));
            }
            store.filters.application_id.set(Some(id));
            details.close();
            request_animation_frame(move || {
                if let Some(h) = heading.get_untracked() {
                    let _ = h.focus();
                }
            });
        });
    }
    store.follow_filters();
    // Shown again after another page: the statuses may have changed.
    Effect::new(move |before: Option<bool>| {
        let now = shown.get();
        if before == Some(false) && now {
            untrack(|| store.refresh());
        }
        now
    });

    let content = view! {
        <div class="inv-records-toolbar">
            <RecordFilterBar filters=store.filters/>
            <div class="inv-records-toolbar__actions">
                <button type="button" class="inv-button" data-testid="records-refresh" on:click=move |_| store.refresh()>
                    {i18n.t(RecordsText::Refresh)}
                </button>
                <RecordExport store files/>
            </div>
        </div>
        <RecordTable store details files/>
        <RecordDetails details/>
    };
    let heading_id = instance_id("records-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="inv-page inv-records" aria-labelledby=labelled_by data-testid="records">
            <h2 id=heading_id tabindex="-1" node_ref=heading>{i18n.t(RecordsText::Heading)}</h2>
            {if enterprise {
                view! { <ViewTabs view=store.filters.view>{content}</ViewTabs> }.into_any()
            } else {
                content.into_any()
            }}
        </section>
    }
}

/// The enterprise's two tabs (WAI-ARIA tabs, automatic activation, ←/→/Home/End) over one
/// panel: the list of the chosen kind.
#[component]
fn ViewTabs(view: RwSignal<Option<InvoiceMode>>, children: Children) -> impl IntoView {
    let i18n = I18n::use_context();
    const TABS: [(InvoiceMode, RecordsText, &str); 2] = [
        (
            InvoiceMode::Independent,
            RecordsText::ViewIndependent,
            "independent",
        ),
        (
            InvoiceMode::Consolidated,
            RecordsText::ViewConsolidated,
            "consolidated",
        ),
    ];
    let buttons = [NodeRef::<Button>::new(), NodeRef::<Button>::new()];
    let tab_ids = [
        instance_id("records-tab-independent"),
        instance_id("records-tab-consolidated"),
    ];
    let panel_id = instance_id("records-panel");
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let current = TABS
            .iter()
            .position(|t| Some(t.0) == view.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowLeft" => 1 - current,
            "Home" => 0,
            "End" => 1,
            _ => return,
        };
        ev.prevent_default();
        view.set(Some(TABS[next].0));
        if let Some(b) = buttons[next].get_untracked() {
            let _ = b.focus();
        }
    };
    let (ids, panel) = (tab_ids.clone(), panel_id.clone());
    let tab = move |(i, (mode, text, key)): (usize, (InvoiceMode, RecordsText, &'static str))| {
        let selected = move || view.get() == Some(mode);
        view! {
            <button
                type="button"
                role="tab"
                class="inv-tab"
                class:inv-tab--active=selected
                id=ids[i].clone()
                aria-controls=panel.clone()
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { 0 } else { -1 }
                data-testid=format!("records-{key}")
                node_ref=buttons[i]
                on:click=move |_| view.set(Some(mode))
            >
                {i18n.t(text)}
            </button>
        }
    };
    let labelled_by = move || match view.get() {
        Some(InvoiceMode::Consolidated) => tab_ids[1].clone(),
        _ => tab_ids[0].clone(),
    };
    view! {
        <div class="inv-tabs" role="tablist" aria-label=i18n.t(RecordsText::ViewsLabel) on:keydown=on_keydown>
            {TABS.into_iter().enumerate().map(tab).collect_view()}
        </div>
        <div role="tabpanel" class="inv-tabpanel" id=panel_id aria-labelledby=labelled_by>
            {children()}
        </div>
    }
}
