//! Dates in news form: `2025年`, `二〇二五年`, `2026年1月21日`, `1月21日`, `21日`,
//! `4月份`, periods `1—2月` and `2021—2025年`, `一季度`, `前三季度`, `上半年`, and
//! relative words from the rules (`去年`, `上月`, `昨天`) with what may follow them
//! (`去年7月`, `去年底`, `今年前8个月`), weeks (`上周` → `2026-W03`, `上周四`), decades
//! and centuries (`上世纪90年代` → `1990/1999`). Values are ISO strings of the precision
//! the text gives; see the parent module for how years are resolved.

use super::lists::whole;
use super::numbers::{Num, chinese_digit, number_at};
use super::{
    Scanner, Step, ascii_digits_at, closing_quote, is_clause_mark, is_closing_quote, written_at,
    written_before,
};
use crate::normalize::is_han;
use crate::record::{Approx, Figure, FigureKind, FigureValue};
use crate::rules::figures::{DateUnit, EraContrast, RelativeDate, Standalone, Suffix};
use rust_decimal::Decimal;

/// Whether `start..end` holds Arabic digits only (`18点`, not `18.5点` or `十点`,
/// whose bare `N点` stays a count or index points without a part of the day).
fn whole_digits(t: &[char], start: usize, end: usize) -> bool {
    end > start
        && t.get(start..end)
            .is_some_and(|ds| ds.iter().all(char::is_ascii_digit))
}

/// Words for a part of the day and how a time after them shifts (0 morning, 1 noon,
/// 2 afternoon, 3 night, 4 evening), longest first where one starts another.
const PARTS_OF_DAY: &[(&str, u8)] = &[
    ("凌晨", 0),
    ("清晨", 0),
    ("早晨", 0),
    ("早上", 0),
    ("上午", 0),
    ("早间", 0),
    ("中午", 1),
    ("午间", 1),
    ("下午", 2),
    ("傍晚", 2),
    ("晚上", 4),
    ("夜间", 3),
    ("深夜", 3),
    ("半夜", 3),
    ("午夜", 3),
    ("晚间", 4),
    ("今晚", 4),
    ("昨晚", 4),
    ("明晚", 4),
    ("当晚", 4),
    ("今晨", 0),
    ("今早", 0),
    ("夜里", 3),
    // One char last, so that `今晚` and `晚上` are read whole first.
    ("晚", 4),
    ("早", 0),
];

/// How many chars after a date [`Scanner::said_past`] looks for its `past_after` word
/// (`11月1日正式运行以来`): a few words of one clause.
const PAST_AFTER_REACH: usize = 8;
/// How far after a year an event's name may run to its `event_words` word
/// (`2023年世界互联网大会`).
const EVENT_NAME_REACH: usize = 12;
/// How far in its clause a `past_after` word may close a date opened by a
/// `since_before` word (`自11月1日顺利进驻空间站组合体以来`).
const SINCE_REACH: usize = 40;

/// Characters after `N时` that make it a word, not an hour (`时期`, `时代`, `时间`).
const NOT_TIME_AFTER_SHI: &str = "期代间候刻段空尚装事光髦政令节效速差机局态值针区";

/// An hour written in a part of the day (see `part_of_day`) as an hour of 24: `下午3时`
/// is 15, `中午12时` stays 12, `中午1时` is 13, `晚上12点` 24. Never past 23 for an hour
/// of at most 23, and 24 stays 24.
fn in_part_of_day(hour: u32, part: Option<u8>) -> u32 {
    match part {
        Some(1) if hour < 11 => hour + 12,
        Some(2 | 4) if hour < 12 => hour + 12,
        // `晚上十二点` is the midnight that ends the evening, ISO's `24:00` of its day
        // (`下午5时至午夜12时` runs forward); `下午12点` is still noon.
        Some(4) if hour == 12 => 24,
        // The night runs past midnight: `深夜11点` is 23, `深夜3时` 3, `午夜12时` 24.
        Some(3) if (6..12).contains(&hour) => hour + 12,
        Some(3) if hour == 12 => 24,
        _ => hour,
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd {
    /// Year.
    pub y: i32,
    /// Month 1..=12.
    pub m: u32,
    /// Day 1..=31.
    pub d: u32,
}

/// `23点`, `4时` at `k`: one or two ASCII digits, an hour of the day, then the hour's
/// word, as a time written straight after a day (`12号23点`).
fn hour_at(t: &[char], k: usize) -> bool {
    let digits = ascii_digits_at(t, k);
    (1..=2).contains(&digits)
        && t[k..k + digits]
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0, |h, d| h * 10 + d)
            <= 24
        && matches!(t.get(k + digits), Some('点' | '时'))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Whether `v` is a month or a day as written in a value (`2026-05`, `XXXX-05-11`).
fn is_month_or_day(v: &str) -> bool {
    let b = v.as_bytes();
    matches!(b.len(), 7 | 10)
        && b[4] == b'-'
        && b[7..].first().is_none_or(|&c| c == b'-')
        && b.iter()
            .enumerate()
            .all(|(i, &c)| matches!(i, 4 | 7) || c.is_ascii_digit() || c == b'X')
}

/// A whole day, `2026-01-21` or `XXXX-01-21`: no time, no period.
fn is_full_day(v: &str) -> bool {
    v.len() == 10
        && v.as_bytes()[4] == b'-'
        && v.as_bytes()[7] == b'-'
        && v[8..].bytes().all(|b| b.is_ascii_digit())
}

fn add_months(y: i32, m: u32, offset: i64) -> (i32, u32) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + offset;
    let y = total.div_euclid(12);
    let m = total.rem_euclid(12) + 1;
    (i32::try_from(y).unwrap_or(0), u32::try_from(m).unwrap_or(1))
}

impl Ymd {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut parts = s.trim().splitn(3, '-');
        let y = parts.next()?.parse().ok()?;
        let m = parts.next()?.parse().ok()?;
        let d = parts.next()?.get(..2)?.parse().ok()?;
        ((1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some(Ymd { y, m, d })
    }

    /// Days from `earlier` to this day.
    pub(super) fn days_since(self, earlier: Ymd) -> i64 {
        day_number(self.y, self.m, self.d) - day_number(earlier.y, earlier.m, earlier.d)
    }

    /// The day `days` days after this one (before, when negative), however far.
    pub(super) fn add_days(self, days: i64) -> Ymd {
        // Howard Hinnant's `civil_from_days`, the inverse of `day_number`.
        let z = day_number(self.y, self.m, self.d) + days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Ymd {
            y: i32::try_from(y).unwrap_or(self.y),
            m: u32::try_from(m).unwrap_or(self.m),
            d: u32::try_from(d).unwrap_or(self.d),
        }
    }

    /// `YYYY-MM-DD`.
    pub(super) fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    /// ISO weekday, 1 = Monday … 7 = Sunday (Sakamoto's method).
    fn weekday(self) -> u32 {
        const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.m < 3 { self.y - 1 } else { self.y };
        let m = usize::try_from(self.m).unwrap_or(1).clamp(1, 12);
        let d = i32::try_from(self.d).unwrap_or(1);
        let w = (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400) + T[m - 1] + d).rem_euclid(7);
        if w == 0 { 7 } else { w as u32 }
    }

    /// ISO week-numbering year and week (the week's Thursday decides the year).
    fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let ordinal = (1..thursday.m).map(|m| days_in_month(thursday.y, m)).sum::<u32>() + thursday.d;
        (thursday.y, (ordinal - 1) / 7 + 1)
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn day_number(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The year, of the one before, the same and the one after `p`'s, whose `m`-`d` lies
/// nearest `p` (the earlier on a tie): `元旦` in a paper of 28 December is the coming one.
fn nearest_year(p: Ymd, m: u32, d: u32) -> i32 {
    let days = (p.y - 1..=p.y + 1)
        .filter(|&y| d <= days_in_month(y, m))
        .map(|y| Ymd { y, m, d });
    nearest_day(p, days).map_or(p.y, |day| day.y)
}

/// Of `days`, the one nearest `p` (the earlier on a tie).
fn nearest_day(p: Ymd, days: impl Iterator<Item = Ymd>) -> Option<Ymd> {
    let today = day_number(p.y, p.m, p.d);
    days.min_by_key(|day| {
        let away = day_number(day.y, day.m, day.d) - today;
        (away.abs(), away > 0)
    })
}

/// A year the text or the publication date fixes, or `None` when unknown.
type Year = Option<i32>;

fn year_str(y: Year) -> String {
    y.map_or_else(|| "XXXX".to_owned(), |y| format!("{y:04}"))
}

fn month_str(y: Year, m: u32) -> String {
    format!("{}-{m:02}", year_str(y))
}

impl Scanner<'_, '_> {
    /// The publication year, if known.
    pub(super) fn pub_year(&self) -> Year {
        self.published.map(|p| p.y)
    }

    /// `2025文化强国建设高峰论坛`, `2012北京国际车展`: a bare four-digit number in
    /// `year_before_name` right before a Han character names the year of an event;
    /// `“剑网2014”`, `“东方-2018”`, `《启航2021——…》`, `《…报告(2021)》`: one that
    /// ends a name in quotes or a title does too (rule `year-after-name`). Called only
    /// for a number that got no unit, scale or qualifier.
    pub(super) fn year_before_name(&mut self, num: &Num) -> Option<Figure> {
        let y = self.name_year(num)?;
        let t = self.text;
        let next = *t.get(num.end)?;
        // `1955次列车`: an identifier suffix that starts with a unit word numbers a
        // thing, and so does a one-char one (`2004式`, a model); `2025计划` stays the
        // year of a plan's name.
        if let Some((len, ())) = self.rules.identifier_suffixes.longest_at(t, num.end)
            && (len == 1
                || matches!(
                    self.rules.suffixes.longest_at(t, num.end),
                    Some((_, Suffix::Unit(_)))
                ))
        {
            return None;
        }
        // `2088号` is a number sign. `“2014·书香中国”`, `2017《财富》全球论坛`,
        // `2018“书春日”`: a dot, a title or a quote may open between the year and the name.
        let named = (is_han(next) && next != '号')
            || (matches!(next, '·' | '《' | '“' | '"') && t.get(num.end + 1).is_some_and(|&c| is_han(c)));
        if named {
            // `2024春节假期`: the year's holiday, as after `2024年`.
            if let Some(f) = self.holiday_of_year(num.start, i32::try_from(y).ok(), num.end, None) {
                return Some(f);
            }
            return Some(self.date(num.start, num.end, y.to_string(), "year-before-name"));
        }
        (self.rules.year_after_name && self.year_ends_name(num))
            .then(|| self.date(num.start, num.end, y.to_string(), "year-after-name"))
    }

    /// `2013-2014赛季`, `《中国极简史:1949-2019的年度故事》`: a bare range of two
    /// four-digit years in `year_before_name`, at most a century apart, is the period
    /// between them (rule `date-period`); `2000-2500` (500 apart) stays a range.
    pub(super) fn bare_year_period(&mut self, num: &Num, upper: Decimal, end: usize) -> Option<Figure> {
        let from = self.name_year(num)?;
        let to = u32::try_from(upper.normalize().mantissa())
            .ok()
            .filter(|_| upper.fract().is_zero())?;
        let years = self.rules.year_before_name.as_ref()?;
        let four_digits = end >= 4 && self.text[end - 4..end].iter().all(char::is_ascii_digit);
        if !(four_digits && years.contains(&to) && from < to && to - from <= 100) {
            return None;
        }
        Some(self.date(num.start, end, format!("{from}/{to}"), "date-period"))
    }

    /// `每月的8日前`, `每月15日至20日`: a day without its month (or a range of them)
    /// after a `recurring_day_after` word is a day of every month, no date.
    pub(super) fn recurring_day(&self, f: &Figure) -> bool {
        f.kind == FigureKind::Date
            && writes_day_alone(f)
            && self
                .rules
                .recurring_day_after
                .iter()
                .any(|w| written_before(self.text, f.span[0], w))
    }

    /// `“和平使命-2014”`: the year after a name's dash was read as a number below zero;
    /// it is the name's year (rule `year-after-name`).
    pub(super) fn dashed_year(&mut self, f: Figure) -> Figure {
        let [start, end] = f.span;
        if f.kind != FigureKind::Number || !f.text.starts_with(['-', '−']) {
            return f;
        }
        match number_at(self.rules, self.text, start + 1) {
            Ok(num) if self.rules.year_after_name && num.end == end && self.year_ends_name(&num) => {
                let y = num.value.to_string();
                self.date(start + 1, end, y, "year-after-name")
            }
            _ => f,
        }
    }

    /// The year of a bare four-digit number in `year_before_name`, which may name one.
    fn name_year(&self, num: &Num) -> Option<u32> {
        let years = self.rules.year_before_name.as_ref()?;
        let y = num.small_int()?;
        let four_digits =
            num.arabic && num.int_digits == 4 && !num.leading_zero && num.value == Decimal::from(y);
        (four_digits && years.contains(&y)).then_some(y)
    }

    /// Whether the bare year `num` closes a name: after a Han char (or a dash after one) and
    /// before the closing quote or title mark, or a title's `——` (`“利刃2012”`,
    /// `“西方-2017”`, `《启航2021——跨年盛典》`); or alone in brackets that close a title
    /// (`《中欧班列发展报告(2021)》`).
    pub(super) fn year_ends_name(&self, num: &Num) -> bool {
        if self.name_year(num).is_none() {
            return false;
        }
        let t = self.text;
        let at = |k: Option<usize>| k.and_then(|k| t.get(k)).copied();
        let (before, next) = (at(num.start.checked_sub(1)), at(Some(num.end)));
        let closes = |c: Option<char>| matches!(c, Some('”' | '"' | '》' | '」' | '』'));
        if before == Some('(') && next == Some(')') {
            return closes(at(Some(num.end + 1)));
        }
        let after_name = match before {
            Some('-' | '—' | '－' | '·') => at(num.start.checked_sub(2)).is_some_and(is_han),
            Some(c) => is_han(c) && !self.numeral_at(num.start - 1),
            None => false,
        };
        after_name && (closes(next) || (next == Some('—') && at(Some(num.end + 1)) == Some('—')))
    }

    /// `“7·21”特大自然灾害`, `“9·11”事件`, `“3-15”晚会`: a month and a day joined by a
    /// dot or a dash and set in quotes name an event by its date; so do a month and a
    /// day joined by a middle dot alone (`5·12汶川特大地震`), which no decimal with no
    /// unit is written with. The text does not fix the year, so neither does the
    /// figure (`XXXX-07-21`).
    pub(super) fn month_day_event(&mut self, start: usize, end: usize) -> Option<Figure> {
        let t = self.text;
        let quoted = start
            .checked_sub(1)
            .and_then(|k| closing_quote(t[k]))
            .is_some_and(|close| t.get(end) == Some(&close));
        let inner = t.get(start..end)?;
        let sep = inner.iter().position(|c| !c.is_ascii_digit())?;
        let (m, d) = (&inner[..sep], inner.get(sep + 1..)?);
        let short = |ds: &[char]| (1..=2).contains(&ds.len()) && ds.iter().all(char::is_ascii_digit);
        let middle_dot = matches!(inner[sep], '·' | '•' | '・');
        // A dot also writes decimals (`“2.5”产业`): after one the day takes two digits.
        let dot = inner[sep] == '.';
        let joined = middle_dot || (quoted && matches!(inner[sep], '.' | '-' | '—' | '－'));
        if !joined || !short(m) || !short(d) || (dot && d.len() != 2) {
            return None;
        }
        let value = |ds: &[char]| {
            ds.iter()
                .filter_map(|c| c.to_digit(10))
                .fold(0, |n, x| n * 10 + x)
        };
        let (m, d) = (value(m), value(d));
        // A leap year, so that `2·29` passes.
        if !(1..=12).contains(&m) || !(1..=days_in_month(2000, m)).contains(&d) {
            return None;
        }
        // `2022年3·15晚会`, `今年“6·26”国际禁毒日`: a year right before fixes it.
        let opens = if quoted { start - 1 } else { start };
        let year = self
            .out
            .last()
            .filter(|f| f.kind == FigureKind::Date && f.span[1] == opens)
            .and_then(|f| match &f.value {
                FigureValue::Text(v) if v.len() == 4 => numeric_year(v),
                _ => None,
            })
            .filter(|&y| d <= days_in_month(y, m));
        Some(self.date(
            start,
            end,
            format!("{}-{m:02}-{d:02}", year_str(year)),
            "date-event",
        ))
    }

    /// The year and month of a day written without its month (`21日`): the
    /// publication month, or the month before when the day lies past the publication
    /// day, fits that month, and nothing puts it ahead: a `future_before` word earlier
    /// in its clause (`将于25日举行`) or a `future_after` word right after it (`25日起`).
    /// A month without the day gives way to its neighbour (`将于31日` in June is July 31).
    /// After a month and day in its sentence a day from that one on is in its month
    /// (`11月12日下午抵达,出席12日至14日的会议`, `3月5日抵达,8日离开`, `12月28日、29日`).
    /// `last` is the period's last day (`d` for one day).
    fn month_of_day(&self, start: usize, end: usize, d: u32, last: u32) -> (Year, Option<u32>) {
        if let Some((y, m, d1)) = self.month_day_in_sentence(start)
            && d >= d1
            && d <= days_in_month(y.unwrap_or(2000), m)
        {
            return (y, Some(m));
        }
        let Some(p) = self.published else {
            return (None, None);
        };
        let (this, next) = ((p.y, p.m), add_months(p.y, p.m, 1));
        // A period that runs up to today (`预计19—22日` in a paper of the 22nd) is this
        // month's.
        let order = if last < p.d && self.ahead_past_day(start, end) {
            [next, this]
        } else if d <= p.d || self.said_ahead(start, end) {
            [this, next]
        } else {
            [add_months(p.y, p.m, -1), this]
        };
        // `31日` in a June paper is never June 31: the other month that has the day.
        let (y, m) = order
            .into_iter()
            .find(|&(y, m)| d <= days_in_month(y, m))
            .unwrap_or(this);
        (Some(y), Some(m))
    }

    /// The year (if known), month and day of the last date before `start` in its
    /// sentence that writes a month and a day (`11月12日`, `2014年3月5日下午`).
    fn month_day_in_sentence(&self, start: usize) -> Option<(Year, u32, u32)> {
        let from = self.sentence_start(start)?;
        let f = self
            .out
            .iter()
            .rev()
            .take_while(|f| f.span[0] >= from)
            .find(|f| f.kind == FigureKind::Date && f.span[1] <= start && f.text.contains('月'))?;
        let FigureValue::Text(v) = &f.value else {
            return None;
        };
        // `2015-11-12`, `XXXX-11-12`, `2015-11-12T15:00`; of a period of days
        // (`9月4日至5日`, `2015-09-04/2015-09-05`), its first day.
        let v = match v.split_once('/') {
            Some((first, last)) if is_full_day(first) && is_full_day(last) => first,
            Some(_) => return None,
            None => v.as_str(),
        };
        if v.get(4..5) != Some("-") || v.get(7..8) != Some("-") {
            return None;
        }
        Some((
            numeric_year(v),
            v.get(5..7)?.parse().ok()?,
            v.get(8..10)?.parse().ok()?,
        ))
    }

    /// Whether a word puts the day written at `start..end` ahead of the publication
    /// date (see [`Scanner::month_of_day`]).
    /// Neither word may run on into a longer one of jieba's: `16号前往` (`前往`, to go),
    /// `25日起火` and `世界粮食计划署` (an agency) say nothing of time. jieba may glue
    /// one to what stands before it (`卢拉将/于`), which does no harm.
    fn said_ahead(&self, start: usize, end: usize) -> bool {
        let (rules, t) = (self.rules, self.text);
        let ends_word = |k: usize, w: &[char]| {
            self.tokens
                .word_containing(k + w.len() - 1)
                .is_none_or(|x| x.end == k + w.len())
        };
        // `17日起到20日`: jieba reads `起到` as one word, but a range goes on after `起`.
        if rules.future_after.iter().any(|w| {
            written_at(t, end, w) && (ends_word(end, w) || self.separator_at(end + w.len()).is_some())
        }) {
            return true;
        }
        (self.clause_start(start, 20)..start).any(|k| {
            rules
                .future_before
                .iter()
                .any(|w| written_at(t, k, w) && ends_word(k, w) && self.says_will(k, w))
        }) || self.opens_future_clause(end)
    }

    /// Whether the future word `w` at `k` says "will": a one-char word (`将`) does so
    /// before a verb, an adverb or a preposition, and is `把` before a noun
    /// (`同意将人道主义停火从5月1日起延长`, `将这些秘密曝光给媒体的斯诺登9号`).
    fn says_will(&self, k: usize, w: &[char]) -> bool {
        w.len() > 1
            || self
                .tokens
                .starting_at(k + 1)
                .is_some_and(|x| x.tag.starts_with('v') || matches!(x.tag, "p" | "d"))
    }

    /// Whether a `next_month_before` word stands earlier in the clause of the day at
    /// `start..end`, as words of jieba's own (`将于7日起`; not `少将8号`, `原定/于`),
    /// and the day is not when something was said: a `said_after` word right after it
    /// counts only with the future word close before (`将于9日公布`, but a headline run
    /// into `…将…美国政府7号宣布`).
    fn ahead_past_day(&self, start: usize, end: usize) -> bool {
        const CLOSE: usize = 6;
        let (rules, t) = (self.rules, self.text);
        // Asked only of a future word far back, which few days have.
        let said = || {
            let after = self.past_part_of_day(end);
            rules.said_after.iter().any(|w| written_at(t, after, w))
        };
        (self.clause_start(start, 20)..start).any(|k| {
            rules.next_month_before.iter().any(|w| {
                written_at(t, k, w)
                    && (k + w.len() + CLOSE >= start || !said())
                    && self.tokens.starts_at(k)
                    && self.tokens.ends_at(k + w.len())
                    && self.says_will(k, w)
            })
        })
    }

    /// `22日上午,大会将举行`, `27日,中韩双方将…`: a day (perhaps with its part) that
    /// stands alone before a comma, and after it a subject of nouns and then a
    /// `future_before` word, is the day something will happen. A verb in between says
    /// when something was said (`22日表示,伊朗希望将…`). Right after the day `将` is
    /// "will" only before a verb (`28号将放假`); before a noun it is `把`
    /// (`世卫组织26日将最新报告的…列为`).
    fn opens_future_clause(&self, end: usize) -> bool {
        const SUBJECT_REACH: usize = 12;
        let t = self.text;
        let comma = self.past_part_of_day(end);
        if t.get(comma) == Some(&'将') {
            return self.will_right_after(end);
        }
        if !matches!(t.get(comma), Some(',' | '，')) {
            return false;
        }
        let from = comma + 1;
        let Some(at) = (from + 1..(from + SUBJECT_REACH).min(t.len())).find(|&k| {
            self.rules
                .future_before
                .iter()
                .any(|w| written_at(t, k, w) && self.tokens.starts_at(k))
        }) else {
            return false;
        };
        // Tokens are asked last, for the few days that get this far.
        self.tokens.starts_at(from)
            && self.tokens.ends_at(at)
            && self.tokens.within(from, at).all(|w| {
                w.tag.starts_with(['n', 'r', 'j', 't']) || matches!(w.tag, "d" | "c" | "f" | "m" | "q")
            })
    }

    /// `28号将放假`, `14日将在莫斯科揭幕`: `将` right after the day ending at `end` (and
    /// its part), before a verb or a preposition, is "will".
    fn will_right_after(&self, end: usize) -> bool {
        let at = self.past_part_of_day(end);
        self.text.get(at) == Some(&'将')
            && self.tokens.starting_at(at).is_some_and(|w| w.end == at + 1)
            && self
                .tokens
                .starting_at(at + 1)
                .is_some_and(|w| w.tag.starts_with('v') || w.tag == "p")
    }

    /// `1月21日上午10时`, `今晚八点`, `今晚的八点十分`: a time of day right after a day
    /// (nothing between but a space, `的` or the clock's zone, `北京时间`) is one figure
    /// with it, `2026-01-21T10:00`, as ISO 8601 writes a moment; a range of hours keeps
    /// the day at both ends. The day's figure is taken off `out`.
    pub(super) fn with_day_before(&mut self, time: Figure) -> Figure {
        let FigureValue::Text(t) = &time.value else {
            return time;
        };
        if !t.starts_with('T') {
            return time;
        }
        let Some(day) = self.out.last() else {
            return time;
        };
        let FigureValue::Text(d) = &day.value else {
            return time;
        };
        let full_day = day.kind == FigureKind::Date && is_full_day(d);
        let between = self.text.get(day.span[1]..time.span[0]).unwrap_or_default();
        let joins = match between {
            [] | [' ' | '的'] => true,
            // `3月26日北京时间下午3点`: the clock the time is read on.
            _ => ["北京时间", "当地时间"]
                .iter()
                .any(|w| between.iter().copied().eq(w.chars())),
        };
        if !full_day || !joins {
            return time;
        }
        let value = t
            .split('/')
            .map(|part| format!("{d}{part}"))
            .collect::<Vec<_>>()
            .join("/");
        let (start, approx) = (day.span[0], time.approx.or(day.approx));
        self.out.pop();
        let mut f = self.date(start, time.span[1], value, "date-time");
        f.approx = approx;
        f
    }

    /// `今天(9月6日)`, `昨天(7月23日)`: a month and day in brackets right after a
    /// relative day word name that same day, so their year is the one nearest it
    /// (`明天(1月1日)` on December 31 is next year's), not what a month alone is given.
    pub(super) fn dated_by_relative_day(&self, mut day: Figure) -> Figure {
        let t = self.text;
        let (start, end) = (day.span[0], day.span[1]);
        let FigureValue::Text(v) = &day.value else {
            return day;
        };
        if day.kind != FigureKind::Date
            || !is_full_day(v)
            || day.text.contains('年')
            || !day.text.contains('月')
            || start == 0
            || t[start - 1] != '('
            || t.get(end) != Some(&')')
        {
            return day;
        }
        let Some(relative) = self.out.last().filter(|r| r.span[1] == start - 1) else {
            return day;
        };
        let FigureValue::Text(rv) = &relative.value else {
            return day;
        };
        let relative_day = self
            .relative_rule_of(relative)
            .is_some_and(|rd| rd.unit == DateUnit::Day);
        let Some(near) = Ymd::parse(rv).filter(|_| relative_day && is_full_day(rv)) else {
            return day;
        };
        let written = |at: std::ops::Range<usize>| v.get(at).and_then(|n| n.parse::<u32>().ok());
        let (Some(m), Some(d)) = (written(5..7), written(8..10)) else {
            return day;
        };
        day.value = FigureValue::Text(
            Ymd {
                y: nearest_year(near, m, d),
                m,
                d,
            }
            .iso(),
        );
        day
    }

    /// The year of a month named without one: the publication year, or the year before
    /// when the month lies more than six months after the publication month. News
    /// writes the year of a date outside the current one (`去年11月`), so a month alone
    /// is this year's unless that is further ahead than last year's is back (`12月份`
    /// in a January paper is last December).
    fn year_for_month(&self, m: u32) -> Year {
        self.published.map(|p| if m > p.m + 6 { p.y - 1 } else { p.y })
    }

    /// [`Scanner::year_for_month`] for a month written at `start`, perhaps with its day
    /// at `day_at`: a `future_before` word earlier in its clause puts it ahead
    /// (`将于12月6日` in June is this December, `定于3月` in June next March, `将于6月4日`
    /// in a paper of 15 June next June), and a day
    /// more than six months after the publication date is last year's (`12月16日` in
    /// a paper of 15 June is last December's, `12月15日` this one's).
    fn year_for_month_at(&self, start: usize, m: u32, day_at: Option<usize>) -> Year {
        if let Some(y) = self.year_in_sentence(start) {
            return Some(y);
        }
        let year = self.year_for_month_told(start, m, day_at);
        // `今天(2月29日)` in a paper of 2015: no such day that year, so the leap year
        // nearest the publication date.
        match (self.published, year) {
            (Some(p), Some(y))
                if m == 2
                    && days_in_month(y, 2) < 29
                    && day_at.and_then(|at| self.day_written_at(at)) == Some(29) =>
            {
                let leap_days = (p.y - 4..=p.y + 4)
                    .filter(|&y| days_in_month(y, 2) == 29)
                    .map(|y| Ymd { y, m: 2, d: 29 });
                nearest_day(p, leap_days).map(|d| d.y)
            }
            _ => year,
        }
    }

    /// [`Scanner::year_for_month_at`] from the publication date and the words around,
    /// when no year is written in the sentence.
    fn year_for_month_told(&self, start: usize, m: u32, day_at: Option<usize>) -> Year {
        match self.published {
            // `今年的胜利日阅兵将如期于5月9日举行`: this year, said so, even if past.
            Some(p) if self.this_year_before(start) => Some(p.y),
            Some(p) if self.said_ahead(start, start) => {
                let day_gone = m == p.m
                    && day_at
                        .and_then(|at| self.day_written_at(at))
                        .is_some_and(|d| d < p.d);
                Some(if m > p.m || (m == p.m && !day_gone) {
                    p.y
                } else {
                    p.y + 1
                })
            }
            // `自6月19日以来` in a paper of 15 June: a day yet to come said past.
            Some(p)
                if (m > p.m
                    || (m == p.m
                        && day_at
                            .and_then(|at| self.day_written_at(at))
                            .is_some_and(|d| d > p.d)))
                    && self.said_past(start) =>
            {
                Some(p.y - 1)
            }
            Some(p)
                if m == p.m + 6
                    && day_at
                        .and_then(|at| self.day_written_at(at))
                        .is_some_and(|d| d > p.d) =>
            {
                Some(p.y - 1)
            }
            _ => self.year_for_month(m),
        }
    }

    /// Whether `今年` (a relative year of offset 0) stands earlier in the sentence of
    /// `start`.
    fn this_year_before(&self, start: usize) -> bool {
        let Some(from) = self.sentence_start(start) else {
            return false;
        };
        self.out.iter().rev().take_while(|f| f.span[1] > from).any(|f| {
            f.span[0] >= from
                && f.span[1] <= start
                && self
                    .relative_rule_of(f)
                    .is_some_and(|r| r.unit == DateUnit::Year && r.offset == 0)
        })
    }

    /// The day of the month written at `at` (`16日`, `16号`).
    fn day_written_at(&self, at: usize) -> Option<u32> {
        self.small_at(at)
            .filter(|(q, _)| matches!(self.text.get(q.end), Some('日' | '号')))
            .map(|(_, day)| day)
    }

    /// Whether a `past_after` word follows the month written at `start`, after the
    /// rest of its date (`8月份以来`, `7月22日以来`, `5月中旬以来`), or closes the few
    /// words after it in its clause (`11月1日正式运行以来`).
    fn said_past(&self, start: usize) -> bool {
        let in_date = |c: &char| {
            c.is_ascii_digit()
                || chinese_digit(*c).is_some()
                || self.rules.scales.contains_key(c)
                || "月日号份旬初底末上中下".contains(*c)
        };
        let end = (start..start + 12)
            .find(|&k| !self.text.get(k).is_some_and(in_date))
            .unwrap_or(start);
        let since = self
            .rules
            .since_before
            .iter()
            .any(|w| written_before(self.text, start, w));
        let reach = if since { SINCE_REACH } else { PAST_AFTER_REACH };
        (end..end + reach)
            .take_while(|&k| self.text.get(k).is_some_and(|&c| !is_clause_mark(c)))
            .any(|k| self.rules.past_after.iter().any(|w| written_at(self.text, k, w)))
    }

    /// `1930年6月,胡少海…,8月在漳平`: for a month written without a year, the year of
    /// the last date earlier in the same sentence, once a date there wrote its year
    /// (`…年`); one more after `次年`, `翌年` (`1940年10月…;次年1月7日` is 1941, and the
    /// `1月25日` after it too).
    fn year_in_sentence(&self, start: usize) -> Option<i32> {
        self.year_written_since(self.sentence_start(start)?, start, false)
    }

    /// The year of quarter `q` written at `start` without one: its sentence's
    /// ([`Self::year_in_sentence`]), else the publication year (`2021年美国第三季度`),
    /// or the year before for a quarter yet to begin that is said past, as a month is
    /// (`进入四季度以来` in a June paper).
    pub(super) fn quarter_year(&self, start: usize, q: u32) -> Year {
        self.year_in_sentence(start).or_else(|| match self.published {
            Some(p) if 3 * q > p.m + 2 && self.said_past(start) => Some(p.y - 1),
            _ => self.pub_year(),
        })
    }

    /// [`Self::year_in_sentence`], looking back to the start of the paragraph
    /// (`…2011年2月…。同年4月`), or only to the sentence's; `relative_anchors`: whether a
    /// relative year anchors it, as it does for `上年` (`去年,粮食亩产比上年提高` is the
    /// year before last) but not for months (`继去年10月…3月10日坠毁` is this March) nor
    /// `当年` (`今年76岁的他就是当年的创业者` is "back then").
    fn year_before(&self, start: usize, paragraph: bool, relative_anchors: bool) -> Option<i32> {
        let from = if paragraph {
            self.start_after(start, |&c| c == '\n')?
        } else {
            self.sentence_start(start)?
        };
        self.year_written_since(from, start, relative_anchors)
    }

    /// The year the last date in `sentence_start..start` gives a month written after it
    /// without one (see [`Self::year_in_sentence`]).
    fn year_written_since(&self, sentence_start: usize, start: usize, relative_anchors: bool) -> Option<i32> {
        let year_of = |f: &Figure| match &f.value {
            FigureValue::Text(v) if f.kind == FigureKind::Date => numeric_year(v),
            _ => None,
        };
        // A year written out anchors the sentence, and so may a relative year (see
        // `relative_anchors`) unless it is compared with (`比去年`, `超去年全年`); before
        // `同期` it is a comparison, and before `以来` it only says since when. An
        // anaphoric one (`比上年`) counted from the sentence's year, which it gives back.
        let relative = |f: &Figure| self.relative_rule_of(f);
        let compared = |f: &Figure| {
            (f.span[0] > 0 && matches!(self.text[f.span[0] - 1], '比' | '较' | '超' | '于' | '同'))
                || self.starts_with(f.span[1], "全年")
        };
        let context = |f: &Figure| {
            relative(f)
                .is_none_or(|r| r.anaphoric || (relative_anchors && r.unit == DateUnit::Year && !compared(f)))
                && !["以来", "同期"].iter().any(|w| self.starts_with(f.span[1], w))
        };
        // `年底` writes no year of its own: it took the sentence's or the paper's. The
        // year of an event's name writes one (`2019世界青年科学家峰会…于10月26日`).
        let named_year = |f: &Figure| matches!(f.rule.as_str(), "year-before-name" | "year-after-name");
        let written = |f: &Figure| {
            (f.text.contains('年') || named_year(f))
                && context(f)
                && relative(f).is_none_or(|r| r.month.is_none())
        };
        let mut dates = self
            .out
            .iter()
            .rev()
            .filter(|f| f.span[0] >= sentence_start && f.span[1] <= start)
            .filter(|f| year_of(f).is_some() && !f.text.contains("年代") && !f.text.contains("世纪"));
        let last = dates.next()?;
        let anchored = written(last) || dates.any(written);
        if !anchored || !context(last) {
            return None;
        }
        // `次年` moves the story on, so what follows is in its year; `去年` is its own.
        let back = relative(last)
            .filter(|r| r.anaphoric && !r.anaphoric_only)
            .map_or(0, |r| i32::try_from(r.offset).unwrap_or(0));
        let year = year_of(last)? - back;
        let between = self.text.get(last.span[1]..start)?;
        let next = between.len() >= 2 && matches!(&between[between.len() - 2..], ['次' | '翌' | '转', '年']);
        Some(if next { year + 1 } else { year })
    }

    /// `7月4日出席…2024世界人工智能大会`: a month written without a year, with no year
    /// before it in its sentence, takes the year that opens an event's name later in the
    /// sentence (a date in brackets keeps the relative day's).
    pub(super) fn dates_of_named_year_after(&mut self) {
        // A year opening an event's name, perhaps in quotes after its `年`
        // (`2024年“鼓岭缘”中美青年交流周`). Not one closing a name, which is often a
        // plan's target (`“中国制造2025”`), nor `2004式`, a model.
        let names_event = |g: &Figure| match g.rule.as_str() {
            // (`2004式` is no year: `year_before_name` reads a one-char identifier
            // suffix as a designation.)
            "year-before-name" => self.text.get(g.span[1]) != Some(&'版'),
            "date-y" => {
                g.text.ends_with('年')
                    && ((self.text.get(g.span[1]) == Some(&'“')
                        && self.text.get(g.span[1] + 1).is_some_and(|&c| is_han(c)))
                        || self.event_name_at(g.span[1]))
            }
            _ => false,
        };
        // Most texts name no event after a year: nothing to look at then.
        if !self.out.iter().any(names_event) {
            return;
        }
        let event_years: Vec<bool> = self.out.iter().map(names_event).collect();
        for i in 0..self.out.len() {
            let f = &self.out[i];
            if f.kind != FigureKind::Date
                || f.text.contains('年')
                || !f.text.contains('月')
                || self.relative_rule_of(f).is_some()
                || (f.span[0] > 0 && matches!(self.text[f.span[0] - 1], '(' | '（'))
            {
                continue;
            }
            let FigureValue::Text(v) = &f.value else {
                continue;
            };
            let Some(start) = self.sentence_start(f.span[0]) else {
                continue;
            };
            if self.year_written_since(start, f.span[0], false).is_some() {
                continue;
            }
            let end = self.text[f.span[1]..]
                .iter()
                .position(ends_sentence)
                .map_or(self.text.len(), |p| f.span[1] + p);
            let named = (i + 1..self.out.len())
                .take_while(|&k| self.out[k].span[0] < end)
                .find(|&k| event_years[k])
                .map(|k| &self.out[k]);
            let Some(year) = named.and_then(|g| match &g.value {
                FigureValue::Text(y) => numeric_year(y),
                FigureValue::Number(_) => None,
            }) else {
                continue;
            };
            let delta = numeric_year(v).map_or(0, |old| year - old);
            let value = with_year(v, delta, year);
            self.out[i].value = FigureValue::Text(value);
        }
    }

    /// Whether an event's name starts at `at`: Han chars (and name marks) running on to
    /// one of `event_words` within [`EVENT_NAME_REACH`] chars (`世界互联网大会`, `年会`).
    fn event_name_at(&self, at: usize) -> bool {
        let words = &self.rules.event_words;
        if words.is_empty() || !self.text.get(at).is_some_and(|&c| is_han(c)) {
            return false;
        }
        (at..at + EVENT_NAME_REACH)
            .take_while(|&k| {
                self.text
                    .get(k)
                    .is_some_and(|&c| is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '“' | '”'))
            })
            .any(|k| words.iter().any(|w| written_at(self.text, k, w)))
    }

    /// `四年前的今天` is the day so many years before the relative day: a count of years,
    /// `前的`, then a relative day join into one date (`2011-06-15` in a paper of 15 June
    /// 2015). `70年后的今天` looks back from a future the text imagines, and stays apart.
    pub(super) fn years_before_relative_day(&mut self) {
        let mut j = 0;
        while j + 1 < self.out.len() {
            let (a, b) = (&self.out[j], &self.out[j + 1]);
            let years = match &a.value {
                FigureValue::Number(_)
                    if a.kind == FigureKind::Quantity
                        && a.unit.as_deref() == Some("年")
                        && a.approx.is_none()
                        && a.upper.is_none()
                        && b.kind == FigureKind::Date
                        && self.text.get(a.span[1]..b.span[0]) == Some(&['前', '的'][..])
                        && self.relative_rule_of(b).is_some_and(|r| r.unit == DateUnit::Day) =>
                {
                    whole(a).and_then(|n| i32::try_from(n).ok())
                }
                _ => None,
            };
            let day = match &b.value {
                FigureValue::Text(v) if precision(v) == Some(Precision::Day) && !v.ends_with("-02-29") => {
                    Some(v.clone())
                }
                _ => None,
            };
            if let (Some(n), Some(v)) = (years, day) {
                let value = with_year(&v, -n, 0);
                let (start, end) = (a.span[0], b.span[1]);
                let rule = b.rule.clone();
                let f = self.date(start, end, value, &rule);
                self.out[j] = f;
                self.out.remove(j + 1);
            }
            j += 1;
        }
    }

    /// The relative-date rule that produced `f` (`去年`, `今天`), if one did: found by its
    /// id, since a figure keeps only that.
    fn relative_rule_of(&self, f: &Figure) -> Option<&RelativeDate> {
        self.rules.relative_dates.iter().find(|r| r.id == f.rule)
    }

    /// Where the sentence holding `start` begins. It is looked back into for at most
    /// 2000 chars: the scans that need it run for every month written without a year.
    fn sentence_start(&self, start: usize) -> Option<usize> {
        self.start_after(start, ends_sentence)
    }

    /// Just after the last char before `start` that `ends` says ends a stretch of text,
    /// at most 2000 chars back.
    fn start_after(&self, start: usize, ends: impl Fn(&char) -> bool) -> Option<usize> {
        let reach = start.saturating_sub(2000);
        Some(
            self.text
                .get(reach..start)?
                .iter()
                .rposition(ends)
                .map_or(reach, |i| reach + i + 1),
        )
    }

    /// The month of the last date before `start` in its sentence, when that date is a
    /// whole month (`8月份`, `2014年12月`): the month an anaphoric `上月` counts from.
    /// An earlier date of the same rule `rule` is passed over: `4月份…比上月扩大…由上月
    /// 下降` counts both from April.
    fn month_in_sentence(&self, start: usize, rule: &str) -> Option<(Year, u32)> {
        let sentence_start = self.sentence_start(start)?;
        let last = self.out.iter().rev().find(|f| {
            f.kind == FigureKind::Date && f.rule != rule && f.span[0] >= sentence_start && f.span[1] <= start
        })?;
        let FigureValue::Text(v) = &last.value else {
            return None;
        };
        let (year, month) = v.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !month.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let m = month.parse::<u32>().ok().filter(|m| (1..=12).contains(m))?;
        Some((year.parse::<i32>().ok(), m))
    }

    fn date(&mut self, start: usize, end: usize, value: String, rule: &str) -> Figure {
        self.figure(
            FigureKind::Date,
            start,
            end,
            FigureValue::Text(value),
            None,
            None,
            None,
            rule,
        )
    }

    fn small_at(&self, at: usize) -> Option<(Num, u32)> {
        let num = number_at(self.rules, self.text, at).ok()?;
        let v = num.small_int()?;
        Some((num, v))
    }

    /// The far end of a range whose near end `n` ends at `k` (`1—2月`, `19至22日`): a
    /// separator, then a number above `n` and at most `max`, then `word`.
    fn range_end(&self, k: usize, n: u32, max: u32, word: char) -> Option<(Num, u32)> {
        let slen = self.separator_at(k)?;
        let (second, v) = self.small_at(k + slen)?;
        (v > n && v <= max && self.text.get(second.end) == Some(&word)).then_some((second, v))
    }

    /// Where `word` ends when it stands at `at`, perhaps after up to two spaces (`2025 年`,
    /// from PDF extraction).
    fn word_after_spaces(&self, at: usize, word: char) -> Option<usize> {
        let t = self.text;
        let k = (at..at + 3).find(|&k| t.get(k) != Some(&' '))?;
        (t.get(k) == Some(&word)).then_some(k + 1)
    }

    /// Whether a currency word starts at `at`: `3至5日元` is money, not days.
    fn currency_at(&self, at: usize) -> bool {
        matches!(
            self.rules.suffixes.longest_at(self.text, at),
            Some((_, Suffix::Currency(_)))
        )
    }

    fn separator_at(&self, at: usize) -> Option<usize> {
        self.rules
            .separators
            .longest_at(self.text, at)
            .map(|(len, ())| len)
            .or_else(|| self.spaced_separator(at))
    }

    /// `有着2500年历史`, `距今1500年`: words around the four-digit `N年` ending at `end`
    /// that make it a span of years, not a year. A qualifier may stand between the word
    /// before and the number (`距今约4000年`). A word after counts only for a number
    /// outside `year_before_name`, the years news write of (`2015年历史性突破`).
    fn spans_years(&self, start: usize, n: u32, end: usize) -> bool {
        let rules = self.rules;
        let t = self.text;
        let before = |at: usize| rules.year_span_before.iter().any(|w| written_before(t, at, w));
        let recent = rules.year_before_name.as_ref().is_some_and(|r| r.contains(&n));
        let qualified = || {
            self.qualifier_before(start, self.floor, end)
                .is_some_and(|(at, _)| before(at))
        };
        (before(start) || qualified())
            || (!recent
                && rules
                    .year_span_after
                    .iter()
                    .any(|w| written_at(t, end, w) && t.get(end + w.len()) != Some(&'性')))
    }

    /// A date that begins with the number `num`; `hint` gives year and month for the
    /// second end of a range (`1月3日至10日`).
    pub(super) fn date_from_number(
        &mut self,
        start: usize,
        num: &Num,
        hint: Option<(Year, Option<u32>)>,
    ) -> Option<Figure> {
        if let Some(f) = self.hour_read_as_decimal(start, num) {
            return Some(f);
        }
        let n = num.small_int()?;
        let t = self.text;
        // `2009 年`: spaces from PDF extraction before a calendar word.
        let mut k = num.end;
        while t.get(k) == Some(&' ') && k < num.end + 3 {
            k += 1;
        }
        if !matches!(t.get(k), Some('年' | '月' | '日' | '号')) {
            k = num.end;
        }
        let month_follows = || {
            self.small_at(k + 1)
                .is_some_and(|(q, m)| (1..=12).contains(&m) && t.get(q.end) == Some(&'月'))
        };
        // `2025年`, `二〇二五年`; `两千零四年八月` only with a month after it (else it may
        // be a count of years); `07年`, `〇八年` are this century's.
        let mut year = None;
        if t.get(k) == Some(&'年') && t.get(k + 1) != Some(&'代') && (1000..3000).contains(&n) {
            if ((num.arabic && num.int_digits == 4)
                || num.digit_string == 4
                || (num.chinese && !num.arabic && month_follows()))
                && !self.spans_years(start, n, k + 1)
            {
                year = Some(n);
            }
        } else if t.get(k) == Some(&'年')
            && (1..1000).contains(&n)
            && self
                .rules
                .era_before_year
                .iter()
                .any(|w| written_before(t, start, w))
        {
            // `公元753年`: a year of the era, though it has three digits.
            year = Some(n);
        } else if t.get(k) == Some(&'年') && n < 100 {
            let zero_first = t.get(num.start).is_some_and(|c| matches!(c, '0' | '〇' | '零'));
            if zero_first && ((num.arabic && num.leading_zero) || num.digit_string == 2) {
                year = Some(2000 + n);
            }
        }
        // `一年前的9月26日`, `两年前的3月15日`: a month so many years before publication.
        if year.is_none()
            && t.get(k) == Some(&'年')
            && self.starts_with(k + 1, "前的")
            && let Some(p) = self.published
            && let Ok(back) = i32::try_from(n)
            && (1..=100).contains(&back)
            && self
                .small_at(k + 3)
                .is_some_and(|(q, m)| (1..=12).contains(&m) && t.get(q.end) == Some(&'月'))
        {
            return Some(self.after_year(start, Some(p.y - back), k + 3, false, "date-years-ago"));
        }
        if let Some(y) = year {
            let mut k2 = k + 1;
            if t.get(k2) == Some(&'度') {
                k2 += 1;
            }
            return Some(self.after_year(start, i32::try_from(y).ok(), k2, true, "date-y"));
        }
        let year_like =
            ((num.arabic && num.int_digits == 4) || num.digit_string == 4) && (1000..3000).contains(&n);
        // `2025届高校毕业生`, `2015级本科班`: a class named by its year.
        if year_like
            && num.arabic
            && (1900..2100).contains(&n)
            && t.get(num.end)
                .is_some_and(|c| self.rules.cohort_marks.contains(c))
        {
            return Some(self.date(start, num.end + 1, n.to_string(), "date-cohort"));
        }
        // `周四到十月`, `星期四到十月`: after a word of `weekday_words` a weekday, not a
        // month (`预期8月底` is a month). Weekdays are not written in digits: `交流周8月1号`
        // is a month.
        if !num.arabic
            && self
                .rules
                .weekday_words
                .iter()
                .any(|w| written_before(t, start, w))
        {
            return None;
        }
        // `2021—2025年`, `2021—2025 年` (a space from PDF extraction before `年`).
        if year_like
            && let Some(slen) = self.separator_at(k)
            && let Some((second, y2)) = self.small_at(k + slen)
            && y2 > n
            && y2 <= 2999
            && let Some(year_end) = self.word_after_spaces(second.end, '年')
            && second.arabic == num.arabic
            && second.int_digits == num.int_digits
        {
            return Some(self.date(start, year_end, format!("{n}/{y2}"), "date-period"));
        }
        // `两月` is two months, never February (`二月`).
        let liang = num.end == num.start + 1 && t.get(num.start) == Some(&'两');
        // `6月龄`: a unit word that starts with `月` counts (an age in months).
        let month_unit =
            || matches!(self.rules.suffixes.longest_at(t, k), Some((len, Suffix::Unit(_))) if len > 1);
        if (1..=12).contains(&n) && t.get(k) == Some(&'月') && !liang && !month_unit() {
            let (y, rule) = match hint {
                Some((y, _)) => (y, "date-m"),
                None => (self.year_for_month_at(start, n, Some(k + 1)), "date-m"),
            };
            return Some(self.after_month(start, y, n, k + 1, rule));
        }
        if (1..=12).contains(&n)
            && hint.is_none()
            && let Some((second, m2)) = self
                .range_end(k, n, 12, '月')
                .or_else(|| self.next_month_listed(num, n, k))
        {
            let mut end = second.end + 1;
            if t.get(end) == Some(&'份') {
                end += 1;
            }
            let y = self.year_for_month_at(start, m2, None);
            let v = format!("{}/{}", month_str(y, n), month_str(y, m2));
            return Some(self.date(start, end, v, "date-period"));
        }
        if let Some(f) = self.time_of_day(start, n, k) {
            return Some(f);
        }
        if let Some(f) = self.clock_time(start, num) {
            return Some(f);
        }
        // `3月9日0—24时`, `下午2至4时`: hours of a day, in the same digits at both ends.
        if n <= 24
            && let Some((second, h2)) = self.range_end(k, n, 24, '时')
            && second.arabic == num.arabic
            && !t
                .get(second.end + 1)
                .is_some_and(|c| NOT_TIME_AFTER_SHI.contains(*c))
        {
            let (from, part, _) = self.part_of_day(start);
            let (h1, h2) = (in_part_of_day(n, part), in_part_of_day(h2, part));
            // `下午10至1时`: a shift may cross the ends.
            if h1 < h2 {
                let v = format!("T{h1:02}:00/T{h2:02}:00");
                return Some(self.date(from, second.end + 1, v, "time-range"));
            }
        }
        // `两季度` is two quarters, never the second (`二季度`), as `两月` is two months.
        if self.starts_with(k, "季度") && !liang {
            let y = match hint {
                Some((y, _)) => y,
                None => self.quarter_year(start, num.small_int().unwrap_or(0)),
            };
            return self.quarter(start, num, k + 2, y);
        }
        let day = |y: Year, m: Option<u32>, d: u32| match m {
            Some(m) => format!("{}-{d:02}", month_str(y, m)),
            None => format!("{}-XX-{d:02}", year_str(y)),
        };
        // `19—22日`, `19至22日`: days of the month, in the same digits at both ends;
        // `24到25号` in Arabic digits, unless `号` names things (`1至3号线`).
        let hao_range = || {
            self.range_end(k, n, 31, '号')
                .filter(|(second, _)| num.arabic && !self.hao_names_thing(second.end))
        };
        if (1..=31).contains(&n)
            && hint.is_none()
            && let Some((second, d2)) = self.range_end(k, n, 31, '日').or_else(hao_range)
            && second.arabic == num.arabic
            && !self.currency_at(second.end)
        {
            let (y, m) = self.month_of_day(start, second.end + 1, n, d2);
            let v = format!("{}/{}", day(y, m, n), day(y, m, d2));
            return Some(self.date(start, second.end + 1, v, "date-period"));
        }
        // `14号` in Arabic digits only: `长征五号`, `天宫二号` are names, and so is a
        // number with `号` that closes a quoted name (`“天空登陆者10号”`). The second end
        // of a range after a month may be in Chinese numerals (`三月十八号到十九号`).
        let quoted_name =
            t.get(k + 1).copied().is_some_and(is_closing_quote) && start > 0 && is_han(t[start - 1]);
        let hao_day = t.get(k) == Some(&'号')
            && (num.arabic || matches!(hint, Some((_, Some(_)))))
            && !quoted_name
            && !self.hao_names_thing(k)
            && (!t.get(k + 1).is_some_and(char::is_ascii_alphanumeric) || hour_at(t, k + 1));
        // `连续10日下降`: a count of days, read with the unit `日`. So is `一日` or `两日`
        // written alone (`有朝一日`, `一日三餐`, `前两日`): a first or second day of the
        // month in Chinese numerals is written after its month.
        let counted_days = t.get(k) == Some(&'日')
            && (self
                .rules
                .day_count_before
                .iter()
                .any(|w| written_before(t, start, w))
                || (hint.is_none() && !num.arabic && (n == 1 || t.get(num.start) == Some(&'两')))
                || (hint.is_none() && self.rules.day_count_after.iter().any(|w| written_at(t, k + 1, w))));
        if (1..=31).contains(&n)
            && (t.get(k) == Some(&'日') || hao_day)
            && !self.currency_at(k)
            && !counted_days
        {
            let (y, m) = match hint {
                Some((y, Some(m))) => (y, Some(m)),
                _ => self.month_of_day(start, k + 1, n, n),
            };
            let f = self.date(start, k + 1, day(y, m, n), "date-d");
            return Some(if hint.is_none() {
                self.extend_range(f, y, m)
            } else {
                f
            });
        }
        None
    }

    /// `今天的中国,`, `今天的上海正在…`: `的` at `end`, then a place name that a clause
    /// mark, an adverb or a time word (jieba's tag for `正在`) follows, say "these days".
    /// jieba also tags some nouns as places (`今天的新春/走基层`, `今天的大国/工匠`); those
    /// run on into the rest of a programme's title.
    fn era_before_place(&self, end: usize) -> bool {
        if self.text.get(end) != Some(&'的') {
            return false;
        }
        let Some(place) = self
            .tokens
            .starting_at(end + 1)
            .filter(|w| w.tag.starts_with("ns"))
        else {
            return false;
        };
        let place_end = place.end;
        self.text.get(place_end).is_none_or(|&c| is_clause_mark(c))
            || self
                .tokens
                .starting_at(place_end)
                .is_some_and(|w| w.tag.starts_with(['d', 't']))
    }

    /// Whether the `号` at `k`, after a number in Arabic digits, makes it a number sign
    /// rather than a day: one of `day_hao_not_before` follows (`3号线`, `1号楼`), or
    /// it heads a list whose last item is such a sign (`7号、8号机组`).
    pub(super) fn hao_names_thing(&self, k: usize) -> bool {
        let t = self.text;
        let names = |at: usize| self.rules.day_hao_not_before.iter().any(|w| written_at(t, at, w));
        if names(k + 1) {
            return true;
        }
        let from = k + 2;
        let digits = ascii_digits_at(t, from);
        matches!(t.get(k + 1), Some('、' | '和' | '及' | '与'))
            && digits > 0
            && t.get(from + digits) == Some(&'号')
            && names(from + digits + 1)
    }

    /// `2026-01-21`, `2026/1/21`, `2010.01.29` at `j`.
    pub(super) fn iso_date(&mut self, j: usize) -> Option<Figure> {
        let t = self.text;
        let digits = |from: usize, max: usize| {
            let mut k = from;
            while k < t.len() && k - from < max && t[k].is_ascii_digit() {
                k += 1;
            }
            // At most `max` (≤ 4) ASCII digits: no overflow, and no String to parse.
            let v = t[from..k]
                .iter()
                .try_fold(0u32, |v, c| Some(v * 10 + c.to_digit(10)?));
            v.filter(|_| k > from).map(|v| (v, k))
        };
        if j > 0 && (t[j - 1].is_ascii_alphanumeric() || matches!(t[j - 1], '.' | '/' | '-')) {
            return None;
        }
        let (y, k) = digits(j, 4)?;
        if k - j != 4 || !(1000..3000).contains(&y) {
            return None;
        }
        let sep = *t.get(k).filter(|c| matches!(c, '-' | '/' | '.'))?;
        let (m, k2) = digits(k + 1, 2)?;
        if t.get(k2) != Some(&sep) || !(1..=12).contains(&m) {
            return None;
        }
        let (d, end) = digits(k2 + 1, 2)?;
        if !(1..=days_in_month(y as i32, m)).contains(&d)
            || t.get(end).is_some_and(|c| c.is_ascii_alphanumeric())
            || (t.get(end) == Some(&sep) && t.get(end + 1).is_some_and(char::is_ascii_digit))
        {
            return None;
        }
        let mut end = end;
        if t.get(end) == Some(&'日') {
            end += 1;
        }
        Some(self.date(j, end, format!("{y:04}-{m:02}-{d:02}"), "date-iso"))
    }

    /// The part of the day written right before `start` (`下午`, `今晚`): where the
    /// time then starts, how its hours shift (0 morning, 1 noon, 2 afternoon, 3 night,
    /// 4 evening), and `about` when that word stood between (`上午约11时`);
    /// `(start, None, None)` without one.
    fn part_of_day(&self, start: usize) -> (usize, Option<u8>, Option<Approx>) {
        if let Some((from, shift)) = self.part_word_before(start, self.floor) {
            return (from, Some(shift), None);
        }
        // `今晚的八点十分`, `上午约11时`: `的` or an `about` word may stand between, after
        // a word of two chars (`最早的3点建议` has none).
        let about = self
            .qualifier_before(start, self.floor, start)
            .filter(|&(_, q)| q == Approx::About)
            .map(|(at, q)| (start - at, Some(q)));
        let gap = if start > self.floor && self.text[start - 1] == '的' {
            Some((1, None))
        } else {
            about
        };
        if let Some((len, approx)) = gap
            && let Some((from, shift)) = start
                .checked_sub(len)
                .and_then(|at| self.part_word_before(at, self.floor))
            && start - len - from >= 2
        {
            return (from, Some(shift), approx);
        }
        // `今晚8点`, `今晚的八点十分`: the part of the day was read already as a day
        // (`今晚`); the hour keeps its part, and the figure starts at the hour.
        let gap = if self.text.get(start.wrapping_sub(1)) == Some(&'的') {
            1
        } else {
            0
        };
        if start == self.floor + gap
            && let Some((_, shift)) = start.checked_sub(gap).and_then(|at| self.part_word_before(at, 0))
        {
            return (start, Some(shift), None);
        }
        // `今晚(29日)8点`: a bracket (the day, read already) may stand between the part
        // of the day and the hour; the figure then starts at the hour.
        if start > self.floor && matches!(self.text[start - 1], ')' | '）') {
            let open = (start.saturating_sub(12)..start - 1)
                .rev()
                .find(|&i| matches!(self.text[i], '(' | '（'));
            if let Some((_, shift)) = open.and_then(|open| self.part_word_before(open, 0)) {
                return (start, Some(shift), None);
            }
        }
        (start, None, None)
    }

    /// The part-of-day word ending right at `start`, not before `floor`: where it
    /// starts and its shift.
    fn part_word_before(&self, start: usize, floor: usize) -> Option<(usize, u8)> {
        for &(word, shift) in PARTS_OF_DAY {
            let len = word.chars().count();
            if start >= len + floor && self.starts_with(start - len, word) {
                return Some((start - len, shift));
            }
        }
        None
    }

    /// `HH:MM` at `at`: the hour, the minute and the end, for one or two Arabic digits,
    /// a colon and exactly two digits (`3:0` is a score) that no digit or colon follows.
    fn clock_at(&self, at: usize) -> Option<(u32, u32, usize)> {
        let t = self.text;
        let digit = |i: usize| t.get(i).and_then(|c| c.to_digit(10));
        let mut k = at;
        let mut h = 0;
        while let Some(d) = digit(k).filter(|_| k < at + 2) {
            h = h * 10 + d;
            k += 1;
        }
        if k == at || t.get(k) != Some(&':') || (at > 0 && digit(at - 1).is_some()) {
            return None;
        }
        let m = digit(k + 1)? * 10 + digit(k + 2)?;
        let end = k + 3;
        if h > 24 || m > 59 || digit(end).is_some() || t.get(end) == Some(&':') {
            return None;
        }
        Some((h, m, end))
    }

    /// Whether the hour written from `start` to `end` (`16:45`, `18点`) stands where a
    /// time of day does: after a day or a word that places it (`12日02:30`,
    /// `截至今天18点`, `于11:00`, `从6点`), or before a minute or time word (`10:37分`,
    /// `12点开始`, `9点左右`, `6点到12点`). Without one, a colon writes ratios and scores
    /// (`1:10`) and 点 counts points (`提出4点希望`).
    fn clock_context(&self, start: usize, end: usize) -> bool {
        let t = self.text;
        // `今天(8月25日)16点`: the day may stand in brackets.
        let start = if start >= 2 && matches!(t[start - 1], ')' | '）') && t[start - 2] == '日' {
            start - 1
        } else {
            start
        };
        let day_before = start.checked_sub(1).and_then(|i| t.get(i)).is_some_and(|c| {
            matches!(
                *c,
                '日' | '号' | '天' | '晚' | '早' | '于' | '在' | '从' | '至' | '到' | '间'
            )
        });
        day_before
            || ["分", "起", "前", "后", "左右", "开始", "许", "整", "到", "至"]
                .iter()
                .any(|w| self.starts_with(end, w))
            || self.listed_after(start).is_some()
    }

    /// `今晚20点,丹麦…;23点,法国…`, `20点在综合频道、22点在科教频道`, `今晚,…,22点,瑞典…`:
    /// an hour that opens a clause or an item after a time of day or a day earlier in its
    /// sentence is the next time of a schedule, not a count of index points. The date
    /// or time of day it follows, if it opens a clause or an item after one.
    fn listed_after(&self, start: usize) -> Option<&Figure> {
        let opens = start
            .checked_sub(1)
            .and_then(|i| self.text.get(i))
            .is_some_and(|&c| is_clause_mark(c) || c == '、');
        if !opens {
            return None;
        }
        let from = self.sentence_start(start)?;
        self.out.iter().rev().take_while(|f| f.span[0] >= from).find(|f| {
            f.kind == FigureKind::Date
                && matches!(&f.value, FigureValue::Text(v) if v.contains('T') || is_full_day(v))
        })
    }

    /// `今晚8:06在综合频道、9点在综艺频道`: a listed hour before noon after an afternoon or
    /// evening time goes on in the same half of the day when that keeps the list going
    /// forward (21:00 after 20:06), so it is read as afternoon (part 2).
    fn listed_afternoon(&self, start: usize, h: u32) -> Option<u8> {
        let FigureValue::Text(v) = &self.listed_after(start)?.value else {
            return None;
        };
        let before: u32 = v.split_once('T')?.1.get(..2)?.parse().ok()?;
        (h < 12 && before >= 12 && h + 12 > before).then_some(2)
    }

    /// `下午16:45`, `今晚8:06`, `8:00-18:00`: a clock time. A colon also writes ratios
    /// and scores (`1:10`, `以21:19拿下`), so it is a time only after a part of the day,
    /// in a `clock_context`, or as a range of two.
    fn clock_time(&mut self, start: usize, num: &Num) -> Option<Figure> {
        if !num.arabic || num.start != start {
            return None;
        }
        let (h, m, end) = self.clock_at(start)?;
        let (from, part, _) = self.part_of_day(start);
        let h = in_part_of_day(h, part);
        let second = self
            .separator_at(end)
            .and_then(|len| self.clock_at(end + len))
            .map(|(h2, m2, end2)| (in_part_of_day(h2, part), m2, end2));
        if let Some((h2, m2, end2)) = second.filter(|&(h2, m2, _)| (h2, m2) > (h, m)) {
            return Some(self.date(
                from,
                end2,
                format!("T{h:02}:{m:02}/T{h2:02}:{m2:02}"),
                "clock-time",
            ));
        }
        // `22:30档播出`: the broadcast slot that starts then. `20:00播出`, `9:05`: minutes
        // written with a leading zero are a clock's, never a score's or ratio's (`3:0`,
        // `21:19`), except after `以` (`以3:00战胜` is a score all the same).
        let clock_minutes =
            self.text.get(end - 2) == Some(&'0') && !(start > 0 && self.text[start - 1] == '以');
        if part.is_none() && !clock_minutes && !self.clock_context(start, end) && !self.starts_with(end, "档")
        {
            return None;
        }
        let end = if self.starts_with(end, "分") {
            end + 1
        } else {
            end
        };
        Some(self.date(from, end, format!("T{h:02}:{m:02}"), "clock-time"))
    }

    /// Whether the hour at `start` follows a day's `日` or `号` (`21日八点五分`, `12号15点30`).
    fn right_after_day(&self, start: usize) -> bool {
        start > 0 && matches!(self.text[start - 1], '日' | '号')
    }

    /// `今晚八点零五分`, `21日八点五分`: Chinese numerals read `点` as a decimal point
    /// (`八点零五` = 8.05), but before `分` after a part of the day or a day they write
    /// an hour and its minutes. Without either, `九点五分` may be a score of 9.5.
    fn hour_read_as_decimal(&mut self, start: usize, num: &Num) -> Option<Figure> {
        let t = self.text;
        if !num.decimal || num.arabic || num.start != start || t.get(num.end) != Some(&'分') {
            return None;
        }
        let dot = (start..num.end).find(|&i| t[i] == '点')?;
        // The hour alone: the number read up to the point and no further.
        let hour = number_at(self.rules, &t[..dot], start).ok()?;
        let h = hour.small_int()?;
        if hour.end != dot || !(self.right_after_day(start) || self.part_of_day(start).1.is_some()) {
            return None;
        }
        self.time_of_day(start, h, dot)
    }

    /// `上午10时`, `10时30分`, `下午3点半`: a time of day, as ISO `THH:MM`; `N点` only
    /// with a part of the day or minutes (`上涨10点` is index points).
    fn time_of_day(&mut self, start: usize, h: u32, k: usize) -> Option<Figure> {
        let t = self.text;
        let marker = *t.get(k)?;
        if !matches!(marker, '时' | '点' | '點') || h > 24 {
            return None;
        }
        let (from, part, about_before) = self.part_of_day(start);
        // `早一点住进来`, `晚一点`: a little earlier or later, no hour, unless the hour is
        // said so (`早一点钟`, `晚一点半`).
        if from + 1 == start
            && matches!(t[from], '早' | '晚')
            && t[start] == '一'
            && marker != '时'
            && !t
                .get(k + 1)
                .is_some_and(|c| matches!(c, '钟' | '半' | '整' | '零' | '分'))
        {
            return None;
        }
        // `8点档`: a broadcast slot, in the evening unless a part of the day says not.
        let slot_at = |p: usize| marker != '时' && t.get(p) == Some(&'档');
        let evening = (h < 12).then_some(4);
        let slot = slot_at(k + 1);
        let part = if slot {
            part.or(evening)
        } else {
            part.or_else(|| self.listed_afternoon(start, h))
        };
        let mut end = k + 1;
        let mut minute = None;
        // `20点零7分`; `10时 00分` (a space from the page's layout).
        let m_at = if matches!(t.get(end), Some('零' | ' ')) {
            end + 1
        } else {
            end
        };
        let after_day = self.right_after_day(start);
        let two_digits = |p: usize| {
            t.get(p..p + 2)
                .is_some_and(|d| d.iter().all(char::is_ascii_digit))
        };
        if let Some((q, m)) = self.small_at(m_at)
            && m < 60
            && t.get(q.end) == Some(&'分')
            && !self.starts_with(q.end, "分之")
            && !self.starts_with(q.end, "分钟")
        {
            minute = Some(m);
            end = q.end + 1;
        } else if (part.is_some() || after_day)
            && two_digits(end)
            && let Some((q, m)) = self.small_at(end)
            && m < 60
            && q.end == end + 2
            && !t
                .get(q.end)
                .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '点'))
            && self.rules.suffixes.longest_at(t, q.end).is_none()
        {
            // `下午4点40在通往黄山的路上`, `截至12号15点30,`: minutes without `分` after a
            // part of the day or a day.
            minute = Some(m);
            end = q.end;
        } else if t.get(end) == Some(&'半') && t.get(end + 1) != Some(&'会') {
            minute = Some(30);
            end += 1;
        } else if marker != '时' && t.get(end) == Some(&'钟') {
            end += 1;
            minute = Some(0);
        }
        if marker == '时' {
            // `时针` (the hour hand) is not `12时针对…` (at 12, aimed at…).
            if minute.is_none()
                && t.get(k + 1).is_some_and(|c| NOT_TIME_AFTER_SHI.contains(*c))
                && !self.starts_with(k + 1, "针对")
            {
                return None;
            }
            // `一时难以` (for a moment), `四时之春` (the seasons): a bare hour in
            // Chinese numerals is a time only after a day (`21日十时`, `今天十时`,
            // `北京时间十时`) or with `许`/`整`.
            if part.is_none()
                && minute.is_none()
                && h != 0
                && !t.get(start).is_some_and(char::is_ascii_digit)
                && !start
                    .checked_sub(1)
                    .and_then(|i| t.get(i))
                    .is_some_and(|c| matches!(*c, '日' | '号' | '天' | '晚' | '晨' | '间'))
                && !t.get(k + 1).is_some_and(|c| matches!(*c, '许' | '整'))
            {
                return None;
            }
        } else if part.is_none()
            && minute.is_none()
            && !slot
            // `从今天零点开始`: midnight, the one hour often written in Chinese numerals.
            && !((whole_digits(t, start, k) || (k == start + 1 && t[start] == '零'))
                && self.clock_context(start, k + 1))
        {
            return None;
        }
        // `十点半档`: a slot written after the minutes is evening too.
        let part = if slot_at(end) { part.or(evening) } else { part };
        let hour = in_part_of_day(h, part);
        if hour > 24 {
            return None;
        }
        let mut v = format!("T{hour:02}:{:02}", minute.unwrap_or(0));
        let mut rule = "time";
        // `下午3点至5点`, `晚上8点半到9点半`: the part of the day holds for an hour after a
        // separator, and its minutes are read as the first hour's are.
        if part.is_some()
            && let Some((second, h2)) = self.range_end(end, 0, 24, marker)
        {
            let after_hour = second.end + 1;
            let (m2, end2) = if t.get(after_hour) == Some(&'半') && t.get(after_hour + 1) != Some(&'会') {
                (30, after_hour + 1)
            } else {
                match self.small_at(after_hour) {
                    Some((q, m))
                        if m < 60 && t.get(q.end) == Some(&'分') && !self.starts_with(q.end, "分钟") =>
                    {
                        (m, q.end + 1)
                    }
                    _ => (0, after_hour),
                }
            };
            // `晚上8点到12点` ends at midnight.
            let h2 = match in_part_of_day(h2, part) {
                0 if h2 == 12 && m2 == 0 => 24,
                h => h,
            };
            if (h2, m2) > (hour, minute.unwrap_or(0)) {
                v = format!("{v}/T{h2:02}:{m2:02}");
                end = end2;
                rule = "time-range";
            }
        }
        // `早上9点左右`, `凌晨3时许`: about that time; `6点多` past it.
        let rules = self.rules;
        let after = rules
            .suffix_qualifiers
            .longest_at(t, end)
            .filter(|&(_, q)| rules.qualifiers.get(q).is_some_and(|q| q.approx == Approx::About))
            .map(|(len, _)| (len, Approx::About))
            .or_else(|| (t.get(end) == Some(&'许')).then_some((1, Approx::About)))
            .or_else(|| {
                // `6点多到达`, `7点多钟`; not `多云`, `多个`.
                let word_after = t.get(end + 1).is_some_and(|&c| {
                    c.is_alphabetic()
                        && c != '钟'
                        && self.tokens.word_containing(end).is_some_and(|w| w.end > end + 1)
                });
                (t.get(end) == Some(&'多') && !word_after)
                    .then(|| (1 + usize::from(t.get(end + 1) == Some(&'钟')), Approx::Over))
            });
        let mut f = self.date(from, end + after.map_or(0, |a| a.0), v, rule);
        f.approx = after.map(|a| a.1).or(about_before);
        Some(f)
    }

    /// `一季度`: `num` is the quarter number, `end` is past `季度`.
    pub(super) fn quarter(&mut self, start: usize, num: &Num, end: usize, y: Year) -> Option<Figure> {
        let q = num.small_int().filter(|q| (1..=4).contains(q))?;
        Some(self.date(start, end, format!("{}-Q{q}", year_str(y)), "date-quarter"))
    }

    /// What may follow a year: months, quarters, halves, `前N个月`, `底`; else the year.
    fn after_year(&mut self, start: usize, y: Year, k: usize, in_text: bool, rule: &str) -> Figure {
        let t = self.text;
        if t.get(k) == Some(&'前')
            && let Some(f) = self.months_to_date(start, k + 1, Some(y))
        {
            return f;
        }
        let k2 = if t.get(k) == Some(&'第') { k + 1 } else { k };
        if let Some((q, _)) = self.small_at(k2)
            && self.starts_with(q.end, "季度")
            && let Some(f) = self.quarter(start, &q, q.end + 2, y)
        {
            return f;
        }
        // `1996年元旦`, `今年国庆节`, `2016年春节`.
        if let Some(f) = self.holiday_of_year(start, y, k, (!in_text).then_some(rule)) {
            return f;
        }
        for (word, half) in [("上半年", 1), ("下半年", 2)] {
            if self.starts_with(k, word) {
                return self.date(start, k + 3, format!("{}-H{half}", year_str(y)), "date-half");
            }
        }
        for (word, month, r) in [
            ("年底", 12, "date-year-end"),
            ("年末", 12, "date-year-end"),
            ("底", 12, "date-year-end"),
            ("末", 12, "date-year-end"),
            ("年初", 1, "date-year-start"),
            ("初", 1, "date-year-start"),
        ] {
            // `去年初一` is last year's first day of the lunar year, not its start.
            let lunar_day =
                |end: usize| word == "初" && t.get(end).is_some_and(|c| "一二三四五六七八九十".contains(*c));
            if self.starts_with(k, word) && !lunar_day(k + word.chars().count()) {
                let rule = if in_text { r } else { rule };
                let end = k + word.chars().count();
                return self.date(start, end, month_str(y, month), rule);
            }
        }
        // `2007年元月`: January by another name.
        if let Some(w) = self.rules.january_words.iter().find(|w| written_at(t, k, w)) {
            let rule = if in_text { "date-ym" } else { rule };
            return self.after_month(start, y, 1, k + w.len(), rule);
        }
        // `今年的9月22日`, `去年的11月11号`: a relative year and its month across `的`.
        let month_of_year = |at: usize| {
            self.small_at(at)
                .filter(|(q, m)| (1..=12).contains(m) && t.get(q.end) == Some(&'月'))
        };
        let k = if !in_text && t.get(k) == Some(&'的') && month_of_year(k + 1).is_some() {
            k + 1
        } else {
            k
        };
        if let Some((q, m)) = self.small_at(k)
            && (1..=12).contains(&m)
        {
            if t.get(q.end) == Some(&'月') {
                let rule = if in_text { "date-ym" } else { rule };
                return self.after_month(start, y, m, q.end + 1, rule);
            }
            if let Some((second, m2)) = self
                .range_end(q.end, m, 12, '月')
                .or_else(|| self.next_month_listed(&q, m, q.end))
            {
                let mut end = second.end + 1;
                if t.get(end) == Some(&'份') {
                    end += 1;
                }
                let v = format!("{}/{}", month_str(y, m), month_str(y, m2));
                let rule = if in_text { "date-period" } else { rule };
                return self.date(start, end, v, rule);
            }
        }
        let f = self.date(start, k, year_str(y), rule);
        if in_text { self.extend_range(f, y, None) } else { f }
    }

    /// What may follow a month: a day, `份`, `底`.
    fn after_month(&mut self, start: usize, y: Year, m: u32, k: usize, rule: &str) -> Figure {
        let t = self.text;
        if let Some((q, d)) = self.small_at(k)
            && (1..=31).contains(&d)
            && d <= days_in_month(y.unwrap_or(2000), m)
            && matches!(t.get(q.end), Some('日' | '号'))
        {
            let rule = match rule {
                "date-ym" => "date-ymd",
                "date-m" => "date-md",
                other => other,
            };
            let f = self.date(start, q.end + 1, format!("{}-{d:02}", month_str(y, m)), rule);
            return self.extend_range(f, y, Some(m));
        }
        // `10月22`: a day without `日` when nothing else claims the number.
        if let Some((q, d)) = self.small_at(k)
            && (1..=31).contains(&d)
            && d <= days_in_month(y.unwrap_or(2000), m)
            && !q.decimal
            && !t
                .get(q.end)
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '%' | '.' | '点' | '點'))
            && self.rules.suffixes.longest_at(t, q.end).is_none()
            && self.rules.suffix_qualifiers.longest_at(t, q.end).is_none()
            && !self.starts_with(q.end, "分之")
            // `3月三峡左岸`: a Chinese numeral that begins a word is no day.
            && (q.arabic || (self.tokens.starts_at(q.start) && self.tokens.ends_at(q.end)))
        {
            let rule = match rule {
                "date-ym" => "date-ymd",
                "date-m" => "date-md",
                other => other,
            };
            let f = self.date(start, q.end, format!("{}-{d:02}", month_str(y, m)), rule);
            return self.extend_range(f, y, Some(m));
        }
        // `5月中旬`: a third of the month, as a period of days (the last third ends with
        // the month; in a year not known, February's with the 28th); `中下旬` and `上中旬`
        // two thirds.
        let dekads = [
            ("上中旬", 1, 20),
            ("中下旬", 11, 31),
            ("上旬", 1, 10),
            ("中旬", 11, 20),
            ("下旬", 21, 31),
        ];
        for (word, first, last) in dekads {
            if self.starts_with(k, word) {
                let last = last.min(days_in_month(y.unwrap_or(2001), m));
                let month = month_str(y, m);
                let v = format!("{month}-{first:02}/{month}-{last:02}");
                let f = self.date(start, k + word.chars().count(), v, "date-dekad");
                return self.extend_range(f, y, Some(m));
            }
        }
        let mut end = k;
        for word in ["份", "底", "末", "初"] {
            if self.starts_with(end, word) {
                end += word.chars().count();
                break;
            }
        }
        let f = self.date(start, end, month_str(y, m), rule);
        self.extend_range(f, y, Some(m))
    }

    /// `1月3日至2月10日`: joins a second date of the same precision into a period. A
    /// month and a day may meet when a third of a month stands at one end
    /// (`5月底到6月中旬` → `2026-05/2026-06-20`).
    fn extend_range(&mut self, first: Figure, y: Year, m: Option<u32>) -> Figure {
        let end = first.span[1];
        let FigureValue::Text(a) = &first.value else {
            return first;
        };
        let Some(slen) = self.separator_at(end) else {
            return first;
        };
        let Ok(num) = number_at(self.rules, self.text, end + slen) else {
            return first;
        };
        let Some(second) = self.date_from_number(end + slen, &num, Some((y, m))) else {
            return first;
        };
        let FigureValue::Text(b) = &second.value else {
            return first;
        };
        let (a_start, a_end) = a.split_once('/').unwrap_or((a, a));
        let (b_start, b_end) = b.split_once('/').unwrap_or((b, b));
        let same_shape = !a.contains('/') && !b.contains('/') && b.len() == a.len();
        // A period of days within one month (`2026-05-11/2026-05-20`).
        let dekad = |v: &str| v.len() == 21 && v.as_bytes()[10] == b'/';
        let dekad_at_an_end = (dekad(a) || dekad(b))
            && [a_start, a_end, b_start, b_end]
                .iter()
                .all(|v| is_month_or_day(v));
        if !(same_shape || dekad_at_an_end) {
            return first;
        }
        let common = a_end.len().min(b_start.len());
        if b_start.get(..common) <= a_end.get(..common) {
            return first;
        }
        let value = format!("{a_start}/{b_end}");
        let rule = if first.rule.starts_with("date-") {
            "date-period".to_owned()
        } else {
            first.rule.clone()
        };
        self.date(first.span[0], second.span[1], value, &rule)
    }

    /// `前三季度`, `前8个月` at `k` (past `前`), in year `year` or the one the end implies.
    fn months_to_date(&mut self, start: usize, k: usize, year: Option<Year>) -> Option<Figure> {
        let (q, n) = self.small_at(k)?;
        let y_for = |this: &Self, last: u32| {
            year.unwrap_or_else(|| this.year_in_sentence(start).or_else(|| this.year_for_month(last)))
        };
        if self.starts_with(q.end, "季度") && (1..=4).contains(&n) {
            // Quarters stay quarters, as `一季度` is `2026-Q1`: `2026-Q1/2026-Q3`.
            let y = year_str(y_for(self, n * 3));
            let v = if n == 1 {
                format!("{y}-Q1")
            } else {
                format!("{y}-Q1/{y}-Q{n}")
            };
            return Some(self.date(start, q.end + 2, v, "date-to-quarter"));
        }
        let (last, end) = if self.starts_with(q.end, "个月") && (1..=12).contains(&n) {
            (n, q.end + 2)
        } else if self.starts_with(q.end, "月") && !self.starts_with(q.end, "月份") && (1..=12).contains(&n)
        {
            // `前两月`, `前5月`: the first months too.
            (n, q.end + 1)
        } else {
            return None;
        };
        let y = y_for(self, last);
        let v = format!("{}/{}", month_str(y, 1), month_str(y, last));
        Some(self.date(start, end, v, "date-to-month"))
    }

    /// `星期三`, `周三`: the day of that weekday in the publication week.
    pub(super) fn weekday(&mut self, i: usize) -> Option<Figure> {
        let t = self.text;
        if i > 0 && self.rules.weekday_not_after.contains(&t[i - 1]) {
            return None;
        }
        let word = self.rules.weekday_words.iter().find(|w| written_at(t, i, w))?;
        let k = i + word.len();
        let day = self.weekday_digit(k)?;
        // `周一良教授`: a name that starts with the weekday; `过去一周一直下滑`: the week
        // word ends another word (`一周`), and its numeral starts the next.
        if self.tokens.containing(i).is_some_and(|tok| {
            (tok.start == i && tok.end > k + 1 && tok.tag.starts_with("nr"))
                || (tok.start < i && tok.end == k)
        }) {
            return None;
        }
        let v = match self.published {
            Some(p) => p.add_days(i64::from(day) - i64::from(p.weekday())).iso(),
            None => format!("XXXX-WXX-{day}"),
        };
        Some(self.date(i, k + 1, v, "date-weekday"))
    }

    /// `前三季度`, `上半年` with no year before them.
    pub(super) fn yearless_period(&mut self, i: usize) -> Option<Figure> {
        match self.text[i] {
            // `之前9月在…`, `目前`: `前` ends another word there.
            '前' if i > 0 && "之以此提目事战当空眼面跟从".contains(self.text[i - 1]) => None,
            '前' => self.months_to_date(i, i + 1, None),
            '上' | '下' => {
                let half = if self.starts_with(i, "上半年") {
                    1
                } else if self.starts_with(i, "下半年") {
                    2
                } else {
                    return None;
                };
                // `2012年上市银行半年报显示,…上半年`: the sentence's year, as for a month.
                let y = match self.year_in_sentence(i) {
                    Some(y) => Some(y),
                    None if half == 2 => self.year_for_month(7),
                    None => self.pub_year(),
                };
                Some(self.date(i, i + 3, format!("{}-H{half}", year_str(y)), "date-half"))
            }
            _ => None,
        }
    }

    /// The holiday whose word starts at `k`, in year `y` written from `start`
    /// (`2016年春节`, `2024春节`); the rule is the holiday's unless `rule` is given.
    fn holiday_of_year(&mut self, start: usize, y: Year, k: usize, rule: Option<&str>) -> Option<Figure> {
        let rules = self.rules;
        // `2014马年春节`: the year's name between.
        let k = k + rules
            .year_epithets
            .iter()
            .find(|w| written_at(self.text, k, w))
            .map_or(0, Vec::len);
        let Some((len, Standalone::Holiday(h))) = rules.standalone.longest_at(self.text, k) else {
            return None;
        };
        let hd = rules.holidays.get(h)?;
        let value = if hd.lunar {
            match y.and_then(|y| self.lunar_day(hd, y)) {
                Some(d) => d.iso(),
                None => format!("{}-XX-XX", year_str(y)),
            }
        } else {
            hd.date_in(&year_str(y))
        };
        Some(self.date(start, k + len, value, rule.unwrap_or(hd.id.as_str())))
    }

    /// A holiday word with no year before it. Most such uses name the holiday, not a
    /// day (`春节期间,亲朋好友聚会`, `庆祝春节`), so it is no figure unless its rule says
    /// `alone`. Then `元旦`, `国庆节`: a holiday on a fixed day, in the year nearest the
    /// publication date; `XXXX` without one. `春节`, `中秋节`: a day of the lunar
    /// calendar, on the occurrence nearest the publication date; without one the text
    /// fixes no day, and the word is left out with a warning.
    pub(super) fn holiday(&mut self, i: usize, len: usize, h: usize) -> Step {
        let rules = self.rules;
        let Some(hd) = rules.holidays.get(h) else {
            return Step::Nothing;
        };
        if !hd.alone {
            return Step::Skip(i + len);
        }
        if hd.lunar {
            let Some(p) = self.published else {
                let word = self.slice(i, i + len);
                self.warnings.push(format!(
                    "figure `{word}` at {i}..{}: a lunar holiday with no publication date; left out",
                    i + len
                ));
                return Step::Skip(i + len);
            };
            let days = (p.y - 1..=p.y + 1).filter_map(|ly| self.lunar_day(hd, ly));
            return match nearest_day(p, days) {
                Some(d) => Step::Found(self.date(i, i + len, d.iso(), &hd.id)),
                None => Step::Skip(i + len),
            };
        }
        let y = self.published.map(|p| nearest_year(p, hd.month, hd.day));
        Step::Found(self.date(i, i + len, hd.date_in(&year_str(y)), &hd.id))
    }

    /// What follows a word that gives no year (`每年`, `同年` with none before it), read
    /// as from an unknown year: a month or a day of it, spanning from `start`; `None`
    /// when nothing follows but the year itself.
    fn yearless(&mut self, start: usize, k: usize, rule: &str) -> Option<Figure> {
        let f = self.after_year(start, None, k, false, rule);
        // A lunar holiday without its year (`每年春节`) has no day either.
        let fixes_nothing = matches!(&f.value, FigureValue::Text(v) if v == "XXXX" || v == "XXXX-XX-XX");
        (!fixes_nothing).then_some(f)
    }

    /// The Gregorian day of lunar holiday `hd` in lunar year `ly`, when the table has it.
    fn lunar_day(&self, hd: &crate::rules::figures::Holiday, ly: i32) -> Option<Ymd> {
        let &(y, m, d) = self.rules.lunar_months.get(&(ly, hd.month))?;
        Some(Ymd { y, m, d }.add_days(i64::from(hd.day) - 1 + hd.offset_days))
    }

    /// A relative date word from the rules at `i`, `len` chars long.
    pub(super) fn relative(&mut self, i: usize, len: usize, r: usize) -> Step {
        let Some(rd) = self.rules.relative_dates.get(r).cloned() else {
            return Step::Nothing;
        };
        let end = i + len;
        // `下周边`, `上周期`: the word begins another one.
        if rd.not_before.iter().any(|w| written_at(self.text, end, w))
            || rd.not_after.iter().any(|w| written_before(self.text, i, w))
        {
            return Step::Nothing;
        }
        // A one-char word (`今` of `今起`) must begin a word of its own: not `文明起源`.
        if len == 1 && self.tokens.word_containing(i).is_none_or(|t| t.start != i) {
            return Step::Nothing;
        }
        // `市场上/月饼`: jieba joins the word's last char to a noun that runs on.
        if len > 1
            && self
                .tokens
                .containing(end - 1)
                .is_some_and(|t| t.start > i && t.end > end && t.tag.starts_with('n'))
        {
            return Step::Nothing;
        }
        if self.in_era_frame(i, &rd.era_frame) {
            return Step::Nothing;
        }
        if rd.era_before_place && self.era_before_place(end) {
            return Step::Nothing;
        }
        if rd.era_before_mark && self.era_before_mark(i, end) {
            return Step::Nothing;
        }
        let contrast = &rd.era_after_contrast;
        if contrast
            .only
            .iter()
            .any(|w| w.len() == len && written_at(self.text, i, w))
            && self.era_after_contrast(i, end, contrast)
        {
            return Step::Nothing;
        }
        // `《今日关注》`, `《本周新闻》`, `《今天我们怎样做父亲》`: a day or week named inside a
        // title is the title's, not one of the article (`《关于今年…的通知》` keeps its year).
        if matches!(rd.unit, DateUnit::Day | DateUnit::Week) && self.in_title([i, end]) {
            return Step::Skip(end);
        }
        let word = self.slice(i, end);
        if rd.whole_word
            && self
                .tokens
                .word_containing(i)
                .is_none_or(|t| t.start != i || t.end != end)
        {
            return Step::Nothing;
        }
        // `每年10月`, `每年的11月`: a month of every year, so of no year the text fixes.
        if rd.recurring {
            let k = if self.text.get(end) == Some(&'的') {
                end + 1
            } else {
                end
            };
            return self.yearless(i, k, &rd.id).map_or(Step::Skip(end), Step::Found);
        }
        // `计划年底开通`, `比年初增长`: a month of this year, or of the sentence's own year.
        if let Some(month) = rd.month {
            let offset = i32::try_from(rd.offset).unwrap_or(0);
            let year = rd
                .anaphoric
                .then(|| self.year_in_sentence(i))
                .flatten()
                .or(self.published.map(|p| p.y))
                .map(|y| y + offset);
            let Some(y) = year else {
                return self.undated_relative(&word, i, end);
            };
            return Step::Found(self.date(i, end, month_str(Some(y), month), &rd.id));
        }
        // `2024年德国国内生产总值比上年下降0.2%`: the year before the one written.
        let context_year = || self.year_before(i, rd.across_sentences, !rd.anaphoric_only);
        if rd.anaphoric
            && rd.unit == DateUnit::Year
            && let Some(y) = context_year()
        {
            let y = y + i32::try_from(rd.offset).unwrap_or(0);
            return Step::Found(self.after_year(i, Some(y), end, false, &rd.id));
        }
        // `同年12月` with no year written before it: a December of a year the text does
        // not give, not the publication year's.
        if rd.anaphoric_only {
            return self.yearless(i, end, &rd.id).map_or(Step::Skip(end), Step::Found);
        }
        // `8月份…指数较上月回落`: the month before the one reported.
        if rd.anaphoric
            && rd.unit == DateUnit::Month
            && let Some((y, m)) = self.month_in_sentence(i, &rd.id)
        {
            let (shifted, m) = add_months(y.unwrap_or(2000), m, rd.offset);
            return Step::Found(self.after_month(i, y.map(|_| shifted), m, end, &rd.id));
        }
        let Some(p) = self.published else {
            if rd.unit == DateUnit::Century
                && let Some(f) = self.in_century(i, None, end)
            {
                return Step::Found(f);
            }
            // `本周五`: the weekday alone is read next, as a day of an unknown week.
            if rd.unit == DateUnit::Week && self.weekday_digit(end).is_some() {
                return Step::Nothing;
            }
            if rd.unit == DateUnit::Year
                && let Some(f) = self.yearless(i, end, &rd.id)
            {
                return Step::Found(f);
            }
            return self.undated_relative(&word, i, end);
        };
        if let Some(to) = rd.through {
            let v = match rd.unit {
                DateUnit::Year => {
                    let year = |o: i64| p.y + i32::try_from(o).unwrap_or(0);
                    format!("{}/{}", year_str(Some(year(rd.offset))), year_str(Some(year(to))))
                }
                DateUnit::Month => {
                    let month = |o: i64| {
                        let (y, m) = add_months(p.y, p.m, o);
                        month_str(Some(y), m)
                    };
                    format!("{}/{}", month(rd.offset), month(to))
                }
                _ => format!("{}/{}", p.add_days(rd.offset).iso(), p.add_days(to).iso()),
            };
            return Step::Found(self.date(i, end, v, &rd.id));
        }
        match rd.unit {
            DateUnit::Year => {
                let y = p.y + i32::try_from(rd.offset).unwrap_or(0);
                Step::Found(self.after_year(i, Some(y), end, false, &rd.id))
            }
            DateUnit::Month => {
                let (y, m) = add_months(p.y, p.m, rd.offset);
                Step::Found(self.after_month(i, Some(y), m, end, &rd.id))
            }
            DateUnit::Day => {
                let v = p.add_days(rd.offset).iso();
                Step::Found(self.date(i, end, v, &rd.id))
            }
            DateUnit::Week => {
                let monday = p.add_days(rd.offset * 7 - i64::from(p.weekday()) + 1);
                // `上周四`: a day of that week.
                if let Some(day) = self.weekday_digit(end) {
                    let v = monday.add_days(i64::from(day) - 1).iso();
                    return Step::Found(self.date(i, end + 1, v, "date-weekday"));
                }
                // `本周末`, `上周末`: that week's Saturday and Sunday.
                if self.text.get(end) == Some(&'末') {
                    let v = format!("{}/{}", monday.add_days(5).iso(), monday.add_days(6).iso());
                    return Step::Found(self.date(i, end + 1, v, "date-weekend"));
                }
                let (y, w) = monday.iso_week();
                Step::Found(self.date(i, end, format!("{y:04}-W{w:02}"), &rd.id))
            }
            DateUnit::Century => {
                // 2026 is in the 21st century (2001-2100), whose hundreds are 2000.
                let base = ((p.y - 1).div_euclid(100) + i32::try_from(rd.offset).unwrap_or(0)) * 100;
                Step::Found(self.century(i, base, end, &rd.id))
            }
        }
    }

    /// A relative date that no publication date resolves: left out, with a warning.
    fn undated_relative(&mut self, word: &str, i: usize, end: usize) -> Step {
        self.warnings.push(format!(
            "figure `{word}` at {i}..{end}: a relative date with no publication date; left out"
        ));
        Step::Skip(end)
    }

    /// Where the clause holding `at` starts: after the last clause mark before it, at
    /// most `reach` chars back.
    pub(super) fn clause_start(&self, at: usize, reach: usize) -> usize {
        let from = at.saturating_sub(reach);
        (from..at)
            .rev()
            .find(|&k| is_clause_mark(self.text[k]))
            .map_or(from, |k| k + 1)
    }

    /// `在经济发展的今天`: `的` right before `i`, and one of `frame` (a preposition to
    /// jieba) earlier in the same clause: the word means "these days".
    fn in_era_frame(&self, i: usize, frame: &[String]) -> bool {
        if frame.is_empty() || i == 0 || self.text[i - 1] != '的' {
            return false;
        }
        self.tokens
            .within(self.clause_start(i, 40), i - 1)
            .any(|t| t.tag == "p" && frame.iter().any(|w| w == t.word))
    }

    /// `经济全球化深入发展的今天,`, `没有中国的今天;`: `的` right before `i` and a clause
    /// mark at `end`: the word means "these days". Not after `前的` or `年的`:
    /// `两个月前的今天`, `去年的今天` are a day.
    fn era_before_mark(&self, i: usize, end: usize) -> bool {
        i >= 2
            && self.text[i - 1] == '的'
            && !matches!(self.text[i - 2], '前' | '年')
            && self.text.get(end).is_some_and(|&c| is_clause_mark(c))
    }

    /// `两千多年前,…相映成辉;今天,…`: the word at `i..end` opens a clause (at the
    /// sentence's start, after a clause mark or `而`) and a word of the past stands
    /// earlier in its sentence (`contrast`), so it sets these days against the past. A
    /// bracketed date after it (`今天(10月20日)`) keeps it a day.
    fn era_after_contrast(&self, i: usize, end: usize, contrast: &EraContrast) -> bool {
        let t = self.text;
        let Some(from) = self.sentence_start(i) else {
            return false;
        };
        let opens = i == from || matches!(t[i - 1], '而') || is_clause_mark(t[i - 1]);
        if !opens || matches!(t.get(end), Some('(' | '（')) {
            return false;
        }
        let counted_back = |k: usize| {
            k.checked_sub(1).and_then(|b| t.get(b)).is_some_and(|&c| {
                c.is_ascii_digit() || chinese_digit(c).is_some() || matches!(c, '多' | '几' | '余')
            })
        };
        let before = |k: usize, w: &[char]| written_at(t, k, w) && k + w.len() <= i;
        (from..i).any(|k| {
            contrast.words.iter().any(|w| before(k, w))
                || contrast
                    .after_count
                    .iter()
                    .any(|w| before(k, w) && counted_back(k))
        })
    }

    /// The weekday a character at `k` names (`四` in `上周四`), when no digit or scale
    /// follows it: `周三十`, `星期一二` are not one weekday.
    pub(super) fn weekday_digit(&self, k: usize) -> Option<u32> {
        let t = self.text;
        let day = match t.get(k)? {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '日' | '天' => 7,
            _ => return None,
        };
        if t.get(k + 1)
            .is_some_and(|&c| chinese_digit(c).is_some() || self.rules.scales.contains_key(&c))
        {
            return None;
        }
        Some(day)
    }

    /// A decade at `k`: a number (or a loose pair, `五六十`) of tens before a decade
    /// word (`90年代`, `七十年代`), or a year (`1990年代`). Returns the first year of
    /// the first decade (two digits, or four for a year), the first year of the last,
    /// and where the word ends.
    fn decade_at(&self, k: usize) -> Option<(i32, i32, usize)> {
        // `五六十年代`, `五、六十年代`, `5、60年代`.
        let pair = self.loose_pair(k).or_else(|| self.listed_pair(k, Decimal::TEN));
        let (num, upper) = match pair {
            Some((n, u)) => (n, Some(u)),
            None => {
                let first = number_at(self.rules, self.text, k).ok()?;
                // `60-90年代`, `50到70年代`: two decades joined by a range word.
                match self.range_second(first.end) {
                    Some(second)
                        if self
                            .rules
                            .decade_words
                            .iter()
                            .any(|w| written_at(self.text, second.end, w)) =>
                    {
                        let upper = second.value;
                        (
                            Num {
                                end: second.end,
                                ..first
                            },
                            Some(upper),
                        )
                    }
                    _ => (first, None),
                }
            }
        };
        let len = self
            .rules
            .decade_words
            .iter()
            .find(|w| written_at(self.text, num.end, w))?
            .len();
        let tens = |v: u32| {
            (v.is_multiple_of(10) && ((10..=90).contains(&v) || (1000..=2990).contains(&v))).then_some(v)
        };
        let lo = tens(num.small_int()?)?;
        let hi = match upper {
            Some(u) => tens(u32::try_from(u.trunc().mantissa()).ok()?)?,
            None => lo,
        };
        if hi < lo || (lo < 100) != (hi < 100) {
            return None;
        }
        Some((i32::try_from(lo).ok()?, i32::try_from(hi).ok()?, num.end + len))
    }

    /// The century whose hundreds are `base` (`20世纪`: 1900), its word ending at `end`,
    /// or the decade of it that follows (`上世纪90年代` = 1990/1999); `rule` names the
    /// century's entry. A century alone is counted strictly, from its year 1 to its
    /// year 100 (`21世纪` = 2001/2100), as a decade counts from its year 0.
    fn century(&mut self, start: usize, base: i32, end: usize, rule: &str) -> Figure {
        match self.in_century(start, Some(base), end) {
            Some(f) => f,
            None => self.date(start, end, format!("{:04}/{:04}", base + 1, base + 100), rule),
        }
    }

    /// The second end of a range after a number ending at `k` (`60-90`, `7至10`).
    pub(super) fn range_second(&self, k: usize) -> Option<Num> {
        let (len, ()) = self.rules.separators.longest_at(self.text, k)?;
        number_at(self.rules, self.text, k + len).ok()
    }

    /// `一、二月份`, `三、四月`, `每年三、四月份`: the month after `m` listed right after
    /// `first` (the number of month `m`, ending at `k`) in the same numerals, and its
    /// number, as [`Scanner::range_end`] gives the end of `1—2月`: the two are the
    /// period from one to the other, as `1、2月份` is.
    fn next_month_listed(&self, first: &Num, m: u32, k: usize) -> Option<(Num, u32)> {
        if !(1..12).contains(&m) {
            return None;
        }
        let second = self.listed_next(k)?;
        (second.arabic == first.arabic
            && second.small_int() == Some(m + 1)
            && self.text.get(second.end) == Some(&'月'))
        .then_some((second, m + 1))
    }

    /// The number after a loose-range mark at `k` (`17、18世纪`).
    pub(super) fn listed_next(&self, k: usize) -> Option<Num> {
        let mark = self.text.get(k)?;
        if !self.rules.loose_range_marks.contains(mark) {
            return None;
        }
        number_at(self.rules, self.text, k + 1).ok()
    }

    /// The decade after a century word ending at `k` (`上世纪90年代`), in the century
    /// that begins at `base` (unknown: `XX90/XX99`).
    pub(super) fn in_century(&mut self, start: usize, base: Option<i32>, k: usize) -> Option<Figure> {
        let (lo, hi, end) = self.decade_at(k)?;
        if lo >= 100 {
            return None;
        }
        let v = match base {
            Some(b) => format!("{:04}/{:04}", b + lo, b + hi + 9),
            None => format!("XX{lo:02}/XX{:02}", hi + 9),
        };
        Some(self.date(start, end, v, "date-decade"))
    }

    /// `90年代`, `五六十年代`, `1990年代`, `20世纪80年代`, `十九世纪`: a decade at `j`
    /// (the latest one begun by the publication year), or a century and what follows it.
    pub(super) fn decade(&mut self, start: usize, num: &Num, j: usize) -> Option<Figure> {
        let text = self.text;
        let rules = self.rules;
        if let Some(w) = rules.century_words.iter().find(|w| written_at(text, num.end, w)) {
            let c = i32::try_from(num.small_int()?)
                .ok()
                .filter(|c| (1..=30).contains(c))?;
            if num.decimal || num.start != j {
                return None;
            }
            // `一世纪的沧桑` is "a century", not the first one.
            if c == 1 && !num.arabic {
                return None;
            }
            return Some(self.century(start, (c - 1) * 100, num.end + w.len(), "date-century"));
        }
        // `7至10世纪` = 0601/1000: two centuries joined by a range word; `17、18世纪`:
        // two neighbouring ones listed.
        let joined = self
            .range_second(num.end)
            .map(|s| (s, false))
            .or_else(|| self.listed_next(num.end).map(|s| (s, true)));
        if let Some((second, listed)) = joined
            && let Some(w) = rules
                .century_words
                .iter()
                .find(|w| written_at(text, second.end, w))
        {
            let c1 = i32::try_from(num.small_int()?).ok()?;
            let c2 = i32::try_from(second.small_int()?).ok()?;
            if num.start != j
                || !(1..c2).contains(&c1)
                || c2 > 30
                || num.arabic != second.arabic
                || (listed && c2 != c1 + 1)
            {
                return None;
            }
            let end = second.end + w.len();
            // `15世纪至19世纪末` reads each century alone.
            let v = format!("{:04}/{:04}", (c1 - 1) * 100 + 1, c2 * 100);
            return Some(self.date(start, end, v, "date-century"));
        }
        let (lo, hi, end) = self.decade_at(j)?;
        let v = if lo >= 100 {
            format!("{lo:04}/{:04}", hi + 9)
        } else {
            match self.published {
                Some(p) => {
                    let mut b = p.y.div_euclid(100) * 100;
                    if b + hi > p.y {
                        b -= 100;
                    }
                    format!("{:04}/{:04}", b + lo, b + hi + 9)
                }
                None => format!("XX{lo:02}/XX{:02}", hi + 9),
            }
        };
        Some(self.date(start, end, v, "date-decade"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holiday_falls_in_the_year_nearest_the_publication_date() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2000, 3, 1), 11_017);
        assert_eq!(day_number(1969, 12, 31), -1);
        let on = |s: &str| Ymd::parse(s).unwrap();
        assert_eq!(nearest_year(on("2025-12-28"), 1, 1), 2026);
        assert_eq!(nearest_year(on("2026-01-22"), 1, 1), 2026);
        assert_eq!(nearest_year(on("2026-03-01"), 10, 1), 2025);
        assert_eq!(nearest_year(on("2026-05-01"), 12, 25), 2025);
        assert_eq!(nearest_year(on("2026-09-01"), 12, 25), 2026);
        // February 29 only in a leap year.
        assert_eq!(nearest_year(on("2025-03-01"), 2, 29), 2024);
    }

    #[test]
    fn calendar_arithmetic() {
        let d = Ymd::parse("2026-03-01").unwrap();
        assert_eq!(d.add_days(-1), Ymd { y: 2026, m: 2, d: 28 });
        assert_eq!(
            Ymd::parse("2024-12-31").unwrap().add_days(1),
            Ymd { y: 2025, m: 1, d: 1 }
        );
        assert_eq!(add_months(2026, 1, -1), (2025, 12));
        assert_eq!(Ymd::parse("2026-02-30"), None);
    }

    #[test]
    fn iso_weeks() {
        let week = |s: &str| Ymd::parse(s).unwrap().iso_week();
        assert_eq!(week("2026-01-22"), (2026, 4));
        assert_eq!(week("2026-01-01"), (2026, 1));
        assert_eq!(week("2025-12-29"), (2026, 1));
        assert_eq!(week("2027-01-03"), (2026, 53));
        assert_eq!(week("2021-01-03"), (2020, 53));
        assert_eq!(week("2024-12-30"), (2025, 1));
    }
}

/// How precise an ISO date value is, for joining two dates into a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precision {
    Year,
    Month,
    Day,
    DayTime,
    Time,
}

/// `v` with every year it writes (at its start and after a `/`) moved by `delta`, or
/// an unknown year (`XXXX`) set to `year`.
fn with_year(v: &str, delta: i32, year: i32) -> String {
    v.split('/')
        .map(|part| match numeric_year(part) {
            Some(y) => format!("{:04}{}", y + delta, &part[4..]),
            None => match part.strip_prefix("XXXX") {
                Some(rest) => format!("{year:04}{rest}"),
                None => part.to_owned(),
            },
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether `c` ends a sentence, for the dates that look back or on within theirs.
fn ends_sentence(c: &char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
}

/// Whether a date figure writes a day without its month or year (`21日`, `5号`).
fn writes_day_alone(f: &Figure) -> bool {
    !f.text.contains(['年', '月']) && f.text.contains(['日', '号'])
}

/// The year a date value starts with, when it writes one (`2015-03-11`, not `XXXX-…`).
fn numeric_year(v: &str) -> Option<i32> {
    v.get(..4)
        .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()
}

/// The precision of a fully known date value (`2026`, `2026-01`, `2026-01-21`,
/// `2026-01-21T10:00`, `T10:00`); none for periods, quarters, weeks and unknown parts.
fn precision(v: &str) -> Option<Precision> {
    let (date, time) = match v.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (v, None),
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(t) = time {
        let (h, m) = t.split_once(':')?;
        if !(digits(h, 2) && digits(m, 2)) {
            return None;
        }
    }
    let parts: Vec<&str> = if date.is_empty() {
        Vec::new()
    } else {
        date.split('-').collect()
    };
    Some(match (parts.as_slice(), time.is_some()) {
        ([], true) => Precision::Time,
        ([y], false) if digits(y, 4) => Precision::Year,
        ([y, m], false) if digits(y, 4) && digits(m, 2) => Precision::Month,
        ([y, m, d], timed) if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            if timed {
                Precision::DayTime
            } else {
                Precision::Day
            }
        }
        _ => return None,
    })
}

impl Scanner<'_, '_> {
    /// `今天到25日`, `去年8月到今年3月`, `昨天早8点至晚8点`: two dates joined by a range
    /// separator are one period when the second comes after the first at the same
    /// precision. A day without its month after one is in the first date's month, or
    /// the next (`今天到25日`, `9月7日23时至8日凌晨`); a time alone is on the first
    /// date's day. A part of the day may follow the first day (`22日晚上至23日`).
    pub(super) fn join_date_ranges(&mut self) {
        let mut j = 0;
        while j + 1 < self.out.len() {
            // Most neighbours are no two dates: ask before copying.
            let (a, b) = (&self.out[j], &self.out[j + 1]);
            if a.kind == FigureKind::Date && b.kind == FigureKind::Date && b.span[0] > a.span[1] {
                let gap = self.range_gap(a);
                let separated = self
                    .rules
                    .separators
                    .longest_at(self.text, gap)
                    .is_some_and(|(len, ())| gap + len == b.span[0]);
                if separated {
                    let (a, b) = (a.clone(), b.clone());
                    if let Some(period) = self.date_range(&a, &b) {
                        self.out[j] = period;
                        self.out.remove(j + 1);
                    }
                }
            }
            j += 1;
        }
    }

    /// Where a range separator after the date `a` would start: right after it, or after
    /// a part of the day that a whole day leaves out of its figure (`22日晚上至23日`),
    /// or after `开始` (`今天开始到9月2日`).
    fn range_gap(&self, a: &Figure) -> usize {
        let end = a.span[1];
        let whole_day = matches!(&a.value, FigureValue::Text(v) if precision(v) == Some(Precision::Day));
        if !whole_day {
            return end;
        }
        // `今天开始到9月2日`: the start may be said so before the separator.
        let end = self.past_part_of_day(end);
        if self.starts_with(end, "开始") {
            end + 2
        } else {
            end
        }
    }

    /// Where a part of the day written at `at` ends (`上午`, `晚上`), or `at` when none is.
    fn past_part_of_day(&self, at: usize) -> usize {
        PARTS_OF_DAY
            .iter()
            .find(|(word, _)| self.starts_with(at, word))
            .map_or(at, |(word, _)| at + word.chars().count())
    }

    /// The period from the date `a` to the date `b`, which a range separator joins (see
    /// [`Self::join_date_ranges`]).
    fn date_range(&mut self, a: &Figure, b: &Figure) -> Option<Figure> {
        let (FigureValue::Text(from), FigureValue::Text(to)) = (&a.value, &b.value) else {
            return None;
        };
        if a.approx.is_some() || b.approx.is_some() {
            return None;
        }
        let pa = precision(from)?;
        let mut to = to.clone();
        let mut pb = precision(&to)?;
        // A day of no month (`至5日24时`): the first date's month, or the next one.
        let lone_day = writes_day_alone(b) && matches!(pb, Precision::Day | Precision::DayTime);
        if lone_day && matches!(pa, Precision::Day | Precision::DayTime) {
            let start = Ymd::parse(from)?;
            let d: u32 = to.get(8..10)?.parse().ok()?;
            let (y, m) = if d >= start.d {
                (start.y, start.m)
            } else {
                add_months(start.y, start.m, 1)
            };
            if d > days_in_month(y, m) {
                return None;
            }
            to = format!("{y:04}-{m:02}-{d:02}{}", to.get(10..).unwrap_or(""));
        }
        // A month written without its year after a written month or a relative day
        // (`去年3月11日到3月15日`, `今天起到4月17日`) is in the first date's year, or the
        // next when it would come first.
        let after_relative_day = || self.relative_rule_of(a).is_some_and(|r| r.unit == DateUnit::Day);
        let yearless = (a.text.contains(['年', '月']) || after_relative_day())
            && !b.text.contains('年')
            && b.text.contains('月')
            && self.relative_rule_of(b).is_none();
        if yearless
            && !to.contains('/')
            && numeric_year(&to).is_some()
            && let Some(y1) = numeric_year(from)
        {
            let rest = to.get(4..)?.to_owned();
            to = format!("{y1:04}{rest}");
            // Only a later month runs into the next year (`12月30日至1月3日`).
            if to.as_str() <= from.as_str() && rest.get(..3) < from.get(4..7) {
                to = format!("{:04}{rest}", y1 + 1);
            }
        }
        if pb == Precision::Time && pa == Precision::DayTime {
            to = format!("{}{to}", from.get(..10)?);
            pb = Precision::DayTime;
        }
        // `9月7日23时至8日凌晨`, `29号晚至30号凌晨6点`: a time to a day, or a day to a
        // time, is a period too.
        let same = pa == pb
            || matches!(
                (pa, pb),
                (Precision::DayTime, Precision::Day) | (Precision::Day, Precision::DayTime)
            );
        if !same || to.as_str() <= from.as_str() {
            return None;
        }
        let value = FigureValue::Text(format!("{from}/{to}"));
        Some(self.figure(
            FigureKind::Date,
            a.span[0],
            b.span[1],
            value,
            None,
            None,
            None,
            "date-period",
        ))
    }
}
