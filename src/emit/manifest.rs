//! The manifest beside an output: which inputs a finished run completed, with their
//! size and hash, so that `--resume` can skip them and append only what is new.

use super::{AtomicFile, EmitError};
use crate::read::{self, Digest, Input};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Completed inputs by path as shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    entries: BTreeMap<String, Digest>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    path: String,
    #[serde(flatten)]
    digest: Digest,
}

impl Manifest {
    /// Path of the manifest that belongs to `output` (`records.jsonl.manifest`).
    pub fn path_for(output: &Path) -> PathBuf {
        let mut name = output.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".manifest");
        output.with_file_name(name)
    }

    /// Reads a manifest; a missing file is an empty manifest, a damaged line an error.
    pub fn load(path: &Path) -> Result<Manifest, EmitError> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(source) => {
                return Err(EmitError::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        };
        let mut entries = BTreeMap::new();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let entry: Entry = serde_json::from_str(line).map_err(|e| EmitError::Io {
                path: format!("{}:{}", path.display(), i + 1),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            })?;
            entries.insert(entry.path, entry.digest);
        }
        Ok(Manifest { entries })
    }

    /// Whether `input` was completed by a previous run and has not changed since.
    pub fn has_unchanged(&self, input: &Input) -> bool {
        let (Some(path), Some(known)) = (&input.path, self.entries.get(&input.shown)) else {
            return false;
        };
        known.size == input.bytes && read::digest_file(path).is_ok_and(|d| d == *known)
    }

    /// Records a completed input.
    pub fn add(&mut self, input: &Input, digest: Digest) {
        if input.path.is_some() {
            self.entries.insert(input.shown.clone(), digest);
        }
    }

    /// Number of inputs listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no input is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Writes the manifest atomically.
    pub fn save(&self, path: &Path) -> Result<(), EmitError> {
        let file = AtomicFile::new(path)?;
        let io = |source| EmitError::Io {
            path: path.display().to_string(),
            source,
        };
        let mut out = std::io::BufWriter::new(std::fs::File::create(file.temp_path()).map_err(io)?);
        for (path, digest) in &self.entries {
            let line = serde_json::to_string(&Entry {
                path: path.clone(),
                digest: *digest,
            })
            .map_err(|e| io(std::io::Error::other(e)))?;
            writeln!(out, "{line}").map_err(io)?;
        }
        out.flush().map_err(io)?;
        drop(out);
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::InputFormat;

    #[test]
    fn round_trips_and_detects_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "浙江").unwrap();
        let input = Input {
            path: Some(file.clone()),
            shown: "a.txt".into(),
            format: InputFormat::Text,
            bytes: 6,
        };
        let mut m = Manifest::default();
        m.add(&input, read::digest_file(&file).unwrap());
        let path = Manifest::path_for(&dir.path().join("records.jsonl"));
        assert!(path.ends_with("records.jsonl.manifest"));
        m.save(&path).unwrap();
        let loaded = Manifest::load(&path).unwrap();
        assert_eq!(loaded, m);
        assert!(loaded.has_unchanged(&input));
        std::fs::write(&file, "宁波").unwrap();
        assert!(
            !loaded.has_unchanged(&input),
            "help: same size, other content must not count as done"
        );
    }
}
