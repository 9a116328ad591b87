//! The records list's filters (R24): what the user typed as days, checked, and the query string
//! of `GET /invoice-records` and `GET /invoice-records/export`.
//!
//! Days are the provider's business days in China time (+08:00): a range `from`–`to` of days is
//! inclusive, so it becomes `from=<from>T00:00:00+08:00` and `to=<the day after to>T00:00:00+08:00`
//! (the contract's `to` is exclusive).

use std::fmt;

use super::{InvoiceMode, InvoiceStatus};
use crate::time::days_in_month;

/// The status of a contract value; `None` for anything else (the filter's "all").
pub fn status_of_code(code: &str) -> Option<InvoiceStatus> {
    InvoiceStatus::ALL.into_iter().find(|s| s.as_str() == code)
}

/// A calendar day, `YYYY-MM-DD`, that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

/// Why a typed day is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayProblem {
    /// Not `YYYY-MM-DD`.
    Malformed,
    /// `YYYY-MM-DD`, but no such day (`2026-02-29`, `2026-13-01`).
    Impossible,
}

impl Day {
    /// Reads `YYYY-MM-DD` (surrounding spaces ignored).
    pub fn parse(text: &str) -> Result<Day, DayProblem> {
        let b = text.trim().as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(DayProblem::Malformed);
        }
        if !digits(8..10) {
            return Err(DayProblem::Malformed);
        }
        let num = |r: std::ops::Range<usize>| {
            b[r].iter()
                .fold(0u16, |acc, d| acc * 10 + u16::from(d - b'0'))
        };
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        if year == 0
            || !(1..=12).contains(&month)
            || day < 1
            || i64::from(day) > days_in_month(i64::from(year), i64::from(month))
        {
            return Err(DayProblem::Impossible);
        }
        Ok(Day {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The day after this one.
    pub fn next(self) -> Day {
        let last = days_in_month(i64::from(self.year), i64::from(self.month));
        match (i64::from(self.day) < last, self.month < 12) {
            (true, _) => Day {
                day: self.day + 1,
                ..self
            },
            (false, true) => Day {
                month: self.month + 1,
                day: 1,
                ..self
            },
            (false, false) => Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            },
        }
    }

    /// The start of this day in China time, as the contract's timestamp.
    pub fn start_in_china(self) -> String {
        format!("{self}T00:00:00+08:00")
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What is wrong with the typed date range; each field its own problem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RangeProblems {
    pub from: Option<DayProblem>,
    pub to: Option<DayProblem>,
    /// Both days are valid, but the range ends before it starts.
    pub reversed: bool,
}

impl RangeProblems {
    pub fn is_empty(&self) -> bool {
        *self == RangeProblems::default()
    }
}

/// The typed date range checked: each day empty (no bound) or valid, and `from ≤ to`.
pub fn check_range(from: &str, to: &str) -> Result<(Option<Day>, Option<Day>), RangeProblems> {
    let read = |t: &str| (!t.trim().is_empty()).then(|| Day::parse(t)).transpose();
    let (from, to) = (read(from), read(to));
    let mut problems = RangeProblems {
        from: from.err(),
        to: to.err(),
        reversed: false,
    };
    if let (Ok(Some(f)), Ok(Some(t))) = (from, to) {
        problems.reversed = f > t;
    }
    match (from, to) {
        (Ok(f), Ok(t)) if !problems.reversed => Ok((f, t)),
        _ => Err(problems),
    }
}

/// The filters of the records list and its export, as the contract's query parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordQuery {
    /// The enterprise tab; `None` for both (a profile without an enterprise).
    pub view: Option<InvoiceMode>,
    pub status: Option<InvoiceStatus>,
    /// The first day, inclusive.
    pub from: Option<Day>,
    /// The last day, inclusive.
    pub to: Option<Day>,
    pub application_id: Option<String>,
}

impl RecordQuery {
    /// The query string's pairs, in the contract's names (`view`, `status`, `from`, `to`,
    /// `applicationId`); absent filters are left out. `to` is the start of the day after the
    /// last day, since the contract's `to` is exclusive.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(view) = self.view {
            pairs.push(("view", view.as_str().to_owned()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", from.start_in_china()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.next().start_in_china()));
        }
        if let Some(id) = &self.application_id {
            pairs.push(("applicationId", id.clone()));
        }
        pairs
    }
}

/// The day an invoice was applied for, as its `createdAt` writes it (`2026-11-12T16:20:45+08:00`
/// → `2026-11-12`): the server's own date, not converted to the browser's zone.
pub fn applied_day(created_at: &str) -> &str {
    created_at.get(..10).unwrap_or(created_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn r24_days_are_read_exactly() {
        assert_eq!(
            day("2026-11-12"),
            Day {
                year: 2026,
                month: 11,
                day: 12
            }
        );
        assert_eq!(day(" 2026-01-01 ").to_string(), "2026-01-01");
        for s in [
            "2026-1-01",
            "2026/01/01",
            "20260101",
            "2026-01-0a",
            "",
            "abcd-ef-gh",
        ] {
            assert_eq!(Day::parse(s), Err(DayProblem::Malformed), "{s}");
        }
        for s in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-01-00",
            "0000-01-01",
        ] {
            assert_eq!(Day::parse(s), Err(DayProblem::Impossible), "{s}");
        }
    }

    #[test]
    fn r24_leap_days_exist_only_in_leap_years() {
        assert!(Day::parse("2024-02-29").is_ok());
        assert!(Day::parse("2000-02-29").is_ok());
        assert_eq!(Day::parse("1900-02-29"), Err(DayProblem::Impossible));
        assert_eq!(day("2024-02-28").next(), day("2024-02-29"));
        assert_eq!(day("2024-02-29").next(), day("2024-03-01"));
        assert_eq!(day("2026-02-28").next(), day("2026-03-01"));
        assert_eq!(day("2026-12-31").next(), day("2027-01-01"));
        assert_eq!(day("2026-04-30").next(), day("2026-05-01"));
    }

    #[test]
    fn r24_a_range_of_days_is_inclusive_in_china_time() {
        let q = RecordQuery {
            view: Some(InvoiceMode::Consolidated),
            status: Some(InvoiceStatus::Invoiced),
            from: Some(day("2026-11-01")),
            to: Some(day("2024-02-29")),
            application_id: Some("app-1".into()),
        };
        assert_eq!(
            q.pairs(),
            vec![
                ("view", "consolidated".to_owned()),
                ("status", "invoiced".to_owned()),
                ("from", "2026-11-01T00:00:00+08:00".to_owned()),
                ("to", "2024-03-01T00:00:00+08:00".to_owned()),
                ("applicationId", "app-1".to_owned()),
            ]
        );
        assert!(RecordQuery::default().pairs().is_empty());
    }

    #[test]
    fn r24_a_reversed_range_is_refused_and_a_one_day_range_is_not() {
        let reversed = check_range("2026-11-12", "2026-11-11").unwrap_err();
        assert!(reversed.reversed && reversed.from.is_none() && reversed.to.is_none());
        assert_eq!(
            check_range("2026-11-12", "2026-11-12"),
            Ok((Some(day("2026-11-12")), Some(day("2026-11-12"))))
        );
        assert_eq!(check_range("", " "), Ok((None, None)));
        assert_eq!(
            check_range("2026-11-01", ""),
            Ok((Some(day("2026-11-01")), None))
        );
    }

    #[test]
    fn r24_each_bad_day_is_its_own_problem() {
        let p = check_range("2026-02-30", "2026-1-1").unwrap_err();
        assert_eq!(p.from, Some(DayProblem::Impossible));
        assert_eq!(p.to, Some(DayProblem::Malformed));
        assert!(!p.reversed);
        let p = check_range("", "2026-02-29").unwrap_err();
        assert_eq!((p.from, p.to), (None, Some(DayProblem::Impossible)));
    }

    #[test]
    fn statuses_round_trip_their_codes() {
        for s in InvoiceStatus::ALL {
            assert_eq!(status_of_code(s.as_str()), Some(s));
        }
        assert_eq!(status_of_code(""), None);
        assert_eq!(applied_day("2026-11-12T16:20:45+08:00"), "2026-11-12");
    }
}
