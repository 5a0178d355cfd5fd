//! Counting lexicon terms in one document, and keyword-in-context lines.
//!
//! * **Words**: the number of tokens [`crate::segment::words`] finds in the document's kept
//!   sentences (page chrome set aside by ingest is neither searched nor counted), so rates per
//!   1,000 words use the same text the hits come from.
//! * **Terms**: per term, all hits, hits inside quoted speech (`quoted`) and scare-quoted hits.
//! * **Categories**: the number of distinct hit spans of the category's terms *and* of its
//!   subcategories' terms (a subcategory's hits count toward its parent's subtotal; a span
//!   counted under two terms of one category counts once in the subtotal).

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::matcher::{Hit, Matcher};
use crate::ingest::Document;
use crate::segment::{self, Sentence};

/// Counts for one term or category in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// All hits.
    pub hits: usize,
    /// Hits inside quoted speech (someone else's words, not the outlet's own voice).
    pub quoted: usize,
    /// Hits in scare quotes.
    pub scare_quoted: usize,
}

/// A category of one loaded lexicon, in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    /// Index of the lexicon (in the matcher's order).
    pub lexicon: usize,
    /// Index in that lexicon's `categories`.
    pub category: usize,
    /// Index (in [`categories`]) of the parent category, for subcategories.
    pub parent: Option<usize>,
}

/// Every category of every lexicon of the matcher, lexicon by lexicon, in file order.
pub fn categories(m: &Matcher) -> Vec<CategoryRef> {
    let mut out: Vec<CategoryRef> = Vec::new();
    for (li, lex) in m.lexicons().iter().enumerate() {
        let base = out.len();
        for (ci, c) in lex.categories.iter().enumerate() {
            let parent = c.id.rsplit_once('/').and_then(|(p, _)| {
                lex.categories
                    .iter()
                    .position(|x| x.id == p)
                    .map(|pi| base + pi)
            });
            out.push(CategoryRef {
                lexicon: li,
                category: ci,
                parent,
            });
        }
    }
    out
}

/// All counts for one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentCounts {
    /// Word tokens in the kept sentences.
    pub words: usize,
    /// One tally per [`Matcher::entries`] entry.
    pub terms: Vec<Tally>,
    /// One tally per [`categories`] entry.
    pub categories: Vec<Tally>,
    /// Every hit, in text order ([`count_sentences`]); empty from [`tally_sentences`].
    pub hits: Vec<Hit>,
}

/// Segment `doc` and count.
pub fn count_document(m: &Matcher, doc: &Document) -> DocumentCounts {
    let sentences = segment::segment(doc);
    count_sentences(m, &doc.text, &sentences)
}

/// Count the terms of `m` in the given sentences of `text`, keeping every hit (for the
/// keyword-in-context view).
pub fn count_sentences(m: &Matcher, text: &str, sentences: &[Sentence]) -> DocumentCounts {
    count(m, text, sentences, true)
}

/// [`count_sentences`] without keeping the hits (`hits` is empty): the same tallies in memory
/// that does not grow with the number of hits. A `Hit` carries a copy of its text (about
/// 110 bytes in all), and a text with a framing term in most sentences has about one hit per
/// 100 bytes, so keeping them costs about the size of the text again.
pub fn tally_sentences(m: &Matcher, text: &str, sentences: &[Sentence]) -> DocumentCounts {
    count(m, text, sentences, false)
}

/// Sentences searched at a time: the hits of one batch are tallied and dropped before the next.
/// A text of more than one batch (a long file) has its batches counted in parallel.
const BATCH: usize = 512;

fn count(m: &Matcher, text: &str, sentences: &[Sentence], keep_hits: bool) -> DocumentCounts {
    let cats = categories(m);
    // index in `cats` of each lexicon's first category (they are listed lexicon by lexicon)
    let mut base = vec![cats.len(); m.lexicons().len()];
    for (i, c) in cats.iter().enumerate().rev() {
        base[c.lexicon] = i;
    }
    by_batches(
        sentences,
        |b| count_batch(m, text, b, &cats, &base, keep_hits),
        |mut a, b| {
            a.words += b.words;
            for (x, y) in a.terms.iter_mut().zip(&b.terms) {
                sum(x, y);
            }
            for (x, y) in a.categories.iter_mut().zip(&b.categories) {
                sum(x, y);
            }
            a.hits.extend(b.hits);
            a
        },
    )
}

/// `batch` of the sentences, [`BATCH`] at a time, joined by `join`.
fn by_batches<T: Send>(
    sentences: &[Sentence],
    batch: impl Fn(&[Sentence]) -> T + Sync + Send,
    join: impl Fn(T, T) -> T + Sync + Send,
) -> T {
    if sentences.len() <= BATCH {
        return batch(sentences);
    }
    // Batches are independent (hits never cross a sentence), and every count is a sum, so
    // summing them in parallel gives the same counts; `reduce` joins neighbouring batches
    // only, so kept hits stay in text order. One document of a corpus is one batch or a few:
    // this is for one long file (`terms` on a book), which otherwise runs on one core.
    use rayon::prelude::*;
    sentences
        .par_chunks(BATCH)
        .map(&batch)
        .reduce_with(&join)
        .unwrap_or_else(|| batch(&[]))
}

/// Words and the tally of each term with a hit: what `corpus terms` keeps of a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermTallies {
    /// Word tokens in the kept sentences, as [`DocumentCounts::words`].
    pub words: usize,
    /// `(entry, tally)` for each [`Matcher::entries`] entry with at least one hit, in entry
    /// order; the tallies are [`DocumentCounts::terms`]'.
    pub terms: Vec<(usize, Tally)>,
}

/// [`tally_sentences`] without the categories and with only the terms that have hits.
///
/// A document has a handful of hits and the lexicons have about a thousand terms: building a
/// tally for every term (and the category vector, and `categories(m)` with its string
/// splitting) for each document of a corpus, only for `corpus terms` to keep the nonzero
/// ones, was work for nothing.
pub fn tally_terms(m: &Matcher, text: &str, sentences: &[Sentence]) -> TermTallies {
    by_batches(
        sentences,
        |b| TermTallies {
            words: batch_words(text, b),
            terms: sparse_tallies(m, text, b),
        },
        |a, b| TermTallies {
            words: a.words + b.words,
            terms: merge_tallies(a.terms, b.terms),
        },
    )
}

/// The `(entry, tally)` of each term of `m` with a hit in `sentences` of `text`, in entry
/// order.
///
/// The hits are summed into a dense tally per entry with a bit per entry that has a hit, then
/// read off the bits in order: a document's hits come in text order, and sorting them by entry
/// was most of the sorting of `corpus terms` (about 8,000 instructions a document). These
/// buffers, and the hits', are kept per thread and reused from document to document, the
/// tallies and bits all zero between calls (each tally is taken as it is read off); they are
/// taken out while in use, so a call that unwinds leaves fresh ones behind, never stale counts.
fn sparse_tallies(m: &Matcher, text: &str, sentences: &[Sentence]) -> Vec<(usize, Tally)> {
    /// A tally per entry, a bit per entry with a hit, and the hits.
    #[derive(Default)]
    struct Dense {
        tallies: Vec<Tally>,
        touched: Vec<u64>,
        hits: Vec<Hit>,
    }
    thread_local! {
        static DENSE: std::cell::RefCell<Dense> = Default::default();
    }
    let mut d = DENSE.take();
    m.tally_into(text, sentences, &mut d.hits);
    let entries = m.entries().len();
    d.tallies.resize(entries, Tally::default());
    d.touched.resize(entries.div_ceil(64), 0);
    let mut distinct = 0;
    for h in &d.hits {
        let bit = 1u64 << (h.entry % 64);
        let word = &mut d.touched[h.entry / 64];
        distinct += usize::from(*word & bit == 0);
        *word |= bit;
        add(&mut d.tallies[h.entry], h);
    }
    let mut terms = Vec::with_capacity(distinct);
    if distinct > 0 {
        for (w, word) in d.touched.iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let e = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                terms.push((e, std::mem::take(&mut d.tallies[e])));
            }
        }
    }
    DENSE.set(d);
    terms
}

/// Two lists of `(entry, tally)` in entry order as one, summing the tallies of an entry in both.
fn merge_tallies(a: Vec<(usize, Tally)>, b: Vec<(usize, Tally)>) -> Vec<(usize, Tally)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                let (e, mut t) = a.next().expect("peeked");
                sum(&mut t, &b.next().expect("peeked").1);
                (e, t)
            }
            (Some(x), Some(y)) if x.0 < y.0 => a.next().expect("peeked"),
            (Some(_), Some(_)) | (None, Some(_)) => b.next().expect("peeked"),
            (Some(_), None) => a.next().expect("peeked"),
            (None, None) => return out,
        };
        out.push(next);
    }
}

/// Word tokens in `sentences` (those that are valid spans of `text`).
fn batch_words(text: &str, sentences: &[Sentence]) -> usize {
    sentences
        .iter()
        .filter(|s| s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start))
        .filter(|s| text.is_char_boundary(s.end))
        // the tokens `segment::words` makes, counted without normalising and stemming them
        .map(|s| word_count(&text[s.start..s.end]))
        .sum()
}

/// The counts of one batch of sentences; `cats` and `base` as in [`count`].
fn count_batch(
    m: &Matcher,
    text: &str,
    sentences: &[Sentence],
    cats: &[CategoryRef],
    base: &[usize],
    keep_hits: bool,
) -> DocumentCounts {
    let words = batch_words(text, sentences);
    let mut terms = vec![Tally::default(); m.entries().len()];
    let mut categories = vec![Tally::default(); cats.len()];
    let hits = if keep_hits {
        m.find_in_sentences(text, sentences)
    } else {
        m.tally_in_sentences(text, sentences)
    };
    for h in &hits {
        add(&mut terms[h.entry], h);
    }
    // A category counts a span once however many of its terms (or its subcategories'
    // terms) match it, with the flags of the first such hit. Hits never cross a sentence
    // boundary, so equal spans are always in the same batch.
    // (category, start, end, hit index): one per hit and each of its category's ancestors
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for (x, h) in hits.iter().enumerate() {
        let mut at = Some(base[h.lexicon] + h.category).filter(|&c| c < cats.len());
        while let Some(c) = at {
            spans.push((c, h.start, h.end, x));
            at = cats[c].parent;
        }
    }
    spans.sort_unstable();
    spans.dedup_by_key(|&mut (c, start, end, _)| (c, start, end));
    for &(c, _, _, x) in &spans {
        add(&mut categories[c], &hits[x]);
    }
    DocumentCounts {
        words,
        terms,
        categories,
        hits: if keep_hits { hits } else { Vec::new() },
    }
}

fn sum(a: &mut Tally, b: &Tally) {
    a.hits += b.hits;
    a.quoted += b.quoted;
    a.scare_quoted += b.scare_quoted;
}

/// The number of `s.unicode_word_indices()`: the words of [`crate::segment::words`], counted.
/// Word segmentation (UAX #29) is a tenth of `corpus terms`' run time, so text made of ASCII
/// (and the curly double quotes and dashes of news text) takes [`ascii_word_count`].
fn word_count(s: &str) -> usize {
    ascii_word_count(s.as_bytes()).unwrap_or_else(|| s.unicode_word_indices().count())
}

/// [`ascii_word_count_scalar`], sixteen bytes at a time: the same result for every input.
///
/// Counting word by word took a branch or two per byte (about 28 instructions a byte, 10% of
/// the instructions of `corpus terms`); here the bytes are classified sixteen at a time. Without
/// `_` no run is all `_`, so a word starts at every letter or digit that neither follows a
/// letter or digit nor is joined to one across a joiner (`:` `.` `'` between letters, `,` `;`
/// `.` `'` between digits), and counting the starts counts the words: the letters and digits
/// after something else, less one for each such join. Text with a `_` (rare in news) is
/// counted by [`ascii_word_count_scalar`]; a non-ASCII byte is class Other, and is checked to
/// be part of `“`, `”`, `–` or `—` as the scalar walk does ([`check_special`]).
///
/// Not inlined: a call a sentence is nothing next to its chunks, and a profile then shows the
/// word count on its own line.
#[inline(never)]
fn ascii_word_count(b: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 CPU has it and every
        // x86-64 Rust target enables it, so calling an SSE2 function is always sound here.
        unsafe { ascii_word_count_sse2(b) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        ascii_word_count_lanes(b)
    }
}

/// The bytes of `b` flagged in `special` (bit `k`: byte `i + k` is `_` or 0x80 and above):
/// `Err` with what [`ascii_word_count`] returns when there is a `_` (the scalar count) or a
/// non-ASCII byte that does not start, and is not inside, a `“ ” – —` (`None`). `checked`:
/// where the last sequence accepted ends (one may cross into the next chunk).
#[inline(always)]
fn check_special(
    b: &[u8],
    i: usize,
    mut special: u32,
    checked: &mut usize,
) -> Result<(), Option<usize>> {
    while special != 0 {
        let p = i + special.trailing_zeros() as usize;
        special &= special - 1;
        if b[p] == b'_' {
            return Err(ascii_word_count_scalar(b));
        }
        if p >= *checked {
            match b.get(p..p + 3) {
                Some([0xe2, 0x80, 0x9c | 0x9d | 0x93 | 0x94]) => *checked = p + 3,
                _ => return Err(None),
            }
        }
    }
    Ok(())
}

/// Byte classes for [`ascii_word_count_lanes`]: one bit each.
#[cfg(any(test, not(target_arch = "x86_64")))]
const ALPHA: u8 = 1;
#[cfg(any(test, not(target_arch = "x86_64")))]
const DIGIT: u8 = 2;
/// `:`, `.` and `'`: they join two letters into one word.
#[cfg(any(test, not(target_arch = "x86_64")))]
const JOIN_LETTERS: u8 = 4;
/// `,`, `;`, `.` and `'`: they join two digits.
#[cfg(any(test, not(target_arch = "x86_64")))]
const JOIN_DIGITS: u8 = 8;
/// `_` and bytes 0x80 and above: checked one by one ([`check_special`]).
#[cfg(any(test, not(target_arch = "x86_64")))]
const SPECIAL: u8 = 16;

/// [`ascii_word_count`] with SSE2: the letters and digits of a chunk in its lanes, the ones
/// that follow something else (the one back shifted in from the previous chunk) counted as
/// word starts with `psadbw`, and a word start taken back for every joiner that joins two
/// words into one ([`joins`]). A joiner after a letter or digit (a comma or full stop after a
/// word, mostly) is found with one mask and looked at byte by byte: classing every byte as a
/// letter, digit or one of two kinds of joiner and testing the joins in the lanes took more
/// instructions, though joins are rare. (Leaving out the joiners before a space too saved
/// nothing.)
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn ascii_word_count_sse2(b: &[u8]) -> Option<usize> {
    use std::arch::x86_64::*;
    let set = |c: u8| _mm_set1_epi8(c as i8);
    let zero = _mm_setzero_si128();
    // 0xFF in the lanes of `v` from `lo` to `lo + n - 1`: the add maps that range (wrapping)
    // onto the lowest `n` signed values, and bytes 0x80 and above never land there
    let range = |v: __m128i, lo: u8, n: u8| {
        _mm_cmplt_epi8(
            _mm_add_epi8(v, set(0x80u8.wrapping_sub(lo))),
            set(0x80u8.wrapping_add(n)),
        )
    };
    // the previous chunk's letters and digits (none before the text: nothing joins across
    // its start)
    let mut prev = zero;
    // the starts so far, 255 each, in the two 64-bit halves
    let mut total = zero;
    let mut joined = 0;
    let mut checked = 0;
    let mut i = 0;
    while i < b.len() {
        let v = match b.get(i..i + 16) {
            // SAFETY: an unaligned load of sixteen bytes of `b`.
            Some(s) => unsafe { _mm_loadu_si128(s.as_ptr().cast()) },
            None => {
                // zero padding past the end is class Other, like the end of the text
                let mut chunk = [0u8; 16];
                chunk[..b.len() - i].copy_from_slice(&b[i..]);
                // SAFETY: an unaligned load of the sixteen bytes of `chunk`.
                unsafe { _mm_loadu_si128(chunk.as_ptr().cast()) }
            }
        };
        let eq = |c: u8| _mm_cmpeq_epi8(v, set(c));
        // the high bit of `v` is set in the bytes 0x80 and above
        let special = _mm_movemask_epi8(_mm_or_si128(v, eq(b'_'))) as u32;
        if let Err(n) = check_special(b, i, special, &mut checked) {
            return n;
        }
        // `| 0x20` maps capitals onto lowercase letters and nothing else onto them
        let alnum = _mm_or_si128(
            range(_mm_or_si128(v, set(0x20)), b'a', 26),
            range(v, b'0', 10),
        );
        let back1 = _mm_or_si128(_mm_slli_si128::<1>(alnum), _mm_srli_si128::<15>(prev));
        total = _mm_add_epi64(total, _mm_sad_epu8(_mm_andnot_si128(back1, alnum), zero));
        // `'`, `,` `-` `.` and `:` `;` (the hyphen joins nothing: `joins` tells)
        let joiner = _mm_or_si128(
            eq(b'\''),
            _mm_or_si128(range(v, b',', 3), range(v, b':', 2)),
        );
        let mut after_word = _mm_movemask_epi8(_mm_and_si128(joiner, back1)) as u32;
        while after_word != 0 {
            let p = i + after_word.trailing_zeros() as usize;
            after_word &= after_word - 1;
            joined += usize::from(joins(b, p));
        }
        prev = alnum;
        i += 16;
    }
    let lo = _mm_cvtsi128_si64(total) as u64;
    let hi = _mm_cvtsi128_si64(_mm_unpackhi_epi64(total, total)) as u64;
    Some(((lo + hi) / 255) as usize - joined)
}

/// Whether the byte at `p` (after a letter or digit) joins the words on either side into one:
/// `:`, `.` or `'` between two letters, `,`, `;`, `.` or `'` between two digits (UAX #29).
#[inline]
fn joins(b: &[u8], p: usize) -> bool {
    let (Some(&x), Some(&m), Some(&y)) = (b.get(p.wrapping_sub(1)), b.get(p), b.get(p + 1)) else {
        return false;
    };
    (x.is_ascii_alphabetic() && y.is_ascii_alphabetic() && matches!(m, b':' | b'.' | b'\''))
        || (x.is_ascii_digit() && y.is_ascii_digit() && matches!(m, b',' | b';' | b'.' | b'\''))
}

/// [`ascii_word_count`] with the classes of a chunk as bit masks ([`classify16`]): for other
/// targets than x86-64, and tested against the scalar walk everywhere.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn ascii_word_count_lanes(b: &[u8]) -> Option<usize> {
    let mut n = 0usize;
    // the previous chunk's classes (all zero before the text: nothing joins across its start)
    let mut prev = Lanes::default();
    let mut checked = 0;
    let mut i = 0;
    while i < b.len() {
        let mut chunk = [0u8; 16];
        let len = (b.len() - i).min(16);
        // zero padding past the end is class Other, like the end of the text
        chunk[..len].copy_from_slice(&b[i..i + len]);
        let c = classify16(&chunk);
        if let Err(n) = check_special(b, i, c.special, &mut checked) {
            return n;
        }
        // bit k: the class of the byte `back` places before lane k (from `prev` for the
        // first lanes)
        let before = |cur: u32, prev: u32, back: u32| ((cur << 16 | prev) >> (16 - back)) & 0xffff;
        let alnum = c.alpha | c.digit;
        let joined = (before(c.join_letters, prev.join_letters, 1)
            & before(c.alpha, prev.alpha, 2)
            & c.alpha)
            | (before(c.join_digits, prev.join_digits, 1)
                & before(c.digit, prev.digit, 2)
                & c.digit);
        let starts = alnum & !before(alnum, prev.alpha | prev.digit, 1) & !joined;
        n += starts.count_ones() as usize;
        prev = c;
        i += 16;
    }
    Some(n)
}

/// Classes of sixteen bytes, bit `k` for byte `k` (bits 16 and up clear).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Lanes {
    alpha: u32,
    digit: u32,
    join_letters: u32,
    join_digits: u32,
    special: u32,
}

/// The class bits of each byte value.
#[cfg(any(test, not(target_arch = "x86_64")))]
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let c = i as u8;
        t[i] = if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'.' || c == b'\'' {
            JOIN_LETTERS | JOIN_DIGITS
        } else if c == b':' {
            JOIN_LETTERS
        } else if c == b',' || c == b';' {
            JOIN_DIGITS
        } else if c == b'_' || c >= 0x80 {
            SPECIAL
        } else {
            0
        };
        i += 1;
    }
    t
};

/// The classes of a chunk, byte by byte.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn classify16(chunk: &[u8; 16]) -> Lanes {
    let mut l = Lanes::default();
    for (k, &b) in chunk.iter().enumerate() {
        let x = CLASS[b as usize];
        let bit = |class: u8| u32::from(x & class != 0) << k;
        l.alpha |= bit(ALPHA);
        l.digit |= bit(DIGIT);
        l.join_letters |= bit(JOIN_LETTERS);
        l.join_digits |= bit(JOIN_DIGITS);
        l.special |= bit(SPECIAL);
    }
    l
}

/// UAX #29 words with a letter or digit in ASCII text, `None` for text with other characters
/// than `“`, `”`, `–` and `—` (word-break class Other, like ASCII punctuation). For ASCII the
/// rules come down to: runs of letters, digits and `_`, joined across one `:`, `.` or `'`
/// between two letters and one `,`, `;`, `.` or `'` between two digits (WB5–WB13b).
/// Byte by byte: what [`ascii_word_count`] counts text with a `_` with, and its reference.
fn ascii_word_count_scalar(b: &[u8]) -> Option<usize> {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            match b.get(i..i + 3) {
                Some([0xe2, 0x80, 0x9c | 0x9d | 0x93 | 0x94]) => i += 3,
                _ => return None,
            }
            continue;
        }
        if !word(c) {
            i += 1;
            continue;
        }
        let mut alnum = false;
        loop {
            while i < b.len() && word(b[i]) {
                alnum |= b[i] != b'_';
                i += 1;
            }
            let (Some(&m), Some(&next)) = (b.get(i), b.get(i + 1)) else {
                break;
            };
            let prev = b[i - 1];
            let letters = prev.is_ascii_alphabetic()
                && next.is_ascii_alphabetic()
                && matches!(m, b':' | b'.' | b'\'');
            let digits = prev.is_ascii_digit()
                && next.is_ascii_digit()
                && matches!(m, b',' | b';' | b'.' | b'\'');
            if !(letters || digits) {
                break;
            }
            i += 1;
        }
        n += usize::from(alnum);
    }
    Some(n)
}

fn add(t: &mut Tally, h: &Hit) {
    t.hits += 1;
    t.quoted += usize::from(h.quoted);
    t.scare_quoted += usize::from(h.scare_quoted);
}

/// Words of context shown on each side of a hit.
pub const KWIC_WORDS: usize = 6;

/// One hit in context; `left + matched + right` reads as the text does (spacing kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kwic {
    /// Up to [`KWIC_WORDS`] words before the hit, within its sentence, on one line.
    pub left: String,
    /// The hit as written.
    pub matched: String,
    /// Up to [`KWIC_WORDS`] words after the hit, within its sentence.
    pub right: String,
}

/// The context of `hit` inside its sentence (or the whole text when no sentence holds it).
pub fn kwic(text: &str, sentences: &[Sentence], hit: &Hit) -> Kwic {
    let (lo, hi) = sentences
        .iter()
        .find(|s| s.start <= hit.start && hit.end <= s.end)
        .map(|s| (s.start, s.end))
        .unwrap_or((0, text.len()));
    let left: Vec<&str> = text[lo..hit.start].split_whitespace().collect();
    let right: Vec<&str> = text[hit.end..hi].split_whitespace().collect();
    let l = left.len().saturating_sub(KWIC_WORDS);
    let mut left_s = left[l..].join(" ");
    if l > 0 {
        left_s.insert_str(0, "… ");
    }
    let mut right_s = right[..right.len().min(KWIC_WORDS)].join(" ");
    if right.len() > KWIC_WORDS {
        right_s.push_str(" …");
    }
    // Spacing around the hit is kept as in the text (`the “resistance”,`), so a renderer can
    // print left + matched + right as they read.
    if text[lo..hit.start].ends_with(char::is_whitespace) && !left_s.is_empty() {
        left_s.push(' ');
    }
    if text[hit.end..hi].starts_with(char::is_whitespace) && !right_s.is_empty() {
        right_s.insert(0, ' ');
    }
    Kwic {
        left: left_s,
        matched: crate::text::collapse_whitespace(&text[hit.start..hit.end]),
        right: right_s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes of the edge cases of [`ascii_word_count`]: letters and digits next to every
    /// joiner, `_`, spaces, the lead and continuation bytes of `“ ” – —` and of `é` and `’`.
    const EDGE_BYTES: &[u8] = b"aZ09_:.',; \"-\xe2\x80\x9c\x9d\x93\x94\x99\xc3\xa9";

    proptest::proptest! {
        /// The ASCII word count is UAX #29's.
        #[test]
        fn word_count_equals_unicode_words(s in "[a-zA-Z0-9_ \t\n\r.,;:'\"!?()\\-“”—–’é]{0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.unicode_word_indices().count());
        }

        /// Lanes and the scalar walk agree, over texts of several chunks made of the edge
        /// cases (without `_`, which the lanes hand to the scalar walk, and with).
        #[test]
        fn ascii_word_count_equals_scalar(
            s in "[aZ09 :.',;“”–—é’x€-]{0,70}",
            u in "[a1 :.',;“”–—é_]{0,40}",
        ) {
            for t in [&s, &u] {
                let b = t.as_bytes();
                proptest::prop_assert_eq!(ascii_word_count(b), ascii_word_count_scalar(b));
                proptest::prop_assert_eq!(ascii_word_count_lanes(b), ascii_word_count_scalar(b));
            }
            proptest::prop_assert_eq!(word_count(&s), s.unicode_word_indices().count());
        }

        /// … and over any bytes, valid UTF-8 or not (cut `“`, stray continuation bytes).
        #[test]
        fn ascii_word_count_equals_scalar_on_bytes(
            b in proptest::collection::vec(proptest::sample::select(EDGE_BYTES), 0..70),
        ) {
            proptest::prop_assert_eq!(ascii_word_count(&b), ascii_word_count_scalar(&b));
            proptest::prop_assert_eq!(ascii_word_count_lanes(&b), ascii_word_count_scalar(&b));
        }
    }

    /// The joins and their limits at every offset in a chunk and across chunk ends.
    #[test]
    fn ascii_word_count_across_chunks() {
        for s in [
            "don't e.g. a:b 3.14 1,000 2;3 4'5 a.1 1.a a..b a. .a 1, ,1",
            "x“y”z—w–v a“ “b 1—2",
            "a_b __ _a a__ _ 1_ _1",
            "’s é a\u{300}",
        ] {
            for pad in 0..20 {
                let t = format!("{}{s}{}", " ".repeat(pad), "z".repeat(pad));
                let b = t.as_bytes();
                assert_eq!(ascii_word_count(b), ascii_word_count_scalar(b), "{t:?}");
                assert_eq!(
                    ascii_word_count_lanes(b),
                    ascii_word_count_scalar(b),
                    "{t:?}"
                );
                assert_eq!(word_count(&t), t.unicode_word_indices().count(), "{t:?}");
            }
        }
        assert_eq!(ascii_word_count(b"\xe2\x80"), None);
        assert_eq!(ascii_word_count(b"ab\xe2\x80\x9c\x80"), None);
        assert_eq!(ascii_word_count(b""), Some(0));
    }

    #[test]
    fn word_count_joins_like_uax29() {
        for s in [
            "don't",
            "e.g. a:b",
            "3.14 1,000 2;3 4'5",
            "a.1 1.a a_b __ _a",
            "x“y”z—w–v",
            "a..b",
            "’s",
        ] {
            assert_eq!(word_count(s), s.unicode_word_indices().count(), "{s}");
        }
    }
    use crate::lexicon::load::parse;
    use std::path::Path;

    fn sentence(text: &str, start: usize, end: usize) -> Sentence {
        Sentence {
            text: text[start..end].to_string(),
            start,
            end,
            paragraph: 0,
            quoted: Vec::new(),
        }
    }

    #[test]
    fn counts_terms_categories_and_words() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"regime\"]\n[categories.a.b]\nterms = [\"Zionist regime\", \"entity\"]\n[categories.c]\nterms = [\"regime\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let text = "The regime fell. The Zionist regime and the ‘entity’ spoke. Chrome regime";
        let s1 = sentence(text, 0, 16);
        let s2 = sentence(text, 17, text.find(" Chrome").unwrap());
        let c = count_sentences(&m, text, &[s1.clone(), s2.clone()]);
        assert_eq!(c.words, 3 + 7);
        // entries: a/regime, a/b/Zionist regime, a/b/entity, c/regime
        let hits: Vec<_> = c.terms.iter().map(|t| t.hits).collect();
        assert_eq!(hits, [1, 1, 1, 1]);
        assert_eq!(c.terms[2].scare_quoted, 1);
        // categories: a (own 1 + subcategory 2), a/b (2), c (1)
        let cats: Vec<_> = c.categories.iter().map(|t| t.hits).collect();
        assert_eq!(cats, [3, 2, 1]);
        assert_eq!(c.categories[0].scare_quoted, 1);
        let sparse = tally_terms(&m, text, &[s1, s2]);
        assert_eq!(sparse.words, c.words);
        assert_eq!(sparse.terms, nonzero(&c.terms));
    }

    /// The `(entry, tally)` of each term with a hit, as [`tally_terms`] lists them.
    fn nonzero(terms: &[Tally]) -> Vec<(usize, Tally)> {
        terms
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, t)| t.hits > 0)
            .collect()
    }

    /// The per-thread buffers of [`sparse_tallies`] carry nothing from one matcher or text
    /// to the next: counting with a larger lexicon, a smaller one, then the first again gives
    /// each time the tallies of a fresh count.
    #[test]
    fn sparse_tallies_start_clean_for_every_matcher() {
        let big = Matcher::new(vec![parse(
            "name = \"t\"\n[categories.a]\nterms = [\"regime\", \"entity\", \"resistance\"]\n",
            Path::new("t"),
        )
        .unwrap()])
        .unwrap();
        let small = Matcher::new(vec![parse(
            "name = \"s\"\n[categories.a]\nterms = [\"entity\"]\n",
            Path::new("s"),
        )
        .unwrap()])
        .unwrap();
        let text = "The regime and the ‘entity’ met the resistance; the regime left.";
        let s = [sentence(text, 0, text.len())];
        for m in [&big, &small, &big, &small] {
            let want = nonzero(&count_sentences(m, text, &s).terms);
            assert!(!want.is_empty());
            assert_eq!(tally_terms(m, text, &s).terms, want);
            assert_eq!(tally_terms(m, text, &s[..0]).terms, []);
        }
    }

    #[test]
    fn sparse_tallies_merge_in_entry_order() {
        let t = |hits, quoted| Tally {
            hits,
            quoted,
            scare_quoted: 1,
        };
        let a = vec![(1, t(1, 0)), (4, t(2, 1)), (9, t(1, 1))];
        let b = vec![(0, t(1, 1)), (4, t(3, 0)), (7, t(1, 0)), (10, t(5, 5))];
        let both = vec![
            (0, t(1, 1)),
            (1, t(1, 0)),
            (
                4,
                Tally {
                    hits: 5,
                    quoted: 1,
                    scare_quoted: 2,
                },
            ),
            (7, t(1, 0)),
            (9, t(1, 1)),
            (10, t(5, 5)),
        ];
        assert_eq!(merge_tallies(a.clone(), b.clone()), both);
        assert_eq!(merge_tallies(b, a), both);
        assert_eq!(merge_tallies(Vec::new(), Vec::new()), []);
    }

    /// Tallies do not depend on keeping the hits or on where the sentence batches end, and a
    /// span matched by several terms of a category (or its subcategories) counts once, with
    /// the first hit's flags: the rule as stated, checked over every hit at once.
    #[test]
    fn tallies_match_the_rule_across_batches() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"regime\", \"Zionist regime\"]\n[categories.a.b]\nterms = [\"Zionist regime\", \"entity\"]\n[categories.c]\nterms = [\"regime\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let mut text = String::new();
        for i in 0..(BATCH * 2 + 7) {
            text.push_str(&format!(
                "Report {i}: the regime fell. The Zionist regime and the ‘entity’ spoke.\n\n"
            ));
        }
        let doc = crate::ingest::from_bytes(text.as_bytes(), "t", &Default::default()).unwrap();
        let sentences = segment::segment(&doc);
        assert!(sentences.len() > BATCH * 2);
        let kept = count_sentences(&m, &doc.text, &sentences);
        let tallied = tally_sentences(&m, &doc.text, &sentences);
        assert!(tallied.hits.is_empty());
        assert_eq!(kept.words, tallied.words);
        let words: usize = sentences
            .iter()
            .map(|s| segment::words(&doc.text[s.start..s.end], s.start).len())
            .sum();
        assert_eq!(tallied.words, words);
        assert_eq!(kept.terms, tallied.terms);
        assert_eq!(kept.categories, tallied.categories);
        // the sparse tallies, summed over the batches, are the nonzero ones
        let sparse = tally_terms(&m, &doc.text, &sentences);
        assert_eq!(sparse.words, tallied.words);
        assert_eq!(sparse.terms, nonzero(&tallied.terms));
        assert!(sparse.terms.iter().any(|(_, t)| t.scare_quoted > 0));
        // batches counted in parallel keep the hits in text order
        let one_by_one: Vec<Hit> = sentences
            .chunks(1)
            .flat_map(|s| m.find_in_sentences(&doc.text, s))
            .collect();
        assert_eq!(kept.hits, one_by_one);
        // the rule, over all hits at once
        let cats = categories(&m);
        let mut expected = vec![Tally::default(); cats.len()];
        let mut seen = std::collections::BTreeSet::new();
        for h in &kept.hits {
            let mut at = cats
                .iter()
                .position(|c| (c.lexicon, c.category) == (h.lexicon, h.category));
            while let Some(c) = at {
                if seen.insert((c, h.start, h.end)) {
                    add(&mut expected[c], h);
                }
                at = cats[c].parent;
            }
        }
        assert_eq!(tallied.categories, expected);
        let n = BATCH * 2 + 7;
        // per report: a counts "regime", the "Zionist regime" span (its own term and its
        // subcategory's, once) and "entity"; a/b the span and "entity"; c the lone "regime"
        // (the longer match wins inside "Zionist regime")
        assert_eq!(expected[0].hits, 3 * n);
        assert_eq!(expected[1].hits, 2 * n);
        assert_eq!(expected[2].hits, n);
    }

    #[test]
    fn kwic_shows_words_around_the_hit_within_its_sentence() {
        let lex = parse(
            "name = \"t\"\n[categories.a]\nterms = [\"resistance front\"]\n",
            Path::new("t"),
        )
        .unwrap();
        let m = Matcher::new(vec![lex]).unwrap();
        let text = "First one. One two three four five six seven the resistance front, eight nine ten eleven twelve thirteen fourteen. Next.";
        let s = sentence(text, 11, text.rfind(" Next").unwrap());
        let hits = m.find_in_sentences(text, std::slice::from_ref(&s));
        let k = kwic(text, &[s], &hits[0]);
        assert_eq!(k.left, "… three four five six seven the ");
        assert_eq!(k.matched, "resistance front");
        assert_eq!(k.right, ", eight nine ten eleven twelve …");
    }
}
