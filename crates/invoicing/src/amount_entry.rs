//! The amount a user types on the "by amount" tab (R11): what is tolerated, what is refused and
//! why, and the exact amount it stands for. Nothing typed is ever rounded or altered.

use crate::money::Money;

/// Why a typed amount cannot be used. Each has its own message in the app (R11).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing but spaces, `¥` and separators.
    Empty,
    /// Letters or other signs than digits, one `.`, `,`, spaces and a leading `¥`.
    NotANumber,
    /// A minus sign: amounts to invoice are above zero.
    Negative,
    /// Three or more digits after the point.
    TooManyDecimals,
    /// The amount is zero.
    Zero,
    /// More than the invoiceable balance.
    OverBalance { balance: Money },
    /// More digits than an amount of the contract can hold.
    TooLarge,
}

/// Reads what the user typed. `¥` (or `￥`) in front, spaces anywhere and `,` between digits are
/// removed; what is left must be digits with at most one `.` and at most two digits after it.
/// `balance`, when known, is the most that can be invoiced.
pub fn parse_amount(typed: &str, balance: Option<Money>) -> Result<Money, AmountError> {
    let trimmed = typed.trim();
    let unsigned = trimmed
        .strip_prefix('¥')
        .or_else(|| trimmed.strip_prefix('￥'))
        .unwrap_or(trimmed);
    let cleaned: String = unsigned
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect();
    if cleaned.is_empty() {
        return Err(AmountError::Empty);
    }
    if let Some(rest) = cleaned.strip_prefix('-') {
        return Err(if is_decimal(rest) {
            AmountError::Negative
        } else {
            AmountError::NotANumber
        });
    }
    if !is_decimal(&cleaned) {
        return Err(AmountError::NotANumber);
    }
    let (int, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if frac.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let contract = format!("{int}.{frac:0<2}");
    let amount = Money::parse_contract(&contract).map_err(|_| AmountError::TooLarge)?;
    if !amount.is_positive() {
        return Err(AmountError::Zero);
    }
    match balance {
        Some(balance) if amount > balance => Err(AmountError::OverBalance { balance }),
        _ => Ok(amount),
    }
}

/// Digits with at most one `.`, and at least one digit before or after it.
fn is_decimal(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    !(int.is_empty() && frac.is_empty()) && digits(int) && digits(frac)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cents(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn r11_tolerated_signs_are_removed_and_nothing_is_rounded() {
        for (typed, want) in [
            ("1234.5", 123450),
            ("¥1,234.56", 123456),
            (" ￥ 1 234.56 ", 123456),
            ("0.01", 1),
            (".5", 50),
            ("7.", 700),
            ("007", 700),
        ] {
            assert_eq!(parse_amount(typed, None), Ok(cents(want)), "{typed:?}");
        }
    }

    #[test]
    fn r11_each_refusal_has_its_own_reason() {
        assert_eq!(parse_amount("  ", None), Err(AmountError::Empty));
        assert_eq!(parse_amount("¥", None), Err(AmountError::Empty));
        assert_eq!(parse_amount("12a", None), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1.2.3", None), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("1e3", None), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-5", None), Err(AmountError::Negative));
        assert_eq!(
            parse_amount("1.234", None),
            Err(AmountError::TooManyDecimals)
        );
        assert_eq!(parse_amount("0.00", None), Err(AmountError::Zero));
        assert_eq!(parse_amount("0", None), Err(AmountError::Zero));
        assert_eq!(
            parse_amount("100.01", Some(cents(10000))),
            Err(AmountError::OverBalance {
                balance: cents(10000)
            })
        );
        assert_eq!(parse_amount("100.00", Some(cents(10000))), Ok(cents(10000)));
        assert_eq!(
            parse_amount("123456789012345678", None),
            Err(AmountError::TooLarge)
        );
    }

    proptest! {
        /// Every amount written with up to two decimals, with or without `¥`, separators and
        /// spaces, reads as exactly that amount.
        #[test]
        fn r11_every_valid_string_parses_to_exactly_the_amount_written(
            c in 1i64..100_000_000_000,
            yen in any::<bool>(),
            grouped in any::<bool>(),
            decimals in 0usize..3,
        ) {
            let amount = cents(c);
            let plain = amount.to_contract_string();
            let (int, frac) = plain.split_once('.').unwrap();
            let int = if grouped {
                let mut out = String::new();
                for (i, ch) in int.chars().enumerate() {
                    if i > 0 && (int.len() - i).is_multiple_of(3) { out.push(','); }
                    out.push(ch);
                }
                out
            } else { int.to_owned() };
            // Fewer decimals only where they are zeros: the amount must stay the same.
            let frac = match decimals {
                0 if frac == "00" => String::new(),
                1 if frac.ends_with('0') => format!(".{}", &frac[..1]),
                _ => format!(".{frac}"),
            };
            let typed = format!("{}{int}{frac}", if yen { "¥" } else { "" });
            prop_assert_eq!(parse_amount(&typed, None), Ok(amount), "{}", typed);
        }

        /// Whatever is typed, nothing panics, and what is accepted is above zero, has at most
        /// two decimals and is within the balance.
        #[test]
        fn r11_nothing_invalid_is_accepted_and_nothing_panics(
            typed in "\\PC{0,24}",
            balance in 0i64..1_000_000,
        ) {
            if let Ok(amount) = parse_amount(&typed, Some(cents(balance))) {
                prop_assert!(amount.is_positive());
                prop_assert!(!typed.chars().any(|c| c.is_alphabetic() || c == '-'), "{}", typed);
                prop_assert!(amount <= cents(balance));
                let kept: String = typed.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
                prop_assert!(kept.split_once('.').is_none_or(|(_, f)| f.len() <= 2), "{}", typed);
            }
        }
    }
}
