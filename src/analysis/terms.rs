//! Framing statistics per report: how often each lexicon term and category occurs in each
//! document, per 1,000 words, inside quoted speech and scare quotes, and its keyness (Dunning
//! log-likelihood and log ratio) against the other documents. What `framediff terms` prints and
//! what the comparison report's term table is made of. Field meanings are documented in
//! `docs/terms.md`.

use serde::Serialize;

use super::kwic::{kwic_rows, KwicRow};
use super::round;
use crate::compare::Comparison;
use crate::ingest::Document;
use crate::lexicon::count::{self, count_sentences, tally_sentences, DocumentCounts, Tally};
use crate::lexicon::keyness::{self, Keyness};
use crate::lexicon::{Matcher, Role};
use crate::segment::{segment, segment_spans};

/// Version tag of the counts JSON. `/2`: every term and category row has a `role`, and
/// reference rows (context, not framing) come among the others in lexicon order.
pub const SCHEMA: &str = "framediff.terms/2";

/// A document as listed in the output.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    /// The path as given (or `-` for stdin).
    pub path: String,
    /// The report's label.
    pub label: String,
    /// Words counted in the report's kept sentences (the denominator of every rate).
    pub words: usize,
}

/// A lexicon as listed in the output.
#[derive(Debug, Clone, Serialize)]
pub struct LexInfo {
    /// The lexicon's `name`.
    pub name: String,
    /// The lexicon's `version`, cited with every result.
    pub version: String,
}

/// A statistic that is absent for one document, a number for two, one per document for more.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Stat {
    /// One report: nothing to compare with.
    None,
    /// Two reports: the first against the second.
    One(f64),
    /// Three or more: each report against the others combined (absent where undefined).
    Each(Vec<Option<f64>>),
}

/// Counts of one term or one category across the documents.
#[derive(Debug, Clone, Serialize)]
pub struct CountRow {
    /// Name of the lexicon.
    pub lexicon: String,
    /// Category id (`parent/child` for subcategories).
    pub category: String,
    /// `loaded` (framing, counted in totals) or `reference` (context, shown apart).
    pub role: Role,
    /// The term (absent on category rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// The term's neutral counterpart, if the lexicon gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neutral: Option<String>,
    /// Hits per report.
    pub counts: Vec<usize>,
    /// Hits per 1,000 words, per report.
    pub per_1000: Vec<f64>,
    /// Hits inside quoted speech, per report.
    pub quoted: Vec<usize>,
    /// Hits in scare quotes, per report.
    pub scare_quoted: Vec<usize>,
    /// Signed Dunning log-likelihood G² (positive: relatively more in the first report).
    pub log_likelihood: Stat,
    /// Log2 ratio of the rates.
    pub log_ratio: Stat,
}

impl CountRow {
    /// Whether any report has a hit.
    pub fn any(&self) -> bool {
        self.counts.iter().any(|&c| c > 0)
    }

    /// Whether the row is framing (its hits count in totals and keyness summaries).
    pub fn is_loaded(&self) -> bool {
        self.role == Role::Loaded
    }
}

/// Everything `framediff terms` reports, in display order.
#[derive(Debug, Clone, Serialize)]
pub struct TermsReport {
    /// Version tag of the JSON ([`SCHEMA`]).
    pub schema: &'static str,
    /// The reports, in command-line order.
    pub documents: Vec<DocInfo>,
    /// The lexicons used, in order.
    pub lexicons: Vec<LexInfo>,
    /// One row per term, in lexicon order.
    pub terms: Vec<CountRow>,
    /// One row per category (subtotals), in lexicon order.
    pub categories: Vec<CountRow>,
}

/// What to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep terms (and categories) with no hit in any document.
    pub all: bool,
    /// Category rows only (table, CSV, Markdown; JSON always has both).
    pub by_category: bool,
}

fn stats(counts: &[usize], words: &[usize]) -> (Stat, Stat) {
    match counts.len() {
        0 | 1 => (Stat::None, Stat::None),
        2 => match keyness::pair(counts[0], counts[1], words[0], words[1]) {
            Some(k) => (
                Stat::One(round(k.log_likelihood, 4)),
                Stat::One(round(k.log_ratio, 4)),
            ),
            None => (Stat::None, Stat::None),
        },
        _ => {
            let ks: Vec<Option<Keyness>> = keyness::each_vs_rest(counts, words);
            (
                Stat::Each(
                    ks.iter()
                        .map(|k| k.map(|k| round(k.log_likelihood, 4)))
                        .collect(),
                ),
                Stat::Each(
                    ks.iter()
                        .map(|k| k.map(|k| round(k.log_ratio, 4)))
                        .collect(),
                ),
            )
        }
    }
}

fn row(
    lexicon: &str,
    category: &str,
    role: Role,
    term: Option<String>,
    neutral: Option<String>,
    tallies: Vec<Tally>,
    words: &[usize],
) -> CountRow {
    let counts: Vec<usize> = tallies.iter().map(|t| t.hits).collect();
    let (ll, lr) = stats(&counts, words);
    CountRow {
        lexicon: lexicon.to_string(),
        category: category.to_string(),
        role,
        term,
        neutral,
        per_1000: counts
            .iter()
            .zip(words)
            .map(|(&c, &w)| round(keyness::per_1000(c, w), 4))
            .collect(),
        quoted: tallies.iter().map(|t| t.quoted).collect(),
        scare_quoted: tallies.iter().map(|t| t.scare_quoted).collect(),
        counts,
        log_likelihood: ll,
        log_ratio: lr,
    }
}

/// The statistics from per-document counts (parallel to `docs`).
pub fn build(
    m: &Matcher,
    docs: &[Document],
    counts: &[DocumentCounts],
    opts: Options,
) -> TermsReport {
    let words: Vec<usize> = counts.iter().map(|c| c.words).collect();
    let mut terms = Vec::new();
    for (i, e) in m.entries().iter().enumerate() {
        let lex = &m.lexicons()[e.lexicon];
        let t = m.term(i);
        let cat = &lex.categories[e.category];
        terms.push(row(
            &lex.name,
            &cat.id,
            cat.role,
            Some(t.term.clone()),
            t.neutral.clone(),
            counts.iter().map(|c| c.terms[i]).collect(),
            &words,
        ));
    }
    let mut categories = Vec::new();
    for (i, c) in count::categories(m).iter().enumerate() {
        let lex = &m.lexicons()[c.lexicon];
        let cat = &lex.categories[c.category];
        categories.push(row(
            &lex.name,
            &cat.id,
            cat.role,
            None,
            None,
            counts.iter().map(|d| d.categories[i]).collect(),
            &words,
        ));
    }
    if !opts.all {
        terms.retain(CountRow::any);
        categories.retain(CountRow::any);
    }
    TermsReport {
        schema: SCHEMA,
        documents: docs
            .iter()
            .zip(&words)
            .map(|(d, &w)| DocInfo {
                path: d.path.clone(),
                label: d.label.clone(),
                words: w,
            })
            .collect(),
        lexicons: m
            .lexicons()
            .iter()
            .map(|l| LexInfo {
                name: l.name.clone(),
                version: l.version.clone(),
            })
            .collect(),
        terms,
        categories,
    }
}

/// Count the matcher's terms in every document (segmented here) and build the statistics.
/// Hits are tallied 512 sentences at a time and dropped: memory does not grow with their
/// number.
pub fn count_documents(m: &Matcher, docs: &[Document], opts: Options) -> TermsReport {
    let counts: Vec<DocumentCounts> = docs
        .iter()
        .map(|d| tally_sentences(m, &d.text, &segment_spans(d)))
        .collect();
    build(m, docs, &counts, opts)
}

/// [`count_documents`], and every hit in context (`framediff terms --kwic`), in document then
/// text order: the hits are kept, as they are all listed.
pub fn count_with_hits(
    m: &Matcher,
    docs: &[Document],
    opts: Options,
) -> (TermsReport, Vec<KwicRow>) {
    let sentences: Vec<_> = docs.iter().map(segment).collect();
    let counts: Vec<DocumentCounts> = docs
        .iter()
        .zip(&sentences)
        .map(|(d, s)| count_sentences(m, &d.text, s))
        .collect();
    let report = build(m, docs, &counts, opts);
    let rows = kwic_rows(m, docs, &sentences, &counts);
    (report, rows)
}

/// Term counts and keyness over the kept sentences of every report of a comparison (its
/// sentences are already segmented), every term and category with a hit.
pub fn of_comparison(cmp: &Comparison, m: &Matcher) -> TermsReport {
    let counts: Vec<DocumentCounts> = cmp
        .documents
        .iter()
        .zip(&cmp.sentences)
        .map(|(d, s)| tally_sentences(m, &d.text, s))
        .collect();
    build(m, &cmp.documents, &counts, Options::default())
}
