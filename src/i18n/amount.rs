//! Texts of the "by amount" tab (R11), and the message for each way a typed amount is refused.

use invoicing::amount_entry::AmountError;
use invoicing::api::Account;
use invoicing::Money;

use super::{I18n, Locale};

crate::texts! {
    /// A fixed text of the "by amount" tab.
    AmountText {
        TabByAmount => "按金额开票", "By amount";
        SectionLabel => "按金额开票", "Invoice by amount";
        IssuerLabel => "开票主体", "Invoicing entity";
        IssuerPlaceholder => "请选择开票主体", "Choose an invoicing entity";
        AccountsLegend => "计入的账号", "Accounts counted";
        AllAccounts => "全部账号", "All accounts";
        NoAccountChosen => "请至少选择一个账号。", "Choose at least one account.";
        AmountLabel => "开票金额（元）", "Amount to invoice (CNY)";
        AmountHint => "最多两位小数，可带 ¥ 和千位分隔符，如 ¥1,234.56", "Up to two decimals; ¥ and thousands separators are allowed, e.g. ¥1,234.56";
        AvailableLabel => "可开票余额", "Available to invoice";
        InvoiceableLabel => "可开票消费", "Invoiceable consumption";
        ArrearsLabel => "扣除欠费", "Arrears deducted";
        ArrearsPerAccount => "各账号的欠费只从该账号自己的消费中扣除。", "Each account's arrears are deducted from its own consumption only.";
        ChooseIssuerFirst => "选择开票主体后显示可开票余额。", "Choose an invoicing entity to see its invoiceable balance.";
        BalanceLoading => "正在查询可开票余额…", "Reading the invoiceable balance…";
        BalanceFailed => "无法查询可开票余额", "The invoiceable balance could not be read";
        ErrorEmpty => "请输入开票金额。", "Enter the amount to invoice.";
        ErrorNotANumber => "金额只能包含数字和一个小数点，如 1234.56。", "Use digits and at most one decimal point, e.g. 1234.56.";
        ErrorNegative => "开票金额不能为负数。", "The amount cannot be negative.";
        ErrorTooManyDecimals => "金额最多两位小数（精确到分）。", "Use at most two decimals (to the cent).";
        ErrorZero => "开票金额必须大于零。", "The amount must be more than zero.";
        ErrorTooLarge => "金额位数过多。", "The amount has too many digits.";
    }
}

impl I18n {
    /// Why the typed amount is refused (R11), one message per reason. Over the balance it says
    /// the most that can be invoiced, and the arrears already deducted from it when there are
    /// any (R12).
    pub fn amount_error(self, error: &AmountError, arrears: Money) -> String {
        let text = match error {
            AmountError::Empty => AmountText::ErrorEmpty,
            AmountError::NotANumber => AmountText::ErrorNotANumber,
            AmountError::Negative => AmountText::ErrorNegative,
            AmountError::TooManyDecimals => AmountText::ErrorTooManyDecimals,
            AmountError::Zero => AmountText::ErrorZero,
            AmountError::TooLarge => AmountText::ErrorTooLarge,
            AmountError::OverBalance { balance } => {
                return self.over_balance(*balance, arrears);
            }
        };
        self.t(text).to_owned()
    }

    fn over_balance(self, most: Money, arrears: Money) -> String {
        let (most, arrears_text) = (most.format_cny(), arrears.format_cny());
        match (self.0, arrears.is_positive()) {
            (Locale::ZhCn, false) => format!("超出可开票余额，最多可开 {most}。"),
            (Locale::ZhCn, true) => {
                format!("超出可开票余额，最多可开 {most}（已扣除欠费 {arrears_text}）。")
            }
            (Locale::En, false) => {
                format!("More than the invoiceable balance: at most {most} can be invoiced.")
            }
            (Locale::En, true) => format!(
                "More than the invoiceable balance: at most {most} can be invoiced \
                 (after {arrears_text} of arrears)."
            ),
        }
    }

    /// An account in the accounts picker: its name and id.
    pub fn account_option(self, account: &Account) -> String {
        format!("{} ({})", account.name, account.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r11_each_refusal_has_its_own_message_in_both_languages() {
        let errors = [
            AmountError::Empty,
            AmountError::NotANumber,
            AmountError::Negative,
            AmountError::TooManyDecimals,
            AmountError::Zero,
            AmountError::TooLarge,
            AmountError::OverBalance {
                balance: Money::from_cents(10_000),
            },
        ];
        for locale in [Locale::ZhCn, Locale::En] {
            let i18n = I18n(locale);
            let messages: Vec<String> = errors
                .iter()
                .map(|e| i18n.amount_error(e, Money::ZERO))
                .collect();
            let mut unique = messages.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), errors.len(), "{locale:?}: {messages:?}");
        }
    }

    #[test]
    fn r12_over_the_balance_says_the_maximum_and_the_arrears_deducted() {
        let over = AmountError::OverBalance {
            balance: Money::from_cents(10_970_960),
        };
        let en = I18n(Locale::En).amount_error(&over, Money::from_cents(128_640));
        assert!(
            en.contains("¥109,709.60") && en.contains("¥1,286.40"),
            "{en}"
        );
        let zh = I18n(Locale::ZhCn).amount_error(&over, Money::ZERO);
        assert!(zh.contains("¥109,709.60") && !zh.contains("欠费"), "{zh}");
    }
}
