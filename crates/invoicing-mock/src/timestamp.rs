//! Dates and times of the mock, parsed and written with the `time` crate: RFC 3339 date-times
//! (fixture, query parameters), `YYYY-MM` billing cycles, and the creation time of an application
//! in China Standard Time.
//!
//! [`Instant`] is the domain's plain (seconds, nanoseconds) key, so that the mock orders and
//! filters exactly as the app does; only the parsing and writing are done here, by `time`.

use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::{Date, OffsetDateTime, UtcOffset};

pub use invoicing::time::Instant;

/// China Standard Time, the offset the contract writes times in.
pub const CHINA: UtcOffset = offset!(+8);

/// Parses an RFC 3339 date-time with an offset (`2026-10-30T17:15:36+08:00`, `…Z`, fractions of
/// up to nine digits). What `time` takes beyond the domain's parser (which the app uses) is
/// refused as it refuses it: a space instead of `T`, a leap second (`:60`), more than nine
/// fraction digits.
pub fn parse_rfc3339(s: &str) -> Option<Instant> {
    let t = OffsetDateTime::parse(s, &Rfc3339).ok()?;
    let fraction = s.split_once('.').map_or(0, |(_, rest)| {
        rest.bytes().take_while(u8::is_ascii_digit).count()
    });
    let leap = s.get(17..19) == Some("60");
    let t_separator = matches!(s.as_bytes().get(10), Some(b'T' | b't'));
    if fraction > 9 || leap || !t_separator {
        return None;
    }
    Some(Instant {
        secs: t.unix_timestamp(),
        nanos: t.nanosecond(),
    })
}

/// Whether `s` is a billing cycle `YYYY-MM` with a month 01–12.
pub fn is_billing_cycle(s: &str) -> bool {
    s.len() == 7
        && s.as_bytes()[0].is_ascii_digit()
        && Date::parse(
            &format!("{s}-01"),
            format_description!("[year repr:full sign:automatic]-[month]-[day]"),
        )
        .is_ok()
}

/// `secs` since the epoch in China Standard Time: RFC 3339 (`2026-10-30T17:15:36+08:00`, whole
/// seconds) and the date `YYYYMMDD`.
pub fn china_time(secs: i64) -> (String, String) {
    let t = OffsetDateTime::from_unix_timestamp(secs)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(CHINA);
    let rfc3339 = t
        .format(&Rfc3339)
        .expect("a whole second in +08:00 formats");
    let date = t
        .format(format_description!("[year][month][day]"))
        .expect("a date formats");
    (rfc3339, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers as the domain's own parser (which the app uses), edge cases included.
    #[test]
    fn parses_as_the_domain_does() {
        let cases = [
            "2026-10-30T17:15:36+08:00",
            "2026-10-30T09:15:36Z",
            "2026-10-30t09:15:36z",
            "2026-10-30T09:15:36.5Z",
            "2026-10-30T09:15:36.123456789-05:30",
            "2026-10-30T09:15:36.1234567890Z",
            "2026-10-30T09:15:36.Z",
            "2026-10-30T23:59:60Z",
            "2024-02-29T00:00:00+08:00",
            "2023-02-29T00:00:00+08:00",
            "2026-13-01T00:00:00Z",
            "2026-10-30T24:00:00Z",
            "2026-10-30T09:15:36+24:00",
            "2026-10-30T09:15:36+08:60",
            "2026-10-30 09:15:36Z",
            "2026-10-30T09:15:36",
            "2026-10-30T09:15:36+0800",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59-23:59",
            "2026-10-30",
            "",
        ];
        for s in cases {
            assert_eq!(parse_rfc3339(s), invoicing::time::parse_rfc3339(s), "{s:?}");
        }
        assert_eq!(
            parse_rfc3339("2026-10-30T17:15:36+08:00"),
            parse_rfc3339("2026-10-30T09:15:36Z")
        );
    }

    /// Every one-character change of a few valid times parses the same with both.
    #[test]
    fn one_character_changes_parse_as_the_domain_does() {
        let mut tried = 0;
        for valid in [
            "2024-02-29T23:59:59.999999999+08:00",
            "2026-10-30T09:15:36Z",
        ] {
            for at in 0..valid.len() {
                for c in "0129:-+.TtZz 5x".chars() {
                    let mut s = valid.to_owned();
                    s.replace_range(at..at + 1, &c.to_string());
                    assert_eq!(
                        parse_rfc3339(&s),
                        invoicing::time::parse_rfc3339(&s),
                        "{s:?}"
                    );
                    tried += 1;
                }
            }
        }
        assert!(tried > 700);
    }

    #[test]
    fn billing_cycles_as_the_domain_does() {
        for s in [
            "2026-10",
            "2026-01",
            "2026-12",
            "2026-00",
            "2026-13",
            "0000-01",
            "+2026-1",
            "2026-1",
            "26-10",
            "2026/10",
            "2026-10-01",
            "",
            "abcd-10",
        ] {
            assert_eq!(
                is_billing_cycle(s),
                invoicing::time::is_billing_cycle(s),
                "{s:?}"
            );
        }
    }

    #[test]
    fn china_time_is_written_in_plus_eight() {
        assert_eq!(
            china_time(1_790_000_000),
            ("2026-09-21T22:13:20+08:00".into(), "20260921".into())
        );
        assert_eq!(
            china_time(0),
            ("1970-01-01T08:00:00+08:00".into(), "19700101".into())
        );
    }
}
