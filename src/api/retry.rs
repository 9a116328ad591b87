//! When a failed request is sent again (R21, R30): which failures are worth another attempt,
//! how long to wait (exponential backoff with jitter, at least the server's `Retry-After`) and
//! how many attempts in all. Pure arithmetic over durations, tested natively.

use std::time::Duration;

/// How one request is attempted and retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first one included.
    pub max_attempts: u32,
    /// The backoff before the first retry; it doubles for each further retry.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// The longest `Retry-After` the app waits for by itself; a longer one ends the attempts, and
    /// the page says what failed and offers a retry (R30).
    pub max_retry_after: Duration,
    /// How long one attempt may take before it is aborted and counted as a network error.
    pub timeout: Duration,
}

impl RetryPolicy {
    /// The `POST`s (preview and submission): four attempts within about half a minute. A
    /// submission's retries carry the same `Idempotency-Key`, so they never create a second
    /// application (R21).
    pub const POST: RetryPolicy = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(500),
        max_delay: Duration::from_secs(8),
        max_retry_after: Duration::from_secs(30),
        timeout: Duration::from_secs(30),
    };

    /// The `GET`s (idempotent reads): a second attempt after the backoff (or `Retry-After`)
    /// when the first failed without an answer, with `5xx` or `429`; then the page shows what
    /// failed with a retry button (R30). A body that is not the contract's JSON is shown at
    /// once. Each attempt has a deadline of 20 s.
    pub const GET: RetryPolicy = RetryPolicy {
        max_attempts: 2,
        timeout: Duration::from_secs(20),
        ..RetryPolicy::POST
    };
}

/// Whether a failure may go away by itself: no answer (network error, timeout), `429`, any
/// `5xx`, and `409 IDEMPOTENCY_KEY_IN_PROGRESS` (the contract: retry later with the same key
/// and body). Every other `4xx` is an answer that another attempt would only repeat.
pub fn is_retryable(status: Option<u16>, code: Option<&str>) -> bool {
    match status {
        None => true,
        Some(429) | Some(500..=599) => true,
        Some(409) => code == Some("IDEMPOTENCY_KEY_IN_PROGRESS"),
        Some(_) => false,
    }
}

/// The backoff before retry number `retry` (1 for the first): `base · 2^(retry−1)`, at most
/// `max_delay`, of which the upper half is jitter drawn from `random` ("equal jitter": never
/// less than half the step, so clients that failed together spread out).
pub fn backoff(policy: &RetryPolicy, retry: u32, random: u32) -> Duration {
    let base = policy.base_delay.as_millis() as u64;
    let max = policy.max_delay.as_millis() as u64;
    let doublings = retry.saturating_sub(1).min(32);
    let step = base.saturating_mul(1u64 << doublings).min(max);
    let half = step / 2;
    let jitter = u64::from(random) % (step - half + 1);
    Duration::from_millis(half + jitter)
}

/// Reads `Retry-After` as the contract sends it: a number of seconds. An HTTP date or anything
/// else reads as absent, and the backoff applies.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// How long to wait before the next attempt after attempt number `attempt` (1 for the first)
/// failed with `status` (`None`: no answer) and `code`, or `None` to give up: the failure is
/// not retryable, the attempts are used up, or `Retry-After` asks for longer than
/// [`RetryPolicy::max_retry_after`]. Never sooner than `Retry-After`.
pub fn next_delay(
    policy: &RetryPolicy,
    attempt: u32,
    status: Option<u16>,
    code: Option<&str>,
    retry_after: Option<Duration>,
    random: u32,
) -> Option<Duration> {
    if attempt >= policy.max_attempts || !is_retryable(status, code) {
        return None;
    }
    let backoff = backoff(policy, attempt, random);
    match retry_after {
        Some(wait) if wait > policy.max_retry_after => None,
        Some(wait) => Some(wait.max(backoff)),
        None => Some(backoff),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: RetryPolicy = RetryPolicy::POST;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn r30_only_transient_failures_are_retried() {
        for status in [None, Some(429), Some(500), Some(502), Some(503), Some(504)] {
            assert!(is_retryable(status, None), "{status:?}");
        }
        for status in [400, 401, 403, 404, 405, 409, 422] {
            assert!(!is_retryable(Some(status), None), "{status}");
        }
        assert!(!is_retryable(Some(422), Some("STALE_AMOUNTS")));
        assert!(!is_retryable(Some(403), Some("CSRF_TOKEN_INVALID")));
        assert!(!is_retryable(Some(409), Some("SOMETHING_ELSE")));
        assert!(is_retryable(Some(409), Some("IDEMPOTENCY_KEY_IN_PROGRESS")));
    }

    #[test]
    fn backoff_doubles_within_its_jitter_and_stops_at_the_cap() {
        // Without jitter the lower bound, with the most jitter the step itself.
        assert_eq!(backoff(&P, 1, 0), ms(250));
        assert_eq!(backoff(&P, 1, 250), ms(500));
        assert_eq!(backoff(&P, 2, 0), ms(500));
        assert_eq!(backoff(&P, 3, 0), ms(1000));
        assert_eq!(backoff(&P, 4, 0), ms(2000));
        assert_eq!(backoff(&P, 4, 1000), ms(3000));
        assert_eq!(backoff(&P, 5, 0), ms(4000));
        assert_eq!(backoff(&P, 5, 4000), ms(8000));
        assert_eq!(backoff(&P, 6, 4000), ms(8000), "capped at 8 s");
        assert_eq!(backoff(&P, 1000, u32::MAX), backoff(&P, 7, u32::MAX));
        for random in [0, 1, 7, 999, 123_456, u32::MAX] {
            for retry in 1..12 {
                let d = backoff(&P, retry, random);
                let step = (500u64 << (retry - 1)).min(8000);
                assert!(
                    d >= ms(step / 2) && d <= ms(step),
                    "{retry} {random}: {d:?}"
                );
            }
        }
    }

    #[test]
    fn retry_after_is_a_number_of_seconds() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("0"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(""), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("1.5"), None);
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("99999999999999999999999"), None);
    }

    #[test]
    fn r30_retry_after_is_honoured_and_never_shortened() {
        let after = |s: u64| Some(Duration::from_secs(s));
        assert_eq!(
            next_delay(&P, 1, Some(503), None, after(5), 0),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            next_delay(&P, 1, Some(429), Some("RATE_LIMITED"), after(2), u32::MAX),
            Some(Duration::from_secs(2))
        );
        // A Retry-After shorter than the backoff: the backoff.
        assert_eq!(
            next_delay(&P, 3, Some(503), None, after(0), 0),
            Some(ms(1000))
        );
        // Longer than the app waits by itself: the page shows the error instead.
        assert_eq!(next_delay(&P, 1, Some(503), None, after(31), 0), None);
        assert_eq!(
            next_delay(
                &P,
                1,
                Some(409),
                Some("IDEMPOTENCY_KEY_IN_PROGRESS"),
                after(1),
                0
            ),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn r21_attempts_are_bounded_and_other_4xx_end_them() {
        assert_eq!(next_delay(&P, 1, None, None, None, 0), Some(ms(250)));
        assert_eq!(next_delay(&P, 2, Some(500), None, None, 0), Some(ms(500)));
        assert_eq!(next_delay(&P, 3, Some(502), None, None, 0), Some(ms(1000)));
        assert_eq!(
            next_delay(&P, 4, None, None, None, 0),
            None,
            "four attempts"
        );
        let get = RetryPolicy::GET;
        assert_eq!(next_delay(&get, 1, None, None, None, 0), Some(ms(250)));
        assert_eq!(next_delay(&get, 1, Some(502), None, None, 0), Some(ms(250)));
        assert_eq!(
            next_delay(&get, 2, None, None, None, 0),
            None,
            "two attempts"
        );
        assert_eq!(next_delay(&get, 1, Some(401), None, None, 0), None);
        let refused = Some("CANDIDATE_ALREADY_INVOICED");
        assert_eq!(next_delay(&P, 1, Some(422), refused, None, 0), None);
        assert_eq!(
            next_delay(&P, 1, Some(400), None, Some(Duration::ZERO), 0),
            None
        );
        assert_eq!(
            next_delay(&P, 1, Some(401), Some("SESSION_EXPIRED"), None, 0),
            None
        );
    }
}
