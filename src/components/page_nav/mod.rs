//! The app's two pages (issue 8): "Apply for invoices" and "Invoicing records", as a `<nav>` of
//! buttons with `aria-current="page"` on the one shown. [`PageNav`], in the context, lets the
//! result of a submission open the records of its application.

use invoicing::invoice_record::InvoiceMode;
use leptos::prelude::*;

use crate::i18n::{I18n, RecordsText};

/// A page of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Page {
    #[default]
    Apply,
    Records,
}

/// Which page shows, and an application whose records were asked for. `Copy`.
#[derive(Clone, Copy)]
pub struct PageNav {
    pub page: RwSignal<Page>,
    /// Set by "see the records of this application"; the records page takes it.
    pub application: RwSignal<Option<(String, InvoiceMode)>>,
}

impl PageNav {
    pub fn new() -> PageNav {
        PageNav {
            page: RwSignal::new(Page::Apply),
            application: RwSignal::new(None),
        }
    }

    /// Shows the records page filtered to one application (of `mode`, for the enterprise tab).
    pub fn show_application(self, application_id: String, mode: InvoiceMode) {
        self.application.set(Some((application_id, mode)));
        self.page.set(Page::Records);
    }
}

impl Default for PageNav {
    fn default() -> Self {
        PageNav::new()
    }
}

/// The page tabs.
#[component]
pub fn PageTabs(nav: PageNav) -> impl IntoView {
    let i18n = I18n::use_context();
    let button = move |page: Page, text: RecordsText, testid: &'static str| {
        let shown = move || nav.page.get() == page;
        view! {
            <button
                type="button"
                class="inv-pages__tab"
                class:inv-pages__tab--current=shown
                aria-current=move || shown().then_some("page")
                data-testid=testid
                on:click=move |_| nav.page.set(page)
            >
                {i18n.t(text)}
            </button>
        }
    };
    view! {
        <nav class="inv-pages" aria-label=i18n.t(RecordsText::PagesLabel)>
            {button(Page::Apply, RecordsText::PageApply, "page-apply")}
            {button(Page::Records, RecordsText::PageRecords, "page-records")}
        </nav>
    }
}
