//! Stage 5: find figures and places in an article body.
//!
//! Figures are recognized on the normalized characters (jieba fuses `万亿元` and splits
//! decimals), places with one automaton over the text judged against the tokens. Both
//! read the same [`Context`], built once per article.

pub mod figures;
pub mod places;

use crate::segment::Token;
use std::cell::RefCell;

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
    /// Where rejected candidates go when `baokan explain` traces; `None` on the normal
    /// path, so reporting costs one branch.
    pub rejected: Option<&'a RefCell<Vec<Rejected>>>,
}

/// A candidate an extractor considered and dropped, with the reason (`中山: inside word
/// 中山大学`), shown by `baokan explain`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rejected {
    /// `figure`, `place` or `fact`.
    pub what: &'static str,
    /// Surface text of the candidate.
    pub text: String,
    /// `[start, end)` in chars of the body.
    pub span: [usize; 2],
    /// Why it was dropped.
    pub reason: String,
    /// Id of the rule that proposed or vetoed it, when there is one.
    pub rule: Option<String>,
}

impl Context<'_> {
    /// Reports a dropped candidate at char span `[start, end)` when tracing; `reason`
    /// is only built then, so the normal path pays no formatting.
    pub fn reject(
        &self,
        what: &'static str,
        span: [usize; 2],
        rule: Option<&str>,
        reason: impl FnOnce() -> String,
    ) {
        if let Some(cell) = self.rejected {
            let text = self
                .text
                .chars()
                .skip(span[0])
                .take(span[1].saturating_sub(span[0]))
                .collect();
            cell.borrow_mut().push(Rejected {
                what,
                text,
                span,
                reason: reason(),
                rule: rule.map(str::to_owned),
            });
        }
    }
}
