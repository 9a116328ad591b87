//! The session as the page sees it (R22, R30): whether the API has answered `401` and what
//! failed because of it. The app's root provides one [`SessionWatch`] and gives it to the
//! client; the client marks a `401` ([`SessionWatch::expired`]) and each place whose request
//! failed with it registers how to try again ([`SessionWatch::on_resume`]). The notice's
//! "Resume", or any later request that succeeds (the user signed in and retried something),
//! runs them all once: the page load, the candidates, the records, the submission with its
//! same idempotency key. Nothing chosen or typed is touched.

use leptos::prelude::*;

type Resumer = Box<dyn FnOnce()>;

/// The session's state and the retries waiting for a new sign-in. `Copy`: arena handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionWatch {
    expired: RwSignal<bool>,
    resumers: StoredValue<Vec<Resumer>, LocalStorage>,
    /// The CSRF token of the session signed in again, once read (it replaces the first
    /// profile's: the mock and the user center give each session its own).
    csrf: StoredValue<Option<String>>,
}

impl SessionWatch {
    pub fn new() -> SessionWatch {
        SessionWatch {
            expired: RwSignal::new(false),
            resumers: StoredValue::new_local(Vec::new()),
            csrf: StoredValue::new(None),
        }
    }

    pub fn use_context() -> Option<SessionWatch> {
        use_context::<SessionWatch>()
    }

    /// Whether the notice shows: a `401` and no resume since.
    pub fn is_expired(self) -> Signal<bool> {
        self.expired.into()
    }

    /// The API answered `401`.
    pub fn expired(self) {
        if self.expired.try_get_untracked() == Some(false) {
            self.expired.set(true);
        }
    }

    /// A request succeeded: if the session had expired, the user has signed in again, so what
    /// failed is tried again.
    pub fn alive(self) {
        if self.expired.try_get_untracked() == Some(true) {
            self.resume();
        }
    }

    /// `retry` runs once at the next resume (or success).
    pub fn on_resume(self, retry: impl FnOnce() + 'static) {
        self.resumers.try_update_value(|r| r.push(Box::new(retry)));
    }

    /// The CSRF token read after a new sign-in, if any.
    pub fn csrf_token(self) -> Option<String> {
        self.csrf.try_get_value().flatten()
    }

    pub fn set_csrf_token(self, token: String) {
        self.csrf.try_set_value(Some(token));
    }

    /// How many retries wait for the session.
    pub fn waiting(self) -> usize {
        self.resumers.try_with_value(Vec::len).unwrap_or(0)
    }

    /// "Resume": hides the notice and tries again everything that failed with `401`. A request
    /// that meets `401` again shows the notice again.
    pub fn resume(self) {
        let _ = self.expired.try_set(false);
        let resumers = self
            .resumers
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        for retry in resumers {
            retry();
        }
    }
}

impl Default for SessionWatch {
    fn default() -> Self {
        SessionWatch::new()
    }
}
