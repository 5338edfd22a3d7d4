//! Runs every example embedded in `rules/figures.toml` against the extractor, with the
//! pipeline's segmenter and user dictionary, so a rule edit that breaks its own
//! documented behaviour fails here with the file position.

use baokan::extract::{Context, figures};
use baokan::record::{Figure, FigureValue};
use baokan::rules::Rules;
use baokan::rules::examples::{ExampleKind, RuleExample};
use baokan::segment::Segmenter;

fn run(rules: &Rules, seg: &Segmenter, ex: &RuleExample) -> Vec<Figure> {
    let words = seg.tokens(&ex.text);
    let ctx = Context {
        text: &ex.text,
        tokens: &words,
        reference_date: ex.published.as_deref(),
        dateline_place: None,
        headlines: &[],
    };
    let mut warnings = Vec::new();
    figures::extract(&rules.figures, &ctx, &mut warnings)
}

fn matches(ex: &RuleExample, f: &Figure) -> bool {
    ex.surface.as_deref().is_none_or(|s| s == f.text)
        && ex.figure_kind.is_none_or(|k| k == f.kind)
        && ex.value.as_ref().is_none_or(|v| match (v, &f.value) {
            (FigureValue::Number(a), FigureValue::Number(b)) => a.normalize() == b.normalize(),
            (a, b) => a == b,
        })
        && ex
            .upper
            .is_none_or(|u| f.upper.map(|x| x.normalize()) == Some(u.normalize()))
        && ex.unit.as_deref().is_none_or(|u| f.unit.as_deref() == Some(u))
        && ex.approx.is_none_or(|a| f.approx == Some(a))
}

#[test]
fn figure_rule_examples_hold() {
    let rules = Rules::bundled().expect("bundled rules load");
    let seg = Segmenter::new(&rules.dict);
    let mut failures = Vec::new();
    let mut count = 0;
    for ex in rules.examples().filter(|e| e.kind == ExampleKind::Figure) {
        count += 1;
        let got = run(&rules, &seg, ex);
        let ok = if ex.none {
            !got.iter()
                .any(|f| ex.surface.as_deref().is_none_or(|s| s == f.text))
        } else {
            got.iter().any(|f| matches(ex, f))
        };
        if !ok {
            failures.push(format!(
                "{}:{}:{}: example of `{}` on {:?}\n  got: {:?}",
                ex.path,
                ex.line,
                ex.col,
                ex.rule,
                ex.text,
                got.iter()
                    .map(|f| (&f.text, &f.value, &f.upper, &f.unit, &f.approx, &f.rule))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(count >= 30, "only {count} figure examples");
    assert!(
        failures.is_empty(),
        "{} of {count} examples fail:\n{}\nhelp: fix the rule or the example in rules/figures.toml",
        failures.len(),
        failures.join("\n")
    );
}
