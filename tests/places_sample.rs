//! Golden test: every place on the sample page, checked by hand once.
//!
//! The page is read from `tests/fixtures/places/zjrb-2026-01-22.txt` (a copy of the
//! shared sample's text) as one body, so the test does not depend on page layout.
//! Set `BAOKAN_PRINT=1` to print what comes out.

use baokan::extract::{Context, places};
use baokan::normalize::normalize;
use baokan::rules::Rules;
use baokan::segment::Segmenter;

fn extract_page() -> (Vec<baokan::record::Place>, Vec<String>) {
    let raw = include_str!("fixtures/places/zjrb-2026-01-22.txt");
    let text = normalize(raw);
    let rules = Rules::bundled().unwrap();
    let seg = Segmenter::new(&rules.dict);
    let tokens = seg.tokens(&text);
    let ctx = Context {
        text: &text,
        tokens: &tokens,
        reference_date: Some("2026-01-22"),
        dateline_place: None,
        headlines: &[],
    };
    let mut warnings = Vec::new();
    let found = places::extract(&rules.places, &ctx, &mut warnings);
    for p in &found {
        let chars: String = text.chars().skip(p.span[0]).take(p.span[1] - p.span[0]).collect();
        assert_eq!(chars, p.text, "help: span must cover the surface text");
    }
    (found, warnings)
}

#[test]
fn sample_page_places() {
    let (found, warnings) = extract_page();
    let got: Vec<String> = found
        .iter()
        .map(|p| {
            format!(
                "{}\t{}\t{}\t{:?}\t{}",
                p.text,
                p.name,
                p.code.as_deref().unwrap_or("-"),
                p.level,
                p.parents.join("/")
            )
        })
        .collect();
    if std::env::var_os("BAOKAN_PRINT").is_some() {
        for g in &got {
            println!("{g}");
        }
        for w in &warnings {
            println!("warning: {w}");
        }
    }
    let want: Vec<&str> = include_str!("fixtures/places/zjrb-2026-01-22.places.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(
        got, want,
        "help: the places of the sample page changed; if the change is right, update \
         tests/fixtures/places/zjrb-2026-01-22.places.tsv (run with BAOKAN_PRINT=1)"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}
