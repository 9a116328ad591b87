//! Every visible text of the app, in Simplified Chinese and English (R28), in one place.
//!
//! Components never write a user-facing literal: they ask [`I18n::t`] for a [`Text`], or a
//! function here for a text with values in it. Server texts are shown only for codes we do not
//! know, as the contract asks.

mod amount;
mod application;
mod arrears;
mod embed;
mod faults;
mod filters;
mod records;
mod session;
mod texts;

pub use amount::AmountText;
pub use application::ApplicationText;
pub use arrears::ArrearsText;
pub use embed::EmbedText;
pub use faults::FaultText;
pub use filters::FilterText;
use invoicing::api::{Basis, NegativeKind};
use invoicing::{Checkability, Dropped};
pub use records::RecordsText;
pub use session::SessionText;
pub use texts::Text;

/// Every fixed text of every catalog, named, for the test that both languages are present.
pub fn all_texts() -> Vec<(String, Catalog)> {
    fn named<T: Copy + std::fmt::Debug + Into<Catalog>>(all: &[T]) -> Vec<(String, Catalog)> {
        all.iter()
            .map(|t| (format!("{t:?}"), (*t).into()))
            .collect()
    }
    [
        named(Text::ALL),
        named(SessionText::ALL),
        named(FilterText::ALL),
        named(AmountText::ALL),
        named(ArrearsText::ALL),
        named(ApplicationText::ALL),
        named(RecordsText::ALL),
        named(EmbedText::ALL),
        named(FaultText::ALL),
    ]
    .concat()
}

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    ZhCn,
    En,
}

impl Locale {
    /// Reads a language tag such as `zh-CN`, `zh`, `en-US`; `None` for other languages.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// The tag sent as `Accept-Language` and written to `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::En => "en",
        }
    }
}

/// One fixed text in both languages (Simplified Chinese, English); every catalog converts into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Catalog(pub &'static str, pub &'static str);

/// The app's language, provided as context at the root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n(pub Locale);

impl I18n {
    /// The context set by the app's root; English when there is none (component tests).
    pub fn use_context() -> I18n {
        leptos::prelude::use_context::<I18n>().unwrap_or(I18n(Locale::En))
    }

    /// A fixed text of any catalog (`Text`, or a feature's own catalog) in this language.
    pub fn t(self, text: impl Into<Catalog>) -> &'static str {
        let Catalog(zh, en) = text.into();
        match self.0 {
            Locale::ZhCn => zh,
            Locale::En => en,
        }
    }

    pub fn locale(self) -> Locale {
        self.0
    }

    /// The name of a kind of negative document (R06).
    pub fn negative_kind(self, kind: NegativeKind) -> &'static str {
        self.t(match kind {
            NegativeKind::Refund => Text::KindRefund,
            NegativeKind::AllocationReduction => Text::KindAllocationReduction,
            NegativeKind::AdjustmentReduction => Text::KindAdjustmentReduction,
        })
    }

    /// Why a document is temporarily not invoiceable, by the backend's reason code (R05); the
    /// backend's own text for codes this version does not know.
    pub fn not_invoiceable_reason(self, code: Option<&str>, server_text: Option<&str>) -> String {
        let known = match code {
            Some("BILL_NOT_FINAL") => Some(Text::ReasonBillNotFinal),
            Some("BILL_UNDER_ADJUSTMENT") => Some(Text::ReasonBillUnderAdjustment),
            Some("PAYMENT_NOT_CONFIRMED") => Some(Text::ReasonPaymentNotConfirmed),
            Some("REFUND_IN_PROGRESS") => Some(Text::ReasonRefundInProgress),
            Some("ORDER_UNDER_REVIEW") => Some(Text::ReasonOrderUnderReview),
            _ => None,
        };
        match (known, server_text) {
            (Some(text), _) => self.t(text).to_owned(),
            (None, Some(server)) if !server.trim().is_empty() => server.to_owned(),
            (None, _) => self.t(Text::ReasonOther).to_owned(),
        }
    }

    /// Why a family cannot be checked (R05, R08); `None` when it can.
    pub fn not_checkable_reason(self, checkability: &Checkability) -> Option<String> {
        match checkability {
            Checkability::Checkable => None,
            Checkability::NotInvoiceable { code, reason } => {
                Some(self.not_invoiceable_reason(code.as_deref(), reason.as_deref()))
            }
            Checkability::NetNotPositive { .. } => {
                Some(self.t(Text::ReasonNetNotPositive).to_owned())
            }
        }
    }

    /// Accessible name of a family's checkbox.
    pub fn select_family(self, business_id: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("选择订单 {business_id}"),
            Locale::En => format!("Select order {business_id}"),
        }
    }

    /// Accessible name of a negative document's (always disabled) checkbox.
    pub fn negative_follows_original(self, business_id: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("{business_id} 随原单一起勾选"),
            Locale::En => format!("{business_id} is selected together with its original"),
        }
    }

    /// Accessible name of the "+"/"-" control (R06).
    pub fn expand_family(self, expanded: bool, count: usize, business_id: &str) -> String {
        match (self.0, expanded) {
            (Locale::ZhCn, false) => format!("展开订单 {business_id} 的 {count} 笔负向单据"),
            (Locale::ZhCn, true) => format!("收起订单 {business_id} 的负向单据"),
            (Locale::En, false) => {
                format!("Show the {count} negative document(s) of order {business_id}")
            }
            (Locale::En, true) => format!("Hide the negative documents of order {business_id}"),
        }
    }

    /// What one family of `basis` is called, for a count.
    fn records(self, basis: Basis, count: usize) -> &'static str {
        match (self.0, basis, count) {
            (Locale::ZhCn, Basis::Order, _) => "订单",
            (Locale::ZhCn, Basis::Bill, _) => "账单",
            (Locale::En, Basis::Order, 1) => "order",
            (Locale::En, Basis::Order, _) => "orders",
            (Locale::En, Basis::Bill, 1) => "bill",
            (Locale::En, Basis::Bill, _) => "bills",
        }
    }

    /// Accessible name of the header's "select all" checkbox (R09).
    pub fn select_all(self, basis: Basis) -> String {
        match self.0 {
            Locale::ZhCn => format!("全选所有可开票{}", self.records(basis, 2)),
            Locale::En => format!("Select all invoiceable {}", self.records(basis, 2)),
        }
    }

    /// What "select all" did (R09): how many it checked, and whether later pages follow.
    pub fn selected_all(self, basis: Basis, count: usize, continuing: bool) -> String {
        let what = self.records(basis, count);
        match (self.0, continuing) {
            (Locale::ZhCn, false) => format!("已全选 {} 个可开票{what}。", group(count)),
            (Locale::ZhCn, true) => format!(
                "已选 {} 个可开票{what}；其余记录仍在加载，加载后会自动选中。",
                group(count)
            ),
            (Locale::En, false) => format!("Selected all {} invoiceable {what}.", group(count)),
            (Locale::En, true) => format!(
                "Selected {} invoiceable {what} so far; the rest are still loading and will be selected as they arrive.",
                group(count)
            ),
        }
    }

    /// Why checked families were unchecked by a reload, never silently (R05, R07).
    pub fn dropped(self, basis: Basis, dropped: Dropped) -> String {
        let mut parts = Vec::new();
        let n = dropped.not_checkable;
        if n > 0 {
            let what = self.records(basis, n);
            parts.push(match (self.0, n) {
                (Locale::ZhCn, _) => format!("{n} 个已选{what}已不可开票，已取消勾选。"),
                (Locale::En, 1) => {
                    format!("1 checked {what} is no longer invoiceable and was unchecked.")
                }
                (Locale::En, _) => {
                    format!("{n} checked {what} are no longer invoiceable and were unchecked.")
                }
            });
        }
        let n = dropped.gone;
        if n > 0 {
            let what = self.records(basis, n);
            parts.push(match (self.0, n) {
                (Locale::ZhCn, _) => format!("{n} 个已选{what}已不在列表中，已取消勾选。"),
                (Locale::En, 1) => {
                    format!("1 checked {what} is no longer listed and was unchecked.")
                }
                (Locale::En, _) => {
                    format!("{n} checked {what} are no longer listed and were unchecked.")
                }
            });
        }
        parts.join(" ")
    }

    /// The progress bar's text: families loaded of the total.
    pub fn loaded_of(self, basis: Basis, loaded: usize, total: u64) -> String {
        let what = self.records(basis, 2);
        match self.0 {
            Locale::ZhCn => format!(
                "已加载 {} / {} 个{what}",
                group(loaded),
                group(total as usize)
            ),
            Locale::En => format!(
                "Loaded {} of {} {what}",
                group(loaded),
                group(total as usize)
            ),
        }
    }

    /// "N families selected" for the summary.
    pub fn families_selected(self, count: usize) -> String {
        match self.0 {
            Locale::ZhCn => format!("已选 {count} 项"),
            Locale::En if count == 1 => "1 family selected".to_owned(),
            Locale::En => format!("{count} families selected"),
        }
    }

    /// Selected families that the filters hide: still selected and counted (R04).
    pub fn hidden_selected(self, count: usize) -> String {
        let n = group(count);
        match self.0 {
            Locale::ZhCn => format!("其中 {n} 项已选记录不在当前筛选结果中，仍计入合计"),
            Locale::En if count == 1 => {
                "1 selected family is hidden by the filters; it stays selected and counted"
                    .to_owned()
            }
            Locale::En => {
                format!("{n} selected families are hidden by the filters; they stay selected and counted")
            }
        }
    }
}

/// `12345` → `"12,345"`: counts are read, not parsed.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r28_language_tags_are_understood() {
        assert_eq!(Locale::parse("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("zh"), Some(Locale::ZhCn));
        assert_eq!(Locale::parse("en-US"), Some(Locale::En));
        assert_eq!(Locale::parse("fr"), None);
    }

    #[test]
    fn r28_every_text_exists_in_both_languages() {
        for (name, Catalog(zh, en)) in all_texts() {
            assert!(!zh.is_empty() && !en.is_empty(), "{name}");
        }
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(100000), "100,000");
        assert_eq!(group(1234567), "1,234,567");
    }

    #[test]
    fn dropped_families_are_told_in_numbers() {
        let en = I18n(Locale::En);
        let d = Dropped {
            not_checkable: 2,
            gone: 1,
        };
        assert_eq!(
            en.dropped(Basis::Order, d),
            "2 checked orders are no longer invoiceable and were unchecked. \
             1 checked order is no longer listed and was unchecked."
        );
        assert_eq!(en.dropped(Basis::Order, Dropped::default()), "");
    }

    #[test]
    fn r05_unknown_reason_codes_show_the_server_text() {
        let en = I18n(Locale::En);
        assert_eq!(
            en.not_invoiceable_reason(Some("NEW_CODE"), Some("server says")),
            "server says"
        );
        assert_ne!(
            en.not_invoiceable_reason(Some("ORDER_UNDER_REVIEW"), Some("x")),
            "x"
        );
        assert_eq!(
            en.not_invoiceable_reason(None, None),
            en.t(Text::ReasonOther)
        );
    }
}
