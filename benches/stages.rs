//! Per-stage benchmarks on the sample page: `cargo bench`.
//!
//! Each stage is measured on its own input, built once outside the timed loop, so the
//! numbers say where time goes: segmentation is the floor the others are compared to.

use baokan::extract::{self, Context};
use baokan::layout;
use baokan::normalize::normalize;
use baokan::pipeline::Pipeline;
use baokan::rules::{RuleDir, Rules};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const PAGE: &str = include_str!("../input/zjrb-2026-01-22.txt");

fn stages(c: &mut Criterion) {
    let Ok(rules) = Rules::bundled() else {
        eprintln!("bundled rules do not load; run `baokan rules check`");
        return;
    };
    let pipeline = Pipeline::new(rules);
    let normalized = normalize(PAGE);
    let articles = layout::split_page(&pipeline.rules.layout, &normalized, Some("2026-01-22"));
    let bodies: Vec<String> = articles.iter().map(|a| a.body.clone()).collect();
    let body_bytes: usize = bodies.iter().map(String::len).sum();

    let mut group = c.benchmark_group("page");
    group.throughput(Throughput::Bytes(PAGE.len() as u64));
    group.bench_function("normalize", |b| b.iter(|| normalize(black_box(PAGE))));
    group.bench_function("layout", |b| {
        b.iter(|| layout::split_page(&pipeline.rules.layout, black_box(&normalized), Some("2026-01-22")))
    });
    group.bench_function("whole pipeline", |b| {
        b.iter(|| {
            let articles = layout::split_page(
                &pipeline.rules.layout,
                &normalize(black_box(PAGE)),
                Some("2026-01-22"),
            );
            articles
                .into_iter()
                .map(|a| pipeline.analyze(a, Some("2026-01-22")).figures.len())
                .sum::<usize>()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("bodies");
    group.throughput(Throughput::Bytes(body_bytes as u64));
    group.bench_function("segment", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|t| pipeline.segmenter.tag(black_box(t)).len())
                .sum::<usize>()
        })
    });
    // Segmented in full beforehand, so that the stages below are timed without jieba.
    let tokens: Vec<_> = bodies.iter().map(|t| pipeline.segmenter.tokens(t)).collect();
    tokens.iter().for_each(|t| {
        black_box(t.all().count());
    });
    let headlines: Vec<String> = Vec::new();
    let contexts: Vec<Context<'_>> = bodies
        .iter()
        .zip(&tokens)
        .map(|(text, tokens)| Context {
            text,
            tokens,
            reference_date: Some("2026-01-22"),
            dateline_place: None,
            headlines: &headlines,
        })
        .collect();
    group.bench_function("figures", |b| {
        b.iter(|| {
            let mut warnings = Vec::new();
            contexts
                .iter()
                .map(|ctx| {
                    extract::figures::extract(&pipeline.rules.figures, black_box(ctx), &mut warnings).len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("places", |b| {
        b.iter(|| {
            let mut warnings = Vec::new();
            contexts
                .iter()
                .map(|ctx| {
                    extract::places::extract(&pipeline.rules.places, black_box(ctx), &mut warnings).len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("link", |b| {
        let found: Vec<_> = contexts
            .iter()
            .map(|ctx| {
                let mut w = Vec::new();
                (
                    extract::figures::extract(&pipeline.rules.figures, ctx, &mut w),
                    extract::places::extract(&pipeline.rules.places, ctx, &mut w),
                )
            })
            .collect();
        b.iter(|| {
            contexts
                .iter()
                .zip(&found)
                .map(|(ctx, (f, p))| baokan::link::link(&pipeline.rules.link, black_box(ctx), f, p).len())
                .sum::<usize>()
        })
    });
    group.bench_function("json", |b| {
        let records: Vec<_> = articles
            .iter()
            .cloned()
            .map(|a| pipeline.analyze(a, Some("2026-01-22")))
            .collect();
        b.iter(|| {
            records
                .iter()
                .map(|r| serde_json::to_string(black_box(r)).map_or(0, |s| s.len()))
                .sum::<usize>()
        })
    });
    group.finish();

    c.bench_function("start-up (rules + dictionary)", |b| {
        b.iter(|| Pipeline::load(&RuleDir::Bundled).is_ok())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = stages
}
criterion_main!(benches);
