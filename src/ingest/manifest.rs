//! Corpus manifests: many documents, each with its outlet and (optionally) its event.
//!
//! A corpus is given as a JSONL or CSV manifest (one document per line) or as a directory laid
//! out as `EVENT/OUTLET.txt`. This module owns the one type every corpus command works on,
//! [`CorpusDoc`]: a manifest line, before its text is read and ingested. Reading manifests is
//! done line by line ([`Manifest`] is an iterator), so a corpus is never held in memory whole:
//! only the ids seen so far are kept, to refuse a repeated one.
//!
//! A line that cannot be a document (bad JSON, no `outlet`, both `path` and `text`, a date that
//! is not ISO, a repeated id) comes out as [`Error::Manifest`] naming `file:line`; the caller
//! skips it or stops (`--on-error`). A manifest that cannot be read at all comes out as another
//! error, after which the iterator ends.
//!
//! Each document of a JSONL or CSV manifest also carries its line's byte [`Span`], so a command
//! that must hold every document at once (grouping them by event) can drop the inline texts and
//! read each one back when it needs it ([`reread`]): memory then follows the largest event, not
//! the corpus.

mod fastjson;
pub mod reread;

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Document, IngestOptions};
use crate::{Error, Result};

/// Where a corpus document's text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A file, already resolved against the manifest's folder.
    Path(std::path::PathBuf),
    /// The text itself, given inline in the manifest (`"text"` field).
    Text(String),
}

/// One document of a corpus: a manifest line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusDoc {
    /// The document's id (unique in the corpus).
    pub id: String,
    /// The outlet that published it: the unit every corpus statistic groups by.
    pub outlet: String,
    /// The event it reports, when the manifest says; `corpus events` can infer it.
    pub event: Option<String>,
    /// Publication date, `YYYY-MM-DD` (a longer ISO 8601 timestamp is cut to the day).
    pub date: Option<String>,
    /// The headline, when given.
    pub title: Option<String>,
    /// Where it was published, when given.
    pub url: Option<String>,
    /// Where the text is.
    pub source: Source,
    /// 1-based line of the manifest the document came from, for messages (`file:line`); 0 for
    /// a document of a corpus directory, which its path names.
    pub line: usize,
    /// Where that line lies in the manifest's bytes (`None` for a corpus directory): enough to
    /// read its text again ([`reread::Texts`]) once the text itself has been dropped.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// The bytes of one manifest line (record): from `offset`, `len` bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the line's start in the manifest.
    pub offset: u64,
    /// Its length in bytes (the newline included, when there is one).
    pub len: usize,
    /// A hash of the document's inline text ([`reread::text_hash`]), taken when the line is
    /// read from a manifest opened by [`reread::open`] and checked when the text is read again,
    /// so a manifest edited in between is an error rather than another text.
    pub text_hash: Option<u64>,
}

impl CorpusDoc {
    /// The month of [`CorpusDoc::date`], `YYYY-MM`.
    pub fn month(&self) -> Option<&str> {
        self.date.as_deref().map(|d| &d[..7])
    }

    /// Read and ingest the document (label: the outlet), as `framediff terms FILE` would read
    /// its file. Inline text is moved out of [`CorpusDoc::source`] (left empty), not copied: a
    /// corpus line can hold a long article. `manifest` names the manifest in messages about
    /// inline text (`corpus.jsonl:7: is empty`).
    pub fn ingest(&mut self, manifest: &str, opts: &IngestOptions) -> Result<Document> {
        let opts = IngestOptions {
            label: Some(self.outlet.clone()),
            ..opts.clone()
        };
        match &mut self.source {
            Source::Path(p) => {
                let name = p.to_string_lossy().into_owned();
                // a file named on a manifest line: say which line named it
                super::read_document(&name, &opts).map_err(|e| match self.line {
                    0 => e,
                    line => Error::Manifest {
                        path: manifest.to_string(),
                        line,
                        message: e.to_string(),
                    },
                })
            }
            Source::Text(t) => {
                let name = format!("{manifest}:{}", self.line);
                super::from_string(std::mem::take(t), &name, &opts)
            }
        }
    }
}

/// How a manifest is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line (`-`, and any file not ending in `.csv`).
    Jsonl,
    /// A header row, then one document per record (`.csv`).
    Csv,
    /// A directory of `EVENT/OUTLET.txt|.html` files.
    Dir,
}

impl Format {
    /// The layout of the manifest `path` names: a directory, a `.csv` file, else JSONL.
    pub fn of(path: &str) -> Format {
        if path != "-" && Path::new(path).is_dir() {
            Format::Dir
        } else if path.to_ascii_lowercase().ends_with(".csv") {
            Format::Csv
        } else {
            Format::Jsonl
        }
    }
}

/// A manifest being read: an iterator of documents in manifest order (a directory: events, then
/// outlets, sorted by name).
pub struct Manifest {
    name: String,
    base: PathBuf,
    rows: Rows,
    seen: HashSet<String>,
    done: bool,
    /// Keep each inline text's hash in its span ([`reread::open`] sets it: only a text that
    /// will be read again needs one).
    hash_texts: bool,
}

enum Rows {
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: usize,
        /// Byte offset of the next line.
        offset: u64,
        buf: Vec<u8>,
        /// The strings with escapes of a line, unescaped ([`fastjson::fields`]).
        scratch: Vec<u8>,
    },
    Csv {
        reader: Box<csv::Reader<Box<dyn Read + Send>>>,
        columns: Columns,
        record: csv::ByteRecord,
    },
    Dir {
        docs: std::vec::IntoIter<(String, String, PathBuf)>,
        events: std::vec::IntoIter<PathBuf>,
    },
}

/// Column index of each field of a CSV manifest.
#[derive(Default)]
struct Columns {
    id: Option<usize>,
    outlet: Option<usize>,
    event: Option<usize>,
    date: Option<usize>,
    title: Option<usize>,
    url: Option<usize>,
    path: Option<usize>,
    text: Option<usize>,
}

/// Open the manifest `path` (`-`: JSONL on stdin). Paths in it are relative to its folder (to
/// the current folder for stdin).
pub fn open(path: &str) -> Result<Manifest> {
    let input = || -> Result<Box<dyn Read + Send>> {
        if path == "-" {
            Ok(Box::new(io::stdin()))
        } else {
            Ok(Box::new(File::open(path).map_err(|e| Error::io(path, e))?))
        }
    };
    open_from(path, Format::of(path), input)
}

/// [`open`] reading `input()` (not called for a directory) laid out as `format`.
fn open_from(
    path: &str,
    format: Format,
    input: impl FnOnce() -> Result<Box<dyn Read + Send>>,
) -> Result<Manifest> {
    let base = if path == "-" || format == Format::Dir {
        PathBuf::new()
    } else {
        Path::new(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let name = if path == "-" { "<stdin>" } else { path }.to_string();
    let rows = match format {
        Format::Jsonl => Rows::Jsonl {
            reader: Box::new(BufReader::with_capacity(1 << 16, input()?)),
            line: 0,
            offset: 0,
            buf: Vec::new(),
            scratch: Vec::new(),
        },
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(input()?);
            let header = reader
                .byte_headers()
                .map_err(|e| csv_error(&name, e))?
                .clone();
            let columns = columns(&name, &header)?;
            Rows::Csv {
                reader: Box::new(reader),
                columns,
                record: csv::ByteRecord::new(),
            }
        }
        Format::Dir => {
            let events = sorted_entries(Path::new(path))?
                .into_iter()
                .filter(|p| p.is_dir())
                .collect::<Vec<_>>();
            Rows::Dir {
                docs: Vec::new().into_iter(),
                events: events.into_iter(),
            }
        }
    };
    Ok(Manifest {
        name,
        base,
        rows,
        seen: HashSet::new(),
        done: false,
        hash_texts: false,
    })
}

/// The number of documents in the manifest `path` without parsing them (non-blank lines of a
/// JSONL file, records of a CSV file, article files of a directory), for a progress bar; `None`
/// for stdin, or when it cannot be read (opening it will say why).
pub fn count(path: &str) -> Option<u64> {
    match Format::of(path) {
        _ if path == "-" => None,
        Format::Jsonl => {
            let mut r = BufReader::with_capacity(1 << 16, File::open(path).ok()?);
            let (mut n, mut blank) = (0u64, true);
            loop {
                let buf = r.fill_buf().ok()?;
                if buf.is_empty() {
                    break;
                }
                for &b in buf {
                    if b == b'\n' {
                        n += u64::from(!blank);
                        blank = true;
                    } else if !b.is_ascii_whitespace() {
                        blank = false;
                    }
                }
                let len = buf.len();
                r.consume(len);
            }
            Some(n + u64::from(!blank))
        }
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(path)
                .ok()?;
            let mut rec = csv::ByteRecord::new();
            let mut n = 0;
            while r.read_byte_record(&mut rec).ok()? {
                n += 1;
            }
            Some(n)
        }
        Format::Dir => {
            let mut n = 0;
            for event in sorted_entries(Path::new(path)).ok()? {
                if event.is_dir() {
                    n += sorted_entries(&event)
                        .ok()?
                        .iter()
                        .filter(|p| article_stem(p).is_some())
                        .count() as u64;
                }
            }
            Some(n)
        }
    }
}

impl Iterator for Manifest {
    type Item = Result<CorpusDoc>;

    fn next(&mut self) -> Option<Result<CorpusDoc>> {
        if self.done {
            return None;
        }
        let item = match self.next_raw() {
            None => {
                self.done = true;
                return None;
            }
            Some(Err(e)) => {
                // a bad line is skippable; anything else means the manifest cannot be read on
                self.done = !matches!(e, Error::Manifest { .. });
                Err(e)
            }
            Some(Ok(doc)) => {
                if self.seen.insert(doc.id.clone()) {
                    Ok(doc)
                } else {
                    Err(self.bad(doc.line, format!("id `{}` already used", doc.id)))
                }
            }
        };
        Some(item)
    }
}

/// Fields of a manifest line, as read from JSON or CSV, before checking.
#[derive(Default, Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Fields {
    #[serde(default, deserialize_with = "text_or_number")]
    id: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    event: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// Ids and events exported from databases are often numbers: `"id": 17` is the id `17`.
fn text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Value {
        Text(String),
        Int(i64),
    }
    Ok(Option::<Value>::deserialize(d)?.map(|v| match v {
        Value::Text(s) => s,
        Value::Int(n) => n.to_string(),
    }))
}

impl Manifest {
    /// The manifest's name in messages (`<stdin>` for `-`).
    pub fn name(&self) -> &str {
        &self.name
    }

    fn bad(&self, line: usize, message: impl Into<String>) -> Error {
        Error::Manifest {
            path: self.name.clone(),
            line,
            message: message.into(),
        }
    }

    fn next_raw(&mut self) -> Option<Result<CorpusDoc>> {
        match &mut self.rows {
            Rows::Jsonl {
                reader,
                line,
                offset,
                buf,
                scratch,
            } => loop {
                buf.clear();
                match read_line(reader, buf) {
                    Ok(0) => return None,
                    Ok(_) => {}
                    Err(e) => return Some(Err(Error::io(&self.name, e))),
                }
                *line += 1;
                let span = Span {
                    offset: *offset,
                    len: buf.len(),
                    text_hash: None,
                };
                *offset += buf.len() as u64;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let line = *line;
                // a plain flat object without serde; anything else (errors too) with serde_json
                let fast = fastjson::fields(buf, scratch);
                let fields = fast.map_or_else(|| serde_json::from_slice::<Fields>(buf), Ok);
                let fields = fields.map_err(|e| {
                    let msg = e.to_string();
                    // serde_json says "at line 1 column N": the line is ours, the column is noise
                    let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                    match e.classify() {
                        serde_json::error::Category::Data => msg,
                        _ => format!("not JSON ({msg})"),
                    }
                });
                return Some(match fields {
                    Ok(f) => self.check(f, line, Some(span)),
                    Err(m) => Err(self.bad(line, m)),
                });
            },
            Rows::Csv {
                reader,
                columns,
                record,
            } => {
                match reader.read_byte_record(record) {
                    Ok(false) => return None,
                    Ok(true) => {}
                    Err(e) => return Some(Err(csv_error(&self.name, e))),
                }
                let line = record.position().map_or(0, |p| p.line() as usize);
                // the reader stands at the next record: this one's bytes end there
                let span = record.position().map(|p| Span {
                    offset: p.byte(),
                    len: (reader.position().byte() - p.byte()) as usize,
                    text_hash: None,
                });
                let cell = |i: Option<usize>| -> Result<Option<String>, String> {
                    let Some(b) = i.and_then(|i| record.get(i)) else {
                        return Ok(None);
                    };
                    match std::str::from_utf8(b) {
                        Ok("") => Ok(None),
                        Ok(s) => Ok(Some(s.to_string())),
                        Err(_) => Err("not UTF-8".to_string()),
                    }
                };
                let fields = (|| {
                    Ok::<_, String>(Fields {
                        id: cell(columns.id)?,
                        outlet: cell(columns.outlet)?,
                        event: cell(columns.event)?,
                        date: cell(columns.date)?,
                        title: cell(columns.title)?,
                        url: cell(columns.url)?,
                        path: cell(columns.path)?,
                        text: cell(columns.text)?,
                    })
                })();
                Some(match fields {
                    Ok(f) => self.check(f, line, span),
                    Err(m) => Err(self.bad(line, m)),
                })
            }
            Rows::Dir { docs, events } => loop {
                if let Some((event, outlet, path)) = docs.next() {
                    return Some(Ok(CorpusDoc {
                        id: format!("{event}/{outlet}"),
                        outlet,
                        event: Some(event),
                        date: None,
                        title: None,
                        url: None,
                        source: Source::Path(path),
                        line: 0,
                        span: None,
                    }));
                }
                let dir = events.next()?;
                let event = dir
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let files = match sorted_entries(&dir) {
                    Ok(f) => f,
                    Err(e) => return Some(Err(e)),
                };
                *docs = files
                    .into_iter()
                    .filter_map(|p| Some((event.clone(), article_stem(&p)?, p)))
                    .collect::<Vec<_>>()
                    .into_iter();
            },
        }
    }

    /// The document a line's fields describe, or why they describe none.
    fn check(&self, f: Fields, line: usize, span: Option<Span>) -> Result<CorpusDoc> {
        let bad = |m: &str| Err(self.bad(line, m));
        let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let Some(id) = nonempty(f.id) else {
            return bad("no `id`");
        };
        let Some(outlet) = nonempty(f.outlet) else {
            return bad("no `outlet`");
        };
        let source = match (f.path, f.text) {
            (Some(_), Some(_)) => return bad("both `path` and `text`: give one"),
            (None, None) => return bad("no `path` or `text`"),
            (Some(p), None) if p.is_empty() => return bad("empty `path`"),
            (Some(p), None) => Source::Path(self.base.join(p)),
            (None, Some(t)) => Source::Text(t),
        };
        let date = match nonempty(f.date) {
            None => None,
            Some(d) => match iso_day(&d) {
                Some(day) => Some(day.to_string()),
                None => {
                    return Err(self.bad(
                        line,
                        format!("date `{d}` is not YYYY-MM-DD or an ISO 8601 timestamp"),
                    ))
                }
            },
        };
        Ok(CorpusDoc {
            id,
            outlet,
            event: nonempty(f.event),
            date,
            title: nonempty(f.title),
            url: nonempty(f.url),
            span: span.map(|s| Span {
                text_hash: match &source {
                    Source::Text(t) if self.hash_texts => Some(reread::text_hash(t)),
                    _ => None,
                },
                ..s
            }),
            source,
            line,
        })
    }
}

/// `reader.read_until(b'\n', buf)`, with the line feed found sixteen bytes at a time
/// ([`crate::bytescan::find_set`]): `read_until` searches with core's word-at-a-time `memchr`,
/// which cost more than a byte of instructions per byte of the manifest (callgrind).
fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    let start = buf.len();
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let nl = crate::bytescan::find_set(available, 0, [b'\n']);
        let (used, done) = match available.get(nl) {
            Some(_) => (nl + 1, true),
            None => (available.len(), available.is_empty()),
        };
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        if done {
            return Ok(buf.len() - start);
        }
    }
}

/// The day of an ISO 8601 date or timestamp (`2020-03-05`, `2020-03-05T10:00:00Z`,
/// `2020-03-05 10:00`), or `None`.
fn iso_day(d: &str) -> Option<&str> {
    let b = d.as_bytes();
    if b.len() < 10 || !d.is_char_boundary(10) {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    match b.get(10) {
        None => Some(d),
        Some(b'T' | b't' | b' ') if b.len() > 11 => Some(&d[..10]),
        _ => None,
    }
}

fn columns(name: &str, header: &csv::ByteRecord) -> Result<Columns> {
    let mut c = Columns::default();
    let mut seen = BTreeMap::new();
    for (i, h) in header.iter().enumerate() {
        let h = String::from_utf8_lossy(h).trim().to_ascii_lowercase();
        let slot = match h.as_str() {
            "id" => &mut c.id,
            "outlet" => &mut c.outlet,
            "event" => &mut c.event,
            "date" => &mut c.date,
            "title" => &mut c.title,
            "url" => &mut c.url,
            "path" => &mut c.path,
            "text" => &mut c.text,
            _ => continue, // other columns are the researcher's own metadata
        };
        if seen.insert(h.clone(), i).is_some() {
            return Err(Error::Manifest {
                path: name.to_string(),
                line: 1,
                message: format!("column `{h}` appears twice in the header"),
            });
        }
        *slot = Some(i);
    }
    let missing: Vec<&str> = [("id", c.id), ("outlet", c.outlet)]
        .iter()
        .filter(|(_, i)| i.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() || (c.path.is_none() && c.text.is_none()) {
        let mut need: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        if c.path.is_none() && c.text.is_none() {
            need.push("`path` or `text`".into());
        }
        return Err(Error::input(
            name,
            format!("the CSV header has no {} column", need.join(", no ")),
        ));
    }
    Ok(c)
}

fn csv_error(name: &str, e: csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line() as usize);
    if e.is_io_error() {
        if let csv::ErrorKind::Io(io) = e.into_kind() {
            return Error::io(name, io);
        }
        return Error::Internal(format!("{name}: unreadable"));
    }
    Error::Manifest {
        path: name.to_string(),
        line,
        message: e.to_string(),
    }
}

/// The entries of a directory, sorted by name, hidden ones left out.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let e = e.map_err(|e| Error::io(dir, e))?;
        if !e.file_name().to_string_lossy().starts_with('.') {
            out.push(e.path());
        }
    }
    out.sort();
    Ok(out)
}

/// The outlet of an article file in a corpus directory (`fox.txt` → `fox`), or `None` for a
/// file that is not one.
fn article_stem(p: &Path) -> Option<String> {
    let ext = p.extension()?.to_string_lossy().to_ascii_lowercase();
    if !matches!(ext.as_str(), "txt" | "html" | "htm") || !p.is_file() {
        return None;
    }
    Some(p.file_stem()?.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Lines of every length across the reader's buffer boundaries, with and without a
        /// final line feed, come out as `read_until` has them.
        #[test]
        fn read_line_equals_read_until(
            text in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'\n', b'\r', 0xe2, 0x80, b'"']),
                0..200,
            ),
            cap in 1usize..40,
        ) {
            let mut ours = io::BufReader::with_capacity(cap, &text[..]);
            let mut std = io::BufReader::with_capacity(cap, &text[..]);
            let (mut a, mut b) = (Vec::new(), Vec::new());
            loop {
                a.clear();
                b.clear();
                let n = read_line(&mut ours, &mut a).unwrap();
                proptest::prop_assert_eq!(n, std.read_until(b'\n', &mut b).unwrap());
                proptest::prop_assert_eq!(&a, &b);
                if n == 0 {
                    break;
                }
            }
        }
    }

    #[test]
    fn iso_days() {
        assert_eq!(iso_day("2020-03-05"), Some("2020-03-05"));
        assert_eq!(iso_day("2020-03-05T10:00:00Z"), Some("2020-03-05"));
        assert_eq!(iso_day("2020-03-05 10:00"), Some("2020-03-05"));
        assert_eq!(iso_day("2020-13-05"), None);
        assert_eq!(iso_day("2020-03-05x"), None);
        assert_eq!(iso_day("5 March 2020"), None);
        assert_eq!(iso_day("2020-03-0é"), None);
        assert_eq!(iso_day("2020-03-05T"), None);
    }
}
