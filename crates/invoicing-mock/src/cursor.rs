//! Opaque page cursors: base64url of a small JSON with the filters' fingerprint and the last sort key.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::data::SortKey;
use crate::timestamp::Instant;

const VERSION: u8 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    v: u8,
    /// Fingerprint of the filters and `limit` the cursor belongs to.
    f: String,
    /// The last item's `businessTime`: seconds and nanoseconds since the epoch.
    s: i64,
    n: u32,
    /// The last item's `id`.
    id: String,
}

/// Why a cursor is refused, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CursorError {
    pub zh: &'static str,
    pub en: &'static str,
}

/// The cursor that continues after `last`, for the filters with this fingerprint.
pub fn encode(fingerprint: &str, last: &SortKey) -> String {
    let body = Body {
        v: VERSION,
        f: fingerprint.to_owned(),
        s: last.time.0.secs,
        n: last.time.0.nanos,
        id: last.id.clone(),
    };
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&body).expect("cursor serializes"))
}

/// The sort key a cursor continues after; refused when it is garbage or belongs to other filters.
pub fn decode(raw: &str, fingerprint: &str) -> Result<SortKey, CursorError> {
    let garbage = CursorError {
        zh: "无法识别该翻页位置。",
        en: "The cursor is not one this server issued.",
    };
    let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| garbage.clone())?;
    let body: Body = serde_json::from_slice(&bytes).map_err(|_| garbage.clone())?;
    if body.v != VERSION || body.n >= 1_000_000_000 {
        return Err(garbage);
    }
    if body.f != fingerprint {
        return Err(CursorError {
            zh: "该翻页位置属于其他筛选条件或每页条数。",
            en: "The cursor belongs to other filters or another limit.",
        });
    }
    Ok(SortKey {
        time: std::cmp::Reverse(Instant {
            secs: body.s,
            nanos: body.n,
        }),
        id: body.id,
    })
}

/// A stable 64-bit FNV-1a hash, hex-encoded: the same filters give the same fingerprint across restarts.
pub fn fingerprint(canonical: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_cursor_round_trips_and_is_bound_to_its_filters() {
        let key = SortKey {
            time: std::cmp::Reverse(Instant {
                secs: 1_790_000_000,
                nanos: 5,
            }),
            id: "cand-0024".into(),
        };
        let f = fingerprint("basis=order\nlimit=3");
        let c = encode(&f, &key);
        assert!(c
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&c, &f), Ok(key));
        assert!(decode(&c, &fingerprint("basis=bill\nlimit=3")).is_err());
        assert!(decode("not a cursor!", &f).is_err());
        assert!(decode(&URL_SAFE_NO_PAD.encode(b"{\"v\":1}"), &f).is_err());
    }
}
