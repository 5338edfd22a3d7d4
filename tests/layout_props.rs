//! Property: any text is safe for layout (no panic), and no line's text is lost.
//!
//! Every non-empty line is classified on its own (`layout::classify_lines`); after
//! splitting, a headline/body line must be found in some article's headlines, subheads,
//! captions, body (joined halves contain both) or column label, a byline's names in some byline, a
//! caption in captions or a photo's body, a dateline lead's text after the lead in a
//! body. Section, column and jump lines are page furniture and may go.

use baokan::layout::{self, Article, LineKind};
use baokan::record::Byline;
use baokan::rules::RuleDir;
use baokan::rules::layout::LayoutRules;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static LayoutRules {
    static RULES: OnceLock<LayoutRules> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut errors = Vec::new();
        LayoutRules::load(&RuleDir::Bundled, &mut errors).unwrap()
    })
}

const PIECES: &[&str] = &[
    "要 闻",
    "短新闻竞赛",
    "■ 本报记者 胡静漪",
    "本报记者 金思成 通讯员 时宽兵 张晨晨 摄",
    "通讯员 里尔 摄",
    "常栋利用机器人手术。 本报记者 周楷华 李文瑶 摄",
    "本报绍兴1月21日电(记者周楷华 李文瑶 通讯员龚洁节)21日上午,绍兴市人民医院。",
    "本报讯(记者 郭敏 共享联盟·云和王凤凤 通讯员 胡兴宝)近日,云和县签订合同。",
    "本报讯 近日,杭州公交集团新开通两条通勤专线。",
    "新华社北京12月31日电(记者 黄磊)",
    "南都讯 记者刘凡 周昌和 继推出日票后",
    "(下转第3版)",
    "(上接第1版)",
    "(上接第1版)重大项目是稳投资的“压舱石”。",
    "更好服务(下转第3版)",
    "是谁在领跑",
    "记者现场观摩心脏手术机器人协助医生动手术——",
    "——专家解读今年投资新动向",
    "新年第一天,我们出发了!",
    "固定资产投资 5.2万亿元",
    "主要指标如下:",
    "2025年,广东进出口总值为9.49万亿元,同比增长4.4%。高端产业加",
    "速成势,以电子信息、高端装备、医疗设备、电动汽车等为代表的高技术产品是广东外贸增长新动能。",
    "为破解这些痛点,位于绍兴市越城区的梅奥心磁医疗科技有限公司自主",
    "1月21日,杭城虽雪后放晴,但寒潮的影响并未减弱。",
    "广东依然遥遥领先,位居首位。",
    "摄",
    "(",
    ")",
    "记者",
    "■",
    "。",
    "——",
];

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => "\\PC{0,30}",
        1 => "[本报记者通讯员摄讯电()■ 张王李一二1月日,。—]{0,16}",
        1 => (prop::sample::select(PIECES), "\\PC{0,8}").prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (line(), prop::sample::select(&["\n", "\n\n", "\n\n\n"][..])),
        0..24,
    )
    .prop_map(|v| {
        let mut s = String::new();
        for (l, sep) in v {
            s.push_str(&l);
            s.push_str(sep);
        }
        s
    })
}

fn all_text(articles: &[Article]) -> String {
    let mut s = String::new();
    for a in articles {
        let column = a.column.iter();
        for part in a
            .headlines
            .iter()
            .chain(&a.subheads)
            .chain(&a.captions)
            .chain([&a.body])
            .chain(column)
        {
            s.push_str(part);
            s.push('\u{1}');
        }
    }
    s
}

fn names(b: &Byline) -> Vec<&String> {
    b.reporters
        .iter()
        .chain(&b.correspondents)
        .chain(&b.photographers)
        .chain(&b.alliance)
        .collect()
}

fn check_nothing_lost(text: &str, articles: &[Article]) -> Result<(), TestCaseError> {
    let all = all_text(articles);
    let credited: Vec<&String> = articles.iter().flat_map(|a| names(&a.byline)).collect();
    let has_names = |b: &Byline| names(b).iter().all(|n| credited.contains(n));
    for line in layout::classify_lines(rules(), text, Some("2026-01-22")) {
        // Bullets before a subhead (`■ 钱从哪里来`) are decoration and may go.
        let bare = line
            .text
            .trim_start_matches(|c: char| rules().bullets.contains(&c) || c == ' ');
        let kept = all.contains(line.text) || (!bare.is_empty() && all.contains(bare));
        let ok = match &line.kind {
            LineKind::Section(_) | LineKind::Column(_) | LineKind::Jump(_) => true,
            LineKind::Byline(b) => kept || has_names(b),
            LineKind::Credit { caption, byline } => {
                kept || (caption.as_ref().is_none_or(|c| all.contains(c.as_str())) && has_names(byline))
            }
            LineKind::Lead { byline, rest, .. } => kept || (all.contains(rest.as_str()) && has_names(byline)),
            LineKind::Short { .. } | LineKind::Body { .. } => kept,
        };
        prop_assert!(
            ok,
            "line {:?} ({:?}) is lost; output: {:?}",
            line.text,
            line.kind,
            articles
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn split_page_never_panics_and_keeps_every_line(text in text()) {
        let articles = layout::split_page(rules(), &text, Some("2026-01-22"));
        check_nothing_lost(&text, &articles)?;
    }

    #[test]
    fn single_article_never_panics_and_keeps_every_line(text in text()) {
        let article = layout::single_article(rules(), &text, None);
        check_nothing_lost(&text, std::slice::from_ref(&article))?;
    }

    #[test]
    fn arbitrary_unicode_is_safe(text in "\\PC{0,200}", published in "\\PC{0,12}") {
        let _ = layout::split_page(rules(), &text, Some(&published));
        let _ = layout::single_article(rules(), &text, Some(&published));
    }
}
