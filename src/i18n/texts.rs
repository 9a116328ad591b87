//! The fixed texts of the app, each in Simplified Chinese and English.

/// Declares a catalog: an enum of fixed texts, each with its Simplified Chinese and English
/// wording. Each feature keeps its own catalog in its own file under `i18n/`.
#[macro_export]
macro_rules! texts {
    ($(#[$meta:meta])* $enum:ident { $($name:ident => $zh:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($name,)* }

        impl $enum {
            /// Every text, for the test that checks both languages are present.
            pub const ALL: &'static [$enum] = &[$($enum::$name,)*];

            /// The text in `locale`.
            pub fn in_locale(self, locale: $crate::i18n::Locale) -> &'static str {
                use $crate::i18n::Locale;
                match (self, locale) {
                    $(($enum::$name, Locale::ZhCn) => $zh, ($enum::$name, Locale::En) => $en,)*
                }
            }
        }

        impl From<$enum> for $crate::i18n::Catalog {
            fn from(text: $enum) -> $crate::i18n::Catalog {
                $crate::i18n::Catalog(text.in_locale($crate::i18n::Locale::ZhCn), text.in_locale($crate::i18n::Locale::En))
            }
        }
    };
}

texts! {
    /// A fixed text of the grid, the summary and the load state.
    Text {
    AppTitle => "开票申请", "Invoice application";
    PageInvoicing => "开票", "Invoicing";
    TabByOrder => "按订单明细开票", "By order details";
    GridLabel => "可开票的消费记录", "Consumption records that can be invoiced";
    ColSelect => "选择", "Select";
    ColExpand => "负向单据", "Negative documents";
    ColNumber => "订单号 / 单据号", "Order / document number";
    ColProductOrKind => "产品 / 单据类型", "Product / document type";
    ColAccount => "账号", "Account";
    ColCycleOrDate => "账期 / 日期", "Billing cycle / date";
    ColIssuer => "开票主体", "Invoicing entity";
    ColTaxRate => "税率", "Tax rate";
    ColInvoiceable => "可开票金额", "Invoiceable amount";
    ColNegatives => "退款与冲减", "Refunds and reductions";
    ColNet => "净额", "Net amount";
    ColStatus => "状态", "Status";
    StatusInvoiceable => "可开票", "Invoiceable";
    KindRefund => "退款", "Refund";
    KindAllocationReduction => "分摊冲减", "Allocation reduction";
    KindAdjustmentReduction => "调账冲减", "Adjustment reduction";
    ReasonNetNotPositive => "负向单据冲抵后净额不大于零，无可开票金额", "After its negative documents the net is zero or below: nothing to invoice";
    ReasonBillNotFinal => "账单尚未出账，出账后可开票", "The bill is not final yet; it can be invoiced once it is";
    ReasonBillUnderAdjustment => "账单正在调账，调账完成后可开票", "The bill is being adjusted; it can be invoiced afterwards";
    ReasonPaymentNotConfirmed => "付款尚未确认，确认后可开票", "The payment is not confirmed yet; it can be invoiced once it is";
    ReasonRefundInProgress => "退款处理中，完成后可开票", "A refund is in progress; it can be invoiced once it is done";
    ReasonOrderUnderReview => "订单正在审核，审核通过后可开票", "The order is under review; it can be invoiced once approved";
    ReasonOther => "暂不可开票", "Temporarily not invoiceable";
    EmptyGrid => "没有可开票的消费记录", "There are no consumption records to invoice";
    Loading => "正在加载消费记录…", "Loading consumption records…";
    LoadFailed => "无法加载消费记录", "The consumption records could not be loaded";
    Retry => "重试", "Retry";
    ErrorNetwork => "无法连接开票服务，请检查网络后重试。", "The invoicing service could not be reached. Check the connection and try again.";
    ErrorSessionExpired => "登录已过期，请重新登录后重试；已选内容会保留。", "Your session has expired. Sign in again, then retry; your selection is kept.";
    ErrorUnavailable => "开票服务暂时不可用，请稍后重试。", "The invoicing service is unavailable for now. Try again shortly.";
    ErrorRateLimited => "请求过于频繁，请稍后重试。", "Too many requests. Wait a moment and try again.";
    ErrorUnexpected => "开票服务返回了无法识别的结果，请重试。", "The invoicing service sent an answer the app does not understand. Try again.";
    ErrorServer => "开票服务出错，未做任何更改，请重试。", "Something went wrong on the invoicing service; nothing was changed. Try again.";
    SummaryLabel => "已选汇总", "Selection summary";
    SummaryCount => "已选", "Selected";
    SummaryPositive => "正向金额", "Positive amounts";
    SummaryNegative => "负向金额", "Negative amounts";
    SummaryNet => "合计可开票金额", "Net amount to invoice";
    SummaryByIssuer => "按开票主体", "By invoicing entity";
    ClearSelection => "清空已选", "Clear selection";
    Dismiss => "知道了", "Dismiss";
    LoadingMore => "正在加载更多记录", "Loading more records";
}
}
