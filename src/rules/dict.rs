//! `rules/dict.txt`: words added to jieba's default dictionary.
//!
//! The format is jieba's own, `word [freq] [tag]`, one entry a line, `#` starts a
//! comment. We parse it ourselves rather than handing it to `Jieba::load_dict` so that
//! a bad line is reported with its position instead of failing the whole load.

use super::{RuleDir, RuleError, read_or_record};

/// One user dictionary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictEntry {
    /// The word.
    pub word: String,
    /// Frequency, or `None` to let jieba pick one that keeps the word whole.
    pub freq: Option<usize>,
    /// Part-of-speech tag (`ns` for places, `nt` for organisations, …).
    pub tag: Option<String>,
}

/// The parsed user dictionary.
#[derive(Debug, Clone, Default)]
pub struct UserDict {
    /// Entries in file order.
    pub entries: Vec<DictEntry>,
}

impl UserDict {
    /// Loads `dict.txt`, recording every bad line.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<UserDict> {
        let file = read_or_record(dir, "dict.txt", errors)?;
        let before = errors.len();
        let mut entries = Vec::new();
        for (i, raw) in file.text.lines().enumerate() {
            let line_no = i + 1;
            let content = raw.split('#').next().unwrap_or("").trim_end();
            if content.trim().is_empty() {
                continue;
            }
            let indent = content.len() - content.trim_start().len();
            let mut fields = content.split_whitespace();
            let Some(word) = fields.next() else { continue };
            let mut entry = DictEntry {
                word: word.to_owned(),
                freq: None,
                tag: None,
            };
            let rest: Vec<&str> = fields.collect();
            let mut tag_field = None;
            match rest.as_slice() {
                [] => {}
                [one] => match one.parse::<usize>() {
                    Ok(f) => entry.freq = Some(f),
                    Err(_) => tag_field = Some(*one),
                },
                [freq, tag] => {
                    match freq.parse::<usize>() {
                        Ok(f) => entry.freq = Some(f),
                        Err(_) => {
                            let col = column_of(raw, freq, indent + word.len());
                            errors.push(file.error_at_line(
                                line_no,
                                col,
                                format!("frequency `{freq}` is not a whole number"),
                                Some("write `word [frequency] [tag]`, e.g. `宁波舟山港 1000 ns`"),
                            ));
                        }
                    }
                    tag_field = Some(*tag);
                }
                [_, _, extra, ..] => {
                    let col = column_of(raw, extra, 0);
                    errors.push(file.error_at_line(
                        line_no,
                        col,
                        format!("unexpected field `{extra}`"),
                        Some("a line holds at most three fields: word, frequency, tag"),
                    ));
                }
            }
            if let Some(tag) = tag_field {
                if tag.chars().all(|c| c.is_ascii_alphabetic()) {
                    entry.tag = Some(tag.to_owned());
                } else {
                    let col = column_of(raw, tag, indent + word.len());
                    errors.push(file.error_at_line(
                        line_no,
                        col,
                        format!("tag `{tag}` is not a part-of-speech tag"),
                        Some("tags are ASCII letters such as n, ns, nt, nr, v"),
                    ));
                }
            }
            entries.push(entry);
        }
        (errors.len() == before).then_some(UserDict { entries })
    }
}

/// 1-based character column of `needle` in `line`, searching from byte `from`.
fn column_of(line: &str, needle: &str, from: usize) -> usize {
    let from = from.min(line.len());
    let byte = line[from..].find(needle).map_or(0, |i| i + from);
    line[..byte].chars().count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn load(text: &str) -> (Option<UserDict>, Vec<RuleError>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::File::create(dir.path().join("dict.txt"))
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let mut errors = Vec::new();
        let dict = UserDict::load(&RuleDir::Disk(dir.path().to_path_buf()), &mut errors);
        (dict, errors)
    }

    #[test]
    fn reads_words_frequencies_and_tags() {
        let (dict, errors) = load("# comment\n宁波舟山港 1000 ns\n提香 nz\n新三样\n");
        assert!(errors.is_empty(), "{errors:?}");
        let entries = dict.unwrap().entries;
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].freq, Some(1000));
        assert_eq!(entries[0].tag.as_deref(), Some("ns"));
        assert_eq!(entries[1].freq, None);
        assert_eq!(entries[1].tag.as_deref(), Some("nz"));
    }

    #[test]
    fn bad_frequency_is_reported_with_position() {
        let (dict, errors) = load("好词\n宁波舟山港 12x ns\n");
        assert!(dict.is_none());
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (2, 7));
        assert!(errors[0].message.contains("12x"), "{}", errors[0].message);
    }

    #[test]
    fn too_many_fields_is_reported() {
        let (_, errors) = load("词 1 n extra\n");
        assert_eq!((errors[0].line, errors[0].col), (1, 7));
    }
}
