//! Figures: money, percentages, quantities, multiples, dates, ordinals, numbers.
//!
//! Recognition runs on the normalized characters, not on jieba tokens (jieba fuses
//! `万亿元` and `多个` into one token and splits decimals). One left-to-right pass: at
//! each character that can begin a figure (a digit, a Chinese numeral, the first
//! character of a prefix, phrase or relative-date word) the scanner reads
//! `prefixes · number · qualifier · unit · qualifier`, then perhaps a range's second end,
//! and jumps past what it took, so figures come out in text order and never overlap.
//!
//! Invariants (tested by a property test): no input panics; every figure's `span` is a
//! char range of `ctx.text` and `text` is exactly that slice; values are exact decimals.
//!
//! Rule ids: words come from `rules/figures.toml` and carry their entry's id. Built-in
//! patterns use these ids: `number` (a bare number), `fraction` (`五分之一`, `1/5`),
//! `mixed-fraction` (`一千零十又三分之一`, `1 3/5`, kind number), `power` (`2^-1`),
//! `percent-of`
//! (`百分之五`), `permille-of` (`千分之三`), and for dates `date-y` (`2025年`), `date-ym`,
//! `date-ymd`, `date-m` (`4月份`), `date-md` (`1月21日`), `date-d` (`21日`),
//! `date-quarter` (`一季度` → `2026-Q1`), `date-half` (`上半年` → `2026-H1`),
//! `date-to-quarter` (`前三季度` → `2026-Q1/2026-Q3`), `date-to-month` (`前8个月` →
//! `2026-01/2026-08`),
//! `date-year-end` (`年底` → `YYYY-12`), `date-year-start`, `date-period` (`1—2月`,
//! `2021—2025年`), `date-iso` (`2026-01-21`), `date-weekday` (`周三`, dated in the
//! publication week; also `上周四`, a day of the week before), `date-decade` (`90年代` →
//! `1990/1999`, `上世纪五六十年代` → `1950/1969`), `date-century` (`十九世纪` →
//! `1801/1900`, strictly; `7至10世纪` → `0601/1000`), `time` (`上午10时` → `T10:00`, an ISO
//! time of day); a relative date carries its entry's id (`last-year`, `last-week` →
//! the ISO week `2026-W03`).
//!
//! Dates are resolved against the publication date. A month without a year takes the
//! publication year, or the year before when the month (or the end of a period) lies
//! more than two months after the publication month (`12月` in a January paper is last
//! December). Without a publication date the text's own parts are kept (`XXXX-01-21`)
//! and a warning says so; a bare relative word (`去年`) is then left out, with a warning.

mod dates;
mod lists;
/// Reading one number (Arabic, Chinese, mixed) at a position.
pub mod numbers;

use super::Context;
use crate::normalize::is_han;
use crate::record::{Approx, Figure, FigureKind, FigureValue};
use crate::rules::figures::{
    DateUnit, FigureRules, Financial, MoneyContext, MoneyEcho, OnlyAfter, Prefix, Qualifier, Standalone,
    Suffix, Unit,
};
use crate::segment::{Token, Tokens};
use numbers::{NoNum, Num, chinese_digit, number_at};
use rust_decimal::{Decimal, RoundingStrategy};

/// Whether `s` is a whole ISO day (`2026-01-21`) that relative dates can be read against.
pub fn is_whole_day(s: &str) -> bool {
    s.len() == 10 && dates::Ymd::parse(s).is_some()
}

/// Counts the relative days of `figures` that start in chars `from..to` (`今天`, `昨天`,
/// `今天上午10时`, `今夜到明天`) from `day` instead of `reference`, the day they were read
/// against: the day of a dateline run into the text (`…新华社北京3月11日电…今天`), which
/// the story was written on. Both days are `YYYY-MM-DD`; other figures stay.
pub fn recount_relative_days(
    rules: &FigureRules,
    figures: &mut [Figure],
    from: usize,
    to: usize,
    reference: &str,
    day: &str,
) {
    let (Some(a), Some(b)) = (dates::Ymd::parse(reference), dates::Ymd::parse(day)) else {
        return;
    };
    let shift = b.days_since(a);
    if shift == 0 {
        return;
    }
    let in_range = |f: &Figure| f.kind == FigureKind::Date && f.span[0] >= from && f.span[0] < to;
    for f in figures.iter_mut().filter(|f| in_range(f)) {
        let chars: Vec<char> = f.text.chars().collect();
        let relative_day = match rules.standalone.longest_at(&chars, 0) {
            Some((_, Standalone::Relative(r))) => rules
                .relative_dates
                .get(r)
                .is_some_and(|r| r.unit == DateUnit::Day),
            _ => false,
        };
        if !relative_day {
            continue;
        }
        if let FigureValue::Text(v) = &f.value {
            let moved: Option<Vec<String>> = v
                .split('/')
                .map(|part| {
                    let day = dates::Ymd::parse(part.get(..10)?)?;
                    Some(format!(
                        "{}{}",
                        day.add_days(shift).iso(),
                        part.get(10..).unwrap_or_default()
                    ))
                })
                .collect();
            if let Some(parts) = moved {
                f.value = FigureValue::Text(parts.join("/"));
            }
        }
    }
}

/// Finds every figure in `ctx.text`, in text order; problems go to `warnings`.
pub fn extract(rules: &FigureRules, ctx: &Context<'_>, warnings: &mut Vec<String>) -> Vec<Figure> {
    debug_assert_eq!(
        ctx.tokens.text(),
        ctx.text,
        "tokens must be of the context's text"
    );
    let mut scanner = Scanner {
        rules,
        text: ctx.tokens.chars(),
        published: ctx.reference_date.and_then(dates::Ymd::parse),
        floor: 0,
        tokens: ctx.tokens,
        warnings,
        out: Vec::new(),
        after_series_marks: Vec::new(),
    };
    scanner.run();
    scanner.out
}

/// What a try at one position gave.
enum Step {
    Found(Figure),
    Skip(usize),
    Nothing,
}

/// The state of one pass over one text.
struct Scanner<'a, 't> {
    rules: &'a FigureRules,
    text: &'a [char],
    published: Option<dates::Ymd>,
    /// End of the last figure: words read backwards stop here.
    floor: usize,
    tokens: &'a Tokens<'t>,
    warnings: &'a mut Vec<String>,
    out: Vec<Figure>,
    /// Where the scan stopped at a char right after a series mark (`三` in `述评之三》`):
    /// the places [`Scanner::series_ordinals`] looks at.
    after_series_marks: Vec<usize>,
}

/// What follows a number: qualifiers and a unit.
#[derive(Debug, Clone, Copy)]
struct Tail {
    end: usize,
    unit: Option<Suffix>,
    approx: Option<Approx>,
}

/// A loose range starting at `j` with the digit `d1`, whose upper end is `second`
/// (`三五百`, `2、300`): the lower end as a number (`d1` x `scale`) and the upper value.
fn pair_from(j: usize, d1: u32, scale: Decimal, second: Num) -> Option<(Num, Decimal)> {
    let upper = second.value;
    let lower = Num {
        start: j,
        value: Decimal::from(d1).checked_mul(scale)?,
        lead: Decimal::from(d1),
        ..second
    };
    Some((lower, upper))
}

/// Whether one of a rule's `only_before` words is written at `at`, or it has none.
fn followed_as_needed(only_before: &[Vec<char>], text: &[char], at: usize) -> bool {
    only_before.is_empty() || only_before.iter().any(|w| written_at(text, at, w))
}

/// Whether the qualifier word `q` written at `at` qualifies what starts at `next`: it
/// ends no other word (`节约`, `最近`, but `进度过`) and is followed as its `only_before`
/// asks (`过` only before a scale, `过亿元`).
fn qualifier_stands(q: &Qualifier, text: &[char], at: usize, next: usize) -> bool {
    let ends_a_word = at.checked_sub(1).is_some_and(|b| q.not_after.contains(&text[b]))
        && !q.but_after.iter().any(|w| written_before(text, at, w));
    !ends_a_word && followed_as_needed(&q.only_before, text, next)
}

/// Whether `word` is written at char `at` of `text`.
fn written_at(text: &[char], at: usize, word: &[char]) -> bool {
    // The first char first: most tries fail there, without a call to compare slices.
    word.first().is_none_or(|w| text.get(at) == Some(w)) && text.get(at..at + word.len()) == Some(word)
}

/// How many ASCII digits are written in a row from char `at` of `text` (0 past its end).
fn ascii_digits_at(text: &[char], at: usize) -> usize {
    text.get(at..)
        .map_or(0, |rest| rest.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Whether `word` is written right before char `end` of `text`.
fn written_before(text: &[char], end: usize, word: &[char]) -> bool {
    end.checked_sub(word.len())
        .is_some_and(|at| written_at(text, at, word))
}

/// How many chars back a money figure may stand from a bare amount that takes its
/// currency ([`Scanner::money_echo`]); its rule's `marks` bound it first.
const MONEY_ECHO_REACH: usize = 120;

/// Quotation marks, opening and closing.
const QUOTES: [(char, char); 5] = [('“', '”'), ('"', '"'), ('‘', '’'), ('「', '」'), ('『', '』')];

/// Whether `c` closes a quotation.
fn is_closing_quote(c: char) -> bool {
    QUOTES.iter().any(|&(_, close)| close == c)
}

/// The quote mark that closes `open` (`“` → `”`), if `open` opens a quotation.
fn closing_quote(open: char) -> Option<char> {
    QUOTES.iter().find(|&&(o, _)| o == open).map(|&(_, close)| close)
}

/// Whether `c` is a word of a date or a time of day (`年`, `日`, `点`): a number before
/// it is part of a date, not of a fraction or a measure.
fn is_date_char(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '号' | '號' | '时' | '點' | '点')
}

/// Whether `c` ends a clause: where a colloquial amount may close (`挣了12块,`).
fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '。' | ',' | '，' | ';' | '；' | '!' | '！' | '?' | '？' | ':' | '：' | '\n'
    )
}

/// The smallest scale that stands for an amount alone after a qualifier (`超万`).
const TEN_THOUSAND: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// The least scale a bare size class is written in (`百吨级`; `十万吨级` counts).
const HUNDRED: Decimal = Decimal::from_parts(100, 0, 0, false, 0);

/// How far from a number [`Scanner::in_quoted_formula`] looks for the quotes around it.
const QUOTED_FORMULA_REACH: usize = 12;

/// What `半` adds: half of the unit before it.
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// A whole count that a `半` may follow (`三年半`, `两个半小时`), not `3.5年` or `三年多`.
fn whole_count(num: &Num) -> bool {
    !num.decimal && num.approx.is_none() && (num.value.scale() == 0 || num.value.fract().is_zero())
}

fn is_sign(c: char) -> bool {
    matches!(c, '负' | '負' | '-' | '−')
}

fn round4(d: Decimal) -> Decimal {
    round_dp(d, 4)
}

/// A quotient as the value of a fraction: exact when it terminates within a dozen
/// places (`一万万分之七` = 0.000007 %), else rounded to four (`三分之二` = 66.6667):
/// a quotient that does not terminate fills all 28 digits of the decimal.
fn quotient_value(d: Decimal) -> Decimal {
    let d = d.normalize();
    if d.scale() <= 12 { d } else { round4(d) }
}

fn round_dp(d: Decimal, places: u32) -> Decimal {
    d.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

impl<'a> Scanner<'a, '_> {
    fn run(&mut self) {
        let n = self.text.len();
        let mut i = 0;
        let mut floor = 0;
        let (rules, text) = (self.rules, self.text);
        while i < n {
            // Most chars start nothing: skip to the next that may, in a loop of its own.
            match text[i..].iter().position(|&c| rules.may_start(c)) {
                Some(k) => i += k,
                None => break,
            }
            self.floor = floor;
            if rules.series_marks.iter().any(|w| written_before(text, i, w)) {
                self.after_series_marks.push(i);
            }
            match self.at(i, floor) {
                Step::Found(f) => {
                    let f = self.dashed_year(f);
                    if self.recurring_day(&f) {
                        i = f.span[1].max(i + 1);
                        continue;
                    }
                    if let Some(to) = self.within_name(&f) {
                        i = to.max(i + 1);
                        continue;
                    }
                    if let FigureValue::Text(v) = &f.value
                        && v.contains('X')
                    {
                        self.warnings.push(undated_warning(&f.text, f.span, v));
                    }
                    let f = self.dated_by_relative_day(f);
                    let f = self.with_day_before(f);
                    let f = self.date_with_approx_after(f);
                    let f = self.with_ordinal_mark(f);
                    floor = f.span[1];
                    i = f.span[1].max(i + 1);
                    self.out.push(f);
                }
                Step::Skip(to) => i = to.max(i + 1),
                Step::Nothing => i += 1,
            }
        }
        self.share_list_units();
        self.share_list_approx();
        self.share_change_units();
        self.share_ordinal_units();
        self.take_listed_heads();
        self.join_date_ranges();
        self.years_before_relative_day();
        self.dates_of_named_year_after();
        self.join_bounds();
        if !self.after_series_marks.is_empty() {
            self.series_ordinals();
        }
        if !self.rules.across_qualifiers.is_empty() {
            self.qualify_across();
        }
    }

    /// Two bounds that make one range: `三年以上十年以下`, `1万元以上5万元以下` (a lower
    /// bound right before an upper one of the same kind and unit, both included), and
    /// `百分之五到百分之十` (two percents written out, joined by a range separator; `5%到10%`
    /// is read as one range already).
    fn join_bounds(&mut self) {
        let mut j = 0;
        while j + 1 < self.out.len() {
            let (a, b) = (&self.out[j], &self.out[j + 1]);
            let bounded =
                a.span[1] == b.span[0] && a.approx == Some(Approx::Over) && b.approx == Some(Approx::Under);
            let percent_range = a.kind == FigureKind::Percent
                && a.approx.is_none()
                && b.approx.is_none()
                && self
                    .rules
                    .separators
                    .longest_at(self.text, a.span[1])
                    .is_some_and(|(len, ())| a.span[1] + len == b.span[0]);
            let joined = match (&a.value, &b.value) {
                (FigureValue::Number(lo), FigureValue::Number(hi))
                    if (bounded || percent_range)
                        && a.kind == b.kind
                        && a.unit == b.unit
                        && a.upper.is_none()
                        && b.upper.is_none()
                        && lo < hi =>
                {
                    Some(*hi)
                }
                _ => None,
            };
            if let Some(hi) = joined {
                let b = self.out.remove(j + 1);
                let text = self.slice(self.out[j].span[0], b.span[1]);
                let a = &mut self.out[j];
                a.text = text;
                a.span[1] = b.span[1];
                a.upper = Some(hi);
                a.approx = None;
            }
            j += 1;
        }
    }

    /// `述评之三》`, `来自香港的报道之十一`: a Chinese numeral of two or more after a
    /// series mark, ending a title or a phrase, numbers a part of a series: an ordinal
    /// that takes the mark in (`三分之二` is a fraction, `之一` "one of").
    fn series_ordinals(&mut self) {
        let text = self.text;
        // The scan stops at every numeral but those inside a figure begun before it,
        // which the checks below refuse anyway.
        for k in std::mem::take(&mut self.after_series_marks) {
            let Some(mark) = self
                .rules
                .series_marks
                .iter()
                .find(|w| written_before(text, k, w))
            else {
                continue;
            };
            let at = k - mark.len();
            if at > 0 && text[at - 1] == '分' {
                continue;
            }
            let Ok(num) = number_at(self.rules, text, k) else {
                continue;
            };
            let Some(n) = num.small_int().filter(|&n| n >= 2) else {
                continue;
            };
            let next = text.get(num.end).copied();
            // `之一` is "one of" (`要素之一八卦楼`), `如鸟之两翼` an idiom.
            if num.arabic
                || n >= 1000
                || matches!(text.get(k), Some('一' | '两'))
                || next.is_some_and(|c| c.is_ascii_digit() || chinese_digit(c).is_some())
            {
                continue;
            }
            // A bare number read at the numeral alone (`十一` before `本报`, whose `本` was
            // no unit there) gives way; a figure reaching further (`之三年`) keeps it. With
            // none, the numeral ends a title or a phrase: a mark follows, no word
            // (`纪实之五》`; `放之四海`, `原因之二是` are words).
            let inside = |f: &Figure| f.span[0] < num.end && f.span[1] > at;
            let mut found = self.out.iter().filter(|f| inside(f));
            match found.next() {
                Some(f)
                    if f.span == [k, num.end] && f.kind == FigureKind::Number && found.next().is_none() => {}
                Some(_) => continue,
                None if next.is_some_and(|c| c.is_alphanumeric()) => continue,
                None => {}
            }
            self.out.retain(|f| !inside(f));
            let f = self.figure(
                FigureKind::Ordinal,
                at,
                num.end,
                FigureValue::Number(Decimal::from(n)),
                None,
                None,
                None,
                "series",
            );
            let place = self.out.partition_point(|g| g.span[0] < at);
            self.out.insert(place, f);
        }
    }

    /// Whether a relative date word that counts only before some words (`今` of `今起`)
    /// has one of them at `end`, and a phrase that counts only after some (`越共十三大`)
    /// one right before `start`: `None` if not, else how many chars of the word before
    /// belong with it (jieba may make one word of both, `中共一大/j`). Asked before jieba
    /// is, since `今` and `明` are common.
    fn word_it_needs(&self, st: Standalone, start: usize, end: usize) -> Option<usize> {
        match st {
            Standalone::Relative(r) => self
                .rules
                .relative_dates
                .get(r)
                .is_none_or(|rd| followed_as_needed(&rd.only_before, self.text, end))
                .then_some(0),
            Standalone::Phrase(p) => match self.rules.phrases.get(p) {
                Some(p) if !p.only_after.is_empty() => p
                    .only_after
                    .iter()
                    .find(|w| written_before(self.text, start, w))
                    .map(Vec::len),
                _ => Some(0),
            },
            Standalone::Holiday(_) => Some(0),
        }
    }

    /// Whether figure `f` comes from a phrase read only after the word before it
    /// (`越共十三大`), which a name starting at it does not hide.
    fn phrase_after_its_word(&self, f: &Figure) -> bool {
        self.rules
            .phrases
            .iter()
            .any(|p| !p.only_after.is_empty() && p.id == f.rule)
    }

    /// `2030年前后达到峰值`, `2月13日左右抵达`: a suffix qualifier right after a year or a
    /// day makes the date approximate. Periods and times keep theirs (`2001年至2002年左右`
    /// is about the period's end, not a date near it).
    fn date_with_approx_after(&self, mut f: Figure) -> Figure {
        let FigureValue::Text(v) = &f.value else {
            return f;
        };
        if f.kind != FigureKind::Date || f.approx.is_some() || v.contains('/') || v.contains('T') {
            return f;
        }
        let end = f.span[1];
        // Only `about` words of two chars or more: after a date a one-char qualifier
        // starts the next word (`去年多地`, `今年多次`), and `以内` bounds a deadline.
        if let Some((len, approx)) = self.suffix_approx_at(end)
            && approx == Approx::About
            && len >= 2
            && let Some(word) = self.text.get(end..end + len)
        {
            f.approx = Some(approx);
            f.span[1] = end + len;
            f.text.extend(word);
        }
        f
    }

    /// `第二十五号主席令`: an ordinal with no counter takes a serial mark right after it
    /// as its unit, unless the mark starts one of `ordinal_mark_not_words` (`第一版块`).
    fn with_ordinal_mark(&self, mut f: Figure) -> Figure {
        let end = f.span[1];
        if f.kind != FigureKind::Ordinal || f.unit.is_some() {
            return f;
        }
        if let Some(c) = self.ordinal_mark_at(end) {
            f.span[1] = end + 1;
            f.text.push(c);
            f.unit = Some(c.to_string());
        }
        f
    }

    /// The serial mark at `at`, unless it starts one of `ordinal_mark_not_words`.
    fn ordinal_mark_at(&self, at: usize) -> Option<char> {
        let rules = self.rules;
        self.text
            .get(at)
            .filter(|c| rules.ordinal_marks.contains(c))
            .filter(|_| {
                !rules
                    .ordinal_mark_not_words
                    .iter()
                    .any(|w| written_at(self.text, at, w))
            })
            .copied()
    }

    /// `约占全国四成`, `约为去年同期5倍`: a qualifier word a few words before a figure
    /// with none of its own says how near it is. Only Han words stand between (a date
    /// among them, `去年`), no mark and no other figure.
    fn qualify_across(&mut self) {
        let rules = self.rules;
        let text = self.text;
        for j in 0..self.out.len() {
            let f = &self.out[j];
            if f.approx.is_some() || matches!(f.kind, FigureKind::Date | FigureKind::Ordinal) {
                continue;
            }
            let mut k = f.span[0];
            let mut before = j;
            let mut between = 0;
            let found = loop {
                if let Some((len, q)) = rules.across_qualifiers.longest_before(text, k)
                    && let Some(rule) = rules.qualifiers.get(q)
                    && between <= rule.reach
                    && qualifier_stands(rule, text, k - len, k)
                {
                    break Some(rule.approx);
                }
                // Step back over a date figure whole, over a Han char one at a time.
                let prev = before.checked_sub(1).map(|p| &self.out[p]);
                if let Some(p) = prev.filter(|p| p.span[1] == k) {
                    if p.kind != FigureKind::Date {
                        break None;
                    }
                    between += k - p.span[0];
                    k = p.span[0];
                    before -= 1;
                } else if k > 0 && is_han(text[k - 1]) {
                    between += 1;
                    k -= 1;
                } else {
                    break None;
                }
                if between > rules.across_reach {
                    break None;
                }
            };
            if let Some(approx) = found {
                self.out[j].approx = Some(approx);
            }
        }
    }

    /// `“四个全面”`, `“八条硬措施”`: a count in a `quoted_slogan_units` unit right after
    /// an opening quote, followed by at most six Han chars and the closing quote, names
    /// a slogan; so does one that is the whole quotation before the word it names
    /// (`“十六字”方针`). Returns where the closing quote is.
    fn quoted_slogan(&self, f: &Figure) -> Option<usize> {
        if f.kind != FigureKind::Quantity
            || !f
                .unit
                .as_ref()
                .is_some_and(|u| self.rules.quoted_slogan_units.contains(u))
        {
            return None;
        }
        let closing = closing_quote(*self.text.get(f.span[0].checked_sub(1)?)?)?;
        let rest = self.text.get(f.span[1]..)?;
        let len = rest.iter().take(7).position(|&c| c == closing)?;
        // `“四个100”`: a slogan may end in digits.
        ((len > 0
            && rest[..len]
                .iter()
                .all(|&c| is_han(c) || c.is_ascii_digit()))
            // `“十六字”方针`: the whole quotation, before the word it names.
            || (len == 0 && self.han_at(f.span[1] + 1)))
        .then_some(f.span[1] + len)
    }

    /// Where to scan on when the figure found is part of a name and counts nothing.
    fn within_name(&self, f: &Figure) -> Option<usize> {
        // `农历八月十八`, `腊月二十五`: a lunar month and day, which no ISO date writes.
        if matches!(f.kind, FigureKind::Date | FigureKind::Number)
            && self
                .rules
                .lunar_before
                .iter()
                .any(|w| f.span[0] >= w.len() && written_at(self.text, f.span[0] - w.len(), w))
        {
            let lunar_day = |c: &char| matches!(c, '初' | '廿' | '十') || chinese_digit(*c).is_some();
            let mut end = f.span[1];
            while self.text.get(end).is_some_and(lunar_day) {
                end += 1;
            }
            return Some(end);
        }
        // `21世纪经济报道` is a newspaper: the scan goes on after the name.
        if let Some((len, ())) = self.rules.names.longest_at(self.text, f.span[0])
            && !self.phrase_after_its_word(f)
        {
            return Some(f.span[0] + len);
        }
        // `吉林大学第一医院`, `第71集团军`, `解放军309医院`: an ordinal or a bare number
        // that names an institution.
        // A word of one char (`军` of `红4军`) only where jieba ends a word after it:
        // `30万军民` counts people.
        // A one-char word that is also a serial mark stays the ordinal's unit
        // (`第一师`, where `红11师` names a division).
        if matches!(f.kind, FigureKind::Ordinal | FigureKind::Number)
            && let Some((len, ())) = self.rules.institution_words.longest_at(self.text, f.span[1])
            && (len > 1 || self.cut_after(f.span[1], len))
            && !(len == 1 && f.kind == FigureKind::Ordinal && self.ordinal_mark_at(f.span[1]).is_some())
        {
            return Some(f.span[1] + len);
        }
        if let Some(close) = self.quoted_slogan(f) {
            return Some(close + 1);
        }
        if f.kind != FigureKind::Number {
            return None;
        }
        // `北溪-2`, `联盟-2`: a dash between a name and a bare number joins them; after
        // a verb or a preposition it is a sign (`指数为-2`), and a temperature keeps its
        // sign (`气温-3℃`). jieba tags the first word of many designations a verb
        // (`歼-15舰载机`); those are told by what follows.
        let dash_joined = f.text.starts_with(['-', '−'])
            && (self
                .tokens
                .ending_at(f.span[0])
                .is_some_and(|t| t.tag.starts_with(['n', 'j', 's']))
                || self.designation_follows(f.span));
        // `《哪吒2》`, `《中国制造2025》`: a bare number in a title is part of it.
        let titled = !f.text.chars().any(|c| self.rules.scales.contains_key(&c)) && self.in_title(f.span);
        // `3号机组`, `92号汽油`, `11号线`: before `号` and a word, a number that was read
        // as no day names a unit, a grade or a line.
        // `兴业路76号,`: after a road's name, a house number.
        let numbered = self.text.get(f.span[1]) == Some(&'号')
            && (self
                .text
                .get(f.span[1] + 1)
                .is_some_and(|&c| c.is_alphabetic() && !c.is_ascii())
                || self
                    .rules
                    .address_before
                    .iter()
                    .any(|w| written_before(self.text, f.span[0], w)));
        if let Some(end) = self.coded_pair(f.span) {
            return Some(end);
        }
        // `12315热线`, `211工程`: a whole number in digits before an identifier suffix.
        let suffixed = f.text.chars().all(|c| c.is_ascii_digit())
            && self
                .rules
                .identifier_suffixes
                .longest_at(self.text, f.span[1])
                .is_some();
        // `2.0版`, `3.0版本`: a version, not an amount.
        let version = f.text.contains('.')
            && f.text.chars().all(|c| c.is_ascii_digit() || c == '.')
            && self.text.get(f.span[1]) == Some(&'版');
        (dash_joined
            || titled
            || numbered
            || suffixed
            || version
            || self.closes_quoted_name(f)
            || self.in_quoted_formula(f)
            || self.labelled(f.span[0]))
        .then_some(f.span[1] + usize::from(numbered))
    }

    /// `“雪龙2”号`, `“天问1”`, `“天空登陆者10号”`: a whole number in digits (perhaps
    /// with `号`) that closes a quoted name of Han words is part of the name. A
    /// quotation of digits alone names what follows it (`“135”防控措施`, `“461”中非合作
    /// 框架`); at the end of a clause it is a value (`指数为“2000”`).
    fn closes_quoted_name(&self, f: &Figure) -> bool {
        let t = self.text;
        let [start, end] = f.span;
        if !f.text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let Some((open, close)) = self.opening_quote_before(start, 9) else {
            return false;
        };
        let name = &t[open + 1..start];
        // `“东方-2018”`, `《大阅兵·2019》`: a dash or a dot may join the name to it.
        let name = match name {
            [head @ .., '-' | '—' | '－' | '·'] if !head.is_empty() => head,
            _ => name,
        };
        let close = Some(close);
        let closed = t.get(end).copied() == close
            || (t.get(end) == Some(&'号') && t.get(end + 1).copied() == close && !name.is_empty());
        closed
            && name.iter().all(|&c| is_han(c))
            && if name.is_empty() {
                self.han_at(end + 1)
            } else {
                !self.numeral_at(start - 1)
            }
    }

    /// `“9+3”免费教育`, `“1+N”政策体系`, `“2+2”对话机制`, `“1对1”访谈`: a whole number
    /// joined by `+`, `×` or `对` to another term, inside quotes, names a scheme or a
    /// formula (sample readers leave them out).
    fn in_quoted_formula(&self, f: &Figure) -> bool {
        let t = self.text;
        let [start, end] = f.span;
        if !f.text.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let joins = |c: Option<&char>| matches!(c, Some('+' | '×' | '对'));
        if !(start.checked_sub(1).is_some_and(|k| joins(t.get(k))) || joins(t.get(end))) {
            return false;
        }
        let Some((_, close)) = self.opening_quote_before(start, QUOTED_FORMULA_REACH) else {
            return false;
        };
        (end..(end + QUOTED_FORMULA_REACH).min(t.len())).any(|k| t.get(k) == Some(&close))
    }

    /// The last opening quotation mark in the `reach` chars before `at`: where it
    /// stands and the mark that closes it.
    fn opening_quote_before(&self, at: usize, reach: usize) -> Option<(usize, char)> {
        let from = at.saturating_sub(reach);
        let before = self.text.get(from..at)?;
        before
            .iter()
            .enumerate()
            .rev()
            .find_map(|(k, &c)| closing_quote(c).map(|close| (from + k, close)))
    }

    /// `恩平20-4平台`, `渤中26-6油田`: two whole numbers joined by a dash, right after a
    /// proper name and before a word, name a field or a platform, unless a score word
    /// follows shortly (`中国2-1战胜巴西`); before a word of `coded_pair_names` they do
    /// after any word (`垦利6-1油田`). Where the pair ends, if the number at `span`
    /// is one of such a pair.
    fn coded_pair(&self, span: [usize; 2]) -> Option<usize> {
        let t = self.text;
        let digit = |k: usize| t.get(k).is_some_and(char::is_ascii_digit);
        let start = span[0] + usize::from(t.get(span[0]) == Some(&'-'));
        let (from, to) = if start >= 2 && t[start - 1] == '-' && digit(start - 2) {
            ((0..start - 1).rev().take_while(|&k| digit(k)).last()?, span[1])
        } else if t.get(span[1]) == Some(&'-') && digit(span[1] + 1) {
            (start, (span[1] + 1..).find(|&k| !digit(k))?)
        } else {
            return None;
        };
        let whole = |a: usize, b: usize| (a..b).all(|k| digit(k) || t[k] == '-');
        let named = self
            .tokens
            .ending_at(from)
            .is_some_and(|w| matches!(w.tag, "ns" | "nr" | "nz" | "nt"));
        let word_after = t.get(to).is_some_and(|&c| c.is_alphabetic() && !c.is_ascii());
        let field = || self.rules.coded_pair_names.iter().any(|w| written_at(t, to, w));
        (whole(from, to) && ((named && word_after && !self.score_word_after(to)) || field())).then_some(to)
    }

    /// Does an identifier label (`邮编`, `电话`) end right before `start`, perhaps
    /// followed by a colon, a space, `为` or `是` (`邮编:100086`, `热线电话12345`)?
    fn labelled(&self, start: usize) -> bool {
        let text = self.text;
        let mut end = start;
        // `伊尔—76`: a dash of a model's name too.
        if end > 0 && matches!(text[end - 1], ':' | '：' | ' ' | '为' | '是' | '—' | '-' | '－') {
            end -= 1;
        }
        self.rules.identifier_labels.longest_before(text, end).is_some()
    }

    /// After a dash glued to a Chinese word, is the number followed as a designation is
    /// (`歼-15舰载机`, `和平使命-2014”`): by a word or a closing quote? A value is
    /// followed by a clause mark, `的`, `以`, a joining word, a range separator or a qualifier
    /// (`值为-2的`, `-2至-5`, `-2左右`), or comes after a word that leads to one
    /// (`降至-10.7点`). In a list, a whole number is a designation unless the next item
    /// is signed too (`歼-10、歼轰七`, `苏-27和米格-29`; `-2、-3`).
    fn designation_follows(&self, span: [usize; 2]) -> bool {
        let cjk_letter = |c: char| c.is_alphabetic() && !c.is_ascii();
        let listed = || {
            !self.text[span[0]..span[1]].contains(&'.')
                && self
                    .text
                    .get(span[1] + 1)
                    .is_some_and(|c| !matches!(c, '-' | '−' | '负'))
        };
        span[0] > 0
            && cjk_letter(self.text[span[0] - 1])
            && !matches!(
                self.text[span[0] - 1],
                '为' | '至' | '到' | '达' | '是' | '降' | '升' | '跌' | '涨'
            )
            && self.text.get(span[1]).is_some_and(|&c| {
                matches!(c, '”' | '’' | '」' | '》')
                    || (matches!(c, '、' | '，' | ',' | '和' | '与' | '及') && listed())
                    || (cjk_letter(c)
                        && !matches!(c, '的' | '或' | '和' | '与' | '以')
                        && self.rules.separators.longest_at(self.text, span[1]).is_none()
                        && self
                            .rules
                            .suffix_qualifiers
                            .longest_at(self.text, span[1])
                            .is_none())
            })
    }

    /// Does `span` lie inside a work's title (`《…》`) that closes on the same line,
    /// within 40 characters either side?
    fn in_title(&self, span: [usize; 2]) -> bool {
        const REACH: usize = 40;
        let text = self.text;
        self.rules.title_marks.iter().any(|&(open, close)| {
            let opened = text[span[0].saturating_sub(REACH)..span[0]]
                .iter()
                .rev()
                .take_while(|&&c| c != close && c != '\n')
                .any(|&c| c == open);
            opened
                && text[span[1]..(span[1] + REACH).min(text.len())]
                    .iter()
                    .take_while(|&&c| c != open && c != '\n')
                    .any(|&c| c == close)
        })
    }

    fn starts_with(&self, at: usize, word: &str) -> bool {
        (at..)
            .zip(word.chars())
            .all(|(k, c)| self.text.get(k) == Some(&c))
    }

    fn slice(&self, start: usize, end: usize) -> String {
        // `text` is the tokens' char table, so their byte offsets cut the source text.
        let bytes = self.tokens.char_bytes();
        self.tokens.text()[bytes[start]..bytes[end]].to_owned()
    }

    /// Builds a figure.
    #[allow(clippy::too_many_arguments)]
    fn figure(
        &mut self,
        kind: FigureKind,
        start: usize,
        end: usize,
        value: FigureValue,
        upper: Option<Decimal>,
        unit: Option<String>,
        approx: Option<Approx>,
        rule: &str,
    ) -> Figure {
        let text = self.slice(start, end);
        let value = match value {
            FigureValue::Number(d) => FigureValue::Number(d.normalize()),
            other => other,
        };
        Figure {
            kind,
            text,
            span: [start, end],
            value,
            upper: upper.map(|u| u.normalize()),
            unit,
            approx,
            rule: rule.to_owned(),
        }
    }

    /// Does a Chinese figure cut into a word? Its number at `start` must not begin inside
    /// a noun, idiom or fixed expression (`《光明日报》`, `一波三折`), nor the figure end
    /// inside a proper name (`七台河`). A word that is the figure's own, qualifier and
    /// all, is none (`近百名/l`, when the figure begins at `from`). Tokens only veto:
    /// without tokens every figure stands.
    fn cuts_word(&self, from: usize, start: usize, end: usize) -> bool {
        self.cuts_word_within(from, start, end, end)
    }

    /// [`Scanner::cuts_word`] for a figure whose phrase runs on to `own_end` past its
    /// end: `近两年来/l` is the phrase of `两年` (see [`Scanner::void_phrase_end`]).
    fn cuts_word_within(&self, from: usize, start: usize, end: usize, own_end: usize) -> bool {
        // `crossing` asks the chars first: a figure between punctuation marks is
        // judged without segmenting its clause.
        let containing = |p: usize| self.tokens.crossing(p);
        let own = |t: &Token| t.start >= from && t.end <= own_end.max(end);
        // `堂哥等七人/n`: a one-char leader glued to the count's word.
        let led = |t: &Token| {
            t.start + 1 == start
                && self.rules.word_leaders.contains(&self.text[t.start])
                && t.end <= own_end.max(end)
        };
        let start_cut = containing(start).is_some_and(|t| {
            !own(t)
                && !led(t)
                && (t.tag.starts_with('n') || matches!(t.tag.chars().next(), Some('i' | 'l' | 'j')))
        });
        // An abbreviation that jieba begins with the figure's last char, a counter, and
        // runs on for two more is a wrong cut (`第十四轮/中美` taken as `轮中美/j`).
        let end_cut = containing(end).is_some_and(|t| {
            !own(t)
                && (matches!(t.tag, "ns" | "nr" | "nt" | "nz" | "nrt" | "nrfg" | "i" | "l")
                    || (t.tag == "j" && !(t.start + 1 == end && t.end >= end + 2)))
        });
        start_cut || end_cut
    }

    /// 1 when a weekday follows a week word at `k` (`上周四`, which jieba may take for
    /// a name as one token), else 0.
    fn weekday_after(&self, st: Standalone, k: usize) -> usize {
        match st {
            Standalone::Relative(r)
                if self
                    .rules
                    .relative_dates
                    .get(r)
                    .is_some_and(|d| d.unit == crate::rules::figures::DateUnit::Week)
                    && self.weekday_digit(k).is_some() =>
            {
                1
            }
            _ => 0,
        }
    }

    /// Where `word` ends if it stands at `at`, spaces allowed before and inside it.
    fn spaced_word(&self, at: usize, word: &str) -> Option<usize> {
        let mut k = at;
        for c in word.chars() {
            while self.text.get(k) == Some(&' ') && k < at + 8 {
                k += 1;
            }
            if self.text.get(k) != Some(&c) {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    /// `(3)朱佩3.6月1日,加拿大…`: a month takes no decimals, so in a list run together
    /// a point between a digit and a month and day ends an item (3), and `6月1日` is the
    /// next item's date; so does one before a year with its month (`10.1992年7月17日`
    /// is item 10, dated 1992-07-17).
    fn item_point_before_month(&self, point: usize) -> bool {
        let t = self.text;
        if t.get(point) != Some(&'.') || !point.checked_sub(1).is_some_and(|k| t[k].is_ascii_digit()) {
            return false;
        }
        let digits = ascii_digits_at(t, point + 1);
        let year_month = |k: usize| {
            let month_digits = ascii_digits_at(t, k);
            (1..=2).contains(&month_digits) && t.get(k + month_digits) == Some(&'月')
        };
        if digits == 4 && t.get(point + 5) == Some(&'年') && year_month(point + 6) {
            return true;
        }
        let month = t[point + 1..point + 1 + digits]
            .iter()
            .try_fold(0u32, |m, c| c.to_digit(10).map(|d| m * 10 + d));
        let after_month = point + 2 + digits;
        let day_digits = ascii_digits_at(t, after_month);
        (1..=2).contains(&digits)
            && t.get(point + 1 + digits) == Some(&'月')
            && month.is_some_and(|m| (1..=12).contains(&m))
            && (1..=2).contains(&day_digits)
            && matches!(t.get(after_month + day_digits), Some('日' | '号'))
    }

    /// Whether a Han char stands at `k`.
    fn han_at(&self, k: usize) -> bool {
        self.text.get(k).is_some_and(|&c| is_han(c))
    }

    /// The longest qualifier word written after a figure at `at` (`左右`, `多`, `以上`):
    /// its length and what it says.
    fn suffix_approx_at(&self, at: usize) -> Option<(usize, Approx)> {
        let rules = self.rules;
        rules
            .suffix_qualifiers
            .longest_at(self.text, at)
            // `100多家上下游企业`, `上下班`: a noun or verb the qualifier only begins is
            // none of it (`10次以上者/c`, `20场左右分/m论坛` keep it).
            // Asked only before a letter: no word runs on across a mark or a digit.
            .filter(|&(len, _)| {
                len < 2
                    || !self.text.get(at + len).is_some_and(|c| c.is_alphabetic())
                    || self
                        .tokens
                        .starting_at(at)
                        .is_none_or(|t| t.end <= at + len || !(t.tag.starts_with(['n', 'v']) || t.tag == "j"))
            })
            .and_then(|(len, q)| rules.qualifiers.get(q).map(|q| (len, q.approx)))
    }

    /// Is the char before an Arabic number at `j` part of a Latin word or code?
    fn glued_to_latin(&self, j: usize) -> bool {
        let Some(&p) = j.checked_sub(1).and_then(|k| self.text.get(k)) else {
            return false;
        };
        if p == '.' && self.item_point_before_month(j - 1) {
            return false;
        }
        p.is_ascii_alphanumeric()
            || matches!(p, '.' | '_' | '#' | '@' | '&')
            // `id=100` is code; `1吉瓦时=100万千瓦时` states an equality.
            || (p == '=' && j >= 2 && self.text[j - 2].is_ascii_alphanumeric())
            // `G230/1次`, `2024/1`; after a unit sign or a word the slash divides two
            // figures (`16℃/26℃`).
            || (p == '/' && j >= 2 && self.text[j - 2].is_ascii_alphanumeric())
            // `F-35`, `x—33表`: a model, also with a dash of the width of a Han char
            // (normalize has made a full-width `－` a `-`).
            || (matches!(p, '-' | '+' | '—') && j >= 2 && self.text[j - 2].is_ascii_alphabetic())
    }

    fn alnum_run_end(&self, mut j: usize) -> usize {
        while j < self.text.len()
            && (self.text[j].is_ascii_alphanumeric() || matches!(self.text[j], '.' | '-' | '_' | '/'))
        {
            j += 1;
        }
        j
    }

    /// Qualifiers and a unit after a number ending at `k`.
    fn tail(&self, k: usize) -> Tail {
        let rules = self.rules;
        let mut j = k;
        let mut approx = None;
        let mut before_unit = false;
        if let Some((len, q)) = rules.suffix_qualifiers.longest_at(self.text, j) {
            approx = rules.qualifiers.get(q).map(|q| q.approx);
            j += len;
        } else if let Some((len, q)) = rules.before_unit_qualifiers.longest_at(self.text, j)
            // `十来户`, `20来岁`: after a round number, and only before a unit or currency.
            && j > 0
            && matches!(self.text[j - 1], '十' | '百' | '千' | '万' | '0')
            && rules.suffixes.longest_at(self.text, j + len).is_some()
        {
            approx = rules.qualifiers.get(q).map(|q| q.approx);
            j += len;
            before_unit = true;
        }
        let mut unit = None;
        // `202107211321363588510367 美元`, `5.4 %`: a space may stand before a unit
        // written in Chinese or as a sign, after Arabic digits.
        if self.text.get(j) == Some(&' ')
            && self.text.get(j.wrapping_sub(1)).is_some_and(char::is_ascii_digit)
            && !self.text.get(j + 1).is_some_and(char::is_ascii_alphanumeric)
            && let Some((len, s @ (Suffix::Currency(_) | Suffix::Unit(_)))) =
                rules.suffixes.longest_at(self.text, j + 1)
        {
            // `2.4 個百分 點`: a longer word spaced out wins over its first character.
            let (end, s) = match rules.suffixes.longest_at_spaced(self.text, j + 1) {
                Some((e, s2 @ (Suffix::Currency(_) | Suffix::Unit(_)))) if e > j + 1 + len => (e, s2),
                _ => (j + 1 + len, s),
            };
            return Tail {
                end,
                unit: Some(s),
                approx,
            };
        }
        if let Some((len, mut s)) = rules.suffixes.longest_at(self.text, j) {
            let after = self.text.get(j + len).copied();
            let mut alone = None;
            // A sign (`℃`, `%`) ends every word it is in: only a written word may run on
            // into the next char (`度过`, `个人`).
            let word_ends_in_letter = self.text[j + len - 1].is_alphabetic();
            // A guard (`人生`, `名师`) may give way where jieba ends a word right after the
            // unit (`30万人/工作`, `300名/师生`); tokens are asked only when a guard hits.
            let unit_blocked = |u: usize| {
                (word_ends_in_letter
                    && rules.units.get(u).is_some_and(|u| {
                        u.guarded_before(after.as_ref())
                            && !(u.guard_yields_to_word && self.cut_after(j, len))
                    }))
                    || self.not_alone(u, j, len)
            };
            let blocked = match s {
                Suffix::Unit(u) => unit_blocked(u),
                Suffix::Currency(_) => false,
                Suffix::Colloquial(c) if self.minor_part(c, j + len).is_none() => {
                    alone = self.colloquial_alone(c, k, j + len);
                    // No money: the word may still count pieces (`16块橱窗`).
                    let counter = rules.currencies.get(c).and_then(|c| c.colloquial_counter);
                    match counter {
                        _ if alone.is_some() => false,
                        Some(u) if !unit_blocked(u) => {
                            s = Suffix::Unit(u);
                            false
                        }
                        _ => true,
                    }
                }
                Suffix::Colloquial(_) => false,
            };
            let latin = self.text[j].is_ascii_alphabetic();
            let latin_glued = latin && after.is_some_and(|a| a.is_ascii_alphanumeric());
            if !blocked && !latin_glued {
                unit = Some(s);
                j += len;
                // `卖了10块多钱`: the qualifier and `钱` are read already.
                if let Some((end, q)) = alone {
                    return Tail {
                        end,
                        unit,
                        approx: approx.or(q),
                    };
                }
            }
        } else if self.text.get(j) == Some(&' ') || self.text.get(j + 1) == Some(&' ') {
            // `一百五十 个百分点`, `六 個 百 分點`: spaces from PDF extraction.
            if let Some((end, s @ (Suffix::Currency(_) | Suffix::Unit(_)))) =
                rules.suffixes.longest_at_spaced(self.text, j)
                && !self.text[j..end].iter().any(char::is_ascii_alphabetic)
                && end - j > 1
                // `超26万 首都`: the unit's guard holds across the space too.
                && !matches!(s, Suffix::Unit(u) if rules.units.get(u).is_some_and(|u| u.guarded_before(self.text.get(end))))
            {
                unit = Some(s);
                j = end;
            }
        }
        if unit.is_some() {
            (j, approx) = self.past_qualifier(j, approx);
        } else if before_unit {
            // The unit word after `来` gave way (`10来双方关系`): no qualifier either.
            return Tail {
                end: k,
                unit: None,
                approx: None,
            };
        }
        Tail { end: j, unit, approx }
    }

    /// `tail` when its unit word may follow this number, else no unit: `100万方` is gas
    /// by the cubic metre, `46方` and `三方` are parties (the unit's `only_after`, which a
    /// word of its `also_before` overrides: `四点建议`, as its `also_after_ordinal` does
    /// after `第`: `第二节`).
    fn unit_fits(&self, num: &Num, ordinal: bool, tail: Tail) -> Tail {
        let unit = match tail.unit {
            Some(Suffix::Unit(u)) => self.rules.units.get(u),
            _ => None,
        };
        let only_after = unit
            .filter(|u| !((ordinal && u.also_after_ordinal) || self.count_after_lets_in(num, u)))
            .and_then(|u| u.only_after);
        let fits = match only_after {
            None => true,
            Some(OnlyAfter::Scale) => num.scaled,
            Some(OnlyAfter::DigitsOrScale) => num.arabic || num.scaled,
            Some(OnlyAfter::Digits) => num.arabic,
            Some(OnlyAfter::WholeDigits) => num.arabic && !num.scaled && !num.decimal,
        } || unit
            .is_some_and(|u| u.also_before.iter().any(|w| written_at(self.text, tail.end, w)));
        if fits {
            return tail;
        }
        // `20万以上城市`: a qualifier right after the number stays its own.
        match self.rules.suffix_qualifiers.longest_at(self.text, num.end) {
            Some((len, q)) if tail.approx.is_some() && tail.end > num.end + len => Tail {
                end: num.end + len,
                unit: None,
                approx: self.rules.qualifiers.get(q).map(|q| q.approx),
            },
            _ => Tail {
                end: num.end,
                unit: None,
                approx: None,
            },
        }
    }

    /// Whether `num` counts the unit's things whatever its `only_after` says, for where
    /// it stands (the unit's `also_after`): `法德英三国`, `上述四国`.
    fn count_after_lets_in(&self, num: &Num, unit: &Unit) -> bool {
        let Some(a) = &unit.also_after else {
            return false;
        };
        num.small_int().is_some_and(|n| n >= a.from)
            && !a.except.iter().any(|w| written_before(self.text, num.start, w))
            && (a.words.iter().any(|w| written_before(self.text, num.start, w))
                || self
                    .tokens
                    .ending_at(num.start)
                    .is_some_and(|t| a.tags.iter().any(|tag| tag == t.tag)))
    }

    /// Where a figure whose unit word ends at `j` ends once a qualifier right after it
    /// is read (`5万辆左右`), and the figure's qualifier: `approx`, else the one read. A
    /// one-char `over` word there (`多`) starts the next word more often than not
    /// (`3个多功能厅`, `一个多民族`, `100多项多双边`), so it counts only at the end of
    /// a clause (`增加了一倍多。`), or before one of `over_after_unit_before`
    /// (`两年多来`, `一年多的时间`, `2米多高`).
    fn past_qualifier(&self, j: usize, approx: Option<Approx>) -> (usize, Option<Approx>) {
        let rules = self.rules;
        // `50万元(含)以上`: a mark that the bound is included may stand before the word.
        let mark = self.inclusive_mark_len(j);
        if mark > 0
            && let Some((len, q)) = self.suffix_approx_at(j + mark)
            && len >= 2
        {
            return (j + mark + len, approx.or(Some(q)));
        }
        // `8天之内`: within a length of time, no bound.
        let t = self.text;
        if rules.frame_words_after_time.iter().any(|w| written_at(t, j, w))
            && rules
                .frame_time_units
                .iter()
                .any(|u| j >= u.len() && written_at(t, j - u.len(), u))
        {
            return (j, approx);
        }
        match self.suffix_approx_at(j) {
            Some((len, q))
                if len >= 2
                    || q != Approx::Over
                    || self
                        .text
                        .get(j + len)
                        .is_none_or(|c| !c.is_alphabetic() || rules.over_after_unit_before.contains(c))
                    || self.over_word_after_time(j) =>
            {
                (j + len, approx.or(Some(q)))
            }
            _ => (j, approx),
        }
    }

    /// `两年多艰苦努力`: after a unit of time, a `多` at `j` that jieba cuts as a word of
    /// its own, and no counting word after it, qualifies it (`3年多次获奖` and
    /// `5年多位专家` have `多次`, `多位`).
    fn over_word_after_time(&self, j: usize) -> bool {
        self.rules
            .over_word_after_units
            .iter()
            .any(|w| j >= w.len() && written_at(self.text, j - w.len(), w))
            && self.text.get(j) == Some(&'多')
            && self.tokens.starting_at(j).is_some_and(|t| t.end == j + 1)
            // `一天多起袭击`: several incidents in one day.
            && self.rules.suffixes.longest_at(self.text, j + 1).is_none()
    }

    /// Does the prefix qualifier `q` at `at` lose its sense before a number ending at
    /// `end` (`arabic` when written in digits): `近三年来` is the last three years, and
    /// so is `近两年,` opening a clause. A phrase holds its unit: its words after the
    /// number may start anywhere from `from` on, if they reach its end (`近半年来`: `年来`).
    fn qualifier_void(&self, q: usize, at: usize, from: usize, end: usize, arabic: bool) -> bool {
        let text = self.text;
        let follows = |words: &[Vec<char>]| {
            words
                .iter()
                .any(|w| (from..=end).any(|p| p + w.len() >= end && written_at(text, p, w)))
        };
        self.rules.qualifiers.get(q).is_some_and(|q| {
            follows(&q.unless_followed_by)
                || (!arabic && follows(&q.unless_numerals_followed_by))
                || (follows(&q.opening_followed_by)
                    && !follows(&q.opening_not_followed_by)
                    && (self.opens_clause(at) || self.time_frame(q, at, end, arabic)))
        })
    }

    /// Where the words that void the prefix qualifier `q` end (`近两年来`: after `来`),
    /// at `end` or past it, for a figure whose number ends at `from`.
    fn void_phrase_end(&self, q: usize, from: usize, end: usize) -> usize {
        let text = self.text;
        self.rules.qualifiers.get(q).map_or(end, |q| {
            q.unless_followed_by
                .iter()
                .chain(&q.unless_numerals_followed_by)
                .flat_map(|w| {
                    (from..=end)
                        .filter(move |&p| written_at(text, p, w))
                        .map(move |p| p + w.len())
                })
                .filter(|&e| e >= end)
                .max()
                .unwrap_or(end)
        })
    }

    /// `比近五年平均`, `创近两年新高`: a prefix word before a unit of
    /// `opening_followed_by` (ending at or after `end`) is a time frame, "the last so
    /// many", before a `frame_followed_by` word (`创近5年新高` too), or after Chinese
    /// numerals after a word of a `frame_after_tags` tag; after a verb or a
    /// `frame_not_after` word it stays (`用了近两年时间`, `时隔近两年`).
    fn time_frame(&self, q: &Qualifier, at: usize, end: usize, arabic: bool) -> bool {
        let text = self.text;
        // `近一年` alone is nearly a year: without the word `一年` would be "a year".
        let lone_one = end >= 1
            && text[end - 1] == '一'
            && end
                .checked_sub(2)
                .is_none_or(|b| chinese_digit(text[b]).is_none());
        if lone_one {
            return false;
        }
        let unit_end = q
            .opening_followed_by
            .iter()
            .find(|w| written_at(text, end, w))
            .map(|w| end + w.len());
        if let Some(k) = unit_end
            && q.frame_followed_by.iter().any(|w| written_at(text, k, w))
        {
            return true;
        }
        !arabic
            && !q.frame_after_tags.is_empty()
            && !q.frame_not_after.iter().any(|w| written_before(text, at, w))
            && self.tokens.ending_at(at).is_some_and(|t| {
                q.frame_after_tags
                    .iter()
                    .any(|tag| t.tag.starts_with(tag.as_str()))
            })
    }

    /// A qualifier word right before a phrase or a time at `start` (not the end of
    /// another word, not before `floor`) that keeps its sense before the words ending at
    /// `end`: where it starts and what it says.
    fn qualifier_before(&self, start: usize, floor: usize, end: usize) -> Option<(usize, Approx)> {
        let rules = self.rules;
        let (len, Prefix::Qualifier(q)) = rules.prefixes.longest_before(self.text, start)? else {
            return None;
        };
        let at = start - len;
        let rule = rules.qualifiers.get(q)?;
        (at >= floor
            && qualifier_stands(rule, self.text, at, start)
            && !self.qualifier_void(
                q,
                at,
                start + 1,
                end,
                self.text.get(start).is_some_and(char::is_ascii_digit),
            ))
        .then_some((at, rule.approx))
    }

    /// The length of a word closing a between-range (`之间`) at `at`, if one stands there.
    fn between_end_len(&self, at: usize) -> Option<usize> {
        self.rules
            .between_ends
            .iter()
            .find(|w| written_at(self.text, at, w))
            .map(Vec::len)
    }

    /// The length of a mark saying a bound is included (`(含)`) at `at`, or 0.
    fn inclusive_mark_len(&self, at: usize) -> usize {
        self.rules
            .range_inclusive_marks
            .iter()
            .find(|w| written_at(self.text, at, w))
            .map_or(0, Vec::len)
    }

    /// Is the `半` at `at` a word of its own or the end of one (`三年半。`), not the
    /// start of a longer word (`10年半导体`, `三个半天`)? Before a char that may follow
    /// a unit and its `多` (`over_after_unit_before`) it ends the figure, however jieba
    /// cuts it (`一年半前`).
    fn half_at(&self, at: usize) -> bool {
        self.text.get(at) == Some(&'半')
            && (self.ends_word(at)
                || self
                    .text
                    .get(at + 1)
                    .is_some_and(|c| self.rules.over_after_unit_before.contains(c)))
    }

    /// Does the char at `at` end a word rather than start one: nothing written
    /// follows, or a range separator or qualifier, or jieba's word ends there?
    fn ends_word(&self, at: usize) -> bool {
        let rules = self.rules;
        let text = self.text;
        text.get(at + 1).is_none_or(|c| !c.is_alphabetic())
            // jieba may glue the char to what follows (`两年半至三年`: `半至`).
            || rules.separators.longest_at(text, at + 1).is_some()
            || rules.suffix_qualifiers.longest_at(text, at + 1).is_some()
            || self.tokens.word_containing(at).is_none_or(|t| t.end == at + 1)
    }

    /// `两个半小时`, `一个多月`, `4分多钟`: a counting word at `k`, then `半` or a
    /// one-char over word (`多`, `余`), then the rest of a unit word that starts with that
    /// counting word (`个小时`, `个月`, `分钟`, `个百分点`). Returns the tail past the
    /// unit word, and whether the word between was `半` (the unit must take a half).
    fn counted_split(&self, k: usize) -> Option<(Tail, bool)> {
        let rules = self.rules;
        let text = self.text;
        let half = text.get(k + 1) == Some(&'半');
        let over = !half && self.suffix_approx_at(k + 1) == Some((1, Approx::Over));
        if !half && !over {
            return None;
        }
        // The unit word as it would be written without the word between.
        let rest = text.get(k + 2..).unwrap_or_default();
        let mut word = Vec::with_capacity(9);
        word.push(*text.get(k)?);
        word.extend_from_slice(&rest[..rest.len().min(8)]);
        let (len, unit) = rules.suffixes.longest_at(&word, 0)?;
        let Suffix::Unit(u) = unit else {
            return None;
        };
        if len < 2 || half && !rules.units.get(u).is_some_and(|u| u.half_after) {
            return None;
        }
        let (end, approx) = self.past_qualifier(k + 1 + len, over.then_some(Approx::Over));
        Some((
            Tail {
                end,
                unit: Some(unit),
                approx,
            },
            half,
        ))
    }

    fn at(&mut self, i: usize, floor: usize) -> Step {
        let rules = self.rules;
        let text = self.text;
        let n = text.len();
        if let Some((len, st)) = rules.standalone.longest_at(text, i)
            && let Some(before) = self.word_it_needs(st, i, i + len)
            && !self.cuts_word(i - before, i, i + len + self.weekday_after(st, i + len))
        {
            match st {
                Standalone::Phrase(p) => {
                    // `超过/半年`: a longer phrase that starts inside this one (`过半`) wins,
                    // unless jieba ends a word where this one ends (`一半/年份`).
                    if (i + 1..i + len).any(|k| {
                        rules
                            .standalone
                            .longest_at(text, k)
                            .is_some_and(|(l, s)| matches!(s, Standalone::Phrase(_)) && k + l > i + len)
                    }) && self
                        .tokens
                        .word_containing(i + len)
                        .is_none_or(|t| t.start < i + len)
                    {
                        return Step::Nothing;
                    }
                    // `半成品` (half-finished goods): a noun that starts with the phrase.
                    if self
                        .tokens
                        .containing(i)
                        .is_some_and(|t| t.start == i && t.end > i + len && t.tag.starts_with('n'))
                    {
                        return Step::Nothing;
                    }
                    if let Some(p) = rules.phrases.get(p).cloned() {
                        // `约半年`, `近一半`: a qualifier word before the phrase is its own.
                        // One with an `approx` of its own takes only a word that agrees
                        // (`超过半数`).
                        let (start, before) = self
                            .qualifier_before(i, floor, i + len)
                            .filter(|&(_, q)| p.approx.is_none_or(|a| a == q))
                            .map_or((i, None), |(at, q)| (at, Some(q)));
                        let (end, after) = self.past_qualifier(i + len, None);
                        let approx = p.approx.or(before).or(after);
                        let f = self.figure(
                            p.kind,
                            start,
                            end,
                            FigureValue::Number(p.value),
                            None,
                            p.unit.clone(),
                            approx,
                            &p.id,
                        );
                        return Step::Found(f);
                    }
                }
                Standalone::Relative(r) => return self.relative(i, len, r),
                Standalone::Holiday(h) => return self.holiday(i, len, h),
            }
        }
        // `国庆节` starts the scan at `国`; where no such word stands, nothing else can.
        if !rules.may_start_number(text[i]) {
            return Step::Nothing;
        }
        if let Some(f) = self.yearless_period(i) {
            return Step::Found(f);
        }
        if let Some(f) = self.weekday(i) {
            return Step::Found(f);
        }
        // The number starts at `i` (after an optional sign); qualifier, currency and
        // ordinal words are read backwards from there, never into the previous figure.
        let mut j = i;
        let mut negative = false;
        // `零下15℃` = -15: a word that puts the number below zero.
        let below_zero = rules
            .negative_words
            .iter()
            .find(|w| written_at(text, i, w))
            .map(|w| i + w.len())
            .filter(|&d| {
                text.get(d)
                    .is_some_and(|&c| c.is_ascii_digit() || chinese_digit(c).is_some())
            });
        if let Some(d) = below_zero {
            negative = true;
            j = d;
        } else if is_sign(text[i]) {
            // `减负540亿元`, `胜负`: a 负 that ends a word is no sign.
            if matches!(text[i], '负' | '負') && self.tokens.word_containing(i).is_some_and(|t| t.start < i)
            {
                return Step::Nothing;
            }
            // `负 1,200,000`: spaces may follow the word 负, never a dash.
            let mut d = i + 1;
            if matches!(text[i], '负' | '負') {
                while d < n && d < i + 4 && text[d] == ' ' {
                    d += 1;
                }
            }
            let ok = d < n
                && (text[d].is_ascii_digit()
                    || text[d] == '.' && text.get(d + 1).is_some_and(char::is_ascii_digit)
                    || matches!(text[i], '负' | '負') && chinese_digit(text[d]).is_some())
                && (matches!(text[i], '负' | '負') || i == 0 || {
                    // A dash after a number, unit or Latin word is a range or a code
                    // (`5万元-8万元`, `COVID-19`); after other words it is a minus.
                    let p = text[i - 1];
                    !(p.is_ascii_alphanumeric()
                        || matches!(p, ')' | ']' | '%' | '°' | '-' | '.' | '/')
                        || chinese_digit(p).is_some()
                        || rules.scales.contains_key(&p)
                        || rules.suffixes.longest_before(text, i).is_some())
                });
            if !ok {
                return Step::Nothing;
            }
            negative = true;
            j = d;
        } else if !(text[i].is_ascii_digit()
            || (text[i] == '.'
                && text.get(i + 1).is_some_and(char::is_ascii_digit)
                && (i == 0 || !text[i - 1].is_ascii_alphanumeric()))
            || chinese_digit(text[i]).is_some()
            || numbers::roman_numeral(text[i]).is_some()
            || rules.scales.contains_key(&text[i])
            || matches!(text[i], '廿' | '卅' | '卌'))
        {
            return Step::Nothing;
        }
        let mut start = i;
        let mut approx = None;
        let mut currency = None;
        // Where the currency word ends: a figure that is no money starts there.
        let mut after_currency = start;
        let mut qualifier_outside = false;
        // The prefix qualifier read, and where the figure starts without it.
        let mut prefix_qualifier = None;
        let mut ordinal = None;
        // `上千`: several of a scale, read as at least one of it. `数十人` is read the
        // same way, and then dropped as a vague count (`vague`); vague money stays.
        let several = !negative
            && j > floor
            && rules.is_several_marker(text[j - 1])
            && rules.scales.contains_key(&text[j])
            && !(j - 1 > floor && rules.several_not_after.contains(&text[j - 2]));
        let vague = several && rules.vague_before_scale.contains(&text[j - 1]);
        if several {
            start = j - 1;
            approx = Some(Approx::Over);
        }
        for _ in 0..3 {
            let mut found = rules
                .prefixes
                .longest_before(text, start)
                .map(|(len, p)| (start - len, p));
            if found.is_none() {
                // `人民币 50元`: spaces may follow a currency word.
                let mut k = start;
                while k > floor && text[k - 1] == ' ' {
                    k -= 1;
                }
                if k < start
                    && let Some((len, p @ Prefix::Currency(_))) = rules.prefixes.longest_before(text, k)
                {
                    found = Some((k - len, p));
                }
            }
            // `节约180万元`, `最近三年`: the word is the end of another word; `通过`
            // is no `过` before a scale (`过亿元`).
            let inside_word = |at: usize, p: Prefix| match p {
                Prefix::Qualifier(q) => rules
                    .qualifiers
                    .get(q)
                    .is_some_and(|q| !qualifier_stands(q, text, at, start)),
                _ => false,
            };
            // `北约第31个`: an ordinal ranks, it counts nothing that a word could
            // make approximate; `约` there ends another word.
            let before_ordinal = |p: Prefix| ordinal.is_some() && matches!(p, Prefix::Qualifier(_));
            match found {
                Some((at, p)) if at >= floor && !inside_word(at, p) && !before_ordinal(p) => {
                    match p {
                        Prefix::Qualifier(q) => {
                            qualifier_outside |= currency.is_some();
                            if let Some(rule) = rules.qualifiers.get(q) {
                                approx = Some(rule.approx);
                            }
                            prefix_qualifier = Some((q, at, start));
                        }
                        Prefix::Currency(c) => {
                            currency = Some(c);
                            after_currency = start;
                        }
                        Prefix::Unit(u) => ordinal = Some(u),
                    }
                    start = at;
                }
                _ => break,
            }
        }
        if let Some(f) = self.iso_date(j) {
            return Step::Found(f);
        }
        if j >= n {
            return Step::Nothing;
        }
        if text[j].is_ascii_digit() && self.glued_to_latin(j) {
            return Step::Skip(self.alnum_run_end(j));
        }
        // `三五百块` = 300..500: a loose range, read as its lower end plus an upper end.
        let loose = if ordinal.is_none() {
            self.loose_pair(j)
                .or_else(|| self.listed_pair(j, Decimal::ONE_HUNDRED))
        } else {
            None
        };
        // `三四天`: a loose range with no scale is one only with its unit.
        let (loose, unscaled_pair) = match loose {
            None if ordinal.is_none() => {
                let pair = self.counted_pair(j);
                let counted = pair.is_some();
                (pair, counted)
            }
            loose => (loose, false),
        };
        let loose_upper = loose.as_ref().map(|l| l.1);
        let num = match loose
            .map(|l| l.0)
            .ok_or(())
            .or_else(|()| number_at(rules, text, j))
        {
            Ok(num) => num,
            Err(NoNum::None) => {
                // `近万亩`, `万余人`: next to a qualifier a scale alone is one of it, if a
                // unit follows. `月薪过万`: or after a salary word (see `money_context`).
                let counted = |num: &Num| {
                    let tail = self.tail(num.end);
                    tail.unit.is_some() && (approx.is_some() || tail.approx.is_some())
                };
                // `万亩油菜花`, `万米高空`: or right before a unit of `lone_scale_units`
                // (`千亩`, `百米` are read as numbers and kept by `keep`).
                match numbers::lone_scale(rules, text, j) {
                    Some(num) if self.before_lone_scale_unit(j, num.end) => num,
                    Some(num) if counted(&num) => num,
                    Some(num)
                        if self
                            .money_context(start, &num, num.value)
                            .is_some_and(|m| approx.is_some() || m.2.is_some()) =>
                    {
                        num
                    }
                    // `人才需求超千万`, `上亿的消费者`: after a qualifier a scale of ten
                    // thousand or more is an amount without a unit too (`千万不要` is none).
                    Some(num) if approx.is_some() && num.value >= TEN_THOUSAND => num,
                    _ => return Step::Nothing,
                }
            }
            Err(NoNum::Skip(k)) => return Step::Skip(k),
        };
        if num.arabic
            && num.decimal
            && let Some(point) = (num.start..num.end).find(|&k| self.item_point_before_month(k))
        {
            return Step::Skip(point + 1);
        }
        // `以3∶1获胜`, `3比1战胜`: a score is no figure (most sample readers leave it out).
        if num.arabic
            && !num.decimal
            && let Some(end) = self.score_at(start, num.end)
        {
            return Step::Skip(end);
        }
        // `登陆时`, `入伍十九年`, `陆家嘴`: a financial digit inside a word that is no
        // numeral is a letter of that word (the scan goes on at `十九年`).
        if let Some(f) = rules.financial.as_ref()
            && f.digits.contains(&text[num.start])
            && self.tokens.containing(num.start).is_some_and(|t| {
                t.tag != "m"
                    && text[t.start..t.end].iter().any(|&c| {
                        !(f.holds(c) || chinese_digit(c).is_some() || rules.scales.contains_key(&c))
                    })
            })
        {
            return Step::Nothing;
        }
        if num.arabic
            && text.get(num.end).is_some_and(|c| c.is_ascii_alphabetic())
            && !self.latin_unit_at(num.end)
        {
            return Step::Skip(self.alnum_run_end(num.end));
        }
        if !negative
            && ordinal.is_none()
            && currency.is_none()
            && approx.is_none()
            && !num.decimal
            && {
                let word_at = |k: usize| {
                    (rules.decade_words.iter().chain(&rules.century_words)).any(|w| written_at(text, k, w))
                };
                // `90年代`, or a range of them: `60-90年代`, `7至10世纪`, `17、18世纪`.
                word_at(num.end)
                    || self.range_second(num.end).is_some_and(|s| word_at(s.end))
                    || self
                        .listed_next(num.end)
                        .is_some_and(|s| rules.century_words.iter().any(|w| written_at(text, s.end, w)))
                    || self
                        .listed_pair(j, Decimal::TEN)
                        .is_some_and(|(n, _)| word_at(n.end))
            }
            && let Some(f) = self.decade(start, &num, j)
        {
            return Step::Found(f);
        }
        // `神舟十四号`, `十二号线`, `遥感卫星20号`, `7号、8号机组`: a number before `号`
        // that names a thing, not a day of the month or a count.
        if text.get(num.end) == Some(&'号')
            && !negative
            && ordinal.is_none()
            && currency.is_none()
            && loose_upper.is_none()
            && (!num.arabic
                || rules
                    .hao_name_after
                    .iter()
                    .any(|w| written_before(text, start, w))
                || self.hao_names_thing(num.end))
        {
            return Step::Skip(num.end + 1);
        }
        if !negative
            && ordinal.is_none()
            && currency.is_none()
            && loose_upper.is_none()
            && let Some(f) = self.date_from_number(j, &num, None)
        {
            return Step::Found(f);
        }
        if ordinal.is_some()
            && self.starts_with(num.end, "季度")
            && let Some(f) = self.quarter(
                start,
                &num,
                num.end + 2,
                self.quarter_year(start, num.small_int().unwrap_or(0)),
            )
        {
            return Step::Found(f);
        }
        if ordinal.is_none()
            && currency.is_none()
            && loose_upper.is_none()
            && !negative
            && let Some(f) = self.compound(start, &num, approx.or(num.approx.map(|a| a.0)))
        {
            return Step::Found(f);
        }
        if ordinal.is_none()
            && currency.is_none()
            && loose_upper.is_none()
            && let Some(f) = self.power(start, &num, negative)
        {
            return Step::Found(f);
        }
        if ordinal.is_none()
            && currency.is_none()
            && let Some(step) = self.slash_fraction(start, &num, approx, negative)
        {
            return step;
        }
        if ordinal.is_none()
            && currency.is_none()
            && let Some(step) = self.mixed_fraction(start, &num, negative)
        {
            return step;
        }
        if ordinal.is_none()
            && loose_upper.is_none()
            && let Some(k) = self.spaced_word(num.end, "分之")
        {
            return self.fraction(start, &num, k, approx, negative);
        }
        let counted = if ordinal.is_none() && loose_upper.is_none() {
            self.counted_split(num.end).filter(|_| whole_count(&num))
        } else {
            None
        };
        let mut half = counted.as_ref().is_some_and(|(_, half)| *half);
        let tail = match counted {
            Some((tail, _)) => tail,
            None => {
                let tail = self.unit_fits(&num, ordinal.is_some(), self.tail(num.end));
                let tail = self.switch_unit(start, &num, tail);
                let tail = self.counter_major(currency, &num, tail);
                let tail = self.prefer_prefix(currency, tail);
                if currency.is_none() && ordinal.is_none() {
                    let tail = self.fractional_colloquial(&num, tail);
                    self.spoken_colloquial(&num, loose_upper.is_some(), tail)
                } else {
                    tail
                }
            }
        };
        if unscaled_pair && tail.unit.is_none() {
            return Step::Skip(num.end);
        }
        let approx = approx.or(num.approx.map(|a| a.0)).or(tail.approx);
        if tail.unit.is_none()
            && currency.is_none()
            && ordinal.is_none()
            && loose_upper.is_none()
            && let Some(f) = self.lone_minor(start, &num, approx, negative)
        {
            return Step::Found(f);
        }
        // `英镑一起`, `美元一度`: a currency word before a lone numeral with no unit.
        if currency.is_some() && tail.unit.is_none() && !num.arabic && num.chars() == 1 {
            return Step::Skip(num.end);
        }

        // The kind, unit and factor the words give.
        let (kind, unit, factor, rule) = self.classify(currency, ordinal, tail.unit);
        // `美元41.73%`, `港币三个月`: a unit other than money wins over the currency
        // word, which is then no part of the figure (unless a qualifier stands before it).
        if currency.is_some() && kind != FigureKind::Money && !qualifier_outside {
            start = after_currency;
        }
        let unit_rule = match tail.unit {
            Some(Suffix::Unit(u)) if ordinal.is_none() => rules.units.get(u),
            _ => None,
        };
        // `八五折`, `85折` = 85%: two bare digits already count hundredths.
        let pair = unit_rule
            .and_then(|u| u.pair_factor)
            .filter(|_| num.digit_string == 2 || (num.arabic && num.int_digits == 2 && !num.scaled));
        let factor = pair.unwrap_or(factor);
        let halves = if half { HALF } else { Decimal::ZERO };
        let mut value = match num.value.checked_add(halves).and_then(|v| v.checked_mul(factor)) {
            Some(v) => v,
            None => return Step::Skip(tail.end),
        };
        let mut end = tail.end;
        // `七成六` = 76%, `1米75` = 1.75 米: digits after the word are its decimals.
        let mut decimals = false;
        let mut decimals_approx = None;
        if unit_rule.is_some_and(|u| u.digit_after)
            && tail.approx.is_none()
            && whole_count(&num)
            // Metres and seconds with decimals (`8米36`, `9秒99`) are small; `1000米19`
            // is no distance.
            && num.value < Decimal::ONE_HUNDRED
            && let Some((fraction, to)) = self.decimals_after(end)
            && let Some(v) = fraction.checked_mul(factor).and_then(|x| value.checked_add(x))
        {
            value = v;
            decimals = true;
            (end, decimals_approx) = self.past_qualifier(to, None);
        }
        // `三年半` = 3.5 年, `三成半` = 35%: `半` after the word adds half of it.
        let mut half_approx = None;
        if !half
            && end == tail.end
            && text.get(end) == Some(&'半')
            && tail.approx.is_none()
            && unit_rule.is_some_and(|u| u.half_after)
            && whole_count(&num)
            && self.half_at(end)
            && let Some(v) = factor.checked_mul(HALF).and_then(|x| value.checked_add(x))
        {
            value = v;
            end += 1;
            half = true;
            (end, half_approx) = self.past_qualifier(end, None);
        }
        if negative {
            value = -value;
        }
        if let Some(Suffix::Currency(c) | Suffix::Colloquial(c)) = tail.unit
            && let Some((more, to)) = self.minor_part(c, end)
            && let Some(v) = value.checked_add(if negative { -more } else { more })
        {
            value = v;
            end = to;
        }
        let mut upper = loose_upper.and_then(|u| u.checked_mul(factor));
        let mut unit_out = unit;
        let mut rule_out = rule;
        let mut kind_out = kind;
        let mut approx_out = approx.or(half_approx).or(decimals_approx);
        // `世界500强`, `晋级16强`: a rank or a stage, no amount; `三大攻坚战`: a set named
        // by its size.
        if unit_rule.is_some_and(|u| u.no_figure) {
            return Step::Skip(end);
        }
        // `万吨级`, `百万千瓦级`: a bare scale of a hundred or more before a unit and a
        // class mark names a size class, no amount; `30万吨级` counts.
        if kind_out == FigureKind::Quantity
            && text.get(end).is_some_and(|c| rules.class_marks.contains(c))
            && text[num.start..num.end]
                .iter()
                .all(|c| rules.scales.get(c).is_some_and(|s| s.0 >= HUNDRED))
        {
            return Step::Skip(end + 1);
        }
        // `十三届全国人大`, `十八届三中全会`: a count before the name of what it counts
        // numbers it (`连任两届` stays two); so does `一次会议` after such an ordinal
        // (`十三届全国人大一次会议`, where `召开3次会议` stays three).
        if kind_out == FigureKind::Quantity
            && approx_out.is_none()
            && upper.is_none()
            && let Some(u) = unit_rule
        {
            let before = |words: &[Vec<char>]| words.iter().any(|w| written_at(text, end, w));
            // `新一届中央委员会` is the new term and `老一代` the older generation, where
            // `一期工程` is phase one.
            let one_as_a = !num.arabic
                && num.value == Decimal::ONE
                && start
                    .checked_sub(1)
                    .is_some_and(|b| "新老这那每同另又上下前后某哪的用".contains(text[b]));
            // `三代核电技术`: a generation that names a technology.
            if before(&u.name_before) {
                return Step::Skip(end);
            }
            // `提升至二级`, `预警等级为三级`: a level reached or set.
            let named = !one_as_a
                && (before(&u.ordinal_before)
                    || u.ordinal_after.iter().any(|w| written_before(text, start, w)));
            // `探月工程三期`, `洋山四期`: a count in Chinese numerals right after a noun
            // names a phase, for a unit that says so (`举办培训班30期` stays thirty).
            let after_noun = (u.ordinal_after_noun || u.ordinal_after_name)
                && !num.arabic
                && self.tokens.ending_at(num.start).is_some_and(|t| {
                    if u.ordinal_after_noun {
                        t.tag.starts_with('n')
                    } else {
                        t.tag == "nr"
                    }
                });
            let in_series = before(&u.ordinal_before_after_ordinal)
                && self.out.last().is_some_and(|f| {
                    f.kind == FigureKind::Ordinal
                        && f.span[1] <= start
                        && start - f.span[1] <= 12
                        && !text[f.span[1]..start].iter().any(|&c| is_clause_mark(c))
                });
            // `第七届、八届、九届`, `第一、二批`: a count listed right after an ordinal of
            // its unit (or of none) is one too, in the same numerals (`8个单项第一、3个
            // 团体第一` lists two counts).
            let listed = self.out.last().is_some_and(|f| {
                f.kind == FigureKind::Ordinal
                    && f.text.chars().any(|c| c.is_ascii_digit()) == num.arabic
                    && f.unit.as_deref().is_none_or(|u| Some(u) == unit_out)
                    && f.span[1] < start
                    && start - f.span[1] <= 2
                    && text[f.span[1]..start]
                        .iter()
                        .all(|&c| matches!(c, '、' | '和' | '及' | '与'))
            });
            if named || in_series || after_noun || listed {
                kind_out = FigureKind::Ordinal;
            } else if u
                .lone_not_count
                .iter()
                .any(|w| num.chars() == w.len() && written_at(text, num.start, w))
            {
                // `二次报销`, `二次创业`: a second one, of a kind; no count.
                return Step::Skip(end);
            }
        }

        // A range: `20亿至25亿元`, `3至5万元`, `6—12个月`.
        let extended = end > tail.end;
        // `10000与20000之间`: a between-connector makes a range only with a closing word.
        let between = |at: usize| {
            rules
                .between_connectors
                .iter()
                .find(|w| written_at(text, at, w))
                .map(|w| (w.len(), ()))
        };
        // `1万(含)-5万元`: a mark that the end is included may stand before the separator.
        let mark = self.inclusive_mark_len(end);
        let spaced = || self.spaced_separator(end + mark).map(|len| (len, ()));
        // `18℃/32℃`: a slash joins two counts of a unit that says so; the second must
        // carry the unit too (`compatible` below).
        let slash = || {
            let slash_unit = match tail.unit {
                Some(Suffix::Unit(u)) => rules.units.get(u).is_some_and(|u| u.slash_range),
                _ => false,
            };
            (slash_unit && text.get(end + mark) == Some(&'/')).then_some((1, ()))
        };
        let found = rules
            .separators
            .longest_at(text, end + mark)
            .or_else(spaced)
            .or_else(slash);
        let (sep, needs_close) = match found {
            Some(s) => (Some(s), false),
            None => (between(end + mark), true),
        };
        // `嫌疑人之一——22岁`: `之一` is "one of them", and the dash starts an aside.
        let one_of = num.start > 0 && text.get(num.start - 1) == Some(&'之');
        // `相统一——四个全面`: a lone numeral that ends a word (`统一`) bounds no range.
        // Asked last: it segments the clause.
        let word_end = || {
            num.chinese
                && num.chars() == 1
                && self
                    .tokens
                    .word_containing(num.start)
                    .is_some_and(|t| t.start < num.start && t.end == num.end)
        };
        if ordinal.is_none()
            && upper.is_none()
            && !one_of
            && let Some((slen, ())) = sep
            && !word_end()
            && let Ok(second) = number_at(rules, text, end + mark + slen)
            && !(second.arabic && self.glued_to_latin(second.start))
        {
            // `10000与20000间`: the closing word right after the second end is no unit
            // (`间` also counts rooms).
            let t2 = if needs_close && self.between_end_len(second.end).is_some() {
                Tail {
                    end: second.end,
                    unit: None,
                    approx: None,
                }
            } else {
                self.prefer_prefix(currency, self.switch_unit(start, &second, self.tail(second.end)))
            };
            let (k2, u2, f2, r2) = self.classify(currency, None, t2.unit);
            let compatible = match (tail.unit, t2.unit) {
                (None, _) => true,
                (Some(a), Some(b)) => a == b,
                (Some(_), None) => false,
            };
            if compatible {
                // `3至5万`, `一千到两千万`: the first end shares the scale the second
                // adds beyond its own when its lead is smaller.
                let mut first = num.value;
                if !extended
                    && num.simple
                    && second.simple
                    && second.scale > num.scale
                    && (second.scale % num.scale).is_zero()
                    && num.lead < second.lead
                {
                    first = num.lead.checked_mul(second.scale).unwrap_or(first);
                } else if !extended
                    && !self.has_big_scale(&num)
                    && let Some(big) = self.trailing_big_scale(&second)
                    && let Some(before_big) = second.value.checked_div(big)
                    && num.value < before_big
                {
                    // `十八至三十万` = 180000..300000, `一百二十到一百五十万`: the first end
                    // is counted in the big scale that closes the second one.
                    first = num.value.checked_mul(big).unwrap_or(first);
                }
                // `-3℃至5℃`: `value` carries the sign already, `first` not yet.
                let first = if extended {
                    Some(value)
                } else if negative {
                    first.checked_mul(f2).map(|v| -v)
                } else {
                    first.checked_mul(f2)
                };
                let mut second_v = second.value.checked_mul(f2);
                let mut second_end = t2.end;
                if let Some(Suffix::Currency(c) | Suffix::Colloquial(c)) = t2.unit
                    && let Some((more, to)) = self.minor_part(c, t2.end)
                {
                    second_v = second_v.and_then(|v| v.checked_add(more));
                    second_end = to;
                } else if let Some(Suffix::Unit(u)) = t2.unit
                    && text.get(second_end) == Some(&'半')
                    && t2.approx.is_none()
                    && rules.units.get(u).is_some_and(|u| u.half_after)
                    && whole_count(&second)
                    && self.half_at(second_end)
                {
                    // `两到三年半`
                    second_v = second_v.and_then(|v| v.checked_add(f2.checked_mul(HALF)?));
                    second_end += 1;
                }
                second_end += self.inclusive_mark_len(second_end);
                if needs_close {
                    match self.between_end_len(second_end) {
                        Some(len) => second_end += len,
                        None => second_v = None,
                    }
                }
                if let (Some(a), Some(b)) = (first, second_v)
                    && a < b
                    && (!num.unit_first || num.chars() > 1)
                    && !(num.arabic && (num.leading_zero || num.int_digits >= 9))
                {
                    value = a;
                    upper = Some(b);
                    end = second_end;
                    unit_out = u2;
                    rule_out = r2;
                    kind_out = k2;
                    approx_out = approx_out.or(t2.approx);
                }
            }
        }
        // `第一至三卷`, `第十和第十五之间`: a range of ordinals, the second perhaps with
        // its own `第`; not into a date (`第一至第三季度`).
        if ordinal.is_some()
            && kind_out == FigureKind::Ordinal
            && upper.is_none()
            && !num.decimal
            && let Some((slen, ())) = sep
        {
            let mut k = end + mark + slen;
            if text.get(k) == Some(&'第') {
                k += 1;
            }
            if let Ok(second) = number_at(rules, text, k)
                && second.value > value
                && !second.decimal
            {
                let t2 = self.tail(second.end);
                let fits = t2.unit.is_none() || tail.unit.is_none() || t2.unit == tail.unit;
                let dated = text.get(t2.end).is_some_and(|&c| is_date_char(c) || c == '季');
                let close = if needs_close {
                    self.between_end_len(t2.end)
                } else {
                    Some(0)
                };
                if fits
                    && !dated
                    && let Some(close) = close
                {
                    upper = Some(second.value);
                    end = t2.end + close;
                    if tail.unit.is_none()
                        && let Some(Suffix::Unit(u)) = t2.unit
                    {
                        unit_out = rules.units.get(u).and_then(|u| u.unit.as_deref()).or(unit_out);
                    }
                }
            }
        }

        // `大于10小于20`, `最多100最少20`: two bounds of opposite sides make a range.
        if upper.is_none()
            && ordinal.is_none()
            && !negative
            && let Some(first) = approx_out.filter(|a| matches!(a, Approx::Over | Approx::Under))
            && let Some((second, second_end, second_unit)) = self.other_bound(end, first, tail.unit)
        {
            let (lo, hi) = if first == Approx::Over {
                (value, second)
            } else {
                (second, value)
            };
            if lo < hi {
                if tail.unit.is_none() && second_unit.is_some() {
                    (kind_out, unit_out, _, rule_out) = self.classify(currency, None, second_unit);
                }
                value = lo;
                upper = Some(hi);
                end = second_end;
                approx_out = None;
            }
        }
        // `年薪30万`, `肆佰叁拾萬`: a bare number that its words or its numerals make money.
        if kind_out == FigureKind::Number && currency.is_none() && ordinal.is_none() && !negative {
            if let Some((m, from, over)) = self.money_context(start, &num, value) {
                kind_out = FigureKind::Money;
                unit_out = rules.currencies.get(m.currency).map(|c| c.code.as_str());
                rule_out = m.id.as_str();
                approx_out = approx_out.or(over);
                start = from;
            } else if let Some(f) = self.financial_money(&num) {
                kind_out = FigureKind::Money;
                unit_out = rules.currencies.get(f.currency).map(|c| c.code.as_str());
                rule_out = f.id.as_str();
            } else if let Some((echo, code)) = self.money_echo(&num, start) {
                kind_out = FigureKind::Money;
                unit_out = Some(code);
                rule_out = echo.id.as_str();
            }
        }
        // `近三年来` is the last three years: the prefix word is no qualifier there, and
        // no part of the figure (`三年`); so is `近两年,` opening a clause.
        let mut phrase_end = end;
        if let Some((q, at, after)) = prefix_qualifier
            && self.qualifier_void(q, at, num.end, num.end, num.arabic)
        {
            start = after;
            approx_out = num.approx.map(|a| a.0).or(tail.approx).or(half_approx);
            phrase_end = self.void_phrase_end(q, num.end, end);
        }
        // `近一吨`, `一个半月`, `一米八`: a qualifier, a half or decimals and a unit make
        // even a lone `一` a figure.
        // `超千万`, `上亿`: a scale written alone, which a qualifier makes an amount; a
        // smaller one only where its clause ends (`病例过百。`, `多则上千,`).
        let scale_alone = !num.arabic
            && (num.value >= TEN_THOUSAND
                || text.get(num.end).is_none_or(|&c| is_clause_mark(c) || c == '、'))
            && (num.start..num.end).all(|k| rules.scales.contains_key(&text[k]));
        let qualified = (approx_out.is_some() || half || decimals) && (tail.unit.is_some() || scale_alone);
        // `Ⅳ级应急响应`, `Ⅰ—Ⅲ类水质`, `Ⅲ期临床`: a Roman numeral names a grade, a class
        // or a phase, as a model's number (`翼龙Ⅱ`), and counts nothing (sample readers
        // leave out 38 of 44).
        if numbers::roman_numeral(text[num.start]).is_some() {
            return Step::Skip(end.max(num.end));
        }
        let dropped = upper.is_none()
            && !qualified
            && pair.is_none()
            && !self.keep(&num, kind_out, tail.unit.is_some(), several)
            && !self.one_span(&num, tail.unit, end);
        // A word cut skips to the number's end, as a dropped Chinese number does; tokens
        // are asked for last, since segmenting is the costly part. A qualifier left out
        // of the figure (`近两年/l,`) still makes a word of it.
        let word_from = prefix_qualifier.map_or(start, |(_, at, _)| at.min(start));
        if (!dropped || num.arabic)
            && !text[num.start].is_ascii()
            && self.cuts_word_within(word_from, num.start, end, phrase_end)
        {
            return Step::Skip(num.end);
        }
        if dropped {
            let mut past = if num.arabic {
                self.alnum_run_end(num.end)
            } else {
                num.end
            };
            // `010—65212787`: an area code and a wide dash start a phone number.
            if num.leading_zero
                && matches!(text.get(past), Some('—' | '–'))
                && text.get(past + 1).is_some_and(char::is_ascii_digit)
            {
                past = self.alnum_run_end(past + 1);
            }
            return Step::Skip(past);
        }
        // A bare number (or range) that a date's surroundings name: `“7·21”`,
        // `5·12汶川特大地震`, `2025文化强国建设高峰论坛`.
        if kind_out == FigureKind::Number
            && approx_out.is_none()
            && let Some(f) = self
                .month_day_event(start, end)
                .or_else(|| {
                    // `9·3大阅兵`: the number alone, without what the figure took after it.
                    ((start, end) != (num.start, num.end))
                        .then(|| self.month_day_event(num.start, num.end))
                        .flatten()
                })
                .or_else(|| match upper {
                    None => (start == num.start && end == num.end)
                        .then(|| self.year_before_name(&num))
                        .flatten(),
                    Some(upper) => self.bare_year_period(&num, upper, end),
                })
        {
            return Step::Found(f);
        }
        // `数十人`, `几百名`: a vague count, which readers of news leave out.
        if vague && kind_out != FigureKind::Money {
            return Step::Skip(end);
        }
        let mut unit_out = if kind_out == FigureKind::Number {
            None
        } else {
            unit_out.map(str::to_owned)
        };
        // `12000立方米/秒左右`, `500公斤/亩`: a quantity per another unit.
        if kind_out == FigureKind::Quantity
            && let Some(numerator) = &unit_out
            && let Some((per, per_end, per_approx)) = self.per_unit(end, numerator)
        {
            unit_out = Some(format!("{numerator}/{per}"));
            end = per_end;
            approx_out = approx_out.or(per_approx);
        } else if kind_out == FigureKind::Quantity
            && let Some(numerator) = &unit_out
            && let Some((per, at)) = self.rate_before(start, numerator)
            && at >= floor
        {
            // `每小时300公里`: the same rate, its time unit written first.
            unit_out = Some(format!("{numerator}/{per}"));
            start = at;
            if approx_out.is_none()
                && let Some((q_at, q)) = self.qualifier_before(at, floor, end)
            {
                start = q_at;
                approx_out = Some(q);
            }
        }
        let f = self.figure(
            kind_out,
            start,
            end,
            FigureValue::Number(value),
            upper,
            unit_out,
            approx_out,
            rule_out,
        );
        Step::Found(f)
    }

    /// The unit a quantity ending at `end` is counted per: a slash and a quantity unit
    /// other than its own `numerator` (`立方米/秒`, `公斤/亩`), or a `rate_words_before`
    /// word (`立方米每秒`); that unit, where it ends, and an `about` word after it
    /// (`12000立方米/秒左右`).
    fn per_unit(&self, end: usize, numerator: &str) -> Option<(&'a str, usize, Option<Approx>)> {
        let (per, per_end) = if self.text.get(end) == Some(&'/') {
            let (per, len) = self.per_unit_word_at(end + 1, numerator)?;
            (per, end + 1 + len)
        } else {
            // `3600立方米每秒`: a `rate_words_before` word written after the unit.
            let (len, ()) = self.rules.rate_words_before.longest_at(self.text, end)?;
            let (per, unit_len) = self.per_unit_word_at(end + 1, numerator)?;
            (end + 1 + unit_len == end + len).then_some((per, end + len))?
        };
        let about = self
            .suffix_approx_at(per_end)
            .filter(|&(_, q)| q == Approx::About);
        Some(match about {
            Some((about_len, _)) => (per, per_end + about_len, Some(Approx::About)),
            None => (per, per_end, None),
        })
    }

    /// The unit of a `rate_words_before` word that ends at `start` (`每小时` before
    /// `300公里`), other than the quantity's own `numerator`, and where the word starts.
    fn rate_before(&self, start: usize, numerator: &str) -> Option<(&'a str, usize)> {
        let (len, ()) = self.rules.rate_words_before.longest_before(self.text, start)?;
        let at = start - len;
        let (per, unit_len) = self.per_unit_word_at(at + 1, numerator)?;
        (at + 1 + unit_len == start).then_some((per, at))
    }

    /// The unit written by a quantity's unit word at `at`, other than `numerator`, and
    /// the word's length: what a rate is counted per (`秒` of `立方米/秒`, `每秒`).
    fn per_unit_word_at(&self, at: usize, numerator: &str) -> Option<(&'a str, usize)> {
        let rules: &'a FigureRules = self.rules;
        let (len, Suffix::Unit(u)) = rules.suffixes.longest_at(self.text, at)? else {
            return None;
        };
        let per = rules
            .units
            .get(u)
            .filter(|u| u.kind == FigureKind::Quantity)?
            .unit
            .as_deref()?;
        (!per.is_empty() && per != numerator).then_some((per, len))
    }

    /// `2小时08分19秒` = 7699 秒, `1分45秒` = 105 秒, `1小时20分钟` = 80 分钟: a quantity
    /// written in parts of falling size, counted in the last part written. Each later
    /// part is a whole number below one of the part before (`08分`, not `90分`),
    /// written like the first; the smallest part of the rule may carry decimals
    /// (`2分03秒45` = 123.45 秒).
    fn compound(&mut self, start: usize, num: &Num, approx: Option<Approx>) -> Option<Figure> {
        let rules = self.rules;
        let text = self.text;
        let after = *text.get(num.end)?;
        if !rules.compound_firsts.contains(&after) || !whole_count(num) {
            return None;
        }
        for c in &rules.compounds {
            // The first part from `from` on whose word is written at `at`.
            let part_at = |at: usize, from: usize| {
                c.parts.iter().enumerate().skip(from).find_map(|(i, p)| {
                    p.words
                        .iter()
                        .find(|w| written_at(text, at, w))
                        .map(|w| (i, at + w.len()))
                })
            };
            let Some((mut last, mut end)) = part_at(num.end, 0) else {
                continue;
            };
            let mut total = num.value.checked_mul(c.parts.get(last)?.size)?;
            let mut written = 1;
            // A later part is written like the first (`72小时十分关键` is "very"), and
            // is no lone `一` (`一分一秒`, `一秒不差` are idioms).
            while let Ok(next) = number_at(rules, text, end)
                && next.start == end
                && whole_count(&next)
                && next.arabic == num.arabic
                && !(next.chars() == 1 && next.value == Decimal::ONE && !next.arabic)
                && let Some((i, to)) = part_at(next.end, last + 1)
                && next.value < c.parts[last].size / c.parts[i].size
            {
                total = total.checked_add(next.value.checked_mul(c.parts[i].size)?)?;
                last = i;
                end = to;
                written += 1;
            }
            if written < 2 {
                continue;
            }
            let part = &c.parts[last];
            if last + 1 == c.parts.len()
                && let Some((fraction, to)) = self.decimals_after(end)
            {
                total = total.checked_add(fraction.checked_mul(part.size)?)?;
                end = to;
            }
            let value = total.checked_div(part.size)?;
            let unit = Some(part.unit.clone());
            // `1小时40分钟左右`
            let (end, approx) = self.past_qualifier(end, approx);
            return Some(self.figure(
                FigureKind::Quantity,
                start,
                end,
                FigureValue::Number(value),
                None,
                unit,
                approx,
                &c.id,
            ));
        }
        None
    }

    /// A salary or price word before a bare number starting at `start` (perhaps with a
    /// short verb between, `薪酬能给到10k`): the context, where the figure then starts
    /// (before an `over` word, `月薪过万`) and the qualifier that word gives.
    fn money_context(
        &self,
        start: usize,
        num: &Num,
        value: Decimal,
    ) -> Option<(&'a MoneyContext, usize, Option<Approx>)> {
        let rules: &'a FigureRules = self.rules;
        if rules.money_contexts.is_empty() || num.arabic && self.glued_to_latin(num.start) {
            return None;
        }
        let text = self.text;
        let ends_at = |k: usize, w: &[char]| written_before(text, k, w) && k - w.len() >= self.floor;
        // `2亿多资金`, `200万的贷款`: an over word and `的` may stand before a word after.
        let mut past = num.end;
        if text.get(past).is_some_and(|c| matches!(c, '多' | '余')) {
            past += 1;
        }
        if text.get(past) == Some(&'的') {
            past += 1;
        }
        rules.money_contexts.iter().find_map(|m| {
            if (m.scaled && !num.scaled) || value < m.min_value {
                return None;
            }
            if m.words_after.iter().any(|w| written_at(text, past, w)) {
                return Some((m, start, None));
            }
            // Tokens are asked last: segmenting is the costly part.
            let counted = || {
                m.unless_noun_after
                    && self
                        .tokens
                        .starting_at(num.end)
                        .is_some_and(|t| t.tag.starts_with('n'))
            };
            if m.counted_scale
                && text
                    .get(num.start..num.end)
                    .is_some_and(|chars| chars.iter().any(|c| rules.scale_counters.contains(c)))
                && !counted()
            {
                return Some((m, start, None));
            }
            let (k, from, over) = match m.over.iter().find(|w| ends_at(start, w)) {
                Some(w) => (start - w.len(), start - w.len(), Some(Approx::Over)),
                None => {
                    let gap = m.gap.iter().find(|w| ends_at(start, w)).map_or(0, Vec::len);
                    (start - gap, start, None)
                }
            };
            (m.words.iter().any(|w| ends_at(k, w)) && !counted()).then_some((m, from, over))
        })
    }

    /// `比去年多了340多亿。`: a bare number with a big scale closing its clause (or before
    /// `的`) after a money figure in its sentence, close enough by the rule's `marks` and
    /// with no word of what else it could count between (nor after `的`): the rule and
    /// the currency.
    fn money_echo(&self, num: &Num, start: usize) -> Option<(&'a MoneyEcho, &'a str)> {
        let rules: &'a FigureRules = self.rules;
        let echo = rules.money_echo.as_ref()?;
        let t = self.text;
        let mut past = num.end;
        if t.get(past).is_some_and(|c| matches!(c, '多' | '余')) {
            past += 1;
        }
        if !t.get(past).is_none_or(|&c| is_clause_mark(c) || c == '的') || !self.has_big_scale(num) {
            return None;
        }
        // `资助了180万的贫困儿童`: after `的`, what it counts may be named.
        let counts_after = t.get(past) == Some(&'的')
            && t[past..]
                .iter()
                .take_while(|&&c| !is_clause_mark(c))
                .any(|c| echo.not_between.contains(c));
        if counts_after {
            return None;
        }
        // The figures found so far, latest first, back to the sentence's last clause
        // marks: a long article holds many.
        let money = self
            .out
            .iter()
            .rev()
            .take_while(|f| start.saturating_sub(f.span[1]) <= MONEY_ECHO_REACH)
            .find(|f| f.kind == FigureKind::Money)?;
        let between = t.get(money.span[1]..start)?;
        let sentence_end = |c: char| matches!(c, '。' | '!' | '！' | '?' | '？' | '\n');
        if between
            .iter()
            .any(|&c| sentence_end(c) || echo.not_between.contains(&c))
            || between.iter().filter(|&&c| is_clause_mark(c)).count() > echo.marks
        {
            return None;
        }
        let code = money.unit.as_deref()?;
        let currency = rules.currencies.iter().find(|c| c.code == code)?;
        Some((echo, currency.code.as_str()))
    }

    /// Financial numerals with a positional character (`肆佰叁拾萬`): money.
    fn financial_money(&self, num: &Num) -> Option<&'a Financial> {
        let rules: &'a FigureRules = self.rules;
        let f = rules.financial.as_ref()?;
        if num.arabic || num.decimal || num.approx.is_some() {
            return None;
        }
        let chars = self.text.get(num.start..num.end)?;
        let all = chars.iter().all(|&c| f.holds(c));
        (all && chars.iter().any(|c| f.positional.contains(c)) && chars.iter().any(|c| f.digits.contains(c)))
            .then_some(f)
    }

    /// Whether `num` holds a big scale (`万`, `亿`) anywhere.
    fn has_big_scale(&self, num: &Num) -> bool {
        (num.start..num.end).any(|p| numbers::big_scale_at(self.rules, self.text, p).is_some())
    }

    /// The product of the big scales that close `num` (`一百五十万` → 10000, `3万亿` →
    /// 10^12), if it ends with one.
    fn trailing_big_scale(&self, num: &Num) -> Option<Decimal> {
        let mut big = Decimal::ONE;
        let mut p = num.end;
        while p > num.start
            && let Some(f) = numbers::big_scale_at(self.rules, self.text, p - 1)
        {
            big = big.checked_mul(f)?;
            p -= 1;
        }
        (big > Decimal::ONE).then_some(big)
    }

    /// Is unit `u`, whose word stands at `at`, one that must be a word of its own
    /// (`word_alone`) and here begins a longer one (`打破`)?
    fn not_alone(&self, u: usize, at: usize, len: usize) -> bool {
        self.rules.units.get(u).is_some_and(|u| u.word_alone)
            && self.text.get(at + len).is_some_and(|c| c.is_alphabetic())
            && !self.cut_after(at, len)
    }

    /// Whether jieba starts a word right after the `len` chars at `at` (`30万人/工作`,
    /// `300名/师生`), so they end no longer word; never for the char-by-char stand-in
    /// (tag `x`).
    fn cut_after(&self, at: usize, len: usize) -> bool {
        self.tokens.starting_at(at + len).is_some_and(|t| t.tag != "x")
    }

    /// Whether the char at `p` is a digit or a scale word: part of a number.
    fn numeral_at(&self, p: usize) -> bool {
        self.text.get(p).is_some_and(|&ch| {
            ch.is_ascii_digit() || chinese_digit(ch).is_some() || self.rules.scales.contains_key(&ch)
        })
    }

    /// A colloquial currency word (`块`) ending at `at` after a number ending at `k`,
    /// with no minor part: money when a money cue stands shortly before in the same
    /// clause and one of the rule's closing words follows, perhaps after a qualifier
    /// (`卖了10块。`, `挣了三块多钱`), never after a lone `一` (`想到一块` is "together").
    /// Returns where the figure ends (a closing word in letters, `钱`, is part of it)
    /// and the qualifier's meaning.
    fn colloquial_alone(&self, c: usize, k: usize, at: usize) -> Option<(usize, Option<Approx>)> {
        let rules = self.rules;
        let alone = rules.currencies.get(c)?.colloquial_alone.as_ref()?;
        let text = self.text;
        if k >= 1 && matches!(text[k - 1], '一' | '壹') && !(k >= 2 && self.numeral_at(k - 2)) {
            return None;
        }
        let window = &text[k.saturating_sub(alone.within)..k];
        let window = &window[window
            .iter()
            .rposition(|&c| is_clause_mark(c))
            .map_or(0, |p| p + 1)..];
        let cued = alone
            .cues
            .iter()
            .any(|w| !w.is_empty() && window.windows(w.len()).any(|x| x == w.as_slice()));
        // A closing word in letters (`三块多钱`) speaks of money itself.
        if let Some((end, approx, worded)) = self.colloquial_close(alone, at)
            && (cued || worded)
        {
            return Some((end, approx));
        }
        self.money_word_after(alone, at)
    }

    /// `九万块现金`, `几百块的收入`, `5000块左右的收入`: one of the rule's `cues_after`
    /// starts within `within_after` chars after the colloquial word ending at `at`
    /// (after an optional qualifier), in the same clause. The figure ends at the word
    /// or its qualifier.
    fn money_word_after(
        &self,
        alone: &crate::rules::figures::ColloquialAlone,
        at: usize,
    ) -> Option<(usize, Option<Approx>)> {
        let (end, approx) = self.past_qualifier(at, None);
        let text = self.text;
        (end..(end + alone.within_after + 1).min(text.len()))
            .take_while(|&i| !is_clause_mark(text[i]))
            .any(|i| alone.cues_after.iter().any(|w| written_at(text, i, w)))
            .then_some((end, approx))
    }

    /// What closes a colloquial money word ending at `at`: an optional qualifier, then
    /// the end of the text or a line, or one of the rule's `before` words. Returns the
    /// figure's end, the qualifier's meaning, and whether a closing word in letters
    /// (`钱`) was read into the figure.
    fn colloquial_close(
        &self,
        alone: &crate::rules::figures::ColloquialAlone,
        at: usize,
    ) -> Option<(usize, Option<Approx>, bool)> {
        let rules = self.rules;
        let text = self.text;
        let mut j = at;
        let mut approx = None;
        if let Some((len, q)) = rules.suffix_qualifiers.longest_at(text, j) {
            approx = rules.qualifiers.get(q).map(|q| q.approx);
            j += len;
        }
        if j >= text.len() || text[j] == '\n' {
            return Some((j, approx, false));
        }
        let w = alone.before.iter().find(|w| written_at(text, j, w))?;
        let worded = w.iter().all(|ch| ch.is_alphabetic());
        Some((if worded { j + w.len() } else { j }, approx, worded))
    }

    /// `3.04块以上`: a colloquial currency word read as a count after a number with
    /// decimals is money, since pieces are counted whole.
    fn fractional_colloquial(&self, num: &Num, tail: Tail) -> Tail {
        let Some(Suffix::Unit(u)) = tail.unit else {
            return tail;
        };
        if num.value.fract().is_zero() {
            return tail;
        }
        match self.rules.suffixes.longest_at(self.text, num.end) {
            Some((_, Suffix::Colloquial(c)))
                if self
                    .rules
                    .currencies
                    .get(c)
                    .is_some_and(|c| c.colloquial_counter == Some(u)) =>
            {
                Tail {
                    unit: Some(Suffix::Colloquial(c)),
                    ..tail
                }
            }
            _ => tail,
        }
    }

    /// `三五百块`, `一两千块。`, `两千块,`: a colloquial money word closing a clause after
    /// a spoken amount (a loose range, or Chinese numerals with a scale) of at least the
    /// rule's `spoken_from`, with no money cue needed. Counts of pieces stay out: they
    /// are small (`切成几十块`) or go on to their noun (`两万多块“善行义举榜”`).
    fn spoken_colloquial(&self, num: &Num, loose: bool, tail: Tail) -> Tail {
        let rules = self.rules;
        if !(loose || (!num.arabic && num.scaled && num.approx.is_none())) {
            return tail;
        }
        // `一千多块。`: a qualifier may stand before the word.
        let (q_len, q) = self
            .suffix_approx_at(num.end)
            .map_or((0, None), |(len, q)| (len, Some(q)));
        let at = num.end + q_len;
        let Some((len, Suffix::Colloquial(c))) = rules.suffixes.longest_at(self.text, at) else {
            return tail;
        };
        let Some(currency) = rules.currencies.get(c) else {
            return tail;
        };
        // A unit other than the word read as a count (`三五百块`) stays.
        if tail
            .unit
            .is_some_and(|u| currency.colloquial_counter.is_none_or(|k| u != Suffix::Unit(k)))
        {
            return tail;
        }
        let Some(alone) = currency.colloquial_alone.as_ref() else {
            return tail;
        };
        // A Chinese numeral of at least 100 holds a scale of at least 百.
        if alone.spoken_from.is_none_or(|from| num.value < from) {
            return tail;
        }
        match self.colloquial_close(alone, at + len) {
            Some((end, approx, _)) => Tail {
                end,
                unit: Some(Suffix::Colloquial(c)),
                approx: q.or(approx),
            },
            None => tail,
        }
    }

    /// A counting word right after the number that stands for a currency's major unit
    /// (`港幣三個一毫四` = 3.14 HKD): after a prefix word of that currency, or before a
    /// minor part that starts with a number and a minor word (not `三个四川人`).
    fn counter_major(&self, currency: Option<usize>, num: &Num, tail: Tail) -> Tail {
        let rules = self.rules;
        let text = self.text;
        for &ci in &rules.counter_major_currencies {
            let Some(cur) = rules.currencies.get(ci) else {
                continue;
            };
            // `五個半。`, `三個九。`: a half or a lone digit closing the clause; the
            // counting word as written, before the script fold made it `个`.
            if let Some(w) = cur.counter_major_final.iter().find(|w| {
                self.tokens
                    .written_from(num.end)
                    .take(w.len())
                    .eq(w.iter().copied())
            }) {
                let after = num.end + w.len();
                let tail_digit = text
                    .get(after)
                    .is_some_and(|&c| c == '半' || chinese_digit(c).is_some_and(|d| d > 0));
                if tail_digit && text.get(after + 1).is_none_or(|&c| is_clause_mark(c)) {
                    return Tail {
                        end: after,
                        unit: Some(Suffix::Colloquial(ci)),
                        approx: None,
                    };
                }
            }
            let Some(w) = cur.counter_major.iter().find(|w| written_at(text, num.end, w)) else {
                continue;
            };
            if rules
                .suffixes
                .longest_at(text, num.end)
                .is_some_and(|(l, _)| l > w.len())
            {
                continue;
            }
            let after = num.end + w.len();
            let minor_word_follows = number_at(rules, text, after).is_ok_and(|q| {
                cur.minor.iter().any(|(m, _)| {
                    written_at(text, q.end, m)
                        && rules
                            .suffixes
                            .longest_at(text, q.end)
                            .is_none_or(|(l, _)| l <= m.len())
                })
            });
            if currency == Some(ci) || minor_word_follows {
                return Tail {
                    end: after,
                    unit: Some(Suffix::Colloquial(ci)),
                    approx: None,
                };
            }
        }
        tail
    }

    /// `港币2300万元`: a prefix word of one currency decides over a suffix word of a
    /// currency that yields to prefixes (`元`).
    fn prefer_prefix(&self, currency: Option<usize>, tail: Tail) -> Tail {
        match (currency, tail.unit) {
            (Some(p), Some(Suffix::Currency(s)))
                if p != s && self.rules.currencies.get(s).is_some_and(|c| c.yields_to_prefix) =>
            {
                Tail {
                    unit: Some(Suffix::Currency(p)),
                    ..tail
                }
            }
            _ => tail,
        }
    }

    /// `三五百`, `四五十万`, `两三千`: two neighbouring digits (or `三五`) before a scale
    /// make a loose range, 300..500. Returns the lower end as a number and the upper end.
    fn loose_pair(&self, j: usize) -> Option<(Num, Decimal)> {
        let text = self.text;
        let rules = self.rules;
        if j >= 1 && self.numeral_at(j - 1) {
            return None;
        }
        let (d1, d2) = self.neighbour_digits(j)?;
        if !rules.scales.contains_key(text.get(j + 2)?) {
            return None;
        }
        let second = number_at(rules, text, j + 1).ok()?;
        if !second.simple
            || !second.scaled
            || second.arabic
            || second.decimal
            || second.approx.is_some()
            || second.lead != Decimal::from(d2)
        {
            return None;
        }
        let scale = second.scale;
        pair_from(j, d1, scale, second)
    }

    /// Two neighbouring Chinese digits at `j` (`三四`, `一两`) or `三五`: a loose range.
    fn neighbour_digits(&self, j: usize) -> Option<(u32, u32)> {
        let digit = |p: usize| {
            self.text
                .get(p)
                .and_then(|&ch| chinese_digit(ch))
                .filter(|d| *d > 0)
        };
        let (d1, d2) = (digit(j)?, digit(j + 1)?);
        (d2 == d1 + 1 || (d1, d2) == (3, 5)).then_some((d1, d2))
    }

    /// `三四天` = 3..4 天, `一两个`, `两三块钱`, `十五六岁` = 15..16, `二十七八岁`: a loose
    /// range of two neighbouring digits with no scale after them, perhaps after tens.
    /// Only a unit or currency word right after it makes it one (the caller checks
    /// that the word is not blocked): `三五成群`, `八九不离十` are none.
    fn counted_pair(&self, j: usize) -> Option<(Num, Decimal)> {
        let text = self.text;
        let rules = self.rules;
        if text.get(j).is_none_or(char::is_ascii_digit) || (j >= 1 && self.numeral_at(j - 1)) {
            return None;
        }
        let ten = |p: usize| {
            text.get(p)
                .is_some_and(|&c| rules.scales.get(&c).is_some_and(|s| s.0 == Decimal::TEN))
        };
        let (tens, k) = if ten(j) {
            (1, j + 1)
        } else if ten(j + 1) {
            (chinese_digit(text[j]).filter(|d| *d > 0)?, j + 2)
        } else {
            (0, j)
        };
        let (d1, d2) = self.neighbour_digits(k)?;
        rules.suffixes.longest_at(text, k + 2)?;
        let second = number_at(rules, text, k + 1).ok()?;
        if second.end != k + 2 {
            return None;
        }
        let base = Decimal::from(tens * 10);
        let lower = Num {
            start: j,
            value: base + Decimal::from(d1),
            lead: base + Decimal::from(d1),
            ..second
        };
        Some((lower, base + Decimal::from(d2)))
    }

    /// `2、300` = 200..300, `三、四百公斤`, `4、5千元`: a loose range written with `、`
    /// between a lone digit and a round number of the next digit, whose scale is at
    /// least `min_scale` (100; 10 for decades, `五、六十年代`). A list (`1、2、3`,
    /// `2、300、400`) or an item number at the head of a line (`2、300名`) is none.
    fn listed_pair(&self, j: usize, min_scale: Decimal) -> Option<(Num, Decimal)> {
        let text = self.text;
        let rules = self.rules;
        let &mark = text.get(j + 1).filter(|c| rules.loose_range_marks.contains(c))?;
        // After a word, not at the head of a line or sentence or inside a list.
        let before = *text.get(j.checked_sub(1)?)?;
        if !before.is_alphabetic() || before.is_ascii() || self.numeral_at(j - 1) || before == mark {
            return None;
        }
        let c = text[j];
        let arabic = c.is_ascii_digit();
        let d1 = if arabic { c.to_digit(10) } else { chinese_digit(c) }.filter(|d| *d > 0)?;
        let second = number_at(rules, text, j + 2).ok()?;
        if second.arabic != arabic
            || second.decimal
            || second.approx.is_some()
            || text.get(second.end) == Some(&mark)
        {
            return None;
        }
        // The second end as lead x scale: `300` = 3 x 100, `四百` = 4 x 100, `5千`.
        let (lead, scale) = if second.scaled {
            (second.lead, second.scale)
        } else if arabic && second.int_digits >= 2 && !second.leading_zero {
            let scale = Decimal::from(10u64.checked_pow(u32::try_from(second.int_digits - 1).ok()?)?);
            (second.value.checked_div(scale)?, scale)
        } else {
            return None;
        };
        if !second.simple
            || scale < min_scale
            || lead != Decimal::from(d1 + 1)
            || lead.checked_mul(scale)? != second.value
        {
            return None;
        }
        pair_from(j, d1, scale, second)
    }

    /// The minor part after a major currency word at `k`: `1角1分`, `三毛`, `六` (in
    /// `五块六`), `零四` (in `三块零四`), `半` (in `两块半`, for a currency that takes
    /// it); returns the amount and where it ends.
    fn minor_part(&self, c: usize, k: usize) -> Option<(Decimal, usize)> {
        let currency = self.rules.currencies.get(c)?;
        // `两块半` = 2.5
        if currency.half_after && self.half_at(k) {
            return Some((HALF, k + 1));
        }
        let minor = &currency.minor;
        let (&(_, largest), &(_, smallest)) = (minor.first()?, minor.last()?);
        let text = self.text;
        // A minor word that starts a longer unit (`分钟`) is not one.
        let word_at = |at: usize| {
            minor
                .iter()
                .find(|(w, _)| written_at(text, at, w))
                .map(|(w, f)| (w.len(), *f))
                .filter(|(len, _)| {
                    self.rules
                        .suffixes
                        .longest_at(text, at)
                        .is_none_or(|(l, _)| l <= *len)
                })
        };
        let lone_digit = |at: usize| {
            text.get(at)
                .and_then(|&ch| chinese_digit(ch))
                .filter(|_| {
                    !text
                        .get(at + 1)
                        .is_some_and(|&n| chinese_digit(n).is_some() || self.rules.scales.contains_key(&n))
                })
                .filter(|_| self.rules.suffixes.longest_at(text, at + 1).is_none())
                .map(Decimal::from)
        };
        // `两美元又三美分`: `又` may join the minor part, when a minor word follows.
        let joined = text.get(k) == Some(&'又');
        let k = if joined { k + 1 } else { k };
        let mut at = k;
        let mut sum = Decimal::ZERO;
        let mut last = largest * Decimal::TEN;
        for round in 0..2 {
            if joined && round == 0 && text.get(at) == Some(&'零') {
                return None;
            }
            if round == 0 && text.get(at) == Some(&'零') && word_at(at + 2).is_none() {
                let d = lone_digit(at + 1)?;
                return Some((d.checked_mul(smallest)?, at + 2));
            }
            let Ok(q) = number_at(self.rules, text, at) else {
                break;
            };
            if q.decimal || q.approx.is_some() {
                break;
            }
            if let Some((len, f)) = word_at(q.end) {
                sum = sum.checked_add(q.value.checked_mul(f)?)?;
                at = q.end + len;
                last = f;
                continue;
            }
            // `五块六`, `七毛八`: a lone digit counts the next smaller unit.
            if q.chars() == 1
                && let Some(d) = lone_digit(at)
            {
                let f = last / Decimal::TEN;
                sum = sum.checked_add(d.checked_mul(f)?)?;
                at += 1;
            }
            break;
        }
        (at > k && !(joined && last == largest * Decimal::TEN)).then_some((sum, at))
    }

    /// Is a Latin unit (`km`, `TEU`) at `j`, not glued to more letters?
    fn latin_unit_at(&self, j: usize) -> bool {
        self.rules
            .suffixes
            .longest_at(self.text, j)
            .is_some_and(|(len, _)| !self.text.get(j + len).is_some_and(|c| c.is_ascii_alphanumeric()))
    }

    /// Kind, unit, value factor and rule id from the words around a number.
    fn classify(
        &self,
        currency: Option<usize>,
        ordinal: Option<usize>,
        unit: Option<Suffix>,
    ) -> (FigureKind, Option<&'a str>, Decimal, &'a str) {
        let rules: &'a FigureRules = self.rules;
        if let Some(Suffix::Currency(c) | Suffix::Colloquial(c)) = unit
            && let Some(c) = rules.currencies.get(c)
        {
            return (
                FigureKind::Money,
                Some(c.code.as_str()),
                Decimal::ONE,
                c.id.as_str(),
            );
        }
        if let Some(u) = ordinal.and_then(|u| rules.units.get(u)) {
            let counter = match unit {
                Some(Suffix::Unit(k)) => rules
                    .units
                    .get(k)
                    .filter(|k| k.kind == FigureKind::Quantity)
                    .and_then(|k| k.unit.as_deref()),
                _ => None,
            };
            return (u.kind, counter, Decimal::ONE, u.id.as_str());
        }
        if let Some(Suffix::Unit(k)) = unit
            && let Some(k) = rules.units.get(k)
        {
            return (k.kind, k.unit.as_deref(), k.factor, k.id.as_str());
        }
        if let Some(c) = currency.and_then(|c| rules.currencies.get(c)) {
            return (
                FigureKind::Money,
                Some(c.code.as_str()),
                Decimal::ONE,
                c.id.as_str(),
            );
        }
        (FigureKind::Number, None, Decimal::ONE, "number")
    }

    /// The end of a score whose first number, in Arabic digits, spans `start..end`: a
    /// colon or `比` and a second whole number, with `以` right before the first or a
    /// score word (`战胜`, `获胜`, `负于`…) within six chars after the second
    /// (`以3∶1获胜`, `3比1战胜`). `1比1的比例` and `3:2的比例` stay numbers. A dash joins
    /// a range unless a score word follows the second number at once (`3-0胜越南队`).
    fn score_at(&self, start: usize, end: usize) -> Option<usize> {
        let t = self.text;
        let dash = matches!(t.get(end), Some('-' | '—'));
        if !dash && !matches!(t.get(end), Some(':' | '∶' | '比')) {
            return None;
        }
        let from = end + 1;
        let digits = ascii_digits_at(t, from);
        if digits == 0 || digits > 3 || matches!(t.get(from + digits), Some('.' | ':' | '∶')) {
            return None;
        }
        let to = from + digits;
        if dash {
            return self.rules.score_words.longest_at(t, to).is_some().then_some(to);
        }
        let after_yi = start.checked_sub(1).is_some_and(|b| t[b] == '以');
        let rules = self.rules;
        (after_yi
            || rules.score_marks_after.longest_at(t, to).is_some()
            || self.score_word_after(to)
            || self.score_word_before(start))
        .then_some(to)
    }

    /// Whether a `score_words_before` word ends within six chars before `at`, with no
    /// clause mark between (`比分差距扩大至2∶0`, `战成6:6`).
    fn score_word_before(&self, at: usize) -> bool {
        let t = self.text;
        let from = self.clause_start(at, 6);
        (from + 1..=at).any(|k| self.rules.score_words_before.longest_before(t, k).is_some())
    }

    /// Whether a score word (`战胜`, `获胜`, `负于`…) starts within six chars from `at`.
    fn score_word_after(&self, at: usize) -> bool {
        let t = self.text;
        (at..(at + 6).min(t.len())).any(|k| self.rules.score_words.longest_at(t, k).is_some())
    }

    /// Whether the number at `start..end` numbers an item: at the head of a line or a
    /// sentence, before `、` or `.` (`1、`, `三、`), or before a middle dot or a colon
    /// and a Han char (`1·严格实行`, `1:甘棠镇发展蘑菇`; `10·4` is a day, `1:0` a
    /// score; an item number before a colon has at most two chars). `(吴擎柱摄)2、深圳书城`:
    /// a caption's closing bracket ends an item too.
    fn heads_item(&self, start: usize, end: usize) -> bool {
        let before = start.checked_sub(1).and_then(|k| self.text.get(k)).copied();
        let head = before.is_none_or(|b| matches!(b, '\n' | ' ' | '。' | ';' | ':' | ')' | '）'));
        // A colon after a year heads a heading (`2015:中国航天…`), not an item.
        let marked_item = (self.text.get(end) == Some(&'·')
            || (matches!(self.text.get(end), Some(':' | '：')) && end - start <= 2))
            && self.han_at(end + 1);
        head && (matches!(self.text.get(end), Some('、' | '.')) || marked_item)
    }

    /// Whether a number with this shape is worth a figure (Chinese numerals inside
    /// words, phone numbers and codes are not); `several`: a several-marker stands
    /// before it (`上百万`).
    fn keep(&self, num: &Num, kind: FigureKind, has_unit: bool, several: bool) -> bool {
        // `4×100米接力`, `7×5.35公里`: a count of legs, part of the event's name.
        if kind == FigureKind::Number && !has_unit && matches!(self.text.get(num.end), Some('×' | '✕')) {
            return false;
        }
        // A Roman numeral whose unit gave way names a model (`翼龙Ⅱ首飞`).
        if kind == FigureKind::Number
            && self
                .text
                .get(num.start)
                .copied()
                .and_then(numbers::roman_numeral)
                .is_some()
        {
            return false;
        }
        // List numbers: `1、`, `(2)`, `三、` at the head of an item.
        if kind == FigureKind::Number {
            let before = num.start.checked_sub(1).and_then(|k| self.text.get(k)).copied();
            let after = self.text.get(num.end).copied();
            let bracketed = before == Some('(') && after == Some(')') && !self.year_ends_name(num);
            // `19.中国京剧奖20.曹禺戏剧文学奖`: a point before a Han char ends no decimal,
            // so it numbers an item of a list run together.
            let item_point = after == Some('.') && self.han_at(num.end + 1);
            // `1、2月份`, `3、4秒钟` at a line's head may be two numbers of one list:
            // kept for now, and dropped after the lists unless one took it in.
            let next_follows = num.small_int().is_some_and(|n| {
                number_at(self.rules, self.text, num.end + 1)
                    .is_ok_and(|next| next.arabic == num.arabic && next.small_int() == Some(n + 1))
            });
            let head_item = self.heads_item(num.start, num.end) && !(after == Some('、') && next_follows);
            if head_item || bracketed || item_point {
                return false;
            }
        }
        if num.arabic {
            if kind == FigureKind::Number && (num.leading_zero || num.int_digits >= 9) {
                return false;
            }
            // `遥感三十号02组卫星`, `海巡01轮`: a count is written without a leading zero;
            // with one the number codes a name.
            if num.leading_zero && matches!(kind, FigureKind::Quantity | FigureKind::Ordinal) {
                return false;
            }
            return true;
        }
        let len = num.chars();
        let chars = &self.text[num.start..num.end];
        // `十`, `〇` standing alone between sentence marks is a number; inside running text
        // a lone numeral is mostly part of a word (`统一`, `一是`, `三农`).
        if len == 1
            && kind == FigureKind::Number
            && (self.stands_alone(num.start, num.end) || self.named_alone(num.start, num.end))
        {
            return true;
        }
        if num.unit_first && len == 1 && !(has_unit && self.before_lone_scale_unit(num.start, num.end)) {
            return false;
        }
        if num.digit_string > 0 {
            // `第一一一号主席令` numbers an order digit by digit, as `二〇一` does with its
            // zero; two digits stay out (`第一二名` is first and second).
            return chars.iter().any(|&c| c == '〇' || c == '零')
                || (has_unit || kind == FigureKind::Ordinal) && num.digit_string >= 3;
        }
        // `上百万观众`, `数千万`: several of a scale, where `千万` alone may be an adverb
        // and `成千上万` an idiom.
        let idiom = num.start >= 2 && self.rules.scales.contains_key(&self.text[num.start - 2]);
        if kind == FigureKind::Number && num.unit_first && len >= 2 && several && !idiom {
            return true;
        }
        match kind {
            // `千三` = 1300 (a colloquial tail), but `千万` is also an adverb ("by all means").
            // A unit word that makes a number counts for it (`一打` = 12).
            FigureKind::Number if has_unit => true,
            FigureKind::Number => {
                len >= 2
                    && (!num.unit_first || chars.last().is_some_and(|&c| chinese_digit(c).is_some()))
                    && !chars.windows(2).all(|w| w[0] == w[1])
            }
            FigureKind::Quantity => !(len == 1 && matches!(chars[0], '一' | '壹')),
            _ => true,
        }
    }

    /// Whether the scale written alone at `start..end` stands before a unit of
    /// `lone_scale_units` (`千亩`, `万米`) and is not itself the start of a unit word
    /// (`千米` is the kilometre).
    fn before_lone_scale_unit(&self, start: usize, end: usize) -> bool {
        let rules = self.rules;
        rules
            .lone_scale_units
            .iter()
            .any(|w| written_at(self.text, end, w))
            && !matches!(
                rules.suffixes.longest_at(self.text, start),
                Some((_, Suffix::Unit(_)))
            )
            && self.tail(end).unit.is_some()
    }

    /// Digits right after a unit word at `k` (spaces before them allowed) that carry
    /// the number on as its decimals: the `六` of `七成六`, the `75` of `1米75`, the
    /// `01` of `11秒01`. One Chinese digit, or one or two Arabic digits, that no other
    /// digit, scale, unit word or qualifier follows. Returns them as a fraction (0.6,
    /// 0.75) and where they end.
    fn decimals_after(&self, k: usize) -> Option<(Decimal, usize)> {
        let text = self.text;
        let mut at = k;
        while text.get(at) == Some(&' ') && at < k + 3 {
            at += 1;
        }
        let first = *text.get(at)?;
        let (digits, places) = match chinese_digit(first) {
            // `十米一岗` is one post every ten metres: the digit starts a word.
            Some(_) if !self.ends_word(at) => return None,
            Some(d) => (d, 1),
            // Up to thousandths, as a race is timed (`1分55秒495`).
            None => {
                let mut digits = first.to_digit(10)?;
                let mut places = 1;
                while places < 3
                    && let Some(e) = text.get(at + places as usize).and_then(|c| c.to_digit(10))
                {
                    digits = digits * 10 + e;
                    places += 1;
                }
                (digits, places)
            }
        };
        let end = at + places as usize;
        let next = text.get(end).copied();
        // `1000米19日`: a distance, then a date.
        if next.is_some_and(|n| {
            chinese_digit(n).is_some()
                || n.is_ascii_alphanumeric()
                || is_date_char(n)
                || matches!(n, '.' | '時' | '分')
                || self.rules.scales.contains_key(&n)
        }) || self.rules.suffixes.longest_at(text, end).is_some_and(|(len, s)| {
            // `11秒49排名`, `2米40成绩`: after Arabic digits a unit word its guard turns
            // away is no unit; a Chinese numeral more often starts the next figure
            // (`七成六成都有可能`, where jieba reads `成都`).
            let turned_away = |u: usize| {
                first.is_ascii_digit()
                    && self
                        .rules
                        .units
                        .get(u)
                        .is_some_and(|u| u.guarded_before(text.get(end + len)))
            };
            !matches!(s, Suffix::Unit(u) if self.not_alone(u, end, len) || turned_away(u))
        })
        // A one-char word (`多`) may start the next word; `1米8左右` reads on.
        || self.rules.suffix_qualifiers.longest_at(text, end).is_some_and(|(len, _)| len < 2)
        {
            return None;
        }
        Some((Decimal::new(i64::from(digits), places), end))
    }

    /// The unit a word means here (`266亿度` is kWh, `气温35度` ℃): the first of the
    /// unit's switches whose condition holds.
    fn switch_unit(&self, start: usize, num: &Num, tail: Tail) -> Tail {
        let Some(Suffix::Unit(u)) = tail.unit else {
            return tail;
        };
        let Some(unit) = self.rules.units.get(u) else {
            return tail;
        };
        let text = self.text;
        let sentence_end = |c: &char| matches!(c, '。' | '!' | '！' | '?' | '？' | ';' | '；' | '\n');
        let has = |window: &[char], words: &[Vec<char>]| {
            words
                .iter()
                .any(|w| !w.is_empty() && window.windows(w.len()).any(|x| x == w.as_slice()))
        };
        for sw in &unit.switches {
            // The sentence part before the number, and a little after the unit.
            let from = start.saturating_sub(sw.within);
            let before = &text[from..start];
            let before = &before[before.iter().rposition(sentence_end).map_or(0, |p| p + 1)..];
            let to = (tail.end + 8).min(text.len());
            let after = &text[tail.end..to];
            let after = &after[..after.iter().position(sentence_end).unwrap_or(after.len())];
            let scaled = sw.after_scale
                && num
                    .end
                    .checked_sub(1)
                    .and_then(|k| numbers::big_scale_at(self.rules, text, k))
                    .is_some();
            let context = has(before, &sw.words_before) || has(after, &sw.words_after);
            let written = sw
                .numbers
                .iter()
                .any(|n| text.get(num.start..num.end) == Some(n.as_slice()));
            if (scaled || context || written) && !has(before, &sw.unless_near) && !has(after, &sw.unless_near)
            {
                return Tail {
                    unit: Some(Suffix::Unit(sw.to)),
                    ..tail
                };
            }
        }
        tail
    }

    /// Is `[start, end)` bounded by the text's ends, spaces, line breaks or sentence
    /// punctuation before it (not `、`, which lists ordinals) and a sentence end after?
    fn stands_alone(&self, start: usize, end: usize) -> bool {
        // After it only a sentence end: `一,` and `一:` head the items of a list.
        let last =
            |c: Option<char>| c.is_none_or(|c| matches!(c, ' ' | '\n' | '。' | '!' | '！' | '?' | '？'));
        self.opens_clause(start) && last(self.text.get(end).copied())
    }

    /// Does a lone `一` before a unit of time ending at `end` count one (`过去一年`,
    /// `一天后`; not `这一年`, `新的一年`)? See [`FigureRules::one_span`].
    fn one_span(&self, num: &Num, unit: Option<Suffix>, end: usize) -> bool {
        let o = &self.rules.one_span;
        let t = self.text;
        let Some(Suffix::Unit(u)) = unit else {
            return false;
        };
        if num.end != num.start + 1 || !matches!(t[num.start], '一' | '壹') {
            return false;
        }
        // `年复一年`, `年胜一年`, `一天一天`: the unit written just before is an idiom's
        // echo (`1997年一年的` is one year).
        let unit_char = t.get(end - 1);
        let at = |back: usize| num.start.checked_sub(back).and_then(|b| t.get(b));
        let echo = (at(1) == unit_char && at(2) == Some(&'一'))
            || (at(2) == unit_char && at(1).is_some_and(|&c| is_han(c) && chinese_digit(c).is_none()));
        let counts_after = !echo
            && num
                .start
                .checked_sub(1)
                .is_none_or(|b| !o.not_after.contains(&t[b]));
        // `三省一市`: one more after a count of a kindred unit, written on at once.
        let after_count = || {
            o.after_count.contains(&u)
                && self.out.last().is_some_and(|f| {
                    f.kind == FigureKind::Quantity
                        && f.span[1] == num.start
                        && o.after_count
                            .iter()
                            .any(|&k| self.rules.units.get(k).is_some_and(|x| x.id == f.rule) && k != u)
                })
        };
        // `五名记者和一名编辑`: one more of a tally, joined to a count in the same unit
        // a few chars back in its clause; not in a slogan that opens a quote
        // (`“四个革命、一个合作”`).
        let tallied = || {
            o.tally_words
                .longest_before(t, num.start)
                .is_some_and(|(len, ())| {
                    let joint = num.start - len;
                    self.out.last().is_some_and(|f| {
                        f.kind == FigureKind::Quantity
                            && f.span[0]
                                .checked_sub(1)
                                .is_none_or(|k| closing_quote(t[k]).is_none())
                            && self.rules.units.get(u).is_some_and(|x| x.id == f.rule)
                            && f.span[1] <= joint
                            && joint - f.span[1] <= o.tally_reach
                            && !t[f.span[1]..joint].iter().any(|&c| is_clause_mark(c))
                    })
                })
        };
        (o.counted.contains(&u) && counts_after)
            || after_count()
            || tallied()
            || (o.units.contains(&u)
                && (o.before.longest_before(t, num.start).is_some()
                    || (counts_after && o.after.longest_at(t, end).is_some())))
    }

    /// Is the numeral at `[start, end)` named as a number: in quotes of its own
    /// (`“一”和“五”`, not the stroke of `“一”字`), said to be it at a clause end
    /// (`收入为零。`, `不是四而是五`; `调整为一、二年级` lists on), or a rank
    /// (`排名前三的`)?
    fn named_alone(&self, start: usize, end: usize) -> bool {
        let before = start.checked_sub(1).and_then(|b| self.text.get(b)).copied();
        let after = self.text.get(end).copied();
        let clause_end = after.is_none_or(|c| is_clause_mark(c) || matches!(c, ' ' | ')' | '）'));
        match before {
            Some('“' | '「' | '『' | '"' | '‘') => {
                matches!(after, Some('”' | '」' | '』' | '"' | '’'))
                    && !self
                        .text
                        .get(end + 1)
                        .is_some_and(|c| matches!(c, '字' | '型' | '形'))
            }
            Some('是' | '为' | '為') => clause_end || matches!(after, Some('而' | '却' | '卻')),
            // `前` a word of its own: not `之前`, `提前`.
            Some('前') => {
                (clause_end || after == Some('的'))
                    && self
                        .tokens
                        .containing(start - 1)
                        .is_some_and(|t| t.start == start - 1 && t.end == start)
            }
            _ => false,
        }
    }

    /// `20 - 100个`, `2019 - 2020年`: between Arabic digits a range separator may stand
    /// between spaces. Its length with them, if one stands at `at`.
    fn spaced_separator(&self, at: usize) -> Option<usize> {
        let text = self.text;
        let (len, ()) = self.rules.separators.longest_at(text, at + 1)?;
        let digit = |p: Option<usize>| p.and_then(|p| text.get(p)).is_some_and(char::is_ascii_digit);
        (text.get(at) == Some(&' ')
            && text.get(at + 1 + len) == Some(&' ')
            && digit(at.checked_sub(1))
            && digit(Some(at + 2 + len)))
        .then_some(len + 2)
    }

    /// Does a clause begin at `at`: at the text's start, or after a space, a line break
    /// or clause punctuation (not `、`, which lists)?
    fn opens_clause(&self, at: usize) -> bool {
        at.checked_sub(1)
            .and_then(|b| self.text.get(b))
            .is_none_or(|&c| c == ' ' || is_clause_mark(c))
    }

    /// Money in a minor unit alone: `2角` = 0.2 CNY, `两毛五` = 0.25. A Chinese numeral
    /// needs `钱` or a next digit after the word (`五角大楼`, `三毛` are names).
    fn lone_minor(
        &mut self,
        start: usize,
        num: &Num,
        mut approx: Option<Approx>,
        negative: bool,
    ) -> Option<Figure> {
        if num.decimal || num.approx.is_some() {
            return None;
        }
        let text = self.text;
        let rules = self.rules;
        let at = num.end;
        // `6分多钱`: a word that ends in `钱` has its qualifier before the `钱`.
        let over_before_qian = |w: &[char]| {
            w.split_last().is_some_and(|(&last, stem)| {
                last == '钱'
                    && written_at(text, at, stem)
                    && matches!(text.get(at + stem.len()), Some('多' | '余'))
                    && text.get(at + w.len()) == Some(&'钱')
            })
        };
        let (index, c, len, factor) = rules.currencies.iter().enumerate().find_map(|(i, c)| {
            c.lone_minor.iter().find_map(|(w, f)| {
                if written_at(text, at, w) {
                    Some((i, c, w.len(), *f))
                } else {
                    over_before_qian(w).then(|| (i, c, w.len() - 1, *f))
                }
            })
        })?;
        if rules.suffixes.longest_at(text, at).is_some_and(|(l, _)| l > len) {
            return None;
        }
        let mut end = at + len;
        let mut value = num.value.checked_mul(factor)?;
        // `4毛9分钱`: smaller parts in Arabic digits may follow.
        if text.get(end).is_some_and(char::is_ascii_digit)
            && let Some((more, to)) = self.minor_part(index, end)
            && more < factor
        {
            value = value.checked_add(more)?;
            end = to;
        }
        let next = text.get(end).copied();
        let lone_digit = next.and_then(chinese_digit).filter(|_| {
            !text
                .get(end + 1)
                .is_some_and(|&n| chinese_digit(n).is_some() || rules.scales.contains_key(&n))
        });
        if let Some(d) = lone_digit {
            value = value.checked_add(Decimal::from(d).checked_mul(factor / Decimal::TEN)?)?;
            end += 1;
        } else if next == Some('钱') {
            end += 1;
        } else if matches!(next, Some('多' | '余')) && text.get(end + 1) == Some(&'钱') {
            // `5毛多钱`, `6分多钱`
            end += 2;
            approx = approx.or(Some(Approx::Over));
        } else if !num.arabic
            && len == 1
            && !(c
                .minor_final_after
                .iter()
                .any(|w| text.get(num.start..num.end) == Some(w.as_slice()))
                && next.is_none_or(is_clause_mark))
        {
            // One-char minor words after a Chinese numeral are often names (`三毛`);
            // longer ones (`美分`) are not; `两毛。` names no one.
            return None;
        }
        if next.is_some_and(|n| n.is_ascii_alphanumeric()) {
            return None;
        }
        // `长三角一体化`, `珠三角九市`: the numeral and the minor word are letters of a
        // place name.
        if !num.arabic && self.cuts_word(start, num.start, end) {
            return None;
        }
        if negative {
            value = -value;
        }
        let (code, id) = (c.code.clone(), c.id.clone());
        Some(self.figure(
            FigureKind::Money,
            start,
            end,
            FigureValue::Number(value),
            None,
            Some(code),
            approx,
            &id,
        ))
    }

    /// The second bound after a qualified number ending at `k` (`小于20` after `大于10`):
    /// an optional connector, a qualifier of the other side, a number with the same unit.
    fn other_bound(
        &self,
        k: usize,
        first: Approx,
        unit: Option<Suffix>,
    ) -> Option<(Decimal, usize, Option<Suffix>)> {
        let rules = self.rules;
        let text = self.text;
        let skip_spaces = |mut p: usize| {
            while text.get(p) == Some(&' ') && p < k + 8 {
                p += 1;
            }
            p
        };
        let mut p = skip_spaces(k);
        if let Some(w) = rules
            .comparison_connectors
            .iter()
            .find(|w| written_at(text, p, w))
        {
            p = skip_spaces(p + w.len());
        }
        let (len, Prefix::Qualifier(q)) = rules.prefixes.longest_at(text, p)? else {
            return None;
        };
        let want = if first == Approx::Over {
            Approx::Under
        } else {
            Approx::Over
        };
        if rules.qualifiers.get(q)?.approx != want {
            return None;
        }
        let second = number_at(rules, text, p + len).ok()?;
        if second.arabic && text.get(second.end).is_some_and(char::is_ascii_alphabetic) {
            return None;
        }
        let t = self.tail(second.end);
        if unit.is_some() && t.unit.is_some() && t.unit != unit {
            return None;
        }
        let (_, _, factor, _) = self.classify(None, None, t.unit);
        // A unit only on the second bound must not scale it (`大于3小于5万元`).
        if unit.is_none() && factor != Decimal::ONE {
            return None;
        }
        Some((second.value.checked_mul(factor)?, t.end, t.unit))
    }

    /// `2^-1` = 0.5, `-1.1^--23`: an Arabic number raised to a small integer power
    /// (signs before the exponent multiply), kind number; the sign before the base
    /// applies to the power (`-2^2` = -4).
    fn power(&mut self, start: usize, num: &Num, negative: bool) -> Option<Figure> {
        let text = self.text;
        if !num.arabic || num.chinese || num.scaled || text.get(num.end) != Some(&'^') {
            return None;
        }
        let mut k = num.end + 1;
        let mut inverse = false;
        while let Some(&c @ ('-' | '+' | '−')) = text.get(k) {
            inverse ^= c != '+';
            k += 1;
            if k > num.end + 4 {
                return None;
            }
        }
        let from = k;
        let mut exp = 0u32;
        while let Some(d) = text.get(k).and_then(|c| c.to_digit(10)) {
            exp = exp * 10 + d;
            k += 1;
            if k - from > 2 {
                return None;
            }
        }
        if k == from
            || exp > 28
            || text
                .get(k)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
        {
            return None;
        }
        let mut value = Decimal::ONE;
        for _ in 0..exp {
            value = value.checked_mul(num.value)?;
        }
        if inverse {
            value = Decimal::ONE.checked_div(value)?;
        }
        let value = if negative { -value } else { value };
        Some(self.figure(
            FigureKind::Number,
            start,
            k,
            FigureValue::Number(value),
            None,
            None,
            None,
            "power",
        ))
    }

    /// `1/2` = 50 and `-3/2` = -150 (percent, like `二分之一`); with a whole part before
    /// a space, `1 3/5` = 1.6 (kind number). Only small plain integers make one, and
    /// nothing date- or code-like may follow (`1/2/2020`, `3/4 10:00`, `1/2日`, `1/2GB`).
    fn slash_fraction(
        &mut self,
        start: usize,
        num: &Num,
        approx: Option<Approx>,
        negative: bool,
    ) -> Option<Step> {
        let text = self.text;
        let plain = |n: &Num| {
            n.arabic && !n.chinese && !n.scaled && !n.leading_zero && (1..=3).contains(&n.int_digits)
        };
        if !plain(num) || num.approx.is_some() {
            return None;
        }
        let read = |at: usize| {
            number_at(self.rules, text, at)
                .ok()
                .filter(|n| n.start == at && plain(n))
        };
        let (whole, numer) = match text.get(num.end) {
            Some('/') => (None, num.clone()),
            Some(' ') if text.get(num.end + 1).is_some_and(char::is_ascii_digit) => {
                let numer = read(num.end + 1)?;
                (Some(num.value), numer)
            }
            _ => return None,
        };
        if text.get(numer.end) != Some(&'/') {
            return None;
        }
        let denom = read(numer.end + 1)?;
        let after = text.get(denom.end).copied();
        let after2 = text.get(denom.end + 1).copied();
        let date_like = match after {
            Some(c) if c.is_ascii_alphanumeric() || is_date_char(c) => true,
            Some('/' | '-' | ':' | '.' | ' ') => after2.is_some_and(|c| c.is_ascii_digit()),
            _ => false,
        } || num
            .start
            .checked_sub(1)
            .and_then(|k| text.get(k))
            .is_some_and(|&c| matches!(c, '年' | '/'));
        if date_like || denom.value.is_zero() {
            return None;
        }
        if self
            .rules
            .fraction_not_before
            .iter()
            .any(|w| written_at(text, denom.end, w))
        {
            return Some(Step::Skip(denom.end));
        }
        let part = numer.value.checked_div(denom.value)?;
        let (kind, value, unit, rule) = match whole {
            None => (
                FigureKind::Percent,
                round4(part.checked_mul(Decimal::ONE_HUNDRED)?),
                Some("%".to_owned()),
                "fraction",
            ),
            Some(w) => (
                FigureKind::Number,
                round_dp(w.checked_add(part)?, 6),
                None,
                "mixed-fraction",
            ),
        };
        let value = if negative { -value } else { value };
        let mut end = denom.end;
        let mut approx = approx;
        if let Some((len, q)) = self.rules.suffix_qualifiers.longest_at(text, end)
            && len >= 2
        {
            approx = approx.or(self.rules.qualifiers.get(q).map(|q| q.approx));
            end += len;
        }
        Some(Step::Found(self.figure(
            kind,
            start,
            end,
            FigureValue::Number(value),
            None,
            unit,
            approx,
            rule,
        )))
    }

    /// `三百五十又三分之一` = 350.333333: a whole number and a fraction, kind `number`.
    fn mixed_fraction(&mut self, start: usize, whole: &Num, negative: bool) -> Option<Step> {
        let text = self.text;
        let skip_spaces = |mut k: usize| {
            while text.get(k) == Some(&' ') && k < whole.end + 16 {
                k += 1;
            }
            k
        };
        let k = skip_spaces(whole.end);
        if text.get(k) != Some(&'又') {
            return None;
        }
        let denom = number_at(self.rules, text, skip_spaces(k + 1)).ok()?;
        let after = self.spaced_word(denom.end, "分之")?;
        let numer = number_at(self.rules, text, skip_spaces(after)).ok()?;
        if denom.value.is_zero() || denom.decimal || numer.decimal {
            return None;
        }
        let part = numer.value.checked_div(denom.value)?;
        // Six places on a plain number keep the precision four places give a percent
        // (`三分之一` = 33.3333%, `一又三分之一` = 1.333333).
        let mut value = round_dp(whole.value.checked_add(part)?, 6);
        if negative {
            value = -value;
        }
        let f = self.figure(
            FigureKind::Number,
            start,
            numer.end,
            FigureValue::Number(value),
            None,
            None,
            None,
            "mixed-fraction",
        );
        Some(Step::Found(f))
    }

    /// `五分之一` = 20 (percent), `百分之五点二` = 5.2.
    fn fraction(
        &mut self,
        start: usize,
        denom: &Num,
        k: usize,
        approx: Option<Approx>,
        negative: bool,
    ) -> Step {
        let mut k = k;
        while self.text.get(k) == Some(&' ') {
            k += 1;
        }
        // `负3分之负一百五十七`: the numerator may carry its own sign.
        let mut negative = negative;
        if self.text.get(k).is_some_and(|&c| matches!(c, '负' | '負'))
            && self
                .text
                .get(k + 1)
                .is_some_and(|&c| c.is_ascii_digit() || chinese_digit(c).is_some())
        {
            negative = !negative;
            k += 1;
        }
        // `百分之七八十` = 70..80%: a loose range as the numerator.
        let (numer, numer_upper) = match number_at(self.rules, self.text, k) {
            Ok(numer) => (numer, None),
            Err(_) => match self.loose_pair(k) {
                Some((numer, upper)) => (numer, Some(upper)),
                None => return Step::Skip(k),
            },
        };
        if denom.value.is_zero()
            || self
                .rules
                .fraction_not_before
                .iter()
                .any(|w| written_at(self.text, numer.end, w))
        {
            return Step::Skip(numer.end);
        }
        let Some(v) = numer
            .value
            .checked_div(denom.value)
            .and_then(|v| v.checked_mul(Decimal::ONE_HUNDRED))
        else {
            return Step::Skip(numer.end);
        };
        let mut v = quotient_value(v);
        let upper = numer_upper
            .and_then(|u| u.checked_div(denom.value))
            .and_then(|u| u.checked_mul(Decimal::ONE_HUNDRED))
            .map(quotient_value)
            .filter(|_| !negative);
        if negative {
            v = -v;
        }
        let rule = if denom.value == Decimal::ONE_HUNDRED {
            "percent-of"
        } else if denom.value == Decimal::ONE_THOUSAND {
            "permille-of"
        } else {
            "fraction"
        };
        let mut end = numer.end;
        let mut approx = approx;
        if let Some((len, q)) = self.rules.suffix_qualifiers.longest_at(self.text, end)
            && len >= 2
        {
            approx = approx.or(self.rules.qualifiers.get(q).map(|q| q.approx));
            end += len;
        }
        let f = self.figure(
            FigureKind::Percent,
            start,
            end,
            FigureValue::Number(v),
            upper,
            Some("%".to_owned()),
            approx,
            rule,
        );
        Step::Found(f)
    }
}

/// `figure `{text}` at {s}..{e}: no publication date, the date is kept as {value}`,
/// put together by hand: most articles without a date give a few of these, and
/// `format!` cost five times as much as the pieces.
fn undated_warning(text: &str, span: [usize; 2], value: &str) -> String {
    const KEPT: &str = ": no publication date, the date is kept as ";
    let mut w = String::with_capacity(text.len() + value.len() + KEPT.len() + 32);
    w.push_str("figure `");
    w.push_str(text);
    w.push_str("` at ");
    push_decimal(&mut w, span[0]);
    w.push_str("..");
    push_decimal(&mut w, span[1]);
    w.push_str(KEPT);
    w.push_str(value);
    w
}

/// Appends `n` in decimal.
fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    out.push_str(crate::record::decimal(n as u64, &mut digits));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn run(text: &str, published: Option<&str>) -> Vec<Figure> {
        let rules = Rules::bundled().unwrap();
        let words = Tokens::new(None, text);
        let ctx = Context {
            text,
            tokens: &words,
            reference_date: published,
            dateline_place: None,
            headlines: &[],
        };
        let mut w = Vec::new();
        extract(&rules.figures, &ctx, &mut w)
    }

    #[test]
    fn money_with_scale() {
        let f = run("全年进出口总额达45.47万亿元,同比增长3.8%。", Some("2026-01-22"));
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].text, "45.47万亿元");
        assert_eq!(
            f[0].value,
            FigureValue::Number(Decimal::from(45_470_000_000_000i64))
        );
        assert_eq!(f[1].unit.as_deref(), Some("%"));
    }

    #[test]
    fn every_chinese_digit_may_start_a_figure() {
        let rules = Rules::bundled().unwrap();
        for c in ('\u{2000}'..='\u{9FFF}').chain('0'..='9') {
            if chinese_digit(c).is_some() || numbers::roman_numeral(c).is_some() || c.is_ascii_digit() {
                assert!(rules.figures.may_start(c), "{c} is missing from NUMBER_CHARS");
            }
        }
    }

    #[test]
    fn tokens_veto_figures_inside_words() {
        let rules = Rules::bundled().unwrap();
        let seg = crate::segment::Segmenter::new(&rules.dict);
        for (text, bad) in [("据《光明日报》报道", "明日"), ("他来到七台河市", "七台")] {
            let tokens = seg.tokens(text);
            let ctx = Context {
                text,
                tokens: &tokens,
                reference_date: Some("2026-01-22"),
                dateline_place: None,
                headlines: &[],
            };
            let f = extract(&rules.figures, &ctx, &mut Vec::new());
            assert!(!f.iter().any(|f| f.text == bad), "{text}: {f:?}");
        }
        let text = "明日将有大雨,首超七成";
        let tokens = seg.tokens(text);
        let ctx = Context {
            text,
            tokens: &tokens,
            reference_date: Some("2026-01-22"),
            dateline_place: None,
            headlines: &[],
        };
        let f = extract(&rules.figures, &ctx, &mut Vec::new());
        let texts: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["明日", "超七成"], "{f:?}");
    }

    #[test]
    fn not_figures() {
        for t in [
            "5G网络",
            "3D打印机",
            "G20峰会",
            "RCEP市场",
            "COVID-19",
            "统一大市场",
            "十四五规划",
        ] {
            let f = run(t, None);
            assert!(f.is_empty(), "{t}: {f:?}");
        }
    }
}
