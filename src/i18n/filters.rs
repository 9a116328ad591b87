//! Texts of the filters above the grid (R04).

use super::{I18n, Locale};

crate::texts! {
    /// A fixed text of the filters.
    FilterText {
        FiltersLabel => "筛选", "Filters";
        Issuer => "开票主体", "Invoicing entity";
        AllIssuers => "全部开票主体", "All entities";
        Status => "状态", "Status";
        AllStatuses => "全部", "All";
        StatusInvoiceable => "可开票", "Invoiceable";
        StatusNotInvoiceable => "暂不可开票", "Temporarily non-invoiceable";
        Accounts => "成员账号", "Member accounts";
        AllAccounts => "全部账号", "All accounts";
        Product => "产品", "Product";
        AllProducts => "全部产品", "All products";
        ProductsLoading => "正在加载产品…", "Loading products…";
        ProductsFailed => "产品列表加载失败", "The products could not be loaded";
        Retry => "重试", "Retry";
        CycleFrom => "账期从", "Billing cycle from";
        CycleTo => "账期至", "Billing cycle to";
        CyclePlaceholder => "YYYY-MM", "YYYY-MM";
        CycleHint => "格式：年-月，如 2026-08", "Format: year-month, e.g. 2026-08";
        CycleMalformed => "账期格式应为 YYYY-MM，如 2026-08", "Write the billing cycle as YYYY-MM, e.g. 2026-08";
        TimesReversed => "结束时间不能早于开始时间", "The end time cannot be before the start time";
        CyclesReversed => "结束账期不能早于开始账期", "The last billing cycle cannot be before the first";
        NotApplied => "筛选未生效，仍按上一次的条件显示", "Not applied: the list still shows the previous filters";
        Search => "订单号 / 账单号", "Order or bill number";
        SearchPlaceholder => "输入订单号或账单号", "Search order or bill number";
        Reset => "重置筛选", "Reset filters";
    }
}

impl I18n {
    /// The account filter's summary: all, one account's name, or how many are chosen.
    pub fn accounts_chosen(self, chosen: &[&str]) -> String {
        match (self.locale(), chosen) {
            (_, []) => self.t(FilterText::AllAccounts).to_owned(),
            (_, [one]) => (*one).to_owned(),
            (Locale::ZhCn, many) => format!("已选 {} 个账号", many.len()),
            (Locale::En, many) => format!("{} accounts", many.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_account_summary_names_one_and_counts_several() {
        let en = I18n(Locale::En);
        assert_eq!(en.accounts_chosen(&[]), "All accounts");
        assert_eq!(en.accounts_chosen(&["Ops"]), "Ops");
        assert_eq!(en.accounts_chosen(&["Ops", "Dev"]), "2 accounts");
    }
}
