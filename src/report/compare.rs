//! Output of `framediff align` and `framediff compare` for two reports: the align text listing,
//! the `framediff.align/1` and `framediff.compare/1` JSON, and the side-by-side terminal report.
//!
//! Sentence and pair numbers are 0-based in JSON (they index arrays) and 1-based in text and
//! tables (they are read by people).

use comfy_table::{presets, Cell, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::align::Alignment;
use crate::compare::{Comparison, PairComparison};
use crate::diff::{joined, DiffOp, Differences, Op};
use crate::ingest::Document;
use crate::report::style::Style;
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
pub fn reading_order(al: &Alignment, len_a: usize, len_b: usize) -> Vec<Row> {
    let mut pair_of_b: Vec<Option<usize>> = vec![None; len_b];
    let mut first_of_a: Vec<Option<usize>> = vec![None; len_a];
    for (k, p) in al.pairs.iter().enumerate() {
        for &j in &p.b {
            if let Some(slot) = pair_of_b.get_mut(j) {
                *slot = Some(k);
            }
        }
        if let Some(slot) = p.a.first().and_then(|&i| first_of_a.get_mut(i)) {
            *slot = Some(k);
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
    let only_a: std::collections::BTreeSet<usize> = al.only_a.iter().copied().collect();
    for (i, first) in first_of_a.iter().enumerate() {
        if let Some(k) = *first {
            rows.push(Row::Pair(k));
            rows.extend(after[k].iter().map(|&j| Row::OnlyB(j)));
        } else if only_a.contains(&i) {
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

/// One side of a pair's diff: the shared text plus this side's changes, marked.
fn side(ops: &[DiffOp], keep: Op, style: &Style) -> String {
    let mut out = String::new();
    for o in ops {
        if o.op == Op::Equal {
            out.push_str(&o.text);
        } else if o.op == keep {
            // Keep leading/trailing spaces outside the marks so wrapping stays clean.
            let t = o.text.trim();
            if t.is_empty() {
                out.push_str(&o.text);
                continue;
            }
            let lead = &o.text[..o.text.len() - o.text.trim_start().len()];
            let trail = &o.text[o.text.trim_end().len()..];
            out.push_str(lead);
            match (style.color, keep) {
                (true, Op::Delete) => out.push_str(&format!("{RED_STRIKE}{t}{RESET}")),
                (true, _) => out.push_str(&format!("{GREEN}{t}{RESET}")),
                (false, Op::Delete) => out.push_str(&format!("[-{t}-]")),
                (false, _) => out.push_str(&format!("{{+{t}+}}")),
            }
            out.push_str(trail);
        }
    }
    out
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

/// The terminal report: header, side-by-side table of the pairs in A's reading order with the
/// changed words marked, then substitutions, discrepancies and name variants.
///
/// With three or more reports: one column per report in the pivot's reading order (see
/// [`table_many`]).
pub fn table(cmp: &Comparison, style: &Style) -> Result<String> {
    if cmp.pairs.len() > 1 {
        return Ok(table_many(cmp, style));
    }
    let (a, b, p) = two(cmp)?;
    let (sa, sb) = (&cmp.sentences[a], &cmp.sentences[b]);
    let (da, db) = (&cmp.documents[a], &cmp.documents[b]);
    let al = &p.alignment;
    let d = &p.differences;
    let mut out = String::new();

    let mut head = new_table(style);
    head.set_header(vec!["", "report", "title", "sentences", "paired"]);
    for (tag, doc, s, cov) in [("A", da, sa, al.coverage.a), ("B", db, sb, al.coverage.b)] {
        head.add_row(vec![
            Cell::new(tag),
            Cell::new(&doc.label),
            Cell::new(doc.title.as_deref().unwrap_or(&doc.path)),
            Cell::new(s.len()),
            Cell::new(pct(cov)),
        ]);
    }
    out.push_str(&head.to_string());
    out.push('\n');
    out.push_str(&format!(
        "{} pairs of sentences; {} sentences only in {}, {} only in {}\n\n",
        al.pairs.len(),
        al.only_a.len(),
        da.label,
        al.only_b.len(),
        db.label
    ));

    // Fixed, equal text columns keep the two outlets visually comparable.
    let overhead = 3 + 4 + 3 * 5 + 2; // "#" and score columns, padding and borders
    let text_w = (style.width.saturating_sub(overhead) / 2).max(16);
    let mut main = new_table(style);
    main.set_header(vec![
        Cell::new("#"),
        Cell::new(&da.label),
        Cell::new(&db.label),
        Cell::new("sim"),
    ]);
    main.set_constraints(vec![
        ColumnConstraint::ContentWidth,
        ColumnConstraint::Absolute(Width::Fixed(text_w)),
        ColumnConstraint::Absolute(Width::Fixed(text_w)),
        ColumnConstraint::ContentWidth,
    ]);
    let none = dim("—", style);
    for row in reading_order(al, sa.len(), sb.len()) {
        match row {
            Row::Pair(k) => {
                let pr = &al.pairs[k];
                let ops = d.diffs.get(k).map(|x| x.ops.as_slice()).unwrap_or(&[]);
                main.add_row(vec![
                    Cell::new(k + 1),
                    Cell::new(side(ops, Op::Delete, style)),
                    Cell::new(side(ops, Op::Insert, style)),
                    Cell::new(format!("{:.2}", pr.score)),
                ]);
            }
            Row::OnlyA(i) => {
                main.add_row(vec![
                    Cell::new(""),
                    Cell::new(&sa[i].text),
                    Cell::new(&none),
                    Cell::new(""),
                ]);
            }
            Row::OnlyB(j) => {
                main.add_row(vec![
                    Cell::new(""),
                    Cell::new(&none),
                    Cell::new(&sb[j].text),
                    Cell::new(""),
                ]);
            }
        }
    }
    out.push_str(&main.to_string());
    out.push('\n');
    if !style.color {
        out.push_str("[-…-] only in A, {+…+} only in B; # numbers the pairs\n");
    }

    sections(&mut out, da, db, d, style);
    Ok(out)
}

/// What one report's column shows on the row of one pivot sentence.
#[derive(Clone, Copy)]
enum Slot {
    /// The pair (index into that alignment's pairs) starting at this pivot sentence.
    Start(usize),
    /// A later pivot sentence of a pair shown on an earlier row.
    Continued,
    Empty,
}

/// The terminal report for three or more reports: a header, one table with a column per
/// report in the pivot's reading order (each partner with the words it adds marked, sentences
/// only one report has in their place), then each report's substitutions, discrepancies and
/// name variants against the pivot.
pub fn table_many(cmp: &Comparison, style: &Style) -> String {
    let pv = cmp.pivot;
    let sp = &cmp.sentences[pv];
    let dp = &cmp.documents[pv];
    let mut out = String::new();

    let mut head = new_table(style);
    head.set_header(vec!["report", "title", "sentences", "paired with pivot"]);
    head.add_row(vec![
        Cell::new(&dp.label),
        Cell::new(dp.title.as_deref().unwrap_or(&dp.path)),
        Cell::new(sp.len()),
        Cell::new("pivot"),
    ]);
    for p in &cmp.pairs {
        let d = &cmp.documents[p.other];
        head.add_row(vec![
            Cell::new(&d.label),
            Cell::new(d.title.as_deref().unwrap_or(&d.path)),
            Cell::new(cmp.sentences[p.other].len()),
            Cell::new(format!(
                "{} of pivot, {} of own",
                pct(p.alignment.coverage.a),
                pct(p.alignment.coverage.b)
            )),
        ]);
    }
    out.push_str(&head.to_string());
    out.push_str("\n\n");

    let n = cmp.pairs.len() + 1;
    let overhead = 3 * n as u16 + 1;
    let col_w = (style.width.saturating_sub(overhead) / n as u16).max(12);
    let mut main = new_table(style);
    let mut header = vec![Cell::new(&dp.label)];
    header.extend(
        cmp.pairs
            .iter()
            .map(|p| Cell::new(&cmp.documents[p.other].label)),
    );
    main.set_header(header);
    main.set_constraints(vec![ColumnConstraint::Absolute(Width::Fixed(col_w)); n]);

    // For each other report: what its column shows per pivot sentence, and which of its
    // unpaired sentences follow which pivot sentence (None: before the first).
    let mut slots: Vec<Vec<Slot>> = Vec::new();
    let mut after: Vec<Vec<Vec<usize>>> = Vec::new();
    let mut leading: Vec<Vec<usize>> = Vec::new();
    for p in &cmp.pairs {
        let al = &p.alignment;
        let mut col = vec![Slot::Empty; sp.len()];
        for (k, pr) in al.pairs.iter().enumerate() {
            for (x, &i) in pr.a.iter().enumerate() {
                if let Some(c) = col.get_mut(i) {
                    *c = if x == 0 {
                        Slot::Start(k)
                    } else {
                        Slot::Continued
                    };
                }
            }
        }
        let mut aft = vec![Vec::new(); sp.len()];
        let mut lead = Vec::new();
        let nb = cmp.sentences[p.other].len();
        for row in reading_order(al, sp.len(), nb) {
            if let Row::OnlyB(j) = row {
                let prev = (0..j).rev().find_map(|x| {
                    al.pairs
                        .iter()
                        .find(|pr| pr.b.contains(&x))
                        .map(|pr| pr.a[0])
                });
                match prev {
                    Some(i) => aft[i].push(j),
                    None => lead.push(j),
                }
            }
        }
        slots.push(col);
        after.push(aft);
        leading.push(lead);
    }
    let none = dim("—", style);
    let only_rows = |main: &mut Table, lists: Vec<(usize, &[usize])>| {
        for (c, js) in lists {
            let sb = &cmp.sentences[cmp.pairs[c].other];
            for &j in js {
                let mut row = vec![Cell::new(&none)];
                for x in 0..cmp.pairs.len() {
                    row.push(if x == c {
                        Cell::new(&sb[j].text)
                    } else {
                        Cell::new("")
                    });
                }
                main.add_row(row);
            }
        }
    };
    only_rows(
        &mut main,
        leading
            .iter()
            .enumerate()
            .map(|(c, v)| (c, v.as_slice()))
            .collect(),
    );
    for (i, s) in sp.iter().enumerate() {
        let mut row = vec![Cell::new(&s.text)];
        for (c, p) in cmp.pairs.iter().enumerate() {
            row.push(match slots[c][i] {
                Slot::Start(k) => {
                    let ops = p
                        .differences
                        .diffs
                        .get(k)
                        .map(|x| x.ops.as_slice())
                        .unwrap_or(&[]);
                    let score = p.alignment.pairs[k].score;
                    Cell::new(format!("{} ({score:.2})", side(ops, Op::Insert, style)))
                }
                Slot::Continued => Cell::new(dim("〃", style)),
                Slot::Empty => Cell::new(&none),
            });
        }
        main.add_row(row);
        only_rows(
            &mut main,
            after
                .iter()
                .enumerate()
                .map(|(c, v)| (c, v[i].as_slice()))
                .collect(),
        );
    }
    out.push_str(&main.to_string());
    out.push('\n');
    if !style.color {
        out.push_str("{+…+} words a report adds to the pivot's sentence; (similarity); 〃 same pair as above\n");
    }
    for p in &cmp.pairs {
        out.push_str(&format!(
            "\n== {} → {} ==\n",
            dp.label, cmp.documents[p.other].label
        ));
        sections(&mut out, dp, &cmp.documents[p.other], &p.differences, style);
    }
    out
}

/// The substitutions, discrepancies and name-variant tables of one pair of reports.
fn sections(out: &mut String, da: &Document, db: &Document, d: &Differences, style: &Style) {
    let pairs = |v: &[usize]| {
        v.iter()
            .map(|k| (k + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push_str(&format!("\nSubstitutions ({} → {})\n", da.label, db.label));
    if d.substitutions.is_empty() {
        out.push_str("none\n");
    } else {
        let mut t = new_table(style);
        t.set_header(vec![da.label.as_str(), db.label.as_str(), "count", "pairs"]);
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
        t.set_header(vec!["kind", da.label.as_str(), db.label.as_str(), "pair"]);
        for x in &d.discrepancies {
            t.add_row(vec![
                Cell::new(x.kind.as_str()),
                Cell::new(&x.a),
                Cell::new(&x.b),
                Cell::new(x.pair + 1),
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
        t.set_header(vec![da.label.as_str(), db.label.as_str(), "count", "pairs"]);
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
    fn sides_mark_changes_without_colour() {
        let ops = crate::diff::diff_texts("The big dog.", "The small dog.");
        let st = Style {
            color: false,
            width: 80,
        };
        assert_eq!(side(&ops, Op::Delete, &st), "The [-big-] dog.");
        assert_eq!(side(&ops, Op::Insert, &st), "The {+small+} dog.");
        let st = Style {
            color: true,
            width: 80,
        };
        assert!(side(&ops, Op::Insert, &st).contains("\x1b[32msmall\x1b[0m"));
    }
}
