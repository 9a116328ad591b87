//! `GET /invoiceable-balance`: what the *by amount* tab may invoice from one entity for some
//! accounts (R11, R12, R13), computed by the domain's [`invoicing::balance`].

use invoicing::api::{AccountId, InvoiceableBalance, IssuerId};
use invoicing::balance::invoiceable_balance;

use crate::candidates::{check_visible, read_account_ids, read_issuer_id};
use crate::data::Data;
use crate::lang::Lang;
use crate::params::Params;
use crate::problem::ApiProblem;

/// A checked balance request: a known entity and visible accounts, ascending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BalanceRequest {
    pub issuer_id: IssuerId,
    pub account_ids: Vec<AccountId>,
}

/// Reads the query: `400 VALIDATION_FAILED` for a missing, repeated, malformed or unknown
/// `issuerId`, malformed or repeated `accountId` values and unknown parameters; then
/// `403 ACCOUNT_NOT_VISIBLE` for accounts the caller may not see. Without `accountId`, the
/// signed-in account.
pub fn parse(raw: Option<&str>, lang: Lang, data: &Data) -> Result<BalanceRequest, ApiProblem> {
    let mut p = Params::parse(raw, lang, &["issuerId", "accountId"]);
    let issuer_id = read_issuer_id(&mut p, data);
    let issuer_id = p.require("issuerId", issuer_id);
    let mut account_ids = read_account_ids(&mut p);
    p.finish()?;
    if account_ids.is_empty() {
        account_ids.push(data.profile.account_id.clone());
    }
    check_visible(lang, data, &account_ids)?;
    Ok(BalanceRequest {
        issuer_id: issuer_id.expect("required"),
        account_ids,
    })
}

/// The balance of the request's accounts: their checkable families of the entity on both
/// bases, their arrears, pooled when the enterprise has opened arrears offsetting (R13).
pub fn balance(data: &Data, req: &BalanceRequest) -> InvoiceableBalance {
    let book = data.arrears_book();
    invoiceable_balance(
        &req.issuer_id,
        &req.account_ids,
        &book,
        data.families.iter().map(|l| &l.family),
    )
}
