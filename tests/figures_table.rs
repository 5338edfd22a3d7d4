//! Table-driven test of figure extraction: one row per form, exact values.
//!
//! A row is `(text, published, figure, kind, value, upper, unit, approx)`: in `text`
//! the extractor must find a figure whose surface is `figure` with exactly these fields
//! (`""` means null; numbers compare as decimals). Rows with kind `none` require that
//! no figure with that surface comes out at all.

use baokan::extract::{Context, figures};
use baokan::record::{Figure, FigureValue};
use baokan::rules::Rules;
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::OnceLock;

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const P: &str = "2026-01-22";
const LATE: &str = "2026-10-15";

#[rustfmt::skip]
const ROWS: &[Row] = &[
    // Money: scales and currencies after the number.
    ("浙江进出口总额5.55万亿元,同比增长5.4%", P, "5.55万亿元", "money", "5550000000000", "", "CNY", ""),
    ("全年进出口总额达45.47万亿元", P, "45.47万亿元", "money", "45470000000000", "", "CNY", ""),
    ("出口4.19万亿元", P, "4.19万亿元", "money", "4190000000000", "", "CNY", ""),
    ("共出口385.1亿元", P, "385.1亿元", "money", "38510000000", "", "CNY", ""),
    ("分别进出口8690.7亿元和8457.4亿元", P, "8690.7亿元", "money", "869070000000", "", "CNY", ""),
    ("分别进出口8690.7亿元和8457.4亿元", P, "8457.4亿元", "money", "845740000000", "", "CNY", ""),
    ("补贴1万5千元", P, "1万5千元", "money", "15000", "", "CNY", ""),
    ("筹集十三点五万元", P, "十三点五万元", "money", "135000", "", "CNY", ""),
    ("投资5亿2千3百万元", P, "5亿2千3百万元", "money", "523000000", "", "CNY", ""),
    ("营收1,100.9亿元", P, "1,100.9亿元", "money", "110090000000", "", "CNY", ""),
    ("卖出13.5万元", P, "13.5万元", "money", "135000", "", "CNY", ""),
    ("一荤两素13元", P, "13元", "money", "13", "", "CNY", ""),
    ("规模达2.1万亿元人民币", P, "2.1万亿元人民币", "money", "2100000000000", "", "CNY", ""),
    ("约合人民币89.5亿元", P, "约合人民币89.5亿元", "money", "8950000000", "", "CNY", "about"),
    ("人民币50元", P, "人民币50元", "money", "50", "", "CNY", ""),
    ("捐款3000元钱", P, "3000元钱", "money", "3000", "", "CNY", ""),
    ("总投资30亿元的项目", P, "30亿元", "money", "3000000000", "", "CNY", ""),
    ("吸引外资12.3亿美元", P, "12.3亿美元", "money", "1230000000", "", "USD", ""),
    ("价值500万美金", P, "500万美金", "money", "5000000", "", "USD", ""),
    ("订单超过3000万欧元", P, "超过3000万欧元", "money", "30000000", "", "EUR", "over"),
    ("每股1.95港元", P, "1.95港元", "money", "1.95", "", "HKD", ""),
    ("3.14港币", P, "3.14港币", "money", "3.14", "", "HKD", ""),
    ("需1万亿日元", P, "1万亿日元", "money", "1000000000000", "", "JPY", ""),
    ("罚款200万英镑", P, "200万英镑", "money", "2000000", "", "GBP", ""),
    ("投资5000亿韩元", P, "5000亿韩元", "money", "500000000000", "", "KRW", ""),
    ("价值30亿卢布", P, "30亿卢布", "money", "3000000000", "", "RUB", ""),
    ("合同金额2亿澳元", P, "2亿澳元", "money", "200000000", "", "AUD", ""),
    ("收入8000万加元", P, "8000万加元", "money", "80000000", "", "CAD", ""),
    ("新台币100亿元", P, "100亿元", "money", "10000000000", "", "CNY", ""),
    ("售价为100新台币", P, "100新台币", "money", "100", "", "TWD", ""),
    ("耗资5亿瑞士法郎", P, "5亿瑞士法郎", "money", "500000000", "", "CHF", ""),
    ("价格为$100", P, "$100", "money", "100", "", "USD", ""),
    ("这台电脑两美元", P, "两美元", "money", "2", "", "USD", ""),
    ("十五美元", P, "十五美元", "money", "15", "", "USD", ""),
    ("我有一千元", P, "一千元", "money", "1000", "", "CNY", ""),
    ("壹万二千三百四十五元", P, "壹万二千三百四十五元", "money", "12345", "", "CNY", ""),
    ("肆佰叁拾萬元", P, "肆佰叁拾萬元", "money", "4300000", "", "CNY", ""),
    ("近700万元", P, "近700万元", "money", "7000000", "", "CNY", "nearly"),
    ("3000多欧元", P, "3000多欧元", "money", "3000", "", "EUR", "over"),
    ("首次突破1万亿元", P, "突破1万亿元", "money", "1000000000000", "", "CNY", "over"),
    ("逾百亿元", P, "逾百亿元", "money", "10000000000", "", "CNY", "over"),
    ("不足1000元", P, "不足1000元", "money", "1000", "", "CNY", "under"),
    ("82,225.00元", P, "82,225.00元", "money", "82225", "", "CNY", ""),
    // Money ranges.
    ("投资20亿至25亿元", P, "20亿至25亿元", "money", "2000000000", "2500000000", "CNY", ""),
    ("奖励3至5万元", P, "3至5万元", "money", "30000", "50000", "CNY", ""),
    ("预计50亿—60亿元", P, "50亿—60亿元", "money", "5000000000", "6000000000", "CNY", ""),
    ("1万-5万元", P, "1万-5万元", "money", "10000", "50000", "CNY", ""),
    ("2——3万港币", P, "2——3万港币", "money", "20000", "30000", "HKD", ""),
    ("一千到两千万元人民币", P, "一千到两千万元人民币", "money", "10000000", "20000000", "CNY", ""),
    ("从8500到3万港元", P, "8500到3万港元", "money", "8500", "30000", "HKD", ""),
    ("两~3百日元", P, "两~3百日元", "money", "200", "300", "JPY", ""),
    // Percent.
    ("同比增长5.4%", P, "5.4%", "percent", "5.4", "", "%", ""),
    ("增长113%", P, "113%", "percent", "113", "", "%", ""),
    ("降低约5.2%", P, "约5.2%", "percent", "5.2", "", "%", "about"),
    ("增长超40%", P, "超40%", "percent", "40", "", "%", "over"),
    ("占比不到10%", P, "不到10%", "percent", "10", "", "%", "under"),
    ("增长10%以上", P, "10%以上", "percent", "10", "", "%", "over"),
    ("增长5%左右", P, "5%左右", "percent", "5", "", "%", "about"),
    ("百分之五点二", P, "百分之五点二", "percent", "5.2", "", "%", ""),
    ("百分之6酒精含量", P, "百分之6", "percent", "6", "", "%", ""),
    ("百分之一百", P, "百分之一百", "percent", "100", "", "%", ""),
    ("千分之三", P, "千分之三", "percent", "0.3", "", "%", ""),
    ("万分之三", P, "万分之三", "percent", "0.03", "", "%", ""),
    ("出生率6.8‰", P, "6.8‰", "percent", "0.68", "", "%", ""),
    ("占三成", P, "三成", "percent", "30", "", "%", ""),
    ("占全省近六成", P, "近六成", "percent", "60", "", "%", "nearly"),
    ("首超七成", P, "超七成", "percent", "70", "", "%", "over"),
    ("两成", P, "两成", "percent", "20", "", "%", ""),
    ("增长近3成", P, "近3成", "percent", "30", "", "%", "nearly"),
    ("贡献五分之一的总量", P, "五分之一", "percent", "20", "", "%", ""),
    ("二分之一的增量", P, "二分之一", "percent", "50", "", "%", ""),
    ("三分之二的企业", P, "三分之二", "percent", "66.6667", "", "%", ""),
    ("三分之一以上", P, "三分之一以上", "percent", "33.3333", "", "%", "over"),
    ("占比过半", P, "过半", "percent", "50", "", "%", "over"),
    ("一半以上的外贸增量", P, "一半以上", "percent", "50", "", "%", "over"),
    ("提高1.2个百分点", P, "1.2个百分点", "percent", "1.2", "", "pp", ""),
    ("下降0.5个百分点", P, "0.5个百分点", "percent", "0.5", "", "pp", ""),
    ("高出3百分点", P, "3百分点", "percent", "3", "", "pp", ""),
    ("1,075个百分点", P, "1,075个百分点", "percent", "1075", "", "pp", ""),
    ("打8折", P, "8折", "percent", "80", "", "%", ""),
    ("3%-5%", P, "3%-5%", "percent", "3", "5", "%", ""),
    ("5-20%之间", P, "5-20%", "percent", "5", "20", "%", ""),
    // Multiples.
    ("增幅达3.7倍", P, "3.7倍", "multiple", "3.7", "", "", ""),
    ("增长2倍", P, "2倍", "multiple", "2", "", "", ""),
    ("是去年的十倍", P, "十倍", "multiple", "10", "", "", ""),
    ("产值翻一番", P, "翻一番", "multiple", "2", "", "", ""),
    ("近2倍", P, "近2倍", "multiple", "2", "", "", "nearly"),
    // Quantities.
    ("出口汽车122.8万辆", P, "122.8万辆", "quantity", "1228000", "", "辆", ""),
    ("吞吐量68.4万标箱", P, "68.4万标箱", "quantity", "684000", "", "TEU", ""),
    ("流转3147.04亩", P, "3147.04亩", "quantity", "3147.04", "", "亩", ""),
    ("面积412.7万平方米", P, "412.7万平方米", "quantity", "4127000", "", "平方米", ""),
    ("建成站点350多个", P, "350多个", "quantity", "350", "", "个", "over"),
    ("每天有50余名骑手", P, "50余名", "quantity", "50", "", "名", "over"),
    ("累计完成200例", P, "200例", "quantity", "200", "", "例", ""),
    ("通过3至5台手术", P, "3至5台", "quantity", "3", "5", "台", ""),
    ("周期6—12个月", P, "6—12个月", "quantity", "6", "12", "个月", ""),
    ("预计2周左右", P, "2周左右", "quantity", "2", "", "周", "about"),
    ("近万亩", P, "近万亩", "quantity", "10000", "", "亩", "nearly"),
    ("逾万人参加", P, "逾万人", "quantity", "10000", "", "人", "over"),
    ("产量300万吨", P, "300万吨", "quantity", "3000000", "", "吨", ""),
    ("全长1.2万公里", P, "1.2万公里", "quantity", "12000", "", "公里", ""),
    ("面积16.8平方公里", P, "16.8平方公里", "quantity", "16.8", "", "平方公里", ""),
    ("发电量50亿千瓦时", P, "50亿千瓦时", "quantity", "5000000000", "", "千瓦时", ""),
    ("装机120万千瓦", P, "120万千瓦", "quantity", "1200000", "", "千瓦", ""),
    ("长2.3千米", P, "2.3千米", "quantity", "2.3", "", "公里", ""),
    ("高300米", P, "300米", "quantity", "300", "", "米", ""),
    ("重2.3千克", P, "2.3千克", "quantity", "2.3", "", "公斤", ""),
    ("接待游客1.2亿人次", P, "1.2亿人次", "quantity", "120000000", "", "人次", ""),
    ("11名干部", P, "11名", "quantity", "11", "", "名", ""),
    ("8类26项需求", P, "8类", "quantity", "8", "", "类", ""),
    ("8类26项需求", P, "26项", "quantity", "26", "", "项", ""),
    ("9000多个诉求", P, "9000多个", "quantity", "9000", "", "个", "over"),
    ("二十几个菜", P, "二十几个", "quantity", "20", "", "个", "over"),
    ("新增企业1200家", P, "1200家", "quantity", "1200", "", "家", ""),
    ("帮扶3000户", P, "3000户", "quantity", "3000", "", "户", ""),
    ("建成5座桥", P, "5座", "quantity", "5", "", "座", ""),
    ("新建12所学校", P, "12所", "quantity", "12", "", "所", ""),
    ("出动20架次", P, "20架", "quantity", "20", "", "架", ""),
    ("3艘货轮", P, "3艘", "quantity", "3", "", "艘", ""),
    ("24小时服务", P, "24小时", "quantity", "24", "", "小时", ""),
    ("15分钟服务圈", P, "15分钟", "quantity", "15", "", "分钟", ""),
    ("7天内", P, "7天", "quantity", "7", "", "天", ""),
    ("连续10年保持增长", P, "10年", "quantity", "10", "", "年", ""),
    ("五岁的孩子", P, "五岁", "quantity", "5", "", "岁", ""),
    ("两头牛", P, "两头", "quantity", "2", "", "头", ""),
    ("300只羊", P, "300只", "quantity", "300", "", "只", ""),
    ("价格为3500元/吨", P, "3500元/吨", "quantity", "3500", "", "元/吨", ""),
    ("十多例手术", P, "十多例", "quantity", "10", "", "例", "over"),
    ("3个村", P, "3个", "quantity", "3", "", "个", ""),
    ("20-100个", P, "20-100个", "quantity", "20", "100", "个", ""),
    // Numbers.
    ("7省市合计", P, "7", "number", "7", "", "", ""),
    ("完成16.4亿", P, "16.4亿", "number", "1640000000", "", "", ""),
    ("九万四", P, "九万四", "number", "94000", "", "", ""),
    ("三百五十一万亿", P, "三百五十一万亿", "number", "351000000000000", "", "", ""),
    ("四十五億四千零四萬", P, "四十五億四千零四萬", "number", "4540040000", "", "", ""),
    ("一百万零四", P, "一百万零四", "number", "1000004", "", "", ""),
    ("5萬4千6百", P, "5萬4千6百", "number", "54600", "", "", ""),
    ("十多万", P, "十多万", "number", "100000", "", "", "over"),
    ("500多亿", P, "500多亿", "number", "50000000000", "", "", "over"),
    ("负13.5", P, "负13.5", "number", "-13.5", "", "", ""),
    ("温度为-5", P, "-5", "number", "-5", "", "", ""),
    ("一点五", P, "一点五", "number", "1.5", "", "", ""),
    ("一千六点五", P, "一千六点五", "number", "1600.5", "", "", ""),
    ("1,200,000", P, "1,200,000", "number", "1200000", "", "", ""),
    ("二〇二五", P, "二〇二五", "number", "2025", "", "", ""),
    ("貳佰零參", P, "貳佰零參", "number", "203", "", "", ""),
    ("卅三", P, "卅三", "number", "33", "", "", ""),
    // Ordinals.
    ("稳居全国第三", P, "第三", "ordinal", "3", "", "", ""),
    ("连续第9年", P, "第9年", "ordinal", "9", "", "年", ""),
    ("全国第8个", P, "第8个", "ordinal", "8", "", "个", ""),
    ("第三批名录", P, "第三批", "ordinal", "3", "", "批", ""),
    ("第二百五十", P, "第二百五十", "ordinal", "250", "", "", ""),
    // Dates.
    ("2025年,浙江", P, "2025年", "date", "2025", "", "", ""),
    ("二〇二五年", P, "二〇二五年", "date", "2025", "", "", ""),
    ("2026年1月21日", P, "2026年1月21日", "date", "2026-01-21", "", "", ""),
    ("1月21日,杭城", P, "1月21日", "date", "2026-01-21", "", "", ""),
    ("21日上午", P, "21日", "date", "2026-01-21", "", "", ""),
    ("4月份", LATE, "4月份", "date", "2026-04", "", "", ""),
    ("12月份", P, "12月份", "date", "2025-12", "", "", ""),
    ("1—2月", LATE, "1—2月", "date", "2026-01/2026-02", "", "", ""),
    ("1-11月", P, "1-11月", "date", "2025-01/2025-11", "", "", ""),
    ("一季度", P, "一季度", "date", "2026-Q1", "", "", ""),
    ("第一季度", P, "第一季度", "date", "2026-Q1", "", "", ""),
    ("2025年四季度", P, "2025年四季度", "date", "2025-Q4", "", "", ""),
    ("前三季度", LATE, "前三季度", "date", "2026-01/2026-09", "", "", ""),
    ("前三季度", P, "前三季度", "date", "2025-01/2025-09", "", "", ""),
    ("上半年", LATE, "上半年", "date", "2026-H1", "", "", ""),
    ("2025年上半年", P, "2025年上半年", "date", "2025-H1", "", "", ""),
    ("去年下半年", P, "去年下半年", "date", "2025-H2", "", "", ""),
    ("去年", P, "去年", "date", "2025", "", "", ""),
    ("今年", P, "今年", "date", "2026", "", "", ""),
    ("明年", P, "明年", "date", "2027", "", "", ""),
    ("上月", P, "上月", "date", "2025-12", "", "", ""),
    ("去年底", P, "去年底", "date", "2025-12", "", "", ""),
    ("去年7月", P, "去年7月", "date", "2025-07", "", "", ""),
    ("今年前8个月", LATE, "今年前8个月", "date", "2026-01/2026-08", "", "", ""),
    ("去年前三季度", P, "去年前三季度", "date", "2025-01/2025-09", "", "", ""),
    ("昨天", P, "昨天", "date", "2026-01-21", "", "", ""),
    ("2021—2025年", P, "2021—2025年", "date", "2021/2025", "", "", ""),
    ("1月3日至2月10日", P, "1月3日至2月10日", "date", "2026-01-03/2026-02-10", "", "", ""),
    ("2026-01-21", P, "2026-01-21", "date", "2026-01-21", "", "", ""),
    ("2025年度", P, "2025年度", "date", "2025", "", "", ""),
    ("08年奥运会", P, "08年", "date", "2008", "", "", ""),
    ("两千零四年八月十五日", P, "两千零四年八月十五日", "date", "2004-08-15", "", "", ""),
    ("1月21日", "", "1月21日", "date", "XXXX-01-21", "", "", ""),
    ("21日", "", "21日", "date", "XXXX-XX-21", "", "", ""),
    // Not figures.
    ("5G网络", P, "5", "none", "", "", "", ""),
    ("3D打印机", P, "3", "none", "", "", "", ""),
    ("G20峰会", P, "20", "none", "", "", "", ""),
    ("RCEP市场", P, "", "none", "", "", "", ""),
    ("COVID-19疫情", P, "19", "none", "", "", "", ""),
    ("iPhone15发布", P, "15", "none", "", "", "", ""),
    ("电话0571-88888888", P, "88888888", "none", "", "", "", ""),
    ("电话0571-88888888", P, "0571", "none", "", "", "", ""),
    ("十四五规划", P, "十四", "none", "", "", "", ""),
    ("统一大市场", P, "一", "none", "", "", "", ""),
    ("一成不变", P, "一成", "none", "", "", "", ""),
    ("一个重要原因", P, "一个", "none", "", "", "", ""),
    ("千方百计", P, "千", "none", "", "", "", ""),
    ("版本1.2.3", P, "1.2", "none", "", "", "", ""),
    ("周四到十月", P, "四到十月", "none", "", "", "", ""),
    ("成为当年唯一", P, "", "none", "", "", "", ""),
];

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::bundled().expect("bundled rules load"))
}

fn extract(text: &str, published: &str) -> Vec<Figure> {
    let rules = rules();
    let ctx = Context {
        text,
        tokens: &[],
        published: (!published.is_empty()).then_some(published),
        dateline_place: None,
        headlines: &[],
    };
    let mut warnings = Vec::new();
    let figs = figures::extract(&rules.figures, &ctx, &mut warnings);
    if published.is_empty() {
        let dates = figs
            .iter()
            .filter(|f| matches!(&f.value, FigureValue::Text(v) if v.contains('X')))
            .count();
        assert_eq!(
            warnings.len(),
            dates,
            "one warning per unresolved date in {text:?}: {warnings:?}"
        );
    }
    figs
}

fn dec(s: &str) -> Option<Decimal> {
    (!s.is_empty()).then(|| Decimal::from_str(s).expect("decimal in table").normalize())
}

fn show(figs: &[Figure]) -> String {
    figs.iter()
        .map(|f| {
            format!(
                "{}[{:?} {} {:?} {:?} {:?} {}]",
                f.text,
                f.kind,
                serde_json::to_string(&f.value).unwrap_or_default(),
                f.upper,
                f.unit,
                f.approx,
                f.rule
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_form_has_its_exact_value() {
    assert!(ROWS.len() >= 150, "the table has {} rows", ROWS.len());
    let mut failures = Vec::new();
    for &(text, published, surface, kind, value, upper, unit, approx) in ROWS {
        let figs = extract(text, published);
        if kind == "none" {
            let bad = figs
                .iter()
                .any(|f| surface.is_empty() || f.text == surface || f.text.contains(surface));
            if bad {
                failures.push(format!(
                    "{text:?}: expected no figure `{surface}`, got {}",
                    show(&figs)
                ));
            }
            continue;
        }
        let ok = figs.iter().any(|f| {
            let value_ok = match &f.value {
                FigureValue::Number(d) => dec(value) == Some(d.normalize()),
                FigureValue::Text(t) => t == value,
            };
            f.text == surface
                && f.kind.as_str() == kind
                && value_ok
                && f.upper.map(|u| u.normalize()) == dec(upper)
                && f.unit.as_deref().unwrap_or("") == unit
                && f.approx
                    .map(|a| format!("{a:?}").to_lowercase())
                    .unwrap_or_default()
                    == approx
        });
        if !ok {
            failures.push(format!(
                "{text:?}: expected `{surface}` {kind} {value} {upper} {unit} {approx}\n    got {}",
                show(&figs)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}\nhelp: a failing row names the form; see src/extract/figures.rs for how it is read",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}

#[test]
fn spans_slice_the_text_and_figures_do_not_overlap() {
    for &(text, published, ..) in ROWS {
        let figs = extract(text, published);
        let mut last = 0;
        for f in &figs {
            let slice: String = text.chars().skip(f.span[0]).take(f.span[1] - f.span[0]).collect();
            assert_eq!(slice, f.text, "span of {f:?} in {text:?}");
            assert!(
                f.span[0] >= last,
                "figures overlap or are out of order in {text:?}"
            );
            last = f.span[1];
        }
    }
}
