//! `framediff report`: a comparison written as one shareable document (HTML, Markdown or JSON).
//!
//! The lexicon stage's results (term counts, keyness, hits) are joined to the comparison here
//! through [`LexiconFraming`], the [`Framing`] the view builder asks for categories, the term
//! table and hits inside any sentence.

use std::collections::BTreeMap;

use crate::compare::Comparison;
use crate::lexicon::count::tally_sentences;
use crate::lexicon::keyness;
use crate::lexicon::{Lexicon, Matcher};
use crate::report::build::{build, build_without_rows, Framing, Hit, Layout, StreamedRows};
use crate::report::compare::{self, compare_json};
use crate::report::style::Style;
use crate::report::terms::{self, Stat, TermsReport};
use crate::report::view::{self, CategoryInfo, KeynessItem, TermRow, TermTable};
use crate::report::{html, markdown};
use crate::{Error, Result};

/// Version tag of the report JSON.
pub const SCHEMA: &str = "framediff.report/1";

/// The formats `framediff report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Html,
    Markdown,
    Json,
}

/// Count the lexicons' terms in every report of `cmp` and render the whole report.
pub fn render(cmp: &Comparison, lexicons: Vec<Lexicon>, format: ReportFormat) -> Result<String> {
    Ok(render_parts(cmp, lexicons, format)?.concat())
}

/// [`render`] in parts to be written one after the other. The HTML and Markdown renderers
/// read the side-by-side rows as [`Layout`] makes them, never holding them all (the rows of a
/// long comparison cost several times its text), and their output is never one string: a
/// 200 MB comparison's HTML page is over a gigabyte.
pub fn render_parts(
    cmp: &Comparison,
    lexicons: Vec<Lexicon>,
    format: ReportFormat,
) -> Result<Vec<String>> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    let as_html = match format {
        ReportFormat::Json => return Ok(vec![json(cmp, &terms)?]),
        ReportFormat::Html => true,
        ReportFormat::Markdown => false,
    };
    let framing = LexiconFraming::new(&matcher, &terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, &framing, &layout);
    let rows = StreamedRows {
        layout,
        framing: &framing,
    };
    Ok(if as_html {
        html::render_parts(&view, &rows)
    } else {
        markdown::render_parts(&view, &rows)
    })
}

/// The terminal report of `framediff compare`: the side-by-side table with lexicon hits marked,
/// then the term-frequency table of the same reports.
pub fn terminal(cmp: &Comparison, lexicons: Vec<Lexicon>, style: &Style) -> Result<String> {
    Ok(terminal_parts(cmp, lexicons, style)?.concat())
}

/// [`terminal`] in parts to be written one after the other (see
/// [`compare::table_parts`]): a long report's terminal table is several times its size, and
/// as one string it would need that much fresh memory on top of everything else.
pub fn terminal_parts(
    cmp: &Comparison,
    lexicons: Vec<Lexicon>,
    style: &Style,
) -> Result<Vec<String>> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    let framing = LexiconFraming::new(&matcher, &terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    // The rows are rendered as they are made, never held together: see `Layout`.
    let layout = Layout::new(cmp);
    let view = build_without_rows(cmp, &words, &framing, &layout);
    let rows = StreamedRows {
        layout,
        framing: &framing,
    };
    let mut parts = compare::table_parts(cmp, &view, &rows, style);
    let mut out = String::from("\nFraming terms\n");
    out.push_str(&terms::table(&terms, terms::Options::default(), style));
    parts.push(out);
    Ok(parts)
}

/// The view model of a comparison with the given lexicons (for callers that render it
/// themselves).
pub fn view(cmp: &Comparison, lexicons: Vec<Lexicon>) -> Result<view::Report> {
    let matcher = Matcher::new(lexicons)?;
    let terms = term_stats(cmp, &matcher);
    Ok(view_of(cmp, &matcher, &terms))
}

/// Term counts and keyness over the kept sentences of every report.
fn term_stats(cmp: &Comparison, matcher: &Matcher) -> TermsReport {
    let counts: Vec<_> = cmp
        .documents
        .iter()
        .zip(&cmp.sentences)
        .map(|(d, s)| tally_sentences(matcher, &d.text, s))
        .collect();
    terms::build(matcher, &cmp.documents, &counts, terms::Options::default())
}

fn view_of(cmp: &Comparison, matcher: &Matcher, terms: &TermsReport) -> view::Report {
    let framing = LexiconFraming::new(matcher, terms);
    let words: Vec<usize> = terms.documents.iter().map(|d| d.words).collect();
    build(cmp, &words, &framing)
}

/// The `framediff.compare/1` JSON with the schema set to `framediff.report/1` and the
/// `framediff.terms/1` JSON added as `"terms"`.
fn json(cmp: &Comparison, terms: &TermsReport) -> Result<String> {
    let bad = |e: serde_json::Error| Error::Usage(format!("cannot render JSON: {e}"));
    let mut value: serde_json::Value = serde_json::from_str(&compare_json(cmp)?).map_err(bad)?;
    let terms_value = serde_json::to_value(terms).map_err(bad)?;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema".into(), SCHEMA.into());
        obj.insert("terms".into(), terms_value);
    }
    let mut s = serde_json::to_string_pretty(&value).map_err(bad)?;
    s.push('\n');
    Ok(s)
}

/// [`Framing`] backed by a compiled matcher and the term statistics of the compared reports.
pub struct LexiconFraming<'a> {
    matcher: &'a Matcher,
    terms: &'a TermsReport,
    /// (lexicon index, category index in that lexicon) → index into the legend.
    legend: BTreeMap<(usize, usize), usize>,
    categories: Vec<CategoryInfo>,
}

impl<'a> LexiconFraming<'a> {
    /// The legend lists the categories with at least one hit, in lexicon order.
    pub fn new(matcher: &'a Matcher, terms: &'a TermsReport) -> Self {
        let mut legend = BTreeMap::new();
        let mut categories = Vec::new();
        for row in &terms.categories {
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

impl Framing for LexiconFraming<'_> {
    fn categories(&self) -> Vec<CategoryInfo> {
        self.categories.clone()
    }

    fn term_table(&self) -> TermTable {
        let n = self.terms.documents.len();
        let row = |r: &terms::Row, subtotal: bool| {
            let g2 = per_outlet(&r.log_likelihood, n);
            TermRow {
                lexicon: r.lexicon.clone(),
                category: r.category.clone(),
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
        for cat in &self.terms.categories {
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
