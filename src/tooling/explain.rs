//! `baokan explain`: why the rules did what they did on one piece of text.
//!
//! Shows the normalized text (every span points into it), the tokens with their tags,
//! each figure, place and fact with the rule that produced it, and the candidates the
//! extractors dropped with the reason. The text is treated as one article, exactly as
//! `rules test` and `eval` treat theirs, so what `explain` shows is what they score.

use super::{analyze_text_traced, describe_fact, describe_figure, describe_place};
use crate::extract::Rejected;
use crate::pipeline::Pipeline;
use crate::record::{Dateline, Fact, Figure, Place};
use serde::Serialize;
use std::fmt::{self, Write as _};

/// A token with its char span in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenView {
    /// The word.
    pub word: String,
    /// Part-of-speech tag.
    pub tag: String,
    /// `[start, end)` in chars.
    pub span: [usize; 2],
}

/// Everything `explain` shows; serialized as is for `--json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Publication date used for relative dates.
    pub published: Option<String>,
    /// Headline lines layout found, if any.
    pub headlines: Vec<String>,
    /// Dateline layout found, if any.
    pub dateline: Option<Dateline>,
    /// The normalized body: every span points into it.
    pub text: String,
    /// Tokens with tags.
    pub tokens: Vec<TokenView>,
    /// Figures, each with its rule.
    pub figures: Vec<Figure>,
    /// Places, each with its rule.
    pub places: Vec<Place>,
    /// Facts, with indexes into `figures`.
    pub facts: Vec<Fact>,
    /// Candidates the extractors dropped, with the reason.
    pub rejected: Vec<Rejected>,
    /// What the pipeline could not settle.
    pub warnings: Vec<String>,
}

/// Explains `text` (published on `published`, `YYYY-MM-DD`).
pub fn explain(pipeline: &Pipeline, text: &str, published: Option<&str>) -> Explanation {
    let (record, trace) = analyze_text_traced(pipeline, text, published);
    let tokens = token_spans(&record.text, trace.tokens);
    Explanation {
        published: record.published,
        headlines: record.headlines,
        dateline: record.dateline,
        text: record.text,
        tokens,
        figures: record.figures,
        places: record.places,
        facts: record.facts,
        rejected: trace.rejected,
        warnings: record.warnings,
    }
}

/// Finds each token in order in `text` and gives it its char span.
fn token_spans(text: &str, tokens: Vec<(String, String)>) -> Vec<TokenView> {
    let mut byte = 0;
    let mut chars = 0;
    tokens
        .into_iter()
        .map(|(word, tag)| {
            let rest = text.get(byte..).unwrap_or("");
            let span = match rest.find(word.as_str()) {
                Some(i) => {
                    let start = chars + rest[..i].chars().count();
                    let end = start + word.chars().count();
                    byte += i + word.len();
                    chars = end;
                    [start, end]
                }
                None => [chars, chars],
            };
            TokenView { word, tag, span }
        })
        .collect()
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "published: {}", self.published.as_deref().unwrap_or("(none)"))?;
        if !self.headlines.is_empty() {
            writeln!(f, "headlines: {}", self.headlines.join(" | "))?;
        }
        if let Some(d) = &self.dateline {
            writeln!(
                f,
                "dateline:  place={} date={}",
                d.place.as_deref().unwrap_or("-"),
                d.date.as_deref().unwrap_or("-")
            )?;
        }
        writeln!(f, "text:      {}", self.text.replace('\n', "\n           "))?;
        let mut tokens = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            if i > 0 {
                tokens.push(' ');
            }
            let word = if t.word == "\n" { "\\n" } else { t.word.as_str() };
            let _ = write!(tokens, "{word}/{}", t.tag);
        }
        writeln!(f, "tokens:    {tokens}")?;
        section(f, "figures", self.figures.iter().map(describe_figure))?;
        section(f, "places", self.places.iter().map(describe_place))?;
        section(
            f,
            "facts",
            self.facts.iter().map(|fact| {
                let rules: Vec<&str> = fact
                    .figures
                    .iter()
                    .filter_map(|&i| self.figures.get(i).map(|g| g.rule.as_str()))
                    .collect();
                format!("{} rules={}", describe_fact(fact), rules.join(","))
            }),
        )?;
        section(
            f,
            "rejected",
            self.rejected.iter().map(|r| {
                let rule = r
                    .rule
                    .as_deref()
                    .map(|r| format!(" (rule={r})"))
                    .unwrap_or_default();
                format!(
                    "{} {} [{},{}): {}{rule}",
                    r.what, r.text, r.span[0], r.span[1], r.reason
                )
            }),
        )?;
        for w in &self.warnings {
            writeln!(f, "warning: {w}")?;
        }
        Ok(())
    }
}

fn section(f: &mut fmt::Formatter<'_>, title: &str, lines: impl Iterator<Item = String>) -> fmt::Result {
    let lines: Vec<String> = lines.collect();
    writeln!(f, "{title} ({}):", lines.len())?;
    for (i, line) in lines.iter().enumerate() {
        writeln!(f, "  [{i}] {line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_spans_are_char_offsets() {
        let tokens = vec![
            ("浙江".to_owned(), "ns".to_owned()),
            ("进出口".to_owned(), "n".to_owned()),
            ("5.4%".to_owned(), "m".to_owned()),
        ];
        let spans: Vec<[usize; 2]> = token_spans("浙江进出口5.4%", tokens)
            .iter()
            .map(|t| t.span)
            .collect();
        assert_eq!(spans, vec![[0, 2], [2, 5], [5, 9]]);
    }

    #[test]
    fn a_token_missing_from_the_text_gets_an_empty_span() {
        let tokens = vec![
            ("甲".to_owned(), "n".to_owned()),
            ("乙".to_owned(), "n".to_owned()),
        ];
        let views = token_spans("甲丙", tokens);
        assert_eq!(views[1].span, [1, 1]);
    }
}
