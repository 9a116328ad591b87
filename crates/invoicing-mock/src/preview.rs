//! `POST /invoice-applications/preview`: the invoices a draft would create (R12, R15, R16),
//! computed by the domain; nothing is stored. The session layer has checked the CSRF token.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::Json;
use invoicing::application::ApplicationPreview;

use crate::draft::{check, read_draft, read_object, BodyErrors, DRAFT_FIELDS};
use crate::lang::Lang;
use crate::params::Params;
use crate::problem::ApiProblem;
use crate::AppState;

/// Reads the draft (`400 VALIDATION_FAILED` with a field code per member), then checks it
/// (`403 ACCOUNT_NOT_VISIBLE`, `422` with the contract's codes in order) and answers its split.
pub async fn preview(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(raw): RawQuery,
    body: Bytes,
) -> Result<Json<ApplicationPreview>, ApiProblem> {
    Params::parse(raw.as_deref(), lang, &[]).finish()?;
    let object = read_object(&body, lang)?;
    let data = state.data();
    let mut errors = BodyErrors::new(lang);
    errors.refuse_unknown(&object, &DRAFT_FIELDS);
    let draft = read_draft(&object, &data, &mut errors);
    errors.finish()?;
    let draft = draft.expect("a draft without field errors");
    let index = data.document_index(&draft);
    let split = check(&draft, &data, &index, lang)?;
    Ok(Json(split.preview(draft.basis, draft.mode)))
}
