//! Stage 3: turn page text into articles.
//!
//! A page from a PDF holds several items (articles, photos, briefs) with headlines,
//! bylines, datelines and captions, and its paragraphs are cut by column breaks. This
//! stage finds the items and repairs the body text; `text` of a record is the body it
//! returns, and every later offset refers to it.
//!
//! Three steps, one module each, all cues from `rules/layout.toml`:
//!
//! 1. `blocks`: each line is classified by itself (section, column, jump, byline,
//!    photo credit, dateline lead, short line, body paragraph);
//! 2. `articles`: lines are grouped into items by what follows a run of short lines
//!    (a byline, a dateline or a photo makes it headlines; inside an article it is a
//!    subhead or a list); a corpus file (most blank-line-separated blocks hold several
//!    lines) gives one item per block instead;
//! 3. `repair`: a paragraph cut mid-sentence is joined with the one that continues it,
//!    across a caption the page dropped between the halves.
//!
//! Invariants (tested by `tests/layout_props.rs`): no input panics; every line's text
//! ends up in some item (headlines, subheads, captions, body, byline or dateline)
//! unless it is a section header, column label or jump line. Work is linear in the
//! text: regexes are compiled once with the rules.

mod articles;
mod blocks;
mod byline;
mod repair;

pub use blocks::{Line, LineKind, inline_datelines};

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
