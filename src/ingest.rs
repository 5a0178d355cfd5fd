//! Ingest: turn a file (or stdin) into a [`Document`].
//!
//! PLACEHOLDER: reads UTF-8 (lossy), splits paragraphs on blank lines, keeps everything.
//! The real stage (encoding detection, HTML extraction, boilerplate detection, title and date)
//! replaces the bodies below without changing the types.

use std::path::Path;

use serde::Serialize;

use crate::{Error, Result};

/// A byte range `start..end` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A block of the page set aside as boilerplate (page chrome), kept so users can inspect it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    pub text: String,
    pub start: usize,
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
    #[serde(skip)]
    pub text: String,
    /// Kept paragraphs in reading order, as byte ranges into `text`.
    #[serde(skip)]
    pub paragraphs: Vec<Span>,
    /// Blocks set aside as boilerplate.
    #[serde(skip)]
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems (e.g. "decoded as windows-1252"), printed on stderr by the CLI.
    #[serde(skip)]
    pub warnings: Vec<String>,
    /// Prose or pre-segmented.
    #[serde(skip)]
    pub mode: Mode,
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
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
            .map_err(|e| Error::io("-", e))?;
        buf
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            return Err(Error::input(p, "is a directory, not a file"));
        }
        std::fs::read(p).map_err(|e| Error::io(p, e))?
    };
    from_bytes(&bytes, path, opts)
}

/// Build a [`Document`] from raw bytes; `path` is used for the label and for messages.
pub fn from_bytes(bytes: &[u8], path: &str, opts: &IngestOptions) -> Result<Document> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    if text.trim().is_empty() {
        return Err(Error::input(path, "is empty"));
    }
    let mode = if opts.segmented {
        Mode::Segmented
    } else {
        Mode::Prose
    };
    let mut paragraphs = Vec::new();
    let mut start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        if blank || mode == Mode::Segmented {
            if let Some(s) = start.take() {
                paragraphs.push(Span { start: s, end: pos });
            }
        }
        if !blank && start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        paragraphs.push(Span { start: s, end: pos });
    }
    for p in &mut paragraphs {
        p.end = p.start + text[p.start..p.end].trim_end().len();
    }
    Ok(Document {
        path: path.to_string(),
        label: opts.label.clone().unwrap_or_else(|| label_from_path(path)),
        title: None,
        date: None,
        text,
        paragraphs,
        dropped: Vec::new(),
        warnings: Vec::new(),
        mode,
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
