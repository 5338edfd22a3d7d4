//! Property tests over the whole per-document path: arbitrary bytes through decode,
//! normalize, layout, extraction and linking never panic, and every span stays valid.

use baokan::normalize::normalize;
use baokan::pipeline::Pipeline;
use baokan::read::{Document, DocumentKind, decode};
use baokan::rules::Rules;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| Pipeline::new(Rules::bundled().expect("bundled rules load")))
}

/// Text that looks like a newspaper page often enough to reach deep into every stage.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "本报记者 胡静漪", "本报讯(记者 沈晔)", "本报绍兴1月21日电", "\n\n", "\n", "■ ", "摄", "——",
        "2025年,", "浙江", "宁波", "进出口总额", "5.55万亿元", ",同比增长", "5.4%", "。", "三成", "十三点五万",
        "1—2月", "去年底", "第三", "约", "多", "个百分点", "3至5台", "(下转第3版)", "要 闻", "鼓楼区", "村",
        "分别", "和", "、", "4", "0", ".", "万", "亿", "元", "美元", "倍", "%", "①", "\u{FFFD}", "x", " ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn check_document(text: String, kind: DocumentKind, published: Option<&str>) {
    let doc = Document {
        path: "prop.txt".to_owned(),
        line: None,
        input_id: None,
        kind,
        text,
        title: None,
        section: None,
        published: published.map(str::to_owned),
        encoding: "UTF-8".to_owned(),
        warnings: Vec::new(),
        bytes: 0,
    };
    let Ok(records) = pipeline().process(&doc) else {
        return;
    };
    for record in records {
        let chars: Vec<char> = record.text.chars().collect();
        for (span, surface) in record
            .figures
            .iter()
            .map(|f| (f.span, &f.text))
            .chain(record.places.iter().map(|p| (p.span, &p.text)))
        {
            assert!(span[0] <= span[1] && span[1] <= chars.len(), "span {span:?} outside the text");
            let slice: String = chars[span[0]..span[1]].iter().collect();
            assert_eq!(&slice, surface, "help: a span must slice `text` to the item's own text");
        }
        for fact in &record.facts {
            assert!(fact.figures.iter().all(|&i| i < record.figures.len()), "fact points past the figures");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = decode(&bytes, None) {
            let n = normalize(&decoded.text);
            prop_assert_eq!(normalize(&n), n.clone(), "normalize is idempotent");
            check_document(n, DocumentKind::Page, None);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check_document(text.clone(), DocumentKind::Page, Some("2026-01-22"));
        check_document(text, DocumentKind::Article, None);
    }

    #[test]
    fn newspaper_like_text_never_panics(text in newsy()) {
        check_document(text.clone(), DocumentKind::Page, Some("2026-01-22"));
        check_document(text, DocumentKind::Article, Some("2024-02-29"));
    }
}
