//! Output of `framediff terms`: term and category counts with keyness, as a terminal table,
//! CSV, Markdown or the `framediff.terms/2` JSON; and keyword-in-context listings
//! (`framediff.kwic/2`). Field meanings are documented in `docs/terms.md`.
//!
//! Reference rows (context, not framing) are never mixed with the loaded ones: the table and
//! Markdown show them as a second block under their own heading, made by the same code
//! ([`display_rows`] picks a role), and CSV/JSON carry a `role` on every row.

use std::io::{self, Write};

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table,
    Width,
};
use serde::Serialize;

use super::fit;
use super::format::{self, fixed as fmt_num};
use super::json::pretty;
use super::style::Style;
use crate::analysis::kwic::{KwicRow, SCHEMA as KWIC_SCHEMA};
use crate::analysis::terms::{CountRow, DocInfo, LexInfo, Options, Stat, TermsReport};
use crate::lexicon::{keyness, Role};

/// Heading of the reference block in the tables, Markdown and the report pages.
pub(crate) const REFERENCE_HEADING: &str =
    "Reference terms: context (neutral counterparts, plain wording, names), not framing; in no loaded total";

/// `framediff.terms/2` JSON (pretty, newline-terminated).
pub fn json(w: &mut dyn Write, r: &TermsReport) -> io::Result<()> {
    pretty(w, r)
}

fn g2_text(s: &Stat, doc: usize) -> String {
    match s {
        Stat::None => String::new(),
        Stat::One(g) => format!("{}{}", fmt_num(*g, 2), keyness::mark(*g)),
        Stat::Each(v) => v
            .get(doc)
            .copied()
            .flatten()
            .map(|g| format!("{}{}", fmt_num(g, 2), keyness::mark(g)))
            .unwrap_or_default(),
    }
}

fn lr_text(s: &Stat, doc: usize) -> String {
    match s {
        Stat::None => String::new(),
        Stat::One(x) => fmt_num(*x, 2),
        Stat::Each(v) => v
            .get(doc)
            .copied()
            .flatten()
            .map(|x| fmt_num(x, 2))
            .unwrap_or_default(),
    }
}

/// Tidy (long) CSV: one row per term (or category, with `--by category`) per document.
///
/// Columns: `level,lexicon,category,role,term,neutral,document,label,words,count,per_1000,
/// quoted,scare_quoted,log_likelihood,log_ratio`; the last two compare the row's document with
/// the other documents combined (empty with one document). Rows keep lexicon order; `role`
/// (`loaded`/`reference`) tells them apart.
pub fn csv(w: &mut dyn Write, r: &TermsReport, opts: Options) -> io::Result<()> {
    w.write_all(csv_text(r, opts).as_bytes())
}

fn csv_text(r: &TermsReport, opts: Options) -> String {
    let mut out = String::from(
        "level,lexicon,category,role,term,neutral,document,label,words,count,per_1000,quoted,scare_quoted,log_likelihood,log_ratio\r\n",
    );
    let (level, rows) = if opts.by_category {
        ("category", &r.categories)
    } else {
        ("term", &r.terms)
    };
    for row in rows {
        for (d, doc) in r.documents.iter().enumerate() {
            let (ll, lr) = doc_stats(row, d, r.documents.len());
            let fields = [
                level.to_string(),
                row.lexicon.clone(),
                row.category.clone(),
                row.role.as_str().to_string(),
                row.term.clone().unwrap_or_default(),
                row.neutral.clone().unwrap_or_default(),
                doc.path.clone(),
                doc.label.clone(),
                doc.words.to_string(),
                row.counts[d].to_string(),
                row.per_1000[d].to_string(),
                row.quoted[d].to_string(),
                row.scare_quoted[d].to_string(),
                ll.map(|x| x.to_string()).unwrap_or_default(),
                lr.map(|x| x.to_string()).unwrap_or_default(),
            ];
            let line: Vec<String> = fields.iter().map(|f| format::csv(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// G² and log ratio of document `d` against the others (two documents: the second is the
/// first's negation).
fn doc_stats(row: &CountRow, d: usize, n: usize) -> (Option<f64>, Option<f64>) {
    let pick = |s: &Stat| match s {
        Stat::None => None,
        Stat::One(x) => Some(if d == 0 { *x } else { -*x }),
        Stat::Each(v) => v.get(d).copied().flatten(),
    };
    if n < 2 {
        return (None, None);
    }
    (pick(&row.log_likelihood), pick(&row.log_ratio))
}

/// The documents and lexicons, one line each; `esc` escapes their names for the format.
fn header_line(r: &TermsReport, esc: fn(&str) -> String) -> String {
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| esc(&format!("{} ({} words)", d.label, d.words)))
        .collect();
    let lexs: Vec<String> = r
        .lexicons
        .iter()
        .map(|l| esc(&format!("{} {}", l.name, l.version)))
        .collect();
    format!(
        "Documents: {}\nLexicons: {}\n",
        docs.join(", "),
        lexs.join(", ")
    )
}

fn legend(r: &TermsReport) -> String {
    let mut s = String::from(
        "hits: occurrences; /1k: per 1,000 words; q/s: in quoted speech / in scare quotes",
    );
    match r.documents.len() {
        2 => s.push_str(&format!(
            "\nG²: log-likelihood, + = relatively more in {}; * p<0.05 ** p<0.01 *** p<0.001; LR: log2 ratio of rates",
            r.documents[0].label
        )),
        n if n > 2 => s.push_str(
            "\nG² / LR per document: that document against all the others combined; * p<0.05 ** p<0.01 *** p<0.001",
        ),
        _ => {}
    }
    s.push('\n');
    s
}

/// Display rows of one role: categories with their terms beneath (or categories only).
fn display_rows(r: &TermsReport, opts: Options, role: Role) -> Vec<(bool, &CountRow)> {
    let mut out = Vec::new();
    for c in r.categories.iter().filter(|c| c.role == role) {
        out.push((true, c));
        if !opts.by_category {
            for t in r
                .terms
                .iter()
                .filter(|t| t.lexicon == c.lexicon && t.category == c.category)
            {
                out.push((false, t));
            }
        }
    }
    out
}

fn category_label(r: &TermsReport, row: &CountRow) -> String {
    if r.lexicons.len() > 1 {
        format!("{} › {}", row.lexicon, row.category)
    } else {
        row.category.clone()
    }
}

/// Which per-document columns a table shows besides hits (and G²): narrow terminals drop the
/// quote counts first, then the rates, rather than overflowing the width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Detail {
    rate: bool,
    quotes: bool,
}

const FULL: Detail = Detail {
    rate: true,
    quotes: true,
};

fn headers(r: &TermsReport, neutral: bool, detail: Detail) -> Vec<String> {
    let mut h = vec!["category / term".to_string()];
    if neutral {
        h.push("neutral".to_string());
    }
    let n = r.documents.len();
    for d in &r.documents {
        h.push(format!("{}\nhits", d.label));
        if detail.rate {
            h.push("/1k".into());
        }
        if detail.quotes {
            h.push("q/s".into());
        }
        if n > 2 {
            h.push("G²".into());
        }
    }
    if n == 2 {
        h.push("G²".into());
        h.push("LR".into());
    }
    h
}

fn cells(
    r: &TermsReport,
    row: &CountRow,
    is_cat: bool,
    neutral: bool,
    detail: Detail,
) -> Vec<String> {
    let n = r.documents.len();
    let name = if is_cat {
        category_label(r, row)
    } else {
        // a visible marker, not spaces: wrapped cells lose leading spaces
        format!("· {}", row.term.as_deref().unwrap_or(""))
    };
    let mut c = vec![name];
    if neutral {
        c.push(row.neutral.clone().unwrap_or_default());
    }
    for d in 0..n {
        c.push(row.counts[d].to_string());
        if detail.rate {
            c.push(fmt_num(row.per_1000[d], 2));
        }
        if detail.quotes {
            c.push(quotes_text(row, d));
        }
        if n > 2 {
            c.push(g2_text(&row.log_likelihood, d));
        }
    }
    if n == 2 {
        c.push(g2_text(&row.log_likelihood, 0));
        c.push(lr_text(&row.log_ratio, 0));
    }
    c
}

/// The `q/s` cell: quoted / scare-quoted hits of document `d`, empty when there are none.
fn quotes_text(row: &CountRow, d: usize) -> String {
    if row.quoted[d] + row.scare_quoted[d] == 0 {
        String::new()
    } else {
        format!("{}/{}", row.quoted[d], row.scare_quoted[d])
    }
}

fn plain(s: &str) -> String {
    s.to_string()
}

/// Terminal table grouped by category, with subtotal rows, fitted to `style.width`.
pub fn table(w: &mut dyn Write, r: &TermsReport, opts: Options, style: &Style) -> io::Result<()> {
    w.write_all(table_text(r, opts, style).as_bytes())
}

fn table_text(r: &TermsReport, opts: Options, style: &Style) -> String {
    let width = usize::from(style.width);
    let mut out = fit::lines(&header_line(r, plain), width);
    let rows = display_rows(r, opts, Role::Loaded);
    let reference = display_rows(r, opts, Role::Reference);
    if rows.is_empty() && reference.is_empty() {
        out.push_str("No lexicon term occurs in the documents (use --all to list every term).\n");
        return out;
    }
    // what the narrower layouts left out, once each, in the order first met
    let mut notes_left_out: Vec<&str> = Vec::new();
    let mut block = |out: &mut String, rows: &[(bool, &CountRow)]| {
        let (t, note) = table_block(r, rows, style);
        out.push_str(&t);
        if !note.is_empty() && !notes_left_out.contains(&note) {
            notes_left_out.push(note);
        }
    };
    if rows.is_empty() {
        out.push_str("No loaded term occurs in the documents.\n");
    } else {
        block(&mut out, &rows);
    }
    if !reference.is_empty() {
        out.push('\n');
        out.push_str(&fit::lines(REFERENCE_HEADING, width));
        block(&mut out, &reference);
    }
    let mut notes = legend(r);
    for note in notes_left_out {
        notes.push_str(note);
    }
    out.push_str(&fit::lines(&notes, width));
    out
}

/// One block of the table (the loaded rows, or the reference rows) in the richest layout that
/// fits `style.width`, newline-terminated, with the note saying what that layout left out
/// (empty for the full table).
fn table_block(
    r: &TermsReport,
    rows: &[(bool, &CountRow)],
    style: &Style,
) -> (String, &'static str) {
    let width = usize::from(style.width);
    let neutral = has_neutral(rows);
    let text_cols = 1 + usize::from(neutral);
    // Numbers never wrap; the names get what is left, but at least a readable minimum.
    let name_width = rows
        .iter()
        .map(|(c, row)| {
            let n = if *c {
                category_label(r, row)
            } else {
                row.term.clone().unwrap_or_default()
            };
            unicode_width::UnicodeWidthStr::width(n.as_str()) + 2
        })
        .max()
        .unwrap_or(10)
        .min(24) as u16;
    let neutral_width = rows
        .iter()
        .filter_map(|(_, row)| row.neutral.as_deref())
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap_or(7)
        .clamp(7, 14) as u16
        + 2;
    // the estimate of whether a level of detail fits: numbers never wrap, names need a
    // readable minimum
    let estimate = |detail: Detail| {
        let mut widths: Vec<usize> = headers(r, neutral, detail)
            .iter()
            .map(|h| {
                h.lines()
                    .map(unicode_width::UnicodeWidthStr::width)
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (is_cat, row) in rows.iter().copied() {
            for (i, c) in cells(r, row, is_cat, neutral, detail).iter().enumerate() {
                widths[i] = widths[i].max(unicode_width::UnicodeWidthStr::width(c.as_str()));
            }
        }
        let numbers: usize = widths[text_cols..].iter().sum();
        let names = name_width as usize + if neutral { neutral_width as usize } else { 0 };
        let total = numbers + names + 3 * widths.len() + 1;
        total <= width
    };
    let bare = Detail {
        rate: false,
        quotes: false,
    };
    let rate = Detail {
        rate: true,
        quotes: false,
    };
    let wide = Bounds {
        name: name_width,
        neutral: neutral.then_some(neutral_width),
    };
    // Narrow terminals: names and neutral terms wrap sooner, then the neutral column goes.
    let narrow = Bounds {
        name: name_width.min(12),
        neutral: neutral.then_some(neutral_width.min(11)),
    };
    let no_neutral = Bounds {
        neutral: None,
        ..narrow
    };
    // The most detail that fits, in one table with a column group per document; then one
    // table per document; then one block per row, which always fits.
    let mut layouts: Vec<(Table, &'static str)> = Vec::new();
    for (detail, note) in [(FULL, ""), (rate, NARROW)] {
        if estimate(detail) {
            layouts.push((grid(r, rows, detail, wide, style), note));
        }
    }
    layouts.push((grid(r, rows, bare, wide, style), NARROW));
    layouts.push((grid(r, rows, bare, narrow, style), NARROW));
    if neutral {
        layouts.push((grid(r, rows, bare, no_neutral, style), NARROWER));
    }
    let chosen = layouts.iter().find_map(|(t, note)| {
        let s = t.to_string();
        fit::fits(&s, width).then_some((s, *note))
    });
    match chosen {
        Some((s, note)) => (s + "\n", note),
        None => match per_document(r, rows, narrow, style) {
            Some(s) => (s, PER_DOCUMENT),
            None => {
                let last = &layouts.last().expect("a layout").0;
                (fit::blocks(last, width) + "\n", NARROWER)
            }
        },
    }
}

/// What a table narrower than the full one leaves out (shown under it).
const NARROW: &str = "(too narrow for every column: quote counts or rates left out; widen with --width or use --format csv)\n";
const NARROWER: &str = "(too narrow for every column: neutral alternatives, quote counts and rates left out; widen with --width or use --format csv)\n";
const PER_DOCUMENT: &str = "(too narrow for a column per document: one table per document; widen with --width or use --format csv)\n";

/// Lower bounds of the text columns: the name column's, and the neutral column's when shown.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    name: u16,
    neutral: Option<u16>,
}

/// The table with a column group per document at `detail`.
fn grid(
    r: &TermsReport,
    rows: &[(bool, &CountRow)],
    detail: Detail,
    bounds: Bounds,
    style: &Style,
) -> Table {
    let neutral = has_neutral(rows);
    let show_neutral = bounds.neutral.is_some();
    let keep = |cols: Vec<String>| -> Vec<String> {
        cols.into_iter()
            .enumerate()
            .filter(|(i, _)| show_neutral || !neutral || *i != 1)
            .map(|(_, c)| c)
            .collect()
    };
    let header = keep(headers(r, neutral, detail));
    let body = rows
        .iter()
        .map(|&(is_cat, row)| (is_cat, keep(cells(r, row, is_cat, neutral, detail))))
        .collect();
    styled_table(header, body, bounds, style)
}

/// A comfy-table of the given header and rows: category rows in bold (with colour), numbers
/// right-aligned and never wrapped, the name (and neutral) columns at least `bounds` wide.
fn styled_table(
    header: Vec<String>,
    rows: Vec<(bool, Vec<String>)>,
    bounds: Bounds,
    style: &Style,
) -> Table {
    let text_cols = 1 + usize::from(bounds.neutral.is_some());
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t.set_header(header);
    for (is_cat, texts) in rows {
        let cells: Vec<Cell> = texts
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let s = if is_cat && style.color && !s.is_empty() {
                    use owo_colors::OwoColorize;
                    s.bold().to_string()
                } else {
                    s
                };
                let c = Cell::new(s);
                if i >= text_cols {
                    c.set_alignment(CellAlignment::Right)
                } else {
                    c
                }
            })
            .collect();
        t.add_row(cells);
    }
    for (i, col) in t.column_iter_mut().enumerate() {
        if i == 0 {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(bounds.name)));
        } else if i < text_cols {
            let w = bounds.neutral.unwrap_or(bounds.name);
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(w)));
        } else {
            col.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    t
}

/// One table per document (its label and word count above it), with every statistic of that
/// document: the layout for many documents on a narrow terminal. `None` when even the plainest
/// of them does not fit.
fn per_document(
    r: &TermsReport,
    rows: &[(bool, &CountRow)],
    bounds: Bounds,
    style: &Style,
) -> Option<String> {
    let width = usize::from(style.width);
    let n = r.documents.len();
    let neutral = has_neutral(rows);
    let mut out = String::new();
    for (d, doc) in r.documents.iter().enumerate() {
        let table = [
            FULL,
            Detail {
                rate: true,
                quotes: false,
            },
            Detail {
                rate: false,
                quotes: false,
            },
        ]
        .into_iter()
        .map(|detail| {
            let mut header = vec!["category / term".to_string()];
            if neutral {
                header.push("neutral".into());
            }
            header.push("hits".into());
            if detail.rate {
                header.push("/1k".into());
            }
            if detail.quotes {
                header.push("q/s".into());
            }
            if n > 1 {
                header.push("G²".into());
                header.push("LR".into());
            }
            let body = rows
                .iter()
                .map(|&(is_cat, row)| {
                    let mut c = cells(r, row, is_cat, neutral, detail);
                    c.truncate(1 + usize::from(neutral));
                    c.push(row.counts[d].to_string());
                    if detail.rate {
                        c.push(fmt_num(row.per_1000[d], 2));
                    }
                    if detail.quotes {
                        c.push(quotes_text(row, d));
                    }
                    if n > 1 {
                        let (g2, lr) = doc_stats(row, d, n);
                        c.push(
                            g2.map(|g| format!("{}{}", fmt_num(g, 2), keyness::mark(g)))
                                .unwrap_or_default(),
                        );
                        c.push(lr.map(|x| fmt_num(x, 2)).unwrap_or_default());
                    }
                    (is_cat, c)
                })
                .collect();
            let b = Bounds {
                neutral: neutral.then_some(bounds.neutral.unwrap_or(bounds.name)),
                ..bounds
            };
            styled_table(header, body, b, style).to_string()
        })
        .find(|s| fit::fits(s, width))?;
        if d > 0 {
            out.push('\n');
        }
        out.push_str(&fit::lines(
            &format!("{} ({} words)", doc.label, doc.words),
            width,
        ));
        out.push_str(&table);
        out.push('\n');
    }
    Some(out)
}

fn has_neutral(rows: &[(bool, &CountRow)]) -> bool {
    rows.iter().any(|(_, r)| r.neutral.is_some())
}

/// GitHub-flavoured Markdown: the same table, category rows in bold. Every text (labels,
/// lexicon names, terms, the legend) goes through [`format::markdown`].
pub fn markdown(w: &mut dyn Write, r: &TermsReport, opts: Options) -> io::Result<()> {
    w.write_all(markdown_text(r, opts).as_bytes())
}

fn markdown_text(r: &TermsReport, opts: Options) -> String {
    let mut out = String::new();
    for line in header_line(r, format::markdown).lines() {
        out.push_str(line);
        out.push_str("  \n");
    }
    out.push('\n');
    let rows = display_rows(r, opts, Role::Loaded);
    let reference = display_rows(r, opts, Role::Reference);
    if rows.is_empty() && reference.is_empty() {
        out.push_str("No lexicon term occurs in the documents.\n");
        return out;
    }
    if rows.is_empty() {
        out.push_str("No loaded term occurs in the documents.\n");
    } else {
        markdown_block(&mut out, r, &rows);
    }
    if !reference.is_empty() {
        out.push('\n');
        out.push_str(&format!("**{}**\n\n", format::markdown(REFERENCE_HEADING)));
        markdown_block(&mut out, r, &reference);
    }
    out.push('\n');
    for line in legend(r).lines() {
        out.push_str(&format::markdown(line));
        out.push_str("  \n");
    }
    out
}

/// One Markdown table of `rows` (loaded or reference).
fn markdown_block(out: &mut String, r: &TermsReport, rows: &[(bool, &CountRow)]) {
    let neutral = has_neutral(rows);
    let text_cols = 1 + usize::from(neutral);
    let h: Vec<String> = headers(r, neutral, FULL)
        .iter()
        .map(|h| format::markdown(&h.replace('\n', " ")))
        .collect();
    out.push_str(&format!("| {} |\n", h.join(" | ")));
    let align: Vec<&str> = (0..h.len())
        .map(|i| if i < text_cols { "---" } else { "---:" })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for &(is_cat, row) in rows {
        let c: Vec<String> = cells(r, row, is_cat, neutral, FULL)
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let s = format::markdown(if i == 0 {
                    s.trim_start_matches("· ")
                } else {
                    &s
                });
                if is_cat && !s.is_empty() {
                    format!("**{s}**")
                } else {
                    s
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", c.join(" | ")));
    }
}

/// Quote flags, and `reference` for a hit of a reference term (context, not framing).
fn flags(k: &KwicRow) -> String {
    let mut f: Vec<&str> = Vec::new();
    if k.quoted {
        f.push("quoted");
    }
    if k.scare_quoted {
        f.push("scare");
    }
    if k.role == Role::Reference {
        f.push("reference");
    }
    f.join(", ")
}

#[derive(Serialize)]
struct KwicJson<'a> {
    schema: &'static str,
    documents: &'a [DocInfo],
    lexicons: &'a [LexInfo],
    hits: &'a [KwicRow],
}

/// `framediff.kwic/2` JSON.
pub fn kwic_json(w: &mut dyn Write, r: &TermsReport, rows: &[KwicRow]) -> io::Result<()> {
    pretty(
        w,
        &KwicJson {
            schema: KWIC_SCHEMA,
            documents: &r.documents,
            lexicons: &r.lexicons,
            hits: rows,
        },
    )
}

/// KWIC CSV: `label,document,lexicon,category,role,term,left,match,right,start,end,quoted,
/// scare_quoted`.
pub fn kwic_csv(w: &mut dyn Write, r: &TermsReport, rows: &[KwicRow]) -> io::Result<()> {
    w.write_all(kwic_csv_text(r, rows).as_bytes())
}

fn kwic_csv_text(r: &TermsReport, rows: &[KwicRow]) -> String {
    let mut out = String::from(
        "label,document,lexicon,category,role,term,left,match,right,start,end,quoted,scare_quoted\r\n",
    );
    for k in rows {
        let f = [
            k.label.clone(),
            r.documents[k.document].path.clone(),
            k.lexicon.clone(),
            k.category.clone(),
            k.role.as_str().to_string(),
            k.term.clone(),
            k.left.clone(),
            k.matched.clone(),
            k.right.clone(),
            k.start.to_string(),
            k.end.to_string(),
            k.quoted.to_string(),
            k.scare_quoted.to_string(),
        ];
        let line: Vec<String> = f.iter().map(|x| format::csv(x)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// KWIC as a terminal table: document, term, left context, match, right context, flags.
pub fn kwic_table(
    w: &mut dyn Write,
    r: &TermsReport,
    rows: &[KwicRow],
    style: &Style,
) -> io::Result<()> {
    w.write_all(kwic_table_text(r, rows, style).as_bytes())
}

fn kwic_table_text(r: &TermsReport, rows: &[KwicRow], style: &Style) -> String {
    let width = usize::from(style.width);
    let mut out = fit::lines(&header_line(r, plain), width);
    if rows.is_empty() {
        out.push_str("No lexicon term occurs in the documents.\n");
        return out;
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t.set_header(vec!["document", "term", "left", "match", "right", "flags"]);
    for k in rows {
        let m = if style.color {
            use owo_colors::OwoColorize;
            k.matched.bold().to_string()
        } else {
            k.matched.clone()
        };
        t.add_row(vec![
            Cell::new(&k.label),
            Cell::new(&k.term),
            Cell::new(k.left.trim_end()).set_alignment(CellAlignment::Right),
            Cell::new(m),
            Cell::new(k.right.trim_start()),
            Cell::new(flags(k)),
        ]);
    }
    out.push_str(&fit::table(&t, width));
    out.push('\n');
    out
}

/// KWIC as a GitHub Markdown table, the match in bold; every text through
/// [`format::markdown`], so an article can inject neither links nor HTML.
pub fn kwic_markdown(w: &mut dyn Write, r: &TermsReport, rows: &[KwicRow]) -> io::Result<()> {
    w.write_all(kwic_markdown_text(r, rows).as_bytes())
}

fn kwic_markdown_text(r: &TermsReport, rows: &[KwicRow]) -> String {
    let mut out = String::new();
    for line in header_line(r, format::markdown).lines() {
        out.push_str(line);
        out.push_str("  \n");
    }
    out.push('\n');
    out.push_str("| document | term | left | match | right | flags |\n");
    out.push_str("| --- | --- | ---: | --- | --- | --- |\n");
    for k in rows {
        out.push_str(&format!(
            "| {} | {} | {} | **{}** | {} | {} |\n",
            format::markdown(&k.label),
            format::markdown(&k.term),
            format::markdown(k.left.trim_end()),
            format::markdown(&k.matched),
            format::markdown(k.right.trim_start()),
            flags(k)
        ));
    }
    out
}
