//! One request on the wire and its attempts (R21, R30): cookies always sent, a deadline per
//! attempt (`AbortController`), the problem answer read, and retries as [`super::retry`] decides.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::{Request, RequestBuilder, Response};
use invoicing::application::ApplicationProblem;
use leptos::prelude::set_timeout_with_handle;
use serde::de::DeserializeOwned;
use web_sys::{AbortController, RequestCredentials};

use super::idempotency::random_u32;
use super::online::{back_online, is_online};
use super::retry::{next_delay, parse_retry_after, RetryPolicy};
use super::ApiError;
use crate::state::timer::Timer;

/// A success answer with what its headers say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<T> {
    pub body: T,
    /// `Idempotent-Replayed: true`: the stored answer of an earlier request with the same key.
    pub replayed: bool,
}

/// A file the backend sent (`GET /invoice-records/export`, `GET /invoice-records/{id}/file`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileBody {
    pub bytes: Vec<u8>,
    /// The name `Content-Disposition` gives, if any.
    pub file_name: Option<String>,
    pub content_type: Option<String>,
}

/// Where a request with retries stands, for the page to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SendState {
    /// Attempt number `attempt` (1 for the first) is under way.
    Sending { attempt: u32 },
    /// Attempt `attempt` failed in a way that may pass; the next one starts after `delay`.
    Waiting { attempt: u32, delay: Duration },
}

/// A request as its parts, so that each attempt builds it afresh.
pub(super) struct Call<'a> {
    pub url: String,
    pub query: &'a [(&'a str, String)],
    pub language: &'static str,
    /// The `Accept` header: JSON, or a file's type and the problem's.
    pub accept: &'static str,
    pub headers: &'a [(&'a str, &'a str)],
    /// A JSON body: a `POST`; none: a `GET`.
    pub body: Option<&'a str>,
}

/// Reads a success answer's body.
type Read<'a, T> = dyn Fn(&Response, Vec<u8>) -> Result<T, Failed> + 'a;

/// A failed attempt and the `Retry-After` that came with it.
struct Failed {
    error: ApiError,
    retry_after: Option<Duration>,
}

impl Call<'_> {
    /// Sends the request until it succeeds, fails for good, or `policy` gives up; `on_state`
    /// hears every attempt and wait.
    pub async fn send<T: DeserializeOwned>(
        &self,
        policy: RetryPolicy,
        on_state: &dyn Fn(SendState),
    ) -> Result<Answer<T>, ApiError> {
        self.send_as(policy, on_state, &decode_json).await
    }

    /// Like [`Call::send`], for a file: the success body as bytes, with the file name of its
    /// `Content-Disposition` (R26, R27).
    pub async fn send_file(
        &self,
        policy: RetryPolicy,
        on_state: &dyn Fn(SendState),
    ) -> Result<FileBody, ApiError> {
        self.send_as(policy, on_state, &decode_file).await
    }

    async fn send_as<T>(
        &self,
        policy: RetryPolicy,
        on_state: &dyn Fn(SendState),
        read: &Read<'_, T>,
    ) -> Result<T, ApiError> {
        let mut attempt = 1;
        loop {
            on_state(SendState::Sending { attempt });
            let failed = match self.attempt(policy.timeout, read).await {
                Ok(answer) => return Ok(answer),
                Err(failed) => failed,
            };
            if matches!(failed.error, ApiError::Decode(_)) {
                return Err(failed.error);
            }
            if matches!(failed.error, ApiError::Network(_)) && !is_online() {
                // Offline: the same attempt again once the network is back; the page's
                // offline banner says so, and no attempt is used up.
                back_online().await;
                continue;
            }
            let error = &failed.error;
            let delay = next_delay(
                &policy,
                attempt,
                error.status(),
                error.code(),
                failed.retry_after,
                random_u32(),
            );
            let Some(delay) = delay else {
                return Err(failed.error);
            };
            on_state(SendState::Waiting { attempt, delay });
            sleep(delay).await;
            attempt += 1;
        }
    }

    fn builder(&self) -> RequestBuilder {
        let builder = if self.body.is_some() {
            Request::post(&self.url)
        } else {
            Request::get(&self.url)
        };
        let mut builder = builder
            .query(self.query.iter().map(|(k, v)| (*k, v.as_str())))
            .credentials(RequestCredentials::Include)
            .header("Accept", self.accept)
            .header("Accept-Language", self.language);
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        builder
    }

    /// One attempt, aborted after `timeout` (then a network error).
    async fn attempt<T>(&self, timeout: Duration, read: &Read<'_, T>) -> Result<T, Failed> {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().and_then(|c| {
            let timed_out = timed_out.clone();
            let abort = move || {
                timed_out.set(true);
                c.abort();
            };
            Timer::start(abort, timeout)
        });
        let signal = controller.as_ref().map(AbortController::signal);
        let builder = self.builder().abort_signal(signal.as_ref());
        let result = async {
            let response = match self.body {
                Some(body) => builder.body(body.to_owned())?.send().await?,
                None => builder.send().await?,
            };
            let body = response.binary().await?;
            Ok::<_, gloo_net::Error>((response, body))
        }
        .await;
        drop(timer);
        match result {
            Ok((response, body)) if response.ok() => read(&response, body),
            Ok((response, body)) => Err(problem(&response, &body)),
            Err(_) if timed_out.get() => {
                Err(network(format!("no answer within {} s", timeout.as_secs())))
            }
            Err(e) => Err(network(e.to_string())),
        }
    }
}

fn network(message: String) -> Failed {
    Failed {
        error: ApiError::Network(message),
        retry_after: None,
    }
}

/// A success body as JSON `T`, with `Idempotent-Replayed`.
fn decode_json<T: DeserializeOwned>(
    response: &Response,
    body: Vec<u8>,
) -> Result<Answer<T>, Failed> {
    let replayed = response
        .headers()
        .get("Idempotent-Replayed")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    serde_json::from_slice(&body)
        .map(|body| Answer { body, replayed })
        .map_err(|e| Failed {
            error: ApiError::Decode(e.to_string()),
            retry_after: None,
        })
}

/// A success body as a file, named by its `Content-Disposition` if it has one.
fn decode_file(response: &Response, body: Vec<u8>) -> Result<FileBody, Failed> {
    let headers = response.headers();
    Ok(FileBody {
        bytes: body,
        file_name: headers
            .get("Content-Disposition")
            .as_deref()
            .and_then(super::file_name::from_content_disposition),
        content_type: headers.get("Content-Type"),
    })
}

/// The problem of an error answer, with `Retry-After`.
fn problem(response: &Response, body: &[u8]) -> Failed {
    let error = match serde_json::from_slice::<ApplicationProblem>(body) {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(response.status()),
    };
    let retry_after = response
        .headers()
        .get("Retry-After")
        .as_deref()
        .and_then(parse_retry_after);
    Failed { error, retry_after }
}

/// Resolves after `delay` (the page's timers, so tests can run it in the browser).
async fn sleep(delay: Duration) {
    let (done, wait) = futures::channel::oneshot::channel::<()>();
    let wake = move || {
        let _ = done.send(());
    };
    if set_timeout_with_handle(wake, delay).is_ok() {
        let _ = wait.await;
    }
}
