//! JSON Lines output: one record per line, UTF-8, `\n` line ends.

use super::{AtomicFile, EmitError, Sink};
use crate::record::Record;
use serde::Serialize;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

/// Writes serializable values as JSON Lines to a file (atomically) or to stdout.
pub struct JsonlWriter {
    out: BufWriter<Box<dyn Write + Send>>,
    file: Option<AtomicFile>,
    shown: String,
}

impl JsonlWriter {
    /// Opens `path` for writing; `-` is standard output. With `append`, the current
    /// contents of the target are copied first (for `--resume`).
    pub fn create(path: &Path, append: bool) -> Result<JsonlWriter, EmitError> {
        let shown = path.display().to_string();
        if path.as_os_str() == "-" {
            return Ok(JsonlWriter {
                out: BufWriter::with_capacity(1 << 16, Box::new(std::io::stdout())),
                file: None,
                shown,
            });
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
        Ok(JsonlWriter {
            out: BufWriter::with_capacity(1 << 16, Box::new(file) as Box<dyn Write + Send>),
            file: Some(atomic),
            shown,
        })
    }

    /// Writes to standard error (rejects when the records go to standard output).
    pub fn stderr() -> JsonlWriter {
        JsonlWriter {
            out: BufWriter::new(Box::new(std::io::stderr())),
            file: None,
            shown: "<stderr>".to_owned(),
        }
    }

    /// Writes one value as one line.
    pub fn write_line<T: Serialize>(&mut self, value: &T, id: &str) -> Result<(), EmitError> {
        serde_json::to_writer(&mut self.out, value).map_err(|source| EmitError::Serialize {
            id: id.to_owned(),
            source,
        })?;
        self.out.write_all(b"\n").map_err(|source| EmitError::Io {
            path: self.shown.clone(),
            source,
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(mut self) -> Result<(), EmitError> {
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
