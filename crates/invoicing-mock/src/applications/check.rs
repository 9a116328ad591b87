//! The checks of an application beyond its draft (R16–R19): its `invoices` against the server's
//! split (`SPLIT_MISMATCH`, `STALE_AMOUNTS` with `expectedInvoices`), then each invoice's title
//! and delivery with the domain's [`check_details`]. Every problem is one entry; the problem's
//! code is the first entry's.

use std::collections::HashMap;

use invoicing::api::{AccountId, IssuerId, Problem, ProblemError, TaxRate};
use invoicing::application::{ApplicationProblem, InvoiceRequest, PlannedInvoice};
use invoicing::details::{check_details, DetailProblem, InvoiceDetails};
use invoicing::split::Split;
use invoicing::Money;

use crate::data::Data;
use crate::lang::Lang;
use crate::problem::field_error;

/// An invoice group: entity, tax rate and the set of accounts (ascending).
pub type Group = (IssuerId, TaxRate, Vec<AccountId>);

/// The group of a planned or requested invoice; accounts in any order.
pub fn group_of(p: &PlannedInvoice) -> Group {
    let mut accounts = p.account_ids.clone();
    accounts.sort();
    (p.issuer_id.clone(), p.tax_rate.clone(), accounts)
}

/// `Ok` when `invoices` are the split's groups with its amounts (any order) and every invoice's
/// details keep the rules; else the `422` problem with one entry per difference and per broken
/// rule, and `expectedInvoices` when the split differs.
pub fn check_invoices(
    split: &Split,
    invoices: &[InvoiceRequest],
    data: &Data,
    lang: Lang,
) -> Result<(), Box<ApplicationProblem>> {
    let (mut errors, split_differs) = compare_split(split, invoices, data, lang);
    for (i, invoice) in invoices.iter().enumerate() {
        let details = InvoiceDetails {
            title_id: &invoice.title_id,
            invoice_type: invoice.invoice_type,
            emails: invoice.emails.as_deref(),
            address_id: invoice.address_id.as_deref(),
        };
        let problems = check_details(
            data.profile.real_name,
            &data.titles,
            &data.addresses,
            &details,
        );
        // Field codes were refused with 400 while reading the body.
        for p in problems.iter().filter(|p| !p.is_field_code()) {
            let (zh, en) = detail_message(p);
            let field = format!("/invoices/{i}/{}", p.field());
            errors.push(field_error(lang, Some(&field), p.code(), zh, en));
        }
    }
    let Some(first) = errors.first() else {
        return Ok(());
    };
    let code = first.code.clone();
    let (title, detail) = texts(&code);
    let mut problem = Problem::new(
        422,
        &code,
        lang.pick(title.0, title.1),
        lang.pick(detail.0, detail.1),
    );
    problem.errors = errors;
    Err(Box::new(ApplicationProblem {
        problem,
        expected_invoices: split_differs.then(|| split.planned()),
    }))
}

/// `422 STALE_AMOUNTS` as if the data had changed since the user confirmed: one entry per
/// invoice of `split` with its current amount, and the split as `expectedInvoices` (the injected
/// `stale` fault, [`crate::faults`]).
pub fn stale(split: &Split, lang: Lang) -> Box<ApplicationProblem> {
    let errors = split
        .planned()
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let amount = p.amount.format_cny();
            let mut e = field_error(
                lang,
                Some(&format!("/invoices/{i}/amount")),
                "STALE_AMOUNTS",
                format!("该发票的金额已更新为 {amount}，请确认后重新提交。"),
                format!("This invoice's amount is now {amount}; review it and submit again."),
            );
            e.issuer_id = Some(p.issuer_id.clone());
            e.amount = Some(p.amount);
            e
        })
        .collect();
    let ((tz, te), (dz, de)) = texts("STALE_AMOUNTS");
    let mut problem = Problem::new(422, "STALE_AMOUNTS", lang.pick(tz, te), lang.pick(dz, de));
    problem.errors = errors;
    Box::new(ApplicationProblem {
        problem,
        expected_invoices: Some(split.planned()),
    })
}

/// The entries of the differences between `invoices` and the split: `SPLIT_MISMATCH` for an
/// invoice whose group the split does not have (or has once only) and for each group of the
/// split no invoice names, then `STALE_AMOUNTS` for a group whose amount changed. The flag says
/// whether there was any.
fn compare_split(
    split: &Split,
    invoices: &[InvoiceRequest],
    data: &Data,
    lang: Lang,
) -> (Vec<ProblemError>, bool) {
    let mut expected: HashMap<Group, (Money, bool)> = split
        .invoices
        .iter()
        .map(|i| (group_of(&i.invoice), (i.invoice.amount, false)))
        .collect();
    let mut mismatches = Vec::new();
    let mut stale = Vec::new();
    for (i, invoice) in invoices.iter().enumerate() {
        let p = &invoice.planned;
        let name = group_name(data, p);
        match expected.get_mut(&group_of(p)) {
            Some((amount, seen)) if !*seen => {
                *seen = true;
                if *amount != p.amount {
                    let mut e = field_error(
                        lang,
                        Some(&format!("/invoices/{i}/amount")),
                        "STALE_AMOUNTS",
                        format!(
                            "该发票（{name}）现在为 {}，而不是 {}。",
                            amount.format_cny(),
                            p.amount.format_cny()
                        ),
                        format!(
                            "This invoice ({name}) is now {}, not {}.",
                            amount.format_cny(),
                            p.amount.format_cny()
                        ),
                    );
                    e.issuer_id = Some(p.issuer_id.clone());
                    e.amount = Some(*amount);
                    stale.push(e);
                }
            }
            _ => {
                let mut e = field_error(
                    lang,
                    Some(&format!("/invoices/{i}")),
                    "SPLIT_MISMATCH",
                    format!("当前拆分中没有这张发票（{name}）。"),
                    format!("The current split has no such invoice ({name})."),
                );
                e.issuer_id = Some(p.issuer_id.clone());
                mismatches.push(e);
            }
        }
    }
    for s in &split.invoices {
        if !expected[&group_of(&s.invoice)].1 {
            let name = group_name(data, &s.invoice);
            let mut e = field_error(
                lang,
                Some("/invoices"),
                "SPLIT_MISMATCH",
                format!("缺少发票（{name}，{}）。", s.invoice.amount.format_cny()),
                format!(
                    "The invoice {name} of {} is missing.",
                    s.invoice.amount.format_cny()
                ),
            );
            e.issuer_id = Some(s.invoice.issuer_id.clone());
            e.amount = Some(s.invoice.amount);
            mismatches.push(e);
        }
    }
    let differs = !mismatches.is_empty() || !stale.is_empty();
    mismatches.extend(stale);
    (mismatches, differs)
}

/// "星舟云计算（杭州）有限公司 6% 1469318753028467, 1570429864139578".
fn group_name(data: &Data, p: &PlannedInvoice) -> String {
    let issuer = data
        .issuers
        .iter()
        .find(|i| i.id == p.issuer_id)
        .map_or(p.issuer_id.as_str(), |i| i.name.as_str());
    format!(
        "{issuer} {} {}",
        p.tax_rate.percent(),
        p.account_ids.join(", ")
    )
}

/// The message of a broken details rule, in both languages.
fn detail_message(p: &DetailProblem) -> (String, String) {
    match p {
        DetailProblem::TitleNotFound { title_id } => (
            format!("发票抬头 {title_id} 不是您保存的抬头，请重新选择。"),
            format!("The invoice title {title_id} is not one of your saved titles; choose another."),
        ),
        DetailProblem::EnterpriseTitleForIndividual { title } => (
            format!("{title} 是企业抬头，个人认证账号不能使用。"),
            format!("{title} is an enterprise title."),
        ),
        DetailProblem::SpecialTitleIncomplete { title, missing } => {
            let fields: Vec<&str> = missing.iter().map(|f| f.as_str()).collect();
            let fields = fields.join(", ");
            (
                format!("专用发票需要企业抬头及完整税务信息；{title} 缺少 {fields}。"),
                format!("A special invoice needs an enterprise title with complete tax data; {title} lacks {fields}."),
            )
        }
        DetailProblem::PaperNotAllowed { .. } => (
            "电子发票不邮寄，请去掉邮寄地址；只有纸质专用发票才邮寄。".into(),
            "An electronic invoice is not mailed; only a special VAT invoice on paper takes an address.".into(),
        ),
        DetailProblem::AddressNotFound { address_id } => (
            format!("邮寄地址 {address_id} 不是您保存的地址，请重新选择。"),
            format!("The mailing address {address_id} is not one of your saved addresses; choose another."),
        ),
        other => (other.code().into(), other.code().into()),
    }
}

/// A problem's title and detail per code, in both languages.
fn texts(code: &str) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    match code {
        "SPLIT_MISMATCH" => (
            ("发票拆分不一致", "Split mismatch"),
            (
                "提交的发票与当前拆分不一致，请查看新的拆分后重新提交。",
                "The invoices do not match the current split. Review the new split and submit again.",
            ),
        ),
        "STALE_AMOUNTS" => (
            ("金额已变化", "Amounts have changed"),
            (
                "确认后数据有变化，发票金额已更新。请查看新的金额后重新提交。",
                "The data changed since you confirmed. Review the new amounts and submit again.",
            ),
        ),
        "TITLE_NOT_FOUND" => (
            ("发票抬头不存在", "Invoice title not found"),
            ("所选发票抬头已不存在，请重新选择。", "A chosen invoice title no longer exists. Choose another."),
        ),
        "ADDRESS_NOT_FOUND" => (
            ("邮寄地址不存在", "Mailing address not found"),
            ("所选邮寄地址已不存在，请重新选择。", "A chosen mailing address no longer exists. Choose another."),
        ),
        "ENTERPRISE_TITLE_FOR_INDIVIDUAL" => (
            ("不能使用企业抬头", "Enterprise title not allowed"),
            (
                "个人认证账号不能使用企业发票抬头。请选择个人抬头，或先完成企业认证。",
                "Accounts verified as individuals cannot use an enterprise invoice title. Choose a personal title, or complete enterprise verification first.",
            ),
        ),
        "SPECIAL_TITLE_INCOMPLETE" => (
            ("抬头信息不完整", "Title incomplete for a special invoice"),
            (
                "专用发票需要企业抬头，并填写税号、开户行、银行账号、注册地址和电话。",
                "A special invoice needs an enterprise title with tax id, bank, bank account, registered address and phone.",
            ),
        ),
        _ => (
            ("不能开具纸质发票", "Paper invoice not available"),
            (
                "增值税普通发票只开具电子发票。请去掉邮寄地址，或选择纸质专用发票。",
                "General VAT invoices are issued electronically only. Remove the mailing address, or choose a special VAT invoice on paper.",
            ),
        ),
    }
}
