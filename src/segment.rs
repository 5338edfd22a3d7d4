//! Stage 4: word segmentation and part-of-speech tags with jieba-rs.
//!
//! This is the only module that names the segmentation library. One [`Segmenter`] is
//! built per run (default dictionary plus `rules/dict.txt`) and shared by reference
//! across worker threads. Extractors read an article's words through one [`Tokens`],
//! which segments a clause only when one of them first asks about it.

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

/// A word and where it stands, without its part-of-speech tag: what the queries that
/// need no tag answer with (see [`Tokens::word_containing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan<'a> {
    /// The word as it stands in the text.
    pub word: &'a str,
    /// Start, in chars of the segmented text.
    pub start: usize,
    /// End (exclusive), in chars.
    pub end: usize,
}

impl<'a> From<&Token<'a>> for WordSpan<'a> {
    fn from(t: &Token<'a>) -> WordSpan<'a> {
        WordSpan {
            word: t.word,
            start: t.start,
            end: t.end,
        }
    }
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
/// unknown word: it is a process-wide table, filled while jieba's dictionary loads on
/// another thread (see `Pipeline::load`).
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

    /// The words of `text` as [`Segmenter::tag`] cuts them, without the tags: jieba
    /// guesses the tag of a word it does not know with a model run per word. Kept as
    /// jieba gives them, with no copy.
    fn words<'a>(&self, text: &'a str) -> Vec<jieba_rs::Token<'a>> {
        let hmm = self.unknown == UnknownWords::Guess;
        self.jieba.cut(text, hmm)
    }

    /// The tokens of `text`, segmented a block at a time when first asked for: see
    /// [`Tokens`].
    pub fn tokens<'a>(&'a self, text: &'a str) -> Tokens<'a> {
        Tokens::new(Some(self), text)
    }

    /// The tokens of `text`, a script-folded copy of `written` with the same offsets:
    /// see [`Tokens::written_from`].
    pub fn tokens_of_folded<'a>(&'a self, text: &'a str, written: &'a str) -> Tokens<'a> {
        Tokens {
            written: if written.len() == text.len() {
                written
            } else {
                text
            },
            ..Tokens::new(Some(self), text)
        }
    }

    /// Whether the dictionary knows `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }
}

/// Whether jieba may cut right after `c` without changing a single token: true of every
/// char outside jieba's word class (CJK, ASCII letters and digits, `+#&._%-`), since
/// jieba cuts its input into runs of that class and segments each run on its own, and
/// emits every other char as a token by itself (`\r\n` excepted: `\n` is safe after it).
///
/// Every such char ends a block, not only clause and line marks: quotes, brackets,
/// dashes and spaces cut a clause into pieces that a query mostly does not all touch,
/// and the pieces left alone are not segmented. The test mirrors jieba's own class (`is_han_default`),
/// common Han chars first: it is also cheaper than the match over the marks it replaces.
fn ends_block(c: char) -> bool {
    // `\r` may open a `\r\n` token, so the block goes on to its `\n`.
    !in_word_class(c) && c != '\r'
}

/// jieba's word class (its `is_han_default`): the chars it segments in runs. Common Han
/// chars are tested first.
fn in_word_class(c: char) -> bool {
    if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
        return true;
    }
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2B73F}'
        | '\u{2B740}'..='\u{2B81F}'
        | '\u{2B820}'..='\u{2CEAF}'
        | '\u{2CEB0}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// Every char of `text` as a word of its own, tagged `x`.
fn char_words(text: &str) -> Vec<Token<'_>> {
    text.char_indices()
        .enumerate()
        .map(|(k, (b, c))| Token {
            word: &text[b..b + c.len_utf8()],
            start: k,
            end: k + 1,
            tag: "x",
            byte_start: b,
            byte_end: b + c.len_utf8(),
        })
        .collect()
}

/// The tokens of one text, segmented lazily.
///
/// Extractors look at words only around their candidates (figures, places, the clauses
/// a fact is built from), and most clauses of a news article hold none. The text is
/// split into blocks after the chars where jieba would cut anyway (see `ends_block`),
/// so a block segmented on its own gives exactly the tokens that segmenting the whole
/// text gives there. A block is segmented the first time a query touches it and kept.
/// Positions are chars of the text, as in [`Token`].
///
/// The queries that need no tag ([`Tokens::word_containing`] and its kin) segment a
/// block without tagging it, unless its tokens are there already: most blocks that a
/// place name is judged in are never asked for a tag.
///
/// It also keeps the text's chars and their byte offsets, which places, figures and
/// link all index by: the text is decoded once per article, here.
pub struct Tokens<'a> {
    segmenter: Option<&'a Segmenter>,
    text: &'a str,
    /// The text as the article wrote it, before the script fold; `text` itself when
    /// nothing was folded.
    written: &'a str,
    chars: Vec<char>,
    /// Byte offset of each char, then the text's length.
    char_bytes: Vec<usize>,
    /// `(char, byte)` where each block starts, then one entry for the end of the text.
    starts: Vec<(usize, usize)>,
    blocks: Vec<std::cell::OnceCell<Vec<Token<'a>>>>,
    /// Per block, its words without tags, when a query that needs no tag came first.
    untagged: Vec<std::cell::OnceCell<Vec<jieba_rs::Token<'a>>>>,
}

/// The words of one block: its tokens, or its words without tags.
#[derive(Clone, Copy)]
enum BlockWords<'t, 'a> {
    Tagged(&'t [Token<'a>]),
    Untagged(&'t [jieba_rs::Token<'a>]),
}

impl<'a> BlockWords<'_, 'a> {
    fn len(self) -> usize {
        match self {
            BlockWords::Tagged(tokens) => tokens.len(),
            BlockWords::Untagged(words) => words.len(),
        }
    }

    fn get(self, k: usize) -> Option<WordSpan<'a>> {
        match self {
            BlockWords::Tagged(tokens) => tokens.get(k).map(WordSpan::from),
            BlockWords::Untagged(words) => words.get(k).map(|w| WordSpan {
                word: w.word,
                start: w.start,
                end: w.end,
            }),
        }
    }

    /// The word that holds char `pos`.
    fn containing(self, pos: usize) -> Option<WordSpan<'a>> {
        let k = match self {
            BlockWords::Tagged(tokens) => tokens.partition_point(|t| t.end <= pos),
            BlockWords::Untagged(words) => words.partition_point(|w| w.end <= pos),
        };
        self.get(k).filter(|w| w.start <= pos)
    }
}

impl std::fmt::Debug for Tokens<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("blocks", &self.blocks.len())
            .field("segmented_chars", &self.segmented_chars())
            .finish_non_exhaustive()
    }
}

impl<'a> Tokens<'a> {
    /// Tokens of `text` from `segmenter`. Without one every char is a word of its own
    /// (tag `x`), so extractors judge on the characters alone: tests and rule examples
    /// that need no dictionary.
    pub fn new(segmenter: Option<&'a Segmenter>, text: &'a str) -> Tokens<'a> {
        let mut starts = vec![(0, 0)];
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut char_bytes = Vec::with_capacity(text.len() / 2 + 1);
        for (b, c) in text.char_indices() {
            chars.push(c);
            char_bytes.push(b);
            if ends_block(c) {
                starts.push((chars.len(), b + c.len_utf8()));
            }
        }
        char_bytes.push(text.len());
        if starts.last() != Some(&(chars.len(), text.len())) {
            starts.push((chars.len(), text.len()));
        }
        let blocks = (1..starts.len()).map(|_| std::cell::OnceCell::new()).collect();
        let untagged = (1..starts.len()).map(|_| std::cell::OnceCell::new()).collect();
        Tokens {
            segmenter,
            text,
            written: text,
            chars,
            char_bytes,
            starts,
            blocks,
            untagged,
        }
    }

    /// The text these tokens are of.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The chars from char `from` on as the article wrote them, before the script fold
    /// (`個` where the rules read `个`), for the few rules that tell the two apart.
    pub fn written_from(&self, from: usize) -> std::str::Chars<'a> {
        let b = self.char_bytes.get(from).copied().unwrap_or(self.written.len());
        self.written.get(b..).unwrap_or_default().chars()
    }

    /// The chars of the text.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// Byte offset of each char of the text, then the text's length.
    pub fn char_bytes(&self) -> &[usize] {
        &self.char_bytes
    }

    /// Index of the block holding char `pos`.
    fn block_of(&self, pos: usize) -> Option<usize> {
        let i = self.starts.partition_point(|s| s.0 <= pos).checked_sub(1)?;
        (i < self.blocks.len()).then_some(i)
    }

    /// The tokens of block `i`, segmented now if they were not yet.
    fn block(&self, i: usize) -> &[Token<'a>] {
        let Some(cell) = self.blocks.get(i) else {
            return &[];
        };
        cell.get_or_init(|| {
            let ((c0, b0), (_, b1)) = (self.starts[i], self.starts[i + 1]);
            let Some(piece) = self.text.get(b0..b1) else {
                return Vec::new();
            };
            let mut tokens = match self.segmenter {
                Some(segmenter) => segmenter.tag(piece),
                None => char_words(piece),
            };
            for t in &mut tokens {
                t.start += c0;
                t.end += c0;
                t.byte_start += b0;
                t.byte_end += b0;
            }
            tokens
        })
    }

    /// The words of block `i`: its tokens when they are there, else its words without
    /// tags, segmented now if they were not yet.
    fn block_words(&self, i: usize) -> BlockWords<'_, 'a> {
        if let Some(tokens) = self.blocks.get(i).and_then(|cell| cell.get()) {
            return BlockWords::Tagged(tokens);
        }
        let Some(cell) = self.untagged.get(i) else {
            return BlockWords::Untagged(&[]);
        };
        BlockWords::Untagged(cell.get_or_init(|| {
            let ((c0, b0), (_, b1)) = (self.starts[i], self.starts[i + 1]);
            let Some(piece) = self.text.get(b0..b1) else {
                return Vec::new();
            };
            let mut words = match self.segmenter {
                Some(segmenter) => segmenter.words(piece),
                None => char_words(piece)
                    .into_iter()
                    .map(|t| jieba_rs::Token {
                        word: t.word,
                        start: t.start,
                        end: t.end,
                        byte_start: t.byte_start,
                        byte_end: t.byte_end,
                    })
                    .collect(),
            };
            for w in &mut words {
                w.start += c0;
                w.end += c0;
                w.byte_start += b0;
                w.byte_end += b0;
            }
            words
        }))
    }

    /// The word that holds char `pos`: [`Tokens::containing`] without the tag.
    pub fn word_containing(&self, pos: usize) -> Option<WordSpan<'a>> {
        self.block_words(self.block_of(pos)?).containing(pos)
    }

    /// The word that starts exactly at char `pos`, without its tag.
    pub fn word_starting_at(&self, pos: usize) -> Option<WordSpan<'a>> {
        self.word_containing(pos).filter(|w| w.start == pos)
    }

    /// The word that ends exactly at char `pos`, without its tag.
    pub fn word_ending_at(&self, pos: usize) -> Option<WordSpan<'a>> {
        self.word_containing(pos.checked_sub(1)?).filter(|w| w.end == pos)
    }

    /// Words lying inside chars `[a, b)`, in order, without their tags.
    pub fn words_within(&self, a: usize, b: usize) -> impl Iterator<Item = WordSpan<'a>> + '_ {
        self.touching_blocks(a, b)
            .flat_map(move |i| {
                let words = self.block_words(i);
                (0..words.len()).filter_map(move |k| words.get(k))
            })
            .filter(move |w| w.start >= a && w.end <= b)
    }

    /// The token that holds char `pos`.
    pub fn containing(&self, pos: usize) -> Option<&Token<'a>> {
        let tokens = self.block(self.block_of(pos)?);
        let k = tokens.partition_point(|t| t.end <= pos);
        tokens.get(k).filter(|t| t.start <= pos)
    }

    /// Whether jieba cuts between chars `pos - 1` and `pos` whatever the words, as the
    /// chars alone tell: at the start of the text, and next to a char outside its word
    /// class, `\r\n` excepted (see `ends_block`). False means "ask the tokens".
    fn plain_cut(&self, pos: usize) -> bool {
        let Some(&c) = self.chars.get(pos) else {
            return false;
        };
        let Some(&before) = pos.checked_sub(1).and_then(|p| self.chars.get(p)) else {
            return true;
        };
        let one_run = in_word_class(before) && in_word_class(c);
        let crlf = before == '\r' && c == '\n';
        !(one_run || crlf)
    }

    /// Whether a token starts at char `pos`: `starting_at(pos).is_some()`, without
    /// segmenting where the chars tell (a place name after a quote or a list mark).
    pub fn starts_at(&self, pos: usize) -> bool {
        self.plain_cut(pos) || self.word_starting_at(pos).is_some()
    }

    /// Whether a token ends at char `pos`: `ending_at(pos).is_some()`, without
    /// segmenting where the chars tell.
    pub fn ends_at(&self, pos: usize) -> bool {
        (pos > 0 && self.plain_cut(pos)) || self.word_ending_at(pos).is_some()
    }

    /// The token that holds char `pos` and starts before it:
    /// `containing(pos).filter(|t| t.start < pos)`, without segmenting where the chars
    /// tell that a token starts at `pos`.
    pub fn crossing(&self, pos: usize) -> Option<&Token<'a>> {
        if self.plain_cut(pos) {
            return None;
        }
        self.containing(pos).filter(|t| t.start < pos)
    }

    /// The token that starts exactly at char `pos`.
    pub fn starting_at(&self, pos: usize) -> Option<&Token<'a>> {
        self.containing(pos).filter(|t| t.start == pos)
    }

    /// The token that ends exactly at char `pos`.
    pub fn ending_at(&self, pos: usize) -> Option<&Token<'a>> {
        self.containing(pos.checked_sub(1)?).filter(|t| t.end == pos)
    }

    /// Tokens lying inside chars `[a, b)`, in order.
    pub fn within(&self, a: usize, b: usize) -> impl Iterator<Item = &Token<'a>> + '_ {
        self.touching(a, b).filter(move |t| t.start >= a && t.end <= b)
    }

    /// Tokens that overlap chars `[a, b)`, in order.
    pub fn overlapping(&self, a: usize, b: usize) -> impl Iterator<Item = &Token<'a>> + '_ {
        self.touching(a, b).filter(move |t| t.start < b && t.end > a)
    }

    /// Every token of the text (segments all of it).
    pub fn all(&self) -> impl Iterator<Item = &Token<'a>> + '_ {
        (0..self.blocks.len()).flat_map(|i| self.block(i).iter())
    }

    /// Tokens of the blocks that hold chars of `[a, b)`.
    fn touching(&self, a: usize, b: usize) -> impl Iterator<Item = &Token<'a>> + '_ {
        self.touching_blocks(a, b).flat_map(|i| self.block(i).iter())
    }

    /// Indexes of the blocks that hold chars of `[a, b)`.
    fn touching_blocks(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let end = self.starts.last().map_or(0, |s| s.0);
        let last = b.min(end).checked_sub(1).and_then(|l| self.block_of(l));
        match (self.block_of(a), last) {
            (Some(first), Some(last)) if a < b => first..last + 1,
            _ => 0..0,
        }
    }

    /// How many chars have been segmented so far, with tags or without.
    pub fn segmented_chars(&self) -> usize {
        self.blocks
            .iter()
            .zip(&self.untagged)
            .enumerate()
            .filter(|(_, (tagged, untagged))| tagged.get().is_some() || untagged.get().is_some())
            .map(|(i, _)| self.starts[i + 1].0 - self.starts[i].0)
            .sum()
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

    fn segmenter() -> &'static Segmenter {
        static SEG: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
        SEG.get_or_init(|| Segmenter::new(&UserDict::default()))
    }

    /// Every lazy query answers as the same query over the whole text's tokens.
    fn assert_lazy_matches_whole(text: &str) {
        let seg = segmenter();
        let whole = seg.tag(text);
        let n = text.chars().count();
        let lazy = seg.tokens(text);
        for pos in 0..=n + 1 {
            let containing = whole.iter().find(|t| t.start <= pos && pos < t.end);
            assert_eq!(lazy.containing(pos), containing, "{text:?} containing {pos}");
            let starting = whole.iter().find(|t| t.start == pos);
            assert_eq!(lazy.starting_at(pos), starting, "{text:?} starting at {pos}");
            let ending = whole.iter().find(|t| t.end == pos);
            assert_eq!(lazy.ending_at(pos), ending, "{text:?} ending at {pos}");
            assert_eq!(
                lazy.starts_at(pos),
                starting.is_some(),
                "{text:?} starts at {pos}"
            );
            assert_eq!(lazy.ends_at(pos), ending.is_some(), "{text:?} ends at {pos}");
            let crossing = containing.filter(|t| t.start < pos);
            assert_eq!(lazy.crossing(pos), crossing, "{text:?} crossing {pos}");
        }
        for a in 0..=n {
            for b in a..=n + 1 {
                let within: Vec<_> = whole.iter().filter(|t| t.start >= a && t.end <= b).collect();
                assert_eq!(
                    lazy.within(a, b).collect::<Vec<_>>(),
                    within,
                    "{text:?} within {a}..{b}"
                );
                // An empty range overlaps nothing.
                let overlapping: Vec<_> = whole
                    .iter()
                    .filter(|t| a < b && t.start < b && t.end > a)
                    .collect();
                assert_eq!(
                    lazy.overlapping(a, b).collect::<Vec<_>>(),
                    overlapping,
                    "{text:?} overlapping {a}..{b}"
                );
            }
        }
        let fresh = seg.tokens(text);
        assert_eq!(fresh.all().copied().collect::<Vec<_>>(), whole, "{text:?}");
        assert_eq!(fresh.segmented_chars(), n);
        // The queries without tags, on blocks segmented without tags (`untagged`)
        // and then on tagged blocks (`lazy`): the same words either way.
        let untagged = seg.tokens(text);
        for words in [&untagged, &lazy] {
            for pos in 0..=n + 1 {
                let containing = whole.iter().find(|t| t.start <= pos && pos < t.end);
                assert_eq!(
                    words.word_containing(pos),
                    containing.map(WordSpan::from),
                    "{text:?} word containing {pos}"
                );
                let starting = whole.iter().find(|t| t.start == pos).map(WordSpan::from);
                assert_eq!(
                    words.word_starting_at(pos),
                    starting,
                    "{text:?} word starting at {pos}"
                );
                let ending = whole.iter().find(|t| t.end == pos).map(WordSpan::from);
                assert_eq!(words.word_ending_at(pos), ending, "{text:?} word ending at {pos}");
            }
            for a in 0..=n {
                for b in a..=n + 1 {
                    let within: Vec<_> = whole
                        .iter()
                        .filter(|t| t.start >= a && t.end <= b)
                        .map(WordSpan::from)
                        .collect();
                    assert_eq!(
                        words.words_within(a, b).collect::<Vec<_>>(),
                        within,
                        "{text:?} words within {a}..{b}"
                    );
                }
            }
        }
        assert_eq!(untagged.segmented_chars(), n);
    }

    #[test]
    fn lazy_tokens_are_the_tokens_of_the_whole_text() {
        for text in [
            "",
            "。",
            "2025年，浙江进出口总额5.55万亿元，同比增长5.4%。",
            "其中,出口4.19万亿元;进口1.36万亿元、增长2.1%!\n对东盟、欧盟分别进出口?",
            "张三：\r\n李四，\n\nG20峰会1,000.5亿元、RCEP市场",
            "a、b,c;d:e!f?g",
            "他说：“浙江（宁波）《人民日报》—— 3 ℃·\r\n好” G20\r峰会",
        ] {
            assert_lazy_matches_whole(text);
        }
    }

    #[test]
    fn only_the_blocks_asked_about_are_segmented() {
        let text = "浙江省外贸进出口总额创新高，同比增长5.4%。今天天气很好，我们去公园散步。";
        let tokens = segmenter().tokens(text);
        assert_eq!(tokens.segmented_chars(), 0);
        let t = tokens.containing(2).map(|t| t.word);
        assert_eq!(t, Some("浙江省"));
        // `浙江省外贸进出口总额创新高，` is the block of char 2: 14 chars.
        assert_eq!(tokens.segmented_chars(), 14);
        // `同比增长5.4%。`, 9 chars; the third block stays as it is.
        let _ = tokens.within(14, 21).count();
        assert_eq!(tokens.segmented_chars(), 23);
    }

    #[test]
    fn word_queries_leave_blocks_untagged() {
        let text = "浙江省外贸进出口总额创新高，同比增长5.4%。";
        let tokens = segmenter().tokens(text);
        assert!(tokens.starts_at(0) && tokens.ends_at(3));
        assert_eq!(tokens.word_containing(1).map(|w| w.word), Some("浙江省"));
        assert_eq!(tokens.segmented_chars(), 14);
        assert!(
            tokens.blocks.iter().all(|b| b.get().is_none()),
            "help: a query without tags must not tag the block"
        );
        // Tags asked for later: the block is tagged, with the same words.
        assert_eq!(
            tokens.containing(1).map(|t| (t.word, t.tag)),
            Some(("浙江省", "ns"))
        );
        assert_eq!(tokens.word_containing(1).map(|w| w.word), Some("浙江省"));
    }

    #[test]
    fn without_a_segmenter_every_char_is_a_word() {
        let tokens = Tokens::new(None, "浙江，宁波");
        let words: Vec<(&str, usize, usize)> = tokens.all().map(|t| (t.word, t.start, t.end)).collect();
        assert_eq!(
            words,
            [
                ("浙", 0, 1),
                ("江", 1, 2),
                ("，", 2, 3),
                ("宁", 3, 4),
                ("波", 4, 5)
            ]
        );
        assert_eq!(
            tokens.containing(4).map(|t| (t.byte_start, t.byte_end)),
            Some((12, 15))
        );
        assert_eq!(tokens.containing(5), None);
        assert_eq!(Tokens::new(None, "").all().count(), 0);
    }

    proptest::proptest! {
        #[test]
        fn lazy_tokens_match_on_any_text(
            text in "([浙江宁波省市出口增长万亿元同比年月日的了在是a-zA-Z0-9.%+#_&-]|[，,。；;：:！!？?、\n\r ]|\\PC){0,24}"
        ) {
            assert_lazy_matches_whole(&text);
        }
    }
}
