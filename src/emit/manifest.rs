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
    entries: BTreeMap<String, Known>,
}

/// What a manifest says of one input: its size and the hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    /// XXH3-64, as runs write now.
    Xxh3(Digest),
    /// FNV-1a 64, from a manifest written before XXH3; still honoured, so that an
    /// archive half done with an older release resumes without doing inputs twice.
    Fnv1a(Digest),
}

/// One line of the manifest: `{"path":…,"size":…,"xxh3":"16 hex digits"}`; older
/// manifests have `"hash"` (FNV-1a) in place of `"xxh3"`.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    path: String,
    size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "hex_u64")]
    xxh3: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "hex_u64")]
    hash: Option<u64>,
}

mod hex_u64 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&format!("{v:016x}")),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16)
            .map(Some)
            .map_err(serde::de::Error::custom)
    }
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
            let damaged = |e: String| EmitError::Io {
                path: format!("{}:{}", path.display(), i + 1),
                source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
            };
            let entry: Entry = serde_json::from_str(line).map_err(|e| damaged(e.to_string()))?;
            let known = match (entry.xxh3, entry.hash) {
                (Some(hash), _) => Known::Xxh3(Digest {
                    size: entry.size,
                    hash,
                }),
                (None, Some(hash)) => Known::Fnv1a(Digest {
                    size: entry.size,
                    hash,
                }),
                (None, None) => return Err(damaged("no `xxh3` or `hash` of the input".to_owned())),
            };
            entries.insert(entry.path, known);
        }
        Ok(Manifest { entries })
    }

    /// Whether `input` was completed by a previous run and has not changed since.
    pub fn has_unchanged(&self, input: &Input) -> bool {
        let (Some(path), Some(known)) = (&input.path, self.entries.get(&input.shown)) else {
            return false;
        };
        match *known {
            Known::Xxh3(digest) => {
                digest.size == input.bytes && read::digest_file(path).is_ok_and(|d| d == digest)
            }
            Known::Fnv1a(digest) => {
                digest.size == input.bytes && read::fnv1a_digest_file(path).is_ok_and(|d| d == digest)
            }
        }
    }

    /// Records a completed input.
    pub fn add(&mut self, input: &Input, digest: Digest) {
        if input.path.is_some() {
            self.entries.insert(input.shown.clone(), Known::Xxh3(digest));
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
        for (path, known) in &self.entries {
            let (digest, xxh3, hash) = match *known {
                Known::Xxh3(d) => (d, Some(d.hash), None),
                Known::Fnv1a(d) => (d, None, Some(d.hash)),
            };
            let line = serde_json::to_string(&Entry {
                path: path.clone(),
                size: digest.size,
                xxh3,
                hash,
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

    /// `a.txt` in `dir`, holding 浙江 (six bytes), and the input that reads it.
    fn text_input(dir: &Path) -> (PathBuf, Input) {
        let file = dir.join("a.txt");
        std::fs::write(&file, "浙江").unwrap();
        let input = Input {
            path: Some(file.clone()),
            shown: "a.txt".into(),
            format: InputFormat::Text,
            bytes: 6,
        };
        (file, input)
    }

    #[test]
    fn a_manifest_of_fnv1a_hashes_still_tells_done_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let (file, input) = text_input(dir.path());
        // FNV-1a 64 of the six bytes of 浙江, as an older release wrote it.
        let fnv = read::fnv1a(read::FNV_OFFSET, "浙江".as_bytes());
        let path = dir.path().join("records.jsonl.manifest");
        std::fs::write(
            &path,
            format!("{{\"path\":\"a.txt\",\"size\":6,\"hash\":\"{fnv:016x}\"}}\n"),
        )
        .unwrap();
        let loaded = Manifest::load(&path).unwrap();
        assert!(loaded.has_unchanged(&input));
        // Saved again, the old entry keeps its hash and its name.
        loaded.save(&path).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            format!("{{\"path\":\"a.txt\",\"size\":6,\"hash\":\"{fnv:016x}\"}}\n")
        );
        std::fs::write(&file, "宁波").unwrap();
        assert!(!loaded.has_unchanged(&input));
        std::fs::write(&path, "{\"path\":\"a.txt\",\"size\":6}\n").unwrap();
        let err = Manifest::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("records.jsonl.manifest:1") && err.contains("xxh3"),
            "{err}"
        );
    }

    #[test]
    fn round_trips_and_detects_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (file, input) = text_input(dir.path());
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
