//! SQLite output end to end: the real binary writes JSON Lines and a database from the
//! same input, and the row counts must match the JSON; a second run must not change
//! them; the example queries of `docs/databases.md` must run and return rows.

use baokan::emit::Sink;
use baokan::emit::jsonl::JsonlSink;
use baokan::emit::sqlite::{LAYOUT_VERSION, SqliteSink};
use baokan::record::{
    ArticleKind, Byline, Dateline, Fact, Figure, FigureKind, FigureValue, Place, PlaceLevel, Record, SCHEMA,
    Source,
};
use rusqlite::Connection;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

const TABLES: [&str; 4] = ["articles", "figures", "places", "facts"];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(inputs: &[&Path], output: &Path, extra: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .arg("run")
        .args(inputs)
        .arg("-o")
        .arg(output)
        .args(["--quiet", "--date", "2026-01-22"])
        .args(extra)
        .output()
        .unwrap();
    // Exit 1 means some inputs were rejected, which is not this test's concern.
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "baokan run -o {} failed: {}\nhelp: stderr above says why",
        output.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Counts in the JSON Lines file: records, and the summed list lengths.
fn jsonl_counts(path: &Path) -> [u64; 4] {
    let mut counts = [0u64; 4];
    for line in std::fs::read_to_string(path).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        counts[0] += 1;
        for (i, field) in ["figures", "places", "facts"].iter().enumerate() {
            counts[i + 1] += v[field].as_array().unwrap().len() as u64;
        }
    }
    counts
}

fn db_counts(path: &Path) -> [u64; 4] {
    let conn = Connection::open(path).unwrap();
    TABLES.map(|t| {
        conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))
            .unwrap() as u64
    })
}

/// Runs the binary twice into a database and once into JSON Lines, and compares.
fn check_counts(inputs: &[&Path], dir: &Path) -> [u64; 4] {
    let jsonl = dir.join("x.jsonl");
    let db = dir.join("x.db");
    run(inputs, &jsonl, &[]);
    run(inputs, &db, &[]);
    let want = jsonl_counts(&jsonl);
    assert!(want[0] > 0, "no records from {inputs:?}");
    assert_eq!(
        db_counts(&db),
        want,
        "rows in articles/figures/places/facts differ from the JSON Lines counts"
    );
    run(inputs, &db, &[]);
    assert_eq!(db_counts(&db), want, "a second run changed the row counts");
    assert!(
        !dir.join("x.db-wal").exists() || std::fs::metadata(dir.join("x.db-wal")).unwrap().len() == 0,
        "help: finish must fold the WAL back into the database file"
    );
    // Every documented query runs on real output (rows depend on the extractors).
    let conn = Connection::open(&db).unwrap();
    for (line, sql) in doc_queries() {
        query_rows(&conn, &sql).unwrap_or_else(|e| panic!("docs/databases.md:{line}: {e}"));
    }
    want
}

#[test]
fn sample_page_rows_match_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let page = repo().join("input/zjrb-2026-01-22.txt");
    let counts = check_counts(&[&page], dir.path());
    eprintln!("sample page: articles, figures, places, facts = {counts:?}");
}

#[test]
fn news_slice_rows_match_jsonl() {
    let news = repo().join("../shared/corpus/news/xwlb_2013.txt");
    let Ok(bytes) = std::fs::read(&news) else {
        eprintln!("skipped: {} is absent", news.display());
        return;
    };
    // The first 200 KB, cut at the last blank line so no article is cut in half.
    let head = &bytes[..bytes.len().min(200_000)];
    let end = head
        .windows(2)
        .rposition(|w| w == b"\n\n")
        .map_or(head.len(), |i| i + 2);
    let dir = tempfile::tempdir().unwrap();
    let slice = dir.path().join("xwlb_2013-slice.txt");
    std::fs::write(&slice, &head[..end]).unwrap();
    let counts = check_counts(&[&slice], dir.path());
    eprintln!("news slice: articles, figures, places, facts = {counts:?}");
}

#[test]
fn run_fixtures_rows_match_jsonl_and_resume_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/run");
    let (articles, folder) = (fixtures.join("articles.jsonl"), fixtures.join("dir"));
    let counts = check_counts(&[&articles, &folder], dir.path());
    assert!(counts[0] >= 4, "{counts:?}");
    // --resume skips the inputs the last run finished and keeps the database's rows.
    let db = dir.path().join("x.db");
    run(&[&articles, &folder], &db, &["--resume"]);
    assert_eq!(db_counts(&db), counts);
}

#[test]
fn a_file_that_is_not_a_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notes.db");
    std::fs::write(&out, "{\"not\": \"a database\"}\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(["run", "-q", "-o"])
        .arg(&out)
        .arg(repo().join("input/zjrb-2026-01-22.txt"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a database"));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "{\"not\": \"a database\"}\n"
    );
}

#[test]
fn format_flag_overrides_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let page = repo().join("input/zjrb-2026-01-22.txt");
    let out = dir.path().join("archive.out");
    run(&[&page], &out, &["--format", "sqlite"]);
    assert!(db_counts(&out)[0] > 0);
    let out = dir.path().join("plain.db");
    run(&[&page], &out, &["--format", "jsonl"]);
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("{\"schema\":\"baokan/1\""), "{first:.80}");
}

#[test]
fn sqlite_to_stdout_is_a_usage_error() {
    let page = repo().join("input/zjrb-2026-01-22.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(["run", "-q", "--format", "sqlite", "-o", "-"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a file"));
}

// ---- hand-built records through the sink, so the documented queries have rows ----

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `[start, end)` in chars of the first `needle` in `text`.
fn span(text: &str, needle: &str) -> [usize; 2] {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    [start, start + needle.chars().count()]
}

fn figure(text: &str, surface: &str, kind: FigureKind, value: FigureValue, unit: &str) -> Figure {
    Figure {
        kind,
        text: surface.to_owned(),
        span: span(text, surface),
        value,
        upper: None,
        unit: Some(unit.to_owned()).filter(|u| !u.is_empty()),
        approx: None,
        rule: format!("test.{}", kind.as_str()),
    }
}

fn place(text: &str, surface: &str, name: &str, code: &str, level: PlaceLevel, parents: &[&str]) -> Place {
    Place {
        text: surface.to_owned(),
        span: span(text, surface),
        name: name.to_owned(),
        code: Some(code.to_owned()),
        level,
        parents: parents.iter().map(|p| p.to_string()).collect(),
        rule: "test.place".to_owned(),
    }
}

fn fact(
    subject: (&str, &str),
    indicator: &str,
    period: &str,
    value: &str,
    unit: &str,
    change: Option<&str>,
    figures: Vec<usize>,
) -> Fact {
    Fact {
        subject: Some(subject.0.to_owned()),
        subject_code: Some(subject.1.to_owned()),
        indicator: indicator.to_owned(),
        period: Some(period.to_owned()),
        value: Some(dec(value)),
        unit: Some(unit.to_owned()),
        change: change.map(dec),
        change_unit: change.map(|_| "%".to_owned()),
        basis: change.map(|_| "yoy".to_owned()),
        counterpart: None,
        figures,
    }
}

fn record(id: &str, article: u32, title: &str, text: &str) -> Record {
    Record {
        schema: SCHEMA.to_owned(),
        id: id.to_owned(),
        source: Source {
            path: "fixture/zjrb-2026-01-22.txt".to_owned(),
            line: None,
            id: None,
            article,
            encoding: "UTF-8".to_owned(),
        },
        published: Some("2026-01-22".to_owned()),
        section: Some("要闻".to_owned()),
        column: None,
        kind: ArticleKind::Article,
        headlines: vec![title.to_owned()],
        title: Some(title.to_owned()),
        byline: Byline {
            reporters: vec!["胡静漪".to_owned()],
            ..Byline::default()
        },
        dateline: Some(Dateline {
            place: Some("杭州".to_owned()),
            date: Some("2026-01-21".to_owned()),
        }),
        subheads: vec![],
        captions: vec![],
        text: text.to_owned(),
        figures: vec![],
        places: vec![],
        facts: vec![],
        warnings: vec![],
    }
}

const ZJ: (&str, &str) = ("浙江省", "330000");

fn fixture() -> Vec<Record> {
    use FigureKind::*;
    let t1 = "2025年，浙江进出口总额5.55万亿元，同比增长5.4%。义乌出口3147.04亿元。";
    let mut r1 = record("fixture-1", 0, "外贸成绩稳居全国第三", t1);
    r1.figures = vec![
        figure(t1, "2025年", Date, FigureValue::Text("2025".into()), ""),
        figure(
            t1,
            "5.55万亿元",
            Money,
            FigureValue::Number(dec("5550000000000")),
            "CNY",
        ),
        figure(t1, "5.4%", Percent, FigureValue::Number(dec("5.4")), "%"),
        figure(
            t1,
            "3147.04亿元",
            Money,
            FigureValue::Number(dec("314704000000")),
            "CNY",
        ),
    ];
    r1.places = vec![
        place(t1, "浙江", "浙江省", "330000", PlaceLevel::Province, &[]),
        place(
            t1,
            "义乌",
            "义乌市",
            "330782",
            PlaceLevel::County,
            &["浙江省", "金华市"],
        ),
    ];
    r1.facts = vec![
        fact(
            ZJ,
            "进出口总额",
            "2025",
            "5550000000000",
            "CNY",
            Some("5.4"),
            vec![1, 2],
        ),
        fact(
            ("义乌市", "330782"),
            "出口",
            "2025",
            "314704000000",
            "CNY",
            None,
            vec![3],
        ),
    ];
    let t2 = "2025年，浙江居民人均可支配收入73000.5元，增长5.1%，杭州有约350多个项目。";
    let mut r2 = record("fixture-2", 1, "居民收入稳步增长", t2);
    let mut approx = figure(t2, "约350多个", Quantity, FigureValue::Number(dec("350")), "个");
    approx.approx = Some(baokan::record::Approx::Over);
    approx.upper = Some(dec("360.0"));
    r2.figures = vec![
        figure(t2, "73000.5元", Money, FigureValue::Number(dec("73000.5")), "CNY"),
        figure(t2, "5.1%", Percent, FigureValue::Number(dec("5.1")), "%"),
        approx,
    ];
    r2.places = vec![
        place(t2, "浙江", "浙江省", "330000", PlaceLevel::Province, &[]),
        place(
            t2,
            "杭州",
            "杭州市",
            "330100",
            PlaceLevel::Prefecture,
            &["浙江省"],
        ),
    ];
    r2.facts = vec![fact(
        ZJ,
        "居民人均可支配收入",
        "2025",
        "73000.5",
        "CNY",
        Some("5.1"),
        vec![0, 1],
    )];
    let mut r3 = record("fixture-3", 2, "去年进出口", "2024年，浙江进出口总额5.27万亿元。");
    r3.facts = vec![fact(
        ZJ,
        "进出口总额",
        "2024",
        "5270000000000",
        "CNY",
        None,
        vec![],
    )];
    vec![r1, r2, r3]
}

fn write_all(db: &Path, records: &[Record]) {
    let mut sink = Box::new(SqliteSink::create(db).unwrap());
    for r in records {
        sink.write(r).unwrap();
    }
    sink.finish().unwrap();
}

/// The ```sql blocks of docs/databases.md marked `-- example: sqlite`, with their line.
fn doc_queries() -> Vec<(usize, String)> {
    let doc = std::fs::read_to_string(repo().join("docs/databases.md")).unwrap();
    let mut out = Vec::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in doc.lines().enumerate() {
        match &mut block {
            None if line.trim() == "```sql" => block = Some((n + 2, String::new())),
            Some((start, sql)) if line.trim() == "```" => {
                if sql.starts_with("-- example: sqlite") {
                    out.push((*start, std::mem::take(sql)));
                }
                block = None;
            }
            Some((_, sql)) => {
                sql.push_str(line);
                sql.push('\n');
            }
            None => {}
        }
    }
    out
}

fn query_rows(conn: &Connection, sql: &str) -> rusqlite::Result<usize> {
    let mut st = conn.prepare(sql)?;
    let mut rows = st.query([])?;
    let mut n = 0;
    while rows.next()?.is_some() {
        n += 1;
    }
    Ok(n)
}

#[test]
fn documented_queries_return_rows() {
    let queries = doc_queries();
    assert!(
        queries.len() >= 5,
        "help: mark each SQLite example in docs/databases.md with `-- example: sqlite`"
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.db");
    write_all(&db, &fixture());
    let conn = Connection::open(&db).unwrap();
    for (line, sql) in queries {
        let n = query_rows(&conn, &sql).unwrap_or_else(|e| panic!("docs/databases.md:{line}: {e}\n{sql}"));
        assert!(
            n > 0,
            "docs/databases.md:{line}: the query returned no rows on the fixture\n{sql}"
        );
    }
}

#[test]
fn rows_keep_every_field_and_exact_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.db");
    let records = fixture();
    write_all(&db, &records);
    let conn = Connection::open(&db).unwrap();
    let (value, text, unit): (f64, String, String) = conn
        .query_row(
            "SELECT value, value_text, unit FROM figures WHERE article_id = 'fixture-1' AND idx = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (value, text.as_str(), unit.as_str()),
        (5.55e12, "5550000000000", "CNY")
    );
    let (value, text): (Option<f64>, String) = conn
        .query_row(
            "SELECT value, value_text FROM figures WHERE article_id = 'fixture-1' AND idx = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (value, text.as_str()),
        (None, "2025"),
        "a date figure keeps its ISO text"
    );
    let row: (String, f64, String, String, i64, i64) = conn
        .query_row(
            "SELECT approx, upper, upper_text, text, span_start, span_end FROM figures
             WHERE article_id = 'fixture-2' AND idx = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    let want = records[1].figures[2].span;
    assert_eq!(
        row,
        (
            "over".into(),
            360.0,
            "360".into(),
            "约350多个".into(),
            want[0] as i64,
            want[1] as i64
        )
    );
    let row: (String, String, String, String) = conn
        .query_row(
            "SELECT change_text, change_unit, basis, figures FROM facts WHERE article_id = 'fixture-1' AND idx = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(row, ("5.4".into(), "%".into(), "yoy".into(), "[1,2]".into()));
    let row: (String, String, String) = conn
        .query_row(
            "SELECT level, parents, code FROM places WHERE article_id = 'fixture-1' AND idx = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        ("county".into(), r#"["浙江省","金华市"]"#.into(), "330782".into())
    );
    // The article row holds the record: objects and lists as the JSON of the contract.
    let (source, byline, dateline, kind): (String, String, String, String) = conn
        .query_row(
            "SELECT source, byline, dateline, kind FROM articles WHERE id = 'fixture-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    let r = &records[0];
    assert_eq!(source, serde_json::to_string(&r.source).unwrap());
    assert_eq!(byline, serde_json::to_string(&r.byline).unwrap());
    assert_eq!(dateline, serde_json::to_string(&r.dateline).unwrap());
    assert_eq!(kind, "article");
    let version: i64 = conn
        .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LAYOUT_VERSION);
}

#[test]
fn indexes_exist_after_a_run_into_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.db");
    write_all(&db, &fixture());
    let conn = Connection::open(&db).unwrap();
    let mut st = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        .unwrap();
    let names: Vec<String> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for want in [
        "facts_subject",
        "facts_indicator",
        "places_code",
        "figures_kind_unit",
        "figures_unit",
    ] {
        assert!(names.iter().any(|n| n == want), "index {want} missing: {names:?}");
    }
}

#[test]
fn sink_counts_match_jsonl_sink_and_rerun_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.db");
    let jsonl = dir.path().join("fixture.jsonl");
    let records = fixture();
    let mut sink = Box::new(JsonlSink::create(&jsonl, false).unwrap());
    for r in &records {
        sink.write(r).unwrap();
    }
    sink.finish().unwrap();
    write_all(&db, &records);
    let want = jsonl_counts(&jsonl);
    assert_eq!(want, [3, 7, 4, 4]);
    assert_eq!(db_counts(&db), want);
    write_all(&db, &records);
    assert_eq!(
        db_counts(&db),
        want,
        "a second write of the same records duplicated rows"
    );
    // A record written again with fewer items loses its stale rows.
    let mut shorter = records[0].clone();
    shorter.figures.truncate(1);
    shorter.places.clear();
    shorter.facts.truncate(1);
    write_all(&db, &[shorter]);
    assert_eq!(db_counts(&db), [3, 4, 2, 3]);
}

#[test]
fn unfinished_run_leaves_the_last_committed_state() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fixture.db");
    let records = fixture();
    write_all(&db, &records[..1]);
    let before = db_counts(&db);
    {
        // Dropped without finish, as when a run fails: the open batch rolls back.
        let mut sink = Box::new(SqliteSink::create(&db).unwrap());
        for r in &records[1..] {
            sink.write(r).unwrap();
        }
    }
    assert_eq!(db_counts(&db), before);
}

#[test]
fn other_layout_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    write_all(&db, &fixture());
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE schema_version SET version = version + 1", [])
        .unwrap();
    let err = SqliteSink::create(&db)
        .err()
        .expect("a newer layout must be refused");
    assert!(err.to_string().contains("layout version"), "{err}");
}
