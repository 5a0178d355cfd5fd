//! Lexicon suggestions: candidate framing terms that the loaded lexicons do not cover yet, found
//! in the differences between reports of one event, each with its evidence.
//!
//! Two sources feed the candidates:
//!
//! * **Substitutions** ([`crate::diff::Substitution`]): in aligned sentences one outlet wrote
//!   phrase *x* where the other wrote *y*. When the lexicons cover one side (the matcher finds a
//!   term in it) and not the other, the uncovered side is a strong candidate, and the covered
//!   term's category is the suggested one: the two outlets chose different words for the same
//!   slot, and one of those words is already known to frame. When neither side is covered both
//!   are weaker candidates with no category. When both are covered there is nothing to learn.
//!   The diff keeps a shared head noun as context ("Israeli regime" → "Zionist regime"): it stays
//!   in the candidate only when the covered term spans it. A swap for a term that is the
//!   lexicons' *neutral* wording of loaded labels ("Israel") files the candidate with those
//!   loaded labels, with that wording as its suggested `neutral`.
//! * **Keyness** of word n-grams (1–[`MAX_NGRAM`] words, no stop word at either edge, no token
//!   with a digit) counted over the kept sentences: an n-gram markedly more frequent in one
//!   report than in the others (signed Dunning G², see [`crate::lexicon::keyness`]) is an outlet's habit,
//!   which is what framing terms are. An n-gram overlapping a lexicon hit is already known.
//!
//! A candidate is never something the lexicons already match ([`Matcher::find`] on the term
//! finds nothing), never a lexicon term's `neutral` counterpart (the lexicon knows it, as the
//! plain wording), and never longer than [`MAX_WORDS`] words, a number, a date word or a name
//! spelling the diff reported as a variant.
//!
//! **Score** (documented for users in `docs/lexicon-formats.md`):
//!
//! ```text
//! score = tier + 10 · substitutions + max(G², 0)       (÷ 4 for names with no category)
//! tier  = 100 · coverage   substitution whose counterpart is covered (category known);
//!                          coverage = share of the counterpart's words inside the lexicon hit
//!         20               substitution with neither side covered
//!         0                keyness only
//! ```
//!
//! so substitution candidates with a known category come first, then by how often the swap
//! recurs and how distinctive the candidate is. Candidates whose words are capitalised wherever
//! they occur (except sentence-initially) are flagged as names and, unless a swap gave them a
//! category, ranked lower: names are rarely framing terms. Ties break on the term, then the
//! outlet, so output is deterministic.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::align::names;
use crate::compare::Comparison;
use crate::diff::{MONTHS, WEEKDAYS};
use crate::lexicon::keyness;
use crate::lexicon::{Matcher, Role};

use super::round;
use super::terms::DocInfo;
use crate::segment::{words, Word};

/// Version tag of the JSON output.
pub const SCHEMA: &str = "framediff.suggest/1";
/// Longest candidate, in words.
pub const MAX_WORDS: usize = 4;
/// Longest n-gram counted for keyness, in words.
pub const MAX_NGRAM: usize = 3;
/// Evidence sentences kept per candidate.
pub const MAX_EVIDENCE: usize = 4;

/// Number words: a count is a fact, not a word choice.
const NUMBER_WORDS: [&str; 37] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozens",
];

/// Settings of [`suggest`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Minimum occurrences in the outlet's report for a keyness candidate.
    pub min_count: usize,
    /// Minimum G² for a keyness candidate (3.84: p < 0.05).
    pub min_g2: f64,
    /// Keep at most this many candidates (after ranking).
    pub limit: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_count: 2,
            min_g2: 3.84,
            limit: None,
        }
    }
}

/// Where a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A swapped phrase in aligned sentences (may also be key).
    Substitution,
    /// Markedly more frequent in one report.
    Keyness,
}

impl Source {
    /// The name used in JSON and tables (`substitution`, `keyness`).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Substitution => "substitution",
            Source::Keyness => "keyness",
        }
    }
}

/// A sentence showing a candidate (or its counterpart) in use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Label of the report the sentence is from.
    pub label: String,
    /// The sentence as segmented (one line).
    pub sentence: String,
    /// Byte span of the phrase in `sentence` (`null` if the phrase could not be located).
    pub start: Option<usize>,
    /// End of that byte span (exclusive).
    pub end: Option<usize>,
}

/// One suggested term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The term as the outlet wrote it.
    pub term: String,
    /// Where the candidate came from: a substitution between outlets or keyness.
    pub source: Source,
    /// Suggested category id (from the covered counterpart), if known.
    pub category: Option<String>,
    /// The lexicon of that category.
    pub lexicon: Option<String>,
    /// The lexicon term found in the counterpart (why the category is suggested).
    pub covered_by: Option<String>,
    /// Suggested neutral counterpart. When `covered_by` is itself the lexicons' neutral wording
    /// for loaded labels (`Israel` for `Zionist regime`), the candidate is probably another
    /// loaded label for it: `neutral` is `covered_by`, and `category` the category of the first
    /// loaded label with that counterpart. When `covered_by` is a loaded label with a `neutral`,
    /// that counterpart (the candidate may be a neutral wording instead: see the evidence).
    pub neutral: Option<String>,
    /// What the other report(s) wrote in its place (substitutions), joined by ` / `.
    pub counterpart: Option<String>,
    /// Label of the report that uses the candidate.
    pub outlet: String,
    /// Rank score (see the module documentation); higher is better.
    pub score: f64,
    /// Signed G² of the candidate in `outlet`'s report against the others combined.
    pub g2: Option<f64>,
    /// Occurrences in each report (same order as `documents`).
    pub counts: Vec<usize>,
    /// How many times the swap occurs (0 for keyness candidates).
    pub substitutions: usize,
    /// Capitalised wherever it occurs: probably a name.
    pub name: bool,
    /// Sentences showing the candidate and its counterpart in use (at most [`MAX_EVIDENCE`]).
    pub evidence: Vec<Evidence>,
}

/// Everything `framediff lexicon suggest` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestions {
    /// Version tag of the JSON ([`SCHEMA`]).
    pub schema: &'static str,
    /// The reports compared, in command-line order.
    pub documents: Vec<DocInfo>,
    /// Suggested terms, best first.
    pub candidates: Vec<Candidate>,
}

/// The words of one sentence, with spans into its one-line text.
struct Sent {
    text: String,
    words: Vec<Word>,
    /// Lexicon hit spans in `text`.
    hits: Vec<(usize, usize)>,
}

fn key(ws: &[Word]) -> String {
    ws.iter()
        .map(|w| w.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The phrase with stop words trimmed at both edges, as (surface text, words); `None` when
/// nothing is left.
fn trim(phrase: &str) -> Option<(String, Vec<Word>)> {
    let ws = words(phrase, 0);
    let first = ws.iter().position(|w| !w.stop)?;
    let last = ws.iter().rposition(|w| !w.stop)?;
    slice_words(phrase, &ws, first, ws.len() - 1 - last)
}

/// Words shared at the start and at the end of two phrases (by norm), leaving at least one
/// word of each: the context the diff added around a swapped modifier.
fn shared_edges(a: &[Word], b: &[Word]) -> (usize, usize) {
    let max = a.len().min(b.len()).saturating_sub(1);
    let pre = a
        .iter()
        .zip(b)
        .take(max)
        .take_while(|(x, y)| x.norm == y.norm)
        .count();
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max - pre)
        .take_while(|(x, y)| x.norm == y.norm)
        .count();
    (pre, suf)
}

/// The words `ws[pre..len - suf]` of `text` as (surface text, words with spans re-based on
/// that surface text).
fn slice_words(text: &str, ws: &[Word], pre: usize, suf: usize) -> Option<(String, Vec<Word>)> {
    let inner = ws.get(pre..ws.len().checked_sub(suf)?)?;
    let (lo, hi) = (inner.first()?.start, inner.last()?.end);
    let t = text.get(lo..hi)?.to_string();
    let v = inner
        .iter()
        .map(|w| Word {
            start: w.start - lo,
            end: w.end - lo,
            ..w.clone()
        })
        .collect();
    Some((t, v))
}

/// A number: digits anywhere in the token, or a number word.
fn has_digit(w: &Word) -> bool {
    w.norm.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w.norm.as_str())
}

/// Whether a phrase may be a candidate at all (length, numbers, dates).
fn plausible(ws: &[Word]) -> bool {
    !ws.is_empty()
        && ws.len() <= MAX_WORDS
        && !ws.iter().any(has_digit)
        && !ws
            .iter()
            .any(|w| MONTHS.contains(&w.norm.as_str()) || WEEKDAYS.contains(&w.norm.as_str()))
        && ws.iter().any(|w| w.norm.chars().any(char::is_alphabetic))
}

/// Whether two phrases differ only in spelling (one word each, a name-variant pair, or equal
/// once case and punctuation are ignored).
fn spelling_variant(a: &[Word], b: &[Word]) -> bool {
    if key(a) == key(b) {
        return true;
    }
    let ja: String = a.iter().map(|w| w.norm.as_str()).collect();
    let jb: String = b.iter().map(|w| w.norm.as_str()).collect();
    ja == jb || names::is_variant(&ja, &jb)
}

/// Position of the word sequence `seq` (norms) in `ws`, as a byte span.
fn locate(ws: &[Word], seq: &[String]) -> Option<(usize, usize)> {
    if seq.is_empty() || ws.len() < seq.len() {
        return None;
    }
    (0..=ws.len() - seq.len())
        .find(|&i| {
            ws[i..i + seq.len()]
                .iter()
                .zip(seq)
                .all(|(w, s)| w.norm == *s)
        })
        .map(|i| (ws[i].start, ws[i + seq.len() - 1].end))
}

/// Where each word (norm) occurs: (document, sentence, word index). Lets counting a phrase
/// look only at the places its first word occurs instead of at every word of every report.
struct Index(std::collections::HashMap<String, Vec<(usize, usize, usize)>>);

impl Index {
    fn new(docs: &[Vec<Sent>]) -> Index {
        let mut m: std::collections::HashMap<String, Vec<(usize, usize, usize)>> =
            Default::default();
        for (d, doc) in docs.iter().enumerate() {
            for (si, s) in doc.iter().enumerate() {
                for (i, w) in s.words.iter().enumerate() {
                    m.entry(w.norm.clone()).or_default().push((d, si, i));
                }
            }
        }
        Index(m)
    }

    /// Every occurrence of the word sequence `seq`, in document and text order.
    fn occurrences<'a>(
        &'a self,
        docs: &'a [Vec<Sent>],
        seq: &'a [String],
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'a {
        let starts = seq
            .first()
            .and_then(|w| self.0.get(w))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        starts.iter().copied().filter(move |&(d, si, i)| {
            docs[d][si]
                .words
                .get(i..i + seq.len())
                .is_some_and(|ws| ws.iter().zip(seq).all(|(w, q)| w.norm == *q))
        })
    }
}

/// A candidate while it is being gathered.
#[derive(Debug, Default)]
struct Draft {
    term: String,
    seq: Vec<String>,
    doc: usize,
    category: Option<(usize, usize)>,
    covered_by: Option<usize>,
    neutral: Option<String>,
    coverage: f64,
    counterparts: Vec<String>,
    substitutions: usize,
    keyness: bool,
    evidence: Vec<(usize, usize)>,
    counter_evidence: Vec<(usize, usize, Vec<String>)>,
}

/// Find candidate terms in a comparison that the matcher's lexicons do not cover yet.
pub fn suggest(cmp: &Comparison, matcher: &Matcher, opts: &Options) -> Suggestions {
    let docs: Vec<Vec<Sent>> = cmp
        .sentences
        .iter()
        .map(|ss| {
            ss.iter()
                .map(|s| Sent {
                    text: s.text.clone(),
                    words: words(&s.text, 0),
                    hits: matcher
                        .find(&s.text)
                        .iter()
                        .map(|h| (h.start, h.end))
                        .collect(),
                })
                .collect()
        })
        .collect();
    let totals: Vec<usize> = docs
        .iter()
        .map(|d| d.iter().map(|s| s.words.len()).sum())
        .collect();
    let all_words: usize = totals.iter().sum();
    let index = Index::new(&docs);

    // Wordings the lexicons know as plain counterparts, and the name variants the diff found.
    // key of a neutral wording → the first loaded term (entry) that has it as `neutral`
    let mut neutral_of: BTreeMap<String, usize> = BTreeMap::new();
    for (e, _) in matcher.entries().iter().enumerate() {
        if matcher.category(e).role != Role::Loaded {
            continue;
        }
        if let Some(n) = &matcher.term(e).neutral {
            neutral_of.entry(key(&words(n, 0))).or_insert(e);
        }
    }
    let known: BTreeSet<String> = neutral_of.keys().cloned().collect();
    let mut variant_words: BTreeSet<String> = BTreeSet::new();
    for p in &cmp.pairs {
        for v in &p.differences.variants {
            for side in [&v.a, &v.b] {
                for w in words(side, 0) {
                    variant_words.insert(w.norm);
                }
            }
        }
    }
    let acceptable = |ws: &[Word]| {
        plausible(ws)
            && !known.contains(&key(ws))
            && !ws.iter().any(|w| variant_words.contains(&w.norm))
    };

    let mut drafts: BTreeMap<String, Draft> = BTreeMap::new();

    // 1. Substitutions.
    for pc in &cmp.pairs {
        let (da, db) = (cmp.pivot, pc.other);
        for sub in &pc.differences.substitutions {
            let (Some((ta, wa)), Some((tb, wb))) = (trim(&sub.a), trim(&sub.b)) else {
                continue;
            };
            if spelling_variant(&wa, &wb) {
                continue;
            }
            let (ha, hb) = (matcher.find(&ta), matcher.find(&tb));
            let (pre, suf) = shared_edges(&wa, &wb);
            let sides = [(da, &ta, &wa, &ha), (db, &tb, &wb, &hb)];
            for (me, other) in [(0usize, 1usize), (1, 0)] {
                let (doc, ftext, fws, hits) = sides[me];
                let (odoc, fotext, fows, ohits) = sides[other];
                if !hits.is_empty() {
                    continue;
                }
                // When the covered term lies inside the swapped words, the shared context the
                // diff kept around them ("government denied" / "junta denied") is not part of
                // the candidate; when it spans the context ("Zionist regime" for "Israeli
                // regime"), the whole phrase is. With nothing covered, the phrase is kept whole
                // (a modifier with its head noun).
                let use_core = (pre + suf > 0)
                    && ohits.first().is_some_and(|h| {
                        let inner = &fows[pre..fows.len() - suf];
                        inner.first().is_some_and(|w| h.start >= w.start)
                            && inner.last().is_some_and(|w| h.end <= w.end)
                    });
                let (text, ws, otext, ows) = if use_core {
                    match (
                        slice_words(ftext, fws, pre, suf),
                        slice_words(fotext, fows, pre, suf),
                    ) {
                        (Some((t, w)), Some((ot, ow))) => (t, w, ot, ow),
                        _ => continue,
                    }
                } else {
                    (ftext.clone(), fws.clone(), fotext.clone(), fows.clone())
                };
                let (text, ws, otext, ows) = (&text, &ws, &otext, &ows);
                if !acceptable(ws) {
                    continue;
                }
                if ohits.is_empty() && !acceptable(ows) {
                    // the counterpart is a number, date or name: not a word choice
                    continue;
                }
                let k = key(ws);
                let d = drafts.entry(k).or_insert_with(|| Draft {
                    term: text.to_string(),
                    seq: ws.iter().map(|w| w.norm.clone()).collect(),
                    doc,
                    ..Draft::default()
                });
                if let Some(h) = ohits.first() {
                    // share of the counterpart's words inside the hit (spans of the full
                    // phrase, which the hit's are relative to)
                    let inside = fows
                        .iter()
                        .filter(|w| w.start >= h.start && w.end <= h.end)
                        .count()
                        .max(1);
                    let coverage = (inside as f64 / ows.len().max(1) as f64).min(1.0);
                    if d.category.is_none() || coverage > d.coverage {
                        let covered = matcher.term(h.entry);
                        // a neutral wording replaced: file the candidate with the loaded labels
                        let loaded = covered
                            .forms()
                            .find_map(|f| neutral_of.get(&key(&words(f, 0))))
                            .filter(|&&e| e != h.entry);
                        match loaded {
                            Some(&e) => {
                                let at = matcher.entries()[e];
                                d.category = Some((at.lexicon, at.category));
                                d.neutral = Some(covered.term.clone());
                            }
                            // a reference wording no loaded label names: the swap is worth a
                            // look, but a reference category is never a framing candidate's
                            None if matcher.category(h.entry).role == Role::Reference => {
                                d.category = None;
                                d.neutral = Some(covered.term.clone());
                            }
                            None => {
                                d.category = Some((h.lexicon, h.category));
                                d.neutral = covered.neutral.clone();
                            }
                        }
                        d.covered_by = Some(h.entry);
                        d.coverage = coverage;
                    }
                }
                d.substitutions += sub.count;
                if !d.counterparts.iter().any(|c| c == otext) {
                    d.counterparts.push(otext.to_string());
                }
                // evidence: the candidate's sentence and the counterpart's, in each pair
                let oseq: Vec<String> = ows.iter().map(|w| w.norm.clone()).collect();
                for &pi in &sub.pairs {
                    let Some(pair) = pc.alignment.pairs.get(pi) else {
                        continue;
                    };
                    let (mine, theirs) = if me == 0 {
                        (&pair.a, &pair.b)
                    } else {
                        (&pair.b, &pair.a)
                    };
                    if let Some(&si) = mine.iter().find(|&&si| {
                        docs[doc]
                            .get(si)
                            .is_some_and(|s| locate(&s.words, &d.seq).is_some())
                    }) {
                        if !d.evidence.contains(&(doc, si)) {
                            d.evidence.push((doc, si));
                        }
                    }
                    if let Some(&si) = theirs.iter().find(|&&si| {
                        docs[odoc]
                            .get(si)
                            .is_some_and(|s| locate(&s.words, &oseq).is_some())
                    }) {
                        if !d.counter_evidence.iter().any(|e| (e.0, e.1) == (odoc, si)) {
                            d.counter_evidence.push((odoc, si, oseq.clone()));
                        }
                    }
                }
            }
        }
    }

    // 2. Keyness of n-grams.
    // key → per-document counts, whether any occurrence overlaps a lexicon hit, first
    // occurrences (doc, sentence, start, end) per document.
    struct Gram {
        counts: Vec<usize>,
        overlaps: bool,
        first: Vec<Option<(usize, usize, usize, bool)>>,
    }
    let mut grams: BTreeMap<String, Gram> = BTreeMap::new();
    let n_docs = docs.len();
    for (di, doc) in docs.iter().enumerate() {
        for (si, s) in doc.iter().enumerate() {
            for n in 1..=MAX_NGRAM {
                if s.words.len() < n {
                    break;
                }
                for i in 0..=s.words.len() - n {
                    let ws = &s.words[i..i + n];
                    if ws[0].stop || ws[n - 1].stop || ws.iter().any(has_digit) {
                        continue;
                    }
                    let (start, end) = (ws[0].start, ws[n - 1].end);
                    let g = grams.entry(key(ws)).or_insert_with(|| Gram {
                        counts: vec![0; n_docs],
                        overlaps: false,
                        first: vec![None; n_docs],
                    });
                    g.counts[di] += 1;
                    g.overlaps |= s.hits.iter().any(|&(hs, he)| hs < end && start < he);
                    // shown as first written, preferring a use inside a sentence, where the
                    // capitals are the outlet's and not the sentence's
                    let initial = i == 0;
                    if g.first[di].is_none_or(|f| f.3 && !initial) {
                        g.first[di] = Some((si, start, end, initial));
                    }
                }
            }
        }
    }
    let mut key_cands: Vec<(String, usize, usize)> = Vec::new(); // (key, doc, count)
    let mut g2s: BTreeMap<(String, usize), f64> = BTreeMap::new();
    for (k, g) in &grams {
        if g.overlaps || n_docs < 2 {
            continue;
        }
        let total: usize = g.counts.iter().sum();
        for (d, (&a, &words_d)) in g.counts.iter().zip(&totals).enumerate() {
            if a < opts.min_count {
                continue;
            }
            let Some(g2) = keyness::log_likelihood(a, total - a, words_d, all_words - words_d)
            else {
                continue;
            };
            if g2 >= opts.min_g2 {
                key_cands.push((k.clone(), d, a));
                g2s.insert((k.clone(), d), g2);
            }
        }
    }
    // Drop an n-gram when a longer key n-gram of the same report contains it as often: the
    // shorter one only ever occurs inside the longer.
    // Every proper contiguous part of every key n-gram, with its report and count: linear in the
    // number of key n-grams (at most 5 parts each), not quadratic.
    let mut inside: BTreeSet<(String, usize, usize)> = BTreeSet::new();
    for (k, d, a) in &key_cands {
        let parts: Vec<&str> = k.split(' ').collect();
        for len in 1..parts.len() {
            for w in parts.windows(len) {
                inside.insert((w.join(" "), *d, *a));
            }
        }
    }
    for (k, d, a) in &key_cands {
        if inside.contains(&(k.clone(), *d, *a)) {
            continue;
        }
        let Some(Some((si, start, end, _))) = grams.get(k).map(|g| g.first[*d]) else {
            continue;
        };
        let s = &docs[*d][si];
        let ws: Vec<Word> = s
            .words
            .iter()
            .filter(|w| w.start >= start && w.end <= end)
            .cloned()
            .collect();
        if !acceptable(&ws) {
            continue;
        }
        let surface = s.text.get(start..end).unwrap_or(k).to_string();
        let d_entry = drafts.entry(k.clone()).or_insert_with(|| Draft {
            term: surface,
            seq: k.split(' ').map(str::to_string).collect(),
            doc: *d,
            ..Draft::default()
        });
        d_entry.keyness = true;
        if !d_entry.evidence.contains(&(*d, si)) && d_entry.doc == *d {
            d_entry.evidence.push((*d, si));
        }
    }

    // 3. Finish: counts, G², name flag, score, evidence; drop anything the lexicons match.
    let mut out: Vec<Candidate> = Vec::new();
    for (k, d) in drafts {
        if !matcher.find(&d.term).is_empty() {
            continue;
        }
        let mut counts = vec![0usize; docs.len()];
        for (doc, _, _) in index.occurrences(&docs, &d.seq) {
            counts[doc] += 1;
        }
        let a = counts.get(d.doc).copied().unwrap_or(0);
        let total: usize = counts.iter().sum();
        let g2 = g2s.get(&(k.clone(), d.doc)).copied().or_else(|| {
            keyness::log_likelihood(
                a,
                total - a,
                totals[d.doc],
                all_words.saturating_sub(totals[d.doc]),
            )
        });
        let name = looks_like_name(&docs, &index, &d.seq);
        let tier = if d.substitutions == 0 {
            0.0
        } else if d.category.is_some() {
            100.0 * d.coverage
        } else {
            20.0
        };
        let mut score = tier + 10.0 * d.substitutions as f64 + g2.unwrap_or(0.0).max(0.0);
        // A swap for a known term is evidence enough even for a capitalised word ("Israeli"
        // for "Zionist"): only candidates without a category are demoted as names.
        if name && d.category.is_none() {
            score /= 4.0;
        }
        let mut evidence = Vec::new();
        for &(doc, si) in d.evidence.iter().take(MAX_EVIDENCE) {
            evidence.push(evidence_of(cmp, &docs, doc, si, &d.seq));
        }
        if evidence.is_empty() {
            // a keyness candidate merged from a substitution elsewhere: its first use
            if let Some((si, _)) = docs[d.doc]
                .iter()
                .enumerate()
                .find(|(_, s)| locate(&s.words, &d.seq).is_some())
            {
                evidence.push(evidence_of(cmp, &docs, d.doc, si, &d.seq));
            }
        }
        for (doc, si, seq) in d.counter_evidence.iter().take(MAX_EVIDENCE) {
            evidence.push(evidence_of(cmp, &docs, *doc, *si, seq));
        }
        let (category, lexicon) = match d.category {
            Some((l, c)) => {
                let lex = &matcher.lexicons()[l];
                (Some(lex.categories[c].id.clone()), Some(lex.name.clone()))
            }
            None => (None, None),
        };
        let covered = d.covered_by.map(|e| matcher.term(e));
        out.push(Candidate {
            term: d.term,
            source: if d.substitutions > 0 {
                Source::Substitution
            } else {
                Source::Keyness
            },
            category,
            lexicon,
            covered_by: covered.map(|t| t.term.clone()),
            neutral: d.neutral,
            counterpart: (!d.counterparts.is_empty()).then(|| d.counterparts.join(" / ")),
            outlet: cmp.documents[d.doc].label.clone(),
            score: round(score, 2),
            g2: g2.map(|g| round(g, 2)),
            counts,
            substitutions: d.substitutions,
            name,
            evidence,
        });
    }
    out.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| x.term.to_lowercase().cmp(&y.term.to_lowercase()))
            .then_with(|| x.term.cmp(&y.term))
            .then_with(|| x.outlet.cmp(&y.outlet))
    });
    if let Some(n) = opts.limit {
        out.truncate(n);
    }
    Suggestions {
        schema: SCHEMA,
        documents: cmp
            .documents
            .iter()
            .zip(&totals)
            .map(|(d, &w)| DocInfo {
                path: d.path.clone(),
                label: d.label.clone(),
                words: w,
            })
            .collect(),
        candidates: out,
    }
}

/// Whether every occurrence of `seq` that does not start its sentence has all its content words
/// capitalised (and there is at least one such occurrence): a name, not a word choice.
fn looks_like_name(docs: &[Vec<Sent>], index: &Index, seq: &[String]) -> bool {
    let mut inner = 0;
    for (d, si, i) in index.occurrences(docs, seq) {
        if i == 0 {
            continue;
        }
        inner += 1;
        let s = &docs[d][si];
        let caps = s.words[i..i + seq.len()]
            .iter()
            .filter(|w| !w.stop)
            .all(|w| {
                s.text
                    .get(w.start..w.end)
                    .is_some_and(names::is_capitalised)
            });
        if !caps {
            return false;
        }
    }
    inner > 0
}

fn evidence_of(
    cmp: &Comparison,
    docs: &[Vec<Sent>],
    doc: usize,
    si: usize,
    seq: &[String],
) -> Evidence {
    let s = &docs[doc][si];
    let span = locate(&s.words, seq);
    Evidence {
        label: cmp.documents[doc].label.clone(),
        sentence: s.text.clone(),
        start: span.map(|x| x.0),
        end: span.map(|x| x.1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignOptions;
    use crate::ingest::{from_bytes, IngestOptions};
    use crate::lexicon::{Category, Lexicon, Term};

    fn doc(text: &str, label: &str) -> crate::ingest::Document {
        let opts = IngestOptions {
            label: Some(label.into()),
            segmented: true,
            ..IngestOptions::default()
        };
        from_bytes(text.as_bytes(), label, &opts).expect("document")
    }

    fn lexicon(terms: &[(&str, &str, Option<&str>)]) -> Matcher {
        let mut cats: Vec<Category> = Vec::new();
        for (cat, term, neutral) in terms {
            let t = Term {
                neutral: neutral.map(str::to_string),
                ..Term::new(*term)
            };
            match cats.iter_mut().find(|c| c.id == *cat) {
                Some(c) => c.terms.push(t),
                None => cats.push(Category {
                    id: cat.to_string(),
                    description: String::new(),
                    role: Default::default(),
                    terms: vec![t],
                }),
            }
        }
        Matcher::new(vec![Lexicon {
            name: "test".into(),
            description: String::new(),
            version: "1".into(),
            categories: cats,
        }])
        .expect("matcher")
    }

    fn run(a: &str, b: &str, m: &Matcher) -> Suggestions {
        let c = Comparison::new(vec![doc(a, "a"), doc(b, "b")], 0, &AlignOptions::default())
            .expect("compares");
        suggest(&c, m, &Options::default())
    }

    const A: &str = "The minister condemned the cronies of the occupiers in the region today.\n\
                     Officials met in the capital to discuss the reconstruction of the city.\n";
    const B: &str = "The minister condemned the stooges of the occupiers in the region today.\n\
                     Officials met in the capital to discuss the reconstruction of the city.\n";

    #[test]
    fn uncovered_side_of_a_swap_gets_the_covered_category() {
        let m = lexicon(&[
            ("hostility", "cronies", None),
            ("other", "occupation", None),
        ]);
        let s = run(A, B, &m);
        let c = s
            .candidates
            .iter()
            .find(|c| c.term == "stooges")
            .expect("stooges suggested");
        assert_eq!(c.source, Source::Substitution);
        assert_eq!(c.category.as_deref(), Some("hostility"));
        assert_eq!(c.lexicon.as_deref(), Some("test"));
        assert_eq!(c.covered_by.as_deref(), Some("cronies"));
        assert_eq!(c.counterpart.as_deref(), Some("cronies"));
        assert_eq!(c.outlet, "b");
        assert_eq!(c.counts, vec![0, 1]);
        assert!(c.score >= 100.0, "{}", c.score);
        let ev: Vec<&str> = c.evidence.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(ev, vec!["b", "a"]);
        let e = &c.evidence[0];
        assert_eq!(&e.sentence[e.start.unwrap()..e.end.unwrap()], "stooges");
        // the covered side is never a candidate
        assert!(s.candidates.iter().all(|c| c.term != "cronies"));
    }

    #[test]
    fn the_other_direction_and_no_category_when_nothing_is_covered() {
        let m = lexicon(&[("hostility", "stooges", None)]);
        let s = run(A, B, &m);
        let c = s.candidates.iter().find(|c| c.term == "cronies").unwrap();
        assert_eq!(
            (c.outlet.as_str(), c.category.as_deref()),
            ("a", Some("hostility"))
        );

        let m = lexicon(&[("other", "reconstruction plan", None)]);
        let s = run(A, B, &m);
        for t in ["cronies", "stooges"] {
            let c = s.candidates.iter().find(|c| c.term == t).unwrap();
            assert_eq!(c.category, None);
            assert!(c.score >= 20.0 && c.score < 100.0);
        }
    }

    #[test]
    fn neutral_counterparts_are_not_suggested() {
        let m = lexicon(&[("hostility", "cronies", Some("stooges"))]);
        let s = run(A, B, &m);
        assert!(s.candidates.iter().all(|c| c.term != "stooges"), "{s:?}");
    }

    #[test]
    fn a_swap_for_a_neutral_wording_is_filed_with_the_loaded_labels() {
        let m = lexicon(&[
            ("labels", "regime", Some("government")),
            ("neutral", "government", None),
        ]);
        let a = "Officials of the government denied the report about the port on Sunday.\n";
        let b = "Officials of the junta denied the report about the port on Sunday.\n";
        let s = run(a, b, &m);
        let c = s
            .candidates
            .iter()
            .find(|c| c.term == "junta")
            .expect("junta");
        assert_eq!(c.category.as_deref(), Some("labels"));
        assert_eq!(c.covered_by.as_deref(), Some("government"));
        assert_eq!(c.neutral.as_deref(), Some("government"));
        // a swap for a loaded label carries that label's counterpart
        let m = lexicon(&[("labels", "junta", Some("government"))]);
        let s = run(a, b, &m);
        assert!(s.candidates.iter().all(|c| c.term != "government"));
        let m = lexicon(&[("labels", "junta", Some("authorities"))]);
        let s = run(a, b, &m);
        let c = s
            .candidates
            .iter()
            .find(|c| c.term == "government")
            .unwrap();
        assert_eq!(
            (c.category.as_deref(), c.neutral.as_deref()),
            (Some("labels"), Some("authorities"))
        );
    }

    #[test]
    fn shared_context_is_kept_only_when_the_covered_term_spans_it() {
        let a = "The minister blamed the Israeli regime for the attack on the port.\n";
        let b = "The minister blamed the Zionist regime for the attack on the port.\n";
        // the term spans the shared head noun: the whole modifier + noun is the candidate
        let m = lexicon(&[("labels", "Zionist regime", Some("Israel"))]);
        let s = run(a, b, &m);
        let c = s.candidates.iter().find(|c| c.term == "Israeli regime");
        let c = c.unwrap_or_else(|| panic!("{:?}", s.candidates));
        assert_eq!(c.category.as_deref(), Some("labels"));
        assert_eq!(c.counterpart.as_deref(), Some("Zionist regime"));
        assert!(s.candidates.iter().all(|c| c.term != "Israeli"));
        // the term is the modifier alone: so is the candidate
        let m = lexicon(&[("labels", "Zionist", None)]);
        let s = run(a, b, &m);
        let c = s.candidates.iter().find(|c| c.term == "Israeli").unwrap();
        assert_eq!(c.counterpart.as_deref(), Some("Zionist"));
        // capitalised, so flagged, but the swap for a known term keeps it on top
        assert!(c.name && c.score >= 100.0, "{c:?}");
    }

    #[test]
    fn key_ngrams_are_found_and_subsumed_unigrams_dropped() {
        let a = "The brutal crackdown continued in the north.\n\
                 Witnesses described the brutal crackdown in detail.\n\
                 Police said the brutal crackdown was necessary.\n\
                 Markets were calm on the day.\n";
        let b = "Security operations continued in the north.\n\
                 Witnesses described the operations in detail.\n\
                 Police said the measures were necessary.\n\
                 Markets were calm on the day.\n";
        let m = lexicon(&[("x", "zzzz", None)]);
        let s = run(a, b, &m);
        let c = s
            .candidates
            .iter()
            .find(|c| c.term == "brutal crackdown")
            .expect("key bigram");
        assert_eq!(c.counts, vec![3, 0]);
        assert!(c.g2.unwrap() >= 3.84);
        assert!(s.candidates.iter().all(|c| c.term != "brutal"));
        assert!(s.candidates.iter().all(|c| c.term != "crackdown"));
    }

    #[test]
    fn names_are_flagged_and_rank_lower() {
        let a = "Talks with Foreign Minister Karimov ended after a brutal crackdown.\n\
                 Later Karimov condemned the brutal crackdown in the north.\n\
                 Reporters asked Karimov about the brutal crackdown.\n\
                 Markets were calm on the day.\n";
        let b = "Talks with the foreign minister ended after the security operation.\n\
                 Later the minister defended the operation in the north.\n\
                 Reporters asked him about the operation.\n\
                 Markets were calm on the day.\n";
        let m = lexicon(&[("x", "zzzz", None)]);
        let s = run(a, b, &m);
        let pos = |t: &str| s.candidates.iter().position(|c| c.term == t);
        let (name, phrase) = (
            pos("Karimov").expect("name"),
            pos("brutal crackdown").unwrap(),
        );
        assert!(s.candidates[name].name);
        assert!(!s.candidates[phrase].name);
        assert!(phrase < name, "{:?}", s.candidates);
    }

    #[test]
    fn a_report_against_itself_gives_nothing() {
        let a = "Talks with Foreign Minister Karimov ended. Later Karimov left for Paris.\n\
                 Reporters asked Karimov about the deal. The deal was signed.\n";
        let m = lexicon(&[("x", "zzzz", None)]);
        let s = run(a, a, &m);
        assert!(s.candidates.is_empty(), "{:?}", s.candidates);
        assert!(trim("the  of").is_none());
        let (t, ws) = trim("of the brutal crackdown in").unwrap();
        assert_eq!((t.as_str(), ws.len()), ("brutal crackdown", 2));
        assert!(!plausible(&words("12 people", 0)));
        assert!(!plausible(&words("on Monday", 0)));
        assert!(!plausible(&words("a b c d e", 0)));
    }
}
