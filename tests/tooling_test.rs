//! `baokan rules test`: every example in the bundled rules holds, and a failing example
//! is reported with its position, rule, expected and actual output.

mod common;

use baokan::pipeline::Pipeline;
use baokan::record::{FigureKind, FigureValue};
use baokan::rules::Rules;
use baokan::rules::examples::{ExampleKind, RuleExample};
use baokan::tooling::examples;
use rust_decimal::Decimal;

fn baokan(args: &[&str], dir: &std::path::Path) -> (i32, String, String) {
    common::baokan_in(dir, args)
}

#[test]
fn the_bundled_examples_all_hold() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = baokan(&["rules", "test"], dir.path());
    assert_eq!(
        code, 0,
        "failing examples in the bundled rules:\n{stdout}{stderr}"
    );
    let last = stdout.lines().last().unwrap_or("");
    let count = Rules::bundled().unwrap().examples().count();
    assert_eq!(last, format!("{count} passed, 0 failed"));
}

#[test]
fn the_repo_rules_folder_examples_all_hold() {
    let dir = tempfile::tempdir().unwrap();
    let rules = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let (code, stdout, _) = baokan(&["rules", "test", "--rules", rules], dir.path());
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.trim_end().ends_with(" 0 failed"), "{stdout}");
}

#[test]
fn broken_rules_stop_the_test_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    let (code, stdout, stderr) = baokan(&["rules", "test", "--rules", "rules"], dir.path());
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("rules/figures.toml:1:1: cannot read"), "{stderr}");
}

fn example(text: &str) -> RuleExample {
    RuleExample::new("rules/figures.toml", (3, 12), "cny", ExampleKind::Figure, text)
}

#[test]
fn a_failing_example_shows_where_what_and_why() {
    let pipeline = Pipeline::new(Rules::bundled().unwrap());
    let mut wrong = example("进出口总额5亿元");
    wrong.surface = Some("5亿元".into());
    wrong.figure_kind = Some(FigureKind::Money);
    wrong.value = Some(FigureValue::Number(Decimal::from(123)));
    let mut nothing = example("");
    nothing.none = true;
    let report = examples::run(&pipeline, [&wrong, &nothing]);
    assert_eq!(report.passed, 1);
    assert_eq!(report.failures.len(), 1);
    let text = report.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "rules/figures.toml:3:12: example of `cny` failed");
    assert_eq!(lines[1], "  text:     进出口总额5亿元");
    assert_eq!(lines[2], "  expected: figure 5亿元 kind=money value=123");
    assert!(lines[3].starts_with("  actual:   "), "{text}");
    assert_eq!(*lines.last().unwrap(), "1 passed, 1 failed");
    assert!(!report.ok());
}

#[test]
fn a_none_example_fails_when_the_item_comes_out() {
    let pipeline = Pipeline::new(Rules::bundled().unwrap());
    let record = baokan::tooling::analyze_text(&pipeline, "进出口总额5亿元", None);
    let mut ex = example("进出口总额5亿元");
    ex.none = true;
    let failure = examples::check(&pipeline, &ex);
    assert_eq!(failure.is_some(), !record.figures.is_empty());
    if let Some(f) = failure {
        assert_eq!(f.expected, "no figure at all");
        assert_eq!(f.actual.len(), record.figures.len());
    }
}
