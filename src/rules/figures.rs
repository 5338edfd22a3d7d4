//! Currencies, units and counters, scale words, qualifier words, fixed phrases and
//! relative dates (`rules/figures.toml`).
//!
//! The file is read into spec structs, then compiled once into word tables keyed by
//! characters, so the extractor looks a word up with one hash probe per length and
//! never compiles anything per document. Every problem is recorded with its position.

use super::examples::{ExampleKind, ExampleSpec, RuleExample, compile_all};
use super::{RuleDir, RuleError, RuleFile, read_or_record};
use crate::record::{Approx, FigureKind};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::str::FromStr;
use toml::Spanned;

/// The whole file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSpec {
    #[serde(default)]
    range_separators: Vec<Spanned<String>>,
    #[serde(default)]
    known_codes: Vec<Spanned<String>>,
    #[serde(default)]
    day_hao_not_before: Vec<Spanned<String>>,
    /// Words right before `N号` that make it a name (`遥感卫星20号`).
    #[serde(default)]
    hao_name_after: Vec<Spanned<String>>,
    /// Words right before a day without its month that make it recur (`每月8日`).
    #[serde(default)]
    recurring_day_after: Vec<Spanned<String>>,
    /// Characters that, right after an ordinal with no counter, are its serial mark
    /// (`第二十五号主席令`).
    #[serde(default)]
    ordinal_marks: Vec<Spanned<String>>,
    /// Words that start with a serial mark and make it no mark (`第一版块`, `第一版本`).
    #[serde(default)]
    ordinal_mark_not_words: Vec<Spanned<String>>,
    /// Words before a day of the month, in its clause, that put it ahead (`将于25日`).
    #[serde(default)]
    future_before: Vec<Spanned<String>>,
    /// Words right after a day of the month that put it ahead (`25日起`).
    #[serde(default)]
    future_after: Vec<Spanned<String>>,
    /// Words before a day of the month, in its clause, that put a day already past
    /// into the next month (`将于7日起` in a paper of the 15th).
    #[serde(default)]
    next_month_before: Vec<Spanned<String>>,
    /// Words right after a day that say it is when something was said (`7号宣布`).
    #[serde(default)]
    said_after: Vec<Spanned<String>>,
    /// Words right after a month that put it behind (`8月份以来`).
    #[serde(default)]
    past_after: Vec<Spanned<String>>,
    /// Words right before a date that open a `since` phrase (`自8月1日…以来`).
    #[serde(default)]
    since_before: Vec<Spanned<String>>,
    /// Words right before `N日` that make it a count of days (`连续10日`).
    #[serde(default)]
    day_count_before: Vec<Spanned<String>>,
    /// Words right after `N日` that make it a count of days (`30日内`).
    #[serde(default)]
    day_count_after: Vec<Spanned<String>>,
    /// Words before a number that put it below zero (`零下15℃`).
    #[serde(default)]
    negative_words: Vec<Spanned<String>>,
    #[serde(default)]
    weekday_words: Vec<Spanned<String>>,
    /// Characters right before a weekday word that make it no date (`每周三`, `6个周五`).
    #[serde(default)]
    weekday_not_after: Vec<Spanned<String>>,
    /// Words after which a month and day, or a day, are of the lunar calendar.
    #[serde(default)]
    lunar_before: Vec<Spanned<String>>,
    /// Names of a year that may stand between it and its holiday (`马年`).
    #[serde(default)]
    year_epithets: Vec<Spanned<String>>,
    /// Names of January after a year (`2007年元月`).
    #[serde(default)]
    january_words: Vec<Spanned<String>>,
    /// Words before a Chinese numeral that number a part of a series (`述评之三`).
    #[serde(default)]
    series_marks: Vec<Spanned<String>>,
    /// Words that end an event's name (`大会`, `论坛`, `年会`).
    #[serde(default)]
    event_words: Vec<Spanned<String>>,
    #[serde(default)]
    several_before_scale: Vec<Spanned<String>>,
    #[serde(default)]
    vague_before_scale: Vec<Spanned<String>>,
    #[serde(default)]
    several_not_after: Vec<Spanned<String>>,
    #[serde(default)]
    word_leaders: Vec<Spanned<String>>,
    #[serde(default)]
    comparison_connectors: Vec<Spanned<String>>,
    /// Also read under its first name, `slash_fraction_not_before`, from when it
    /// covered only `1/4决赛`.
    #[serde(default, alias = "slash_fraction_not_before")]
    fraction_not_before: Vec<Spanned<String>>,
    #[serde(default)]
    range_inclusive_marks: Vec<Spanned<String>>,
    #[serde(default)]
    between_connectors: Vec<Spanned<String>>,
    #[serde(default)]
    between_ends: Vec<Spanned<String>>,
    /// Words after which a bare number is an identifier (`邮编:100086`).
    #[serde(default)]
    identifier_labels: Vec<Spanned<String>>,
    /// Words that, after two numbers joined by a dash, make them a score (`2-1战胜`).
    #[serde(default)]
    score_words: Vec<Spanned<String>>,
    /// Words shortly before two numbers joined by a colon or `比` that make them a score
    /// (`比分扩大至2∶0`, `打成2∶2`).
    #[serde(default)]
    score_words_before: Vec<Spanned<String>>,
    /// Words right after such two numbers that make them a score (`2∶2平摩洛哥`).
    #[serde(default)]
    score_marks_after: Vec<Spanned<String>>,
    /// `每` and a unit of time right before a quantity make it a rate per that unit
    /// (`每小时300公里`).
    #[serde(default)]
    rate_words_before: Vec<Spanned<String>>,
    /// Words after which a bare whole number is an identifier (`12315热线`).
    #[serde(default)]
    identifier_suffixes: Vec<Spanned<String>>,
    #[serde(default)]
    scale_counters: Vec<Spanned<String>>,
    #[serde(default)]
    counted_scales: Vec<Spanned<String>>,
    #[serde(default)]
    counted_scale_not_before: Vec<Spanned<String>>,
    /// Characters that, right after a unit, make a bare scale before it a size class,
    /// no figure (`万吨级`).
    #[serde(default)]
    class_marks: Vec<Spanned<String>>,
    /// Characters after which a year in four digits is a cohort's year (`2025届`).
    #[serde(default)]
    cohort_marks: Vec<Spanned<String>>,
    /// Unit words before which a scale alone counts one of it (`万亩`, `百米`).
    #[serde(default)]
    lone_scale_units: Vec<Spanned<String>>,
    /// Words after two whole numbers joined by a dash that make them a name (`6-1油田`).
    #[serde(default)]
    coded_pair_names: Vec<Spanned<String>>,
    /// Words right before a whole number and `号` that make it a house number (`路`).
    #[serde(default)]
    address_before: Vec<Spanned<String>>,
    #[serde(default)]
    decade_words: Vec<Spanned<String>>,
    #[serde(default)]
    century_words: Vec<Spanned<String>>,
    #[serde(default)]
    currency: Vec<CurrencySpec>,
    #[serde(default)]
    scale: Vec<ScaleSpec>,
    #[serde(default)]
    unit: Vec<UnitSpec>,
    #[serde(default)]
    qualifier: Vec<QualifierSpec>,
    #[serde(default)]
    phrase: Vec<PhraseSpec>,
    #[serde(default)]
    relative_date: Vec<RelativeDateSpec>,
    #[serde(default)]
    holiday: Vec<HolidaySpec>,
    #[serde(default)]
    money_context: Vec<MoneyContextSpec>,
    money_echo: Option<MoneyEchoSpec>,
    #[serde(default)]
    loose_range_marks: Vec<Spanned<String>>,
    /// Marks between the items of a list whose last item's unit the bare ones share
    /// (`3.1、2.7和1.9个百分点`).
    #[serde(default)]
    list_marks: Vec<Spanned<String>>,
    /// Words before such a list that keep two neighbouring numbers apart (`分别为7、8岁`).
    #[serde(default)]
    list_cues: Vec<Spanned<String>>,
    /// Words of a change between two figures of one measure (`由6亿增加到9.3亿元`).
    #[serde(default)]
    change_connectors: Vec<Spanned<String>>,
    /// Characters before which a one-char over word after a unit is a qualifier
    /// (`3年多来`, `2米多高`).
    #[serde(default)]
    over_after_unit_before: Vec<Spanned<String>>,
    /// Units of time after which `多`, cut by jieba as a word of its own, is a
    /// qualifier before any word (`两年多艰苦努力`).
    #[serde(default)]
    over_word_after_units: Vec<Spanned<String>>,
    /// Suffix qualifier words that after a length of time frame it, no bound (`8天之内`).
    #[serde(default)]
    frame_words_after_time: Vec<Spanned<String>>,
    /// The units of time `frame_words_after_time` speaks of.
    #[serde(default)]
    frame_time_units: Vec<Spanned<String>>,
    financial_numerals: Option<FinancialSpec>,
    /// Where a lone `一` before a unit of time counts one (`过去一年`, `一天后`).
    one_span: Option<OneSpanSpec>,
    #[serde(default)]
    compound: Vec<CompoundSpec>,
    /// Names that hold a number but count nothing (`21世纪经济报道`).
    #[serde(default)]
    names: Vec<Spanned<String>>,
    /// Words after which an ordinal or a bare number names an institution (`第一医院`,
    /// `第71集团军`, `解放军309医院`).
    #[serde(default)]
    institution_words: Vec<Spanned<String>>,
    /// Units of a count that opens a short quoted slogan (`“四个全面”`).
    #[serde(default)]
    quoted_slogan_units: Vec<Spanned<String>>,
    /// Opening and closing marks of a work's title, two characters each (`"《》"`):
    /// a bare number inside one is part of the title (`《哪吒2》`).
    #[serde(default)]
    title_marks: Vec<Spanned<String>>,
    /// First and last year a bare four-digit number right before a Han character is
    /// read as (`2025文化强国建设高峰论坛`).
    #[serde(default)]
    year_before_name: Option<Spanned<[u32; 2]>>,
    /// Whether a year in that range closing a name in quotes or a title is a date.
    #[serde(default)]
    year_after_name: bool,
    /// Words right before a four-digit number and `年` that make it a span of years
    /// (`有着2500年历史`).
    #[serde(default)]
    year_span_before: Vec<Spanned<String>>,
    /// Words right after such a `年` that do the same (`2500年的历史`).
    #[serde(default)]
    year_span_after: Vec<Spanned<String>>,
    /// Words right before a number and `年` that make it a year of the calendar,
    /// however few its digits (`公元753年`).
    #[serde(default)]
    era_before_year: Vec<Spanned<String>>,
}

/// A quantity written in parts of falling size (`2小时08分19秒`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompoundSpec {
    id: Spanned<String>,
    /// The parts, largest first.
    parts: Vec<Spanned<CompoundPartSpec>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompoundPartSpec {
    /// Words after the part's number (`小时`, `分`).
    words: Vec<Spanned<String>>,
    /// Unit written when this is the last part.
    unit: Spanned<String>,
    /// Size of one of this part in a common measure (3600 for hours, in seconds).
    size: Spanned<toml::Value>,
}

/// Words earlier in a sentence that set a relative day against the past.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EraContrastSpec {
    /// The rule's words that may mean "these days" (`今天`, not `今晚`).
    only: Vec<Spanned<String>>,
    /// The words of the past (`曾经`, `昔日`).
    words: Vec<Spanned<String>>,
    /// Words of the past only after a count (`三年前`, not `今年前三季度`).
    #[serde(default)]
    after_count: Vec<Spanned<String>>,
}

/// Words before a bare number that make it an amount of a currency (`月薪8000`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneSpanSpec {
    /// Ids of the units of time.
    units: Vec<Spanned<String>>,
    /// Ids of units after which a lone `一` always counts one (`一周年`).
    #[serde(default)]
    counted: Vec<Spanned<String>>,
    /// Ids of units in which a lone `一` counts one right after a count in another of
    /// them (`三省一市`).
    #[serde(default)]
    after_count: Vec<Spanned<String>>,
    /// Words that join a lone `一` to a count in the same unit earlier in its clause, as
    /// one more of a tally (`五名记者和一名编辑`, `两枚银牌、一枚铜牌`).
    #[serde(default)]
    tally_words: Vec<Spanned<String>>,
    /// How many chars may stand between that count and the joining word (`9名外国游客和`: 4).
    #[serde(default)]
    tally_reach: Option<Spanned<usize>>,
    /// Words right before `一` that make it a span (`过去`, `历时`).
    #[serde(default)]
    before: Vec<Spanned<String>>,
    /// Words right after the unit that make it a span (`来`, `后`).
    #[serde(default)]
    after: Vec<Spanned<String>>,
    /// Characters right before `一` that make it no count (`这一年`, `同一天`).
    #[serde(default)]
    not_after: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyContextSpec {
    id: Spanned<String>,
    /// Id of the `[[currency]]` meant.
    currency: Spanned<String>,
    /// Salary or price words right before the number (or before a `gap` word).
    words: Vec<Spanned<String>>,
    /// Short verbs allowed between the word and the number (`给到`, `达`).
    #[serde(default)]
    gap: Vec<Spanned<String>>,
    /// Words right after the number (perhaps after `的`) that make it money too
    /// (`400万预算`, `92亿补助资金`).
    #[serde(default)]
    words_after: Vec<Spanned<String>>,
    /// Gap words meaning "over" (`月薪过万`): a lone big scale after them is one of it.
    #[serde(default)]
    over: Vec<Spanned<String>>,
    /// The number must hold a scale (`万`, `k`).
    #[serde(default)]
    scaled: bool,
    /// No money where jieba's next word is a noun: what the number counts
    /// (`投入13万/公安民警`).
    #[serde(default)]
    unless_noun_after: bool,
    /// Money too, with no word around it, where a counting word stands before the
    /// number's scale (`5个亿`, `十几个亿`).
    #[serde(default)]
    counted_scale: bool,
    /// The least value read as money.
    min_value: Option<Spanned<toml::Value>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

/// A bare amount that repeats the currency of a money figure before it in its sentence
/// (`收入912亿元,比去年多了340多亿。`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyEchoSpec {
    id: Spanned<String>,
    /// Most clause marks between the money figure and the number.
    marks: Spanned<usize>,
    /// Characters between them that show the number counts something else (`人`, `户`).
    #[serde(default)]
    not_between: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

/// Financial numerals (`肆佰叁拾萬`) as money of a currency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FinancialSpec {
    id: Spanned<String>,
    currency: Spanned<String>,
    /// Financial digits (`壹`, `贰`).
    digits: Vec<Spanned<String>>,
    /// Financial positional characters (`拾`, `佰`, `仟`).
    positional: Vec<Spanned<String>>,
    /// Other characters the number may hold (`零`, `萬`, `億`).
    others: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencySpec {
    id: Spanned<String>,
    code: Spanned<String>,
    #[serde(default)]
    suffix: Vec<Spanned<String>>,
    #[serde(default)]
    prefix: Vec<Spanned<String>>,
    #[serde(default)]
    colloquial: Vec<Spanned<String>>,
    /// When a colloquial word makes money with no minor part after it (`卖了10块。`).
    colloquial_alone: Option<ColloquialAloneSpec>,
    /// Counting words standing for the major unit (`港幣三個一毫四`).
    #[serde(default)]
    counter_major: Vec<Spanned<String>>,
    /// Counting words standing for the major unit before a half or a lone digit that
    /// closes a clause (`五個半。` = 5.5, `三個九。` = 3.9).
    #[serde(default)]
    counter_major_final: Vec<Spanned<String>>,
    /// Id of the unit a colloquial word counts in where it makes no money
    /// (`16块橱窗` = 16 块).
    colloquial_counter: Option<Spanned<String>>,
    /// A prefix word of another currency decides over this currency's suffix word
    /// (`港币2300万元` is HKD).
    #[serde(default)]
    yields_to_prefix: bool,
    #[serde(default)]
    minor: Vec<MinorSpec>,
    /// Numerals after which a one-char lone minor word closing a clause is money
    /// (`两毛。`; `三毛` is a name).
    #[serde(default)]
    minor_final_after: Vec<Spanned<String>>,
    /// `半` right after a major word adds half a major unit (`两块半` = 2.5).
    #[serde(default)]
    half_after: bool,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColloquialAloneSpec {
    /// Words shortly before the number, in the same clause, that speak of money.
    cues: Vec<Spanned<String>>,
    /// How many characters before the number the cues may stand (default 12).
    within: Option<Spanned<usize>>,
    /// What must follow the word (after an optional qualifier); the end of the text
    /// counts too.
    before: Vec<Spanned<String>>,
    /// Without a cue, a loose range (`三五百块`) or a Chinese numeral with a scale
    /// (`一千块。`) of at least this value makes money too.
    spoken_from: Option<Spanned<toml::Value>>,
    /// Money words shortly after the word (`九万块现金`, `几百块的收入`).
    #[serde(default)]
    cues_after: Vec<Spanned<String>>,
    /// How many characters after the word `cues_after` may start (default 3).
    within_after: Option<Spanned<usize>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MinorSpec {
    word: Spanned<String>,
    factor: Spanned<toml::Value>,
    /// The word makes money on its own after a number (`2角`, `两毛五`).
    #[serde(default)]
    alone: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleSpec {
    id: Spanned<String>,
    word: Spanned<String>,
    factor: Spanned<toml::Value>,
    /// Only right after Arabic digits and before no Latin letter or digit (`10k`).
    #[serde(default)]
    after_digits: bool,
    /// With `after_digits`: the fewest integer digits before the letter (`100K`, not `4K`).
    #[serde(default)]
    min_digits: usize,
    /// A scale only when a smaller big scale follows in the same number (`兆` in
    /// `四十九兆九千五百九十二亿`, never in `百兆宽带`).
    #[serde(default)]
    before_smaller: bool,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

/// A unit's `also_after` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlsoAfterSpec {
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    /// Names right before the number that make the count part of a name (`中亚五国`).
    #[serde(default)]
    except: Vec<Spanned<String>>,
    from: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitSpec {
    id: Spanned<String>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    prefix: Vec<Spanned<String>>,
    unit: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    factor: Option<Spanned<toml::Value>>,
    #[serde(default)]
    not_before: Vec<Spanned<String>>,
    /// Factor for a number of two bare digits (`八五折`, `85折` = 85%).
    pair_factor: Option<Spanned<toml::Value>>,
    /// Digits right after the word are its decimals (`七成六` = 76%, `1米75`).
    #[serde(default)]
    digit_after: bool,
    /// A `not_before` hit gives way where jieba ends a word right after the unit.
    #[serde(default)]
    guard_yields_to_word: bool,
    /// The word counts only where jieba ends a word right after it (`一打/鸡蛋`, not
    /// `一/打开`).
    #[serde(default)]
    word_alone: bool,
    /// A count in Chinese numerals right after a noun is an ordinal (`探月工程三期`).
    #[serde(default)]
    ordinal_after_noun: bool,
    /// The same, only right after a person's name: a rank (`李世石九段`).
    #[serde(default)]
    ordinal_after_name: bool,
    /// Numerals that, written alone before the word, number or make a word rather than
    /// count: `二次` is "second" (`二次会议`), `零件` parts, `四周` "all around"; unless
    /// made an ordinal they give no figure (`二次报销`).
    #[serde(default)]
    lone_not_count: Vec<Spanned<String>>,
    /// `半` right after the word adds half of it (`三年半` = 3.5 年, `两个半小时`).
    #[serde(default)]
    half_after: bool,
    /// Two counts of the word joined by a slash are a range, low first (`18℃/32℃`).
    #[serde(default)]
    slash_range: bool,
    /// Words right after the unit word that make the count an ordinal (`十三届全国人大`).
    #[serde(default)]
    ordinal_before: Vec<Spanned<String>>,
    /// Words right after the unit word that make the count part of a name, no figure
    /// (`三代核电技术`).
    #[serde(default)]
    name_before: Vec<Spanned<String>>,
    /// A count of the word names a rank or a stage, no amount (`世界500强`).
    #[serde(default)]
    no_figure: bool,
    /// The same, only shortly after another ordinal in the clause (`十三届全国人大一次会议`).
    #[serde(default)]
    ordinal_before_after_ordinal: Vec<Spanned<String>>,
    /// Words right before the number that make the count an ordinal (`提升至二级`).
    #[serde(default)]
    ordinal_after: Vec<Spanned<String>>,
    /// The word is a unit only after these number shapes: `"scale"` (`100万方`; `46方`
    /// is 46 parties), `"digits-or-scale"` (`6国`; `两国` is a name), `"digits"`
    /// (`99分`; `十分` is "very") or `"whole-digits"` (`8市`; not `20万以上城市`).
    only_after: Option<Spanned<String>>,
    /// Words right before which the word is a unit after any number, whatever
    /// `only_after` says (`四点建议`; `四点` alone is a time).
    #[serde(default)]
    also_before: Vec<Spanned<String>>,
    /// After an ordinal prefix the word counts whatever the numerals, whatever
    /// `only_after` says (`第二节`; `两节` are two festivals).
    #[serde(default)]
    also_after_ordinal: bool,
    /// Where a count of at least `from` holds whatever `only_after` says: right after a
    /// token of one of jieba's `tags` or one of `words` (`法德英三国`, `上述四国`).
    #[serde(default)]
    also_after: Option<AlsoAfterSpec>,
    /// The start of a word that the earlier items of a list carry alone before the
    /// whole word on the last (`三中、四中全会`: `中` of `中全会`).
    listed_head: Option<Spanned<String>>,
    /// Conditions under which the word means another unit (`266亿度` is kWh).
    #[serde(default)]
    switch: Vec<SwitchSpec>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SwitchSpec {
    /// Id of the unit the word then means.
    to: Spanned<String>,
    /// When the number ends in a scale of 10000 or more (`266亿度`).
    #[serde(default)]
    after_scale: bool,
    /// When one of these words stands shortly before the number, in the same sentence.
    #[serde(default)]
    words_before: Vec<Spanned<String>>,
    /// How many characters before the number `words_before` may stand (default 12).
    within: Option<Spanned<usize>>,
    /// When one of these words stands within 8 chars after the unit, in the same
    /// sentence (`180度大转弯`).
    #[serde(default)]
    words_after: Vec<Spanned<String>>,
    /// When the number is written as one of these (`两度会晤`: twice).
    #[serde(default)]
    numbers: Vec<Spanned<String>>,
    /// No switch when one of these words stands within `within` chars before the number
    /// or 8 after the unit, in the same sentence (`1亿度等离子体` stays a temperature).
    #[serde(default)]
    unless_near: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifierSpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    approx: Spanned<String>,
    position: Spanned<String>,
    /// Characters that, right before a prefix word, make it part of another word
    /// (`节约`, `签约`, `最近`).
    #[serde(default)]
    not_after: Vec<Spanned<String>>,
    /// Words ending in a `not_after` character that, right before the prefix word, still
    /// let it stand: `进度过七成` is progress past seven tenths, where `度过` is a verb.
    #[serde(default)]
    but_after: Vec<Spanned<String>>,
    /// Words right after the number that give a prefix word another sense: `近三年来`
    /// is the last three years, not nearly three.
    #[serde(default)]
    unless_followed_by: Vec<Spanned<String>>,
    /// The same, only after a number in Chinese numerals: `近三年来` is the last three
    /// years, where readers take `近20年来` as nearly twenty.
    #[serde(default)]
    unless_numerals_followed_by: Vec<Spanned<String>>,
    /// The same, when the prefix word opens a clause: `近两年,当地…` is the last two
    /// years, where `时隔近两年` is nearly two.
    #[serde(default)]
    opening_followed_by: Vec<Spanned<String>>,
    /// Words after the number that keep the prefix word's sense even so
    /// (`近40年的改革开放`).
    #[serde(default)]
    opening_not_followed_by: Vec<Spanned<String>>,
    /// jieba tags (or their first letters) of the word right before the prefix word that
    /// make it a time frame as opening a clause does, after Chinese numerals:
    /// `客机近两年曾发生`, `比近五年平均`.
    #[serde(default)]
    frame_after_tags: Vec<Spanned<String>>,
    /// Words right after such a unit that make it a time frame wherever it stands, after
    /// Chinese numerals: `创近两年新高`, `近三年最大潮涌`.
    #[serde(default)]
    frame_followed_by: Vec<Spanned<String>>,
    /// Words right before the prefix word that keep it a length of time even so, where
    /// jieba tags them nouns (`时隔近两年`, `历时近三年`).
    #[serde(default)]
    frame_not_after: Vec<Spanned<String>>,
    /// For position `across`: how many chars of words may stand between the word and
    /// the figure it qualifies (`约占全国四成`: 2).
    #[serde(default)]
    reach: Option<Spanned<usize>>,
    /// When given, a prefix word counts only right before one of these (`过` only in
    /// `过亿元`, `过万人`).
    #[serde(default)]
    only_before: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseSpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    kind: Spanned<String>,
    value: Spanned<toml::Value>,
    unit: Option<Spanned<String>>,
    approx: Option<Spanned<String>>,
    /// When given, the phrase counts only right after one of these words (`越共十三大`).
    #[serde(default)]
    only_after: Vec<Spanned<String>>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeDateSpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    unit: Spanned<String>,
    offset: Spanned<i64>,
    /// The offset of the last day, month or year of a span the word names (`今明两天`:
    /// offset 0, through 1).
    through: Option<Spanned<i64>>,
    /// For a word of unit year that names one month of it (`年底` = 12, `年初` = 1).
    month: Option<Spanned<u32>>,
    /// Words that, right after the word, show it is part of another (`下周边`).
    #[serde(default)]
    not_before: Vec<Spanned<String>>,
    /// Words that, right before the word, give it another sense (`美好的明天` is the
    /// future, not a day).
    #[serde(default)]
    not_after: Vec<Spanned<String>>,
    /// When given, the word counts only right before one of these (`今` in `今起`).
    #[serde(default)]
    only_before: Vec<Spanned<String>>,
    /// Whether the offset counts from a year written earlier in the sentence, when
    /// there is one (`2024年…比上年下降` is 2023), rather than from the publication date.
    #[serde(default)]
    anaphoric: bool,
    /// Whether the word names a date only after a year its sentence writes (`次年`);
    /// alone it is no figure, and a month after it is of an unknown year.
    #[serde(default)]
    anaphoric_only: bool,
    /// Whether the word names every year (`每年`): a month or day after it has no year.
    #[serde(default)]
    recurring: bool,
    /// Whether the word counts only as a whole jieba word (`年内`, not in `数年内`).
    #[serde(default)]
    whole_word: bool,
    /// Whether the year it counts from may be written in an earlier sentence of its
    /// paragraph (`2011年…。同年4月`).
    #[serde(default)]
    across_sentences: bool,
    /// Prepositions that, opening a clause ending in `的` + the word, make it "these
    /// days" (`在经济发展的今天`).
    #[serde(default)]
    era_frame: Vec<Spanned<String>>,
    /// Whether `的` and a place name after the word make it "these days" (`今天的中国`).
    #[serde(default)]
    era_before_place: bool,
    /// Whether `的` before the word and a clause mark after it make it "these days"
    /// (`经济全球化深入发展的今天,`), unless `前` stands before `的`.
    #[serde(default)]
    era_before_mark: bool,
    /// Words earlier in its sentence that, when one of `only` opens a clause, set it
    /// against the past as "these days" (`两千多年前…;今天,…`).
    #[serde(default)]
    era_after_contrast: Option<EraContrastSpec>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidaySpec {
    id: Spanned<String>,
    words: Vec<Spanned<String>>,
    month: Spanned<u32>,
    day: Spanned<u32>,
    /// `"lunar"` for a day of the Chinese lunar calendar (`春节`), dated with
    /// `lunar_months.tsv`; the Gregorian calendar without it.
    #[serde(default)]
    calendar: Option<Spanned<String>>,
    /// Days from that day (`除夕` is the day before the lunar new year: -1).
    #[serde(default)]
    offset_days: Option<Spanned<i64>>,
    /// Whether the word names a day without a year before it (`春节期间`), in the year
    /// nearest the publication date; by default only `2016年春节`, `今年国庆节` do.
    #[serde(default)]
    alone: bool,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

/// A currency: the ISO code written as the money figure's unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// Rule id.
    pub id: String,
    /// ISO 4217 code.
    pub code: String,
    /// Minor units (`角` = 0.1, `分` = 0.01), largest first.
    pub minor: Vec<(Vec<char>, Decimal)>,
    /// Minor units that make money without a major one (`2角`).
    pub lone_minor: Vec<(Vec<char>, Decimal)>,
    /// Numerals after which a one-char lone minor word closing a clause is money.
    pub minor_final_after: Vec<Vec<char>>,
    /// When a colloquial word (`块`) makes money with no minor part after it.
    pub colloquial_alone: Option<ColloquialAlone>,
    /// Counting words standing for the major unit after a prefix word of the currency
    /// or before a minor part (`港幣三個一毫四`), longest first.
    pub counter_major: Vec<Vec<char>>,
    /// Counting words standing for the major unit before `半` or a lone digit closing
    /// a clause (`五個半。`, `三個九。`), longest first.
    pub counter_major_final: Vec<Vec<char>>,
    /// A prefix word of another currency decides over this currency's suffix words.
    pub yields_to_prefix: bool,
    /// `半` after a major word adds half a major unit (`两块半`).
    pub half_after: bool,
    /// Index into [`FigureRules::units`]: what a colloquial word counts where it makes
    /// no money (`三块金牌`).
    pub colloquial_counter: Option<usize>,
}

/// Context in which a colloquial currency word stands alone (`卖了10块。`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColloquialAlone {
    /// Money words before the number in the same clause (`卖`, `挣`).
    pub cues: Vec<Vec<char>>,
    /// How far before the number the cues may stand, in chars.
    pub within: usize,
    /// Words one of which must follow (`钱`, `。`), longest first.
    pub before: Vec<Vec<char>>,
    /// The least spoken amount (`三五百块`) taken without a cue; `None`: never.
    pub spoken_from: Option<Decimal>,
    /// Money words shortly after the word in the same clause (`九万块现金`,
    /// `几百块的收入`), which make money with no cue before and no closing word.
    pub cues_after: Vec<Vec<char>>,
    /// How far after the word `cues_after` may start, in chars.
    pub within_after: usize,
}

/// A measure, counting word, percent sign, `倍` or `第`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Rule id.
    pub id: String,
    /// Unit written on the figure (`None` for multiples and bare ordinals).
    pub unit: Option<String>,
    /// Figure kind it makes.
    pub kind: FigureKind,
    /// Multiplies the number (`成` = 10).
    pub factor: Decimal,
    /// Characters that, right after the word, show it belongs to another word.
    pub not_before: Vec<char>,
    /// `not_before` gives way where jieba ends a word right after the unit word
    /// (`30万人/工作`, `300名/师生`).
    pub guard_yields_to_word: bool,
    /// Letters may follow the unit word only where jieba ends a word right after it:
    /// `五十打/鸡蛋` is dozens, `一/打开` no unit.
    pub word_alone: bool,
    /// Factor for a number of two bare digits (`八五折` = 85%), when set.
    pub pair_factor: Option<Decimal>,
    /// Digits after the word are its decimals (`七成六`, `1米75`).
    pub digit_after: bool,
    /// `半` after the word adds half of it (`三年半`), or stands between the number
    /// and a word of this unit that starts with a counting word (`两个半小时`).
    pub half_after: bool,
    /// Two counts of the word joined by `/` are a range when the first is the lower
    /// (`18℃/32℃`, a day's low and high in a weather table).
    pub slash_range: bool,
    /// When the word means another unit.
    pub switches: Vec<UnitSwitch>,
    /// Words right after the unit word that make the count an ordinal: `十三届全国人大`
    /// is the 13th, `连任两届` two.
    pub ordinal_before: Vec<Vec<char>>,
    /// Words right after the unit word that make a count of it part of a name: no
    /// figure (`三代核电技术` is Generation III, `二代身份证` a kind of card).
    pub name_before: Vec<Vec<char>>,
    /// A count of the word names a rank or a stage and gives no figure (`世界500强`,
    /// `晋级16强`).
    pub no_figure: bool,
    /// Words right after the unit word that make the count an ordinal when another
    /// ordinal ends at most 12 characters before in the same clause
    /// (`十三届全国人大一次会议`; `召开3次会议` stays three).
    pub ordinal_before_after_ordinal: Vec<Vec<char>>,
    /// Words right before the number that make the count an ordinal: a level reached or
    /// set (`提升至二级`, `预警等级为三级`).
    pub ordinal_after: Vec<Vec<char>>,
    /// The number shapes the word is a unit after (`100万方`, `6国`); `None`: any.
    pub only_after: Option<OnlyAfter>,
    /// Words right before which `only_after` does not hold (`四点建议`).
    pub also_before: Vec<Vec<char>>,
    /// `only_after` does not hold after an ordinal prefix (`第二节`, `第一面`).
    pub also_after_ordinal: bool,
    /// Where `only_after` does not hold for a count of at least so much: right after a
    /// token of these jieba tags or these words (`法德英三国`, `上述四国`; `中美两国` is
    /// "both", `金砖五国` a name).
    pub also_after: Option<AlsoAfter>,
    /// A count in Chinese numerals right after a noun (jieba's `n…` tags) names a
    /// phase: `探月工程三期`, `洋山四期` (`举办培训班30期` stays a count).
    pub ordinal_after_noun: bool,
    /// A count in Chinese numerals right after a person's name (jieba's `nr`) is a rank:
    /// `李世石九段` (`两段视频`, `一段时间` stay counts).
    pub ordinal_after_name: bool,
    /// Numerals that, written alone before the word, number or make a word rather than
    /// count: `二次` is "second" (`二次会议`), and in a compound (`二次报销`, `零件`,
    /// `四周`) no figure.
    pub lone_not_count: Vec<Vec<char>>,
    /// The start of the word that earlier items of a list carry alone (`三中、四中全会`
    /// is two plenums); empty when none.
    pub listed_head: Vec<char>,
}

impl Unit {
    /// Whether `next`, the char right after the unit word, is one of its `not_before`
    /// guards: the word then belongs to another (`成为`, `个人`).
    pub fn guarded_before(&self, next: Option<&char>) -> bool {
        next.is_some_and(|c| self.not_before.contains(c))
    }
}

/// Where a unit's `only_after` gives way (see [`Unit::also_after`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlsoAfter {
    /// jieba tags of the token right before the number (`ns`: `法德英三国`).
    pub tags: Vec<String>,
    /// Words right before the number (`上述四国`).
    pub words: Vec<Vec<char>>,
    /// The least count it holds for (`两国` stays "both").
    pub from: u32,
    /// Names right before the number with which the count names a group, no count of
    /// places just named (`中亚五国`, `东盟十国`).
    pub except: Vec<Vec<char>>,
}

/// Number shapes after which a unit word counts (see [`Unit::only_after`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnlyAfter {
    /// A number with a scale word (`100万方`).
    Scale,
    /// Arabic digits, or a number with a scale word (`6国`).
    DigitsOrScale,
    /// Arabic digits only (`得了99分`; `十分重要` is "very").
    Digits,
    /// A whole number in Arabic digits with no scale (`8市31个县区`; `20万以上城市`
    /// are cities of so many people).
    WholeDigits,
}

/// A condition under which a unit word means another unit (`亿度` = kWh, not ℃).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSwitch {
    /// Index into [`FigureRules::units`] of the unit meant.
    pub to: usize,
    /// The number ends in a scale of 10000 or more.
    pub after_scale: bool,
    /// Words that, shortly before the number in the same sentence, make the switch.
    pub words_before: Vec<Vec<char>>,
    /// How far before the number `words_before` may stand, in chars.
    pub within: usize,
    /// Words that, shortly after the unit in the same sentence, make the switch.
    pub words_after: Vec<Vec<char>>,
    /// Number texts that make the switch.
    pub numbers: Vec<Vec<char>>,
    /// Words near the figure that stop the switch.
    pub unless_near: Vec<Vec<char>>,
}

/// A qualifier word's meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualifier {
    /// Rule id.
    pub id: String,
    /// What it says about the value.
    pub approx: Approx,
    /// Characters before the word that make it part of another word (`节约`).
    pub not_after: Vec<char>,
    /// Words ending in a `not_after` character that leave the word standing (`进度过`).
    pub but_after: Vec<Vec<char>>,
    /// Words after the number that give the prefix word another sense (`近三年来`),
    /// longest first.
    pub unless_followed_by: Vec<Vec<char>>,
    /// The same, only after Chinese numerals (`近三年来`, but `近20年来` is nearly 20).
    pub unless_numerals_followed_by: Vec<Vec<char>>,
    /// The same, when the prefix word opens a clause (`近两年,当地…`).
    pub opening_followed_by: Vec<Vec<char>>,
    /// Words after the number that keep the sense of an opening prefix word.
    pub opening_not_followed_by: Vec<Vec<char>>,
    /// jieba tags of the word before the prefix word that make it a time frame, as an
    /// opening one (`比近五年平均`), after Chinese numerals.
    pub frame_after_tags: Vec<String>,
    /// Words after the unit that make the prefix word a time frame wherever it stands
    /// (`创近两年新高`), after Chinese numerals.
    pub frame_followed_by: Vec<Vec<char>>,
    /// Words before the prefix word that keep it a length of time (`时隔近两年`).
    pub frame_not_after: Vec<Vec<char>>,
    /// For a word that qualifies a figure a few words on: at most this many chars
    /// between; 0 for the others.
    pub reach: usize,
    /// When not empty, a prefix word counts only right before one of these.
    pub only_before: Vec<Vec<char>>,
}

/// A phrase whose words are the figure (`过半`).
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// Rule id.
    pub id: String,
    /// Kind of the figure.
    pub kind: FigureKind,
    /// Its value.
    pub value: Decimal,
    /// Its unit.
    pub unit: Option<String>,
    /// Its qualifier.
    pub approx: Option<Approx>,
    /// When not empty, the phrase counts only right after one of these (`越共十三大`),
    /// even where a `names` entry would hide it (`十三大挑战`).
    pub only_after: Vec<Vec<char>>,
}

/// Calendar unit of a relative date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateUnit {
    /// `去年`.
    Year,
    /// `上月`.
    Month,
    /// `昨天`.
    Day,
    /// `上周`: an ISO week (`2026-W03`), or a day with a weekday after it (`上周四`).
    Week,
    /// `上世纪`: a century, or a decade after it (`上世纪90年代`).
    Century,
}

/// A relative date word (`去年` = year, -1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeDate {
    /// Rule id.
    pub id: String,
    /// Unit of the offset.
    pub unit: DateUnit,
    /// Offset from the publication date.
    pub offset: i64,
    /// Offset of the span's last unit, for a word that names a span (`今明两天`).
    pub through: Option<i64>,
    /// The month a word of unit year names (`年底` = 12); such a word must be a whole
    /// jieba word (`大年初一` holds no `年初`).
    pub month: Option<u32>,
    /// Words after it that show it is part of another word.
    pub not_before: Vec<Vec<char>>,
    /// Words before it that give it another sense (`的明天`, the future).
    pub not_after: Vec<Vec<char>>,
    /// When not empty, the word counts only right before one of these (`今起`).
    pub only_before: Vec<Vec<char>>,
    /// Counts from the sentence's own year when it writes one (`比上年`).
    pub anaphoric: bool,
    /// Names a date only after a year its sentence writes (`1940年…次年`); without one a
    /// month after it is of an unknown year (`次年3月` = `XXXX-03`).
    pub anaphoric_only: bool,
    /// Names every year (`每年10月`): what follows it is a month of no one year.
    pub recurring: bool,
    /// Counts only as a whole jieba word (as a word with a `month` always does).
    pub whole_word: bool,
    /// Counts from a year written earlier in its paragraph, not only in its sentence.
    pub across_sentences: bool,
    /// Prepositions (jieba words) that, earlier in a clause where `的` stands right
    /// before the word, make it "these days" rather than a day.
    pub era_frame: Vec<String>,
    /// Whether `的` and then a place name (jieba's `ns`) right after the word make it
    /// "these days" (`今天的中国`, `今天的上海`) rather than a day.
    pub era_before_place: bool,
    /// Whether `的` right before the word and a clause mark right after it make it "these
    /// days" (`社会信息化深入发展的今天,`), unless `前` stands before `的` (`两个月前的今天`).
    pub era_before_mark: bool,
    /// Words of the past earlier in a sentence that make some of the rule's words,
    /// opening a clause, "these days" (`八年前,…,今天,他的公司已经…`).
    pub era_after_contrast: EraContrast,
}

/// Words of the past that set a relative day opening a clause against it, as "these
/// days": `两千多年前,…相映成辉;今天,…`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EraContrast {
    /// The rule's words that may mean "these days" (`今天`, not `今晚`).
    pub only: Vec<Vec<char>>,
    /// Words of the past anywhere earlier in the sentence (`曾经`, `昔日`).
    pub words: Vec<Vec<char>>,
    /// Words of the past only right after a count (`三年前`, `几年前`; not `今年前`).
    pub after_count: Vec<Vec<char>>,
}

/// A holiday on a fixed day of the Gregorian calendar (`元旦` = January 1) or of the
/// Chinese lunar calendar (`春节` = lunar month 1, day 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Rule id.
    pub id: String,
    /// Month 1..=12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
    /// Whether month and day are of the lunar calendar.
    pub lunar: bool,
    /// Days from that day (`除夕` = -1 from the lunar new year).
    pub offset_days: i64,
    /// Names a day with no year before it too (`春节期间`), in the nearest year.
    pub alone: bool,
}

/// `收入912亿元,比去年多了340多亿。`: a bare number with a big scale that closes its
/// clause (or stands before `的`) after a money figure in the same sentence, at most
/// `marks` clause marks back and with none of `not_between` between: an amount in that
/// figure's currency.
#[derive(Debug, Clone)]
pub struct MoneyEcho {
    /// Rule id.
    pub id: String,
    /// Most clause marks between the money figure and the number.
    pub marks: usize,
    /// Characters between them that show the number counts something else.
    pub not_between: Vec<char>,
}

impl Holiday {
    /// Its date in year `year` (`XXXX` when that is unknown): `2026-10-01`.
    pub fn date_in(&self, year: &str) -> String {
        format!("{year}-{:02}-{:02}", self.month, self.day)
    }
}

/// Words before a bare number that make it money (`月薪8000`, `年薪30万`).
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyContext {
    /// Rule id.
    pub id: String,
    /// Index into [`FigureRules::currencies`].
    pub currency: usize,
    /// Salary or price words, longest first.
    pub words: Vec<Vec<char>>,
    /// Verbs allowed between word and number, longest first.
    pub gap: Vec<Vec<char>>,
    /// Words right after the number (perhaps after `的`) that make it money too.
    pub words_after: Vec<Vec<char>>,
    /// Gap words meaning "over", longest first.
    pub over: Vec<Vec<char>>,
    /// The number must hold a scale.
    pub scaled: bool,
    /// No money where jieba's word after the number is a noun (`投入13万/公安民警`).
    pub unless_noun_after: bool,
    /// Money also where a counting word stands before the number's scale (`5个亿`).
    pub counted_scale: bool,
    /// The least value read as money.
    pub min_value: Decimal,
}

/// A quantity written in parts of falling size (`2小时08分19秒` = 7699 秒).
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// Rule id.
    pub id: String,
    /// The parts, largest first.
    pub parts: Vec<CompoundPart>,
}

/// One part of a [`Compound`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompoundPart {
    /// Words after the part's number, longest first.
    pub words: Vec<Vec<char>>,
    /// Unit written when this is the last part.
    pub unit: String,
    /// Size of one of this part in the compound's common measure.
    pub size: Decimal,
}

/// Financial numerals read as money (`肆佰叁拾萬` = 4300000 CNY).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Financial {
    /// Rule id.
    pub id: String,
    /// Index into [`FigureRules::currencies`].
    pub currency: usize,
    /// Financial digits.
    pub digits: Vec<char>,
    /// Financial positional characters.
    pub positional: Vec<char>,
    /// Other characters allowed in such a number.
    pub others: Vec<char>,
}

impl Financial {
    /// Whether `c` may stand in a financial number (`肆佰叁拾萬`).
    pub fn holds(&self, c: char) -> bool {
        self.digits.contains(&c) || self.positional.contains(&c) || self.others.contains(&c)
    }
}

/// Where a lone `一` before a unit of time counts one: `过去一年`, `一天后` (`一个`, `一年`
/// alone are mostly "a", not a count).
#[derive(Debug, Clone, Default)]
pub struct OneSpan {
    /// Indexes into [`FigureRules::units`] of the units of time.
    pub units: Vec<usize>,
    /// Indexes of the units after which a lone `一` always counts one.
    pub counted: Vec<usize>,
    /// Indexes of the units in which a lone `一` right after a count in another of them
    /// counts one (`三省一市`).
    pub after_count: Vec<usize>,
    /// Words that join a lone `一` to a count in the same unit before it (`和`, `、`).
    pub tally_words: WordTable<()>,
    /// Most chars between that count and the joining word.
    pub tally_reach: usize,
    /// Words right before `一` that make it a span.
    pub before: WordTable<()>,
    /// Words right after the unit that make it a span.
    pub after: WordTable<()>,
    /// Characters right before `一` that make it no count, unless a `before` word ends there.
    pub not_after: Vec<char>,
}

/// The unit whose id `name` gives (a currency's `colloquial_counter`, a switch's `to`),
/// or an error at the name; `what` says where it was named.
fn unit_named(
    c: &mut Compiler<'_>,
    units: &[Unit],
    name: &Spanned<String>,
    what: &str,
    help: &str,
) -> Option<usize> {
    let found = units.iter().position(|u| &u.id == name.get_ref());
    if found.is_none() {
        c.error(
            name.span(),
            format!("{what} `{}`: there is no unit with that id", name.get_ref()),
            help,
        );
    }
    found
}

/// What a word found after a number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suffix {
    /// Index into [`FigureRules::units`].
    Unit(usize),
    /// Index into [`FigureRules::currencies`].
    Currency(usize),
    /// A colloquial word for the currency (`块`), taken only before a minor part.
    Colloquial(usize),
}

/// What a word found before a number means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Index into [`FigureRules::qualifiers`].
    Qualifier(usize),
    /// Index into [`FigureRules::currencies`].
    Currency(usize),
    /// Index into [`FigureRules::units`].
    Unit(usize),
}

/// What a word found anywhere means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standalone {
    /// Index into [`FigureRules::phrases`].
    Phrase(usize),
    /// Index into [`FigureRules::relative_dates`].
    Relative(usize),
    /// Index into [`FigureRules::holidays`].
    Holiday(usize),
}

/// A small fast hasher for short char keys (the words are trusted rule data).
#[derive(Debug, Clone, Copy, Default)]
pub struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type CharMap<T> = HashMap<Vec<char>, T, std::hash::BuildHasherDefault<CharHasher>>;

/// A map keyed by single chars, with the fast hasher: the scanner asks whether a char
/// is a scale at almost every number, and SipHash cost more than the rest of the look-up.
pub type CharKeyed<T> = HashMap<char, T, std::hash::BuildHasherDefault<CharHasher>>;

/// Words keyed by their characters, for longest-match lookups at a position.
#[derive(Debug, Clone)]
pub struct WordTable<T> {
    map: CharMap<T>,
    max_len: usize,
    /// For each first character of the words, bit `n` set when a word of `n` chars
    /// starts with it, so a lookup tries only the lengths of its own words (currency
    /// names run to 8 chars). Most positions have no entry. A hash map rather than a
    /// sorted list: the scanner asks at every char that may start a figure, and a
    /// binary search was a third of the cost of a look-up.
    first_lens: CharKeyed<Lens>,
    /// For each last character of the words, bit `n` set when a word of `n` chars
    /// ends with it; `next` is of the char before the last.
    last_lens: CharKeyed<Lens>,
}

/// The lengths of the words that start (or end) with one char, and which chars come
/// next in them.
#[derive(Debug, Clone, Copy, Default)]
struct Lens {
    /// Bit `n` set when such a word has `n` chars.
    lens: u64,
    /// Bit `c % 64` set for the second char `c` (or the one before the last) of such a
    /// word: at most positions none of the longer words can fit, and then only the
    /// one-char word is looked up, not every length.
    next: u64,
}

impl Lens {
    fn add(&mut self, len: usize, next: Option<char>) {
        self.lens |= 1 << len;
        if let Some(c) = next {
            self.next |= char_bit(c);
        }
    }

    /// The lengths that may fit where `next` follows the first char (or precedes the
    /// last).
    fn given(&self, next: Option<&char>) -> u64 {
        match next {
            Some(&c) if self.next & char_bit(c) == 0 => self.lens & 0b10,
            _ => self.lens,
        }
    }
}

/// Bit `c % 64`.
fn char_bit(c: char) -> u64 {
    1 << (c as u32 & 63)
}

impl<T> Default for WordTable<T> {
    fn default() -> Self {
        WordTable {
            map: CharMap::default(),
            max_len: 0,
            first_lens: CharKeyed::default(),
            last_lens: CharKeyed::default(),
        }
    }
}

impl<T: Copy> WordTable<T> {
    /// Whether the table has no words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    fn insert(&mut self, word: &str, value: T) -> Option<T> {
        self.insert_chars(word.chars().collect(), value)
    }

    fn insert_chars(&mut self, chars: Vec<char>, value: T) -> Option<T> {
        let len = chars.len().min(63);
        self.max_len = self.max_len.max(len);
        if let Some(&c) = chars.first() {
            self.first_lens
                .entry(c)
                .or_default()
                .add(len, chars.get(1).copied());
        }
        if let Some(&c) = chars.last() {
            let before = chars.len().checked_sub(2).map(|k| chars[k]);
            self.last_lens.entry(c).or_default().add(len, before);
        }
        self.map.insert(chars, value)
    }

    /// The longest word starting at `at`, as (length in chars, meaning).
    pub fn longest_at(&self, text: &[char], at: usize) -> Option<(usize, T)> {
        let first = text.get(at)?;
        let lens = self.first_lens.get(first)?.given(text.get(at + 1));
        let room = text.len().saturating_sub(at);
        lengths_down(lens, room).find_map(|len| self.map.get(&text[at..at + len]).map(|v| (len, *v)))
    }

    /// The longest word ending at `end` (exclusive), as (length in chars, meaning).
    pub fn longest_before(&self, text: &[char], end: usize) -> Option<(usize, T)> {
        let end = end.min(text.len());
        let last = text.get(end.checked_sub(1)?)?;
        let lens = self
            .last_lens
            .get(last)?
            .given(end.checked_sub(2).and_then(|k| text.get(k)));
        lengths_down(lens, end).find_map(|len| self.map.get(&text[end - len..end]).map(|v| (len, *v)))
    }

    /// Like [`WordTable::longest_at`], with spaces allowed before and inside the word
    /// (`个 百 分 点` in text extracted from PDFs); returns (end position, meaning).
    pub fn longest_at_spaced(&self, text: &[char], at: usize) -> Option<(usize, T)> {
        let mut buf = ['\0'; 16];
        let mut pos = [0usize; 16];
        let mut m = 0;
        let mut k = at;
        while m < self.max_len.min(16) && k < text.len() && k < at + 24 {
            if text[k] != ' ' {
                buf[m] = text[k];
                pos[m] = k;
                m += 1;
            }
            k += 1;
        }
        let lens = self.first_lens.get(buf.first()?)?.given(buf[..m].get(1));
        lengths_down(lens, m).find_map(|len| self.map.get(&buf[..len]).map(|v| (pos[len - 1] + 1, *v)))
    }

    /// Every word with its meaning.
    pub fn iter(&self) -> impl Iterator<Item = (&[char], T)> {
        self.map.iter().map(|(k, v)| (k.as_slice(), *v))
    }
}

/// The lengths set in `mask` that are at most `room`, longest first.
fn lengths_down(mask: u64, room: usize) -> impl Iterator<Item = usize> {
    let mut left = if room >= 63 {
        mask
    } else {
        mask & ((1u64 << (room + 1)) - 1)
    };
    std::iter::from_fn(move || {
        let len = 63usize
            .checked_sub(left.leading_zeros() as usize)
            .filter(|_| left != 0)?;
        left &= !(1u64 << len);
        Some(len)
    })
}

/// Compiled figures rules.
#[derive(Debug, Clone, Default)]
pub struct FigureRules {
    /// Currencies by index.
    pub currencies: Vec<Currency>,
    /// Units by index.
    pub units: Vec<Unit>,
    /// Qualifiers by index.
    pub qualifiers: Vec<Qualifier>,
    /// Phrases by index.
    pub phrases: Vec<Phrase>,
    /// Relative dates by index.
    pub relative_dates: Vec<RelativeDate>,
    /// Holidays on a fixed day (`元旦`, `国庆节`, `春节`).
    pub holidays: Vec<Holiday>,
    /// First Gregorian day `(y, m, d)` of each lunar month, by lunar year and month
    /// (`lunar_months.tsv`).
    pub lunar_months: LunarMonths,
    /// Scale characters with their factor and rule id.
    pub scales: CharKeyed<(Decimal, String)>,
    /// Scale letters read only right after Arabic digits (`10k`, `3w`).
    /// With its factor, rule id and the fewest integer digits it needs before it.
    pub digit_scales: CharKeyed<(Decimal, String, usize)>,
    /// Scale characters read only when a smaller big scale follows in the same number
    /// (`兆` = 10^12 in `五兆六十二亿`), with factor and rule id.
    pub scales_before_smaller: CharKeyed<(Decimal, String)>,
    /// Words after a number.
    pub suffixes: WordTable<Suffix>,
    /// Words before a number.
    pub prefixes: WordTable<Prefix>,
    /// Qualifier words after a number or its unit.
    pub suffix_qualifiers: WordTable<usize>,
    /// Qualifier words that say how near a figure a few words on is (`约占全国四成`).
    pub across_qualifiers: WordTable<usize>,
    /// Qualifier words between a round number and its unit, and only there
    /// (`十来户`, `一千来块钱`).
    pub before_unit_qualifiers: WordTable<usize>,
    /// The longest reach of those words.
    pub across_reach: usize,
    /// Phrases and relative date words.
    pub standalone: WordTable<Standalone>,
    /// Names that hold a number but count nothing (`21世纪经济报道`).
    pub names: WordTable<()>,
    /// Words after which an ordinal or a bare number names an institution (`第一医院`).
    pub institution_words: WordTable<()>,
    /// Units of a count that, opening a short quoted phrase (`“四个全面”`,
    /// `“八条硬措施”`), make the phrase a slogan's name: the count counts nothing.
    pub quoted_slogan_units: Vec<String>,
    /// Where a lone `一` before a unit of time counts one (`过去一年`).
    pub one_span: OneSpan,
    /// Opening and closing marks of a work's title (`《`, `》`).
    pub title_marks: Vec<(char, char)>,
    /// Years a bare four-digit number before a Han character names (`2025文化强国…`).
    pub year_before_name: Option<RangeInclusive<u32>>,
    /// Whether such a year that closes a name in quotes or a title is a date too
    /// (`“剑网2014”`, `《…报告(2021)》`); when not, it is part of the name, no figure.
    pub year_after_name: bool,
    /// Words before a four-digit `N年` that make it a span of years (`距今`, `有着`).
    pub year_span_before: Vec<Vec<char>>,
    /// Words after a four-digit `N年` that make it a span of years (`历史`).
    pub year_span_after: Vec<Vec<char>>,
    /// Words before `N年` that make it a year whatever its digits (`公元`).
    pub era_before_year: Vec<Vec<char>>,
    /// Range separators.
    pub separators: WordTable<()>,
    /// Words after `N号` that make it a number sign, not a day (`3号线`, `3号航站楼`).
    pub day_hao_not_before: Vec<Vec<char>>,
    /// Words right before `N号` that make it a name (`遥感卫星20号`), longest first.
    pub hao_name_after: Vec<Vec<char>>,
    /// Words right before a day without its month that make it recur (`每月8日`).
    pub recurring_day_after: Vec<Vec<char>>,
    /// Characters that, right after an ordinal with no counter, are its serial mark
    /// and unit (`第二十五号` = 25, unit `号`).
    pub ordinal_marks: Vec<char>,
    /// Words written from a serial mark on that make it no mark: `第一版块` is the
    /// first section, `第一版本` the first version.
    pub ordinal_mark_not_words: Vec<Vec<char>>,
    /// Words before a day of the month, in its clause, that put it ahead of the
    /// publication date (`将于25日`): without one a day past the publication day is
    /// in the month before.
    pub future_before: Vec<Vec<char>>,
    /// Words right after a day of the month that put it ahead (`25日起`).
    pub future_after: Vec<Vec<char>>,
    /// Words before a day of the month, in its clause, that put a day already past in
    /// the publication month into the next (`将于7日起` in a paper of the 15th is 7
    /// July); `本月` is none of them.
    pub next_month_before: Vec<Vec<char>>,
    /// Words right after a day (and its part) that make it the day something was said
    /// or reported (`美国政府7号宣布`): a `next_month_before` word counts for it only
    /// close before (`将于9日公布`).
    pub said_after: Vec<Vec<char>>,
    /// Words right after a date that put its month behind the publication date: `8月份
    /// 以来` in a June paper is last year's August.
    pub past_after: Vec<Vec<char>>,
    /// Words right before a date that open a phrase `past_after` may close anywhere
    /// in its clause: `自11月1日顺利进驻空间站组合体以来` is last November.
    pub since_before: Vec<Vec<char>>,
    /// Words right before `N日` that make it a count of days, not a day of the month
    /// (`连续10日下降`); the count takes a unit of `日`.
    pub day_count_before: Vec<Vec<char>>,
    /// Words right after `N日` that make it a count of days when no month is written
    /// with it (`应当自交付之日起30日内支付`).
    pub day_count_after: Vec<Vec<char>>,
    /// Words before a number that put it below zero (`零下15℃`), longest first.
    pub negative_words: Vec<Vec<char>>,
    /// Words joining two bounds (`大于10并且小于20`), longest first.
    pub comparison_connectors: Vec<Vec<char>>,
    /// Marks after a range's end saying it is included (`1万(含)-5万元`), longest first.
    pub range_inclusive_marks: Vec<Vec<char>>,
    /// Words after a fraction that make it none (`1/4决赛`, `四分之一决赛` are
    /// quarter-finals).
    pub fraction_not_before: Vec<Vec<char>>,
    /// Words joining the two ends of a range that one of `between_ends` closes
    /// (`10000与20000之间`).
    pub between_connectors: Vec<Vec<char>>,
    /// Words closing such a range (`之间`), longest first.
    pub between_ends: Vec<Vec<char>>,
    /// Words after which a bare number names something (`邮编:100086`, `热线电话12345`).
    pub identifier_labels: WordTable<()>,
    /// Words that, after two numbers joined by a dash, make them a score (`2-1战胜`).
    pub score_words: WordTable<()>,
    /// Words shortly before two numbers joined by a colon or `比` that make them a score.
    pub score_words_before: WordTable<()>,
    /// Words right after two numbers joined by a colon or `比` that make them a score.
    pub score_marks_after: WordTable<()>,
    /// Words right before a quantity that make it a rate per the unit word they end
    /// with (`每小时300公里` → `公里/小时`).
    pub rate_words_before: WordTable<()>,
    /// Words before which a bare whole number in Arabic digits names something
    /// (`12315热线`, `318国道`, `211工程`).
    pub identifier_suffixes: WordTable<()>,
    /// Counting words the number reader skips before one of `counted_scales` (`3个亿`).
    pub scale_counters: Vec<char>,
    /// Scales a counting word may stand before (`亿`).
    pub counted_scales: Vec<char>,
    /// Indices of the currencies with counting words for their major unit
    /// (`counter_major`, `counter_major_final`): the few a number is checked against.
    pub counter_major_currencies: Vec<usize>,
    /// Characters after such a scale that keep the counting word a count (`亿级`).
    pub counted_scale_not_before: Vec<char>,
    /// Characters that, right after a unit, make a bare scale of a hundred or more
    /// before it a size class, no figure (`万吨级`, `百万千瓦级`).
    pub class_marks: Vec<char>,
    /// Characters right after which a year in four digits dates a cohort: a date, not a
    /// count (`2025届高校毕业生`, `2015级本科班`).
    pub cohort_marks: Vec<char>,
    /// Unit words before which a scale of a hundred or more written alone counts one of
    /// it (`万亩油菜花` = 10000 亩, `百米外`).
    pub lone_scale_units: Vec<Vec<char>>,
    /// Words right after two whole numbers joined by a dash that make the pair a field's
    /// or a platform's name whatever stands before it (`垦利6-1油田`, `荔湾3-1气田`).
    pub coded_pair_names: Vec<Vec<char>>,
    /// Words right before a whole number in digits and `号` that make it a house number
    /// (`兴业路76号`), no figure.
    pub address_before: Vec<Vec<char>>,
    /// Words after a decade's number (`年代`), longest first.
    pub decade_words: Vec<Vec<char>>,
    /// Words after a century's number (`世纪`), longest first.
    pub century_words: Vec<Vec<char>>,
    /// Characters before a scale that make it "several of it" (`上千`): at least one.
    pub several_before_scale: Vec<char>,
    /// Characters before a scale that make it a vague number and no figure (`数十人`).
    pub vague_before_scale: Vec<char>,
    /// Characters that make the one after them no "several" (`网上百日`).
    pub several_not_after: Vec<char>,
    /// Characters that jieba glues to the front of a count's word (`等七人/n`): such a
    /// word, begun by one right before the number, is no word the figure cuts into.
    pub word_leaders: Vec<char>,
    /// Words before a weekday number (`星期`, `周`), as chars.
    pub weekday_words: Vec<Vec<char>>,
    /// Characters right before a weekday word that make it no date (`每`, `个`).
    pub weekday_not_after: Vec<char>,
    /// Words after which a month and day, or a day, are lunar and no figure
    /// (`农历八月十八`, `腊月二十五`).
    pub lunar_before: Vec<Vec<char>>,
    /// Names of a year that may stand between the year and its holiday: `2014马年春节`
    /// is the Spring Festival of 2014.
    pub year_epithets: Vec<Vec<char>>,
    /// Names of January right after a year: `2007年元月` is 2007-01.
    pub january_words: Vec<Vec<char>>,
    /// Words before a Chinese numeral that number a part of a series: an ordinal
    /// (`述评之三》`, `报道之十一`).
    pub series_marks: Vec<Vec<char>>,
    /// Words that end an event's name: a year with `年` that opens one (`2023年世界互联网
    /// 大会`, `世界经济论坛2025年年会`) dates a month written before it in its sentence.
    pub event_words: Vec<Vec<char>>,
    /// Bitmap over the Basic Multilingual Plane of the characters a figure's number or
    /// standalone word can begin with, so the scanner skips any other with one load.
    pub starts: Vec<u64>,
    /// The same without the standalone words' first characters.
    pub number_starts: Vec<u64>,
    /// Salary and price words that make a bare number money.
    pub money_contexts: Vec<MoneyContext>,
    /// A bare amount that repeats an earlier money figure's currency.
    pub money_echo: Option<MoneyEcho>,
    /// Quantities written in parts (`1分45秒`).
    pub compounds: Vec<Compound>,
    /// First chars of the compounds' part words: a number followed by none of them
    /// starts no compound.
    pub compound_firsts: Vec<char>,
    /// Financial numerals as money.
    pub financial: Option<Financial>,
    /// Marks between the digits of a loose range (`2、300`), single chars.
    pub loose_range_marks: Vec<char>,
    /// Marks between the items of a list that share its last item's unit (`、`, `和`).
    pub list_marks: Vec<char>,
    /// Words before a list that make neighbouring numbers two items, not a loose range.
    pub list_cues: Vec<Vec<char>>,
    /// Words that join a figure's value before and after a change (`增加到`, `降至`): a
    /// bare number on one side takes the kind and unit of the figure on the other
    /// (`由6亿增加到9.3亿元` is two amounts).
    pub change_connectors: Vec<Vec<char>>,
    /// Characters before which `多` after a unit still qualifies it (`3年多来`).
    pub over_after_unit_before: Vec<char>,
    /// Units of time after which a `多` that jieba cuts alone qualifies (`两年多艰苦`).
    pub over_word_after_units: Vec<Vec<char>>,
    /// Suffix qualifier words that, right after a unit of `frame_time_units`, frame the
    /// length of time rather than bound it: `8天之内`, `48小时之内` are within so long,
    /// no `under` (`1.5摄氏度之内` is).
    pub frame_words_after_time: Vec<Vec<char>>,
    /// Units of time written before `frame_words_after_time`.
    pub frame_time_units: Vec<Vec<char>>,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<RuleExample>,
}

fn decimal_of(v: &toml::Value) -> Option<Decimal> {
    match v {
        toml::Value::Integer(i) => Some(Decimal::from(*i)),
        toml::Value::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        toml::Value::String(s) => Decimal::from_str(s).ok(),
        _ => None,
    }
}

fn approx_of(s: &str) -> Option<Approx> {
    match s {
        "about" => Some(Approx::About),
        "nearly" => Some(Approx::Nearly),
        "over" => Some(Approx::Over),
        "under" => Some(Approx::Under),
        _ => None,
    }
}

fn kind_of(s: &str) -> Option<FigureKind> {
    match s {
        "money" => Some(FigureKind::Money),
        "percent" => Some(FigureKind::Percent),
        "quantity" => Some(FigureKind::Quantity),
        "multiple" => Some(FigureKind::Multiple),
        "date" => Some(FigureKind::Date),
        "ordinal" => Some(FigureKind::Ordinal),
        "number" => Some(FigureKind::Number),
        _ => None,
    }
}

/// Collects errors for one file, with the bookkeeping that spans several tables.
struct Compiler<'a> {
    file: &'a RuleFile,
    errors: &'a mut Vec<RuleError>,
    ids: HashMap<String, usize>,
    examples: Vec<RuleExample>,
}

impl Compiler<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, help: &str) {
        self.errors.push(self.file.error_at(span, message, Some(help)));
    }

    fn id(&mut self, id: &Spanned<String>) -> String {
        let name = id.get_ref().clone();
        let ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.error(
                id.span(),
                format!("rule id {name:?} is not a lower-case ascii name"),
                "use letters a-z, digits, `-` and `_`, e.g. id = \"percent-sign\"",
            );
        }
        if let Some(prev) = self.ids.insert(name.clone(), id.span().start) {
            let (line, _) = self.file.line_col(prev);
            self.error(
                id.span(),
                format!("rule id `{name}` is already used on line {line}"),
                "every entry needs its own id",
            );
        }
        name
    }

    fn word(&mut self, w: &Spanned<String>) -> Option<String> {
        let s = w.get_ref();
        if s.trim().is_empty() || s.chars().any(char::is_whitespace) {
            self.error(
                w.span(),
                format!("word {s:?} is empty or contains spaces"),
                "write the word exactly as it appears in normalized text, without spaces",
            );
            return None;
        }
        Some(s.clone())
    }

    /// The valid words of `list` as chars, in order (bad ones are reported).
    fn char_words(&mut self, list: &[Spanned<String>]) -> Vec<Vec<char>> {
        list.iter()
            .filter_map(|w| self.word(w))
            .map(|w| w.chars().collect())
            .collect()
    }

    /// [`Compiler::char_words`], longest first, for longest-match look-ups.
    fn char_words_longest_first(&mut self, list: &[Spanned<String>]) -> Vec<Vec<char>> {
        let mut out = self.char_words(list);
        out.sort_by_key(|w| std::cmp::Reverse(w.len()));
        out
    }

    /// A list that must hold single characters (`not_before = ["为", "员"]`); `what`
    /// names it in the error, `help` shows an example.
    fn single_chars(&mut self, list: &[Spanned<String>], what: &str, help: &str) -> Vec<char> {
        let mut out = Vec::new();
        for w in list {
            let mut chars = w.get_ref().chars();
            match (chars.next(), chars.next()) {
                (Some(ch), None) => out.push(ch),
                _ => self.error(
                    w.span(),
                    format!("{what} entry {:?} is not one character", w.get_ref()),
                    help,
                ),
            }
        }
        out
    }

    /// The valid words of `list` as a table to look them up in (a word listed twice is
    /// harmless here: it means the same).
    fn word_set(&mut self, list: &[Spanned<String>]) -> WordTable<()> {
        let mut table = WordTable::default();
        for word in self.char_words(list) {
            table.insert_chars(word, ());
        }
        table
    }

    fn examples(&mut self, specs: Vec<Spanned<ExampleSpec>>, rule: &str) {
        let mut compiled = compile_all(specs, self.file, rule, ExampleKind::Figure, self.errors);
        self.examples.append(&mut compiled);
    }

    fn insert<T: Copy + PartialEq>(
        &mut self,
        table: &mut WordTable<T>,
        w: &Spanned<String>,
        value: T,
        what: &str,
    ) {
        let Some(word) = self.word(w) else { return };
        if let Some(prev) = table.insert(&word, value)
            && prev != value
        {
            self.error(
                w.span(),
                format!("{what} word `{word}` is defined twice"),
                "a word may mean one thing in each position; remove one of the entries",
            );
        }
    }
}

/// First Gregorian day `(y, m, d)` of each lunar month, keyed by lunar year and month.
pub type LunarMonths = HashMap<(i32, u32), (i32, u32, u32)>;

/// Reads `lunar_months.tsv`: lunar year, lunar month, the Gregorian date of its first
/// day; every bad line is recorded.
fn lunar_months(file: &RuleFile, errors: &mut Vec<RuleError>) -> Option<LunarMonths> {
    let before = errors.len();
    let mut out = HashMap::with_capacity(2_400);
    for (line, row) in super::tsv_rows(file) {
        let parsed = super::columns::<3>(row).ok().and_then(|[y, m, first]| {
            let y: i32 = y.parse().ok()?;
            let m: u32 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
            let mut parts = first.splitn(3, '-');
            let fy: i32 = parts.next()?.parse().ok()?;
            let fm: u32 = parts.next()?.parse().ok().filter(|m| (1..=12).contains(m))?;
            let fd: u32 = parts.next()?.parse().ok().filter(|d| (1..=31).contains(d))?;
            Some(((y, m), (fy, fm, fd)))
        });
        match parsed {
            Some((key, first)) => {
                out.insert(key, first);
            }
            None => errors.push(file.error_at_line(
                line,
                1,
                "expected a lunar year, a lunar month (1-12) and a date YYYY-MM-DD, tab-separated",
                Some("rerun scripts/gen_lunar_months.py rather than editing the table"),
            )),
        }
    }
    (errors.len() == before).then_some(out)
}

/// Characters the number reader starts on besides scale words: Arabic, Chinese and
/// Roman digits, tens, signs, and the first characters of built-in date words
/// (`前三季度`, `上半年`). Kept in step with `extract::figures::numbers::chinese_digit`
/// and `roman_numeral` by a test.
pub const NUMBER_CHARS: &str = "0123456789.零〇○一壹幺二贰貳两兩倆俩三叁參叄四肆五伍六陆陸七柒八捌九玖廿卅卌负負-−前上下\
     ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ";

/// Bit `c` of a bitset over the chars below U+10000.
fn bit_set(bits: &[u64], c: char) -> bool {
    let u = c as usize;
    u < 65536 && bits.get(u >> 6).is_some_and(|w| w & (1 << (u & 63)) != 0)
}

/// Sets bit `c` of a bitset of 1024 words; chars past U+FFFF have none.
fn set_bit(bits: &mut [u64], c: char) {
    let u = c as usize;
    if let Some(w) = bits.get_mut(u >> 6).filter(|_| u < 65536) {
        *w |= 1 << (u & 63);
    }
}

impl FigureRules {
    /// Whether `c` before a scale makes it several of it (`上千`) or vaguely so (`数十`).
    pub fn is_several_marker(&self, c: char) -> bool {
        self.several_before_scale.contains(&c) || self.vague_before_scale.contains(&c)
    }

    /// Whether a figure can begin at character `c`.
    pub fn may_start(&self, c: char) -> bool {
        bit_set(&self.starts, c)
    }

    /// Whether a figure other than a phrase, relative date or holiday word can begin at
    /// character `c`: whether the scan need look past those words at all.
    pub fn may_start_number(&self, c: char) -> bool {
        bit_set(&self.number_starts, c)
    }

    /// Loads and compiles `figures.toml`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<FigureRules> {
        let file = read_or_record(dir, "figures.toml", errors)?;
        let lunar = read_or_record(dir, "lunar_months.tsv", errors);
        let mut rules = FigureRules::compile(&file, errors)?;
        rules.lunar_months = lunar_months(&lunar?, errors)?;
        Some(rules)
    }

    /// Compiles the text of a rules file; `None` when anything is wrong.
    pub fn compile(file: &RuleFile, errors: &mut Vec<RuleError>) -> Option<FigureRules> {
        let spec = file.parse_toml::<FileSpec>(errors)?;
        let before = errors.len();
        let mut c = Compiler {
            file,
            errors,
            ids: HashMap::new(),
            examples: Vec::new(),
        };
        let mut rules = FigureRules::default();

        for s in &spec.range_separators {
            let mut table = std::mem::take(&mut rules.separators);
            c.insert(&mut table, s, (), "range separator");
            rules.separators = table;
        }

        rules.comparison_connectors = c.char_words(&spec.comparison_connectors);
        rules
            .comparison_connectors
            .sort_by_key(|w| std::cmp::Reverse(w.len()));
        for (list, out) in [
            (&spec.fraction_not_before, &mut rules.fraction_not_before),
            (&spec.range_inclusive_marks, &mut rules.range_inclusive_marks),
            (&spec.between_connectors, &mut rules.between_connectors),
            (&spec.between_ends, &mut rules.between_ends),
            (&spec.decade_words, &mut rules.decade_words),
            (&spec.century_words, &mut rules.century_words),
        ] {
            *out = c.char_words_longest_first(list);
        }
        rules.several_before_scale = c.single_chars(
            &spec.several_before_scale,
            "several_before_scale",
            "list single characters, e.g. [\"上\"]",
        );
        rules.vague_before_scale = c.single_chars(
            &spec.vague_before_scale,
            "vague_before_scale",
            "list single characters, e.g. [\"数\", \"几\"]",
        );
        rules.several_not_after = c.single_chars(
            &spec.several_not_after,
            "several_not_after",
            "list single characters, e.g. [\"网\"]",
        );
        rules.word_leaders = c.single_chars(
            &spec.word_leaders,
            "word_leaders",
            "list single characters, e.g. [\"等\"]",
        );
        for (list, out, what) in [
            (&spec.scale_counters, &mut rules.scale_counters, "scale_counters"),
            (&spec.counted_scales, &mut rules.counted_scales, "counted_scales"),
            (
                &spec.counted_scale_not_before,
                &mut rules.counted_scale_not_before,
                "counted_scale_not_before",
            ),
            (&spec.class_marks, &mut rules.class_marks, "class_marks"),
            (&spec.cohort_marks, &mut rules.cohort_marks, "cohort_marks"),
            (&spec.ordinal_marks, &mut rules.ordinal_marks, "ordinal_marks"),
        ] {
            *out = c.single_chars(list, what, "list single characters, e.g. [\"个\"]");
        }
        rules.day_hao_not_before = c.char_words(&spec.day_hao_not_before);

        rules.recurring_day_after = c.char_words(&spec.recurring_day_after);
        rules.lone_scale_units = c.char_words(&spec.lone_scale_units);
        rules.coded_pair_names = c.char_words(&spec.coded_pair_names);
        rules.address_before = c.char_words(&spec.address_before);
        rules.weekday_words = c.char_words_longest_first(&spec.weekday_words);
        rules.lunar_before = c.char_words(&spec.lunar_before);
        rules.year_epithets = c.char_words(&spec.year_epithets);
        rules.january_words = c.char_words_longest_first(&spec.january_words);
        rules.series_marks = c.char_words(&spec.series_marks);
        rules.event_words = c.char_words(&spec.event_words);
        rules.hao_name_after = c.char_words_longest_first(&spec.hao_name_after);
        rules.ordinal_mark_not_words = c.char_words(&spec.ordinal_mark_not_words);
        rules.future_before = c.char_words_longest_first(&spec.future_before);
        rules.future_after = c.char_words_longest_first(&spec.future_after);
        rules.next_month_before = c.char_words_longest_first(&spec.next_month_before);
        rules.said_after = c.char_words_longest_first(&spec.said_after);
        rules.past_after = c.char_words_longest_first(&spec.past_after);
        rules.since_before = c.char_words_longest_first(&spec.since_before);
        rules.day_count_before = c.char_words_longest_first(&spec.day_count_before);
        rules.day_count_after = c.char_words(&spec.day_count_after);
        rules.negative_words = c.char_words_longest_first(&spec.negative_words);

        let mut known: Vec<String> = Vec::new();
        for code in &spec.known_codes {
            let s = code.get_ref();
            if s.len() != 3 || !s.chars().all(|ch| ch.is_ascii_uppercase()) {
                c.error(
                    code.span(),
                    format!("`{s}` is not an ISO 4217 code"),
                    "ISO 4217 codes are three upper-case letters, e.g. \"CNY\"",
                );
            } else {
                known.push(s.clone());
            }
        }

        let mut counter_targets: Vec<(usize, Spanned<String>)> = Vec::new();
        for cur in spec.currency {
            let id = c.id(&cur.id);
            let code = cur.code.get_ref().clone();
            if code.len() != 3 || !code.chars().all(|ch| ch.is_ascii_uppercase()) {
                c.error(
                    cur.code.span(),
                    format!("currency `{id}`: code `{code}` is not three upper-case letters"),
                    "write the ISO 4217 code, e.g. code = \"USD\"",
                );
            } else if !known.contains(&code) {
                c.error(
                    cur.code.span(),
                    format!("currency `{id}`: `{code}` is not among known_codes"),
                    "check the spelling against ISO 4217, or add the code to known_codes",
                );
            }
            if cur.suffix.is_empty() && cur.prefix.is_empty() {
                c.error(
                    cur.id.span(),
                    format!("currency `{id}` has no words"),
                    "give suffix = [\"元\"] and/or prefix = [\"人民币\"]",
                );
            }
            let index = rules.currencies.len();
            for w in &cur.suffix {
                c.insert(&mut rules.suffixes, w, Suffix::Currency(index), "suffix");
            }
            for w in &cur.prefix {
                c.insert(&mut rules.prefixes, w, Prefix::Currency(index), "prefix");
            }
            for w in &cur.colloquial {
                c.insert(&mut rules.suffixes, w, Suffix::Colloquial(index), "suffix");
            }
            let mut minor = Vec::new();
            let mut lone_minor = Vec::new();
            for m in &cur.minor {
                let Some(word) = c.word(&m.word) else { continue };
                match decimal_of(m.factor.get_ref()).filter(|d| *d > Decimal::ZERO && *d < Decimal::ONE) {
                    Some(f) => {
                        if m.alone {
                            lone_minor.push((word.chars().collect::<Vec<char>>(), f));
                        }
                        minor.push((word.chars().collect::<Vec<char>>(), f));
                    }
                    None => c.error(
                        m.factor.span(),
                        format!("currency `{id}`: minor unit `{word}` needs a factor between 0 and 1"),
                        "write factor = 0.1 for 角, 0.01 for 分",
                    ),
                }
            }
            minor.sort_by_key(|m| std::cmp::Reverse(m.1));
            let colloquial_alone = cur.colloquial_alone.as_ref().map(|a| ColloquialAlone {
                cues: c.char_words_longest_first(&a.cues),
                within: a.within.as_ref().map_or(12, |w| *w.get_ref()),
                before: c.char_words_longest_first(&a.before),
                spoken_from: a.spoken_from.as_ref().and_then(|v| decimal_of(v.get_ref())),
                cues_after: c.char_words_longest_first(&a.cues_after),
                within_after: a.within_after.as_ref().map_or(3, |w| *w.get_ref()),
            });
            if colloquial_alone.is_some() && cur.colloquial.is_empty() {
                c.error(
                    cur.id.span(),
                    format!("currency `{id}`: colloquial_alone without colloquial words"),
                    "give colloquial = [\"块\"] or remove colloquial_alone",
                );
            }
            let counter_major = c.char_words_longest_first(&cur.counter_major);
            let counter_major_final = c.char_words_longest_first(&cur.counter_major_final);
            let minor_final_after = c.char_words(&cur.minor_final_after);
            if !(counter_major.is_empty() && counter_major_final.is_empty()) && minor.is_empty() {
                c.error(
                    cur.id.span(),
                    format!("currency `{id}`: counter_major without minor units"),
                    "give minor = [{ word = \"毫\", factor = 0.1 }] or remove counter_major",
                );
            }
            c.examples(cur.examples, &id);
            rules.currencies.push(Currency {
                id,
                code,
                minor,
                lone_minor,
                minor_final_after,
                colloquial_alone,
                counter_major,
                counter_major_final,
                yields_to_prefix: cur.yields_to_prefix,
                half_after: cur.half_after,
                colloquial_counter: None,
            });
            if let Some(unit) = cur.colloquial_counter {
                counter_targets.push((index, unit));
            }
        }
        rules.counter_major_currencies = (rules.currencies.iter().enumerate())
            .filter(|(_, c)| !(c.counter_major.is_empty() && c.counter_major_final.is_empty()))
            .map(|(i, _)| i)
            .collect();

        let mut multi = Vec::new();
        for sc in spec.scale {
            let id = c.id(&sc.id);
            let Some(factor) = decimal_of(sc.factor.get_ref()).filter(|d| *d > Decimal::ONE) else {
                c.error(
                    sc.factor.span(),
                    format!("scale `{id}`: factor is not a number above 1"),
                    "write factor = 10000",
                );
                continue;
            };
            let Some(word) = c.word(&sc.word) else { continue };
            let chars: Vec<char> = word.chars().collect();
            // A one-char scale goes into the table its kind names; a second entry for
            // the same char is the same mistake whichever table it is.
            let duplicate = if sc.after_digits {
                match chars[..] {
                    [ch] if !rules.scales.contains_key(&ch) => rules
                        .digit_scales
                        .insert(ch, (factor, id.clone(), sc.min_digits))
                        .is_some(),
                    _ => {
                        c.error(
                            sc.word.span(),
                            format!(
                                "scale `{id}`: an after_digits scale must be one character not otherwise a scale"
                            ),
                            "write word = \"k\"",
                        );
                        false
                    }
                }
            } else if sc.before_smaller {
                match chars[..] {
                    [ch] if !rules.scales.contains_key(&ch) && factor >= Decimal::from(100_000_000) => rules
                        .scales_before_smaller
                        .insert(ch, (factor, id.clone()))
                        .is_some(),
                    _ => {
                        c.error(
                            sc.word.span(),
                            format!(
                                "scale `{id}`: a before_smaller scale must be one character, not otherwise a scale, with a factor of at least 100000000"
                            ),
                            "write word = \"兆\", factor = 1000000000000",
                        );
                        false
                    }
                }
            } else if let [ch] = chars[..] {
                rules.scales.insert(ch, (factor, id.clone())).is_some()
            } else {
                multi.push((sc.word.span(), word.clone(), factor, id.clone()));
                false
            };
            if duplicate {
                c.error(
                    sc.word.span(),
                    format!("scale word `{word}` is defined twice"),
                    "remove one of the entries",
                );
            }
            c.examples(sc.examples, &id);
        }
        for (span, word, factor, id) in multi {
            let mut product = Some(Decimal::ONE);
            for ch in word.chars() {
                product = match (product, rules.scales.get(&ch)) {
                    (Some(p), Some((f, _))) => p.checked_mul(*f),
                    _ => None,
                };
            }
            match product {
                Some(p) if p == factor => {}
                Some(p) => c.error(
                    span,
                    format!("scale `{id}`: `{word}` reads as {p} from its characters, not {factor}"),
                    "multi-character scale words are read character by character; fix the factor",
                ),
                None => c.error(
                    span,
                    format!("scale `{id}`: `{word}` has a character that is not a scale word"),
                    "define each character of the word as its own scale entry first",
                ),
            }
        }

        // (unit index, target id, switch with `to` filled in once every unit is known)
        let mut switch_targets: Vec<(usize, Spanned<String>, UnitSwitch)> = Vec::new();
        let mut wordless: Vec<(usize, Spanned<String>)> = Vec::new();
        for u in spec.unit {
            let id = c.id(&u.id);
            let kind = match &u.kind {
                None => FigureKind::Quantity,
                Some(k) => match kind_of(k.get_ref()) {
                    Some(
                        kind @ (FigureKind::Quantity
                        | FigureKind::Percent
                        | FigureKind::Multiple
                        | FigureKind::Ordinal
                        | FigureKind::Number),
                    ) => kind,
                    _ => {
                        c.error(
                            k.span(),
                            format!("unit `{id}`: kind `{}` is not allowed here", k.get_ref()),
                            "use quantity, percent, multiple, ordinal or number (money goes in [[currency]])",
                        );
                        continue;
                    }
                },
            };
            let factor = match &u.factor {
                None => Decimal::ONE,
                Some(f) => match decimal_of(f.get_ref()).filter(|d| *d > Decimal::ZERO) {
                    Some(d) => d,
                    None => {
                        c.error(
                            f.span(),
                            format!("unit `{id}`: factor is not a positive number"),
                            "write factor = 10 or factor = 0.1",
                        );
                        continue;
                    }
                },
            };
            // A unit with no words of its own is what another word turns into (a
            // currency's `colloquial_counter`, a `switch`); checked once all are read.
            if u.words.is_empty() && u.prefix.is_empty() {
                wordless.push((rules.units.len(), u.id.clone()));
            }
            let unit = match &u.unit {
                Some(s) if s.get_ref().is_empty() => None,
                Some(s) => Some(s.get_ref().clone()),
                None => u.words.first().map(|w| w.get_ref().clone()),
            };
            let not_before = c.single_chars(
                &u.not_before,
                &format!("unit `{id}`: not_before"),
                "list single characters, e.g. not_before = [\"为\", \"员\"]",
            );
            let pair_factor = match &u.pair_factor {
                None => None,
                Some(f) => match decimal_of(f.get_ref()).filter(|d| *d > Decimal::ZERO) {
                    Some(d) => Some(d),
                    None => {
                        c.error(
                            f.span(),
                            format!("unit `{id}`: pair_factor is not a positive number"),
                            "write pair_factor = 1",
                        );
                        None
                    }
                },
            };
            let index = rules.units.len();
            for w in &u.words {
                c.insert(&mut rules.suffixes, w, Suffix::Unit(index), "suffix");
            }
            for w in &u.prefix {
                c.insert(&mut rules.prefixes, w, Prefix::Unit(index), "prefix");
            }
            c.examples(u.examples, &id);
            for sw in &u.switch {
                if !sw.after_scale
                    && sw.words_before.is_empty()
                    && sw.words_after.is_empty()
                    && sw.numbers.is_empty()
                {
                    c.error(
                        sw.to.span(),
                        format!(
                            "unit `{id}`: a switch needs after_scale = true, words_before, words_after or numbers"
                        ),
                        "write after_scale = true, or words_before = [\"用电\"]",
                    );
                }
                let words_before = c.char_words(&sw.words_before);
                let within = sw.within.as_ref().map_or(12, |w| *w.get_ref());
                let words_after = c.char_words(&sw.words_after);
                let numbers = c.char_words(&sw.numbers);
                let unless_near = c.char_words(&sw.unless_near);
                switch_targets.push((
                    index,
                    sw.to.clone(),
                    UnitSwitch {
                        to: usize::MAX,
                        after_scale: sw.after_scale,
                        words_before,
                        within,
                        words_after,
                        numbers,
                        unless_near,
                    },
                ));
            }
            let only_after = match u.only_after.as_ref().map(|o| o.get_ref().as_str()) {
                None => None,
                Some("scale") => Some(OnlyAfter::Scale),
                Some("digits-or-scale") => Some(OnlyAfter::DigitsOrScale),
                Some("digits") => Some(OnlyAfter::Digits),
                Some("whole-digits") => Some(OnlyAfter::WholeDigits),
                Some(other) => {
                    if let Some(o) = &u.only_after {
                        c.error(
                            o.span(),
                            format!("unit `{id}`: only_after `{other}` is unknown"),
                            "use \"scale\", \"digits-or-scale\", \"digits\" or \"whole-digits\"",
                        );
                    }
                    None
                }
            };
            // `中` of `中全会`: the start of a longer word of the unit's own.
            let starts_a_word = |h: &str| {
                u.words
                    .iter()
                    .any(|w| w.get_ref().starts_with(h) && w.get_ref().len() > h.len())
            };
            let listed_head = match &u.listed_head {
                Some(h) if starts_a_word(h.get_ref()) => h.get_ref().chars().collect(),
                Some(h) => {
                    let message = format!(
                        "unit `{id}`: listed_head `{}` starts none of its words",
                        h.get_ref()
                    );
                    c.error(
                        h.span(),
                        message,
                        "write the first characters of a longer word in `words`, e.g. \"中\" for \"中全会\"",
                    );
                    Vec::new()
                }
                None => Vec::new(),
            };
            rules.units.push(Unit {
                id,
                unit,
                kind,
                factor,
                not_before,
                guard_yields_to_word: u.guard_yields_to_word,
                word_alone: u.word_alone,
                pair_factor,
                digit_after: u.digit_after,
                half_after: u.half_after,
                slash_range: u.slash_range,
                switches: Vec::new(),
                ordinal_before: c.char_words_longest_first(&u.ordinal_before),
                name_before: c.char_words_longest_first(&u.name_before),
                no_figure: u.no_figure,
                ordinal_before_after_ordinal: c.char_words_longest_first(&u.ordinal_before_after_ordinal),
                ordinal_after: c.char_words(&u.ordinal_after),
                only_after,
                also_before: c.char_words_longest_first(&u.also_before),
                also_after_ordinal: u.also_after_ordinal,
                also_after: u.also_after.as_ref().map(|a| AlsoAfter {
                    tags: a.tags.iter().map(|t| t.get_ref().clone()).collect(),
                    words: c.char_words(&a.words),
                    from: a.from,
                    except: c.char_words(&a.except),
                }),
                ordinal_after_noun: u.ordinal_after_noun,
                ordinal_after_name: u.ordinal_after_name,
                lone_not_count: c.char_words(&u.lone_not_count),
                listed_head,
            });
        }
        let mut referenced = vec![false; rules.units.len()];
        for (index, unit) in counter_targets {
            let help = "write the id of a [[unit]] entry, e.g. colloquial_counter = \"piece-kuai\"";
            if let Some(target) = unit_named(&mut c, &rules.units, &unit, "colloquial_counter", help) {
                referenced[target] = true;
                if let Some(cur) = rules.currencies.get_mut(index) {
                    cur.colloquial_counter = Some(target);
                }
            }
        }
        if let Some(o) = spec.one_span {
            let help = "write the id of a [[unit]] entry, e.g. units = [\"year-count\"]";
            let mut ids = |names: &[Spanned<String>], what: &str| -> Vec<usize> {
                names
                    .iter()
                    .filter_map(|unit| unit_named(&mut c, &rules.units, unit, what, help))
                    .collect()
            };
            rules.one_span.units = ids(&o.units, "one_span unit");
            rules.one_span.counted = ids(&o.counted, "one_span counted unit");
            rules.one_span.after_count = ids(&o.after_count, "one_span after_count unit");
            rules.one_span.tally_words = c.word_set(&o.tally_words);
            rules.one_span.tally_reach = o.tally_reach.map_or(0, |r| *r.get_ref());
            rules.one_span.before = c.word_set(&o.before);
            rules.one_span.after = c.word_set(&o.after);
            rules.one_span.not_after = c.single_chars(
                &o.not_after,
                "one_span: not_after",
                "list single characters, e.g. not_after = [\"这\"]",
            );
            c.examples(o.examples, "one-span");
        }
        for (index, to, mut switch) in switch_targets {
            let help = "write the id of a [[unit]] entry, e.g. to = \"kwh\"";
            if let Some(target) = unit_named(&mut c, &rules.units, &to, "switch to unit", help) {
                referenced[target] = true;
                switch.to = target;
                if let Some(u) = rules.units.get_mut(index) {
                    u.switches.push(switch);
                }
            }
        }
        for (index, id) in wordless {
            if !referenced.get(index).copied().unwrap_or(false) {
                c.error(
                    id.span(),
                    format!("unit `{}` has no words", id.get_ref()),
                    "give words = [\"辆\"] and/or prefix = [\"第\"], or name the unit in a currency's colloquial_counter or a switch",
                );
            }
        }

        for q in spec.qualifier {
            let id = c.id(&q.id);
            let Some(approx) = approx_of(q.approx.get_ref()) else {
                c.error(
                    q.approx.span(),
                    format!("qualifier `{id}`: approx `{}` is unknown", q.approx.get_ref()),
                    "use about, nearly, over or under",
                );
                continue;
            };
            let index = rules.qualifiers.len();
            match q.position.get_ref().as_str() {
                "prefix" => {
                    for w in &q.words {
                        c.insert(&mut rules.prefixes, w, Prefix::Qualifier(index), "prefix");
                    }
                }
                "suffix" => {
                    for w in &q.words {
                        c.insert(&mut rules.suffix_qualifiers, w, index, "suffix qualifier");
                    }
                }
                "across" => {
                    for w in &q.words {
                        c.insert(&mut rules.across_qualifiers, w, index, "across qualifier");
                    }
                }
                "before-unit" => {
                    for w in &q.words {
                        c.insert(
                            &mut rules.before_unit_qualifiers,
                            w,
                            index,
                            "before-unit qualifier",
                        );
                    }
                }
                other => {
                    c.error(
                        q.position.span(),
                        format!("qualifier `{id}`: position `{other}` is unknown"),
                        "use position = \"prefix\" (before the number), \"suffix\" (after it), \"before-unit\" (between a round number and its unit) or \"across\" (a few words before it)",
                    );
                    continue;
                }
            }
            let reach = match (&q.reach, q.position.get_ref().as_str()) {
                (Some(r), "across") => *r.get_ref(),
                (None, "across") => {
                    c.error(
                        q.position.span(),
                        format!("qualifier `{id}`: position `across` needs a reach"),
                        "give reach = 12, the most chars that may stand between the word and the figure",
                    );
                    continue;
                }
                (Some(r), _) => {
                    c.error(
                        r.span(),
                        format!("qualifier `{id}`: reach is only for position `across`"),
                        "remove reach, or set position = \"across\"",
                    );
                    continue;
                }
                (None, _) => 0,
            };
            rules.across_reach = rules.across_reach.max(reach);
            c.examples(q.examples, &id);
            let not_after = c.single_chars(
                &q.not_after,
                &format!("qualifier `{id}`: not_after"),
                "list single characters, e.g. not_after = [\"节\", \"签\"]",
            );
            let but_after = c.char_words(&q.but_after);
            let unless_followed_by = c.char_words_longest_first(&q.unless_followed_by);
            let unless_numerals_followed_by = c.char_words_longest_first(&q.unless_numerals_followed_by);
            let opening_followed_by = c.char_words_longest_first(&q.opening_followed_by);
            let opening_not_followed_by = c.char_words_longest_first(&q.opening_not_followed_by);
            let frame_after_tags = q.frame_after_tags.iter().map(|t| t.get_ref().clone()).collect();
            let frame_followed_by = c.char_words_longest_first(&q.frame_followed_by);
            let frame_not_after = c.char_words(&q.frame_not_after);
            let only_before = c.char_words(&q.only_before);
            rules.qualifiers.push(Qualifier {
                id,
                approx,
                not_after,
                but_after,
                unless_followed_by,
                unless_numerals_followed_by,
                opening_followed_by,
                opening_not_followed_by,
                frame_after_tags,
                frame_followed_by,
                frame_not_after,
                reach,
                only_before,
            });
        }

        for p in spec.phrase {
            let id = c.id(&p.id);
            let Some(kind) = kind_of(p.kind.get_ref()).filter(|k| *k != FigureKind::Date) else {
                c.error(
                    p.kind.span(),
                    format!("phrase `{id}`: kind `{}` is unknown", p.kind.get_ref()),
                    "use money, percent, quantity, multiple, ordinal or number",
                );
                continue;
            };
            let Some(value) = decimal_of(p.value.get_ref()) else {
                c.error(
                    p.value.span(),
                    format!("phrase `{id}`: value is not a number"),
                    "write value = 50",
                );
                continue;
            };
            let approx = match &p.approx {
                None => None,
                Some(a) => match approx_of(a.get_ref()) {
                    Some(a) => Some(a),
                    None => {
                        c.error(
                            a.span(),
                            format!("phrase `{id}`: approx `{}` is unknown", a.get_ref()),
                            "use about, nearly, over or under",
                        );
                        continue;
                    }
                },
            };
            let index = rules.phrases.len();
            for w in &p.words {
                c.insert(&mut rules.standalone, w, Standalone::Phrase(index), "phrase");
            }
            c.examples(p.examples, &id);
            let only_after = c.char_words(&p.only_after);
            rules.phrases.push(Phrase {
                id,
                kind,
                value,
                unit: p.unit.map(|u| u.into_inner()).filter(|u| !u.is_empty()),
                approx,
                only_after,
            });
        }

        for r in spec.relative_date {
            let id = c.id(&r.id);
            let unit = match r.unit.get_ref().as_str() {
                "year" => DateUnit::Year,
                "month" => DateUnit::Month,
                "day" => DateUnit::Day,
                "week" => DateUnit::Week,
                "century" => DateUnit::Century,
                other => {
                    c.error(
                        r.unit.span(),
                        format!("relative date `{id}`: unit `{other}` is unknown"),
                        "use year, month, week, day or century",
                    );
                    continue;
                }
            };
            let offset = *r.offset.get_ref();
            if offset.abs() > 100 {
                c.error(
                    r.offset.span(),
                    format!("relative date `{id}`: offset {offset} is out of range"),
                    "offsets are small numbers such as -1, 0 or 1",
                );
                continue;
            }
            let through = match &r.through {
                Some(t) if *t.get_ref() <= offset || *t.get_ref() > offset + 100 => {
                    c.error(
                        t.span(),
                        format!(
                            "relative date `{id}`: through {} does not come after offset {offset}",
                            t.get_ref()
                        ),
                        "through is the offset of the span's last unit, e.g. offset 0, through 1",
                    );
                    continue;
                }
                Some(t) if !matches!(unit, DateUnit::Year | DateUnit::Month | DateUnit::Day) => {
                    c.error(
                        t.span(),
                        format!("relative date `{id}`: a span needs unit year, month or day"),
                        "remove through, or use unit year, month or day",
                    );
                    continue;
                }
                t => t.as_ref().map(|t| *t.get_ref()),
            };
            let month = match &r.month {
                Some(m) if unit != DateUnit::Year || !(1..=12).contains(m.get_ref()) => {
                    c.error(
                        m.span(),
                        format!(
                            "relative date `{id}`: month {} needs unit year and 1 to 12",
                            m.get_ref()
                        ),
                        "write the month the word names, e.g. unit = \"year\", month = 12",
                    );
                    continue;
                }
                m => m.as_ref().map(|m| *m.get_ref()),
            };
            let index = rules.relative_dates.len();
            for w in &r.words {
                c.insert(
                    &mut rules.standalone,
                    w,
                    Standalone::Relative(index),
                    "relative date",
                );
            }
            c.examples(r.examples, &id);
            let not_before = c.char_words(&r.not_before);
            let not_after = c.char_words(&r.not_after);
            let only_before = c.char_words(&r.only_before);
            let era_frame = r.era_frame.iter().filter_map(|w| c.word(w)).collect();
            let era_after_contrast = r
                .era_after_contrast
                .as_ref()
                .map(|e| EraContrast {
                    only: c.char_words(&e.only),
                    words: c.char_words(&e.words),
                    after_count: c.char_words(&e.after_count),
                })
                .unwrap_or_default();
            rules.relative_dates.push(RelativeDate {
                id,
                unit,
                offset,
                through,
                month,
                not_before,
                not_after,
                only_before,
                anaphoric: r.anaphoric || r.anaphoric_only,
                anaphoric_only: r.anaphoric_only,
                recurring: r.recurring,
                whole_word: r.whole_word || month.is_some(),
                across_sentences: r.across_sentences,
                era_frame,
                era_before_place: r.era_before_place,
                era_before_mark: r.era_before_mark,
                era_after_contrast,
            });
        }

        for h in spec.holiday {
            let id = c.id(&h.id);
            let (month, day) = (*h.month.get_ref(), *h.day.get_ref());
            let lunar = match &h.calendar {
                None => false,
                Some(cal) if cal.get_ref() == "lunar" => true,
                Some(cal) if cal.get_ref() == "gregorian" => false,
                Some(cal) => {
                    c.error(
                        cal.span(),
                        format!("holiday `{id}`: calendar `{}` is unknown", cal.get_ref()),
                        "write calendar = \"lunar\", or leave it out for the Gregorian calendar",
                    );
                    continue;
                }
            };
            let offset_days = h.offset_days.as_ref().map_or(0, |o| *o.get_ref());
            if offset_days.abs() > 31 {
                if let Some(o) = &h.offset_days {
                    c.error(
                        o.span(),
                        format!("holiday `{id}`: offset_days {offset_days} is out of range"),
                        "offsets are a few days before or after, from -31 to 31",
                    );
                }
                continue;
            }
            if lunar && (!(1..=12).contains(&month) || !(1..=30).contains(&day)) {
                c.error(
                    h.day.span(),
                    format!("holiday `{id}`: lunar month {month} has no day {day}"),
                    "write a lunar month from 1 to 12 and a day from 1 to 30",
                );
                continue;
            }
            if !(1..=12).contains(&month) {
                c.error(
                    h.month.span(),
                    format!("holiday `{id}`: month {month} is out of range"),
                    "write a month from 1 to 12",
                );
                continue;
            }
            // February 29 is allowed: the holiday then falls only in leap years.
            let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month as usize - 1];
            if !(1..=longest).contains(&day) {
                c.error(
                    h.day.span(),
                    format!("holiday `{id}`: month {month} has no day {day}"),
                    "write a day of that month",
                );
                continue;
            }
            let index = rules.holidays.len();
            for w in &h.words {
                c.insert(&mut rules.standalone, w, Standalone::Holiday(index), "holiday");
            }
            c.examples(h.examples, &id);
            rules.holidays.push(Holiday {
                id,
                month,
                day,
                lunar,
                offset_days,
                alone: h.alone,
            });
        }

        let currency_index = |c: &mut Compiler<'_>, rules: &FigureRules, cur: &Spanned<String>, id: &str| {
            let found = rules.currencies.iter().position(|x| x.id == *cur.get_ref());
            if found.is_none() {
                c.error(
                    cur.span(),
                    format!("`{id}`: currency `{}` is not a [[currency]] id", cur.get_ref()),
                    "write the id of a currency entry, e.g. currency = \"cny\"",
                );
            }
            found
        };
        for m in spec.money_context {
            let id = c.id(&m.id);
            let currency = currency_index(&mut c, &rules, &m.currency, &id);
            let min_value = match &m.min_value {
                None => Some(Decimal::ZERO),
                Some(v) => {
                    let d = decimal_of(v.get_ref());
                    if d.is_none() {
                        c.error(
                            v.span(),
                            format!("money_context `{id}`: min_value is not a number"),
                            "write min_value = 100",
                        );
                    }
                    d
                }
            };
            let words = c.char_words_longest_first(&m.words);
            let gap = c.char_words_longest_first(&m.gap);
            let words_after = c.char_words_longest_first(&m.words_after);
            let over = c.char_words_longest_first(&m.over);
            c.examples(m.examples, &id);
            if let (Some(currency), Some(min_value)) = (currency, min_value) {
                rules.money_contexts.push(MoneyContext {
                    id,
                    currency,
                    words,
                    gap,
                    words_after,
                    over,
                    scaled: m.scaled,
                    unless_noun_after: m.unless_noun_after,
                    counted_scale: m.counted_scale,
                    min_value,
                });
            }
        }
        if let Some(e) = spec.money_echo {
            let id = c.id(&e.id);
            let not_between = c.single_chars(
                &e.not_between,
                "money_echo.not_between",
                "list single characters, e.g. [\"人\", \"户\"]",
            );
            c.examples(e.examples, &id);
            rules.money_echo = Some(MoneyEcho {
                id,
                marks: *e.marks.get_ref(),
                not_between,
            });
        }
        if let Some(f) = spec.financial_numerals {
            let id = c.id(&f.id);
            let currency = currency_index(&mut c, &rules, &f.currency, &id);
            let help = "list single characters, e.g. [\"拾\", \"佰\"]";
            let digits = c.single_chars(&f.digits, "financial_numerals.digits", help);
            let positional = c.single_chars(&f.positional, "financial_numerals.positional", help);
            let others = c.single_chars(&f.others, "financial_numerals.others", help);
            c.examples(f.examples, &id);
            rules.financial = currency.map(|currency| Financial {
                id,
                currency,
                digits,
                positional,
                others,
            });
        }

        for spec in spec.compound {
            let id = c.id(&spec.id);
            let mut parts: Vec<CompoundPart> = Vec::new();
            for part in &spec.parts {
                let p = part.get_ref();
                let size = decimal_of(p.size.get_ref()).filter(|d| *d > Decimal::ZERO);
                let Some(size) = size else {
                    c.error(
                        p.size.span(),
                        format!("compound `{id}`: size is not a positive number"),
                        "write size = 60",
                    );
                    continue;
                };
                if parts.last().is_some_and(|prev| prev.size <= size) {
                    c.error(
                        part.span(),
                        format!("compound `{id}`: parts must go from the largest to the smallest"),
                        "list hours before minutes before seconds",
                    );
                }
                if p.words.is_empty() {
                    c.error(
                        part.span(),
                        format!("compound `{id}`: a part has no words"),
                        "give words = [\"分钟\", \"分\"]",
                    );
                }
                parts.push(CompoundPart {
                    words: c.char_words_longest_first(&p.words),
                    unit: p.unit.get_ref().clone(),
                    size,
                });
            }
            if parts.len() < 2 {
                c.error(
                    spec.id.span(),
                    format!("compound `{id}` needs at least two parts"),
                    "give parts for hours, minutes and seconds",
                );
            }
            c.examples(spec.examples, &id);
            for w in parts.iter().flat_map(|p| &p.words) {
                if let Some(&first) = w.first()
                    && !rules.compound_firsts.contains(&first)
                {
                    rules.compound_firsts.push(first);
                }
            }
            rules.compounds.push(Compound { id, parts });
        }

        rules.names = c.word_set(&spec.names);
        rules.identifier_labels = c.word_set(&spec.identifier_labels);
        rules.score_words = c.word_set(&spec.score_words);
        rules.score_words_before = c.word_set(&spec.score_words_before);
        rules.score_marks_after = c.word_set(&spec.score_marks_after);
        rules.rate_words_before = c.word_set(&spec.rate_words_before);
        rules.identifier_suffixes = c.word_set(&spec.identifier_suffixes);
        rules.institution_words = c.word_set(&spec.institution_words);
        rules.quoted_slogan_units = spec
            .quoted_slogan_units
            .iter()
            .filter_map(|w| c.word(w))
            .collect();
        for marks in &spec.title_marks {
            match marks.get_ref().chars().collect::<Vec<char>>()[..] {
                [open, close] if open != close => rules.title_marks.push((open, close)),
                _ => c.error(
                    marks.span(),
                    format!(
                        "title_marks: `{}` is not an opening and a closing mark",
                        marks.get_ref()
                    ),
                    "write the two marks together, e.g. \"《》\"",
                ),
            }
        }

        rules.year_after_name = spec.year_after_name;
        if let Some(years) = &spec.year_before_name {
            let [first, last] = *years.get_ref();
            if (1000..=9999).contains(&first) && (first..=9999).contains(&last) {
                rules.year_before_name = Some(first..=last);
            } else {
                c.error(
                    years.span(),
                    format!("year_before_name: [{first}, {last}] is not a range of four-digit years"),
                    "write the first and the last year, e.g. [1900, 2099]",
                );
            }
        }

        for (list, out, what, help) in [
            (
                &spec.loose_range_marks,
                &mut rules.loose_range_marks,
                "loose_range_marks",
                "list single characters, e.g. [\"、\"]",
            ),
            (
                &spec.list_marks,
                &mut rules.list_marks,
                "list_marks",
                "list single characters, e.g. [\"、\", \"和\"]",
            ),
            (
                &spec.over_after_unit_before,
                &mut rules.over_after_unit_before,
                "over_after_unit_before",
                "list single characters, e.g. [\"来\", \"后\"]",
            ),
            (
                &spec.weekday_not_after,
                &mut rules.weekday_not_after,
                "weekday_not_after",
                "list single characters, e.g. [\"每\", \"个\"]",
            ),
        ] {
            *out = c.single_chars(list, what, help);
        }
        rules.list_cues = c.char_words_longest_first(&spec.list_cues);
        rules.change_connectors = c.char_words_longest_first(&spec.change_connectors);
        rules.over_word_after_units = c.char_words(&spec.over_word_after_units);
        rules.frame_words_after_time = c.char_words(&spec.frame_words_after_time);
        rules.frame_time_units = c.char_words(&spec.frame_time_units);
        rules.year_span_before = c.char_words(&spec.year_span_before);
        rules.year_span_after = c.char_words(&spec.year_span_after);
        rules.era_before_year = c.char_words(&spec.era_before_year);

        let mut number_starts = vec![0u64; 1024];
        NUMBER_CHARS
            .chars()
            .chain(rules.scales.keys().copied())
            .chain(
                rules
                    .weekday_words
                    .iter()
                    .chain(&rules.negative_words)
                    .filter_map(|w| w.first().copied()),
            )
            .for_each(|c| set_bit(&mut number_starts, c));
        let mut starts = number_starts.clone();
        rules
            .standalone
            .iter()
            .filter_map(|(w, _)| w.first().copied())
            .for_each(|c| set_bit(&mut starts, c));
        rules.starts = starts;
        rules.number_starts = number_starts;
        rules.examples = std::mem::take(&mut c.examples);
        if errors.len() != before {
            return None;
        }
        Some(rules)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lunar_months_table_loads_and_reports_bad_lines() {
        let rules = crate::rules::Rules::bundled().unwrap();
        // The lunar new year of 2026 is February 17; its eighth month starts September 11.
        assert_eq!(rules.figures.lunar_months.get(&(2026, 1)), Some(&(2026, 2, 17)));
        assert_eq!(rules.figures.lunar_months.get(&(2026, 8)), Some(&(2026, 9, 11)));
        let file = RuleFile::new(
            "rules/lunar_months.tsv",
            "# comment\n2026\t1\t2026-02-17\n2026\t13\t2026-03-19\n2026\t2\n",
        );
        let mut errors = Vec::new();
        assert!(lunar_months(&file, &mut errors).is_none());
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn word_table_tries_only_the_lengths_of_words_with_that_first_char() {
        let mut table = WordTable::default();
        table.insert("元", 1);
        table.insert("元人民币", 2);
        table.insert("吉尔吉斯斯坦索姆", 3);
        let text: Vec<char> = "5元人民币和7元".chars().collect();
        assert_eq!(table.longest_at(&text, 1), Some((4, 2)));
        assert_eq!(table.longest_at(&text, 7), Some((1, 1)));
        assert_eq!(table.longest_at(&text, 0), None);
        assert_eq!(table.longest_before(&text, 5), Some((4, 2)));
        assert_eq!(table.longest_before(&text, 8), Some((1, 1)));
        assert_eq!(lengths_down(0b1010_0110, 5).collect::<Vec<_>>(), vec![5, 2, 1]);
        assert_eq!(
            lengths_down(1 << 63 | 1 << 2, 100).collect::<Vec<_>>(),
            vec![63, 2]
        );
        assert_eq!(lengths_down(0b1000, 2).count(), 0);
    }

    fn compile(text: &str) -> (Option<FigureRules>, Vec<RuleError>) {
        let file = RuleFile::new("rules/figures.toml", text);
        let mut errors = Vec::new();
        let rules = FigureRules::compile(&file, &mut errors);
        (rules, errors)
    }

    #[test]
    fn bundled_file_compiles_with_examples() {
        let (rules, errors) = compile(include_str!("../../rules/figures.toml"));
        assert!(errors.is_empty(), "{errors:?}");
        let rules = rules.unwrap();
        assert!(
            rules.examples.len() >= 30,
            "only {} examples",
            rules.examples.len()
        );
        assert_eq!(
            rules.scales.get(&'亿').map(|s| s.0),
            Some(Decimal::from(100_000_000))
        );
    }

    #[test]
    fn across_qualifier_needs_a_reach_and_only_it_has_one() {
        let text = "[[qualifier]]\nid = \"a\"\nwords = [\"约占\"]\napprox = \"about\"\nposition = \"across\"\n\
                    [[qualifier]]\nid = \"b\"\nwords = [\"约\"]\napprox = \"about\"\nposition = \"prefix\"\nreach = 3\n";
        let (rules, errors) = compile(text);
        assert!(rules.is_none());
        let found: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.col)).collect();
        assert_eq!(found, [(5, 12), (11, 9)], "{errors:?}");
        assert!(errors[0].message.contains("needs a reach"));
        assert!(errors[1].message.contains("only for position `across`"));
    }

    #[test]
    fn unknown_code_is_reported_with_position() {
        let text = "known_codes = [\"CNY\"]\n[[currency]]\nid = \"x\"\ncode = \"CYN\"\nsuffix = [\"元\"]\n";
        let (rules, errors) = compile(text);
        assert!(rules.is_none());
        assert_eq!((errors[0].line, errors[0].col), (4, 8), "{errors:?}");
        assert!(errors[0].message.contains("CYN"));
    }

    #[test]
    fn bad_code_shape_and_bad_scale_are_all_reported() {
        let text = "known_codes = [\"cny\"]\n[[scale]]\nid = \"w\"\nword = \"万\"\nfactor = 10000\n\
                    [[scale]]\nid = \"wy\"\nword = \"万亿\"\nfactor = 100\n";
        let (_, errors) = compile(text);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, 1);
        assert!(errors[1].message.contains("万亿"), "{errors:?}");
    }

    #[test]
    fn compound_parts_out_of_order_are_reported_with_position() {
        let text = "[[compound]]\nid = \"d\"\nparts = [\n  { words = [\"秒\"], unit = \"秒\", size = 1 },\n  { words = [\"分\"], unit = \"分钟\", size = 60 },\n]\n";
        let (rules, errors) = compile(text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (5, 3), "{errors:?}");
        assert!(errors[0].message.contains("largest"), "{errors:?}");
        assert!(rules.is_none());
        let (_, errors) =
            compile("[[compound]]\nid = \"d\"\nparts = [{ words = [\"秒\"], unit = \"秒\", size = 0 }]\n");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].message.contains("size"), "{errors:?}");
        assert!(errors[1].message.contains("two parts"), "{errors:?}");
    }

    #[test]
    fn wordless_units_must_be_named_by_a_currency_or_a_switch() {
        let currency = "known_codes = [\"CNY\"]\n[[currency]]\nid = \"cny\"\ncode = \"CNY\"\nsuffix = [\"元\"]\ncolloquial = [\"块\"]\n";
        let (rules, errors) = compile(&format!(
            "{currency}colloquial_counter = \"piece\"\n[[unit]]\nid = \"piece\"\nunit = \"块\"\n"
        ));
        assert!(errors.is_empty(), "{errors:?}");
        let rules = rules.unwrap();
        assert_eq!(rules.currencies[0].colloquial_counter, Some(0));
        // A counter that names no unit, and a unit with no words that nothing names.
        let (rules, errors) = compile(&format!(
            "{currency}colloquial_counter = \"peice\"\n[[unit]]\nid = \"piece\"\nunit = \"块\"\n"
        ));
        assert!(rules.is_none());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (7, 22), "{errors:?}");
        assert!(errors[0].message.contains("peice"), "{errors:?}");
        assert_eq!((errors[1].line, errors[1].col), (9, 6), "{errors:?}");
        assert!(errors[1].message.contains("has no words"), "{errors:?}");
    }

    #[test]
    fn a_holiday_needs_a_day_of_its_month() {
        let (rules, errors) =
            compile("[[holiday]]\nid = \"leap\"\nwords = [\"闰日\"]\nmonth = 2\nday = 29\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().holidays[0].date_in("2024"), "2024-02-29");
        let (rules, errors) = compile(
            "[[holiday]]\nid = \"a\"\nwords = [\"甲节\"]\nmonth = 13\nday = 1\n[[holiday]]\nid = \"b\"\nwords = [\"乙节\"]\nmonth = 4\nday = 31\n",
        );
        assert!(rules.is_none());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (4, 9), "{errors:?}");
        assert!(errors[0].message.contains("month 13"), "{errors:?}");
        assert_eq!((errors[1].line, errors[1].col), (10, 7), "{errors:?}");
        assert!(errors[1].message.contains("no day 31"), "{errors:?}");
    }

    #[test]
    fn a_switch_needs_a_condition() {
        let units = "[[unit]]\nid = \"times\"\nwords = [\"次\"]\n[[unit]]\nid = \"degree\"\nwords = [\"度\"]\nunit = \"℃\"\n";
        let (rules, errors) = compile(&format!(
            "{units}switch = [{{ to = \"times\", numbers = [\"两\"] }}]\n"
        ));
        assert!(errors.is_empty(), "{errors:?}");
        let rules = rules.unwrap();
        let switch = &rules.units[1].switches[0];
        assert_eq!((switch.to, &switch.numbers), (0, &vec![vec!['两']]));
        let (rules, errors) = compile(&format!("{units}switch = [{{ to = \"times\", within = 4 }}]\n"));
        assert!(rules.is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!((errors[0].line, errors[0].col), (8, 18), "{errors:?}");
        assert!(errors[0].message.contains("a switch needs"), "{errors:?}");
    }

    #[test]
    fn title_marks_need_two_different_marks() {
        let (rules, errors) = compile("title_marks = [\"《》\"]\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().title_marks, vec![('《', '》')]);
        let (rules, errors) = compile("title_marks = [\"《》\", \"《\"]\n");
        assert!(rules.is_none());
        assert_eq!((errors[0].line, errors[0].col), (1, 22), "{errors:?}");
    }

    #[test]
    fn fraction_not_before_is_also_read_under_its_first_name() {
        let (rules, errors) = compile("slash_fraction_not_before = [\"决赛\"]\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().fraction_not_before, vec![vec!['决', '赛']]);
    }

    #[test]
    fn a_relative_span_ends_after_it_starts() {
        let span =
            "[[relative_date]]\nid = \"two-days\"\nwords = [\"今明两天\"]\nunit = \"day\"\noffset = 0\n";
        let (rules, errors) = compile(&format!("{span}through = 1\n"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().relative_dates[0].through, Some(1));
        let (rules, errors) = compile(&format!("{span}through = 0\n"));
        assert!(rules.is_none());
        assert_eq!((errors[0].line, errors[0].col), (6, 11), "{errors:?}");
        assert!(
            errors[0].message.contains("does not come after offset 0"),
            "{errors:?}"
        );
        let week = span.replace("unit = \"day\"", "unit = \"week\"");
        let (_, errors) = compile(&format!("{week}through = 1\n"));
        assert!(
            errors[0].message.contains("needs unit year, month or day"),
            "{errors:?}"
        );
        // `年底` names month 12 of a year; a month on another unit is an error.
        let year_end = span.replace("unit = \"day\"", "unit = \"year\"");
        let (rules, errors) = compile(&format!("{year_end}month = 12\n"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().relative_dates[0].month, Some(12));
        let (_, errors) = compile(&format!("{span}month = 12\n"));
        assert_eq!((errors[0].line, errors[0].col), (6, 9), "{errors:?}");
        assert!(
            errors[0].message.contains("needs unit year and 1 to 12"),
            "{errors:?}"
        );
    }

    #[test]
    fn year_before_name_is_a_range_of_four_digit_years() {
        let (rules, errors) = compile("year_before_name = [1900, 2099]\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rules.unwrap().year_before_name, Some(1900..=2099));
        let (rules, errors) = compile("year_before_name = [2099, 1900]\n");
        assert!(rules.is_none());
        assert_eq!((errors[0].line, errors[0].col), (1, 20), "{errors:?}");
        assert!(errors[0].message.contains("four-digit years"), "{errors:?}");
    }

    #[test]
    fn unknown_keys_and_duplicates_are_errors() {
        let (_, errors) = compile("[[unit]]\nid = \"a\"\nwords = [\"辆\"]\ncolour = 1\n");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("unknown field"), "{errors:?}");
        let (_, errors) = compile(
            "[[unit]]\nid = \"a\"\nwords = [\"辆\"]\n[[unit]]\nid = \"a\"\nwords = [\"个\"]\nkind = \"money\"\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
    }

    #[test]
    fn a_listed_head_must_start_a_longer_word() {
        let (rules, errors) =
            compile("[[unit]]\nid = \"plenum\"\nwords = [\"中全会\"]\nlisted_head = \"中\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        let unit = rules.as_ref().and_then(|r| r.units.first());
        assert_eq!(unit.map(|u| u.listed_head.clone()), Some(vec!['中']));
        let (_, errors) = compile("[[unit]]\nid = \"plenum\"\nwords = [\"中全会\"]\nlisted_head = \"全\"\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("listed_head `全` starts none of its words"),
            "{errors:?}"
        );
        assert_eq!((errors[0].line, errors[0].col), (4, 15), "{errors:?}");
    }
}
