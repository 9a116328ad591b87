//! Texts of arrears and the amount to invoice in the summary (R12, R13), and of "Next" and why
//! it is not enabled (R14).

use invoicing::arrears::Shortfall;
use invoicing::readiness::NotReady;
use invoicing::Money;

use super::{I18n, Locale};

crate::texts! {
    /// A fixed text about arrears and "Next".
    ArrearsText {
        SummaryArrears => "欠费", "Arrears";
        SummaryToInvoice => "本次开票金额", "Amount to invoice";
        ShortfallsLabel => "欠费未抵扣", "Arrears not covered";
        Next => "下一步", "Next";
        ReasonRealName => "账号尚未完成实名认证，无法申请开票。", "This account has no real-name verification, so it cannot apply for invoices.";
        ReasonLoading => "正在加载，请稍候。", "Still loading, please wait.";
        ReasonNothingSelected => "请先勾选要开票的记录。", "Select the records to invoice first.";
        ReasonNoIssuer => "请选择开票主体。", "Choose an invoicing entity.";
        ReasonNoAmount => "请输入开票金额。", "Enter the amount to invoice.";
        ReasonBalanceNotLoaded => "正在查询可开票余额，请稍候。", "Reading the invoiceable balance, please wait.";
    }
}

impl I18n {
    /// How much more must be selected for a pool to cover its arrears (R12). `entity` is the
    /// invoicing entity's name; `accounts` the names of the pool's accounts, given only when
    /// each account covers its own arrears (R13, offsetting closed) and there are several.
    pub fn arrears_shortfall(
        self,
        shortfall: &Shortfall,
        entity: &str,
        accounts: &[String],
    ) -> String {
        let more = shortfall.more.format_cny();
        let owed = shortfall.arrears.format_cny();
        let names = accounts.join(self.list_separator());
        match (self.0, accounts.is_empty()) {
            (Locale::ZhCn, true) => {
                format!("{entity}：欠费 {owed}，还需再勾选超过 {more} 的记录才能抵扣。")
            }
            (Locale::ZhCn, false) => format!(
                "{entity}：账号 {names} 欠费 {owed}，只能由该账号自己的记录抵扣，还需再勾选超过 {more} 的该账号记录。"
            ),
            (Locale::En, true) => format!(
                "{entity}: select more than {more} more to cover the arrears of {owed}."
            ),
            (Locale::En, false) => format!(
                "{entity}: account {names} owes {owed}, which only its own records can cover; select more than {more} more of its records."
            ),
        }
    }

    /// Why "Next" is not enabled (R14), for the text beside the button.
    pub fn not_ready(self, reason: &NotReady) -> String {
        let fixed = match reason {
            NotReady::RealNameRequired => ArrearsText::ReasonRealName,
            NotReady::Loading => ArrearsText::ReasonLoading,
            NotReady::NothingSelected => ArrearsText::ReasonNothingSelected,
            NotReady::NoIssuer => ArrearsText::ReasonNoIssuer,
            NotReady::NoAmount => ArrearsText::ReasonNoAmount,
            NotReady::BalanceNotLoaded => ArrearsText::ReasonBalanceNotLoaded,
            NotReady::ArrearsNotCovered(s) => {
                let (more, owed) = (s.more.format_cny(), s.arrears.format_cny());
                return match self.0 {
                    Locale::ZhCn => format!(
                        "所选记录不足以抵扣欠费 {owed}：还需再勾选超过 {more} 的记录（详见汇总）。"
                    ),
                    Locale::En => format!(
                        "The selection does not cover arrears of {owed}: select more than {more} more (see the summary)."
                    ),
                };
            }
            NotReady::AmountInvalid(e) => return self.amount_error(e, Money::ZERO),
        };
        self.t(fixed).to_owned()
    }

    fn list_separator(self) -> &'static str {
        match self.0 {
            Locale::ZhCn => "、",
            Locale::En => ", ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use invoicing::amount_entry::AmountError;

    fn shortfall() -> Shortfall {
        Shortfall {
            issuer_id: "CLOUD_SERVICE".into(),
            account_ids: vec!["1469318753028467".into()],
            arrears: Money::from_cents(128_640),
            selected_net: Money::from_cents(108_000),
            more: Money::from_cents(20_640),
            pooled: true,
        }
    }

    #[test]
    fn r12_the_shortfall_says_how_much_more_and_which_entity_and_accounts() {
        let en = I18n(Locale::En);
        let pooled = en.arrears_shortfall(&shortfall(), "Cloud Co.", &[]);
        assert!(
            pooled.contains("Cloud Co.") && pooled.contains("¥206.40"),
            "{pooled}"
        );
        let own = en.arrears_shortfall(&shortfall(), "Cloud Co.", &["R&D".into()]);
        assert!(own.contains("R&D") && own.contains("¥1,286.40"), "{own}");
        let zh = I18n(Locale::ZhCn).arrears_shortfall(&shortfall(), "星舟云", &[]);
        assert!(zh.contains("¥206.40"), "{zh}");
    }

    #[test]
    fn r14_every_reason_has_a_text_in_both_languages() {
        let reasons = [
            NotReady::RealNameRequired,
            NotReady::Loading,
            NotReady::NothingSelected,
            NotReady::ArrearsNotCovered(shortfall()),
            NotReady::NoIssuer,
            NotReady::NoAmount,
            NotReady::BalanceNotLoaded,
            NotReady::AmountInvalid(AmountError::Zero),
        ];
        for locale in [Locale::ZhCn, Locale::En] {
            for r in &reasons {
                assert!(!I18n(locale).not_ready(r).is_empty(), "{r:?}");
            }
        }
    }
}
