//! Output of `framediff lexicon evaluate`: a terminal summary with category and term tables
//! fitted to the width, the `framediff.evaluate/1` JSON, or CSV. Field meanings are in
//! `docs/lexicon-evaluate.md`.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};

use super::format::{self, fixed, fmt_int};
use super::json::pretty;
use super::style::{wrap, Style};
use crate::analysis::evaluate::{Evaluation, Prf, Row};

/// `framediff.evaluate/1` JSON (pretty, newline-terminated).
pub fn json(w: &mut dyn Write, e: &Evaluation) -> io::Result<()> {
    pretty(w, e)
}

fn num(x: Option<f64>, decimals: usize) -> String {
    x.map_or("—".to_string(), |x| fixed(x, decimals))
}

fn csv_num(x: Option<f64>) -> String {
    x.map_or(String::new(), |x| x.to_string())
}

/// CSV, one row per figure set: `level` is `total` (all hits), `category` or `term`.
///
/// Columns: `level,lexicon,category,role,term,hits,right,precision,spans,spans_found,recall,
/// documents`; `spans` and `recall` only on the total row (a category's recall would be the
/// share of *all* annotated spans it finds: `spans_found` / the total's `spans`).
pub fn csv(w: &mut dyn Write, e: &Evaluation) -> io::Result<()> {
    let mut out = String::from(
        "level,lexicon,category,role,term,hits,right,precision,spans,spans_found,recall,documents\r\n",
    );
    let mut line = |fields: [String; 12]| {
        let f: Vec<String> = fields.iter().map(|x| format::csv(x)).collect();
        out.push_str(&f.join(","));
        out.push_str("\r\n");
    };
    let with_hits = e.per_document.iter().filter(|d| d.hits > 0).count();
    line([
        "total".into(),
        String::new(),
        String::new(),
        e.roles.into(),
        String::new(),
        e.hits.to_string(),
        e.hits_right.to_string(),
        csv_num(e.by_hit.precision),
        e.spans.to_string(),
        e.spans_found.to_string(),
        csv_num(e.by_hit.recall),
        with_hits.to_string(),
    ]);
    for (level, rows) in [("category", &e.categories), ("term", &e.terms)] {
        for r in rows {
            line([
                level.into(),
                r.lexicon.clone(),
                r.category.clone(),
                r.role.as_str().into(),
                r.term.clone().unwrap_or_default(),
                r.hits.to_string(),
                r.right.to_string(),
                csv_num(r.precision),
                String::new(),
                r.spans_found.to_string(),
                String::new(),
                r.documents.to_string(),
            ]);
        }
    }
    w.write_all(out.as_bytes())
}

/// The summary, then categories, then terms (worst first), as terminal tables.
pub fn table(w: &mut dyn Write, e: &Evaluation, style: &Style) -> io::Result<()> {
    w.write_all(table_text(e, style).as_bytes())
}

fn table_text(e: &Evaluation, style: &Style) -> String {
    let width = style.width as usize;
    let mut out = String::new();
    let lexs: Vec<String> = e
        .lexicons
        .iter()
        .map(|l| format!("{} {}", l.name, l.version))
        .collect();
    let labels = if e.labels.is_empty() {
        "spans".to_string()
    } else {
        format!("spans labelled {}", e.labels.join(", "))
    };
    let roles = if e.roles == "all" {
        "loaded and reference hits"
    } else {
        "loaded hits only"
    };
    for line in [
        format!("Lexicons: {}", lexs.join(", ")),
        format!(
            "Gold: {} documents, {} words, {} {labels}; {roles}",
            fmt_int(e.documents as u64),
            fmt_int(e.words as u64),
            fmt_int(e.spans as u64)
        ),
    ] {
        out.push_str(&wrap(&line, width, 2));
        out.push('\n');
    }
    out.push('\n');
    let mut t = table_of(style);
    t.set_header(vec!["", "precision", "recall", "F1", "counts"]);
    let prf = |name: &str, p: &Prf, counts: String| {
        vec![
            Cell::new(name),
            right(num(p.precision, 3)),
            right(num(p.recall, 3)),
            right(num(p.f1, 3)),
            Cell::new(counts),
        ]
    };
    t.add_row(prf(
        "by hit",
        &e.by_hit,
        format!(
            "{} of {} hits right; {} of {} spans found",
            fmt_int(e.hits_right as u64),
            fmt_int(e.hits as u64),
            fmt_int(e.spans_found as u64),
            fmt_int(e.spans as u64)
        ),
    ));
    t.add_row(prf(
        "by token",
        &e.by_token,
        format!(
            "{} tokens in both; {} in hits, {} in spans",
            fmt_int(e.tokens_both as u64),
            fmt_int(e.hit_tokens as u64),
            fmt_int(e.gold_tokens as u64)
        ),
    ));
    out.push_str(&t.to_string());
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "Per-document rates (hits vs gold spans per 1,000 words): Pearson {}, Spearman {}",
            num(e.correlation.pearson, 3),
            num(e.correlation.spearman, 3)
        ),
        width,
        2,
    ));
    out.push('\n');
    if e.categories.is_empty() {
        out.push_str("\nNo hit in the gold documents.\n");
        return out;
    }
    out.push_str("\nCategories\n");
    out.push_str(&rows_table(e, &e.categories, false, style));
    out.push('\n');
    out.push_str(&wrap(
        "Terms, most hits outside every span first (candidates to drop or to give an exception)",
        width,
        2,
    ));
    out.push('\n');
    out.push_str(&rows_table(e, &e.terms, true, style));
    out
}

fn table_of(style: &Style) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    t
}

fn right(s: String) -> Cell {
    Cell::new(s).set_alignment(CellAlignment::Right)
}

fn rows_table(e: &Evaluation, rows: &[Row], terms: bool, style: &Style) -> String {
    let many = e.lexicons.len() > 1;
    let mut t = table_of(style);
    let mut head = Vec::new();
    if terms {
        head.push("term");
    }
    head.extend([
        "category",
        "hits",
        "right",
        "precision",
        "spans found",
        "docs",
    ]);
    t.set_header(head);
    for r in rows {
        let mut category = if many {
            format!("{} › {}", r.lexicon, r.category)
        } else {
            r.category.clone()
        };
        if r.role == crate::lexicon::Role::Reference {
            category.push_str(" (reference)");
        }
        let mut cells = Vec::new();
        if terms {
            cells.push(Cell::new(r.term.clone().unwrap_or_default()));
        }
        cells.extend([
            Cell::new(category),
            right(fmt_int(r.hits as u64)),
            right(fmt_int(r.right as u64)),
            right(num(r.precision, 3)),
            right(fmt_int(r.spans_found as u64)),
            right(fmt_int(r.documents as u64)),
        ]);
        t.add_row(cells);
    }
    format!("{t}\n")
}
