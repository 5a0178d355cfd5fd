//! `corpus terms` output: JSON (one `framediff.corpus-terms/1` document), JSONL (one row per
//! line, for `rdd.pipe` and `jq`), CSV (for R and pandas) and a terminal table.

use std::io::{self, Write};

use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, CellAlignment, ContentArrangement, Table};

use super::format;
use super::json::pretty;
use super::style::Style;
use crate::analysis::corpus::terms::{CorpusTerms, Row};

/// The whole result as one pretty JSON document with a `schema`.
pub fn json(w: &mut dyn Write, r: &CorpusTerms) -> io::Result<()> {
    pretty(w, r)
}

/// One compact JSON object per row, its group fields named as in `--by`.
pub fn jsonl(w: &mut dyn Write, r: &CorpusTerms) -> io::Result<()> {
    for row in &r.rows {
        serde_json::to_writer(&mut *w, &r.row_json(row))?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn opt(x: Option<f64>) -> String {
    x.map(|x| x.to_string()).unwrap_or_default()
}

/// A header row (the `--by` fields, then the term's columns) and one line per row; a missing
/// month or event is an empty field.
pub fn csv(w: &mut dyn Write, r: &CorpusTerms) -> io::Result<()> {
    let mut head: Vec<&str> = r.by.iter().map(|f| f.name()).collect();
    head.extend(COLUMNS);
    w.write_all(head.join(",").as_bytes())?;
    w.write_all(b"\r\n")?;
    for row in &r.rows {
        let mut fields: Vec<String> = group_values(r, row)
            .into_iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect();
        fields.extend([
            row.lexicon.clone(),
            row.category.clone(),
            row.term.clone(),
            row.role.as_str().to_string(),
            row.count.to_string(),
            row.quoted.to_string(),
            row.words.to_string(),
            row.per_1000.to_string(),
            opt(row.g2),
            opt(row.log_ratio),
        ]);
        let line: Vec<String> = fields.iter().map(|f| format::csv(f)).collect();
        w.write_all(line.join(",").as_bytes())?;
        w.write_all(b"\r\n")?;
    }
    Ok(())
}

const COLUMNS: [&str; 10] = [
    "lexicon",
    "category",
    "term",
    "role",
    "count",
    "quoted",
    "words",
    "per_1000",
    "g2",
    "log_ratio",
];

fn group_values<'a>(r: &'a CorpusTerms, row: &Row) -> Vec<Option<&'a str>> {
    r.groups[row.group]
        .key
        .iter()
        .map(|v| v.as_deref())
        .collect()
}

/// A table for reading: one line per group and term, the group's values, the term with its
/// category, count, quoted, rate, G² with its significance mark and log ratio.
pub fn table(w: &mut dyn Write, r: &CorpusTerms, style: &Style) -> io::Result<()> {
    let docs: u64 = r.groups.iter().map(|g| g.documents).sum();
    let words: u64 = r.groups.iter().map(|g| g.words).sum();
    let lex: Vec<String> = r
        .lexicons
        .iter()
        .map(|l| format!("{} {}", l.name, l.version))
        .collect();
    writeln!(
        w,
        "{} documents, {} words, {} groups by {}; lexicons: {}",
        format::fmt_int(docs),
        format::fmt_int(words),
        r.groups.len(),
        r.by.iter().map(|f| f.name()).collect::<Vec<_>>().join(","),
        lex.join(", ")
    )?;
    if r.rows.is_empty() {
        writeln!(
            w,
            "No lexicon term occurs in the corpus (use --all to list every term)."
        )?;
        return Ok(());
    }
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    let mut head: Vec<String> = r.by.iter().map(|f| f.name().to_string()).collect();
    head.extend(
        [
            "term",
            "category",
            "count",
            "quoted",
            "per 1k",
            "G²",
            "log ratio",
        ]
        .map(String::from),
    );
    t.set_header(head);
    for row in &r.rows {
        let mut cells: Vec<Cell> = group_values(r, row)
            .into_iter()
            .map(|v| Cell::new(v.unwrap_or("—")))
            .collect();
        let right = |s: String| Cell::new(s).set_alignment(CellAlignment::Right);
        let term = match row.role {
            crate::lexicon::Role::Loaded => row.term.clone(),
            crate::lexicon::Role::Reference => format!("{} (ref)", row.term),
        };
        cells.push(Cell::new(term));
        cells.push(Cell::new(format!("{}/{}", row.lexicon, row.category)));
        cells.push(right(format::fmt_int(row.count)));
        cells.push(right(format::fmt_int(row.quoted)));
        cells.push(right(format::fixed(row.per_1000, 2)));
        cells.push(right(match row.g2 {
            Some(g) => format!(
                "{}{}",
                format::fixed(g, 2),
                crate::lexicon::keyness::mark(g)
            ),
            None => "—".into(),
        }));
        cells.push(right(match row.log_ratio {
            Some(x) => format::fmt_signed(x, 2),
            None => "—".into(),
        }));
        t.add_row(cells);
    }
    writeln!(w, "{t}")?;
    writeln!(
        w,
        "G²: each group against all other documents (* p<0.05, ** p<0.01, *** p<0.001); \
         (ref): a reference term, context rather than framing."
    )
}
