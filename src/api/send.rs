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
use super::retry::{next_delay, parse_retry_after, RetryPolicy};
use super::ApiError;

/// A success answer with what its headers say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer<T> {
    pub body: T,
    /// `Idempotent-Replayed: true`: the stored answer of an earlier request with the same key.
    pub replayed: bool,
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
    pub headers: &'a [(&'a str, &'a str)],
    /// A JSON body: a `POST`; none: a `GET`.
    pub body: Option<&'a str>,
}

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
        let mut attempt = 1;
        loop {
            on_state(SendState::Sending { attempt });
            let failed = match self.attempt(policy.timeout).await {
                Ok(answer) => return Ok(answer),
                Err(failed) => failed,
            };
            if matches!(failed.error, ApiError::Decode(_)) {
                return Err(failed.error);
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
            .header("Accept", "application/json")
            .header("Accept-Language", self.language);
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        builder
    }

    /// One attempt, aborted after `timeout` (then a network error).
    async fn attempt<T: DeserializeOwned>(&self, timeout: Duration) -> Result<Answer<T>, Failed> {
        let controller = AbortController::new().ok();
        let timed_out = Rc::new(Cell::new(false));
        let timer = controller.clone().and_then(|c| {
            let timed_out = timed_out.clone();
            let abort = move || {
                timed_out.set(true);
                c.abort();
            };
            set_timeout_with_handle(abort, timeout).ok()
        });
        let signal = controller.as_ref().map(AbortController::signal);
        let builder = self.builder().abort_signal(signal.as_ref());
        let result = async {
            let response = match self.body {
                Some(body) => builder.body(body.to_owned())?.send().await?,
                None => builder.send().await?,
            };
            let text = response.text().await?;
            Ok::<_, gloo_net::Error>((response, text))
        }
        .await;
        if let Some(timer) = timer {
            timer.clear();
        }
        match result {
            Ok((response, text)) => decode(&response, &text),
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

/// A success body as `T`, or the problem the backend sent, with `Retry-After`.
fn decode<T: DeserializeOwned>(response: &Response, text: &str) -> Result<Answer<T>, Failed> {
    let headers = response.headers();
    if response.ok() {
        let replayed = headers
            .get("Idempotent-Replayed")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        return serde_json::from_str(text)
            .map(|body| Answer { body, replayed })
            .map_err(|e| Failed {
                error: ApiError::Decode(e.to_string()),
                retry_after: None,
            });
    }
    let error = match serde_json::from_str::<ApplicationProblem>(text) {
        Ok(problem) => ApiError::Problem(Box::new(problem)),
        Err(_) => ApiError::Status(response.status()),
    };
    let retry_after = headers
        .get("Retry-After")
        .as_deref()
        .and_then(parse_retry_after);
    Err(Failed { error, retry_after })
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
