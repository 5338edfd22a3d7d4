use super::*;
use crate::rules::RuleDir;
use crate::rules::dict::UserDict;
use crate::segment::Segmenter;
use std::str::FromStr;
use std::sync::OnceLock;

fn rules() -> &'static (LinkRules, Segmenter) {
    static R: OnceLock<(LinkRules, Segmenter)> = OnceLock::new();
    R.get_or_init(|| {
        let mut errors = Vec::new();
        let rules = LinkRules::load(&RuleDir::Bundled, &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        (rules, Segmenter::new(&UserDict::default()))
    })
}

/// A figure from (kind, text, span, value, unit); dates take their value as text.
fn fig(kind: FigureKind, text: &str, span: [usize; 2], value: &str, unit: Option<&str>) -> Figure {
    let value = match kind {
        FigureKind::Date => FigureValue::Text(value.to_owned()),
        _ => FigureValue::Number(Decimal::from_str(value).unwrap()),
    };
    Figure {
        kind,
        text: text.to_owned(),
        span,
        value,
        upper: None,
        unit: unit.map(str::to_owned),
        approx: None,
        rule: "test".to_owned(),
    }
}

fn place(text: &str, span: [usize; 2], name: &str, code: Option<&str>, level: PlaceLevel) -> Place {
    Place {
        text: text.to_owned(),
        span,
        name: name.to_owned(),
        code: code.map(str::to_owned),
        level,
        parents: Vec::new(),
        rule: "test".to_owned(),
    }
}

fn run(text: &str, figures: &[Figure], places: &[Place]) -> Vec<Fact> {
    let (rules, seg) = rules();
    let tokens = seg.tokens(text);
    let headlines = Vec::new();
    let ctx = Context {
        text,
        tokens: &tokens,
        reference_date: None,
        dateline_place: None,
        headlines: &headlines,
    };
    link(rules, &ctx, figures, places)
}

#[test]
fn spec_example() {
    // 2025年，浙江进出口总额5.55万亿元，同比增长5.4%。
    let text = "2025年，浙江进出口总额5.55万亿元，同比增长5.4%。";
    let figures = [
        fig(FigureKind::Date, "2025年", [0, 5], "2025", None),
        fig(
            FigureKind::Money,
            "5.55万亿元",
            [13, 20],
            "5550000000000",
            Some("CNY"),
        ),
        fig(FigureKind::Percent, "5.4%", [25, 29], "5.4", Some("%")),
    ];
    let places = [place(
        "浙江",
        [6, 8],
        "浙江省",
        Some("330000"),
        PlaceLevel::Province,
    )];
    let facts = run(text, &figures, &places);
    let json = serde_json::to_string(&facts).unwrap();
    assert_eq!(
        json,
        r#"[{"subject":"浙江省","subject_code":"330000","indicator":"进出口总额","period":"2025","value":5550000000000,"unit":"CNY","change":5.4,"change_unit":"%","basis":"yoy","counterpart":null,"figures":[1,2]}]"#
    );
}

#[test]
fn figures_out_of_order_and_out_of_range_are_safe() {
    let text = "出口增长7.2%。";
    let figures = [
        fig(FigureKind::Percent, "7.2%", [4, 8], "7.2", Some("%")),
        fig(FigureKind::Money, "x", [50, 60], "1", Some("CNY")),
        fig(FigureKind::Money, "x", [3, 3], "1", Some("CNY")),
    ];
    let facts = run(text, &figures, &[]);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].indicator, "出口");
    assert_eq!(facts[0].change, Some(Decimal::from_str("7.2").unwrap()));
    assert_eq!(facts[0].figures, vec![0]);
    assert_eq!(
        facts[0].subject, None,
        "help: no place, no subject: never invent one"
    );
}

#[test]
fn multiple_and_points_units() {
    let text = "投资增长3.7倍，比重提高0.6个百分点。";
    let figures = [
        fig(FigureKind::Multiple, "3.7倍", [4, 8], "3.7", None),
        fig(FigureKind::Percent, "0.6个百分点", [13, 20], "0.6", Some("pp")),
    ];
    let facts = run(text, &figures, &[]);
    let got: Vec<(&str, Option<&str>)> = facts
        .iter()
        .map(|f| (f.indicator.as_str(), f.change_unit.as_deref()))
        .collect();
    assert_eq!(got, [("投资", Some("times")), ("比重", Some("pp"))]);
}

#[test]
fn no_figures_no_facts() {
    assert!(run("浙江进出口总额增长。", &[], &[]).is_empty());
}
