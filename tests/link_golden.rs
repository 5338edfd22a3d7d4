//! Golden test: the facts of the sample page through the whole pipeline (layout,
//! segmentation, figures, places, link), checked by hand against the article text.
//!
//! The page is `tests/fixtures/facts/zjrb-2026-01-22.txt`, a copy of the shared sample.
//! Set `BAOKAN_PRINT=1` to print what comes out.

use baokan::pipeline::Pipeline;
use baokan::read::{Document, DocumentKind};
use baokan::record::{Fact, Record};
use baokan::rules::{RuleDir, Rules};

fn records() -> Vec<Record> {
    let rules = Rules::load(&RuleDir::Disk("rules".into())).unwrap();
    let pipeline = Pipeline::new(rules);
    let text = include_str!("fixtures/facts/zjrb-2026-01-22.txt");
    let doc = Document {
        path: "zjrb-2026-01-22.txt".to_owned(),
        line: None,
        input_id: None,
        kind: DocumentKind::Page,
        text: text.to_owned(),
        title: None,
        section: None,
        published: Some("2026-01-22".to_owned()),
        encoding: "UTF-8".to_owned(),
        warnings: Vec::new(),
        bytes: text.len(),
    };
    pipeline.process(&doc).unwrap()
}

fn show(f: &Fact, r: &Record) -> String {
    let o = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".to_owned());
    let d = |v: &Option<rust_decimal::Decimal>| v.map_or("-".to_owned(), |v| v.normalize().to_string());
    let figs: Vec<&str> = f.figures.iter().map(|&i| r.figures[i].text.as_str()).collect();
    format!(
        "{}|{}|{}|{}|{} {}|{} {}|{}|{}|{}",
        o(&f.subject),
        o(&f.subject_code),
        f.indicator,
        o(&f.period),
        d(&f.value),
        o(&f.unit),
        d(&f.change),
        o(&f.change_unit),
        o(&f.basis),
        o(&f.counterpart),
        figs.join("+")
    )
}

#[test]
fn sample_page_facts_end_to_end() {
    let records = records();
    let mut got = Vec::new();
    for r in &records {
        for f in &r.facts {
            for &i in &f.figures {
                assert!(
                    i < r.figures.len(),
                    "help: a fact names a figure that does not exist"
                );
            }
            got.push(show(f, r));
        }
    }
    if std::env::var_os("BAOKAN_PRINT").is_some() {
        for g in &got {
            println!("{g}");
        }
    }
    let want = [
        "中国|CN|进出口总额|2025|45470000000000 CNY|3.8 %|yoy|-|45.47万亿元+3.8%",
        "浙江省|330000|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-|5.55万亿元+5.4%",
        "湖北省|420000|增速|-|- -|18.2 %|-|-|18.2%",
        "安徽省|340000|增速|-|- -|17.3 %|-|-|17.3%",
        "河南省|410000|增速|-|- -|14.1 %|-|-|14.1%",
        "新疆维吾尔自治区|650000|增速|-|- -|19.9 %|-|-|19.9%",
        "甘肃省|620000|增速|-|- -|16.2 %|-|-|16.2%",
        "广东省|440000|进出口总值|2025|9490000000000 CNY|4.4 %|yoy|-|9.49万亿元+4.4%",
        "广东省|440000|高技术产品出口|2025|1140000000000 CNY|- -|-|-|1.14万亿元",
        "长三角|-|进出口|-|- -|6.3 %|-|-|6.3%",
        "安徽省|340000|出口汽车|2025|1228000 辆|- -|-|-|122.8万辆",
        "上海市|310000|高端机床出口|-|- -|30 %|-|-|近3成",
        "上海市|310000|工业机器人出口|-|- -|40 %|-|-|超40%",
        "上海市|310000|手术机器人出口|-|- -|3.7 times|-|-|3.7倍",
        "浙江省|330000|进出口总额|2025|5550000000000 CNY|5.4 %|yoy|-|5.55万亿元+5.4%",
        "浙江省|330000|出口|2025|4190000000000 CNY|7.2 %|-|-|4.19万亿元+7.2%",
        "宁波市|330200|出口|2025|38510000000 CNY|76.3 %|-|-|385.1亿元+76.3%",
        "浙江省|330000|劳动密集型产品出口|-|1230000000000 CNY|3.5 %|-|-|1.23万亿元+3.5%",
        "浙江省|330000|进出口|-|869070000000 CNY|16.5 %|-|东盟|8690.7亿元+16.5%",
        "浙江省|330000|进出口|-|845740000000 CNY|8.7 %|-|欧盟|8457.4亿元+8.7%",
        "浙江省|330000|进出口|-|- -|3.5 %|-|中东|3.5%",
        "浙江省|330000|进出口|-|- -|3.7 %|-|拉美|3.7%",
        "浙江省|330000|进出口|-|- -|11.5 %|-|非洲|11.5%",
        "浙江省|330000|进出口|-|3190000000000 CNY|8.7 %|-|共建“一带一路”国家|3.19万亿元+8.7%",
        "宁波市|330200|进出口总额|-|1460000000000 CNY|2.6 %|yoy|-|1.46万亿元+2.6%",
        "宁波市|330200|进出口|-|- -|20.4 %|-|非洲|20.4%",
        "衢州市|330800|解决率|2025|98.7 %|- -|-|-|98.7%",
        "衢州市|330800|满意率|2025|99.1 %|- -|-|-|99.1%",
    ];
    assert_eq!(
        got, want,
        "help: a fact of the sample page changed; check the diff against the article text \
         (BAOKAN_PRINT=1 prints the facts)"
    );
}

#[test]
fn thresholds_and_headlines_give_no_facts() {
    let records = records();
    for r in &records {
        for f in &r.facts {
            for &i in &f.figures {
                let fig = &r.figures[i];
                assert!(
                    !fig.text.contains("突破") && !r.text[..].contains(&format!("{}大关", fig.text)),
                    "help: threshold figure {} became a fact",
                    fig.text
                );
            }
        }
    }
    // 4万亿元 (首次突破4万亿元大关) and 1万亿元 (首次突破1万亿元大关) are on the page and
    // must not be values of any fact.
    let values: Vec<String> = records
        .iter()
        .flat_map(|r| {
            r.facts
                .iter()
                .filter_map(|f| f.value.map(|v| v.normalize().to_string()))
        })
        .collect();
    assert!(!values.contains(&"4000000000000".to_owned()));
    assert!(!values.contains(&"1000000000000".to_owned()));
}
