//! Exact, fast matching of lexicon terms in text.
//!
//! Every form (term and variants) and every exception phrase of every loaded lexicon is
//! normalised and compiled **once for all**, so the cost of a scan does not grow with the
//! number of terms: the forms that start at a word start (nearly all) are looked up by the word
//! there ([`prefilter::WordStarts`]), the few others go into one Aho-Corasick automaton. The text
//! is normalised by [`normalize_into`] the same way (case, quotes, dashes, diacritics folded as
//! in [`crate::text::normalize`]; hyphens between letters and runs of whitespace folded to one
//! space) with a byte map back to the original.
//!
//! Both report every occurrence (the automaton runs with `MatchKind::Standard` and
//! *overlapping* iteration), not leftmost-longest matches: a leftmost-longest automaton
//! reports one match per position, and when that
//! match then fails the word-boundary check (`resistance front` inside `resistance frontier`)
//! the shorter valid match at the same place (`resistance`) is lost. Collecting every candidate,
//! verifying it (word boundaries, plural/possessive suffix, capitals for acronyms, globs,
//! exceptions) and only then choosing among overlapping candidates gives the documented result:
//!
//! * **Whole words.** A match must not be preceded or followed by a letter, digit or combining
//!   mark (any script: `Ḥizbullāh`, `حزب الله`).
//! * **Suffixes.** A form whose last character is a Latin letter also matches with a plural `s`
//!   (`regimes`), a plural `es` when it ends in s, x, z, ch or sh (`Takfiris`, `crises` needs a
//!   variant), and the possessive `'s`/`’s`. `regimes'` is covered too: the apostrophe ends
//!   the word.
//! * **Acronyms.** A word of two to four letters written in capitals in the lexicon (`IS`,
//!   `US`) matches only where the text also has it in capitals, so `IS` never matches "is".
//! * **Globs.** `*` is any run of letters/digits (zero or more) and `?` exactly one, inside one
//!   word (`occupi*`). The longest literal piece goes into the automaton, a small regex verifies.
//! * **Exceptions.** A hit of a term is dropped when it lies inside an occurrence of one of that
//!   term's `except` phrases (`antimicrobial resistance` for `resistance`).
//! * **Overlaps.** Each lexicon is an independent instrument: hits of different lexicons never
//!   suppress each other. Within one lexicon, overlapping hits are resolved greedily: longest
//!   first, then earliest, then lexicon/category/term order. Hits with *identical* spans do not
//!   conflict: a form listed under two terms (or categories) counts for each of them.
//!
//! One concern per file: `normalize.rs` (text and forms to matching bytes, SSE2/SWAR fast
//! path), `prefilter.rs` (which word starts can begin a term, and the terms they begin),
//! `form.rs` (compiled forms, globs, acronyms, verification of a raw match), `quotes.rs`
//! (quoted speech and scare quotes). This file compiles the lexicons and runs a scan: candidates, exceptions,
//! overlaps, hits.

mod form;
mod normalize;
mod prefilter;
mod quotes;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;

use super::model::{Category, Lexicon, Term};
use crate::segment::Sentence;
use crate::{Error, Result};
use form::{Form, Hot};
use normalize::{normalize_form, Haystack};
pub use normalize::{normalize_into, Normalized};
use prefilter::WordStarts;
use quotes::{first_open_quote, in_speech, scare_quoted, speech_spans};

/// One occurrence of a term in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Index of the lexicon in [`Matcher::lexicons`].
    pub lexicon: usize,
    /// Index of the category in that lexicon's `categories`.
    pub category: usize,
    /// Index of the term in that category's `terms`.
    pub term: usize,
    /// Index into [`Matcher::entries`] (all terms of all lexicons, in order).
    pub entry: usize,
    /// Byte span of the hit in the original text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// The text as it appears in the original (inner whitespace kept).
    pub text: String,
    /// Inside a sentence's quoted speech (a quoted span of more than three words).
    pub quoted: bool,
    /// Put in scare quotes: wrapped in quotes, or preceded by a short quoted modifier
    /// (`the ‘Israeli’ occupation regime`).
    pub scare_quoted: bool,
}

/// A hit before quoting analysis and text extraction; what [`Matcher::scan`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawHit {
    /// Index into [`Matcher::entries`].
    pub entry: usize,
    /// Byte span in the scanned text.
    pub start: usize,
    pub end: usize,
}

/// Position of one term in the loaded lexicons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub lexicon: usize,
    pub category: usize,
    pub term: usize,
}

/// What a [`Matcher`] is compiled for: the automaton of the patterns that do not start at a
/// word start (globs anchored inside a word, forms that start with punctuation) is a DFA for
/// throughput or a contiguous NFA, cheaper to build, for a few documents. The word-start
/// patterns, nearly all, need no automaton (see `prefilter::WordStarts`), so with the built-in
/// lexicons the two differ little; a lexicon with many such globs makes the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tuning {
    /// Cheap to build: for a few documents (`compare`, `terms` on some files).
    QuickStart,
    /// Fastest scan: for corpora and long texts.
    Throughput,
}

impl Tuning {
    /// Above this much text a DFA's build time is paid back by its faster scan: measured
    /// with callgrind when the word-start patterns were in the automaton too (the NFA saved
    /// ~73M instructions of building and cost ~12.6M more per MB scanned), break-even was near
    /// 6 MB.
    const THROUGHPUT_BYTES: usize = 6 << 20;

    /// The tuning for scanning about `bytes` of text in all.
    pub fn for_bytes(bytes: usize) -> Tuning {
        if bytes > Tuning::THROUGHPUT_BYTES {
            Tuning::Throughput
        } else {
            Tuning::QuickStart
        }
    }
}

/// Compiled matcher over a set of lexicons. Immutable, `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Matcher {
    lexicons: Vec<Lexicon>,
    entries: Vec<Entry>,
    /// The word-start patterns (see `Matcher::build`); its pattern `k` is global pattern
    /// `ws_ids[k]`.
    words: Option<WordStarts>,
    ws_ids: Vec<usize>,
    /// Automaton of the other patterns; its pattern `k` is global pattern `other_ids[k]`.
    other_ac: Option<AhoCorasick>,
    other_ids: Vec<usize>,
    forms: Vec<Form>,
    /// What verifying a match needs of each form, dense (`hot[f]` for `forms[f]`).
    hot: Vec<Hot>,
    /// Each form's owners then its exception entries (`Hot::roles`), one flat array.
    roles: Vec<u32>,
    /// The forms automaton pattern `p` stands for: `pattern_forms[pattern_start[p]..
    /// pattern_start[p + 1]]` (one flat array rather than a vector per pattern: a hit costs
    /// one cache miss fewer).
    pattern_start: Vec<u32>,
    pattern_forms: Vec<u32>,
    /// Bytes to skip at the start of a pattern's match (1 for word-start patterns).
    pattern_skip: Vec<u8>,
}

/// Reusable buffers for [`Matcher::scan`], so repeated scans allocate nothing.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: Normalized,
    units: Vec<Unit>,
    excepts: Vec<Unit>,
    /// Word starts let through by the start filter, one block at a time.
    cands: Vec<u32>,
    cluster: Vec<Unit>,
    accepted: Vec<Unit>,
    /// The sentence's quoted spans that are speech (see `quotes::speech_spans`).
    speech: Vec<[usize; 2]>,
}

/// A verified candidate in normalised coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    lexicon: u32,
    start: usize,
    end: usize,
    entry: u32,
    form: u32,
}

impl Matcher {
    /// Compile the lexicons, each with its neutral counterparts added as reference terms
    /// ([`Lexicon::with_counterparts`]): [`Matcher::lexicons`] returns them so. Fails only if
    /// the automaton cannot be built (e.g. too large). Tuned for throughput: see
    /// [`Matcher::tuned`] for a matcher that is cheaper to build.
    pub fn new(lexicons: Vec<Lexicon>) -> Result<Matcher> {
        Matcher::tuned(lexicons, Tuning::Throughput)
    }

    /// [`Matcher::new`] with the automata chosen for `tuning`; the hits are the same.
    pub fn tuned(lexicons: Vec<Lexicon>, tuning: Tuning) -> Result<Matcher> {
        let lexicons = lexicons
            .into_iter()
            .map(Lexicon::with_counterparts)
            .collect();
        Matcher::build(lexicons, Some(tuning))
    }

    /// `word_starts`: look the word-start patterns up by word ([`WordStarts`]) and tune the
    /// automaton of the others so (always, but in the tests that check the lookup against a
    /// plain automaton of every pattern, `None`).
    fn build(lexicons: Vec<Lexicon>, word_starts: Option<Tuning>) -> Result<Matcher> {
        let mut entries = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        // (lexicon, normalised form) → form index
        let mut form_ix: rustc_hash::FxHashMap<(u32, String), u32> = Default::default();
        let mut add_form = |lex: u32, raw: &str, owner: Option<u32>, exc: Option<u32>| {
            let norm = normalize_form(raw);
            if norm.is_empty() {
                return;
            }
            let ix = *form_ix.entry((lex, norm.clone())).or_insert_with(|| {
                forms.push(Form::build(lex, raw, &norm));
                (forms.len() - 1) as u32
            });
            let f = &mut forms[ix as usize];
            if let Some(o) = owner {
                if !f.owners.contains(&o) {
                    f.owners.push(o);
                }
            }
            if let Some(e) = exc {
                if !f.exception_of.contains(&e) {
                    f.exception_of.push(e);
                }
            }
        };
        for (li, lex) in lexicons.iter().enumerate() {
            for (ci, cat) in lex.categories.iter().enumerate() {
                for (ti, term) in cat.terms.iter().enumerate() {
                    let e = entries.len() as u32;
                    entries.push(Entry {
                        lexicon: li,
                        category: ci,
                        term: ti,
                    });
                    for form in term.forms() {
                        add_form(li as u32, form, Some(e), None);
                    }
                    for x in &term.except {
                        add_form(li as u32, x, None, Some(e));
                    }
                }
            }
        }
        // One automaton pattern per distinct anchor string. An anchor that begins the form at a
        // word start is compiled behind a space: every word of the normalised text starts right
        // after one (see `normalize_into`), so the automaton only reports candidates that start
        // on a word boundary, instead of every occurrence inside longer words.
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut pattern_forms: Vec<Vec<u32>> = Vec::new();
        let mut pattern_skip: Vec<u8> = Vec::new();
        let mut pat_ix: rustc_hash::FxHashMap<Vec<u8>, usize> = Default::default();
        for (fi, f) in forms.iter().enumerate() {
            let mut keys: Vec<(Vec<u8>, u8)> = Vec::new();
            if f.anchor_at_word_start {
                let mut k = vec![b' '];
                k.extend_from_slice(f.anchor.as_bytes());
                keys.push((k, 1));
            } else {
                keys.push((f.anchor.as_bytes().to_vec(), 0));
            }
            for (key, skip) in keys {
                let p = *pat_ix.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    pattern_forms.push(Vec::new());
                    pattern_skip.push(skip);
                    patterns.len() - 1
                });
                pattern_forms[p].push(fi as u32);
            }
        }
        // Word-start patterns (all begin with a space) are looked up by the word at each word
        // start that the filter lets through (see `WordStarts`); the few others (globs
        // anchored inside a word, forms starting with punctuation) go into a plain
        // overlapping automaton, as all do for the tests' reference matcher (`None`).
        let (ws_ids, other_ids): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&p| word_starts.is_some() && pattern_skip[p] == 1);
        let throughput = word_starts != Some(Tuning::QuickStart);
        let words = (!ws_ids.is_empty()).then(|| {
            WordStarts::new(ws_ids.iter().map(|&p| {
                let glob = pattern_forms[p]
                    .iter()
                    .any(|&f| forms[f as usize].is_glob());
                (patterns[p].as_slice(), glob)
            }))
        });
        let other_ac = if other_ids.is_empty() {
            None
        } else {
            let pats: Vec<&Vec<u8>> = other_ids.iter().map(|&p| &patterns[p]).collect();
            let kind = if throughput {
                (pats.len() <= 30_000).then_some(AhoCorasickKind::DFA)
            } else {
                Some(AhoCorasickKind::ContiguousNFA)
            };
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&pats)
                .or_else(|_| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::Standard)
                        .build(&pats)
                })
                .map_err(|e| Error::input("<lexicons>", format!("cannot compile terms: {e}")))?;
            Some(ac)
        };
        let mut roles = Vec::new();
        let hot = forms
            .iter()
            .map(|f| {
                let at = roles.len() as u32;
                roles.extend_from_slice(&f.owners);
                roles.extend_from_slice(&f.exception_of);
                Hot::new(f, at)
            })
            .collect();
        let mut pattern_start = Vec::with_capacity(pattern_forms.len() + 1);
        pattern_start.push(0);
        for fs in &pattern_forms {
            pattern_start.push(pattern_start[pattern_start.len() - 1] + fs.len() as u32);
        }
        Ok(Matcher {
            lexicons,
            entries,
            words,
            ws_ids,
            other_ac,
            other_ids,
            forms,
            hot,
            roles,
            pattern_start,
            pattern_forms: pattern_forms.concat(),
            pattern_skip,
        })
    }

    /// The lexicons, in the order given to [`Matcher::new`].
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    /// Every term of every lexicon, lexicon by lexicon, category by category, in file order.
    /// [`Hit::entry`] and [`RawHit::entry`] index this.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The term an entry stands for.
    pub fn term(&self, entry: usize) -> &Term {
        let e = self.entries[entry];
        &self.lexicons[e.lexicon].categories[e.category].terms[e.term]
    }

    /// The category an entry belongs to.
    pub fn category(&self, entry: usize) -> &Category {
        let e = self.entries[entry];
        &self.lexicons[e.lexicon].categories[e.category]
    }

    /// Find every hit in `text`, in text order, with scare quotes detected; `quoted` is always
    /// false here (quoted speech comes from the segmenter: see [`Matcher::find_in_sentences`]).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.collect(text, 0, text.len(), &[], &mut scratch, &mut out);
        out
    }

    /// Find every hit inside the given sentences of `text` (a document's text; sentence spans
    /// point into it). Matches never cross a sentence boundary, and text outside the sentences
    /// (page chrome set aside by ingest) is not searched. `quoted` is set when the hit starts
    /// inside one of the sentence's quoted spans that is longer than three words: shorter
    /// quoted spans are scare quotes, not speech.
    pub fn find_in_sentences(&self, text: &str, sentences: &[Sentence]) -> Vec<Hit> {
        let mut out = Vec::new();
        self.in_sentences(text, sentences, true, &mut out);
        out
    }

    /// [`Matcher::find_in_sentences`] with every [`Hit::text`] left empty: for counting, which
    /// never reads it (a copy of the text per hit was a tenth of the allocations of
    /// `corpus terms`).
    pub(crate) fn tally_in_sentences(&self, text: &str, sentences: &[Sentence]) -> Vec<Hit> {
        let mut out = Vec::new();
        self.tally_into(text, sentences, &mut out);
        out
    }

    /// [`Matcher::tally_in_sentences`] into `out`, cleared first: a buffer the caller reuses
    /// from document to document (growing a fresh vector of hits for every document was a
    /// fifth of the allocations of `corpus terms`).
    pub(crate) fn tally_into(&self, text: &str, sentences: &[Sentence], out: &mut Vec<Hit>) {
        out.clear();
        self.in_sentences(text, sentences, false, out);
    }

    /// The hits of `sentences` added to `out`.
    fn in_sentences(
        &self,
        text: &str,
        sentences: &[Sentence],
        with_text: bool,
        out: &mut Vec<Hit>,
    ) {
        thread_local! {
            /// One scratch per thread, reused from document to document: a corpus scan
            /// otherwise grows fresh buffers for every document.
            static SCRATCH: std::cell::RefCell<(Scratch, Vec<RawHit>)> = Default::default();
        }
        SCRATCH.with(|cell| {
            // a scan never calls back into the matcher, so the cell is free here; take
            // fresh buffers rather than panic should it ever be busy
            let mut fresh = Default::default();
            let mut busy = cell.try_borrow_mut();
            let (scratch, raw) = match busy.as_deref_mut() {
                Ok(s) => s,
                Err(_) => &mut fresh,
            };
            for s in sentences {
                let (lo, hi) = (s.start.min(text.len()), s.end.min(text.len()));
                if lo >= hi || !text.is_char_boundary(lo) || !text.is_char_boundary(hi) {
                    continue;
                }
                self.collect_into(text, lo, hi, &s.quoted, scratch, raw, with_text, out);
            }
        })
    }

    fn collect(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        quoted: &[[usize; 2]],
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        let mut raw = Vec::new();
        self.collect_into(text, lo, hi, quoted, scratch, &mut raw, true, out);
    }

    /// The hits of `text[lo..hi]` added to `out`; `raw` is a reusable buffer.
    #[allow(clippy::too_many_arguments)]
    fn collect_into(
        &self,
        text: &str,
        lo: usize,
        hi: usize,
        quoted: &[[usize; 2]],
        scratch: &mut Scratch,
        raw: &mut Vec<RawHit>,
        with_text: bool,
        out: &mut Vec<Hit>,
    ) {
        raw.clear();
        self.scan(&text[lo..hi], scratch, |h| raw.push(h));
        if raw.is_empty() {
            return;
        }
        let speech = &mut scratch.speech;
        speech_spans(text, quoted, speech);
        // no hit up to the sentence's first opening quote (searched up to the last hit) can
        // be scare-quoted: both kinds need one before the hit
        let last = raw.iter().map(|h| h.start).max().unwrap_or(0);
        let first_open = first_open_quote(&text[lo..hi], last).map_or(hi, |q| lo + q);
        for h in raw.iter() {
            let (start, end) = (lo + h.start, lo + h.end);
            let e = self.entries[h.entry];
            out.push(Hit {
                lexicon: e.lexicon,
                category: e.category,
                term: e.term,
                entry: h.entry,
                start,
                end,
                text: if with_text {
                    text[start..end].to_string()
                } else {
                    String::new()
                },
                quoted: in_speech(speech, start),
                scare_quoted: first_open < start && scare_quoted(text, lo, hi, start, end),
            });
        }
    }

    /// Scan `text`, calling `f` for every hit in text order (ties in entry order). This is the
    /// allocation-free core (after `scratch` has grown to the text's size): no quoting analysis,
    /// spans are relative to `text`.
    pub fn scan(&self, text: &str, scratch: &mut Scratch, mut f: impl FnMut(RawHit)) {
        if self.words.is_none() && self.other_ac.is_none() {
            return;
        }
        normalize_into(text, &mut scratch.norm);
        scratch.units.clear();
        scratch.excepts.clear();
        let hay = Haystack::new(text, &scratch.norm);
        let units = &mut scratch.units;
        let excepts = &mut scratch.excepts;
        let cands = &mut scratch.cands;
        let mut candidate = |p: usize, ms: usize, me: usize| {
            let start = ms + usize::from(self.pattern_skip[p]);
            let fs = self.pattern_start[p] as usize..self.pattern_start[p + 1] as usize;
            for &fi in &self.pattern_forms[fs] {
                let h = self.hot[fi as usize];
                form::verify(&self.forms, h, fi, &hay, start, me, |s, e| {
                    let roles = &self.roles[h.roles as usize..];
                    let (owners, rest) = roles.split_at(h.owners as usize);
                    for &o in owners {
                        units.push(Unit {
                            lexicon: h.lexicon,
                            start: s,
                            end: e,
                            entry: o,
                            form: fi,
                        });
                    }
                    for &o in &rest[..h.excepts as usize] {
                        excepts.push(Unit {
                            lexicon: h.lexicon,
                            start: s,
                            end: e,
                            entry: o,
                            form: fi,
                        });
                    }
                });
            }
        };
        if let Some(words) = &self.words {
            words.scan(hay.bytes, cands, |k, s, e| candidate(self.ws_ids[k], s, e));
        }
        if let Some(ac) = &self.other_ac {
            for m in ac.find_overlapping_iter(hay.bytes) {
                candidate(self.other_ids[m.pattern().as_usize()], m.start(), m.end());
            }
        }
        if scratch.units.is_empty() {
            return;
        }
        if !scratch.excepts.is_empty() {
            drop_excepted(&mut scratch.units, &mut scratch.excepts);
        }
        // Candidates arrive by start, so the units of a sentence with one lexicon's hits are
        // usually in order already: checking is cheaper than sorting a handful of units.
        if !scratch.units.is_sorted() {
            scratch.units.sort_unstable();
        }
        scratch.units.dedup();
        // Resolve overlaps per lexicon, cluster by cluster of transitively overlapping units.
        let units = std::mem::take(&mut scratch.units);
        let mut emitted: Vec<Unit> = std::mem::take(&mut scratch.accepted);
        emitted.clear();
        let mut i = 0;
        while i < units.len() {
            let mut j = i + 1;
            let mut end = units[i].end;
            while j < units.len() && units[j].lexicon == units[i].lexicon && units[j].start < end {
                end = end.max(units[j].end);
                j += 1;
            }
            if j == i + 1 {
                emitted.push(units[i]);
            } else {
                let cluster = &mut scratch.cluster;
                cluster.clear();
                cluster.extend_from_slice(&units[i..j]);
                cluster.sort_unstable_by_key(|u| {
                    (usize::MAX - (u.end - u.start), u.start, u.entry, u.form)
                });
                let first = emitted.len();
                for &u in cluster.iter() {
                    // identical span *and* form: the same words listed under two terms, not
                    // an overlap; anything else overlapping is.
                    let clash = emitted[first..].iter().any(|a| {
                        a.start < u.end
                            && u.start < a.end
                            && ((a.start, a.end) != (u.start, u.end) || a.form != u.form)
                    });
                    if !clash {
                        emitted.push(u);
                    }
                }
            }
            i = j;
        }
        if !emitted.is_sorted_by_key(|u| (u.start, u.entry, u.end)) {
            emitted.sort_unstable_by_key(|u| (u.start, u.entry, u.end));
        }
        emitted.dedup_by_key(|u| (u.start, u.entry, u.end));
        let mut hint = usize::MAX;
        for u in &emitted {
            let (s, e) = hay.norm.original_span_from(text, u.start, u.end, &mut hint);
            f(RawHit {
                entry: u.entry as usize,
                start: s,
                end: e,
            });
        }
        scratch.units = units;
        scratch.accepted = emitted;
    }
}

/// Drop every unit lying inside an exception occurrence (`excepts`, reordered) of its own
/// entry. With the occurrences sorted by entry and start, and each one's `end` raised to the
/// furthest end of its entry's occurrences so far, a unit is covered exactly when the last
/// occurrence of its entry starting at or before it reaches its end: a binary search per
/// unit, not a pass over every occurrence (quadratic on a long text).
fn drop_excepted(units: &mut Vec<Unit>, excepts: &mut [Unit]) {
    excepts.sort_unstable_by_key(|x| (x.entry, x.start, x.end));
    for j in 1..excepts.len() {
        if excepts[j].entry == excepts[j - 1].entry {
            excepts[j].end = excepts[j].end.max(excepts[j - 1].end);
        }
    }
    let ex = &*excepts;
    units.retain(|u| {
        let k = ex.partition_point(|x| (x.entry, x.start) <= (u.entry, u.start));
        !(k > 0 && ex[k - 1].entry == u.entry && ex[k - 1].end >= u.end)
    });
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::lexicon::load::parse;
    use std::path::Path;

    fn matcher(toml: &str) -> Matcher {
        let lex = parse(toml, Path::new("t.toml")).unwrap();
        Matcher::new(vec![lex]).unwrap()
    }

    pub(super) fn one(terms: &str) -> Matcher {
        matcher(&format!(
            "name = \"t\"\n[categories.c]\nterms = [{terms}]\n"
        ))
    }

    /// (matched text, term) pairs.
    fn hits(m: &Matcher, text: &str) -> Vec<(String, String)> {
        m.find(text)
            .into_iter()
            .map(|h| (h.text.clone(), m.term(h.entry).term.clone()))
            .collect()
    }

    pub(super) fn texts(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn exceptions() {
        let m = one(
            r#"{ term = "resistance", except = ["antimicrobial resistance", "insulin resistance", "resistance training"] }"#,
        );
        assert_eq!(
            texts(
                &m,
                "antimicrobial resistance; resistance training; the resistance; Insulin-resistance"
            ),
            ["resistance"]
        );
    }

    #[test]
    fn longest_match_wins_and_overlaps_are_deterministic() {
        let m = one(
            r#""resistance", "resistance front", "front", "Israeli occupation", "occupation regime""#,
        );
        assert_eq!(
            hits(&m, "the resistance front; the resistance frontier"),
            [
                ("resistance front".into(), "resistance front".into()),
                ("resistance".into(), "resistance".into())
            ]
        );
        // equal lengths: the earlier one wins
        assert_eq!(
            texts(&m, "Israeli occupation regime"),
            ["Israeli occupation"]
        );
    }

    #[test]
    fn same_form_in_two_categories_counts_in_both_and_lexicons_are_independent() {
        let a = parse(
            "name = \"a\"\n[categories.x]\nterms = [\"resistance\"]\n[categories.y]\nterms = [\"resistance\"]\n",
            Path::new("a"),
        )
        .unwrap();
        let b = parse(
            "name = \"b\"\n[categories.z]\nterms = [\"resistance front\"]\n",
            Path::new("b"),
        )
        .unwrap();
        let m = Matcher::new(vec![a, b]).unwrap();
        let h = m.find("the resistance front");
        let got: Vec<_> = h
            .iter()
            .map(|h| (h.lexicon, h.category, h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 0, "resistance"),
                (0, 1, "resistance"),
                (1, 0, "resistance front")
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_are_exact(s in "[a-zA-Z ’'“”\"\\-—,.\n\u{e9}\u{1e24}\u{627}\u{644}\u{200b}]{0,80}") {
            let m = one(r#""regime", "Ḥizb", "occupi*", "US", { term = "al-la", except = ["x al-la"] }, "a'b c""#);
            for h in m.find(&s) {
                proptest::prop_assert!(s.is_char_boundary(h.start) && s.is_char_boundary(h.end));
                proptest::prop_assert_eq!(&s[h.start..h.end], h.text.as_str());
                proptest::prop_assert!(!h.text.is_empty());
            }
        }
    }

    proptest::proptest! {
        /// The binary-search exception filter keeps exactly the units no exception
        /// occurrence of their entry contains.
        #[test]
        fn exceptions_filter_equals_pairwise_check(
            units in proptest::collection::vec((0u32..3, 0usize..40, 1usize..8), 0..40),
            excepts in proptest::collection::vec((0u32..3, 0usize..40, 1usize..12), 0..40),
        ) {
            let mk = |&(entry, start, len): &(u32, usize, usize)| Unit {
                lexicon: 0, start, end: start + len, entry, form: 0,
            };
            let units: Vec<Unit> = units.iter().map(mk).collect();
            let mut ex: Vec<Unit> = excepts.iter().map(mk).collect();
            let want: Vec<Unit> = units
                .iter()
                .filter(|u| !ex.iter().any(|x| x.entry == u.entry && x.start <= u.start && u.end <= x.end))
                .copied()
                .collect();
            let mut got = units.clone();
            drop_excepted(&mut got, &mut ex);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn a_wildcard_before_a_space_compiles_and_matches() {
        // the piece after such a wildcard starts with a space: normalising it once read the
        // byte before the text and panicked
        let m = one(r#""regi* front", "occupi* lands""#);
        assert_eq!(
            texts(&m, "the regime front and the occupied lands"),
            ["regime front", "occupied lands"]
        );
    }

    #[test]
    fn scan_reuses_scratch() {
        let m = one(r#""regime""#);
        let mut s = Scratch::default();
        let mut n = 0;
        for _ in 0..3 {
            m.scan("the regime and the regimes", &mut s, |_| n += 1);
        }
        assert_eq!(n, 6);
    }
}
