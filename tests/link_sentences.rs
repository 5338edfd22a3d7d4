//! Facts from sentences in varied news styles, one or more per construction.
//!
//! The link stage is tested alone: figures come from a small stand-in recognizer below
//! (the shapes the figure stage produces: `5.55万亿元` → money 5550000000000 CNY,
//! `近3成` → percent 30, `0.6个百分点` → percent 0.6 pp, `3.7倍` → multiple 3.7,
//! `2025年` → date "2025") and places from a tiny gazetteer, so a failure here points
//! at linking, not at extraction.

use baokan::extract::Context;
use baokan::link::link;
use baokan::record::{Fact, Figure, FigureKind, FigureValue, Place, PlaceLevel};
use baokan::rules::RuleDir;
use baokan::rules::dict::UserDict;
use baokan::rules::link::LinkRules;
use baokan::segment::Segmenter;
use regex::Regex;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

struct Env {
    rules: LinkRules,
    seg: Segmenter,
    figure_re: Regex,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut errors = Vec::new();
        let rules = LinkRules::load(&RuleDir::Disk("rules".into()), &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        Env {
            rules,
            seg: Segmenter::new(&UserDict::default()),
            figure_re: Regex::new(
                r"(?x)
                (?P<q>首次突破|突破|近|超|约|逾|达)?
                (?:
                  (?P<year>\d{4})年(?:(?P<month>\d{1,2})月)?
                | (?P<n>\d+(?:\.\d+)?)
                  (?:
                    (?P<pct>%)
                  | (?P<pp>个百分点)
                  | (?P<times>倍)
                  | (?P<cheng>成)
                  | (?P<scale>万亿|亿|万)?(?P<money>元|美元)
                  | (?P<qscale>万|亿)?(?P<unit>辆|吨|人次|标准箱|亩|人|个|家)
                  )
                )",
            )
            .unwrap(),
        }
    })
}

/// Stand-in for the figure stage: the figure shapes the contract defines.
fn figures(text: &str) -> Vec<Figure> {
    let chars = |b: usize| text[..b].chars().count();
    let mut out = Vec::new();
    for c in env().figure_re.captures_iter(text) {
        let m = c.get(0).unwrap();
        // `达` is a verb, not a qualifier; keep it out of the figure text.
        let start = match c.name("q") {
            Some(q) if q.as_str() == "达" => q.end(),
            _ => m.start(),
        };
        let approx = c.name("q").and_then(|q| match q.as_str() {
            "近" => Some(baokan::record::Approx::Nearly),
            "超" | "逾" | "突破" | "首次突破" => Some(baokan::record::Approx::Over),
            "约" => Some(baokan::record::Approx::About),
            _ => None,
        });
        let (kind, value, unit) = if let Some(y) = c.name("year") {
            let v = match c.name("month") {
                Some(mo) => format!("{}-{:02}", y.as_str(), mo.as_str().parse::<u32>().unwrap()),
                None => y.as_str().to_owned(),
            };
            (FigureKind::Date, FigureValue::Text(v), None)
        } else {
            let n = Decimal::from_str(&c["n"]).unwrap();
            let scale = |s: Option<regex::Match>| match s.map(|s| s.as_str()) {
                Some("万亿") => Decimal::from(1_000_000_000_000i64),
                Some("亿") => Decimal::from(100_000_000i64),
                Some("万") => Decimal::from(10_000),
                _ => Decimal::ONE,
            };
            if c.name("pct").is_some() {
                (FigureKind::Percent, FigureValue::Number(n), Some("%".to_owned()))
            } else if c.name("pp").is_some() {
                (FigureKind::Percent, FigureValue::Number(n), Some("pp".to_owned()))
            } else if c.name("times").is_some() {
                (FigureKind::Multiple, FigureValue::Number(n), None)
            } else if c.name("cheng").is_some() {
                (
                    FigureKind::Percent,
                    FigureValue::Number(n * Decimal::from(10)),
                    Some("%".to_owned()),
                )
            } else if let Some(cur) = c.name("money") {
                let unit = if cur.as_str() == "美元" { "USD" } else { "CNY" };
                (
                    FigureKind::Money,
                    FigureValue::Number((n * scale(c.name("scale"))).normalize()),
                    Some(unit.to_owned()),
                )
            } else {
                (
                    FigureKind::Quantity,
                    FigureValue::Number((n * scale(c.name("qscale"))).normalize()),
                    Some(c["unit"].to_owned()),
                )
            }
        };
        out.push(Figure {
            kind,
            text: text[start..m.end()].to_owned(),
            span: [chars(start), chars(m.end())],
            value,
            upper: None,
            unit,
            approx,
            rule: "test".to_owned(),
        });
    }
    out
}

const GAZETTEER: &[(&str, &str, &str, PlaceLevel, &[&str])] = &[
    ("浙江省", "浙江省", "330000", PlaceLevel::Province, &[]),
    ("浙江", "浙江省", "330000", PlaceLevel::Province, &[]),
    ("广东省", "广东省", "440000", PlaceLevel::Province, &[]),
    ("广东", "广东省", "440000", PlaceLevel::Province, &[]),
    ("江苏", "江苏省", "320000", PlaceLevel::Province, &[]),
    ("上海", "上海市", "310000", PlaceLevel::Province, &[]),
    ("湖北", "湖北省", "420000", PlaceLevel::Province, &[]),
    ("安徽", "安徽省", "340000", PlaceLevel::Province, &[]),
    ("河南", "河南省", "410000", PlaceLevel::Province, &[]),
    ("四川", "四川省", "510000", PlaceLevel::Province, &[]),
    ("福建省", "福建省", "350000", PlaceLevel::Province, &[]),
    ("新疆", "新疆维吾尔自治区", "650000", PlaceLevel::Province, &[]),
    ("甘肃", "甘肃省", "620000", PlaceLevel::Province, &[]),
    ("宁波市", "宁波市", "330200", PlaceLevel::Prefecture, &["浙江省"]),
    ("宁波", "宁波市", "330200", PlaceLevel::Prefecture, &["浙江省"]),
    ("杭州", "杭州市", "330100", PlaceLevel::Prefecture, &["浙江省"]),
    ("温州", "温州市", "330300", PlaceLevel::Prefecture, &["浙江省"]),
    ("金华", "金华市", "330700", PlaceLevel::Prefecture, &["浙江省"]),
    ("绍兴", "绍兴市", "330600", PlaceLevel::Prefecture, &["浙江省"]),
    ("深圳", "深圳市", "440300", PlaceLevel::Prefecture, &["广东省"]),
    (
        "义乌",
        "义乌市",
        "330782",
        PlaceLevel::County,
        &["浙江省", "金华市"],
    ),
    ("中国", "中国", "CN", PlaceLevel::Country, &[]),
    ("美国", "美国", "US", PlaceLevel::Country, &[]),
    ("日本", "日本", "JP", PlaceLevel::Country, &[]),
    ("东盟", "东盟", "", PlaceLevel::Bloc, &[]),
    ("欧盟", "欧盟", "", PlaceLevel::Bloc, &[]),
    ("非洲", "非洲", "", PlaceLevel::Region, &[]),
    ("中东", "中东", "", PlaceLevel::Region, &[]),
    ("拉美", "拉美", "", PlaceLevel::Region, &[]),
    ("长三角", "长三角", "", PlaceLevel::Region, &[]),
];

/// Stand-in for the place stage: every gazetteer word, longest first, no overlaps.
fn places(text: &str) -> Vec<Place> {
    let chars: Vec<char> = text.chars().collect();
    let mut taken = vec![false; chars.len()];
    let mut out = Vec::new();
    let mut entries: Vec<_> = GAZETTEER.iter().collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.0.chars().count()));
    for (surface, name, code, level, parents) in entries {
        let s: Vec<char> = surface.chars().collect();
        let mut i = 0;
        while i + s.len() <= chars.len() {
            if chars[i..i + s.len()] == s[..] && !taken[i..i + s.len()].iter().any(|&t| t) {
                taken[i..i + s.len()].iter_mut().for_each(|t| *t = true);
                out.push(Place {
                    text: surface.to_string(),
                    span: [i, i + s.len()],
                    name: name.to_string(),
                    code: (!code.is_empty()).then(|| code.to_string()),
                    level: *level,
                    parents: parents.iter().map(|p| p.to_string()).collect(),
                    rule: "test".to_owned(),
                });
                i += s.len();
            } else {
                i += 1;
            }
        }
    }
    out.sort_by_key(|p| p.span[0]);
    out
}

/// One line per fact: `subject|indicator|period|value unit|change change_unit|basis|counterpart`.
fn show(f: &Fact) -> String {
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_owned());
    let d = |v: &Option<Decimal>| v.map_or("-".to_owned(), |v| v.normalize().to_string());
    format!(
        "{}|{}|{}|{} {}|{} {}|{}|{}",
        o(&f.subject),
        f.indicator,
        o(&f.period),
        d(&f.value),
        o(&f.unit),
        d(&f.change),
        o(&f.change_unit),
        o(&f.basis),
        o(&f.counterpart)
    )
}

fn facts_with(text: &str, dateline: Option<&str>, headlines: &[String]) -> Vec<Fact> {
    let env = env();
    let tokens = env.seg.tokens(text);
    let ctx = Context {
        text,
        tokens: &tokens,
        reference_date: Some("2026-01-22"),
        dateline_place: dateline,
        headlines,
    };
    let figs = figures(text);
    let places = places(text);
    let facts = link(&env.rules, &ctx, &figs, &places);
    for f in &facts {
        for &i in &f.figures {
            assert!(i < figs.len(), "help: fact names figure {i} of {}", figs.len());
        }
    }
    facts
}

fn check_with(text: &str, dateline: Option<&str>, want: &[&str]) {
    let got: Vec<String> = facts_with(text, dateline, &[]).iter().map(show).collect();
    assert_eq!(
        got, want,
        "\ntext: {text}\nhelp: facts are subject|indicator|period|value unit|change unit|basis|counterpart"
    );
}

fn check(text: &str, want: &[&str]) {
    check_with(text, None, want)
}

// ------------------------------------------------------------------ value and change

#[test]
fn value_and_change_in_one_fact() {
    check(
        "2025年,浙江进出口总额5.55万亿元,同比增长5.4%。",
        &["浙江省|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-"],
    );
}

#[test]
fn value_and_change_without_comma() {
    check(
        "2025年广东进出口总值为9.49万亿元同比增长4.4%。",
        &["广东省|进出口总值|2025|9490000000000 CNY|4.4 %|yoy|-"],
    );
}

#[test]
fn fact_names_its_figures() {
    let text = "2025年,浙江进出口总额5.55万亿元,同比增长5.4%。";
    let facts = facts_with(text, None, &[]);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].figures, vec![1, 2]);
    assert_eq!(facts[0].subject_code.as_deref(), Some("330000"));
}

#[test]
fn change_alone_has_no_value() {
    check("一季度,安徽出口增长17.3%。", &["安徽省|出口|-|- -|17.3 %|-|-"]);
}

#[test]
fn decrease_is_negative() {
    check(
        "今年前11个月,上海进口下降0.5%。",
        &["上海市|进口|-|- -|-0.5 %|-|-"],
    );
}

#[test]
fn decrease_words_vary() {
    check(
        "受国际市场影响,日本对华出口回落2.3%,美国对华出口减少4.1%。",
        &["日本|出口|-|- -|-2.3 %|-|中国", "美国|出口|-|- -|-4.1 %|-|中国"],
    );
}

#[test]
fn percentage_points() {
    check(
        "2025年,杭州研发投入强度提高0.6个百分点。",
        &["杭州市|研发投入强度|2025|- -|0.6 pp|-|-"],
    );
}

#[test]
fn times() {
    check(
        "去年以来,宁波固定资产投资增长3.7倍。",
        &["宁波市|固定资产投资|-|- -|3.7 times|-|-"],
    );
}

#[test]
fn rate_word_carries_the_change() {
    check(
        "上海手术机器人出口增幅达3.7倍。",
        &["上海市|手术机器人出口|-|- -|3.7 times|-|-"],
    );
}

#[test]
fn basis_yoy_by_comparison_with_last_year() {
    check(
        "2025年,杭州实现地区生产总值2.3万亿元,比上年增长5.5%。",
        &["杭州市|地区生产总值|2025|2300000000000 CNY|5.5 %|yoy|-"],
    );
}

#[test]
fn basis_mom() {
    check(
        "2025年12月,温州社会消费品零售总额环比下降0.5%。",
        &["温州市|社会消费品零售总额|2025-12|- -|-0.5 %|mom|-"],
    );
}

#[test]
fn basis_in_its_own_clause() {
    check(
        "2025年,义乌进出口总额8000亿元,与上年相比,增长12.1%。",
        &["义乌市|进出口总额|2025|800000000000 CNY|12.1 %|yoy|-"],
    );
}

#[test]
fn quantity_value() {
    check(
        "2025年,安徽全年出口汽车122.8万辆,同比增长8.1%。",
        &["安徽省|出口汽车|2025|1228000 辆|8.1 %|yoy|-"],
    );
}

#[test]
fn approximate_change_keeps_its_value() {
    check(
        "上海高端机床出口增长近3成,工业机器人出口增长超40%。",
        &[
            "上海市|高端机床出口|-|- -|30 %|-|-",
            "上海市|工业机器人出口|-|- -|40 %|-|-",
        ],
    );
}

#[test]
fn indicator_grows_over_nouns() {
    check(
        "浙江劳动密集型产品出口达1.23万亿元,增长3.5%。",
        &["浙江省|劳动密集型产品出口|-|1230000000000 CNY|3.5 %|-|-"],
    );
}

#[test]
fn indicator_from_lexicon_with_households() {
    check(
        "2025年,全国居民人均可支配收入43377元,比上年增长5.0%。",
        &["中国|居民人均可支配收入|2025|43377 CNY|5 %|yoy|-"],
    );
}

#[test]
fn industrial_value_added() {
    check(
        "2025年,绍兴规模以上工业增加值同比增长7.6%,增速居全省第一。",
        &["绍兴市|规模以上工业增加值|2025|- -|7.6 %|yoy|-"],
    );
}

#[test]
fn ratio_indicator_takes_a_percent_value() {
    check(
        "2025年,杭州城镇调查失业率为4.8%。",
        &["杭州市|城镇调查失业率|2025|4.8 %|- -|-|-"],
    );
}

#[test]
fn usd_money() {
    check(
        "2025年,深圳出口总额达3200亿美元,增长2.1%。",
        &["深圳市|出口总额|2025|320000000000 USD|2.1 %|-|-"],
    );
}

// ------------------------------------------------------------------ subjects

#[test]
fn subject_carried_to_the_next_sentence() {
    check(
        "2025年,浙江进出口总额5.55万亿元,同比增长5.4%。其中出口4.19万亿元,增长7.2%。",
        &[
            "浙江省|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-",
            "浙江省|出口|2025|4190000000000 CNY|7.2 %|-|-",
        ],
    );
}

#[test]
fn subject_carried_from_a_clause_without_figures() {
    check(
        "在宁波,“新三样”产品共出口385.1亿元,增长76.3%。",
        &["宁波市|出口|-|38510000000 CNY|76.3 %|-|-"],
    );
}

#[test]
fn subject_not_carried_across_paragraphs() {
    check(
        "2025年,浙江出口4.19万亿元。\n2025年,进口1.36万亿元,下降1.2%。",
        &[
            "浙江省|出口|2025|4190000000000 CNY|- -|-|-",
            "-|进口|2025|1360000000000 CNY|-1.2 %|-|-",
        ],
    );
}

#[test]
fn subject_carried_through_an_organisation_mention() {
    check(
        "据宁波海关统计,宁波市进出口总额达1.46万亿元,同比增长2.6%,连续10年保持增长。",
        &["宁波市|进出口总额|-|1460000000000 CNY|2.6 %|yoy|-"],
    );
}

#[test]
fn anaphor_this_city_is_the_latest_city() {
    check(
        "金华是浙江外贸大市。2025年,该市出口7800亿元,增长9.1%。",
        &["金华市|出口|2025|780000000000 CNY|9.1 %|-|-"],
    );
}

#[test]
fn anaphor_our_province_uses_the_dateline() {
    check_with(
        "2025年,全省进出口总额5.55万亿元,同比增长5.4%。绍兴出口增长6%。",
        Some("绍兴"),
        &[
            "浙江省|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-",
            "绍兴市|出口|2025|- -|6 %|-|-",
        ],
    );
}

#[test]
fn anaphor_whole_country() {
    check(
        "2025年,我国货物贸易进出口45.47万亿元,同比增长3.8%。",
        &["中国|货物贸易进出口|2025|45470000000000 CNY|3.8 %|yoy|-"],
    );
}

#[test]
fn no_subject_stays_null() {
    check(
        "前三季度,社会消费品零售总额增长4.5%。",
        &["-|社会消费品零售总额|-|- -|4.5 %|-|-"],
    );
}

#[test]
fn subject_from_an_earlier_dash_clause() {
    check(
        "近期,2025年中国外贸“年报”揭晓——全年进出口总额达45.47万亿元,同比增长3.8%。",
        &["中国|进出口总额|2025|45470000000000 CNY|3.8 %|yoy|-"],
    );
}

#[test]
fn region_as_subject() {
    check(
        "长三角地区举足轻重,进出口增长达6.3%。",
        &["长三角|进出口|-|- -|6.3 %|-|-"],
    );
}

// ------------------------------------------------------------------ periods

#[test]
fn period_inherited_within_the_paragraph() {
    check(
        "2024年,深圳出口增长5%。同年,杭州出口增长4%。",
        &["深圳市|出口|2024|- -|5 %|-|-", "杭州市|出口|2024|- -|4 %|-|-"],
    );
}

#[test]
fn period_replaced_by_a_later_date() {
    check(
        "2024年,深圳出口增长5%。2025年,深圳出口增长8%。",
        &["深圳市|出口|2024|- -|5 %|-|-", "深圳市|出口|2025|- -|8 %|-|-"],
    );
}

#[test]
fn period_of_a_month() {
    check(
        "2025年11月,四川进出口总值为912亿元,同比增长3%。",
        &["四川省|进出口总值|2025-11|91200000000 CNY|3 %|yoy|-"],
    );
}

// ------------------------------------------------------------------ lists

#[test]
fn counterpart_list_with_values_and_changes() {
    check(
        "浙江对前两大贸易市场——东盟、欧盟分别进出口8690.7亿元和8457.4亿元,增长16.5%和8.7%。",
        &[
            "浙江省|进出口|-|869070000000 CNY|16.5 %|-|东盟",
            "浙江省|进出口|-|845740000000 CNY|8.7 %|-|欧盟",
        ],
    );
}

#[test]
fn counterpart_list_in_one_clause() {
    check(
        "2025年,浙江对东盟、欧盟分别进出口8690.7亿元和8457.4亿元。",
        &[
            "浙江省|进出口|2025|869070000000 CNY|- -|-|东盟",
            "浙江省|进出口|2025|845740000000 CNY|- -|-|欧盟",
        ],
    );
}

#[test]
fn counterpart_list_of_three_changes() {
    check(
        "浙江对中东、拉美、非洲等新兴市场进出口分别增长3.5%、3.7%、11.5%。",
        &[
            "浙江省|进出口|-|- -|3.5 %|-|中东",
            "浙江省|进出口|-|- -|3.7 %|-|拉美",
            "浙江省|进出口|-|- -|11.5 %|-|非洲",
        ],
    );
}

#[test]
fn single_counterpart() {
    check(
        "宁波对非洲进出口增长较快,达20.4%。",
        &["宁波市|进出口|-|- -|20.4 %|-|非洲"],
    );
}

#[test]
fn counterpart_that_is_not_a_place_is_kept_as_written() {
    check(
        "此外,浙江对共建“一带一路”国家进出口首破3万亿元,达3.19万亿元,增长8.7%。",
        &["浙江省|进出口|-|3190000000000 CNY|8.7 %|-|共建“一带一路”国家"],
    );
}

#[test]
fn places_with_percent_in_brackets() {
    check(
        "中西部省份增长势头高,以湖北(18.2%)、安徽(17.3%)、河南(14.1%)为代表,增速远超东部。",
        &[
            "湖北省|增速|-|- -|18.2 %|-|-",
            "安徽省|增速|-|- -|17.3 %|-|-",
            "河南省|增速|-|- -|14.1 %|-|-",
        ],
    );
}

#[test]
fn brackets_list_continues_in_the_next_paragraph() {
    check(
        "中西部省份增长势头高,以湖北(18.2%)为代表,增速远超东部。\n一些省份如新疆(19.9%)、甘肃(16.2%),基数不大,加速追赶。",
        &[
            "湖北省|增速|-|- -|18.2 %|-|-",
            "新疆维吾尔自治区|增速|-|- -|19.9 %|-|-",
            "甘肃省|增速|-|- -|16.2 %|-|-",
        ],
    );
}

#[test]
fn brackets_without_any_growth_word_give_nothing() {
    check("一些省份如新疆(19.9%)、甘肃(16.2%),基数不大。", &[]);
}

#[test]
fn partner_stays_a_partner_in_its_paragraph() {
    check(
        "浙江对东盟进出口8690.7亿元,东盟首次成为其最大贸易市场。对非洲进出口增长11.5%。",
        &[
            "浙江省|进出口|-|869070000000 CNY|- -|-|东盟",
            "浙江省|进出口|-|- -|11.5 %|-|非洲",
        ],
    );
}

#[test]
fn value_after_a_threshold_clause_must_open_its_clause() {
    check("金华外贸总额首次突破1万亿元大关,成为全国第8个外贸万亿之城。", &[]);
}

#[test]
fn indicator_list_with_each() {
    check(
        "2025年,江苏出口、进口分别增长7.2%、2.1%。",
        &["江苏省|出口|2025|- -|7.2 %|-|-", "江苏省|进口|2025|- -|2.1 %|-|-"],
    );
}

#[test]
fn subject_list_with_each() {
    check(
        "2025年,杭州、宁波分别实现地区生产总值2.3万亿元和1.8万亿元。",
        &[
            "杭州市|地区生产总值|2025|2300000000000 CNY|- -|-|-",
            "宁波市|地区生产总值|2025|1800000000000 CNY|- -|-|-",
        ],
    );
}

#[test]
fn list_counts_that_disagree_give_nothing() {
    check("浙江对东盟、欧盟、美国分别出口增长16.5%和8.7%。", &[]);
}

#[test]
fn joint_total_of_many_places_gives_nothing() {
    check("广东、江苏、浙江、上海7省市合计进出口34.11万亿元。", &[]);
}

// ------------------------------------------------------------------ not facts

#[test]
fn threshold_is_not_the_value() {
    check(
        "2025年,浙江出口4.19万亿元,首次突破4万亿元大关,增长7.2%。",
        &["浙江省|出口|2025|4190000000000 CNY|7.2 %|-|-"],
    );
}

#[test]
fn threshold_alone_gives_nothing() {
    check("金华年度外贸总额首次突破1万亿元大关。", &[]);
}

#[test]
fn share_of_something_else_gives_nothing() {
    check("浙江的进出口、出口规模分别占全国的12.2%和15.5%。", &[]);
}

#[test]
fn comparison_gives_no_change() {
    check("机器人手术使房颤复发率较传统手术降低约5.2%。", &[]);
}

#[test]
fn figure_without_indicator_gives_nothing() {
    check("村集体的林上景观经营权统一打包卖出13.5万元。", &[]);
}

#[test]
fn attributive_figure_gives_nothing() {
    check("总投资30亿元的全域旅游项目正加快建设。", &[]);
}

#[test]
fn change_without_indicator_is_not_attached_to_another_subject() {
    check(
        "2025年,浙江出口4.19万亿元,广东增长4.4%。",
        &["浙江省|出口|2025|4190000000000 CNY|- -|-|-"],
    );
}

#[test]
fn change_of_a_non_indicator_gives_nothing() {
    check(
        "在宁波,“新三样”产品共出口385.1亿元,增长76.3%,工业机器人也走俏国际市场,大幅增长113%。",
        &["宁波市|出口|-|38510000000 CNY|76.3 %|-|-"],
    );
}

#[test]
fn level_reached_is_not_a_change() {
    check("2025年,杭州城镇调查失业率下降至4.1%。", &[]);
}

#[test]
fn share_of_a_total_gives_nothing_even_with_a_ratio_word() {
    check("2025年,杭州数字经济核心产业增加值占GDP比重达28.6%。", &[]);
}

#[test]
fn change_of_a_share_gives_nothing() {
    check(
        "2025年,浙江对东盟进出口8690.7亿元,增长16.5%,占进出口总值的15.7%,提升1.2个百分点。",
        &["浙江省|进出口|2025|869070000000 CNY|16.5 %|-|东盟"],
    );
}

#[test]
fn forecast_gives_nothing() {
    check("预计2026年,杭州地区生产总值将达2.5万亿元。", &[]);
}

#[test]
fn starting_point_gives_nothing() {
    check("杭州心脏支架平均价格从1.3万元降至700元。", &[]);
}

#[test]
fn comparison_before_the_indicator_gives_nothing() {
    check("前10个月,制造业民间投资比全部制造业投资增速高2.1个百分点。", &[]);
}

#[test]
fn contribution_gives_nothing() {
    check(
        "一季度,全国高技术制造业增加值同比增长7.5%,拉动规模以上工业增加值增长1.1个百分点。",
        &["中国|高技术制造业增加值|-|- -|7.5 %|yoy|-"],
    );
}

#[test]
fn whole_province_is_the_province_just_named() {
    check_with(
        "而在四川,全省接待游客2.1亿人次,比去年同期增长8.2%。",
        Some("杭州"),
        &["四川省|接待游客|-|210000000 人次|8.2 %|yoy|-"],
    );
}

#[test]
fn rate_with_a_count_gives_nothing() {
    check("一季度,广东出口增速创6个季度以来新高。", &[]);
}

#[test]
fn partner_is_never_its_own_subject() {
    check(
        "超过三成订单来自美国。今年,公司对美出口同比下降10%。",
        &["-|出口|-|- -|-10 %|yoy|美国"],
    );
}

#[test]
fn foreign_trade_is_no_partner() {
    check(
        "前4个月,中国对外贸易进出口总额达9.51万亿元,同比增长4.3%。",
        &["中国|对外贸易进出口总额|-|9510000000000 CNY|4.3 %|yoy|-"],
    );
}

#[test]
fn partner_words_are_trimmed() {
    check(
        "前11个月,我国对“一带一路”沿线国家合计进出口8.35万亿元,增长9.9%。",
        &["中国|进出口|-|8350000000000 CNY|9.9 %|-|“一带一路”沿线国家"],
    );
}

#[test]
fn noun_between_indicator_and_figure_gives_nothing() {
    check(
        "进出口银行3000亿元专项支持进口。企业把几十名外贸业务员分成10个小组。",
        &[],
    );
}

#[test]
fn figure_of_a_noun_after_de_gives_nothing() {
    check("8月份,规模以上工业企业每百元营业收入中的费用为8.29元。", &[]);
}

#[test]
fn date_after_from_is_no_period() {
    check(
        "杭州从2015年开始建设至今,引进项目投资额超过10亿美元。",
        &["杭州市|项目投资额|-|1000000000 USD|- -|-|-"],
    );
}

#[test]
fn breakdown_keeps_the_partner() {
    check(
        "截至今年6月,福建省对东盟进出口10040.5亿元,占外贸进出口总值的34.2%,其中出口5725.8亿元,进口4314.7亿元。",
        &[
            "福建省|进出口|-|1004050000000 CNY|- -|-|东盟",
            "福建省|出口|-|572580000000 CNY|- -|-|东盟",
            "福建省|进口|-|431470000000 CNY|- -|-|东盟",
        ],
    );
}

#[test]
fn breakdown_of_a_total_has_no_partner() {
    check(
        "2025年,浙江进出口总额5.55万亿元。其中,出口4.19万亿元。",
        &[
            "浙江省|进出口总额|2025|5550000000000 CNY|- -|-|-",
            "浙江省|出口|2025|4190000000000 CNY|- -|-|-",
        ],
    );
}

#[test]
fn one_project_gives_nothing() {
    check(
        "在深圳,西门子医疗研发基地正在加紧建设,项目总投资超过了10亿元。",
        &[],
    );
}

#[test]
fn bare_rate_word_gives_nothing() {
    check("杭州出口从5790亿元增长到7030亿元,增幅约为21.5%。", &[]);
}

#[test]
fn noun_between_verb_and_figure_gives_nothing() {
    check("全国综合保税区对我国外贸增长贡献度超过30%。", &[]);
}

#[test]
fn date_after_the_figure_is_not_its_period() {
    check(
        "2025年6月,全国居民消费价格同比上涨0.1%,国家统计局2025年7月发布。",
        &["中国|居民消费价格|2025-06|- -|0.1 %|yoy|-"],
    );
}

#[test]
fn count_of_things_is_no_level() {
    check("如今,杭州已涌现出装备制造、消费品3个万亿级产业。", &[]);
}

#[test]
fn random_text_never_panics() {
    for text in ["", "。。,,", "增长%", "浙江(", "对", "——", "1—2月,增长3.7倍\n\n"] {
        let _ = facts_with(text, Some("浙江"), &["浙江".to_owned()]);
    }
}

// ------------------------------------------------------------------ the sample page

/// The sample front page through the linker, with the stand-in figures and places: the
/// facts a reader takes from its trade article. Skips when `../shared` is absent.
#[test]
fn sample_page_facts() {
    let Ok(raw) = std::fs::read_to_string("../shared/samples/zjrb-2026-01-22.txt") else {
        eprintln!("skipped: ../shared/samples is absent");
        return;
    };
    let text: String = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let got: Vec<String> = facts_with(&text, None, &[]).iter().map(show).collect();
    let want = [
        "中国|进出口总额|2025|45470000000000 CNY|3.8 %|yoy|-",
        "浙江省|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-",
        "湖北省|增速|-|- -|18.2 %|-|-",
        "安徽省|增速|-|- -|17.3 %|-|-",
        "河南省|增速|-|- -|14.1 %|-|-",
        "新疆维吾尔自治区|增速|-|- -|19.9 %|-|-",
        "甘肃省|增速|-|- -|16.2 %|-|-",
        "广东省|进出口总值|2025|9490000000000 CNY|4.4 %|yoy|-",
        "广东省|高技术产品出口|2025|1140000000000 CNY|- -|-|-",
        "长三角|进出口|-|- -|6.3 %|-|-",
        "安徽省|出口汽车|2025|1228000 辆|- -|-|-",
        "上海市|高端机床出口|-|- -|30 %|-|-",
        "上海市|工业机器人出口|-|- -|40 %|-|-",
        "上海市|手术机器人出口|-|- -|3.7 times|-|-",
        "浙江省|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-",
        "浙江省|出口|2025|4190000000000 CNY|7.2 %|-|-",
        "宁波市|出口|-|38510000000 CNY|76.3 %|-|-",
        "浙江省|劳动密集型产品出口|-|1230000000000 CNY|3.5 %|-|-",
        "浙江省|进出口|-|869070000000 CNY|16.5 %|-|东盟",
        "浙江省|进出口|-|845740000000 CNY|8.7 %|-|欧盟",
        "浙江省|进出口|-|- -|3.5 %|-|中东",
        "浙江省|进出口|-|- -|3.7 %|-|拉美",
        "浙江省|进出口|-|- -|11.5 %|-|非洲",
        "浙江省|进出口|-|3190000000000 CNY|8.7 %|-|共建“一带一路”国家",
        "宁波市|进出口总额|-|1460000000000 CNY|2.6 %|yoy|-",
        "宁波市|进出口|-|- -|20.4 %|-|非洲",
        "-|解决率|-|98.7 %|- -|-|-",
        "-|满意率|-|99.1 %|- -|-|-",
    ];
    assert_eq!(
        got, want,
        "help: a fact of the sample page changed; review the diff against the article text"
    );
}
