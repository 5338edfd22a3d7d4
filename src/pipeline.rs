//! The run: documents flow read → normalize → layout → segment → extract → link →
//! emit, in parallel, with output in input order.
//!
//! One reader thread feeds a bounded queue; `jobs` rayon workers process documents;
//! the calling thread restores input order with a reorder buffer and writes. Because
//! workers take documents in order and both queues are bounded, the reorder buffer
//! never holds more than `queue + jobs` results: memory does not grow with the archive.
//! Output and ids never depend on the number of threads. With one job there are no
//! other threads: reading, the work and writing take turns on the calling thread.

use crate::emit::EmitError;
use crate::extract::{self, Context, Rejected};
use crate::layout::{self, Article};
use crate::read::{self, Digest, Document, DocumentKind, Input, ReadOptions};
use crate::record::{Fact, Figure, Place, Record, Reject, RejectSource, SCHEMA, Source, Stage};
use crate::rules::{RuleDir, RuleErrors, Rules};
use crate::segment::{BaseDictionary, Segmenter, Tokens};
use crate::{link, normalize};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Everything built once per run and shared by all workers.
#[derive(Debug)]
pub struct Pipeline {
    /// Compiled rules.
    pub rules: Rules,
    /// The segmenter with the user dictionary.
    pub segmenter: Segmenter,
}

/// What processing one article produced, besides the record: for `explain`.
#[derive(Debug, Clone, Default)]
pub struct Trace {
    /// Tokens as `word/tag`.
    pub tokens: Vec<(String, String)>,
    /// Candidates the extractors dropped, with the reason.
    pub rejected: Vec<Rejected>,
}

impl Pipeline {
    /// Builds the shared state from compiled rules.
    pub fn new(rules: Rules) -> Pipeline {
        let segmenter = Segmenter::new(&rules.dict);
        Pipeline { rules, segmenter }
    }

    /// Loads the rules and builds the segmenter, the two halves side by side: jieba's
    /// dictionary does not depend on the rules, and it is most of start-up.
    pub fn load(dir: &RuleDir) -> Result<Pipeline, RuleErrors> {
        let (rules, base) = std::thread::scope(|s| {
            // A thread the system refuses only loses the overlap: the dictionary then
            // loads after the rules, on this thread.
            let base = std::thread::Builder::new()
                .name("dictionary".to_owned())
                .spawn_scoped(s, BaseDictionary::load)
                .ok();
            let rules = Rules::load(dir);
            // The rules load in about half the dictionary's time: the tag model for
            // unknown words (a process-wide `OnceLock`, needed by the first documents)
            // fills the wait, where after start-up it held up the workers.
            if rules.is_ok() {
                crate::segment::warm_up_tagger();
            }
            // A panic in jieba's loading is not ours to hide: it would have happened on
            // this thread in the sequential order too.
            let base = match base {
                Some(thread) => thread.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => BaseDictionary::load(),
            };
            (rules, base)
        });
        let rules = rules?;
        let segmenter = Segmenter::with_base(base, &rules.dict);
        Ok(Pipeline { rules, segmenter })
    }

    /// Turns one document into its records (one per article).
    pub fn process(&self, doc: &Document) -> Result<Vec<Record>, Reject> {
        let mut results = self.process_batch(std::slice::from_ref(doc));
        results.pop().unwrap_or_else(|| Err(no_article(doc)))
    }

    /// Turns a batch of documents into their records, one result per document in order.
    ///
    /// The batch goes through normalize and layout first, then extraction and linking
    /// article by article (segmenting what they ask about); batches are what workers
    /// take from the queue, one lock per batch.
    pub fn process_batch(&self, docs: &[Document]) -> Vec<Result<Vec<Record>, Reject>> {
        let laid_out: Vec<Result<Vec<Article>, Reject>> = docs.iter().map(|doc| self.lay_out(doc)).collect();
        let found: Vec<Vec<Found>> = laid_out
            .iter()
            .zip(docs)
            .map(|(articles, doc)| match articles {
                Ok(articles) => articles
                    .iter()
                    .map(|article| self.find(article, doc.published.as_deref(), |_| {}))
                    .collect(),
                Err(_) => Vec::new(),
            })
            .collect();
        laid_out
            .into_iter()
            .zip(found)
            .zip(docs)
            .map(|((articles, found), doc)| Ok(self.records(doc, articles?, found)))
            .collect()
    }

    /// Normalize and layout: the articles of one document, its title and section applied.
    fn lay_out(&self, doc: &Document) -> Result<Vec<Article>, Reject> {
        let text = normalize::normalize(&doc.text);
        let published = doc.published.as_deref();
        let mut articles = match doc.kind {
            DocumentKind::Page => layout::split_page(&self.rules.layout, &text, published),
            DocumentKind::Article => {
                let a = layout::single_article(&self.rules.layout, &text, published);
                if a.body.is_empty() { Vec::new() } else { vec![a] }
            }
        };
        if articles.is_empty() {
            return Err(no_article(doc));
        }
        if doc.kind == DocumentKind::Article
            && let Some(title) = doc
                .title
                .as_deref()
                .map(normalize::normalize_inline)
                .filter(|t| !t.is_empty())
        {
            articles[0].headlines = vec![title.clone()];
            articles[0].title = Some(title);
        }
        if let Some(section) = doc.section.as_deref().map(normalize::normalize_inline) {
            for article in &mut articles {
                article.section = Some(section.clone());
            }
        }
        Ok(articles)
    }

    /// The records of one document's articles, with ids and sources.
    fn records(&self, doc: &Document, articles: Vec<Article>, found: Vec<Found>) -> Vec<Record> {
        articles
            .into_iter()
            .zip(found)
            .enumerate()
            .map(|(i, (article, found))| {
                let mut record = assemble(article, found, doc.published.as_deref());
                record.id = record_id(&doc.path, doc.line, doc.input_id.as_deref(), i as u32);
                record.source = Source {
                    path: doc.path.clone(),
                    line: doc.line,
                    id: doc.input_id.clone(),
                    article: i as u32,
                    encoding: doc.encoding.clone(),
                };
                let mut warnings = doc.warnings.clone();
                warnings.append(&mut record.warnings);
                record.warnings = warnings;
                record
            })
            .collect()
    }

    /// Runs segmentation, extraction and linking on one article; the record's id and
    /// source are left for the caller.
    pub fn analyze(&self, article: Article, published: Option<&str>) -> Record {
        self.analyze_inner(article, published, false).0
    }

    /// Like [`Pipeline::analyze`], also returning what `explain` shows.
    pub fn analyze_traced(&self, article: Article, published: Option<&str>) -> (Record, Trace) {
        let ((record, mut trace), rejected) =
            extract::trace_rejects(|| self.analyze_inner(article, published, true));
        trace.rejected = rejected;
        (record, trace)
    }

    fn analyze_inner(&self, article: Article, published: Option<&str>, traced: bool) -> (Record, Trace) {
        let mut trace = Trace::default();
        let found = self.find(&article, published, |tokens| {
            if traced {
                trace.tokens = tokens
                    .all()
                    .map(|t| (t.word.to_owned(), t.tag.to_owned()))
                    .collect();
            }
        });
        (assemble(article, found, published), trace)
    }

    /// Segmentation, extraction and linking on one article; `inspect` sees the tokens
    /// once extraction is done.
    ///
    /// Rules read the body through its script fold (`臺灣` as `台湾`), which keeps every
    /// offset; when it changed anything, figures and places get their `text` back from
    /// the body itself.
    fn find(&self, article: &Article, published: Option<&str>, inspect: impl FnOnce(&Tokens)) -> Found {
        // The char table built for the tokens tells, without decoding the text again,
        // whether anything folds; only then is the text copied and cut again.
        let tokens = self.segmenter.tokens(&article.body);
        if !self.rules.script.folds_any(tokens.chars()) {
            let found = self.find_in(article, &tokens, published);
            inspect(&tokens);
            return found;
        }
        drop(tokens);
        let view = self.rules.script.fold(&article.body);
        let tokens = self.segmenter.tokens_of_folded(&view, &article.body);
        let mut found = self.find_in(article, &tokens, published);
        inspect(&tokens);
        found.cut_texts_from(&article.body);
        found
    }

    /// Extraction and linking on one segmented article, on the text of its tokens.
    fn find_in<'a>(&self, article: &'a Article, tokens: &'a Tokens<'a>, published: Option<&'a str>) -> Found {
        // A story is written on its dateline's day, a day or more before the paper
        // prints it: its `昨天` and `3日` count from the dateline.
        let dateline_day = article
            .dateline
            .as_ref()
            .and_then(|d| d.date.as_deref())
            .filter(|d| extract::figures::is_whole_day(d));
        let ctx = Context {
            text: tokens.text(),
            tokens,
            reference_date: dateline_day.or(published),
            dateline_place: article.dateline.as_ref().and_then(|d| d.place.as_deref()),
            headlines: &article.headlines,
        };
        let mut warnings = Vec::new();
        let mut figures = extract::figures::extract(&self.rules.figures, &ctx, &mut warnings);
        if dateline_day.is_none()
            && let Some(reference) = ctx.reference_date
        {
            self.recount_from_inline_datelines(tokens, reference, &mut figures);
        }
        let places = extract::places::extract(&self.rules.places, &ctx, &mut warnings);
        let facts = link::link(&self.rules.link, &ctx, &figures, &places);
        Found {
            figures,
            places,
            facts,
            warnings,
        }
    }

    /// `…提高司法水平新华社北京3月11日电最高人民法院院长…今天`: a dateline run into the
    /// text (a headline glued to the story, or stories run together) starts a story
    /// written on its day, so the relative days after it, up to the next one, count
    /// from that day rather than from `reference`.
    fn recount_from_inline_datelines(&self, tokens: &Tokens<'_>, reference: &str, figures: &mut [Figure]) {
        let found = layout::inline_datelines(&self.rules.layout, tokens.text(), Some(reference));
        let char_at = |byte: usize| tokens.char_bytes().partition_point(|&b| b < byte);
        for (i, (end, day)) in found.iter().enumerate() {
            let to = found.get(i + 1).map_or(usize::MAX, |(next, _)| char_at(*next));
            extract::figures::recount_relative_days(
                &self.rules.figures,
                figures,
                char_at(*end),
                to,
                reference,
                day,
            );
        }
    }
}

/// What extraction and linking found in one article.
struct Found {
    figures: Vec<Figure>,
    places: Vec<Place>,
    facts: Vec<Fact>,
    warnings: Vec<String>,
}

impl Found {
    /// Sets each figure's and place's `text` to the chars its span covers in `body`.
    fn cut_texts_from(&mut self, body: &str) {
        let bytes: Vec<usize> = body.char_indices().map(|(b, _)| b).chain([body.len()]).collect();
        let cut = |span: [usize; 2]| match (bytes.get(span[0]), bytes.get(span[1])) {
            (Some(&a), Some(&b)) => body.get(a..b).map(str::to_owned),
            _ => None,
        };
        for f in &mut self.figures {
            if let Some(t) = cut(f.span) {
                f.text = t;
            }
        }
        for p in &mut self.places {
            if let Some(t) = cut(p.span) {
                p.text = t;
            }
        }
    }
}

/// The record of one article and what was found in it; id and source are left blank.
fn assemble(article: Article, found: Found, published: Option<&str>) -> Record {
    let Article {
        section,
        column,
        kind,
        headlines,
        title,
        byline,
        dateline,
        subheads,
        captions,
        body,
        mut warnings,
    } = article;
    let Found {
        figures,
        places,
        facts,
        warnings: mut found_warnings,
    } = found;
    warnings.append(&mut found_warnings);
    Record {
        schema: SCHEMA.to_owned(),
        id: String::new(),
        source: Source {
            path: String::new(),
            line: None,
            id: None,
            article: 0,
            encoding: "UTF-8".to_owned(),
        },
        published: published.map(str::to_owned),
        section,
        column,
        kind,
        headlines,
        title,
        byline,
        dateline,
        subheads,
        captions,
        text: body,
        figures,
        places,
        facts,
        warnings,
    }
}

fn no_article(doc: &Document) -> Reject {
    reject(
        doc,
        Stage::Layout,
        "no article text (only whitespace or headings)".to_owned(),
    )
}

/// A reject of `doc` at `stage`.
fn reject(doc: &Document, stage: Stage, error: String) -> Reject {
    Reject {
        source: RejectSource {
            path: doc.path.clone(),
            line: doc.line,
            id: doc.input_id.clone(),
        },
        stage,
        error,
    }
}

/// Stable record id: 16 hex digits of FNV-1a over the input path as shown, the JSONL
/// line, the input's own id and the article index. It does not depend on the rules, so
/// `baokan diff` can compare runs before and after a rule change.
pub fn record_id(path: &str, line: Option<u64>, input_id: Option<&str>, article: u32) -> String {
    // The key `{path}\0{line}\0{input_id}\0{article}` is hashed a piece at a time, and
    // the hash written out by hand: the two `format!`s this replaces cost more than the
    // rest of assembling a record.
    let mut digits = [0u8; 20];
    let mut hash = read::fnv1a(read::FNV_OFFSET, path.as_bytes());
    hash = read::fnv1a(hash, b"\0");
    hash = read::fnv1a(
        hash,
        crate::record::decimal(line.unwrap_or(0), &mut digits).as_bytes(),
    );
    hash = read::fnv1a(hash, b"\0");
    hash = read::fnv1a(hash, input_id.unwrap_or("").as_bytes());
    hash = read::fnv1a(hash, b"\0");
    hash = read::fnv1a(
        hash,
        crate::record::decimal(u64::from(article), &mut digits).as_bytes(),
    );
    (0..16)
        .rev()
        .map(|k| char::from(b"0123456789abcdef"[(hash >> (4 * k)) as usize & 15]))
        .collect()
}

/// Settings of one run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Worker threads.
    pub jobs: usize,
    /// How inputs are read.
    pub read: ReadOptions,
}

/// What a run did; `documents_read == documents_written + documents_rejected` always.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Input files read (including empty ones).
    pub files: u64,
    /// Files skipped for their extension.
    pub skipped_files: u64,
    /// Inputs skipped because `--resume` found them complete.
    pub resumed_files: u64,
    /// Documents read: pages, JSONL lines, and inputs that could not be read.
    pub documents_read: u64,
    /// Documents that produced records.
    pub documents_written: u64,
    /// Documents rejected.
    pub documents_rejected: u64,
    /// Records (articles) written.
    pub records: u64,
    /// Rejects by stage.
    pub rejected_by_stage: BTreeMap<String, u64>,
    /// Input bytes processed.
    pub bytes: u64,
}

/// Receives the results of a run, in input order, on the calling thread.
pub trait Output {
    /// One record.
    fn record(&mut self, record: &Record) -> Result<(), EmitError>;
    /// One rejected document.
    fn reject(&mut self, reject: &Reject) -> Result<(), EmitError>;
    /// Every document of `input` has been passed on.
    fn input_done(&mut self, input: &Input, digest: &Digest) -> Result<(), EmitError>;
    /// A document of `bytes` bytes is finished (for progress display).
    fn progress(&mut self, _bytes: u64) {}
}

enum Outcome {
    Records(Vec<Record>, u64),
    Rejected(Reject, u64),
    InputDone(usize, Digest),
}

enum Work {
    Document(read::Item),
    InputDone(usize, Digest),
}

/// Processes `inputs` with `opts.jobs` workers and hands results to `output` in input
/// order.
pub fn run(
    pipeline: &Pipeline,
    inputs: &[Input],
    opts: &RunOptions,
    output: &mut dyn Output,
) -> Result<Summary, EmitError> {
    run_with(
        &|docs: &[Document]| pipeline.process_batch(docs),
        inputs,
        opts,
        output,
    )
}

/// The work of a run on a batch of documents: one result per document, in order.
pub type ProcessBatch<'a> = dyn Fn(&[Document]) -> Vec<Result<Vec<Record>, Reject>> + Sync + 'a;

/// Documents per batch, and input bytes at which a batch is closed early. Batches make
/// the queues' traffic per batch rather than per document, and let a worker run each
/// stage over many documents in a row (see [`Pipeline::process_batch`]); memory stays
/// bounded by the queue length times this size.
const BATCH_DOCUMENTS: usize = 64;
const BATCH_BYTES: usize = 256 * 1024;

/// [`run`] with the work given as a function (tests use this to check that a panic
/// becomes a reject).
pub fn run_with(
    process: &ProcessBatch<'_>,
    inputs: &[Input],
    opts: &RunOptions,
    output: &mut dyn Output,
) -> Result<Summary, EmitError> {
    let jobs = opts.jobs.max(1);
    let mut summary = Summary {
        files: inputs.len() as u64,
        ..Summary::default()
    };
    if jobs == 1 {
        run_in_turn(process, inputs, &opts.read, output, &mut summary)?;
    } else {
        run_threads(process, inputs, jobs, &opts.read, output, &mut summary)?;
    }
    Ok(summary)
}

/// The run with one job, as `rg -j1` runs: reading, the work and writing take turns on
/// the calling thread, so that `--jobs 1` uses one core and no more.
fn run_in_turn(
    process: &ProcessBatch<'_>,
    inputs: &[Input],
    read_opts: &ReadOptions,
    output: &mut dyn Output,
    summary: &mut Summary,
) -> Result<(), EmitError> {
    let mut failure = None;
    let mut batcher = Batcher::new(|_, batch: Vec<Work>| {
        for outcome in process_items(process, batch) {
            if let Err(e) = deliver(outcome, inputs, output, summary) {
                failure = Some(e);
                return false;
            }
        }
        true
    });
    read_all(inputs, read_opts, &mut batcher);
    failure.map_or(Ok(()), Err)
}

/// Reads every input into `batcher`, each input's documents followed by its digest,
/// until the end or until the batcher's sink refuses more.
fn read_all<S: FnMut(u64, Vec<Work>) -> bool>(
    inputs: &[Input],
    read_opts: &ReadOptions,
    batcher: &mut Batcher<S>,
) {
    for (index, input) in inputs.iter().enumerate() {
        let mut alive = true;
        let digest = read::read_input(input, read_opts, &mut |item| {
            alive = batcher.push(Work::Document(item));
            alive
        });
        if !alive || !batcher.push(Work::InputDone(index, digest)) {
            return;
        }
    }
    batcher.flush();
}

/// The run with `jobs` ≥ 2: a reader thread, `jobs` workers, and the calling thread
/// putting results back in input order and writing them.
fn run_threads(
    process: &ProcessBatch<'_>,
    inputs: &[Input],
    jobs: usize,
    read_opts: &ReadOptions,
    output: &mut dyn Output,
    summary: &mut Summary,
) -> Result<(), EmitError> {
    let mut failure = None;
    let queue = jobs * 2;
    let (work_tx, work_rx) = sync_channel::<(u64, Vec<Work>)>(queue);
    let (out_tx, out_rx) = sync_channel::<(u64, Vec<Outcome>)>(queue);
    let work_rx = Mutex::new(work_rx);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| EmitError::Io {
            path: "thread pool".to_owned(),
            source: std::io::Error::other(e),
        })?;
    let started = std::thread::scope(|scope| {
        // The workers start before the reader: should the reader's thread be refused,
        // its end of the work queue is dropped with it, and the workers find the queue
        // closed and stop, where a reader alone would wait on a full queue for ever.
        let work_rx = &work_rx;
        let workers = std::thread::Builder::new()
            .name("workers".to_owned())
            .spawn_scoped(scope, move || {
                pool.scope(|s| {
                    for _ in 0..jobs {
                        let out_tx = out_tx.clone();
                        s.spawn(move |_| worker(process, work_rx, &out_tx));
                    }
                });
            });
        let reader = workers.and_then(|_| {
            std::thread::Builder::new()
                .name("reader".to_owned())
                .spawn_scoped(scope, move || {
                    let mut batcher = Batcher::new(|seq, batch| work_tx.send((seq, batch)).is_ok());
                    read_all(inputs, read_opts, &mut batcher);
                })
        });
        if reader.is_err() {
            return false;
        }
        let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, outcomes) in out_rx.iter() {
            pending.insert(seq, outcomes);
            while let Some(outcomes) = pending.remove(&next) {
                next += 1;
                for outcome in outcomes {
                    if failure.is_some() {
                        break;
                    }
                    if let Err(e) = deliver(outcome, inputs, output, summary) {
                        failure = Some(e);
                    }
                }
            }
        }
        true
    });
    if !started {
        // Nothing was read or delivered: the run is done in turn on this thread.
        return run_in_turn(process, inputs, read_opts, output, summary);
    }
    failure.map_or(Ok(()), Err)
}

fn deliver(
    outcome: Outcome,
    inputs: &[Input],
    output: &mut dyn Output,
    summary: &mut Summary,
) -> Result<(), EmitError> {
    let bytes = match outcome {
        Outcome::InputDone(index, digest) => {
            if let Some(input) = inputs.get(index) {
                output.input_done(input, &digest)?;
            }
            return Ok(());
        }
        Outcome::Records(records, bytes) => {
            summary.documents_written += 1;
            for record in &records {
                output.record(record)?;
                summary.records += 1;
            }
            bytes
        }
        Outcome::Rejected(reject, bytes) => {
            summary.documents_rejected += 1;
            *summary
                .rejected_by_stage
                .entry(reject.stage.as_str().to_owned())
                .or_default() += 1;
            output.reject(&reject)?;
            bytes
        }
    };
    summary.documents_read += 1;
    summary.bytes += bytes;
    output.progress(bytes);
    Ok(())
}

/// Collects the reader's items into batches and hands each, numbered, to its sink.
struct Batcher<S> {
    sink: S,
    seq: u64,
    batch: Vec<Work>,
    bytes: usize,
}

impl<S: FnMut(u64, Vec<Work>) -> bool> Batcher<S> {
    fn new(sink: S) -> Batcher<S> {
        Batcher {
            sink,
            seq: 0,
            batch: Vec::new(),
            bytes: 0,
        }
    }

    /// Adds one item; false once the sink refuses more.
    fn push(&mut self, work: Work) -> bool {
        if let Work::Document(Ok(doc)) = &work {
            self.bytes += doc.bytes;
        }
        self.batch.push(work);
        if self.batch.len() >= BATCH_DOCUMENTS || self.bytes >= BATCH_BYTES {
            return self.flush();
        }
        true
    }

    /// Hands on what has been collected; false once the sink refuses more.
    fn flush(&mut self) -> bool {
        if self.batch.is_empty() {
            return true;
        }
        self.bytes = 0;
        let batch = std::mem::take(&mut self.batch);
        let sent = (self.sink)(self.seq, batch);
        self.seq += 1;
        sent
    }
}

// Never inlined: profiles count a worker's cost at this function, which must exist
// whatever the optimiser makes of the code around it.
#[inline(never)]
fn worker(
    process: &ProcessBatch<'_>,
    work: &Mutex<Receiver<(u64, Vec<Work>)>>,
    out: &SyncSender<(u64, Vec<Outcome>)>,
) {
    loop {
        let next = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, batch)) = next else { return };
        let outcomes = process_items(process, batch);
        if out.send((seq, outcomes)).is_err() {
            return;
        }
    }
}

/// Runs one batch. Should it panic, its documents are run again one by one so that only
/// the document that panics becomes a reject (an `extract` one) and the rest go on.
fn process_items(process: &ProcessBatch<'_>, batch: Vec<Work>) -> Vec<Outcome> {
    let mut docs = Vec::new();
    let mut slots = Vec::with_capacity(batch.len());
    for item in batch {
        slots.push(match item {
            Work::InputDone(index, digest) => Slot::Ready(Outcome::InputDone(index, digest)),
            Work::Document(Err(reject)) => Slot::Ready(Outcome::Rejected(reject, 0)),
            Work::Document(Ok(doc)) => {
                docs.push(doc);
                Slot::Document
            }
        });
    }
    let results = match std::panic::catch_unwind(AssertUnwindSafe(|| process(&docs))) {
        Ok(results) if results.len() == docs.len() => results,
        _ => docs
            .iter()
            .map(|doc| {
                match std::panic::catch_unwind(AssertUnwindSafe(|| process(std::slice::from_ref(doc)))) {
                    Ok(mut results) if results.len() == 1 => {
                        results.pop().unwrap_or_else(|| Err(no_article(doc)))
                    }
                    Ok(_) => Err(reject(
                        doc,
                        Stage::Extract,
                        "the batch gave no result for this document".to_owned(),
                    )),
                    Err(payload) => Err(reject(
                        doc,
                        Stage::Extract,
                        format!("internal error (panic): {}", panic_message(payload.as_ref())),
                    )),
                }
            })
            .collect(),
    };
    let mut results = results.into_iter().zip(&docs);
    slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Ready(outcome) => outcome,
            Slot::Document => match results.next() {
                Some((Ok(records), doc)) => Outcome::Records(records, doc.bytes as u64),
                Some((Err(reject), doc)) => Outcome::Rejected(reject, doc.bytes as u64),
                // Unreachable: one result per document was checked above.
                None => Outcome::Records(Vec::new(), 0),
            },
        })
        .collect()
}

/// A place in a batch's outcomes: settled by the reader, or a document's result to come.
enum Slot {
    Ready(Outcome),
    Document,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_distinct() {
        assert_eq!(
            record_id("input/a.txt", None, None, 0),
            record_id("input/a.txt", None, None, 0)
        );
        assert_ne!(
            record_id("input/a.txt", None, None, 0),
            record_id("input/a.txt", None, None, 1)
        );
        assert_ne!(
            record_id("a.jsonl", Some(1), None, 0),
            record_id("a.jsonl", Some(2), None, 0)
        );
        assert_eq!(record_id("", None, None, 0), "e467005e8887972f");
    }

    #[derive(Default)]
    struct Collect {
        ids: Vec<String>,
        rejects: Vec<Reject>,
        done: Vec<String>,
    }

    impl Output for Collect {
        fn record(&mut self, record: &Record) -> Result<(), EmitError> {
            self.ids.push(record.text.clone());
            Ok(())
        }
        fn reject(&mut self, reject: &Reject) -> Result<(), EmitError> {
            self.rejects.push(reject.clone());
            Ok(())
        }
        fn input_done(&mut self, input: &Input, _: &Digest) -> Result<(), EmitError> {
            self.done.push(input.shown.clone());
            Ok(())
        }
    }

    fn jsonl_input(dir: &std::path::Path, name: &str, lines: &[&str]) -> Input {
        let path = dir.join(name);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        Input {
            path: Some(path),
            shown: name.to_owned(),
            format: crate::read::InputFormat::Jsonl,
            bytes: 0,
        }
    }

    fn fake_record(doc: &Document) -> Record {
        Record {
            schema: SCHEMA.to_owned(),
            id: record_id(&doc.path, doc.line, None, 0),
            source: Source {
                path: doc.path.clone(),
                line: doc.line,
                id: None,
                article: 0,
                encoding: doc.encoding.clone(),
            },
            published: None,
            section: None,
            column: None,
            kind: crate::record::ArticleKind::Article,
            headlines: vec![],
            title: None,
            byline: Default::default(),
            dateline: None,
            subheads: vec![],
            captions: vec![],
            text: doc.text.clone(),
            figures: vec![],
            places: vec![],
            facts: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn a_panic_becomes_a_reject_and_the_run_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        // More documents than one batch holds, so that order across batches is checked too.
        let lines: Vec<String> = (0..150).map(|i| format!("{{\"text\": \"t{i}\"}}")).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let inputs = vec![
            jsonl_input(dir.path(), "a.jsonl", &refs),
            jsonl_input(dir.path(), "b.jsonl", &["{\"text\": \"last\"}"]),
        ];
        let process = |docs: &[Document]| {
            docs.iter()
                .map(|doc| {
                    if doc.text == "t7" {
                        panic!("boom at {}", doc.text);
                    }
                    Ok(vec![fake_record(doc)])
                })
                .collect()
        };
        for jobs in [1, 2, 3] {
            let opts = RunOptions {
                jobs,
                read: ReadOptions::default(),
            };
            let mut out = Collect::default();
            let summary = run_with(&process, &inputs, &opts, &mut out).unwrap();
            assert_eq!(summary.documents_read, 151);
            assert_eq!(summary.documents_written, 150);
            assert_eq!(summary.documents_rejected, 1);
            assert_eq!(out.rejects[0].stage, Stage::Extract);
            assert!(
                out.rejects[0].error.contains("boom at t7"),
                "{}",
                out.rejects[0].error
            );
            assert_eq!(out.rejects[0].source.line, Some(8));
            let expected: Vec<String> = (0..150)
                .filter(|&i| i != 7)
                .map(|i| format!("t{i}"))
                .chain(["last".to_owned()])
                .collect();
            assert_eq!(
                out.ids, expected,
                "help: output must keep input order whatever the thread count"
            );
            assert_eq!(out.done, vec!["a.jsonl", "b.jsonl"]);
        }
    }

    /// Refuses the record after `accept` records, as a full disk would.
    struct FailAfter {
        accept: usize,
        seen: usize,
    }

    impl Output for FailAfter {
        fn record(&mut self, _: &Record) -> Result<(), EmitError> {
            self.seen += 1;
            if self.seen > self.accept {
                return Err(EmitError::Io {
                    path: "out.jsonl".to_owned(),
                    source: std::io::Error::other("disk full"),
                });
            }
            Ok(())
        }
        fn reject(&mut self, _: &Reject) -> Result<(), EmitError> {
            Ok(())
        }
        fn input_done(&mut self, _: &Input, _: &Digest) -> Result<(), EmitError> {
            Ok(())
        }
    }

    #[test]
    fn an_output_error_ends_the_run_with_that_error() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..300).map(|i| format!("{{\"text\": \"t{i}\"}}")).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let inputs = vec![jsonl_input(dir.path(), "a.jsonl", &refs)];
        let process = |docs: &[Document]| docs.iter().map(|doc| Ok(vec![fake_record(doc)])).collect();
        for jobs in [1, 2] {
            let opts = RunOptions {
                jobs,
                read: ReadOptions::default(),
            };
            let mut out = FailAfter { accept: 5, seen: 0 };
            let err = run_with(&process, &inputs, &opts, &mut out).unwrap_err();
            assert!(err.to_string().contains("disk full"), "{err}");
            if jobs == 1 {
                // One thread stops reading at once: nothing after the failed record.
                assert_eq!(out.seen, 6);
            }
        }
    }
}
