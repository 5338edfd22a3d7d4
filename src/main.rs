//! The `baokan` command line: a thin layer over the library that parses flags, prints
//! errors and decides exit codes (0 all good, 1 some inputs rejected, 2 usage or rule
//! errors).

use anyhow::{Context as _, Result};
use baokan::emit::jsonl::{JsonlSink, JsonlWriter};
use baokan::emit::manifest::Manifest;
use baokan::emit::sqlite::{self, SqliteSink};
use baokan::emit::{EmitError, Sink};
use baokan::pipeline::{self, Output, Pipeline, RunOptions, Summary};
use baokan::read::{self, Digest, Input, ReadOptions};
use baokan::record::{Record, Reject};
use baokan::rules::{RuleDir, Rules};
use baokan::tooling;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Records are built on worker threads and freed on the writer thread; glibc's malloc
/// locks the owning arena for each such free and spends time consolidating, which
/// mimalloc's per-thread free lists avoid (about 10 % of wall time on the news corpus,
/// docs/performance.md). Transparent huge pages stay off (`no_thp`): they would add
/// a few per cent of speed but raise peak memory from about 85 to 130–150 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code when some inputs were rejected.
const EXIT_REJECTS: u8 = 1;
/// Exit code for usage and rule errors.
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "baokan",
    version,
    about = "Chinese newspaper text in, structured JSON records out (figures, places, facts)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Process files, folders or JSONL into records (one JSON line per article).
    Run(RunArgs),
    /// Check or test the rule files.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Show how the rules read one text: tokens, figures, places, facts, rejected candidates.
    Explain(ExplainArgs),
    /// Score the rules against an annotated gold file: precision, recall, F1 per kind.
    Eval(EvalArgs),
    /// Compare two record files: figures, places and facts added, removed, changed.
    Diff(DiffArgs),
}

#[derive(clap::Args, Debug)]
struct ExplainArgs {
    /// The text; `-` or nothing reads standard input.
    text: Option<String>,
    /// Publication date, for relative dates.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Rules folder [default: ./rules if present, else the bundled copy].
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// Gold file: JSON Lines of {"id", "text", "date"?, "expect": [...]}.
    gold: PathBuf,
    /// Rules folder [default: ./rules if present, else the bundled copy].
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// List every miss, extra and wrong value.
    #[arg(short, long)]
    verbose: bool,
    /// Also score per value of this top-level key of the gold lines (e.g. `origin`).
    #[arg(long, value_name = "FIELD")]
    by: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args, Debug)]
struct DiffArgs {
    /// Records before the change (JSONL from `baokan run`).
    old: PathBuf,
    /// Records after the change.
    new: PathBuf,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// Input files or folders (.txt pages, .jsonl articles; `-` reads JSONL from stdin).
    #[arg(default_value = "input/")]
    paths: Vec<PathBuf>,
    /// Output file; `-` writes to standard output.
    #[arg(short, long, default_value = "output/records.jsonl")]
    output: PathBuf,
    /// Output format [default: sqlite for .db, .sqlite, .sqlite3 outputs, else jsonl].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Rules folder [default: ./rules if present, else the copy built into the binary].
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Publication date for inputs whose JSONL `date` or file name gives none.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<String>,
    /// Worker threads [default: all cores]; with 1, reading and writing share the one thread.
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Hide the progress bar.
    #[arg(short, long)]
    quiet: bool,
    /// Decode every input with this encoding (e.g. GB18030, Big5, UTF-16LE) instead of detecting.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Rejects file [default: rejects.jsonl beside the output; stderr when the output is stdout].
    #[arg(long, value_name = "FILE")]
    rejects: Option<PathBuf>,
    /// Write run statistics (documents read, written, rejected by stage) as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// Longest JSONL line accepted, in bytes; longer lines are rejected.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    max_line_bytes: usize,
    /// Skip inputs that the last finished run completed unchanged (see its manifest) and append.
    #[arg(long)]
    resume: bool,
}

/// What `run` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// JSON Lines, one record per line.
    Jsonl,
    /// A SQLite database (see docs/databases.md).
    Sqlite,
}

#[derive(Subcommand, Debug)]
enum RulesCommand {
    /// Load and compile every rule file; report all errors as path:line:col.
    Check {
        /// Rules folder [default: ./rules if present, else the bundled copy].
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
    /// Run every example embedded in the rule files; exit 1 if one fails.
    Test {
        /// Rules folder [default: ./rules if present, else the bundled copy].
        #[arg(long, value_name = "DIR")]
        rules: Option<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<String, String> {
    read::parse_iso_date(s).ok_or_else(|| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(s.as_bytes()).ok_or_else(|| format!("unknown encoding label `{s}`"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(args),
        Command::Rules(RulesCommand::Check { rules }) => rules_check(rules.as_deref()),
        Command::Rules(RulesCommand::Test { rules }) => rules_test(rules.as_deref()),
        Command::Explain(args) => explain(args),
        Command::Eval(args) => eval(args),
        Command::Diff(args) => diff(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", error_chain(&e));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// The error and its causes on one line, without repeating a cause that the message
/// before it already ends with (library errors quote their source).
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in e.chain().map(|c| c.to_string()) {
        // `Error code 26: file is not a database` only adds a number to what was said.
        let repeats = out.ends_with(&cause) || (!last.is_empty() && cause.ends_with(&last));
        last.clone_from(&cause);
        if repeats {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&cause);
    }
    out
}

/// Writes a command's report to standard output. A reader that closed the pipe early
/// (`baokan explain … | head`) gets an error line and exit code 2, as `run -o -` does,
/// instead of the panic of `println!`.
fn print_out(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("writing to standard output")
}

fn load_rules(dir: Option<&Path>) -> Result<Rules, ExitCode> {
    Rules::load(&RuleDir::choose(dir)).map_err(|errors| {
        for e in &errors.0 {
            eprintln!("{e}");
        }
        eprintln!("{} error(s) in the rules; nothing was processed", errors.0.len());
        ExitCode::from(EXIT_USAGE)
    })
}

/// Like [`load_rules`], also building the segmenter (in parallel with the rules).
fn load_pipeline(dir: Option<&Path>) -> Result<Pipeline, ExitCode> {
    Pipeline::load(&RuleDir::choose(dir)).map_err(|errors| {
        for e in &errors.0 {
            eprintln!("{e}");
        }
        eprintln!("{} error(s) in the rules; nothing was processed", errors.0.len());
        ExitCode::from(EXIT_USAGE)
    })
}

fn rules_check(dir: Option<&Path>) -> Result<ExitCode> {
    match load_rules(dir) {
        Ok(rules) => {
            print_out(&format!("{}: all rule files load\n", rules.origin))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(code) => Ok(code),
    }
}

fn rules_test(dir: Option<&Path>) -> Result<ExitCode> {
    let pipeline = match load_pipeline(dir) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let report = tooling::examples::run(&pipeline, pipeline.rules.examples());
    print_out(&format!("{report}\n"))?;
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_REJECTS)
    })
}

fn explain(args: ExplainArgs) -> Result<ExitCode> {
    let text = match args.text.as_deref() {
        Some(t) if t != "-" => t.to_owned(),
        _ => std::io::read_to_string(std::io::stdin()).context("reading standard input")?,
    };
    let pipeline = match load_pipeline(args.rules.as_deref()) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let explanation = tooling::explain::explain(&pipeline, &text, args.date.as_deref());
    if args.json {
        print_out(&format!("{}\n", serde_json::to_string_pretty(&explanation)?))?;
    } else {
        print_out(&explanation.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(args: EvalArgs) -> Result<ExitCode> {
    let gold = match tooling::eval::read_gold(&args.gold) {
        Ok(gold) => gold,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    let pipeline = match load_pipeline(args.rules.as_deref()) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let report = tooling::eval::evaluate(&pipeline, &gold, args.by.as_deref());
    if args.json {
        print_out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&report.to_json(args.verbose))?
        ))?;
    } else {
        print_out(&report.render(args.verbose))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn diff(args: DiffArgs) -> Result<ExitCode> {
    let report = match tooling::diff::diff_files(&args.old, &args.new) {
        Ok(report) => report,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };
    if args.json {
        print_out(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
    } else {
        print_out(&report.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where one run's results go: records, rejects, the manifest and the progress bar.
struct RunSinks {
    records: Box<dyn Sink>,
    rejects: JsonlWriter,
    manifest: Option<Manifest>,
    bar: ProgressBar,
    /// Bytes done but not yet added to `bar`.
    unshown: u64,
}

/// Bytes of input by which the progress bar moves: `ProgressBar::inc` reads the clock
/// and takes atomics on every call, 400 instructions a document on the writer thread,
/// and the bar is redrawn a few times a second at most.
const PROGRESS_STEP: u64 = 64 * 1024;

impl Output for RunSinks {
    fn record(&mut self, record: &Record) -> Result<(), EmitError> {
        self.records.write(record)
    }

    fn reject(&mut self, reject: &Reject) -> Result<(), EmitError> {
        self.rejects.write_line(reject, &reject.source.path)
    }

    fn input_done(&mut self, input: &Input, digest: &Digest) -> Result<(), EmitError> {
        if let Some(m) = &mut self.manifest {
            m.add(input, *digest);
        }
        Ok(())
    }

    fn progress(&mut self, bytes: u64) {
        self.unshown += bytes;
        if self.unshown >= PROGRESS_STEP {
            self.bar.inc(self.unshown);
            self.unshown = 0;
        }
    }
}

fn run(args: RunArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let pipeline = match load_pipeline(args.rules.as_deref()) {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let mut discovery = read::discover(&args.paths);
    for (path, reason) in &discovery.unreadable {
        eprintln!("error: {path}: {reason}");
    }
    if discovery.inputs.is_empty() && !discovery.unreadable.is_empty() {
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let to_stdout = args.output.as_os_str() == "-";
    if args.resume && to_stdout {
        anyhow::bail!("--resume needs an output file (a manifest is kept beside it), not `-o -`");
    }
    let manifest_path = Manifest::path_for(&args.output);
    let mut manifest = if to_stdout {
        None
    } else if args.resume {
        Some(Manifest::load(&manifest_path)?)
    } else {
        Some(Manifest::default())
    };
    let mut resumed = 0u64;
    if let (true, Some(m)) = (args.resume, &manifest) {
        let before = discovery.inputs.len();
        discovery.inputs.retain(|input| !m.has_unchanged(input));
        resumed = (before - discovery.inputs.len()) as u64;
    }
    let rejects = match (&args.rejects, to_stdout) {
        (Some(p), _) => JsonlWriter::create(p, args.resume)?,
        (None, true) => JsonlWriter::stderr(),
        (None, false) => JsonlWriter::create(&args.output.with_file_name("rejects.jsonl"), args.resume)?,
    };
    let opts = RunOptions {
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        read: ReadOptions {
            encoding: args.encoding,
            max_line_bytes: args.max_line_bytes,
            default_date: args.date.clone(),
        },
    };
    let format = args.format.unwrap_or(if sqlite::is_sqlite_path(&args.output) {
        Format::Sqlite
    } else {
        Format::Jsonl
    });
    let records: Box<dyn Sink> = match format {
        Format::Sqlite if to_stdout => anyhow::bail!("SQLite output needs a file, not `-`"),
        Format::Sqlite => Box::new(SqliteSink::create(&args.output)?),
        Format::Jsonl => Box::new(JsonlSink::create(&args.output, args.resume)?),
    };
    let mut sinks = RunSinks {
        records,
        rejects,
        manifest: manifest.take(),
        bar: progress_bar(discovery.total_bytes(), args.quiet),
        unshown: 0,
    };
    let mut summary =
        pipeline::run(&pipeline, &discovery.inputs, &opts, &mut sinks).context("writing output")?;
    let RunSinks {
        records,
        rejects,
        manifest,
        bar,
        unshown: _,
    } = sinks;
    bar.finish_and_clear();
    records.finish().context("finishing output")?;
    rejects.commit().context("finishing the rejects file")?;
    if let Some(m) = manifest {
        m.save(&manifest_path).context("writing the manifest")?;
    }
    summary.skipped_files = discovery.skipped.len() as u64;
    summary.resumed_files = resumed;
    let seconds = started.elapsed().as_secs_f64();
    print_summary(&summary, seconds);
    if let Some(path) = &args.stats {
        write_stats(path, &summary, seconds)?;
    }
    let failed = summary.documents_rejected > 0 || !discovery.unreadable.is_empty();
    // Freeing jieba's ~350k dictionary entries one by one takes longer than the process
    // exit that returns the memory at once.
    std::mem::forget(pipeline);
    Ok(if failed {
        ExitCode::from(EXIT_REJECTS)
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(total_bytes: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(total_bytes);
    let style = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn print_summary(s: &Summary, seconds: f64) {
    let mb_s = s.bytes as f64 / 1e6 / seconds.max(1e-9);
    let mut by_stage: Vec<String> = s
        .rejected_by_stage
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    if !by_stage.is_empty() {
        by_stage = vec![format!(" ({})", by_stage.join(", "))];
    }
    eprintln!(
        "files {}, documents {}, articles {}, rejected {}{}, skipped files {}, resumed files {}, {:.2} s, {:.1} MB/s",
        s.files,
        s.documents_read,
        s.records,
        s.documents_rejected,
        by_stage.concat(),
        s.skipped_files,
        s.resumed_files,
        seconds,
        mb_s
    );
}

fn write_stats(path: &Path, s: &Summary, seconds: f64) -> Result<()> {
    let mut value = serde_json::to_value(s)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("seconds".into(), serde_json::json!(seconds));
    }
    std::fs::write(path, serde_json::to_string_pretty(&value)? + "\n")
        .with_context(|| format!("writing {}", path.display()))
}
