//! The draft part of a preview or application body (`ApplicationDraft`): read field by field with
//! the contract's field codes, checked with the domain's [`check_draft`], and its offences written
//! as `422` problems in the request's language. Shared by `POST /invoice-applications/preview`
//! and `POST /invoice-applications`.

use std::collections::HashSet;

use invoicing::api::{Problem, ProblemError};
use invoicing::application::{ApplicationBasis, ApplicationDraft, Mode};
use invoicing::application_checks::{check_draft, DocumentIndex, Offence};
use invoicing::split::Split;
use invoicing::Money;
use serde_json::{Map, Value};

use crate::candidates::check_visible_at;
use crate::data::Data;
use crate::lang::Lang;
use crate::params::is_id;
use crate::problem::{field_error, validation_failed, ApiProblem};

/// The draft's members; a body may add its own (`invoices`, `remark`).
pub const DRAFT_FIELDS: [&str; 6] = [
    "basis",
    "candidateIds",
    "issuerId",
    "accountIds",
    "amount",
    "mode",
];
const MAX_CANDIDATE_IDS: usize = 10_000;
const MAX_ACCOUNT_IDS: usize = 500;

/// The body as a JSON object; `400 VALIDATION_FAILED` (field `null`) when it is not one.
pub fn read_object(body: &[u8], lang: Lang) -> Result<Map<String, Value>, ApiProblem> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(validation_failed(
            lang,
            vec![field_error(
                lang,
                None,
                "INVALID_FORMAT",
                "请求体必须是 JSON 对象。".into(),
                "The body must be a JSON object.".into(),
            )],
        )),
    }
}

/// Collects the field errors of one body.
pub struct BodyErrors {
    pub lang: Lang,
    pub errors: Vec<ProblemError>,
}

impl BodyErrors {
    pub fn new(lang: Lang) -> Self {
        BodyErrors {
            lang,
            errors: Vec::new(),
        }
    }

    /// One error of the member at JSON Pointer `field`.
    pub fn push(&mut self, field: &str, code: &str, zh: String, en: String) {
        self.errors
            .push(field_error(self.lang, Some(field), code, zh, en));
    }

    /// `400 VALIDATION_FAILED` with every error, if any.
    pub fn finish(self) -> Result<(), ApiProblem> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(validation_failed(self.lang, self.errors))
        }
    }

    /// `NOT_ALLOWED` for every member of `body` not in `allowed`.
    pub fn refuse_unknown(&mut self, body: &Map<String, Value>, allowed: &[&str]) {
        for key in body.keys().filter(|k| !allowed.contains(&k.as_str())) {
            self.push(
                &format!("/{}", pointer_escape(key)),
                "NOT_ALLOWED",
                format!("不支持字段 {key}。"),
                format!("The field {key} is not known here."),
            );
        }
    }

    pub(crate) fn required(&mut self, field: &str) {
        self.push(
            field,
            "REQUIRED",
            format!("缺少字段 {field}。"),
            format!("{field} is required."),
        );
    }

    fn not_allowed(&mut self, field: &str, basis: &str) {
        self.push(
            field,
            "NOT_ALLOWED",
            format!("依据 {basis} 不接受字段 {field}。"),
            format!("Basis {basis} does not take {field}."),
        );
    }

    pub(crate) fn invalid_format(&mut self, field: &str, what: &str) {
        self.push(
            field,
            "INVALID_FORMAT",
            format!("{field} 格式无效（应为{what}）。"),
            format!("{field} is malformed (expected {what})."),
        );
    }

    /// An enum value of `body[name]`; `INVALID_FORMAT` when not a string, `INVALID_VALUE` when
    /// not one of `values`.
    fn enumerated<T: Copy>(
        &mut self,
        body: &Map<String, Value>,
        name: &str,
        values: &[(&str, T)],
    ) -> Option<T> {
        let field = format!("/{name}");
        match body.get(name) {
            None => {
                self.required(&field);
                None
            }
            Some(Value::String(s)) => {
                let found = values.iter().find(|(v, _)| v == s).map(|(_, t)| *t);
                if found.is_none() {
                    let list: Vec<&str> = values.iter().map(|(v, _)| *v).collect();
                    let list = list.join(", ");
                    self.push(
                        &field,
                        "INVALID_VALUE",
                        format!("{field} 只能是 {list} 之一。"),
                        format!("{field} must be one of {list}."),
                    );
                }
                found
            }
            Some(_) => {
                self.invalid_format(&field, "a string");
                None
            }
        }
    }

    /// An `Id` at `field`.
    pub(crate) fn id(&mut self, value: &Value, field: &str) -> Option<String> {
        match value.as_str() {
            Some(s) if is_id(s) => Some(s.to_owned()),
            _ => {
                self.invalid_format(field, "an id");
                None
            }
        }
    }

    /// An array of unique ids with `min..=max` items.
    pub(crate) fn ids(&mut self, value: &Value, field: &str, max: usize) -> Option<Vec<String>> {
        let Some(items) = value.as_array() else {
            self.invalid_format(field, "an array");
            return None;
        };
        if items.is_empty() {
            self.push(
                field,
                "TOO_FEW",
                format!("{field} 至少需要 1 项。"),
                format!("{field} needs at least 1 item."),
            );
            return None;
        }
        if items.len() > max {
            self.push(
                field,
                "TOO_MANY",
                format!("{field} 最多 {max} 项。"),
                format!("{field} takes at most {max} items."),
            );
            return None;
        }
        let before = self.errors.len();
        let mut seen = HashSet::new();
        let mut ids = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{field}/{i}");
            if let Some(id) = self.id(item, &at) {
                if !seen.insert(id.clone()) {
                    self.push(
                        &at,
                        "DUPLICATE",
                        format!("{id} 重复出现。"),
                        format!("{id} appears more than once."),
                    );
                }
                ids.push(id);
            }
        }
        (self.errors.len() == before).then_some(ids)
    }

    /// A `PositiveMoney` at `field`.
    pub(crate) fn positive_money(&mut self, value: &Value, field: &str) -> Option<Money> {
        let parsed = value.as_str().and_then(|s| {
            Money::parse_contract(s)
                .ok()
                .filter(|m| m.to_contract_string() == s)
        });
        match parsed {
            Some(m) if m.is_positive() => Some(m),
            Some(_) => {
                self.push(
                    field,
                    "INVALID_VALUE",
                    format!("{field} 必须大于 0。"),
                    format!("{field} must be above zero."),
                );
                None
            }
            None => {
                self.invalid_format(field, "an amount such as \"1234.50\"");
                None
            }
        }
    }
}

/// Escapes a member name for a JSON Pointer (RFC 6901).
fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Reads the draft's members of `body` (`ApplicationDraft`, with `ApplicationBasisRules`):
/// `basis` and `mode`; `candidateIds` for `order`/`bill`, `issuerId` (a known entity),
/// `accountIds` and `amount` for `amount`; the members the basis does not take are `NOT_ALLOWED`.
/// Unknown members are the caller's to refuse ([`BodyErrors::refuse_unknown`]). `None` when a
/// member has an error.
pub fn read_draft(
    body: &Map<String, Value>,
    data: &Data,
    errors: &mut BodyErrors,
) -> Option<ApplicationDraft> {
    let basis = errors.enumerated(
        body,
        "basis",
        &[
            ("order", ApplicationBasis::Order),
            ("bill", ApplicationBasis::Bill),
            ("amount", ApplicationBasis::Amount),
        ],
    );
    let mode = errors.enumerated(
        body,
        "mode",
        &[
            ("independent", Mode::Independent),
            ("consolidated", Mode::Consolidated),
        ],
    );
    let basis = basis?;
    let (takes, refuses): (&[&str], &[&str]) = match basis {
        ApplicationBasis::Amount => (&["issuerId", "accountIds", "amount"], &["candidateIds"]),
        _ => (&["candidateIds"], &["issuerId", "accountIds", "amount"]),
    };
    for name in refuses.iter().filter(|n| body.contains_key(**n)) {
        errors.not_allowed(&format!("/{name}"), basis.as_str());
    }
    for name in takes.iter().filter(|n| !body.contains_key(**n)) {
        errors.required(&format!("/{name}"));
    }
    let mut draft = ApplicationDraft {
        basis,
        candidate_ids: None,
        issuer_id: None,
        account_ids: None,
        amount: None,
        mode: mode.unwrap_or_default(),
    };
    let before = errors.errors.len();
    if let Some(v) = body
        .get("candidateIds")
        .filter(|_| basis != ApplicationBasis::Amount)
    {
        draft.candidate_ids = errors.ids(v, "/candidateIds", MAX_CANDIDATE_IDS);
    }
    if basis == ApplicationBasis::Amount {
        if let Some(v) = body.get("issuerId") {
            draft.issuer_id = errors.id(v, "/issuerId");
            if let Some(id) = draft.issuer_id.as_ref() {
                if !data.issuers.iter().any(|i| &i.id == id) {
                    errors.push(
                        "/issuerId",
                        "INVALID_VALUE",
                        format!("没有编号为 {id} 的开票主体。"),
                        format!("There is no invoicing entity {id}."),
                    );
                }
            }
        }
        if let Some(v) = body.get("accountIds") {
            draft.account_ids = errors.ids(v, "/accountIds", MAX_ACCOUNT_IDS);
        }
        if let Some(v) = body.get("amount") {
            draft.amount = errors.positive_money(v, "/amount");
        }
    }
    (mode.is_some() && errors.errors.len() == before && draft.selection().is_some())
        .then_some(draft)
}

/// Checks a well-formed draft as the contract's "How the server decides" says: for *by amount*
/// first `403 ACCOUNT_NOT_VISIBLE` for accounts the caller may not see, then every rule
/// ([`check_draft`]); a broken rule is `422` with one entry per offence. `index` holds the
/// families the draft names (`Data::document_index`), with the documents applications have used.
pub fn check(
    draft: &ApplicationDraft,
    data: &Data,
    index: &DocumentIndex<'_>,
    lang: Lang,
) -> Result<Split, ApiProblem> {
    if let Some(accounts) = draft.account_ids.as_deref() {
        check_visible_at(lang, data, accounts, "/accountIds")?;
    }
    check_draft(draft, data.profile.real_name, index, &data.arrears_book())
        .map_err(|offences| refusal(lang, data, index, &offences))
}

/// The `422` problem of `offences` (in the contract's order): the first one's code, one entry
/// each (none for `REAL_NAME_REQUIRED`).
pub fn refusal(
    lang: Lang,
    data: &Data,
    index: &DocumentIndex<'_>,
    offences: &[Offence],
) -> ApiProblem {
    let first = offences.first().expect("at least one offence");
    let code = first.code();
    let (title, detail) = if *first == Offence::RealNameRequired {
        (
            ("需要实名认证", "Real-name verification required"),
            lang.pick(
                "当前账号尚未完成实名认证，完成认证后才能申请发票。".to_owned(),
                "This account has no real-name verification yet; complete it to apply for invoices."
                    .to_owned(),
            ),
        )
    } else {
        let n = offences.len();
        let first_message = message(lang, data, index, first);
        let detail = if n == 1 {
            first_message
        } else {
            lang.pick(
                format!("{first_message}（共 {n} 处问题）"),
                format!("{first_message} ({n} problems in all.)"),
            )
        };
        (title(code), detail)
    };
    let errors = offences
        .iter()
        .filter(|o| **o != Offence::RealNameRequired)
        .map(|o| entry(lang, data, index, o))
        .collect();
    let mut problem = Problem::new(422, code, lang.pick(title.0, title.1), detail);
    problem.errors = errors;
    ApiProblem {
        problem: Box::new(problem),
        lang,
        retry_after: None,
        allow: None,
    }
}

/// The problem title of a code, in both languages.
fn title(code: &str) -> (&'static str, &'static str) {
    match code {
        "CANDIDATE_NOT_FOUND" => ("记录不存在", "Record not found"),
        "BASIS_MISMATCH" => ("开票依据不符", "Basis mismatch"),
        "CANDIDATE_ALREADY_INVOICED" => ("记录已开票", "Record already invoiced"),
        "CANDIDATE_NOT_INVOICEABLE" => ("记录暂不可开票", "Record not invoiceable"),
        "NEGATIVE_WITHOUT_ORIGINAL" => {
            ("负向单据缺少原单", "Negative document without its original")
        }
        "ORIGINAL_WITHOUT_NEGATIVES" => (
            "原单缺少负向单据",
            "Original without all of its negative documents",
        ),
        "NET_NOT_POSITIVE" => ("净额不大于零", "Net amount not above zero"),
        "MODE_NOT_APPLICABLE" => ("不能合并开票", "Consolidated invoicing not applicable"),
        "ARREARS_NOT_COVERED" => ("未覆盖欠费", "Arrears not covered"),
        _ => (
            "开票金额超过可开票余额",
            "Amount exceeds the invoiceable balance",
        ),
    }
}

/// One `errors` entry.
fn entry(lang: Lang, data: &Data, index: &DocumentIndex<'_>, o: &Offence) -> ProblemError {
    let text = message(lang, data, index, o);
    let mut e = field_error(lang, o.field().as_deref(), o.code(), text.clone(), text);
    e.candidate_id = o.candidate_id().cloned();
    match o {
        Offence::ArrearsNotCovered(s) => {
            e.issuer_id = Some(s.issuer_id.clone());
            e.account_id = owing_account(data, s);
            e.amount = Some(s.more);
        }
        Offence::AmountExceedsBalance {
            issuer_id,
            available,
        } => {
            e.issuer_id = Some(issuer_id.clone());
            e.amount = Some(*available);
        }
        _ => {}
    }
    e
}

/// The account an arrears entry names: the pool's account, or the first of a pooled set that
/// owes the entity.
fn owing_account(data: &Data, s: &invoicing::arrears::Shortfall) -> Option<String> {
    let book = data.arrears_book();
    s.account_ids
        .iter()
        .find(|a| book.owed(&s.issuer_id, a).is_positive())
        .or(s.account_ids.first())
        .cloned()
}

/// How people name a document: "订单 226101910090322" / "Order 226101910090322", a refund by its
/// number; the id itself when it is unknown.
fn document(lang: Lang, index: &DocumentIndex<'_>, id: &str) -> String {
    let Some(family) = index.family_of(id) else {
        return id.to_owned();
    };
    let c = family.original();
    if c.id == id {
        let (zh, en) = match c.basis {
            invoicing::api::Basis::Order => ("订单", "Order"),
            invoicing::api::Basis::Bill => ("账单", "Bill"),
        };
        return format!("{} {}", lang.pick(zh, en), c.business_id);
    }
    let n = family
        .negatives()
        .iter()
        .find(|n| n.id == id)
        .expect("a negative of its family");
    let (zh, en) = match n.kind {
        invoicing::api::NegativeKind::Refund => ("退款单", "Refund"),
        invoicing::api::NegativeKind::AllocationReduction => ("分摊冲减单", "Allocation reduction"),
        invoicing::api::NegativeKind::AdjustmentReduction => ("调账冲减单", "Adjustment reduction"),
    };
    format!("{} {}", lang.pick(zh, en), n.business_id)
}

fn issuer_name(data: &Data, id: &str) -> String {
    data.issuers
        .iter()
        .find(|i| i.id == id)
        .map_or_else(|| id.to_owned(), |i| i.name.clone())
}

/// The entry's message in the request's language.
fn message(lang: Lang, data: &Data, index: &DocumentIndex<'_>, o: &Offence) -> String {
    let doc = |id: &str| document(lang, index, id);
    match o {
        Offence::RealNameRequired => lang.pick(
            "当前账号尚未完成实名认证。".to_owned(),
            "This account has no real-name verification.".to_owned(),
        ),
        Offence::CandidateNotFound { id, .. } => lang.pick(
            format!("找不到记录 {id}，或您无权查看。"),
            format!("Record {id} does not exist or is not visible to you."),
        ),
        Offence::BasisMismatch { id, .. } => lang.pick(
            format!("{} 属于另一种开票依据。", doc(id)),
            format!("{} belongs to the other basis.", doc(id)),
        ),
        Offence::CandidateAlreadyInvoiced { id, .. } => lang.pick(
            format!("{} 已被其他申请开票。", doc(id)),
            format!("{} has already been invoiced.", doc(id)),
        ),
        Offence::CandidateNotInvoiceable { id, .. } => lang.pick(
            format!("{} 暂不可开票。", doc(id)),
            format!("{} is temporarily not invoiceable.", doc(id)),
        ),
        Offence::NegativeWithoutOriginal {
            id, original_id, ..
        } => lang.pick(
            format!("{} 未与原单 {} 一起选择。", doc(id), doc(original_id)),
            format!("{} is selected without {}.", doc(id), doc(original_id)),
        ),
        Offence::OriginalWithoutNegatives { id, missing, .. } => lang.pick(
            format!("{} 的 {} 未被选择。", doc(id), doc(missing)),
            format!(
                "{} of {} is missing from the selection.",
                doc(missing),
                doc(id)
            ),
        ),
        Offence::NetNotPositive { id, net, .. } => lang.pick(
            format!("{} 的净额为 {}，不大于零。", doc(id), net.format_cny()),
            format!(
                "The net of {} is {}, not above zero.",
                doc(id),
                net.format_cny()
            ),
        ),
        Offence::ModeNotApplicable => lang.pick(
            "所选记录只属于一个账号，不能合并开票。".to_owned(),
            "The records belong to a single account; consolidated invoicing needs two or more."
                .to_owned(),
        ),
        Offence::ArrearsNotCovered(s) => {
            let issuer = issuer_name(data, &s.issuer_id);
            lang.pick(
                format!(
                    "还需从 {issuer} 多选择超过 {} 的记录，以覆盖 {} 的欠费。",
                    s.more.format_cny(),
                    s.arrears.format_cny()
                ),
                format!(
                    "Select more than {} more from {issuer} to cover the arrears of {}.",
                    s.more.format_cny(),
                    s.arrears.format_cny()
                ),
            )
        }
        Offence::AmountExceedsBalance { available, .. } => lang.pick(
            format!("最多可输入 {}。", available.format_cny()),
            format!("Enter at most {}.", available.format_cny()),
        ),
    }
}
