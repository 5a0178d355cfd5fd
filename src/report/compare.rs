//! Output of `framediff align` and `framediff compare` for two reports: the align text listing,
//! the `framediff.align/1` and `framediff.compare/1` JSON, and the side-by-side terminal report.
//!
//! Sentence and pair numbers are 0-based in JSON (they index arrays) and 1-based in text and
//! tables (they are read by people).

use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::align::Alignment;
use crate::compare::{Comparison, PairComparison};
use crate::diff::{joined, Differences};
use crate::ingest::Document;
use crate::report::markdown;
use crate::report::style::{visible_width, wrap, Style};
use crate::report::view::{self, Change};
use crate::segment::Sentence;
use crate::{Error, Result};

/// Version tag of the align JSON.
pub const ALIGN_SCHEMA: &str = "framediff.align/1";
/// Version tag of the compare JSON.
pub const COMPARE_SCHEMA: &str = "framediff.compare/1";

/// One row of the reading-order view of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A pair (index into [`Alignment::pairs`]).
    Pair(usize),
    /// A sentence only A has.
    OnlyA(usize),
    /// A sentence only B has.
    OnlyB(usize),
}

/// The alignment in A's reading order, with every sentence only B has placed right after the
/// pair that holds its nearest preceding paired B sentence (or first, when there is none).
///
/// A sentence may be in several pairs (further partners): every pair gets its row, after the
/// others starting at the same sentence of A, and a sentence of B counts as held by the first
/// pair that holds it.
pub fn reading_order(al: &Alignment, len_a: usize, len_b: usize) -> Vec<Row> {
    let mut pair_of_b: Vec<Option<usize>> = vec![None; len_b];
    let mut first_of_a: Vec<Vec<usize>> = vec![Vec::new(); len_a];
    for (k, p) in al.pairs.iter().enumerate() {
        for &j in &p.b {
            if let Some(slot @ None) = pair_of_b.get_mut(j) {
                *slot = Some(k);
            }
        }
        if let Some(slot) = p.a.first().and_then(|&i| first_of_a.get_mut(i)) {
            slot.push(k);
        }
    }
    // The pair holding the nearest paired B sentence before each B index, in one forward pass:
    // searching backwards from every only-B sentence is quadratic when B is long and mostly
    // unpaired (a 20 MB page against a short report took minutes).
    let mut preceding: Vec<Option<usize>> = Vec::with_capacity(len_b);
    let mut last = None;
    for owner in &pair_of_b {
        preceding.push(last);
        if owner.is_some() {
            last = *owner;
        }
    }
    // Only-B sentences grouped by the pair they follow (None: before everything).
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); al.pairs.len()];
    let mut leading = Vec::new();
    for &j in &al.only_b {
        match preceding.get(j).copied().unwrap_or(last) {
            Some(k) => after[k].push(j),
            None => leading.push(j),
        }
    }
    let mut rows: Vec<Row> = leading.into_iter().map(Row::OnlyB).collect();
    let mut only_a = vec![false; len_a];
    for &i in &al.only_a {
        if let Some(x) = only_a.get_mut(i) {
            *x = true;
        }
    }
    for (i, first) in first_of_a.iter().enumerate() {
        for &k in first {
            rows.push(Row::Pair(k));
            rows.extend(after[k].iter().map(|&j| Row::OnlyB(j)));
        }
        if first.is_empty() && only_a[i] {
            rows.push(Row::OnlyA(i));
        }
    }
    rows
}

#[derive(Serialize)]
struct SentenceJson<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    path: &'a str,
    label: &'a str,
    title: Option<&'a str>,
    sentences: Vec<SentenceJson<'a>>,
}

fn document_json<'a>(d: &'a Document, s: &'a [Sentence]) -> DocumentJson<'a> {
    DocumentJson {
        path: &d.path,
        label: &d.label,
        title: d.title.as_deref(),
        sentences: s
            .iter()
            .map(|x| SentenceJson {
                text: &x.text,
                start: x.start,
                end: x.end,
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct AlignJson<'a> {
    schema: &'static str,
    documents: [DocumentJson<'a>; 2],
    #[serde(flatten)]
    alignment: &'a Alignment,
    warnings: Vec<String>,
    #[serde(flatten)]
    differences: Option<&'a Differences>,
}

/// The pivot, the other report and their pair comparison, for two-report output.
fn two(cmp: &Comparison) -> Result<(usize, usize, &PairComparison)> {
    match cmp.pairs.as_slice() {
        [p] => Ok((cmp.pivot, p.other, p)),
        _ => Err(Error::Usage(format!(
            "this output compares two reports, {} were given (several-report views are not \
             available yet)",
            cmp.documents.len()
        ))),
    }
}

fn to_json(cmp: &Comparison, with_diff: bool) -> Result<String> {
    let (a, b, p) = two(cmp)?;
    let j = AlignJson {
        schema: if with_diff {
            COMPARE_SCHEMA
        } else {
            ALIGN_SCHEMA
        },
        documents: [
            document_json(&cmp.documents[a], &cmp.sentences[a]),
            document_json(&cmp.documents[b], &cmp.sentences[b]),
        ],
        alignment: &p.alignment,
        warnings: p.warnings.clone(),
        differences: with_diff.then_some(&p.differences),
    };
    let mut s = serde_json::to_string_pretty(&j)
        .map_err(|e| Error::Usage(format!("cannot render JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// `{"schema":"framediff.align/1","documents":[…],"pairs":[…],"only_a","only_b","coverage",
/// "warnings"}`.
pub fn align_json(cmp: &Comparison) -> Result<String> {
    to_json(cmp, false)
}

/// The align JSON with schema `framediff.compare/1` plus `"diffs"`, `"substitutions"`,
/// `"discrepancies"` and `"variants"`.
///
/// With three or more reports: `{"schema":"framediff.compare/1","pivot":i,"documents":[…],
/// "comparisons":[{"a":pivot,"b":k,"pairs",…,"variants"}…],"warnings":[…]}`, one comparison
/// per report other than the pivot.
pub fn compare_json(cmp: &Comparison) -> Result<String> {
    if cmp.pairs.len() == 1 {
        return to_json(cmp, true);
    }
    let j = ManyJson {
        schema: COMPARE_SCHEMA,
        pivot: cmp.pivot,
        documents: cmp
            .documents
            .iter()
            .zip(&cmp.sentences)
            .map(|(d, s)| document_json(d, s))
            .collect(),
        comparisons: cmp
            .pairs
            .iter()
            .map(|p| OneJson {
                a: cmp.pivot,
                b: p.other,
                alignment: &p.alignment,
                warnings: &p.warnings,
                differences: &p.differences,
            })
            .collect(),
        warnings: cmp.warnings(),
    };
    let mut s = serde_json::to_string_pretty(&j)
        .map_err(|e| Error::Usage(format!("cannot render JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

#[derive(Serialize)]
struct OneJson<'a> {
    a: usize,
    b: usize,
    #[serde(flatten)]
    alignment: &'a Alignment,
    warnings: &'a [String],
    #[serde(flatten)]
    differences: &'a Differences,
}

#[derive(Serialize)]
struct ManyJson<'a> {
    schema: &'static str,
    pivot: usize,
    documents: Vec<DocumentJson<'a>>,
    comparisons: Vec<OneJson<'a>>,
    warnings: Vec<String>,
}

fn numbers(idx: &[usize]) -> String {
    match idx {
        [] => String::new(),
        [x] => (x + 1).to_string(),
        [x, .., y] => format!("{}-{}", x + 1, y + 1),
    }
}

/// One line per pair or unpaired sentence, in A's reading order:
/// `A 4 ~ B 10  0.47  <A text>  ~  <B text>`, `A 9 only  <text>`, `B 14 only  <text>`.
pub fn align_text(cmp: &Comparison) -> Result<String> {
    let (a, b, p) = two(cmp)?;
    let (sa, sb) = (&cmp.sentences[a], &cmp.sentences[b]);
    let (da, db) = (&cmp.documents[a], &cmp.documents[b]);
    let al = &p.alignment;
    let mut out = String::new();
    out.push_str(&format!(
        "# A = {} ({} sentences), B = {} ({} sentences); sentence numbers count from 1\n",
        da.label,
        sa.len(),
        db.label,
        sb.len()
    ));
    for row in reading_order(al, sa.len(), sb.len()) {
        let line = match row {
            Row::Pair(k) => {
                let pr = &al.pairs[k];
                format!(
                    "A {} ~ B {}  {:.2}  {}  ~  {}",
                    numbers(&pr.a),
                    numbers(&pr.b),
                    pr.score,
                    joined(sa, &pr.a),
                    joined(sb, &pr.b)
                )
            }
            Row::OnlyA(i) => format!("A {} only  {}", i + 1, sa[i].text),
            Row::OnlyB(j) => format!("B {} only  {}", j + 1, sb[j].text),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(&format!(
        "# {} pairs; paired: A {:.0} %, B {:.0} %\n",
        al.pairs.len(),
        al.coverage.a * 100.0,
        al.coverage.b * 100.0
    ));
    Ok(out)
}

const RED_STRIKE: &str = "\x1b[31;9m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";
/// Foreground colours for lexicon categories (cycled), chosen to stay apart from the red and
/// green of deletions and insertions.
const CATEGORY_COLOURS: [&str; 6] = ["33", "36", "35", "34", "93", "96"];

/// A cell marked for the terminal: deletions red and struck through, insertions green,
/// lexicon hits bold, underlined and coloured by category. Without colour, deletions are
/// `[-…-]`, insertions `{+…+}` and a hit carries its category number in superscript.
/// Consecutive pieces with the same change share one mark, so a changed phrase that holds a
/// lexicon hit reads `[-Israeli regime¹-]`, not three fragments. `show_deleted` is false in
/// the columns of non-pivot reports: the words they dropped are already struck in the pivot's.
fn cell_text(c: &view::Cell, style: &Style, show_deleted: bool) -> String {
    let pieces: Vec<&view::Piece> = c
        .pieces
        .iter()
        .filter(|p| show_deleted || p.change != Change::Deleted)
        .collect();
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let change = pieces[i].change;
        let mut j = i;
        while j < pieces.len() && pieces[j].change == change {
            j += 1;
        }
        let run: String = pieces[i..j].iter().map(|p| hit_text(p, style)).collect();
        out.push_str(&mark(&run, change, style));
        i = j;
    }
    out
}

/// A piece's text with its lexicon-hit marking (inside any change mark).
fn hit_text(p: &view::Piece, style: &Style) -> String {
    let Some(c) = p.category else {
        return p.text.clone();
    };
    let t = p.text.trim();
    let lead = &p.text[..p.text.len() - p.text.trim_start().len()];
    let trail = &p.text[p.text.trim_end().len()..];
    if style.color {
        let colour = match p.change {
            Change::Same => format!(";{}", CATEGORY_COLOURS[c % CATEGORY_COLOURS.len()]),
            _ => String::new(),
        };
        // re-open the change colour after the hit's reset
        let reopen = match p.change {
            Change::Deleted => RED_STRIKE,
            Change::Inserted => GREEN,
            Change::Same => "",
        };
        format!("{lead}\x1b[1;4{colour}m{t}{RESET}{reopen}{trail}")
    } else {
        format!("{lead}{t}{}{trail}", markdown::superscript(c + 1))
    }
}

/// Wrap a run of text in the marks of its change, keeping outer spaces outside the marks so
/// wrapping stays clean.
fn mark(text: &str, change: Change, style: &Style) -> String {
    let t = text.trim();
    if t.is_empty() || change == Change::Same {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let marked = match (style.color, change) {
        (true, Change::Deleted) => format!("{RED_STRIKE}{t}{RESET}"),
        (true, _) => format!("{GREEN}{t}{RESET}"),
        (false, Change::Deleted) => format!("[-{t}-]"),
        (false, _) => format!("{{+{t}+}}"),
    };
    format!("{lead}{marked}{trail}")
}

fn dim(s: &str, style: &Style) -> String {
    if style.color {
        format!("{DIM}{s}{RESET}")
    } else {
        s.to_string()
    }
}

fn new_table(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t
}

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Sentence numbers (1-based) as "3" or "3–4".
fn span_numbers(ids: &[usize]) -> String {
    match (ids.first(), ids.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", a + 1, b + 1),
        (Some(a), _) => (a + 1).to_string(),
        _ => String::new(),
    }
}

/// The terminal report of a comparison: a header (each report's title, sentence count and
/// share of sentences paired), the side-by-side table in the pivot's reading order with one
/// column per report (changed words and lexicon hits marked, sentences only one report carries
/// in their place), a legend, then for each report its substitutions, discrepancies and name
/// variants against the pivot. `view` is the comparison's report view (see
/// [`crate::report::build`]), which also carries the lexicon hits.
pub fn table(cmp: &Comparison, view: &view::Report, style: &Style) -> String {
    table_parts(cmp, view, &view.rows, style).concat()
}

/// [`table`] with the rows of the side-by-side table read from `rows` (`view.rows` is not
/// used): a view built by [`crate::report::build::build_without_rows`] and a
/// [`crate::report::build::StreamedRows`] render a report of millions of rows without ever
/// holding them all.
///
/// The text comes in parts (the header, each chunk of the side-by-side table, the rest) to be
/// written one after the other: parts of a few dozen KB fit in memory the comparison freed,
/// where one string of hundreds of MB would need fresh pages on top of it.
pub fn table_parts(
    cmp: &Comparison,
    view: &view::Report,
    rows: &dyn RowSource,
    style: &Style,
) -> Vec<String> {
    let pv = cmp.pivot;
    let mut out = String::new();

    let mut head = new_table(style);
    head.set_header(vec!["report", "title", "sentences", "paired"]);
    for (d, o) in view.outlets.iter().enumerate() {
        let paired = match (d == pv, o.coverage) {
            (true, Some(c)) => format!("{} (pivot)", pct(c)),
            (true, None) => "pivot".to_string(),
            (false, Some(c)) => pct(c),
            (false, None) => String::new(),
        };
        head.add_row(vec![
            Cell::new(&o.label),
            Cell::new(o.title.as_deref().unwrap_or(&o.path)),
            Cell::new(o.sentences),
            Cell::new(paired),
        ]);
    }
    out.push_str(&head.to_string());
    out.push('\n');
    for (d, s) in view.summary.per_outlet.iter().enumerate() {
        if d != pv {
            let line = format!(
                "{}: {} sentences shared with {}, {} only in {}, {} of {} not reported",
                view.outlets[d].label,
                s.shared,
                view.outlets[pv].label,
                s.added,
                view.outlets[d].label,
                s.omitted,
                view.outlets[pv].label
            );
            out.push_str(&wrap(&line, style.width as usize, 2));
            out.push('\n');
        }
    }
    out.push('\n');

    let mut parts = vec![out];
    side_by_side(&mut parts, view, pv, rows, style, CHUNK_ROWS);
    let mut out = String::from("\n");
    let pivot_label = &view.outlets[pv].label;
    let key = if style.color {
        format!(
            "{RED_STRIKE}struck{RESET}: words of {pivot_label} the other report dropped; {GREEN}green{RESET}: words it added; # numbers {pivot_label}'s sentences"
        )
    } else {
        format!(
            "[-…-] words of {pivot_label} the other report dropped, {{+…+}} words it added; # numbers {pivot_label}'s sentences"
        )
    };
    out.push_str(&wrap(&key, style.width as usize, 2));
    out.push('\n');
    if !view.categories.is_empty() {
        let legend: Vec<String> = view
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let p = view::Piece {
                    text: c.label.clone(),
                    category: Some(i),
                    ..view::Piece::default()
                };
                if style.color {
                    hit_text(&p, style)
                } else {
                    format!("{}{}", markdown::superscript(i + 1), c.label)
                }
            })
            .collect();
        let line = format!("framing terms: {}", legend.join(", "));
        out.push_str(&wrap(&line, style.width as usize, 2));
        out.push('\n');
    }

    for p in &cmp.pairs {
        if cmp.pairs.len() > 1 {
            out.push_str(&format!(
                "\n== {} → {} ==\n",
                cmp.documents[pv].label, cmp.documents[p.other].label
            ));
        }
        sections(
            &mut out,
            &cmp.documents[pv],
            &cmp.documents[p.other],
            p,
            style,
        );
    }
    parts.push(out);
    parts
}

/// Where the side-by-side table gets its rows. They are read twice: first as shapes (cells with
/// sentence numbers and scores, pieces possibly empty) to size the `#` and `sim` columns, then
/// complete, one at a time, to render them.
pub trait RowSource {
    /// Every row in order; the cells' `pieces` may be empty.
    fn shapes(&self, f: &mut dyn FnMut(&view::Row));
    /// Every row in order, complete.
    fn rows(&self, f: &mut dyn FnMut(&view::Row));
}

impl RowSource for Vec<view::Row> {
    fn shapes(&self, f: &mut dyn FnMut(&view::Row)) {
        self.iter().for_each(f);
    }
    fn rows(&self, f: &mut dyn FnMut(&view::Row)) {
        self.iter().for_each(f);
    }
}

/// Rows per comfy-table in the side-by-side table. comfy-table keeps every cell of a table with
/// its wrapped lines until it renders (hundreds of bytes per row on top of the text): one table
/// of a 200 MB report's two million rows took 7.5 GB and six minutes. Chunks of a few hundred
/// rows keep that overhead small and constant.
const CHUNK_ROWS: usize = 256;

/// The `#` column: the pivot's sentence numbers of the row.
fn row_number(row: &view::Row, pv: usize) -> String {
    match row.cells.get(pv).and_then(Option::as_ref) {
        Some(c) => span_numbers(&c.sentence_ids),
        None => String::new(),
    }
}

/// The `sim` column: the similarity of the row's pair.
fn row_score(row: &view::Row) -> String {
    row.cells
        .iter()
        .flatten()
        .find_map(|c| c.score)
        .map(|s| format!("{s:.2}"))
        .unwrap_or_default()
}

/// The side-by-side table (without a final newline), rendered `chunk` rows at a time, one part
/// per chunk.
///
/// Every chunk is its own comfy-table with the same fixed column widths, the inner border lines
/// between chunks dropped, so the concatenation is the one table comfy-table would draw: the
/// text columns have fixed widths anyway, and `#` and `sim` get the width comfy-table's
/// content-width rule would give the whole table (their widest cell, header included; a fixed
/// width counts the cell padding, the content width does not).
fn side_by_side(
    parts: &mut Vec<String>,
    view: &view::Report,
    pv: usize,
    rows: &dyn RowSource,
    style: &Style,
    chunk: usize,
) {
    let chunk = chunk.max(1);
    // Fixed, equal text columns keep the outlets visually comparable.
    let n = view.outlets.len();
    let two = n == 2;
    let overhead = 3 + 3 * (n as u16 + 1) + 1 + if two { 7 } else { 0 };
    let text_w = (style.width.saturating_sub(overhead) / n as u16).max(16);
    let width = |s: &str| u16::try_from(visible_width(s)).unwrap_or(u16::MAX);
    let (mut number_w, mut sim_w) = (width("#"), width("sim"));
    rows.shapes(&mut |row| {
        number_w = number_w.max(width(&row_number(row, pv)));
        if two {
            sim_w = sim_w.max(width(&row_score(row)));
        }
    });
    let padded = |w: u16| ColumnConstraint::Absolute(Width::Fixed(w.saturating_add(2)));
    let mut constraints = vec![padded(number_w)];
    constraints.extend(vec![ColumnConstraint::Absolute(Width::Fixed(text_w)); n]);
    if two {
        constraints.push(padded(sim_w));
    }
    let mut header = vec![Cell::new("#")];
    header.extend(view.outlets.iter().map(|o| Cell::new(&o.label)));
    if two {
        header.push(Cell::new("sim"));
    }

    let render = |mut t: Table| -> String {
        t.set_constraints(constraints.iter().copied());
        t.to_string()
    };
    let none = dim("—", style);
    let mut table = new_table(style);
    table.set_header(header);
    let (mut in_table, mut first) = (0, true);
    // the bottom border of the last chunk drawn
    let mut bottom = String::new();
    rows.rows(&mut |row| {
        let mut cells = vec![Cell::new(row_number(row, pv))];
        for (d, c) in row.cells.iter().enumerate() {
            cells.push(Cell::new(match c {
                Some(c) => cell_text(c, style, d == pv),
                None => none.clone(),
            }));
        }
        if two {
            cells.push(Cell::new(row_score(row)));
        }
        table.add_row(cells);
        in_table += 1;
        if in_table == chunk {
            let s = render(std::mem::replace(&mut table, new_table(style)));
            // a chunk has its top border, (the header,) at least one row and its bottom border
            let (body, last) = s.rsplit_once('\n').unwrap_or((s.as_str(), ""));
            let body = if first {
                body
            } else {
                body.split_once('\n').map_or("", |(_, rest)| rest)
            };
            parts.push(format!("{body}\n"));
            bottom = last.to_string();
            first = false;
            in_table = 0;
        }
    });
    if first {
        // everything fitted in one chunk (or there are no rows: the header alone)
        parts.push(render(table));
    } else if in_table > 0 {
        let s = render(table);
        parts.push(s.split_once('\n').map_or("", |(_, rest)| rest).to_string());
    } else {
        parts.push(bottom);
    }
}

/// The substitutions, discrepancies and name-variant tables of one pair of reports.
fn sections(out: &mut String, da: &Document, db: &Document, p: &PairComparison, style: &Style) {
    let d = &p.differences;
    // pairs are shown by the pivot sentence numbers of the table's # column
    let at = |k: usize| {
        p.alignment
            .pairs
            .get(k)
            .map(|pr| span_numbers(&pr.a))
            .unwrap_or_default()
    };
    // Two pairs of one sentence (further partners) have the same numbers: list them once.
    let pairs = |v: &[usize]| {
        let mut seen: Vec<String> = Vec::new();
        for k in v {
            let n = at(*k);
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
        seen.join(", ")
    };
    out.push_str(&format!("\nSubstitutions ({} → {})\n", da.label, db.label));
    if d.substitutions.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = new_table(style);
        t.set_header(vec![da.label.as_str(), db.label.as_str(), "count", "#"]);
        for s in &d.substitutions {
            t.add_row(vec![
                Cell::new(&s.a),
                Cell::new(&s.b),
                Cell::new(s.count),
                Cell::new(pairs(&s.pairs)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nDiscrepancies (facts that differ inside a pair)\n");
    if d.discrepancies.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = new_table(style);
        t.set_header(vec!["kind", da.label.as_str(), db.label.as_str(), "#"]);
        for x in &d.discrepancies {
            t.add_row(vec![
                Cell::new(x.kind.as_str()),
                Cell::new(&x.a),
                Cell::new(&x.b),
                Cell::new(at(x.pair)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }

    out.push_str("\nName spellings\n");
    if d.variants.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = new_table(style);
        t.set_header(vec![da.label.as_str(), db.label.as_str(), "count", "#"]);
        for v in &d.variants {
            t.add_row(vec![
                Cell::new(&v.a),
                Cell::new(&v.b),
                Cell::new(v.count),
                Cell::new(pairs(&v.pairs)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Coverage, Pair};

    /// The definition `reading_order` implements: an only-B sentence follows the pair of the
    /// nearest paired B sentence before it.
    fn naive_follows(al: &Alignment, len_b: usize, j: usize) -> Option<usize> {
        let mut pair_of_b = vec![None; len_b];
        for (k, p) in al.pairs.iter().enumerate() {
            for &x in &p.b {
                pair_of_b[x] = Some(k);
            }
        }
        (0..j)
            .rev()
            .find_map(|x| pair_of_b.get(x).copied().flatten())
    }

    #[test]
    fn only_b_placement_matches_the_definition() {
        // B of 12: pairs at B 3 and B 7-8 (crossing A order), the rest only-B.
        let al = Alignment {
            pairs: vec![
                Pair {
                    a: vec![0],
                    b: vec![7, 8],
                    score: 1.0,
                },
                Pair {
                    a: vec![1],
                    b: vec![3],
                    score: 1.0,
                },
            ],
            only_a: vec![],
            only_b: vec![0, 1, 2, 4, 5, 6, 9, 10, 11],
            coverage: Coverage { a: 1.0, b: 0.25 },
        };
        let rows = reading_order(&al, 2, 12);
        let mut current = None;
        for row in rows {
            match row {
                Row::Pair(k) => current = Some(k),
                Row::OnlyB(j) => assert_eq!(current, naive_follows(&al, 12, j), "B {j}"),
                Row::OnlyA(_) => {}
            }
        }
    }

    /// Regression (issue 6): a long, almost entirely unpaired B made this quadratic (minutes
    /// for a 20 MB single-line page); 200,000 only-B sentences must be placed in one pass.
    #[test]
    fn long_unpaired_b_is_linear() {
        let n = 200_000;
        let al = Alignment {
            pairs: vec![Pair {
                a: vec![0],
                b: vec![n - 1],
                score: 1.0,
            }],
            only_a: vec![],
            only_b: (0..n - 1).collect(),
            coverage: Coverage { a: 1.0, b: 0.0 },
        };
        let rows = reading_order(&al, 1, n);
        assert_eq!(rows.len(), n);
        assert_eq!(rows[n - 2], Row::OnlyB(n - 2));
        assert_eq!(rows[n - 1], Row::Pair(0));
    }

    #[test]
    fn only_b_sentences_follow_their_neighbours_partner() {
        // B: 0 paired with A 1, 1 only-B, 2 paired with A 0, 3 only-B; A 2 only-A.
        let al = Alignment {
            pairs: vec![
                Pair {
                    a: vec![0],
                    b: vec![2],
                    score: 1.0,
                },
                Pair {
                    a: vec![1],
                    b: vec![0],
                    score: 1.0,
                },
            ],
            only_a: vec![2],
            only_b: vec![1, 3],
            coverage: Coverage { a: 0.67, b: 0.5 },
        };
        assert_eq!(
            reading_order(&al, 3, 4),
            vec![
                Row::Pair(0),
                Row::OnlyB(3),
                Row::Pair(1),
                Row::OnlyB(1),
                Row::OnlyA(2)
            ]
        );
    }

    #[test]
    fn leading_only_b_comes_first() {
        let al = Alignment {
            pairs: vec![Pair {
                a: vec![0],
                b: vec![1],
                score: 1.0,
            }],
            only_a: vec![],
            only_b: vec![0],
            coverage: Coverage { a: 1.0, b: 0.5 },
        };
        assert_eq!(reading_order(&al, 1, 2), vec![Row::OnlyB(0), Row::Pair(0)]);
    }

    #[test]
    fn a_sentence_in_two_pairs_keeps_both_rows() {
        // A 0 is linked to B 0 and, as a further partner, to B 2; A 1 to B 2 as well.
        let pair = |a: usize, b: usize| Pair {
            a: vec![a],
            b: vec![b],
            score: 0.5,
        };
        let al = Alignment {
            pairs: vec![pair(0, 0), pair(0, 2), pair(1, 2)],
            only_a: vec![],
            only_b: vec![1, 3],
            coverage: Coverage { a: 1.0, b: 0.5 },
        };
        assert_eq!(
            reading_order(&al, 2, 4),
            vec![
                Row::Pair(0),
                Row::OnlyB(1),
                Row::Pair(1),
                Row::OnlyB(3),
                Row::Pair(2)
            ]
        );
    }

    fn piece(text: &str, change: Change, category: Option<usize>) -> view::Piece {
        view::Piece {
            text: text.into(),
            change,
            category,
            quoted: false,
        }
    }

    /// The side-by-side table as one comfy-table, `#` and `sim` sized by comfy-table's own
    /// content-width rule: what `side_by_side` rendered before it was chunked.
    fn one_table(view: &view::Report, pv: usize, style: &Style) -> String {
        let n = view.outlets.len();
        let two = n == 2;
        let overhead = 3 + 3 * (n as u16 + 1) + 1 + if two { 7 } else { 0 };
        let text_w = (style.width.saturating_sub(overhead) / n as u16).max(16);
        let mut main = new_table(style);
        let mut header = vec![Cell::new("#")];
        header.extend(view.outlets.iter().map(|o| Cell::new(&o.label)));
        if two {
            header.push(Cell::new("sim"));
        }
        main.set_header(header);
        let mut constraints = vec![ColumnConstraint::ContentWidth];
        constraints.extend(vec![ColumnConstraint::Absolute(Width::Fixed(text_w)); n]);
        if two {
            constraints.push(ColumnConstraint::ContentWidth);
        }
        main.set_constraints(constraints);
        for row in &view.rows {
            let mut cells = vec![Cell::new(row_number(row, pv))];
            for (d, c) in row.cells.iter().enumerate() {
                cells.push(Cell::new(match c {
                    Some(c) => cell_text(c, style, d == pv),
                    None => dim("—", style),
                }));
            }
            if two {
                cells.push(Cell::new(row_score(row)));
            }
            main.add_row(cells);
        }
        main.to_string()
    }

    fn comparison(files: &[&str]) -> Comparison {
        let docs = files
            .iter()
            .map(|f| {
                let path = format!("{}/fixtures/{f}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&path).unwrap();
                crate::ingest::from_bytes(&bytes, &path, &Default::default()).unwrap()
            })
            .collect();
        Comparison::new(docs, 0, &crate::align::AlignOptions::default()).unwrap()
    }

    /// Chunked rendering draws exactly the one table comfy-table would: at every chunk size
    /// (including chunks that end on the last row and chunks where the `#` width changes),
    /// with and without colour, for two and three reports.
    #[test]
    fn chunked_table_equals_one_table() {
        let lexicons = || crate::lexicon::resolve(&[], false).unwrap();
        for files in [
            &[
                "velayati-mekdad-2022/iran-front-page.txt",
                "velayati-mekdad-2022/al-ahed.txt",
            ][..],
            &[
                "velayati-mekdad-2022/al-ahed.txt",
                "velayati-mekdad-2022/iran-front-page.txt",
                "velayati-mikdad-2017/sana.txt",
            ][..],
        ] {
            let cmp = comparison(files);
            let view = crate::report::document::view(&cmp, lexicons()).unwrap();
            assert!(view.rows.len() > 12, "{} rows", view.rows.len());
            for (color, width) in [(false, 100), (true, 80), (false, 157)] {
                let style = Style { color, width };
                let expected = one_table(&view, cmp.pivot, &style);
                let len = view.rows.len();
                for chunk in [1, 2, 3, 7, len - 1, len, len + 1, CHUNK_ROWS] {
                    let mut parts = Vec::new();
                    side_by_side(&mut parts, &view, cmp.pivot, &view.rows, &style, chunk);
                    assert_eq!(
                        parts.concat(),
                        expected,
                        "{files:?}, chunks of {chunk}, {style:?}"
                    );
                }
            }
        }
    }

    /// The report with no rows at all is the header alone, as comfy-table draws it.
    #[test]
    fn chunked_table_without_rows_is_the_header() {
        let view = view::Report {
            outlets: vec![view::Outlet::default(), view::Outlet::default()],
            ..view::Report::default()
        };
        let style = Style {
            color: false,
            width: 80,
        };
        let mut parts = Vec::new();
        side_by_side(&mut parts, &view, 0, &view.rows, &style, 3);
        assert_eq!(parts.concat(), one_table(&view, 0, &style));
    }

    /// The terminal report of `compare` (rows made as they are rendered) equals the table of
    /// the complete view.
    #[test]
    fn streamed_rows_render_like_the_view() {
        let cmp = comparison(&[
            "velayati-mekdad-2022/iran-front-page.txt",
            "velayati-mekdad-2022/al-ahed.txt",
        ]);
        let style = Style {
            color: true,
            width: 100,
        };
        let lexicons = crate::lexicon::resolve(&[], false).unwrap();
        let view = crate::report::document::view(&cmp, lexicons.clone()).unwrap();
        let streamed = crate::report::document::terminal(&cmp, lexicons, &style).unwrap();
        assert!(streamed.starts_with(&table(&cmp, &view, &style)));
    }

    #[test]
    fn cells_mark_changes_and_hits_without_colour() {
        let cell = view::Cell {
            sentence_ids: vec![0],
            score: None,
            pieces: vec![
                piece("The ", Change::Same, None),
                piece("Israeli ", Change::Deleted, None),
                piece("regime", Change::Deleted, Some(1)),
                piece("Zionist regime", Change::Inserted, Some(0)),
                piece(" is weak.", Change::Same, None),
            ],
        };
        let st = Style {
            color: false,
            width: 80,
        };
        // one mark per changed run, hits numbered inside it
        assert_eq!(
            cell_text(&cell, &st, true),
            "The [-Israeli regime²-]{+Zionist regime¹+} is weak."
        );
        // non-pivot columns leave out what the pivot's column already strikes
        assert_eq!(
            cell_text(&cell, &st, false),
            "The {+Zionist regime¹+} is weak."
        );
    }

    #[test]
    fn cells_use_ansi_colour_only_when_asked() {
        let cell = view::Cell {
            sentence_ids: vec![0],
            score: None,
            pieces: vec![
                piece("The ", Change::Same, None),
                piece("small", Change::Inserted, None),
                piece(" dog", Change::Same, Some(0)),
            ],
        };
        let st = Style {
            color: true,
            width: 80,
        };
        let t = cell_text(&cell, &st, false);
        assert!(t.contains("\x1b[32msmall\x1b[0m"), "{t:?}");
        assert!(t.contains("\x1b[1;4;33mdog\x1b[0m"), "{t:?}");
        let plain = Style {
            color: false,
            width: 80,
        };
        assert!(!cell_text(&cell, &plain, false).contains('\x1b'));
    }
}
