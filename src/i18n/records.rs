//! Texts of the invoicing records page (R24–R27): the page tabs, the filters, the list, the
//! details, the export and the download, and the texts with values in them (R28).

use invoicing::invoice_record::{DayProblem, InvoiceStatus, LineKind};

use super::{group, I18n, Locale, Text};

crate::texts! {
    /// A fixed text of the records page.
    RecordsText {
        PagesLabel => "页面", "Pages";
        PageApply => "申请开票", "Apply for invoices";
        PageRecords => "开票记录", "Invoicing records";
        Heading => "开票记录", "Invoicing records";
        ViewsLabel => "记录类型", "Kind of records";
        ViewIndependent => "独立开票记录", "Independent invoicing";
        ViewConsolidated => "合并开票记录", "Consolidated invoicing";
        FiltersLabel => "筛选开票记录", "Filter the records";
        StatusLabel => "状态", "Status";
        StatusAll => "全部", "All";
        StatusPending => "待开票", "Pending";
        StatusIssuing => "开票中", "Issuing";
        StatusInvoiced => "已开票", "Invoiced";
        StatusRejected => "已驳回", "Rejected";
        StatusCancelled => "已取消", "Cancelled";
        FromLabel => "申请日期从", "Applied from";
        ToLabel => "申请日期至", "Applied until";
        DayHint => "格式 YYYY-MM-DD，含当天（北京时间）", "YYYY-MM-DD, the day included (China time)";
        DayMalformed => "请按 YYYY-MM-DD 格式输入日期，例如 2026-11-12。", "Enter the date as YYYY-MM-DD, for example 2026-11-12.";
        DayImpossible => "没有这一天，请检查月份和日期。", "There is no such day; check the month and the day.";
        RangeReversed => "结束日期早于开始日期。", "The end date is before the start date.";
        FilterNotApplied => "筛选条件有误，列表仍按上次有效的条件显示。", "The filter is not valid; the list still shows the last valid filter.";
        ShowAll => "显示全部", "Show all";
        Refresh => "刷新", "Refresh";
        Export => "导出明细", "Export details";
        Exporting => "正在导出…", "Exporting…";
        ExportFailed => "导出失败：", "The export failed:";
        Loading => "正在加载开票记录…", "Loading invoicing records…";
        LoadFailed => "无法加载开票记录", "The invoicing records could not be loaded";
        Retry => "重试", "Retry";
        Empty => "没有符合条件的开票记录。", "No invoicing records match.";
        LoadMore => "加载更多", "Load more";
        LoadingMore => "正在加载更多…", "Loading more…";
        CursorExpired => "列表已过期，已从头重新加载。", "The list had expired and was loaded again from the start.";
        TableCaption => "开票记录（按申请时间从新到旧）", "Invoicing records, newest first";
        ColApplied => "申请日期", "Applied on";
        ColApplication => "申请编号", "Application";
        ColInvoice => "发票申请单号", "Invoice ID";
        ColEntity => "开票主体", "Invoicing entity";
        ColTitle => "发票抬头", "Invoice title";
        ColAmount => "金额", "Amount";
        ColTaxRate => "税率", "Tax rate";
        ColType => "发票类型", "Invoice type";
        ColStatus => "状态", "Status";
        ColNumber => "发票号码", "Invoice number";
        ColActions => "操作", "Actions";
        RejectReason => "驳回原因：", "Reason:";
        Details => "详情", "Details";
        Download => "下载发票", "Download invoice";
        Downloading => "正在下载…", "Downloading…";
        DownloadFailed => "下载失败：", "The download failed:";
        FileNotAvailable => "该发票尚未开具完成，暂无可下载的文件。", "This invoice has not been issued yet, so there is no file to download.";
        NotFound => "记录不存在或您无权查看。", "The record does not exist or you may not see it.";
        SaveFailed => "浏览器未能保存文件。", "The browser could not save the file.";
        DetailsHeading => "发票详情", "Invoice details";
        Close => "关闭", "Close";
        DetailsLoading => "正在加载发票详情…", "Loading the invoice's details…";
        DetailsFailed => "无法加载发票详情", "The invoice's details could not be loaded";
        InvoiceSection => "发票", "Invoice";
        TitleSection => "发票抬头信息", "Invoice title";
        DeliverySection => "交付方式", "Delivery";
        ApplicationSection => "所属申请", "Application";
        LinesSection => "开票明细", "Documents invoiced";
        IssuedAt => "开票时间", "Issued at";
        TaxId => "税号", "Tax ID";
        TitleType => "抬头类型", "Title type";
        TitleEnterprise => "企业", "Enterprise";
        TitleIndividual => "个人", "Individual";
        Bank => "开户银行", "Bank";
        BankAccount => "银行账号", "Bank account";
        RegisteredAddress => "注册地址", "Registered address";
        RegisteredPhone => "注册电话", "Registered phone";
        Emails => "接收邮箱", "E-mail addresses";
        Address => "邮寄地址", "Mailing address";
        Tracking => "快递单号", "Tracking number";
        Remark => "备注", "Remark";
        AppliedAt => "申请时间", "Applied at";
        Mode => "开票方式", "Mode";
        ModeIndependent => "独立开票", "Independent";
        ModeConsolidated => "合并开票", "Consolidated";
        Basis => "开票依据", "Basis";
        BasisOrder => "按订单", "By order";
        BasisBill => "按账单", "By bill";
        BasisAmount => "按金额", "By amount";
        Accounts => "所属账号", "Accounts";
        Applicant => "申请账号", "Applicant account";
        LinesCaption => "本发票包含的单据", "Documents this invoice covers";
        ColKind => "单据类型", "Document type";
        ColDocument => "单据编号", "Document number";
        ColAccount => "账号", "Account";
        ColCycle => "账期", "Billing cycle";
        ColProduct => "产品", "Product";
        ColLineAmount => "开票金额", "Amount invoiced";
        LinesTotal => "合计", "Total";
        LinesDiffer => "注意：明细合计与发票金额不一致，请联系客服核对。", "Warning: the documents do not add up to the invoice's amount; contact support to check it.";
        KindOrder => "订单", "Order";
        KindBill => "账单", "Bill";
        None => "—", "—";
    }
}

impl I18n {
    /// A status in words (R24).
    pub fn record_status(self, status: InvoiceStatus) -> &'static str {
        self.t(match status {
            InvoiceStatus::Pending => RecordsText::StatusPending,
            InvoiceStatus::Issuing => RecordsText::StatusIssuing,
            InvoiceStatus::Invoiced => RecordsText::StatusInvoiced,
            InvoiceStatus::Rejected => RecordsText::StatusRejected,
            InvoiceStatus::Cancelled => RecordsText::StatusCancelled,
        })
    }

    /// A line's kind of document (R25).
    pub fn line_kind(self, kind: LineKind) -> &'static str {
        match kind {
            LineKind::Order => self.t(RecordsText::KindOrder),
            LineKind::Bill => self.t(RecordsText::KindBill),
            LineKind::Refund => self.t(Text::KindRefund),
            LineKind::AllocationReduction => self.t(Text::KindAllocationReduction),
            LineKind::AdjustmentReduction => self.t(Text::KindAdjustmentReduction),
        }
    }

    /// Why a typed day is refused.
    pub fn day_problem(self, problem: DayProblem) -> &'static str {
        self.t(match problem {
            DayProblem::Malformed => RecordsText::DayMalformed,
            DayProblem::Impossible => RecordsText::DayImpossible,
        })
    }

    /// "Showing 50 of 120".
    pub fn records_shown(self, shown: usize, total: u64) -> String {
        let (shown, total) = (group(shown), group(total as usize));
        match self.0 {
            Locale::ZhCn => format!("显示 {shown} / 共 {total} 条"),
            Locale::En => format!("Showing {shown} of {total}"),
        }
    }

    /// The chip of the application filter.
    pub fn application_filter(self, application_id: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("申请 {application_id}"),
            Locale::En => format!("Application {application_id}"),
        }
    }

    /// The export's result.
    pub fn exported(self, file_name: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("已导出 {file_name}。"),
            Locale::En => format!("Exported {file_name}."),
        }
    }

    /// The download's result.
    pub fn downloaded(self, file_name: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("已下载 {file_name}。"),
            Locale::En => format!("Downloaded {file_name}."),
        }
    }

    /// Accessible name of a row's "Details".
    pub fn details_of(self, invoice_id: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("{invoice_id} 的详情"),
            Locale::En => format!("Details of {invoice_id}"),
        }
    }

    /// Accessible name of a row's "Download invoice".
    pub fn download_of(self, invoice_id: &str) -> String {
        match self.0 {
            Locale::ZhCn => format!("下载 {invoice_id} 的发票"),
            Locale::En => format!("Download the invoice of {invoice_id}"),
        }
    }
}
