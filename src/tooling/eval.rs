//! `baokan eval`: precision, recall and F1 per kind against an annotated gold file.
//!
//! The gold format is the one of `../shared/eval/*.jsonl` (see `docs/record.md`): one
//! case a line, `{"id", "text", "date"?, "expect": [{"kind"?, "text"?, "value"?,
//! "start"?, "end"?, …}]}`; other keys are ignored. A missing `kind` means `place`; a
//! missing `date` falls back to the date part of `reference_datetime`.
//!
//! Matching, per case and kind, one prediction at most per gold item:
//!
//! - with `start`/`end`, a prediction matches when its span **overlaps** the gold span
//!   (the exact span is preferred, then the largest overlap). Gold offsets are into the
//!   gold text; they are carried through normalization onto the record's text first;
//! - without offsets, a prediction matches when its value equals the gold value
//!   (figures) or its surface text or canonical name equals the gold text (places).
//!
//! Only kinds that occur in the gold file are scored, so a places file does not count
//! figures as extras. Besides P/R/F1 the report counts, among matches, those with the
//! exact span and those whose value agrees: a number equal as a decimal, a string equal
//! as text, an interval `[a,b]` equal to value and upper; places compare any of `name`,
//! `code`, `level` the gold gives (level `city` also accepts `prefecture`, `town`
//! accepts `township`, the words of address parsers). A gold value of `null` is not
//! checked.

use super::{analyze_text, value_text};
use crate::normalize::normalize;
use crate::pipeline::Pipeline;
use crate::record::{FigureValue, Record, decimal_json};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

/// One expected item of a gold case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldItem {
    /// A figure kind or `place`; missing means `place`.
    #[serde(default = "place_kind")]
    pub kind: String,
    /// Surface text.
    #[serde(default)]
    pub text: Option<String>,
    /// Expected value (number, string, or null for "not checked").
    #[serde(default)]
    pub value: Option<serde_json::Value>,
    /// Place canonical name.
    #[serde(default)]
    pub name: Option<String>,
    /// Place code.
    #[serde(default)]
    pub code: Option<String>,
    /// Place level.
    #[serde(default)]
    pub level: Option<String>,
    /// Start, chars into the gold text.
    #[serde(default)]
    pub start: Option<usize>,
    /// End (exclusive).
    #[serde(default)]
    pub end: Option<usize>,
}

fn place_kind() -> String {
    "place".to_owned()
}

/// One annotated text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldCase {
    /// The case's id.
    #[serde(default)]
    pub id: String,
    /// The text to analyze.
    pub text: String,
    /// Publication date `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Reference time of date test suites; its date is used when `date` is absent.
    #[serde(default)]
    pub reference_datetime: Option<String>,
    /// What should come out.
    #[serde(default)]
    pub expect: Vec<GoldItem>,
    /// 1-based line in the gold file (not read from JSON).
    #[serde(skip)]
    pub line: usize,
    /// Every other key, for `--by FIELD` (e.g. `origin`).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl GoldCase {
    /// The value of a top-level key as a group label (`origin` → `duckling/Time`).
    pub fn group(&self, field: &str) -> String {
        match self.other.get(field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => "(none)".to_owned(),
            Some(v) => v.to_string(),
        }
    }
}

impl GoldCase {
    fn published(&self) -> Option<String> {
        let d = self.date.as_deref().or(self.reference_datetime.as_deref())?;
        crate::read::parse_iso_date(d.get(..10).unwrap_or(d))
    }
}

/// Reads a gold file; every bad line is reported as `path:line: problem`.
pub fn read_gold(path: &Path) -> Result<Vec<GoldCase>, Vec<String>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("{shown}: cannot read: {e}")])?;
    parse_gold(&shown, &text)
}

/// Parses gold JSON Lines (blank lines skipped).
pub fn parse_gold(shown: &str, text: &str) -> Result<Vec<GoldCase>, Vec<String>> {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<GoldCase>(line) {
            Ok(mut case) => {
                case.line = i + 1;
                cases.push(case);
            }
            Err(e) => errors.push(format!("{shown}:{}:{}: {e}", i + 1, e.column())),
        }
    }
    if errors.is_empty() { Ok(cases) } else { Err(errors) }
}

/// Counts for one kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindScore {
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items matched by a prediction.
    pub matched: usize,
    /// Matches with exactly the gold span.
    pub exact_span: usize,
    /// Matches whose value could be checked.
    pub value_checked: usize,
    /// Of those, matches whose value agrees.
    pub value_ok: usize,
}

impl KindScore {
    /// matched / predicted; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.matched, self.predicted)
    }
    /// matched / gold; `None` when there is no gold item.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.matched, self.gold)
    }
    /// Harmonic mean of precision and recall, an undefined one counting as 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision().unwrap_or(0.0), self.recall().unwrap_or(0.0));
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }
    fn add(&mut self, o: &KindScore) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.matched += o.matched;
        self.exact_span += o.exact_span;
        self.value_checked += o.value_checked;
        self.value_ok += o.value_ok;
    }
}

/// Writes one score table; the first column is as wide as its longest label.
fn table<'a>(out: &mut String, title: &str, rows: impl Iterator<Item = (&'a str, KindScore)>) {
    let rows: Vec<(&str, KindScore)> = rows.collect();
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .chain([title.chars().count(), 8])
        .max()
        .unwrap_or(8);
    let _ = writeln!(
        out,
        "{title:<width$} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7} {:>6} {:>9}",
        "gold", "pred", "match", "P", "R", "F1", "exact", "value ok"
    );
    for (label, s) in rows {
        let _ = writeln!(
            out,
            "{label:<width$} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7.3} {:>6} {:>9}",
            s.gold,
            s.predicted,
            s.matched,
            cell(s.precision()),
            cell(s.recall()),
            s.f1(),
            s.exact_span,
            format!("{}/{}", s.value_ok, s.value_checked)
        );
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |x| format!("{x:.3}"))
}

/// A gold item without a match, a prediction without one, or a match with a wrong value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    /// Gold case id.
    pub id: String,
    /// Line in the gold file.
    pub line: usize,
    /// `miss`, `extra` or `value`.
    pub what: &'static str,
    /// Kind.
    pub kind: String,
    /// Surface text (gold's for misses, predicted otherwise).
    pub text: String,
    /// Span in the record text, when known.
    pub span: Option<[usize; 2]>,
    /// Gold value, as text.
    pub expected: Option<String>,
    /// Predicted value, as text.
    pub actual: Option<String>,
    /// Rule of the prediction.
    pub rule: Option<String>,
    /// The case text, for context.
    pub context: String,
}

/// The result of an evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Cases read.
    pub cases: usize,
    /// Scores by kind (only kinds present in the gold file).
    pub kinds: BTreeMap<String, KindScore>,
    /// Misses, extras and wrong values, in file order.
    pub mismatches: Vec<Mismatch>,
    /// With `--by FIELD`: overall scores per value of that field.
    pub groups: BTreeMap<String, KindScore>,
    /// The field of `groups`.
    pub group_by: Option<String>,
}

/// A prediction in the shape gold items are compared with.
struct Pred {
    kind: String,
    text: String,
    span: [usize; 2],
    value: Option<FigureValue>,
    upper: Option<Decimal>,
    name: Option<String>,
    code: Option<String>,
    level: Option<String>,
    rule: String,
}

fn predictions(record: &Record) -> Vec<Pred> {
    let figures = record.figures.iter().map(|f| Pred {
        kind: f.kind.as_str().to_owned(),
        text: f.text.clone(),
        span: f.span,
        value: Some(f.value.clone()),
        upper: f.upper,
        name: None,
        code: None,
        level: None,
        rule: f.rule.clone(),
    });
    let places = record.places.iter().map(|p| Pred {
        kind: "place".to_owned(),
        text: p.text.clone(),
        span: p.span,
        value: None,
        upper: None,
        name: Some(p.name.clone()),
        code: p.code.clone(),
        level: Some(super::enum_name(&p.level)),
        rule: p.rule.clone(),
    });
    figures.chain(places).collect()
}

/// Maps char offsets of `original` onto `target`, a text derived from it by dropping and
/// folding characters (normalization, line trimming): `map[i]` is where original char `i`
/// lands, `map[len]` the end. Greedy alignment: a char maps onto the next target char
/// when they agree after normalization (any whitespace agrees with any whitespace).
pub fn offset_map(original: &str, target: &str) -> Vec<usize> {
    let target: Vec<char> = target.chars().collect();
    let mut map = Vec::with_capacity(original.len() + 1);
    let mut j = 0;
    let mut buf = [0u8; 4];
    for c in original.chars() {
        map.push(j);
        let Some(&t) = target.get(j) else { continue };
        let agrees = c == t
            || (c.is_whitespace() && t.is_whitespace())
            || normalize(c.encode_utf8(&mut buf)).starts_with(t);
        if agrees {
            j += 1;
        }
    }
    map.push(j);
    map
}

fn gold_value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `[a,b]`, `(a,b]`, `[,b)` and the like: (lower, upper).
fn interval(s: &str) -> Option<(Option<Decimal>, Option<Decimal>)> {
    let inner = s.strip_prefix(['[', '('])?.strip_suffix([']', ')'])?;
    let (a, b) = inner.split_once(',')?;
    let num = |x: &str| -> Result<Option<Decimal>, ()> {
        let x = x.trim();
        if x.is_empty() {
            Ok(None)
        } else {
            Decimal::from_str(x).map(Some).map_err(|_| ())
        }
    };
    Some((num(a).ok()?, num(b).ok()?))
}

/// Whether the prediction's value agrees with the gold item; `None` when there is
/// nothing to check.
fn value_agrees(g: &GoldItem, p: &Pred) -> Option<bool> {
    if g.kind == "place" {
        let given = [
            g.name.as_deref().map(|n| Some(n) == p.name.as_deref()),
            g.code.as_deref().map(|c| Some(c) == p.code.as_deref()),
            g.level.as_deref().map(|l| level_matches(l, p.level.as_deref())),
        ];
        let given: Vec<bool> = given.into_iter().flatten().collect();
        return (!given.is_empty()).then(|| given.iter().all(|ok| *ok));
    }
    let gv = g.value.as_ref().filter(|v| !v.is_null())?;
    let pv = p.value.as_ref()?;
    Some(match (gv, pv) {
        (serde_json::Value::Number(n), FigureValue::Number(d)) => {
            decimal_json::from_number(n).is_ok_and(|g| g == *d)
        }
        (serde_json::Value::String(s), FigureValue::Number(d)) => match interval(s) {
            Some((lo, hi)) => lo.is_none_or(|lo| lo == *d) && hi == p.upper,
            None => Decimal::from_str(s).is_ok_and(|g| g == *d),
        },
        (gv, pv) => gold_value_text(gv) == value_text(pv),
    })
}

/// Gold levels in the words of address parsers: `city` is a prefecture-level city (or
/// a foreign city), `town` a township.
fn level_matches(gold: &str, pred: Option<&str>) -> bool {
    let Some(pred) = pred else { return false };
    gold == pred || matches!((gold, pred), ("city", "prefecture") | ("town", "township"))
}

/// The gold and predicted values of a wrong match, as `name=… level=…` for places.
fn value_pair(g: &GoldItem, p: &Pred) -> (Option<String>, Option<String>) {
    if g.kind != "place" {
        let expected = g.value.as_ref().filter(|v| !v.is_null()).map(gold_value_text);
        return (expected, p.value.as_ref().map(value_text));
    }
    let fields = [
        ("name", g.name.as_deref(), p.name.as_deref()),
        ("code", g.code.as_deref(), p.code.as_deref()),
        ("level", g.level.as_deref(), p.level.as_deref()),
    ];
    let mut expected = Vec::new();
    let mut actual = Vec::new();
    for (k, gv, pv) in fields {
        if let Some(gv) = gv {
            expected.push(format!("{k}={gv}"));
            actual.push(format!("{k}={}", pv.unwrap_or("null")));
        }
    }
    (Some(expected.join(" ")), Some(actual.join(" ")))
}

/// Whether a prediction can match a gold item that has no offsets.
fn matches_without_span(g: &GoldItem, p: &Pred) -> bool {
    if g.kind == "place" {
        return g
            .text
            .as_deref()
            .is_some_and(|t| t == p.text || Some(t) == p.name.as_deref())
            || value_agrees(g, p) == Some(true);
    }
    match value_agrees(g, p) {
        Some(ok) => ok,
        None => g.text.as_deref() == Some(p.text.as_str()),
    }
}

/// Scores the rules in `pipeline` on `gold`; with `group_by`, also per value of that
/// top-level field of the gold lines.
pub fn evaluate(pipeline: &Pipeline, gold: &[GoldCase], group_by: Option<&str>) -> EvalReport {
    let kinds: BTreeSet<String> = gold
        .iter()
        .flat_map(|c| c.expect.iter().map(|e| e.kind.clone()))
        .collect();
    let per_case: Vec<(BTreeMap<String, KindScore>, Vec<Mismatch>)> = gold
        .par_iter()
        .map(|case| {
            let published = case.published();
            let record = analyze_text(pipeline, &case.text, published.as_deref());
            score_case(case, &record, &kinds)
        })
        .collect();
    let mut report = EvalReport {
        cases: gold.len(),
        kinds: kinds.iter().map(|k| (k.clone(), KindScore::default())).collect(),
        group_by: group_by.map(str::to_owned),
        ..EvalReport::default()
    };
    for (case, (scores, mut mismatches)) in gold.iter().zip(per_case) {
        for (k, s) in scores {
            report.kinds.entry(k.clone()).or_default().add(&s);
            if let Some(field) = group_by {
                report.groups.entry(case.group(field)).or_default().add(&s);
            }
        }
        report.mismatches.append(&mut mismatches);
    }
    report
}

/// Scores one case against its record.
pub fn score_case(
    case: &GoldCase,
    record: &Record,
    kinds: &BTreeSet<String>,
) -> (BTreeMap<String, KindScore>, Vec<Mismatch>) {
    let map = offset_map(&case.text, &record.text);
    let at = |i: usize| {
        map.get(i)
            .copied()
            .unwrap_or_else(|| map.last().copied().unwrap_or(0))
    };
    // A place inside an organisation name (`other_entities` of type ORG in the NER
    // sets) is not a gold place: such predictions count neither way.
    let organisations: Vec<[usize; 2]> = case
        .other
        .get("other_entities")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter(|o| o["type"] == "ORG")
        .filter_map(|o| Some([at(o["start"].as_u64()? as usize), at(o["end"].as_u64()? as usize)]))
        .collect();
    let preds: Vec<Pred> = predictions(record)
        .into_iter()
        .filter(|p| kinds.contains(&p.kind))
        .filter(|p| {
            p.kind != "place"
                || !organisations
                    .iter()
                    .any(|o| o[0] <= p.span[0] && p.span[1] <= o[1])
        })
        .collect();
    let mut used = vec![false; preds.len()];
    let mut scores: BTreeMap<String, KindScore> = BTreeMap::new();
    let mut mismatches = Vec::new();
    let mismatch = |what, kind: &str, text: &str, span, expected, p: Option<&Pred>| Mismatch {
        id: case.id.clone(),
        line: case.line,
        what,
        kind: kind.to_owned(),
        text: text.to_owned(),
        span,
        expected,
        actual: p.and_then(|p| p.value.as_ref().map(value_text).or_else(|| p.name.clone())),
        rule: p.map(|p| p.rule.clone()),
        context: record.text.clone(),
    };
    for p in &preds {
        scores.entry(p.kind.clone()).or_default().predicted += 1;
    }
    for g in &case.expect {
        let score = scores.entry(g.kind.clone()).or_default();
        score.gold += 1;
        let span = match (g.start, g.end) {
            (Some(s), Some(e)) if s <= e => Some([at(s), at(e)]),
            _ => None,
        };
        let mut best: Option<(usize, (bool, usize))> = None;
        for (i, p) in preds.iter().enumerate() {
            if used[i] || p.kind != g.kind {
                continue;
            }
            let rank = match span {
                Some([s, e]) => {
                    let overlap = e.min(p.span[1]).saturating_sub(s.max(p.span[0]));
                    if overlap == 0 && !(s == e && p.span[0] <= s && s < p.span[1]) {
                        continue;
                    }
                    (p.span == [s, e], overlap)
                }
                None if matches_without_span(g, p) => (false, 0),
                None => continue,
            };
            if best.is_none_or(|(_, r)| rank > r) {
                best = Some((i, rank));
            }
        }
        let expected = g.value.as_ref().filter(|v| !v.is_null()).map(gold_value_text);
        match best {
            Some((i, (exact, _))) => {
                used[i] = true;
                score.matched += 1;
                score.exact_span += usize::from(exact);
                if let Some(ok) = value_agrees(g, &preds[i]) {
                    score.value_checked += 1;
                    if ok {
                        score.value_ok += 1;
                    } else {
                        let p = &preds[i];
                        let (expected, actual) = value_pair(g, p);
                        let mut m = mismatch("value", &g.kind, &p.text, Some(p.span), expected, Some(p));
                        m.actual = actual;
                        mismatches.push(m);
                    }
                }
            }
            None => {
                let text = g.text.clone().unwrap_or_default();
                mismatches.push(mismatch("miss", &g.kind, &text, span, expected, None));
            }
        }
    }
    for (i, p) in preds.iter().enumerate() {
        if !used[i] {
            mismatches.push(mismatch("extra", &p.kind, &p.text, Some(p.span), None, Some(p)));
        }
    }
    (scores, mismatches)
}

impl EvalReport {
    /// Micro-averaged counts over all scored kinds.
    pub fn overall(&self) -> KindScore {
        let mut all = KindScore::default();
        for s in self.kinds.values() {
            all.add(s);
        }
        all
    }

    /// The table people read; `verbose` lists every mismatch after it.
    pub fn render(&self, verbose: bool) -> String {
        let mut out = String::new();
        if verbose {
            for m in &self.mismatches {
                let span = m
                    .span
                    .map(|s| format!(" [{},{})", s[0], s[1]))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "line {} ({}): {} {} {}{span}",
                    m.line, m.id, m.what, m.kind, m.text
                );
                match (&m.expected, &m.actual) {
                    (Some(e), Some(a)) => {
                        let _ = write!(out, " expected {e}, got {a}");
                    }
                    (Some(e), None) => {
                        let _ = write!(out, " value {e}");
                    }
                    (None, Some(a)) => {
                        let _ = write!(out, " value {a}");
                    }
                    (None, None) => {}
                }
                if let Some(r) = &m.rule {
                    let _ = write!(out, " rule={r}");
                }
                let _ = writeln!(out, "\n    in: {}", m.context.replace('\n', " "));
            }
            if !self.mismatches.is_empty() {
                out.push('\n');
            }
        }
        let _ = writeln!(out, "{} cases", self.cases);
        let rows = self
            .kinds
            .iter()
            .map(|(k, s)| (k.as_str(), s.clone()))
            .chain(std::iter::once(("all", self.overall())));
        table(&mut out, "kind", rows);
        if let Some(field) = &self.group_by {
            out.push('\n');
            table(
                &mut out,
                field,
                self.groups.iter().map(|(k, s)| (k.as_str(), s.clone())),
            );
        }
        out
    }

    /// The report as JSON; `verbose` adds the mismatches.
    pub fn to_json(&self, verbose: bool) -> serde_json::Value {
        let score = |s: &KindScore| {
            serde_json::json!({
                "gold": s.gold,
                "predicted": s.predicted,
                "matched": s.matched,
                "exact_span": s.exact_span,
                "value_checked": s.value_checked,
                "value_ok": s.value_ok,
                "precision": s.precision(),
                "recall": s.recall(),
                "f1": s.f1(),
            })
        };
        let kinds: serde_json::Map<String, serde_json::Value> =
            self.kinds.iter().map(|(k, s)| (k.clone(), score(s))).collect();
        let mut v = serde_json::json!({
            "cases": self.cases,
            "kinds": kinds,
            "overall": score(&self.overall()),
        });
        if let (Some(field), Some(obj)) = (&self.group_by, v.as_object_mut()) {
            let groups: serde_json::Map<String, serde_json::Value> =
                self.groups.iter().map(|(k, s)| (k.clone(), score(s))).collect();
            obj.insert(
                "by".to_owned(),
                serde_json::json!({ "field": field, "groups": groups }),
            );
        }
        if verbose && let Some(obj) = v.as_object_mut() {
            obj.insert(
                "mismatches".to_owned(),
                serde_json::to_value(&self.mismatches).unwrap_or_default(),
            );
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Figure, FigureKind};

    #[test]
    fn offsets_survive_normalization() {
        let original = "  总额５.４%，\u{200B}增长";
        let target = normalize(original);
        let target = target.trim();
        assert_eq!(target, "总额5.4%,增长");
        let map = offset_map(original, target);
        assert_eq!(map[2], 0);
        assert_eq!(map[4], 2);
        assert_eq!(map[9], 7, "a dropped char lands on the next kept one");
        assert_eq!(map[10], 7);
        assert_eq!(map[12], 9);
    }

    #[test]
    fn place_levels_accept_address_parser_words() {
        assert!(level_matches("city", Some("prefecture")));
        assert!(level_matches("town", Some("township")));
        assert!(level_matches("county", Some("county")));
        assert!(!level_matches("county", Some("prefecture")));
        assert!(!level_matches("county", None));
    }

    #[test]
    fn intervals_parse() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(interval("[1.6,3.9]"), Some((Some(d("1.6")), Some(d("3.9")))));
        assert_eq!(interval("(,1.2]"), Some((None, Some(d("1.2")))));
        assert_eq!(interval("2026-01"), None);
    }

    fn record(text: &str, figures: Vec<Figure>) -> Record {
        let mut r = crate::tooling::diff::tests::empty_record();
        r.text = text.to_owned();
        r.figures = figures;
        r
    }

    fn money(text: &str, span: [usize; 2], value: i64) -> Figure {
        Figure {
            kind: FigureKind::Money,
            text: text.into(),
            span,
            value: FigureValue::Number(Decimal::from(value)),
            upper: None,
            unit: Some("CNY".into()),
            approx: None,
            rule: "money".into(),
        }
    }

    #[test]
    fn overlap_counts_as_a_match_and_value_is_checked() {
        let case: GoldCase = serde_json::from_str(
            r#"{"id":"a","text":"花了15元和20元","expect":[
                {"kind":"money","text":"15元","value":15,"start":2,"end":5},
                {"kind":"money","text":"20元","value":20,"start":6,"end":9}]}"#,
        )
        .unwrap();
        let rec = record(
            "花了15元和20元",
            vec![money("15元", [2, 5], 15), money("20", [6, 8], 21)],
        );
        let kinds = BTreeSet::from(["money".to_owned()]);
        let (scores, mismatches) = score_case(&case, &rec, &kinds);
        let s = &scores["money"];
        assert_eq!((s.gold, s.predicted, s.matched, s.exact_span), (2, 2, 2, 1));
        assert_eq!((s.value_checked, s.value_ok), (2, 1));
        assert_eq!(mismatches.len(), 1);
        assert_eq!(mismatches[0].what, "value");
    }

    #[test]
    fn places_inside_organisations_count_neither_way() {
        let case: GoldCase = serde_json::from_str(
            r#"{"id":"o","text":"浙江大学和杭州","expect":[{"text":"杭州","start":5,"end":7}],
               "other_entities":[{"text":"浙江大学","start":0,"end":4,"type":"ORG"}]}"#,
        )
        .unwrap();
        let mut rec = record("浙江大学和杭州", vec![]);
        for (text, span) in [("浙江", [0, 2]), ("杭州", [5, 7])] {
            rec.places.push(crate::record::Place {
                text: text.into(),
                span,
                name: text.into(),
                code: None,
                level: crate::record::PlaceLevel::Province,
                parents: vec![],
                rule: "t".into(),
            });
        }
        let kinds: BTreeSet<String> = ["place".to_owned()].into();
        let (scores, _) = score_case(&case, &rec, &kinds);
        assert_eq!((scores["place"].predicted, scores["place"].matched), (1, 1));
    }

    #[test]
    fn without_offsets_items_match_by_value_and_places_by_text() {
        let case: GoldCase =
            serde_json::from_str(r#"{"text":"x","expect":[{"kind":"money","value":15},{"text":"浙江"}]}"#)
                .unwrap();
        assert_eq!(case.expect[1].kind, "place");
        let rec = record("x", vec![money("15元", [0, 3], 15)]);
        let kinds = BTreeSet::from(["money".to_owned(), "place".to_owned()]);
        let (scores, mismatches) = score_case(&case, &rec, &kinds);
        assert_eq!(scores["money"].matched, 1);
        assert_eq!(scores["place"].matched, 0);
        assert_eq!(mismatches[0].what, "miss");
    }

    #[test]
    fn scores_are_exact() {
        let s = KindScore {
            gold: 4,
            predicted: 2,
            matched: 2,
            ..KindScore::default()
        };
        assert_eq!(s.precision(), Some(1.0));
        assert_eq!(s.recall(), Some(0.5));
        assert!((s.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(KindScore::default().precision(), None);
    }
}
