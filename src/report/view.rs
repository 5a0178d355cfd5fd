//! The report's view model: everything `framediff report` shows, already computed, as plain data.
//!
//! The HTML ([`super::html`]) and Markdown ([`super::markdown`]) renderers read only this model, so
//! they stay independent of how the aligner, the differ and the lexicon matcher represent their
//! results; an adapter builds a [`Report`] from the pipeline's output. The model is also what the
//! `framediff.report/1` JSON serialises ([`json`]).
//!
//! Conventions used throughout:
//! * Outlets are referred to by their index into [`Report::outlets`], in the order the files were
//!   given. Every per-outlet vector ([`Row::cells`], [`Summary::per_outlet`], the vectors of a
//!   [`TermRow`]) has one entry per outlet in that order.
//! * Lexicon categories are referred to by their index into [`Report::categories`].
//! * One outlet is the *pivot*: the report every other one is compared with. Rows follow its
//!   reading order, substitutions read "pivot wording → outlet wording".
//! * Renderers never panic on an inconsistent model (an index out of range is shown as "?" or
//!   skipped); [`Report::problems`] lists such inconsistencies so an adapter's tests can catch
//!   them.
//!
//! ```
//! use framediff::report::view::{Cell, Change, Outlet, OutletSummary, Piece, Report, Row, RowKind};
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
//!     rows: vec![Row {
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
//!             }),
//!         ],
//!     }],
//!     ..Report::default()
//! };
//! assert!(report.problems().is_empty());
//! assert!(html::render(&report).contains("<del class=\"del\">Monday</del>"));
//! assert!(markdown::render(&report).contains("~~Monday~~**Tuesday**"));
//! ```

use serde::Serialize;

/// Version tag of the report JSON.
pub const SCHEMA: &str = "framediff.report/1";

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
    pub rows: Vec<Row>,
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

/// A framing category that one outlet uses markedly more (or less) than the others.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeynessItem {
    /// Index into [`Report::categories`].
    pub category: usize,
    /// Index into [`Report::outlets`]: the outlet this value describes.
    pub outlet: usize,
    /// Log-likelihood G² of this outlet's frequency against the rest (two outlets: against the
    /// other one).
    pub g2: f64,
    /// Log₂ ratio of relative frequencies; positive means this outlet uses the category more.
    pub log_ratio: f64,
    /// Significance mark as computed by the term statistics (e.g. "*", "**", "***"), may be empty.
    pub mark: String,
}

/// One row of the side-by-side table: a group of sentences that say the same thing.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Row {
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
    Same,
    Deleted,
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
    /// Rows grouped by lexicon and category: the terms of a category, then its subtotal.
    pub rows: Vec<TermRow>,
}

/// One term (or a category subtotal) counted in every outlet.
///
/// Every vector has one entry per outlet, in [`Report::outlets`] order. Keyness (`g2`,
/// `log_ratio`, `mark`) compares an outlet with the others: with two outlets, the first against
/// the second (both entries then describe the same comparison, mirrored); with more, each against
/// the rest combined.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TermRow {
    /// Lexicon name.
    pub lexicon: String,
    /// Category id (as in the lexicon).
    pub category: String,
    /// Index into [`Report::categories`] for the colour, when the category is listed there.
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

impl Row {
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

/// The rows of the side-by-side table as a renderer reads them: how many, then each in order.
///
/// A complete [`Report`] holds its rows (`Vec<Row>` is a source), but a long comparison's rows
/// cost several times its text; [`crate::report::build::StreamedRows`] makes them one at a
/// time instead, so the HTML and Markdown renderers can write a 200 MB comparison without
/// ever holding all its rows.
pub trait RowStream {
    /// The number of rows [`RowStream::each`] hands out (known before any is made: the summary
    /// links discrepancies to rows before the table is written).
    fn count(&self) -> usize;
    /// Every row in reading order.
    fn each(&self, f: &mut dyn FnMut(&Row));
}

impl RowStream for Vec<Row> {
    fn count(&self) -> usize {
        self.len()
    }
    fn each(&self, f: &mut dyn FnMut(&Row)) {
        self.iter().for_each(f);
    }
}

/// Size at which a renderer moves the output it has so far into a finished part.
const PART_BYTES: usize = 1 << 20;

/// Output rendered in parts, each handed to a sink when it is closed: a long report's HTML is
/// about seven times its text, and as one string it would need that much fresh, contiguous
/// memory (and twice that while it doubles) on top of everything else. The sink decides when
/// the parts are written: collected and written after the last one (stdout: a failure never
/// leaves partial output) or into a temporary file as they come (`report -o`: the file appears
/// only when it is complete).
pub(crate) struct Parts<'a> {
    sink: &'a mut dyn FnMut(String),
    /// The part being written.
    pub out: String,
    /// Close a part once it holds this many bytes.
    limit: usize,
}

impl<'a> Parts<'a> {
    pub(crate) fn new(capacity: usize, sink: &'a mut dyn FnMut(String)) -> Parts<'a> {
        Parts {
            sink,
            out: String::with_capacity(capacity),
            limit: PART_BYTES,
        }
    }

    /// Close the current part when it is big enough (between rows: any point is fine, the
    /// parts are only ever concatenated).
    pub(crate) fn maybe_flush(&mut self) {
        if self.out.len() >= self.limit {
            let mut full = std::mem::replace(
                &mut self.out,
                String::with_capacity(self.limit + self.limit / 4),
            );
            // a row may have overrun the capacity: give the doubled slack back
            full.shrink_to_fit();
            (self.sink)(full);
        }
    }

    /// Hand over the last part.
    pub(crate) fn finish(self) {
        if !self.out.is_empty() {
            (self.sink)(self.out);
        }
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

/// The `framediff.report/1` JSON: `{"schema":"framediff.report/1", …every field of Report}`,
/// pretty-printed, with a final newline. Non-finite numbers become `null`.
pub fn json(report: &Report) -> String {
    let j = ReportJson {
        schema: SCHEMA,
        report,
    };
    // Serialising plain data with string keys cannot fail; fall back to an empty object rather
    // than panic should that ever change.
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// Format a number with `decimals` decimals; "—" for NaN and infinities, which no statistic
/// should show as "NaN" to a reader. `-0.0` prints as `0.0`.
pub(crate) fn fmt_num(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".into();
    }
    let s = format!("{x:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s.replacen('-', "−", 1)
    }
}

/// A signed number with an explicit "+" for positive values (log ratios read as directions).
pub(crate) fn fmt_signed(x: f64, decimals: usize) -> String {
    let s = fmt_num(x, decimals);
    if x.is_finite() && x > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("+{s}")
    } else {
        s
    }
}

/// A share in 0..=1 as a whole percentage ("83%"), "—" when unknown or not finite.
pub(crate) fn fmt_pct(x: Option<f64>) -> String {
    match x {
        Some(x) if x.is_finite() => format!("{}%", fmt_num(x * 100.0, 0)),
        _ => "—".into(),
    }
}

/// "1,234": thousands separators make word counts readable.
pub(crate) fn fmt_int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sentence numbers as a reader counts them (1-based): "4", "4–5".
pub(crate) fn fmt_sentences(ids: &[usize]) -> String {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", a + 1, b + 1),
        (Some(a), _) => format!("{}", a + 1),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_close_at_the_limit_and_keep_everything_in_order() {
        let mut parts = Vec::new();
        let mut sink = |s| parts.push(s);
        let mut p = Parts {
            limit: 10,
            ..Parts::new(4, &mut sink)
        };
        let mut whole = String::new();
        for i in 0..40 {
            let s = format!("<{i}>");
            p.out.push_str(&s);
            whole.push_str(&s);
            p.maybe_flush();
        }
        p.out.push_str("end");
        whole.push_str("end");
        p.finish();
        assert!(parts.len() > 5, "{parts:?}");
        // every closed part reached the limit, none kept slack
        for part in &parts[..parts.len() - 1] {
            assert!(
                part.len() >= 10 && part.capacity() == part.len(),
                "{part:?}"
            );
        }
        assert_eq!(parts.concat(), whole);
        // no empty parts: nothing written, or a part closed right before the end
        let mut parts = Vec::new();
        let mut sink = |s| parts.push(s);
        Parts::new(0, &mut sink).finish();
        let mut p = Parts {
            limit: 2,
            ..Parts::new(0, &mut sink)
        };
        p.out.push_str("abc");
        p.maybe_flush();
        p.finish();
        assert_eq!(parts, ["abc"]);
    }

    #[test]
    fn numbers_format_for_readers() {
        assert_eq!(fmt_num(f64::NAN, 1), "—");
        assert_eq!(fmt_num(-0.01, 1), "0.0");
        assert_eq!(fmt_num(-1.25, 1), "−1.2");
        assert_eq!(fmt_signed(1.0, 2), "+1.00");
        assert_eq!(fmt_signed(0.001, 2), "0.00");
        assert_eq!(fmt_pct(Some(0.834)), "83%");
        assert_eq!(fmt_pct(None), "—");
        assert_eq!(fmt_int(1234567), "1,234,567");
        assert_eq!(fmt_int(12), "12");
        assert_eq!(fmt_sentences(&[3, 4]), "4–5");
        assert_eq!(fmt_sentences(&[0]), "1");
    }

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
        let s = json(&Report::default());
        assert!(s.starts_with("{\n  \"schema\": \"framediff.report/1\""));
    }
}
