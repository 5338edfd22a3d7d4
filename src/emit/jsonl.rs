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
        Ok(JsonlWriter::new(
            Box::new(WritebackFile::new(file, WRITEBACK_EVERY)),
            Some(atomic),
            shown,
            FILE_BUFFER,
        ))
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

    /// Flushes, makes the file durable and renames it into place.
    pub fn commit(mut self) -> Result<(), EmitError> {
        self.write_pending()?;
        let io = |source| EmitError::Io {
            path: self.shown.clone(),
            source,
        };
        self.out.flush().map_err(io)?;
        // Closes the file, which waits for a write-back under way.
        self.out = Box::new(std::io::sink());
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

/// Output bytes after which the kernel is asked to write the file back.
const WRITEBACK_EVERY: u64 = 8 << 20;

/// A file that asks the kernel, every so many bytes ([`WRITEBACK_EVERY`] for outputs), to
/// write back what it holds so far, on a thread of its own that only waits on the disk. The `fsync` before
/// the rename (which makes the output durable) then finds little left to write: done
/// all at the end, it took 60 to 80 ms for the corpus's 86 MB, with no other work to
/// hide behind (docs/performance.md).
struct WritebackFile {
    file: File,
    every: u64,
    since_writeback: u64,
    writeback: Option<Writeback>,
}

/// The write-back thread and the channel that wakes it.
struct Writeback {
    wake: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl WritebackFile {
    fn new(file: File, every: u64) -> WritebackFile {
        WritebackFile {
            file,
            every,
            since_writeback: 0,
            writeback: None,
        }
    }

    /// Wakes the write-back thread (starting it the first time); a wake while it is
    /// still busy is dropped, as the next one covers the same bytes.
    fn request_writeback(&mut self) {
        if self.writeback.is_none() {
            // Errors here only lose the head start: the final `fsync` reports them.
            let Ok(clone) = self.file.try_clone() else { return };
            let (wake, woken) = std::sync::mpsc::sync_channel::<()>(1);
            // A thread the system refuses (`spawn` would panic) only loses the head start.
            let Ok(thread) = std::thread::Builder::new()
                .name("writeback".to_owned())
                .spawn(move || {
                    for () in woken {
                        let _ = clone.sync_data();
                    }
                })
            else {
                return;
            };
            self.writeback = Some(Writeback { wake, thread });
        }
        if let Some(w) = &self.writeback {
            let _ = w.wake.try_send(());
        }
    }
}

impl Write for WritebackFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.since_writeback += n as u64;
        if self.since_writeback >= self.every {
            self.since_writeback = 0;
            self.request_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for WritebackFile {
    fn drop(&mut self) {
        if let Some(Writeback { wake, thread }) = self.writeback.take() {
            drop(wake);
            let _ = thread.join();
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

    #[test]
    fn a_file_written_back_as_it_grows_holds_every_line_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        let atomic = AtomicFile::new(&path).unwrap();
        let file = File::create(atomic.temp_path()).unwrap();
        // Write-back every 100 bytes, flushed every 64: many wakes, most while busy.
        let mut writer = JsonlWriter::new(
            Box::new(WritebackFile::new(file, 100)),
            Some(atomic),
            path.display().to_string(),
            64,
        );
        for i in 0..2000 {
            writer.write_line(&format!("line {i}"), "id").unwrap();
        }
        writer.commit().unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        let expected: String = (0..2000).map(|i| format!("\"line {i}\"\n")).collect();
        assert_eq!(written, expected);
    }
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
