//! Who is signed in and which accounts they see: `GET /profile` and `GET /accounts`, read once
//! at start and again after a new sign-in (R01, R04, R12, R13).

use invoicing::api::{Account, Profile, ProfileResponse, RealNameStatus, Role};
use invoicing::arrears::ArrearsBook;

/// The signed-in account, its CSRF token and the accounts it may see, with their arrears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub profile: Profile,
    /// Sent as `X-CSRF-Token` on every `POST` (issue 7).
    pub csrf_token: String,
    /// The visible accounts, ordered by id; the signed-in one is always among them.
    pub accounts: Vec<Account>,
}

impl Session {
    /// The session of `GET /profile`'s answer and `GET /accounts`'s items.
    pub fn new(profile: ProfileResponse, accounts: Vec<Account>) -> Session {
        Session {
            profile: profile.profile,
            csrf_token: profile.csrf_token,
            accounts,
        }
    }

    /// Whether the account may apply for invoices at all (R01).
    pub fn can_apply(&self) -> bool {
        self.profile.real_name != RealNameStatus::Unverified
    }

    /// Whether the caller sees member accounts and may filter and pick them (R04, R11).
    pub fn sees_members(&self) -> bool {
        self.profile.enterprise.is_some()
            && matches!(self.profile.role, Role::Owner | Role::EnterpriseAdmin)
    }

    /// The visible accounts' arrears, pooled when the enterprise offsets them: what the summary
    /// and the page's own split settle against (R12, R13).
    pub fn arrears_book(&self) -> ArrearsBook {
        ArrearsBook::new(&self.accounts, self.arrears_offset_enabled())
    }

    /// Whether one member's arrears may be offset by another's consumption (R13).
    pub fn arrears_offset_enabled(&self) -> bool {
        self.profile
            .enterprise
            .as_ref()
            .is_some_and(|e| e.arrears_offset_enabled)
    }
}
