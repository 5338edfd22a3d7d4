//! JSON Lines output: one record per line, UTF-8, `\n` line ends.

use super::{AtomicFile, EmitError, Sink};
use crate::record::Record;
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// Writes serializable values as JSON Lines to a file (atomically) or to stdout.
pub struct JsonlWriter {
    out: Box<dyn Write + Send>,
    file: Option<AtomicFile>,
    shown: String,
    /// Lines not yet handed to `out`. Values are serialized straight into it (`sonic_rs`
    /// writes into a buffer it can reserve, not into any `Write`), which saves copying
    /// every line again into a `BufWriter`.
    pending: Vec<u8>,
    /// Size at which `pending` is written out.
    flush_at: usize,
}

/// Buffer size of files and standard output.
const FILE_BUFFER: usize = 1 << 16;

impl JsonlWriter {
    /// Opens `path` for writing; `-` is standard output. With `append`, the current
    /// contents of the target are copied first (for `--resume`).
    pub fn create(path: &Path, append: bool) -> Result<JsonlWriter, EmitError> {
        let shown = path.display().to_string();
        if path.as_os_str() == "-" {
            return Ok(JsonlWriter::new(
                Box::new(std::io::stdout()),
                None,
                shown,
                FILE_BUFFER,
            ));
        }
        let atomic = AtomicFile::new(path)?;
        let io = |source| EmitError::Io {
            path: shown.clone(),
            source,
        };
        if append && path.exists() {
            std::fs::copy(path, atomic.temp_path()).map_err(io)?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .write(true)
            .append(append)
            .truncate(!append)
            .open(atomic.temp_path())
            .map_err(io)?;
        Ok(JsonlWriter::new(Box::new(file), Some(atomic), shown, FILE_BUFFER))
    }

    /// Writes to standard error (rejects when the records go to standard output).
    pub fn stderr() -> JsonlWriter {
        // The buffer size of `BufWriter::new`, which it had before.
        JsonlWriter::new(Box::new(std::io::stderr()), None, "<stderr>".to_owned(), 8 * 1024)
    }

    fn new(
        out: Box<dyn Write + Send>,
        file: Option<AtomicFile>,
        shown: String,
        flush_at: usize,
    ) -> JsonlWriter {
        JsonlWriter {
            out,
            file,
            shown,
            pending: Vec::with_capacity(flush_at),
            flush_at,
        }
    }

    /// Writes one value as one line.
    ///
    /// Strings and numbers are written by `sonic_rs` rather than `serde_json`: the
    /// output is the same bytes, but it scans strings for characters to escape many
    /// bytes at a time, and escaping the article texts was most of the writer thread's
    /// work (docs/performance.md). Field names are copied by [`super::json`].
    pub fn write_line<T: Serialize>(&mut self, value: &T, id: &str) -> Result<(), EmitError> {
        let start = self.pending.len();
        if let Err(source) = super::json::write(&mut self.pending, value) {
            // No part of a line that failed is written.
            self.pending.truncate(start);
            return Err(EmitError::Serialize {
                id: id.to_owned(),
                source: source.into(),
            });
        }
        self.pending.push(b'\n');
        if self.pending.len() >= self.flush_at {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Hands the pending lines to `out`.
    fn write_pending(&mut self) -> Result<(), EmitError> {
        let written = self.out.write_all(&self.pending);
        self.pending.clear();
        written.map_err(|source| EmitError::Io {
            path: self.shown.clone(),
            source,
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> Result<(), EmitError> {
        self.write_pending()?;
        let io = |source| EmitError::Io {
            path: self.shown.clone(),
            source,
        };
        self.out.flush().map_err(io)?;
        if let Some(file) = self.file.take() {
            File::open(file.temp_path())
                .and_then(|f| f.sync_all())
                .map_err(io)?;
            file.commit()?;
        }
        Ok(())
    }
}

impl Drop for JsonlWriter {
    /// Hands on what is pending, as a `BufWriter` does when dropped: lines written to
    /// standard output before a failed run still come out.
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.out.write_all(&self.pending);
        }
    }
}

/// The JSON Lines record sink.
pub struct JsonlSink(JsonlWriter);

impl JsonlSink {
    /// Opens the output (see [`JsonlWriter::create`]).
    pub fn create(path: &Path, append: bool) -> Result<JsonlSink, EmitError> {
        JsonlWriter::create(path, append).map(JsonlSink)
    }
}

impl Sink for JsonlSink {
    fn write(&mut self, record: &Record) -> Result<(), EmitError> {
        self.0.write_line(record, &record.id)
    }

    fn finish(self: Box<Self>) -> Result<(), EmitError> {
        self.0.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::FigureValue;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// Everything a record's strings and numbers can hold, for comparing the line
    /// writer with `serde_json`, whose bytes the output contract was written against.
    #[derive(Serialize)]
    struct Sample {
        text: String,
        list: Vec<String>,
        values: Vec<FigureValue>,
        floats: Vec<f64>,
        ints: Vec<i64>,
        none: Option<String>,
    }

    fn sample() -> Sample {
        let controls: String = (0u8..0x20).map(char::from).collect();
        let decimals = [
            "5550000000000",
            "3147.04",
            "66.6667",
            "-0.5",
            "0.0000001",
            "123456789012345678",
            "1e21",
            "0.1",
        ];
        Sample {
            text: format!("{controls}\"\\/\u{7f}\u{2028}\u{2029}浙江省５．５５万亿元😀"),
            list: vec![String::new(), "本报讯".to_owned(), "a\"b".repeat(40)],
            values: decimals
                .iter()
                .map(|d| {
                    Decimal::from_str(d)
                        .or_else(|_| Decimal::from_scientific(d))
                        .map(FigureValue::Number)
                        .unwrap()
                })
                .chain([FigureValue::Text("2026-01-21".to_owned())])
                .collect(),
            floats: vec![
                0.1,
                1e21,
                1e-7,
                2.5e-300,
                1.7976931348623157e308,
                -0.0,
                66.6667,
                5e15,
            ],
            ints: vec![0, -1, i64::MIN, i64::MAX],
            none: None,
        }
    }

    #[test]
    fn lines_are_the_bytes_serde_json_writes() {
        let dir = std::env::temp_dir().join(format!("baokan-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.jsonl");
        let mut writer = JsonlWriter::create(&path, false).unwrap();
        let value = sample();
        writer.write_line(&value, "x").unwrap();
        writer.write_line(&value, "y").unwrap();
        writer.commit().unwrap();
        let expected = serde_json::to_string(&value).unwrap() + "\n";
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected.repeat(2));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
