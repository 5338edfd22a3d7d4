//! Stage 5: find figures and places in an article body.
//!
//! Figures are recognized on the normalized characters (jieba fuses `万亿元` and splits
//! decimals), places with one automaton over the text judged against the tokens. Both
//! read the same [`Context`], built once per article.

pub mod figures;
pub mod places;

use crate::segment::Token;

/// What the extractors know about one article.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The normalized body; spans are char offsets into it.
    pub text: &'a str,
    /// jieba tokens of `text`, in order.
    pub tokens: &'a [Token<'a>],
    /// Publication date `YYYY-MM-DD`, for resolving relative dates.
    pub published: Option<&'a str>,
    /// Place named in the dateline (`绍兴`), for disambiguation.
    pub dateline_place: Option<&'a str>,
    /// Headline lines, for disambiguation.
    pub headlines: &'a [String],
}
