//! `baokan rules test`: run every example embedded in the rule files.
//!
//! An example is run as a single article through the whole pipeline (normalize, layout,
//! segment, extract, link), so it tests what a user will get, not one matcher in
//! isolation. The semantics follow [`crate::rules::examples`]: an example passes when
//! some output item of its kind matches **every** field the example gives; with
//! `none = true` it passes when **no** item matches them (no fields: nothing of that kind
//! at all). The rule id is not compared: which rule fires is shown on failure, since a
//! currency entry's example may well be produced by a generic money pattern.

use super::{analyze_text, describe_fact, describe_figure, describe_place, enum_name, value_text};
use crate::normalize::normalize_inline;
use crate::pipeline::Pipeline;
use crate::record::{Fact, Figure, FigureValue, Place, Record};
use crate::rules::examples::{ExampleKind, RuleExample};
use rust_decimal::Decimal;
use std::fmt;

/// One example that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Rule file of the example.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// Rule the example belongs to.
    pub rule: String,
    /// Input text.
    pub text: String,
    /// What the example asks for.
    pub expected: String,
    /// What came out, one item a line (all items of the example's kind).
    pub actual: Vec<String>,
}

/// The outcome of running examples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TestReport {
    /// Examples that held.
    pub passed: usize,
    /// Examples that did not, in rule-file order.
    pub failures: Vec<Failure>,
}

impl TestReport {
    /// Whether every example held.
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{}:{}:{}: example of `{}` failed",
            self.path, self.line, self.col, self.rule
        )?;
        writeln!(f, "  text:     {}", self.text)?;
        writeln!(f, "  expected: {}", self.expected)?;
        if self.actual.is_empty() {
            writeln!(f, "  actual:   (nothing)")
        } else {
            for (i, a) in self.actual.iter().enumerate() {
                let label = if i == 0 { "  actual:   " } else { "            " };
                writeln!(f, "{label}{a}")?;
            }
            Ok(())
        }
    }
}

impl fmt::Display for TestReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for failure in &self.failures {
            writeln!(f, "{failure}")?;
        }
        write!(f, "{} passed, {} failed", self.passed, self.failures.len())
    }
}

/// Runs `examples` through `pipeline`.
pub fn run<'a>(pipeline: &Pipeline, examples: impl IntoIterator<Item = &'a RuleExample>) -> TestReport {
    let mut report = TestReport::default();
    for example in examples {
        match check(pipeline, example) {
            None => report.passed += 1,
            Some(failure) => report.failures.push(failure),
        }
    }
    report
}

/// Runs one example; `None` when it holds.
pub fn check(pipeline: &Pipeline, ex: &RuleExample) -> Option<Failure> {
    let record = analyze_text(pipeline, &ex.text, ex.published.as_deref());
    let found = matches(ex, &record);
    if found != ex.none {
        return None;
    }
    let actual = match ex.kind {
        ExampleKind::Figure => record.figures.iter().map(describe_figure).collect(),
        ExampleKind::Place => record.places.iter().map(describe_place).collect(),
        ExampleKind::Fact => record.facts.iter().map(describe_fact).collect(),
    };
    Some(Failure {
        path: ex.path.clone(),
        line: ex.line,
        col: ex.col,
        rule: ex.rule.clone(),
        text: record.text.clone(),
        expected: expected_text(ex),
        actual,
    })
}

/// Whether some item of the example's kind in `record` matches every given field.
pub fn matches(ex: &RuleExample, record: &Record) -> bool {
    match ex.kind {
        ExampleKind::Figure => record.figures.iter().any(|f| figure_matches(ex, f)),
        ExampleKind::Place => record.places.iter().any(|p| place_matches(ex, p)),
        ExampleKind::Fact => record.facts.iter().any(|f| fact_matches(ex, f)),
    }
}

fn same_text(expected: &Option<String>, actual: &str) -> bool {
    expected.as_deref().is_none_or(|e| normalize_inline(e) == actual)
}

fn same_opt_text(expected: &Option<String>, actual: Option<&str>) -> bool {
    expected
        .as_deref()
        .is_none_or(|e| actual.is_some_and(|a| normalize_inline(e) == a))
}

fn same_decimal(expected: &Option<Decimal>, actual: Option<&Decimal>) -> bool {
    expected.is_none_or(|e| actual.is_some_and(|a| *a == e))
}

fn same_value(expected: &Option<FigureValue>, actual: &FigureValue) -> bool {
    match (expected, actual) {
        (None, _) => true,
        (Some(FigureValue::Number(e)), FigureValue::Number(a)) => e == a,
        (Some(e), a) => value_text(e) == value_text(a),
    }
}

fn figure_matches(ex: &RuleExample, f: &Figure) -> bool {
    same_text(&ex.surface, &f.text)
        && ex.figure_kind.is_none_or(|k| k == f.kind)
        && same_value(&ex.value, &f.value)
        && same_decimal(&ex.upper, f.upper.as_ref())
        && same_opt_text(&ex.unit, f.unit.as_deref())
        && ex.approx.is_none_or(|a| Some(a) == f.approx)
}

fn place_matches(ex: &RuleExample, p: &Place) -> bool {
    same_text(&ex.surface, &p.text)
        && same_text(&ex.name, &p.name)
        && same_opt_text(&ex.code, p.code.as_deref())
}

fn fact_matches(ex: &RuleExample, f: &Fact) -> bool {
    let value_ok = match &ex.value {
        None => true,
        Some(FigureValue::Number(e)) => f.value.as_ref() == Some(e),
        Some(FigureValue::Text(t)) => f.value.is_some_and(|v| v.normalize().to_string() == *t),
    };
    same_opt_text(&ex.subject, f.subject.as_deref())
        && same_text(&ex.indicator, &f.indicator)
        && same_opt_text(&ex.period, f.period.as_deref())
        && value_ok
        && same_opt_text(&ex.unit, f.unit.as_deref())
        && same_decimal(&ex.change, f.change.as_ref())
        && same_opt_text(&ex.change_unit, f.change_unit.as_deref())
        && same_opt_text(&ex.basis, f.basis.as_deref())
        && same_opt_text(&ex.counterpart, f.counterpart.as_deref())
}

/// What an example asks for, in words: `figure 5.55万亿元 kind=money value=5550000000000`.
pub fn expected_text(ex: &RuleExample) -> String {
    let what = match ex.kind {
        ExampleKind::Figure => "figure",
        ExampleKind::Place => "place",
        ExampleKind::Fact => "fact",
    };
    let mut parts = vec![if ex.none {
        format!("no {what}")
    } else {
        what.to_owned()
    }];
    if let Some(s) = &ex.surface {
        parts.push(s.clone());
    }
    let mut field = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    };
    field("kind", ex.figure_kind.map(|k| k.as_str().to_owned()));
    field("subject", ex.subject.clone());
    field("indicator", ex.indicator.clone());
    field("period", ex.period.clone());
    field("value", ex.value.as_ref().map(value_text));
    field("upper", ex.upper.map(|d| d.normalize().to_string()));
    field("unit", ex.unit.clone());
    field("approx", ex.approx.as_ref().map(enum_name));
    field("name", ex.name.clone());
    field("code", ex.code.clone());
    field("change", ex.change.map(|d| d.normalize().to_string()));
    field("change_unit", ex.change_unit.clone());
    field("basis", ex.basis.clone());
    field("counterpart", ex.counterpart.clone());
    if ex.none && parts.len() == 1 {
        parts.push("at all".to_owned());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Approx, FigureKind};
    use std::str::FromStr;

    fn example(kind: ExampleKind) -> RuleExample {
        RuleExample::new(
            "rules/figures.toml",
            (3, 12),
            "cny",
            kind,
            "浙江进出口总额5.55万亿元",
        )
    }

    fn figure() -> Figure {
        Figure {
            kind: FigureKind::Money,
            text: "5.55万亿元".into(),
            span: [7, 14],
            value: FigureValue::Number(Decimal::from_str("5550000000000").unwrap()),
            upper: None,
            unit: Some("CNY".into()),
            approx: None,
            rule: "money".into(),
        }
    }

    #[test]
    fn a_figure_matches_when_every_given_field_agrees() {
        let mut ex = example(ExampleKind::Figure);
        ex.surface = Some("5.55万亿元".into());
        ex.figure_kind = Some(FigureKind::Money);
        ex.value = Some(FigureValue::Number(
            Decimal::from_str("5550000000000.00").unwrap(),
        ));
        ex.unit = Some("CNY".into());
        assert!(figure_matches(&ex, &figure()));
        ex.approx = Some(Approx::About);
        assert!(!figure_matches(&ex, &figure()));
    }

    #[test]
    fn a_wrong_unit_or_value_does_not_match() {
        let mut ex = example(ExampleKind::Figure);
        ex.unit = Some("USD".into());
        assert!(!figure_matches(&ex, &figure()));
        let mut ex = example(ExampleKind::Figure);
        ex.value = Some(FigureValue::Number(Decimal::from(555)));
        assert!(!figure_matches(&ex, &figure()));
    }

    #[test]
    fn expected_text_names_every_given_field() {
        let mut ex = example(ExampleKind::Figure);
        ex.surface = Some("约5.2%".into());
        ex.value = Some(FigureValue::Number(Decimal::from_str("5.2").unwrap()));
        ex.approx = Some(Approx::About);
        assert_eq!(expected_text(&ex), "figure 约5.2% value=5.2 approx=about");
        let mut ex = example(ExampleKind::Place);
        ex.none = true;
        assert_eq!(expected_text(&ex), "no place at all");
    }
}
