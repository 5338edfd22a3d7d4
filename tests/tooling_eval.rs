//! `baokan eval` end to end on a small gold file, on a malformed one, and on the shared
//! development set when `../shared` is present.

mod common;

use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tooling");

fn baokan(args: &[&str]) -> (i32, String, String) {
    common::baokan_in(Path::new(FIXTURES), args)
}

/// Checks the arithmetic of one kind's scores.
fn check_scores(kind: &str, s: &serde_json::Value) {
    let n = |k: &str| s[k].as_u64().unwrap();
    assert!(n("matched") <= n("gold").min(n("predicted")), "{kind}: {s}");
    assert!(
        n("exact_span") <= n("matched") && n("value_ok") <= n("value_checked"),
        "{kind}: {s}"
    );
    assert!(n("value_checked") <= n("matched"), "{kind}: {s}");
    if n("predicted") == 0 {
        assert!(s["precision"].is_null(), "{kind}: {s}");
    } else {
        let p = n("matched") as f64 / n("predicted") as f64;
        assert!(
            (s["precision"].as_f64().unwrap() - p).abs() < 1e-12,
            "{kind}: {s}"
        );
    }
}

#[test]
fn scores_each_kind_of_the_gold_file() {
    let (code, stdout, stderr) = baokan(&["eval", "gold.jsonl", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["cases"], 3);
    let kinds = v["kinds"].as_object().unwrap();
    let gold: Vec<(&str, u64)> = kinds
        .iter()
        .map(|(k, s)| (k.as_str(), s["gold"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        gold,
        vec![("money", 1), ("percent", 1), ("place", 2), ("quantity", 1)]
    );
    for (k, s) in kinds {
        check_scores(k, s);
    }
    check_scores("overall", &v["overall"]);
    assert_eq!(v["overall"]["gold"], 5);
    assert!(v.get("mismatches").is_none());
}

#[test]
fn verbose_lists_every_miss_and_extra() {
    let (code, stdout, _) = baokan(&["eval", "gold.jsonl", "--json", "--verbose"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let o = &v["overall"];
    let count = |what: &str| {
        v["mismatches"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["what"] == what)
            .count() as u64
    };
    let n = |k: &str| o[k].as_u64().unwrap();
    assert_eq!(count("miss"), n("gold") - n("matched"));
    assert_eq!(count("extra"), n("predicted") - n("matched"));
    assert_eq!(count("value"), n("value_checked") - n("value_ok"));
    let (_, text, _) = baokan(&["eval", "gold.jsonl", "--verbose"]);
    let listed = text.lines().filter(|l| l.starts_with("line ")).count() as u64;
    assert_eq!(listed, count("miss") + count("extra") + count("value"));
}

#[test]
fn the_table_has_a_row_per_kind_and_a_total() {
    let (code, stdout, _) = baokan(&["eval", "gold.jsonl"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "3 cases");
    assert!(lines[1].starts_with("kind "), "{stdout}");
    let kinds: Vec<&str> = lines[2..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(kinds, vec!["money", "percent", "place", "quantity", "all"]);
    let gold: Vec<&str> = lines[2..]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(gold, vec!["1", "1", "2", "1", "5"]);
}

#[test]
fn a_malformed_gold_file_is_a_usage_error_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"text\":\"a\",\"expect\":[]}\n\n{\"expect\":[]}\n[1,\n").unwrap();
    let bad = bad.to_str().unwrap();
    let (code, stdout, stderr) = baokan(&["eval", bad]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(&format!("{bad}:3:13: missing field `text`")),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{bad}:4:")), "{stderr}");
    let (code, _, stderr) = baokan(&["eval", "no-such.jsonl"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such.jsonl: cannot read"), "{stderr}");
}

#[test]
fn runs_on_the_shared_address_set() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/places_admin.dev.jsonl");
    if !gold.exists() {
        eprintln!("skipping: {} is absent", gold.display());
        return;
    }
    let (code, stdout, stderr) = baokan(&["eval", gold.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["cases"], 16);
    assert_eq!(v["kinds"]["place"]["gold"], 23);
    check_scores("place", &v["kinds"]["place"]);
}

#[test]
fn by_groups_cases_on_a_top_level_key() {
    let (code, stdout, _) = baokan(&["eval", "gold.jsonl", "--by", "origin", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["by"]["field"], "origin");
    let news = &v["by"]["groups"]["news"];
    assert_eq!(news["gold"], 5);
    check_scores("news", news);
    let (_, text, _) = baokan(&["eval", "gold.jsonl", "--by", "origin"]);
    assert!(text.lines().any(|l| l.starts_with("origin ")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("news ")), "{text}");
}
