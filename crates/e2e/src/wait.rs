//! Explicit waits: poll a condition until it holds or a deadline passes; never a fixed sleep.

use std::fmt::Display;
use std::future::Future;
use std::time::Duration;

use tokio::time::{sleep, Instant};

/// How long anything the page should do may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a state must hold when the claim is that nothing changes.
pub const SETTLE: Duration = Duration::from_millis(500);
const POLL: Duration = Duration::from_millis(50);

/// Polls `probe` until it returns `Ok`, and returns its value. After [`TIMEOUT`] it panics with
/// `what` and the last `Err`, which should say what the page showed instead.
pub async fn until<T, F, Fut>(what: impl Display, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    until_within(TIMEOUT, what, probe).await
}

/// [`until`] with another deadline.
pub async fn until_within<T, F, Fut>(timeout: Duration, what: impl Display, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        match probe().await {
            Ok(value) => return value,
            Err(last) if Instant::now() >= deadline => {
                panic!("waited {timeout:?} for {what}; instead: {last}")
            }
            Err(_) => sleep(POLL).await,
        }
    }
}

/// Polls `probe` for [`SETTLE`] and panics as soon as it fails: for claims that a click changes
/// nothing, where there is no new state to wait for.
pub async fn stays<F, Fut>(what: impl Display, mut probe: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<(), String>>,
{
    let deadline = Instant::now() + SETTLE;
    loop {
        if let Err(now) = probe().await {
            panic!("expected {what} to stay so, but {now}");
        }
        if Instant::now() >= deadline {
            return;
        }
        sleep(POLL).await;
    }
}
