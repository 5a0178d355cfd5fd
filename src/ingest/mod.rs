//! Ingest: turn a file (or stdin) into a [`Document`].
//!
//! The stage runs, per document and in linear time:
//!
//! 1. [`decode`]: refuse binary files, decode UTF-8 (a BOM blanked, bare CR line endings made
//!    LF, both byte for byte so offsets stay file offsets), UTF-16 with BOM, legacy encodings
//!    (detected with `chardetng`) or damaged UTF-8 (lossy), with a warning whenever the input
//!    was not clean UTF-8.
//! 2. [`html`]: for HTML pages (by extension or by sniffing), extract the article text with
//!    `dom_smoothie`; the headline comes from the page metadata.
//! 3. [`paragraphs`]: split into paragraphs at blank lines and at single newlines that are
//!    not hard wraps.
//! 4. [`boilerplate`]: classify paragraphs, find the article body ([`extent`] grows it over
//!    short and truncated sentences and across chrome blocks), keep the headline, drop page
//!    chrome (each dropped block is reported with its byte span and a reason). A document with
//!    no paragraph shaped like page chrome loses nothing.
//! 5. [`meta`]: the date printed in the page head or dateline.

use std::path::Path;

use serde::Serialize;

use crate::{Error, Result};

mod boilerplate;
mod classify;
mod decode;
mod extent;
mod html;
pub mod manifest;
mod meta;
mod paragraphs;
mod pattern;
mod vocab;

/// A byte range `start..end` into [`Document::text`], which for UTF-8 input (with or without a
/// byte-order mark) is a byte range into the file as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A block of the page set aside as boilerplate (page chrome), kept so users can inspect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// The text set aside.
    pub text: String,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Why it was dropped, in words (e.g. "relative timestamp", "repeated headline").
    pub reason: String,
}

/// How the input text is to be split into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Running prose: the segmenter finds sentence boundaries.
    #[default]
    Prose,
    /// Already one sentence per line (`--segmented`): each non-empty line is one sentence.
    Segmented,
}

/// One report, as read from disk and cleaned of page chrome.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// The path as given on the command line, or `-` for stdin.
    pub path: String,
    /// Short name of the outlet/report shown in tables (from `--label` or the file name).
    pub label: String,
    /// The headline, when one was found.
    pub title: Option<String>,
    /// The date printed in the text, when one was found, as printed.
    pub date: Option<String>,
    /// The decoded (and, for HTML, extracted) text. Every byte span in the pipeline points here.
    /// For UTF-8 input it is the file byte for byte, but for a byte-order mark blanked to three
    /// spaces and bare CR line endings turned into LF, so spans are byte offsets into the file;
    /// for input that had to be decoded (UTF-16, a legacy code page, invalid UTF-8 replaced with
    /// U+FFFD) or extracted from HTML they are offsets into this decoded text.
    #[serde(skip)]
    pub text: String,
    /// Kept paragraphs in reading order, as byte ranges into `text`.
    #[serde(skip)]
    pub paragraphs: Vec<Span>,
    /// Blocks set aside as boilerplate (see [`Document::set_aside`] for their size).
    #[serde(skip)]
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems (e.g. "decoded as windows-1252"), printed on stderr by the CLI.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Prose or pre-segmented.
    #[serde(skip)]
    pub mode: Mode,
}

/// How much of a document was set aside as page chrome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SetAside {
    /// Non-blank lines of the input in the dropped blocks.
    pub lines: usize,
    /// Bytes of the dropped blocks (their spans' lengths).
    pub bytes: usize,
}

impl Document {
    /// The size of [`Document::dropped`], for the notes and headers that tell users something
    /// was left out of the comparison.
    pub fn set_aside(&self) -> SetAside {
        self.dropped
            .iter()
            .fold(SetAside::default(), |acc, d| SetAside {
                lines: acc.lines + d.text.lines().filter(|l| !l.trim().is_empty()).count(),
                bytes: acc.bytes + (d.end - d.start),
            })
    }
}

/// Options for reading a document.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Label to use instead of one derived from the file name.
    pub label: Option<String>,
    /// Keep page chrome instead of dropping it (`--keep-boilerplate`).
    pub keep_boilerplate: bool,
    /// The input is one sentence per line (`--segmented`).
    pub segmented: bool,
}

/// Read `path` (or stdin when `path` is `-`) into a [`Document`].
pub fn read_document(path: &str, opts: &IngestOptions) -> Result<Document> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| Error::io(STDIN_NAME, e))?;
        buf
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(Error::input(p, "is a directory, not a file"));
        }
        std::fs::read(p).map_err(|e| Error::io(p, e))?
    };
    from_vec(bytes, path, opts)
}

/// How stdin is named in messages.
const STDIN_NAME: &str = "<stdin>";

/// Build a [`Document`] from raw bytes; `path` is used for the label and for messages.
pub fn from_bytes(bytes: &[u8], path: &str, opts: &IngestOptions) -> Result<Document> {
    from_vec(bytes.to_vec(), path, opts)
}

/// [`from_bytes`] taking ownership, so valid UTF-8 input becomes the document text without a
/// copy (inputs can be hundreds of MB).
pub fn from_vec(bytes: Vec<u8>, path: &str, opts: &IngestOptions) -> Result<Document> {
    from_input(Input::Bytes(bytes), path, opts)
}

/// [`from_vec`] for text that is a `String` already (a corpus manifest's inline text): the
/// same document, without validating the text as UTF-8 a second time.
pub fn from_string(text: String, path: &str, opts: &IngestOptions) -> Result<Document> {
    from_input(Input::Text(text), path, opts)
}

/// What a document is read from: bytes to decode, or text known to be UTF-8.
enum Input {
    Bytes(Vec<u8>),
    Text(String),
}

/// [`from_vec`] and [`from_string`].
fn from_input(input: Input, path: &str, opts: &IngestOptions) -> Result<Document> {
    let name = if path == "-" { STDIN_NAME } else { path };
    let bytes = match &input {
        Input::Bytes(b) => &b[..],
        Input::Text(t) => t.as_bytes(),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::input(name, "is empty"));
    }
    let is_html = html::has_html_extension(path) || html::sniff(bytes);
    let decoded = match input {
        Input::Bytes(b) => decode::decode(b, name, is_html)?,
        Input::Text(t) => decode::decode_string(t, name)?,
    };
    let mut warnings = decoded.warnings;
    let mut text = decoded.text;
    if text.trim().is_empty() {
        return Err(Error::input(name, "is empty"));
    }
    let mut html_title = None;
    let mut html_date = None;
    if is_html {
        let ex = html::extract(&text).ok_or_else(|| Error::input(name, "no article text found"))?;
        text = ex.text;
        html_title = ex.title;
        html_date = ex.published;
        warnings.extend(ex.warnings);
    }
    let mode = if opts.segmented {
        Mode::Segmented
    } else {
        Mode::Prose
    };
    let all = paragraphs::split(&text, opts.segmented);
    if all.is_empty() {
        return Err(Error::input(name, "no article text found"));
    }
    // Pre-segmented input is taken as given: no chrome detection (and no headline guess).
    let analysis = if opts.segmented {
        boilerplate::Analysis::keep_all(all.len())
    } else {
        boilerplate::analyse(&text, &all)
    };
    let title = html_title.or_else(|| {
        analysis
            .headline
            .map(|i| crate::text::collapse_whitespace(&text[all[i].start..all[i].end]))
    });
    // Page metadata carries ISO timestamps; keep the date part.
    let html_date = html_date.map(|d| match meta::find_date(&d) {
        Some(r) => d[r].to_string(),
        None => d,
    });
    let date = find_date(&text, &all, &analysis).or(html_date);

    let filter = !opts.keep_boilerplate && !opts.segmented;
    if filter && analysis.body.is_none() && all.len() > 1 {
        warnings.push("no article body recognised; nothing was dropped as page chrome".into());
    }
    let mut paragraphs = Vec::with_capacity(all.len());
    let mut dropped = Vec::new();
    for (span, reason) in all.iter().zip(&analysis.drop) {
        match reason {
            Some(r) if filter => dropped.push(Dropped {
                text: text[span.start..span.end].to_string(),
                start: span.start,
                end: span.end,
                reason: (*r).to_string(),
            }),
            _ => paragraphs.push(*span),
        }
    }
    Ok(Document {
        path: path.to_string(),
        label: opts.label.clone().unwrap_or_else(|| label_from_path(path)),
        title,
        date,
        text,
        paragraphs,
        dropped,
        warnings,
        mode,
    })
}

/// The first absolute date printed in the page head (before the body's core) or in the first
/// 200 bytes of the first body paragraph (a dateline).
fn find_date(text: &str, paras: &[Span], a: &boilerplate::Analysis) -> Option<String> {
    let head_end = a.head_end.unwrap_or(paras.len().min(5));
    let body_start = a.body.map_or(head_end, |(bs, _)| bs);
    let head = paras[..head_end].iter().map(|p| (p.start, p.end));
    let dateline = paras.get(body_start).map(|p| {
        let mut end = (p.start + 200).min(p.end);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        (p.start, end)
    });
    head.chain(dateline).find_map(|(s, e)| {
        let t = &text[s..e];
        meta::find_date(t).map(|r| t[r].to_string())
    })
}

/// Derive a readable label from a path: the file stem, or `stdin`.
pub fn label_from_path(path: &str) -> String {
    if path == "-" {
        return "stdin".to_string();
    }
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string())
}

/// Labels for reports read together, one per path: `given[i]` when set (a `--label`), else
/// [`label_from_path`], made unique. Two reports called `fox` (`a/fox.txt`, `b/fox.txt`) would
/// make `--pivot fox` ambiguous and warnings unreadable ("fox and fox share few sentences"), so
/// clashing derived labels take the shortest path suffix that tells them apart (`a/fox`,
/// `b/fox`); a label that still clashes (the same file given twice) gets `#2`, `#3`, … in
/// input order. Given labels are never changed: the caller rejects duplicates among them.
pub fn unique_labels(paths: &[&str], given: &[Option<&str>]) -> Vec<String> {
    // The path's components, file stem last, without `.` (`./a/fox.txt` is `a/fox.txt`).
    let parts = |p: &str| -> Vec<String> {
        if p == "-" {
            return vec![label_from_path(p)];
        }
        let mut v: Vec<String> = Path::new(p)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .filter(|c| c != "/")
            .collect();
        v.pop();
        v.push(label_from_path(p));
        v
    };
    let parts: Vec<Vec<String>> = paths.iter().map(|p| parts(p)).collect();
    let fixed = |i: usize| given.get(i).copied().flatten();
    // How many trailing components each derived label uses.
    let mut depth = vec![1usize; paths.len()];
    let label = |i: usize, depth: &[usize]| -> String {
        match fixed(i) {
            Some(l) => l.to_string(),
            None => {
                let p = &parts[i];
                p[p.len() - depth[i].min(p.len())..].join("/")
            }
        }
    };
    loop {
        let labels: Vec<String> = (0..paths.len()).map(|i| label(i, &depth)).collect();
        let mut grew = false;
        for i in 0..paths.len() {
            // A longer suffix helps only against another path (the same file given twice
            // stays `fox`, `fox#2`).
            let clashes = labels.iter().enumerate().any(|(j, l)| {
                j != i && *l == labels[i] && (fixed(j).is_some() || parts[j] != parts[i])
            });
            if clashes && fixed(i).is_none() && depth[i] < parts[i].len() {
                depth[i] += 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let mut labels: Vec<String> = (0..paths.len()).map(|i| label(i, &depth)).collect();
    // Clashes no path suffix resolves: number the later derived labels.
    for i in 0..labels.len() {
        let clashes = (0..labels.len())
            .any(|j| j != i && labels[j] == labels[i] && (j < i || fixed(j).is_some()));
        if fixed(i).is_some() || !clashes {
            continue;
        }
        let base = labels[i].clone();
        let mut n = 2;
        while labels.contains(&format!("{base}#{n}")) {
            n += 1;
        }
        labels[i] = format!("{base}#{n}");
    }
    labels
}
