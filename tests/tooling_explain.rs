//! `baokan explain` end to end: text from the argument or stdin, plain and JSON output.

use std::io::Write;
use std::process::{Child, Command, Stdio};

/// Starts baokan in a fresh directory with every stream piped; the directory lives as
/// long as the child is waited for.
fn spawn(args: &[&str]) -> (tempfile::TempDir, Child) {
    let dir = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(args)
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (dir, child)
}

fn baokan(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let (_dir, mut child) = spawn(args);
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SENTENCE: &str = "2025年，浙江进出口总额５.５５万亿元，同比增长5.4%。";

#[test]
fn plain_output_shows_every_section() {
    let (code, stdout, stderr) = baokan(&["explain", SENTENCE, "--date", "2026-01-22"], None);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "published: 2026-01-22");
    assert_eq!(
        lines[1],
        "text:      2025年,浙江进出口总额5.55万亿元,同比增长5.4%。"
    );
    assert!(lines[2].starts_with("tokens:    "), "{stdout}");
    assert!(lines[2].contains("浙江/ns"), "{stdout}");
    assert!(
        lines[2].contains("进出口总额/n"),
        "the user dictionary is loaded: {stdout}"
    );
    for section in ["figures (", "places (", "facts (", "rejected ("] {
        assert!(
            lines.iter().any(|l| l.starts_with(section)),
            "no {section} in:\n{stdout}"
        );
    }
}

#[test]
fn json_output_is_consistent_and_reads_stdin() {
    let (code, stdout, stderr) = baokan(&["explain", "--json", "-"], Some(SENTENCE));
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let text = v["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(text, "2025年,浙江进出口总额5.55万亿元,同比增长5.4%。");
    assert!(v["published"].is_null());
    let tokens = v["tokens"].as_array().unwrap();
    let joined: String = tokens.iter().map(|t| t["word"].as_str().unwrap()).collect();
    assert_eq!(joined, text, "tokens cover the text");
    for item in ["tokens", "figures", "places", "rejected"] {
        for t in v[item].as_array().unwrap() {
            let span = t["span"].as_array().unwrap();
            let (s, e) = (
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            );
            let surface = t.get("word").or(t.get("text")).unwrap().as_str().unwrap();
            assert_eq!(chars[s..e].iter().collect::<String>(), surface, "{item} span");
        }
    }
    for f in v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .chain(v["places"].as_array().unwrap())
    {
        assert!(
            !f["rule"].as_str().unwrap().is_empty(),
            "every item names its rule: {f}"
        );
    }
    assert!(v["facts"].is_array());
}

#[test]
fn no_argument_reads_stdin_and_a_bad_date_is_a_usage_error() {
    let (code, stdout, _) = baokan(&["explain"], Some("中山大学\n"));
    assert_eq!(code, 0);
    assert!(stdout.contains("text:      中山大学\n"), "{stdout}");
    let (code, _, stderr) = baokan(&["explain", "x", "--date", "2026-02-30"], None);
    assert_eq!(code, 2);
    assert!(stderr.contains("not a date"), "{stderr}");
}

#[test]
fn rejected_place_candidates_say_why() {
    let text = "中山大学的学生来到出海门槛较低的城市,宁波银行也在。";
    let (code, stdout, stderr) = baokan(&["explain", "--json", text], None);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let reasons: Vec<String> = v["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["what"] == "place")
        .map(|r| {
            format!(
                "{}: {}",
                r["text"].as_str().unwrap(),
                r["reason"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        reasons.contains(&"中山: inside word 中山大学".to_owned()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"海门: inside word 出海门槛".to_owned()),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"宁波: followed by an organisation, road or river word".to_owned()),
        "{reasons:?}"
    );
    assert!(v["places"].as_array().unwrap().is_empty(), "{stdout}");
}

#[test]
fn a_reader_that_closes_the_pipe_gets_an_error_not_a_panic() {
    let (_dir, mut child) = spawn(&["explain", SENTENCE, "--date", "2026-01-22"]);
    drop(child.stdin.take());
    // As `baokan explain … | head -0` does: the reader goes before anything is written
    // (loading the rules takes far longer than this).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.starts_with("error: writing to standard output: ") && stderr.contains("Broken pipe"),
        "{stderr}"
    );
}
