//! Indicator words, change verbs, basis words, anaphors and cues for facts
//! (`rules/link.toml`).
//!
//! Every word list is compiled into one leftmost-longest automaton, so `进出口总额` wins
//! over `出口`, `比上年` over `比` and `增长率` over `增长` at the same position. Cue words
//! that are single characters (`对`, `比`, `占`) are checked against jieba tokens instead,
//! so `比重` is never read as the comparison `比`.

use super::examples::{ExampleKind, ExampleSpec, RuleExample, compile_all};
use super::names::NameTrie;
use super::{RuleDir, RuleError, RuleFile, read_or_record};
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// How a percent after an indicator word is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// A measured quantity (`进出口总额`): money and quantities are its value, a percent
    /// needs a change verb.
    #[default]
    Level,
    /// A growth rate (`增速`): a percent after it is a change of the noun before it.
    Rate,
    /// A ratio (`失业率`, `比重`): a percent after it is its value.
    Ratio,
    /// Looks like an indicator but measures one item (`项目总投资`): no fact.
    Skip,
}

/// What an anaphor points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Refers {
    /// The most recent city (prefecture or county) subject: `该市`.
    RecentCity,
    /// The most recent province subject: `该省`.
    RecentProvince,
    /// The province the article is about: `全省`, `我省`.
    MainProvince,
    /// The city the article is about: `全市`, `我市`.
    MainCity,
    /// The place the article is about, whatever its level.
    Main,
    /// A fixed place given by `name` and `code`: `全国` → 中国.
    Fixed,
}

/// Sign of a change verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Sign {
    /// 增长, 提高.
    #[serde(rename = "+")]
    Up,
    /// 下降, 减少.
    #[serde(rename = "-")]
    Down,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorSpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    #[serde(default)]
    kind: IndicatorKind,
    #[serde(default)]
    trade: bool,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeSpec {
    id: Spanned<String>,
    sign: Sign,
    words: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BasisSpec {
    id: Spanned<String>,
    basis: String,
    words: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnaphorSpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    refers: Refers,
    name: Option<String>,
    code: Option<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdSpec {
    id: Spanned<String>,
    before: Vec<Spanned<String>>,
    #[serde(default)]
    after: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CueSpec {
    counterpart: Vec<String>,
    comparison: Vec<String>,
    share: Vec<String>,
    level: Vec<String>,
    each: Vec<String>,
    list: Vec<String>,
    extend_tags: Vec<String>,
    stop: Vec<String>,
    #[serde(default)]
    partners: HashMap<String, String>,
    #[serde(default)]
    not_counterpart: Vec<String>,
    #[serde(default)]
    modal: Vec<String>,
    #[serde(default)]
    tails: Vec<String>,
    #[serde(default)]
    gap: Vec<String>,
    #[serde(default)]
    org_after: Vec<String>,
    #[serde(default)]
    breakdown: String,
    #[serde(default)]
    count_units: Vec<String>,
    #[serde(default)]
    partner_heads: Vec<String>,
    #[serde(default)]
    partner_trim: Vec<String>,
    #[serde(default)]
    not_value_before: Vec<String>,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default = "default_max_gap")]
    max_gap: usize,
    #[serde(default = "default_max_extend")]
    max_extend: usize,
}

fn default_max_gap() -> usize {
    6
}

fn default_max_extend() -> usize {
    8
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkSpec {
    #[serde(default)]
    indicator: Vec<IndicatorSpec>,
    #[serde(default)]
    change: Vec<ChangeSpec>,
    #[serde(default)]
    basis: Vec<BasisSpec>,
    #[serde(default)]
    anaphor: Vec<AnaphorSpec>,
    #[serde(default)]
    threshold: Vec<ThresholdSpec>,
    cues: CueSpec,
}

/// What a lexicon word is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Word {
    /// An indicator word of entry `entry`.
    Indicator {
        /// Index into [`LinkRules::indicators`].
        entry: usize,
    },
    /// A change verb.
    Change(Sign),
    /// A basis word (`yoy`, `mom`).
    Basis(String),
    /// An anaphor, index into [`LinkRules::anaphors`].
    Anaphor(usize),
    /// Words before a threshold (`首次突破`).
    ThresholdBefore,
    /// Words after a threshold (`大关`).
    ThresholdAfter,
}

/// One compiled indicator entry.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Stable id.
    pub id: String,
    /// How a percent after it is read.
    pub kind: IndicatorKind,
    /// Whether `对东盟` before it names a trade partner.
    pub trade: bool,
}

/// One compiled anaphor entry.
#[derive(Debug, Clone)]
pub struct Anaphor {
    /// Stable id.
    pub id: String,
    /// What it points at.
    pub refers: Refers,
    /// Fixed referent's canonical name.
    pub name: Option<String>,
    /// Fixed referent's code.
    pub code: Option<String>,
}

/// A list of cue words that the linker looks for in the text itself (`比`, `占`, `预计`).
///
/// The words are kept as chars, with a mask of their first and last chars, so that
/// "is one of them written here" takes one pass over the text's chars instead of one
/// substring search per word. It reads as the word list (`Deref` to `[String]`).
#[derive(Debug, Clone, Default)]
pub struct WordList {
    words: Vec<String>,
    chars: Vec<Vec<char>>,
    /// Where each first char's words lie in `grouped`: a text position or a token is
    /// compared only with the words that start as it does (the mask alone let a string
    /// compare through for most words of a list).
    by_first: super::FirstCharGroups,
    /// Indexes of the non-empty words, grouped by first char.
    grouped: Vec<u32>,
    /// Bit `c % 64` is set for the first char of every word.
    firsts: u64,
    /// Bit `(c / 64) % 64` is set for the first char of every word: a char that passes
    /// `firsts` by sharing its low bits with a first char mostly fails this one, before
    /// the groups are searched for it.
    firsts_high: u64,
    /// Bit `c % 64` is set for the last char of every word.
    lasts: u64,
    /// Whether a word is empty: an empty word is written everywhere.
    has_empty: bool,
}

fn char_bit(c: char) -> u64 {
    1 << (c as u32 & 63)
}

/// The bit of `c`'s next six bits, for `WordList::firsts_high`.
fn char_high_bit(c: char) -> u64 {
    1 << ((c as u32 >> 6) & 63)
}

impl WordList {
    /// The list of `words`.
    pub fn new(words: Vec<String>) -> WordList {
        let chars: Vec<Vec<char>> = words.iter().map(|w| w.chars().collect()).collect();
        let mask = |pick: fn(&[char]) -> Option<&char>| {
            chars
                .iter()
                .filter_map(|w| pick(w))
                .fold(0, |m, &c| m | char_bit(c))
        };
        let mut grouped: Vec<u32> = (0..chars.len() as u32)
            .filter(|&i| !chars[i as usize].is_empty())
            .collect();
        grouped.sort_by_key(|&i| chars[i as usize][0]);
        let by_first = super::FirstCharGroups::of_sorted(grouped.iter().map(|&i| chars[i as usize][0]));
        WordList {
            firsts: mask(<[char]>::first),
            firsts_high: chars
                .iter()
                .filter_map(|w| w.first())
                .fold(0, |m, &c| m | char_high_bit(c)),
            lasts: mask(<[char]>::last),
            has_empty: chars.iter().any(Vec::is_empty),
            by_first,
            grouped,
            chars,
            words,
        }
    }

    /// Indexes of the words that start with `c`.
    fn starting_with(&self, c: char) -> &[u32] {
        if self.firsts & char_bit(c) == 0 || self.firsts_high & char_high_bit(c) == 0 {
            return &[];
        }
        &self.grouped[self.by_first.range(c)]
    }

    /// Whether one of the words occurs in `text`.
    pub fn written_in(&self, text: &[char]) -> bool {
        // The mask first, here: most chars fail it, and a call per char cost more.
        self.has_empty
            || (0..text.len()).any(|k| self.firsts & char_bit(text[k]) != 0 && self.starts(&text[k..]))
    }

    /// Where one of the words starts in `text`, in order (every char when a word is
    /// empty).
    pub fn written_at<'t>(&'t self, text: &'t [char]) -> impl Iterator<Item = usize> + 't {
        (0..text.len()).filter(move |&k| {
            self.has_empty || (self.firsts & char_bit(text[k]) != 0 && self.starts(&text[k..]))
        })
    }

    /// Whether `word` is one of the words. Most tokens are ruled out by their first
    /// char, before any string is compared.
    pub fn contains(&self, word: &str) -> bool {
        match word.chars().next() {
            Some(c) => self
                .starting_with(c)
                .iter()
                .any(|&i| self.words[i as usize] == word),
            None => self.has_empty,
        }
    }

    /// Whether `text` starts with one of the words.
    pub fn starts(&self, text: &[char]) -> bool {
        self.has_empty
            || text.first().is_some_and(|&c| {
                self.starting_with(c)
                    .iter()
                    .any(|&i| text.starts_with(&self.chars[i as usize]))
            })
    }

    /// Whether `text` ends with one of the words.
    pub fn ends(&self, text: &[char]) -> bool {
        self.has_empty
            || text.last().is_some_and(|&c| {
                self.lasts & char_bit(c) != 0 && self.chars.iter().any(|w| text.ends_with(w))
            })
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// Token-level cue words.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// `对东盟`: the place after it is a counterpart.
    pub counterpart: Vec<String>,
    /// First chars of `counterpart`, so that most tokens are ruled out by one char;
    /// `None` when a cue is empty, since every token then starts with it.
    counterpart_firsts: Option<Vec<char>>,
    /// Bit `c % 64` set for each of `counterpart_firsts` (all bits when it is `None`).
    counterpart_mask: u64,
    /// `比全国高`: what follows is relative to something else.
    pub comparison: WordList,
    /// `占全国的12.2%`: a share of something else.
    pub share: WordList,
    /// `下降至5%`: the figure is the new level, not the change.
    pub level: WordList,
    /// `分别`: figures distribute over a list.
    pub each: WordList,
    /// List joiners (`、`, `和`).
    pub list: Vec<String>,
    /// POS tags an indicator may extend over (`劳动密集型产品出口`).
    pub extend_tags: Vec<String>,
    /// Words an indicator never extends over.
    pub stop: Vec<String>,
    /// One-character partner names after a cue (`对华` → 中国).
    pub partners: HashMap<String, String>,
    /// Ordinary words that start like a cue (`对于`, `同时`).
    pub not_counterpart: Vec<String>,
    /// Counting words whose quantities are never a level (`3个`, `两位数`).
    pub count_units: Vec<String>,
    /// Word opening a breakdown of the fact before (`其中`).
    pub breakdown: String,
    /// Words that make a place before them part of an organisation (`宁波海关`).
    pub org_after: WordList,
    /// Connectors allowed between an indicator and its figure or verb (`达`, `累计`).
    pub gap: Vec<String>,
    /// Words that may grow an indicator to the right (`出口汽车`).
    pub tails: Vec<String>,
    /// Last words of a partner that is not a place (`共建“一带一路”国家`).
    pub partner_heads: Vec<String>,
    /// Words trimmed from the end of such a partner (`合计`).
    pub partner_trim: Vec<String>,
    /// Plans and forecasts (`预计`, `将`): a clause with one states no fact.
    pub modal: WordList,
    /// Words right before a figure that make it no level (`从`, `连续`).
    pub not_value_before: WordList,
    /// Connectors that may open a clause before its figure (`达`, `为`).
    pub lead: Vec<String>,
    /// Most characters between an indicator or verb and its figure.
    pub max_gap: usize,
    /// Most characters an indicator grows by through neighbouring nouns.
    pub max_extend: usize,
}

impl Cues {
    /// Whether a counterpart cue may start with `c`: the mask first, as this is asked of
    /// most chars of a clause, then the list. Inlined into the linker's scan of a
    /// clause's chars, where a call per char cost more than the test.
    #[inline]
    pub fn may_start_counterpart(&self, c: char) -> bool {
        self.counterpart_mask & char_bit(c) != 0
            && self.counterpart_firsts.as_ref().is_none_or(|f| f.contains(&c))
    }
}

/// Compiled link rules.
#[derive(Debug, Clone)]
pub struct LinkRules {
    /// Every lexicon word; searched leftmost-longest.
    pub matcher: NameTrie,
    /// What each pattern of `matcher` is.
    pub words: Vec<Word>,
    /// Indicator entries.
    pub indicators: Vec<Indicator>,
    /// Anaphor entries.
    pub anaphors: Vec<Anaphor>,
    /// Token cues.
    pub cues: Cues,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<RuleExample>,
}

struct Builder<'f> {
    file: &'f RuleFile,
    patterns: Vec<String>,
    words: Vec<Word>,
    seen: HashMap<String, String>,
}

impl Builder<'_> {
    fn add(&mut self, word: &Spanned<String>, what: Word, id: &str, errors: &mut Vec<RuleError>) {
        let w = word.get_ref().trim();
        if w.is_empty() {
            errors.push(self.file.error_at(
                word.span(),
                format!("`{id}`: empty word"),
                Some("remove the empty string from the list"),
            ));
            return;
        }
        if let Some(other) = self.seen.get(w) {
            errors.push(self.file.error_at(
                word.span(),
                format!("`{id}`: word `{w}` is already listed under `{other}`"),
                Some("a word may appear in one entry only; keep the one you mean"),
            ));
            return;
        }
        self.seen.insert(w.to_owned(), id.to_owned());
        self.patterns.push(w.to_owned());
        self.words.push(what);
    }
}

impl LinkRules {
    /// Loads and compiles `link.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<LinkRules> {
        let file = read_or_record(dir, "link.toml", errors)?;
        LinkRules::compile(&file, errors)
    }

    /// Compiles the text of a `link.toml`, recording every problem.
    pub fn compile(file: &RuleFile, errors: &mut Vec<RuleError>) -> Option<LinkRules> {
        let spec = file.parse_toml::<LinkSpec>(errors)?;
        let before = errors.len();
        let mut b = Builder {
            file,
            patterns: Vec::new(),
            words: Vec::new(),
            seen: HashMap::new(),
        };
        let mut ids: HashMap<String, ()> = HashMap::new();
        let mut check_id = |id: &Spanned<String>, errors: &mut Vec<RuleError>| {
            if id.get_ref().trim().is_empty() {
                errors.push(file.error_at(id.span(), "empty id", Some("give every entry a short stable id")));
            } else if ids.insert(id.get_ref().clone(), ()).is_some() {
                errors.push(file.error_at(
                    id.span(),
                    format!("duplicate id `{}`", id.get_ref()),
                    Some("ids must be unique within link.toml"),
                ));
            }
        };
        let mut examples = Vec::new();
        let mut indicators = Vec::new();
        for entry in spec.indicator {
            check_id(&entry.id, errors);
            let id = entry.id.get_ref().clone();
            for w in &entry.words {
                b.add(
                    w,
                    Word::Indicator {
                        entry: indicators.len(),
                    },
                    &id,
                    errors,
                );
            }
            examples.extend(compile_all(entry.examples, file, &id, ExampleKind::Fact, errors));
            indicators.push(Indicator {
                id,
                kind: entry.kind,
                trade: entry.trade,
            });
        }
        for entry in spec.change {
            check_id(&entry.id, errors);
            let id = entry.id.get_ref().clone();
            for w in &entry.words {
                b.add(w, Word::Change(entry.sign), &id, errors);
            }
            examples.extend(compile_all(entry.examples, file, &id, ExampleKind::Fact, errors));
        }
        for entry in spec.basis {
            check_id(&entry.id, errors);
            let id = entry.id.get_ref().clone();
            if entry.basis != "yoy" && entry.basis != "mom" {
                errors.push(file.error_at(
                    entry.id.span(),
                    format!("`{id}`: unknown basis `{}`", entry.basis),
                    Some("use basis = \"yoy\" or basis = \"mom\""),
                ));
            }
            for w in &entry.words {
                b.add(w, Word::Basis(entry.basis.clone()), &id, errors);
            }
            examples.extend(compile_all(entry.examples, file, &id, ExampleKind::Fact, errors));
        }
        let mut anaphors = Vec::new();
        for entry in spec.anaphor {
            check_id(&entry.id, errors);
            let id = entry.id.get_ref().clone();
            if entry.refers == Refers::Fixed && entry.name.is_none() {
                errors.push(file.error_at(
                    entry.id.span(),
                    format!("`{id}`: refers = \"fixed\" needs a `name`"),
                    Some("add name = \"中国\" (and code = \"CN\")"),
                ));
            }
            for w in &entry.words {
                b.add(w, Word::Anaphor(anaphors.len()), &id, errors);
            }
            examples.extend(compile_all(entry.examples, file, &id, ExampleKind::Fact, errors));
            anaphors.push(Anaphor {
                id,
                refers: entry.refers,
                name: entry.name,
                code: entry.code,
            });
        }
        for entry in spec.threshold {
            check_id(&entry.id, errors);
            let id = entry.id.get_ref().clone();
            for w in &entry.before {
                b.add(w, Word::ThresholdBefore, &id, errors);
            }
            for w in &entry.after {
                b.add(w, Word::ThresholdAfter, &id, errors);
            }
            examples.extend(compile_all(entry.examples, file, &id, ExampleKind::Fact, errors));
        }
        let matcher = NameTrie::new(b.patterns.iter().map(String::as_str));
        let c = spec.cues;
        if errors.len() != before {
            return None;
        }
        let counterpart_firsts: Option<Vec<char>> = c.counterpart.iter().map(|w| w.chars().next()).collect();
        Some(LinkRules {
            matcher,
            words: b.words,
            indicators,
            anaphors,
            cues: Cues {
                counterpart_mask: counterpart_firsts
                    .as_ref()
                    .map_or(u64::MAX, |f| f.iter().fold(0, |m, &c| m | char_bit(c))),
                counterpart_firsts,
                counterpart: c.counterpart,
                comparison: WordList::new(c.comparison),
                share: WordList::new(c.share),
                level: WordList::new(c.level),
                each: WordList::new(c.each),
                list: c.list,
                extend_tags: c.extend_tags,
                stop: c.stop,
                partners: c.partners,
                not_counterpart: c.not_counterpart,
                modal: WordList::new(c.modal),
                tails: c.tails,
                gap: c.gap,
                org_after: WordList::new(c.org_after),
                breakdown: c.breakdown,
                count_units: c.count_units,
                partner_heads: c.partner_heads,
                partner_trim: c.partner_trim,
                not_value_before: WordList::new(c.not_value_before),
                lead: c.lead,
                max_gap: c.max_gap,
                max_extend: c.max_extend,
            },
            examples,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn word_list_finds_words_in_chars() {
        let list = WordList::new(vec!["比".into(), "高于".into(), "相当于".into()]);
        assert_eq!(&list[..], ["比", "高于", "相当于"]);
        assert!(list.written_in(&chars("增速高于全国")));
        assert!(list.written_in(&chars("比")));
        assert!(
            !list.written_in(&chars("高出全国")),
            "help: 高 alone is no word of the list"
        );
        assert!(!list.written_in(&[]));
        assert!(list.starts(&chars("相当于去年")));
        assert!(!list.starts(&chars("去年相当于")));
        assert!(list.ends(&chars("去年相当于")));
        assert!(!list.ends(&chars("相当")));
        // An empty word is written everywhere, as `str::contains("")` says.
        let empty = WordList::new(vec![String::new()]);
        assert!(empty.written_in(&[]) && empty.starts(&[]) && empty.ends(&[]));
    }

    fn compile(text: &str) -> (Option<LinkRules>, Vec<RuleError>) {
        let file = RuleFile::new("rules/link.toml", text);
        let mut errors = Vec::new();
        let rules = LinkRules::compile(&file, &mut errors);
        (rules, errors)
    }

    const CUES: &str = "[cues]\ncounterpart=[]\ncomparison=[]\nshare=[]\nlevel=[]\neach=[]\nlist=[]\nextend_tags=[]\nstop=[]\n";

    #[test]
    fn bundled_link_rules_compile_with_examples() {
        let file = RuleDir::Bundled.read("link.toml").unwrap();
        let mut errors = Vec::new();
        let rules = LinkRules::compile(&file, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        let rules = rules.unwrap();
        assert!(rules.indicators.len() >= 5);
        assert!(
            rules.examples.len() >= 10,
            "help: put examples on the important entries"
        );
    }

    #[test]
    fn duplicate_word_is_reported_with_position() {
        let text = format!(
            "[[indicator]]\nid = \"a\"\nwords = [\"出口\"]\n[[indicator]]\nid = \"b\"\nwords = [\"出口\"]\n{CUES}"
        );
        let (rules, errors) = compile(&text);
        assert!(rules.is_none());
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].col), (6, 10));
        assert!(errors[0].message.contains("already listed under `a`"));
    }

    #[test]
    fn unknown_key_and_bad_basis_are_errors() {
        let (_, errors) = compile(&format!("[[indicator]]\nid = \"a\"\nword = [\"出口\"]\n{CUES}"));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("unknown field"), "{errors:?}");
        let (_, errors) = compile(&format!(
            "[[basis]]\nid = \"q\"\nbasis = \"qoq\"\nwords = [\"环比\"]\n{CUES}"
        ));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("unknown basis"));
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn longest_word_wins() {
        let text = format!(
            "[[indicator]]\nid = \"t\"\nwords = [\"出口\", \"进出口总额\"]\n[[change]]\nid = \"up\"\nsign = \"+\"\nwords = [\"增长\"]\n{CUES}"
        );
        let (rules, errors) = compile(&text);
        assert!(errors.is_empty(), "{errors:?}");
        let rules = rules.unwrap();
        let chars: Vec<char> = "进出口总额增长".chars().collect();
        let mut found: Vec<String> = Vec::new();
        rules
            .matcher
            .find_leftmost_longest(&chars, |s, e, _| found.push(chars[s..e].iter().collect()));
        assert_eq!(found, ["进出口总额", "增长"]);
    }
}
