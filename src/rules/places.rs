//! Gazetteer, aliases, nicknames, regions and stop lists (`rules/places.toml`, `rules/places/`).
//!
//! Every name a place may go by (full division names, derived short forms, aliases,
//! countries, regions, foreign cities, stop words) becomes one pattern of a single
//! char trie ([`NameTrie`]) built here, once per run. A pattern maps to its possible
//! places ([`Target`]); the extractor judges each match against the jieba tokens and
//! settles ambiguity from the article's context.
//!
//! Short forms are derived by rule rather than listed: strip the suffix (`省`, `市`,
//! `自治州`…) and ethnic names, keep the rest when it has at least `min_chars`
//! characters, is not in `never`, and (for counties) is not a common jieba word
//! according to `places/common_words.tsv`. Townships never get a short form.

use super::examples::{ExampleKind, ExampleSpec, RuleExample, compile_all};
use super::names::NameTrie;
use super::{RuleDir, RuleError, columns, read_or_record, tsv_rows};
use crate::record::PlaceLevel;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;

/// One place the gazetteer knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Canonical name (`宁波市`, `美国`, `东盟`).
    pub name: String,
    /// Division code (6 or 9 digits) or ISO 3166-1 alpha-2; `None` for regions.
    pub code: Option<String>,
    /// Level.
    pub level: PlaceLevel,
    /// Index of the parent entity (a division's parent, a foreign city's country).
    pub parent: Option<u32>,
}

/// How a surface form names an entity; earlier variants win over later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Via {
    /// The canonical name itself.
    Full,
    /// An alias or nickname from the rule file.
    Alias,
    /// A derived short form.
    Short,
}

/// One entity a surface form may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// Index into [`PlaceRules::entities`].
    pub entity: u32,
    /// How the surface names it.
    pub via: Via,
    /// Index into [`PlaceRules::rule_ids`].
    pub rule: u16,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Surface {
    /// Places it may name; empty for a pure stop word.
    pub targets: Vec<Target>,
    /// A stop word: never a place, and hides places inside it.
    pub stop: bool,
}

/// What an automaton pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcPattern {
    /// A surface (index into [`PlaceRules::surfaces`]).
    Surface(u32),
    /// A township suffix (镇, 街道): look the name up in [`PlaceRules::townships`].
    TownshipEnd,
}

/// An open-addressing hash index from names to entities (several may share one),
/// built in about a millisecond where sorting 40,000 names takes tens. Names are hashed
/// by their chars from the last one back, so a look-up of every name ending at one
/// place of a text (檀溪|镇) grows one hash as it goes back instead of hashing each
/// length anew.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    /// Entity index + 1 and the high half of its name's hash per slot; 0 is empty.
    slots: Vec<(u32, u32)>,
}

const HASH_SEED: u64 = 0xcbf2_9ce4_8422_2325;

/// One more char (going backwards) into a name's hash.
fn hash_char(h: u64, c: char) -> u64 {
    (h ^ u64::from(c))
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(29)
}

fn name_hash(name: &str) -> u64 {
    name.chars().rev().fold(HASH_SEED, hash_char)
}

impl NameIndex {
    fn build(entities: &[Entity], ids: &[u32]) -> NameIndex {
        let size = (ids.len() * 3).next_power_of_two().max(16);
        let mask = size - 1;
        let mut slots = vec![(0u32, 0u32); size];
        // Ascending ids, linear probing: namesakes come back in id order.
        for &id in ids {
            let h = name_hash(&entities[id as usize].name);
            let mut at = h as usize & mask;
            while slots[at].0 != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = (id + 1, (h >> 32) as u32);
        }
        NameIndex { slots }
    }

    /// Entities named exactly `name`, in id order.
    pub fn get(&self, entities: &[Entity], name: &str) -> Vec<u32> {
        let mut out = Vec::new();
        self.probe(name_hash(name), |id| {
            if entities.get(id as usize).is_some_and(|e| e.name == name) {
                out.push(id);
            }
        });
        out
    }

    /// Entities whose name is one of `chars[end - len..end]` for `len` in `lens`,
    /// longest first, each length in id order: `f(len, entity)`.
    pub fn ending_at(
        &self,
        entities: &[Entity],
        chars: &[char],
        end: usize,
        lens: std::ops::RangeInclusive<usize>,
        mut f: impl FnMut(usize, u32),
    ) {
        let (lo, hi) = (*lens.start(), (*lens.end()).min(end));
        if self.slots.is_empty() || lo > hi || end > chars.len() {
            return;
        }
        // Hashes of the names ending at `end`, by length.
        let mut hashes = [0u64; 32];
        if hi >= hashes.len() {
            // Longer than any real township: the plain look-up keeps it correct.
            for len in (lo..=hi).rev() {
                let name: String = chars[end - len..end].iter().collect();
                for id in self.get(entities, &name) {
                    f(len, id);
                }
            }
            return;
        }
        let mut h = HASH_SEED;
        for len in 1..=hi {
            h = hash_char(h, chars[end - len]);
            hashes[len] = h;
        }
        for len in (lo..=hi).rev() {
            let want = &chars[end - len..end];
            self.probe(hashes[len], |id| {
                if entities
                    .get(id as usize)
                    .is_some_and(|e| e.name.chars().eq(want.iter().copied()))
                {
                    f(len, id);
                }
            });
        }
    }

    /// Calls `f` with every entity in the probe run of `h` whose hash matches.
    fn probe(&self, h: u64, mut f: impl FnMut(u32)) {
        if self.slots.is_empty() {
            return;
        }
        let mask = self.slots.len() - 1;
        let mut at = h as usize & mask;
        let high = (h >> 32) as u32;
        while let Some(&(slot, check)) = self.slots.get(at).filter(|s| s.0 != 0) {
            if check == high {
                f(slot - 1);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Village rule: `…村` right after a township or county.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VillageRule {
    /// Index into [`PlaceRules::rule_ids`].
    pub rule: u16,
    /// Most characters before `村`.
    pub max_chars: usize,
    /// Prefixes a village name never starts with.
    pub never_start: Vec<String>,
    /// Endings that make it an ordinary word (农村, 乡村).
    pub never_end: Vec<String>,
}

/// Words as chars, grouped by their first char: every place candidate asks which of
/// them follow it, and going through the whole list for each (a compare per word) was
/// most of what judging a candidate cost besides segmenting.
#[derive(Debug, Clone, Default)]
pub struct SuffixList {
    /// Where each first char's words lie in `words`.
    firsts: super::FirstCharGroups,
    /// The words, grouped by first char; inside a group in the order given.
    words: Vec<Vec<char>>,
}

impl SuffixList {
    /// The list of `words`; empty words are left out.
    pub fn new(words: Vec<Vec<char>>) -> SuffixList {
        let mut words: Vec<Vec<char>> = words.into_iter().filter(|w| !w.is_empty()).collect();
        // A stable sort keeps the given order inside each group.
        words.sort_by_key(|w| w[0]);
        let firsts = super::FirstCharGroups::of_sorted(words.iter().map(|w| w[0]));
        SuffixList { firsts, words }
    }

    /// Whether a word that `text` starts with satisfies `ok` (given the word's length in
    /// chars); the words are tried in the order given.
    pub fn any_starting(&self, text: &[char], mut ok: impl FnMut(usize) -> bool) -> bool {
        let Some(&first) = text.first() else {
            return false;
        };
        self.words[self.firsts.range(first)]
            .iter()
            .any(|w| text.starts_with(w) && ok(w.len()))
    }
}

/// Compiled places rules.
#[derive(Debug, Clone, Default)]
pub struct PlaceRules {
    /// Every known place; parents by index.
    pub entities: Vec<Entity>,
    /// What each automaton pattern stands for, by pattern id.
    pub surfaces: Vec<Surface>,
    /// The name of each surface, by surface id.
    pub patterns: Vec<String>,
    /// What each automaton pattern is: a surface, or the end of a township name.
    pub ac_patterns: Vec<AcPattern>,
    /// Townships matched by their typical suffix, by name; looked up backwards from
    /// a suffix hit rather than kept in the automaton, which keeps the automaton
    /// small and quick to build.
    pub townships: NameIndex,
    /// Shortest and longest township name in `townships`, in chars.
    pub township_chars: (usize, usize),
    /// Rule id index for townships found through `townships`.
    pub division_rule: u16,
    /// Rule ids; places carry `rule_ids[target.rule]`.
    pub rule_ids: Vec<String>,
    /// Every pattern in one trie (every occurrence is found; the extractor picks).
    pub matcher: Option<NameTrie>,
    /// Words that, right after a place and ending on a word boundary, make it part of
    /// an organisation, road or river name.
    pub veto_suffixes: SuffixList,
    /// The village rule.
    pub village: VillageRule,
    /// Prefer the province when a short form names it and something below it.
    pub prefer_province: bool,
    /// Examples embedded in the file, for `baokan rules test`.
    pub examples: Vec<RuleExample>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    ids: IdsSpec,
    short_forms: ShortSpec,
    townships: TownshipSpec,
    #[serde(default)]
    division: Vec<Spanned<DivisionSpec>>,
    #[serde(default)]
    alias: Vec<Spanned<AliasSpec>>,
    #[serde(default)]
    historic: Vec<Spanned<HistoricSpec>>,
    #[serde(default)]
    region: Vec<Spanned<RegionSpec>>,
    #[serde(default)]
    city: Vec<Spanned<CitySpec>>,
    stop: StopSpec,
    suffix_veto: SuffixVetoSpec,
    village: VillageSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdsSpec {
    division: String,
    country: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShortSpec {
    id: String,
    levels: Vec<Spanned<String>>,
    suffixes: Vec<String>,
    #[serde(default)]
    ethnic: Vec<String>,
    min_chars: usize,
    place_tags: Vec<String>,
    place_min_freq: u64,
    name_tags: Vec<String>,
    name_min_freq: u64,
    word_min_freq: u64,
    #[serde(default)]
    never: Vec<String>,
    #[serde(default)]
    prefer_province: bool,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TownshipSpec {
    suffixes: Vec<String>,
    min_chars: usize,
    other_min_chars: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DivisionSpec {
    code: String,
    name: String,
    level: String,
    parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasSpec {
    id: String,
    to: String,
    words: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HistoricSpec {
    id: String,
    level: String,
    words: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionSpec {
    id: String,
    level: String,
    names: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CitySpec {
    id: String,
    country: String,
    names: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StopSpec {
    id: String,
    words: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SuffixVetoSpec {
    id: String,
    #[serde(default)]
    organisation: Vec<String>,
    #[serde(default)]
    road: Vec<String>,
    #[serde(default)]
    river: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VillageSpec {
    id: String,
    max_chars: usize,
    #[serde(default)]
    never_start: Vec<String>,
    #[serde(default)]
    never_end: Vec<String>,
    #[serde(default)]
    examples: Vec<Spanned<ExampleSpec>>,
}

/// Level of a division from the shape of its code.
fn level_of_code(code: &str) -> Option<PlaceLevel> {
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        9 => Some(PlaceLevel::Township),
        6 if code.ends_with("0000") => Some(PlaceLevel::Province),
        6 if code.ends_with("00") => Some(PlaceLevel::Prefecture),
        6 => Some(PlaceLevel::County),
        _ => None,
    }
}

fn parse_level(s: &str) -> Option<PlaceLevel> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
}

/// Builder state shared by the loading steps.
struct Builder {
    entities: Vec<Entity>,
    by_number: HashMap<u64, u32>,
    by_code: HashMap<String, u32>,
    by_name: HashMap<String, Vec<u32>>,
    surfaces: Vec<Surface>,
    patterns: Vec<String>,
    by_surface: HashMap<String, u32>,
    rule_ids: Vec<String>,
}

impl Builder {
    fn rule(&mut self, id: &str) -> u16 {
        if let Some(i) = self.rule_ids.iter().position(|r| r == id) {
            return i as u16;
        }
        self.rule_ids.push(id.to_owned());
        (self.rule_ids.len() - 1) as u16
    }

    fn entity(&mut self, e: Entity) -> u32 {
        let i = self.entities.len() as u32;
        if let Some(code) = &e.code {
            match numeric_code(code) {
                Some(n) => {
                    self.by_number.insert(n, i);
                }
                None => {
                    self.by_code.insert(code.clone(), i);
                }
            }
        }
        if !matches!(
            e.level,
            PlaceLevel::Province | PlaceLevel::Prefecture | PlaceLevel::County | PlaceLevel::Township
        ) {
            // Divisions are reached by code; their names need no index.
            self.by_name.entry(e.name.clone()).or_default().push(i);
        }
        self.entities.push(e);
        i
    }

    fn surface(&mut self, word: &str) -> &mut Surface {
        let id = match self.by_surface.get(word) {
            Some(&i) => i,
            None => {
                let i = self.surfaces.len() as u32;
                self.surfaces.push(Surface::default());
                self.patterns.push(word.to_owned());
                self.by_surface.insert(word.to_owned(), i);
                i
            }
        };
        &mut self.surfaces[id as usize]
    }

    /// One entity without code or parent per name (regions, blocs, former countries),
    /// each found by its full name.
    fn add_uncoded(&mut self, names: &[String], level: PlaceLevel, rule: u16) {
        for name in names {
            let i = self.entity(Entity {
                name: name.clone(),
                code: None,
                level,
                parent: None,
            });
            self.add(name, i, Via::Full, rule);
        }
    }

    fn add(&mut self, word: &str, entity: u32, via: Via, rule: u16) {
        if word.is_empty() {
            return;
        }
        let s = self.surface(word);
        match s.targets.iter_mut().find(|t| t.entity == entity) {
            // A more direct way to the same place wins (香港: alias over short form).
            Some(t) if via < t.via => *t = Target { entity, via, rule },
            Some(_) => {}
            None => s.targets.push(Target { entity, via, rule }),
        }
    }

    /// The entity with this code.
    fn code(&self, code: &str) -> Option<u32> {
        match numeric_code(code) {
            Some(n) => self.by_number.get(&n).copied(),
            None => self.by_code.get(code).copied(),
        }
    }

    /// A code, or else a unique canonical name.
    fn resolve(&self, to: &str) -> Result<u32, String> {
        if let Some(i) = self.code(to) {
            return Ok(i);
        }
        match self.by_name.get(to).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) => Err(format!(
                "`{to}` names {} places; write its code instead",
                many.len()
            )),
            None => Err(format!("`{to}` is neither a known code nor a known name")),
        }
    }
}

/// A division code as a number, for a map without string keys (44,000 of them).
fn numeric_code(code: &str) -> Option<u64> {
    (!code.is_empty() && code.len() <= 12 && code.bytes().all(|b| b.is_ascii_digit()))
        .then(|| code.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')))
}

impl PlaceRules {
    /// Loads and compiles `places.toml` and `places/*.tsv`, recording every problem.
    pub fn load(dir: &RuleDir, errors: &mut Vec<RuleError>) -> Option<PlaceRules> {
        let file = read_or_record(dir, "places.toml", errors)?;
        let divisions = read_or_record(dir, "places/divisions.tsv", errors);
        let countries = read_or_record(dir, "places/countries.tsv", errors);
        let common = read_or_record(dir, "places/common_words.tsv", errors);
        let spec = file.parse_toml::<Spec>(errors)?;
        let (divisions, countries, common) = (divisions?, countries?, common?);
        let before = errors.len();
        let mut b = Builder {
            entities: Vec::with_capacity(46_000),
            by_number: HashMap::with_capacity(46_000),
            by_code: HashMap::with_capacity(300),
            by_name: HashMap::with_capacity(1_000),
            surfaces: Vec::with_capacity(12_000),
            patterns: Vec::with_capacity(12_000),
            by_surface: HashMap::with_capacity(12_000),
            rule_ids: Vec::new(),
        };
        let mut examples = Vec::new();

        // Divisions: entities first, parents once all codes are known.
        let division_rule = b.rule(&spec.ids.division);
        let mut parents: Vec<(u32, &str, usize)> = Vec::with_capacity(46_000);
        for (line, row) in tsv_rows(&divisions) {
            let [code, name, parent] = match columns::<3>(row) {
                Ok(c) => c,
                Err(n) => {
                    errors.push(divisions.error_at_line(
                        line,
                        1,
                        format!("expected 3 tab-separated columns, found {n}"),
                        Some("columns are: code, name, parent code; rerun scripts/gen_places.py"),
                    ));
                    continue;
                }
            };
            let Some(level) = level_of_code(code) else {
                errors.push(divisions.error_at_line(
                    line,
                    1,
                    format!("`{code}` is not a 6- or 9-digit division code"),
                    Some("rerun scripts/gen_places.py"),
                ));
                continue;
            };
            let i = b.entity(Entity {
                name: name.to_owned(),
                code: Some(code.to_owned()),
                level,
                parent: None,
            });
            if !parent.is_empty() {
                parents.push((i, parent, line));
            }
        }
        for d in &spec.division {
            let span = d.span();
            let d = d.get_ref();
            let level = parse_level(&d.level);
            match (level_of_code(&d.code), level) {
                (Some(_), Some(level)) => {
                    let i = b.entity(Entity {
                        name: d.name.clone(),
                        code: Some(d.code.clone()),
                        level,
                        parent: None,
                    });
                    if let Some(p) = &d.parent {
                        let (line, _) = file.line_col(span.start);
                        parents.push((i, p.as_str(), line));
                    }
                }
                _ => errors.push(file.error_at(
                    span,
                    format!(
                        "division `{}`: bad code `{}` or level `{}`",
                        d.name, d.code, d.level
                    ),
                    Some("codes have 6 or 9 digits; levels are province, prefecture, county, township"),
                )),
            }
        }
        for (child, parent, line) in parents {
            match b.code(parent) {
                Some(p) => b.entities[child as usize].parent = Some(p),
                None => errors.push(divisions.error_at_line(
                    line,
                    1,
                    format!("parent code `{parent}` is not in the table"),
                    Some("rerun scripts/gen_places.py"),
                )),
            }
        }
        let division_count = b.entities.len();
        let ts = &spec.townships;
        let mut townships: Vec<u32> = Vec::with_capacity(42_000);
        let mut township_chars = (usize::MAX, 0);
        for i in 0..division_count {
            let e = &b.entities[i];
            if e.level == PlaceLevel::Township {
                // 街道, 农场, 开发区 are township names too, and ordinary words.
                let n = e.name.chars().count();
                let typical = ts.suffixes.iter().any(|x| e.name.ends_with(x.as_str()));
                if n < ts.min_chars || (!typical && n < ts.other_min_chars) {
                    continue;
                }
                if typical {
                    townships.push(i as u32);
                    township_chars = (township_chars.0.min(n), township_chars.1.max(n));
                    continue;
                }
            }
            let name = e.name.clone();
            b.add(&name, i as u32, Via::Full, division_rule);
        }
        let townships = NameIndex::build(&b.entities, &townships);

        // Countries.
        let country_rule = b.rule(&spec.ids.country);
        for (line, row) in tsv_rows(&countries) {
            let Ok([code, name]) = columns::<2>(row) else {
                errors.push(countries.error_at_line(
                    line,
                    1,
                    "expected 2 tab-separated columns: ISO code, name",
                    Some("rerun scripts/gen_places.py"),
                ));
                continue;
            };
            let i = b.entity(Entity {
                name: name.to_owned(),
                code: Some(code.to_owned()),
                level: PlaceLevel::Country,
                parent: None,
            });
            b.add(name, i, Via::Full, country_rule);
        }

        // Short forms.
        let short = &spec.short_forms;
        let short_rule = b.rule(&short.id);
        let mut levels = Vec::new();
        for l in &short.levels {
            match parse_level(l.get_ref()) {
                Some(level) => levels.push(level),
                None => errors.push(file.error_at(
                    l.span(),
                    format!("unknown level `{}`", l.get_ref()),
                    Some("short forms apply to province, prefecture or county"),
                )),
            }
        }
        let mut common_words: HashMap<&str, (u64, &str)> = HashMap::new();
        for (line, row) in tsv_rows(&common) {
            match columns::<3>(row) {
                Ok([w, f, t]) => match f.parse::<u64>() {
                    Ok(f) => {
                        common_words.insert(w, (f, t));
                    }
                    Err(_) => errors.push(common.error_at_line(
                        line,
                        1,
                        format!("frequency `{f}` is not a whole number"),
                        Some("rerun scripts/gen_places.py"),
                    )),
                },
                Err(_) => errors.push(common.error_at_line(
                    line,
                    1,
                    "expected 3 tab-separated columns: word, frequency, tag",
                    Some("rerun scripts/gen_places.py"),
                )),
            }
        }
        let mut suffixes: Vec<&str> = short.suffixes.iter().map(String::as_str).collect();
        suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut ethnic: Vec<String> = short
            .ethnic
            .iter()
            .flat_map(|e| [format!("{e}族"), e.clone()])
            .collect();
        ethnic.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for i in 0..division_count {
            let e = &b.entities[i];
            if !levels.contains(&e.level) {
                continue;
            }
            let Some(form) = short_form(&e.name, &suffixes, &ethnic, short.min_chars) else {
                continue;
            };
            if short.never.iter().any(|n| *n == form) {
                continue;
            }
            if e.level == PlaceLevel::County
                && let Some(&(freq, tag)) = common_words.get(form)
            {
                let limit = if short.place_tags.iter().any(|t| t == tag) {
                    short.place_min_freq
                } else if short.name_tags.iter().any(|t| t == tag) {
                    short.name_min_freq
                } else {
                    short.word_min_freq
                };
                if freq >= limit {
                    continue;
                }
            }
            let form = form.to_owned();
            b.add(&form, i as u32, Via::Short, short_rule);
        }

        examples.extend(compile_all(
            short.examples.clone(),
            &file,
            &short.id,
            ExampleKind::Place,
            errors,
        ));

        // Regions and blocs.
        for r in &spec.region {
            let span = r.span();
            let r = r.get_ref();
            let level = match parse_level(&r.level) {
                Some(l @ (PlaceLevel::Region | PlaceLevel::Bloc)) => l,
                _ => {
                    errors.push(file.error_at(
                        span,
                        format!("region level `{}` is neither region nor bloc", r.level),
                        Some("write level = \"region\" or level = \"bloc\""),
                    ));
                    continue;
                }
            };
            let rule = b.rule(&r.id);
            b.add_uncoded(&r.names, level, rule);
            examples.extend(compile_all(
                r.examples.clone(),
                &file,
                &r.id,
                ExampleKind::Place,
                errors,
            ));
        }

        // Historic countries: no code.
        for h in &spec.historic {
            let span = h.span();
            let h = h.get_ref();
            let Some(level) = parse_level(&h.level) else {
                errors.push(file.error_at(span, format!("unknown level `{}`", h.level), Some("use country")));
                continue;
            };
            let rule = b.rule(&h.id);
            b.add_uncoded(&h.words, level, rule);
            examples.extend(compile_all(
                h.examples.clone(),
                &file,
                &h.id,
                ExampleKind::Place,
                errors,
            ));
        }

        // Foreign cities.
        for c in &spec.city {
            let span = c.span();
            let c = c.get_ref();
            let country = match b.code(&c.country) {
                Some(i) if b.entities[i as usize].level == PlaceLevel::Country => i,
                _ => {
                    errors.push(file.error_at(
                        span,
                        format!(
                            "country `{}` is not an ISO code in places/countries.tsv",
                            c.country
                        ),
                        Some("write the two-letter code, e.g. country = \"US\""),
                    ));
                    continue;
                }
            };
            let rule = b.rule(&c.id);
            for name in &c.names {
                let i = b.entity(Entity {
                    name: name.clone(),
                    code: None,
                    level: PlaceLevel::City,
                    parent: Some(country),
                });
                b.add(name, i, Via::Full, rule);
            }
            examples.extend(compile_all(
                c.examples.clone(),
                &file,
                &c.id,
                ExampleKind::Place,
                errors,
            ));
        }

        // Aliases last: they point at anything above.
        for a in &spec.alias {
            let span = a.span();
            let a = a.get_ref();
            match b.resolve(&a.to) {
                Ok(target) => {
                    let rule = b.rule(&a.id);
                    for w in &a.words {
                        b.add(w, target, Via::Alias, rule);
                    }
                }
                Err(msg) => errors.push(file.error_at(
                    span,
                    format!("alias `{}`: {msg}", a.id),
                    Some("`to` is a division code (330100), an ISO code (US) or a region's name"),
                )),
            }
            examples.extend(compile_all(
                a.examples.clone(),
                &file,
                &a.id,
                ExampleKind::Place,
                errors,
            ));
        }

        // Stop words: a surface of their own that hides what is inside.
        for w in &spec.stop.words {
            if !w.is_empty() {
                b.surface(w).stop = true;
            }
        }
        examples.extend(compile_all(
            spec.stop.examples.clone(),
            &file,
            &spec.stop.id,
            ExampleKind::Place,
            errors,
        ));

        let sv = &spec.suffix_veto;
        let mut veto_suffixes: Vec<Vec<char>> = sv
            .organisation
            .iter()
            .chain(&sv.road)
            .chain(&sv.river)
            .filter(|s| !s.is_empty())
            .map(|s| s.chars().collect())
            .collect();
        veto_suffixes.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        veto_suffixes.dedup();
        let veto_suffixes = SuffixList::new(veto_suffixes);
        examples.extend(compile_all(
            sv.examples.clone(),
            &file,
            &sv.id,
            ExampleKind::Place,
            errors,
        ));

        let village = VillageRule {
            rule: b.rule(&spec.village.id),
            max_chars: spec.village.max_chars,
            never_start: spec.village.never_start.clone(),
            never_end: spec.village.never_end.clone(),
        };
        examples.extend(compile_all(
            spec.village.examples.clone(),
            &file,
            &spec.village.id,
            ExampleKind::Place,
            errors,
        ));

        if errors.len() != before {
            return None;
        }
        let mut ac_patterns: Vec<AcPattern> = (0..b.patterns.len() as u32).map(AcPattern::Surface).collect();
        let mut ac_words: Vec<&str> = b.patterns.iter().map(String::as_str).collect();
        for suffix in &ts.suffixes {
            if !suffix.is_empty() {
                ac_patterns.push(AcPattern::TownshipEnd);
                ac_words.push(suffix);
            }
        }
        let matcher = NameTrie::new(ac_words.iter().copied());
        Some(PlaceRules {
            entities: b.entities,
            surfaces: b.surfaces,
            patterns: b.patterns,
            ac_patterns,
            townships,
            township_chars: if township_chars.1 == 0 {
                (0, 0)
            } else {
                township_chars
            },
            division_rule,
            rule_ids: b.rule_ids,
            matcher: Some(matcher),
            veto_suffixes,
            village,
            prefer_province: short.prefer_province,
            examples,
        })
    }

    /// Canonical names of an entity's ancestors, top down.
    pub fn parent_names(&self, entity: u32) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = self.entities.get(entity as usize).and_then(|e| e.parent);
        while let Some(p) = cur {
            let Some(e) = self.entities.get(p as usize) else {
                break;
            };
            out.push(e.name.clone());
            cur = e.parent;
            if out.len() > 8 {
                break; // a cycle in user data must not hang the run
            }
        }
        out.reverse();
        out
    }

    /// An entity's ancestors top down (a province first), without allocating.
    pub fn lineage(&self, entity: u32) -> ([u32; 8], usize) {
        let mut up = [0u32; 8];
        let mut n = 0;
        let mut cur = self.entities.get(entity as usize).and_then(|e| e.parent);
        while let Some(p) = cur {
            if n == up.len() {
                break; // a cycle in user data must not hang the run
            }
            up[n] = p;
            n += 1;
            cur = self.entities.get(p as usize).and_then(|e| e.parent);
        }
        up[..n].reverse();
        (up, n)
    }

    /// Townships whose full name is exactly `name`.
    pub fn townships_named(&self, name: &str) -> Vec<u32> {
        self.townships.get(&self.entities, name)
    }

    /// Entities whose code is `code`, for tests and tools.
    pub fn by_code(&self, code: &str) -> Option<u32> {
        self.entities
            .iter()
            .position(|e| e.code.as_deref() == Some(code))
            .map(|i| i as u32)
    }
}

/// The short form of a division name, if the rule gives one.
fn short_form<'a>(name: &'a str, suffixes: &[&str], ethnic: &[String], min_chars: usize) -> Option<&'a str> {
    let suffix = suffixes
        .iter()
        .find(|s| name.ends_with(**s) && name.len() > s.len())?;
    let mut rest = &name[..name.len() - suffix.len()];
    if suffix.starts_with("自治") || suffix.ends_with("自治区") {
        'strip: loop {
            for e in ethnic {
                if rest.ends_with(e.as_str()) {
                    let shorter = &rest[..rest.len() - e.len()];
                    // 内蒙古 and 西藏 keep their names: stripping would leave too little.
                    if shorter.chars().count() >= min_chars {
                        rest = shorter;
                        continue 'strip;
                    }
                }
            }
            break;
        }
    }
    (rest.chars().count() >= min_chars).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(name: &str) -> Option<&str> {
        let suffixes = ["特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县"];
        let ethnic: Vec<String> = ["维吾尔", "壮族", "土家族", "苗族", "回族", "蒙古"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        short_form(name, &suffixes, &ethnic, 2)
    }

    #[test]
    fn short_forms_strip_suffix_and_ethnic_names() {
        assert_eq!(strip("浙江省"), Some("浙江"));
        assert_eq!(strip("新疆维吾尔自治区"), Some("新疆"));
        assert_eq!(strip("广西壮族自治区"), Some("广西"));
        assert_eq!(strip("恩施土家族苗族自治州"), Some("恩施"));
        assert_eq!(strip("香港特别行政区"), Some("香港"));
        assert_eq!(strip("云和县"), Some("云和"));
        assert_eq!(strip("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(
            strip("城区"),
            None,
            "help: one character left is not a short form"
        );
        assert_eq!(strip("北京"), None);
    }

    #[test]
    fn levels_follow_codes() {
        assert_eq!(level_of_code("330000"), Some(PlaceLevel::Province));
        assert_eq!(level_of_code("330200"), Some(PlaceLevel::Prefecture));
        assert_eq!(level_of_code("330782"), Some(PlaceLevel::County));
        assert_eq!(level_of_code("331125103"), Some(PlaceLevel::Township));
        assert_eq!(level_of_code("33"), None);
        assert_eq!(level_of_code("33x200"), None);
    }

    #[test]
    fn bundled_gazetteer_has_codes_parents_and_short_forms() {
        let mut errors = Vec::new();
        let rules = PlaceRules::load(&RuleDir::Bundled, &mut errors).expect("bundled rules load");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(rules.entities.len() > 44_000, "{}", rules.entities.len());
        let yiwu = rules.by_code("330782").unwrap();
        assert_eq!(rules.entities[yiwu as usize].name, "义乌市");
        assert_eq!(rules.parent_names(yiwu), ["浙江省", "金华市"]);
        let look = |w: &str| {
            rules
                .patterns
                .iter()
                .position(|p| p == w)
                .map(|i| &rules.surfaces[i])
        };
        for (short, code) in [
            ("浙江", "330000"),
            ("新疆", "650000"),
            ("义乌", "330782"),
            ("云和", "331125"),
        ] {
            let s = look(short).unwrap_or_else(|| panic!("no short form {short}"));
            assert!(
                s.targets
                    .iter()
                    .any(|t| rules.entities[t.entity as usize].code.as_deref() == Some(code)),
                "help: {short} should name {code}"
            );
        }
        for common in ["合作", "资源", "和平"] {
            assert!(
                look(common).is_none_or(|s| s.targets.iter().all(|t| t.via != Via::Short)),
                "help: {common} is a common word, not a short form"
            );
        }
        assert!(look("城区").unwrap().stop);
        assert_eq!(rules.townships_named("城关镇").len(), 88);
        assert_eq!(rules.townships_named("檀溪镇").len(), 1);
        assert!(rules.townships_named("街道").is_empty());
    }

    #[test]
    fn bad_alias_target_is_reported_with_position() {
        let dir = tempfile::tempdir().unwrap();
        let bundled = |name: &str| RuleDir::Bundled.read(name).unwrap().text;
        std::fs::create_dir_all(dir.path().join("places")).unwrap();
        for name in [
            "places/divisions.tsv",
            "places/countries.tsv",
            "places/common_words.tsv",
        ] {
            std::fs::write(dir.path().join(name), bundled(name)).unwrap();
        }
        let toml = bundled("places.toml").replace("to = \"330100\"", "to = \"999999\"");
        std::fs::write(dir.path().join("places.toml"), toml).unwrap();
        let mut errors = Vec::new();
        assert!(PlaceRules::load(&RuleDir::Disk(dir.path().to_path_buf()), &mut errors).is_none());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("999999"), "{}", errors[0].message);
        assert!(errors[0].line > 1);
    }

    #[test]
    fn trie_finds_what_an_overlapping_scan_finds() {
        let mut errors = Vec::new();
        let rules = PlaceRules::load(&RuleDir::Bundled, &mut errors).expect("bundled rules load");
        let words = [
            "浙江",
            "浙江省",
            "江山",
            "江山市",
            "山",
            "省委",
            "中国",
            "国",
            "😀x",
            "镇",
        ];
        let trie = NameTrie::new(words.iter().copied());
        let ac = aho_corasick::AhoCorasick::new(words).unwrap();
        let mut texts = vec![
            "浙江省江山市委，中国人😀x镇镇".to_owned(),
            String::new(),
            "浙".to_owned(),
        ];
        texts.push(include_str!("../../input/zjrb-2026-01-22.txt").to_owned());
        // Names across the 256-char blocks of the filter, and a name by itself at the
        // very end.
        texts.push(format!(
            "{}浙江省{}中国{}镇",
            "好".repeat(255),
            "好".repeat(253),
            "好".repeat(254)
        ));
        for text in &texts {
            let chars: Vec<char> = text.chars().collect();
            let char_at = |b: usize| text[..b].chars().count();
            let mut want: Vec<(usize, usize, u32)> = ac
                .find_overlapping_iter(text.as_str())
                .map(|m| (char_at(m.start()), char_at(m.end()), m.pattern().as_u32()))
                .collect();
            let mut got = Vec::new();
            trie.find_all(&chars, |s, e, id| got.push((s, e, id)));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{text}");
        }
        // The bundled gazetteer on the sample page: the same surfaces as aho-corasick.
        let Some(matcher) = &rules.matcher else {
            panic!("no matcher")
        };
        let ac = aho_corasick::AhoCorasick::new(&rules.patterns).unwrap();
        let text = &texts[3];
        let chars: Vec<char> = text.chars().collect();
        let mut want: Vec<(usize, usize, u32)> = ac
            .find_overlapping_iter(text.as_str())
            .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
            .collect();
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let mut got = Vec::new();
        matcher.find_all(&chars, |s, e, id| {
            if (id as usize) < rules.patterns.len() {
                got.push((bytes[s], bytes[e], id));
            }
        });
        want.sort_unstable();
        got.sort_unstable();
        assert!(got.len() > 100, "{}", got.len());
        assert_eq!(got, want);
    }
}
