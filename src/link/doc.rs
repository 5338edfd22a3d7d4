//! One article indexed for linking: char offsets, lexicon hits, clauses.
//!
//! Everything here is in chars of the record text, the unit of every span, so figures,
//! places, tokens and lexicon hits can be compared directly.

use crate::extract::Context;
use crate::record::{Figure, Place};
use crate::rules::link::{LinkRules, Word};
use crate::segment::{Token, Tokens, WordSpan};

/// A lexicon word found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// Pattern index into [`LinkRules::words`].
    pub word: usize,
}

/// A clause: text between clause punctuation, inside one sentence of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clause {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub paragraph: usize,
}

/// The article as the linker reads it.
pub(crate) struct Doc<'a, 't> {
    pub rules: &'a LinkRules,
    pub text: &'a str,
    /// Byte offset of every char, plus the text length.
    bytes: &'a [usize],
    /// The chars of the text.
    chars: &'a [char],
    pub hits: Vec<Hit>,
    pub tokens: &'a Tokens<'t>,
    pub figures: &'a [Figure],
    /// Figure indexes in text order.
    pub fig_order: Vec<usize>,
    pub places: &'a [Place],
    /// Place indexes in text order.
    pub place_order: Vec<usize>,
    pub clauses: Vec<Clause>,
}

impl<'a, 't> Doc<'a, 't> {
    pub fn new(
        rules: &'a LinkRules,
        ctx: &Context<'t>,
        figures: &'a [Figure],
        places: &'a [Place],
    ) -> Doc<'a, 't>
    where
        't: 'a,
    {
        let text = ctx.text;
        debug_assert_eq!(ctx.tokens.text(), text, "tokens must be of the context's text");
        let bytes = ctx.tokens.char_bytes();
        let chars = ctx.tokens.chars();
        let nchars = bytes.len() - 1;
        let mut hits = Vec::new();
        rules.matcher.find_leftmost_longest(chars, |start, end, word| {
            hits.push(Hit {
                start,
                end,
                word: word as usize,
            })
        });
        let mut fig_order: Vec<usize> = (0..figures.len())
            .filter(|&i| figures[i].span[0] < figures[i].span[1] && figures[i].span[1] <= nchars)
            .collect();
        fig_order.sort_by_key(|&i| (figures[i].span[0], figures[i].span[1]));
        let mut place_order: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].span[0] < places[i].span[1] && places[i].span[1] <= nchars)
            .collect();
        place_order.sort_by_key(|&i| (places[i].span[0], places[i].span[1]));
        let clauses = split_clauses(chars);
        Doc {
            rules,
            text,
            bytes,
            chars,
            hits,
            tokens: ctx.tokens,
            figures,
            fig_order,
            places,
            place_order,
            clauses,
        }
    }

    /// Number of chars.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Chars `[a, b)`, empty when out of range.
    pub fn chars(&self, a: usize, b: usize) -> &'a [char] {
        let n = self.chars.len();
        let (a, b) = (a.min(n), b.min(n));
        self.chars.get(a..b).unwrap_or_default()
    }

    /// Text of chars `[a, b)`, empty when out of range.
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        let n = self.len();
        let (a, b) = (a.min(n), b.min(n));
        if a >= b {
            return "";
        }
        self.text.get(self.bytes[a]..self.bytes[b]).unwrap_or("")
    }

    /// The char at `i`.
    pub fn char_at(&self, i: usize) -> Option<char> {
        self.slice(i, i + 1).chars().next()
    }

    pub fn word(&self, h: &Hit) -> &'a Word {
        &self.rules.words[h.word]
    }

    /// Lexicon hits inside `[a, b)`.
    pub fn hits_in(&self, a: usize, b: usize) -> &[Hit] {
        let lo = self.hits.partition_point(|h| h.start < a);
        let hi = self.hits.partition_point(|h| h.start < b);
        let hits = &self.hits[lo..hi.max(lo)];
        let keep = hits.iter().take_while(|h| h.end <= b).count();
        &hits[..keep]
    }

    /// Figure indexes whose span lies inside `[a, b)`, in text order.
    pub fn figs_in(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let lo = self.fig_order.partition_point(|&i| self.figures[i].span[0] < a);
        self.fig_order[lo..]
            .iter()
            .copied()
            .take_while(move |&i| self.figures[i].span[0] < b)
            .filter(move |&i| self.figures[i].span[1] <= b)
    }

    /// Place indexes whose span lies inside `[a, b)`, in text order.
    pub fn places_in(&self, a: usize, b: usize) -> impl Iterator<Item = usize> + '_ {
        let lo = self.place_order.partition_point(|&i| self.places[i].span[0] < a);
        self.place_order[lo..]
            .iter()
            .copied()
            .take_while(move |&i| self.places[i].span[0] < b)
            .filter(move |&i| self.places[i].span[1] <= b)
    }

    /// Tokens inside `[a, b)`.
    pub fn tokens_in(&self, a: usize, b: usize) -> impl Iterator<Item = &'a Token<'t>> + 'a {
        self.tokens.within(a, b)
    }

    /// Words inside `[a, b)`, without their tags: a block that no tag is asked of is
    /// not tagged.
    pub fn words_in(&self, a: usize, b: usize) -> impl Iterator<Item = WordSpan<'t>> + 'a {
        self.tokens.words_within(a, b)
    }

    /// The token that ends exactly at `pos`.
    pub fn token_ending_at(&self, pos: usize) -> Option<&'a Token<'t>> {
        self.tokens.ending_at(pos)
    }

    /// The word that ends exactly at `pos`, without its tag.
    pub fn word_ending_at(&self, pos: usize) -> Option<WordSpan<'t>> {
        self.tokens.word_ending_at(pos)
    }

    /// The word that starts exactly at `pos`, without its tag.
    pub fn word_starting_at(&self, pos: usize) -> Option<WordSpan<'t>> {
        self.tokens.word_starting_at(pos)
    }

    /// The token containing char `pos`.
    pub fn token_containing(&self, pos: usize) -> Option<&'a Token<'t>> {
        self.tokens.containing(pos)
    }
}

/// Splits text into clauses. Paragraphs end at `\n`; sentences at `。！？!?`; clauses at
/// `，,；;：:`. A dash (`——`) does not split: it often introduces an apposition
/// (`对前两大贸易市场——东盟、欧盟分别…`). A comma between digits (`1,000`) splits nothing.
pub(crate) fn split_clauses(chars: &[char]) -> Vec<Clause> {
    let mut out = Vec::new();
    let (mut paragraph, mut sentence, mut start) = (0, 0, 0);
    let push = |out: &mut Vec<Clause>, start: usize, end: usize, sentence: usize, paragraph: usize| {
        if end > start {
            out.push(Clause {
                start,
                end,
                sentence,
                paragraph,
            });
        }
    };
    let digit = |x: Option<&char>| x.is_some_and(|c| c.is_ascii_digit());
    for (i, &c) in chars.iter().enumerate() {
        // Most chars are Han, and none between U+3003 and U+FF00 ends anything: one
        // range test passes over them.
        if ('\u{3003}'..'\u{FF01}').contains(&c) {
            continue;
        }
        let (clause_end, sentence_end, paragraph_end) = match c {
            '\n' => (true, true, true),
            '。' | '！' | '？' | '!' | '?' => (true, true, false),
            '，' | '；' | '：' | ';' | ':' => (true, false, false),
            ',' if !(i > 0 && digit(chars.get(i - 1)) && digit(chars.get(i + 1))) => (true, false, false),
            _ => (false, false, false),
        };
        if clause_end {
            push(&mut out, start, i, sentence, paragraph);
            start = i + 1;
            if sentence_end {
                sentence += 1;
            }
            if paragraph_end {
                paragraph += 1;
            }
        }
    }
    push(&mut out, start, chars.len(), sentence, paragraph);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(String, usize, usize)> {
        let chars: Vec<char> = text.chars().collect();
        split_clauses(&chars)
            .into_iter()
            .map(|c| (chars[c.start..c.end].iter().collect(), c.sentence, c.paragraph))
            .collect()
    }

    #[test]
    fn clauses_sentences_paragraphs() {
        let got = texts("2025年,浙江进出口1,000亿元。其中出口:增长\n全年");
        let want = [
            ("2025年", 0, 0),
            ("浙江进出口1,000亿元", 0, 0),
            ("其中出口", 1, 0),
            ("增长", 1, 0),
            ("全年", 2, 1),
        ];
        let want: Vec<(String, usize, usize)> =
            want.iter().map(|(t, s, p)| (t.to_string(), *s, *p)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn single_dash_does_not_split() {
        assert_eq!(texts("1—2月").len(), 1);
    }
}
