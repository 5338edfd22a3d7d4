//! Golden test: the figures of the sample page (Zhejiang Daily, 2026-01-22, 要闻),
//! checked by hand once. The fixture holds the page's paragraphs that carry figures,
//! normalized, one per line, so the test does not depend on page layout; the expected
//! file lists every figure as `line, span, text, kind, value, upper, unit, approx, rule`.
//!
//! After an intended change, review the diff this test prints, then rewrite the expected
//! file with `BAOKAN_BLESS=1 cargo test --test figures_sample` and review it again.

use baokan::extract::{Context, figures};
use baokan::rules::Rules;
use baokan::segment::Tokens;

const PARAGRAPHS: &str = include_str!("fixtures/figures/zjrb-2026-01-22.txt");
const EXPECTED_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/figures/zjrb-2026-01-22.expected.tsv"
);

fn render() -> String {
    let rules = Rules::bundled().expect("bundled rules load");
    let mut out = String::new();
    for (n, line) in PARAGRAPHS.lines().enumerate() {
        let words = Tokens::new(None, line);
        let ctx = Context {
            text: line,
            tokens: &words,
            reference_date: Some("2026-01-22"),
            dateline_place: None,
            headlines: &[],
        };
        let mut warnings = Vec::new();
        for f in figures::extract(&rules.figures, &ctx, &mut warnings) {
            let value = serde_json::to_string(&f.value).expect("value serializes");
            out.push_str(&format!(
                "{}\t{}..{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
                n + 1,
                f.span[0],
                f.span[1],
                f.text,
                f.kind.as_str(),
                value,
                f.upper.map(|u| u.to_string()).unwrap_or_default(),
                f.unit.unwrap_or_default(),
                f.approx
                    .map(|a| format!("{a:?}").to_lowercase())
                    .unwrap_or_default(),
                f.rule
            ));
        }
        assert!(warnings.is_empty(), "line {}: {warnings:?}", n + 1);
    }
    out
}

#[test]
fn sample_page_figures_match_the_golden_file() {
    let got = render();
    if std::env::var_os("BAOKAN_BLESS").is_some() {
        std::fs::write(EXPECTED_PATH, &got).expect("write expected file");
        return;
    }
    let want = std::fs::read_to_string(EXPECTED_PATH).expect("read expected file");
    if got != want {
        let got_lines: Vec<&str> = got.lines().collect();
        let want_lines: Vec<&str> = want.lines().collect();
        let missing: Vec<&&str> = want_lines.iter().filter(|l| !got_lines.contains(l)).collect();
        let extra: Vec<&&str> = got_lines.iter().filter(|l| !want_lines.contains(l)).collect();
        panic!(
            "sample figures changed\nexpected but missing:\n{}\nnew or different:\n{}\n\
             help: if the change is intended, run BAOKAN_BLESS=1 cargo test --test figures_sample and review the file",
            missing
                .iter()
                .map(|l| format!("  - {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            extra
                .iter()
                .map(|l| format!("  + {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
}
