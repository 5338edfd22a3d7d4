//! Measures place extraction on the shared development sets (skips without `../shared`).
//!
//! - `places.dev.jsonl` (People's Daily 1998 and MSRA sentences): precision on every
//!   prediction; recall on every gold place and on the gold places the gazetteer can
//!   know (the gold text is one of its names). A prediction inside an `ORG` span of
//!   `other_entities` counts neither way. A prediction is right when it lies inside a
//!   gold place span (浙江省 inside 浙江省杭州市 is right); strict counts need equal spans.
//! - `places_admin.dev.jsonl`: the deepest place found must carry the expected
//!   province, prefecture and county.
//!
//! Prints a table; asserts floors a little under what the rules reach today.

use baokan::extract::{Context, places};
use baokan::record::{Place, PlaceLevel};
use baokan::rules::Rules;
use baokan::segment::Segmenter;
use serde::Deserialize;
use std::collections::HashSet;
use std::path::Path;

#[derive(Deserialize)]
struct Span {
    text: String,
    start: usize,
    end: usize,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    expect: Vec<Span>,
    #[serde(default)]
    other_entities: Vec<Span>,
    #[serde(default)]
    origin: String,
    #[serde(default)]
    admin: Option<Admin>,
}

#[derive(Deserialize)]
struct Admin {
    province: Option<String>,
    city: Option<String>,
    county: Option<String>,
}

fn shared() -> Option<&'static Path> {
    let p = Path::new("../shared/eval");
    p.is_dir().then_some(p)
}

fn load(path: &Path) -> Vec<Case> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

struct Setup {
    rules: Rules,
    seg: Segmenter,
    known: HashSet<String>,
}

fn setup() -> Setup {
    let t = std::time::Instant::now();
    let mut errors = Vec::new();
    let places = baokan::rules::places::PlaceRules::load(&baokan::rules::RuleDir::Bundled, &mut errors);
    assert!(places.is_some() && errors.is_empty(), "{errors:?}");
    println!(
        "places rules load: {:.1} ms (wall, this build profile)",
        t.elapsed().as_secs_f64() * 1e3
    );
    let rules = Rules::bundled().unwrap();
    let seg = Segmenter::new(&rules.dict);
    let p = &rules.places;
    let known = p
        .patterns
        .iter()
        .zip(&p.surfaces)
        .filter(|(_, s)| {
            !s.stop
                && s.targets.iter().any(|t| {
                    matches!(
                        p.entities[t.entity as usize].level,
                        PlaceLevel::Country
                            | PlaceLevel::Province
                            | PlaceLevel::Prefecture
                            | PlaceLevel::County
                            | PlaceLevel::Township
                    )
                })
        })
        .map(|(w, _)| w.clone())
        .collect();
    Setup { rules, seg, known }
}

fn extract(s: &Setup, text: &str) -> Vec<Place> {
    let tokens = s.seg.tokens(text);
    let ctx = Context {
        text,
        tokens: &tokens,
        reference_date: None,
        dateline_place: None,
        headlines: &[],
    };
    let mut warnings = Vec::new();
    places::extract(&s.rules.places, &ctx, &mut warnings)
}

#[derive(Default)]
struct Tally {
    predicted: usize,
    right: usize,
    right_strict: usize,
    gold: usize,
    found: usize,
    gold_known: usize,
    found_known: usize,
}

impl Tally {
    fn row(&self, name: &str) {
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        println!(
            "{name:<28} {:>6} {:>7.3} {:>7.3} {:>6} {:>7.3} {:>6} {:>7.3}",
            self.predicted,
            div(self.right, self.predicted),
            div(self.right_strict, self.predicted),
            self.gold,
            div(self.found, self.gold),
            self.gold_known,
            div(self.found_known, self.gold_known),
        );
    }
}

#[test]
fn places_dev_precision_and_recall() {
    let Some(dir) = shared() else {
        eprintln!("skipping: ../shared/eval is absent");
        return;
    };
    let cases = load(&dir.join("places.dev.jsonl"));
    let s = setup();
    let mut all = Tally::default();
    let mut by_origin: std::collections::BTreeMap<String, Tally> = Default::default();
    let mut by_rule: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut wrong: Vec<String> = Vec::new();
    let mut missed: Vec<String> = Vec::new();
    for c in &cases {
        let found = extract(&s, &c.text);
        let orgs: Vec<&Span> = c
            .other_entities
            .iter()
            .filter(|o| o.kind.as_deref() == Some("ORG"))
            .collect();
        let t = by_origin.entry(c.origin.clone()).or_default();
        for p in &found {
            let [ps, pe] = p.span;
            if orgs.iter().any(|o| o.start <= ps && pe <= o.end) {
                continue;
            }
            let inside = c.expect.iter().any(|g| g.start <= ps && pe <= g.end);
            let strict = c.expect.iter().any(|g| g.start == ps && pe == g.end);
            let r = by_rule.entry(p.rule.clone()).or_default();
            r.0 += 1;
            r.1 += inside as usize;
            for t in [&mut all, &mut *t] {
                t.predicted += 1;
                t.right += inside as usize;
                t.right_strict += strict as usize;
            }
            if !inside {
                wrong.push(format!("{} ({}) in {}", p.text, p.name, c.text));
            }
        }
        for g in &c.expect {
            let hit = found.iter().any(|p| p.span[0] < g.end && g.start < p.span[1]);
            let known = s.known.contains(&g.text);
            for t in [&mut all, &mut *t] {
                t.gold += 1;
                t.found += hit as usize;
                t.gold_known += known as usize;
                t.found_known += (known && hit) as usize;
            }
            if known && !hit {
                missed.push(format!("{} in {}", g.text, c.text));
            }
        }
    }
    println!(
        "\n{:<28} {:>6} {:>7} {:>7} {:>6} {:>7} {:>6} {:>7}",
        "places.dev", "pred", "prec", "strict", "gold", "recall", "known", "rec.kn"
    );
    for (origin, t) in &by_origin {
        t.row(origin);
    }
    all.row("all");
    println!("\n{:<28} {:>6} {:>7}", "by rule", "pred", "prec");
    for (rule, (n, right)) in &by_rule {
        println!("{rule:<28} {n:>6} {:>7.3}", *right as f64 / (*n).max(1) as f64);
    }
    if std::env::var_os("BAOKAN_PRINT").is_some() {
        for w in &wrong {
            println!("wrong: {w}");
        }
        for m in &missed {
            println!("missed: {m}");
        }
    }
    let precision = all.right as f64 / all.predicted.max(1) as f64;
    let recall_known = all.found_known as f64 / all.gold_known.max(1) as f64;
    assert!(
        precision >= PRECISION_FLOOR,
        "help: precision fell to {precision:.3}; run with BAOKAN_PRINT=1 to see the wrong ones"
    );
    assert!(
        recall_known >= RECALL_KNOWN_FLOOR,
        "help: recall on known names fell to {recall_known:.3}"
    );
}

const PRECISION_FLOOR: f64 = 0.93;
const RECALL_KNOWN_FLOOR: f64 = 0.97;

#[test]
fn places_admin_hierarchy() {
    let Some(dir) = shared() else {
        eprintln!("skipping: ../shared/eval is absent");
        return;
    };
    let cases = load(&dir.join("places_admin.dev.jsonl"));
    let s = setup();
    let mut right = 0;
    for c in &cases {
        let Some(admin) = &c.admin else { continue };
        let found = extract(&s, &c.text);
        let rank = |l: PlaceLevel| match l {
            PlaceLevel::Province => 1,
            PlaceLevel::Prefecture => 2,
            PlaceLevel::County => 3,
            _ => 0,
        };
        let deepest = found
            .iter()
            .filter(|p| p.code.is_some())
            .max_by_key(|p| rank(p.level));
        let chain: Vec<String> = deepest
            .map(|p| p.parents.iter().cloned().chain([p.name.clone()]).collect())
            .unwrap_or_default();
        let has = |want: &Option<String>| want.as_ref().is_none_or(|w| chain.contains(w));
        let ok =
            has(&admin.province) && (has(&admin.city) || admin.city == admin.province) && has(&admin.county);
        right += ok as usize;
        if std::env::var_os("BAOKAN_PRINT").is_some() && !ok {
            println!("admin miss: {} -> {:?}", c.text, chain);
        }
    }
    println!("places_admin.dev: {right}/{} hierarchies right", cases.len());
    assert!(
        right >= ADMIN_FLOOR,
        "help: hierarchy accuracy fell to {right}/{}",
        cases.len()
    );
}

const ADMIN_FLOOR: usize = 15;
