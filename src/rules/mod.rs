//! Loading and validating the rule files in `rules/`.
//!
//! Rules are data: a user edits them and reruns without recompiling. Each file is read
//! into a raw spec (serde, `deny_unknown_fields`), then compiled into matchers once per
//! run and shared by every worker thread. Every problem is collected, not just the
//! first, and reported as `path:line:col: what is wrong` with a `help:` line.
//!
//! When no `rules/` folder is given or found, the copy compiled into the binary is used,
//! so an installed binary works anywhere.

pub mod dict;
pub mod examples;
pub mod figures;
pub mod layout;
pub mod link;
pub mod names;
pub mod places;
pub mod script;

use serde::de::DeserializeOwned;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The compiled rules of one run.
#[derive(Debug)]
pub struct Rules {
    /// Where the rules came from, for messages.
    pub origin: String,
    /// Words added to jieba (`dict.txt`).
    pub dict: dict::UserDict,
    /// Currencies, units, scales, qualifiers (`figures.toml`).
    pub figures: figures::FigureRules,
    /// Gazetteer, aliases, regions, stop lists (`places.toml`, `places/*.tsv`).
    pub places: places::PlaceRules,
    /// Page layout cues (`layout.toml`).
    pub layout: layout::LayoutRules,
    /// Indicators, change verbs, basis words (`link.toml`).
    pub link: link::LinkRules,
    /// Traditional characters read as simplified ones (`script_fold.tsv`).
    pub script: script::ScriptFold,
}

/// One problem in a rule file, with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Path of the file as shown to the user (`rules/figures.toml`).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\nhelp: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found while loading the rules.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct RuleErrors(pub Vec<RuleError>);

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// The text of one rule file and the path to show in messages.
#[derive(Debug, Clone)]
pub struct RuleFile {
    /// Display path (`rules/figures.toml`).
    pub path: String,
    /// Whole contents.
    pub text: String,
    /// Byte offset of each line's start, built on first use: every rule example is
    /// located by line at load, and counting lines from the file's start for each grew
    /// with the square of the file (21 M instructions for 754 examples).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl RuleFile {
    /// A rule file with this display path and contents.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> RuleFile {
        RuleFile {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// 1-based line and column (in chars) of byte `byte` of the file.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        });
        let byte = byte.min(self.text.len());
        let line = starts.partition_point(|&s| s <= byte);
        let line_start = starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let col = self.text.get(line_start..byte).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// An error at a byte range of this file.
    pub fn error_at(&self, span: Range<usize>, message: impl Into<String>, help: Option<&str>) -> RuleError {
        let (line, col) = self.line_col(span.start);
        RuleError {
            path: self.path.clone(),
            line,
            col,
            message: message.into(),
            help: help.map(str::to_owned),
        }
    }

    /// An error at a 1-based line and column of this file.
    pub fn error_at_line(
        &self,
        line: usize,
        col: usize,
        message: impl Into<String>,
        help: Option<&str>,
    ) -> RuleError {
        RuleError {
            path: self.path.clone(),
            line,
            col,
            message: message.into(),
            help: help.map(str::to_owned),
        }
    }

    /// Deserializes the file as TOML into a raw spec; a syntax or schema error is
    /// recorded with its position and `None` is returned.
    pub fn parse_toml<T: DeserializeOwned>(&self, errors: &mut Vec<RuleError>) -> Option<T> {
        match toml::from_str::<T>(&self.text) {
            Ok(spec) => Some(spec),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim().to_owned();
                let help = toml_help(&message);
                errors.push(self.error_at(span, message, help));
                None
            }
        }
    }
}

fn toml_help(message: &str) -> Option<&'static str> {
    if message.starts_with("unknown field") {
        Some("remove the key or correct its spelling; the allowed keys are listed in the message")
    } else if message.starts_with("missing field") {
        Some("add the key to this table")
    } else if message.starts_with("invalid type") {
        Some("check the value's type: strings are quoted, lists use [ ]")
    } else if message.contains("duplicate key") {
        Some("each key may appear once per table")
    } else {
        Some("see rules/README.md for the format of this file")
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let before = text.get(..byte).unwrap_or(text);
    // memchr's SIMD search: every example of a rule file is located by this from the
    // file's start at load, 135 M instructions with `matches('\n')`.
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Where rule files are read from.
#[derive(Debug, Clone)]
pub enum RuleDir {
    /// A folder on disk.
    Disk(PathBuf),
    /// The copy compiled into the binary.
    Bundled,
}

/// Rule files compiled into the binary, by path relative to `rules/`.
const BUNDLED: &[(&str, &str)] = &[
    ("dict.txt", include_str!("../../rules/dict.txt")),
    ("figures.toml", include_str!("../../rules/figures.toml")),
    ("places.toml", include_str!("../../rules/places.toml")),
    (
        "places/divisions.tsv",
        include_str!("../../rules/places/divisions.tsv"),
    ),
    (
        "places/countries.tsv",
        include_str!("../../rules/places/countries.tsv"),
    ),
    (
        "places/common_words.tsv",
        include_str!("../../rules/places/common_words.tsv"),
    ),
    ("layout.toml", include_str!("../../rules/layout.toml")),
    ("link.toml", include_str!("../../rules/link.toml")),
    ("script_fold.tsv", include_str!("../../rules/script_fold.tsv")),
    ("lunar_months.tsv", include_str!("../../rules/lunar_months.tsv")),
];

impl RuleDir {
    /// `dir` when given, else `rules/` in the working directory if it exists, else the
    /// bundled copy.
    pub fn choose(dir: Option<&Path>) -> RuleDir {
        match dir {
            Some(d) => RuleDir::Disk(d.to_path_buf()),
            None if Path::new("rules").is_dir() => RuleDir::Disk(PathBuf::from("rules")),
            None => RuleDir::Bundled,
        }
    }

    /// Human-readable origin.
    pub fn describe(&self) -> String {
        match self {
            RuleDir::Disk(p) => p.display().to_string(),
            RuleDir::Bundled => "bundled rules".to_owned(),
        }
    }

    /// Reads one rule file by its path relative to the rules folder.
    pub fn read(&self, name: &str) -> Result<RuleFile, RuleError> {
        match self {
            RuleDir::Disk(dir) => {
                let path = dir.join(name);
                let shown = path.display().to_string();
                match std::fs::read(&path) {
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => Ok(RuleFile::new(shown, text)),
                        Err(e) => {
                            let valid = e.utf8_error().valid_up_to();
                            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                            let (line, col) = line_col(&text, valid);
                            Err(RuleError {
                                path: shown,
                                line,
                                col,
                                message: "file is not valid UTF-8".to_owned(),
                                help: Some("save rule files as UTF-8".to_owned()),
                            })
                        }
                    },
                    Err(e) => Err(RuleError {
                        path: shown,
                        line: 1,
                        col: 1,
                        message: format!("cannot read: {e}"),
                        help: Some(
                            "every rule file must be present; copy the missing one from the bundled rules/"
                                .to_owned(),
                        ),
                    }),
                }
            }
            RuleDir::Bundled => BUNDLED
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, text)| RuleFile::new(format!("rules/{n}"), *text))
                .ok_or_else(|| RuleError {
                    path: format!("rules/{name}"),
                    line: 1,
                    col: 1,
                    message: "not among the bundled rule files".to_owned(),
                    help: None,
                }),
        }
    }
}

impl Rules {
    /// Loads and compiles every rule file, collecting all errors.
    pub fn load(dir: &RuleDir) -> Result<Rules, RuleErrors> {
        let mut errors = Vec::new();
        let dict = dict::UserDict::load(dir, &mut errors);
        let figures = figures::FigureRules::load(dir, &mut errors);
        let places = places::PlaceRules::load(dir, &mut errors);
        let layout = layout::LayoutRules::load(dir, &mut errors);
        let link = link::LinkRules::load(dir, &mut errors);
        // The number reader knows its digits as written (`參`, `陸`, `貳`).
        let script = script::ScriptFold::load(dir, &mut errors).map(|mut s| {
            s.keep_as_written(|c| figures::NUMBER_CHARS.contains(c));
            s
        });
        match (dict, figures, places, layout, link, script) {
            (Some(dict), Some(figures), Some(places), Some(layout), Some(link), Some(script))
                if errors.is_empty() =>
            {
                Ok(Rules {
                    origin: dir.describe(),
                    dict,
                    figures,
                    places,
                    layout,
                    link,
                    script,
                })
            }
            _ => {
                errors.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
                Err(RuleErrors(errors))
            }
        }
    }

    /// Every example embedded in the rule files, file by file.
    pub fn examples(&self) -> impl Iterator<Item = &examples::RuleExample> {
        self.figures
            .examples
            .iter()
            .chain(&self.places.examples)
            .chain(&self.layout.examples)
            .chain(&self.link.examples)
    }

    /// The rules compiled into the binary.
    pub fn bundled() -> Result<Rules, RuleErrors> {
        Rules::load(&RuleDir::Bundled)
    }
}

/// Reads a TSV rule file: non-comment lines split on tabs, with 1-based line numbers.
pub(crate) fn tsv_rows(file: &RuleFile) -> impl Iterator<Item = (usize, &str)> {
    file.text.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        (!line.is_empty() && !line.starts_with('#')).then_some((i + 1, line))
    })
}

/// Exactly `N` tab-separated columns, or the number found.
pub(crate) fn columns<const N: usize>(line: &str) -> Result<[&str; N], usize> {
    let mut out = [""; N];
    let mut n = 0;
    for col in line.split('\t') {
        if n < N {
            out[n] = col;
        }
        n += 1;
    }
    if n == N { Ok(out) } else { Err(n) }
}

/// Reads a rule file, recording an error when it cannot be read.
pub(crate) fn read_or_record(dir: &RuleDir, name: &str, errors: &mut Vec<RuleError>) -> Option<RuleFile> {
    match dir.read(name) {
        Ok(f) => Some(f),
        Err(e) => {
            errors.push(e);
            None
        }
    }
}

/// Where the items of a list sorted by first char lie, per first char, so that a text
/// position is compared only with the words that start as it does (veto suffixes of
/// places, word lists of the linker).
#[derive(Debug, Clone, Default)]
pub(crate) struct FirstCharGroups(Vec<(char, u32, u32)>);

impl FirstCharGroups {
    /// The groups of `firsts`: the first chars of a list already sorted by them.
    pub(crate) fn of_sorted(firsts: impl Iterator<Item = char>) -> FirstCharGroups {
        let mut groups: Vec<(char, u32, u32)> = Vec::new();
        for (i, c) in firsts.enumerate() {
            let i = i as u32;
            match groups.last_mut() {
                Some((last, _, end)) if *last == c => *end = i + 1,
                _ => groups.push((c, i, i + 1)),
            }
        }
        FirstCharGroups(groups)
    }

    /// The range of the list's items that start with `c` (empty when none does).
    pub(crate) fn range(&self, c: char) -> Range<usize> {
        match self.0.binary_search_by_key(&c, |g| g.0) {
            Ok(g) => {
                let (_, from, to) = self.0[g];
                from as usize..to as usize
            }
            Err(_) => 0..0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\n键 = \"值\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let b = text.find('=').unwrap();
        assert_eq!(line_col(text, b), (1, 3));
        let second = text.find('键').unwrap();
        let eq = second + text[second..].find('=').unwrap();
        assert_eq!(line_col(text, eq), (2, 3));
        let file = RuleFile::new("rules/x.toml", text);
        for byte in [0, b, second, eq, text.len()] {
            assert_eq!(file.line_col(byte), line_col(text, byte), "at byte {byte}");
        }
    }

    #[test]
    fn bundled_rules_load() {
        if let Err(e) = Rules::bundled() {
            panic!("bundled rules fail to load:\n{e}\nhelp: run `baokan rules check` on rules/");
        }
    }
}
