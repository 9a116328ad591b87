//! Reading the members an application adds to its draft (`invoices`, `remark`) with the
//! contract's field codes; the e-mail lists are checked by the domain's rules (R20).

use invoicing::api::TaxRate;
use invoicing::application::{InvoiceRequest, InvoiceType, PlannedInvoice};
use invoicing::details::{check_emails, EmailFault, EmailProblem, MAX_EMAILS, MAX_EMAILS_LENGTH};
use serde_json::{Map, Value};

use crate::draft::{BodyErrors, DRAFT_FIELDS};

/// Every member of the body of `POST /invoice-applications`.
pub const FIELDS: [&str; 8] = [
    DRAFT_FIELDS[0],
    DRAFT_FIELDS[1],
    DRAFT_FIELDS[2],
    DRAFT_FIELDS[3],
    DRAFT_FIELDS[4],
    DRAFT_FIELDS[5],
    "invoices",
    "remark",
];
/// The members of one invoice (`InvoiceRequest`).
const INVOICE_FIELDS: [&str; 8] = [
    "issuerId",
    "taxRate",
    "accountIds",
    "amount",
    "titleId",
    "invoiceType",
    "emails",
    "addressId",
];
const MAX_INVOICES: usize = 1000;
const MAX_ACCOUNT_IDS: usize = 500;
const MAX_REMARK: usize = 200;

/// `invoices`: 1 to 1000 invoices; `None` when any has an error.
pub fn read_invoices(
    body: &Map<String, Value>,
    errors: &mut BodyErrors,
) -> Option<Vec<InvoiceRequest>> {
    let Some(value) = body.get("invoices") else {
        errors.required("/invoices");
        return None;
    };
    let Some(items) = value.as_array() else {
        errors.invalid_format("/invoices", "an array");
        return None;
    };
    if items.is_empty() || items.len() > MAX_INVOICES {
        let (code, zh, en) = if items.is_empty() {
            (
                "TOO_FEW",
                "至少需要 1 张发票。".to_owned(),
                "At least one invoice is needed.".to_owned(),
            )
        } else {
            (
                "TOO_MANY",
                format!("一次最多申请 {MAX_INVOICES} 张发票。"),
                format!("At most {MAX_INVOICES} invoices can be applied for at once."),
            )
        };
        errors.push("/invoices", code, zh, en);
        return None;
    }
    let before = errors.errors.len();
    let invoices: Vec<Option<InvoiceRequest>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| read_invoice(item, &format!("/invoices/{i}"), errors))
        .collect();
    (errors.errors.len() == before)
        .then(|| invoices.into_iter().collect())
        .flatten()
}

/// `remark`: a text of at most 200 characters, or absent.
pub fn read_remark(body: &Map<String, Value>, errors: &mut BodyErrors) -> Option<String> {
    match body.get("remark")? {
        Value::String(s) if s.chars().count() > MAX_REMARK => {
            errors.push(
                "/remark",
                "TOO_LONG",
                format!("备注最多 {MAX_REMARK} 个字符。"),
                format!("The remark may have at most {MAX_REMARK} characters."),
            );
            None
        }
        Value::String(s) => Some(s.clone()),
        _ => {
            errors.invalid_format("/remark", "a text");
            None
        }
    }
}

/// One invoice at JSON Pointer `at`.
fn read_invoice(value: &Value, at: &str, errors: &mut BodyErrors) -> Option<InvoiceRequest> {
    let Some(object) = value.as_object() else {
        errors.invalid_format(at, "an object");
        return None;
    };
    for key in object
        .keys()
        .filter(|k| !INVOICE_FIELDS.contains(&k.as_str()))
    {
        errors.push(
            &format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
            "NOT_ALLOWED",
            format!("发票不支持字段 {key}。"),
            format!("An invoice has no field {key}."),
        );
    }
    let before = errors.errors.len();
    let member = |name: &str, errors: &mut BodyErrors| {
        let field = format!("{at}/{name}");
        let value = object.get(name);
        if value.is_none() {
            errors.required(&field);
        }
        value.map(|v| (v, field))
    };
    let issuer_id = member("issuerId", errors).and_then(|(v, f)| errors.id(v, &f));
    let tax_rate = member("taxRate", errors).and_then(|(v, f)| {
        let rate = v
            .as_str()
            .and_then(|s| TaxRate::try_from(s.to_owned()).ok());
        if rate.is_none() {
            errors.invalid_format(&f, "a tax rate such as \"0.06\"");
        }
        rate
    });
    let account_ids =
        member("accountIds", errors).and_then(|(v, f)| errors.ids(v, &f, MAX_ACCOUNT_IDS));
    let amount = member("amount", errors).and_then(|(v, f)| errors.positive_money(v, &f));
    let title_id = member("titleId", errors).and_then(|(v, f)| errors.id(v, &f));
    let invoice_type =
        member("invoiceType", errors).and_then(|(v, f)| read_invoice_type(v, &f, errors));
    let mut emails = None;
    let mut address_id = None;
    if let Some(t) = invoice_type {
        let (takes, refuses) = if t.is_paper() {
            ("addressId", "emails")
        } else {
            ("emails", "addressId")
        };
        if !object.contains_key(takes) {
            errors.required(&format!("{at}/{takes}"));
        }
        // `addressId` on an electronic invoice is not malformed but breaks a rule: it is
        // refused later with PAPER_NOT_ALLOWED (422, R19).
        if t.is_paper() && object.contains_key(refuses) {
            errors.push(
                &format!("{at}/{refuses}"),
                "NOT_ALLOWED",
                "纸质发票不发送电子邮件，请去掉邮箱。".into(),
                "A paper invoice is mailed, not e-mailed; remove the e-mail addresses.".into(),
            );
        }
    }
    if let Some(v) = object
        .get("emails")
        .filter(|_| invoice_type.is_some_and(|t| !t.is_paper()))
    {
        emails = read_emails(v, &format!("{at}/emails"), errors);
    }
    if let Some(v) = object.get("addressId") {
        address_id = errors.id(v, &format!("{at}/addressId"));
    }
    if errors.errors.len() != before {
        return None;
    }
    Some(InvoiceRequest {
        planned: PlannedInvoice {
            issuer_id: issuer_id?,
            tax_rate: tax_rate?,
            account_ids: account_ids?,
            amount: amount?,
        },
        title_id: title_id?,
        invoice_type: invoice_type?,
        emails,
        address_id,
    })
}

fn read_invoice_type(value: &Value, field: &str, errors: &mut BodyErrors) -> Option<InvoiceType> {
    let Some(s) = value.as_str() else {
        errors.invalid_format(field, "a text");
        return None;
    };
    let found = InvoiceType::ALL.into_iter().find(|t| t.as_str() == s);
    if found.is_none() {
        errors.push(
            field,
            "INVALID_VALUE",
            format!("{field} 只能是 general_electronic、special_electronic 或 special_paper。"),
            format!("{field} must be general_electronic, special_electronic or special_paper."),
        );
    }
    found
}

/// The e-mail list at `field`: an array of texts, then the domain's rules (R20), each problem
/// its own entry.
fn read_emails(value: &Value, field: &str, errors: &mut BodyErrors) -> Option<Vec<String>> {
    let Some(items) = value.as_array() else {
        errors.invalid_format(field, "an array");
        return None;
    };
    let mut texts = Vec::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        match item.as_str() {
            Some(s) => texts.push(s.to_owned()),
            None => errors.invalid_format(&format!("{field}/{j}"), "a text"),
        }
    }
    if texts.len() != items.len() {
        return None;
    }
    let problems = check_emails(&texts);
    for p in &problems {
        let at = match p.index() {
            Some(j) => format!("{field}/{j}"),
            None => field.to_owned(),
        };
        let (zh, en) = email_message(p);
        errors.push(&at, p.code(), zh, en);
    }
    problems.is_empty().then_some(texts)
}

/// What is wrong with an e-mail list, in both languages.
pub fn email_message(p: &EmailProblem) -> (String, String) {
    match p {
        EmailProblem::Empty => (
            "请至少填写 1 个邮箱。".into(),
            "Enter at least one e-mail address.".into(),
        ),
        EmailProblem::TooMany { count } => (
            format!("最多 {MAX_EMAILS} 个邮箱，当前 {count} 个。"),
            format!("At most {MAX_EMAILS} e-mail addresses, not {count}."),
        ),
        EmailProblem::TooLong { length } => (
            format!("邮箱以逗号连接后最多 {MAX_EMAILS_LENGTH} 个字符，当前 {length} 个。"),
            format!(
                "The addresses joined with commas may have at most {MAX_EMAILS_LENGTH} characters, not {length}."
            ),
        ),
        EmailProblem::Invalid { address, fault, .. } => {
            let (zh, en) = fault_text(*fault);
            (
                format!("“{address}”不是有效的邮箱：{zh}。"),
                format!("\"{address}\" is not a valid e-mail address: {en}."),
            )
        }
        EmailProblem::Duplicate { address, first, .. } => (
            format!("邮箱 {address} 与第 {} 个重复。", first + 1),
            format!("{address} is the same as address {}.", first + 1),
        ),
    }
}

fn fault_text(fault: EmailFault) -> (String, String) {
    let pair = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    match fault {
        EmailFault::Empty => pair("内容为空", "it is empty"),
        EmailFault::MissingAt => pair("缺少 @", "it has no @"),
        EmailFault::SeveralAt => pair("含有多个 @", "it has more than one @"),
        EmailFault::EmptyLocalPart => pair("@ 前没有内容", "nothing comes before the @"),
        EmailFault::LocalPartTooLong => {
            pair("@ 前超过 64 个字符", "more than 64 characters before the @")
        }
        EmailFault::EmptyDomain => pair("@ 后没有域名", "no domain after the @"),
        EmailFault::DomainWithoutDot => pair("域名不完整", "the domain has no dot"),
        EmailFault::MisplacedDot => pair("点号位置不正确", "a dot is misplaced"),
        EmailFault::BadDomainLabel => pair("域名格式不正确", "a part of the domain is malformed"),
        EmailFault::BadCharacter(c) => (
            format!("不能包含字符“{c}”"),
            format!("it cannot hold the character \"{c}\""),
        ),
    }
}
