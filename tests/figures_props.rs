//! Property tests: no input panics the figure extractor, every span slices the text to
//! the figure's own `text`, and figures come in text order without overlapping.

use baokan::extract::{Context, figures};
use baokan::rules::Rules;
use baokan::segment::Tokens;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::bundled().expect("bundled rules load"))
}

fn check(text: &str, published: Option<&str>) -> Result<(), TestCaseError> {
    let words = Tokens::new(None, text);
    let ctx = Context {
        text,
        tokens: &words,
        reference_date: published,
        dateline_place: None,
        headlines: &[],
    };
    let mut warnings = Vec::new();
    let figs = figures::extract(&rules().figures, &ctx, &mut warnings);
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for f in &figs {
        prop_assert!(
            f.span[0] < f.span[1] && f.span[1] <= chars.len(),
            "bad span {:?}",
            f.span
        );
        let slice: String = chars[f.span[0]..f.span[1]].iter().collect();
        prop_assert_eq!(&slice, &f.text);
        prop_assert!(f.span[0] >= last, "overlap or disorder in {:?}", text);
        last = f.span[1];
    }
    Ok(())
}

/// Characters that make figures, so random strings hit the interesting paths.
const ALPHABET: &[char] = &[
    '0', '1', '2', '5', '9', '.', ',', '-', '%', '‰', '一', '二', '两', '三', '十', '百', '千', '万', '亿',
    '零', '〇', '点', '分', '之', '年', '月', '日', '号', '季', '度', '前', '第', '元', '美', '人', '民',
    '币', '个', '名', '多', '余', '几', '约', '近', '超', '过', '半', '以', '上', '下', '成', '倍', '至',
    '到', '—', '~', '去', '今', '底', '亩', '辆', '负', 'G', 'D', 'k', 'm', ' ', '\n', '/', '$', '廿', '卌',
    '壹', '萬',
];

fn figure_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..40).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check(&s, Some("2026-01-22"))?;
        check(&s, None)?;
    }

    #[test]
    fn figure_like_strings_keep_the_span_invariant(s in figure_text()) {
        check(&s, Some("2026-03-31"))?;
        check(&s, None)?;
    }
}

#[test]
fn huge_numbers_do_not_overflow() {
    let long = "9".repeat(200);
    for text in [
        long.as_str(),
        "99999999999999999999999999亿亿亿万元",
        "九千九百九十九万亿亿亿亿亿",
        "1e999",
        "0.0000000000000000000000000000001%",
        "一千万分之一",
        "9999999999999999999999999999分之1",
    ] {
        check(text, Some("2026-01-22")).expect("no panic, spans valid");
    }
}
