//! Bad input, many times over (issue 10): the amount typed on the *by amount* tab (R11) and the
//! e-mail list of an invoice (R20), each against an oracle written here independently of the
//! parser. Nothing panics, nothing invalid is accepted, nothing valid is refused.
//!
//! Each property runs `$BAD_INPUT_CASES` cases (20,000 by default), so one run of the test
//! command tries 80,000 inputs here.

use invoicing::amount_entry::parse_amount;
use invoicing::details::{parse_email_list, MAX_EMAILS, MAX_EMAILS_LENGTH};
use invoicing::Money;
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("BAD_INPUT_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// The oracle of an amount (R11): one `¥` or `￥` in front, spaces anywhere and `,` are
/// tolerated; what remains must be digits with at most one `.` (a digit on at least one side)
/// and at most two decimals, above zero; its value is exactly what the digits say, as far as the
/// contract's amounts can hold it.
fn oracle_amount(typed: &str) -> Option<Money> {
    let trimmed = typed.trim();
    let unsigned = trimmed.strip_prefix(['¥', '￥']).unwrap_or(trimmed);
    let kept: String = unsigned
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    let (int, frac) = kept.split_once('.').unwrap_or((&kept, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) || frac.len() > 2 {
        return None;
    }
    let int = int.trim_start_matches('0');
    let written = format!("{}.{frac:0<2}", if int.is_empty() { "0" } else { int });
    let money: Money = written.parse().ok()?;
    money.is_positive().then_some(money)
}

/// Typed amounts: digits with separators and signs that are allowed, and some that are not.
fn typed_amount() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => "[0-9]{1,4}",
        2 => Just(",".to_owned()),
        2 => Just(".".to_owned()),
        1 => Just("¥".to_owned()),
        1 => Just(" ".to_owned()),
        1 => Just("-".to_owned()),
        1 => Just("e".to_owned()),
        1 => "\\PC",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.concat())
}

/// The oracle of one address: `local@domain`, ASCII, the local part of letters, digits and
/// ``!#$%&'*+/=?^_`{|}~-`` with inner single dots, at most 64 long; two or more domain labels of
/// letters, digits and inner hyphens, each at most 63 long.
fn oracle_address(a: &str) -> bool {
    let Some((local, domain)) = a.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-.".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// The oracle of a list: 1 to 5 valid addresses, no two the same ignoring case, at most 200
/// characters joined with commas.
fn oracle_list(addresses: &[String]) -> bool {
    let joined: usize =
        addresses.iter().map(|a| a.chars().count()).sum::<usize>() + addresses.len().max(1) - 1;
    (1..=MAX_EMAILS).contains(&addresses.len())
        && joined <= MAX_EMAILS_LENGTH
        && addresses.iter().all(|a| oracle_address(a))
        && addresses
            .iter()
            .enumerate()
            .all(|(i, a)| addresses[..i].iter().all(|b| !b.eq_ignore_ascii_case(a)))
}

fn address() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,8}(\\.[a-z0-9_+-]{1,6})?",
        "[a-z0-9]{1,10}(-[a-z0-9]{1,5})?",
        "(cn|com|example|co\\.uk)",
    )
        .prop_map(|(local, host, tld)| format!("{local}@{host}.{tld}"))
}

fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just(","),
        Just(", "),
        Just(";"),
        Just("，"),
        Just("；"),
        Just("、"),
        Just("\n"),
        Just(" ; ")
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Every amount written with up to two decimals, the tolerated signs anywhere, is read as
    /// exactly what the digits say.
    #[test]
    fn r11_every_valid_amount_is_read_exactly(
        int in 1u64..1_000_000_000_000,
        frac in prop::option::of("[0-9]{1,2}"),
        yen in any::<bool>(),
        spaces in any::<bool>(),
    ) {
        let mut int_text = int.to_string();
        if int_text.len() > 3 && spaces {
            int_text.insert(int_text.len() - 3, ',');
        }
        let typed = format!(
            "{}{}{int_text}{}{}",
            if yen { "¥" } else { "" },
            if spaces { " " } else { "" },
            frac.as_ref().map(|f| format!(".{f}")).unwrap_or_default(),
            if spaces { " " } else { "" },
        );
        let expected = oracle_amount(&typed).expect("the generator writes valid amounts");
        prop_assert_eq!(parse_amount(&typed, None), Ok(expected), "{}", typed);
    }

    /// Whatever is typed, the parser does not panic and accepts exactly what the oracle accepts
    /// (with no balance to exceed), with the same value.
    #[test]
    fn r11_any_typed_amount_is_accepted_exactly_when_the_oracle_accepts_it(typed in typed_amount()) {
        let parsed = parse_amount(&typed, None).ok();
        prop_assert_eq!(parsed, oracle_amount(&typed), "{:?}", typed);
    }

    /// Every list of 1 to 5 distinct valid addresses within 200 characters, with any of the
    /// separators, is read as exactly those addresses.
    #[test]
    fn r20_every_valid_email_list_is_read_exactly(
        addresses in prop::collection::vec(address(), 1..=MAX_EMAILS),
        seps in prop::collection::vec(separator(), MAX_EMAILS),
    ) {
        let mut unique: Vec<String> = Vec::new();
        for a in addresses {
            if !unique.iter().any(|u| u.eq_ignore_ascii_case(&a)) {
                unique.push(a);
            }
        }
        prop_assume!(oracle_list(&unique));
        let mut typed = String::new();
        for (i, a) in unique.iter().enumerate() {
            if i > 0 {
                typed.push_str(seps[i]);
            }
            typed.push_str(a);
        }
        prop_assert_eq!(parse_email_list(&typed), Ok(unique), "{:?}", typed);
    }

    /// Whatever is typed, the parser does not panic, and it accepts a list exactly when the
    /// oracle accepts the pieces between separators.
    #[test]
    fn r20_any_typed_email_list_is_accepted_exactly_when_the_oracle_accepts_it(
        typed in "([a-z.@_+-]{0,12}|[,;，、\\n ]|\\PC{0,3}){0,8}",
    ) {
        let pieces: Vec<String> = typed
            .split([',', ';', '，', '；', '、', '\n', '\r'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        let parsed = parse_email_list(&typed);
        prop_assert_eq!(parsed.is_ok(), oracle_list(&pieces), "{:?} -> {:?}", typed, parsed);
        if let Ok(list) = parsed {
            prop_assert_eq!(list, pieces);
        }
    }
}
