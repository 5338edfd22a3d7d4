//! End-to-end tests of `baokan run`: the real binary on fixture files.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> PathBuf {
    repo().join("tests/fixtures").join(rel)
}

fn baokan(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line is JSON"))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs on `paths` with the repo's rules and returns (exit code, records, rejects, stderr).
fn run_in(dir: &Path, paths: &[&str], extra: &[&str]) -> (i32, Vec<Value>, Vec<Value>, String) {
    let out_file = dir.join("out/records.jsonl");
    let rules = repo().join("rules");
    let mut args = vec![
        "run",
        "--quiet",
        "--rules",
        rules.to_str().unwrap(),
        "-o",
        out_file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let out = baokan(&args, dir);
    let code = out.status.code().unwrap_or(-1);
    (
        code,
        lines(&out_file),
        lines(&dir.join("out/rejects.jsonl")),
        stderr(&out),
    )
}

fn sample_page() -> String {
    repo()
        .join("input/zjrb-2026-01-22.txt")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn page_file_gives_records_with_publication_date_from_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let (code, records, rejects, err) = run_in(dir.path(), &[&sample_page()], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!records.is_empty());
    assert!(rejects.is_empty());
    for r in &records {
        assert_eq!(r["schema"], "baokan/1");
        assert_eq!(r["published"], "2026-01-22");
        assert_eq!(r["source"]["encoding"], "UTF-8");
        assert!(
            r["source"]["path"]
                .as_str()
                .unwrap()
                .ends_with("input/zjrb-2026-01-22.txt")
        );
    }
    assert!(
        err.contains("files 1, documents 1"),
        "help: one summary line on stderr\n{err}"
    );
}

#[test]
fn directories_are_walked_recursively_in_path_order_and_other_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (code, records, _, err) = run_in(dir.path(), &[fixture("run/dir").to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let paths: Vec<&str> = records
        .iter()
        .map(|r| r["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(
        paths[0].ends_with("dir/sub/taizhou.txt") && paths[1].ends_with("dir/yiwu-2025-10-20.txt"),
        "{paths:?}"
    );
    assert_eq!(records[0]["published"], Value::Null);
    assert_eq!(records[1]["published"], "2025-10-20");
    assert!(err.contains("skipped files 1"), "{err}");
}

#[test]
fn jsonl_articles_keep_their_fields_and_are_normalized() {
    let dir = tempfile::tempdir().unwrap();
    let (code, records, _, err) = run_in(
        dir.path(),
        &[fixture("run/articles.jsonl").to_str().unwrap()],
        &["--date", "2026-02-01"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(records.len(), 3);
    let first = &records[0];
    assert_eq!(first["source"]["line"], 1);
    assert_eq!(first["source"]["id"], "a1");
    assert_eq!(first["published"], "2025-12-31");
    assert_eq!(first["title"], "浙江外贸稳中有进");
    assert_eq!(first["section"], "经济");
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .contains("5.55万亿元,同比增长5.4%"),
        "{}",
        first["text"]
    );
    assert_eq!(
        records[1]["published"], "2026-02-01",
        "help: --date applies when the line has no date"
    );
    assert_eq!(
        records[1]["text"],
        "宁波舟山港全年完成货物吞吐量13.7亿吨。\n连续16年居全球第一。"
    );
    assert_eq!(records[2]["source"]["id"], "3");
    assert_eq!(records[2]["source"]["line"], 3);
}

#[test]
fn relative_dates_count_from_the_dateline_day() {
    let dir = tempfile::tempdir().unwrap();
    let (code, records, _, err) = run_in(
        dir.path(),
        &[fixture("run/datelines.jsonl").to_str().unwrap()],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let dates = |r: &Value| -> Vec<(String, String)> {
        r["figures"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "date")
            .map(|f| {
                (
                    f["text"].as_str().unwrap().to_owned(),
                    f["value"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let pair = |t: &str, v: &str| (t.to_owned(), v.to_owned());
    // Filed on 18 June, printed on the 19th: its `今天` is the 18th.
    assert_eq!(records[0]["published"], "1997-06-19");
    assert_eq!(records[0]["dateline"]["date"], "1997-06-18");
    assert_eq!(
        dates(&records[0]),
        [pair("今天", "1997-06-18"), pair("17日", "1997-06-17")]
    );
    // `本报讯` gives no day: the publication date stands.
    assert_eq!(
        dates(&records[1]),
        [pair("今天", "1997-06-19"), pair("17日", "1997-06-17")]
    );
}

/// A check of one field's JSON type.
type TypeCheck<'a> = dyn Fn(&Value) -> bool + 'a;

/// The JSON type every field of the contract must have.
fn check_types(r: &Value) {
    let obj = r.as_object().expect("a record is an object");
    let is_str = |v: &Value| v.is_string();
    let str_or_null = |v: &Value| v.is_string() || v.is_null();
    let str_list = |v: &Value| v.as_array().is_some_and(|a| a.iter().all(Value::is_string));
    let span = |v: &Value| {
        v.as_array()
            .is_some_and(|a| a.len() == 2 && a.iter().all(Value::is_u64))
    };
    let num_or_null = |v: &Value| v.is_number() || v.is_null();
    let fields: &[(&str, &TypeCheck<'_>)] = &[
        ("schema", &is_str),
        ("id", &is_str),
        ("source", &|v: &Value| {
            v["path"].is_string()
                && (v["line"].is_u64() || v["line"].is_null())
                && str_or_null(&v["id"])
                && v["article"].is_u64()
                && v["encoding"].is_string()
        }),
        ("published", &str_or_null),
        ("section", &str_or_null),
        ("kind", &|v: &Value| {
            matches!(v.as_str(), Some("article" | "photo" | "brief"))
        }),
        ("headlines", &str_list),
        ("title", &str_or_null),
        ("byline", &|v: &Value| {
            str_list(&v["reporters"]) && str_list(&v["correspondents"]) && str_list(&v["photographers"])
        }),
        ("dateline", &|v: &Value| {
            v.is_null() || (str_or_null(&v["place"]) && str_or_null(&v["date"]))
        }),
        ("text", &is_str),
        ("figures", &|v: &Value| {
            v.as_array().is_some_and(|a| {
                a.iter().all(|f| {
                    f["kind"].is_string()
                        && f["text"].is_string()
                        && span(&f["span"])
                        && (f["value"].is_number() || f["value"].is_string())
                        && num_or_null(&f["upper"])
                        && str_or_null(&f["unit"])
                        && str_or_null(&f["approx"])
                        && f["rule"].is_string()
                })
            })
        }),
        ("places", &|v: &Value| {
            v.as_array().is_some_and(|a| {
                a.iter().all(|p| {
                    p["text"].is_string()
                        && span(&p["span"])
                        && p["name"].is_string()
                        && str_or_null(&p["code"])
                        && p["level"].is_string()
                        && str_list(&p["parents"])
                        && p["rule"].is_string()
                })
            })
        }),
        ("facts", &|v: &Value| {
            v.as_array().is_some_and(|a| {
                a.iter().all(|f| {
                    str_or_null(&f["subject"])
                        && str_or_null(&f["subject_code"])
                        && f["indicator"].is_string()
                        && str_or_null(&f["period"])
                        && num_or_null(&f["value"])
                        && str_or_null(&f["unit"])
                        && num_or_null(&f["change"])
                        && str_or_null(&f["change_unit"])
                        && str_or_null(&f["basis"])
                        && str_or_null(&f["counterpart"])
                        && f["figures"]
                            .as_array()
                            .is_some_and(|x| x.iter().all(Value::is_u64))
                })
            })
        }),
        ("warnings", &str_list),
    ];
    for (name, ok) in fields {
        let v = obj
            .get(*name)
            .unwrap_or_else(|| panic!("field `{name}` missing in {r}"));
        assert!(
            ok(v),
            "field `{name}` has the wrong JSON type: {v}\nhelp: see docs/record.md"
        );
    }
    let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    for item in r["figures"]
        .as_array()
        .unwrap()
        .iter()
        .chain(r["places"].as_array().unwrap())
    {
        let (s, e) = (
            item["span"][0].as_u64().unwrap() as usize,
            item["span"][1].as_u64().unwrap() as usize,
        );
        let slice: String = text[s..e].iter().collect();
        assert_eq!(
            slice,
            item["text"].as_str().unwrap(),
            "help: spans are char offsets into `text`"
        );
    }
    // The library's own type must read every record back, with no unknown field.
    let _: baokan::record::Record =
        serde_json::from_value(r.clone()).expect("record matches the contract types");
}

#[test]
fn every_record_has_every_field_with_the_right_type() {
    let dir = tempfile::tempdir().unwrap();
    let (_, records, _, _) = run_in(
        dir.path(),
        &[
            &sample_page(),
            fixture("run/articles.jsonl").to_str().unwrap(),
            fixture("run/dir").to_str().unwrap(),
        ],
        &[],
    );
    assert!(records.len() >= 6);
    records.iter().for_each(check_types);
}

fn run_jobs(dir: &Path, input: &str, jobs: &str) -> Vec<u8> {
    let out = dir.join(format!("jobs{jobs}.jsonl"));
    let rules = repo().join("rules");
    let o = baokan(
        &[
            "run",
            "-q",
            "--rules",
            rules.to_str().unwrap(),
            "--jobs",
            jobs,
            "-o",
            out.to_str().unwrap(),
            input,
        ],
        dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read(out).unwrap()
}

#[test]
fn one_and_two_jobs_give_byte_identical_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut inputs = vec![sample_page(), fixture("run").to_string_lossy().into_owned()];
    let corpus = repo().join("../shared/corpus/news/xwlb_2013.txt");
    if corpus.exists() {
        inputs.push(corpus.to_string_lossy().into_owned());
    } else {
        eprintln!("../shared is absent: checking the fixtures only");
    }
    for input in &inputs {
        let one = run_jobs(dir.path(), input, "1");
        let two = run_jobs(dir.path(), input, "2");
        assert!(!one.is_empty());
        assert!(
            one == two,
            "help: output for {input} differs between --jobs 1 and --jobs 2"
        );
        for line in String::from_utf8(one).unwrap().lines() {
            check_types(&serde_json::from_str(line).unwrap());
        }
    }
}

#[test]
fn stdin_and_stdout_make_a_filter() {
    let dir = tempfile::tempdir().unwrap();
    let rules = repo().join("rules");
    let mut child = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(["run", "-q", "--rules", rules.to_str().unwrap(), "-o", "-", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(std::fs::read(fixture("run/articles.jsonl")).unwrap().as_slice())
            .unwrap();
        stdin.write_all(b"{broken\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a broken line is a reject: exit 1");
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 3);
    let err = stderr(&out);
    assert!(
        err.contains("\"line\":4") && err.contains("\"stage\":\"parse\""),
        "help: rejects go to stderr with -o -\n{err}"
    );
    assert!(!dir.path().join("output").exists(), "nothing written to files");
}

/// A copy of the repo's rules in `dir/rules`, for a test to edit.
fn copy_rules(dir: &Path) -> PathBuf {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                copy_dir(&path, &to.join(entry.file_name()));
            } else {
                std::fs::copy(&path, to.join(entry.file_name())).unwrap();
            }
        }
    }
    let rules = dir.join("rules");
    copy_dir(&repo().join("rules"), &rules);
    rules
}

#[test]
fn a_rule_file_edit_changes_extraction_without_recompiling() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"date\":\"2025-12-28\",\"text\":\"元旦假期铁路客流\"}\n",
    )
    .unwrap();
    let holidays = |rules: &Path| {
        let out_file = dir.path().join("out.jsonl");
        let o = baokan(
            &[
                "run",
                "-q",
                "--rules",
                rules.to_str().unwrap(),
                "-o",
                out_file.to_str().unwrap(),
                input.to_str().unwrap(),
            ],
            dir.path(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        lines(&out_file)[0]["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {}", f["text"], f["value"]))
            .collect::<Vec<_>>()
    };
    // Bundled: a holiday without a year names no day.
    assert!(holidays(&repo().join("rules")).is_empty());
    let rules = copy_rules(dir.path());
    let file = rules.join("figures.toml");
    let toml = std::fs::read_to_string(&file).unwrap();
    let edited = toml.replacen("id = \"new-year\"\n", "id = \"new-year\"\nalone = true\n", 1);
    assert_ne!(toml, edited, "the new-year holiday is in figures.toml");
    std::fs::write(&file, edited).unwrap();
    assert_eq!(holidays(&rules), ["\"元旦\" \"2026-01-01\""]);
}

#[test]
fn broken_rules_exit_2_and_leave_the_previous_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let rules = copy_rules(dir.path());
    std::fs::write(rules.join("dict.txt"), "好词 12x ns\n").unwrap();
    let out_file = dir.path().join("records.jsonl");
    std::fs::write(&out_file, "previous\n").unwrap();
    let o = baokan(
        &[
            "run",
            "--rules",
            rules.to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
            &sample_page(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("dict.txt:1:4: frequency `12x`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "previous\n");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        baokan(&["run", "--date", "2026-02-30"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        baokan(&["run", "--jobs", "many"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        baokan(&["run", "no/such/path"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(baokan(&["frobnicate"], dir.path()).status.code(), Some(2));
}

#[test]
fn help_explains_every_flag() {
    let dir = tempfile::tempdir().unwrap();
    let help = String::from_utf8(baokan(&["run", "--help"], dir.path()).stdout).unwrap();
    for flag in [
        "--output",
        "--rules",
        "--date",
        "--jobs",
        "--quiet",
        "--encoding",
        "--rejects",
        "--stats",
        "--resume",
    ] {
        assert!(help.contains(flag), "{flag} missing from run --help:\n{help}");
    }
}

#[test]
fn bundled_rules_are_used_when_there_is_no_rules_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.jsonl");
    let o = baokan(
        &["run", "-q", "-o", out.to_str().unwrap(), &sample_page()],
        dir.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!lines(&out).is_empty());
}
