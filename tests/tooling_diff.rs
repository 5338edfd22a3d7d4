//! `baokan diff` end to end on two record files that differ the way a rule change makes
//! them differ.

mod common;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/tooling");

fn baokan(args: &[&str]) -> (i32, String, String) {
    common::baokan_in(std::path::Path::new(FIXTURES), args)
}

#[test]
fn diff_lists_changes_per_record_and_a_summary() {
    let (code, stdout, stderr) = baokan(&["diff", "old.jsonl", "new.jsonl"]);
    assert_eq!(code, 0, "{stderr}");
    let expected = "\
00000000000000a1 input/p.txt#0
  + figure 5.55万亿元 [13,20) kind=money value=5550000000000 unit=CNY rule=money.yuan
  ~ fact 进出口总额 subject=浙江省 period=2025 value=5550000000000 unit=CNY change=5.4 change_unit=% basis=yoy (figures: [\"[25,29)\"] -> [\"[13,20)\",\"[25,29)\"]; unit: null -> CNY; value: null -> 5550000000000)
00000000000000a2 input/p.txt#1
  ~ figure 超21万人次 [10,16) kind=quantity value=210000 unit=人次 approx=over rule=quantity.counter (kind: number -> quantity; rule: number.wan -> quantity.counter; span: [11,14] -> [10,16]; text: 21万 -> 超21万人次; unit: null -> 人次)
00000000000000a3 input/p.txt#2
  - place 中山 [0,2) name=中山市 code=442000 level=prefecture rule=gazetteer.prefecture
00000000000000a5 input/new.txt#0: only in new
00000000000000a4 input/gone.txt#0: only in old
summary: 4 old, 4 new records; 3 changed, 1 only in old, 1 only in new; figures +1 -0 ~1; places +0 -1 ~0; facts +0 -0 ~1
";
    assert_eq!(stdout, expected);
}

#[test]
fn a_file_against_itself_has_no_changes() {
    let (code, stdout, _) = baokan(&["diff", "new.jsonl", "new.jsonl"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "summary: 4 old, 4 new records; 0 changed, 0 only in old, 0 only in new; figures +0 -0 ~0; places +0 -0 ~0; facts +0 -0 ~0\n"
    );
}

#[test]
fn json_output_carries_the_same_counts() {
    let (code, stdout, _) = baokan(&["diff", "--json", "old.jsonl", "new.jsonl"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let s = &v["summary"];
    assert_eq!(s["records_changed"], 3);
    assert_eq!(
        s["figures"],
        serde_json::json!({"added": 1, "removed": 0, "changed": 1})
    );
    assert_eq!(s["places"]["removed"], 1);
    let first = &v["records"][0];
    assert_eq!(first["id"], "00000000000000a1");
    assert_eq!(first["status"], "changed");
    assert_eq!(first["changes"][0]["op"], "added");
}

#[test]
fn unreadable_and_malformed_inputs_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"id\":\"x\"}\n{not json\n{\"no_id\":1}\n").unwrap();
    let bad = bad.to_str().unwrap();
    let (code, stdout, stderr) = baokan(&["diff", bad, "missing.jsonl"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(&format!("{bad}:2:2: key must be a string")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{bad}:3:1: record has no string `id`")),
        "{stderr}"
    );
    assert!(stderr.contains("missing.jsonl: cannot read"), "{stderr}");
}
