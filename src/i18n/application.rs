//! Texts of steps 3 and 4 and of the result: the progress, the mode, the invoices to be issued,
//! the invoice details, the submission, and every problem code of the contract in words
//! (R15–R23, R28).

use invoicing::application::InvoiceType;
use invoicing::details::{EmailFault, EmailProblem};
use invoicing::Money;

use super::{I18n, Locale};

crate::texts! {
    /// A fixed text of the confirmation steps.
    ApplicationText {
        Progress => "申请进度", "Application progress";
        StepChoose => "选择记录", "Choose records";
        StepSplit => "确认发票", "Review invoices";
        StepDetails => "填写发票信息", "Invoice details";
        StepDone => "提交完成", "Submitted";
        Back => "上一步", "Back";
        Next => "下一步", "Next";
        Retry => "重试", "Retry";
        ModeLegend => "开票方式", "How to invoice the accounts";
        ModeIndependent => "独立开票（每个账号分别开票）", "Independent (each account invoiced separately)";
        ModeConsolidated => "合并开票（多个账号合并开票）", "Consolidated (accounts invoiced together)";
        PreviewLoading => "正在计算将开具的发票…", "Working out the invoices to be issued…";
        PreviewFailed => "无法计算将开具的发票。", "The invoices to be issued could not be worked out.";
        ColEntity => "开票主体", "Invoicing entity";
        ColTaxRate => "税率", "Tax rate";
        ColAccounts => "账号", "Accounts";
        ColAmount => "金额", "Amount";
        Total => "合计", "Total";
        SplitDiffers => "本页计算的拆分与服务端不一致，提交将以服务端金额为准：", "This page's split differs from the server's; the server's amounts are what will be submitted:";
        SplitTableCaption => "将开具的发票", "Invoices to be issued";
        TitleLabel => "发票抬头", "Invoice title";
        TypeLabel => "发票类型", "Invoice type";
        EmailsLabel => "接收邮箱（1–5 个，用逗号分隔）", "E-mail addresses (1–5, separated by commas)";
        AddressLabel => "邮寄地址", "Mailing address";
        NoTitle => "没有可用的发票抬头，请先添加。", "No invoice title can be used; add one first.";
        NoAddress => "没有可用的邮寄地址，请先添加。", "No mailing address saved; add one first.";
        ChooseTitle => "请选择发票抬头。", "Choose an invoice title.";
        ChooseAddress => "请选择邮寄地址。", "Choose a mailing address.";
        ReferenceLoading => "正在加载发票抬头和地址…", "Loading invoice titles and addresses…";
        ReferenceFailed => "无法加载发票抬头和地址。", "Invoice titles and addresses could not be loaded.";
        PaperNeedsTitle => "纸质专票需要信息完整的企业抬头（税号、开户行、账号、注册地址、电话）。", "A paper invoice needs an enterprise title with tax id, bank, bank account, registered address and phone.";
        Submit => "提交申请", "Submit application";
        Sending => "正在提交…", "Submitting…";
        NotComplete => "请先完善所有发票的信息。", "Complete every invoice's details first.";
        Refused => "申请未被接受：", "The application was not accepted:";
        DropRecords => "从所选记录中移除这些记录", "Remove these records from the selection";
        NewSplit => "金额已变化，请核对新的发票金额后再次提交。", "The amounts have changed. Check the new invoices and submit again.";
        ResultHeading => "申请已提交", "Application submitted";
        ApplicationId => "申请编号", "Application number";
        RecordsLink => "在开票记录中查看这些发票", "See these invoices in Invoicing records";
        NewApplication => "继续申请", "Start another application";
        StatusPending => "待开票", "Pending";
        TypeGeneral => "增值税普通发票（电子）", "General VAT invoice (electronic)";
        TypeSpecialElectronic => "增值税专用发票（电子）", "Special VAT invoice (electronic)";
        TypeSpecialPaper => "增值税专用发票（纸质）", "Special VAT invoice (paper)";
        CodeRealNameRequired => "账号尚未完成实名认证，无法申请开票。", "This account has no real-name verification.";
        CodeCandidateNotFound => "记录不存在或不可见。", "The record no longer exists or is not visible.";
        CodeBasisMismatch => "记录属于另一种开票方式（订单/账单）。", "The record belongs to the other basis (orders vs. bills).";
        CodeAlreadyInvoiced => "记录已被其他申请开票。", "The record was invoiced by another application.";
        CodeNotInvoiceable => "记录暂不可开票。", "The record is temporarily not invoiceable.";
        CodeNegativeWithoutOriginal => "负向单据必须与原单一起开票。", "A negative document must be invoiced with its original.";
        CodeOriginalWithoutNegatives => "原单的负向单据有变化，请刷新后重新勾选。", "The record's negative documents changed; reload and select it again.";
        CodeNetNotPositive => "记录的净额不大于零。", "The record's net amount is not above zero.";
        CodeArrearsNotCovered => "所选金额不足以抵扣欠费。", "The selection does not cover the arrears.";
        CodeAmountExceedsBalance => "金额超过可开票余额。", "The amount exceeds the invoiceable balance.";
        CodeModeNotApplicable => "只有一个账号的记录不能合并开票。", "Records of one account cannot be consolidated.";
        CodeSplitMismatch => "发票拆分与服务端不一致，请核对新的拆分。", "The invoices differ from the server's split; check the new split.";
        CodeStaleAmounts => "金额已变化，请核对新的金额。", "The amounts have changed; check the new amounts.";
        CodeTitleNotFound => "发票抬头已不存在，请重新选择。", "The invoice title no longer exists; choose another.";
        CodeAddressNotFound => "邮寄地址已不存在，请重新选择。", "The mailing address no longer exists; choose another.";
        CodeEnterpriseTitle => "个人认证账号不能使用企业抬头。", "An account verified as an individual cannot use an enterprise title.";
        CodeSpecialTitleIncomplete => "专用发票需要信息完整的企业抬头。", "A special invoice needs an enterprise title with complete tax data.";
        CodePaperNotAllowed => "该发票类型只能开具电子发票。", "This invoice type is electronic only.";
        CodeKeyReused => "申请内容已变化，请再次提交。", "The application changed; submit it again.";
        CodeKeyMissing => "提交缺少幂等键，请再次提交。", "The submission had no idempotency key; submit again.";
        CodeKeyInProgress => "上一次提交仍在处理中，请稍候。", "The previous submission is still being processed; please wait.";
        CodeValidationFailed => "请求中有字段不正确。", "Some fields of the request are not valid.";
        CodeCsrf => "安全令牌已失效，请刷新页面后重试。", "The security token is no longer valid; reload the page and try again.";
        CodeAccountNotVisible => "包含无权查看的账号。", "An account is not visible to you.";
        FieldRequired => "必填。", "Required.";
        FieldNotAllowed => "不应填写此项。", "This field is not allowed here.";
        FieldInvalid => "格式或取值不正确。", "Not a valid value.";
        FieldTooLong => "内容过长。", "Too long.";
        EmailEmpty => "请至少填写一个邮箱。", "Enter at least one e-mail address.";
        FaultEmpty => "为空", "is empty";
        FaultMissingAt => "缺少 @", "has no @";
        FaultSeveralAt => "包含多个 @", "has more than one @";
        FaultEmptyLocal => "@ 前为空", "has nothing before the @";
        FaultLocalTooLong => "@ 前超过 64 个字符", "has more than 64 characters before the @";
        FaultEmptyDomain => "@ 后为空", "has nothing after the @";
        FaultDomainWithoutDot => "域名缺少点号", "has a domain without a dot";
        FaultMisplacedDot => "点号位置不正确", "has a misplaced dot";
        FaultBadLabel => "域名部分不正确", "has an invalid domain part";
    }
}

impl I18n {
    /// A problem code of the contract in words (R23); `None` for a code this version does not
    /// know, for which the server's own text is shown.
    pub fn problem_code(self, code: &str) -> Option<&'static str> {
        use ApplicationText as T;
        let text = match code {
            "REAL_NAME_REQUIRED" => T::CodeRealNameRequired,
            "CANDIDATE_NOT_FOUND" => T::CodeCandidateNotFound,
            "BASIS_MISMATCH" => T::CodeBasisMismatch,
            "CANDIDATE_ALREADY_INVOICED" => T::CodeAlreadyInvoiced,
            "CANDIDATE_NOT_INVOICEABLE" => T::CodeNotInvoiceable,
            "NEGATIVE_WITHOUT_ORIGINAL" => T::CodeNegativeWithoutOriginal,
            "ORIGINAL_WITHOUT_NEGATIVES" => T::CodeOriginalWithoutNegatives,
            "NET_NOT_POSITIVE" => T::CodeNetNotPositive,
            "ARREARS_NOT_COVERED" => T::CodeArrearsNotCovered,
            "AMOUNT_EXCEEDS_BALANCE" => T::CodeAmountExceedsBalance,
            "MODE_NOT_APPLICABLE" => T::CodeModeNotApplicable,
            "SPLIT_MISMATCH" => T::CodeSplitMismatch,
            "STALE_AMOUNTS" => T::CodeStaleAmounts,
            "TITLE_NOT_FOUND" => T::CodeTitleNotFound,
            "ADDRESS_NOT_FOUND" => T::CodeAddressNotFound,
            "ENTERPRISE_TITLE_FOR_INDIVIDUAL" => T::CodeEnterpriseTitle,
            "SPECIAL_TITLE_INCOMPLETE" => T::CodeSpecialTitleIncomplete,
            "PAPER_NOT_ALLOWED" => T::CodePaperNotAllowed,
            "IDEMPOTENCY_KEY_REUSED" => T::CodeKeyReused,
            "IDEMPOTENCY_KEY_MISSING" => T::CodeKeyMissing,
            "IDEMPOTENCY_KEY_IN_PROGRESS" => T::CodeKeyInProgress,
            "VALIDATION_FAILED" => T::CodeValidationFailed,
            "CSRF_TOKEN_INVALID" => T::CodeCsrf,
            "ACCOUNT_NOT_VISIBLE" => T::CodeAccountNotVisible,
            "REQUIRED" => T::FieldRequired,
            "NOT_ALLOWED" => T::FieldNotAllowed,
            "INVALID_FORMAT" | "INVALID_VALUE" | "TOO_SHORT" | "TOO_FEW" | "TOO_MANY"
            | "DUPLICATE" | "INVALID_EMAIL" => T::FieldInvalid,
            "TOO_LONG" | "EMAILS_TOO_LONG" => T::FieldTooLong,
            _ => return None,
        };
        Some(self.t(text))
    }

    /// The name of an invoice type (R19).
    pub fn invoice_type(self, t: InvoiceType) -> &'static str {
        self.t(match t {
            InvoiceType::GeneralElectronic => ApplicationText::TypeGeneral,
            InvoiceType::SpecialElectronic => ApplicationText::TypeSpecialElectronic,
            InvoiceType::SpecialPaper => ApplicationText::TypeSpecialPaper,
        })
    }

    /// One problem of an e-mail list, its own sentence (R20).
    pub fn email_problem(self, p: &EmailProblem) -> String {
        let zh = self.0 == Locale::ZhCn;
        match p {
            EmailProblem::Empty => self.t(ApplicationText::EmailEmpty).to_owned(),
            EmailProblem::TooMany { count } if zh => {
                format!("最多 5 个邮箱，当前 {count} 个。")
            }
            EmailProblem::TooMany { count } => {
                format!("At most 5 addresses; there are {count}.")
            }
            EmailProblem::TooLong { length } if zh => {
                format!("邮箱合计最多 200 个字符，当前 {length} 个。")
            }
            EmailProblem::TooLong { length } => {
                format!("At most 200 characters together; there are {length}.")
            }
            EmailProblem::Invalid { address, fault, .. } => {
                let why = self.email_fault(*fault);
                if zh {
                    format!("“{address}”不是有效邮箱：{why}。")
                } else {
                    format!("“{address}” is not a valid address: it {why}.")
                }
            }
            EmailProblem::Duplicate { address, .. } if zh => format!("“{address}”重复填写。"),
            EmailProblem::Duplicate { address, .. } => {
                format!("“{address}” is given twice.")
            }
        }
    }

    fn email_fault(self, fault: EmailFault) -> String {
        use ApplicationText as T;
        let text = match fault {
            EmailFault::Empty => T::FaultEmpty,
            EmailFault::MissingAt => T::FaultMissingAt,
            EmailFault::SeveralAt => T::FaultSeveralAt,
            EmailFault::EmptyLocalPart => T::FaultEmptyLocal,
            EmailFault::LocalPartTooLong => T::FaultLocalTooLong,
            EmailFault::EmptyDomain => T::FaultEmptyDomain,
            EmailFault::DomainWithoutDot => T::FaultDomainWithoutDot,
            EmailFault::MisplacedDot => T::FaultMisplacedDot,
            EmailFault::BadDomainLabel => T::FaultBadLabel,
            EmailFault::BadCharacter(c) => {
                return match self.0 {
                    Locale::ZhCn => format!("包含不允许的字符“{c}”"),
                    Locale::En => format!("holds the character “{c}”, which is not allowed"),
                }
            }
        };
        self.t(text).to_owned()
    }

    /// One line of a difference between this page's split and the server's (R16).
    pub fn split_difference(
        self,
        invoice: &str,
        server: Option<Money>,
        ours: Option<Money>,
    ) -> String {
        let amount = |m: Option<Money>| match (m, self.0) {
            (Some(m), _) => m.format_cny(),
            (None, Locale::ZhCn) => "无此发票".to_owned(),
            (None, Locale::En) => "no such invoice".to_owned(),
        };
        match self.0 {
            Locale::ZhCn => format!(
                "{invoice}：服务端 {}，本页 {}",
                amount(server),
                amount(ours)
            ),
            Locale::En => format!(
                "{invoice}: server {}, this page {}",
                amount(server),
                amount(ours)
            ),
        }
    }

    /// What "Remove these records" will do, with how many (R23).
    pub fn records_named(self, count: usize) -> String {
        match self.0 {
            Locale::ZhCn => format!("涉及 {count} 条记录："),
            Locale::En => format!("{count} record(s) concerned:"),
        }
    }

    /// The heading of one invoice in step 4: its place and how many.
    pub fn invoice_number(self, at: usize, of: usize) -> String {
        match self.0 {
            Locale::ZhCn => format!("发票 {} / {of}", at + 1),
            Locale::En => format!("Invoice {} of {of}", at + 1),
        }
    }

    /// "Retrying in N s" while a submission waits before its next attempt (R21, R30).
    pub fn retrying_in(self, seconds: u64) -> String {
        match self.0 {
            Locale::ZhCn => format!("网络不稳定，{seconds} 秒后自动重试（不会重复提交）…"),
            Locale::En => format!(
                "Connection trouble; retrying in {seconds} s (it will not be submitted twice)…"
            ),
        }
    }
}
