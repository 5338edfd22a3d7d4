//! Paragraph repair: an item under construction that joins a paragraph cut by a column
//! break (`高端产业加` + `速成势`) with the paragraph that continues it, keeps subheads
//! and captions out of the prose, and finally decides the item's kind and title.

use super::Article;
use super::blocks::{is_kicker, is_subtitle};
use super::byline;
use crate::record::{ArticleKind, Byline, Dateline};
use crate::rules::layout::LayoutRules;

/// A body paragraph and whether it ends a sentence.
#[derive(Debug, Clone)]
struct Para {
    text: String,
    finished: bool,
}

/// Whether a line opens a numbered item (`2.纪念大会…`, `3、…`, `(4)…`, `五、…`): a
/// list under a line that stops mid-sentence (`…包括:` without its colon, a headline
/// run on), which no column break cuts into. A decimal cut at the break (`2.5%`) has
/// a digit after its point.
fn starts_numbered_item(line: &str) -> bool {
    let rest = line.strip_prefix('(').unwrap_or(line);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let numerals = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    let count = if digits > 0 { digits } else { numerals };
    if count == 0 || count > 2 {
        return false;
    }
    let mut after = rest.chars().skip(count);
    let mark = after.next();
    let next = after.next();
    let bracketed = rest.len() < line.len();
    let marks = match (bracketed, digits > 0) {
        (true, _) => mark == Some(')'),
        (false, true) => matches!(mark, Some('.' | '、')),
        (false, false) => mark == Some('、'),
    };
    marks && next.is_some_and(|c| !c.is_ascii_digit())
}

/// An item being assembled from lines.
#[derive(Debug, Clone, Default)]
pub(crate) struct Item {
    pub section: Option<String>,
    pub column: Option<String>,
    pub headlines: Vec<String>,
    pub byline: Byline,
    pub dateline: Option<Dateline>,
    pub subheads: Vec<String>,
    pub captions: Vec<String>,
    pub warnings: Vec<String>,
    /// A photo: headline, caption, credit.
    pub photo: bool,
    /// Part of the item is on another page (a jump line): never a brief.
    pub continued: bool,
    /// The title when the input says which line it is (a corpus block's first line).
    pub title: Option<String>,
    paras: Vec<Para>,
    /// The last thing added was a body paragraph (a cut one may be continued).
    joinable: bool,
}

impl Item {
    /// An empty item in a section and column.
    pub fn new(section: Option<String>, column: Option<String>) -> Item {
        Item {
            section,
            column,
            ..Item::default()
        }
    }

    /// Whether the item has body text yet.
    pub fn has_body(&self) -> bool {
        !self.paras.is_empty()
    }

    /// Whether the last paragraph stops mid-sentence and may still be continued.
    pub fn open_sentence(&self) -> bool {
        self.joinable && self.paras.last().is_some_and(|p| !p.finished)
    }

    /// The last body paragraph.
    pub fn last_para(&self) -> Option<&str> {
        self.paras.last().map(|p| p.text.as_str())
    }

    /// Adds a body paragraph, joining it to a paragraph that stopped mid-sentence.
    pub fn push_body(&mut self, text: &str, finished: bool) {
        if text.is_empty() {
            return;
        }
        match self.paras.last_mut() {
            Some(last) if self.joinable && !last.finished && !starts_numbered_item(text) => {
                last.text.push_str(text);
                last.finished = finished;
            }
            _ => self.paras.push(Para {
                text: text.to_owned(),
                finished,
            }),
        }
        self.joinable = true;
    }

    /// Adds a line that is its own paragraph and is never joined (list lines).
    pub fn push_line(&mut self, text: &str) {
        self.paras.push(Para {
            text: text.to_owned(),
            finished: true,
        });
        self.joinable = true;
    }

    /// Adds a subhead (without a leading bullet such as `■`); it separates paragraphs.
    pub fn push_subhead(&mut self, text: &str, bullets: &[char]) {
        let bare = text.trim_start_matches(|c: char| bullets.contains(&c) || c == ' ');
        self.subheads
            .push(if bare.is_empty() { text } else { bare }.to_owned());
        self.joinable = false;
    }

    /// Adds a caption; a sentence cut around it still continues after it.
    pub fn push_caption(&mut self, text: &str) {
        self.captions.push(text.to_owned());
    }

    /// Adds credited names.
    pub fn add_byline(&mut self, b: &Byline) {
        byline::merge(&mut self.byline, b);
    }

    /// Whether any credited name is also in `b`.
    pub fn shares_names(&self, b: &Byline) -> bool {
        byline::names(b).any(|n| byline::names(&self.byline).any(|m| m == n))
    }

    /// Whether the item holds anything.
    pub fn is_empty(&self) -> bool {
        self.headlines.is_empty()
            && self.paras.is_empty()
            && self.captions.is_empty()
            && self.subheads.is_empty()
            && self.dateline.is_none()
            && byline::names(&self.byline).next().is_none()
    }

    /// Turns the item into an article.
    pub fn finish(self, rules: &LayoutRules) -> Article {
        let warnings = self.warnings;
        let mut paras = self.paras;
        if paras.is_empty() && self.captions.is_empty() && !self.photo {
            // A lone short line (a one-line file, a headline whose story is elsewhere):
            // its text is the body too, so nothing downstream loses it.
            paras = self
                .headlines
                .iter()
                .chain(&self.subheads)
                .map(|h| Para {
                    text: h.clone(),
                    finished: true,
                })
                .collect();
        }
        let body_chars: usize = paras.iter().map(|p| p.text.chars().count()).sum();
        let kind = if self.photo {
            ArticleKind::Photo
        } else if !self.continued
            && body_chars <= rules.brief_max_chars
            && (paras.len() == 1 || (self.headlines.is_empty() && paras.len() <= 2))
        {
            ArticleKind::Brief
        } else {
            ArticleKind::Article
        };
        let title = self.title.or_else(|| {
            self.headlines
                .iter()
                .rev()
                .find(|h| !is_kicker(rules, h) && !is_subtitle(rules, h))
                .or(self.headlines.last())
                .cloned()
        });
        let body = paras.into_iter().map(|p| p.text).collect::<Vec<_>>().join("\n");
        Article {
            section: self.section,
            column: self.column,
            kind,
            headlines: self.headlines,
            title,
            byline: self.byline,
            dateline: self.dateline,
            subheads: self.subheads,
            captions: self.captions,
            body,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleDir;

    fn rules() -> LayoutRules {
        let mut e = Vec::new();
        LayoutRules::load(&RuleDir::Bundled, &mut e).unwrap()
    }

    #[test]
    fn joins_cut_paragraphs_only() {
        let mut item = Item::default();
        item.push_body("高端产业加", false);
        item.push_body("速成势,以电子信息为代表。", true);
        item.push_body("第二段。", true);
        let a = item.finish(&rules());
        assert_eq!(a.body, "高端产业加速成势,以电子信息为代表。\n第二段。");
    }

    #[test]
    fn numbered_items_are_not_joined() {
        let mut item = Item::default();
        item.push_body("2025国内十大新闻包括:", true);
        item.push_body("1.全会审议通过建议 擘画未来五年发展宏伟蓝图", false);
        item.push_body("2.纪念大会隆重举行", false);
        item.push_body("(3)全年目标完成 十四五圆满收官", false);
        item.push_body("四、海南自贸港封关运作", false);
        item.push_body("同比增长", false);
        item.push_body("2.5%,高于全国。", true);
        let a = item.finish(&rules());
        assert_eq!(
            a.body,
            "2025国内十大新闻包括:\n1.全会审议通过建议 擘画未来五年发展宏伟蓝图\n2.纪念大会隆重举行\n\
             (3)全年目标完成 十四五圆满收官\n四、海南自贸港封关运作同比增长2.5%,高于全国。"
        );
    }

    #[test]
    fn caption_between_halves_keeps_the_join() {
        let mut item = Item::default();
        item.push_body("患者却微", false);
        item.push_caption("常栋利用机器人手术。");
        item.push_body("乎其微,原因很多。", true);
        let a = item.finish(&rules());
        assert_eq!(a.body, "患者却微乎其微,原因很多。");
        assert_eq!(a.captions, vec!["常栋利用机器人手术。".to_string()]);
    }

    #[test]
    fn subhead_is_not_glued() {
        let mut item = Item::default();
        item.push_body("第一段。", true);
        item.push_subhead("■ 是谁在领跑", &['■']);
        item.push_body("第二段。", true);
        let a = item.finish(&rules());
        assert_eq!(a.body, "第一段。\n第二段。");
        assert_eq!(a.subheads, vec!["是谁在领跑".to_string()]);
    }

    #[test]
    fn title_skips_kicker_and_subtitle() {
        let r = rules();
        let item = Item {
            headlines: vec!["引题——".into(), "主标题".into(), "——副标题".into()],
            ..Item::default()
        };
        assert_eq!(item.finish(&r).title.as_deref(), Some("主标题"));
    }
}
