//! Stage 5: find figures and places in an article body.
//!
//! Figures are recognized on the normalized characters (jieba fuses `万亿元` and splits
//! decimals), places with one automaton over the text judged against the tokens. Both
//! read the same [`Context`], built once per article.

pub mod figures;
pub mod places;

use crate::segment::Tokens;
use std::cell::RefCell;

/// What the extractors know about one article.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The normalized body; spans are char offsets into it.
    pub text: &'a str,
    /// jieba tokens of `text`, segmented where an extractor first asks.
    pub tokens: &'a Tokens<'a>,
    /// The day relative dates are read against (`YYYY-MM-DD`): the dateline's when it
    /// gives a whole one (`本报北京6月4日电` … `昨天`, `3日`), else the publication date.
    pub reference_date: Option<&'a str>,
    /// Place named in the dateline (`绍兴`), for disambiguation.
    pub dateline_place: Option<&'a str>,
    /// Headline lines, for disambiguation.
    pub headlines: &'a [String],
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

thread_local! {
    /// Rejected candidates of the article being traced on this thread; `None` unless
    /// [`trace_rejects`] runs. A thread-local rather than a `Context` field so that the
    /// extractors' signatures and every `Context` literal stay as they are.
    static REJECTED: RefCell<Option<Vec<Rejected>>> = const { RefCell::new(None) };
}

/// Runs `f` with rejected candidates collected, returning them beside its result.
/// Used by [`crate::pipeline::Pipeline::analyze_traced`]; the previous state is restored
/// even if `f` panics, so a traced article never leaks collection into the next one.
pub fn trace_rejects<R>(f: impl FnOnce() -> R) -> (R, Vec<Rejected>) {
    struct Restore(Option<Vec<Rejected>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            REJECTED.with(|r| *r.borrow_mut() = previous);
        }
    }
    let restore = Restore(REJECTED.with(|r| r.borrow_mut().replace(Vec::new())));
    let out = f();
    let rejected = REJECTED.with(|r| r.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (out, rejected)
}

impl Context<'_> {
    /// Reports a dropped candidate at char span `[start, end)` of `self.text` when
    /// `explain` traces; otherwise it costs one thread-local check and `reason` is
    /// never built. Call it where a candidate is vetoed, e.g.
    /// `ctx.reject("place", [s, e], Some(rule), || format!("inside word {word}"))`.
    pub fn reject(
        &self,
        what: &'static str,
        span: [usize; 2],
        rule: Option<&str>,
        reason: impl FnOnce() -> String,
    ) {
        REJECTED.with(|r| {
            let Ok(mut slot) = r.try_borrow_mut() else { return };
            if let Some(list) = slot.as_mut() {
                let text = self
                    .text
                    .chars()
                    .skip(span[0])
                    .take(span[1].saturating_sub(span[0]))
                    .collect();
                list.push(Rejected {
                    what,
                    text,
                    span,
                    reason: reason(),
                    rule: rule.map(str::to_owned),
                });
            }
        });
    }
}

#[cfg(test)]
mod trace_tests {
    use super::*;

    fn ctx<'a>(text: &'a str, words: &'a Tokens<'a>) -> Context<'a> {
        Context {
            text,
            tokens: words,
            reference_date: None,
            dateline_place: None,
            headlines: &[],
        }
    }

    #[test]
    fn rejects_are_collected_only_while_tracing() {
        let words = Tokens::new(None, "中山大学开学");
        let c = ctx("中山大学开学", &words);
        c.reject("place", [0, 2], None, || {
            unreachable!("reason built without tracing")
        });
        let ((), rejected) = trace_rejects(|| {
            c.reject("place", [0, 2], Some("stop-word"), || {
                "inside word 中山大学".to_owned()
            });
        });
        assert_eq!(
            rejected,
            vec![Rejected {
                what: "place",
                text: "中山".to_owned(),
                span: [0, 2],
                reason: "inside word 中山大学".to_owned(),
                rule: Some("stop-word".to_owned()),
            }]
        );
        let ((), after) = trace_rejects(|| ());
        assert!(after.is_empty());
    }

    #[test]
    fn a_panic_while_tracing_stops_the_collection() {
        let words = Tokens::new(None, "abc");
        let c = ctx("abc", &words);
        let caught = std::panic::catch_unwind(|| trace_rejects(|| panic!("boom")));
        assert!(caught.is_err());
        c.reject("figure", [0, 1], None, || {
            unreachable!("collection leaked past a panic")
        });
    }
}
