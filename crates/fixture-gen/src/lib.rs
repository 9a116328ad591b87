//! Fixtures of any size for the invoicing mock, the same bytes for the same size and seed.
//!
//! [`generate`] makes `families` order families of one enterprise (four accounts, three
//! invoicing entities, tax rates 6 % and 13 %): most are plain orders, some have one to three
//! negative documents (refunds, allocation and adjustment reductions), some were partly invoiced
//! before, some are temporarily not invoiceable with a reason code, and a few are cancelled by
//! their negatives (net zero) or more than cancelled (net below zero). Profile, accounts,
//! issuers, products, titles and the address come from a small fixed set; there are no records.
//!
//! Amounts are whole cents turned into [`Money`] and added with its exact arithmetic, never a
//! float. The random numbers come from ChaCha8 seeded with the seed, whose stream is fixed by
//! its specification, and every range is reduced here, so a (size, seed) pair gives the same file
//! on every machine. The first families of a larger fixture are those of a smaller one with the
//! same seed.
//!
//! `candidates` are in the order the contract lists them (`businessTime` descending, then `id`),
//! and every one of them is listed: candidate `i` is row `i` of the orders grid, so a test can
//! pick a family far down the list and know its amounts exactly (see [`Fixture::family`]).

use std::io::{self, Write};
use std::path::Path;

use invoicing::api::{
    Account, Basis, CandidateStatus, Currency, Enterprise, InvoiceCandidate, Issuer,
    NegativeDocument, NegativeKind, Profile, RealNameStatus, Role, TaxRate,
};
use invoicing::{Family, Money};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset};
use time::OffsetDateTime;

/// The file a mock loads (`shared/api/fixture.schema.json`), with the contract's own types.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fixture {
    pub profile: Profile,
    pub accounts: Vec<Account>,
    pub issuers: Vec<Issuer>,
    pub titles: Vec<InvoiceTitle>,
    pub addresses: Vec<MailingAddress>,
    /// Order families in list order; all listed, all of basis `order`.
    pub candidates: Vec<InvoiceCandidate>,
    /// Always empty.
    pub records: Vec<Value>,
}

pub use invoicing::saved::{InvoiceTitle, MailingAddress, TitleType};

/// Sums over some families, as the summary shows them for a selection of exactly those.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    pub count: usize,
    /// Σ invoiceable amounts.
    pub positive: Money,
    /// Σ negatives (zero or below).
    pub negative: Money,
}

impl Sums {
    pub fn net(&self) -> Money {
        self.positive + self.negative
    }

    fn add(&mut self, family: &Family) {
        self.count += 1;
        self.positive += family.positive_amount();
        self.negative += family.negative_amount();
    }
}

/// The fixture of `families` families for `seed`, as JSON (what [`Fixture::to_json`] writes).
pub fn fixture(families: usize, seed: u64) -> Value {
    serde_json::to_value(generate(families, seed)).expect("a fixture serializes")
}

/// The fixture of `families` families for `seed`.
pub fn generate(families: usize, seed: u64) -> Fixture {
    let mut gen = Generator {
        rng: ChaCha8Rng::seed_from_u64(seed),
        time: END_LOCAL,
    };
    let candidates = (0..families).map(|i| gen.candidate(i)).collect();
    Fixture {
        profile: Profile {
            account_id: ACCOUNTS[0].0.into(),
            account_name: ACCOUNTS[0].1.into(),
            real_name: RealNameStatus::Enterprise,
            role: Role::Owner,
            enterprise: Some(Enterprise {
                id: "ent-5820931746".into(),
                name: "杭州青禾数据科技有限公司".into(),
                arrears_offset_enabled: false,
            }),
        },
        accounts: ACCOUNTS
            .iter()
            .map(|(id, name)| Account {
                id: (*id).into(),
                name: (*name).into(),
                arrears: Vec::new(),
            })
            .collect(),
        issuers: ISSUERS
            .iter()
            .map(|(id, name, rates)| Issuer {
                id: (*id).into(),
                name: (*name).into(),
                tax_rates: rates.iter().map(|r| rate(r)).collect(),
            })
            .collect(),
        titles: vec![
            InvoiceTitle {
                id: "ttl-1001".into(),
                title: "杭州青禾数据科技有限公司".into(),
                title_type: TitleType::Enterprise,
                tax_id: Some("91330106MA2H7Q3X5K".into()),
                bank_name: Some("招商银行杭州高新支行".into()),
                bank_account: Some("571908765410801".into()),
                registered_address: Some(
                    "浙江省杭州市西湖区文三路478号华星时代广场A座1203室".into(),
                ),
                registered_phone: Some("0571-88236715".into()),
                is_default: true,
            },
            InvoiceTitle {
                id: "ttl-1002".into(),
                title: "张明远".into(),
                title_type: TitleType::Individual,
                tax_id: None,
                bank_name: None,
                bank_account: None,
                registered_address: None,
                registered_phone: None,
                is_default: false,
            },
        ],
        addresses: vec![MailingAddress {
            id: "adr-2001".into(),
            recipient: "李晓婷".into(),
            phone: "13957112846".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            street: "文三路478号华星时代广场A座1203室".into(),
            postal_code: Some("310012".into()),
            is_default: true,
        }],
        candidates,
        records: Vec::new(),
    }
}

impl Fixture {
    /// The file's bytes: compact JSON and a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).expect("a fixture serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Writes [`Fixture::to_json`] to `path`.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let mut file = io::BufWriter::new(std::fs::File::create(path)?);
        serde_json::to_writer(&mut file, self)?;
        file.write_all(b"\n")?;
        file.flush()
    }

    /// Family `index`, which is row `index` (from 0) of the orders grid with every account visible.
    pub fn family(&self, index: usize) -> Family {
        Family::from_candidate(self.candidates[index].clone())
            .expect("generated families are valid")
    }

    /// Where the family of original `id` is listed.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.candidates.iter().position(|c| c.id == id)
    }

    /// What "select all" selects: every checkable family, summed.
    pub fn checkable_sums(&self) -> Sums {
        let mut sums = Sums::default();
        for c in &self.candidates {
            let family = Family::from_candidate(c.clone()).expect("generated families are valid");
            if family.checkability().is_checkable() {
                sums.add(&family);
            }
        }
        sums
    }
}

/// Four member accounts of the enterprise; the first is the signed-in owner.
const ACCOUNTS: [(&str, &str); 4] = [
    ("1358207642917356", "青禾数据-主账号"),
    ("1469318753028467", "青禾数据-研发中心"),
    ("1570429864139578", "青禾数据-华南市场部"),
    ("1681530975140689", "青禾数据-华东销售部"),
];

/// The invoicing entities and their tax rates, ascending.
const ISSUERS: [(&str, &str, &[&str]); 3] = [
    (
        "CLOUD_SERVICE",
        "星舟云计算（杭州）有限公司",
        &["0.06", "0.13"],
    ),
    ("COMM_SERVICE", "星舟云通信（北京）有限公司", &["0.06"]),
    (
        "DATA_SERVICE",
        "星舟数据智能（上海）有限公司",
        &["0.06", "0.13"],
    ),
];

/// Products: code, name, invoicing entity, tax rate.
const PRODUCTS: [(&str, &str, &str, &str); 12] = [
    ("ecs", "云服务器 ECS", "CLOUD_SERVICE", "0.06"),
    ("rds", "云数据库 RDS 版", "CLOUD_SERVICE", "0.06"),
    ("oss", "对象存储 OSS", "CLOUD_SERVICE", "0.06"),
    ("slb", "负载均衡 SLB", "CLOUD_SERVICE", "0.06"),
    ("cdn", "内容分发网络 CDN", "CLOUD_SERVICE", "0.06"),
    (
        "cloud_terminal",
        "云电脑终端（硬件）",
        "CLOUD_SERVICE",
        "0.13",
    ),
    ("sms", "短信服务", "COMM_SERVICE", "0.06"),
    ("voice", "语音服务", "COMM_SERVICE", "0.06"),
    ("dypns", "号码认证服务", "COMM_SERVICE", "0.06"),
    (
        "maxcompute",
        "大数据计算 MaxCompute",
        "DATA_SERVICE",
        "0.06",
    ),
    ("dataworks", "数据开发 DataWorks", "DATA_SERVICE", "0.06"),
    ("edge_box", "边缘计算一体机（硬件）", "DATA_SERVICE", "0.13"),
];

/// Why an order is temporarily not invoiceable: the contract's codes for orders, and the text.
const REASONS: [(&str, &str); 4] = [
    (
        "PAYMENT_NOT_CONFIRMED",
        "线下汇款尚未确认到账，确认后可开票。",
    ),
    (
        "REFUND_IN_PROGRESS",
        "该订单有退款申请正在处理，退款完成后可开票。",
    ),
    (
        "ORDER_UNDER_REVIEW",
        "订单正在进行合规审核，审核通过后可开票。",
    ),
    ("OTHER", "该订单暂不可开票，请联系客户经理。"),
];

const NEGATIVE_KINDS: [(NegativeKind, &str); 3] = [
    (NegativeKind::Refund, "RF"),
    (NegativeKind::AllocationReduction, "AR"),
    (NegativeKind::AdjustmentReduction, "AJ"),
];

/// The newest order's time, 2026-11-20T18:00:00 in China Standard Time, as seconds since
/// 1970-01-01T00:00:00 of that clock.
const END_LOCAL: i64 = 1_795_168_800 + 8 * 3600;

/// Digits of the running number in ids; past 10 million they grow (see [`Generator::candidate`]).
const ID_DIGITS: usize = 7;

fn rate(r: &str) -> TaxRate {
    TaxRate::try_from(r.to_owned()).expect("a valid tax rate")
}

struct Generator {
    rng: ChaCha8Rng,
    /// The previous original's time (local seconds); the next one is at or before it.
    time: i64,
}

impl Generator {
    /// A number in `low..=high`, uniform up to a bias below 2⁻³² for the ranges used here.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        debug_assert!(low <= high);
        let span = (high - low) as u64 + 1;
        low + (self.rng.next_u64() % span) as i64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: i64) -> bool {
        self.range(0, 99) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    fn candidate(&mut self, i: usize) -> InvoiceCandidate {
        let id = format!("ord-{i:0ID_DIGITS$}");
        // Times go back 1 s to 20 min from one order to the next; 3 % share the previous
        // order's time, listed after it by id (ids grow with `i` while their length does).
        let same_time = i > 0 && self.chance(3) && i != 10usize.pow(ID_DIGITS as u32);
        if i == 0 {
            self.time -= self.range(0, 3599);
        } else if !same_time {
            self.time -= self.range(1, 1200);
        }
        let time = self.time;
        let account = *self.pick(&ACCOUNTS);
        let (product_code, product_name, issuer, tax_rate) = *self.pick(&PRODUCTS);

        // Amounts in cents: mostly ¥10–¥1,000, some up to ¥20,000, a few up to ¥100,000.
        let total = match self.range(0, 99) {
            0..=69 => self.range(1_000, 100_000),
            70..=94 => self.range(100_000, 2_000_000),
            _ => self.range(2_000_000, 10_000_000),
        };
        // 2 % are cancelled by their negatives, 1 % more than cancelled (those were partly
        // invoiced before, since negatives never exceed the total), the rest keep a net above 0.
        let class = self.range(0, 99);
        // 10 % were partly invoiced before; at least ¥1.00 is left.
        let invoiced = if class == 2 || self.chance(10) {
            self.range(1, total - 100)
        } else {
            0
        };
        let invoiceable = total - invoiced;
        let not_invoiceable = self.chance(5);
        let (count, negative_cents) = match class {
            0 | 1 => (self.range(1, 3), invoiceable),
            2 => (self.range(1, 3), self.range(invoiceable + 1, total)),
            _ => {
                let count = match self.range(0, 99) {
                    0..=59 => 0,
                    60..=84 => 1,
                    85..=94 => 2,
                    _ => 3,
                };
                // Up to 60 % of what is left.
                let cents = if count == 0 {
                    0
                } else {
                    self.range(count, (invoiceable * 6 / 10).max(count))
                };
                (count, cents)
            }
        };
        let negatives = self.negatives(&id, time, count, negative_cents);

        let invoiceable_amount = Money::from_cents(invoiceable);
        let negative_total: Money = negatives.iter().map(|n| n.amount).sum();
        let (status, reason) = if not_invoiceable {
            let (code, text) = *self.pick(&REASONS);
            (CandidateStatus::NotInvoiceable, Some((code, text)))
        } else {
            (CandidateStatus::Invoiceable, None)
        };
        InvoiceCandidate {
            basis: Basis::Order,
            account_id: account.0.into(),
            account_name: account.1.into(),
            business_id: format!("2{}{:02}", compact(time), i % 100),
            billing_cycle: billing_cycle(time),
            business_time: rfc3339(time),
            product_code: product_code.into(),
            product_name: product_name.into(),
            issuer_id: issuer.into(),
            tax_rate: rate(tax_rate),
            currency: Currency::Cny,
            status,
            not_invoiceable_reason_code: reason.map(|(code, _)| code.into()),
            not_invoiceable_reason: reason.map(|(_, text)| text.into()),
            total_amount: Money::from_cents(total),
            invoiced_amount: Money::from_cents(invoiced),
            invoiceable_amount,
            net_amount: invoiceable_amount + negative_total,
            negatives,
            id,
        }
    }

    /// `count` negatives of `original`, adding up to `-cents`, each at least -0.01, oldest first,
    /// all after the original.
    fn negatives(
        &mut self,
        original: &str,
        original_time: i64,
        count: i64,
        cents: i64,
    ) -> Vec<NegativeDocument> {
        let mut left = cents;
        let mut time = original_time;
        (0..count)
            .map(|k| {
                let still = count - k - 1;
                let part = if still == 0 {
                    left
                } else {
                    // Each later negative keeps at least a cent.
                    self.range(1, (left - still).min(left / 2 + 1))
                };
                left -= part;
                time += self.range(3600, 30 * 86_400);
                let (kind, prefix) = *self.pick(&NEGATIVE_KINDS);
                NegativeDocument {
                    id: format!("neg{}-{k}", &original[3..]),
                    original_id: original.into(),
                    kind,
                    business_id: format!("{prefix}{}", compact(time)),
                    business_time: rfc3339(time),
                    amount: -Money::from_cents(part),
                }
            })
            .collect()
    }
}

/// Local seconds (China Standard Time's wall clock counted from 1970-01-01T00:00) as a time in
/// `+08:00`.
fn local_time(local: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(local)
        .expect("fixture times lie in years 1970-9999")
        .replace_offset(offset!(+8))
}

/// `2026-10-30T17:15:36+08:00`.
fn rfc3339(local: i64) -> String {
    local_time(local)
        .format(&Rfc3339)
        .expect("a whole second formats")
}

/// `2026-10`.
fn billing_cycle(local: i64) -> String {
    local_time(local)
        .format(format_description!("[year]-[month]"))
        .expect("a date formats")
}

/// `261030171536`, as in order and refund numbers.
fn compact(local: i64) -> String {
    local_time(local)
        .format(format_description!(
            "[year repr:last_two][month][day][hour][minute][second]"
        ))
        .expect("a time formats")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_china_standard_time() {
        assert_eq!(rfc3339(END_LOCAL), "2026-11-20T18:00:00+08:00");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00+08:00");
        assert_eq!(billing_cycle(END_LOCAL - 20 * 86_400), "2026-10");
        assert_eq!(compact(END_LOCAL), "261120180000");
        // 2024-02-29 exists, 2023-02-29 does not.
        assert_eq!(rfc3339(19_782 * 86_400), "2024-02-29T00:00:00+08:00");
        assert_eq!(rfc3339(19_417 * 86_400), "2023-03-01T00:00:00+08:00");
    }
}
