//! Lists whose last item carries the unit for all of them (`3.1、2.7和1.9个百分点`,
//! `2.5亿、3亿元`, `2011、2012年`, `9、12号`), and loose ranges of two neighbouring
//! numbers joined by a mark (`7、8岁` = 7..8 岁, `1、2月份` = January to February).

use super::numbers::{big_scale_at, chinese_digit, number_at};
use super::{Scanner, is_clause_mark, written_before};
use crate::record::{Figure, FigureKind, FigureValue};
use crate::rules::figures::Prefix;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// How far back from a list its cue word (`分别`) may stand, in chars.
const CUE_REACH: usize = 24;

/// Whether the figure writes one number (`2分41秒` writes two, and its parts are no
/// list's unit).
fn one_number(f: &Figure) -> bool {
    let mut runs = 0;
    let mut in_run = false;
    for c in f.text.chars() {
        let numeral = c.is_ascii_digit() || (in_run && c == '.') || chinese_digit(c).is_some();
        if numeral && !in_run {
            runs += 1;
        }
        in_run = numeral;
    }
    runs <= 1
}

/// The value of a whole number figure.
pub(super) fn whole(f: &Figure) -> Option<u32> {
    match &f.value {
        FigureValue::Number(d) if d.fract().is_zero() => d.to_u32(),
        _ => None,
    }
}

/// The part of a date a list's bare numbers stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePart {
    Year,
    Month,
    Day,
}

/// What the last item of a list is when a date: the part its bare items replace, and
/// that part's value in it. `2012年` → year 2012; `5月份` → month 5; `12号` → day 12.
fn date_part(f: &Figure) -> Option<(DatePart, u32)> {
    let FigureValue::Text(v) = &f.value else {
        return None;
    };
    let fields: Vec<&str> = v.split('-').collect();
    let number = |s: &str| s.parse::<u32>().ok();
    let text: Vec<char> = f.text.chars().collect();
    let digits_then = |ends: &[&str]| {
        ends.iter().any(|e| {
            let e: Vec<char> = e.chars().collect();
            text.len() > e.len()
                && text.ends_with(&e)
                && text[..text.len() - e.len()].iter().all(char::is_ascii_digit)
        })
    };
    match fields.as_slice() {
        [y] if y.len() == 4 => Some((DatePart::Year, number(y)?)),
        [_, m] if digits_then(&["月", "月份"]) => Some((DatePart::Month, number(m)?)),
        [_, _, d] if digits_then(&["日", "号"]) => Some((DatePart::Day, number(d)?)),
        _ => None,
    }
}

impl Scanner<'_, '_> {
    /// A number with nothing of its own: no unit, qualifier or upper end, and no word
    /// around its numerals (`十一大` names a congress).
    fn bare(&self, f: &Figure) -> bool {
        f.kind == FigureKind::Number
            && f.unit.is_none()
            && f.approx.is_none()
            && f.upper.is_none()
            && (f.span[0]..f.span[1]).all(|p| matches!(self.text[p], '.' | ',') || self.numeral_at(p))
    }

    /// Whether a big scale is written in `f` (`2.5亿`, `3万元`): the items of a list must
    /// all write one or none, or the scale belongs to both ends (`5、6万元`).
    fn writes_big_scale(&self, f: &Figure) -> bool {
        (f.span[0]..f.span[1]).any(|p| big_scale_at(self.rules, self.text, p).is_some())
    }

    /// Gives the bare numbers of each list the kind and unit of its last item, or joins
    /// two neighbouring numbers into a loose range; see the module comment.
    pub(super) fn share_list_units(&mut self) {
        let mut j = 0;
        while !self.rules.list_marks.is_empty() && j < self.out.len() {
            j = match self.list_from(j) {
                Some(last) => self.share(j, last),
                None => j + 1,
            };
        }
        // The numbers kept at an item's head for a list that did not take them in.
        let mut out = std::mem::take(&mut self.out);
        out.retain(|f| !(self.bare(f) && self.heads_item(f.span[0], f.span[1])));
        self.out = out;
    }

    /// Whether figure `b` follows `a` with one list mark between (`40%和12%`).
    fn joined_by_list_mark(&self, a: &Figure, b: &Figure) -> bool {
        a.span[1] + 1 == b.span[0] && self.rules.list_marks.contains(&self.text[a.span[1]])
    }

    /// `分别增长超过40%和12%`, `超过2万、5万`: a qualifier written before the first of
    /// figures joined by list marks qualifies the later ones too, where they have none
    /// of their own and the same kind and unit (sample readers 4 of 4).
    pub(super) fn share_list_approx(&mut self) {
        let mut carried = false;
        for k in 1..self.out.len() {
            let (a, b) = (&self.out[k - 1], &self.out[k]);
            // Asked in order of cost: most figures have no qualifier.
            let leads = || {
                carried
                    || matches!(
                        self.rules.prefixes.longest_at(self.text, a.span[0]),
                        Some((_, Prefix::Qualifier(_)))
                    )
            };
            let shared = a.approx.filter(|_| {
                b.approx.is_none()
                    && a.kind == b.kind
                    && a.unit == b.unit
                    && self.joined_by_list_mark(a, b)
                    && leads()
            });
            carried = false;
            if let Some(q) = shared {
                self.out[k].approx = Some(q);
                carried = true;
            }
        }
    }

    /// `第九、第十、第十一届中央委员`: ordinals written with `第` and no unit, listed right
    /// before an ordinal with one, take its unit; `十五届、十六届、十八届中央委员`: counts
    /// of its rule listed right before it are ordinals too, as the words after the last
    /// make it one.
    pub(super) fn share_ordinal_units(&mut self) {
        let mut k = self.out.len();
        while k > 1 {
            k -= 1;
            let last = &self.out[k];
            if last.kind != FigureKind::Ordinal || last.unit.is_none() {
                continue;
            }
            let (unit, rule) = (last.unit.clone(), last.rule.clone());
            let mut j = k;
            while j > 0 {
                let (a, b) = (&self.out[j - 1], &self.out[j]);
                let joined = self.joined_by_list_mark(a, b);
                // Written with `第` (not `十九大和十九届`, a congress and a session).
                let unmarked = a.kind == FigureKind::Ordinal && a.unit.is_none() && a.text.starts_with('第');
                let counted = a.kind == FigureKind::Quantity && a.rule == rule && a.unit == unit;
                if !(joined && (unmarked || counted)) {
                    break;
                }
                j -= 1;
            }
            for f in &mut self.out[j..k] {
                f.kind = FigureKind::Ordinal;
                f.unit.clone_from(&unit);
            }
            k = j.max(1);
        }
    }

    /// `由6亿增加到9.3亿元`, `从3亿元降至2亿`: a bare number right before or after a
    /// `change_connectors` word, across it from a figure of one number, takes that
    /// figure's kind and unit when both write a big scale or neither does.
    pub(super) fn share_change_units(&mut self) {
        if self.rules.change_connectors.is_empty() {
            return;
        }
        for k in 1..self.out.len() {
            let (a, b) = (&self.out[k - 1], &self.out[k]);
            let (gap_from, gap_to) = (a.span[1], b.span[0]);
            let joined = gap_to > gap_from
                && self
                    .rules
                    .change_connectors
                    .iter()
                    .any(|w| w.len() == gap_to - gap_from && written_before(self.text, gap_to, w));
            if !joined || self.writes_big_scale(a) != self.writes_big_scale(b) {
                continue;
            }
            // A qualifier of its own stays (`从5000多减少到1500人`).
            let unmeasured = |f: &Figure| {
                self.bare(f)
                    || (f.kind == FigureKind::Number
                        && f.unit.is_none()
                        && f.upper.is_none()
                        && f.approx.is_some())
            };
            let measured = |f: &Figure| {
                !self.bare(f)
                    && f.upper.is_none()
                    && one_number(f)
                    && matches!(
                        f.kind,
                        FigureKind::Money | FigureKind::Percent | FigureKind::Quantity
                    )
            };
            let (bare, target) = match (unmeasured(a), unmeasured(b)) {
                (true, false) if measured(b) => (k - 1, k),
                (false, true) if measured(a) => (k, k - 1),
                _ => continue,
            };
            let target = self.out[target].clone();
            let f = &mut self.out[bare];
            f.kind = target.kind;
            f.unit = target.unit;
            f.rule = target.rule;
        }
    }

    /// `三中、四中全会`: the earlier items of a list that write only the start of the
    /// last item's unit word (its unit's `listed_head`) are figures of that unit too.
    pub(super) fn take_listed_heads(&mut self) {
        let mut k = 0;
        while k < self.out.len() {
            let start = self.out[k].span[0];
            // The list mark is asked first: units are looked up for few figures.
            if start == 0 || !self.rules.list_marks.contains(&self.text[start - 1]) {
                k += 1;
                continue;
            }
            let head = match self.rules.units.iter().find(|u| u.id == self.out[k].rule) {
                Some(u) if !u.listed_head.is_empty() => u.listed_head.clone(),
                _ => {
                    k += 1;
                    continue;
                }
            };
            // Figures `first..k` are earlier items read already in the unit their head
            // makes alone (`3.3个、3.5个百分点`: `3.3个` in `个`); they are replaced.
            let mut first = k;
            let end_before = |i: usize| i.checked_sub(1).map_or(0, |p| self.out[p].span[1]);
            let mut items = Vec::new();
            let mut at = start;
            while at > end_before(first) && self.rules.list_marks.contains(&self.text[at - 1]) {
                let head_end = at - 1;
                if !written_before(self.text, head_end, &head) {
                    break;
                }
                let read = first.checked_sub(1).filter(|&p| self.out[p].span[1] == head_end);
                let num_end = head_end - head.len();
                // A figure read already tells where its number starts (`3.3个`).
                let found = match read {
                    Some(p) => Some(self.out[p].span[0]),
                    None => (end_before(first)..num_end)
                        .rev()
                        .take_while(|&p| self.numeral_at(p))
                        .last(),
                };
                let Some(num_start) = found else {
                    break;
                };
                let Ok(num) = number_at(self.rules, self.text, num_start) else {
                    break;
                };
                if num.end != num_end {
                    break;
                }
                let mut item = self.out[k].clone();
                item.span = [num_start, head_end];
                item.text = self.slice(num_start, head_end);
                item.value = FigureValue::Number(num.value);
                items.push(item);
                first = read.unwrap_or(first);
                at = num_start;
            }
            let taken = items.len();
            self.out.drain(first..k);
            for item in items {
                self.out.insert(first, item);
            }
            k = first + taken + 1;
        }
    }

    /// The index of the last item of a list that starts with the bare number `j`:
    /// items joined by one list mark each, all bare but the last, or of its kind and unit.
    fn list_from(&self, j: usize) -> Option<usize> {
        let out = &self.out;
        if !self.bare(&out[j]) {
            return None;
        }
        let joined = |k: usize| {
            let (end, next) = (out[k].span[1], out[k + 1].span[0]);
            next == end + 1 && self.rules.list_marks.contains(&self.text[end])
        };
        let mut end = j;
        while end + 1 < out.len() && joined(end) {
            end += 1;
        }
        let fits = |t: usize| {
            let target = &out[t];
            t > j
                && !self.bare(target)
                && target.upper.is_none()
                && one_number(target)
                && matches!(
                    target.kind,
                    FigureKind::Percent
                        | FigureKind::Ordinal
                        | FigureKind::Quantity
                        | FigureKind::Money
                        | FigureKind::Multiple
                        | FigureKind::Date
                )
                && out[j..t]
                    .iter()
                    .all(|f| self.bare(f) || (f.kind == target.kind && f.unit == target.unit))
        };
        // The whole run, else the run up to its first item with a unit.
        let first_with_unit = (j..=end).find(|&k| !self.bare(&out[k]))?;
        [end, first_with_unit].into_iter().find(|&t| fits(t))
    }

    /// Applies the list `first..=last`; returns the index after it.
    fn share(&mut self, first: usize, last: usize) -> usize {
        let target = self.out[last].clone();
        if let Some(range) = self.loose_range(first, last, &target) {
            self.out[first] = range;
            self.out.remove(last);
            return first + 1;
        }
        if target.kind == FigureKind::Date {
            if let Some((part, of_last)) = date_part(&target) {
                for k in first..last {
                    if let Some(f) = self.dated_item(&self.out[k], &target, part, of_last) {
                        self.out[k] = f;
                    }
                }
            }
            return last + 1;
        }
        let scaled = self.writes_big_scale(&target);
        if self.out[first..last]
            .iter()
            .all(|f| self.writes_big_scale(f) == scaled)
        {
            for k in first..last {
                if self.bare(&self.out[k]) {
                    let f = &mut self.out[k];
                    f.kind = target.kind;
                    f.unit.clone_from(&target.unit);
                    f.rule.clone_from(&target.rule);
                }
            }
        }
        last + 1
    }

    /// `7、8岁` = 7..8 岁, `40、50分钟`, `1、2月份` = `"2026-01/2026-02"`: two whole
    /// numbers, the second one step (1 or 10) above the first, joined by a loose range
    /// mark with no list cue (`分别`) before them in their clause.
    fn loose_range(&mut self, first: usize, last: usize, target: &Figure) -> Option<Figure> {
        let lower = self.out[first].clone();
        let mark = self.text[lower.span[1]];
        if last != first + 1
            || !self.rules.loose_range_marks.contains(&mark)
            || self.list_cue_before(lower.span[0])
        {
            return None;
        }
        let low = whole(&lower)?;
        let (start, end) = (lower.span[0], target.span[1]);
        if target.kind == FigureKind::Date {
            let (part, high) = date_part(target)?;
            if part == DatePart::Year || high != low + 1 {
                return None;
            }
            let item = self.dated_item(&lower, target, part, high)?;
            let (FigureValue::Text(from), FigureValue::Text(to)) = (&item.value, &target.value) else {
                return None;
            };
            let value = FigureValue::Text(format!("{from}/{to}"));
            return Some(self.figure(
                FigureKind::Date,
                start,
                end,
                value,
                None,
                None,
                None,
                &target.rule,
            ));
        }
        let high = whole(target)?;
        let step = if low < 10 { 1 } else { 10 };
        if high != low + step
            || low % step != 0
            || low / step > 9
            || self.writes_big_scale(&lower) != self.writes_big_scale(target)
        {
            return None;
        }
        Some(self.figure(
            target.kind,
            start,
            end,
            lower.value,
            Some(Decimal::from(high)),
            target.unit.clone(),
            target.approx,
            &target.rule,
        ))
    }

    /// Whether a list cue (`分别`) stands before `at` in its clause.
    fn list_cue_before(&self, at: usize) -> bool {
        let floor = at.saturating_sub(CUE_REACH);
        (floor..at)
            .rev()
            .take_while(|&k| !is_clause_mark(self.text[k]))
            .any(|k| {
                self.rules
                    .list_cues
                    .iter()
                    .any(|w| written_before(self.text, k + 1, w))
            })
    }

    /// The bare item `f` of a list of dates as a date: the list's last date with `part`
    /// (`of_last` in it) replaced by `f`'s number, which must come before it (`4、5月`,
    /// `9、12号`, `2004、2008两届`).
    fn dated_item(&self, f: &Figure, target: &Figure, part: DatePart, of_last: u32) -> Option<Figure> {
        if !self.bare(f) {
            return None;
        }
        let n = whole(f)?;
        let FigureValue::Text(v) = &target.value else {
            return None;
        };
        let value = match part {
            DatePart::Year => {
                let four = f.text.chars().count() == 4 && f.text.chars().all(|c| c.is_ascii_digit());
                (four && (1000..of_last).contains(&n)).then(|| n.to_string())?
            }
            DatePart::Month => {
                let (year, _) = v.rsplit_once('-')?;
                (1..of_last).contains(&n).then(|| format!("{year}-{n:02}"))?
            }
            DatePart::Day => {
                let (month, _) = v.rsplit_once('-')?;
                (1..of_last).contains(&n).then(|| format!("{month}-{n:02}"))?
            }
        };
        let mut out = f.clone();
        out.kind = FigureKind::Date;
        out.value = FigureValue::Text(value);
        out.rule.clone_from(&target.rule);
        Some(out)
    }
}
