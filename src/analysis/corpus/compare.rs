//! `corpus compare`: the comparison of every outlet pair of one event
//! ([`compare_event`], one `framediff.corpus-compare/1` JSONL line), and the corpus summary
//! over events ([`Summary`]).
//!
//! Each pair runs the same stages as `framediff compare` (segment once per report, then
//! [`align`], [`differences`], [`compare::warnings`]), so a pair's figures are exactly what
//! `compare` shows for the two files. Only what a corpus statistic needs is kept of a pair
//! (coverage, substitutions, discrepancies, sentences one side omits), not the word diffs: an
//! event's result is small whatever its reports' length, and the summary only adds numbers,
//! so memory is bounded by the largest event.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::align::{align, AlignOptions, Coverage};
use crate::analysis::round;
use crate::compare::{self, Warning, WarningKind};
use crate::diff::{differences, joined, Kind};
use crate::ingest::Document;
use crate::segment::{segment, Sentence};

/// The version tag of every JSONL line of `corpus compare`.
pub const SCHEMA: &str = "framediff.corpus-compare/1";

/// How many example events a summary row names.
pub const EXAMPLES: usize = 3;

/// One report of an event, as `corpus compare` reads it.
#[derive(Debug, Clone)]
pub struct EventDoc {
    /// The document's id in the manifest.
    pub id: String,
    /// Its outlet.
    pub outlet: String,
    /// The report itself.
    pub document: Document,
}

/// Which outlet pairs are compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Pairing {
    /// Every pair of outlets, each pair's sides in name order.
    #[default]
    All,
    /// Each outlet against this one (side A); events without it are not compared.
    Pivot(String),
}

/// One report of an event, as the JSONL line lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocInfo {
    /// The document's id.
    pub id: String,
    /// Its outlet.
    pub outlet: String,
    /// How many sentences it has.
    pub sentences: usize,
}

/// A phrase of side A replaced by one of side B in one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Swap {
    /// The phrase in A.
    pub a: String,
    /// The phrase B wrote in its place.
    pub b: String,
    /// How many times, in this event.
    pub count: usize,
}

/// A fact with a different value on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// What kind of fact (number, year, weekday, month, name).
    pub kind: Kind,
    /// The value in A.
    pub a: String,
    /// The value in B.
    pub b: String,
}

/// Two outlets' reports of one event, compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutletPair {
    /// Outlet of side A (the pivot of the pair).
    pub a: String,
    /// Outlet of side B.
    pub b: String,
    /// Share of each side's sentences that found a partner (4 decimals).
    pub coverage: Coverage,
    /// How many aligned pairs of sentences.
    pub aligned: usize,
    /// Sentences of each side.
    pub sentences: Sides,
    /// Phrases of A that B replaced, most frequent first.
    pub substitutions: Vec<Swap>,
    /// Facts that differ between paired sentences.
    pub discrepancies: Vec<Fact>,
    /// Sentences only A has (B omits them), in A's order.
    pub only_a: Vec<String>,
    /// Sentences only B has (A omits them), in B's order.
    pub only_b: Vec<String>,
    /// Warnings about the pair (e.g. low coverage: maybe not one event); plain strings in JSON.
    pub warnings: Vec<Warning>,
}

/// A count for each side of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Sides {
    /// Side A.
    pub a: usize,
    /// Side B.
    pub b: usize,
}

/// One event's comparisons: one `framediff.corpus-compare/1` line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventComparison {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The event id.
    pub event: String,
    /// The reports compared (one per outlet), by outlet name.
    pub documents: Vec<DocInfo>,
    /// Every outlet pair compared.
    pub pairs: Vec<OutletPair>,
    /// Problems with the event (a second report of one outlet left out, pivot missing).
    pub warnings: Vec<String>,
}

/// Compare the reports of one event: one report per outlet (the first given; others are left
/// out with a warning), every outlet pair or each against the pivot. The reports compared are
/// returned too, in outlet order (for a per-event report page).
pub fn compare_event(
    event: &str,
    docs: Vec<EventDoc>,
    pairing: &Pairing,
    opts: &AlignOptions,
) -> (EventComparison, Vec<EventDoc>) {
    let mut warnings = Vec::new();
    let mut by_outlet: BTreeMap<String, EventDoc> = BTreeMap::new();
    for d in docs {
        if let Some(first) = by_outlet.get(&d.outlet) {
            warnings.push(format!(
                "{}: second report of {} in event {event} (after {}): left out",
                d.id, d.outlet, first.id
            ));
            continue;
        }
        by_outlet.insert(d.outlet.clone(), d);
    }
    let docs: Vec<EventDoc> = by_outlet.into_values().collect();
    let sentences: Vec<Vec<Sentence>> = docs.iter().map(|d| segment(&d.document)).collect();
    let mut pairs = Vec::new();
    let index: Vec<(usize, usize)> = match pairing {
        Pairing::All => (0..docs.len())
            .flat_map(|i| (i + 1..docs.len()).map(move |j| (i, j)))
            .collect(),
        Pairing::Pivot(p) => match docs.iter().position(|d| &d.outlet == p) {
            Some(k) => (0..docs.len())
                .filter(|&j| j != k)
                .map(|j| (k, j))
                .collect(),
            None => {
                warnings.push(format!("event {event} has no report of the pivot {p}"));
                Vec::new()
            }
        },
    };
    for (i, j) in index {
        pairs.push(compare_pair(
            &docs[i],
            &docs[j],
            &sentences[i],
            &sentences[j],
            opts,
        ));
    }
    let result = EventComparison {
        schema: SCHEMA,
        event: event.to_string(),
        documents: docs
            .iter()
            .zip(&sentences)
            .map(|(d, s)| DocInfo {
                id: d.id.clone(),
                outlet: d.outlet.clone(),
                sentences: s.len(),
            })
            .collect(),
        pairs,
        warnings,
    };
    (result, docs)
}

fn compare_pair(
    a: &EventDoc,
    b: &EventDoc,
    sa: &[Sentence],
    sb: &[Sentence],
    opts: &AlignOptions,
) -> OutletPair {
    let al = align(sa, sb, opts);
    let diff = differences(sa, sb, &al);
    let mut warnings = compare::warnings(&a.document, &b.document, sa, sb, &al);
    // The documents' labels are their file names; in a corpus, outlets name the sides.
    for w in &mut warnings {
        w.message = w
            .message
            .replace(&a.document.label, &a.outlet)
            .replace(&b.document.label, &b.outlet);
    }
    OutletPair {
        a: a.outlet.clone(),
        b: b.outlet.clone(),
        coverage: Coverage {
            a: round(al.coverage.a, 4),
            b: round(al.coverage.b, 4),
        },
        aligned: al.pairs.len(),
        sentences: Sides {
            a: sa.len(),
            b: sb.len(),
        },
        substitutions: diff
            .substitutions
            .iter()
            .map(|s| Swap {
                a: s.a.clone(),
                b: s.b.clone(),
                count: s.count,
            })
            .collect(),
        discrepancies: diff
            .discrepancies
            .iter()
            .map(|d| Fact {
                kind: d.kind,
                a: d.a.clone(),
                b: d.b.clone(),
            })
            .collect(),
        only_a: al.only_a.iter().map(|&i| joined(sa, &[i])).collect(),
        only_b: al.only_b.iter().map(|&i| joined(sb, &[i])).collect(),
        warnings,
    }
}

/// A substitution counted over the events an outlet pair shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SwapSummary {
    /// The phrase in A.
    pub a: String,
    /// The phrase B wrote in its place.
    pub b: String,
    /// In how many of the pair's shared events it occurs.
    pub events: usize,
    /// How many times in all.
    pub count: usize,
    /// The first events (in the order they were added) where it occurs, at most [`EXAMPLES`].
    pub examples: Vec<String>,
}

/// One outlet pair over the whole corpus.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PairSummary {
    /// Outlet of side A.
    pub a: String,
    /// Outlet of side B.
    pub b: String,
    /// Events both outlets reported (and that were compared).
    pub events: usize,
    /// Sentences of each side in those events.
    pub sentences: Sides,
    /// Sentences only that side has (the other omits them), summed over events.
    pub only: Sides,
    /// Events where the pair shares few sentences (a low-coverage warning).
    pub low_coverage: usize,
    /// Discrepancies summed over events, by kind (kinds in a fixed order).
    pub discrepancies: BTreeMap<Kind, usize>,
    /// Substitutions, most widespread first.
    pub substitutions: Vec<SwapSummary>,
}

impl PairSummary {
    /// Share of A's sentences that B omits (`None` when A has none).
    pub fn omitted_by_b(&self) -> Option<f64> {
        share(self.only.a, self.sentences.a)
    }

    /// Share of B's sentences that A omits.
    pub fn omitted_by_a(&self) -> Option<f64> {
        share(self.only.b, self.sentences.b)
    }

    /// Every discrepancy, of any kind.
    pub fn discrepancy_total(&self) -> usize {
        self.discrepancies.values().sum()
    }
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| round(part as f64 / whole as f64, 4))
}

/// The corpus summary, built one event at a time ([`Summary::add`]) in output order, so the
/// example events are the first ones in that order whatever the number of threads.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Events seen.
    pub events: usize,
    /// Events with at least one pair compared.
    pub compared: usize,
    pairs: BTreeMap<(String, String), Acc>,
}

/// A pair's running totals; substitutions keyed by (a, b) for counting.
#[derive(Debug, Clone, Default)]
struct Acc {
    summary: PairSummary,
    swaps: BTreeMap<(String, String), SwapSummary>,
}

impl Summary {
    /// Add one event's comparisons.
    pub fn add(&mut self, e: &EventComparison) {
        self.events += 1;
        if !e.pairs.is_empty() {
            self.compared += 1;
        }
        for p in &e.pairs {
            let acc = self.pairs.entry((p.a.clone(), p.b.clone())).or_default();
            let s = &mut acc.summary;
            s.a.clone_from(&p.a);
            s.b.clone_from(&p.b);
            s.events += 1;
            s.sentences.a += p.sentences.a;
            s.sentences.b += p.sentences.b;
            s.only.a += p.only_a.len();
            s.only.b += p.only_b.len();
            if p.warnings
                .iter()
                .any(|w| w.kind == WarningKind::LowCoverage)
            {
                s.low_coverage += 1;
            }
            for d in &p.discrepancies {
                *s.discrepancies.entry(d.kind).or_default() += 1;
            }
            for w in &p.substitutions {
                let sw = acc
                    .swaps
                    .entry((w.a.clone(), w.b.clone()))
                    .or_insert_with(|| SwapSummary {
                        a: w.a.clone(),
                        b: w.b.clone(),
                        events: 0,
                        count: 0,
                        examples: Vec::new(),
                    });
                sw.events += 1;
                sw.count += w.count;
                if sw.examples.len() < EXAMPLES {
                    sw.examples.push(e.event.clone());
                }
            }
        }
    }

    /// Count an event that was not compared (reports of fewer than two outlets).
    pub fn add_uncompared(&mut self) {
        self.events += 1;
    }

    /// Every outlet pair, by outlet names, each with its substitutions sorted most widespread
    /// first (events, then occurrences, then the phrases).
    pub fn pairs(&self) -> Vec<PairSummary> {
        self.pairs
            .values()
            .map(|acc| {
                let mut s = acc.summary.clone();
                s.substitutions = acc.swaps.values().cloned().collect();
                s.substitutions.sort_by(|x, y| {
                    y.events
                        .cmp(&x.events)
                        .then(y.count.cmp(&x.count))
                        .then_with(|| x.a.cmp(&y.a))
                        .then_with(|| x.b.cmp(&y.b))
                });
                s
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{from_bytes, IngestOptions};

    fn doc(id: &str, outlet: &str, text: &str) -> EventDoc {
        let opts = IngestOptions {
            segmented: true,
            ..IngestOptions::default()
        };
        EventDoc {
            id: id.into(),
            outlet: outlet.into(),
            document: from_bytes(text.as_bytes(), id, &opts).expect("document"),
        }
    }

    const A: &str = "The Israeli regime struck the port on Monday.\nTalks covered trade.\nA third line only here.\n";
    const B: &str = "The Zionist regime struck the port on Tuesday.\nTalks covered trade.\n";
    const C: &str = "Heavy rain flooded the valley.\nTalks covered trade.\n";

    #[test]
    fn every_outlet_pair_in_name_order() {
        let e = compare_event(
            "e1",
            vec![
                doc("2", "zeta", B),
                doc("1", "alpha", A),
                doc("3", "mid", C),
            ],
            &Pairing::All,
            &AlignOptions::default(),
        )
        .0;
        let names: Vec<(&str, &str)> = e
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        assert_eq!(
            names,
            [("alpha", "mid"), ("alpha", "zeta"), ("mid", "zeta")]
        );
        let p = &e.pairs[1];
        assert_eq!(p.substitutions[0].a, "Israeli regime");
        assert_eq!(p.substitutions[0].b, "Zionist regime");
        assert_eq!(p.discrepancies.len(), 1);
        assert_eq!(p.only_a, ["A third line only here."]);
        assert!(p.only_b.is_empty());
    }

    #[test]
    fn pivot_and_duplicates() {
        let e = compare_event(
            "e1",
            vec![
                doc("1", "a", A),
                doc("2", "b", B),
                doc("3", "b", C),
                doc("4", "c", C),
            ],
            &Pairing::Pivot("b".into()),
            &AlignOptions::default(),
        )
        .0;
        assert_eq!(e.warnings.len(), 1, "{:?}", e.warnings);
        let names: Vec<(&str, &str)> = e
            .pairs
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        assert_eq!(names, [("b", "a"), ("b", "c")]);
        let none = compare_event(
            "e2",
            vec![doc("1", "a", A), doc("4", "c", C)],
            &Pairing::Pivot("b".into()),
            &AlignOptions::default(),
        )
        .0;
        assert!(none.pairs.is_empty() && none.warnings.len() == 1);
    }

    #[test]
    fn summary_counts_events() {
        let mut s = Summary::default();
        for ev in ["e1", "e2", "e3"] {
            s.add(
                &compare_event(
                    ev,
                    vec![doc("1", "a", A), doc("2", "b", B)],
                    &Pairing::All,
                    &AlignOptions::default(),
                )
                .0,
            );
        }
        let p = &s.pairs()[0];
        assert_eq!((p.events, p.only.a, p.only.b), (3, 3, 0));
        let top = &p.substitutions[0];
        assert_eq!((top.events, top.examples.len()), (3, 3));
        assert_eq!(p.discrepancy_total(), 3);
        assert_eq!(p.omitted_by_b(), Some(round(3.0 / 9.0, 4)));
    }
}
