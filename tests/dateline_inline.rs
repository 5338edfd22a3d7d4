//! A dateline run into the text (a headline glued to its story, stories run together)
//! starts a story written on its day: the relative days after it count from there.

use baokan::pipeline::Pipeline;
use baokan::record::{Figure, FigureValue};
use baokan::rules::Rules;

fn value_of<'a>(figures: &'a [Figure], text: &str, nth: usize) -> &'a FigureValue {
    &figures
        .iter()
        .filter(|f| f.text == text)
        .nth(nth)
        .unwrap_or_else(|| panic!("no figure {text:?} #{nth} in {figures:?}"))
        .value
}

fn day(s: &str) -> FigureValue {
    FigureValue::Text(s.to_owned())
}

#[test]
fn relative_days_after_a_glued_dateline_count_from_it() {
    let pipeline = Pipeline::new(Rules::bundled().expect("bundled rules load"));
    let text = "今天的会议坚持严肃执法新华社北京3月11日电最高人民法院院长任建新今天作报告,昨天他说。\
                本报杭州6月14日电会议今天上午10时在京结束。";
    let record = baokan::tooling::analyze_text(&pipeline, text, Some("2015-06-15"));
    let f = &record.figures;
    // Before the first dateline: the paper's day.
    assert_eq!(value_of(f, "今天", 0), &day("2015-06-15"));
    // After it, up to the next one: that dateline's day.
    assert_eq!(value_of(f, "今天", 1), &day("2015-03-11"));
    assert_eq!(value_of(f, "昨天", 0), &day("2015-03-10"));
    // After the second one, its day, with the time of day kept.
    assert_eq!(value_of(f, "今天上午10时", 0), &day("2015-06-14T10:00"));
}

#[test]
fn a_glued_dateline_ending_in_xun_counts_too() {
    let pipeline = Pipeline::new(Rules::bundled().expect("bundled rules load"));
    let text = "两家盗版企业主管人员被追究刑事责任本报北京4月15日讯最高人民法院今天公布审理结果。";
    let record = baokan::tooling::analyze_text(&pipeline, text, Some("2015-06-15"));
    assert_eq!(value_of(&record.figures, "今天", 0), &day("2015-04-15"));
}
