//! The three bases as WAI-ARIA tabs (R03): *by order details*, *by monthly bill*, *by amount*.
//!
//! A `tablist` of three `tab` buttons, each `aria-controls` its `tabpanel`, which is
//! `aria-labelledby` its tab. One tab is in the Tab sequence at a time (roving `tabindex`);
//! ←/→ move to the previous/next tab (wrapping), Home/End to the first/last, and the tab that
//! gets the focus is shown at once (automatic activation). Tab from the tab list goes into the
//! shown panel.
//!
//! A panel is mounted the first time its tab is shown and then stays mounted, hidden with the
//! `hidden` attribute while another tab is shown, so everything in it (the store's selection,
//! filters, typed text, the focused row) is exactly as the user left it. Chromium and Firefox
//! keep the scroll position of an element that is not displayed, so the grid comes back where
//! it was scrolled (`tests/basis_tabs.rs` checks it).

use leptos::html::Button;
use leptos::prelude::*;

use crate::i18n::{I18n, SessionText, Text};

/// One of the three bases, in the order of the tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BasisTab {
    #[default]
    Order,
    Bill,
    Amount,
}

impl BasisTab {
    /// Every tab, in their order on the page.
    pub const ALL: [BasisTab; 3] = [BasisTab::Order, BasisTab::Bill, BasisTab::Amount];

    /// The tab's name in ids and testing hooks (`data-testid=basis-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            BasisTab::Order => "order",
            BasisTab::Bill => "bill",
            BasisTab::Amount => "amount",
        }
    }

    fn index(self) -> usize {
        BasisTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    /// The tab a key moves to from this one (WAI-ARIA tabs pattern): `ArrowRight`/`ArrowLeft`
    /// the next/previous, wrapping around; `Home`/`End` the first/last. `None` for other keys.
    pub fn after_key(self, key: &str) -> Option<BasisTab> {
        let last = BasisTab::ALL.len() - 1;
        let index = match key {
            "ArrowRight" => (self.index() + 1) % BasisTab::ALL.len(),
            "ArrowLeft" => self.index().checked_sub(1).unwrap_or(last),
            "Home" => 0,
            "End" => last,
            _ => return None,
        };
        Some(BasisTab::ALL[index])
    }

    fn label(self, i18n: I18n) -> &'static str {
        match self {
            BasisTab::Order => i18n.t(Text::TabByOrder),
            BasisTab::Bill => i18n.t(SessionText::TabByBill),
            BasisTab::Amount => i18n.t(SessionText::TabByAmount),
        }
    }
}

/// The ids of one set of tabs and panels, unique on the page.
#[derive(Clone, Copy)]
struct TabIds(u32);

impl TabIds {
    fn next() -> TabIds {
        thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
        TabIds(NEXT.with(|n| n.replace(n.get() + 1)))
    }

    fn tab(self, tab: BasisTab) -> String {
        format!("inv-basis-{}-{}-tab", self.0, tab.key())
    }

    fn panel(self, tab: BasisTab) -> String {
        format!("inv-basis-{}-{}-panel", self.0, tab.key())
    }
}

/// The tab list and the three panels. `active` is the shown tab: the page reads it (to load a
/// basis when it is first shown) and may set it.
#[component]
pub fn BasisTabs(
    /// The tab shown.
    active: RwSignal<BasisTab>,
    /// The panel of *by order details*.
    #[prop(into)]
    order: ViewFn,
    /// The panel of *by monthly bill*.
    #[prop(into)]
    bill: ViewFn,
    /// The panel of *by amount*.
    #[prop(into)]
    amount: ViewFn,
) -> impl IntoView {
    let i18n = I18n::use_context();
    let ids = TabIds::next();
    let buttons = BasisTab::ALL.map(|_| NodeRef::<Button>::new());
    let button = move |tab: BasisTab| buttons[tab.index()];

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(next) = active.get_untracked().after_key(&ev.key()) else {
            return;
        };
        ev.prevent_default();
        active.set(next);
        if let Some(el) = button(next).get_untracked() {
            let _ = el.focus();
        }
    };
    let tab_button = move |tab: BasisTab| {
        let selected = move || active.get() == tab;
        view! {
            <button
                type="button"
                role="tab"
                class="inv-tab"
                class:inv-tab--active=selected
                id=ids.tab(tab)
                aria-controls=ids.panel(tab)
                aria-selected=move || selected().to_string()
                tabindex=move || if selected() { 0 } else { -1 }
                data-testid=format!("basis-{}", tab.key())
                node_ref=button(tab)
                on:click=move |_| active.set(tab)
            >
                {tab.label(i18n)}
            </button>
        }
    };
    let panel = move |tab: BasisTab, content: ViewFn| {
        let shown = move || active.get() == tab;
        // Mounted the first time it is shown, then kept.
        let visited =
            Memo::new(move |before: Option<&bool>| before.copied().unwrap_or(false) || shown());
        view! {
            <div
                role="tabpanel"
                class="inv-tabpanel"
                id=ids.panel(tab)
                aria-labelledby=ids.tab(tab)
                tabindex="0"
                hidden=move || !shown()
                data-testid=format!("basis-panel-{}", tab.key())
            >
                {move || visited.get().then(|| untrack(|| content.run()))}
            </div>
        }
    };

    view! {
        <div
            class="inv-tabs"
            role="tablist"
            aria-label=i18n.t(SessionText::BasesLabel)
            on:keydown=on_keydown
        >
            {BasisTab::ALL.map(tab_button)}
        </div>
        {panel(BasisTab::Order, order)}
        {panel(BasisTab::Bill, bill)}
        {panel(BasisTab::Amount, amount)}
    }
}

#[cfg(test)]
mod tests {
    use super::BasisTab::{self, *};

    #[test]
    fn arrows_move_between_tabs_and_wrap_around() {
        assert_eq!(Order.after_key("ArrowRight"), Some(Bill));
        assert_eq!(Bill.after_key("ArrowRight"), Some(Amount));
        assert_eq!(Amount.after_key("ArrowRight"), Some(Order));
        assert_eq!(Order.after_key("ArrowLeft"), Some(Amount));
        assert_eq!(Amount.after_key("ArrowLeft"), Some(Bill));
    }

    #[test]
    fn home_and_end_go_to_the_first_and_last_tab() {
        for tab in BasisTab::ALL {
            assert_eq!(tab.after_key("Home"), Some(Order));
            assert_eq!(tab.after_key("End"), Some(Amount));
            assert_eq!(tab.after_key("Enter"), None);
            assert_eq!(tab.after_key("ArrowDown"), None);
        }
    }
}
