//! The rule tuning loop: `rules test`, `explain`, `eval` and `diff`.
//!
//! A tuner edits a rule file and needs to see at once what changed: whether the
//! examples embedded in the rules still hold ([`examples`]), why a rule fired or did not
//! on one sentence ([`explain`]), how accuracy moved on an annotated file ([`eval`]) and
//! what the change did to an archive of records ([`diff`]). Each command is a function
//! over library types returning a report value; `main.rs` only prints it and picks the
//! exit code, so the reports are tested without a terminal.

pub mod diff;
pub mod eval;
pub mod examples;
pub mod explain;

use crate::layout;
use crate::normalize;
use crate::pipeline::{Pipeline, Trace};
use crate::record::{Fact, Figure, FigureValue, Place, Record};

/// Runs one snippet of text through the pipeline as a single article, the way examples,
/// `explain` and `eval` see it: normalized, no page splitting.
pub fn analyze_text(pipeline: &Pipeline, text: &str, published: Option<&str>) -> Record {
    let article = layout::single_article(&pipeline.rules.layout, &normalize::normalize(text), published);
    pipeline.analyze(article, published)
}

/// Like [`analyze_text`], also returning tokens and rejected candidates.
pub fn analyze_text_traced(pipeline: &Pipeline, text: &str, published: Option<&str>) -> (Record, Trace) {
    let article = layout::single_article(&pipeline.rules.layout, &normalize::normalize(text), published);
    pipeline.analyze_traced(article, published)
}

/// A figure value as text: digits for numbers, the ISO string for dates.
pub fn value_text(v: &FigureValue) -> String {
    match v {
        FigureValue::Number(d) => d.normalize().to_string(),
        FigureValue::Text(t) => t.clone(),
    }
}

/// One line describing a figure: `5.55万亿元 [13,20) money 5550000000000 CNY rule=money`.
pub fn describe_figure(f: &Figure) -> String {
    let mut s = format!(
        "{} [{},{}) {} {}",
        f.text,
        f.span[0],
        f.span[1],
        f.kind.as_str(),
        value_text(&f.value)
    );
    if let Some(u) = &f.upper {
        s.push_str(&format!("..{}", u.normalize()));
    }
    if let Some(u) = &f.unit {
        s.push_str(&format!(" {u}"));
    }
    if let Some(a) = f.approx {
        s.push_str(&format!(" approx={}", enum_name(&a)));
    }
    s.push_str(&format!(" rule={}", f.rule));
    s
}

/// One line describing a place: `浙江 [5,7) 浙江省 330000 province rule=gazetteer`.
pub fn describe_place(p: &Place) -> String {
    let mut s = format!("{} [{},{}) {}", p.text, p.span[0], p.span[1], p.name);
    if let Some(c) = &p.code {
        s.push_str(&format!(" {c}"));
    }
    s.push_str(&format!(" {}", enum_name(&p.level)));
    if !p.parents.is_empty() {
        s.push_str(&format!(" in {}", p.parents.join("/")));
    }
    s.push_str(&format!(" rule={}", p.rule));
    s
}

/// One line describing a fact with the figures it uses.
pub fn describe_fact(f: &Fact) -> String {
    let mut parts = vec![format!("{}", f.indicator)];
    let mut field = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            parts.push(format!("{k}={v}"));
        }
    };
    field("subject", f.subject.clone());
    field("period", f.period.clone());
    field("value", f.value.map(|d| d.normalize().to_string()));
    field("unit", f.unit.clone());
    field("change", f.change.map(|d| d.normalize().to_string()));
    field("change_unit", f.change_unit.clone());
    field("basis", f.basis.clone());
    field("counterpart", f.counterpart.clone());
    parts.push(format!("figures={:?}", f.figures));
    parts.join(" ")
}

/// The JSON name of a unit-like enum (`about`, `province`).
pub fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
