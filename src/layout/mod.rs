//! Stage 3: turn page text into articles.
//!
//! A page from a PDF holds several items (articles, photos, briefs) with headlines,
//! bylines, datelines and captions, and its paragraphs are cut by column breaks. This
//! stage finds the items and repairs the body text; `text` of a record is the body it
//! returns, and every later offset refers to it.

mod articles;
mod blocks;
mod byline;
mod repair;

pub use blocks::{Line, LineKind};

use crate::record::{ArticleKind, Byline, Dateline};
use crate::rules::layout::LayoutRules;

/// One item found on a page, before extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Page section (`要闻`).
    pub section: Option<String>,
    /// Column label (`短新闻竞赛`).
    pub column: Option<String>,
    /// Article, photo or brief.
    pub kind: ArticleKind,
    /// Headline lines in page order.
    pub headlines: Vec<String>,
    /// The main headline.
    pub title: Option<String>,
    /// Credited names.
    pub byline: Byline,
    /// Dateline, when the item has one.
    pub dateline: Option<Dateline>,
    /// Subheads inside the body.
    pub subheads: Vec<String>,
    /// Captions moved out of the body.
    pub captions: Vec<String>,
    /// Clean body, paragraphs joined by `\n`.
    pub body: String,
    /// What layout could not settle.
    pub warnings: Vec<String>,
}

/// Splits normalized page text into articles in page order.
///
/// The style is read from the text: a page (paragraphs separated by blank lines,
/// headlines, bylines, captions) is split by its layout cues; a corpus file (most
/// blank-line-separated blocks hold several lines) gives one article per block, its
/// first line the headline.
pub fn split_page(rules: &LayoutRules, text: &str, published: Option<&str>) -> Vec<Article> {
    let mut lines = blocks::lines(rules, text, blocks::parse_published(published));
    if articles::is_corpus(rules, &lines) {
        articles::split_corpus(rules, &lines)
    } else {
        articles::long_headlines(rules, &mut lines);
        articles::split_page_lines(rules, &lines)
    }
}

/// Treats normalized text as one article (JSONL input): no page splitting, only
/// paragraph repair (and the dateline lead and byline, when the text has them).
pub fn single_article(rules: &LayoutRules, text: &str, published: Option<&str>) -> Article {
    let lines = blocks::lines(rules, text, blocks::parse_published(published));
    let mut item = repair::Item::default();
    articles::fill_single(rules, &mut item, &lines);
    item.finish(rules)
}

/// How each non-empty line of a text is classified on its own, before grouping: for
/// `explain`-style debugging and for tests.
pub fn classify_lines<'a>(rules: &LayoutRules, text: &'a str, published: Option<&str>) -> Vec<Line<'a>> {
    blocks::lines(rules, text, blocks::parse_published(published))
}
