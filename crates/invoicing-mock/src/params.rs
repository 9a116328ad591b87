//! Query parameters: decoding, refusing unknown or repeated ones, and collecting field errors.

use invoicing::api::ProblemError;

use crate::lang::Lang;
use crate::problem::{field_error, validation_failed, ApiProblem};

/// The decoded query string of one request, with the errors found while reading it.
pub struct Params {
    pairs: Vec<(String, String)>,
    lang: Lang,
    errors: Vec<ProblemError>,
}

impl Params {
    /// Decodes the query and refuses (`NOT_ALLOWED`) every parameter not in `allowed`.
    pub fn parse(raw: Option<&str>, lang: Lang, allowed: &[&str]) -> Params {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut params = Params {
            pairs,
            lang,
            errors: Vec::new(),
        };
        let mut refused: Vec<String> = Vec::new();
        for (name, _) in &params.pairs {
            if !allowed.contains(&name.as_str()) && !refused.contains(name) {
                refused.push(name.clone());
            }
        }
        for name in refused {
            params.error(
                &name,
                "NOT_ALLOWED",
                format!("不支持查询参数 {name}。"),
                format!("The query parameter {name} is not known here."),
            );
        }
        params
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Records one error of the parameter `field`.
    pub fn error(&mut self, field: &str, code: &str, zh: String, en: String) {
        self.errors
            .push(field_error(self.lang, Some(field), code, zh, en));
    }

    /// The value of a parameter that may appear once; `TOO_MANY` when repeated.
    pub fn single(&mut self, name: &str) -> Option<String> {
        let mut values = self.pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        let first = values.next().cloned();
        if values.next().is_some() {
            self.error(
                name,
                "TOO_MANY",
                format!("参数 {name} 只能出现一次。"),
                format!("The parameter {name} may be given only once."),
            );
            return None;
        }
        first
    }

    /// Every value of a repeatable parameter, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A parameter that must be one of `values` (`INVALID_VALUE` otherwise).
    pub fn enumerated<T: Copy>(&mut self, name: &str, values: &[(&str, T)]) -> Option<T> {
        let raw = self.single(name)?;
        match values.iter().find(|(s, _)| *s == raw) {
            Some((_, v)) => Some(*v),
            None => {
                let list = values
                    .iter()
                    .map(|(s, _)| *s)
                    .collect::<Vec<_>>()
                    .join(", ");
                self.error(
                    name,
                    "INVALID_VALUE",
                    format!("参数 {name} 的值 \"{raw}\" 无效，应为 {list} 之一。"),
                    format!("\"{raw}\" is not a valid {name}; use one of {list}."),
                );
                None
            }
        }
    }

    /// A text parameter of 1 to `max` characters (`TOO_SHORT` / `TOO_LONG` otherwise).
    pub fn text(&mut self, name: &str, max: usize) -> Option<String> {
        let raw = self.single(name)?;
        let len = raw.chars().count();
        if len == 0 {
            self.error(
                name,
                "TOO_SHORT",
                format!("参数 {name} 不能为空。"),
                format!("The parameter {name} must not be empty."),
            );
            return None;
        }
        if len > max {
            self.error(
                name,
                "TOO_LONG",
                format!("参数 {name} 最多 {max} 个字符。"),
                format!("The parameter {name} may have at most {max} characters."),
            );
            return None;
        }
        Some(raw)
    }

    /// `INVALID_VALUE` on the start parameter of a range whose start lies after its end; a range
    /// with one end only, or with equal ends, is accepted.
    pub fn ordered<T: PartialOrd>(&mut self, from: (&str, Option<&T>), to: (&str, Option<&T>)) {
        let ((from_name, from), (to_name, to)) = (from, to);
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                self.error(
                    from_name,
                    "INVALID_VALUE",
                    format!("{from_name} 不能晚于 {to_name}。"),
                    format!("{from_name} must not lie after {to_name}."),
                );
            }
        }
    }

    /// A `REQUIRED` error for a missing parameter.
    pub fn require<T>(&mut self, name: &str, value: Option<T>) -> Option<T> {
        if value.is_none() && !self.pairs.iter().any(|(k, _)| k == name) {
            self.error(
                name,
                "REQUIRED",
                format!("缺少必填参数 {name}。"),
                format!("The parameter {name} is required."),
            );
        }
        value
    }

    /// The `limit` parameter: a whole number from 1 to `max` (`INVALID_FORMAT`, `INVALID_VALUE`
    /// otherwise); `default` when absent or refused.
    pub fn limit(&mut self, max: usize, default: usize) -> usize {
        let limit = self.single("limit").and_then(|v| {
            if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                self.error(
                    "limit",
                    "INVALID_FORMAT",
                    format!("limit 应为整数，而不是 \"{v}\"。"),
                    format!("limit must be a whole number, not \"{v}\"."),
                );
                return None;
            }
            Some(v.parse::<usize>().unwrap_or(usize::MAX))
        });
        match limit {
            Some(n) if !(1..=max).contains(&n) => {
                self.error(
                    "limit",
                    "INVALID_VALUE",
                    format!("limit 应在 1 到 {max} 之间。"),
                    format!("limit must be between 1 and {max}."),
                );
                default
            }
            Some(n) => n,
            None => default,
        }
    }

    /// `Err(400 VALIDATION_FAILED)` when any error was recorded.
    pub fn finish(self) -> Result<(), ApiProblem> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(validation_failed(self.lang, self.errors))
        }
    }
}

/// Whether `s` matches the contract's `Id` pattern `^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`.
pub fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
}
