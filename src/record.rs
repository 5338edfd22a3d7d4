//! The output contract, `baokan/1` (see `docs/record.md`).
//!
//! These types are the only place where field names and JSON types are decided;
//! every stage fills them and `emit` serializes them unchanged. Numbers are kept as
//! exact decimals and written as JSON integers when they are whole, so
//! `5.55万亿元` is `5550000000000`, never `5549999999999.999`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Value of the `schema` field of every record.
pub const SCHEMA: &str = "baokan/1";

/// One article: the unit that becomes one JSON line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Stable id, derived from where the article came from, never from rules or threads.
    pub id: String,
    /// Where the article came from.
    pub source: Source,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Page section, e.g. `要闻`.
    pub section: Option<String>,
    /// Column label above the headline, e.g. `短新闻竞赛` (addition to the spec).
    pub column: Option<String>,
    /// `article`, `photo` or `brief`.
    pub kind: ArticleKind,
    /// Every headline line in page order.
    pub headlines: Vec<String>,
    /// The main headline.
    pub title: Option<String>,
    /// Names credited on the article.
    pub byline: Byline,
    /// `本报绍兴1月21日电` / `本报讯`.
    pub dateline: Option<Dateline>,
    /// Subheads inside the body, in order (addition to the spec).
    pub subheads: Vec<String>,
    /// Photo captions moved out of the body (addition to the spec).
    pub captions: Vec<String>,
    /// The clean body; every span points into it.
    pub text: String,
    /// Figures found in `text`.
    pub figures: Vec<Figure>,
    /// Places found in `text`.
    pub places: Vec<Place>,
    /// Figures tied to what they measure.
    pub facts: Vec<Fact>,
    /// What the pipeline noticed and could not settle.
    pub warnings: Vec<String>,
}

/// Provenance of a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Input file as given on the command line (or found under a given directory).
    pub path: String,
    /// 1-based line for JSONL input.
    pub line: Option<u64>,
    /// The input object's own `id`.
    pub id: Option<String>,
    /// 0-based index of the article within its page.
    pub article: u32,
    /// Encoding the input was decoded from (`UTF-8`, `GB18030`, …).
    pub encoding: String,
}

/// What kind of item an article record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// A story with a body.
    #[default]
    Article,
    /// A picture with headline, caption and credit.
    Photo,
    /// A short item.
    Brief,
}

/// Names credited on an article, by role; one person can hold two roles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Byline {
    /// 记者.
    pub reporters: Vec<String>,
    /// 通讯员.
    pub correspondents: Vec<String>,
    /// Those credited with 摄.
    pub photographers: Vec<String>,
    /// Partners such as `共享联盟·云和王凤凤` (addition to the spec).
    pub alliance: Vec<String>,
}

/// Place and date from a dateline lead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    /// `绍兴` in `本报绍兴1月21日电`.
    pub place: Option<String>,
    /// ISO date, resolved against the publication date.
    pub date: Option<String>,
}

/// A figure's value: a number for most kinds, an ISO string for dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureValue {
    /// Exact decimal value.
    Number(Decimal),
    /// ISO date or period (`2025`, `2026-Q1`, `XXXX-01-21`).
    Text(String),
}

/// One figure mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What kind of figure this is.
    pub kind: FigureKind,
    /// Surface text, qualifier words included.
    pub text: String,
    /// `[start, end)` in chars of the record's `text`.
    pub span: [usize; 2],
    /// See [`FigureValue`].
    pub value: FigureValue,
    /// Upper bound of a range.
    #[serde(with = "decimal_json::option")]
    pub upper: Option<Decimal>,
    /// ISO 4217 code, `%`, `pp`, or a counting word.
    pub unit: Option<String>,
    /// Qualifier.
    pub approx: Option<Approx>,
    /// Id of the rule that produced it.
    pub rule: String,
}

/// Figure kinds of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    /// Amount of a currency.
    Money,
    /// Percent or percentage points.
    Percent,
    /// Number with a counting word or measure.
    Quantity,
    /// `3.7倍`.
    Multiple,
    /// Date or period.
    Date,
    /// `第三`.
    Ordinal,
    /// A bare number.
    Number,
}

impl FigureKind {
    /// The lower-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureKind::Money => "money",
            FigureKind::Percent => "percent",
            FigureKind::Quantity => "quantity",
            FigureKind::Multiple => "multiple",
            FigureKind::Date => "date",
            FigureKind::Ordinal => "ordinal",
            FigureKind::Number => "number",
        }
    }
}

/// Approximation qualifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Approx {
    /// 约, 左右.
    About,
    /// 多, 余, 超, 逾, 突破, 以上.
    Over,
    /// 不到, 不足, 以下.
    Under,
    /// 近, 将近.
    Nearly,
}

/// Level of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceLevel {
    /// A sovereign country or territory with an ISO code.
    Country,
    /// 省, 自治区, 直辖市.
    Province,
    /// 地级市, 自治州, 地区, 盟.
    Prefecture,
    /// 县, 县级市, 区, 旗.
    County,
    /// 乡, 镇, 街道.
    Township,
    /// 村.
    Village,
    /// A foreign city.
    City,
    /// 长三角, 中东.
    Region,
    /// 东盟, 欧盟.
    Bloc,
}

/// One place mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// Surface form.
    pub text: String,
    /// `[start, end)` in chars of the record's `text`.
    pub span: [usize; 2],
    /// Canonical name.
    pub name: String,
    /// Administrative or ISO code.
    pub code: Option<String>,
    /// Level.
    pub level: PlaceLevel,
    /// Canonical names of the ancestors, top down.
    pub parents: Vec<String>,
    /// Id of the rule that accepted it.
    pub rule: String,
}

/// A figure tied to what it measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Canonical place name the figure is about.
    pub subject: Option<String>,
    /// Its code.
    pub subject_code: Option<String>,
    /// What is measured, as written.
    pub indicator: String,
    /// ISO date or period.
    pub period: Option<String>,
    /// The level.
    #[serde(with = "decimal_json::option")]
    pub value: Option<Decimal>,
    /// Unit of `value`.
    pub unit: Option<String>,
    /// Signed change.
    #[serde(with = "decimal_json::option")]
    pub change: Option<Decimal>,
    /// `%`, `pp` or `times`.
    pub change_unit: Option<String>,
    /// `yoy`, `mom`.
    pub basis: Option<String>,
    /// Second party.
    pub counterpart: Option<String>,
    /// Indexes into the record's `figures`.
    pub figures: Vec<usize>,
}

/// An input that produced no record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reject {
    /// Where it came from.
    pub source: RejectSource,
    /// Stage that gave up.
    pub stage: Stage,
    /// Human-readable reason.
    pub error: String,
}

/// Provenance of a reject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectSource {
    /// Input file.
    pub path: String,
    /// 1-based line for JSONL input.
    pub line: Option<u64>,
    /// The input object's own `id`, when it could be read.
    pub id: Option<String>,
}

/// Pipeline stages, as named in rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Opening or reading a file.
    Read,
    /// Turning bytes into text.
    Decode,
    /// Parsing a JSONL line.
    Parse,
    /// Splitting a page.
    Layout,
    /// Segmentation, extraction, linking.
    Extract,
    /// Writing output.
    Emit,
}

impl Stage {
    /// Every stage, in pipeline order.
    pub const ALL: [Stage; 6] = [
        Stage::Read,
        Stage::Decode,
        Stage::Parse,
        Stage::Layout,
        Stage::Extract,
        Stage::Emit,
    ];

    /// The name used in rejects and summaries (`decode`, `layout`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::Decode => "decode",
            Stage::Parse => "parse",
            Stage::Layout => "layout",
            Stage::Extract => "extract",
            Stage::Emit => "emit",
        }
    }
}

impl Serialize for FigureValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FigureValue::Number(d) => decimal_json::serialize(d, s),
            FigureValue::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for FigureValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Ok(FigureValue::Text(s)),
            serde_json::Value::Number(n) => decimal_json::from_number(&n)
                .map(FigureValue::Number)
                .map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(format!(
                "expected a number or a string, got {other}"
            ))),
        }
    }
}

/// Serde helpers that write exact decimals as JSON numbers.
pub mod decimal_json {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};
    use std::str::FromStr;

    /// Writes a whole decimal as a JSON integer, any other as the shortest float that
    /// reads back as the same decimal digits.
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        // Most figures are whole numbers kept without decimals, the same integer
        // whether normalized or not (normalizing would only turn -0 into 0).
        if d.scale() == 0
            && let Ok(i) = i64::try_from(d.mantissa())
        {
            return s.serialize_i64(i);
        }
        let d = d.normalize();
        if d.scale() == 0 {
            // Beyond i64 too (`每秒30百亿亿次` = 3×10^19): a float would round the digits.
            return match i64::try_from(d.mantissa()) {
                Ok(i) => s.serialize_i64(i),
                Err(_) => s.serialize_i128(d.mantissa()),
            };
        }
        match f64::from_str(&d.to_string()) {
            Ok(f) => s.serialize_f64(f),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }

    /// Reads a JSON number back into a decimal through its decimal text.
    pub fn from_number(n: &serde_json::Number) -> Result<Decimal, String> {
        let text = n.to_string();
        Decimal::from_str(&text)
            .or_else(|_| Decimal::from_scientific(&text))
            .map_err(|e| format!("{text}: {e}"))
    }

    /// `Option<Decimal>` as a JSON number or null.
    pub mod option {
        use super::*;

        /// Serializes `None` as null.
        pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
            match d {
                Some(d) => super::serialize(d, s),
                None => s.serialize_none(),
            }
        }

        /// Deserializes null as `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
            match Option::<serde_json::Number>::deserialize(d)? {
                Some(n) => from_number(&n).map(Some).map_err(serde::de::Error::custom),
                None => Ok(None),
            }
        }
    }
}

/// `n` in decimal, written at the end of `buf` (20 digits hold any `u64`): for record
/// ids and messages put together on the hot path without `format!`.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn stage_names_are_their_json_names() {
        for stage in Stage::ALL {
            assert_eq!(serde_json::to_value(stage).unwrap(), stage.as_str());
        }
    }

    fn json(d: &str) -> String {
        serde_json::to_string(&FigureValue::Number(Decimal::from_str(d).unwrap())).unwrap()
    }

    #[test]
    fn whole_decimals_are_json_integers() {
        assert_eq!(json("5550000000000"), "5550000000000");
        assert_eq!(json("5550000000000.00"), "5550000000000");
        assert_eq!(json("-12"), "-12");
        assert_eq!(json("-0"), "0");
        assert_eq!(json("-0.00"), "0");
        assert_eq!(json("9223372036854775807"), "9223372036854775807");
        // Past i64 they stay exact integers (a float would round the digits).
        assert_eq!(json("9223372036854775808"), "9223372036854775808");
        assert_eq!(json("30000000000000000000"), "30000000000000000000");
        assert_eq!(json("-12345678901234567890123"), "-12345678901234567890123");
    }

    #[test]
    fn fractions_keep_their_digits() {
        assert_eq!(json("3147.04"), "3147.04");
        assert_eq!(json("66.6667"), "66.6667");
        assert_eq!(json("-0.5"), "-0.5");
    }

    #[test]
    fn figure_value_round_trips() {
        for text in ["3147.04", "12", "\"2026-Q1\""] {
            let v: FigureValue = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), text);
        }
    }
}
