//! The submission (R21, R23): one idempotency key per application, created when the user
//! reaches the confirmation step and kept in the draft; the same key for every retry and after
//! a reload; a new one when the body changes and after a `422`. A refusal keeps everything and,
//! for `SPLIT_MISMATCH`/`STALE_AMOUNTS`, shows the server's current split to confirm again.

use std::time::Duration;

use invoicing::application::{ApplicationCreated, ApplicationPreview};
use leptos::prelude::*;

use super::{ApplicationFlow, Backend, DetailsDraft, FlowStep, PreviewState, PreviewView};
use crate::api::{ApiError, IdempotencyKey, SendState};
use crate::state::StepDraft;

/// Where the submission stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitState {
    Idle,
    /// An attempt is under way; the button is disabled.
    Sending,
    /// An attempt failed in a way that may pass; the same request is sent again after `delay`.
    Waiting {
        delay: Duration,
    },
    /// The backend refused or every attempt failed; nothing was created (R23, R30).
    Refused(ApiError),
    /// Created (or the stored answer of an earlier attempt, never a second application).
    Done(ApplicationCreated),
}

impl SubmitState {
    /// Whether a submission is under way (the button is disabled, a click does nothing).
    pub fn is_busy(&self) -> bool {
        matches!(self, SubmitState::Sending | SubmitState::Waiting { .. })
    }
}

impl ApplicationFlow {
    /// The application's idempotency key: the draft's, or a new one kept in the draft (R21).
    pub(super) fn idempotency_key(self) -> IdempotencyKey {
        match self.keeper {
            Some(k) => k.idempotency_key(),
            None => self.local_key(false),
        }
    }

    /// A new key: the body changed, or the server answered `422` (R21).
    fn renew_idempotency_key(self) -> IdempotencyKey {
        let key = match self.keeper {
            Some(k) => k.renew_idempotency_key(),
            None => self.local_key(true),
        };
        self.set_sent_body(None);
        key
    }

    /// Without a draft keeper (component tests): the key in the flow's own step draft.
    fn local_key(self, renew: bool) -> IdempotencyKey {
        let kept = self
            .step_draft
            .with_untracked(|d| d.as_ref().and_then(|d| d.idempotency_key.clone()))
            .filter(|_| !renew);
        kept.unwrap_or_else(|| {
            let key = IdempotencyKey::new();
            self.step_draft.update(|d| {
                d.get_or_insert_with(StepDraft::default).idempotency_key = Some(key.clone());
            });
            key
        })
    }

    fn sent_body(self) -> Option<serde_json::Value> {
        self.step_draft.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| serde_json::from_value::<DetailsDraft>(d.details.clone()).ok())
                .and_then(|d| d.sent_body)
        })
    }

    fn set_sent_body(self, body: Option<serde_json::Value>) {
        let mut details = self.details_draft();
        details.sent_body = body;
        self.step_draft.update(|d| {
            d.get_or_insert_with(StepDraft::default).details =
                serde_json::to_value(details).unwrap_or_default();
        });
    }

    /// "Submit": sends the application once; a click while it is under way does nothing, and
    /// every retry carries the same key (R21).
    pub fn submit(self) {
        if self.submit.with_untracked(SubmitState::is_busy) {
            return;
        }
        let Some(request) = self.request() else {
            self.touch_all();
            return;
        };
        let Backend::Api(client) = self.backend.get_value() else {
            return;
        };
        let body = serde_json::to_value(&request).unwrap_or_default();
        let mut key = self.idempotency_key();
        if self.sent_body().is_some_and(|sent| sent != body) {
            key = self.renew_idempotency_key();
        }
        self.set_sent_body(Some(body));
        self.new_split.set(false);
        self.submit.set(SubmitState::Sending);
        let submit = self.submit;
        leptos::task::spawn_local(async move {
            let on_state = move |s: SendState| {
                submit.try_set(match s {
                    SendState::Sending { .. } => SubmitState::Sending,
                    SendState::Waiting { delay, .. } => SubmitState::Waiting { delay },
                });
            };
            let answer = client.submit(&request, &key, &on_state).await;
            if let Err(error) = &answer {
                // After a new sign-in, Resume sends the same request with the same key (R21).
                client.retry_after_sign_in(error, move || {
                    if matches!(
                        self.submit.try_get_untracked(),
                        Some(SubmitState::Refused(_))
                    ) {
                        self.submit();
                    }
                });
            }
            if self.session.try_get_value().is_some() {
                self.receive_submission(answer.map(|s| s.created));
            }
        });
    }

    /// The backend's answer: the result, or the refusal with everything kept (R22, R23).
    pub fn receive_submission(self, answer: Result<ApplicationCreated, ApiError>) {
        match answer {
            Ok(created) => {
                if let Some(k) = self.keeper {
                    k.discard();
                }
                if let Some(embed) = self.embed.get_value() {
                    let ids: Vec<String> = created
                        .invoices
                        .iter()
                        .map(|i| i.invoice_id.clone())
                        .collect();
                    embed.submitted(&created.application_id, &ids);
                }
                self.submit.set(SubmitState::Done(created));
                self.step.set(FlowStep::Done);
            }
            Err(error) => {
                if error.status() == Some(422) {
                    self.renew_idempotency_key();
                }
                if let Some(expected) = error.expected_invoices() {
                    self.replace_split(expected.to_vec());
                }
                self.submit.set(SubmitState::Refused(error));
            }
        }
    }

    /// The server's current split in place of the previewed one, each invoice keeping its
    /// details by group; the user confirms again (R16, R23).
    fn replace_split(self, invoices: Vec<invoicing::application::PlannedInvoice>) {
        let differences = self.differences(&invoices);
        self.set_invoices(&invoices);
        self.preview.update(|p| {
            if let PreviewState::Ready(view) = p {
                let total = invoices.iter().map(|i| i.amount).sum();
                *view = PreviewView {
                    preview: ApplicationPreview {
                        total_amount: total,
                        invoices,
                        ..view.preview.clone()
                    },
                    differences,
                };
            }
        });
        self.new_split.set(true);
    }
}
