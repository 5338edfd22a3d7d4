//! `baokan rules check` end to end: a copy of the bundled rules is broken in each way a
//! user can break it, and every error must come out as `path:line:col: message` with a
//! `help:` line, all of them at once, with exit code 2.

mod common;

use baokan::rules::examples::{ExampleKind, ExampleSpec, compile_all};
use baokan::rules::{RuleError, RuleFile};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

fn repo_rules() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `baokan rules check --rules rules` inside `dir`, so paths print as `rules/…`.
fn check(dir: &Path) -> (i32, String, String) {
    common::baokan_in(dir, &["rules", "check", "--rules", "rules"])
}

/// A temp dir holding `rules/`, a copy of the bundled rules.
fn workspace() -> tempfile::TempDir {
    let ws = tempfile::tempdir().unwrap();
    let rules = ws.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    copy_dir(&repo_rules(), &rules);
    ws
}

fn append(path: &Path, text: &str) {
    let mut s = std::fs::read_to_string(path).unwrap();
    s.push_str(text);
    std::fs::write(path, s).unwrap();
}

fn lines_of(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count()
}

/// Asserts that `stderr` holds `location: message` followed by a `help:` line.
fn assert_reported(stderr: &str, location: &str, message: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let Some(i) = lines.iter().position(|l| l.starts_with(&format!("{location}: "))) else {
        panic!("no error at {location} in:\n{stderr}\nhelp: the position or the path is wrong");
    };
    assert!(
        lines[i].contains(message),
        "error at {location} should say `{message}`, got: {}",
        lines[i]
    );
    assert!(
        lines
            .get(i + 1)
            .is_some_and(|l| l.starts_with("help: ") && l.len() > 8),
        "error at {location} has no help line:\n{stderr}"
    );
}

#[test]
fn bundled_rules_check_clean() {
    let ws = workspace();
    let (code, stdout, stderr) = check(ws.path());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.trim(), "rules: all rule files load");
}

#[test]
fn bad_toml_syntax_is_reported_in_every_file() {
    let ws = workspace();
    let rules = ws.path().join("rules");
    let mut expected = Vec::new();
    for (file, broken, col, message) in [
        ("figures.toml", "units = [ \"个\", \n", 15, "unclosed array"),
        (
            "places.toml",
            "name = \"unterminated\n",
            21,
            "invalid basic string",
        ),
        ("layout.toml", "= 3\n", 1, "unquoted keys cannot be empty"),
        ("link.toml", "[table\n", 7, "unclosed table"),
    ] {
        let path = rules.join(file);
        let line = lines_of(&path) + 1;
        append(&path, broken);
        expected.push((format!("rules/{file}:{line}:{col}"), message));
    }
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2, "{stderr}");
    for (location, message) in &expected {
        assert_reported(&stderr, location, message);
    }
    assert!(stderr.contains("4 error(s) in the rules"), "{stderr}");
}

#[test]
fn duplicate_key_is_reported_at_the_second_one() {
    let ws = workspace();
    let path = ws.path().join("rules/layout.toml");
    let line = lines_of(&path) + 1;
    append(&path, "[dup]\nid = \"a\"\nid = \"b\"\n");
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    assert_reported(
        &stderr,
        &format!("rules/layout.toml:{}:1", line + 2),
        "duplicate key",
    );
}

#[test]
fn bad_dict_lines_are_each_reported() {
    let ws = workspace();
    let path = ws.path().join("rules/dict.txt");
    let line = lines_of(&path) + 1;
    append(&path, "宁波舟山港 12x ns\n好词 1 n extra\n新词 5 n1\n");
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    assert_reported(&stderr, &format!("rules/dict.txt:{line}:7"), "frequency `12x`");
    assert_reported(
        &stderr,
        &format!("rules/dict.txt:{}:8", line + 1),
        "unexpected field `extra`",
    );
    assert_reported(&stderr, &format!("rules/dict.txt:{}:6", line + 2), "tag `n1`");
    assert!(stderr.contains("3 error(s)"), "{stderr}");
}

#[test]
fn missing_and_non_utf8_files_are_reported() {
    let ws = workspace();
    let rules = ws.path().join("rules");
    std::fs::remove_file(rules.join("link.toml")).unwrap();
    std::fs::write(rules.join("layout.toml"), b"# ok\nname = \"\xff\"\n").unwrap();
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    assert_reported(&stderr, "rules/link.toml:1:1", "cannot read");
    assert_reported(&stderr, "rules/layout.toml:2:9", "not valid UTF-8");
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    let ws = workspace();
    let rules = ws.path().join("rules");
    append(&rules.join("figures.toml"), "x = \n");
    append(&rules.join("dict.txt"), "词 abc def ghi\n");
    std::fs::remove_file(rules.join("places.toml")).unwrap();
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    let errors = stderr.lines().filter(|l| l.starts_with("rules/")).count();
    let helps = stderr.lines().filter(|l| l.starts_with("help: ")).count();
    assert_eq!((errors, helps), (3, 3), "{stderr}");
}

#[test]
fn a_missing_rules_dir_is_an_error_per_file() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::create_dir(ws.path().join("rules")).unwrap();
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    for file in [
        "dict.txt",
        "figures.toml",
        "places.toml",
        "layout.toml",
        "link.toml",
    ] {
        assert_reported(&stderr, &format!("rules/{file}:1:1"), "cannot read");
    }
}

/// A rule entry as the rule modules declare them, to test the shared example checks
/// through the same path (`parse_toml`, then `compile_all`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    id: String,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    entry: Vec<Entry>,
}

fn load_examples(text: &str) -> Vec<RuleError> {
    let file = RuleFile::new("rules/figures.toml", text);
    let mut errors = Vec::new();
    if let Some(spec) = file.parse_toml::<Spec>(&mut errors) {
        for e in spec.entry {
            compile_all(e.examples, &file, &e.id, ExampleKind::Figure, &mut errors);
        }
    }
    errors
}

#[test]
fn examples_with_bad_expectations_are_reported_at_the_example() {
    let text = "\
[[entry]]
id = \"cny\"
examples = [
  { text = \"约5亿元\", approx = \"sorta\" },
  { text = \"5亿元\", kind = \"moneyy\" },
  { text = \"5亿元\", value = 5, date = \"2026-13-01\" },
  { text = \"5亿元\", value = [1] },
  { text = \"5亿元\", upper = \"many\" },
]
";
    let errors = load_examples(text);
    let got: Vec<(usize, usize, &str)> = errors
        .iter()
        .map(|e| (e.line, e.col, e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (4, 3, "example of `cny`: unknown approx `sorta`"),
            (5, 3, "example of `cny`: unknown figure kind `moneyy`"),
            (6, 3, "example of `cny`: `date` \"2026-13-01\" is not YYYY-MM-DD"),
            (
                7,
                3,
                "example of `cny`: `value` [1] is neither a number nor a string"
            ),
            (8, 3, "example of `cny`: `upper` \"many\" is not a number"),
        ]
    );
    assert!(errors.iter().all(|e| e.help.is_some()));
}

#[test]
fn unknown_keys_and_wrong_types_in_examples_are_reported_at_the_key() {
    let errors = load_examples("[[entry]]\nid = \"cny\"\nexamples = [ { text = \"5亿元\", valu = 5 } ]\n");
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].col), (3, 30));
    assert!(
        errors[0].message.starts_with("unknown field `valu`"),
        "{}",
        errors[0].message
    );
    assert!(errors[0].help.as_deref().unwrap().contains("spelling"));
    let errors = load_examples("[[entry]]\nid = 7\n");
    assert_eq!((errors[0].line, errors[0].col), (2, 6));
    assert!(
        errors[0].message.starts_with("invalid type"),
        "{}",
        errors[0].message
    );
}

/// Replaces the first line of `path` that starts with `prefix`; returns its 1-based number.
fn replace_line(path: &Path, prefix: &str, with: &str) -> usize {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let i = lines.iter().position(|l| l.starts_with(prefix)).unwrap();
    lines[i] = with.to_owned();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
    i + 1
}

#[test]
fn rule_level_errors_are_all_reported_across_files() {
    let ws = workspace();
    let rules = ws.path().join("rules");
    let figures = rules.join("figures.toml");
    let f = lines_of(&figures);
    append(
        &figures,
        "[[currency]]\nid = \"cny\"\ncode = \"XYZ\"\nsuffix = [\"某币\"]\n\
         examples = [{ text = \"5某币\", approx = \"sorta\" }, { text = \"5某币\", kind = \"moneyy\" }]\n",
    );
    let regex_line = replace_line(&rules.join("layout.toml"), "pattern = ", "pattern = '^(?:要闻'");
    let divisions = rules.join("places/divisions.tsv");
    let d = lines_of(&divisions);
    append(&divisions, "990000\t测试\n");
    let countries = rules.join("places/countries.tsv");
    let c = lines_of(&countries);
    append(&countries, "XX\n");
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2, "{stderr}");
    let at = |file: &str, line: usize, col: usize| format!("rules/{file}:{line}:{col}");
    assert_reported(
        &stderr,
        &at("figures.toml", f + 2, 6),
        "rule id `cny` is already used",
    );
    assert_reported(
        &stderr,
        &at("figures.toml", f + 3, 8),
        "`XYZ` is not among known_codes",
    );
    assert_reported(&stderr, &at("figures.toml", f + 5, 13), "unknown approx `sorta`");
    assert_reported(
        &stderr,
        &at("figures.toml", f + 5, 49),
        "unknown figure kind `moneyy`",
    );
    assert_reported(&stderr, &at("layout.toml", regex_line, 12), "invalid regex");
    assert_reported(
        &stderr,
        &at("places/divisions.tsv", d + 1, 1),
        "expected 3 tab-separated columns",
    );
    assert_reported(
        &stderr,
        &at("places/countries.tsv", c + 1, 1),
        "expected 2 tab-separated columns",
    );
    assert!(stderr.contains("7 error(s) in the rules"), "{stderr}");
}

#[test]
fn unknown_keys_and_wrong_types_in_rule_entries_are_reported_at_the_key() {
    let ws = workspace();
    let figures = ws.path().join("rules/figures.toml");
    let f = lines_of(&figures);
    append(
        &figures,
        "[[currency]]\nid = \"xyz\"\ncode = \"CNY\"\nwords = [\"某币\"]\n",
    );
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    assert_reported(
        &stderr,
        &format!("rules/figures.toml:{}:1", f + 4),
        "unknown field `words`",
    );
    assert!(
        stderr.contains("help: remove the key or correct its spelling"),
        "{stderr}"
    );

    let ws = workspace();
    let figures = ws.path().join("rules/figures.toml");
    let f = lines_of(&figures);
    append(&figures, "[[currency]]\nid = \"xyz\"\ncode = 840\n");
    let (code, _, stderr) = check(ws.path());
    assert_eq!(code, 2);
    assert_reported(
        &stderr,
        &format!("rules/figures.toml:{}:8", f + 3),
        "invalid type",
    );
}
