//! RFC 3339 date-times and `YYYY-MM` billing cycles, parsed exactly so that times with different offsets compare correctly.

use std::fmt;

/// A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant {
    pub secs: i64,
    pub nanos: u32,
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:09}", self.secs, self.nanos)
    }
}

impl Instant {
    /// The instant in UTC as RFC 3339 (`2026-09-30T16:00:00Z`, with a fraction when it has one).
    pub fn to_rfc3339(self) -> String {
        let (days, secs) = (self.secs.div_euclid(86_400), self.secs.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
        let fraction = if self.nanos == 0 {
            String::new()
        } else {
            format!(".{:09}", self.nanos)
                .trim_end_matches('0')
                .to_owned()
        };
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}{fraction}Z")
    }
}

/// Parses an RFC 3339 date-time with an offset (`2026-10-30T17:15:36+08:00`, `...Z`, fractions allowed).
pub fn parse_rfc3339(s: &str) -> Option<Instant> {
    let b = s.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')),
        )
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    if !(sep(4, b'-') && sep(7, b'-') && (sep(10, b'T') || sep(10, b't')))
        || !(sep(13, b':') && sep(16, b':'))
    {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut at = 19;
    let mut nanos: u32 = 0;
    if sep(at, b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        let digits = &s[start..at];
        if digits.is_empty() || digits.len() > 9 {
            return None;
        }
        let padded = format!("{digits:0<9}");
        nanos = padded.parse().ok()?;
    }
    let offset_secs = match b.get(at)? {
        b'Z' | b'z' if at + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if at + 6 == b.len() && sep(at + 3, b':') => {
            let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if *sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
    Some(Instant { secs, nanos })
}

/// Whether `s` is a billing cycle `YYYY-MM` with a month 01–12.
pub fn is_billing_cycle(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && matches!((b[5], b[6]), (b'0', b'1'..=b'9') | (b'1', b'0'..=b'2'))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days `month` (1–12) of `year` has, leap years included.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's
/// algorithm).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r04_times_with_other_offsets_compare_as_instants() {
        let cst = parse_rfc3339("2026-10-01T00:00:00+08:00").unwrap();
        let utc = parse_rfc3339("2026-09-30T16:00:00Z").unwrap();
        assert_eq!(cst, utc);
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap().secs, 0);
        assert_eq!(
            parse_rfc3339("2000-03-01T00:00:00Z").unwrap().secs,
            951_868_800
        );
        let frac = parse_rfc3339("2026-10-01T00:00:00.5+08:00").unwrap();
        assert_eq!((frac.secs, frac.nanos), (cst.secs, 500_000_000));
        assert!(parse_rfc3339("2026-10-01T08:00:00-01:30").unwrap() > cst);
    }

    #[test]
    fn instants_are_written_back_in_utc() {
        for s in [
            "2026-10-01T00:00:00+08:00",
            "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59.25-01:30",
            "1969-12-31T23:59:59Z",
        ] {
            let t = parse_rfc3339(s).unwrap();
            assert_eq!(parse_rfc3339(&t.to_rfc3339()), Some(t), "{s}");
        }
        let cst = parse_rfc3339("2026-10-01T00:00:00+08:00").unwrap();
        assert_eq!(cst.to_rfc3339(), "2026-09-30T16:00:00Z");
    }

    #[test]
    fn r04_malformed_times_are_refused() {
        for s in [
            "2026-10-01",
            "2026-10-01T00:00:00",
            "2026-10-01 00:00:00+08:00",
            "2026-02-30T00:00:00+08:00",
            "2026-13-01T00:00:00+08:00",
            "2026-10-01T24:00:00+08:00",
            "2026-10-01T00:00:00+0800",
            "2026-10-01T00:00:00.+08:00",
            "2026-10-01T00:00:00 08:00",
        ] {
            assert!(parse_rfc3339(s).is_none(), "{s} accepted");
        }
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_some());
        assert!(parse_rfc3339("2026-02-29T00:00:00Z").is_none());
    }

    #[test]
    fn r04_billing_cycles_are_year_and_month() {
        assert!(is_billing_cycle("2026-10"));
        assert!(is_billing_cycle("2026-01"));
        for s in [
            "2026-00",
            "2026-13",
            "2026-1",
            "26-10",
            "2026/10",
            "2026-10-01",
        ] {
            assert!(!is_billing_cycle(s), "{s} accepted");
        }
    }
}
