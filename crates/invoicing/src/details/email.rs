//! The e-mail addresses of an electronic invoice (R20): one to five, each valid, at most 200
//! characters joined with commas, and none twice. Addresses are kept exactly as typed.

/// At most this many addresses (R20).
pub const MAX_EMAILS: usize = 5;
/// At most this many characters for the addresses joined with commas (R20).
pub const MAX_EMAILS_LENGTH: usize = 200;
/// The longest local part (before `@`) and domain label that mail systems take.
const MAX_LOCAL: usize = 64;
const MAX_LABEL: usize = 63;

/// What separates addresses in typed text: commas and semicolons (also full-width), the Chinese
/// enumeration comma and line breaks. Spaces around an address are not part of it.
pub const SEPARATORS: [char; 7] = [',', ';', '，', '；', '、', '\n', '\r'];

/// Why one address is not a valid e-mail address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailFault {
    /// Nothing at all.
    Empty,
    /// No `@`.
    MissingAt,
    /// More than one `@`.
    SeveralAt,
    /// Nothing before the `@`.
    EmptyLocalPart,
    /// More than 64 characters before the `@`.
    LocalPartTooLong,
    /// Nothing after the `@`.
    EmptyDomain,
    /// The domain has no dot (`finance@qinghe`).
    DomainWithoutDot,
    /// A dot at the start or end of a part, or two dots in a row.
    MisplacedDot,
    /// A domain label that starts or ends with `-` or is longer than 63 characters.
    BadDomainLabel,
    /// A character an address cannot hold (a space, a full-width letter, `(`, …).
    BadCharacter(char),
}

/// One problem with an e-mail list. `index` is the address's place in the list (from 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmailProblem {
    /// No address (`TOO_FEW`).
    Empty,
    /// More than [`MAX_EMAILS`] addresses (`TOO_MANY`).
    TooMany { count: usize },
    /// Joined with commas, more than [`MAX_EMAILS_LENGTH`] characters (`EMAILS_TOO_LONG`).
    TooLong { length: usize },
    /// Not a valid address (`INVALID_EMAIL`).
    Invalid {
        index: usize,
        address: String,
        fault: EmailFault,
    },
    /// The same address as an earlier one, ignoring letter case (`DUPLICATE`).
    Duplicate {
        index: usize,
        address: String,
        first: usize,
    },
}

impl EmailProblem {
    /// The contract's field code.
    pub fn code(&self) -> &'static str {
        match self {
            EmailProblem::Empty => "TOO_FEW",
            EmailProblem::TooMany { .. } => "TOO_MANY",
            EmailProblem::TooLong { .. } => "EMAILS_TOO_LONG",
            EmailProblem::Invalid { .. } => "INVALID_EMAIL",
            EmailProblem::Duplicate { .. } => "DUPLICATE",
        }
    }

    /// The address concerned, for the problems of one address.
    pub fn index(&self) -> Option<usize> {
        match self {
            EmailProblem::Invalid { index, .. } | EmailProblem::Duplicate { index, .. } => {
                Some(*index)
            }
            _ => None,
        }
    }
}

/// The length of the addresses joined with commas, in characters.
pub fn joined_length<S: AsRef<str>>(addresses: &[S]) -> usize {
    let chars: usize = addresses.iter().map(|a| a.as_ref().chars().count()).sum();
    chars + addresses.len().saturating_sub(1)
}

/// Reads typed text as a list of addresses: split at [`SEPARATORS`], each address trimmed of the
/// spaces around it and otherwise kept exactly as typed; empty pieces (`a@x.cn,`) are skipped.
/// Every problem of the list is returned, each its own entry.
pub fn parse_email_list(text: &str) -> Result<Vec<String>, Vec<EmailProblem>> {
    let addresses: Vec<String> = text
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    let problems = check_emails(&addresses);
    if problems.is_empty() {
        Ok(addresses)
    } else {
        Err(problems)
    }
}

/// Checks a list of addresses, one per item (R20): the count, the joined length, then each
/// address, in order. Empty when the list is valid.
pub fn check_emails<S: AsRef<str>>(addresses: &[S]) -> Vec<EmailProblem> {
    let mut problems = Vec::new();
    if addresses.is_empty() {
        problems.push(EmailProblem::Empty);
    }
    if addresses.len() > MAX_EMAILS {
        problems.push(EmailProblem::TooMany {
            count: addresses.len(),
        });
    }
    let length = joined_length(addresses);
    if length > MAX_EMAILS_LENGTH {
        problems.push(EmailProblem::TooLong { length });
    }
    for (index, address) in addresses.iter().enumerate() {
        let address = address.as_ref();
        if let Some(fault) = email_fault(address) {
            problems.push(EmailProblem::Invalid {
                index,
                address: address.to_owned(),
                fault,
            });
        } else if let Some(first) = addresses[..index]
            .iter()
            .position(|a| a.as_ref().eq_ignore_ascii_case(address))
        {
            problems.push(EmailProblem::Duplicate {
                index,
                address: address.to_owned(),
                first,
            });
        }
    }
    problems
}

/// Why `address` is not a valid e-mail address, or `None` when it is: `local@domain` in ASCII,
/// the local part of letters, digits, dots (not first, last or doubled) and
/// ``!#$%&'*+/=?^_`{|}~-``, the domain two or more labels of letters, digits and inner hyphens.
pub fn email_fault(address: &str) -> Option<EmailFault> {
    if address.is_empty() {
        return Some(EmailFault::Empty);
    }
    if let Some(c) = address.chars().find(|c| !c.is_ascii_graphic()) {
        return Some(EmailFault::BadCharacter(c));
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Some(EmailFault::MissingAt);
    };
    if domain.contains('@') {
        return Some(EmailFault::SeveralAt);
    }
    if local.is_empty() {
        return Some(EmailFault::EmptyLocalPart);
    }
    if local.len() > MAX_LOCAL {
        return Some(EmailFault::LocalPartTooLong);
    }
    if let Some(c) = local
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !"!#$%&'*+/=?^_`{|}~-.".contains(*c))
    {
        return Some(EmailFault::BadCharacter(c));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some(EmailFault::MisplacedDot);
    }
    if domain.is_empty() {
        return Some(EmailFault::EmptyDomain);
    }
    if let Some(c) = domain
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && !matches!(c, '-' | '.'))
    {
        return Some(EmailFault::BadCharacter(c));
    }
    if !domain.contains('.') {
        return Some(EmailFault::DomainWithoutDot);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return Some(EmailFault::MisplacedDot);
    }
    if labels
        .iter()
        .any(|l| l.len() > MAX_LABEL || l.starts_with('-') || l.ends_with('-'))
    {
        return Some(EmailFault::BadDomainLabel);
    }
    None
}
