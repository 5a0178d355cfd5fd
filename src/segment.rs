//! Segment: split a [`Document`]'s kept paragraphs into sentences and sentences into words.
//!
//! PLACEHOLDER: UAX#29 sentence bounds via `unicode-segmentation`, no quote detection. The real
//! segmenter replaces the bodies below without changing the types.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use crate::ingest::{Document, Mode};
use crate::text::{collapse_whitespace, normalize};

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// The sentence on one line (inner whitespace collapsed to single spaces).
    pub text: String,
    /// Byte span into [`Document::text`].
    pub start: usize,
    pub end: usize,
    /// 0-based index of the kept paragraph the sentence belongs to.
    pub paragraph: usize,
    /// Byte spans (into [`Document::text`]) of the parts inside quotation marks (direct speech).
    pub quoted: Vec<[usize; 2]>,
}

impl Sentence {
    /// Whether byte offset `pos` (into the document text) lies inside quoted speech.
    pub fn is_quoted(&self, pos: usize) -> bool {
        self.quoted.iter().any(|q| q[0] <= pos && pos < q[1])
    }
}

/// One word of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// Byte span into the text the words were taken from (plus the base offset given).
    pub start: usize,
    pub end: usize,
    /// Case-folded, quotes/dashes/diacritics folded.
    pub norm: String,
    /// English Snowball stem of `norm`.
    pub stem: String,
    /// Whether `norm` is an English stop word (NLTK list).
    pub stop: bool,
}

/// Split a document into sentences.
pub fn segment(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let para = &doc.text[p.start..p.end];
        if doc.mode == Mode::Segmented {
            out.push(make(doc, p.start, p.end, pi));
            continue;
        }
        for (off, s) in para.split_sentence_bound_indices() {
            let t = s.trim();
            if t.is_empty() {
                continue;
            }
            let lead = s.len() - s.trim_start().len();
            let start = p.start + off + lead;
            out.push(make(doc, start, start + t.len(), pi));
        }
    }
    out
}

fn make(doc: &Document, start: usize, end: usize, paragraph: usize) -> Sentence {
    Sentence {
        text: collapse_whitespace(&doc.text[start..end]),
        start,
        end,
        paragraph,
        quoted: Vec::new(),
    }
}

/// Split `text` into words (UAX#29 word boundaries, alphanumeric tokens only). `base` is added
/// to every span, so passing a sentence's start gives spans into the document text.
pub fn words(text: &str, base: usize) -> Vec<Word> {
    let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
    text.unicode_word_indices()
        .map(|(i, w)| {
            let norm = normalize(w);
            let stem = stemmer.stem(&norm).into_owned();
            Word {
                start: base + i,
                end: base + i + w.len(),
                stop: is_stop_word(&norm),
                norm,
                stem,
            }
        })
        .collect()
}

/// Whether a normalised word is an English stop word (NLTK list).
pub fn is_stop_word(norm: &str) -> bool {
    stop_words::get(stop_words::LANGUAGE::English)
        .iter()
        .any(|w| *w == norm)
}
