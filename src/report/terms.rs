//! Output of `framediff terms`: term and category counts with keyness, as a terminal table,
//! CSV, Markdown or the `framediff.terms/1` JSON; and keyword-in-context listings
//! (`framediff.kwic/1`). Field meanings are documented in `docs/terms.md`.

use comfy_table::{
    presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ColumnConstraint, ContentArrangement, Table,
    Width,
};
use serde::Serialize;

use super::style::{wrap, Style};
use crate::ingest::Document;
use crate::lexicon::count::{self, DocumentCounts, Tally};
use crate::lexicon::keyness::{self, Keyness};
use crate::lexicon::Matcher;
use crate::segment::Sentence;

/// Version tag of the counts JSON.
pub const SCHEMA: &str = "framediff.terms/1";
/// Version tag of the keyword-in-context JSON.
pub const KWIC_SCHEMA: &str = "framediff.kwic/1";

/// A document as listed in the output.
#[derive(Debug, Clone, Serialize)]
pub struct DocInfo {
    pub path: String,
    pub label: String,
    pub words: usize,
}

/// A lexicon as listed in the output.
#[derive(Debug, Clone, Serialize)]
pub struct LexInfo {
    pub name: String,
    pub version: String,
}

/// A statistic that is absent for one document, a number for two, one per document for more.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Stat {
    None,
    One(f64),
    Each(Vec<Option<f64>>),
}

/// Counts of one term or one category across the documents.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub lexicon: String,
    pub category: String,
    /// The term (absent on category rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// The term's neutral counterpart, if the lexicon gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub neutral: Option<String>,
    pub counts: Vec<usize>,
    pub per_1000: Vec<f64>,
    pub quoted: Vec<usize>,
    pub scare_quoted: Vec<usize>,
    pub log_likelihood: Stat,
    pub log_ratio: Stat,
}

impl Row {
    fn any(&self) -> bool {
        self.counts.iter().any(|&c| c > 0)
    }
}

/// Everything `framediff terms` reports, in display order.
#[derive(Debug, Clone, Serialize)]
pub struct TermsReport {
    pub schema: &'static str,
    pub documents: Vec<DocInfo>,
    pub lexicons: Vec<LexInfo>,
    pub terms: Vec<Row>,
    pub categories: Vec<Row>,
}

/// What to show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Keep terms (and categories) with no hit in any document.
    pub all: bool,
    /// Category rows only (table, CSV, Markdown; JSON always has both).
    pub by_category: bool,
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
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
    term: Option<String>,
    neutral: Option<String>,
    tallies: Vec<Tally>,
    words: &[usize],
) -> Row {
    let counts: Vec<usize> = tallies.iter().map(|t| t.hits).collect();
    let (ll, lr) = stats(&counts, words);
    Row {
        lexicon: lexicon.to_string(),
        category: category.to_string(),
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

/// Build the report from per-document counts (parallel to `docs`).
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
        terms.push(row(
            &lex.name,
            &lex.categories[e.category].id,
            Some(t.term.clone()),
            t.neutral.clone(),
            counts.iter().map(|c| c.terms[i]).collect(),
            &words,
        ));
    }
    let mut categories = Vec::new();
    for (i, c) in count::categories(m).iter().enumerate() {
        let lex = &m.lexicons()[c.lexicon];
        categories.push(row(
            &lex.name,
            &lex.categories[c.category].id,
            None,
            None,
            counts.iter().map(|d| d.categories[i]).collect(),
            &words,
        ));
    }
    if !opts.all {
        terms.retain(Row::any);
        categories.retain(Row::any);
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

/// `framediff.terms/1` JSON (pretty, newline-terminated).
pub fn json(r: &TermsReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn fmt_num(x: f64, places: usize) -> String {
    format!("{x:.places$}")
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

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Tidy (long) CSV: one row per term (or category, with `--by category`) per document.
///
/// Columns: `level,lexicon,category,term,neutral,document,label,words,count,per_1000,quoted,
/// scare_quoted,log_likelihood,log_ratio`; the last two compare the row's document with the
/// other documents combined (empty with one document).
pub fn csv(r: &TermsReport, opts: Options) -> String {
    let mut out = String::from(
        "level,lexicon,category,term,neutral,document,label,words,count,per_1000,quoted,scare_quoted,log_likelihood,log_ratio\r\n",
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
            let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// G² and log ratio of document `d` against the others (two documents: the second is the
/// first's negation).
fn doc_stats(row: &Row, d: usize, n: usize) -> (Option<f64>, Option<f64>) {
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

fn header_line(r: &TermsReport) -> String {
    let docs: Vec<String> = r
        .documents
        .iter()
        .map(|d| format!("{} ({} words)", d.label, d.words))
        .collect();
    let lexs: Vec<String> = r
        .lexicons
        .iter()
        .map(|l| format!("{} {}", l.name, l.version))
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

/// Display rows: categories with their terms beneath (or categories only).
fn display_rows(r: &TermsReport, opts: Options) -> Vec<(bool, &Row)> {
    let mut out = Vec::new();
    for c in &r.categories {
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

fn category_label(r: &TermsReport, row: &Row) -> String {
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

fn cells(r: &TermsReport, row: &Row, is_cat: bool, neutral: bool, detail: Detail) -> Vec<String> {
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

/// Terminal table grouped by category, with subtotal rows, fitted to `style.width`.
pub fn table(r: &TermsReport, opts: Options, style: &Style) -> String {
    let mut out = header_line(r);
    let rows = display_rows(r, opts);
    if rows.is_empty() {
        out.push_str("No lexicon term occurs in the documents (use --all to list every term).\n");
        return out;
    }
    let neutral = has_neutral(&rows);
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
    let mut notes = legend(r);
    if detail != FULL {
        notes.push_str("(too narrow for every column: quote counts or rates left out; widen with --width or use --format csv)\n");
    }
    for line in notes.lines() {
        out.push_str(&wrap(line, style.width as usize, 2));
        out.push('\n');
    }
    out
}

fn has_neutral(rows: &[(bool, &Row)]) -> bool {
    rows.iter().any(|(_, r)| r.neutral.is_some())
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// GitHub-flavoured Markdown: the same table, category rows in bold.
pub fn markdown(r: &TermsReport, opts: Options) -> String {
    let mut out = String::new();
    for line in header_line(r).lines() {
        out.push_str(line);
        out.push_str("  \n");
    }
    out.push('\n');
    let rows = display_rows(r, opts);
    if rows.is_empty() {
        out.push_str("No lexicon term occurs in the documents.\n");
        return out;
    }
    let neutral = has_neutral(&rows);
    let text_cols = 1 + usize::from(neutral);
    let h: Vec<String> = headers(r, neutral, FULL)
        .iter()
        .map(|h| md_escape(&h.replace('\n', " ")))
        .collect();
    out.push_str(&format!("| {} |\n", h.join(" | ")));
    let align: Vec<&str> = (0..h.len())
        .map(|i| if i < text_cols { "---" } else { "---:" })
        .collect();
    out.push_str(&format!("| {} |\n", align.join(" | ")));
    for (is_cat, row) in rows {
        let c: Vec<String> = cells(r, row, is_cat, neutral, FULL)
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let s = md_escape(if i == 0 {
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
    out.push('\n');
    for line in legend(r).lines() {
        out.push_str(line);
        out.push_str("  \n");
    }
    out
}

/// One hit in context, for every output format.
#[derive(Debug, Clone, Serialize)]
pub struct KwicRow {
    /// Index of the document in `documents`.
    pub document: usize,
    pub label: String,
    pub lexicon: String,
    pub category: String,
    pub term: String,
    pub left: String,
    #[serde(rename = "match")]
    pub matched: String,
    pub right: String,
    /// Byte span in the document's text.
    pub start: usize,
    pub end: usize,
    pub quoted: bool,
    pub scare_quoted: bool,
}

#[derive(Serialize)]
struct KwicJson<'a> {
    schema: &'static str,
    documents: &'a [DocInfo],
    lexicons: &'a [LexInfo],
    hits: &'a [KwicRow],
}

/// Keyword-in-context rows for every hit of every document, in document then text order.
pub fn kwic_rows(
    m: &Matcher,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    counts: &[DocumentCounts],
) -> Vec<KwicRow> {
    let mut out = Vec::new();
    for (d, (doc, c)) in docs.iter().zip(counts).enumerate() {
        for h in &c.hits {
            let k = count::kwic(&doc.text, &sentences[d], h);
            let lex = &m.lexicons()[h.lexicon];
            out.push(KwicRow {
                document: d,
                label: doc.label.clone(),
                lexicon: lex.name.clone(),
                category: lex.categories[h.category].id.clone(),
                term: m.term(h.entry).term.clone(),
                left: k.left,
                matched: k.matched,
                right: k.right,
                start: h.start,
                end: h.end,
                quoted: h.quoted,
                scare_quoted: h.scare_quoted,
            });
        }
    }
    out
}

fn flags(k: &KwicRow) -> String {
    match (k.quoted, k.scare_quoted) {
        (true, true) => "quoted, scare".into(),
        (true, false) => "quoted".into(),
        (false, true) => "scare".into(),
        _ => String::new(),
    }
}

/// `framediff.kwic/1` JSON.
pub fn kwic_json(r: &TermsReport, rows: &[KwicRow]) -> String {
    let j = KwicJson {
        schema: KWIC_SCHEMA,
        documents: &r.documents,
        lexicons: &r.lexicons,
        hits: rows,
    };
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// KWIC CSV: `label,document,lexicon,category,term,left,match,right,start,end,quoted,scare_quoted`.
pub fn kwic_csv(r: &TermsReport, rows: &[KwicRow]) -> String {
    let mut out = String::from(
        "label,document,lexicon,category,term,left,match,right,start,end,quoted,scare_quoted\r\n",
    );
    for k in rows {
        let f = [
            k.label.clone(),
            r.documents[k.document].path.clone(),
            k.lexicon.clone(),
            k.category.clone(),
            k.term.clone(),
            k.left.clone(),
            k.matched.clone(),
            k.right.clone(),
            k.start.to_string(),
            k.end.to_string(),
            k.quoted.to_string(),
            k.scare_quoted.to_string(),
        ];
        let line: Vec<String> = f.iter().map(|x| csv_field(x)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// KWIC as a terminal table: document, term, left context, match, right context, flags.
pub fn kwic_table(r: &TermsReport, rows: &[KwicRow], style: &Style) -> String {
    let mut out = header_line(r);
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

/// KWIC as a GitHub Markdown table, the match in bold.
pub fn kwic_markdown(r: &TermsReport, rows: &[KwicRow]) -> String {
    let mut out = String::new();
    for line in header_line(r).lines() {
        out.push_str(line);
        out.push_str("  \n");
    }
    out.push('\n');
    out.push_str("| document | term | left | match | right | flags |\n");
    out.push_str("| --- | --- | ---: | --- | --- | --- |\n");
    for k in rows {
        out.push_str(&format!(
            "| {} | {} | {} | **{}** | {} | {} |\n",
            md_escape(&k.label),
            md_escape(&k.term),
            md_escape(k.left.trim_end()),
            md_escape(&k.matched),
            md_escape(k.right.trim_start()),
            flags(k)
        ));
    }
    out
}
