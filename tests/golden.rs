//! Golden test: the sample page's records, every field, as reviewed by hand.
//!
//! When extraction changes on purpose, look at the diff this test prints, review every
//! changed line, and only then rewrite the file with
//! `BLESS=1 cargo test --release --test golden`.

use baokan::pipeline::Pipeline;
use baokan::read::{Document, DocumentKind};
use baokan::rules::{RuleDir, Rules};
use std::path::PathBuf;

#[test]
fn sample_page_records_match_the_reviewed_golden_file() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::load(&RuleDir::Disk(repo.join("rules"))).expect("rules load");
    let pipeline = Pipeline::new(rules);
    let text = std::fs::read_to_string(repo.join("input/zjrb-2026-01-22.txt")).unwrap();
    let doc = Document {
        path: "input/zjrb-2026-01-22.txt".to_owned(),
        line: None,
        input_id: None,
        kind: DocumentKind::Page,
        bytes: text.len(),
        text,
        title: None,
        section: None,
        published: Some("2026-01-22".to_owned()),
        encoding: "UTF-8".to_owned(),
        warnings: Vec::new(),
    };
    let records = pipeline.process(&doc).expect("the sample page gives records");
    let actual = serde_json::to_string_pretty(&records).unwrap() + "\n";
    let golden = repo.join("tests/golden/zjrb-2026-01-22.records.json");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(30)
            .map(|(i, (e, a))| format!("line {}:\n  golden: {e}\n  actual: {a}", i + 1))
            .collect();
        panic!(
            "sample page records differ from {} ({} vs {} lines):\n{}\nhelp: review every change; if it is right, run BLESS=1 cargo test --release --test golden",
            golden.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}
