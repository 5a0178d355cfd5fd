//! Segment: split a [`Document`]'s kept paragraphs into sentences and sentences into words.
//!
//! * [`segment`] finds English sentence boundaries inside each kept paragraph (a rule-based
//!   splitter tuned for news prose: abbreviations, initials, acronyms, numbers, ellipses,
//!   quotes, parentheses, headlines and list items; the rules are documented in
//!   `src/segment/sentences.rs`) and marks the quoted parts of each sentence (rules in
//!   `src/segment/quotes.rs`). In [`Mode::Segmented`] every paragraph is one sentence and is
//!   never re-split.
//!
//! The English Golden Rules of pragmatic_segmenter (`tests/segment_rules.rs`) all pass; the
//! known hard limit is an acronym at the true end of a sentence followed by a capitalised
//! content word ("…moved to the U.S. Trump said…" stays one sentence), because the same shape
//! is far more often a name ("the U.S. Army").
//! * [`segment_text`] does the same for raw text (paragraphs separated by blank lines).
//! * [`words`] / [`Analyzer`] split a sentence into normalised, stemmed, stop-flagged words.
//!
//! Sentences never exceed [`MAX_SENTENCE`] bytes: longer stretches without a boundary are cut
//! at whitespace so that any input is processed in linear time.

mod abbreviations;
mod quotes;
mod sentences;
mod words;

use serde::Serialize;

use crate::ingest::{Document, Mode};
use crate::text::collapse_whitespace;

pub use sentences::MAX_SENTENCE;
pub use words::{is_stop_word, Analyzer};

/// One sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sentence {
    /// The sentence on one line (inner whitespace collapsed to single spaces).
    pub text: String,
    /// Byte span into [`Document::text`] (trimmed, on character boundaries).
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// 0-based index of the kept paragraph the sentence belongs to.
    pub paragraph: usize,
    /// Byte spans (into [`Document::text`]) of the parts inside quotation marks (direct speech),
    /// sorted and non-overlapping. The spans *exclude* the quotation marks themselves; a quote
    /// running over a sentence boundary contributes one span to each sentence.
    pub quoted: Vec<[usize; 2]>,
}

impl Sentence {
    /// A sentence that is a whole text of its own (span `0..text.len()`, paragraph 0, no
    /// quotes): for callers that build sentences themselves, and for tests.
    pub fn from_text(text: &str) -> Sentence {
        Sentence {
            text: text.to_string(),
            start: 0,
            end: text.len(),
            paragraph: 0,
            quoted: Vec::new(),
        }
    }

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
    /// End of the byte span (exclusive).
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
    split(doc, true)
}

/// [`segment`] with every [`Sentence::text`] left empty: for counting lexicon terms, which
/// reads only the spans and quoted spans. A one-line copy of each sentence is an allocation
/// per sentence and a copy of the whole text, for a field that counting never reads.
pub(crate) fn segment_spans(doc: &Document) -> Vec<Sentence> {
    split(doc, false)
}

/// From this many kept paragraphs on, [`split`] splits batches of [`PARAGRAPH_BATCH`]
/// paragraphs in parallel (as ingest classifies paragraphs from the same count on).
const PARALLEL_PARAGRAPHS: usize = 2048;
const PARAGRAPH_BATCH: usize = 512;

fn split(doc: &Document, with_text: bool) -> Vec<Sentence> {
    let n = doc.paragraphs.len();
    if n < PARALLEL_PARAGRAPHS {
        return split_paragraphs(doc, 0..n, with_text);
    }
    // A sentence never crosses a paragraph, so batches of paragraphs split alone; joined in
    // order, they give the same sentences. One long file (a book, a 1 GB dump) is otherwise
    // split on one core; a corpus document, a few dozen paragraphs, is one of many read in
    // parallel already.
    //
    // Batches are split a few per thread at a time and moved into `out` before the next ones:
    // the batches' memory is then reused instead of all of them being held next to `out` (on a
    // 1 GB file that was 700 MB more, and fresh pages are much of the cost there).
    use rayon::prelude::*;
    let batches = n.div_ceil(PARAGRAPH_BATCH);
    let wave = 4 * rayon::current_num_threads().max(1);
    let mut out = Vec::with_capacity(doc.text.len() / 128);
    for first in (0..batches).step_by(wave) {
        let split: Vec<Vec<Sentence>> = (first..(first + wave).min(batches))
            .into_par_iter()
            .map(|b| {
                let start = b * PARAGRAPH_BATCH;
                split_paragraphs(doc, start..(start + PARAGRAPH_BATCH).min(n), with_text)
            })
            .collect();
        for b in split {
            out.extend(b);
        }
    }
    out
}

/// The sentences of the kept paragraphs `range` (indices into [`Document::paragraphs`]).
fn split_paragraphs(
    doc: &Document,
    range: std::ops::Range<usize>,
    with_text: bool,
) -> Vec<Sentence> {
    let bytes = match (
        doc.paragraphs.get(range.start),
        range.end.checked_sub(1).and_then(|e| doc.paragraphs.get(e)),
    ) {
        (Some(a), Some(b)) => b.end.saturating_sub(a.start),
        _ => 0,
    };
    // News sentences average well over 100 bytes; reserving avoids regrowing a large vector.
    let mut out = Vec::with_capacity(bytes / 128);
    let mut spans = Vec::new();
    let mut quotes = Vec::new();
    for (pi, p) in doc.paragraphs[range.clone()]
        .iter()
        .enumerate()
        .map(|(i, p)| (range.start + i, p))
    {
        // Spans come from ingest; a bad one is skipped rather than trusted into a panic.
        let Some(para) = doc.text.get(p.start..p.end) else {
            continue;
        };
        spans.clear();
        if doc.mode == Mode::Segmented {
            let lead = para.len() - para.trim_start().len();
            let t = para.trim();
            if !t.is_empty() {
                spans.push((lead, lead + t.len()));
            }
        } else {
            sentences::split_paragraph(para, &mut spans);
        }
        quotes.clear();
        quotes::quote_spans(para, &mut quotes);
        let mut q = 0;
        for &(s, e) in &spans {
            while q < quotes.len() && quotes[q][1] <= s {
                q += 1;
            }
            let mut quoted = Vec::new();
            let mut k = q;
            while k < quotes.len() && quotes[k][0] < e {
                let a = quotes[k][0].max(s);
                let b = quotes[k][1].min(e);
                if a < b {
                    quoted.push([p.start + a, p.start + b]);
                }
                k += 1;
            }
            let (start, end) = (p.start + s, p.start + e);
            out.push(Sentence {
                text: if with_text {
                    one_line(&doc.text[start..end])
                } else {
                    String::new()
                },
                start,
                end,
                paragraph: pi,
                quoted,
            });
        }
    }
    out
}

/// Sentence spans of raw text: paragraphs are separated by blank lines (lines with only
/// whitespace), then split as in [`segment`] (prose mode). Spans are byte offsets into `text`,
/// trimmed, non-empty, ordered and on character boundaries.
pub fn segment_text(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for (a, b) in paragraphs(text) {
        spans.clear();
        sentences::split_paragraph(&text[a..b], &mut spans);
        out.extend(spans.iter().map(|&(s, e)| (a + s, a + e)));
    }
    out
}

/// Paragraph spans of `text`: runs of lines separated by blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, pos));
            }
        } else if start.is_none() {
            start = Some(pos);
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push((s, pos));
    }
    out
}

/// [`collapse_whitespace`] with a fast path for the common sentence that has nothing to
/// collapse (single ASCII spaces only, no other whitespace).
fn one_line(s: &str) -> String {
    if needs_collapse(s) {
        collapse_whitespace(s)
    } else {
        s.to_owned()
    }
}

/// Whether `s` (already trimmed) contains whitespace other than single ASCII spaces. Checked in
/// 32-byte chunks with a branch-free test first, because this runs over every byte of the
/// input and almost always answers no.
fn needs_collapse(s: &str) -> bool {
    if s.contains("  ") {
        return true;
    }
    let b = s.as_bytes();
    for (ci, chunk) in b.chunks(32).enumerate() {
        // Control bytes and the lead bytes C2..=E3 of the Unicode spaces.
        let suspect = chunk.iter().fold(false, |a, &x| {
            a | (x < 0x20) | (x.wrapping_sub(0xC2) <= 0xE3 - 0xC2)
        });
        if !suspect {
            continue;
        }
        for (j, &x) in chunk.iter().enumerate() {
            let hit = match x {
                b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => true,
                0xC2 | 0xE1 | 0xE2 | 0xE3 => unicode_space_at(b, ci * 32 + j),
                _ => false,
            };
            if hit {
                return true;
            }
        }
    }
    false
}

/// Whether the UTF-8 sequence at `i` (whose lead byte is C2, E1, E2 or E3) is a Unicode space.
#[inline]
fn unicode_space_at(b: &[u8], i: usize) -> bool {
    let b1 = b.get(i + 1).copied().unwrap_or(0);
    let b2 = b.get(i + 2).copied().unwrap_or(0);
    match b[i] {
        0xC2 => b1 == 0x85 || b1 == 0xA0,
        0xE1 => b1 == 0x9A && b2 == 0x80,
        0xE2 => {
            (b1 == 0x80 && (b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF))
                || (b1 == 0x81 && b2 == 0x9F)
        }
        0xE3 => b1 == 0x80 && b2 == 0x80,
        _ => false,
    }
}

/// Split `text` into words (UAX#29 word boundaries, alphanumeric tokens only). `base` is added
/// to every span, so passing a sentence's start gives spans into the document text.
pub fn words(text: &str, base: usize) -> Vec<Word> {
    Analyzer::shared().words(text, base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Span;

    fn doc(text: &str, mode: Mode) -> Document {
        let paragraphs = paragraphs(text)
            .into_iter()
            .map(|(a, b)| Span {
                start: a,
                end: a + text[a..b].trim_end().len(),
            })
            .collect();
        Document {
            path: "t".into(),
            label: "t".into(),
            title: None,
            date: None,
            text: text.into(),
            paragraphs,
            dropped: Vec::new(),
            warnings: Vec::new(),
            mode,
        }
    }

    /// A long document is split in parallel batches of paragraphs: the same sentences, in the
    /// same order, with the same paragraph indices and quoted spans, as split in one go.
    #[test]
    fn parallel_batches_give_the_same_sentences() {
        let shapes = [
            "Mr. Smith met the U.S. envoy on Jan. 5. \u{201c}We will stay,\u{201d} he said. Then he left.",
            "\"It is over,\" the minister said, \"and no one will say otherwise.\" Talks ended.",
            "BEIRUT, Lebanon -- The talks began at 10 a.m. and ended at 3 p.m. on Friday...",
            "One. Two? Three!",
        ];
        let text: String = (0..PARALLEL_PARAGRAPHS + PARAGRAPH_BATCH + 7)
            .map(|i| format!("{} ({i})\n\n", shapes[i % shapes.len()]))
            .collect();
        for mode in [Mode::Prose, Mode::Segmented] {
            let d = doc(&text, mode);
            let n = d.paragraphs.len();
            assert!(n >= PARALLEL_PARAGRAPHS, "{n}");
            for with_text in [true, false] {
                let whole = split_paragraphs(&d, 0..n, with_text);
                assert_eq!(split(&d, with_text), whole);
                // prose is split inside paragraphs; segmented input is one sentence each
                assert!(
                    whole.len() > n || mode == Mode::Segmented,
                    "{}",
                    whole.len()
                );
            }
        }
    }

    #[test]
    fn sentences_carry_paragraph_and_collapsed_text() {
        let d = doc("Mr. Smith left.  He was\ntired.\n\nThe end.", Mode::Prose);
        let s = segment(&d);
        let got: Vec<(&str, usize)> = s.iter().map(|s| (s.text.as_str(), s.paragraph)).collect();
        assert_eq!(
            got,
            [
                ("Mr. Smith left.", 0),
                ("He was tired.", 0),
                ("The end.", 1)
            ]
        );
        assert_eq!(&d.text[s[1].start..s[1].end], "He was\ntired.");
    }

    #[test]
    fn segmented_mode_never_resplits() {
        let d = doc("One. Two.\n\nThree", Mode::Segmented);
        let texts: Vec<String> = segment(&d).into_iter().map(|s| s.text).collect();
        assert_eq!(texts, ["One. Two.", "Three"]);
    }

    #[test]
    fn quoted_spans_are_split_across_sentences() {
        let text = "“We will fight. We will win,” he said.";
        let d = doc(text, Mode::Prose);
        let s = segment(&d);
        assert_eq!(s.len(), 2);
        let q: Vec<&str> = s
            .iter()
            .flat_map(|s| s.quoted.iter().map(|q| &text[q[0]..q[1]]))
            .collect();
        assert_eq!(q, ["We will fight.", "We will win,"]);
        let he = text.find("he said").unwrap_or(0);
        assert!(!s[1].is_quoted(he));
        assert!(s[1].is_quoted(text.find("win").unwrap_or(0)));
    }

    #[test]
    fn multi_paragraph_quote_is_quoted_to_paragraph_end() {
        let text = "“We will fight on.\n\n“And we will win,” he said.";
        let d = doc(text, Mode::Prose);
        let s = segment(&d);
        assert_eq!(s.len(), 2);
        assert_eq!(
            &text[s[0].quoted[0][0]..s[0].quoted[0][1]],
            "We will fight on."
        );
        assert_eq!(
            &text[s[1].quoted[0][0]..s[1].quoted[0][1]],
            "And we will win,"
        );
    }

    #[test]
    fn spans_only_segmentation_differs_only_in_text() {
        let text = "“We will fight.\n\nWe will win,” he said.  Then   he left.";
        let d = doc(text, Mode::Prose);
        let mut want = segment(&d);
        for s in &mut want {
            s.text.clear();
        }
        assert_eq!(segment_spans(&d), want);
    }

    #[test]
    fn bad_paragraph_span_is_skipped() {
        let mut d = doc("Hello.", Mode::Prose);
        d.paragraphs.push(Span { start: 3, end: 99 });
        assert_eq!(segment(&d).len(), 1);
    }

    #[test]
    fn segment_text_splits_paragraphs_on_blank_lines() {
        let t = "A b.\n \nCat dog. Eel fox.";
        let got: Vec<&str> = segment_text(t).into_iter().map(|(a, b)| &t[a..b]).collect();
        assert_eq!(got, ["A b.", "Cat dog.", "Eel fox."]);
    }

    #[test]
    fn one_line_matches_collapse_whitespace() {
        for s in [
            "a b",
            "a  b",
            "a\nb",
            "a\u{a0}b",
            "“a” — b",
            "a\u{2003}b",
            "a\u{3000}b",
            "a\u{85}b",
            "a\u{1680}b",
            "a\u{2028}b",
            "a\u{205f}b",
            "a\u{202f}b",
            "a\u{200b}b",
            "—",
        ] {
            assert_eq!(one_line(s), collapse_whitespace(s), "{s:?}");
        }
    }
}
