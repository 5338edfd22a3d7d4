//! Stage 1: find input files, decode them and cut them into documents.
//!
//! A `.txt` file is one document (a page or an article, decided by `layout`); a
//! `.jsonl` file holds one article per line. Reading streams: documents are handed to a
//! callback one at a time so that the run never holds an archive in memory. Anything
//! that cannot be read becomes a [`Reject`] with file and line; nothing is dropped
//! silently.

use crate::record::{Reject, RejectSource, Stage};
use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// What an input file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Newspaper text: a page or an article.
    Text,
    /// One JSON article per line.
    Jsonl,
}

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read from; `None` is standard input.
    pub path: Option<PathBuf>,
    /// Path as shown in records and messages (`-` for standard input).
    pub shown: String,
    /// How to read it.
    pub format: InputFormat,
    /// Size in bytes, when known.
    pub bytes: u64,
}

/// The inputs found under the paths given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// Files to read, in path order.
    pub inputs: Vec<Input>,
    /// Files skipped for their extension.
    pub skipped: Vec<String>,
    /// Paths that do not exist or cannot be listed, with the reason.
    pub unreadable: Vec<(String, String)>,
}

impl Discovery {
    /// Total size of the inputs in bytes (standard input counts 0).
    pub fn total_bytes(&self) -> u64 {
        self.inputs.iter().map(|i| i.bytes).sum()
    }
}

/// Finds the inputs under `paths`: files as given, directories walked recursively and
/// sorted by path; `-` is JSONL on standard input.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Discovery::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input {
                path: None,
                shown: "-".to_owned(),
                format: InputFormat::Jsonl,
                bytes: 0,
            });
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut files = Vec::new();
                walk(path, &mut files, &mut found.unreadable);
                files.sort();
                for file in files {
                    classify(&file, true, &mut found);
                }
            }
            Ok(_) => classify(path, false, &mut found),
            Err(e) => found.unreadable.push((shown_path(path), e.to_string())),
        }
    }
    found
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, unreadable: &mut Vec<(String, String)>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            unreadable.push((shown_path(dir), e.to_string()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, files, unreadable),
            Ok(_) => files.push(path),
            Err(e) => unreadable.push((shown_path(&path), e.to_string())),
        }
    }
}

fn classify(path: &Path, in_dir: bool, found: &mut Discovery) {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match ext.as_deref() {
        Some("txt") => InputFormat::Text,
        Some("jsonl") => InputFormat::Jsonl,
        _ if !in_dir => InputFormat::Text,
        _ => {
            found.skipped.push(shown_path(path));
            return;
        }
    };
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    found.inputs.push(Input {
        path: Some(path.to_path_buf()),
        shown: shown_path(path),
        format,
        bytes,
    });
}

/// A path as shown in records: `/`-separated, without a leading `./`.
fn shown_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    s.replace("//", "/")
}

/// Whether a document is a whole page or a single article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Page text that layout splits into articles.
    Page,
    /// One article (JSONL input): no page splitting, only paragraph repair.
    Article,
}

/// One decoded document, ready for the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path as shown.
    pub path: String,
    /// 1-based line for JSONL input.
    pub line: Option<u64>,
    /// The input object's own `id`.
    pub input_id: Option<String>,
    /// Page or article.
    pub kind: DocumentKind,
    /// Decoded, not yet normalized text.
    pub text: String,
    /// Title given by the input object.
    pub title: Option<String>,
    /// Section given by the input object.
    pub section: Option<String>,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Encoding the text was decoded from.
    pub encoding: String,
    /// Problems noticed while reading (replaced bytes, a bad `date`).
    pub warnings: Vec<String>,
    /// Size of the raw input in bytes, for throughput.
    pub bytes: usize,
}

/// Options for reading.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Decode every input with this encoding instead of detecting.
    pub encoding: Option<&'static Encoding>,
    /// Longest JSONL line accepted, in bytes.
    pub max_line_bytes: usize,
    /// Publication date when neither the JSONL `date` nor the file name gives one.
    pub default_date: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: None,
            max_line_bytes: 16 * 1024 * 1024,
            default_date: None,
        }
    }
}

/// What reading one input yields, one document at a time.
pub type Item = Result<Document, Reject>;

fn reject(path: &str, line: Option<u64>, id: Option<String>, stage: Stage, error: String) -> Reject {
    Reject {
        source: RejectSource {
            path: path.to_owned(),
            line,
            id,
        },
        stage,
        error,
    }
}

/// Size and content hash of an input as read, for `--resume`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Digest {
    /// Bytes read.
    pub size: u64,
    /// XXH3-64 of the bytes read.
    pub hash: u64,
}

/// FNV-1a 64: small, stable across platforms and releases; used for record ids (short
/// strings), not for security. Manifests before XXH3 also hashed inputs with it.
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Starting value of [`fnv1a`].
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// A reader that hashes what passes through it. XXH3 rather than FNV-1a: FNV-1a's
/// multiply per byte, each waiting on the last, cost about 4 cycles a byte, 3 % of a
/// `--jobs 1` run on the corpus, where XXH3 reads many bytes at a time.
struct Hashing<R> {
    inner: R,
    size: u64,
    state: xxhash_rust::xxh3::Xxh3,
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Hashing<R> {
        Hashing {
            inner,
            size: 0,
            state: xxhash_rust::xxh3::Xxh3::new(),
        }
    }

    fn digest(&self) -> Digest {
        Digest {
            size: self.size,
            hash: self.state.digest(),
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.size += n as u64;
        self.state.update(&buf[..n]);
        Ok(n)
    }
}

/// Hashes a whole file the way [`read_input`] does, to check it against a manifest.
pub fn digest_file(path: &Path) -> std::io::Result<Digest> {
    let mut reader = Hashing::new(std::fs::File::open(path)?);
    std::io::copy(&mut reader, &mut std::io::sink())?;
    Ok(reader.digest())
}

/// Size and FNV-1a 64 of a whole file, to check it against a manifest written before
/// inputs were hashed with XXH3.
pub fn fnv1a_digest_file(path: &Path) -> std::io::Result<Digest> {
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut digest = Digest {
        size: 0,
        hash: FNV_OFFSET,
    };
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(digest);
        }
        digest.size += n as u64;
        digest.hash = fnv1a(digest.hash, &buf[..n]);
    }
}

/// Reads one input and hands each document (or reject) to `emit`, in order. `emit`
/// returns `false` to stop early. Returns the size and hash of what was read.
pub fn read_input(input: &Input, opts: &ReadOptions, emit: &mut dyn FnMut(Item) -> bool) -> Digest {
    let opened: std::io::Result<Box<dyn Read>> = match &input.path {
        None => Ok(Box::new(std::io::stdin().lock())),
        Some(p) => std::fs::File::open(p).map(|f| Box::new(f) as Box<dyn Read>),
    };
    let inner = match opened {
        Ok(r) => r,
        Err(e) => {
            emit(Err(reject(
                &input.shown,
                None,
                None,
                Stage::Read,
                format!("cannot open: {e}"),
            )));
            return Digest::default();
        }
    };
    let mut reader = Hashing::new(inner);
    match input.format {
        InputFormat::Text => read_text(input, &mut reader, opts, emit),
        InputFormat::Jsonl => read_jsonl(input, &mut reader, opts, emit),
    }
    reader.digest()
}

fn read_text(input: &Input, reader: &mut dyn Read, opts: &ReadOptions, emit: &mut dyn FnMut(Item) -> bool) {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        emit(Err(reject(
            &input.shown,
            None,
            None,
            Stage::Read,
            format!("cannot read: {e}"),
        )));
        return;
    }
    if bytes.is_empty() {
        // An empty file is counted as read, with nothing in it: no document, no reject.
        return;
    }
    let decoded = match decode(&bytes, opts.encoding) {
        Ok(d) => d,
        Err(e) => {
            emit(Err(reject(&input.shown, None, None, Stage::Decode, e)));
            return;
        }
    };
    let mut warnings = Vec::new();
    if decoded.replaced > 0 {
        warnings.push(format!(
            "{} byte sequences could not be decoded as {} and were replaced by U+FFFD",
            decoded.replaced, decoded.encoding
        ));
    }
    let published = date_in_file_name(&input.shown).or_else(|| opts.default_date.clone());
    emit(Ok(Document {
        path: input.shown.clone(),
        line: None,
        input_id: None,
        kind: DocumentKind::Page,
        text: decoded.text,
        title: None,
        section: None,
        published,
        encoding: decoded.encoding.to_owned(),
        warnings,
        bytes: bytes.len(),
    }));
}

fn read_jsonl(input: &Input, reader: &mut dyn Read, opts: &ReadOptions, emit: &mut dyn FnMut(Item) -> bool) {
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let file_date = date_in_file_name(&input.shown);
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let line = match read_line_capped(&mut reader, &mut buf, opts.max_line_bytes) {
            Ok(None) => return,
            Ok(Some(l)) => l,
            Err(e) => {
                emit(Err(reject(
                    &input.shown,
                    Some(line_no),
                    None,
                    Stage::Read,
                    format!("cannot read: {e}"),
                )));
                return;
            }
        };
        let mut content: &[u8] = &buf;
        if line_no == 1 {
            content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
        }
        while let [rest @ .., b'\n' | b'\r'] = content {
            content = rest;
        }
        if line.too_long {
            let e = format!(
                "line is {} bytes, over the limit of {} bytes (--max-line-bytes)",
                line.len, opts.max_line_bytes
            );
            if !emit(Err(reject(&input.shown, Some(line_no), None, Stage::Read, e))) {
                return;
            }
            continue;
        }
        if content.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let item = parse_jsonl_line(input, content, line_no, !line.ended, file_date.as_deref(), opts);
        if !emit(item.map(|mut d| {
            d.bytes = line.len;
            d
        })) {
            return;
        }
    }
}

/// Length of a line read by [`read_line_capped`].
struct LineRead {
    len: usize,
    too_long: bool,
    ended: bool,
}

/// Reads one line into `buf`, keeping at most `max` bytes so that a huge line cannot
/// exhaust memory; the rest of an over-long line is consumed and discarded.
fn read_line_capped<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<LineRead>> {
    buf.clear();
    let mut len = 0usize;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok((len > 0).then_some(LineRead {
                len,
                too_long: len > max,
                ended: false,
            }));
        }
        let (chunk, done) = match memchr_newline(available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let n = chunk.len();
        if len + n <= max.saturating_add(2) {
            buf.extend_from_slice(chunk);
        }
        len += n;
        reader.consume(n);
        if done {
            let content_len = len - 1 - usize::from(buf.ends_with(b"\r\n"));
            return Ok(Some(LineRead {
                len,
                too_long: content_len > max,
                ended: true,
            }));
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', bytes)
}

fn parse_jsonl_line(
    input: &Input,
    content: &[u8],
    line_no: u64,
    unterminated: bool,
    file_date: Option<&str>,
    opts: &ReadOptions,
) -> Item {
    let fail =
        |stage, error: String, id: Option<String>| Err(reject(&input.shown, Some(line_no), id, stage, error));
    let (text, encoding, replaced) = match opts.encoding {
        Some(enc) if enc != UTF_8 => {
            let (t, _) = enc.decode_without_bom_handling(content);
            let replaced = t.matches('\u{FFFD}').count();
            (Cow::Owned(t.into_owned()), output_name(enc), replaced)
        }
        // Borrowed when the line is UTF-8, the common case: the text is copied once,
        // out of the parsed object, not also before parsing.
        // simdutf8 checks CJK text about ten times faster than `std::str::from_utf8`,
        // which matters on the reader thread; only Ok or Err is needed here.
        _ => match simdutf8::basic::from_utf8(content) {
            Ok(t) => (Cow::Borrowed(t), "UTF-8", 0),
            Err(_) => match decode(content, None) {
                Ok(d) => (Cow::Owned(d.text), d.encoding, d.replaced),
                Err(e) => return fail(Stage::Decode, e, None),
            },
        },
    };
    let fields = match borrowed_fields(&text) {
        Some(fields) => fields,
        // Only a line that is to be rejected gets here (or one that repeats a member
        // with a value of the wrong type before the right one): it is parsed again into
        // a `Value` to say exactly what is wrong with it.
        None => match explained_fields(&text, unterminated) {
            Ok(fields) => fields,
            Err((error, id)) => return fail(Stage::Parse, error, id),
        },
    };
    let LineFields {
        id,
        text: text_field,
        date,
        title,
        section,
    } = fields;
    let mut warnings = Vec::new();
    if replaced > 0 {
        warnings.push(format!(
            "{replaced} byte sequences could not be decoded as {encoding} and were replaced by U+FFFD"
        ));
    }
    let published = match date {
        Some(d) => match parse_iso_date(d.trim()) {
            Some(iso) => Some(iso),
            None => {
                warnings.push(format!("`date` {d:?} is not a YYYY-MM-DD date; ignored"));
                file_date.map(str::to_owned).or_else(|| opts.default_date.clone())
            }
        },
        None => file_date.map(str::to_owned).or_else(|| opts.default_date.clone()),
    };
    Ok(Document {
        path: input.shown.clone(),
        line: Some(line_no),
        input_id: id.map(Cow::into_owned),
        kind: DocumentKind::Article,
        text: text_field.into_owned(),
        title: title.map(Cow::into_owned),
        section: section.map(Cow::into_owned),
        published,
        encoding: encoding.to_owned(),
        warnings,
        bytes: content.len(),
    })
}

/// The members of a JSONL object that a document takes. Strings borrow from the line
/// when they hold no escapes, so that the text is copied once, into the document.
#[derive(Debug, PartialEq, Eq)]
struct LineFields<'a> {
    id: Option<Cow<'a, str>>,
    text: Cow<'a, str>,
    date: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    section: Option<Cow<'a, str>>,
}

/// The fields of a line that is a JSON object with a string `text`, string or null
/// `date`, `title` and `section` and a string, number or null `id`; `None` for any
/// other line, which [`explained_fields`] then rejects with the reason.
///
/// Parsing into a `serde_json::Value` built a map with an owned key and value for every
/// member, only to take five of them out; this reads the members as they come. It
/// accepts exactly the lines the `Value` parse accepts, with the same fields: every
/// member goes through `deserialize_any`, as in the `Value` parse, so that the parser
/// checks the same things (numbers in range, escapes, nesting depth), and a repeated
/// member keeps its last value, as the `Value` map does.
fn borrowed_fields(line: &str) -> Option<LineFields<'_>> {
    let members: Members<'_> = serde_json::from_str(line).ok()?;
    /// A string member: `Some(None)` when absent or null, `None` when of another type.
    fn string(member: Option<Member<'_>>) -> Option<Option<Cow<'_, str>>> {
        match member {
            None | Some(Member::Null) => Some(None),
            Some(Member::String(s)) => Some(Some(s)),
            Some(Member::Number(_)) => None,
        }
    }
    Some(LineFields {
        id: match members.id {
            None | Some(Member::Null) => None,
            Some(Member::String(s)) => Some(s),
            Some(Member::Number(n)) => Some(Cow::Owned(n.to_string())),
        },
        text: string(members.text)??,
        date: string(members.date)?,
        title: string(members.title)?,
        section: string(members.section)?,
    })
}

/// The fields of a line, or the reason it is rejected and its `id` when that could be
/// read: the slow path behind [`borrowed_fields`], whose messages the rejects show.
fn explained_fields(line: &str, unterminated: bool) -> Result<LineFields<'static>, (String, Option<String>)> {
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) if unterminated => {
            return Err((format!("truncated line (no newline at end of file): {e}"), None));
        }
        Err(e) => return Err((format!("not JSON: {e}"), None)),
    };
    let Value::Object(mut obj) = value else {
        return Err(("line is not a JSON object".to_owned(), None));
    };
    let id = match obj.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err((
                format!("`id` must be a string or a number, not {}", type_name(other)),
                None,
            ));
        }
    };
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => return Err(("object has no `text`".to_owned(), id)),
        Some(other) => {
            return Err((format!("`text` must be a string, not {}", type_name(&other)), id));
        }
    };
    let mut strings = [None, None, None];
    for (slot, key) in strings.iter_mut().zip(["date", "title", "section"]) {
        match obj.remove(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => *slot = Some(Cow::Owned(s)),
            Some(other) => {
                return Err((format!("`{key}` must be a string, not {}", type_name(&other)), id));
            }
        }
    }
    let [date, title, section] = strings;
    Ok(LineFields {
        id: id.map(Cow::Owned),
        text: Cow::Owned(text),
        date,
        title,
        section,
    })
}

/// The members of a JSONL object that [`borrowed_fields`] looks at, each as its last
/// occurrence left it.
#[derive(Default)]
struct Members<'a> {
    id: Option<Member<'a>>,
    text: Option<Member<'a>>,
    date: Option<Member<'a>>,
    title: Option<Member<'a>>,
    section: Option<Member<'a>>,
}

/// A member value that a document field can take; anything else fails the fast parse.
enum Member<'a> {
    Null,
    String(Cow<'a, str>),
    Number(serde_json::Number),
}

/// Names of the members, as a map key is read.
enum MemberName {
    Id,
    Text,
    Date,
    Title,
    Section,
    Other,
}

impl<'de: 'a, 'a> Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ObjectVisitor<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'a>, A::Error> {
                let mut members = Members::default();
                while let Some(name) = map.next_key::<MemberName>()? {
                    let slot = match name {
                        MemberName::Id => &mut members.id,
                        MemberName::Text => &mut members.text,
                        MemberName::Date => &mut members.date,
                        MemberName::Title => &mut members.title,
                        MemberName::Section => &mut members.section,
                        MemberName::Other => {
                            map.next_value::<Checked>()?;
                            continue;
                        }
                    };
                    *slot = Some(map.next_value()?);
                }
                Ok(members)
            }
        }
        d.deserialize_any(ObjectVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for MemberName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = MemberName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<MemberName, E> {
                Ok(match name {
                    "id" => MemberName::Id,
                    "text" => MemberName::Text,
                    "date" => MemberName::Date,
                    "title" => MemberName::Title,
                    "section" => MemberName::Section,
                    _ => MemberName::Other,
                })
            }
        }
        d.deserialize_str(NameVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Member<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MemberVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for MemberVisitor<'a> {
            type Value = Member<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, a number or null")
            }
            fn visit_unit<E>(self) -> Result<Member<'a>, E> {
                Ok(Member::Null)
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Member<'a>, E> {
                Ok(Member::String(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Member<'a>, E> {
                Ok(Member::String(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Member<'a>, E> {
                Ok(Member::String(Cow::Owned(s)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Member<'a>, E> {
                Ok(Member::Number(n.into()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Member<'a>, E> {
                Ok(Member::Number(n.into()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Member<'a>, E> {
                // As the `Value` parse does: a float that is no JSON number is null.
                Ok(serde_json::Number::from_f64(n).map_or(Member::Null, Member::Number))
            }
        }
        d.deserialize_any(MemberVisitor(PhantomData))
    }
}

/// A member value nobody reads, parsed as thoroughly as a `Value` would be (numbers
/// converted, strings unescaped) but not kept, so that a line the `Value` parse would
/// reject is not accepted here.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CheckedVisitor;
        impl<'de> Visitor<'de> for CheckedVisitor {
            type Value = Checked;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
                while seq.next_element::<Checked>()?.is_some() {}
                Ok(Checked)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
                while map.next_key::<Checked>()?.is_some() {
                    map.next_value::<Checked>()?;
                }
                Ok(Checked)
            }
        }
        d.deserialize_any(CheckedVisitor)
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Result of decoding a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Name of the encoding used (`UTF-8`, `GB18030`, `Big5`, `UTF-16LE`, …).
    pub encoding: &'static str,
    /// How many undecodable sequences became U+FFFD.
    pub replaced: usize,
}

/// Name used in `source.encoding`: GBK input is decoded as its superset GB18030.
fn output_name(enc: &'static Encoding) -> &'static str {
    if enc == GBK || enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Decodes a whole file: a BOM first, then strict UTF-8, else the likelier of
/// GB18030 and Big5. `forced` skips detection. Binary content is an error.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(enc, &bytes[bom_len..]));
    }
    if let Some(enc) = forced {
        if enc != UTF_16LE && enc != UTF_16BE {
            check_not_binary(bytes)?;
        }
        return Ok(decode_with(enc, bytes));
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return Ok(decode_with(enc, bytes));
    }
    check_not_binary(bytes)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            replaced: 0,
        });
    }
    Ok(decode_with(guess_legacy(bytes), bytes))
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let enc = if enc == GBK { GB18030 } else { enc };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    Decoded {
        text: text.into_owned(),
        encoding: output_name(enc),
        replaced,
    }
}

/// Picks GB18030 or Big5 for bytes that are not UTF-8.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == GBK || guess == BIG5 || guess == GB18030 {
        return guess;
    }
    // Outside the two, decode with both and keep the one with fewer errors.
    let errors = |enc: &'static Encoding| {
        enc.decode_without_bom_handling(bytes)
            .0
            .matches('\u{FFFD}')
            .count()
    };
    if errors(BIG5) < errors(GB18030) {
        BIG5
    } else {
        GB18030
    }
}

/// UTF-16 without a BOM shows as NUL in every other byte of mostly-ASCII or CJK text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // ASCII-range text in UTF-16 has NUL as the high byte of most code units; CJK text
    // has none, so this only catches Latin-heavy files, the common BOM-less export.
    if odd_nul * 10 > pairs * 3 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 3 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Rejects content that is not text: NUL bytes, or many control characters.
fn check_not_binary(bytes: &[u8]) -> Result<(), String> {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return Err("binary file: contains NUL bytes".to_owned());
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B))
        .count();
    if control * 10 > sample.len() {
        return Err(format!(
            "binary file: {control} of the first {} bytes are control characters",
            sample.len()
        ));
    }
    Ok(())
}

/// Parses `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYYMMDD`) into `YYYY-MM-DD`, checking
/// that the day exists.
pub fn parse_iso_date(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    let shape_ok = match s.len() {
        8 => digits.len() == 8,
        10 => digits.len() == 8 && matches!(&s[4..5], "-" | "/") && s[4..5] == s[7..8],
        _ => false,
    };
    if !shape_ok {
        return None;
    }
    let y: u32 = digits[..4].parse().ok()?;
    let m: u32 = digits[4..6].parse().ok()?;
    let d: u32 = digits[6..8].parse().ok()?;
    valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Whether year, month and day name a real calendar day.
pub fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A `YYYY-MM-DD` or `YYYYMMDD` date in a file name (`zjrb-2026-01-22.txt`).
pub fn date_in_file_name(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let chars: Vec<char> = name.chars().collect();
    for start in 0..chars.len() {
        if start > 0 && chars[start - 1].is_ascii_digit() {
            continue;
        }
        for len in [10, 8] {
            if start + len > chars.len() {
                continue;
            }
            if chars.get(start + len).is_some_and(char::is_ascii_digit) {
                continue;
            }
            let candidate: String = chars[start..start + len].iter().collect();
            if let Some(d) = parse_iso_date(&candidate) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date_in_file_name("input/zjrb-2026-01-22.txt").as_deref(),
            Some("2026-01-22")
        );
        assert_eq!(
            date_in_file_name("a/rmrb_20250301_p1.txt").as_deref(),
            Some("2025-03-01")
        );
        assert_eq!(date_in_file_name("2026-13-01.txt"), None);
        assert_eq!(date_in_file_name("page123456789.txt"), None);
        assert_eq!(date_in_file_name("xwlb_2013.txt"), None);
    }

    #[test]
    fn iso_dates_are_checked() {
        assert_eq!(parse_iso_date("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(parse_iso_date("2025-02-29"), None);
        assert_eq!(parse_iso_date("2025/3/1"), None);
        assert_eq!(parse_iso_date("20250301").as_deref(), Some("2025-03-01"));
    }

    #[test]
    fn decodes_utf8_gbk_big5_and_utf16() {
        let text = "浙江进出口总额5.55万亿元,同比增长5.4%。宁波舟山港作为重要枢纽。";
        assert_eq!(decode(text.as_bytes(), None).unwrap().encoding, "UTF-8");
        let (gbk, _, _) = GBK.encode(text);
        let d = decode(&gbk, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        let trad = "浙江進出口總額5.55萬億元,同比增長5.4%。寧波舟山港作為重要樞紐,臺灣與香港。";
        let (big5, _, _) = BIG5.encode(trad);
        let d = decode(&big5, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (trad, "Big5"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&utf16, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
    }

    #[test]
    fn binary_is_an_error() {
        assert!(decode(b"%PDF-1.4\x00\x01\x02", None).unwrap_err().contains("NUL"));
        let controls: Vec<u8> = (0..200u8).map(|i| i % 8).collect();
        assert!(decode(&controls, None).is_err());
    }

    #[test]
    fn undecodable_bytes_are_counted() {
        let mut bytes = GBK.encode("浙江宁波舟山港进出口").0.into_owned();
        bytes.extend_from_slice(&[0x81, 0x20]);
        let d = decode(&bytes, Some(GB18030)).unwrap();
        assert_eq!(d.replaced, 1);
    }

    fn read_all(shown: &str, content: &[u8], format: InputFormat, opts: &ReadOptions) -> Vec<Item> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("in");
        std::fs::write(&path, content).unwrap();
        let input = Input {
            path: Some(path),
            shown: shown.to_owned(),
            format,
            bytes: content.len() as u64,
        };
        let mut items = Vec::new();
        read_input(&input, opts, &mut |i| {
            items.push(i);
            true
        });
        items
    }

    #[test]
    fn jsonl_lines_become_documents_or_rejects() {
        let content = concat!(
            "{\"id\": \"a\", \"text\": \"浙江\", \"date\": \"2026-01-22\", \"title\": \"T\"}\n",
            "\n",
            "not json\n",
            "{\"text\": 5}\n",
            "{\"title\": \"no text\"}\n",
            "{\"id\": 7, \"text\": \"宁波\", \"date\": \"soon\"}\n",
            "{\"text\": \"cut off"
        );
        let items = read_all(
            "news-20250101.jsonl",
            content.as_bytes(),
            InputFormat::Jsonl,
            &ReadOptions::default(),
        );
        assert_eq!(items.len(), 6);
        let first = items[0].as_ref().unwrap();
        assert_eq!((first.line, first.input_id.as_deref()), (Some(1), Some("a")));
        assert_eq!(first.published.as_deref(), Some("2026-01-22"));
        let lines: Vec<(u64, Stage)> = items
            .iter()
            .filter_map(|i| i.as_ref().err())
            .map(|r| (r.source.line.unwrap(), r.stage))
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, Stage::Parse),
                (4, Stage::Parse),
                (5, Stage::Parse),
                (7, Stage::Parse)
            ]
        );
        let sixth = items[4].as_ref().unwrap();
        assert_eq!(sixth.input_id.as_deref(), Some("7"));
        assert_eq!(
            sixth.published.as_deref(),
            Some("2025-01-01"),
            "help: a bad `date` falls back to the file name"
        );
        assert_eq!(sixth.warnings.len(), 1);
        assert!(items[5].as_ref().unwrap_err().error.contains("truncated"));
    }

    #[test]
    fn borrowed_fields_are_the_fields_of_the_value_parse() {
        let deep = format!(
            "{{\"x\": {}{}, \"text\": \"a\"}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        let lines = [
            r#"{"id": "a", "text": "浙江", "date": "2026-01-22", "title": "T", "section": "要闻"}"#,
            r#"{"id": 1.50, "text": "a"}"#,
            r#"{"id": -17, "text": "a"}"#,
            r#"{"id": 18446744073709551615, "text": "a"}"#,
            r#"{"id": 1e2, "text": "a"}"#,
            r#"{"id": 12345678901234567890123, "text": "a"}"#,
            r#"{"id": null, "text": "a", "date": null, "title": null, "section": null}"#,
            r#"{"text": "first", "text": "second"}"#,
            r#"{"text": 5, "text": "second"}"#,
            r#"{"text": "a", "text": null}"#,
            r#"{"id": "d", "id": null, "text": "a"}"#,
            r#"{"m": {"a": [1, [2, {"b": [true, null, 1.5e10]}]], "c": "\u4e2d"}, "text": "a"}"#,
            r#"{"x": 1e400, "text": "a"}"#,
            r#"{"x": "\ud800", "text": "a"}"#,
            &deep,
            r#"{"\u0074ext": "台州\n第二段\t\"引号\"", "title": "t\u00e9"}"#,
            r#"{"text": "a", "title": 5}"#,
            r#"{"text": "a", "section": ["a"]}"#,
            r#"{"text": "a", "date": 20250101}"#,
            r#"{"id": true, "text": "a"}"#,
            r#"{"id": {"x": 1}, "text": "a"}"#,
            r#"{"text": "a", "nested": {"text": 5}}"#,
            r#"{}"#,
            r#"[1, 2]"#,
            r#""text""#,
            r#"{"text": "a"} x"#,
            r#"{"text": "a", }"#,
            "{\"text\": \"a\tb\"}",
            r#"{"text": "cut"#,
        ];
        for line in lines {
            let explained = explained_fields(line, false);
            // Declining is always safe: the line is then parsed the slow way.
            if let Some(fields) = borrowed_fields(line) {
                assert_eq!(
                    Ok(&fields),
                    explained.as_ref(),
                    "help: the fast parse took {line} differently from the `Value` parse"
                );
            }
            if explained.is_err() {
                assert!(borrowed_fields(line).is_none(), "help: {line} must be rejected");
            }
        }
        assert!(
            borrowed_fields(lines[0]).is_some_and(|f| matches!(f.text, Cow::Borrowed(_))),
            "help: a text without escapes is borrowed from the line"
        );
    }

    #[test]
    fn over_long_lines_are_rejected_and_reading_goes_on() {
        let long = format!("{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n", "x".repeat(100));
        let opts = ReadOptions {
            max_line_bytes: 50,
            ..ReadOptions::default()
        };
        let items = read_all("a.jsonl", long.as_bytes(), InputFormat::Jsonl, &opts);
        assert_eq!(items.len(), 2);
        assert!(items[0].as_ref().unwrap_err().error.contains("over the limit"));
        assert_eq!(items[1].as_ref().unwrap().text, "ok");
    }

    #[test]
    fn empty_text_file_yields_nothing() {
        assert!(read_all("e.txt", b"", InputFormat::Text, &ReadOptions::default()).is_empty());
    }
}
