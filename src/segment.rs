//! Stage 4: word segmentation and part-of-speech tags with jieba-rs.
//!
//! This is the only module that names the segmentation library. One [`Segmenter`] is
//! built per run (default dictionary plus `rules/dict.txt`) and shared by reference
//! across worker threads; every extractor reads the same token list of an article.

use crate::rules::dict::UserDict;
use jieba_rs::Jieba;

/// Whether jieba may guess words it does not know with its HMM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownWords {
    /// Guess unknown words with the HMM (names, new terms).
    Guess,
    /// Keep to the dictionary.
    DictionaryOnly,
}

/// One token with its character span and part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as it stands in the text.
    pub word: &'a str,
    /// Start, in chars of the segmented text.
    pub start: usize,
    /// End (exclusive), in chars.
    pub end: usize,
    /// Part-of-speech tag (`ns`, `n`, `v`, `m`, `x`, …).
    pub tag: &'a str,
    /// Start, in bytes of the segmented text.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
}

/// A jieba instance with the user dictionary loaded.
pub struct Segmenter {
    jieba: Jieba,
    unknown: UnknownWords,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("unknown", &self.unknown)
            .finish_non_exhaustive()
    }
}

/// jieba with its default dictionary and nothing else: the slow part of start-up
/// (decompressing and indexing ~350k words), which does not depend on the rules and so
/// may be built on another thread while they load (see [`crate::pipeline::Pipeline::load`]).
pub struct BaseDictionary(Jieba);

impl BaseDictionary {
    /// Loads jieba's default dictionary.
    pub fn load() -> BaseDictionary {
        BaseDictionary(Jieba::new())
    }
}

/// Loads jieba's part-of-speech model for unknown words now rather than on the first
/// unknown word: it is a process-wide table, so a thread at start-up can fill it while
/// the dictionary and the rules load elsewhere.
pub fn warm_up_tagger() {
    // An empty dictionary knows no word, so this one goes through the tag guesser.
    let _ = Jieba::empty().tag("中", true);
}

impl Segmenter {
    /// Builds the segmenter from jieba's default dictionary and the user's words.
    pub fn new(dict: &UserDict) -> Segmenter {
        Segmenter::with_base(BaseDictionary::load(), dict)
    }

    /// Adds the user's words to an already loaded default dictionary.
    pub fn with_base(base: BaseDictionary, dict: &UserDict) -> Segmenter {
        let mut jieba = base.0;
        for entry in &dict.entries {
            jieba.add_word(&entry.word, entry.freq, entry.tag.as_deref());
        }
        Segmenter {
            jieba,
            unknown: UnknownWords::Guess,
        }
    }

    /// Same segmenter with another policy for unknown words.
    pub fn with_unknown_words(mut self, unknown: UnknownWords) -> Segmenter {
        self.unknown = unknown;
        self
    }

    /// Segments and tags `text`.
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<Token<'a>> {
        let hmm = self.unknown == UnknownWords::Guess;
        self.jieba
            .tag(text, hmm)
            .into_iter()
            // Same size as jieba's own token, so the vector is converted in place with
            // no shrinking copy at the end.
            .map(|t| Token {
                word: t.word,
                start: t.start,
                end: t.end,
                tag: t.tag,
                byte_start: t.byte_start,
                byte_end: t.byte_end,
            })
            .collect()
    }

    /// Whether the dictionary knows `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::dict::DictEntry;

    #[test]
    fn tokens_cover_the_text_in_order() {
        let seg = Segmenter::new(&UserDict::default());
        let text = "2025年，浙江进出口总额5.55万亿元，同比增长5.4%。";
        let tokens = seg.tag(text);
        let joined: String = tokens.iter().map(|t| t.word).collect();
        assert_eq!(
            joined, text,
            "help: concatenating the tokens must give back the text"
        );
        let chars: Vec<char> = text.chars().collect();
        for t in &tokens {
            let slice: String = chars[t.start..t.end].iter().collect();
            assert_eq!(slice, t.word);
            assert_eq!(&text[t.byte_start..t.byte_end], t.word);
        }
    }

    #[test]
    fn user_words_stay_whole() {
        let dict = UserDict {
            entries: vec![DictEntry {
                word: "梅奥心磁".into(),
                freq: Some(2000),
                tag: Some("nt".into()),
            }],
        };
        let seg = Segmenter::new(&dict);
        let tokens = seg.tag("梅奥心磁创始人陈越猛说");
        assert_eq!(tokens[0].word, "梅奥心磁");
        assert_eq!(tokens[0].tag, "nt");
    }
}
