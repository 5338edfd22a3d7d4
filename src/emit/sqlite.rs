//! SQLite output: `articles`, and one row per item in `figures`, `places` and `facts`.
//!
//! Unlike the JSON Lines sink, this one writes into the target file itself: SQLite's
//! own transactions are the safety, not a rename. Records are written in large WAL
//! transactions of [`BATCH`] records; each commits whole, so a killed run leaves the
//! database as of its last commit (the earlier rows plus whole batches of this run),
//! never half an article. Every record replaces the rows of its `id`, so running again
//! on the same input completes an interrupted run and never duplicates rows.
//!
//! Exact decimals are stored twice: as `REAL` for arithmetic and sorting, and as the
//! exact decimal text (`value_text`) so nothing is lost to floating point. The layout
//! is documented in `docs/databases.md`; change both together and bump
//! [`LAYOUT_VERSION`].

use super::{EmitError, Sink};
use crate::record::{FigureValue, Record};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

/// Version of the table layout, kept in the `schema_version` table.
pub const LAYOUT_VERSION: i64 = 1;

/// Records per transaction: large enough that commits cost little, small enough that
/// an interrupted run keeps most of its work.
pub const BATCH: usize = 5000;

/// File name endings that choose SQLite output when no `--format` is given.
pub const EXTENSIONS: [&str; 3] = ["db", "sqlite", "sqlite3"];

/// Whether `path` names a SQLite database by its extension (`.db`, `.sqlite`, `.sqlite3`).
pub fn is_sqlite_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

const CREATE: &str = r#"
CREATE TABLE IF NOT EXISTS schema_version (
    version       INTEGER NOT NULL,
    record_schema TEXT NOT NULL,
    written_by    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id        TEXT PRIMARY KEY,
    schema    TEXT NOT NULL,
    source    TEXT NOT NULL,
    published TEXT,
    section   TEXT,
    "column"  TEXT,
    kind      TEXT NOT NULL,
    headlines TEXT NOT NULL,
    title     TEXT,
    byline    TEXT NOT NULL,
    dateline  TEXT,
    subheads  TEXT NOT NULL,
    captions  TEXT NOT NULL,
    text      TEXT NOT NULL,
    warnings  TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS figures (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    value      REAL,
    value_text TEXT NOT NULL,
    upper      REAL,
    upper_text TEXT,
    unit       TEXT,
    approx     TEXT,
    rule       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    code       TEXT,
    level      TEXT NOT NULL,
    parents    TEXT NOT NULL,
    rule       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE TABLE IF NOT EXISTS facts (
    article_id   TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    subject      TEXT,
    subject_code TEXT,
    indicator    TEXT NOT NULL,
    period       TEXT,
    value        REAL,
    value_text   TEXT,
    unit         TEXT,
    change       REAL,
    change_text  TEXT,
    change_unit  TEXT,
    basis        TEXT,
    counterpart  TEXT,
    figures      TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
"#;

/// Secondary indexes. Into an empty database they are built once at the end of the run,
/// which is several times faster than keeping them up to date row by row.
const INDEXES: &str = r#"
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE INDEX IF NOT EXISTS facts_subject ON facts (subject_code, indicator, period);
CREATE INDEX IF NOT EXISTS facts_indicator ON facts (indicator, period);
CREATE INDEX IF NOT EXISTS places_code ON places (code);
CREATE INDEX IF NOT EXISTS figures_kind_unit ON figures (kind, unit);
CREATE INDEX IF NOT EXISTS figures_unit ON figures (unit);
"#;

const DELETE: [&str; 4] = [
    "DELETE FROM figures WHERE article_id = ?1",
    "DELETE FROM places WHERE article_id = ?1",
    "DELETE FROM facts WHERE article_id = ?1",
    "DELETE FROM articles WHERE id = ?1",
];

const INSERT_ARTICLE: &str = r#"INSERT INTO articles (id, schema, source, published, section,
    "column", kind, headlines, title, byline, dateline, subheads, captions, text, warnings)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"#;

const INSERT_FIGURE: &str = "INSERT INTO figures (article_id, idx, kind, text, span_start,
    span_end, value, value_text, upper, upper_text, unit, approx, rule)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

const INSERT_PLACE: &str = "INSERT INTO places (article_id, idx, text, span_start, span_end,
    name, code, level, parents, rule)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

const INSERT_FACT: &str = "INSERT INTO facts (article_id, idx, subject, subject_code,
    indicator, period, value, value_text, unit, change, change_text, change_unit, basis,
    counterpart, figures)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";

/// The SQLite record sink.
pub struct SqliteSink {
    conn: Connection,
    shown: String,
    /// Records written since the last commit; 0 means no transaction is open.
    pending: usize,
    /// Whether the secondary indexes are still to be built (the database was empty).
    index_at_finish: bool,
}

impl SqliteSink {
    /// Opens or creates the database at `path`, sets WAL mode and creates the tables.
    /// An existing database of another layout version is refused, never altered.
    pub fn create(path: &Path) -> Result<SqliteSink, EmitError> {
        let shown = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| EmitError::Io {
                path: shown.clone(),
                source,
            })?;
        }
        let db = |source| EmitError::Database {
            path: shown.clone(),
            source,
        };
        let conn = Connection::open(path).map_err(db)?;
        // WAL lets readers query while a run writes; NORMAL sync is durable in WAL
        // against a killed process, which is the failure this sink guards against.
        // Foreign keys stay unenforced on this connection: `replace` deletes the
        // children itself, and checking the parent of every item row costs a seek each.
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(db)?;
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA busy_timeout = 10000;
             PRAGMA cache_size = -65536;
             PRAGMA temp_store = MEMORY;",
        )
        .map_err(db)?;
        conn.execute_batch(&format!("BEGIN IMMEDIATE;{CREATE}"))
            .map_err(db)?;
        let found: Option<i64> = conn
            .query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))
            .optional()
            .map_err(db)?
            .flatten();
        match found {
            None => {
                conn.execute(
                    "INSERT INTO schema_version (version, record_schema, written_by) VALUES (?1, ?2, ?3)",
                    params![
                        LAYOUT_VERSION,
                        crate::record::SCHEMA,
                        concat!("baokan ", env!("CARGO_PKG_VERSION"))
                    ],
                )
                .map_err(db)?;
            }
            Some(v) if v == LAYOUT_VERSION => {}
            Some(v) => {
                // Dropping the connection rolls the open transaction back.
                return Err(EmitError::Layout {
                    path: shown,
                    found: v,
                    expected: LAYOUT_VERSION,
                });
            }
        }
        let empty: bool = conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))
            .map_err(db)?;
        if !empty {
            conn.execute_batch(INDEXES).map_err(db)?;
        }
        conn.execute_batch("COMMIT").map_err(db)?;
        conn.set_prepared_statement_cache_capacity(16);
        Ok(SqliteSink {
            conn,
            shown,
            pending: 0,
            index_at_finish: empty,
        })
    }

    fn db(&self) -> impl Fn(rusqlite::Error) -> EmitError + '_ {
        |source| EmitError::Database {
            path: self.shown.clone(),
            source,
        }
    }

    fn commit(&mut self) -> Result<(), EmitError> {
        if self.pending > 0 {
            self.conn.execute_batch("COMMIT").map_err(self.db())?;
            self.pending = 0;
        }
        Ok(())
    }

    /// Deletes the rows of `r.id` and inserts the record's rows.
    fn replace(&self, r: &Record) -> Result<(), EmitError> {
        let db = self.db();
        let c = &self.conn;
        let id = r.id.as_str();
        for sql in DELETE {
            c.prepare_cached(sql).map_err(&db)?.execute([id]).map_err(&db)?;
        }
        c.prepare_cached(INSERT_ARTICLE)
            .map_err(&db)?
            .execute(params![
                id,
                r.schema,
                json(&r.source, id)?,
                r.published,
                r.section,
                r.column,
                json_str(&r.kind, id)?,
                json(&r.headlines, id)?,
                r.title,
                json(&r.byline, id)?,
                r.dateline.as_ref().map(|d| json(d, id)).transpose()?,
                json(&r.subheads, id)?,
                json(&r.captions, id)?,
                r.text,
                json(&r.warnings, id)?,
            ])
            .map_err(&db)?;
        if !r.figures.is_empty() {
            let mut st = c.prepare_cached(INSERT_FIGURE).map_err(&db)?;
            for (i, f) in r.figures.iter().enumerate() {
                let (value, value_text) = match &f.value {
                    FigureValue::Number(d) => (real(d), exact(d)),
                    FigureValue::Text(t) => (None, t.clone()),
                };
                st.execute(params![
                    id,
                    int(i),
                    f.kind.as_str(),
                    f.text,
                    int(f.span[0]),
                    int(f.span[1]),
                    value,
                    value_text,
                    f.upper.as_ref().and_then(real),
                    f.upper.as_ref().map(exact),
                    f.unit,
                    f.approx.as_ref().map(|a| json_str(a, id)).transpose()?,
                    f.rule,
                ])
                .map_err(&db)?;
            }
        }
        if !r.places.is_empty() {
            let mut st = c.prepare_cached(INSERT_PLACE).map_err(&db)?;
            for (i, p) in r.places.iter().enumerate() {
                st.execute(params![
                    id,
                    int(i),
                    p.text,
                    int(p.span[0]),
                    int(p.span[1]),
                    p.name,
                    p.code,
                    json_str(&p.level, id)?,
                    json(&p.parents, id)?,
                    p.rule,
                ])
                .map_err(&db)?;
            }
        }
        if !r.facts.is_empty() {
            let mut st = c.prepare_cached(INSERT_FACT).map_err(&db)?;
            for (i, f) in r.facts.iter().enumerate() {
                st.execute(params![
                    id,
                    int(i),
                    f.subject,
                    f.subject_code,
                    f.indicator,
                    f.period,
                    f.value.as_ref().and_then(real),
                    f.value.as_ref().map(exact),
                    f.unit,
                    f.change.as_ref().and_then(real),
                    f.change.as_ref().map(exact),
                    f.change_unit,
                    f.basis,
                    f.counterpart,
                    json(&f.figures, id)?,
                ])
                .map_err(&db)?;
            }
        }
        Ok(())
    }
}

impl Sink for SqliteSink {
    fn write(&mut self, record: &Record) -> Result<(), EmitError> {
        if self.pending == 0 {
            self.conn.execute_batch("BEGIN IMMEDIATE").map_err(self.db())?;
        }
        // On an error the caller drops the sink without `finish`; closing the
        // connection then rolls this batch back, rows of a half-written record included.
        self.replace(record)?;
        self.pending += 1;
        if self.pending >= BATCH {
            self.commit()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<(), EmitError> {
        self.commit()?;
        let db = self.db();
        if self.index_at_finish {
            self.conn
                .execute_batch(&format!("BEGIN IMMEDIATE;{INDEXES}COMMIT;"))
                .map_err(&db)?;
        }
        // Fold the WAL back into the main file so the database is one self-contained
        // file once the run is over.
        self.conn.execute_batch("PRAGMA optimize;").map_err(&db)?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(&db)?;
        drop(db);
        let shown = self.shown.clone();
        self.conn
            .close()
            .map_err(|(_, source)| EmitError::Database { path: shown, source })
    }
}

/// A list or object field as JSON text.
fn json<T: Serialize + ?Sized>(value: &T, id: &str) -> Result<String, EmitError> {
    serde_json::to_string(value).map_err(|source| EmitError::Serialize {
        id: id.to_owned(),
        source: source.into(),
    })
}

/// A unit enum (kind, level, approx) as its bare JSON name.
fn json_str<T: Serialize>(value: &T, id: &str) -> Result<String, EmitError> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Ok(other.to_string()),
        Err(source) => Err(EmitError::Serialize {
            id: id.to_owned(),
            source: source.into(),
        }),
    }
}

/// The exact decimal as text, without trailing zeros: the digits the JSON has.
fn exact(d: &Decimal) -> String {
    d.normalize().to_string()
}

/// The nearest `f64` to the decimal, read from its digits (correctly rounded).
fn real(d: &Decimal) -> Option<f64> {
    d.to_string().parse().ok()
}

/// Counts and offsets fit `i64` on every platform this builds for; saturate rather than
/// fail should one ever not.
fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn extension_chooses_sqlite() {
        for p in ["a.db", "x/y.sqlite", "z.SQLITE3"] {
            assert!(is_sqlite_path(Path::new(p)), "{p}");
        }
        for p in ["a.jsonl", "-", "db", "a.db.jsonl"] {
            assert!(!is_sqlite_path(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn exact_text_keeps_the_json_digits() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(exact(&d("5550000000000.00")), "5550000000000");
        assert_eq!(exact(&d("3147.04")), "3147.04");
        assert_eq!(exact(&d("-0.50")), "-0.5");
        assert_eq!(real(&d("5550000000000")), Some(5.55e12));
        assert_eq!(real(&d("0.1")), Some(0.1));
    }
}
