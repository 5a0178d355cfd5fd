//! Exact, fast matching of lexicon terms in text.
//!
//! Every form (term and variants) and every exception phrase of every loaded lexicon is
//! normalised and compiled into **one** Aho-Corasick automaton, so the cost of a scan does not
//! grow with the number of terms. The text is normalised by [`normalize_into`] the same way
//! (case, quotes, dashes, diacritics folded as in [`crate::text::normalize`]; hyphens between
//! letters and runs of whitespace folded to one space) with a byte map back to the original.
//!
//! The automaton runs with `MatchKind::Standard` and *overlapping* iteration, not
//! `LeftmostLongest`: a leftmost-longest automaton reports one match per position, and when that
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

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

use super::model::Lexicon;
use crate::segment::Sentence;
use crate::text::fold_char;
use crate::{Error, Result};

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

/// A distinct normalised form inside one lexicon.
#[derive(Debug)]
struct Form {
    lexicon: u32,
    /// The string compiled into the automaton: the whole form, or a glob's longest literal.
    anchor: String,
    /// The anchor is the start of the form and the form starts with a word character: it is
    /// compiled behind a separator so it can only match at word starts.
    anchor_at_word_start: bool,
    glob: Option<Glob>,
    /// Plural/possessive suffixes allowed (literal forms; globs build them into the regex).
    suffix: Suffix,
    /// Byte ranges of the normalised form that must be capitals in the original (acronyms).
    caps: Vec<Range<usize>>,
    /// The first/last character is a word character (or wildcard): check the boundary there.
    starts_word: bool,
    ends_word: bool,
    /// Entries this form counts for.
    owners: Vec<u32>,
    /// Entries this form is an exception phrase for.
    exception_of: Vec<u32>,
}

#[derive(Debug)]
struct Glob {
    re: regex::bytes::Regex,
    /// Spaces in the form before / after the literal anchor compiled into the automaton.
    spaces_before: usize,
    spaces_after: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    /// `s` and `'s`.
    S,
    /// `s`, `es` and `'s`.
    Es,
}

/// Compiled matcher over a set of lexicons. Immutable, `Send + Sync`: share one across threads.
#[derive(Debug)]
pub struct Matcher {
    lexicons: Vec<Lexicon>,
    entries: Vec<Entry>,
    /// Automaton of the word-start patterns (see `Matcher::new`); its pattern `k` is global
    /// pattern `ws_ids[k]`.
    word_dfa: Option<WordAutomaton>,
    ws_ids: Vec<usize>,
    /// Which word beginnings can start a word-start pattern (see [`StartFilter`]).
    start_filter: StartFilter,
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

/// The part of a [`Form`] that every automaton match reads, in 20 bytes, so that the forms
/// of thousands of terms stay in cache; the rest (glob regex, acronym ranges) is looked up
/// only for the forms that have it.
#[derive(Debug, Clone, Copy)]
struct Hot {
    lexicon: u32,
    /// Start of this form's owners in [`Matcher::roles`], followed by its exception entries.
    roles: u32,
    owners: u32,
    excepts: u32,
    suffix: Suffix,
    /// [`Hot::STARTS_WORD`] | [`Hot::ENDS_WORD`] | [`Hot::GLOB`] | [`Hot::CAPS`]
    flags: u8,
}

impl Hot {
    const STARTS_WORD: u8 = 1;
    const ENDS_WORD: u8 = 2;
    const GLOB: u8 = 4;
    const CAPS: u8 = 8;
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
    /// Compile the lexicons. Fails only if the automaton cannot be built (e.g. too large).
    pub fn new(lexicons: Vec<Lexicon>) -> Result<Matcher> {
        Matcher::build(lexicons, true)
    }

    /// `word_dfa`: put the word-start patterns in the filtered DFA (always, but in the test
    /// that checks it against the plain automaton).
    fn build(lexicons: Vec<Lexicon>, word_dfa: bool) -> Result<Matcher> {
        let mut entries = Vec::new();
        let mut forms: Vec<Form> = Vec::new();
        // (lexicon, normalised form) → form index
        let mut form_ix: std::collections::HashMap<(u32, String), u32> = Default::default();
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
        let mut pat_ix: std::collections::HashMap<Vec<u8>, usize> = Default::default();
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
        // Word-start patterns (all begin with a space) go into a DFA that `scan` drives by
        // hand, skipping the rest of a word whenever the DFA is back in its start state; the
        // few others (globs anchored inside a word, forms starting with punctuation) go into a
        // plain overlapping automaton. If the DFA cannot be built (a huge lexicon), every
        // pattern goes into the plain automaton.
        let (mut ws_ids, mut other_ids): (Vec<usize>, Vec<usize>) =
            (0..patterns.len()).partition(|&p| word_dfa && pattern_skip[p] == 1);
        let mut start_filter = StartFilter::new();
        for &p in &ws_ids {
            start_filter.insert(&patterns[p][1..]);
        }
        let word_dfa = if ws_ids.is_empty() {
            None
        } else {
            let built = aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(ws_ids.iter().map(|&p| &patterns[p]));
            match built {
                Ok(d) => Some(d),
                Err(_) => {
                    other_ids.append(&mut ws_ids);
                    other_ids.sort_unstable();
                    None
                }
            }
        };
        let other_ac = if other_ids.is_empty() {
            None
        } else {
            let pats: Vec<&Vec<u8>> = other_ids.iter().map(|&p| &patterns[p]).collect();
            let kind = (pats.len() <= 30_000).then_some(AhoCorasickKind::DFA);
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
                let flag = |on: bool, bit: u8| if on { bit } else { 0 };
                Hot {
                    lexicon: f.lexicon,
                    roles: at,
                    owners: f.owners.len() as u32,
                    excepts: f.exception_of.len() as u32,
                    suffix: f.suffix,
                    flags: flag(f.starts_word, Hot::STARTS_WORD)
                        | flag(f.ends_word, Hot::ENDS_WORD)
                        | flag(f.glob.is_some(), Hot::GLOB)
                        | flag(!f.caps.is_empty(), Hot::CAPS),
                }
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
            word_dfa,
            ws_ids,
            start_filter,
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
    pub fn term(&self, entry: usize) -> &super::Term {
        let e = self.entries[entry];
        &self.lexicons[e.lexicon].categories[e.category].terms[e.term]
    }

    /// The category an entry belongs to.
    pub fn category(&self, entry: usize) -> &super::Category {
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
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        for s in sentences {
            let (lo, hi) = (s.start.min(text.len()), s.end.min(text.len()));
            if lo >= hi || !text.is_char_boundary(lo) || !text.is_char_boundary(hi) {
                continue;
            }
            self.collect(text, lo, hi, &s.quoted, &mut scratch, &mut out);
        }
        out
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
        self.scan(&text[lo..hi], scratch, |h| raw.push(h));
        for h in raw {
            let (start, end) = (lo + h.start, lo + h.end);
            let e = self.entries[h.entry];
            out.push(Hit {
                lexicon: e.lexicon,
                category: e.category,
                term: e.term,
                entry: h.entry,
                start,
                end,
                text: text[start..end].to_string(),
                quoted: in_speech(text, quoted, start),
                scare_quoted: scare_quoted(text, lo, hi, start, end),
            });
        }
    }

    /// Verify a raw automaton match of form `fi` at `s..e` of the normalised haystack and
    /// report every valid occurrence (normalised span) through `emit`. Literal forms are
    /// checked from their [`Hot`] part; the form itself is read only for a glob
    /// ([`Form::verify_glob`]) or an acronym.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn verify(
        &self,
        h: Hot,
        fi: u32,
        hay: &[u8],
        orig: &str,
        norm: &Normalized,
        s: usize,
        e: usize,
        emit: impl FnMut(usize, usize),
    ) {
        let form = || &self.forms[fi as usize];
        if h.flags & Hot::GLOB != 0 {
            let f = form();
            if let Some(g) = &f.glob {
                f.verify_glob(g, hay, orig, norm, s, e, emit);
            }
            return;
        }
        let mut emit = emit;
        if h.flags & Hot::STARTS_WORD != 0 && word_before(hay, s) {
            return;
        }
        let end = if h.flags & Hot::ENDS_WORD == 0 {
            Some(e)
        } else {
            suffix_end(h.suffix, hay, e)
        };
        let Some(end) = end else { return };
        if h.flags & Hot::CAPS != 0 && !form().caps_ok(orig, norm, s) {
            return;
        }
        emit(s, end);
    }

    /// Scan `text`, calling `f` for every hit in text order (ties in entry order). This is the
    /// allocation-free core (after `scratch` has grown to the text's size): no quoting analysis,
    /// spans are relative to `text`.
    pub fn scan(&self, text: &str, scratch: &mut Scratch, mut f: impl FnMut(RawHit)) {
        if self.word_dfa.is_none() && self.other_ac.is_none() {
            return;
        }
        normalize_into(text, &mut scratch.norm);
        scratch.units.clear();
        scratch.excepts.clear();
        let norm = &scratch.norm;
        let hay = norm.bytes.as_slice();
        let units = &mut scratch.units;
        let excepts = &mut scratch.excepts;
        let cands = &mut scratch.cands;
        let mut candidate = |p: usize, ms: usize, me: usize| {
            let start = ms + usize::from(self.pattern_skip[p]);
            let fs = self.pattern_start[p] as usize..self.pattern_start[p + 1] as usize;
            for &fi in &self.pattern_forms[fs] {
                let h = self.hot[fi as usize];
                self.verify(h, fi, hay, text, norm, start, me, |s, e| {
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
        if let Some(dfa) = &self.word_dfa {
            scan_word_starts(dfa, &self.start_filter, hay, cands, |k, s, e| {
                candidate(self.ws_ids[k], s, e)
            });
        }
        if let Some(ac) = &self.other_ac {
            for m in ac.find_overlapping_iter(hay) {
                candidate(self.other_ids[m.pattern().as_usize()], m.start(), m.end());
            }
        }
        if scratch.units.is_empty() {
            return;
        }
        if !scratch.excepts.is_empty() {
            drop_excepted(&mut scratch.units, &mut scratch.excepts);
        }
        scratch.units.sort_unstable();
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
        emitted.sort_unstable_by_key(|u| (u.start, u.entry, u.end));
        emitted.dedup_by_key(|u| (u.start, u.entry, u.end));
        let mut hint = usize::MAX;
        for u in &emitted {
            let (s, e) = norm.original_span_from(text, u.start, u.end, &mut hint);
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

/// End of a match ending at `e` after the longest suffix of kind `suffix` that ends on a word
/// boundary, if any ending does.
#[inline]
fn suffix_end(suffix: Suffix, hay: &[u8], e: usize) -> Option<usize> {
    let rest = &hay[e..];
    if suffix != Suffix::None {
        if rest.starts_with(&[SEP, b' ', b's']) && !word_after(hay, e + 3) {
            return Some(e + 3);
        }
        if suffix == Suffix::Es && rest.starts_with(b"es") && !word_after(hay, e + 2) {
            return Some(e + 2);
        }
        if rest.first() == Some(&b's') && !word_after(hay, e + 1) {
            return Some(e + 1);
        }
    }
    (!word_after(hay, e)).then_some(e)
}

/// The word-start automaton. A DFA (one table load per byte walked) measured ~5% faster on
/// the 10,000-term bench than the far smaller contiguous NFA: the start filter leaves so few
/// walks that the DFA's size costs less than the NFA's per-byte transition search.
type WordAutomaton = aho_corasick::dfa::DFA;

/// Bytes of normalised text whose word starts are filtered in one batch (a multiple of 16).
const BLOCK: usize = 4096;

/// Overlapping search of a DFA whose patterns all start with a space. From the start state no
/// other byte leads anywhere, so the scan only walks the DFA from the word starts that the
/// [`StartFilter`] lets through, collected block by block (see [`StartFilter::candidates`]),
/// instead of a table lookup per byte: most words begin no term, and this is where most of
/// the scanning time would go. A walk goes on while some pattern is in progress and ends when
/// the DFA is back in its start state, or has just read a space with nothing but that space
/// in progress: the next walk starts at the next candidate from there.
fn scan_word_starts(
    dfa: &WordAutomaton,
    filter: &StartFilter,
    hay: &[u8],
    cands: &mut Vec<u32>,
    mut on: impl FnMut(usize, usize, usize),
) {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::Anchored;
    let Ok(start) = dfa.start_state(Anchored::No) else {
        return;
    };
    // The state after a lone space: every pattern is possible again, none is in progress.
    let after_space = dfa.next_state(Anchored::No, start, b' ');
    let shortcut = !dfa.is_special(after_space);
    let n = hay.len();
    cands.resize(BLOCK, 0);
    let Ok(block) = <&mut [u32; BLOCK]>::try_from(&mut cands[..BLOCK]) else {
        return;
    };
    // first byte not yet walked
    let mut i = 0;
    let mut blk = 0;
    while blk < n {
        let end = (blk + BLOCK).min(n);
        let found = filter.candidates(hay, blk, end, block);
        for &c in &block[..found] {
            let c = blk + c as usize;
            if c < i {
                // inside the previous walk, which tracked every pattern started there
                continue;
            }
            let mut sid = start;
            i = c;
            while i < n {
                sid = dfa.next_state(Anchored::No, sid, hay[i]);
                i += 1;
                if dfa.is_special(sid) {
                    if dfa.is_dead(sid) {
                        return;
                    }
                    if dfa.is_match(sid) {
                        for k in 0..dfa.match_len(sid) {
                            let pid = dfa.match_pattern(sid, k);
                            on(pid.as_usize(), i - dfa.pattern_len(pid), i);
                        }
                    }
                }
                if sid == start {
                    break;
                }
                if shortcut && sid == after_space && i - 1 > c {
                    // only this space is in progress: resume at the next candidate from it
                    i -= 1;
                    break;
                }
            }
        }
        blk = end;
    }
}

/// Eight bytes from `hay[p..]` as a little-endian word, if there are eight.
#[inline(always)]
fn load8(hay: &[u8], p: usize) -> Option<u64> {
    let s = hay.get(p..p.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Byte `c` in every lane of a u64.
#[inline(always)]
const fn lanes(c: u8) -> u64 {
    c as u64 * 0x0101_0101_0101_0101
}

/// Bit 7 set in exactly the lanes of `x` equal to `c` (any byte values; no carries between
/// lanes, so unlike the classic `(x - 0x01..) & !x & 0x80..` trick there are no false flags).
#[inline(always)]
fn eq_lanes(x: u64, c: u8) -> u64 {
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let y = x ^ lanes(c);
    !(((y & LO7) + LO7) | y) & lanes(0x80)
}

/// First position `>= i` of a space in `hay`, or `hay.len()`; eight bytes per step.
#[cfg(test)]
fn next_space(hay: &[u8], mut i: usize) -> usize {
    while let Some(x) = load8(hay, i) {
        let m = eq_lanes(x, b' ');
        if m != 0 {
            return i + (m.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < hay.len() && hay[i] != b' ' {
        i += 1;
    }
    i
}

/// A compact set (a 2^18-bit table, 32 KiB, cache-resident) of the first one to four bytes
/// of every word-start pattern's first word. A text word whose 1-, 2-, 3- and 4-byte prefixes
/// are all absent cannot begin any pattern, so the scan skips it without walking the DFA,
/// whose tables for thousands of terms are far larger than the CPU caches. False positives
/// only cost a DFA walk; there are no false negatives.
///
/// Each prefix is hashed on its own (not as a running hash) so the four probes of a word are
/// independent loads the CPU overlaps. Before them, a table of three-byte heads (4 KiB,
/// indexed by the low five bits of each byte, no hashing) turns away most words with one
/// load: in running text most words are function words, whose first three bytes (the space
/// after `of` or `in` included) rarely begin a framing term.
#[derive(Debug)]
struct StartFilter {
    /// Hashed 1- to 4-byte heads. Fixed-size, so indexing by a slot needs no bounds check.
    bits: Box<[u64; (1 << StartFilter::BITS) / 64]>,
    /// Bit [`StartFilter::three_index`] of `b0 b1 b2`: some pattern's first word starts
    /// with bytes equal to them in their low five bits (letters are told apart exactly; the
    /// other collisions only let a word through), or is one or two bytes long and starts
    /// with `b0` / `b0 b1` (then any byte may follow it in the text).
    three: Box<[u64; 1 << 9]>,
    /// Entry `b0 | b1 << 8`: bit `k - 1` set when some `k`-byte head in `bits` starts with
    /// `b0 b1` (`b0` for `k = 1`), so a word is only probed at the head lengths that exist.
    lens: Box<[u8; 1 << 16]>,
}

impl StartFilter {
    const BITS: u32 = 18;

    fn new() -> StartFilter {
        StartFilter {
            bits: Box::new([0; (1 << Self::BITS) / 64]),
            three: Box::new([0; 1 << 9]),
            lens: Box::new([0; 1 << 16]),
        }
    }

    /// Table slot of the `len`-byte head whose bytes (little-endian, zero above `len`) are `v`.
    #[inline(always)]
    fn slot(v: u32, len: usize) -> usize {
        let h = (v as u64 | (len as u64) << 32).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - Self::BITS)) as usize
    }

    #[inline(always)]
    fn has(&self, x: usize) -> bool {
        (self.bits[x / 64] >> (x % 64)) & 1 != 0
    }

    /// The first one to four bytes of the word at the start of `bytes` (it ends at a space or
    /// [`SEP`]), little-endian, and how many there are.
    fn word_head(bytes: &[u8]) -> (u32, usize) {
        let mut v = 0u32;
        let mut len = 0;
        for &b in bytes.iter().take(4) {
            if b == b' ' || b == SEP {
                break;
            }
            v |= (b as u32) << (8 * len);
            len += 1;
        }
        (v, len)
    }

    fn insert(&mut self, pattern_after_space: &[u8]) {
        let (v, len) = Self::word_head(pattern_after_space);
        if len == 0 {
            // a pattern starting with a separator: let every word through
            self.bits.iter_mut().for_each(|w| *w = u64::MAX);
            self.three.iter_mut().for_each(|w| *w = u64::MAX);
            self.lens.iter_mut().for_each(|l| *l = 0xf);
            return;
        }
        let b0 = v as usize & 0xff;
        if len == 1 {
            // a one-byte word: any second byte may follow it in the text
            for b1 in 0..256 {
                self.lens[b0 | b1 << 8] |= 1;
            }
        } else {
            self.lens[v as usize & 0xffff] |= 1 << (len - 1);
        }
        // the bytes of the head the text must repeat; wildcards (all 32 values of the five
        // bits) after a one- or two-byte word
        let fixed = len.min(3);
        for w in 0..1u32 << (5 * (3 - fixed)) {
            let mut x = v & (u32::MAX >> (32 - 8 * fixed as u32));
            for k in fixed..3 {
                x |= ((w >> (5 * (k - fixed))) & 31) << (8 * k);
            }
            let t = Self::three_index(x);
            self.three[t / 64] |= 1 << (t % 64);
        }
        let x = Self::slot(v, len);
        self.bits[x / 64] |= 1 << (x % 64);
    }

    /// Whether some pattern may start with the word at `hay[p..]`: probes its 1- to 4-byte
    /// prefixes (the word ends at a space or [`SEP`]). What [`StartFilter::candidates`]
    /// computes for many words at once; the reference for its tests.
    #[cfg(test)]
    fn may_start(&self, hay: &[u8], p: usize) -> bool {
        self.three_ok(hay, p) && self.heads_ok(hay, p)
    }

    /// Index into `three` of the bytes `x` (`b0 | b1 << 8 | b2 << 16`, higher bits ignored):
    /// the low five bits of each.
    #[inline(always)]
    fn three_index(x: u32) -> usize {
        ((x & 0x1f) | ((x >> 3) & 0x3e0) | ((x >> 6) & 0x7c00)) as usize
    }

    /// The three-byte test of [`StartFilter::may_start`], as 0 or 1, for `b0 b1 b2` in `x`.
    #[inline(always)]
    fn three_bit(&self, x: u32) -> usize {
        let t = Self::three_index(x);
        ((self.three[t / 64] >> (t % 64)) & 1) as usize
    }

    /// The three-byte test at `hay[p..]` (true when fewer than three bytes are left: the
    /// hashed probes decide then).
    #[inline(always)]
    fn three_ok(&self, hay: &[u8], p: usize) -> bool {
        match hay.get(p..p.saturating_add(3)) {
            Some(&[b0, b1, b2]) => self.three_bit(u32::from_le_bytes([b0, b1, b2, 0])) != 0,
            _ => true,
        }
    }

    /// The hashed 1- to 4-byte head probes of [`StartFilter::may_start`].
    #[inline(always)]
    fn heads_ok(&self, hay: &[u8], p: usize) -> bool {
        let (v, len) = match load8(hay, p) {
            Some(x) => {
                let ends = eq_lanes(x, b' ') | eq_lanes(x, SEP);
                let len = ((ends.trailing_zeros() / 8) as usize).min(4);
                (x as u32, len)
            }
            None => Self::word_head(hay.get(p..).unwrap_or_default()),
        };
        // probe the head lengths some pattern has, up to the word's (none for an empty word)
        let mut ks = self.lens[v as usize & 0xffff] & ((1u8 << len) - 1);
        while ks != 0 {
            let k = ks.trailing_zeros() + 1;
            if self.has(Self::slot(v & (u32::MAX >> (32 - 8 * k)), k as usize)) {
                return true;
            }
            ks &= ks - 1;
        }
        false
    }

    /// Collect into `out[..count]` (as offsets from `lo`; `count` is returned) every space
    /// `p` in `hay[lo..hi]` whose following word [`StartFilter::may_start`] lets through.
    ///
    /// Two passes without a branch on a word's verdict: the first finds the spaces sixteen
    /// bytes at a time and keeps those whose word passes the three-byte test, the second
    /// keeps those whose word passes the hashed probes. Each writes every word it looks at and
    /// advances its output only when the word passes, so a word's verdict is never a branch
    /// the CPU must guess (on running text most words, function words above all, fail the
    /// first test).
    fn candidates(&self, hay: &[u8], lo: usize, hi: usize, out: &mut [u32; BLOCK]) -> usize {
        // A block holds at most BLOCK / 2 + 1 spaces (the normaliser never writes two in a
        // row), so `w` stays below BLOCK and `w % BLOCK` is `w`: the modulo only spares the
        // bounds check.
        let hi = hi.min(hay.len()).min(lo + BLOCK);
        let mut w = 0;
        let mut i = lo;
        // sixteen bytes per step, read with the three after them so that the head of a word
        // after a space in the last lane is at hand without a bounds check
        while i + 16 <= hi {
            let Some(ext) = hay
                .get(i..i + 19)
                .and_then(|c| <&[u8; 19]>::try_from(c).ok())
            else {
                break;
            };
            let Ok(chunk) = <&[u8; 16]>::try_from(&ext[..16]) else {
                break;
            };
            let mut m = space_mask16(chunk);
            while m != 0 {
                let k = (m.trailing_zeros() & 15) as usize;
                let x = u32::from_le_bytes([ext[k + 1], ext[k + 2], ext[k + 3], 0]);
                out[w % BLOCK] = (i + k - lo) as u32;
                w += self.three_bit(x);
                m &= m - 1;
            }
            i += 16;
        }
        while i < hi {
            if hay[i] == b' ' && self.three_ok(hay, i + 1) {
                out[w % BLOCK] = (i - lo) as u32;
                w += 1;
            }
            i += 1;
        }
        let mut kept = 0;
        for r in 0..w.min(BLOCK) {
            let c = out[r];
            out[kept] = c;
            kept += usize::from(self.heads_ok(hay, lo + c as usize + 1));
        }
        kept
    }
}

impl Form {
    fn build(lexicon: u32, raw: &str, norm: &str) -> Form {
        let is_glob = norm.contains(['*', '?']);
        let last = norm.chars().last().unwrap_or(' ');
        let suffix = if last.is_ascii_alphabetic() {
            if norm.ends_with(['s', 'x', 'z']) || norm.ends_with("ch") || norm.ends_with("sh") {
                Suffix::Es
            } else {
                Suffix::S
            }
        } else {
            Suffix::None
        };
        let first = norm.chars().next().unwrap_or(' ');
        let starts_word = is_word_char(first) || first == '*' || first == '?';
        let (glob, anchor) = if is_glob {
            let (g, a) = Glob::build(norm, suffix);
            (Some(g), a)
        } else {
            (None, norm.to_string())
        };
        let anchor_at_word_start = is_word_char(first) && norm.starts_with(anchor.as_str());
        Form {
            lexicon,
            anchor_at_word_start,
            anchor,
            glob,
            suffix,
            caps: acronym_ranges(raw, norm),
            starts_word,
            ends_word: is_word_char(last) || last == '*' || last == '?',
            owners: Vec::new(),
            exception_of: Vec::new(),
        }
    }

    /// Verify a raw automaton match of this glob form's literal anchor at `s..e` of the
    /// normalised haystack: run the glob's regex over the words around it and report every
    /// valid occurrence (normalised span) through `emit`.
    #[allow(clippy::too_many_arguments)]
    fn verify_glob(
        &self,
        g: &Glob,
        hay: &[u8],
        orig: &str,
        norm: &Normalized,
        s: usize,
        e: usize,
        mut emit: impl FnMut(usize, usize),
    ) {
        let ws = window_start(hay, s, g.spaces_before);
        let we = window_end(hay, e, g.spaces_after);
        for m in g.re.find_iter(&hay[ws..we]) {
            let (ms, me) = (ws + m.start(), ws + m.end());
            if me <= s || ms >= e {
                continue;
            }
            if self.starts_word && word_before(hay, ms) {
                continue;
            }
            if self.ends_word && word_after(hay, me) {
                continue;
            }
            if !self.caps.is_empty() && !self.caps_ok(orig, norm, ms) {
                continue;
            }
            emit(ms, me);
        }
    }

    /// Whether the acronym words of the form are in capitals in the original text.
    fn caps_ok(&self, orig: &str, norm: &Normalized, start: usize) -> bool {
        self.caps.iter().all(|r| {
            let (a, b) = norm.original_span(orig, start + r.start, start + r.end);
            orig[a..b]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        })
    }
}

impl Glob {
    /// The verifying regex and the anchor string for a glob form.
    fn build(norm: &str, suffix: Suffix) -> (Glob, String) {
        // The longest literal run (split at wildcards) becomes the automaton anchor.
        let mut best = (0usize, 0usize);
        let mut run_start = 0;
        for (i, c) in norm
            .char_indices()
            .chain(std::iter::once((norm.len(), '*')))
        {
            if c == '*' || c == '?' {
                if i - run_start > best.1 - best.0 {
                    best = (run_start, i);
                }
                run_start = i + c.len_utf8();
            }
        }
        let anchor = norm[best.0..best.1].to_string();
        let mut re = String::from("(?u)");
        const W: &str = r"[\p{Alphabetic}\p{N}\p{M}]";
        for c in norm.chars() {
            match c {
                '*' => {
                    re.push_str(W);
                    re.push('*');
                }
                '?' => re.push_str(W),
                '\u{1}' => re.push_str(r"\x01"),
                c => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            }
        }
        match suffix {
            Suffix::None => {}
            Suffix::S => re.push_str(r"(?:\x01 s|s)?"),
            Suffix::Es => re.push_str(r"(?:\x01 s|es|s)?"),
        }
        // Escaped literals and fixed classes always compile; fall back to a never-matching
        // regex rather than panic if that ever changes.
        let re = regex::bytes::Regex::new(&re)
            .unwrap_or_else(|_| regex::bytes::Regex::new(r"[^\s\S]").expect("constant regex"));
        let g = Glob {
            re,
            spaces_before: norm[..best.0].matches(' ').count(),
            spaces_after: norm[best.1..].matches(' ').count(),
        };
        (g, anchor)
    }
}

/// Normalised text plus a sparse map back to the original.
///
/// `anchors` holds `(normalised offset, original offset)` pairs; between two anchors the map is
/// the identity shifted by a constant, which is what ASCII text is almost everywhere. An
/// anchor is added only where that shift changes (a collapsed whitespace run, a non-ASCII
/// character), so plain English text costs one comparison per byte and almost no memory.
#[derive(Debug, Default)]
pub struct Normalized {
    /// The normalised text; always valid UTF-8 (only whole characters are pushed).
    pub bytes: Vec<u8>,
    anchors: Vec<(usize, usize)>,
}

impl Normalized {
    /// Original offset of the character that produced normalised byte `p`.
    #[inline]
    pub fn original(&self, p: usize) -> usize {
        let i = self.anchors.partition_point(|a| a.0 <= p);
        let (n, o) = if i == 0 { (0, 0) } else { self.anchors[i - 1] };
        o + (p - n)
    }

    /// Like [`Normalized::original`], starting the search at anchor `*hint` and leaving it
    /// there: a scan maps hits in text order, so the next lookup is usually a step or two away.
    #[inline]
    fn original_from(&self, p: usize, hint: &mut usize) -> usize {
        let a = &self.anchors;
        if *hint >= a.len() || a[*hint].0 > p {
            *hint = a.partition_point(|x| x.0 <= p).saturating_sub(1);
        } else {
            while *hint + 1 < a.len() && a[*hint + 1].0 <= p {
                *hint += 1;
            }
        }
        match a.get(*hint) {
            Some(&(n, o)) if n <= p => o + (p - n),
            _ => p,
        }
    }

    /// Original span of the normalised span `s..e`: from the start of the character that
    /// produced byte `s` to the end of the character that produced byte `e - 1`.
    pub fn original_span(&self, orig: &str, s: usize, e: usize) -> (usize, usize) {
        let mut hint = usize::MAX;
        self.original_span_from(orig, s, e, &mut hint)
    }

    fn original_span_from(
        &self,
        orig: &str,
        s: usize,
        e: usize,
        hint: &mut usize,
    ) -> (usize, usize) {
        let a = self.original_from(s, hint).min(orig.len());
        if e <= s {
            return (a, a);
        }
        let mut h2 = *hint;
        let last = self.original_from(e - 1, &mut h2).min(orig.len());
        // Bytes `e - 1` and `e` in one stretch of the map (no anchor starts at `e`): both
        // were copied one to one from single-byte characters, so the last character is one
        // byte long. Deciding it from the map spares reading the original text there, a
        // cache miss per hit on a long text.
        let one_to_one = e < self.bytes.len()
            && match self.anchors.get(h2) {
                Some(&(n, _)) if n < e => self.anchors.get(h2 + 1).is_none_or(|x| x.0 > e),
                _ => self.anchors.first().is_none_or(|x| x.0 > e),
            };
        if one_to_one && last < orig.len() {
            return (a, last + 1);
        }
        let b = match orig.as_bytes().get(last) {
            // ASCII, nearly always: no decoding
            Some(&c) if c < 0x80 => last + 1,
            _ => orig
                .get(last..)
                .and_then(|t| t.chars().next())
                .map(|c| last + c.len_utf8())
                .unwrap_or(orig.len()),
        };
        (a, b.max(a))
    }
}

/// The byte every non-word, non-space character (punctuation, quotes, symbols) becomes in the
/// matching buffer, in text and forms alike: `Iran’s` and `Iran's` both read `iran\x01 s`, and
/// a comma never equals a space, so `resistance, front` does not match `resistance front`.
pub const SEP: u8 = 0x01;
/// Table marker for `-` (decided by context).
const HYPH: u8 = 0x02;

/// ASCII byte → matching byte: letters lowercased, digits kept, whitespace → space, `-` → HYPH,
/// everything else → SEP.
static MAP: [u8; 128] = {
    let mut t = [SEP; 128];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            t[b as usize] = b;
        } else if b.is_ascii_uppercase() {
            t[b as usize] = b + 32;
        }
        b += 1;
    }
    t[b' ' as usize] = b' ';
    t[b'\t' as usize] = b' ';
    t[b'\n' as usize] = b' ';
    t[b'\r' as usize] = b' ';
    t[0x0b] = b' ';
    t[0x0c] = b' ';
    t[b'-' as usize] = HYPH;
    t
};

/// Normalise `src` for matching into `out` (buffers reused): the folding of
/// [`crate::text::normalize`], plus: every run of whitespace (newlines included) becomes one
/// space; a hyphen or dash (not an em dash) between two word characters becomes a space, so
/// `anti-Palestinian` matches `anti Palestinian` and terms match across line breaks; every other
/// non-word character becomes [`SEP`], followed by an inserted space when a word follows it.
/// The buffer starts with a space. So **every word starts right after a space**, which lets the
/// automaton look for `" " + term` and never report matches that start inside a word.
///
/// Plain ASCII costs one table lookup per byte; the byte map to the original is recorded only
/// where the correspondence shifts (see [`Normalized`]).
pub fn normalize_into(src: &str, out: &mut Normalized) {
    normalize_impl(src, out, true, true);
}

/// `fast`: take the eight-byte fast path (always, but in the test that pins it to the
/// byte-by-byte path).
fn normalize_impl(src: &str, out: &mut Normalized, sentinel: bool, fast: bool) {
    out.anchors.clear();
    out.bytes.clear();
    out.bytes.reserve(2 * src.len() + 8);
    let buf = &mut out.bytes;
    let anchors = &mut out.anchors;
    let bytes = src.as_bytes();
    let n = bytes.len();
    // next byte written needs an anchor (the byte ↔ offset correspondence shifted)
    let mut dirty = false;
    let mut last: u8 = 0;
    if sentinel {
        buf.push(b' ');
        last = b' ';
        dirty = true;
    }
    let mut fold = String::new();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        // Fast path: a run of ASCII letters, digits and single spaces, the bulk of any text,
        // is lowercased and copied eight bytes at a time (see `fold8`); only the bytes that
        // need a decision (punctuation, other whitespace, a second space, non-ASCII) take the
        // byte-by-byte path below. The offset shift is constant along such a run.
        if fast && (b.is_ascii_alphanumeric() || (b == b' ' && last != b' ')) {
            if dirty {
                anchors.push((buf.len(), i));
                dirty = false;
            }
            let mut j = i;
            let mut prev_space = last == b' ';
            let mut stopped = false;
            while let Some(chunk) = bytes.get(j..j + 16) {
                let Ok(chunk) = <&[u8; 16]>::try_from(chunk) else {
                    break;
                };
                let (folded, stop) = fold16(chunk, prev_space);
                buf.extend_from_slice(&folded);
                if stop != 0 {
                    let k = stop.trailing_zeros() as usize;
                    buf.truncate(buf.len() - (16 - k));
                    j += k;
                    stopped = true;
                    break;
                }
                prev_space = chunk[15] == b' ';
                j += 16;
            }
            while let Some(x) = load8(bytes, j).filter(|_| !stopped) {
                let (lowered, stop) = fold8(x, prev_space, false);
                buf.extend_from_slice(&lowered.to_le_bytes());
                if stop != 0 {
                    let k = (stop.trailing_zeros() / 8) as usize;
                    buf.truncate(buf.len() - (8 - k));
                    j += k;
                    break;
                }
                prev_space = x >> 56 == b' ' as u64;
                j += 8;
            }
            while j < n {
                let c = bytes[j];
                if !(c.is_ascii_alphanumeric() || (c == b' ' && bytes[j - 1] != b' ')) {
                    break;
                }
                buf.push(c.to_ascii_lowercase());
                j += 1;
            }
            // `j > i`: byte `i` qualified above
            last = buf.last().copied().unwrap_or(b' ');
            i = j;
            continue;
        }
        if b < 0x80 {
            let mut o = MAP[b as usize];
            if o == b' ' {
                if last == b' ' {
                    i += 1;
                    dirty = true;
                    continue;
                }
            } else if o <= HYPH {
                let next_word = next_is_word(bytes, src, i + 1);
                if o == HYPH {
                    o = if next_word && word_before(buf, buf.len()) {
                        b' '
                    } else {
                        SEP
                    };
                }
                if o == SEP && next_word {
                    if dirty {
                        anchors.push((buf.len(), i));
                    }
                    buf.push(SEP);
                    buf.push(b' ');
                    last = b' ';
                    dirty = true;
                    i += 1;
                    continue;
                }
            }
            if dirty {
                anchors.push((buf.len(), i));
                dirty = false;
            }
            buf.push(o);
            last = o;
            i += 1;
            continue;
        }
        let Some(c) = src[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        dirty = true;
        match c {
            // hyphens and en dashes join words like `-`; em dashes and bars separate clauses
            '\u{2010}'..='\u{2013}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => {
                let next_word = next_is_word(bytes, src, i + len);
                anchors.push((buf.len(), i));
                if next_word && word_before(buf, buf.len()) {
                    buf.push(b' ');
                    last = b' ';
                } else {
                    buf.push(SEP);
                    last = SEP;
                    if next_word {
                        buf.push(b' ');
                        last = b' ';
                    }
                }
            }
            '\u{0085}'
            | '\u{00A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}' => {
                if last != b' ' {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
            // curly quotes and apostrophes, frequent in news text: `fold_char` makes them an
            // ASCII quote, a separator here; spelled out to skip the Unicode tables
            '\u{2018}'..='\u{201F}' => {
                let next_word = next_is_word(bytes, src, i + len);
                anchors.push((buf.len(), i));
                buf.push(SEP);
                last = SEP;
                if next_word {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
            _ => {
                fold.clear();
                fold_char(c, &mut fold);
                let next_word = next_is_word(bytes, src, i + len);
                for fc in fold.chars() {
                    if is_word_char(fc) {
                        let mut tmp = [0u8; 4];
                        for &fb in fc.encode_utf8(&mut tmp).as_bytes() {
                            anchors.push((buf.len(), i));
                            buf.push(fb);
                        }
                        last = b'a';
                    } else if fc == ' ' {
                        if last != b' ' {
                            anchors.push((buf.len(), i));
                            buf.push(b' ');
                            last = b' ';
                        }
                    } else {
                        anchors.push((buf.len(), i));
                        buf.push(SEP);
                        last = SEP;
                    }
                }
                if last == SEP && next_word {
                    anchors.push((buf.len(), i));
                    buf.push(b' ');
                    last = b' ';
                }
            }
        }
        i += len;
    }
}

/// SWAR test of eight ASCII bytes: `Some(space flags)` when every byte is a lowercase letter,
/// a digit or a space and no two spaces are adjacent (the flags have bit 7 of each space byte
/// set), `None` otherwise. Each byte is below 0x80 before the additions, so no carry crosses
/// byte lanes. The normaliser's fast path used to stop at capitals with this test; kept as the
/// reference for the test that pins the lane arithmetic (see [`fold8`] for what runs now).
#[cfg(test)]
#[inline(always)]
fn plain8(x: u64) -> Option<u64> {
    const HI: u64 = 0x8080_8080_8080_8080;
    const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    if x & HI != 0 {
        return None;
    }
    let lane = |c: u64| c * 0x0101_0101_0101_0101;
    let lower = (x + lane(0x80 - 0x61)) & !(x + lane(0x80 - 0x7b)) & HI;
    let digit = (x + lane(0x80 - 0x30)) & !(x + lane(0x80 - 0x3a)) & HI;
    let sp = x ^ lane(0x20);
    let space = !(((sp & LO7) + LO7) | sp) & HI;
    if lower | digit | space != HI || space & (space << 8) != 0 {
        return None;
    }
    Some(space)
}

/// SWAR step of the normaliser's fast path over eight bytes `x`: returns the eight matching
/// bytes (ASCII capitals lowercased; ASCII punctuation other than `-` that a space follows
/// made [`SEP`], as the byte-by-byte path would: the space keeps the correspondence with the
/// original one to one, so no anchor is needed), and a mask with bit 7 set in every lane that
/// the fast path must not take (anything else: other punctuation, other whitespace, a space
/// following a space, non-ASCII; `prev_space`: the byte before lane 0 is a space;
/// `next_space`: the byte after lane 7 is one). Only lanes
/// before the first flagged one are meaningful. Each lane is reduced to 7 bits before the
/// additions, so no carry crosses lanes; non-ASCII lanes are flagged from their original high
/// bit.
#[inline(always)]
fn fold8(x: u64, prev_space: bool, next_space: bool) -> (u64, u64) {
    const HI: u64 = lanes(0x80);
    let x7 = x & !HI;
    // bit 7 of each lane: lane >= lo (for `ge(lo)`), computed without inter-lane carries
    let ge = |lo: u8| x7 + lanes(0x80 - lo);
    let upper = ge(b'A') & !ge(b'Z' + 1) & HI;
    let lower = ge(b'a') & !ge(b'z' + 1) & HI;
    let digit = ge(b'0') & !ge(b'9' + 1) & HI;
    let space = eq_lanes(x, b' ');
    // printable ASCII but a letter, a digit or `-`, with a space in the next lane
    let printable = ge(b'!') & !ge(0x7f) & HI;
    let after = (space >> 8) | if next_space { 1 << 63 } else { 0 };
    let punct = printable & !(upper | lower | digit | eq_lanes(x, b'-')) & after;
    let ok = (upper | lower | digit | space | punct) & !(x & HI);
    let double = space & ((space << 8) | if prev_space { 0x80 } else { 0 });
    // a whole lane of ones where `punct` (0 or 1 per lane times 0xff: no carries)
    let pm = (punct >> 7) * 0xff;
    let folded = ((x | (upper >> 2)) & !pm) | (pm & lanes(SEP));
    (folded, (HI & !ok) | double)
}

/// Sixteen-byte step of the normaliser's fast path, by the rules of [`fold8`]: the matching
/// bytes of `chunk`, and a mask with bit `k` set when lane `k` must not be taken. On x86-64
/// the lanes are classified with SSE2 (a handful of instructions for all sixteen, against
/// some fifty per eight with SWAR), elsewhere by two [`fold8`] steps.
#[inline(always)]
fn fold16(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 CPU has it and every
        // x86-64 Rust target enables it, so calling an SSE2 function is always sound here.
        unsafe { fold16_sse2(chunk, prev_space) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        fold16_swar(chunk, prev_space)
    }
}

/// Bit `k` set where `chunk[k]` is a space (SSE2 on x86-64, SWAR elsewhere).
#[inline(always)]
fn space_mask16(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: as in `fold16`, SSE2 is always present on x86-64.
        unsafe { space_mask16_sse2(chunk) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        space_mask16_swar(chunk)
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn space_mask16_sse2(chunk: &[u8; 16]) -> u32 {
    use std::arch::x86_64::*;
    let (lo, hi) = halves(chunk);
    let v = _mm_set_epi64x(hi as i64, lo as i64);
    _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(b' ' as i8))) as u32
}

#[cfg(any(test, not(target_arch = "x86_64")))]
fn space_mask16_swar(chunk: &[u8; 16]) -> u32 {
    let (lo, hi) = halves(chunk);
    lane_bits(eq_lanes(lo, b' ')) | lane_bits(eq_lanes(hi, b' ')) << 8
}

/// The two little-endian halves of a sixteen-byte chunk.
#[inline(always)]
fn halves(chunk: &[u8; 16]) -> (u64, u64) {
    let mut a = [0u8; 8];
    a.copy_from_slice(&chunk[..8]);
    let lo = u64::from_le_bytes(a);
    a.copy_from_slice(&chunk[8..]);
    (lo, u64::from_le_bytes(a))
}

/// [`fold16`] by two SWAR steps.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn fold16_swar(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    let (lo, hi) = halves(chunk);
    let (fl, sl) = fold8(lo, prev_space, chunk[8] == b' ');
    let (fh, sh) = fold8(hi, chunk[7] == b' ', false);
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&fl.to_le_bytes());
    out[8..].copy_from_slice(&fh.to_le_bytes());
    (out, lane_bits(sl) | lane_bits(sh) << 8)
}

/// Bit 7 of each lane of `m` gathered into bits 0..8 (lane `k` → bit `k`).
#[cfg(any(test, not(target_arch = "x86_64")))]
fn lane_bits(m: u64) -> u32 {
    (((m >> 7) & lanes(1)).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32
}

/// [`fold16`] with SSE2. Bytes of 0x80 and above are negative as `i8`, so every range test
/// below (all against positive bounds) rejects them.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn fold16_sse2(chunk: &[u8; 16], prev_space: bool) -> ([u8; 16], u32) {
    use std::arch::x86_64::*;
    let (lo, hi) = halves(chunk);
    let v = _mm_set_epi64x(hi as i64, lo as i64);
    let set = |c: u8| _mm_set1_epi8(c as i8);
    let within = |lo: u8, hi: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, set(lo - 1)),
            _mm_cmplt_epi8(v, set(hi + 1)),
        )
    };
    let upper = within(b'A', b'Z');
    let alnum = _mm_or_si128(_mm_or_si128(upper, within(b'a', b'z')), within(b'0', b'9'));
    let space = _mm_cmpeq_epi8(v, set(b' '));
    let printable = within(b'!', b'~');
    // printable, not a letter, digit or `-`, and a space in the next lane
    let punct = _mm_and_si128(
        _mm_andnot_si128(_mm_or_si128(alnum, _mm_cmpeq_epi8(v, set(b'-'))), printable),
        _mm_srli_si128::<1>(space),
    );
    let lowered = _mm_or_si128(v, _mm_and_si128(upper, set(0x20)));
    let folded = _mm_or_si128(
        _mm_andnot_si128(punct, lowered),
        _mm_and_si128(punct, set(SEP)),
    );
    let ok = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alnum, space), punct)) as u32;
    let sp = _mm_movemask_epi8(space) as u32;
    let double = sp & ((sp << 1) | u32::from(prev_space));
    let lo = _mm_cvtsi128_si64(folded);
    let hi = _mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded));
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&lo.to_le_bytes());
    out[8..].copy_from_slice(&hi.to_le_bytes());
    (out, (!ok & 0xffff) | double)
}

/// Whether the character starting at byte `i` of `src` is a word character.
#[inline]
fn next_is_word(bytes: &[u8], src: &str, i: usize) -> bool {
    match bytes.get(i) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => src
            .get(i..)
            .and_then(|t| t.chars().next())
            .is_some_and(is_word_char),
    }
}

/// Normalise a lexicon form the way text is normalised, trimmed; the wildcards `*` and `?`
/// are kept as they are.
pub fn normalize_form(form: &str) -> String {
    let mut out = String::new();
    let mut n = Normalized::default();
    for (k, piece) in form.trim().split(['*', '?']).enumerate() {
        if k > 0 {
            // the wildcard that ended the previous piece
            let at: usize = form
                .trim()
                .split(['*', '?'])
                .take(k)
                .map(|p| p.len() + 1)
                .sum();
            out.push(form.trim().as_bytes()[at - 1] as char);
        }
        normalize_impl(piece, &mut n, false, true);
        out.push_str(&String::from_utf8_lossy(&n.bytes));
    }
    out.trim_matches(' ').to_string()
}

/// Byte ranges (in the normalised form) of words written as acronyms: 2–4 letters, all
/// capitals. Words are maximal runs of word characters, matched up in order between the raw and
/// the normalised form (normalisation never splits or joins words).
fn acronym_ranges(raw: &str, norm: &str) -> Vec<Range<usize>> {
    let raw_words: Vec<&str> = raw
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut norm_words = Vec::new();
    let mut start = None;
    for (i, c) in norm
        .char_indices()
        .chain(std::iter::once((norm.len(), ' ')))
    {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                norm_words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if raw_words.len() != norm_words.len() {
        return Vec::new();
    }
    raw_words
        .iter()
        .zip(norm_words)
        .filter(|(w, _)| {
            (2..=4).contains(&w.chars().count())
                && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        })
        .map(|(_, r)| r)
        .collect()
}

/// Letters, digits and combining marks make words, in every script.
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Whether the character ending at byte `p` of `hay` is a word character.
#[inline]
fn word_before(hay: &[u8], p: usize) -> bool {
    if p == 0 {
        return false;
    }
    let b = hay[p - 1];
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    let mut s = p - 1;
    while s > 0 && hay[s] & 0xC0 == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&hay[s..p])
        .ok()
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char)
}

/// Whether the character starting at byte `p` of `hay` is a word character.
#[inline]
fn word_after(hay: &[u8], p: usize) -> bool {
    let Some(&b) = hay.get(p) else { return false };
    if b < 0x80 {
        return b.is_ascii_alphanumeric();
    }
    let end = (p + 4).min(hay.len());
    let t = match std::str::from_utf8(&hay[p..end]) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&hay[p..p + e.valid_up_to()]).unwrap_or(""),
    };
    t.chars().next().is_some_and(is_word_char)
}

/// Start of the window a glob can match in: just after the `spaces + 1`-th space before `s`.
fn window_start(hay: &[u8], s: usize, spaces: usize) -> usize {
    let mut need = spaces + 1;
    let mut p = s;
    while p > 0 {
        p -= 1;
        if hay[p] == b' ' {
            need -= 1;
            if need == 0 {
                return p + 1;
            }
        }
    }
    0
}

/// End of the window a glob can match in: the `spaces + 1`-th space after `e`.
fn window_end(hay: &[u8], e: usize, spaces: usize) -> usize {
    let mut need = spaces + 1;
    let mut p = e;
    while p < hay.len() {
        if hay[p] == b' ' {
            need -= 1;
            if need == 0 {
                return p;
            }
        }
        p += 1;
    }
    hay.len()
}

/// Whether `pos` lies in quoted speech: one of `spans` longer than three words.
fn in_speech(text: &str, spans: &[[usize; 2]], pos: usize) -> bool {
    spans.iter().any(|q| {
        q[0] <= pos
            && pos < q[1]
            && q[1] <= text.len()
            && text.is_char_boundary(q[0])
            && text.is_char_boundary(q[1])
            && word_count(&text[q[0]..q[1]]) > SCARE_WORDS
    })
}

/// Quoted spans of at most this many words are scare quotes, not speech.
pub const SCARE_WORDS: usize = 3;

fn word_count(s: &str) -> usize {
    s.split(|c: char| !is_word_char(c) && c != '\'' && c != '’')
        .filter(|w| w.chars().any(is_word_char))
        .count()
}

/// Quote family of a character: 1 single, 2 double, 0 not a quote.
fn quote_family(c: char) -> u8 {
    match c {
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' => 1,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' => 2,
        _ => 0,
    }
}

/// Scare quotes around or just before the hit `start..end`, looking only inside `lo..hi`.
///
/// * wrapped: an opening quote right before the hit's words and a closing quote of the same
///   family right after, enclosing at most `max(3, words in the hit)` words
///   (`the “resistance”`, `“resistance front”`);
/// * modifier: the hit is preceded (across spaces or one hyphen) by a closing quote whose
///   quoted span has 1–3 words (`the ‘Israeli’ occupation regime`).
///
/// An opening quote must not follow a word character and a closing quote must not be followed
/// by one, so apostrophes (`Iran’s`) are never taken for quotes.
pub fn scare_quoted(text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
    let before = &text[lo..start];
    let after = &text[end..hi];
    let hit_words = word_count(&text[start..end]).max(1);
    let limit = SCARE_WORDS.max(hit_words);
    // wrapped
    if let Some((fam, extra_before)) = open_quote_before(before) {
        if let Some(extra_after) = close_quote_after(after, fam) {
            if hit_words + extra_before + extra_after <= limit {
                return true;
            }
        }
    }
    // modifier
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    let trimmed = trimmed
        .strip_suffix(['-', '‐', '‑'])
        .unwrap_or(trimmed)
        .trim_end_matches([' ', '\u{a0}']);
    let mut rev = trimmed.chars().rev();
    if let (Some(q), Some(prev)) = (rev.next(), rev.next()) {
        let fam = quote_family(q);
        if fam != 0 && (is_word_char(prev) || prev == '.') {
            let inner = &trimmed[..trimmed.len() - q.len_utf8()];
            if let Some((f2, words)) = open_quote_before(inner) {
                if f2 == fam && (1..=SCARE_WORDS).contains(&words) {
                    return true;
                }
            }
        }
    }
    false
}

/// Walk left over at most three words from the end of `s` looking for an opening quote that
/// starts them; returns its family and the number of whole words between it and the end.
fn open_quote_before(s: &str) -> Option<(u8, usize)> {
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in s.char_indices().rev() {
        let prev = s[..i].chars().next_back();
        if is_word_char(c) {
            in_word = true;
            continue;
        }
        let fam = quote_family(c);
        let next = s[i + c.len_utf8()..].chars().next();
        let apostrophe =
            fam == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
        if apostrophe || c == '-' || c == '.' {
            continue;
        }
        if fam != 0 && !prev.is_some_and(is_word_char) {
            // an opening quote: nothing but the words we crossed between it and the hit
            return Some((fam, words + usize::from(in_word)));
        }
        if c == ' ' || c == '\u{a0}' {
            if in_word {
                words += 1;
                in_word = false;
            }
            if words >= SCARE_WORDS {
                return None;
            }
            continue;
        }
        return None;
    }
    None
}

/// Walk right over at most three words from the start of `s` looking for a closing quote of
/// family `fam`; returns the number of words crossed.
fn close_quote_after(s: &str, fam: u8) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    let mut prev: Option<char> = None;
    let mut it = s.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        let next = it.peek().map(|x| x.1);
        if is_word_char(c) {
            in_word = true;
            prev = Some(c);
            continue;
        }
        let f = quote_family(c);
        let apostrophe = f == 1 && prev.is_some_and(is_word_char) && next.is_some_and(is_word_char);
        if !apostrophe && f == fam && !next.is_some_and(is_word_char) {
            return Some(words + usize::from(in_word));
        }
        if apostrophe || c == '-' || c == '.' || c == ',' {
            prev = Some(c);
            continue;
        }
        if c == ' ' || c == '\u{a0}' {
            if in_word {
                words += 1;
                in_word = false;
            }
            if words >= SCARE_WORDS {
                return None;
            }
            prev = Some(c);
            continue;
        }
        return None;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::parse;
    use std::path::Path;

    fn matcher(toml: &str) -> Matcher {
        let lex = parse(toml, Path::new("t.toml")).unwrap();
        Matcher::new(vec![lex]).unwrap()
    }

    fn one(terms: &str) -> Matcher {
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

    fn texts(m: &Matcher, text: &str) -> Vec<String> {
        m.find(text).into_iter().map(|h| h.text).collect()
    }

    #[test]
    fn unicode_word_boundaries() {
        let m = one(r#""Hizbullah", "حزب الله", "Qods""#);
        assert_eq!(
            texts(&m, "Ḥizbullāh said; Hizbullahs; xHizbullah; Quds Qods"),
            ["Ḥizbullāh", "Hizbullahs", "Qods"]
        );
        assert_eq!(texts(&m, "قال حزب الله اليوم"), ["حزب الله"]);
        // an Arabic letter glued on is part of the word: no match
        assert!(texts(&m, "وحزب اللهي").is_empty());
        let m = one(r#""Ḥizbullāh""#);
        assert_eq!(texts(&m, "HIZBULLAH"), ["HIZBULLAH"]);
    }

    #[test]
    fn folds_case_quotes_and_dashes() {
        let m = one(r#""Iran's Supreme Leader", "anti-Palestinian""#);
        assert_eq!(
            texts(
                &m,
                "IRAN’S SUPREME LEADER and anti‐Palestinian and anti Palestinian"
            ),
            [
                "IRAN’S SUPREME LEADER",
                "anti‐Palestinian",
                "anti Palestinian"
            ]
        );
        // an em dash separates clauses: no join
        assert!(texts(&m, "anti—Palestinian").is_empty());
        let m = one(r#""anti Palestinian""#);
        assert_eq!(texts(&m, "anti-Palestinian"), ["anti-Palestinian"]);
    }

    #[test]
    fn matches_across_line_breaks_and_space_runs() {
        let m = one(r#""resistance front""#);
        let t = "the resistance\n   front and the resistance\r\nfront";
        assert_eq!(
            texts(&m, t),
            ["resistance\n   front", "resistance\r\nfront"]
        );
    }

    #[test]
    fn plural_and_possessive() {
        let m = one(r#""regime", "crisis""#);
        assert_eq!(
            texts(
                &m,
                "regime's regimes' regimes regime’s crises crisises regimen"
            ),
            ["regime's", "regimes", "regimes", "regime’s", "crisises"]
        );
        let m = one(r#""Hamas""#);
        assert_eq!(texts(&m, "Hamas' office"), ["Hamas"]);
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let m = one(r#""IS", "US forces""#);
        assert_eq!(
            texts(
                &m,
                "This is IS territory; US forces left, as us forces did not."
            ),
            ["IS", "US forces"]
        );
    }

    #[test]
    fn globs() {
        let m = one(r#""occupi*", "Zionis?", "illegal* occupation""#);
        assert_eq!(
            texts(
                &m,
                "occupied, OCCUPIERS, preoccupied, occupying; Zionist Zionism Zionists; illegally occupation"
            ),
            // `?` is exactly one letter, and a form ending in a wildcard takes no suffix
            ["occupied", "OCCUPIERS", "Zionist", "Zionism", "illegally occupation"]
        );
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

    #[test]
    fn scare_quotes() {
        let m = one(r#""occupation regime", "resistance", "occupiers""#);
        let h = m.find("ties with the ‘Israeli’ occupation regime and the “resistance”, and 'Israeli' occupiers");
        assert_eq!(h.len(), 3);
        assert!(h.iter().all(|h| h.scare_quoted), "{h:?}");
        let h = m.find("Iran's occupation regime; the countries' occupation regime; “Resistance will win over all of them,” he said");
        assert_eq!(h.len(), 3);
        assert!(h.iter().all(|h| !h.scare_quoted), "{h:?}");
    }

    #[test]
    fn quoted_speech_from_sentence_spans() {
        let m = one(r#""resistance""#);
        let text = "“We back the resistance in the region,” he said of the “resistance”.";
        let close = text.find('”').unwrap() + '”'.len_utf8();
        let s2 = text.rfind('“').unwrap();
        let sentence = Sentence {
            text: text.to_string(),
            start: 0,
            end: text.len(),
            paragraph: 0,
            quoted: vec![[0, close], [s2, text.len() - 1]],
        };
        let h = m.find_in_sentences(text, &[sentence]);
        assert_eq!(h.len(), 2);
        assert!(h[0].quoted && !h[0].scare_quoted);
        assert!(!h[1].quoted && h[1].scare_quoted, "{:?}", h[1]);
    }

    #[test]
    fn spans_map_back_through_normalisation() {
        let m = one(r#""regime""#);
        let t = "Ḥ  —  the   Zionist\u{00A0}regime’s army";
        let h = m.find(t);
        assert_eq!(h.len(), 1);
        assert_eq!(&t[h[0].start..h[0].end], "regime’s");
    }

    #[test]
    fn swar_run_test_agrees_with_bytes() {
        for t in [
            "abcdefgh",
            "abc defg",
            "abc  efg",
            "Abcdefgh",
            "abc,defg",
            "0123 xyz",
            "abc\u{e9}fg",
            "{|}~`@[_",
        ] {
            let b = t.as_bytes();
            if b.len() < 8 {
                continue;
            }
            let mut a = [0u8; 8];
            a.copy_from_slice(&b[..8]);
            let want = b[..8]
                .iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b' ')
                && !b[..8].windows(2).any(|w| w == b"  ");
            assert_eq!(plain8(u64::from_le_bytes(a)).is_some(), want, "{t}");
        }
        // long mixed text normalises the same with and without the fast path's help
        let t =
            "the quick brown fox  jumps over the lazy dog and the regime's forces, then 12345 more";
        let m = one(r#""lazy dog", "regime""#);
        assert_eq!(texts(&m, t), ["lazy dog", "regime's"]);
    }

    #[test]
    fn swar_fold_and_filter_agree_with_bytes() {
        let texts: [&[u8]; 14] = [
            b"ab, cd. e",
            b"x-, y! z?",
            b"(a) [b] c",
            b"ab,cd  ef",
            b"abcdefg, ",
            b"Abcdefgh",
            b"ABC  xyz",
            b"Zz09 @[`",
            b"a\x01 b c d",
            b"{|}~/:;\x7f",
            b"caf\xc3\xa9 ok",
            b" leading",
            b"  double",
            b"tab\there",
        ];
        for t in texts {
            for prev_space in [false, true] {
                let x = load8(t, 0).unwrap();
                let (low, stop) = fold8(x, prev_space, false);
                let low = low.to_le_bytes();
                let mut want_stop = 8;
                for (k, &c) in t[..8].iter().enumerate() {
                    let before_space = if k == 0 { prev_space } else { t[k - 1] == b' ' };
                    let punct = c.is_ascii_graphic()
                        && !c.is_ascii_alphanumeric()
                        && c != b'-'
                        && t.get(k + 1) == Some(&b' ')
                        && k < 7;
                    if !(c.is_ascii_alphanumeric() || (c == b' ' && !before_space) || punct) {
                        want_stop = k;
                        break;
                    }
                    let want = if punct { SEP } else { c.to_ascii_lowercase() };
                    assert_eq!(low[k], want);
                }
                let got = if stop == 0 {
                    8
                } else {
                    stop.trailing_zeros() as usize / 8
                };
                assert_eq!(got, want_stop, "{t:?} {prev_space}");
                assert_eq!(
                    next_space(t, 0),
                    t.iter().position(|&c| c == b' ').unwrap_or(t.len())
                );
            }
        }
        // the curly-quote shortcut of the normaliser reads them as ASCII quotes
        let (mut a, mut b) = (Normalized::default(), Normalized::default());
        for q in '\u{2018}'..='\u{201F}' {
            let ascii = if q < '\u{201C}' { '\'' } else { '"' };
            for (x, y) in [
                ("", "Iran"),
                ("the", "Iran"),
                ("Iran", "s"),
                ("x", " y"),
                ("x", ""),
            ] {
                normalize_into(&format!("{x}{q}{y}"), &mut a);
                normalize_into(&format!("{x}{ascii}{y}"), &mut b);
                assert_eq!(a.bytes, b.bytes, "{x}{q}{y}");
            }
        }
        // `candidates` finds the same word starts as a plain byte loop, whatever the blocks
        let mut f = StartFilter::new();
        f.insert(b"kar");
        f.insert(b"ab");
        let mut hay = Vec::new();
        for k in 0..400 {
            // word lengths and spacing vary so every lane and step position is exercised
            let w = [
                "the", "kar", "of", "karibe", "a", "mokar", "ab", "abc", "ka", "x\x01",
            ][k % 10];
            hay.push(b' ');
            hay.extend_from_slice(w.as_bytes());
            if k % 7 == 0 {
                hay.extend_from_slice(b"\x01");
            }
        }
        let mut want = Vec::new();
        for (p, &c) in hay.iter().enumerate() {
            if c == b' ' && f.may_start(&hay, p + 1) {
                want.push(p);
            }
        }
        assert!(want.len() > 100);
        let mut buf = Box::new([0u32; BLOCK]);
        for block in [8, 16, 64, 1024, BLOCK] {
            let mut got = Vec::new();
            let mut lo = 0;
            while lo < hay.len() {
                let hi = (lo + block).min(hay.len());
                let k = f.candidates(&hay, lo, hi, &mut buf);
                got.extend(buf[..k].iter().map(|&c| lo + c as usize));
                lo = hi;
            }
            assert_eq!(got, want, "block {block}");
        }
        // the filter reads a word's head the same way near the end of the text as in the middle
        let mut f = StartFilter::new();
        for p in ["kar", "regime", "ab\x01c"] {
            f.insert(p.as_bytes());
        }
        for (w, want) in [
            ("karibe", true),
            ("ka", false),
            ("regimes", true),
            ("regi", true),
            ("reg", false),
            ("ab", true),
            ("abc", true),
            ("a", false),
            ("\x01kar", false),
        ] {
            let long = format!(" {w} filler text");
            let short = format!(" {w}");
            assert_eq!(f.may_start(long.as_bytes(), 1), want, "{w}");
            assert_eq!(f.may_start(short.as_bytes(), 1), want, "{w}");
        }
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
        /// The eight-byte fast path of the normaliser gives exactly the bytes and the offset
        /// map of the byte-by-byte path.
        #[test]
        fn normaliser_fast_path_is_exact(s in "[a-zA-Z0-9 ,.;:!?()\"'\\-\n\t’“”é—\u{a0}]{0,120}") {
            let (mut fast, mut slow) = (Normalized::default(), Normalized::default());
            normalize_impl(&s, &mut fast, true, true);
            normalize_impl(&s, &mut slow, true, false);
            proptest::prop_assert_eq!(&fast.bytes, &slow.bytes);
            for p in 0..fast.bytes.len() {
                proptest::prop_assert_eq!(fast.original(p), slow.original(p), "at {}", p);
            }
        }
    }

    proptest::proptest! {
        /// Both sixteen-byte steps (SSE2 and SWAR) follow the byte-by-byte rules of the fast
        /// path up to the first lane they refuse.
        #[test]
        fn fold16_follows_the_byte_rules(
            chunk in proptest::collection::vec(proptest::sample::select(
                b"aZ09 ,.-'\x01\n\x7f\xc3\xe2Q?".to_vec()), 16),
            prev_space: bool,
        ) {
            let chunk: [u8; 16] = chunk.try_into().unwrap();
            let mut stop = 16;
            let mut want = [0u8; 16];
            for k in 0..16 {
                let c = chunk[k];
                let prev = if k == 0 { prev_space } else { chunk[k - 1] == b' ' };
                let punct = c.is_ascii_graphic() && !c.is_ascii_alphanumeric() && c != b'-'
                    && k < 15 && chunk[k + 1] == b' ';
                if !(c.is_ascii_alphanumeric() || (c == b' ' && !prev) || punct) {
                    stop = k;
                    break;
                }
                want[k] = if punct { SEP } else { c.to_ascii_lowercase() };
            }
            let spaces = chunk.iter().enumerate().filter(|c| *c.1 == b' ').fold(0u32, |m, (k, _)| m | 1 << k);
            proptest::prop_assert_eq!(space_mask16(&chunk), spaces);
            proptest::prop_assert_eq!(space_mask16_swar(&chunk), spaces);
            for (name, (got, mask)) in [
                ("fold16", fold16(&chunk, prev_space)),
                ("swar", fold16_swar(&chunk, prev_space)),
            ] {
                proptest::prop_assert_eq!(mask.trailing_zeros().min(16) as usize, stop, "{}", name);
                proptest::prop_assert_eq!(&got[..stop], &want[..stop], "{}", name);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// The filtered, block-by-block word-start scan finds exactly what a plain
        /// overlapping automaton over the same patterns finds, across block boundaries.
        #[test]
        fn word_start_scan_equals_plain_automaton(
            terms in proptest::collection::vec(proptest::collection::vec(0usize..14, 1..4), 1..30),
            words in proptest::collection::vec((0usize..14, 0usize..8), 1..2500),
        ) {
            const VOCAB: [&str; 14] = ["the", "regime", "resistance", "front", "of", "a",
                "axis", "ax", "occupation", "regimes", "U.S.", "Iran's", "ab", "abc"];
            const SEPS: [&str; 8] = [" ", " ", " ", ", ", ".\n\n", " “", "” ", "  "];
            let list: Vec<String> = terms
                .iter()
                .map(|t| format!("{:?}", t.iter().map(|&w| VOCAB[w]).collect::<Vec<_>>().join(" ")))
                .collect();
            let toml = format!("name = \"t\"\n[categories.c]\nterms = [{}]\n", list.join(", "));
            let lex = parse(&toml, Path::new("t.toml")).unwrap();
            let fast = Matcher::build(vec![lex.clone()], true).unwrap();
            let plain = Matcher::build(vec![lex], false).unwrap();
            let mut text = String::new();
            for &(w, sep) in &words {
                text.push_str(VOCAB[w]);
                text.push_str(SEPS[sep]);
            }
            let key = |m: &Matcher| m.find(&text).into_iter().map(|h| (h.start, h.end, h.entry)).collect::<Vec<_>>();
            proptest::prop_assert_eq!(key(&fast), key(&plain));
        }
    }

    proptest::proptest! {
        /// Mapping a span back through the normaliser's map gives the span found by decoding
        /// the original text at its last character.
        #[test]
        fn original_span_matches_decoding(s in "[a-zA-Z ,.’“”é\u{1e24}\u{627}\u{df}\n-]{1,60}", a in 0usize..80, len in 1usize..20) {
            let mut n = Normalized::default();
            normalize_into(&s, &mut n);
            let (st, en) = (a.min(n.bytes.len()), (a + len).min(n.bytes.len()));
            proptest::prop_assume!(st < en);
            let got = n.original_span(&s, st, en);
            let last = n.original(en - 1).min(s.len());
            let want_end = s[last..].chars().next().map_or(s.len(), |c| last + c.len_utf8());
            proptest::prop_assert_eq!(got, (n.original(st).min(s.len()), want_end.max(n.original(st).min(s.len()))));
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
