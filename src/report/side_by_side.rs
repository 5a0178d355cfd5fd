//! The side-by-side terminal report of `framediff compare`: a header, one table with a column
//! per report in the pivot's reading order (changed words and lexicon hits marked), a legend,
//! and each report's substitutions, discrepancies and name spellings against the pivot.
//!
//! Sentence numbers are 1-based (they are read by people).

use std::io::{self, Write};

use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table, Width};

use crate::compare::{Comparison, PairComparison};
use crate::ingest::Document;
use crate::report::fit;
use crate::report::format::{fmt_sentences, fmt_set_aside, superscript};
use crate::report::style::{visible_width, wrap, Style};
use crate::report::view::{self, Change, RowStream, SentenceRow};

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
/// Further partners shown in full in other rows end the cell as `(also ↔ 3)` (the `#` of
/// their row), or make it up when all its partners are shown elsewhere.
/// Consecutive pieces with the same change share one mark, so a changed phrase that holds a
/// lexicon hit reads `[-Israeli regime¹-]`, not three fragments. `show_deleted` is false in
/// the columns of non-pivot reports: the words they dropped are already struck in the pivot's.
fn cell_text(c: &view::Cell, style: &Style, show_deleted: bool) -> String {
    let mut out = marked_text(c, style, show_deleted);
    if !c.also.is_empty() {
        // further partners shown in full in other rows, by the `#` those rows show
        let mut rows: Vec<String> = Vec::new();
        for e in &c.also {
            let n = fmt_sentences(&e.pivot);
            if !rows.contains(&n) {
                rows.push(n);
            }
        }
        let pointer = dim(&format!("also ↔ {}", rows.join(", ")), style);
        if out.trim().is_empty() {
            out = pointer;
        } else {
            out = format!("{out} ({pointer})");
        }
    }
    out
}

/// The cell's pieces marked (see [`cell_text`]).
fn marked_text(c: &view::Cell, style: &Style, show_deleted: bool) -> String {
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
        format!("{lead}{t}{}{trail}", superscript(c + 1))
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

/// The terminal report of a comparison: a header (each report's title, sentence count, share
/// of sentences paired and lines of page chrome set aside), the side-by-side table in the pivot's reading order with one
/// column per report (changed words and lexicon hits marked, sentences only one report carries
/// in their place), a legend, then for each report its substitutions, discrepancies and name
/// variants against the pivot. `view` is the comparison's report view (see
/// [`crate::report::build`]), which also carries the lexicon hits; the rows of the table are
/// read from `rows` (`view.rows` is not used), so that a view built by
/// [`crate::report::build::build_without_rows`] and a [`crate::report::build::StreamedRows`]
/// render a report of millions of rows without ever holding them all.
pub fn render(
    w: &mut dyn Write,
    cmp: &Comparison,
    view: &view::Report,
    rows: &dyn RowStream,
    style: &Style,
) -> io::Result<()> {
    let pv = cmp.pivot;
    let mut out = String::new();

    let mut head = new_table(style);
    head.set_header(vec!["report", "title", "sentences", "paired", "set aside"]);
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
            Cell::new(fmt_set_aside(o.set_aside.lines)),
        ]);
    }
    out.push_str(&fit::table(&head, usize::from(style.width)));
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
    w.write_all(out.as_bytes())?;
    side_by_side(w, view, pv, rows, style, CHUNK_ROWS)?;
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
                    format!("{}{}", superscript(i + 1), c.label)
                }
            })
            .collect();
        let line = format!("framing terms: {}", legend.join(", "));
        out.push_str(&wrap(&line, style.width as usize, 2));
        out.push('\n');
    }

    for p in &cmp.pairs {
        if cmp.pairs.len() > 1 {
            out.push('\n');
            out.push_str(&fit::lines(
                &format!(
                    "== {} → {} ==",
                    cmp.documents[pv].label, cmp.documents[p.other].label
                ),
                usize::from(style.width),
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
    w.write_all(out.as_bytes())
}

/// Rows per comfy-table in the side-by-side table. comfy-table keeps every cell of a table with
/// its wrapped lines until it renders (hundreds of bytes per row on top of the text): one table
/// of a 200 MB report's two million rows took 7.5 GB and six minutes. Chunks of a few hundred
/// rows keep that overhead small and constant.
const CHUNK_ROWS: usize = 256;

/// The `#` column: the pivot's sentence numbers of the row.
fn row_number(row: &SentenceRow, pv: usize) -> String {
    match row.cells.get(pv).and_then(Option::as_ref) {
        Some(c) => fmt_sentences(&c.sentence_ids),
        None => String::new(),
    }
}

/// The `sim` column: the similarity of the row's pair.
fn row_score(row: &SentenceRow) -> String {
    row.cells
        .iter()
        .flatten()
        .find_map(|c| c.score)
        .map(|s| format!("{s:.2}"))
        .unwrap_or_default()
}

/// The side-by-side table (without a final newline), rendered `chunk` rows at a time, each
/// chunk written as soon as it is drawn.
///
/// Every chunk is its own comfy-table with the same fixed column widths, the inner border lines
/// between chunks dropped, so the concatenation is the one table comfy-table would draw: the
/// text columns have fixed widths anyway, and `#` and `sim` get the width comfy-table's
/// content-width rule would give the whole table (their widest cell, header included; a fixed
/// width counts the cell padding, the content width does not).
fn side_by_side(
    w: &mut dyn Write,
    view: &view::Report,
    pv: usize,
    rows: &dyn RowStream,
    style: &Style,
    chunk: usize,
) -> io::Result<()> {
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
    // the grid's width: the columns (fixed widths count their padding) and n + 2 or 3 rules
    let grid_width = usize::from(number_w)
        + 2
        + n * usize::from(text_w)
        + if two { usize::from(sim_w) + 2 } else { 0 }
        + n
        + 2
        + usize::from(two);
    if grid_width > usize::from(style.width) {
        return row_blocks(w, view, pv, rows, style);
    }
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
    // the first write error: the remaining rows are skipped
    let mut failed: io::Result<()> = Ok(());
    rows.each(&mut |row| {
        if failed.is_err() {
            return;
        }
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
            failed = w
                .write_all(body.as_bytes())
                .and_then(|()| w.write_all(b"\n"));
            bottom = last.to_string();
            first = false;
            in_table = 0;
        }
    });
    failed?;
    if first {
        // everything fitted in one chunk (or there are no rows: the header alone)
        w.write_all(render(table).as_bytes())
    } else if in_table > 0 {
        let s = render(table);
        w.write_all(s.split_once('\n').map_or("", |(_, rest)| rest).as_bytes())
    } else {
        w.write_all(bottom.as_bytes())
    }
}

/// The side-by-side rows when a column per report does not fit the width (many reports on a
/// narrow terminal): one block per row, the pivot's sentence numbers as its heading and each
/// report's text on its own lines, with the similarity to the pivot after the label.
fn row_blocks(
    w: &mut dyn Write,
    view: &view::Report,
    pv: usize,
    rows: &dyn RowStream,
    style: &Style,
) -> io::Result<()> {
    let width = usize::from(style.width);
    let pivot = &view.outlets[pv].label;
    let note = format!(
        "(too narrow for a column per report: one block per row of {pivot}'s reading order; widen with --width)"
    );
    w.write_all(fit::lines(&note, width).as_bytes())?;
    let none = dim("—", style);
    let mut failed: io::Result<()> = Ok(());
    // blocks are separated by a blank line; the last ends without a newline, like the grid
    let mut first = true;
    rows.each(&mut |row| {
        if failed.is_err() {
            return;
        }
        let number = row_number(row, pv);
        let mut block = String::from(if first { "\n" } else { "\n\n" });
        first = false;
        if number.is_empty() {
            block.push_str(&fit::indented(&format!("# — (not in {pivot})"), width, 0));
        } else {
            block.push_str(&format!("# {number}"));
        }
        for (d, c) in row.cells.iter().enumerate() {
            let label = &view.outlets[d].label;
            let line = match c {
                Some(c) => match c.score.filter(|_| d != pv) {
                    Some(score) => {
                        format!("{label} ({score:.2}): {}", cell_text(c, style, d == pv))
                    }
                    None => format!("{label}: {}", cell_text(c, style, d == pv)),
                },
                None => format!("{label}: {none}"),
            };
            for (k, part) in line.lines().enumerate() {
                block.push('\n');
                block.push_str(&fit::indented(part, width, if k == 0 { 2 } else { 4 }));
            }
        }
        failed = w.write_all(block.as_bytes());
    });
    failed
}

/// The substitutions, discrepancies and name-variant tables of one pair of reports.
fn sections(out: &mut String, da: &Document, db: &Document, p: &PairComparison, style: &Style) {
    let d = &p.differences;
    // pairs are shown by the pivot sentence numbers of the table's # column
    let at = |k: usize| {
        p.alignment
            .pairs
            .get(k)
            .map(|pr| fmt_sentences(&pr.a))
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
    let width = usize::from(style.width);
    out.push('\n');
    out.push_str(&fit::lines(
        &format!("Substitutions ({} → {})", da.label, db.label),
        width,
    ));
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
        out.push_str(&fit::table(&t, width));
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
        out.push_str(&fit::table(&t, width));
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
        out.push_str(&fit::table(&t, width));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::framing::LexiconFraming;

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
        let framing = |cmp: &Comparison| {
            LexiconFraming::new(cmp, crate::lexicon::resolve(&[], false).unwrap()).unwrap()
        };
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
            let view = crate::report::document::view(&cmp, &framing(&cmp));
            assert!(view.rows.len() > 12, "{} rows", view.rows.len());
            for (color, width) in [(false, 100), (true, 80), (false, 157)] {
                let style = Style { color, width };
                let expected = one_table(&view, cmp.pivot, &style);
                let len = view.rows.len();
                for chunk in [1, 2, 3, 7, len - 1, len, len + 1, CHUNK_ROWS] {
                    let mut out = Vec::new();
                    side_by_side(&mut out, &view, cmp.pivot, &view.rows, &style, chunk).unwrap();
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
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
        let mut out = Vec::new();
        side_by_side(&mut out, &view, 0, &view.rows, &style, 3).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), one_table(&view, 0, &style));
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
        let framing = LexiconFraming::new(&cmp, lexicons).unwrap();
        let view = crate::report::document::view(&cmp, &framing);
        let mut streamed = Vec::new();
        crate::report::document::terminal(&mut streamed, &cmp, &framing, &style).unwrap();
        let mut whole = Vec::new();
        render(&mut whole, &cmp, &view, &view.rows, &style).unwrap();
        assert!(streamed.starts_with(&whole));
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
            also: Vec::new(),
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
            also: Vec::new(),
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
