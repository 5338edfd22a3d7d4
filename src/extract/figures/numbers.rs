//! Reading one number at a position: Arabic digits with thousands separators and
//! decimals, Chinese numerals (`一二两三…`, financial `壹贰叁…`, `〇`), digit strings
//! (`二〇二五`), mixed forms (`3.2万`, `十三点五万`, `1万5千`, `5亿2千3百万`) and the
//! colloquial tail (`三百五` = 350, `九万四` = 94000).
//!
//! Scale characters come from the rules (`万` = 10000). A scale at or above 10000
//! multiplies everything read before it when it is not smaller than the previous one
//! (`5万亿` = 5 x 10^4 x 10^8) and only the part since the previous one otherwise
//! (`5亿2千3百万` = 5 x 10^8 + 2300 x 10^4). All arithmetic is checked: a number too large
//! for a `Decimal` is no number, never a panic.

use crate::record::{Approx, FigureKind};
use crate::rules::figures::{FigureRules, Suffix};
use rust_decimal::Decimal;

/// Value of a Chinese digit character.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        // `○` (a white circle) stands for `〇` in many typeset years: `二○○一年`.
        '零' | '〇' | '○' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '倆' | '俩' => 2,
        '三' | '叁' | '參' | '叄' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Roman numeral character (`Ⅲ` = 3, as in `Ⅲ级预警`, `Ⅱ类水质`).
pub fn roman_numeral(c: char) -> Option<u32> {
    match c {
        '\u{2160}'..='\u{216B}' => Some(c as u32 - 0x2160 + 1),
        '\u{2170}'..='\u{217B}' => Some(c as u32 - 0x2170 + 1),
        _ => None,
    }
}

/// One number read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Num {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The value.
    pub value: Decimal,
    /// Any Arabic digit in it.
    pub arabic: bool,
    /// Any Chinese numeral character in it.
    pub chinese: bool,
    /// Digits of a plain Arabic integer (`2025` = 4), 0 for any other shape.
    pub int_digits: usize,
    /// A Chinese digit string such as `二〇二五`: its length, else 0.
    pub digit_string: usize,
    /// Has a decimal point.
    pub decimal: bool,
    /// Has a scale character.
    pub scaled: bool,
    /// `value = lead x scale` when the number is a plain number followed only by big
    /// scales (`25亿`): lets a range share its scale (`3至5万`).
    pub lead: Decimal,
    /// See `lead`; 1 when there is no scale.
    pub scale: Decimal,
    /// `value = lead x scale` holds.
    pub simple: bool,
    /// Starts with a scale character (`百`, `千`), as in `千万`.
    pub unit_first: bool,
    /// `多`, `余` inside the number (`十多万`).
    pub approx: Option<(Approx, usize)>,
    /// Integer Arabic number written with a leading zero (`0571`).
    pub leading_zero: bool,
}

impl Num {
    /// Number of chars.
    pub fn chars(&self) -> usize {
        self.end - self.start
    }

    /// The value as a small integer, when the number is a plain integer.
    pub fn small_int(&self) -> Option<u32> {
        if self.decimal || self.approx.is_some() {
            return None;
        }
        // Most numbers read have no scale: their mantissa is the value, with no division.
        if self.value.scale() == 0 {
            return u32::try_from(self.value.mantissa()).ok();
        }
        if self.value.fract() != Decimal::ZERO {
            return None;
        }
        u32::try_from(self.value.mantissa() / 10i128.pow(self.value.scale())).ok()
    }
}

/// Why no number was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoNum {
    /// Nothing numeric here.
    None,
    /// Something numeric that is not a figure (`十四五`, `1.2.3`): skip to this char.
    Skip(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    Digit,
    Zero,
    Small,
    Big,
}

/// An Arabic number: value, end, integer digits, has a decimal part, leading zero.
type Arabic = (Decimal, usize, usize, bool, bool);

/// Reads Arabic digits at `at`: integer part with optional `,` thousands groups, then
/// an optional `.` fraction. Returns (value, end, integer digits, decimal, leading zero).
fn arabic_at(text: &[char], at: usize) -> Result<Option<Arabic>, usize> {
    let n = text.len();
    let mut j = at;
    let mut mantissa: i128 = 0;
    let mut count = 0usize;
    let mut push = |c: char, count: &mut usize| -> bool {
        *count += 1;
        let d = i128::from(c as u8 - b'0');
        match mantissa.checked_mul(10).and_then(|m| m.checked_add(d)) {
            Some(m) if *count <= 28 => {
                mantissa = m;
                true
            }
            _ => false,
        }
    };
    while j < n && text[j].is_ascii_digit() {
        if !push(text[j], &mut count) {
            return Err(skip_digits(text, j));
        }
        j += 1;
    }
    if count == 0 && !(text.get(j) == Some(&'.') && text.get(j + 1).is_some_and(char::is_ascii_digit)) {
        return Ok(None);
    }
    let mut int_len = count;
    let mut grouped = false;
    if int_len <= 3 {
        while text.get(j) == Some(&',')
            && text
                .get(j + 1..j + 4)
                .is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !text.get(j + 4).is_some_and(char::is_ascii_digit)
        {
            for k in j + 1..j + 4 {
                if !push(text[k], &mut count) {
                    return Err(skip_digits(text, k));
                }
            }
            j += 4;
            grouped = true;
        }
    }
    let leading_zero = !grouped && int_len > 1 && text[at] == '0';
    let mut decimal = false;
    let mut scale = 0u32;
    // `23·3%`: older papers print the decimal point as a middle dot, and some a bullet
    // or a katakana middle dot (`“11•21”`, read then as a month and a day).
    if j + 1 < n
        && matches!(text[j], '.' | '·' | '•' | '・')
        && text[j + 1].is_ascii_digit()
        && (text[j] == '.' || count > 0)
    {
        decimal = true;
        j += 1;
        while j < n && text[j].is_ascii_digit() {
            if !push(text[j], &mut count) {
                return Err(skip_digits(text, j));
            }
            scale += 1;
            j += 1;
        }
        // Version numbers and dotted dates are not one number.
        if j + 1 < n && text[j] == '.' && text[j + 1].is_ascii_digit() {
            return Err(skip_digits(text, j));
        }
    }
    if grouped {
        int_len = 0;
    }
    let Ok(mut v) = Decimal::try_from_i128_with_scale(mantissa, scale) else {
        return Err(skip_digits(text, j));
    };
    // `2e5`, `12.32e+14`: an exponent, when nothing Latin follows it.
    if matches!(text.get(j), Some('e' | 'E')) {
        let mut k = j + 1;
        let negative = text.get(k) == Some(&'-');
        if matches!(text.get(k), Some('+' | '-')) {
            k += 1;
        }
        let from = k;
        let mut exp: u32 = 0;
        while k < n && text[k].is_ascii_digit() && k - from < 3 {
            exp = exp * 10 + (text[k] as u32 - '0' as u32);
            k += 1;
        }
        if k > from && !text.get(k).is_some_and(char::is_ascii_alphanumeric) && exp <= 28 {
            for _ in 0..exp {
                v = if negative {
                    v / Decimal::TEN
                } else {
                    match v.checked_mul(Decimal::TEN) {
                        Some(x) => x,
                        None => return Err(k),
                    }
                };
            }
            return Ok(Some((v.normalize(), k, 0, true, false)));
        }
    }
    Ok(Some((
        v,
        j,
        if decimal { 0 } else { int_len },
        decimal,
        leading_zero,
    )))
}

/// The end of a run of digits and dots from `j`.
fn skip_digits(text: &[char], mut j: usize) -> usize {
    while j < text.len() && (text[j].is_ascii_digit() || text[j] == '.' || text[j] == ',') {
        j += 1;
    }
    j
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// Reads the number starting exactly at `at`.
pub fn number_at(rules: &FigureRules, text: &[char], at: usize) -> Result<Num, NoNum> {
    let n = text.len();
    let ten_thousand = Decimal::from(10_000);
    let scale_of = |c: char| rules.scales.get(&c).map(|s| s.0);
    // A scale character that begins a unit word (`千米`, `千瓦时`) ends the number.
    let unit_word_here = |j: usize| {
        rules
            .suffixes
            .longest_at(text, j)
            .is_some_and(|(len, _)| len >= 2)
    };

    // `Ⅲ级`, `Ⅱ类`: a Roman numeral is one char, read only before a unit or another
    // numeral of a range (`Ⅰ—Ⅲ类`); alone it numbers a list (`Ⅰ．`).
    if let Some(v) = text.get(at).copied().and_then(roman_numeral) {
        let range_on = rules
            .separators
            .longest_at(text, at + 1)
            .is_some_and(|(len, _)| text.get(at + 1 + len).copied().and_then(roman_numeral).is_some());
        // `Ⅱ度烧伤` is a grade of burn, not degrees.
        if !range_on && (rules.suffixes.longest_at(text, at + 1).is_none() || text.get(at + 1) == Some(&'度'))
        {
            return Err(NoNum::None);
        }
        let value = Decimal::from(v);
        return Ok(Num {
            start: at,
            end: at + 1,
            value,
            arabic: true,
            chinese: false,
            int_digits: 0,
            digit_string: 0,
            decimal: false,
            scaled: false,
            simple: true,
            lead: value,
            scale: Decimal::ONE,
            unit_first: false,
            approx: None,
            leading_zero: false,
        });
    }
    // `千百年`, `百十个`, `千百万人`: a scale right after a bigger one, with no digit
    // before either, is a vague count ("thousands of years"), no figure; a unit word
    // may start with the second (`万千瓦`).
    if let (Some(first), Some(second)) = (
        text.get(at).copied().and_then(scale_of),
        text.get(at + 1).copied().and_then(scale_of),
    ) && second < first
        && !unit_word_here(at + 1)
    {
        let end = (at..n)
            .find(|&k| text.get(k).copied().and_then(scale_of).is_none())
            .unwrap_or(n);
        return Err(NoNum::Skip(end));
    }
    let mut j = at;
    let mut high = Decimal::ZERO;
    let mut last_big: Option<Decimal> = None;
    let mut section = Decimal::ZERO;
    let mut num: Option<Decimal> = None;
    let mut num_single = false;
    let mut prev = Prev::Start;
    let mut last_unit: Option<Decimal> = None;
    let mut arabic = false;
    let mut chinese = false;
    let mut int_digits = 0;
    let mut decimal = false;
    let mut leading_zero = false;
    let mut scaled = false;
    let mut approx = None;
    let mut lead = Decimal::ZERO;
    let mut scale = Decimal::ONE;
    let mut simple = true;
    let mut unit_first = false;
    // Length of the run of bare Chinese digits at the start (`二〇二五`).
    let mut digit_run = 0usize;
    let overflow = |j: usize| Err(NoNum::Skip(j.max(at + 1)));
    // Spaces stood between the parts read so far (`一 百 五 十`, PDF extraction).
    let mut spaced = false;

    while j < n {
        let c = text[j];
        // `7万 5千`, `一百 五 十 二`: spaces between the parts of one number.
        if c == ' ' && prev != Prev::Start {
            let mut k = j;
            while k < n && text[k] == ' ' {
                k += 1;
            }
            let Some(&next) = text.get(k) else { break };
            // After a big scale, a lone digit past a space must lead on to a scale or
            // another part: `6万 一线` is a headline's figure and a word, not 61000.
            let leads_on = |at: usize| {
                text.get(at + 1)
                    .is_some_and(|&c| c == ' ' || scale_of(c).is_some() || chinese_digit(c).is_some())
            };
            let goes_on = scale_of(next).is_some() && !unit_word_here(k)
                || (chinese_digit(next).is_some() && (chinese || scaled) && prev != Prev::Digit && (prev != Prev::Big || leads_on(k)))
                || (next.is_ascii_digit() && matches!(prev, Prev::Small | Prev::Big))
                // `一百 二 十 几亿`: a spaced place-holder before a big scale.
                || (matches!(next, '几' | '幾')
                    && chinese
                    && text.get(k + 1).and_then(|&c| scale_of(c)).is_some_and(|f| f >= ten_thousand))
                // `陆 点 五`: a spaced Chinese decimal point.
                || (matches!(next, '点' | '點') && chinese && !arabic && matches!(prev, Prev::Digit | Prev::Small))
                // `十 余 万`: a spaced over-qualifier before a big scale.
                || (chinese
                    && !arabic
                    && rules
                        .suffix_qualifiers
                        .longest_at(text, k)
                        .filter(|(_, q)| rules.qualifiers.get(*q).is_some_and(|q| q.approx == Approx::Over))
                        .is_some_and(|(len, _)| {
                            text.get(skip_spaces_if(text, k + len, true))
                                .and_then(|&c| scale_of(c))
                                .is_some_and(|f| f >= ten_thousand)
                        }));
            if !goes_on {
                break;
            }
            spaced = true;
            j = k;
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && j == at && text.get(j + 1).is_some_and(char::is_ascii_digit)) {
            // `1.51亿5岁以下`, `3000多万80周岁`: after a decimal or a qualifier the number is
            // whole; the digits start the next figure.
            if prev == Prev::Digit || (prev != Prev::Start && (decimal || approx.is_some())) {
                break;
            }
            let (v, end, ilen, dec, lz) = match arabic_at(text, j) {
                Ok(Some(x)) => x,
                Ok(None) => break,
                Err(skip) => return Err(NoNum::Skip(skip)),
            };
            // `超千万5月16日`: digits after a scale that a date word follows start a date.
            if prev != Prev::Start
                && text
                    .get(end)
                    .is_some_and(|c| matches!(c, '月' | '日' | '号' | '年'))
            {
                break;
            }
            if prev == Prev::Start {
                int_digits = ilen;
                leading_zero = lz;
            } else {
                int_digits = 0;
            }
            decimal |= dec;
            arabic = true;
            if scale != Decimal::ONE {
                simple = false;
            }
            num = Some(v);
            num_single = end - j == 1;
            prev = Prev::Digit;
            j = end;
            // `10k`, `3w`: a scale letter right after the digits, not inside a Latin word.
            if let Some(&(f, _, min_digits)) = text.get(j).and_then(|c| rules.digit_scales.get(c))
                && !text.get(j + 1).is_some_and(char::is_ascii_alphanumeric)
                && text[..j]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_digit() || **c == ',')
                    .count()
                    >= min_digits
                && let Some(scaled_v) = mul(v, f)
            {
                if simple && section.is_zero() && high.is_zero() && scale == Decimal::ONE {
                    lead = v;
                    scale = f;
                } else {
                    simple = false;
                }
                num = Some(scaled_v);
                num_single = false;
                scaled = true;
                j += 1;
            }
            continue;
        }
        if let Some(d) = chinese_digit(c) {
            if prev == Prev::Digit {
                // A run of bare digits: `二〇二五` is a digit string; `十四五` is a name.
                if digit_run > 0 && digit_run == j - at {
                    digit_run += 1;
                    j += 1;
                    continue;
                }
                if arabic {
                    break;
                }
                return Err(NoNum::Skip(j + 1));
            }
            chinese = true;
            if scale != Decimal::ONE {
                simple = false;
            }
            if prev == Prev::Start {
                digit_run += 1;
            }
            if d == 0 {
                prev = if prev == Prev::Start {
                    Prev::Digit
                } else {
                    Prev::Zero
                };
                if prev == Prev::Digit {
                    num = Some(Decimal::ZERO);
                    num_single = true;
                }
                last_unit = None;
                j += 1;
                continue;
            }
            num = Some(Decimal::from(d));
            num_single = true;
            prev = Prev::Digit;
            j += 1;
            continue;
        }
        if let Some(tens) = match c {
            '廿' => Some(20),
            '卅' => Some(30),
            '卌' => Some(40),
            _ => None,
        } && (matches!(prev, Prev::Start | Prev::Big | Prev::Zero)
            // `五百卅四` = 534: the tens after hundreds.
            || (prev == Prev::Small && num.is_none() && last_unit.is_some_and(|u| u > Decimal::TEN)))
        {
            section = add(section, Decimal::from(tens)).unwrap_or(section);
            last_unit = Some(Decimal::TEN);
            prev = Prev::Small;
            chinese = true;
            scaled = true;
            simple = false;
            digit_run = 0;
            j += 1;
            continue;
        }
        if let Some(f) = scale_of(c).or_else(|| scale_before_smaller(rules, text, j)) {
            if unit_word_here(j) {
                break;
            }
            // `2015十大案件`: `十` never multiplies Arabic digits (`3千`, `5百` do).
            if f == Decimal::TEN && arabic && num.is_some() {
                break;
            }
            if digit_run >= 2 && digit_run == j - at {
                // `三五百`: a loose range, not a number we can value.
                return Err(NoNum::Skip(j + 1));
            }
            digit_run = 0;
            if f < ten_thousand {
                if prev == Prev::Small && last_unit.is_some_and(|u| f >= u) && num.is_none() {
                    break;
                }
                // `第十一十二集`, `十一 十二`: a digit after a small scale closes it; a
                // scale as big again starts the next number (not 22).
                if prev == Prev::Digit
                    && num.is_some()
                    && last_unit.is_some_and(|u| u < ten_thousand && f >= u)
                {
                    break;
                }
                if prev == Prev::Start && f >= Decimal::ONE_HUNDRED {
                    unit_first = true;
                }
                // `零十` is ten: a leading zero counts no tens.
                let base = num.filter(|n| !n.is_zero()).unwrap_or(Decimal::ONE);
                if simple && section.is_zero() && high.is_zero() && scale == Decimal::ONE {
                    lead = base;
                    scale = f;
                } else {
                    simple = false;
                }
                let Some(part) = mul(base, f) else {
                    return overflow(j);
                };
                let Some(s) = add(section, part) else {
                    return overflow(j);
                };
                section = s;
                num = None;
                last_unit = Some(f);
                prev = Prev::Small;
                chinese = true;
                scaled = true;
                j += 1;
                continue;
            }
            // Big scale.
            let Some(v) = add(section, num.unwrap_or(Decimal::ZERO)) else {
                return overflow(j);
            };
            if prev == Prev::Start {
                // `万分之三`: the scale alone is the denominator.
                if text.get(j + 1) == Some(&'分') && text.get(j + 2) == Some(&'之') {
                    return Ok(Num {
                        start: at,
                        end: j + 1,
                        value: f,
                        arabic: false,
                        chinese: true,
                        int_digits: 0,
                        digit_string: 0,
                        decimal: false,
                        scaled: true,
                        simple: true,
                        lead: Decimal::ONE,
                        scale: f,
                        unit_first: true,
                        approx: None,
                        leading_zero: false,
                    });
                }
                break;
            }
            if v.is_zero() && prev != Prev::Big {
                break;
            }
            let was_simple_lead = prev == Prev::Digit && section.is_zero() && high.is_zero();
            let whole = last_big.is_none_or(|b| f >= b);
            if whole {
                let Some(h) = add(high, v).and_then(|h| mul(h, f)) else {
                    return overflow(j);
                };
                high = h;
            } else {
                let Some(h) = mul(v, f).and_then(|p| add(high, p)) else {
                    return overflow(j);
                };
                high = h;
                simple = false;
            }
            if was_simple_lead && scale == Decimal::ONE {
                lead = v;
                scale = f;
            } else if simple && num.is_none() && whole && matches!(prev, Prev::Big | Prev::Small) {
                scale = mul(scale, f).unwrap_or(scale);
            } else {
                simple = false;
            }
            last_big = Some(f);
            last_unit = Some(f);
            section = Decimal::ZERO;
            num = None;
            prev = Prev::Big;
            scaled = true;
            j += 1;
            continue;
        }
        if matches!(c, '点' | '點') && matches!(prev, Prev::Digit | Prev::Small) && !arabic {
            // `十三点五`: Chinese decimal point, only before Chinese digits.
            let mut k = j + 1;
            // `一 點 五`, `一 百二 十點 五`: in a spaced-out number spaces may follow the
            // point too (not in `四点 五名`, a time of day and a count).
            while spaced
                && text.get(k) == Some(&' ')
                && text
                    .get(k + 1)
                    .is_some_and(|&c| c == ' ' || chinese_digit(c).is_some())
            {
                k += 1;
            }
            // `四点 五个百分点`: one space after the point, from PDF extraction, when a
            // percentage unit follows the digits (a time of day is never counted in
            // percentage points, where `四点 五名` may be one).
            if !spaced && text.get(k) == Some(&' ') {
                let digits = text[k + 1..]
                    .iter()
                    .take_while(|&&c| chinese_digit(c).is_some())
                    .count();
                let percent = |(_, s): (usize, Suffix)| match s {
                    Suffix::Unit(u) => rules.units.get(u).is_some_and(|u| u.kind == FigureKind::Percent),
                    _ => false,
                };
                if digits > 0
                    && rules
                        .suffixes
                        .longest_at(text, k + 1 + digits)
                        .is_some_and(percent)
                {
                    k += 1;
                }
            }
            let mut frac = String::from("0.");
            while k < n {
                match chinese_digit(text[k]) {
                    Some(d) => frac.push(char::from_digit(d, 10).unwrap_or('0')),
                    None => break,
                }
                k += 1;
            }
            // `十点五十分`, `零点三十`: a decimal's digits are written one by one, so
            // digits counted in tens after the point are minutes of a time of day.
            let positional = text
                .get(k)
                .and_then(|&c| scale_of(c))
                .is_some_and(|f| f < Decimal::from(10_000));
            if frac.len() == 2 || digit_run >= 2 && digit_run == j - at || positional {
                break;
            }
            let Ok(f) = frac.parse::<Decimal>() else { break };
            // `一千六点五` = 1600.5: the colloquial tail applies before the point.
            if num_single
                && prev == Prev::Digit
                && let (Some(d), Some(u)) = (num, last_unit)
                && u >= Decimal::ONE_HUNDRED
            {
                num = mul(d, u / Decimal::TEN);
            }
            let Some(base) = add(section, num.unwrap_or(Decimal::ZERO)) else {
                return overflow(j);
            };
            let Some(v) = add(base, f) else { return overflow(j) };
            num = Some(v);
            num_single = false;
            section = Decimal::ZERO;
            decimal = true;
            digit_run = 0;
            prev = Prev::Digit;
            j = k;
            continue;
        }
        // `3个亿`, `1个多亿`: a counting word between a number and one of the counted
        // scales (never `一个万元户`, a household).
        if matches!(prev, Prev::Digit | Prev::Small) && rules.scale_counters.contains(&c) && {
            let over = rules
                .suffix_qualifiers
                .longest_at(text, j + 1)
                .filter(|(_, q)| rules.qualifiers.get(*q).is_some_and(|q| q.approx == Approx::Over))
                .map_or(0, |(len, _)| len);
            text.get(j + 1 + over)
                .is_some_and(|s| rules.counted_scales.contains(s))
                && !text
                    .get(j + 2 + over)
                    .is_some_and(|s| rules.counted_scale_not_before.contains(s))
        } {
            j += 1;
            continue;
        }
        // `十多万`, `500余亿`, `壹百零幾萬`: an over-qualifier between a number and a big
        // scale; `十几个亿`: or a counting word and a counted scale (read next); `十 余
        // 万`: spaces around it in a spaced-out number.
        if matches!(prev, Prev::Small | Prev::Big | Prev::Digit | Prev::Zero)
            // `3.7万多亿`: after a decimal only between two big scales.
            && (!decimal || prev == Prev::Big)
            && let Some((len, q)) = rules.suffix_qualifiers.longest_at(text, j)
            && rules.qualifiers.get(q).is_some_and(|q| q.approx == Approx::Over)
            && let Some(next) = Some(skip_spaces_if(text, j + len, spaced))
            && (text
                .get(next)
                .and_then(|&c| scale_of(c))
                .is_some_and(|f| f >= ten_thousand)
                || counted_scale_at(rules, text, next))
        {
            approx = Some((Approx::Over, q));
            j = next;
            continue;
        }
        // `一百几十`, `二十几万`: `几` holds a digit's place and counts as none.
        if c == '几'
            && matches!(prev, Prev::Small | Prev::Big)
            && text
                .get(j + 1)
                .and_then(|&c| scale_of(c))
                .is_some_and(|f| f < ten_thousand)
            && let Some((_, q)) = rules.suffix_qualifiers.longest_at(text, j)
        {
            approx = Some((Approx::Over, q));
            num = Some(Decimal::ZERO);
            num_single = false;
            prev = Prev::Digit;
            simple = false;
            j += 1;
            continue;
        }
        break;
    }
    // `第十一 十二集`: spaces read towards a part that did not go on end no number.
    while j > at && text[j - 1] == ' ' {
        j -= 1;
    }
    if j == at || prev == Prev::Start {
        return Err(NoNum::None);
    }
    // A bare digit string `二〇二五`.
    let digit_string = if digit_run >= 2 && digit_run == j - at {
        // `两` counts, it never spells a digit: `五三、五四两天` is May 4 and two days.
        let liang = |c: &char| matches!(c, '两' | '兩' | '俩' | '倆');
        if text[at..j].iter().any(liang) {
            // `两两对决` ("in pairs") counts nothing at all.
            let paired = text[at..j].windows(2).any(|w| liang(&w[0]) && liang(&w[1]));
            return Err(NoNum::Skip(if paired { j } else { at + 1 }));
        }
        let mut v = Decimal::ZERO;
        for &c in &text[at..j] {
            let d = Decimal::from(chinese_digit(c).unwrap_or(0));
            match v.checked_mul(Decimal::TEN).and_then(|x| x.checked_add(d)) {
                Some(x) => v = x,
                None => return Err(NoNum::Skip(j)),
            }
        }
        num = Some(v);
        digit_run
    } else {
        0
    };
    // `三百五` = 350, `九万四` = 94000: a lone digit after a unit counts a tenth of it.
    if digit_string == 0
        && prev == Prev::Digit
        && num_single
        && !decimal
        && let (Some(d), Some(u)) = (num, last_unit)
        && u >= Decimal::ONE_HUNDRED
    {
        num = mul(d, u / Decimal::TEN);
        simple = false;
    }
    let Some(value) = add(high, section).and_then(|v| add(v, num.unwrap_or(Decimal::ZERO))) else {
        return overflow(j);
    };
    if !scaled || !simple || scale == Decimal::ONE {
        lead = value;
        scale = Decimal::ONE;
        simple = true;
    }
    if chinese || scaled {
        int_digits = 0;
    }
    Ok(Num {
        start: at,
        end: j,
        value,
        arabic,
        chinese,
        int_digits,
        digit_string,
        decimal,
        scaled,
        simple,
        lead,
        scale,
        unit_first,
        approx,
        leading_zero,
    })
}

/// `j`, or past the spaces there when `spaced`.
fn skip_spaces_if(text: &[char], mut j: usize, spaced: bool) -> usize {
    while spaced && text.get(j) == Some(&' ') {
        j += 1;
    }
    j
}

/// A counting word and a counted scale at `j` (`个亿`, not `个亿级`).
fn counted_scale_at(rules: &FigureRules, text: &[char], j: usize) -> bool {
    text.get(j).is_some_and(|c| rules.scale_counters.contains(c))
        && text.get(j + 1).is_some_and(|s| rules.counted_scales.contains(s))
        && !text
            .get(j + 2)
            .is_some_and(|s| rules.counted_scale_not_before.contains(s))
}

/// The factor of a conditional scale at `j` (`兆`) when a smaller big scale follows
/// within the same number (`五兆六十二亿`); `None` otherwise (`百兆宽带`, `3兆`).
fn scale_before_smaller(rules: &FigureRules, text: &[char], j: usize) -> Option<Decimal> {
    let (f, _) = rules.scales_before_smaller.get(text.get(j)?)?;
    let ten_thousand = Decimal::from(10_000);
    for &c in text.get(j + 1..)?.iter().take(24) {
        if let Some((g, _)) = rules.scales.get(&c) {
            if *g >= ten_thousand {
                return (*g < *f).then_some(*f);
            }
        } else if !(chinese_digit(c).is_some() || c.is_ascii_digit() || matches!(c, '.' | '点' | '點' | ' '))
        {
            return None;
        }
    }
    None
}

/// The factor of a big scale (`万`, `亿`; not `千`) written at `p`.
pub fn big_scale_at(rules: &FigureRules, text: &[char], p: usize) -> Option<Decimal> {
    let (f, _) = rules.scales.get(text.get(p)?)?;
    (*f >= Decimal::from(10_000)).then_some(*f)
}

/// A big scale standing alone after a qualifier (`近万亩`, `逾万人`): one of it; two
/// rising ones make one (`突破万亿元` = 10^12), where `亿万` is "countless".
pub fn lone_scale(rules: &FigureRules, text: &[char], at: usize) -> Option<Num> {
    let scale_at = |p: usize| text.get(p).and_then(|c| rules.scales.get(c)).map(|s| s.0);
    let f = big_scale_at(rules, text, at)?;
    let (value, end) = match scale_at(at + 1) {
        Some(g) if g > f && scale_at(at + 2).is_none() => (f.checked_mul(g)?, at + 2),
        Some(_) => return None,
        None => (f, at + 1),
    };
    Some(Num {
        start: at,
        end,
        value,
        arabic: false,
        chinese: true,
        int_digits: 0,
        digit_string: 0,
        decimal: false,
        scaled: true,
        simple: true,
        lead: Decimal::ONE,
        scale: value,
        unit_first: false,
        approx: None,
        leading_zero: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use std::str::FromStr;

    fn read(s: &str) -> Option<(String, Decimal)> {
        let rules = Rules::bundled().unwrap();
        let text: Vec<char> = s.chars().collect();
        number_at(&rules.figures, &text, 0)
            .ok()
            .map(|n| (text[n.start..n.end].iter().collect(), n.value))
    }

    fn check(s: &str, whole: &str, value: &str) {
        assert_eq!(
            read(s),
            Some((whole.to_owned(), Decimal::from_str(value).unwrap())),
            "reading {s}"
        );
    }

    #[test]
    fn arabic_forms() {
        check("1,100.9亿元", "1,100.9亿", "110090000000");
        check("5.55万亿元", "5.55万亿", "5550000000000");
        check("16.4亿", "16.4亿", "1640000000");
        check("3147.04亩", "3147.04", "3147.04");
        check("1万5千元", "1万5千", "15000");
        check("5亿2千3百万", "5亿2千3百万", "523000000");
        check("3百万", "3百万", "3000000");
        check("1,2", "1", "1");
    }

    #[test]
    fn chinese_forms() {
        check("十三点五万元", "十三点五万", "135000");
        check("二〇二五年", "二〇二五", "2025");
        check("四十五億四千零四萬", "四十五億四千零四萬", "4540040000");
        check("一百万零四", "一百万零四", "1000004");
        check("七十八万五佰零六", "七十八万五佰零六", "780506");
        check("九万四", "九万四", "94000");
        check("三百五十一万亿", "三百五十一万亿", "351000000000000");
        check("三十万多亿", "三十万多亿", "30000000000000");
        check("3.7万多亿", "3.7万多亿", "3700000000000");
        check("千万5月16日", "千万", "10000000");
        check("壹万二千三百四十五元", "壹万二千三百四十五", "12345");
        check("两千五", "两千五", "2500");
        check("一百 二 十 几亿", "一百 二 十 几亿", "12000000000");
        check("壹百零幾萬", "壹百零幾萬", "1000000");
        check("十", "十", "10");
        check("十一十二集", "十一", "11");
        check("三千五百", "三千五百", "3500");
        check("十二万三千", "十二万三千", "123000");
        check("2.3千克", "2.3", "2.3");
        check(
            "五十五兆一十二亿四万五千二",
            "五十五兆一十二亿四万五千二",
            "55001200045200",
        );
        check(
            "四十九兆九千五百九十二億元",
            "四十九兆九千五百九十二億",
            "49959200000000",
        );
    }

    #[test]
    fn not_numbers() {
        assert_eq!(read("十四五规划"), None);
        assert_eq!(read("万一"), None);
        // `兆` without a smaller big scale after it stays mainland 10^6 (a unit word).
        assert_eq!(read("3兆瓦"), Some(("3".to_owned(), Decimal::from(3))));
        assert_eq!(read("百兆宽带"), Some(("百".to_owned(), Decimal::ONE_HUNDRED)));
        assert_eq!(read("1.2.3版"), None);
        assert_eq!(read("99999999999999999999999999999999"), None);
    }
}
