//! Stage 6: tie figures to what they measure (subject, indicator, period, change).
//!
//! The linker reads an article clause by clause, the way a reader does: a date at the
//! head of a clause sets the period for the rest of the paragraph, a place sets the
//! subject, an indicator word (`进出口总额`) opens a fact, the money or quantity after it
//! is the value and a percent after a change verb (`同比增长5.4%`) is the change. A
//! change in a clause with no indicator of its own completes the fact of the clause
//! before it, inside one sentence. Lists (`东盟、欧盟分别…8690.7亿元和8457.4亿元`)
//! are distributed only when the counts agree.
//!
//! Precision comes before recall: a figure with no indicator word, a share of something
//! else (`占全国的12.2%`), a comparison (`比全国高`), a threshold (`首次突破4万亿元大关`)
//! or an ambiguous subject list gives no fact. Subjects are places the place stage
//! found, or anaphors resolved to them; nothing is invented.

mod doc;

use crate::extract::Context;
use crate::record::{Fact, Figure, FigureKind, FigureValue, Place, PlaceLevel};
use crate::rules::link::{IndicatorKind, LinkRules, Refers, Sign, Word, WordList};
use crate::segment::WordSpan;
use doc::{Clause, Doc, Hit};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// Builds the facts of one article from its figures and places.
pub fn link(rules: &LinkRules, ctx: &Context<'_>, figures: &[Figure], places: &[Place]) -> Vec<Fact> {
    if figures.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(rules, ctx, figures, places);
    let mut linker = Linker::new(&doc, ctx);
    linker.run();
    linker.finish()
}

/// A place a fact is about.
///
/// Borrowed from the place or the rule it comes from: subjects are copied from clause
/// to clause and fact to fact, and owned strings made that an allocation each time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Subject<'a> {
    name: &'a str,
    code: Option<Cow<'a, str>>,
    level: Option<PlaceLevel>,
    parents: &'a [String],
}

impl<'a> Subject<'a> {
    fn of(p: &'a Place) -> Subject<'a> {
        Subject {
            name: &p.name,
            code: p.code.as_deref().map(Cow::Borrowed),
            level: Some(p.level),
            parents: &p.parents,
        }
    }
}

/// What a figure does in its clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The level of the indicator.
    Value,
    /// A signed change; `marker` is where the verb or rate word starts.
    Change { sign: Sign, marker: usize },
}

/// Who and what a group of figures is about.
#[derive(Debug, Clone, Default)]
struct Frame<'a> {
    subjects: Vec<Option<Subject<'a>>>,
    counterparts: Vec<String>,
    indicators: Vec<String>,
    /// Start of the indicator hit, to tell a new indicator from the one already used.
    anchor: usize,
    /// A change verb seen after the indicator with no figure of its own (`增长较快，达20.4%`).
    verb: Option<Sign>,
    /// Whether the indicator takes a trade partner.
    trade: bool,
}

/// A fact being assembled.
#[derive(Debug, Clone)]
struct Draft<'a> {
    subject: Option<Subject<'a>>,
    indicator: String,
    anchor: usize,
    period: Option<String>,
    value: Option<usize>,
    change: Option<(usize, Sign)>,
    basis: Option<String>,
    counterpart: Option<String>,
}

struct Linker<'d, 'a, 't> {
    doc: &'d Doc<'a, 't>,
    ctx: &'d Context<'t>,
    facts: Vec<Draft<'a>>,
    /// Drafts of the last figure group in the current sentence.
    open: Vec<Draft<'a>>,
    /// An indicator of an earlier clause of this sentence that produced no fact yet.
    unused: Option<Frame<'a>>,
    /// A basis word seen in an earlier clause of this sentence (`与上年相比，增长5%`).
    pending_basis: Option<String>,
    sentence: usize,
    /// Where the current sentence starts.
    sentence_start: usize,
    paragraph: usize,
    para_subject: Option<Subject<'a>>,
    para_period: Option<String>,
    /// Period-giving dates of the current clause, with their starts.
    clause_dates: Vec<(usize, String)>,
    /// Partner of the last trade fact of the paragraph, for `其中` breakdowns.
    last_partner: Option<String>,
    /// Partner inherited by the trade facts of a `其中` breakdown, until `breakdown_end`.
    breakdown: Option<String>,
    breakdown_end: usize,
    /// Where the current sentence ends.
    sentence_end: usize,
    /// Names that were counterparts in this paragraph.
    para_counterparts: Vec<String>,
    /// Subjects named so far, in order, for anaphors.
    history: Vec<Subject<'a>>,
    /// Figures consumed by `湖北(18.2%)` lists.
    paren_used: Vec<bool>,
    /// Places that are list items of `湖北(18.2%)` lists.
    paren_place: Vec<bool>,
    /// Indicator and sign of the last `湖北(18.2%)` list, with its paragraph.
    last_paren: Option<(String, Sign, usize)>,
}

impl<'d, 'a, 't> Linker<'d, 'a, 't> {
    fn new(doc: &'d Doc<'a, 't>, ctx: &'d Context<'t>) -> Self {
        Linker {
            doc,
            ctx,
            facts: Vec::new(),
            open: Vec::new(),
            unused: None,
            pending_basis: None,
            sentence: usize::MAX,
            sentence_start: 0,
            paragraph: usize::MAX,
            para_subject: None,
            para_period: None,
            clause_dates: Vec::new(),
            last_partner: None,
            breakdown: None,
            breakdown_end: 0,
            sentence_end: 0,
            para_counterparts: Vec::new(),
            history: Vec::new(),
            paren_used: vec![false; doc.figures.len()],
            paren_place: vec![false; doc.places.len()],
            last_paren: None,
        }
    }

    fn run(&mut self) {
        let clauses = self.doc.clauses.clone();
        let mut i = 0;
        while i < clauses.len() {
            let c = clauses[i];
            if c.paragraph != self.paragraph {
                self.paragraph = c.paragraph;
                self.para_subject = None;
                self.para_period = None;
                self.para_counterparts.clear();
                self.last_partner = None;
            }
            if c.sentence != self.sentence {
                self.end_sentence();
                self.sentence = c.sentence;
                self.sentence_start = c.start;
                let end = clauses[i..]
                    .iter()
                    .take_while(|x| x.sentence == c.sentence)
                    .last()
                    .map_or(c.end, |x| x.end);
                self.sentence_end = end;
                self.paren_lists(c.start, end);
            }
            self.clause(c);
            i += 1;
        }
        self.end_sentence();
    }

    fn end_sentence(&mut self) {
        self.facts.append(&mut self.open);
        self.unused = None;
        self.pending_basis = None;
    }

    fn finish(self) -> Vec<Fact> {
        let figures = self.doc.figures;
        let mut out: Vec<(usize, Fact)> = self
            .facts
            .into_iter()
            .filter_map(|d| {
                let first = d.value.or(d.change.map(|c| c.0))?;
                Some((figures[first].span[0], to_fact(d, figures)?))
            })
            .collect();
        out.sort_by_key(|(start, _)| *start);
        out.into_iter().map(|(_, f)| f).collect()
    }

    // ---------------------------------------------------------------- helpers

    fn cues(&self) -> &'d crate::rules::link::Cues {
        &self.doc.rules.cues
    }

    fn is_joiner(&self, s: &str) -> bool {
        s.is_empty() || self.cues().list.iter().any(|j| j == s)
    }

    /// Whether one of `words` is written in `[a, b)`. A token is a piece of the text, so
    /// without this no token there is one of the words, and the clause need not be
    /// segmented to say so.
    fn written_in(&self, a: usize, b: usize, words: &WordList) -> bool {
        words.written_in(self.doc.chars(a, b))
    }

    /// Whether a token inside `[a, b)` is one of `words`, not counting those inside a
    /// basis word. A token that is one of them starts where one is written: only the
    /// words that start there are asked for, so the blocks of the span that hold none
    /// are not segmented.
    fn has_token(&self, a: usize, b: usize, words: &WordList) -> bool {
        words.written_at(self.doc.chars(a, b)).any(|k| {
            self.doc.word_starting_at(a + k).is_some_and(|t| {
                t.end <= b
                    && words.contains(t.word)
                    && !self.doc.hits_in(a, b).iter().any(|h| {
                        matches!(self.doc.word(h), Word::Basis(_)) && t.start >= h.start && t.end <= h.end
                    })
            })
        })
    }

    /// Whether the word that ends at `pos` is one of `lists`. The text is asked first: a
    /// word that does not end there in the text ends no token there, and the clause
    /// need not be segmented to say so.
    fn word_ends_at(&self, pos: usize, lists: &[&WordList]) -> bool {
        let head = self.doc.chars(0, pos);
        lists.iter().any(|l| l.ends(head))
            && self
                .doc
                .word_ending_at(pos)
                .is_some_and(|t| lists.iter().any(|l| l.contains(t.word)))
    }

    /// Chars between `a` and `b`, not counting basis words and list cues (`分别`).
    fn gap(&self, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        let mut n = b - a;
        for h in self.doc.hits_in(a, b) {
            if matches!(self.doc.word(h), Word::Basis(_)) {
                n -= h.end - h.start;
            }
        }
        let each = &self.cues().each;
        if self.written_in(a, b, each) {
            for t in self.doc.words_in(a, b) {
                if each.contains(t.word) {
                    n = n.saturating_sub(t.end - t.start);
                }
            }
        }
        n
    }

    fn indicator_kind(&self, h: &Hit) -> Option<IndicatorKind> {
        match self.doc.word(h) {
            Word::Indicator { entry } => self.doc.rules.indicators.get(*entry).map(|e| e.kind),
            _ => None,
        }
    }

    fn is_trade(&self, h: &Hit) -> bool {
        match self.doc.word(h) {
            Word::Indicator { entry } => self.doc.rules.indicators.get(*entry).is_some_and(|e| e.trade),
            _ => false,
        }
    }

    fn is_stop(&self, w: &str) -> bool {
        self.cues().stop.iter().any(|s| s == w)
    }

    fn in_place(&self, a: usize, b: usize) -> bool {
        self.doc
            .places_in(a.saturating_sub(32), b + 32)
            .any(|i| self.doc.places[i].span[0] < b && a < self.doc.places[i].span[1])
    }

    fn in_other_hit(&self, a: usize, b: usize) -> bool {
        self.doc
            .hits_in(a.saturating_sub(8), b + 8)
            .iter()
            .any(|h| h.start < b && a < h.end && !matches!(self.doc.word(h), Word::Indicator { .. }))
    }

    /// The indicator as written: the hit grown over neighbouring nouns inside the clause.
    fn indicator_span(&self, h: &Hit, clause: &Clause, lo: usize) -> (usize, usize) {
        let cues = self.cues();
        let allowed = |tag: &str| cues.extend_tags.iter().any(|t| t == tag);
        let (mut start, mut end) = (h.start, h.end);
        if let Some(t) = self.doc.token_containing(start)
            && t.start < start
            && t.start >= lo.max(clause.start)
            && allowed(t.tag)
            && !self.is_stop(t.word)
            && !self.in_place(t.start, start)
        {
            start = t.start;
        }
        let mut floor = lo.max(clause.start);
        if self.is_trade(h) && self.partner_cue(clause.start, h.start).is_some() {
            // `对共建“一带一路”国家进出口`: the nouns before the indicator name the partner.
            floor = h.start;
            start = h.start;
        }
        while let Some(t) = self.doc.token_ending_at(start) {
            if t.start < floor
                || t.end - t.start < 2
                || !allowed(t.tag)
                || self.is_stop(t.word)
                || h.start - t.start > cues.max_extend
                || self.in_place(t.start, t.end)
                || self.in_other_hit(t.start, t.end)
                || self.has_figure_overlap(t.start, t.end) && !self.ordinal_only(t.start, t.end)
            {
                break;
            }
            start = t.start;
        }
        if let Some(t) = self.doc.token_containing(end.saturating_sub(1))
            && t.end > end
            && t.end <= clause.end
            && allowed(t.tag)
            && !self.in_other_hit(end, t.end)
        {
            end = t.end;
        }
        // `出口汽车`, `进口货值`: only listed tails grow an indicator to the right, so
        // `外贸业务员` stays outside.
        if let Some(t) = self.doc.word_starting_at(end)
            && t.end <= clause.end
            && cues.tails.iter().any(|w| w == t.word)
            && self.doc.hits_in(t.start, t.end).is_empty()
        {
            end = t.end;
        }
        (start, end)
    }

    // ---------------------------------------------------------------- subjects

    fn main_place(&self) -> Option<Subject<'a>> {
        let places = self.doc.places;
        if let Some(d) = self.ctx.dateline_place.filter(|d| !d.is_empty())
            && let Some(p) = places
                .iter()
                .find(|p| p.text == d || p.name == d || p.name.starts_with(d))
        {
            return Some(Subject::of(p));
        }
        for h in self.ctx.headlines {
            if let Some(p) = self
                .doc
                .place_order
                .iter()
                .map(|&i| &places[i])
                .find(|p| p.level != PlaceLevel::Bloc && h.contains(p.text.as_str()))
            {
                return Some(Subject::of(p));
            }
        }
        self.history.first().cloned()
    }

    fn province_of(&self, s: &Subject<'a>) -> Option<Subject<'a>> {
        if s.level == Some(PlaceLevel::Province) {
            return Some(s.clone());
        }
        let name = s.parents.first()?;
        if let Some(p) = self.doc.places.iter().find(|p| &p.name == name) {
            return Some(Subject::of(p));
        }
        let code = s
            .code
            .as_deref()
            .filter(|c| c.len() >= 6 && c.bytes().all(|b| b.is_ascii_digit()))
            .map(|c| Cow::Owned(format!("{}0000", &c[..2])));
        Some(Subject {
            name,
            code,
            level: Some(PlaceLevel::Province),
            parents: &[],
        })
    }

    fn is_city(s: &Subject<'_>) -> bool {
        matches!(s.level, Some(PlaceLevel::Prefecture | PlaceLevel::County))
    }

    fn resolve(&self, anaphor: usize) -> Option<Subject<'a>> {
        let a = self.doc.rules.anaphors.get(anaphor)?;
        match a.refers {
            Refers::Fixed => Some(Subject {
                name: a.name.as_deref()?,
                code: a.code.as_deref().map(Cow::Borrowed),
                level: Some(PlaceLevel::Country),
                parents: &[],
            }),
            Refers::RecentCity => self.history.iter().rev().find(|s| Self::is_city(s)).cloned(),
            Refers::RecentProvince => self
                .history
                .iter()
                .rev()
                .find(|s| s.level == Some(PlaceLevel::Province))
                .cloned(),
            Refers::Main => self.main_place(),
            // `而在江西，全省…`: the place being talked about comes before the article's.
            Refers::MainProvince => self
                .para_subject
                .as_ref()
                .and_then(|p| self.province_of(p))
                .or_else(|| self.main_place().and_then(|m| self.province_of(&m))),
            Refers::MainCity => self
                .para_subject
                .clone()
                .filter(Self::is_city)
                .or_else(|| self.main_place().filter(Self::is_city)),
        }
    }

    /// Places of the clause before `limit` that can be its subject: not a counterpart,
    /// not after a comparison cue, not a `湖北(18.2%)` item. Each item is a list of
    /// places joined by list words (`广东、江苏`).
    fn subject_lists(&self, clause: &Clause, limit: usize, counterparts: &[usize]) -> Vec<Vec<usize>> {
        let mut lists: Vec<Vec<usize>> = Vec::new();
        let mut prev_end: Option<usize> = None;
        for i in self.doc.places_in(clause.start, limit) {
            let p = &self.doc.places[i];
            if counterparts.contains(&i) || self.paren_place[i] {
                prev_end = None;
                continue;
            }
            // `柯城区委社会工作部`, `宁波海关`: a place inside an organisation's name.
            let rest = self.doc.chars(p.span[1], (p.span[1] + 4).min(clause.end));
            let org = self.cues().org_after.starts(rest);
            if org || self.word_ends_at(p.span[0], &[&self.cues().comparison]) {
                prev_end = None;
                continue;
            }
            match (prev_end, lists.last_mut()) {
                (Some(e), Some(last)) if self.is_joiner(self.doc.slice(e, p.span[0])) => last.push(i),
                _ => lists.push(vec![i]),
            }
            prev_end = Some(p.span[1]);
        }
        lists
    }

    /// Ends of the counterpart cues in `[a, b)`, each with the partner when the cue is
    /// fused with a short name (`对华`).
    fn partner_cues(&self, a: usize, b: usize) -> impl Iterator<Item = (usize, Option<&'d str>)> + '_ {
        let cues: &'d crate::rules::link::Cues = &self.doc.rules.cues;
        // Only a token that starts with the first char of a cue can be one, so the
        // tokens are asked for at those chars alone: the same tokens in the same order
        // as all of `[a, b)`'s, without segmenting the blocks that hold no such char.
        let from = a.min(self.doc.len());
        self.doc
            .chars(a, b)
            .iter()
            .enumerate()
            .filter(move |&(_, &c)| cues.may_start_counterpart(c))
            .filter_map(move |(k, _)| self.doc.word_starting_at(from + k))
            .filter(move |t| t.end <= b)
            .filter_map(move |t| token_cue(cues, &t))
    }

    fn partner_cue(&self, a: usize, b: usize) -> Option<(usize, Option<&'d str>)> {
        self.partner_cues(a, b).last()
    }

    /// The list of places right after a cue ending at `cue_end`, before `limit`.
    fn cue_places(&self, cue_end: usize, limit: usize) -> Vec<usize> {
        let mut idx = Vec::new();
        let mut pos = cue_end;
        for i in self.doc.places_in(cue_end, limit) {
            let p = &self.doc.places[i];
            let between = self.doc.slice(pos, p.span[0]);
            // `对前两大贸易市场——东盟、欧盟`: an apposition may announce the list.
            let apposition = idx.is_empty()
                && between.chars().count() <= 12
                && (between.ends_with("——") || between.ends_with('：') || between.ends_with(':'));
            if !self.is_joiner(between) && !apposition {
                break;
            }
            idx.push(i);
            pos = p.span[1];
        }
        idx
    }

    /// Counterpart cue before `ind_start`: the places after it, or its surface text.
    /// `Err` when a cue is there but what follows it cannot be read.
    fn counterparts(&self, clause: &Clause, ind_start: usize) -> Result<(Vec<usize>, Vec<String>), ()> {
        let Some((cue_end, short)) = self.partner_cue(clause.start, ind_start) else {
            return Ok((Vec::new(), Vec::new()));
        };
        if let Some(name) = short {
            return Ok((Vec::new(), vec![name.to_owned()]));
        }
        let idx = self.cue_places(cue_end, ind_start);
        if !idx.is_empty() {
            let names = idx.iter().map(|&i| self.doc.places[i].name.clone()).collect();
            return Ok((idx, names));
        }
        let cues = self.cues();
        let mut surface = self.doc.slice(cue_end, ind_start).trim();
        // `对“一带一路”沿线国家合计进出口`: words before the indicator that are no part of
        // the partner's name.
        while let Some(rest) = cues
            .partner_trim
            .iter()
            .find_map(|w| surface.strip_suffix(w.as_str()))
        {
            surface = rest;
        }
        let n = surface.chars().count();
        if n == 0 {
            return Ok((Vec::new(), Vec::new()));
        }
        if let Some(name) = cues.partners.get(surface) {
            return Ok((Vec::new(), vec![name.clone()]));
        }
        // A partner that is not a place must say what it is (`共建“一带一路”国家`).
        if n > 14
            || surface.chars().any(|c| "、，,；;和及".contains(c))
            || !cues.partner_heads.iter().any(|h| surface.ends_with(h.as_str()))
        {
            return Err(());
        }
        Ok((Vec::new(), vec![surface.to_owned()]))
    }

    /// Who and what the figures after indicator hit `h` are about.
    fn frame(&self, clause: &Clause, h: &Hit) -> Option<Frame<'a>> {
        if self.indicator_kind(h) == Some(IndicatorKind::Skip) {
            return None;
        }
        let (ind_start, ind_end) = self.indicator_span(h, clause, clause.start);
        let mut frame = Frame {
            anchor: h.start,
            ..Frame::default()
        };
        let mut cp_places = Vec::new();
        frame.trade = self.is_trade(h);
        if frame.trade {
            let (idx, names) = self.counterparts(clause, ind_start).ok()?;
            cp_places = idx;
            frame.counterparts = names;
        }
        // Indicator lists: `出口、进口分别增长`.
        let mut indicators = vec![self.doc.slice(ind_start, ind_end).to_owned()];
        let mut first = *h;
        let clause_hits = self.doc.hits_in(clause.start, h.start);
        while let Some(prev) = clause_hits
            .iter()
            .rev()
            .find(|p| p.end <= first.start && matches!(self.doc.word(p), Word::Indicator { .. }))
        {
            if !self.is_joiner(self.doc.slice(prev.end, first.start)) || prev.end == first.start {
                break;
            }
            let (s, e) = self.indicator_span(prev, clause, clause.start);
            indicators.insert(0, self.doc.slice(s, e).to_owned());
            first = *prev;
        }
        frame.indicators = indicators;
        let lists = self.subject_lists(clause, first.start, &cp_places);
        if let Some(last) = lists.last() {
            frame.subjects = last
                .iter()
                .map(|&i| Some(Subject::of(&self.doc.places[i])))
                .collect();
        } else if let Some(a) = self
            .doc
            .hits_in(clause.start, first.start)
            .iter()
            .rev()
            .find_map(|a| match self.doc.word(a) {
                Word::Anaphor(k) => Some(*k),
                _ => None,
            })
        {
            frame.subjects = vec![self.resolve(a)];
        } else {
            frame.subjects = vec![self.para_subject.clone()];
        }
        Some(frame)
    }

    // ---------------------------------------------------------------- clauses

    fn note_subjects(&mut self, clause: &Clause, made: Option<Subject<'a>>) {
        if self.doc.places_in(clause.start, clause.end).next().is_none() {
            if let Some(made) = made {
                self.para_subject = Some(made);
            }
            return;
        }
        let mut cps = Vec::new();
        for (cue_end, _) in self.partner_cues(clause.start, clause.end) {
            cps.extend(self.cue_places(cue_end, clause.end));
        }
        for &i in &cps {
            self.para_counterparts.push(self.doc.places[i].name.clone());
        }
        // `我国外贸“万亿”省增至9个`: an anaphor names no new topic to carry.
        cps.extend(self.doc.places_in(clause.start, clause.end).filter(|&i| {
            let p = &self.doc.places[i];
            self.doc
                .hits_in(p.span[0], p.span[1])
                .iter()
                .any(|h| matches!(self.doc.word(h), Word::Anaphor(_)))
        }));
        // A trade partner of this paragraph stays a partner (`…，东盟首次成为其最大贸易市场`).
        cps.extend(
            self.doc
                .places_in(clause.start, clause.end)
                .filter(|&i| self.para_counterparts.contains(&self.doc.places[i].name)),
        );
        let lists = self.subject_lists(clause, clause.end, &cps);
        // The topic comes first in a Chinese clause (`金华是浙江外贸大市`): carry the first
        // single place; a clause naming only a list leaves no clear subject.
        for l in lists.iter().filter(|l| l.len() == 1) {
            let s = Subject::of(&self.doc.places[l[0]]);
            if self.history.last() != Some(&s) {
                self.history.push(s);
            }
        }
        if let Some(first) = lists.iter().find(|l| l.len() == 1) {
            self.para_subject = Some(Subject::of(&self.doc.places[first[0]]));
        } else if !lists.is_empty() {
            self.para_subject = None;
        }
        if let Some(made) = made {
            self.para_subject = Some(made);
        }
    }

    fn is_threshold(&self, f: &Figure) -> bool {
        let [s, e] = f.span;
        self.doc
            .hits_in(s.saturating_sub(6), e + 4)
            .iter()
            .any(|h| match self.doc.word(h) {
                Word::ThresholdBefore => h.end + 1 >= s && h.end <= e && h.start < s + 2,
                Word::ThresholdAfter => h.start >= e && h.start <= e + 1,
                _ => false,
            })
    }

    /// What figure `fi` does in its clause, if anything.
    fn role(&self, clause: &Clause, fi: usize) -> Option<Role> {
        let f = &self.doc.figures[fi];
        let [s, e] = f.span;
        if matches!(
            f.kind,
            FigureKind::Date | FigureKind::Ordinal | FigureKind::Number
        ) {
            return None;
        }
        if !matches!(f.value, FigureValue::Number(_)) || self.is_threshold(f) {
            return None;
        }
        if self.doc.char_at(e) == Some('的') {
            return None;
        }
        let cues = self.cues();
        // `从1.3万元降至…`, `连续7个月`: a starting point or a duration, not a level.
        if self.word_ends_at(s, &[&cues.not_value_before])
            || cues
                .not_value_before
                .iter()
                .any(|c| f.text.starts_with(c.as_str()))
        {
            return None;
        }
        let hits = self.doc.hits_in(clause.start, s);
        let marker = hits.iter().rev().find_map(|h| match self.doc.word(h) {
            Word::Change(sign) => Some((h, *sign)),
            Word::Indicator { .. } if self.indicator_kind(h) == Some(IndicatorKind::Rate) => {
                Some((h, Sign::Up))
            }
            _ => None,
        });
        let change_kind =
            matches!(f.kind, FigureKind::Percent | FigureKind::Multiple) && f.unit.as_deref() != Some("‰");
        if let Some((h, sign)) = marker
            && self.gap(h.end, s) <= cues.max_gap
            && !self.has_figure_between(h.end, s)
            && !self.foreign_gap(h.end, s)
        {
            let to_level = self.has_token(h.end, s, &cues.level)
                && !self.doc.slice(h.end, s).starts_with('为')
                && matches!(self.doc.word(h), Word::Change(_));
            if change_kind && !to_level {
                return Some(Role::Change {
                    sign,
                    marker: h.start,
                });
            }
            if change_kind {
                return None;
            }
        }
        if change_kind {
            // `增长较快，达20.4%`: the verb is in the clause before.
            if let Some(sign) = self.unused.as_ref().and_then(|u| u.verb)
                && self.opens_clause(clause, s)
            {
                return Some(Role::Change {
                    sign,
                    marker: clause.start,
                });
            }
            let ratio = hits
                .iter()
                .rev()
                .find(|h| matches!(self.doc.word(h), Word::Indicator { .. }));
            if let Some(h) = ratio
                && self.indicator_kind(h) == Some(IndicatorKind::Ratio)
                && self.gap(h.end, s) <= cues.max_gap
            {
                return Some(Role::Value);
            }
            return None;
        }
        // `3个万亿级产业`, `两位数增长`: a count of things is no level of an indicator.
        let count = f.kind == FigureKind::Quantity
            && f.unit
                .as_deref()
                .is_some_and(|u| cues.count_units.iter().any(|c| c == u));
        if matches!(f.kind, FigureKind::Money | FigureKind::Quantity) && !count {
            return Some(Role::Value);
        }
        None
    }

    /// Whether the clause, before `pos`, reads as a share of something else (`占`), a
    /// comparison (`比全国高`, `拉动`) or a plan (`预计`, `将`): then it states no fact.
    fn blocked(&self, clause: &Clause, pos: usize) -> bool {
        let cues = self.cues();
        self.has_token(clause.start, pos, &cues.share)
            || self.has_token(clause.start, pos, &cues.comparison)
            // `预计到2025年，…年均增速达到25%`: a plan covers its whole sentence.
            || self.has_token(self.sentence_start, pos, &cues.modal)
    }

    /// Whether the text between an indicator and its figure or verb is more than a
    /// connector: each token there must be a listed connector (`达`, `为`, `累计`), an
    /// adverb, a basis word, part of the figure, or inside brackets (`出口汽车(含底盘)`).
    /// So `外贸表现可以分为三类` and `每百元营业收入中的费用为8.29元` give nothing.
    fn foreign_gap(&self, a: usize, b: usize) -> bool {
        let cues = self.cues();
        let hits = self.doc.hits_in(a, b);
        let mut depth = 0usize;
        for t in self.doc.tokens_in(a, b) {
            match t.word {
                "(" | "（" => depth += 1,
                ")" | "）" => depth = depth.saturating_sub(1),
                _ if depth > 0 => {}
                w if cues.gap.iter().any(|g| g == w) || cues.each.iter().any(|g| g == w) => {}
                _ if t.tag == "d" || t.tag == "ul" || t.tag == "uz" => {}
                _ if self.has_figure_overlap(t.start, t.end) => {}
                _ if hits.iter().any(|h| {
                    matches!(self.doc.word(h), Word::Basis(_)) && t.start < h.end && h.start < t.end
                }) => {}
                _ => return true,
            }
        }
        false
    }

    /// Whether only a connector (`达`, `为`) stands between the clause start and `s`.
    fn opens_clause(&self, clause: &Clause, s: usize) -> bool {
        let lead = self.doc.slice(clause.start, s).trim();
        lead.is_empty() || self.cues().lead.iter().any(|w| w == lead)
    }

    /// Whether every figure overlapping `[a, b)` is an ordinal (`第一产业`).
    fn ordinal_only(&self, a: usize, b: usize) -> bool {
        self.doc
            .figs_in(a.saturating_sub(24), b + 24)
            .filter(|&i| self.doc.figures[i].span[0] < b && a < self.doc.figures[i].span[1])
            .all(|i| self.doc.figures[i].kind == FigureKind::Ordinal)
    }

    fn has_figure_overlap(&self, a: usize, b: usize) -> bool {
        self.doc
            .figs_in(a.saturating_sub(24), b + 24)
            .any(|i| self.doc.figures[i].span[0] < b && a < self.doc.figures[i].span[1])
    }

    /// Date figures in `[a, b)` that can be periods, with their starts. `比2019年同期`
    /// and `从2015年开始` are no periods.
    fn periods_in(&self, a: usize, b: usize) -> Vec<(usize, String)> {
        self.periods_of(self.doc.figs_in(a, b))
    }

    /// The period-giving dates among figures `figs`, with their starts.
    fn periods_of(&self, figs: impl Iterator<Item = usize>) -> Vec<(usize, String)> {
        let cues = self.cues();
        figs.filter_map(|fi| {
            let f = &self.doc.figures[fi];
            match (&f.kind, &f.value) {
                (FigureKind::Date, FigureValue::Text(t))
                    if !self.word_ends_at(f.span[0], &[&cues.comparison, &cues.not_value_before]) =>
                {
                    Some((f.span[0], t.clone()))
                }
                _ => None,
            }
        })
        .collect()
    }

    /// Whether clause `c`, leading spaces aside, starts with `word`. On the chars: this
    /// is asked of every clause, and slicing and trimming its text cost more.
    fn opens_with(&self, c: &Clause, word: &str) -> bool {
        let chars = self.doc.chars(c.start, c.end);
        let mut rest = chars.iter().skip_while(|ch| ch.is_whitespace());
        word.chars().all(|w| rest.next() == Some(&w))
    }

    /// The period of a figure at `pos` in the current clause.
    fn period_at(&self, pos: usize) -> Option<String> {
        self.clause_dates
            .iter()
            .rev()
            .find(|(s, _)| *s < pos)
            .map(|(_, p)| p.clone())
            .or_else(|| self.para_period.clone())
    }

    fn has_figure_between(&self, a: usize, b: usize) -> bool {
        self.doc.figs_in(a, b).next().is_some()
    }

    fn clause(&mut self, c: Clause) {
        let figs: Vec<usize> = self.doc.figs_in(c.start, c.end).collect();
        // A figure's period is the last date before it in the paragraph; dates of this
        // clause count only before the figure (`…增长0.1%国家统计局今天(7月9日)发布`).
        self.clause_dates = self.periods_of(figs.iter().copied());
        if c.start >= self.breakdown_end {
            self.breakdown = None;
        }
        if self.opens_with(&c, &self.cues().breakdown) && !self.cues().breakdown.is_empty() {
            // `其中，出口5725.8亿元`: parts of the fact before keep its partner.
            self.breakdown = self.last_partner.clone();
            self.breakdown_end = self.sentence_end;
        }
        // Figures with a role, grouped when joined by list words (`8690.7亿元和8457.4亿元`).
        let mut groups: Vec<(Role, Vec<usize>)> = Vec::new();
        let mut last_end = 0;
        for &fi in &figs {
            if self.paren_used[fi] {
                continue;
            }
            let f = &self.doc.figures[fi];
            // A list item (`7.2%、2.1%`) does what the item before it does.
            let joined = groups
                .last()
                .filter(|(_, l)| {
                    let prev = &self.doc.figures[l[l.len() - 1]];
                    let rate = |k: FigureKind| matches!(k, FigureKind::Percent | FigureKind::Multiple);
                    (prev.kind == f.kind || (rate(prev.kind) && rate(f.kind)))
                        && prev.span[1] == last_end
                        && self.is_joiner(self.doc.slice(last_end, f.span[0]))
                })
                .map(|(r, _)| *r);
            let Some(role) = joined.or_else(|| self.role(&c, fi)) else {
                continue;
            };
            let same = |r: &Role| match (r, &role) {
                (Role::Value, Role::Value) => true,
                (Role::Change { sign: a, .. }, Role::Change { sign: b, .. }) => a == b,
                _ => false,
            };
            match groups.last_mut() {
                Some((r, list)) if same(r) && self.is_joiner(self.doc.slice(last_end, f.span[0])) => {
                    list.push(fi)
                }
                _ => groups.push((role, vec![fi])),
            }
            last_end = f.span[1];
        }
        let mut used_anchor = None;
        let mut prev_group_end = c.start;
        for (role, list) in groups {
            let first = self.doc.figures[list[0]].span[0];
            let limit = match role {
                Role::Value => first,
                Role::Change { marker, .. } => marker,
            };
            if let Some(a) = self.group(&c, role, &list, limit, prev_group_end) {
                used_anchor = Some(a);
            }
            prev_group_end = self.doc.figures[list[list.len() - 1]].span[1];
        }
        // Remember an indicator that produced nothing yet, for the next clause.
        let hits = self.doc.hits_in(c.start, c.end);
        let last_ind = hits.iter().rev().find(|h| {
            matches!(self.doc.word(h), Word::Indicator { .. })
                && self.indicator_kind(h) != Some(IndicatorKind::Rate)
        });
        // It stays usable for the next clause only, and only when the clause stops short
        // of its value: at a threshold (`进出口首破3万亿元，达…`) or right after a verb
        // (`进出口增长较快，达20.4%`).
        self.unused = match last_ind {
            Some(h) if used_anchor.is_none_or(|a| a < h.start) => {
                let verb = hits.iter().find_map(|v| match self.doc.word(v) {
                    Word::Change(sign) if v.start >= h.end && c.end - v.end <= 4 => {
                        Some((*sign, v.start, v.end))
                    }
                    _ => None,
                });
                // `增长较快`: an adverb after the verb is no comparison.
                let blocked = self.blocked(&c, verb.map_or(c.end, |v| v.1));
                let threshold = self
                    .doc
                    .figs_in(h.end, c.end)
                    .any(|fi| self.is_threshold(&self.doc.figures[fi]));
                let verb_last = verb.is_some_and(|(_, _, end)| !self.has_figure_between(end, c.end));
                if !blocked && (threshold || verb_last) {
                    self.frame(&c, h).map(|f| Frame {
                        verb: verb.map(|v| v.0),
                        ..f
                    })
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(b) = hits.iter().find_map(|h| match self.doc.word(h) {
            Word::Basis(b) => Some(b.clone()),
            _ => None,
        }) && !hits.iter().any(|h| matches!(self.doc.word(h), Word::Change(_)))
        {
            self.pending_basis = Some(b);
        }
        // The subject of a fact made here is what later clauses talk about.
        let made = match self.open.as_slice() {
            [d] if used_anchor.is_some() && d.anchor >= c.start => d.subject.clone(),
            _ => None,
        };
        self.note_subjects(&c, made);
        if let Some((_, p)) = self.clause_dates.pop() {
            self.para_period = Some(p);
        }
        self.clause_dates.clear();
    }

    /// Turns one group of figures into drafts; returns the anchor of the indicator used.
    fn group(
        &mut self,
        c: &Clause,
        role: Role,
        list: &[usize],
        limit: usize,
        prev_end: usize,
    ) -> Option<usize> {
        let cues = self.cues();
        let first = &self.doc.figures[list[0]];
        if self.blocked(c, first.span[0]) {
            return None;
        }
        let hits = self.doc.hits_in(c.start, limit);
        let ind = hits.iter().rev().find(|h| {
            matches!(self.doc.word(h), Word::Indicator { .. })
                && self.indicator_kind(h) != Some(IndicatorKind::Rate)
        });
        // A rate word that carries the change (`增幅达3.7倍`) with no level word before it
        // is itself the indicator; a rate word before a verb (`增速提高0.6个百分点`) too.
        let rate = self
            .doc
            .hits_in(c.start, first.span[0])
            .iter()
            .rev()
            .find(|h| self.indicator_kind(h) == Some(IndicatorKind::Rate));
        let ind = match (ind, rate, role) {
            (Some(i), Some(r), Role::Change { marker, .. }) if r.start != marker && r.start > i.start => {
                Some(r)
            }
            (None, Some(r), Role::Change { marker, .. }) if r.start != marker => Some(r),
            (None, Some(r), _) => Some(r),
            (i, _, _) => i,
        };
        let basis_in = |a: usize, b: usize| {
            self.doc
                .hits_in(a, b)
                .iter()
                .find_map(|h| match self.doc.word(h) {
                    Word::Basis(x) => Some(x.clone()),
                    _ => None,
                })
        };
        let fresh = ind.filter(|h| h.start >= prev_end);
        if let Some(h) = fresh {
            let (ind_start, ind_end) = self.indicator_span(h, c, c.start);
            let kind = self.indicator_kind(h);
            // `项目总投资超过10亿元` measures one project; a bare `增幅约为21.5%` measures
            // whatever came before it.
            if kind == Some(IndicatorKind::Skip)
                || (kind == Some(IndicatorKind::Rate) && (ind_start, ind_end) == (h.start, h.end))
            {
                return None;
            }
            let gap_end = first.span[0];
            // Rates and ratios are percents; money or a count after them is something else.
            if kind != Some(IndicatorKind::Level)
                && role == Role::Value
                && list
                    .iter()
                    .any(|&fi| self.doc.figures[fi].kind != FigureKind::Percent)
            {
                return None;
            }
            // `进出口银行`: a word that goes on past the indicator is another word.
            if self
                .doc
                .token_containing(ind_end.saturating_sub(1))
                .is_some_and(|t| t.end > ind_end && t.tag.starts_with('n'))
            {
                return None;
            }
            let gap_to = match role {
                Role::Value => gap_end,
                Role::Change { marker, .. } => marker.max(ind_end),
            };
            if self.gap(ind_end, gap_to) > cues.max_gap || self.foreign_gap(ind_end, gap_to) {
                return None;
            }
            if role == Role::Value
                && self
                    .doc
                    .hits_in(h.end, gap_end)
                    .iter()
                    .any(|x| matches!(self.doc.word(x), Word::Change(_) | Word::Indicator { .. }))
            {
                return None;
            }
            let frame = self.frame(c, h)?;
            let basis = basis_in(h.start, first.span[0]).or_else(|| self.pending_basis.clone());
            let drafts = self.distribute(&frame, role, list, basis)?;
            self.facts.append(&mut self.open);
            if frame.trade && self.breakdown.is_none() {
                self.last_partner = drafts.last().and_then(|d| d.counterpart.clone());
            }
            self.open = drafts;
            self.unused = None;
            return Some(h.start);
        }
        // No new indicator: complete the open drafts of this sentence.
        let basis = basis_in(c.start, first.span[0]).or_else(|| self.pending_basis.clone());
        let fits = |d: &Draft| match role {
            Role::Value => d.value.is_none() && d.change.is_none(),
            Role::Change { .. } => d.change.is_none(),
        };
        // A place of its own (`广东增长4.4%`) makes the clause about someone else.
        let own = self.subject_lists(c, first.span[0], &[]);
        let same_subject = match own.last() {
            None => true,
            Some(l) => {
                l.len() == 1
                    && self.open.iter().all(|d| {
                        d.subject.as_ref().map(|s| s.name) == Some(self.doc.places[l[0]].name.as_str())
                    })
            }
        };
        if self.unused.is_none()
            && same_subject
            && !self.open.is_empty()
            && self.open.len() == list.len()
            && self.open.iter().all(fits)
        {
            for (d, &fi) in self.open.iter_mut().zip(list) {
                match role {
                    Role::Value => d.value = Some(fi),
                    Role::Change { sign, .. } => {
                        d.change = Some((fi, sign));
                        if d.basis.is_none() {
                            d.basis.clone_from(&basis);
                        }
                    }
                }
            }
            self.pending_basis = None;
            return self.open.first().map(|d| d.anchor);
        }
        // `首破3万亿元，达3.19万亿元`: the figure must open its clause.
        if self.opens_clause(c, first.span[0])
            && let Some(frame) = self.unused.take()
        {
            let drafts = self.distribute(&frame, role, list, basis)?;
            self.facts.append(&mut self.open);
            if frame.trade && self.breakdown.is_none() {
                self.last_partner = drafts.last().and_then(|d| d.counterpart.clone());
            }
            self.open = drafts;
            return Some(frame.anchor);
        }
        None
    }

    /// One draft per figure, when the lists of the frame agree with the figures.
    fn distribute(
        &self,
        frame: &Frame<'a>,
        role: Role,
        list: &[usize],
        basis: Option<String>,
    ) -> Option<Vec<Draft<'a>>> {
        let n = list.len();
        let (ns, nc, ni) = (
            frame.subjects.len(),
            frame.counterparts.len(),
            frame.indicators.len(),
        );
        let longs = [ns, nc, ni].iter().filter(|&&k| k > 1).count();
        if longs > 1 || [ns, nc, ni].iter().any(|&k| k > 1 && k != n) {
            return None;
        }
        if n > 1 && longs == 0 {
            return None;
        }
        let pick = |v: usize, k: usize| if v > 1 { k } else { 0 };
        let mut out = Vec::with_capacity(n);
        for (k, &fi) in list.iter().enumerate() {
            let mut d = Draft {
                subject: frame.subjects.get(pick(ns, k)).cloned().flatten(),
                indicator: frame.indicators.get(pick(ni, k))?.clone(),
                anchor: frame.anchor,
                period: self.period_at(self.doc.figures[fi].span[0]),
                value: None,
                change: None,
                basis: None,
                counterpart: frame
                    .counterparts
                    .get(pick(nc, k))
                    .cloned()
                    .or_else(|| self.breakdown.clone().filter(|_| frame.trade)),
            };
            match role {
                Role::Value => d.value = Some(fi),
                Role::Change { sign, .. } => {
                    d.change = Some((fi, sign));
                    d.basis.clone_from(&basis);
                }
            }
            if d.indicator.is_empty() {
                return None;
            }
            // `超过三成订单来自美国。…公司对美出口下降10%`: a partner is never its own subject.
            if d.subject
                .as_ref()
                .is_some_and(|s| Some(s.name) == d.counterpart.as_deref())
            {
                d.subject = None;
            }
            out.push(d);
        }
        Some(out)
    }

    // ---------------------------------------------------------------- 湖北(18.2%)

    /// `湖北(18.2%)、安徽(17.3%)`: one fact per place of the sentence `[a, b)`.
    fn paren_lists(&mut self, a: usize, b: usize) {
        let mut items = Vec::new();
        for pi in self.doc.places_in(a, b) {
            let p = &self.doc.places[pi];
            let open = p.span[1];
            if !matches!(self.doc.char_at(open), Some('(' | '（')) {
                continue;
            }
            let Some(fi) = self.doc.figs_in(open + 1, b).next() else {
                continue;
            };
            let f = &self.doc.figures[fi];
            if f.span[0] != open + 1
                || f.kind != FigureKind::Percent
                || f.unit.as_deref() != Some("%")
                || !matches!(self.doc.char_at(f.span[1]), Some(')' | '）'))
            {
                continue;
            }
            items.push((pi, fi));
        }
        if items.is_empty() {
            return;
        }
        let hits = self.doc.hits_in(a, b);
        let change = hits.iter().find_map(|h| match self.doc.word(h) {
            Word::Change(s) => Some(*s),
            Word::Indicator { .. } if self.indicator_kind(h) == Some(IndicatorKind::Rate) => Some(Sign::Up),
            _ => None,
        });
        let level = hits.iter().find(|h| {
            matches!(self.doc.word(h), Word::Indicator { .. })
                && self.indicator_kind(h) == Some(IndicatorKind::Level)
        });
        let rate = hits
            .iter()
            .find(|h| self.indicator_kind(h) == Some(IndicatorKind::Rate));
        let word = |h: &Hit| self.doc.slice(h.start, h.end).to_owned();
        let chosen = match (change, level, rate) {
            (Some(s), Some(l), _) => Some((word(l), s)),
            (Some(s), None, Some(r)) => Some((word(r), s)),
            _ => self
                .last_paren
                .as_ref()
                .filter(|(_, _, para)| self.paragraph <= para + 1)
                .map(|(w, s, _)| (w.clone(), *s)),
        };
        let Some((indicator, sign)) = chosen else { return };
        for (pi, fi) in items {
            self.paren_used[fi] = true;
            self.paren_place[pi] = true;
            self.facts.push(Draft {
                subject: Some(Subject::of(&self.doc.places[pi])),
                indicator: indicator.clone(),
                anchor: self.doc.figures[fi].span[0],
                period: self
                    .periods_in(a, self.doc.figures[fi].span[0])
                    .pop()
                    .map(|(_, p)| p)
                    .or_else(|| self.para_period.clone()),
                value: None,
                change: Some((fi, sign)),
                basis: None,
                counterpart: None,
            });
        }
        self.last_paren = Some((indicator, sign, self.paragraph));
    }
}

/// The counterpart cue in token `t`: the token is a cue, or starts with one unless it
/// is a listed ordinary word (`对于`); jieba fuses cues with what follows (`对前`).
/// Returns where the cue ends and the partner of a fused short name (`对华`).
fn token_cue<'c>(cues: &'c crate::rules::link::Cues, t: &WordSpan<'_>) -> Option<(usize, Option<&'c str>)> {
    // One char compare rules out almost every token before any string compare.
    if !t
        .word
        .chars()
        .next()
        .is_some_and(|c| cues.may_start_counterpart(c))
    {
        return None;
    }
    if cues.counterpart.iter().any(|w| w == t.word) {
        return Some((t.end, None));
    }
    if cues.not_counterpart.iter().any(|w| w == t.word) {
        return None;
    }
    let (cue, rest) = cues
        .counterpart
        .iter()
        .find_map(|w| t.word.strip_prefix(w.as_str()).map(|rest| (w, rest)))?;
    match cues.partners.get(rest) {
        Some(name) => Some((t.end, Some(name.as_str()))),
        None => Some((t.start + cue.chars().count(), None)),
    }
}

fn number(f: &Figure) -> Option<Decimal> {
    match &f.value {
        FigureValue::Number(d) => Some(*d),
        FigureValue::Text(_) => None,
    }
}

fn to_fact(d: Draft<'_>, figures: &[Figure]) -> Option<Fact> {
    let mut used = Vec::new();
    let (value, unit) = match d.value {
        Some(i) => {
            used.push(i);
            (Some(number(&figures[i])?), figures[i].unit.clone())
        }
        None => (None, None),
    };
    let (change, change_unit) = match d.change {
        Some((i, sign)) => {
            used.push(i);
            let f = &figures[i];
            let n = number(f)?;
            let n = if sign == Sign::Down { -n.abs() } else { n };
            let unit = match (f.kind, f.unit.as_deref()) {
                (FigureKind::Multiple, _) => "times",
                (_, Some("pp")) => "pp",
                _ => "%",
            };
            (Some(n), Some(unit.to_owned()))
        }
        None => (None, None),
    };
    Some(Fact {
        subject: d.subject.as_ref().map(|s| s.name.to_owned()),
        subject_code: d.subject.and_then(|s| s.code).map(Cow::into_owned),
        indicator: d.indicator,
        period: d.period,
        value,
        unit,
        change,
        change_unit,
        basis: d.basis,
        counterpart: d.counterpart,
        figures: used,
    })
}

#[cfg(test)]
mod tests;
