//! Grouping classified lines into items, in page order.
//!
//! A run of short lines is read by what follows it: a byline, a dateline lead or a
//! photo (caption + credit) makes it the headlines of a new item; inside an article a
//! single short line is a subhead and several are a list (or a new headline group
//! when they carry no list cue). A caption with its credit that sits inside an
//! article goes to that article's captions; one that stands alone is a photo item.

use super::Article;
use super::blocks::{Line, LineKind, is_kicker, is_subtitle, leads_list};
use super::repair::Item;
use crate::record::Byline;
use crate::rules::layout::LayoutRules;

/// A caption group: caption paragraphs and the credit after them.
struct CaptionGroup {
    captions: Vec<String>,
    byline: Byline,
    /// Index of the first line after the group.
    end: usize,
}

/// Caption paragraphs (finished, short, at most `max`) followed by a credit, starting
/// at `i`. A credit that carries its own caption takes no paragraph before it.
fn caption_group(rules: &LayoutRules, lines: &[Line<'_>], i: usize, max: usize) -> Option<CaptionGroup> {
    let mut k = i;
    let mut captions = Vec::new();
    while let Some(l) = lines.get(k) {
        match &l.kind {
            LineKind::Body {
                finished: true,
                jump: None,
            } if captions.len() < max && l.text.chars().count() <= rules.max_caption_chars => {
                captions.push(l.text.to_owned());
                k += 1;
            }
            LineKind::Credit { caption, byline } => {
                if caption.is_some() && !captions.is_empty() {
                    return None;
                }
                captions.extend(caption.iter().cloned());
                return Some(CaptionGroup {
                    captions,
                    byline: byline.clone(),
                    end: k + 1,
                });
            }
            _ => return None,
        }
    }
    None
}

fn jump_warning(ends: bool) -> String {
    if ends {
        "layout: continued on another page".to_owned()
    } else {
        "layout: continued from another page".to_owned()
    }
}

fn is_body(line: Option<&Line<'_>>) -> bool {
    matches!(line.map(|l| &l.kind), Some(LineKind::Body { .. }))
}

/// The page state: items done, the item being built, the current section.
struct Page<'r> {
    rules: &'r LayoutRules,
    done: Vec<Article>,
    cur: Option<Item>,
    section: Option<String>,
    column: Option<String>,
}

impl<'r> Page<'r> {
    fn close(&mut self) {
        if let Some(item) = self.cur.take()
            && !item.is_empty()
        {
            self.done.push(item.finish(self.rules));
        }
    }

    /// Starts a new item, closing the current one.
    fn open(&mut self) -> &mut Item {
        self.close();
        let item = Item::new(self.section.clone(), self.column.take());
        self.cur.insert(item)
    }

    fn current(&mut self) -> &mut Item {
        let (section, column) = (&self.section, &mut self.column);
        self.cur
            .get_or_insert_with(|| Item::new(section.clone(), column.take()))
    }

    fn photo(&mut self, headlines: Vec<String>, g: &CaptionGroup) {
        let item = self.open();
        item.photo = true;
        item.headlines = headlines;
        for c in &g.captions {
            item.push_body(c, true);
        }
        item.add_byline(&g.byline);
        self.close();
    }
}

/// Turns long unfinished lines right above a byline or dateline (over at most three
/// short lines) into headline lines: `习近平在…时强调 …` runs past the short-line limit.
pub(crate) fn long_headlines(rules: &LayoutRules, lines: &mut [Line<'_>]) {
    for b in 0..lines.len() {
        if !matches!(lines[b].kind, LineKind::Byline(_) | LineKind::Lead { .. }) {
            continue;
        }
        let mut k = b;
        let mut seen = 0;
        while k > 0 && seen < 4 {
            k -= 1;
            let line = &mut lines[k];
            match line.kind {
                LineKind::Short { .. } => {}
                LineKind::Body {
                    finished: false,
                    jump: None,
                } if line.text.chars().count() <= rules.max_long_headline_chars
                    && !rules
                        .not_in_headline
                        .iter()
                        .any(|w| line.text.contains(w.as_str()))
                    && !rules
                        .not_headline_final
                        .iter()
                        .any(|w| line.text.ends_with(w.as_str())) =>
                {
                    line.kind = LineKind::Short { weak: false };
                }
                _ => break,
            }
            seen += 1;
        }
    }
}

/// Splits the lines of a page into items.
pub(crate) fn split_page_lines(rules: &LayoutRules, lines: &[Line<'_>]) -> Vec<Article> {
    let mut page = Page {
        rules,
        done: Vec::new(),
        cur: None,
        section: None,
        column: None,
    };
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        match &line.kind {
            LineKind::Section(s) => {
                page.close();
                page.section = Some(s.clone());
                i += 1;
            }
            LineKind::Column(c) => {
                page.close();
                page.column = Some(c.clone());
                i += 1;
            }
            LineKind::Jump(ends) => {
                if let Some(item) = &mut page.cur {
                    item.warnings.push(format!("layout: jump line {}", line.text));
                    item.continued = true;
                }
                if *ends {
                    page.close();
                }
                i += 1;
            }
            LineKind::Byline(b) => {
                let item = match &mut page.cur {
                    Some(item) if !item.photo => item,
                    _ => page.open(),
                };
                item.add_byline(b);
                i += 1;
            }
            LineKind::Lead {
                dateline,
                byline,
                rest,
            } => {
                let fresh = page
                    .cur
                    .as_ref()
                    .is_some_and(|c| !c.photo && !c.has_body() && c.dateline.is_none());
                let item = if fresh { page.current() } else { page.open() };
                item.dateline = Some(dateline.clone());
                item.add_byline(byline);
                let finished = super::blocks::is_finished(rules, rest);
                item.push_body(rest, finished);
                i += 1;
            }
            LineKind::Short { .. } => {
                i = short_run(&mut page, lines, i);
            }
            LineKind::Body { .. } | LineKind::Credit { .. } => {
                i = body_or_caption(&mut page, lines, i);
            }
        }
    }
    page.close();
    page.done
}

/// Handles a body line or a caption group at `i`; returns the next index.
fn body_or_caption(page: &mut Page<'_>, lines: &[Line<'_>], i: usize) -> usize {
    let line = &lines[i];
    // Without a headline above it, a photo has one caption paragraph.
    if let Some(g) = caption_group(page.rules, lines, i, 1) {
        let after = lines.get(g.end);
        let inside = page.cur.as_ref().filter(|c| !c.photo).is_some_and(|c| {
            c.open_sentence() || (c.has_body() && is_body(after)) || c.shares_names(&g.byline)
        });
        if g.captions.is_empty() {
            // A credit without a caption: the photo of the current item.
            page.current().add_byline(&g.byline);
        } else if inside {
            let item = page.current();
            for c in &g.captions {
                item.push_caption(c);
            }
            item.add_byline(&g.byline);
        } else {
            page.photo(Vec::new(), &g);
        }
        return g.end;
    }
    match &line.kind {
        LineKind::Body { finished, jump } => {
            let item = match &mut page.cur {
                Some(item) if !item.photo => item,
                _ => page.open(),
            };
            item.push_body(line.text, *finished);
            if let Some(ends) = jump {
                item.warnings.push(jump_warning(*ends));
                item.continued = true;
                if *ends {
                    page.close();
                }
            }
        }
        // A credit that did not form a group cannot happen; keep its text anyway.
        _ => page.current().push_line(line.text),
    }
    i + 1
}

/// Opens an item under a headline group. An unlisted column label is the first of
/// three or more lines when the second is a kicker (`短新闻竞赛 / …—— / title`).
fn open_headlines(page: &mut Page<'_>, run: &[&Line<'_>]) {
    let rules = page.rules;
    let label = run.len() >= 3
        && page.column.is_none()
        && is_kicker(rules, run[1].text)
        && !is_kicker(rules, run[0].text)
        && !is_subtitle(rules, run[0].text)
        && run[0].text.chars().count() <= rules.max_column_chars
        && !run[0].text.contains(',');
    let (column, heads) = if label {
        (Some(run[0].text.to_owned()), &run[1..])
    } else {
        (None, run)
    };
    let item = page.open();
    if column.is_some() {
        item.column = column;
    }
    item.headlines = heads.iter().map(|l| l.text.to_owned()).collect();
}

/// Handles a run of short lines starting at `i`; returns the next index.
fn short_run(page: &mut Page<'_>, lines: &[Line<'_>], i: usize) -> usize {
    let rules = page.rules;
    let mut j = i;
    while matches!(lines.get(j).map(|l| &l.kind), Some(LineKind::Short { .. })) {
        j += 1;
    }
    let run: Vec<&Line<'_>> = lines[i..j].iter().collect();
    let texts = || run.iter().map(|l| l.text.to_owned()).collect::<Vec<_>>();
    let next = lines.get(j);
    let in_article = page.cur.as_ref().is_some_and(|c| !c.photo && c.has_body());
    if let Some(g) = caption_group(rules, lines, j, rules.max_caption_paragraphs)
        && !g.captions.is_empty()
    {
        let after = lines.get(g.end).map(|l| &l.kind);
        let opens = matches!(after, Some(LineKind::Byline(_) | LineKind::Lead { .. }));
        if !opens && !is_body(lines.get(g.end)) {
            // A photo: headline, caption, credit, and nothing continues after it.
            page.photo(texts(), &g);
            return g.end;
        }
        if opens || !in_article {
            // The article's own photo, set between its headline and its text.
            open_headlines(page, &run);
            let item = page.current();
            for c in &g.captions {
                item.push_caption(c);
            }
            item.add_byline(&g.byline);
            return g.end;
        }
    }
    // A byline, a dateline or `(上接第1版)` opens an item under these headlines.
    let strong = matches!(
        next.map(|l| &l.kind),
        Some(
            LineKind::Byline(_)
                | LineKind::Lead { .. }
                | LineKind::Jump(false)
                | LineKind::Body {
                    jump: Some(false),
                    ..
                }
        )
    );
    if strong || !in_article {
        open_headlines(page, &run);
        return j;
    }
    // Inside an article.
    let item = page.current();
    let weak = |l: &Line<'_>| matches!(l.kind, LineKind::Short { weak: true });
    let next_is_body = is_body(next);
    if run.len() == 1 {
        let l = run[0];
        let long = l.text.chars().count() > rules.max_subhead_chars;
        // `钱从哪里来?` is a subhead; `记者:为什么?` is dialogue.
        let question = weak(l) && (l.text.contains(':') || l.text.contains('“'));
        if next_is_body && long && !weak(l) && !is_kicker(rules, l.text) {
            // The first half of a paragraph cut by a column break.
            item.push_body(l.text, false);
        } else if next_is_body && !long && !question && !is_kicker(rules, l.text) {
            item.push_subhead(l.text, &rules.bullets);
        } else {
            item.push_line(l.text);
        }
        return j;
    }

    let digits = |l: &&Line<'_>| l.text.chars().any(|c| c.is_ascii_digit());
    // `…这样一份清单——` then figure lines: the first line leads the list.
    let own_lead = leads_list(rules, run[0].text) && run[1..].iter().all(digits);
    let list_cue =
        own_lead || item.last_para().is_some_and(|p| leads_list(rules, p)) || run.iter().all(digits);
    let headline_cue = run
        .iter()
        .any(|l| is_kicker(rules, l.text) || is_subtitle(rules, l.text));
    if next_is_body && !own_lead && (headline_cue || !list_cue) {
        open_headlines(page, &run);
        return j;
    }
    for l in run {
        item.push_line(l.text);
    }
    j
}

/// Feeds lines into one item with no page splitting (JSONL articles, corpus blocks).
pub(crate) fn fill_single(rules: &LayoutRules, item: &mut Item, lines: &[Line<'_>]) {
    for (i, line) in lines.iter().enumerate() {
        match &line.kind {
            LineKind::Lead {
                dateline,
                byline,
                rest,
            } if !item.has_body() && item.dateline.is_none() => {
                item.dateline = Some(dateline.clone());
                item.add_byline(byline);
                item.push_body(rest, super::blocks::is_finished(rules, rest));
            }
            LineKind::Byline(b) => item.add_byline(b),
            LineKind::Credit { caption, byline } => {
                if let Some(c) = caption {
                    item.push_caption(c);
                }
                item.add_byline(byline);
            }
            LineKind::Jump(_) => {
                item.warnings.push(format!("layout: jump line {}", line.text));
                item.continued = true;
            }
            LineKind::Body { finished, jump } => {
                item.push_body(line.text, *finished);
                if let Some(ends) = jump {
                    item.warnings.push(jump_warning(*ends));
                    item.continued = true;
                }
            }
            LineKind::Short { weak: false }
                if is_body(lines.get(i + 1))
                    && !is_kicker(rules, line.text)
                    && !matches!(
                        lines.get(i.wrapping_sub(1)).map(|l| &l.kind),
                        Some(LineKind::Short { .. })
                    ) =>
            {
                // Before any body the line opens the text: a headline (`乌称下周交换被俘人员`
                // then the report), not the first half of a paragraph a column cut.
                if !item.has_body() {
                    item.push_line(line.text);
                } else if line.text.chars().count() > rules.max_subhead_chars {
                    item.push_body(line.text, false);
                } else {
                    item.push_subhead(line.text, &rules.bullets);
                }
            }
            _ => item.push_line(line.text),
        }
    }
}

/// Splits a corpus file (one article per blank-line-separated block, headline first).
pub(crate) fn split_corpus(rules: &LayoutRules, lines: &[Line<'_>]) -> Vec<Article> {
    let mut out = Vec::new();
    let mut section = None;
    let mut column = None;
    let mut start = 0;
    while start < lines.len() {
        let block = lines[start].block;
        let end = lines[start..]
            .iter()
            .position(|l| l.block != block)
            .map_or(lines.len(), |p| start + p);
        let block_lines = &lines[start..end];
        start = end;
        // A block that is only a section header or column label sets it for the next.
        if let [only] = block_lines {
            match &only.kind {
                LineKind::Section(s) => {
                    section = Some(s.clone());
                    continue;
                }
                LineKind::Column(c) => {
                    column = Some(c.clone());
                    continue;
                }
                _ => {}
            }
        }
        let mut item = Item::new(section.clone(), column.take());
        let first = block_lines[0].text;
        let mut body_from = 0;
        if block_lines.len() >= 2
            && first.chars().count() <= rules.corpus_max_title_chars
            && !rules
                .corpus_title_not_final
                .iter()
                .any(|f| first.ends_with(f.as_str()))
        {
            item.headlines.push(first.to_owned());
            item.title = Some(first.to_owned());
            body_from = 1;
            // More headline lines when a byline or dateline proves them.
            let more = block_lines[1..]
                .iter()
                .take_while(|l| matches!(l.kind, LineKind::Short { .. }))
                .count();
            let proved = matches!(
                block_lines.get(1 + more).map(|l| &l.kind),
                Some(LineKind::Byline(_) | LineKind::Lead { .. })
            );
            if more > 0 && more <= 3 && proved {
                item.headlines
                    .extend(block_lines[1..=more].iter().map(|l| l.text.to_owned()));
                body_from += more;
            }
        }
        fill_single(rules, &mut item, &block_lines[body_from..]);
        if !item.is_empty() {
            out.push(item.finish(rules));
        }
    }
    out
}

/// Whether the lines look like a corpus file rather than a page.
pub(crate) fn is_corpus(rules: &LayoutRules, lines: &[Line<'_>]) -> bool {
    let Some(last) = lines.last() else {
        return false;
    };
    let blocks = last.block + 1;
    let mut multi = 0;
    let mut prev: Option<usize> = None;
    let mut counted: Option<usize> = None;
    for l in lines {
        if prev == Some(l.block) && counted != Some(l.block) {
            multi += 1;
            counted = Some(l.block);
        }
        prev = Some(l.block);
    }
    multi > 0 && multi * 100 >= rules.corpus_multiline_percent * blocks
}
