//! `baokan diff`: what a rule change did to an archive of records.
//!
//! Both files are record JSON Lines from `baokan run`. Records are paired by `id`,
//! which depends only on where an article came from, never on the rules, so a rerun
//! after a rule change pairs up line by line. Within a record, figures and places are
//! paired by span (the same stretch of text), facts by the spans of the figures they use
//! (their indexes shift when a figure is added, so indexes are not compared), or by
//! indicator when they use none; what is left then pairs more loosely (overlapping
//! spans, a shared figure), so a moved boundary is one change, not two. A pair that differs in any field is `changed`, with the
//! fields listed. Records are read as plain JSON, so files written by an older or newer
//! binary still compare. Records present on one side only are listed and counted, and
//! their items are not counted as added or removed: that is a change of input, not of rules.

use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// One difference in a field of a paired item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Field name.
    pub field: String,
    /// Old value (null when absent).
    pub old: Value,
    /// New value.
    pub new: Value,
}

/// An item added, removed or changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// `figure`, `place` or `fact`.
    pub what: &'static str,
    /// `added`, `removed` or `changed`.
    pub op: &'static str,
    /// One line describing the item (the new one, or the old one when removed).
    pub item: String,
    /// Changed fields, for `changed`.
    pub fields: Vec<FieldChange>,
}

/// The differences of one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordDiff {
    /// Record id.
    pub id: String,
    /// `path#article` of the record.
    pub source: String,
    /// `changed`, `only_old` or `only_new`.
    pub status: &'static str,
    /// Item changes (empty for records on one side only).
    pub changes: Vec<Change>,
}

/// Added, removed and changed counts of one item kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items only in the new record.
    pub added: usize,
    /// Items only in the old record.
    pub removed: usize,
    /// Items paired but different.
    pub changed: usize,
}

/// Totals over both files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    /// Records in the old file.
    pub records_old: usize,
    /// Records in the new file.
    pub records_new: usize,
    /// Paired records with at least one change.
    pub records_changed: usize,
    /// Records only in the old file.
    pub only_old: usize,
    /// Records only in the new file.
    pub only_new: usize,
    /// Figure changes.
    pub figures: Counts,
    /// Place changes.
    pub places: Counts,
    /// Fact changes.
    pub facts: Counts,
}

/// The whole comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DiffReport {
    /// Records with differences, in the new file's order, then those only in the old.
    pub records: Vec<RecordDiff>,
    /// Totals.
    pub summary: DiffSummary,
}

/// The parts of a record that `diff` compares.
#[derive(Debug, Clone, Default)]
struct Items {
    source: String,
    figures: Vec<Value>,
    places: Vec<Value>,
    facts: Vec<Value>,
}

fn items_of(record: &Value) -> Items {
    let list = |k: &str| {
        record
            .get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let source = record.get("source");
    let path = source
        .and_then(|s| s.get("path"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let article = source
        .and_then(|s| s.get("article"))
        .and_then(Value::as_u64)
        .unwrap_or(0);
    let line = source
        .and_then(|s| s.get("line"))
        .and_then(Value::as_u64)
        .map(|l| format!(":{l}"))
        .unwrap_or_default();
    Items {
        source: format!("{path}{line}#{article}"),
        figures: list("figures"),
        places: list("places"),
        facts: list("facts"),
    }
}

/// Reads records as `(id, record)`, reporting every bad line as `path:line:col: problem`.
fn read_records(path: &Path, errors: &mut Vec<String>) -> Vec<(String, Items)> {
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(format!("{shown}: cannot read: {e}"));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match v.get("id").and_then(Value::as_str) {
                Some(id) => out.push((id.to_owned(), items_of(&v))),
                None => errors.push(format!("{shown}:{}:1: record has no string `id`", i + 1)),
            },
            Err(e) => errors.push(format!("{shown}:{}:{}: {e}", i + 1, e.column())),
        }
    }
    out
}

/// Compares two record files.
pub fn diff_files(old: &Path, new: &Path) -> Result<DiffReport, Vec<String>> {
    let mut errors = Vec::new();
    let old = read_records(old, &mut errors);
    let new = read_records(new, &mut errors);
    if errors.is_empty() {
        Ok(diff_records(old, new))
    } else {
        Err(errors)
    }
}

fn diff_records(old: Vec<(String, Items)>, new: Vec<(String, Items)>) -> DiffReport {
    let mut report = DiffReport::default();
    report.summary.records_old = old.len();
    report.summary.records_new = new.len();
    let order: Vec<String> = old.iter().map(|(id, _)| id.clone()).collect();
    let mut old: HashMap<String, Items> = old.into_iter().collect();
    for (id, new_items) in new {
        let Some(old_items) = old.remove(&id) else {
            report.summary.only_new += 1;
            report.records.push(RecordDiff {
                id,
                source: new_items.source,
                status: "only_new",
                changes: Vec::new(),
            });
            continue;
        };
        let mut changes = Vec::new();
        let s = &mut report.summary;
        s.figures = add(
            s.figures,
            compare(
                "figure",
                &old_items.figures,
                &new_items.figures,
                span_key,
                spans_overlap,
                &mut changes,
            ),
        );
        s.places = add(
            s.places,
            compare(
                "place",
                &old_items.places,
                &new_items.places,
                span_key,
                spans_overlap,
                &mut changes,
            ),
        );
        let old_facts = facts_by_span(&old_items);
        let new_facts = facts_by_span(&new_items);
        s.facts = add(
            s.facts,
            compare(
                "fact",
                &old_facts,
                &new_facts,
                fact_key,
                facts_share_a_figure,
                &mut changes,
            ),
        );
        if !changes.is_empty() {
            s.records_changed += 1;
            report.records.push(RecordDiff {
                id,
                source: new_items.source,
                status: "changed",
                changes,
            });
        }
    }
    for id in order {
        if let Some(items) = old.remove(&id) {
            report.summary.only_old += 1;
            report.records.push(RecordDiff {
                id,
                source: items.source,
                status: "only_old",
                changes: Vec::new(),
            });
        }
    }
    report
}

fn add(a: Counts, b: Counts) -> Counts {
    Counts {
        added: a.added + b.added,
        removed: a.removed + b.removed,
        changed: a.changed + b.changed,
    }
}

fn span_of(v: &Value) -> Option<(u64, u64)> {
    let s = v.get("span")?.as_array()?;
    Some((s.first()?.as_u64()?, s.get(1)?.as_u64()?))
}

fn span_key(v: &Value) -> String {
    match span_of(v) {
        Some((a, b)) => format!("[{a},{b})"),
        None => v.get("text").map(Value::to_string).unwrap_or_default(),
    }
}

/// Facts with `figures` indexes replaced by the figures' spans, so that a figure added
/// earlier in the record does not make every later fact look changed.
fn facts_by_span(items: &Items) -> Vec<Value> {
    items
        .facts
        .iter()
        .map(|fact| {
            let mut fact = fact.clone();
            if let Some(list) = fact.get_mut("figures").and_then(Value::as_array_mut) {
                for i in list.iter_mut() {
                    if let Some(fig) = i.as_u64().and_then(|i| items.figures.get(i as usize)) {
                        *i = Value::String(span_key(fig));
                    }
                }
            }
            fact
        })
        .collect()
}

fn fact_key(v: &Value) -> String {
    match v.get("figures").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join("+"),
        _ => v.get("indicator").map(Value::to_string).unwrap_or_default(),
    }
}

/// Pairs items by key (the n-th item with a key pairs with the n-th on the other side),
/// then pairs what is left when `near` holds (overlapping spans, a shared figure), so a
/// boundary that moved shows as one change rather than a removal and an addition.
fn compare(
    what: &'static str,
    old: &[Value],
    new: &[Value],
    key: fn(&Value) -> String,
    near: fn(&Value, &Value) -> bool,
    changes: &mut Vec<Change>,
) -> Counts {
    let keyed = |items: &[Value]| {
        let mut seen: HashMap<String, usize> = HashMap::new();
        items
            .iter()
            .map(|v| {
                let k = key(v);
                let n = seen.entry(k.clone()).or_default();
                *n += 1;
                (k, *n)
            })
            .collect::<Vec<_>>()
    };
    let old_keys = keyed(old);
    let mut old_left: Vec<bool> = vec![true; old.len()];
    let index: HashMap<&(String, usize), usize> = old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut pairs: Vec<(Option<usize>, usize)> = Vec::new();
    for (j, k) in keyed(new).iter().enumerate() {
        let i = index.get(k).copied();
        if let Some(i) = i {
            old_left[i] = false;
        }
        pairs.push((i, j));
    }
    for pair in pairs.iter_mut().filter(|p| p.0.is_none()) {
        let found = (0..old.len()).find(|&i| old_left[i] && near(&old[i], &new[pair.1]));
        if let Some(i) = found {
            old_left[i] = false;
            pair.0 = Some(i);
        }
    }
    let mut counts = Counts::default();
    for (i, j) in pairs {
        let n = &new[j];
        match i.map(|i| &old[i]) {
            None => {
                counts.added += 1;
                changes.push(Change {
                    what,
                    op: "added",
                    item: describe(what, n),
                    fields: Vec::new(),
                });
            }
            Some(o) if o != n => {
                counts.changed += 1;
                changes.push(Change {
                    what,
                    op: "changed",
                    item: describe(what, n),
                    fields: field_changes(o, n),
                });
            }
            Some(_) => {}
        }
    }
    for (_, o) in old.iter().enumerate().filter(|(i, _)| old_left[*i]) {
        counts.removed += 1;
        changes.push(Change {
            what,
            op: "removed",
            item: describe(what, o),
            fields: Vec::new(),
        });
    }
    counts
}

fn spans_overlap(a: &Value, b: &Value) -> bool {
    match (span_of(a), span_of(b)) {
        (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
        _ => false,
    }
}

fn facts_share_a_figure(a: &Value, b: &Value) -> bool {
    let figs = |v: &Value| {
        v.get("figures")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (fa, fb) = (figs(a), figs(b));
    if fa.is_empty() && fb.is_empty() {
        return a.get("indicator") == b.get("indicator");
    }
    fa.iter().any(|x| fb.contains(x))
}

fn field_changes(old: &Value, new: &Value) -> Vec<FieldChange> {
    let empty = Map::new();
    let o = old.as_object().unwrap_or(&empty);
    let n = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let a = o.get(k).cloned().unwrap_or(Value::Null);
            let b = n.get(k).cloned().unwrap_or(Value::Null);
            (a != b).then(|| FieldChange {
                field: k.clone(),
                old: a,
                new: b,
            })
        })
        .collect()
}

fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".to_owned(),
        other => other.to_string(),
    }
}

/// One line for an item: surface text, span, then the fields that matter for its kind.
fn describe(what: &str, v: &Value) -> String {
    let fields: &[&str] = match what {
        "figure" => &["kind", "value", "upper", "unit", "approx", "rule"],
        "place" => &["name", "code", "level", "rule"],
        _ => &[
            "subject",
            "period",
            "value",
            "unit",
            "change",
            "change_unit",
            "basis",
            "counterpart",
        ],
    };
    let mut parts = Vec::new();
    if what == "fact" {
        parts.push(v.get("indicator").map(show).unwrap_or_default());
    } else {
        parts.push(v.get("text").map(show).unwrap_or_default());
        parts.push(span_key(v));
    }
    for f in fields {
        if let Some(x) = v.get(*f).filter(|x| !x.is_null()) {
            parts.push(format!("{f}={}", show(x)));
        }
    }
    parts.join(" ")
}

impl fmt::Display for DiffReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.records {
            match r.status {
                "only_old" => writeln!(f, "{} {}: only in old", r.id, r.source)?,
                "only_new" => writeln!(f, "{} {}: only in new", r.id, r.source)?,
                _ => {
                    writeln!(f, "{} {}", r.id, r.source)?;
                    for c in &r.changes {
                        let sign = match c.op {
                            "added" => '+',
                            "removed" => '-',
                            _ => '~',
                        };
                        write!(f, "  {sign} {} {}", c.what, c.item)?;
                        if !c.fields.is_empty() {
                            let fields: Vec<String> = c
                                .fields
                                .iter()
                                .map(|x| format!("{}: {} -> {}", x.field, show(&x.old), show(&x.new)))
                                .collect();
                            write!(f, " ({})", fields.join("; "))?;
                        }
                        writeln!(f)?;
                    }
                }
            }
        }
        let s = &self.summary;
        let c = |c: &Counts| format!("+{} -{} ~{}", c.added, c.removed, c.changed);
        writeln!(
            f,
            "summary: {} old, {} new records; {} changed, {} only in old, {} only in new; figures {}; places {}; facts {}",
            s.records_old,
            s.records_new,
            s.records_changed,
            s.only_old,
            s.only_new,
            c(&s.figures),
            c(&s.places),
            c(&s.facts)
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::record::{Byline, Record, SCHEMA, Source};

    /// A record with no content, for tests.
    pub(crate) fn empty_record() -> Record {
        Record {
            schema: SCHEMA.to_owned(),
            id: "r1".to_owned(),
            source: Source {
                path: "a.txt".to_owned(),
                line: None,
                id: None,
                article: 0,
                encoding: "UTF-8".to_owned(),
            },
            published: None,
            section: None,
            column: None,
            kind: Default::default(),
            headlines: Vec::new(),
            title: None,
            byline: Byline::default(),
            dateline: None,
            subheads: Vec::new(),
            captions: Vec::new(),
            text: String::new(),
            figures: Vec::new(),
            places: Vec::new(),
            facts: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn items(figures: Value, facts: Value) -> Items {
        Items {
            source: "a.txt#0".to_owned(),
            figures: figures.as_array().cloned().unwrap_or_default(),
            places: Vec::new(),
            facts: facts.as_array().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn figures_pair_by_span_and_facts_by_figure_spans() {
        let old = items(
            serde_json::json!([{"text":"5.4%","span":[10,14],"value":5.4,"rule":"pct"}]),
            serde_json::json!([{"indicator":"增长","change":5.4,"figures":[0]}]),
        );
        let new = items(
            serde_json::json!([
                {"text":"5.55万亿元","span":[2,9],"value":5550000000000u64,"rule":"money"},
                {"text":"5.4%","span":[10,14],"value":5.4,"rule":"percent"}]),
            serde_json::json!([{"indicator":"增长","change":5.4,"figures":[1]}]),
        );
        let report = diff_records(vec![("r".into(), old)], vec![("r".into(), new)]);
        let s = &report.summary;
        assert_eq!(
            s.figures,
            Counts {
                added: 1,
                removed: 0,
                changed: 1
            }
        );
        assert_eq!(s.facts, Counts::default());
        assert_eq!(s.records_changed, 1);
        let changed = &report.records[0].changes[1];
        assert_eq!(changed.op, "changed");
        assert_eq!(changed.fields.len(), 1);
        assert_eq!(changed.fields[0].field, "rule");
    }

    #[test]
    fn records_on_one_side_are_listed_not_counted_as_items() {
        let a = items(serde_json::json!([{"text":"1","span":[0,1]}]), Value::Null);
        let report = diff_records(vec![("x".into(), a.clone())], vec![("y".into(), a)]);
        assert_eq!(report.summary.only_old, 1);
        assert_eq!(report.summary.only_new, 1);
        assert_eq!(report.summary.figures, Counts::default());
    }
}
