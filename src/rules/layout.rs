//! Cues for page layout: section headers, bylines, datelines, credits (`rules/layout.toml`).
//!
//! The raw spec is read with `deny_unknown_fields` and compiled once into regexes and
//! sorted marker lists; a pattern that does not compile, or does not match one of its
//! own `examples`, is reported at its position in the file.

use super::{RuleDir, RuleError, RuleFile, read_or_record};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashSet;
use toml::Spanned;

/// A role a credited name can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 记者.
    Reporter,
    /// 通讯员.
    Correspondent,
    /// 摄.
    Photographer,
    /// 共享联盟 partner.
    Alliance,
}

/// A compiled pattern with the id of its entry.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Stable id from the rule file.
    pub id: String,
    /// The compiled regex.
    pub regex: Regex,
    /// For jump lines: the item ends here on this page.
    pub ends_item: bool,
}

/// A byline marker (`本报记者`) and the roles it gives the names after it.
#[derive(Debug, Clone)]
pub struct Marker {
    /// The marker text.
    pub text: String,
    /// Roles of the names it introduces.
    pub roles: Vec<Role>,
    /// Id of the role entry.
    pub id: String,
}

/// Compiled layout rules.
#[derive(Debug, Clone, Default)]
pub struct LayoutRules {
    /// Examples in the shared format (layout has none; its pattern examples are checked
    /// at load).
    pub examples: Vec<super::examples::RuleExample>,
    /// Paragraph-final strings.
    pub sentence_final: Vec<String>,
    /// Closing quotes and brackets.
    pub closers: Vec<char>,
    /// Byline bullets.
    pub bullets: Vec<char>,
    /// Longest headline-like line.
    pub max_headline_chars: usize,
    /// Final marks a headline may still end with.
    pub weak_final: Vec<String>,
    /// Longest headline proved by a following byline or dateline.
    pub max_long_headline_chars: usize,
    /// Strings never inside a headline.
    pub not_in_headline: Vec<String>,
    /// Longest subhead.
    pub max_subhead_chars: usize,
    /// A line ending with one of these is never a headline.
    pub not_headline_final: Vec<String>,
    /// Longest column label found by position.
    pub max_column_chars: usize,
    /// A kicker ends with one of these.
    pub kicker_suffixes: Vec<String>,
    /// A subtitle starts with one of these.
    pub subtitle_prefixes: Vec<String>,
    /// A list of short lines follows a paragraph ending with one of these.
    pub list_lead_suffixes: Vec<String>,
    /// Longest caption paragraph.
    pub max_caption_chars: usize,
    /// Most caption paragraphs before a credit.
    pub max_caption_paragraphs: usize,
    /// Longest brief body.
    pub brief_max_chars: usize,
    /// Share of multi-line blocks (percent) that marks a corpus file.
    pub corpus_multiline_percent: usize,
    /// Longest corpus headline.
    pub corpus_max_title_chars: usize,
    /// A corpus first line ending with one of these is body, not headline.
    pub corpus_title_not_final: Vec<String>,
    /// Section header patterns.
    pub sections: Vec<Pattern>,
    /// Column label patterns.
    pub columns: Vec<Pattern>,
    /// Jump line patterns.
    pub jumps: Vec<Pattern>,
    /// Dateline lead patterns.
    pub datelines: Vec<Pattern>,
    /// The dateline patterns as one set: every line is tried against all of them, and
    /// one search instead of one per pattern is most of the layout stage's regex time.
    /// `None` only if the set would not compile (e.g. over the size limit).
    pub dateline_set: Option<regex::RegexSet>,
    /// The dated dateline patterns (with `month` and `day`) unanchored: a dateline run
    /// into the text after a headline that lost its line break
    /// (`…提高司法水平新华社北京3月11日电最高人民法院…`).
    pub inline_datelines: Vec<Regex>,
    /// [`LayoutRules::inline_datelines`] as one set: most texts have none, and one
    /// search without captures tells.
    pub inline_dateline_set: Option<regex::RegexSet>,
    /// Role markers, longest first.
    pub markers: Vec<Marker>,
    /// First characters of the markers, to skip most tokens at once.
    pub marker_first: Vec<char>,
    /// Photo credit suffixes, longest first.
    pub credit_suffixes: Vec<String>,
    /// Shortest name.
    pub min_name_chars: usize,
    /// Longest name.
    pub max_name_chars: usize,
    /// Common surnames.
    pub surnames: HashSet<char>,
    /// Words that are never names.
    pub not_names: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    text: TextSpec,
    #[serde(default)]
    section: Vec<PatternSpec>,
    #[serde(default)]
    column: Vec<PatternSpec>,
    #[serde(default)]
    jump: Vec<PatternSpec>,
    #[serde(default)]
    dateline: Vec<PatternSpec>,
    #[serde(default)]
    role: Vec<RoleSpec>,
    credit: CreditSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TextSpec {
    sentence_final: Vec<String>,
    closers: Vec<Spanned<String>>,
    bullets: Vec<Spanned<String>>,
    max_headline_chars: usize,
    weak_final: Vec<String>,
    max_long_headline_chars: usize,
    not_in_headline: Vec<String>,
    max_subhead_chars: usize,
    not_headline_final: Vec<String>,
    max_column_chars: usize,
    kicker_suffixes: Vec<String>,
    subtitle_prefixes: Vec<String>,
    list_lead_suffixes: Vec<String>,
    max_caption_chars: usize,
    max_caption_paragraphs: usize,
    brief_max_chars: usize,
    corpus_multiline_percent: Spanned<usize>,
    corpus_max_title_chars: usize,
    corpus_title_not_final: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSpec {
    id: String,
    pattern: Spanned<String>,
    #[serde(default)]
    examples: Vec<Spanned<String>>,
    /// Only meaningful for jump lines.
    #[serde(default)]
    ends_item: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleSpec {
    id: String,
    roles: Vec<Spanned<String>>,
    markers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CreditSpec {
    suffixes: Vec<String>,
    min_name_chars: usize,
    max_name_chars: usize,
    surnames: String,
    #[serde(default)]
    not_names: Vec<String>,
}

impl LayoutRules {
    /// Loads and compiles `layout.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<LayoutRules> {
        let file = read_or_record(dir, "layout.toml", errors)?;
        Self::from_file(&file, errors)
    }

    /// Compiles the rules from the text of a rule file.
    pub fn from_file(file: &RuleFile, errors: &mut Vec<RuleError>) -> Option<LayoutRules> {
        let spec = file.parse_toml::<Spec>(errors)?;
        let before = errors.len();
        let t = spec.text;
        let single_chars = |list: Vec<Spanned<String>>, what: &str, errors: &mut Vec<RuleError>| {
            let mut out = Vec::new();
            for s in list {
                let mut chars = s.get_ref().chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => out.push(c),
                    _ => errors.push(file.error_at(
                        s.span(),
                        format!("{what} entry {:?} is not one character", s.get_ref()),
                        Some("write each entry as a single character, e.g. \"”\""),
                    )),
                }
            }
            out
        };
        let closers = single_chars(t.closers, "closers", errors);
        let bullets = single_chars(t.bullets, "bullets", errors);
        if *t.corpus_multiline_percent.get_ref() > 100 {
            errors.push(file.error_at(
                t.corpus_multiline_percent.span(),
                "corpus_multiline_percent is a percentage above 100",
                Some("write a number from 0 to 100"),
            ));
        }
        let sections = compile_patterns(file, spec.section, "section", errors);
        let columns = compile_patterns(file, spec.column, "column", errors);
        let jumps = compile_patterns(file, spec.jump, "jump", errors);
        let datelines = compile_patterns(file, spec.dateline, "dateline", errors);
        let inline_datelines: Vec<Regex> = datelines
            .iter()
            .map(|p| p.regex.as_str())
            .filter(|r| r.contains("(?P<month>") && r.contains("(?P<day>"))
            .filter_map(|r| Regex::new(r.strip_prefix('^').unwrap_or(r)).ok())
            .collect();
        let mut markers = Vec::new();
        for r in spec.role {
            let mut roles = Vec::new();
            for name in &r.roles {
                match name.get_ref().as_str() {
                    "reporter" => roles.push(Role::Reporter),
                    "correspondent" => roles.push(Role::Correspondent),
                    "photographer" => roles.push(Role::Photographer),
                    "alliance" => roles.push(Role::Alliance),
                    other => errors.push(file.error_at(
                        name.span(),
                        format!("role `{}`: unknown role {other:?}", r.id),
                        Some("roles are reporter, correspondent, photographer, alliance"),
                    )),
                }
            }
            for m in r.markers.into_iter().filter(|m| !m.is_empty()) {
                markers.push(Marker {
                    text: m,
                    roles: roles.clone(),
                    id: r.id.clone(),
                });
            }
        }
        markers.sort_by_key(|m| std::cmp::Reverse(m.text.len()));
        let mut marker_first: Vec<char> = markers.iter().filter_map(|m| m.text.chars().next()).collect();
        marker_first.sort_unstable();
        marker_first.dedup();
        let mut credit_suffixes: Vec<String> = spec
            .credit
            .suffixes
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        credit_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let nonempty = |v: Vec<String>| v.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>();
        if errors.len() != before {
            return None;
        }
        Some(LayoutRules {
            examples: Vec::new(),
            sentence_final: nonempty(t.sentence_final),
            closers,
            bullets,
            max_headline_chars: t.max_headline_chars,
            weak_final: nonempty(t.weak_final),
            max_long_headline_chars: t.max_long_headline_chars,
            not_in_headline: nonempty(t.not_in_headline),
            max_subhead_chars: t.max_subhead_chars,
            not_headline_final: nonempty(t.not_headline_final),
            max_column_chars: t.max_column_chars,
            kicker_suffixes: nonempty(t.kicker_suffixes),
            subtitle_prefixes: nonempty(t.subtitle_prefixes),
            list_lead_suffixes: nonempty(t.list_lead_suffixes),
            max_caption_chars: t.max_caption_chars,
            max_caption_paragraphs: t.max_caption_paragraphs,
            brief_max_chars: t.brief_max_chars,
            corpus_multiline_percent: *t.corpus_multiline_percent.get_ref(),
            corpus_max_title_chars: t.corpus_max_title_chars,
            corpus_title_not_final: nonempty(t.corpus_title_not_final),
            sections,
            columns,
            jumps,
            dateline_set: regex::RegexSet::new(datelines.iter().map(|p| p.regex.as_str())).ok(),
            inline_dateline_set: regex::RegexSet::new(inline_datelines.iter().map(Regex::as_str)).ok(),
            inline_datelines,
            datelines,
            markers,
            marker_first,
            credit_suffixes,
            min_name_chars: spec.credit.min_name_chars.max(1),
            max_name_chars: spec.credit.max_name_chars.max(1),
            surnames: spec.credit.surnames.chars().collect(),
            not_names: nonempty(spec.credit.not_names),
        })
    }
}

fn compile_patterns(
    file: &RuleFile,
    specs: Vec<PatternSpec>,
    what: &str,
    errors: &mut Vec<RuleError>,
) -> Vec<Pattern> {
    let mut out = Vec::new();
    for s in specs {
        let span = s.pattern.span();
        match Regex::new(s.pattern.get_ref()) {
            Ok(regex) => {
                for ex in &s.examples {
                    if !regex.is_match(ex.get_ref()) {
                        errors.push(file.error_at(
                            ex.span(),
                            format!(
                                "{what} `{}`: pattern does not match its example {:?}",
                                s.id,
                                ex.get_ref()
                            ),
                            Some("fix the pattern or the example; examples must match"),
                        ));
                    }
                }
                out.push(Pattern {
                    id: s.id,
                    regex,
                    ends_item: s.ends_item,
                });
            }
            Err(e) => {
                // Point into the pattern string (after the opening quote).
                let msg = e.to_string();
                let last = msg.lines().last().unwrap_or("invalid regex").trim().to_owned();
                errors.push(file.error_at(
                    span.start + 1..span.end,
                    format!("{what} `{}`: invalid regex: {last}", s.id),
                    Some("see https://docs.rs/regex for the syntax; write patterns in '...' quotes"),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> LayoutRules {
        let mut errors = Vec::new();
        let rules = LayoutRules::load(&RuleDir::Bundled, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        rules.unwrap()
    }

    #[test]
    fn bundled_rules_compile() {
        let r = bundled();
        assert_eq!(r.max_headline_chars, 40);
        assert!(r.markers.iter().any(|m| m.text == "本报记者"));
        // Longest marker first, so `本报记者` wins over `记者`.
        let pos = |t: &str| r.markers.iter().position(|m| m.text == t).unwrap();
        assert!(pos("本报记者") < pos("记者"));
        assert!(r.surnames.contains(&'王'));
    }

    /// The bundled layout file with the first `from` replaced by `to`.
    fn bundled_with(from: &str, to: &str) -> RuleFile {
        let bundled = RuleDir::Bundled.read("layout.toml").unwrap();
        RuleFile::new("rules/layout.toml", bundled.text.replacen(from, to, 1))
    }

    #[test]
    fn bad_regex_is_reported_with_position() {
        let file = bundled_with("pattern = '^本[报報][讯訊]'", "pattern = '^本报讯('");
        let mut errors = Vec::new();
        assert!(LayoutRules::from_file(&file, &mut errors).is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        let line = file.text.lines().position(|l| l.contains("^本报讯(")).unwrap() + 1;
        assert_eq!(e.line, line);
        assert_eq!(e.col, 12);
        assert!(e.message.contains("benbao-xun"), "{}", e.message);
        assert!(e.help.is_some());
    }

    #[test]
    fn example_that_does_not_match_is_reported() {
        let file = bundled_with("examples = [\"短新闻竞赛\"", "examples = [\"长新闻竞赛\"");
        let mut errors = Vec::new();
        assert!(LayoutRules::from_file(&file, &mut errors).is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("长新闻竞赛"));
    }

    #[test]
    fn unknown_key_is_reported() {
        let file = bundled_with("[text]\n", "[text]\nmax_headlines = 3\n");
        let mut errors = Vec::new();
        assert!(LayoutRules::from_file(&file, &mut errors).is_none());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("unknown field"),
            "{}",
            errors[0].message
        );
    }
}
