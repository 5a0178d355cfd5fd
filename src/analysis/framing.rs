//! What the lexicon stage contributes to a comparison report: the categories with hits (the
//! legend), the term table with keyness per outlet, the categories that set an outlet apart,
//! and the hits inside any piece of text. [`Framing`] is what the report's view builder asks;
//! [`LexiconFraming`] answers from a compiled matcher and the term statistics of the compared
//! reports ([`super::terms`]), [`NoFraming`] when there are no lexicons.
//!
//! Outlets are referred to by their index in document order, categories by their index in the
//! legend ([`Framing::categories`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::terms::{CountRow, Stat, TermsReport};
use crate::compare::Comparison;
use crate::lexicon::keyness;
use crate::lexicon::{Lexicon, Matcher, Role, Tuning};
use crate::Result;

/// A lexicon hit inside a piece of text: byte range and index into [`Framing::categories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset where the hit starts in the text it was found in.
    pub start: usize,
    /// Byte offset just past the hit.
    pub end: usize,
    /// Index into [`Framing::categories`].
    pub category: usize,
}

/// What the lexicon stage contributes to a report: its categories (the legend), the term
/// table, the categories with the largest keyness, and a way to find hits in any text.
pub trait Framing {
    /// Categories with hits, in legend order.
    fn categories(&self) -> Vec<CategoryInfo>;
    /// The full term-frequency table, one column per outlet in document order.
    fn term_table(&self) -> TermTable;
    /// Categories ordered by keyness, strongest first.
    fn top_keyness(&self) -> Vec<KeynessItem>;
    /// Hits in `text`, sorted and non-overlapping, with category indices into
    /// [`Framing::categories`].
    fn hits(&self, text: &str) -> Vec<Hit>;
}

/// No lexicons: no legend, no terms, no hits.
pub struct NoFraming;

impl Framing for NoFraming {
    fn categories(&self) -> Vec<CategoryInfo> {
        Vec::new()
    }
    fn term_table(&self) -> TermTable {
        TermTable::default()
    }
    fn top_keyness(&self) -> Vec<KeynessItem> {
        Vec::new()
    }
    fn hits(&self, _text: &str) -> Vec<Hit> {
        Vec::new()
    }
}

/// A framing category that one outlet uses markedly more (or less) than the others.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeynessItem {
    /// Index into [`Framing::categories`].
    pub category: usize,
    /// Index into the documents: the outlet this value describes.
    pub outlet: usize,
    /// Log-likelihood G² of this outlet's frequency against the rest (two outlets: against the
    /// other one).
    pub g2: f64,
    /// Log₂ ratio of relative frequencies; positive means this outlet uses the category more.
    pub log_ratio: f64,
    /// Significance mark as computed by the term statistics (e.g. "*", "**", "***"), may be empty.
    pub mark: String,
}

/// A lexicon category, for the legend and the colours.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CategoryInfo {
    /// Identifier in the lexicon, e.g. "delegitimizing".
    pub id: String,
    /// Human label, e.g. "Delegitimising labels".
    pub label: String,
    /// Name of the lexicon defining it.
    pub lexicon: String,
    /// What the category captures.
    pub description: String,
    /// Colour slot; renderers take it modulo their palette size, so any number works. Give
    /// categories distinct consecutive numbers (0, 1, 2, …) for distinct colours.
    pub colour: usize,
}

/// The full term-frequency table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TermTable {
    /// Rows grouped by lexicon and category: the terms of a category, then its subtotal; the
    /// loaded categories first, then the reference ones (context, shown apart).
    pub rows: Vec<TermRow>,
}

/// One term (or a category subtotal) counted in every outlet.
///
/// Every vector has one entry per outlet, in the documents order. Keyness (`g2`,
/// `log_ratio`, `mark`) compares an outlet with the others: with two outlets, the first against
/// the second (both entries then describe the same comparison, mirrored); with more, each against
/// the rest combined.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TermRow {
    /// Lexicon name.
    pub lexicon: String,
    /// Category id (as in the lexicon).
    pub category: String,
    /// `loaded` (framing) or `reference` (context: in no total, keyness summary or colour).
    pub role: Role,
    /// Index into [`Framing::categories`] for the colour, when the category is listed there.
    pub category_index: Option<usize>,
    /// The term (for a subtotal row: empty or a label such as "all terms").
    pub term: String,
    /// A neutral alternative wording suggested by the lexicon.
    pub neutral: Option<String>,
    /// This row sums a category's terms.
    pub is_subtotal: bool,
    /// Occurrences per outlet.
    pub counts: Vec<u64>,
    /// Occurrences per 1,000 words per outlet.
    pub per_1000: Vec<f64>,
    /// Occurrences inside direct speech per outlet (already included in `counts`).
    pub quoted: Vec<u64>,
    /// Log-likelihood G² per outlet; `None` where not computed (e.g. zero counts everywhere).
    pub g2: Vec<Option<f64>>,
    /// Log₂ ratio per outlet; `None` where undefined.
    pub log_ratio: Vec<Option<f64>>,
    /// Significance mark per outlet (e.g. "*", "**", "***" or empty).
    pub mark: Vec<String>,
}

/// [`Framing`] backed by a compiled matcher and the term statistics of the compared reports.
pub struct LexiconFraming {
    matcher: Matcher,
    terms: TermsReport,
    /// (lexicon index, category index in that lexicon) → index into the legend.
    legend: BTreeMap<(usize, usize), usize>,
    categories: Vec<CategoryInfo>,
}

impl LexiconFraming {
    /// Compile `lexicons` and count their terms in every report of `cmp`. The matcher is tuned
    /// to the reports' size: a few articles do not repay building the fastest automaton.
    pub fn new(cmp: &Comparison, lexicons: Vec<Lexicon>) -> Result<LexiconFraming> {
        let bytes = cmp.documents.iter().map(|d| d.text.len()).sum();
        let matcher = Matcher::tuned(lexicons, Tuning::for_bytes(bytes))?;
        let terms = super::terms::of_comparison(cmp, &matcher);
        Ok(LexiconFraming::from_terms(matcher, terms))
    }

    /// The framing of already counted `terms`. The legend lists the loaded categories with at
    /// least one hit, in lexicon order: reference hits are context, so they are neither
    /// coloured in the text nor listed among the framing categories.
    pub fn from_terms(matcher: Matcher, terms: TermsReport) -> LexiconFraming {
        let mut legend = BTreeMap::new();
        let mut categories = Vec::new();
        for row in terms.categories.iter().filter(|c| c.is_loaded()) {
            let Some((li, lex)) = matcher
                .lexicons()
                .iter()
                .enumerate()
                .find(|(_, l)| l.name == row.lexicon)
            else {
                continue;
            };
            let Some(ci) = lex.categories.iter().position(|c| c.id == row.category) else {
                continue;
            };
            legend.insert((li, ci), categories.len());
            let c = &lex.categories[ci];
            categories.push(CategoryInfo {
                id: c.id.clone(),
                label: label_of(&c.id),
                lexicon: lex.name.clone(),
                description: c.description.clone(),
                colour: categories.len(),
            });
        }
        LexiconFraming {
            matcher,
            terms,
            legend,
            categories,
        }
    }

    /// The term statistics of the compared reports.
    pub fn terms(&self) -> &TermsReport {
        &self.terms
    }

    fn legend_index(&self, lexicon: &str, category: &str) -> Option<usize> {
        self.categories
            .iter()
            .position(|c| c.lexicon == lexicon && c.id == category)
    }
}

/// "western-hostility/us" → "Western hostility / us": ids are slugs, the legend is for people.
fn label_of(id: &str) -> String {
    let s = id.replace('/', " / ").replace(['-', '_'], " ");
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => s,
    }
}

/// Per-outlet values of a statistic: two reports give one value for the first against the
/// second, shown mirrored for the second; more give one value per report against the rest.
fn per_outlet(stat: &Stat, n: usize) -> Vec<Option<f64>> {
    match stat {
        Stat::None => vec![None; n],
        Stat::One(v) => vec![Some(*v), Some(-*v)],
        Stat::Each(v) => v.clone(),
    }
}

impl Framing for LexiconFraming {
    fn categories(&self) -> Vec<CategoryInfo> {
        self.categories.clone()
    }

    fn term_table(&self) -> TermTable {
        let n = self.terms.documents.len();
        let row = |r: &CountRow, subtotal: bool| {
            let g2 = per_outlet(&r.log_likelihood, n);
            TermRow {
                lexicon: r.lexicon.clone(),
                category: r.category.clone(),
                role: r.role,
                category_index: self.legend_index(&r.lexicon, &r.category),
                term: r.term.clone().unwrap_or_else(|| "all terms".into()),
                neutral: r.neutral.clone(),
                is_subtotal: subtotal,
                counts: r.counts.iter().map(|&c| c as u64).collect(),
                per_1000: r.per_1000.clone(),
                quoted: r.quoted.iter().map(|&c| c as u64).collect(),
                mark: g2
                    .iter()
                    .map(|g| g.map_or(String::new(), |g| keyness::mark(g.abs()).to_string()))
                    .collect(),
                g2,
                log_ratio: per_outlet(&r.log_ratio, n),
            }
        };
        let mut rows = Vec::new();
        let loaded = self.terms.categories.iter().filter(|c| c.is_loaded());
        let reference = self.terms.categories.iter().filter(|c| !c.is_loaded());
        for cat in loaded.chain(reference) {
            rows.extend(
                self.terms
                    .terms
                    .iter()
                    .filter(|t| t.lexicon == cat.lexicon && t.category == cat.category)
                    .map(|t| row(t, false)),
            );
            rows.push(row(cat, true));
        }
        TermTable { rows }
    }

    fn top_keyness(&self) -> Vec<KeynessItem> {
        let n = self.terms.documents.len();
        let mut items: Vec<KeynessItem> = Vec::new();
        // the legend holds loaded categories only, so reference ones never make the summary
        for cat in &self.terms.categories {
            let Some(category) = self.legend_index(&cat.lexicon, &cat.category) else {
                continue;
            };
            let g2 = per_outlet(&cat.log_likelihood, n);
            let lr = per_outlet(&cat.log_ratio, n);
            // the outlet that uses the category most, relative to the others
            let best = (0..n)
                .filter_map(|o| {
                    Some((
                        o,
                        g2.get(o).copied().flatten()?,
                        lr.get(o).copied().flatten()?,
                    ))
                })
                .filter(|(_, g, _)| *g > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((outlet, g, r)) = best {
                items.push(KeynessItem {
                    category,
                    outlet,
                    g2: g,
                    log_ratio: r,
                    mark: keyness::mark(g).to_string(),
                });
            }
        }
        items.sort_by(|a, b| b.g2.total_cmp(&a.g2).then(a.category.cmp(&b.category)));
        items
    }

    fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .matcher
            .find(text)
            .into_iter()
            .filter_map(|h| {
                Some(Hit {
                    start: h.start,
                    end: h.end,
                    category: *self.legend.get(&(h.lexicon, h.category))?,
                })
            })
            .collect();
        // Lexicons count independently, so hits may overlap; the view needs one category per
        // piece of text: keep the earliest, then longest, hit.
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }
}
