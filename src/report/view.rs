//! The report's view model: everything `framediff report` shows, already computed, as plain data.
//!
//! The HTML ([`super::html`]) and Markdown ([`super::markdown`]) renderers read only this model, so
//! they stay independent of how the aligner, the differ and the lexicon matcher represent their
//! results; an adapter builds a [`Report`] from the pipeline's output. The model is also what the
//! `framediff.report/3` JSON serialises ([`json`]).
//!
//! Conventions used throughout:
//! * Outlets are referred to by their index into [`Report::outlets`], in the order the files were
//!   given. Every per-outlet vector ([`SentenceRow::cells`], [`Summary::per_outlet`], the
//!   vectors of a [`TermRow`]) has one entry per outlet in that order.
//! * Lexicon categories are referred to by their index into [`Report::categories`].
//! * One outlet is the *pivot*: the report every other one is compared with. Rows follow its
//!   reading order, substitutions read "pivot wording → outlet wording".
//! * Renderers never panic on an inconsistent model (an index out of range is shown as "?" or
//!   skipped); [`Report::problems`] lists such inconsistencies so an adapter's tests can catch
//!   them.
//!
//! ```
//! use framediff::report::view::{
//!     Cell, Change, Outlet, OutletSummary, Piece, Report, RowKind, SentenceRow,
//! };
//! use framediff::report::{html, markdown};
//!
//! let outlet = |label: &str| Outlet { label: label.into(), ..Outlet::default() };
//! let report = Report {
//!     title: "Two reports".into(),
//!     generated_by: "framediff 0.1.0".into(),
//!     outlets: vec![outlet("A"), outlet("B")],
//!     summary: framediff::report::view::Summary {
//!         per_outlet: vec![OutletSummary::default(); 2],
//!         ..Default::default()
//!     },
//!     rows: vec![SentenceRow {
//!         kind: RowKind::Aligned,
//!         cells: vec![
//!             Some(Cell::plain(vec![0], "They met on Monday.")),
//!             Some(Cell {
//!                 sentence_ids: vec![0],
//!                 score: Some(0.8),
//!                 pieces: vec![
//!                     Piece::same("They met on "),
//!                     Piece::changed("Monday", Change::Deleted),
//!                     Piece::changed("Tuesday", Change::Inserted),
//!                     Piece::same("."),
//!                 ],
//!                 also: Vec::new(),
//!             }),
//!         ],
//!     }],
//!     ..Report::default()
//! };
//! assert!(report.problems().is_empty());
//! // the renderers write to any `io::Write`; the rows may come from elsewhere than `report.rows`
//! let mut page = Vec::new();
//! html::render(&mut page, &report, &report.rows)?;
//! assert!(String::from_utf8(page)?.contains("<del class=\"del\">Monday</del>"));
//! let mut md = Vec::new();
//! markdown::render(&mut md, &report, &report.rows)?;
//! assert!(String::from_utf8(md)?.contains("~~Monday~~**Tuesday**"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Write};

use serde::Serialize;

pub use crate::analysis::framing::{CategoryInfo, KeynessItem, TermRow, TermTable};
pub use crate::ingest::SetAside;

/// Version tag of the report JSON.
pub const SCHEMA: &str = "framediff.report/3";

/// A comparison of two or more reports of the same event.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Headline of the comparison, e.g. "Velayati meets Mekdad — 2 reports".
    pub title: String,
    /// Tool and version, e.g. "framediff 0.1.0". No timestamp: the output must be byte-identical
    /// for the same input so reports can be diffed and cached.
    pub generated_by: String,
    /// The compared reports, in command-line order.
    pub outlets: Vec<Outlet>,
    /// Index of the pivot outlet.
    pub pivot: usize,
    /// The numbers a reader wants first.
    pub summary: Summary,
    /// The side-by-side sentences, in reading order.
    pub rows: Vec<SentenceRow>,
    /// Word substitutions (pivot wording → another outlet's wording), most frequent first.
    pub substitutions: Vec<Substitution>,
    /// Facts the outlets disagree on (weekday, date, number, name…), in reading order.
    pub discrepancies: Vec<Discrepancy>,
    /// Spellings of the same name (transliteration variants), most frequent first.
    pub variants: Vec<Variant>,
    /// Lexicon categories referred to anywhere in the report, for the legend and colours.
    pub categories: Vec<CategoryInfo>,
    /// The full term-frequency table.
    pub terms: TermTable,
    /// Things the reader should know (e.g. low coverage: "these may not be the same event").
    pub warnings: Vec<String>,
}

/// One compared report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Outlet {
    /// Short name used in column headers (the `--label`, else the file name).
    pub label: String,
    /// Headline of the article, when known.
    pub title: Option<String>,
    /// Publication date as found in the page, when known (free text, not parsed).
    pub date: Option<String>,
    /// The file the report was read from, as given on the command line.
    pub path: String,
    /// Word count of the kept text.
    pub words: usize,
    /// Sentence count of the kept text.
    pub sentences: usize,
    /// Share (0..=1) of this outlet's sentences paired with the pivot. For the pivot itself: the
    /// share of its sentences paired with at least one other outlet. `None` when not computed.
    pub coverage: Option<f64>,
    /// Page chrome set aside from the file before comparing (lines and bytes); readers must
    /// know when part of an input was left out.
    pub set_aside: SetAside,
}

/// The summary section.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Sentence counts per outlet, one entry per outlet.
    pub per_outlet: Vec<OutletSummary>,
    /// The most telling substitutions (usually the first few of [`Report::substitutions`]).
    pub top_substitutions: Vec<Substitution>,
    /// Categories with the largest keyness, strongest first.
    pub top_keyness: Vec<KeynessItem>,
}

/// How one outlet's sentences relate to the pivot's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OutletSummary {
    /// Sentences of this outlet paired with the pivot (for the pivot: paired with anyone).
    pub shared: usize,
    /// Sentences only this outlet carries (for the pivot: paired with no one).
    pub added: usize,
    /// Pivot sentences this outlet lacks (0 for the pivot).
    pub omitted: usize,
}

/// One row of the side-by-side table: a group of sentences that say the same thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SentenceRow {
    /// Whether the row is shared or carried by one outlet only.
    pub kind: RowKind,
    /// One entry per outlet; `None` means this outlet does not report it.
    pub cells: Vec<Option<Cell>>,
}

/// What kind of row this is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A pivot sentence group paired with at least one other outlet.
    #[default]
    Aligned,
    /// Sentences only this outlet (index into [`Report::outlets`]) carries. A pivot sentence
    /// nobody else reports is `OnlyIn(pivot)`; sentences only a non-pivot outlet carries are
    /// placed after the row of their preceding paired sentence.
    OnlyIn(usize),
}

/// One outlet's sentences in a row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    /// Indices of the outlet's sentences shown here (0-based, consecutive).
    pub sentence_ids: Vec<usize>,
    /// Similarity to the pivot's sentences in 0..=1; `None` for the pivot and only-in cells.
    pub score: Option<f64>,
    /// The displayed text, cut into pieces; concatenated they give the text, spaces included.
    pub pieces: Vec<Piece>,
    /// Further partners of the row's pivot sentences that are shown in full in another row (a
    /// sentence is shown once, in its best pair; see [`crate::align::Alignment::best_pairs`]).
    /// Renderers point to them ("also ↔ 7") instead of repeating their text. Left out of the
    /// JSON when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Elsewhere>,
}

/// A sentence of an outlet shown in full in another row, where this row's pivot sentences are
/// also linked to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Elsewhere {
    /// The outlet's sentence (0-based).
    pub sentence: usize,
    /// The row showing it (0-based index into the rows).
    pub row: usize,
    /// The pivot sentences of that row (0-based), as its `#` shows them in the terminal table.
    pub pivot: Vec<usize>,
}

/// A run of text with one appearance.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Piece {
    /// The text, including any spaces around it.
    pub text: String,
    /// How the text relates to the pivot.
    pub change: Change,
    /// Index into [`Report::categories`] when the piece is a lexicon hit.
    pub category: Option<usize>,
    /// Inside direct speech (a quotation): the outlet attributes these words to someone.
    pub quoted: bool,
}

impl Piece {
    /// Unchanged, unmarked text.
    pub fn same(text: impl Into<String>) -> Piece {
        Piece {
            text: text.into(),
            ..Piece::default()
        }
    }

    /// Text with the given change, not a lexicon hit, not quoted.
    pub fn changed(text: impl Into<String>, change: Change) -> Piece {
        Piece {
            text: text.into(),
            change,
            ..Piece::default()
        }
    }
}

impl Cell {
    /// A cell showing `text` unmarked (e.g. a sentence only one outlet carries).
    pub fn plain(sentence_ids: Vec<usize>, text: impl Into<String>) -> Cell {
        Cell {
            sentence_ids,
            score: None,
            pieces: vec![Piece::same(text)],
            also: Vec::new(),
        }
    }

    /// The cell's text: its pieces concatenated.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// A piece's relation to the pivot.
///
/// In a non-pivot cell, `Deleted` are words of the pivot this outlet dropped (shown so the reader
/// sees what was replaced) and `Inserted` are words this outlet added. The pivot's own cell shows
/// its text; with two outlets it may mark words its partner dropped as `Deleted`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    #[default]
    /// Text both the pivot and this outlet have.
    Same,
    /// Text of the pivot this outlet left out.
    Deleted,
    /// Text this outlet added.
    Inserted,
}

/// A wording swap: where the pivot says `from`, outlet `outlet` says `to`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Substitution {
    /// The pivot's words.
    pub from: String,
    /// The other outlet's words.
    pub to: String,
    /// How many aligned sentence pairs show this swap.
    pub count: usize,
    /// Index into [`Report::outlets`] of the outlet saying `to`.
    pub outlet: usize,
    /// Category of `from` when it is a lexicon term (index into [`Report::categories`]).
    pub from_category: Option<usize>,
    /// Category of `to` when it is a lexicon term.
    pub to_category: Option<usize>,
}

/// A fact the outlets state differently in sentences that say the same thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Discrepancy {
    /// What disagrees: "weekday", "date", "number", "name", … (free text, shown as is).
    pub kind: String,
    /// The value each outlet gives, pivot first when it states one.
    pub values: Vec<DiscrepancyValue>,
    /// Index into [`Report::rows`] of the row showing it, for a link.
    pub row: Option<usize>,
}

/// One outlet's version of a disputed fact.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DiscrepancyValue {
    /// Index into [`Report::outlets`].
    pub outlet: usize,
    /// The value as written, e.g. "Wednesday".
    pub value: String,
}

/// Two spellings of the same name, e.g. a transliteration ("Mekdad" / "Mikdad").
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Variant {
    /// One spelling.
    pub a: String,
    /// The other spelling.
    pub b: String,
    /// How many aligned pairs show the two spellings against each other.
    pub count: usize,
    /// Outlets writing `a` (indices into [`Report::outlets`]); may be empty when unknown.
    pub a_outlets: Vec<usize>,
    /// Outlets writing `b`.
    pub b_outlets: Vec<usize>,
}

impl SentenceRow {
    /// True when every outlet reports the row and no cell shows a change: the filter "only
    /// differences" hides such rows.
    pub fn is_identical(&self) -> bool {
        self.kind == RowKind::Aligned
            && self.cells.iter().all(|c| {
                c.as_ref()
                    .is_some_and(|c| c.pieces.iter().all(|p| p.change == Change::Same))
            })
    }

    /// True when at least one outlet does not report the row.
    pub fn is_partial(&self) -> bool {
        self.cells.iter().any(Option::is_none)
    }
}

/// The rows of the side-by-side table as a renderer reads them: how many, their shapes, then
/// each complete, in order.
///
/// A complete [`Report`] holds its rows (`Vec<SentenceRow>` is a stream), but a long
/// comparison's rows cost several times its text; [`crate::report::build::StreamedRows`] makes
/// them one at a time instead, so the renderers can write a 200 MB comparison without ever
/// holding all its rows.
pub trait RowStream {
    /// The number of rows [`RowStream::each`] hands out (known before any is made: the summary
    /// links discrepancies to rows before the table is written).
    fn count(&self) -> usize;
    /// Every row in order without its text (every cell's `pieces` may be empty): cheap, for
    /// sizing columns before the rows are made.
    fn shapes(&self, f: &mut dyn FnMut(&SentenceRow));
    /// Every row in reading order, complete.
    fn each(&self, f: &mut dyn FnMut(&SentenceRow));
}

impl RowStream for Vec<SentenceRow> {
    fn count(&self) -> usize {
        self.len()
    }
    fn shapes(&self, f: &mut dyn FnMut(&SentenceRow)) {
        self.iter().for_each(f);
    }
    fn each(&self, f: &mut dyn FnMut(&SentenceRow)) {
        self.iter().for_each(f);
    }
}

impl Report {
    /// Label of outlet `i`, or "?" when out of range (renderers never panic on a bad index).
    pub fn outlet_label(&self, i: usize) -> &str {
        self.outlets.get(i).map_or("?", |o| o.label.as_str())
    }

    /// Category `i`, when in range.
    pub fn category(&self, i: usize) -> Option<&CategoryInfo> {
        self.categories.get(i)
    }

    /// Inconsistencies between the parts of the model (indices out of range, per-outlet vectors
    /// of the wrong length), one message each. Empty for a well-formed report. Renderers cope with
    /// all of them; this exists so adapters can assert they build consistent models.
    pub fn problems(&self) -> Vec<String> {
        let n = self.outlets.len();
        let nc = self.categories.len();
        let mut out = Vec::new();
        let outlet = |what: String, i: usize, out: &mut Vec<String>| {
            if i >= n {
                out.push(format!("{what}: outlet {i} out of range ({n} outlets)"));
            }
        };
        outlet("pivot".into(), self.pivot, &mut out);
        if self.summary.per_outlet.len() != n {
            out.push(format!(
                "summary.per_outlet has {} entries for {n} outlets",
                self.summary.per_outlet.len()
            ));
        }
        let cat = |what: String, c: Option<usize>, out: &mut Vec<String>| {
            if let Some(c) = c {
                if c >= nc {
                    out.push(format!(
                        "{what}: category {c} out of range ({nc} categories)"
                    ));
                }
            }
        };
        for (i, k) in self.summary.top_keyness.iter().enumerate() {
            outlet(format!("summary.top_keyness[{i}]"), k.outlet, &mut out);
            cat(
                format!("summary.top_keyness[{i}]"),
                Some(k.category),
                &mut out,
            );
        }
        for (r, row) in self.rows.iter().enumerate() {
            if row.cells.len() != n {
                out.push(format!(
                    "rows[{r}] has {} cells for {n} outlets",
                    row.cells.len()
                ));
            }
            if let RowKind::OnlyIn(o) = row.kind {
                outlet(format!("rows[{r}].kind"), o, &mut out);
            }
            for (c, cell) in row.cells.iter().enumerate() {
                for (p, piece) in cell.iter().flat_map(|c| c.pieces.iter()).enumerate() {
                    cat(
                        format!("rows[{r}].cells[{c}].pieces[{p}]"),
                        piece.category,
                        &mut out,
                    );
                }
            }
        }
        let subs = self
            .substitutions
            .iter()
            .chain(&self.summary.top_substitutions);
        for (i, s) in subs.enumerate() {
            outlet(format!("substitution {i}"), s.outlet, &mut out);
            cat(format!("substitution {i}"), s.from_category, &mut out);
            cat(format!("substitution {i}"), s.to_category, &mut out);
        }
        for (i, d) in self.discrepancies.iter().enumerate() {
            for v in &d.values {
                outlet(format!("discrepancies[{i}]"), v.outlet, &mut out);
            }
            if let Some(r) = d.row {
                if r >= self.rows.len() {
                    out.push(format!("discrepancies[{i}]: row {r} out of range"));
                }
            }
        }
        for (i, v) in self.variants.iter().enumerate() {
            for &o in v.a_outlets.iter().chain(&v.b_outlets) {
                outlet(format!("variants[{i}]"), o, &mut out);
            }
        }
        for (i, t) in self.terms.rows.iter().enumerate() {
            let lens = [
                t.counts.len(),
                t.per_1000.len(),
                t.quoted.len(),
                t.g2.len(),
                t.log_ratio.len(),
                t.mark.len(),
            ];
            if lens.iter().any(|&l| l != n) {
                out.push(format!(
                    "terms.rows[{i}]: per-outlet vectors of lengths {lens:?} for {n} outlets"
                ));
            }
            cat(format!("terms.rows[{i}]"), t.category_index, &mut out);
        }
        out
    }
}

#[derive(Serialize)]
struct ReportJson<'a> {
    schema: &'static str,
    #[serde(flatten)]
    report: &'a Report,
}

/// The `framediff.report/3` JSON: `{"schema":"framediff.report/3", …every field of Report}`,
/// pretty-printed, with a final newline. Non-finite numbers become `null`.
pub fn json(w: &mut dyn Write, report: &Report) -> io::Result<()> {
    super::json::pretty(
        w,
        &ReportJson {
            schema: SCHEMA,
            report,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_reports_bad_indices() {
        let r = Report {
            outlets: vec![Outlet::default()],
            pivot: 2,
            ..Report::default()
        };
        let p = r.problems();
        assert!(p.iter().any(|m| m.contains("pivot")), "{p:?}");
        assert!(p.iter().any(|m| m.contains("per_outlet")), "{p:?}");
    }

    #[test]
    fn json_carries_schema() {
        let mut out = Vec::new();
        json(&mut out, &Report::default()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("{\n  \"schema\": \"framediff.report/3\""));
    }
}
