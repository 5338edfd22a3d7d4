//! Places: China's administrative divisions, countries, foreign cities, regions, blocs.
//!
//! One pass of the automaton finds every name in the text (overlapping). Each match is
//! judged against the jieba tokens: it must start and end on word boundaries (a full
//! name of three or more characters may also be the head of a longer word, 浙江省委),
//! no veto suffix may follow it (宁波银行, 南京路, 龙泉溪), and stop words hide what is
//! inside them (中山大学, 海关). Of the accepted matches the leftmost-longest win.
//!
//! A name with several candidates (鼓楼区, 城关镇) takes the one whose ancestor is
//! named closest: same sentence, then paragraph, then article, headlines or dateline.
//! Without such evidence the code stays null and a warning lists the candidates; a
//! short form without evidence (安宁: 安宁区 or 安宁市) is dropped instead, being
//! more often an ordinary word than either place.

use super::Context;
use crate::normalize::is_han;
use crate::record::{Place, PlaceLevel};
use crate::rules::places::{AcPattern, PlaceRules, Target, Via};
use crate::segment::Tokens;
use std::borrow::Cow;

/// How many candidates a warning lists before it abbreviates.
const WARN_LIST: usize = 8;

/// Finds every place in `ctx.text`, in text order; problems go to `warnings`.
pub fn extract(rules: &PlaceRules, ctx: &Context<'_>, warnings: &mut Vec<String>) -> Vec<Place> {
    let Some(matcher) = &rules.matcher else {
        return Vec::new();
    };
    let text = ctx.text;
    if text.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(ctx);

    // 1. Every match (townships looked up from their suffix), then judged. Full
    // names that touch each other form an address (南昌市新建区松湖镇) and may
    // cross jieba's words where they meet.
    let mut hits: Vec<(usize, usize, u32)> = Vec::new();
    matcher.find_all(doc.chars, |s, e, id| hits.push((s, e, id)));
    // The order of an overlapping scan (by end, longest first), which settles ties
    // between equal spans and the order of rejections in `explain`.
    hits.sort_unstable_by_key(|&(s, e, id)| (e, std::cmp::Reverse(e - s), id));
    let mut raw: Vec<Cand> = Vec::new();
    for (s, e, id) in hits {
        match rules.ac_patterns.get(id as usize) {
            Some(AcPattern::Surface(id)) => {
                let Some(surface) = rules.surfaces.get(*id as usize) else {
                    continue;
                };
                if surface.stop {
                    if doc.starts_token(s) || doc.ends_token(e) {
                        raw.push(Cand {
                            s,
                            e,
                            targets: Cow::Borrowed(&[]),
                            stop: true,
                        });
                    }
                } else if !surface.targets.is_empty() {
                    raw.push(Cand {
                        s,
                        e,
                        targets: best_targets(&surface.targets),
                        stop: false,
                    });
                }
            }
            Some(AcPattern::TownshipEnd) => {
                // Look back for a township name ending here (檀溪|镇, 浮云|街道).
                let (lo, hi) = rules.township_chars;
                let mut found: Option<(usize, Vec<Target>)> = None;
                let mut flush = |found: &mut Option<(usize, Vec<Target>)>| {
                    if let Some((len, targets)) = found.take() {
                        raw.push(Cand {
                            s: e - len,
                            e,
                            targets: Cow::Owned(targets),
                            stop: false,
                        });
                    }
                };
                rules
                    .townships
                    .ending_at(&rules.entities, doc.chars, e, lo..=hi, |len, entity| {
                        if found.as_ref().is_some_and(|f| f.0 != len) {
                            flush(&mut found);
                        }
                        let target = Target {
                            entity,
                            via: Via::Full,
                            rule: rules.division_rule,
                        };
                        match &mut found {
                            Some((_, targets)) => targets.push(target),
                            None => found = Some((len, vec![target])),
                        }
                    });
                flush(&mut found);
            }
            None => {}
        }
    }
    let mut edges = vec![0u8; doc.len() + 1];
    for c in raw.iter().filter(|c| !c.stop && long_full(&c.targets, c.s, c.e)) {
        edges[c.s] |= FULL_STARTS;
        edges[c.e] |= FULL_ENDS;
    }
    let accepted: Vec<Cand> = raw
        .into_iter()
        .filter(|c| {
            if c.stop {
                return true;
            }
            let chained = (edges[c.s] & FULL_ENDS != 0, edges[c.e] & FULL_STARTS != 0);
            let ok = judge(rules, &doc, &c.targets, c.s, c.e, chained);
            if !ok {
                ctx.reject("place", [c.s, c.e], None, || rejection_reason(ctx, c.s, c.e));
            }
            ok
        })
        .collect();

    // 2. Leftmost-longest among the accepted.
    let mut accepted = accepted;
    accepted.sort_by(|a, b| a.s.cmp(&b.s).then(b.e.cmp(&a.e)));
    let mut chosen: Vec<Cand> = Vec::new();
    let mut end = 0;
    let mut last_chosen: Option<(usize, usize, bool)> = None;
    for c in accepted {
        if c.s >= end {
            end = c.e;
            last_chosen = Some((c.s, c.e, c.stop));
            chosen.push(c);
        } else if let (false, Some((s, e, stop))) = (c.stop, last_chosen) {
            ctx.reject("place", [c.s, c.e], None, || {
                let outer = doc.slice(s, e);
                if stop {
                    format!("inside stop word {outer}")
                } else {
                    format!("inside the longer place {outer}")
                }
            });
        }
    }
    chosen.retain(|c| !c.stop);

    // 3. Resolve: first what is certain, then the ambiguous against that context.
    let mut found: Vec<Found> = chosen
        .into_iter()
        .map(|c| Found {
            s: c.s,
            e: c.e,
            targets: c.targets,
            pick: None,
        })
        .collect();
    for f in &mut found {
        if let [one] = &*f.targets {
            f.pick = Some(*one);
        }
    }
    // Mentions are evidence for ambiguous names only; most articles have none, and
    // then the headlines need not be searched.
    let ambiguous = found.iter().any(|f| f.pick.is_none());
    let mentions: Vec<Mention> = if ambiguous {
        found
            .iter()
            .filter_map(|f| {
                f.pick.map(|t| Mention {
                    at: Some(f.s),
                    entity: t.entity,
                })
            })
            .chain(outside_mentions(rules, ctx))
            .collect()
    } else {
        Vec::new()
    };
    for f in &mut found {
        if f.pick.is_none() {
            f.pick = by_context(rules, &doc, &f.targets, f.s, &mentions)
                .or_else(|| prefer_ancestor(rules, &f.targets))
                .or_else(|| prefer_province(rules, &f.targets));
        }
    }

    // 4. Places, with villages right after townships and counties.
    let mut out = Vec::with_capacity(found.len());
    for (i, f) in found.iter().enumerate() {
        let surface = doc.slice(f.s, f.e);
        let place = match f.pick {
            Some(t) => place_of(rules, t, surface, f.s, f.e),
            // A short form that could be several places (安宁: 安宁区 or 安宁市) is
            // more often a word than either; without evidence it is dropped.
            None if f.targets.iter().all(|t| t.via == Via::Short) => continue,
            None => {
                warnings.push(ambiguity_warning(rules, surface, f.s, f.e, &f.targets));
                unresolved(rules, &f.targets, surface, f.s, f.e)
            }
        };
        let next_start = found.get(i + 1).map_or(usize::MAX, |n| n.s);
        let village = matches!(place.level, PlaceLevel::Township | PlaceLevel::County)
            .then(|| village_after(rules, &doc, f.e, next_start))
            .flatten();
        if let Some(v_end) = village {
            let mut parents = place.parents.clone();
            parents.push(place.name.clone());
            let name = doc.slice(f.e, v_end).to_owned();
            out.push(place);
            out.push(Place {
                text: name.clone(),
                span: [f.e, v_end],
                name,
                code: None,
                level: PlaceLevel::Village,
                parents,
                rule: rules.rule_ids[rules.village.rule as usize].clone(),
            });
        } else {
            out.push(place);
        }
    }
    out
}

/// A match that passed the judgement (or a stop word); targets borrowed from the
/// rules unless a township look-up made them.
#[derive(Debug, Clone)]
struct Cand<'r> {
    s: usize,
    e: usize,
    targets: Cow<'r, [Target]>,
    stop: bool,
}

/// A chosen match and what it resolved to.
#[derive(Debug, Clone)]
struct Found<'r> {
    s: usize,
    e: usize,
    targets: Cow<'r, [Target]>,
    pick: Option<Target>,
}

/// An entity named somewhere: in the body at a char offset, or outside it (`None`).
#[derive(Debug, Clone, Copy)]
struct Mention {
    at: Option<usize>,
    entity: u32,
}

/// Per-document lookup tables: char offsets and token boundaries.
struct Doc<'a> {
    text: &'a str,
    /// The chars of the text.
    chars: &'a [char],
    /// Byte offset of each char, plus the end.
    bytes: &'a [usize],
    /// jieba's words, asked for only at candidates' edges.
    tokens: &'a Tokens<'a>,
    /// Sentence and paragraph number of each char, built when first needed.
    units: std::cell::OnceCell<(Vec<u32>, Vec<u32>)>,
}

impl<'a> Doc<'a> {
    fn new(ctx: &Context<'a>) -> Doc<'a> {
        debug_assert_eq!(
            ctx.tokens.text(),
            ctx.text,
            "tokens must be of the context's text"
        );
        Doc {
            text: ctx.text,
            chars: ctx.tokens.chars(),
            bytes: ctx.tokens.char_bytes(),
            tokens: ctx.tokens,
            units: std::cell::OnceCell::new(),
        }
    }

    fn units(&self) -> (&Vec<u32>, &Vec<u32>) {
        let (s, p) = self.units.get_or_init(|| {
            let (mut s, mut p) = (0u32, 0u32);
            let mut sentence = Vec::with_capacity(self.len());
            let mut paragraph = Vec::with_capacity(self.len());
            for c in self.text.chars() {
                sentence.push(s);
                paragraph.push(p);
                match c {
                    '\n' => {
                        s += 1;
                        p += 1;
                    }
                    '。' | '！' | '？' | '!' | '?' | '；' | ';' => s += 1,
                    _ => {}
                }
            }
            (sentence, paragraph)
        });
        (s, p)
    }

    fn slice(&self, s: usize, e: usize) -> &'a str {
        let (bs, be) = (
            self.bytes[s.min(self.bytes.len() - 1)],
            self.bytes[e.min(self.bytes.len() - 1)],
        );
        &self.text[bs..be]
    }

    fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    // `starts_at` and `ends_at` rather than the tokens: a name between list marks or
    // quotes (`、浙江、`) is judged without segmenting its clause.
    fn starts_token(&self, c: usize) -> bool {
        self.tokens.starts_at(c)
    }

    fn ends_token(&self, c: usize) -> bool {
        c == self.len() || self.tokens.ends_at(c)
    }

    /// The end of the word that covers char `c`.
    fn token_end(&self, c: usize) -> usize {
        self.tokens.word_containing(c).map_or(c + 1, |t| t.end)
    }

    fn char(&self, c: usize) -> Option<char> {
        self.slice(c, c + 1).chars().next().filter(|_| c < self.len())
    }
}

/// Marks in the per-char edge table: a full name starts / ends here.
const FULL_STARTS: u8 = 1;
const FULL_ENDS: u8 = 2;

/// A name of three or more chars that is not a short form.
fn long_full(targets: &[Target], s: usize, e: usize) -> bool {
    e - s >= 3 && targets.iter().any(|t| t.via != Via::Short)
}

/// Whether a match at `[s, e)` may be a place; `chained` says whether another full
/// name ends where it starts and starts where it ends.
fn judge(
    rules: &PlaceRules,
    doc: &Doc<'_>,
    targets: &[Target],
    s: usize,
    e: usize,
    chained: (bool, bool),
) -> bool {
    let long = long_full(targets, s, e);
    if !(doc.starts_token(s) || (long && chained.0)) {
        return false; // inside a longer word: 出海门槛, 主城区
    }
    if long && chained.1 && !doc.ends_token(e) {
        return true; // 新建区|松湖镇 although jieba cut 区松
    }
    let rest = doc.chars.get(e..).unwrap_or_default();
    let vetoed = |need_boundary: bool| {
        rules
            .veto_suffixes
            .any_starting(rest, |len| !need_boundary || doc.ends_token(e + len))
    };
    if !doc.ends_token(e) {
        // Head of a longer word (浙江省委, 印度政府, 法国人): only a name that is not a
        // short form, three or more chars or a country, province or prefecture, and
        // only when that word started with it (not 义乌|市场) and does not go on
        // into an organisation, road or river (中国银行).
        let head_ok = targets.iter().any(|t| {
            let major = matches!(
                rules.entities[t.entity as usize].level,
                PlaceLevel::Country | PlaceLevel::Province | PlaceLevel::Prefecture
            );
            major || (t.via != Via::Short && e - s >= 3)
        });
        return head_ok && doc.token_end(s) > e && !vetoed(false);
    }
    // A two-char full name must be one word, not two (市|和|县 is no 和县); short
    // forms may be cut (云|和, jieba's 和 is strong).
    if e - s == 2 && doc.token_end(s) != e && targets.iter().all(|t| t.via != Via::Short) {
        return false;
    }
    // A veto suffix that ends on a word boundary: 宁波银行, 南京路, 龙泉溪.
    !vetoed(true)
}

/// Why `judge` turned a candidate down, for `baokan explain`.
fn rejection_reason(ctx: &Context<'_>, s: usize, e: usize) -> String {
    let overlapping = ctx.tokens.overlapping(s, e);
    let (from, to) = overlapping.fold((s, e), |(lo, hi), t| (lo.min(t.start), hi.max(t.end)));
    if from < s || to > e {
        let word: String = ctx.text.chars().skip(from).take(to - from).collect();
        format!("inside word {word}")
    } else {
        "followed by an organisation, road or river word".to_owned()
    }
}

/// The targets reached the most direct way (full name over alias over short form);
/// borrowed when that is all of them, as it mostly is.
fn best_targets(targets: &[Target]) -> Cow<'_, [Target]> {
    let best = targets.iter().map(|t| t.via).min();
    if targets.iter().all(|t| Some(t.via) == best) {
        return Cow::Borrowed(targets);
    }
    Cow::Owned(targets.iter().copied().filter(|t| Some(t.via) == best).collect())
}

/// Entities named in the headlines and dateline (unambiguous names only).
fn outside_mentions(rules: &PlaceRules, ctx: &Context<'_>) -> Vec<Mention> {
    let Some(matcher) = &rules.matcher else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for text in ctx.headlines.iter().map(String::as_str).chain(ctx.dateline_place) {
        let chars: Vec<char> = text.chars().collect();
        matcher.find_all(&chars, |_, _, id| {
            let Some(AcPattern::Surface(id)) = rules.ac_patterns.get(id as usize) else {
                return;
            };
            let Some(surface) = rules.surfaces.get(*id as usize) else {
                return;
            };
            if surface.stop {
                return;
            }
            if let [one] = &*best_targets(&surface.targets) {
                out.push(Mention {
                    at: None,
                    entity: one.entity,
                });
            }
        });
    }
    out
}

/// How far apart two body offsets are: 0 same sentence, 1 same paragraph, 2 article.
fn scope(doc: &Doc<'_>, a: Option<usize>, b: usize) -> u8 {
    let Some(a) = a else { return 2 };
    let (sentence, paragraph) = doc.units();
    let at = |v: &Vec<u32>, c: usize| v.get(c).copied();
    if at(paragraph, a) != at(paragraph, b) {
        2
    } else if at(sentence, a) != at(sentence, b) {
        1
    } else {
        0
    }
}

/// The candidate whose ancestor is named closest, if exactly one is best.
fn by_context(
    rules: &PlaceRules,
    doc: &Doc<'_>,
    targets: &[Target],
    at: usize,
    mentions: &[Mention],
) -> Option<Target> {
    // Score: (scope, deeper shared ancestor first); lower is better.
    type Score = (u8, std::cmp::Reverse<usize>);
    let mut best: Option<(Score, Target)> = None;
    let mut tie = false;
    for &t in targets {
        let (anc, n) = rules.lineage(t.entity);
        let anc = &anc[..n];
        let mut score: Option<Score> = None;
        for m in mentions {
            // The mention itself or what it implies (玄武区 implies 南京市).
            let (up, k) = rules.lineage(m.entity);
            let implied = |a: u32| a == m.entity || up[..k].contains(&a);
            let Some(depth) = anc.iter().rposition(|&a| implied(a)) else {
                continue;
            };
            let s = (scope(doc, m.at, at), std::cmp::Reverse(depth));
            if score.is_none_or(|old| s < old) {
                score = Some(s);
            }
        }
        let Some(score) = score else { continue };
        match &best {
            Some((b, _)) if score > *b => {}
            Some((b, _)) if score == *b => tie = true,
            _ => {
                best = Some((score, t));
                tie = false;
            }
        }
    }
    if tie { None } else { best.map(|(_, t)| t) }
}

/// The candidate above all the others, when there is one: 吉林 is 吉林省 rather
/// than its 吉林市, 湘潭 is 湘潭市 rather than its 湘潭县.
fn prefer_ancestor(rules: &PlaceRules, targets: &[Target]) -> Option<Target> {
    if !rules.prefer_province {
        return None;
    }
    targets.iter().copied().find(|top| {
        targets.iter().all(|t| {
            let (up, n) = rules.lineage(t.entity);
            t.entity == top.entity || up[..n].contains(&top.entity)
        })
    })
}

/// When exactly one candidate is a province (海南: 海南省, not 青海's 海南州), that one.
fn prefer_province(rules: &PlaceRules, targets: &[Target]) -> Option<Target> {
    if !rules.prefer_province {
        return None;
    }
    let mut provinces = targets
        .iter()
        .filter(|t| rules.entities[t.entity as usize].level == PlaceLevel::Province);
    match (provinces.next(), provinces.next()) {
        (Some(t), None) => Some(*t),
        _ => None,
    }
}

fn place_of(rules: &PlaceRules, t: Target, surface: &str, s: usize, e: usize) -> Place {
    let entity = &rules.entities[t.entity as usize];
    Place {
        text: surface.to_owned(),
        span: [s, e],
        name: entity.name.clone(),
        code: entity.code.clone(),
        level: entity.level,
        parents: rules.parent_names(t.entity),
        rule: rules.rule_ids[t.rule as usize].clone(),
    }
}

fn level_rank(l: PlaceLevel) -> u8 {
    match l {
        PlaceLevel::Bloc | PlaceLevel::Region => 0,
        PlaceLevel::Country => 1,
        PlaceLevel::Province => 2,
        PlaceLevel::Prefecture | PlaceLevel::City => 3,
        PlaceLevel::County => 4,
        PlaceLevel::Township => 5,
        PlaceLevel::Village => 6,
    }
}

/// An ambiguous name: no code, the shared name and parents only.
fn unresolved(rules: &PlaceRules, targets: &[Target], surface: &str, s: usize, e: usize) -> Place {
    let entities: Vec<_> = targets
        .iter()
        .map(|t| &rules.entities[t.entity as usize])
        .collect();
    let name = match entities.first() {
        Some(first) if entities.iter().all(|x| x.name == first.name) => first.name.clone(),
        _ => surface.to_owned(),
    };
    let level = entities
        .iter()
        .map(|x| x.level)
        .min_by_key(|l| level_rank(*l))
        .unwrap_or(PlaceLevel::Region);
    let mut parents: Option<Vec<String>> = None;
    for t in targets {
        let p = rules.parent_names(t.entity);
        parents = Some(match parents {
            None => p,
            Some(mut common) => {
                let keep = common.iter().zip(&p).take_while(|(a, b)| a == b).count();
                common.truncate(keep);
                common
            }
        });
    }
    Place {
        text: surface.to_owned(),
        span: [s, e],
        name,
        code: None,
        level,
        parents: parents.unwrap_or_default(),
        rule: targets
            .first()
            .map(|t| rules.rule_ids[t.rule as usize].clone())
            .unwrap_or_default(),
    }
}

fn ambiguity_warning(rules: &PlaceRules, surface: &str, s: usize, e: usize, targets: &[Target]) -> String {
    let mut list: Vec<String> = targets
        .iter()
        .take(WARN_LIST)
        .map(|t| {
            let entity = &rules.entities[t.entity as usize];
            let mut path = rules.parent_names(t.entity);
            path.push(entity.name.clone());
            format!("{} {}", path.join("/"), entity.code.as_deref().unwrap_or("-"))
        })
        .collect();
    if targets.len() > WARN_LIST {
        list.push(format!("and {} more", targets.len() - WARN_LIST));
    }
    format!(
        "place `{surface}` at {s}..{e} is ambiguous, code left null: {}",
        list.join("; ")
    )
}

/// End of a `…村` that starts at `at`, if there is one before `limit`.
fn village_after(rules: &PlaceRules, doc: &Doc<'_>, at: usize, limit: usize) -> Option<usize> {
    let v = &rules.village;
    let mut end = None;
    for k in 0..=v.max_chars {
        let c = doc.char(at + k)?;
        if !is_han(c) {
            return None;
        }
        if c == '村' {
            // The first 村 ends the name: 局村 in 局村村、庄前村.
            if k == 0 {
                return None;
            }
            end = Some(at + k + 1);
            break;
        }
    }
    let end = end?;
    if end > limit || !doc.ends_token(end) {
        return None;
    }
    let name = doc.slice(at, end);
    if v.never_start.iter().any(|p| name.starts_with(p.as_str()))
        || v.never_end.iter().any(|p| name.ends_with(p.as_str()))
    {
        return None;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use crate::segment::Segmenter;
    use std::sync::OnceLock;

    fn setup() -> &'static (Rules, Segmenter) {
        static SETUP: OnceLock<(Rules, Segmenter)> = OnceLock::new();
        SETUP.get_or_init(|| {
            let rules = Rules::bundled().expect("bundled rules");
            let seg = Segmenter::new(&rules.dict);
            (rules, seg)
        })
    }

    fn run_with(text: &str, headlines: &[String], dateline: Option<&str>) -> (Vec<Place>, Vec<String>) {
        let (rules, seg) = setup();
        let tokens = seg.tokens(text);
        let ctx = Context {
            text,
            tokens: &tokens,
            reference_date: None,
            dateline_place: dateline,
            headlines,
        };
        let mut warnings = Vec::new();
        let places = extract(&rules.places, &ctx, &mut warnings);
        (places, warnings)
    }

    fn run(text: &str) -> Vec<Place> {
        run_with(text, &[], None).0
    }

    fn texts(places: &[Place]) -> Vec<&str> {
        places.iter().map(|p| p.text.as_str()).collect()
    }

    fn find<'a>(places: &'a [Place], text: &str) -> &'a Place {
        places
            .iter()
            .find(|p| p.text == text)
            .unwrap_or_else(|| panic!("no place `{text}` in {:?}", texts(places)))
    }

    #[test]
    fn short_forms_resolve_to_full_names_with_codes_and_parents() {
        let places = run("浙江宁波、义乌和云和的外贸企业。");
        assert_eq!(texts(&places), ["浙江", "宁波", "义乌", "云和"]);
        let zj = find(&places, "浙江");
        assert_eq!((zj.name.as_str(), zj.code.as_deref()), ("浙江省", Some("330000")));
        assert_eq!(zj.level, PlaceLevel::Province);
        let nb = find(&places, "宁波");
        assert_eq!((nb.name.as_str(), nb.code.as_deref()), ("宁波市", Some("330200")));
        assert_eq!(nb.parents, ["浙江省"]);
        assert_eq!(nb.rule, "short-form");
        let yw = find(&places, "义乌");
        assert_eq!((yw.name.as_str(), yw.code.as_deref()), ("义乌市", Some("330782")));
        assert_eq!(yw.parents, ["浙江省", "金华市"]);
        assert_eq!(yw.span, [5, 7]);
        let yh = find(&places, "云和");
        assert_eq!((yh.name.as_str(), yh.code.as_deref()), ("云和县", Some("331125")));
    }

    #[test]
    fn autonomous_regions_have_short_forms() {
        let places = run("新疆、内蒙古、广西、宁夏和西藏的代表");
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "新疆维吾尔自治区",
                "内蒙古自治区",
                "广西壮族自治区",
                "宁夏回族自治区",
                "西藏自治区"
            ]
        );
    }

    #[test]
    fn full_names_and_townships() {
        let places = run("丽水市云和县浮云街道和松阳县檀溪镇都在浙江省。");
        assert_eq!(
            texts(&places),
            ["丽水市", "云和县", "浮云街道", "松阳县", "檀溪镇", "浙江省"]
        );
        let fy = find(&places, "浮云街道");
        assert_eq!(fy.level, PlaceLevel::Township);
        assert_eq!(fy.code.as_deref().map(str::len), Some(9));
        assert_eq!(fy.parents, ["浙江省", "丽水市", "云和县"]);
        assert_eq!(fy.rule, "division");
    }

    #[test]
    fn village_after_township() {
        let places = run("在浦江县檀溪镇潘周家村，村民们忙着。");
        let v = find(&places, "潘周家村");
        assert_eq!(v.level, PlaceLevel::Village);
        assert_eq!(v.code, None);
        assert_eq!(v.parents, ["浙江省", "金华市", "浦江县", "檀溪镇"]);
        assert_eq!(v.rule, "village");
        assert!(
            run("檀溪镇农村面貌一新")
                .iter()
                .all(|p| p.level != PlaceLevel::Village)
        );
    }

    #[test]
    fn traps_inside_longer_words_are_not_places() {
        for (text, not) in [
            ("他毕业于中山大学。", "中山"),
            ("企业出海门槛降低。", "海门"),
            ("扩大合作范围。", "合作"),
            ("主城区交通拥堵。", "城区"),
            ("沿着龙泉溪一路向下。", "龙泉"),
            ("海关总署发布数据。", "海关"),
            ("漫步南京路步行街。", "南京"),
            ("宁波银行发布年报。", "宁波"),
            ("上海关注民生。", "海关"),
        ] {
            let places = run(text);
            assert!(
                places
                    .iter()
                    .all(|p| !p.text.contains(not) || p.text.len() > not.len() && p.text != not),
                "help: `{not}` in {text:?} is not a place; got {:?}",
                texts(&places)
            );
        }
        assert_eq!(texts(&run("上海关注民生。")), ["上海"]);
        assert!(run("共建一带一路，RCEP生效。").is_empty());
    }

    #[test]
    fn full_name_may_head_a_longer_word() {
        let places = run("浙江省委召开会议，义乌市场繁荣。");
        assert_eq!(texts(&places), ["浙江省", "义乌"]);
        let places = run("浙江省江山市");
        assert_eq!(texts(&places), ["浙江省", "江山市"]);
    }

    #[test]
    fn aliases_and_nicknames() {
        let places = run("杭城、鹏城、羊城和申城的市民，我国经济。");
        let got: Vec<(&str, Option<&str>)> = places
            .iter()
            .map(|p| (p.name.as_str(), p.code.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("杭州市", Some("330100")),
                ("深圳市", Some("440300")),
                ("广州市", Some("440100")),
                ("上海市", Some("310000")),
                ("中国", Some("CN")),
            ]
        );
        assert_eq!(places[0].rule, "nickname");
        assert_eq!(places[4].rule, "country-alias");
    }

    #[test]
    fn countries_regions_blocs_and_cities() {
        let places =
            run("美国、英国、俄罗斯、韩国、朝鲜、越南、墨西哥与东盟、欧盟、中东、拉美、非洲、长三角；纽约");
        let got: Vec<(&str, Option<&str>, PlaceLevel)> = places
            .iter()
            .map(|p| (p.name.as_str(), p.code.as_deref(), p.level))
            .collect();
        use PlaceLevel::*;
        assert_eq!(
            got,
            [
                ("美国", Some("US"), Country),
                ("英国", Some("GB"), Country),
                ("俄罗斯", Some("RU"), Country),
                ("韩国", Some("KR"), Country),
                ("朝鲜", Some("KP"), Country),
                ("越南", Some("VN"), Country),
                ("墨西哥", Some("MX"), Country),
                ("东盟", None, Bloc),
                ("欧盟", None, Bloc),
                ("中东", None, Region),
                ("拉美", None, Region),
                ("非洲", None, Region),
                ("长三角", None, Region),
                ("纽约", None, City),
            ]
        );
        assert_eq!(places.last().unwrap().parents, ["美国"]);
    }

    #[test]
    fn ambiguous_name_without_context_has_no_code_and_warns() {
        let (places, warnings) = run_with("鼓楼区举行活动。", &[], None);
        assert_eq!(places.len(), 1);
        assert_eq!(places[0].name, "鼓楼区");
        assert_eq!(places[0].code, None);
        assert_eq!(places[0].level, PlaceLevel::County);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].contains("320106") && warnings[0].contains("350102"),
            "{}",
            warnings[0]
        );
    }

    #[test]
    fn ambiguous_name_takes_the_ancestor_named_nearby() {
        let (places, warnings) = run_with("福州市鼓楼区举行活动。", &[], None);
        assert_eq!(find(&places, "鼓楼区").code.as_deref(), Some("350102"));
        assert!(warnings.is_empty(), "{warnings:?}");
        // The sentence beats the paragraph.
        let (places, _) = run_with("南京召开会议。会后，徐州鼓楼区代表发言。", &[], None);
        assert_eq!(find(&places, "鼓楼区").code.as_deref(), Some("320302"));
        // Headlines and the dateline count too.
        let (places, _) = run_with("鼓楼区举行活动。", &["福州新闻".to_owned()], None);
        assert_eq!(find(&places, "鼓楼区").code.as_deref(), Some("350102"));
        let (places, _) = run_with("城关镇举行活动。", &[], Some("云和"));
        let p = find(&places, "城关镇");
        assert!(
            p.code.is_none() || p.parents.contains(&"云和县".to_owned()),
            "{p:?}"
        );
    }

    #[test]
    fn namesake_above_the_others_is_preferred() {
        let places = run("吉林和海南两省");
        assert_eq!(places[0].code.as_deref(), Some("220000"));
        assert_eq!(places[1].code.as_deref(), Some("460000"));
        let places = run("湘潭的城塘社区");
        assert_eq!(places[0].code.as_deref(), Some("430300"));
    }

    #[test]
    fn rule_file_examples_hold() {
        let (rules, _) = setup();
        assert!(
            rules.places.examples.len() >= 8,
            "{}",
            rules.places.examples.len()
        );
        for ex in &rules.places.examples {
            let places = run(&ex.text);
            let at = format!("{}:{} ({})", ex.path, ex.line, ex.rule);
            let same_surface = |p: &&Place| ex.surface.as_ref().is_none_or(|s| &p.text == s);
            if ex.none {
                assert!(
                    !places.iter().any(|p| same_surface(&p)),
                    "help: example at {at} expects no place; got {:?}",
                    texts(&places)
                );
                continue;
            }
            let Some(p) = places.iter().find(same_surface) else {
                panic!(
                    "help: example at {at} expects {:?}; got {:?}",
                    ex.surface,
                    texts(&places)
                );
            };
            if let Some(name) = &ex.name {
                assert_eq!(&p.name, name, "help: example at {at}");
            }
            if let Some(code) = &ex.code {
                assert_eq!(p.code.as_ref(), Some(code), "help: example at {at}");
            }
            assert_eq!(
                p.rule, ex.rule,
                "help: example at {at} should be found by its own rule"
            );
        }
    }

    #[test]
    fn city_districts_and_county_towns_need_their_ancestor() {
        let (places, warnings) = run_with("朝阳区的居民", &[], None);
        assert_eq!(places[0].code, None);
        assert!(warnings[0].contains("110105"), "{}", warnings[0]);
        let (places, _) = run_with("北京市朝阳区的居民", &[], None);
        assert_eq!(places[1].code.as_deref(), Some("110105"));
        assert_eq!(places[1].parents, ["北京市"]);
        let (places, warnings) = run_with("城关镇的居民", &[], None);
        assert_eq!(places[0].code, None);
        assert!(warnings[0].contains("and 80 more"), "{}", warnings[0]);
        let (places, warnings) = run_with("甘肃省永登县城关镇的居民", &[], None);
        assert_eq!(places[2].parents, ["甘肃省", "兰州市", "永登县"]);
        assert!(places[2].code.is_some() && warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn heads_of_words_and_short_full_names() {
        assert_eq!(texts(&run("印度政府和法国人")), ["印度", "法国"]);
        assert_eq!(texts(&run("香港回归祖国")), ["香港"]);
        assert!(run("他在中国银行工作").is_empty());
        assert!(run("乡镇和县级财政").is_empty(), "help: 和|县 is not 和县");
        assert!(run("北京时间4月20日").is_empty());
        assert!(run("来宾们在歌舞声中祝愿").is_empty());
        let places = run("南通市海门区的企业");
        assert_eq!(texts(&places), ["南通市", "海门区"]);
    }

    #[test]
    fn touching_full_names_form_an_address() {
        let places = run("江西南昌市新建区松湖镇");
        assert_eq!(texts(&places), ["江西", "南昌市", "新建区", "松湖镇"]);
        assert_eq!(places[3].parents, ["江西省", "南昌市", "新建区"]);
    }

    #[test]
    fn arbitrary_text_is_safe() {
        for text in [
            "",
            "村",
            "镇村",
            "檀溪镇",
            "檀溪镇村村",
            "\n\n",
            "a浙江b",
            "😀浙江😀",
        ] {
            let _ = run(text);
        }
        let (rules, _) = setup();
        let words = Tokens::new(None, "浙江宁波");
        let ctx = Context {
            text: "浙江宁波",
            tokens: &words,
            reference_date: None,
            dateline_place: None,
            headlines: &[],
        };
        let mut w = Vec::new();
        assert_eq!(extract(&rules.places, &ctx, &mut w).len(), 2);
    }
}
