//! The segmentation floor: read the same JSONL documents as `baokan run` and only
//! segment them with jieba-rs (HMM on), on N threads. `scripts/bench.sh` runs it beside
//! the whole pipeline so that the ratio is measured side by side.
//!
//! Usage: `cargo run --release --example segment_floor -- FILE.jsonl [THREADS]`

use jieba_rs::Jieba;
use std::io::BufRead;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: segment_floor FILE.jsonl [THREADS]")?;
    let threads: usize = args.next().map_or(Ok(1), |t| t.parse())?;
    let started = Instant::now();
    let jieba = Jieba::new();
    let file = std::io::BufReader::new(std::fs::File::open(&path)?);
    let mut texts = Vec::new();
    let mut bytes = 0usize;
    for line in file.lines() {
        let line = line?;
        bytes += line.len() + 1;
        let value: serde_json::Value = serde_json::from_str(&line)?;
        if let Some(text) = value["text"].as_str() {
            texts.push(text.to_owned());
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let tokens: usize = pool.install(|| {
        use rayon::prelude::*;
        texts.par_iter().map(|t| jieba.tag(t, true).len()).sum()
    });
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "segment_floor threads={threads} docs={} tokens={tokens} bytes={bytes} seconds={seconds:.3} MB/s={:.2}",
        texts.len(),
        bytes as f64 / 1e6 / seconds
    );
    Ok(())
}
