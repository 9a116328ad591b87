//! CNY amounts exact to the cent: parsing the contract's decimal strings and formatting for people.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of yuan with exactly two fraction digits.
///
/// On the wire it is the contract's `Money` string (`"1234.50"`, `"-12.30"`, never `"-0.00"`);
/// in memory a [`Decimal`] whose scale is always 2, so sums never lose or invent a cent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// Why a string is not a contract amount.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("\"{0}\" is not an amount with exactly two decimals such as \"1234.50\"")]
    Malformed(String),
    #[error("\"{0}\" has more than 17 integer digits")]
    TooLarge(String),
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount from a whole number of cents (`123450` is ¥1,234.50).
    pub fn from_cents(cents: i64) -> Money {
        Money(Decimal::new(cents, 2))
    }

    /// The amount as a decimal, scale 2.
    pub fn as_decimal(&self) -> Decimal {
        self.0
    }

    /// The amount from a decimal that has at most two fraction digits; `None` otherwise, since
    /// money is never rounded silently.
    pub fn from_decimal(value: Decimal) -> Option<Money> {
        let mut v = value.normalize();
        if v.scale() > 2 {
            return None;
        }
        v.rescale(2);
        Some(Money(v))
    }

    pub fn is_positive(&self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn is_negative(&self) -> bool {
        self.0 < Decimal::ZERO
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn abs(&self) -> Money {
        Money(self.0.abs())
    }

    /// Parses the contract's strict form `^-?[0-9]{1,17}\.[0-9]{2}$`.
    pub fn parse_contract(s: &str) -> Result<Money, MoneyError> {
        let malformed = || MoneyError::Malformed(s.to_owned());
        let digits = s.strip_prefix('-').unwrap_or(s);
        let (int, frac) = digits.split_once('.').ok_or_else(malformed)?;
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(int) || frac.len() != 2 || !all_digits(frac) {
            return Err(malformed());
        }
        if int.len() > 17 {
            return Err(MoneyError::TooLarge(s.to_owned()));
        }
        let value = Decimal::from_str(s).map_err(|_| malformed())?;
        Ok(Money::from_decimal(value).expect("two fraction digits"))
    }

    /// The contract's string: two decimals, no `+`, no separators, zero as `"0.00"`.
    pub fn to_contract_string(&self) -> String {
        let mut v = self.0;
        if v.is_zero() {
            v = Decimal::ZERO;
        }
        v.rescale(2);
        let s = v.to_string();
        if s == "-0.00" {
            "0.00".to_owned()
        } else {
            s
        }
    }

    /// The amount as people read it: `¥1,234.50`, `-¥1,460.00` (R28; the same in zh-CN and en).
    pub fn format_cny(&self) -> String {
        let plain = self.abs().to_contract_string();
        let (int, frac) = plain.split_once('.').expect("two decimals");
        let mut grouped = String::with_capacity(int.len() + int.len() / 3);
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}¥{grouped}.{frac}")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_contract_string())
    }
}

impl FromStr for Money {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Money::parse_contract(s)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_contract_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Money::parse_contract(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_strings_round_trip_exactly() {
        for s in ["0.00", "1234.50", "-12.30", "0.01", "99999999999999999.99"] {
            assert_eq!(Money::parse_contract(s).unwrap().to_contract_string(), s);
        }
    }

    #[test]
    fn malformed_contract_strings_are_refused() {
        for s in [
            "1", "1.5", "1.555", "+1.00", "1e3", "1,000.00", " 1.00", "", "-", ".50", "1.", "abc",
        ] {
            assert!(Money::parse_contract(s).is_err(), "{s:?} accepted");
        }
        assert!(matches!(
            Money::parse_contract("100000000000000000.00"),
            Err(MoneyError::TooLarge(_))
        ));
    }

    #[test]
    fn negative_zero_is_written_as_zero() {
        let z = Money::parse_contract("-0.00").unwrap();
        assert_eq!(z.to_contract_string(), "0.00");
        let diff =
            Money::parse_contract("12.30").unwrap() - Money::parse_contract("12.30").unwrap();
        assert_eq!(diff.to_contract_string(), "0.00");
        assert_eq!((-diff).to_contract_string(), "0.00");
    }

    #[test]
    fn r28_amounts_are_formatted_with_yuan_sign_and_separators() {
        let f = |s: &str| Money::parse_contract(s).unwrap().format_cny();
        assert_eq!(f("1234.50"), "¥1,234.50");
        assert_eq!(f("0.00"), "¥0.00");
        assert_eq!(f("0.05"), "¥0.05");
        assert_eq!(f("999.99"), "¥999.99");
        assert_eq!(f("1000.00"), "¥1,000.00");
        assert_eq!(f("-1460.00"), "-¥1,460.00");
        assert_eq!(f("12345678.90"), "¥12,345,678.90");
    }

    #[test]
    fn sums_are_exact_to_the_cent() {
        let tenth = Money::parse_contract("0.10").unwrap();
        let total: Money = std::iter::repeat_n(tenth, 10).sum();
        assert_eq!(total.to_contract_string(), "1.00");
    }

    #[test]
    fn serde_uses_contract_strings() {
        let m: Money = serde_json::from_str("\"-118.80\"").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"-118.80\"");
        assert!(serde_json::from_str::<Money>("-118.8").is_err());
        assert!(serde_json::from_str::<Money>("\"-118.8\"").is_err());
    }
}
