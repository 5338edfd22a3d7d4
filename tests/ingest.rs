//! End-to-end tests of robust ingestion: legacy encodings, bad input, accounting,
//! atomic output and `--resume`. Fixtures are built here from the sample page.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> String {
    std::fs::read_to_string(repo().join("input/zjrb-2026-01-22.txt")).unwrap()
}

fn baokan(args: &[&str], cwd: &Path) -> Output {
    let rules = repo().join("rules");
    let mut all = vec!["run", "--quiet", "--rules", rules.to_str().unwrap()];
    all.extend_from_slice(args);
    Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(&all)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A record without the fields that say where it came from.
fn content(mut r: Value) -> Value {
    let obj = r.as_object_mut().unwrap();
    obj.remove("source");
    obj.remove("id");
    r
}

#[test]
fn gbk_big5_and_utf16_pages_give_the_same_records_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let page = sample();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a-utf8-2026-01-22.txt"), &page).unwrap();
    std::fs::write(
        pages.join("b-gbk-2026-01-22.txt"),
        encoding_rs::GBK.encode(&page).0,
    )
    .unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(pages.join("c-utf16-2026-01-22.txt"), utf16).unwrap();
    let mut utf16be = vec![0xFE, 0xFF];
    utf16be.extend(page.encode_utf16().flat_map(u16::to_be_bytes));
    std::fs::write(pages.join("d-utf16be-2026-01-22.txt"), utf16be).unwrap();
    // Big5 cannot hold every simplified character of the page: the traditional page is
    // compared with itself in UTF-8 instead.
    let traditional = "兩岸經貿往來\n\n本報訊 臺灣對大陸出口總額達1,234.5億美元,同比增長5.4%。\n";
    std::fs::write(
        pages.join("e-big5-2026-01-22.txt"),
        encoding_rs::BIG5.encode(traditional).0,
    )
    .unwrap();
    std::fs::write(pages.join("f-trad-utf8-2026-01-22.txt"), traditional).unwrap();
    let out = dir.path().join("out.jsonl");
    let o = baokan(
        &["-o", out.to_str().unwrap(), pages.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let records = lines(&out);
    let by_file = |name: &str| -> Vec<Value> {
        records
            .iter()
            .filter(|r| r["source"]["path"].as_str().unwrap().contains(name))
            .cloned()
            .collect()
    };
    let utf8 = by_file("a-utf8");
    assert!(!utf8.is_empty());
    for (name, encoding) in [
        ("b-gbk", "GB18030"),
        ("c-utf16-", "UTF-16LE"),
        ("d-utf16be", "UTF-16BE"),
    ] {
        let other = by_file(name);
        assert_eq!(other.len(), utf8.len(), "{name}");
        for (a, b) in utf8.iter().zip(&other) {
            assert_eq!(b["source"]["encoding"], encoding);
            assert_eq!(
                content(a.clone()),
                content(b.clone()),
                "help: {name} must decode to the same text"
            );
        }
    }
    let big5 = by_file("e-big5");
    assert_eq!(big5[0]["source"]["encoding"], "Big5");
    assert_eq!(content(big5[0].clone()), content(by_file("f-trad")[0].clone()));
}

#[test]
fn a_traditional_big5_page_reads_like_its_simplified_twin() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let fixtures = repo().join("tests/fixtures/run");
    let o = baokan(
        &[
            "-o",
            out.to_str().unwrap(),
            fixtures.join("simplified-2015-06-15.txt").to_str().unwrap(),
            fixtures.join("traditional-big5-2015-06-15.txt").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let records = lines(&out);
    // Records come in the order the inputs were given.
    let [simplified, traditional] = records.as_slice() else {
        panic!("expected two records, got {}", records.len());
    };
    assert_eq!(traditional["source"]["encoding"], "Big5");
    // Every figure and place keeps the page's own characters and its span slices them.
    let body: Vec<char> = traditional["text"].as_str().unwrap().chars().collect();
    let texts = |r: &Value, key: &str| -> Vec<String> {
        r[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["text"].as_str().unwrap().to_owned())
            .collect()
    };
    for key in ["figures", "places"] {
        for x in traditional[key].as_array().unwrap() {
            let [a, b] = [0, 1].map(|i| x["span"][i].as_u64().unwrap() as usize);
            assert_eq!(body[a..b].iter().collect::<String>(), x["text"].as_str().unwrap());
        }
    }
    assert_eq!(
        texts(traditional, "figures"),
        [
            "去年",
            "45.3萬輛",
            "約為新臺幣1.2萬億元",
            "20公頃",
            "下月",
            "兩成"
        ]
    );
    assert_eq!(texts(traditional, "places"), ["臺灣", "廣東省", "深圳市"]);
    // Apart from those texts, what the rules read is the same as on the simplified page:
    // units, currencies and place names come out in the rules' own characters.
    let without_texts = |r: &Value| -> Value {
        let mut r = r.clone();
        for key in ["figures", "places"] {
            for x in r[key].as_array_mut().unwrap() {
                x.as_object_mut().unwrap().remove("text");
            }
        }
        serde_json::json!([r["figures"], r["places"], r["facts"], r["byline"], r["dateline"]])
    };
    assert_eq!(without_texts(traditional), without_texts(simplified));
    let money = &traditional["figures"][2];
    assert_eq!(money["value"], serde_json::json!(1_200_000_000_000u64));
    assert_eq!(money["unit"], "TWD");
    assert_eq!(money["approx"], "about");
    assert_eq!(traditional["figures"][1]["unit"], "辆");
    assert_eq!(traditional["places"][0]["code"], "710000");
    // Layout cues are written in both scripts (`本報記者`, `本報台北6月14日電`).
    assert_eq!(traditional["byline"]["reporters"], serde_json::json!(["王小明"]));
    assert_eq!(traditional["dateline"]["date"], "2015-06-14");
}

#[test]
fn forced_encoding_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.txt");
    std::fs::write(&file, encoding_rs::GBK.encode("浙江省进出口总额5.55万亿元。").0).unwrap();
    let out = dir.path().join("o.jsonl");
    let o = baokan(
        &[
            "--encoding",
            "gb18030",
            "-o",
            out.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(o.status.success());
    let r = &lines(&out)[0];
    assert_eq!(r["source"]["encoding"], "GB18030");
    assert!(r["text"].as_str().unwrap().starts_with("浙江省"));
}

#[test]
fn bad_inputs_are_rejected_with_file_and_line_and_everything_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a-page-2026-01-22.txt"), sample()).unwrap();
    std::fs::write(inputs.join("b-empty.txt"), "").unwrap();
    std::fs::write(inputs.join("c-scan.txt"), b"%PDF-1.7\n\x00\x01\x02\x03binary").unwrap();
    let long = "长".repeat(400);
    let jsonl = format!(
        "{{\"id\": \"ok1\", \"text\": \"宁波舟山港货物吞吐量13.7亿吨。\"}}\n{{\"id\": \"bad\", \"text\": \n{{\"id\": \"long\", \"text\": \"{long}\"}}\n[1, 2]\n{{\"id\": \"ok2\", \"text\": \"义乌进出口增长18.2%。\"}}\n{{\"id\": \"cut\", \"text\": \"半"
    );
    std::fs::write(inputs.join("d-articles.jsonl"), jsonl).unwrap();
    let mut gbk_bad = encoding_rs::GBK.encode("温州智能锁出口增长。").0.into_owned();
    gbk_bad.extend_from_slice(&[0x81, 0x20, 0x81, 0x20]);
    std::fs::write(inputs.join("e-damaged.txt"), gbk_bad).unwrap();
    std::fs::write(inputs.join("f-photo.jpg"), [0xFF, 0xD8, 0xFF]).unwrap();

    let out = dir.path().join("out/records.jsonl");
    let stats = dir.path().join("stats.json");
    let o = baokan(
        &[
            "--max-line-bytes",
            "1000",
            "--stats",
            stats.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            inputs.to_str().unwrap(),
        ],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(1),
        "help: some inputs rejected means exit 1\n{err}"
    );
    let records = lines(&out);
    let rejects = lines(&dir.path().join("out/rejects.jsonl"));
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();

    let rejected: Vec<(String, Value, String)> = rejects
        .iter()
        .map(|r| {
            let path = r["source"]["path"].as_str().unwrap();
            (
                path.rsplit('/').next().unwrap().to_owned(),
                r["source"]["line"].clone(),
                r["stage"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rejected,
        vec![
            ("c-scan.txt".to_owned(), Value::Null, "decode".to_owned()),
            ("d-articles.jsonl".to_owned(), Value::from(2), "parse".to_owned()),
            ("d-articles.jsonl".to_owned(), Value::from(3), "read".to_owned()),
            ("d-articles.jsonl".to_owned(), Value::from(4), "parse".to_owned()),
            ("d-articles.jsonl".to_owned(), Value::from(6), "parse".to_owned()),
        ]
    );
    assert!(rejects[4]["error"].as_str().unwrap().contains("truncated"));
    assert!(rejects[2]["error"].as_str().unwrap().contains("over the limit"));

    let damaged: Vec<&Value> = records
        .iter()
        .filter(|r| r["source"]["path"].as_str().unwrap().ends_with("e-damaged.txt"))
        .collect();
    assert_eq!(damaged.len(), 1);
    assert_eq!(damaged[0]["source"]["encoding"], "GB18030");
    let warnings: Vec<&Value> = damaged[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w.as_str().unwrap().contains("U+FFFD"))
        .collect();
    assert_eq!(
        warnings.len(),
        1,
        "help: one warning per document for replaced bytes"
    );
    assert!(
        warnings[0].as_str().unwrap().starts_with("2 byte sequences"),
        "{warnings:?}"
    );

    let read = summary["documents_read"].as_u64().unwrap();
    let written = summary["documents_written"].as_u64().unwrap();
    let rejected_n = summary["documents_rejected"].as_u64().unwrap();
    assert_eq!(
        read,
        written + rejected_n,
        "help: read = written + rejected, always"
    );
    assert_eq!(rejected_n, 5);
    assert_eq!(written, 4, "page, two good JSONL lines, damaged GBK page");
    assert_eq!(summary["files"], 5, "the empty file is counted");
    assert_eq!(summary["skipped_files"], 1);
    assert_eq!(summary["rejected_by_stage"]["parse"], 3);
    assert!(err.contains("rejected 5 (decode 1, parse 3, read 1)"), "{err}");
}

fn count_lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

#[test]
fn resume_processes_only_new_or_changed_inputs_and_appends() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a.jsonl"), "{\"text\": \"一\"}\n{\"text\": \"二\"}\n").unwrap();
    std::fs::write(inputs.join("b.txt"), "宁波").unwrap();
    let out = dir.path().join("o/records.jsonl");
    let args = ["-o", out.to_str().unwrap(), inputs.to_str().unwrap()];
    assert!(baokan(&args, dir.path()).status.success());
    assert_eq!(count_lines(&out), 3);
    assert!(dir.path().join("o/records.jsonl.manifest").exists());
    let first = std::fs::read_to_string(&out).unwrap();

    std::fs::write(inputs.join("c.txt"), "温州").unwrap();
    let mut resume = vec!["--resume"];
    resume.extend_from_slice(&args);
    let o = baokan(&resume, dir.path());
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("files 1,") && err.contains("resumed files 2"),
        "{err}"
    );
    let second = std::fs::read_to_string(&out).unwrap();
    assert!(second.starts_with(&first), "help: --resume appends");
    assert_eq!(count_lines(&out), 4);

    std::fs::write(inputs.join("b.txt"), "台州").unwrap();
    baokan(&resume, dir.path());
    assert_eq!(count_lines(&out), 5, "a changed input is processed again");

    assert!(baokan(&args, dir.path()).status.success());
    assert_eq!(count_lines(&out), 4, "without --resume the output is rewritten");
}

#[test]
fn a_killed_run_leaves_the_previous_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.jsonl");
    let line = format!(
        "{{\"text\": \"{}\"}}\n",
        "浙江进出口总额5.55万亿元,同比增长5.4%。".repeat(50)
    );
    std::fs::write(&big, line.repeat(20000)).unwrap();
    let out = dir.path().join("records.jsonl");
    std::fs::write(&out, "previous run\n").unwrap();
    let rules = repo().join("rules");
    let mut child = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args([
            "run",
            "-q",
            "--rules",
            rules.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            big.to_str().unwrap(),
        ])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "help: the input must be large enough to still be running"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "previous run\n",
        "help: output is renamed into place only at the end"
    );
}
