//! Stage 7: write records and rejects.
//!
//! The output sink is the one place where a run-time choice is made (JSON Lines or a
//! database), so it is a trait. A killed run leaves the previous output intact: the
//! JSON Lines sink writes to a temporary file beside its target and renames it into
//! place only when the run finishes; the SQLite sink relies on SQLite's transactions.

pub mod json;
pub mod jsonl;
pub mod manifest;
pub mod sqlite;

use crate::record::Record;
use std::path::{Path, PathBuf};

/// Errors while writing output.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A file could not be created, written or renamed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A record could not be serialized.
    #[error("cannot serialize record {id}: {source}")]
    Serialize {
        /// Record id.
        id: String,
        /// What went wrong (from `serde_json` or `sonic_rs`).
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The database refused a statement.
    #[error("{path}: {source}")]
    Database {
        /// The database file.
        path: String,
        /// What went wrong.
        source: rusqlite::Error,
    },
    /// An existing database has a table layout this version does not write.
    #[error("{path}: database layout version {found}, this baokan writes version {expected}")]
    Layout {
        /// The database file.
        path: String,
        /// Version found in its `schema_version` table.
        found: i64,
        /// [`sqlite::LAYOUT_VERSION`].
        expected: i64,
    },
}

/// Where records go.
pub trait Sink: Send {
    /// Writes one record.
    fn write(&mut self, record: &Record) -> Result<(), EmitError>;
    /// Flushes and moves the output into place.
    fn finish(self: Box<Self>) -> Result<(), EmitError>;
}

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`];
/// dropped without commit, the temporary file is removed.
#[derive(Debug)]
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl AtomicFile {
    /// Picks the temporary name beside `target` (creating the folder if needed).
    pub fn new(target: &Path) -> Result<AtomicFile, EmitError> {
        let io = |source| EmitError::Io {
            path: target.display().to_string(),
            source,
        };
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            committed: false,
        })
    }

    /// The temporary path to write to.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// The final path.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the temporary file onto the target.
    pub fn commit(mut self) -> Result<(), EmitError> {
        std::fs::rename(&self.temp, &self.target).map_err(|source| EmitError::Io {
            path: self.target.display().to_string(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}
