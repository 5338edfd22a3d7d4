//! Line classification: what each non-empty line of a page is, from the line alone.
//!
//! Context (is a short line a headline, a subhead or a list line?) is decided later by
//! `articles`; this module only reads cues from `rules/layout.toml`.

use super::byline;
use crate::record::{Byline, Dateline};
use crate::rules::layout::LayoutRules;

/// What a line is, judged by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    /// Section header (`要 闻` → `要闻`).
    Section(String),
    /// Column label (`短新闻竞赛`).
    Column(String),
    /// Jump line; `true` when the item continues on another page (`下转`).
    Jump(bool),
    /// Byline line (`■ 本报记者 胡静漪`).
    Byline(Byline),
    /// Photo credit, with the caption that shares its line.
    Credit {
        /// Caption text before the credit.
        caption: Option<String>,
        /// Credited names (all photographers).
        byline: Byline,
    },
    /// Dateline lead at the start of a paragraph.
    Lead {
        /// Place and date.
        dateline: Dateline,
        /// Names in the parenthesis after it.
        byline: Byline,
        /// The paragraph after the lead.
        rest: String,
    },
    /// A short line without sentence-final punctuation: headline, kicker, subhead or
    /// list line. `weak` when it ends with `!`/`?` (a headline only if context says so).
    Short {
        /// Ends with `!` or `?`.
        weak: bool,
    },
    /// A body paragraph.
    Body {
        /// Ends with sentence-final punctuation.
        finished: bool,
        /// A jump was cut off (`…(下转第3版)`, `(上接第1版)…`); `true` when it ends the
        /// item, `false` when the item continues from another page.
        jump: Option<bool>,
    },
}

/// A classified line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// The line as it reads (a trailing jump cut off).
    pub text: &'a str,
    /// What it is.
    pub kind: LineKind,
    /// Index of its blank-line-separated block.
    pub block: usize,
}

/// Publication date as (year, month, day).
pub(crate) type Ymd = (i32, u32, u32);

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_published(published: Option<&str>) -> Option<Ymd> {
    let p = crate::read::parse_iso_date(published?)?;
    let y = p.get(0..4)?.parse().ok()?;
    let m = p.get(5..7)?.parse().ok()?;
    let d = p.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// Whether `s` ends a paragraph.
pub(crate) fn is_finished(rules: &LayoutRules, s: &str) -> bool {
    let s = s.trim_end();
    if rules.sentence_final.iter().any(|f| s.ends_with(f.as_str())) {
        return true;
    }
    let inner = s.trim_end_matches(|c: char| rules.closers.contains(&c));
    inner.len() != s.len() && rules.sentence_final.iter().any(|f| inner.ends_with(f.as_str()))
}

fn ends_with_any(s: &str, list: &[String]) -> bool {
    list.iter().any(|x| s.ends_with(x.as_str()))
}

/// Whether a short line is a kicker (`…——`).
pub(crate) fn is_kicker(rules: &LayoutRules, s: &str) -> bool {
    ends_with_any(s, &rules.kicker_suffixes)
}

/// Whether a short line is a subtitle (`——…`).
pub(crate) fn is_subtitle(rules: &LayoutRules, s: &str) -> bool {
    rules.subtitle_prefixes.iter().any(|p| s.starts_with(p.as_str()))
}

/// Whether a paragraph introduces a list (`…如下:`).
pub(crate) fn leads_list(rules: &LayoutRules, s: &str) -> bool {
    ends_with_any(s.trim_end(), &rules.list_lead_suffixes)
}

/// A jump at the end (or start) of `s`: where it is and whether it ends the item.
fn find_jump(rules: &LayoutRules, s: &str) -> Option<(std::ops::Range<usize>, bool)> {
    // Jumps sit at either end of a line: look at a few characters there only, so long
    // paragraphs are not scanned. Most lines hold no 版 at all, which one search of
    // the line's bytes tells sooner than decoding its ends.
    let near = |t: &str| t.contains('版');
    if !near(s) {
        return None;
    }
    let head = s.char_indices().nth(16).map_or(s, |(i, _)| &s[..i]);
    let tail = s.char_indices().rev().nth(24).map_or(s, |(i, _)| &s[i..]);
    if !near(head) && !near(tail) {
        return None;
    }
    rules
        .jumps
        .iter()
        .find_map(|p| p.regex.find(s).map(|m| (m.range(), p.ends_item)))
}

fn to_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    match s.split_once('十') {
        Some((tens, ones)) => {
            let t = if tens.is_empty() {
                1
            } else {
                digit(tens.chars().next()?)?
            };
            let o = if ones.is_empty() {
                0
            } else {
                digit(ones.chars().next()?)?
            };
            (tens.chars().count() <= 1 && ones.chars().count() <= 1).then_some(t * 10 + o)
        }
        None if s.chars().count() == 1 => digit(s.chars().next()?),
        None => None,
    }
}

/// ISO date of a dateline month/day, in the year that puts it on or before the
/// publication date.
fn resolve_date(month: u32, day: u32, published: Option<Ymd>) -> Option<String> {
    let (y, pm, pd) = published?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let year = if (month, day) > (pm, pd) { y - 1 } else { y };
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Datelines run into the text after its start, each as the byte where it ends and the
/// date it gives (`…提高司法水平新华社北京3月11日电最高人民法院…`): a headline glued to
/// the story's first line, or several stories run together. A story is written on its
/// dateline's day, so its relative days count from there.
pub fn inline_datelines(rules: &LayoutRules, text: &str, published: Option<&str>) -> Vec<(usize, String)> {
    if rules
        .inline_dateline_set
        .as_ref()
        .is_some_and(|set| !set.is_match(text))
    {
        return Vec::new();
    }
    let published = parse_published(published);
    let mut found = Vec::new();
    for regex in &rules.inline_datelines {
        for caps in regex.captures_iter(text) {
            let (Some(whole), Some(m), Some(d)) = (caps.get(0), caps.name("month"), caps.name("day")) else {
                continue;
            };
            if whole.start() == 0 {
                continue;
            }
            if let (Some(m), Some(d)) = (to_number(m.as_str()), to_number(d.as_str()))
                && let Some(date) = resolve_date(m, d, published)
            {
                found.push((whole.end(), date));
            }
        }
    }
    found.sort();
    found.dedup_by_key(|f| f.0);
    found
}

/// Parses a dateline lead at the start of `line`.
fn parse_lead(rules: &LayoutRules, line: &str, published: Option<Ymd>) -> Option<LineKind> {
    // Which pattern first (the first that matches, as listed): most lines are no lead,
    // and captures cost an allocation. `is_match` first, since it neither allocates
    // the set of matches nor looks for a second one: about half the cost on a line
    // that is no lead.
    let first = match &rules.dateline_set {
        Some(set) if !set.is_match(line) => None,
        Some(set) => set.matches(line).iter().next(),
        None => rules.datelines.iter().position(|p| p.regex.is_match(line)),
    }?;
    let caps = rules.datelines.get(first)?.regex.captures(line)?;
    let end = caps.get(0)?.end();
    let place = caps
        .name("place")
        .map(|m| m.as_str().to_owned())
        .filter(|p| !p.is_empty());
    let month = caps.name("month").and_then(|m| to_number(m.as_str()));
    let day = caps.name("day").and_then(|m| to_number(m.as_str()));
    let date = match (month, day) {
        (Some(m), Some(d)) => resolve_date(m, d, published),
        _ => None,
    };
    let mut rest = line[end..].trim_start();
    let mut credit = Byline::default();
    if let Some(after) = rest.strip_prefix('(')
        && let Some(close) = after.find(')')
        && let Some(b) = byline::parse_credit(rules, after[..close].trim(), &[])
    {
        credit = b;
        rest = after[close + 1..].trim_start();
    } else if byline::credit_token(rules, rest.split(' ').next().unwrap_or("")) {
        // `南都讯 记者刘凡 周昌和 继推出日票后,…`: names up to the first other token.
        let mut cut = 0;
        for (i, token) in split_with_offsets(rest) {
            if byline::credit_token(rules, token) {
                cut = i + token.len();
            } else {
                break;
            }
        }
        if let Some(b) = byline::parse_credit(rules, &rest[..cut], &[])
            && cut < rest.len()
        {
            credit = b;
            rest = rest[cut..].trim_start();
        }
    }
    Some(LineKind::Lead {
        dateline: Dateline { place, date },
        byline: credit,
        rest: rest.to_owned(),
    })
}

fn split_with_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split(' ').scan(0usize, |pos, t| {
        let start = *pos;
        *pos += t.len() + 1;
        Some((start, t))
    })
}

/// How many chars `s` has, or `cap + 1` when it surely has more than `cap`: what a
/// comparison with any length up to `cap` needs. A char takes at most four bytes, so a
/// string of more than `4 × cap` bytes has more than `cap` chars, and a body paragraph
/// is not counted to its end only to be found too long for a headline.
fn chars_up_to(s: &str, cap: usize) -> usize {
    if s.len() > cap.saturating_mul(4) {
        return cap.saturating_add(1);
    }
    s.chars().count()
}

/// Classifies one trimmed, non-empty line.
pub fn classify<'a>(rules: &LayoutRules, line: &'a str, published: Option<Ymd>) -> (&'a str, LineKind) {
    // Lengths are only compared with the section, column and headline limits.
    let cap = rules.max_headline_chars.max(24);
    let chars = chars_up_to(line, cap);
    let mut text = line;
    let mut jump = None;
    if let Some((range, ends)) = find_jump(rules, line) {
        let (before, after) = (line[..range.start].trim_end(), line[range.end..].trim_start());
        if before.is_empty() && after.is_empty() {
            return (line, LineKind::Jump(ends));
        }
        text = if before.is_empty() { after } else { before };
        jump = Some(ends);
    }
    if jump.is_none() {
        if chars <= 12
            && let Some(p) = rules.sections.iter().find(|p| p.regex.is_match(line))
        {
            let _ = &p.id;
            return (
                line,
                LineKind::Section(line.chars().filter(|c| *c != ' ').collect()),
            );
        }
        if chars <= 24
            && let Some(caps) = rules.columns.iter().find_map(|p| p.regex.captures(line))
        {
            let name = caps.iter().skip(1).flatten().next().map_or(line, |m| m.as_str());
            return (line, LineKind::Column(name.to_owned()));
        }
    }
    if let Some(lead) = parse_lead(rules, text, published) {
        return (text, lead);
    }
    if jump.is_none() {
        if let Some((caption, byline)) = byline::parse_credit_line(rules, text) {
            return (text, LineKind::Credit { caption, byline });
        }
        if let Some(b) = byline::parse_byline_line(rules, text) {
            return (text, LineKind::Byline(b));
        }
    }
    let finished = is_finished(rules, text);
    let n = if jump.is_some() {
        chars_up_to(text, cap)
    } else {
        chars
    };
    if jump.is_none()
        && n <= rules.max_headline_chars
        && !rules.not_in_headline.iter().any(|w| text.contains(w.as_str()))
        && !ends_with_any(text, &rules.not_headline_final)
    {
        let weak = ends_with_any(text, &rules.weak_final);
        if !finished || weak || is_kicker(rules, text) {
            return (
                text,
                LineKind::Short {
                    weak: weak && finished,
                },
            );
        }
    }
    (text, LineKind::Body { finished, jump })
}

/// Splits text into classified lines, with block numbers (blocks are separated by
/// blank lines).
pub fn lines<'a>(rules: &LayoutRules, text: &'a str, published: Option<Ymd>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let mut block = 0;
    let mut blank = true;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            if !blank {
                block += 1;
            }
            blank = true;
            continue;
        }
        blank = false;
        let (text, kind) = classify(rules, line, published);
        out.push(Line { text, kind, block });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleDir;

    fn rules() -> LayoutRules {
        let mut e = Vec::new();
        LayoutRules::load(&RuleDir::Bundled, &mut e).unwrap()
    }

    const PUB: Option<Ymd> = Some((2026, 1, 22));

    #[test]
    fn section_column_jump() {
        let r = rules();
        assert_eq!(classify(&r, "要 闻", PUB).1, LineKind::Section("要闻".into()));
        assert_eq!(
            classify(&r, "短新闻竞赛", PUB).1,
            LineKind::Column("短新闻竞赛".into())
        );
        assert_eq!(
            classify(&r, "【一线调研】", PUB).1,
            LineKind::Column("一线调研".into())
        );
        assert_eq!(classify(&r, "(下转第3版)", PUB).1, LineKind::Jump(true));
        assert_eq!(classify(&r, "(上接第1版)", PUB).1, LineKind::Jump(false));
        let (text, kind) = classify(
            &r,
            "这是一段很长的正文,讲的是浙江外贸的发展,还没有讲完就转到了(下转第3版)",
            PUB,
        );
        assert_eq!(text, "这是一段很长的正文,讲的是浙江外贸的发展,还没有讲完就转到了");
        assert_eq!(
            kind,
            LineKind::Body {
                finished: false,
                jump: Some(true)
            }
        );
    }

    #[test]
    fn datelines_run_into_the_text() {
        let r = rules();
        let text = "坚持严肃执法新华社北京3月11日电最高人民法院院长今天说。本报杭州6月16日电今天";
        let found = inline_datelines(&r, text, Some("2015-06-15"));
        let ends: Vec<usize> = found.iter().map(|(end, _)| *end).collect();
        let first = text.find("最高").unwrap();
        let second = text.rfind("今天").unwrap();
        assert_eq!(ends, vec![first, second]);
        // A dateline past the publication day is last year's, as a lead's is.
        assert_eq!(found[0].1, "2015-03-11");
        assert_eq!(found[1].1, "2014-06-16");
        // One that opens the text is a lead, found by `classify`.
        assert!(inline_datelines(&r, "新华社北京3月11日电今天", Some("2015-06-15")).is_empty());
    }

    #[test]
    fn dateline_leads() {
        let r = rules();
        let (_, k) = classify(
            &r,
            "本报绍兴1月21日电(记者周楷华 李文瑶 通讯员龚洁节)21日上午,绍兴市人民医院昌安院区。",
            PUB,
        );
        let LineKind::Lead {
            dateline,
            byline,
            rest,
        } = k
        else {
            panic!("{k:?}")
        };
        assert_eq!(dateline.place.as_deref(), Some("绍兴"));
        assert_eq!(dateline.date.as_deref(), Some("2026-01-21"));
        assert_eq!(byline.reporters, vec!["周楷华".to_string(), "李文瑶".into()]);
        assert_eq!(rest, "21日上午,绍兴市人民医院昌安院区。");

        let (_, k) = classify(&r, "本报讯 近日,杭州举行了一场发布会。", PUB);
        let LineKind::Lead { dateline, rest, .. } = k else {
            panic!()
        };
        assert_eq!(dateline, Dateline::default());
        assert_eq!(rest, "近日,杭州举行了一场发布会。");

        let (_, k) = classify(&r, "新华社北京12月30日电(记者 张三)国家统计局今天发布数据。", PUB);
        let LineKind::Lead {
            dateline,
            byline,
            rest,
        } = k
        else {
            panic!()
        };
        assert_eq!(dateline.place.as_deref(), Some("北京"));
        assert_eq!(dateline.date.as_deref(), Some("2025-12-30"));
        assert_eq!(byline.reporters, vec!["张三".to_string()]);
        assert_eq!(rest, "国家统计局今天发布数据。");

        let (_, k) = classify(
            &r,
            "南都讯 记者刘凡 周昌和 任笑一 继推出日票后,深圳今后将设地铁VIP头等车厢。",
            PUB,
        );
        let LineKind::Lead { byline, rest, .. } = k else {
            panic!()
        };
        assert_eq!(byline.reporters.len(), 3);
        assert!(rest.starts_with("继推出日票后"));
    }

    #[test]
    fn short_lines_and_body() {
        let r = rules();
        assert_eq!(classify(&r, "是谁在领跑", PUB).1, LineKind::Short { weak: false });
        assert_eq!(
            classify(&r, "外贸为何逆势增长?", PUB).1,
            LineKind::Short { weak: true }
        );
        assert_eq!(
            classify(&r, "记者现场观摩心脏手术机器人协助医生动手术——", PUB).1,
            LineKind::Short { weak: false }
        );
        assert_eq!(
            classify(&r, "广东依然遥遥领先,位居首位。", PUB).1,
            LineKind::Body {
                finished: true,
                jump: None
            }
        );
        assert!(matches!(
            classify(&r, "■ 本报记者 胡静漪", PUB).1,
            LineKind::Byline(_)
        ));
        assert!(matches!(
            classify(&r, "通讯员 里尔 摄", PUB).1,
            LineKind::Credit { caption: None, .. }
        ));
    }

    #[test]
    fn finished_paragraphs() {
        let r = rules();
        assert!(is_finished(&r, "他说:“好。”"));
        assert!(is_finished(&r, "机遇——"));
        assert!(!is_finished(&r, "高端产业加"));
        assert!(!is_finished(&r, "首次突破“万亿”"));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(to_number("二十一"), Some(21));
        assert_eq!(to_number("十"), Some(10));
        assert_eq!(to_number("十二"), Some(12));
        assert_eq!(to_number("三"), Some(3));
        assert_eq!(to_number("12"), Some(12));
    }
}
