//! The documents of `fixtures/e2e.json` that the tests talk about, with their expected figures.
//!
//! One account, two invoicing entities; amounts have cents so that a wrong sum shows.

/// The file the mock loads for every test.
pub const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/e2e.json");

/// A fixture kept with the mock (`demo`, `unverified`, `member`, `no-offset`), for the tests of
/// step 2: the demo's enterprise with three accounts, arrears and offsetting, and its variants.
pub fn mock_fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../invoicing-mock/fixtures")
        .join(format!("{name}.json"))
}

/// The first invoicing entity, of [`WITH_TWO_NEGATIVES`], [`PARTLY_INVOICED`] and the rest.
pub const CLOUD_SERVICE: &str = "CLOUD_SERVICE";
/// The second invoicing entity, of [`WITHOUT_NEGATIVES`] only.
pub const COMM_SERVICE: &str = "COMM_SERVICE";

/// An order of ¥4,380.00 with two negatives, a refund and an allocation reduction: net ¥2,799.50.
pub const WITH_TWO_NEGATIVES: &str = "cand-1001";
/// Its negatives, oldest first: (id, number, date, kind word in English, amount as shown).
pub const WITH_TWO_NEGATIVES_NEGATIVES: [Negative; 2] = [
    Negative {
        id: "neg-1001",
        number: "RF260821093311",
        date: "2026-08-21",
        kind: "refund",
        amount: "-¥1,460.00",
    },
    Negative {
        id: "neg-1002",
        number: "AR260825101500",
        date: "2026-08-25",
        kind: "allocation",
        amount: "-¥120.50",
    },
];
pub const WITH_TWO_NEGATIVES_POSITIVE: &str = "¥4,380.00";
pub const WITH_TWO_NEGATIVES_NEGATIVE: &str = "-¥1,580.50";
pub const WITH_TWO_NEGATIVES_NET: &str = "¥2,799.50";

/// An order of the second entity without negatives: ¥1,025.35.
pub const WITHOUT_NEGATIVES: &str = "cand-1002";
pub const WITHOUT_NEGATIVES_NET: &str = "¥1,025.35";

/// An order of the first entity, ¥500.00 of which ¥189.80 was invoiced before: ¥310.20 left.
pub const PARTLY_INVOICED: &str = "cand-1003";
pub const PARTLY_INVOICED_NET: &str = "¥310.20";

/// [`WITH_TWO_NEGATIVES`] and [`PARTLY_INVOICED`] together, both of [`CLOUD_SERVICE`].
pub const CLOUD_SERVICE_PAIR_NET: &str = "¥3,109.70";
/// Those two and [`WITHOUT_NEGATIVES`], over both entities.
pub const ALL_THREE_NET: &str = "¥4,135.05";

/// Temporarily not invoiceable (`ORDER_UNDER_REVIEW`), with its reason (R05).
pub const NOT_INVOICEABLE: &str = "cand-1004";

/// An order whose two negatives cancel what is left of it: net ¥0.00 (R08).
pub const NET_ZERO: &str = "cand-1005";

/// A negative document as the grid shows it.
#[derive(Clone, Copy, Debug)]
pub struct Negative {
    pub id: &'static str,
    /// The refund or adjustment number.
    pub number: &'static str,
    /// The day of its `businessTime`.
    pub date: &'static str,
    /// A word the English label of its kind contains (compared ignoring case).
    pub kind: &'static str,
    pub amount: &'static str,
}
