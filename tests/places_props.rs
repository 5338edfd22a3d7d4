//! Property test: no input makes the place extractor panic, and every span is valid.

use baokan::extract::{Context, places};
use baokan::rules::Rules;
use baokan::segment::Segmenter;
use proptest::prelude::*;
use std::sync::OnceLock;

fn setup() -> &'static (Rules, Segmenter) {
    static SETUP: OnceLock<(Rules, Segmenter)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = Rules::bundled().unwrap();
        let seg = Segmenter::new(&rules.dict);
        (rules, seg)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_text_gives_valid_spans(
        text in "([浙江省宁波市义乌云和县檀溪镇潘周家村城关鼓楼区中国美东盟海关大学路溪\\n。，a1 ]|\\PC){0,40}",
        headline in "\\PC{0,8}",
    ) {
        let (rules, seg) = setup();
        let tokens = seg.tokens(&text);
        let headlines = vec![headline];
        let ctx = Context {
            text: &text,
            tokens: &tokens,
            reference_date: None,
            dateline_place: Some("宁波"),
            headlines: &headlines,
        };
        let mut warnings = Vec::new();
        let found = places::extract(&rules.places, &ctx, &mut warnings);
        let chars: Vec<char> = text.chars().collect();
        let mut last_end = 0;
        for p in &found {
            prop_assert!(p.span[0] < p.span[1] && p.span[1] <= chars.len());
            prop_assert!(p.span[0] >= last_end, "places overlap: {:?}", found);
            last_end = p.span[1];
            let surface: String = chars[p.span[0]..p.span[1]].iter().collect();
            prop_assert_eq!(&surface, &p.text);
        }
    }
}
