//! `rules/script_fold.tsv`: traditional characters the rules read as simplified ones.
//!
//! Every rule file, the gazetteer and jieba's dictionary are written in simplified
//! characters; a page decoded from Big5 is not. Rather than doubling every unit,
//! currency and place name, an article is matched through a folded copy of its text in
//! which each listed character is replaced by its simplified form. The copy has the same
//! chars at the same char and byte offsets (the loader refuses pairs of different UTF-8
//! length), so spans found on it hold for the original, from which the pipeline cuts
//! every `text` again.

use super::{RuleDir, RuleError, columns, read_or_record, tsv_rows};
use std::borrow::Cow;

/// Characters of the Basic Multilingual Plane, the only ones a fold may touch.
const PLANE: usize = 0x1_0000;

/// The fold table: for each BMP char, the simplified char it is read as, or 0.
#[derive(Clone)]
pub struct ScriptFold {
    to: Box<[u16]>,
    /// One bit per BMP char: is it folded? 8 KiB, so the scan of every article
    /// stays in the L1 cache where the 128 KiB table would not.
    folded: Box<[u64]>,
    len: usize,
}

impl std::fmt::Debug for ScriptFold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptFold").field("chars", &self.len).finish()
    }
}

impl Default for ScriptFold {
    fn default() -> ScriptFold {
        ScriptFold {
            to: vec![0; PLANE].into_boxed_slice(),
            folded: vec![0; PLANE / 64].into_boxed_slice(),
            len: 0,
        }
    }
}

impl ScriptFold {
    /// Loads `script_fold.tsv`, recording every bad line.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<ScriptFold> {
        let file = read_or_record(dir, "script_fold.tsv", errors)?;
        let before = errors.len();
        let mut fold = ScriptFold::default();
        for (line, row) in tsv_rows(&file) {
            let [from, to] = match columns::<2>(row) {
                Ok(c) => c,
                Err(n) => {
                    errors.push(file.error_at_line(
                        line,
                        1,
                        format!("expected 2 tab-separated columns, found {n}"),
                        Some("write a traditional character, a tab, and its simplified form"),
                    ));
                    continue;
                }
            };
            let col_to = from.chars().count() + 2;
            let (Some(f), Some(t)) = (single_char(from), single_char(to)) else {
                let col = if single_char(from).is_none() { 1 } else { col_to };
                errors.push(file.error_at_line(line, col, "each column must be exactly one character", None));
                continue;
            };
            if f == t || f.len_utf8() != t.len_utf8() || (f as usize) >= PLANE || (t as usize) >= PLANE {
                errors.push(file.error_at_line(
                    line,
                    col_to,
                    format!("`{f}` cannot be read as `{t}`"),
                    Some(
                        "the two characters must differ and both be in the Basic Multilingual \
                         Plane with the same UTF-8 length, so that offsets do not move",
                    ),
                ));
                continue;
            }
            let slot = &mut fold.to[f as usize];
            if *slot != 0 {
                errors.push(file.error_at_line(line, 1, format!("`{f}` is listed twice"), None));
                continue;
            }
            // Both fit in u16: checked against PLANE above.
            *slot = t as u16;
            fold.folded[f as usize / 64] |= 1 << (f as usize % 64);
            fold.len += 1;
        }
        (errors.len() == before).then_some(fold)
    }

    /// Stops folding every char for which `keep` holds: characters other rules read
    /// as written (the financial digit `參` folds to `参`, which is no digit).
    pub fn keep_as_written(&mut self, keep: impl Fn(char) -> bool) {
        for (c, to) in self.to.iter_mut().enumerate() {
            if *to != 0 && char::from_u32(c as u32).is_some_and(&keep) {
                *to = 0;
                self.folded[c >> 6] &= !(1 << (c & 63));
                self.len -= 1;
            }
        }
    }

    /// How many characters are folded.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is folded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether any of `chars` is folded: a bit test per char, for text already decoded.
    pub fn folds_any(&self, chars: &[char]) -> bool {
        self.len != 0 && chars.iter().any(|&c| self.is_folded(c as usize))
    }

    fn is_folded(&self, c: usize) -> bool {
        self.folded.get(c >> 6).is_some_and(|w| w >> (c & 63) & 1 != 0)
    }

    /// The simplified form `c` is read as, when it has one.
    pub fn get(&self, c: char) -> Option<char> {
        let to = *self.to.get(c as usize)?;
        (to != 0).then(|| char::from_u32(u32::from(to))).flatten()
    }

    /// `text` with every listed character folded; borrowed when none is in it (all
    /// mainland text), so the common case costs one scan and no allocation.
    pub fn fold<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.len == 0 {
            return Cow::Borrowed(text);
        }
        let Some(first) = self.first_folded(text) else {
            return Cow::Borrowed(text);
        };
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..first]);
        out.extend(text[first..].chars().map(|c| self.get(c).unwrap_or(c)));
        Cow::Owned(out)
    }
}

impl ScriptFold {
    /// Byte offset of the first folded char of `text`. The pipeline asks [`folds_any`]
    /// on the tokens' char table first, so this plain scan runs only on text that folds.
    ///
    /// [`folds_any`]: ScriptFold::folds_any
    fn first_folded(&self, text: &str) -> Option<usize> {
        text.char_indices()
            .find(|&(_, c)| self.is_folded(c as usize))
            .map(|(b, _)| b)
    }
}

/// The one char of `s`, if it has exactly one.
fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Option<ScriptFold>, Vec<String>) {
        let dir = tempfile_dir(text);
        let mut errors = Vec::new();
        let fold = ScriptFold::load(&RuleDir::Disk(dir.clone()), &mut errors);
        let _ = std::fs::remove_dir_all(&dir);
        (
            fold,
            errors
                .iter()
                .map(|e| format!("{}:{}: {}", e.line, e.col, e.message))
                .collect(),
        )
    }

    fn tempfile_dir(text: &str) -> std::path::PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "baokan-fold-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("script_fold.tsv"), text).unwrap();
        dir
    }

    #[test]
    fn bundled_table_folds_traditional_news_and_leaves_simplified_alone() {
        let rules = crate::rules::Rules::bundled().unwrap();
        let fold = &rules.script;
        assert!(fold.len() > 2000, "{} characters", fold.len());
        assert_eq!(
            fold.fold("賣出3萬輛汽車，新臺幣500億元"),
            "卖出3万辆汽车，新台币500亿元"
        );
        let simplified = "2025年，浙江进出口总额5.55万亿元，著名的乾隆后来于此";
        assert!(matches!(fold.fold(simplified), Cow::Borrowed(_)));
    }

    #[test]
    fn numeral_characters_are_read_as_written() {
        let rules = crate::rules::Rules::bundled().unwrap();
        assert_eq!(rules.script.get('參'), None);
        assert_eq!(rules.script.get('萬'), Some('万'));
    }

    #[test]
    fn folded_text_keeps_every_offset() {
        let rules = crate::rules::Rules::bundled().unwrap();
        let text = "據統計，臺灣地區去年GDP增長3.5%，約為1.2萬億新臺幣。";
        let folded = rules.script.fold(text);
        assert_eq!(folded.len(), text.len());
        assert_eq!(folded.chars().count(), text.chars().count());
        for ((b1, _), (b2, _)) in text.char_indices().zip(folded.char_indices()) {
            assert_eq!(b1, b2);
        }
    }

    #[test]
    fn first_folded_and_folds_any_agree_with_a_char_scan() {
        let rules = crate::rules::Rules::bundled().unwrap();
        let fold = &rules.script;
        for text in [
            "",
            "abc",
            "é萬",
            "😀萬",
            "ab£€萬",
            "浙江5.55万亿元",
            "萬",
            "x國",
            "中华人民共和国",
            "€",
            "Ω國",
            "後來著乾",
        ] {
            let by_char = text
                .char_indices()
                .find(|&(_, c)| fold.get(c).is_some())
                .map(|(b, _)| b);
            assert_eq!(fold.first_folded(text), by_char, "{text:?}");
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(fold.folds_any(&chars), by_char.is_some(), "{text:?}");
        }
    }

    #[test]
    fn bad_lines_are_reported_with_position() {
        let (fold, errors) = load("# comment\n萬\t万\n萬\t万\n億亿\n點\tab\n𠀀\t一\n");
        assert!(fold.is_none());
        assert_eq!(
            errors,
            [
                "3:1: `萬` is listed twice",
                "4:1: expected 2 tab-separated columns, found 1",
                "5:3: each column must be exactly one character",
                "6:3: `𠀀` cannot be read as `一`",
            ]
        );
        let (fold, errors) = load("萬\t万\n");
        assert!(errors.is_empty());
        assert_eq!(fold.map(|f| f.fold("三萬").into_owned()), Some("三万".to_owned()));
    }
}
