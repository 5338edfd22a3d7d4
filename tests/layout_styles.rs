//! Input styles other than a newspaper page: a corpus file with one article per
//! blank-line-separated block (headline first), a plain single article, and JSONL
//! article text (no splitting, only repair).

use baokan::layout::{self, Article};
use baokan::normalize::normalize;
use baokan::record::ArticleKind;
use baokan::rules::RuleDir;
use baokan::rules::layout::LayoutRules;
use std::path::Path;

fn rules() -> LayoutRules {
    let dir = RuleDir::Disk(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"));
    let mut errors = Vec::new();
    LayoutRules::load(&dir, &mut errors).unwrap()
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pages")
        .join(name);
    normalize(&std::fs::read_to_string(path).unwrap())
}

#[test]
fn corpus_file_gives_one_article_per_block() {
    let r = rules();
    let a = layout::split_page(&r, &fixture("corpus_three.txt"), None);
    let titles: Vec<_> = a.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("喜庆欢乐新年 共享开心生活"),
            Some("深圳地铁将设立VIP头等车厢 买双倍票可享坐票"),
            Some("活动时间:"),
        ],
        "help: a corpus block's first line is its headline"
    );
    assert_eq!(
        a[0].body,
        "南方舞狮斗牛,北方滑雪冬泳。新年伊始,各地群众以各具特色的活动庆祝节日。\n\
         在湖南省常德市,多家民间剧团齐聚一起,为当地群众奉上精彩的文艺演出。\n\
         过节最高兴就是孩子们了。"
    );
    // The lead `南都讯 记者…` is read as a dateline and byline, not body.
    assert_eq!(a[1].byline.reporters, ["刘凡", "周昌和"]);
    assert!(a[1].body.starts_with("继推出日票后,深圳今后"), "{}", a[1].body);
    assert!(a[2].body.starts_with("2012年5月1日至5月31日"));
}

#[test]
fn corpus_blocks_with_page_cues() {
    let text = "要 闻\n\n出口产品向绿向新,外贸成绩稳居全国第三\n从规模到价值,看浙江外贸的新逻辑\n\
                ■ 本报记者 胡静漪\n近期,2025年中国外贸“年报”揭晓。\n与此同时,各省也陆续公布外贸数据。\n\n\
                短新闻竞赛\n\n医生隔空动动手,机器人送上神助攻\n本报绍兴1月21日电(记者周楷华)21日上午,手术完成。\n第二段。";
    let a = layout::split_page(&rules(), text, Some("2026-01-22"));
    assert_eq!(a.len(), 2, "{a:#?}");
    assert_eq!(a[0].section.as_deref(), Some("要闻"));
    assert_eq!(a[0].headlines.len(), 2);
    assert_eq!(a[0].byline.reporters, ["胡静漪"]);
    assert_eq!(
        a[0].body,
        "近期,2025年中国外贸“年报”揭晓。\n与此同时,各省也陆续公布外贸数据。"
    );
    assert_eq!(a[1].column.as_deref(), Some("短新闻竞赛"));
    assert_eq!(
        a[1].dateline.as_ref().and_then(|d| d.date.as_deref()),
        Some("2026-01-21")
    );
    assert_eq!(a[1].body, "21日上午,手术完成。\n第二段。");
}

#[test]
fn plain_article_stays_one_article() {
    let r = rules();
    let text = fixture("plain_article.txt");
    let a = layout::split_page(&r, &text, None);
    assert_eq!(a.len(), 1);
    assert_eq!(
        a[0].title, None,
        "help: a first line ending with 。 is not a headline"
    );
    assert_eq!(a[0].body, text.trim());
    // The same text with blank lines between paragraphs reads as a page: still one.
    let spaced = text.trim().replace('\n', "\n\n");
    let a = layout::split_page(&r, &spaced, None);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].body, text.trim());
}

#[test]
fn single_article_repairs_without_splitting() {
    let r = rules();
    let text = "本报讯(记者 沈晔 通讯员 余静婷)近日,舟山的实验室入选名单,旨在破解我国海洋食品加工\n\n\
                行业长期存在的附加值低等瓶颈。\n\n是谁在领跑\n\n第二段正文在这里,说明情况。\n\n\
                另一个标题\n\n第三段。\n\n新华社北京1月21日电 第四段。";
    let a: Article = layout::single_article(&r, text, Some("2026-01-22"));
    assert_eq!(a.byline.reporters, ["沈晔"]);
    assert_eq!(a.byline.correspondents, ["余静婷"]);
    assert_eq!(a.dateline.as_ref().map(|d| d.place.clone()), Some(None));
    assert!(
        a.body
            .starts_with("近日,舟山的实验室入选名单,旨在破解我国海洋食品加工行业长期存在"),
        "{}",
        a.body
    );
    assert_eq!(a.subheads, ["是谁在领跑", "另一个标题"]);
    // A second dateline is text, not a new article.
    assert!(
        a.body.ends_with("第三段。\n新华社北京1月21日电 第四段。"),
        "{}",
        a.body
    );
    assert_eq!(a.kind, ArticleKind::Article);
}

#[test]
fn a_first_line_that_opens_the_text_is_not_joined_to_the_report() {
    // Regression: a headline of 17 to 40 chars ran into the report's first sentence,
    // so `下周` in it put the report's `16日` ahead, and `56亿` ran into `2012`.
    let r = rules();
    let text = "俄称首要任务是与乌交换停火条件清单 乌称下周交换被俘人员\n\
                针对俄乌代表团16日在土耳其举行的谈判,俄罗斯总统新闻秘书佩斯科夫17日表示。";
    let a = layout::single_article(&r, text, Some("2015-06-15"));
    assert_eq!(
        a.body,
        "俄称首要任务是与乌交换停火条件清单 乌称下周交换被俘人员\n\
         针对俄乌代表团16日在土耳其举行的谈判,俄罗斯总统新闻秘书佩斯科夫17日表示。"
    );
    // Later in the text such a line is still the first half of a cut paragraph.
    let cut = "第一段说完了。\n这是被分栏截断的一段很长的正文的前一半内容\n后一半在这里。";
    let a = layout::single_article(&r, cut, None);
    assert_eq!(
        a.body,
        "第一段说完了。\n这是被分栏截断的一段很长的正文的前一半内容后一半在这里。"
    );
}

#[test]
fn one_short_line_keeps_its_text_in_the_body() {
    // Regression: a one-line file read as a lone headline had an empty body, so its
    // figures were never extracted.
    let a = layout::split_page(&rules(), "浙江省进出口总额5.55万亿元", None);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].body, "浙江省进出口总额5.55万亿元");
    assert!(a[0].warnings.is_empty(), "{:?}", a[0].warnings);
}

#[test]
fn empty_and_blank_input() {
    let r = rules();
    assert!(layout::split_page(&r, "", None).is_empty());
    assert!(layout::split_page(&r, "\n\n \n", None).is_empty());
    assert_eq!(layout::single_article(&r, "", None).body, "");
}

#[test]
fn shared_corpus_files_split_by_block_when_present() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/news");
    if !dir.is_dir() {
        eprintln!("skipped: ../shared/corpus/news is absent");
        return;
    }
    let r = rules();
    for name in ["xwlb_2013.txt", "sogoucs_sample.txt"] {
        let text = normalize(&std::fs::read_to_string(dir.join(name)).unwrap());
        let blocks = text.split("\n\n").filter(|b| !b.trim().is_empty()).count();
        let a = layout::split_page(&r, &text, None);
        assert_eq!(a.len(), blocks, "{name}: one article per block");
        let first_lines: Vec<&str> = text
            .split("\n\n")
            .filter(|b| !b.trim().is_empty())
            .filter_map(|b| b.trim().lines().next())
            .collect();
        let titled = a
            .iter()
            .zip(&first_lines)
            .filter(|(a, l)| a.title.as_deref() == Some(**l))
            .count();
        assert!(
            titled * 100 >= blocks * 98,
            "{name}: {titled}/{blocks} titles are the first line"
        );
    }
}
