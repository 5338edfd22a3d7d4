//! Examples embedded in rule files: an input text and what must (or must not) come out
//! of it. `baokan rules test` runs them all; `rules check` validates their shape.
//!
//! In TOML an entry carries `examples = [ { text = "…", … }, … ]`. The keys are the
//! same in every file; which of them are checked depends on the kind of rule:
//!
//! - figures: `figure` (surface text), `kind`, `value`, `upper`, `unit`, `approx`;
//! - places: `place` (surface text), `name`, `code`;
//! - facts: `subject`, `indicator`, `period`, `value`, `unit`, `change`, `change_unit`,
//!   `basis`, `counterpart`;
//! - `none = true` turns the example around: nothing of that kind may come out whose
//!   surface text is `figure`/`place` (or, without them, nothing at all).

use super::{RuleError, RuleFile};
use crate::record::{Approx, FigureKind, FigureValue};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::str::FromStr;
use toml::Spanned;

/// What kind of output an example is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleKind {
    /// A figure.
    Figure,
    /// A place.
    Place,
    /// A fact.
    Fact,
}

/// An example as written in TOML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// Input text.
    pub text: String,
    /// Publication date for relative dates.
    pub date: Option<String>,
    /// Expect that nothing matching comes out.
    #[serde(default)]
    pub none: bool,
    /// Figure surface text.
    pub figure: Option<String>,
    /// Figure kind.
    pub kind: Option<String>,
    /// Figure or fact value.
    pub value: Option<toml::Value>,
    /// Range upper bound.
    pub upper: Option<toml::Value>,
    /// Figure or fact unit.
    pub unit: Option<String>,
    /// Figure qualifier.
    pub approx: Option<String>,
    /// Place surface text.
    pub place: Option<String>,
    /// Place canonical name.
    pub name: Option<String>,
    /// Place code.
    pub code: Option<String>,
    /// Fact subject.
    pub subject: Option<String>,
    /// Fact indicator.
    pub indicator: Option<String>,
    /// Fact period.
    pub period: Option<String>,
    /// Fact change.
    pub change: Option<toml::Value>,
    /// Fact change unit.
    pub change_unit: Option<String>,
    /// Fact basis.
    pub basis: Option<String>,
    /// Fact counterpart.
    pub counterpart: Option<String>,
}

/// A checked example, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleExample {
    /// Rule file.
    pub path: String,
    /// 1-based line of the example.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// Id of the rule the example belongs to.
    pub rule: String,
    /// What it is about.
    pub kind: ExampleKind,
    /// Input text.
    pub text: String,
    /// Publication date.
    pub published: Option<String>,
    /// Expect nothing matching.
    pub none: bool,
    /// Surface text of the figure or place.
    pub surface: Option<String>,
    /// Figure kind.
    pub figure_kind: Option<FigureKind>,
    /// Value (number or date string).
    pub value: Option<FigureValue>,
    /// Upper bound.
    pub upper: Option<Decimal>,
    /// Unit.
    pub unit: Option<String>,
    /// Qualifier.
    pub approx: Option<Approx>,
    /// Place name.
    pub name: Option<String>,
    /// Place code.
    pub code: Option<String>,
    /// Fact subject.
    pub subject: Option<String>,
    /// Fact indicator.
    pub indicator: Option<String>,
    /// Fact period.
    pub period: Option<String>,
    /// Fact change.
    pub change: Option<Decimal>,
    /// Fact change unit.
    pub change_unit: Option<String>,
    /// Fact basis.
    pub basis: Option<String>,
    /// Fact counterpart.
    pub counterpart: Option<String>,
}

impl RuleExample {
    /// An example with only its place, rule, kind and text set: every expectation empty.
    pub fn new(
        path: &str,
        (line, col): (usize, usize),
        rule: &str,
        kind: ExampleKind,
        text: &str,
    ) -> RuleExample {
        RuleExample {
            path: path.to_owned(),
            line,
            col,
            rule: rule.to_owned(),
            kind,
            text: text.to_owned(),
            published: None,
            none: false,
            surface: None,
            figure_kind: None,
            value: None,
            upper: None,
            unit: None,
            approx: None,
            name: None,
            code: None,
            subject: None,
            indicator: None,
            period: None,
            change: None,
            change_unit: None,
            basis: None,
            counterpart: None,
        }
    }
}

fn decimal_of(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        toml::Value::String(s) => Decimal::from_str(s).ok(),
        _ => None,
    }
}

fn enum_of<T: for<'de> Deserialize<'de>>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

impl ExampleSpec {
    /// Checks the example and turns it into a [`RuleExample`]; problems are recorded
    /// against `span` (the example's position in `file`).
    pub fn compile(
        self,
        file: &RuleFile,
        span: std::ops::Range<usize>,
        rule: &str,
        kind: ExampleKind,
        errors: &mut Vec<RuleError>,
    ) -> Option<RuleExample> {
        let before = errors.len();
        let mut bad = |what: String, help: &str| errors.push(file.error_at(span.clone(), what, Some(help)));
        let figure_kind = self.kind.as_deref().and_then(|k| {
            let parsed = enum_of::<FigureKind>(k);
            if parsed.is_none() {
                bad(
                    format!("example of `{rule}`: unknown figure kind `{k}`"),
                    "use money, percent, quantity, multiple, date, ordinal or number",
                );
            }
            parsed
        });
        let approx = self.approx.as_deref().and_then(|a| {
            let parsed = enum_of::<Approx>(a);
            if parsed.is_none() {
                bad(
                    format!("example of `{rule}`: unknown approx `{a}`"),
                    "use about, over, under or nearly",
                );
            }
            parsed
        });
        let value = self.value.as_ref().and_then(|v| match v {
            toml::Value::String(s) if figure_kind == Some(FigureKind::Date) || decimal_of(v).is_none() => {
                Some(FigureValue::Text(s.clone()))
            }
            other => {
                let d = decimal_of(other);
                if d.is_none() {
                    bad(
                        format!("example of `{rule}`: `value` {other} is neither a number nor a string"),
                        "write value = 5550000000000 or value = \"2026-01\"",
                    );
                }
                d.map(FigureValue::Number)
            }
        });
        let mut number = |key: &str, v: &Option<toml::Value>| {
            v.as_ref().and_then(|v| {
                let d = decimal_of(v);
                if d.is_none() {
                    bad(
                        format!("example of `{rule}`: `{key}` {v} is not a number"),
                        "write a plain number such as 5.4 or -0.5",
                    );
                }
                d
            })
        };
        let upper = number("upper", &self.upper);
        let change = number("change", &self.change);
        let published = self.date.as_deref().and_then(|d| {
            let parsed = crate::read::parse_iso_date(d);
            if parsed.is_none() {
                errors.push(file.error_at(
                    span.clone(),
                    format!("example of `{rule}`: `date` {d:?} is not YYYY-MM-DD"),
                    Some("write date = \"2026-01-22\""),
                ));
            }
            parsed
        });
        if errors.len() != before {
            return None;
        }
        let (line, col) = file.line_col(span.start);
        Some(RuleExample {
            path: file.path.clone(),
            line,
            col,
            rule: rule.to_owned(),
            kind,
            text: self.text,
            published,
            none: self.none,
            surface: match kind {
                ExampleKind::Place => self.place,
                _ => self.figure,
            },
            figure_kind,
            value,
            upper,
            unit: self.unit,
            approx,
            name: self.name,
            code: self.code,
            subject: self.subject,
            indicator: self.indicator,
            period: self.period,
            change,
            change_unit: self.change_unit,
            basis: self.basis,
            counterpart: self.counterpart,
        })
    }
}

/// Compiles a list of spanned example specs of one rule.
pub fn compile_all(
    specs: Vec<Spanned<ExampleSpec>>,
    file: &RuleFile,
    rule: &str,
    kind: ExampleKind,
    errors: &mut Vec<RuleError>,
) -> Vec<RuleExample> {
    specs
        .into_iter()
        .filter_map(|s| {
            let span = s.span();
            s.into_inner().compile(file, span, rule, kind, errors)
        })
        .collect()
}
