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

use super::format::{self, fixed as fmt_num};
use super::json::pretty;
use super::style::{wrap, Style};
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
            c.push(if row.quoted[d] + row.scare_quoted[d] == 0 {
                String::new()
            } else {
                format!("{}/{}", row.quoted[d], row.scare_quoted[d])
            });
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

fn plain(s: &str) -> String {
    s.to_string()
}

/// Terminal table grouped by category, with subtotal rows, fitted to `style.width`.
pub fn table(w: &mut dyn Write, r: &TermsReport, opts: Options, style: &Style) -> io::Result<()> {
    w.write_all(table_text(r, opts, style).as_bytes())
}

fn table_text(r: &TermsReport, opts: Options, style: &Style) -> String {
    let mut out = header_line(r, plain);
    let rows = display_rows(r, opts, Role::Loaded);
    let reference = display_rows(r, opts, Role::Reference);
    if rows.is_empty() && reference.is_empty() {
        out.push_str("No lexicon term occurs in the documents (use --all to list every term).\n");
        return out;
    }
    let mut narrow = false;
    if rows.is_empty() {
        out.push_str("No loaded term occurs in the documents.\n");
    } else {
        let (t, full) = table_block(r, &rows, style);
        out.push_str(&t);
        narrow |= !full;
    }
    if !reference.is_empty() {
        out.push('\n');
        out.push_str(&wrap(REFERENCE_HEADING, style.width as usize, 2));
        out.push('\n');
        let (t, full) = table_block(r, &reference, style);
        out.push_str(&t);
        narrow |= !full;
    }
    let mut notes = legend(r);
    if narrow {
        notes.push_str("(too narrow for every column: quote counts or rates left out; widen with --width or use --format csv)\n");
    }
    for line in notes.lines() {
        out.push_str(&wrap(line, style.width as usize, 2));
        out.push('\n');
    }
    out
}

/// One block of the table (the loaded rows, or the reference rows), fitted to `style.width`,
/// newline-terminated; `false` when columns had to be left out.
fn table_block(r: &TermsReport, rows: &[(bool, &CountRow)], style: &Style) -> (String, bool) {
    let mut out = String::new();
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
    // the most detail that fits: numbers never wrap, names need a readable minimum
    let fits = |detail: Detail| {
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
        total <= style.width as usize
    };
    let detail = [
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
    .find(|d| fits(*d))
    .unwrap_or(Detail {
        rate: false,
        quotes: false,
    });
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t.set_header(headers(r, neutral, detail));
    for (is_cat, row) in rows.iter().copied() {
        let texts = cells(r, row, is_cat, neutral, detail);
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
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(name_width)));
        } else if i < text_cols {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(neutral_width)));
        } else if i >= text_cols {
            col.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    out.push_str(&t.to_string());
    out.push('\n');
    (out, detail == FULL)
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
    let mut out = header_line(r, plain);
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
    out.push_str(&t.to_string());
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
