//! The file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…` (percent
//! encoded) when given, else `filename="…"` or a bare token. Path separators are dropped, so
//! the name can only ever name a file.

/// The file name the header gives; `None` when it gives none (the caller picks a fallback).
pub fn from_content_disposition(header: &str) -> Option<String> {
    let params = params(header);
    let extended = params
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("filename*"))
        .and_then(|(_, v)| decode_extended(v));
    let plain = || {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("filename"))
            .map(|(_, v)| v.clone())
    };
    let name = extended.or_else(plain)?;
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '/' | '\\') && !c.is_control())
        .collect();
    let name = name.trim();
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_owned())
}

/// The header's `name=value` parameters, quoted values unescaped.
fn params(header: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = header.split_once(';').map_or("", |(_, r)| r);
    loop {
        rest = rest.trim_start_matches([' ', '\t', ';']);
        let Some((name, after)) = rest.split_once('=') else {
            return out;
        };
        let name = name.trim().to_owned();
        let after = after.trim_start();
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            value.push(escaped);
                        }
                    }
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            (value, &quoted[end..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        out.push((name, value));
        rest = next;
    }
}

/// `UTF-8''%E5%BC%80.pdf` → `开.pdf`; other charsets and bad escapes are ignored.
fn decode_extended(value: &str) -> Option<String> {
    let mut parts = value.splitn(3, '\'');
    let (charset, _lang, encoded) = (parts.next()?, parts.next()?, parts.next()?);
    if !charset.eq_ignore_ascii_case("utf-8") {
        return None;
    }
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::from_content_disposition as name;

    #[test]
    fn r26_the_contracts_names_are_read() {
        assert_eq!(
            name(r#"attachment; filename="invoice-records-20261126.csv""#).as_deref(),
            Some("invoice-records-20261126.csv")
        );
        assert_eq!(
            name("attachment; filename=26332000000915370118.pdf").as_deref(),
            Some("26332000000915370118.pdf")
        );
    }

    #[test]
    fn the_extended_name_wins_and_is_decoded() {
        assert_eq!(
            name(r#"attachment; filename="a.csv"; filename*=UTF-8''%E5%BC%80%E7%A5%A8.csv"#)
                .as_deref(),
            Some("开票.csv")
        );
        assert_eq!(
            name(r#"attachment; filename="q\"uote.csv""#).as_deref(),
            Some("q\"uote.csv")
        );
    }

    #[test]
    fn no_name_or_a_path_gives_no_path() {
        assert_eq!(name("attachment"), None);
        assert_eq!(name(r#"attachment; filename="""#), None);
        assert_eq!(
            name(r#"attachment; filename="../../etc/x.pdf""#).as_deref(),
            Some("....etcx.pdf")
        );
    }
}
