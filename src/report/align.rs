//! Output of `framediff align` (the text listing and the `framediff.align/2` JSON) and the
//! `framediff.compare/2` JSON of `framediff compare`.
//!
//! Sentence and pair numbers are 0-based in JSON (they index arrays) and 1-based in text (it is
//! read by people).

use std::io::{self, Write};

use serde::Serialize;

use super::json;
use crate::align::{reading_order, Alignment, ReadingRow};
use crate::compare::{Comparison, PairComparison};
use crate::diff::Differences;
use crate::ingest::{Document, SetAside};
use crate::segment::Sentence;

/// Version tag of the align JSON.
pub const ALIGN_SCHEMA: &str = "framediff.align/2";
/// Version tag of the compare JSON.
pub const COMPARE_SCHEMA: &str = "framediff.compare/2";

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
    set_aside: SetAside,
    sentences: Vec<SentenceJson<'a>>,
}

fn document_json<'a>(d: &'a Document, s: &'a [Sentence]) -> DocumentJson<'a> {
    DocumentJson {
        path: &d.path,
        label: &d.label,
        title: d.title.as_deref(),
        set_aside: d.set_aside(),
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

fn pair_json(
    w: &mut dyn Write,
    cmp: &Comparison,
    p: &PairComparison,
    with_diff: bool,
) -> io::Result<()> {
    let (a, b) = (cmp.pivot, p.other);
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
    json::pretty(w, &j)
}

/// `{"schema":"framediff.align/2","documents":[…],"pairs":[…],"only_a","only_b","coverage",
/// "warnings"}` of the pivot and the other report of `p` (see [`Comparison::pair`]).
pub fn json(w: &mut dyn Write, cmp: &Comparison, p: &PairComparison) -> io::Result<()> {
    pair_json(w, cmp, p, false)
}

/// The align JSON with schema `framediff.compare/2` plus `"diffs"`, `"substitutions"`,
/// `"discrepancies"` and `"variants"`.
///
/// With three or more reports: `{"schema":"framediff.compare/2","pivot":i,"documents":[…],
/// "comparisons":[{"a":pivot,"b":k,"pairs",…,"variants"}…],"warnings":[…]}`, one comparison
/// per report other than the pivot.
pub fn compare_json(w: &mut dyn Write, cmp: &Comparison) -> io::Result<()> {
    if let [p] = cmp.pairs.as_slice() {
        return pair_json(w, cmp, p, true);
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
    json::pretty(w, &j)
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
/// `A 4 ~ B 10  0.47  <A text>  ~  <B text>`, `A 9 only  <text>`, `B 14 only  <text>`; A is the
/// pivot, B the other report of `p` (see [`Comparison::pair`]).
///
/// A sentence in several pairs is shown in full once, in its best pair
/// ([`Alignment::best_pairs`]); in its other pairs it reads `also ↔ B 4` (its partner in the
/// best pair), and the line of the best pair ends with its other partners:
/// `(A 3 also ↔ B 3; B 4 also ↔ A 7)`.
pub fn text(w: &mut dyn Write, cmp: &Comparison, p: &PairComparison) -> io::Result<()> {
    let (a, b) = (cmp.pivot, p.other);
    let (sa, sb) = (&cmp.sentences[a], &cmp.sentences[b]);
    let (da, db) = (&cmp.documents[a], &cmp.documents[b]);
    let al = &p.alignment;
    writeln!(
        w,
        "# A = {} ({} sentences), B = {} ({} sentences); sentence numbers count from 1",
        da.label,
        sa.len(),
        db.label,
        sb.len()
    )?;
    let (best_a, best_b) = al.best_pairs(sa.len(), sb.len());
    // the pairs of each sentence, for the pointers to further partners
    let mut pairs_of_a: Vec<Vec<usize>> = vec![Vec::new(); sa.len()];
    let mut pairs_of_b: Vec<Vec<usize>> = vec![Vec::new(); sb.len()];
    for (k, pr) in al.pairs.iter().enumerate() {
        pr.a.iter().for_each(|&i| pairs_of_a[i].push(k));
        pr.b.iter().for_each(|&j| pairs_of_b[j].push(k));
    }
    let sides = [
        Side {
            name: "A",
            other: "B",
            sentences: sa,
            best: &best_a,
            pairs_of: &pairs_of_a,
        },
        Side {
            name: "B",
            other: "A",
            sentences: sb,
            best: &best_b,
            pairs_of: &pairs_of_b,
        },
    ];
    for row in reading_order(al, sa.len(), sb.len()) {
        let line = match row {
            ReadingRow::Pair(k) => {
                let pr = &al.pairs[k];
                let mut notes = Vec::new();
                let a_text = sides[0].cell(al, k, &pr.a, &mut notes);
                let b_text = sides[1].cell(al, k, &pr.b, &mut notes);
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", notes.join("; "))
                };
                format!(
                    "A {} ~ B {}  {:.2}  {a_text}  ~  {b_text}{notes}",
                    numbers(&pr.a),
                    numbers(&pr.b),
                    pr.score,
                )
            }
            ReadingRow::OnlyA(i) => format!("A {} only  {}", i + 1, sa[i].text),
            ReadingRow::OnlyB(j) => format!("B {} only  {}", j + 1, sb[j].text),
        };
        writeln!(w, "{line}")?;
    }
    writeln!(
        w,
        "# {} pairs; paired: A {:.0} %, B {:.0} %",
        al.pairs.len(),
        al.coverage.a * 100.0,
        al.coverage.b * 100.0
    )
}

/// One report's side of the align listing.
struct Side<'a> {
    name: &'static str,
    other: &'static str,
    sentences: &'a [Sentence],
    /// Each sentence's best pair.
    best: &'a [Option<usize>],
    /// Each sentence's pairs, ascending.
    pairs_of: &'a [Vec<usize>],
}

impl Side<'_> {
    /// This side's text in pair `k`: each sentence in full where `k` is its best pair, else
    /// `also ↔ B 4` (its partner there); the further partners of the sentences shown in full
    /// go to `notes` (`A 3 also ↔ B 3`).
    fn cell(&self, al: &Alignment, k: usize, idx: &[usize], notes: &mut Vec<String>) -> String {
        let mut parts = Vec::new();
        let partner = |q: usize| {
            let pr = &al.pairs[q];
            numbers(if self.name == "A" { &pr.b } else { &pr.a })
        };
        for &i in idx {
            match self.best[i] {
                Some(best) if best != k => {
                    parts.push(format!("also ↔ {} {}", self.other, partner(best)));
                }
                _ => {
                    parts.push(self.sentences[i].text.clone());
                    let others: Vec<String> = self.pairs_of[i]
                        .iter()
                        .filter(|&&q| q != k)
                        .map(|&q| partner(q))
                        .collect();
                    if !others.is_empty() {
                        notes.push(format!(
                            "{} {} also ↔ {} {}",
                            self.name,
                            i + 1,
                            self.other,
                            others.join(", ")
                        ));
                    }
                }
            }
        }
        parts.join(" ")
    }
}
