//! Compare: the segment → align → diff pipeline for two or more reports.
//!
//! A [`Comparison`] holds the documents, their sentences, and one [`PairComparison`] per report
//! other than the *pivot* (the report the others are aligned to), so a view with one column per
//! outlet can be built from the pivot's reading order.

use serde::Serialize;

use crate::align::{align, AlignOptions, Alignment};
use crate::diff::{differences, Differences};
use crate::ingest::Document;
use crate::segment::{segment, Sentence};
use crate::{Error, Result};

/// Under this much evidence of corresponding text ([`same_event_score`]) two reports probably do
/// not describe the same event, and a warning says so.
///
/// Calibrated on real news (`cargo run --release --example eval_same_event`, BASIL development
/// half: 150 same-event pairs of Fox / NYT / HuffPost articles against 2,025 pairs of articles
/// on different events of the same year). A cut-off on the *share* of paired sentences (the rule
/// before, 30 % on both sides) fired on 63 % of the same-event pairs: reports of one event by
/// different outlets often share only a few sentences, each telling the same fact. The summed
/// score of the pairs separates the two kinds better (AUC .996 with the paraphrase aligner) and
/// does not shrink as reports get longer; at this cut-off it warns on 2 % of same-event pairs
/// and on 97 % of different-event ones. A few loose pairs of diplomatic boilerplate stay under
/// it.
pub const SAME_EVENT_EVIDENCE: f64 = 1.0;

/// The evidence that two reports tell the same event: the summed similarity of their aligned
/// pairs, i.e. roughly how many sentences' worth of corresponding text they share. Unlike a share
/// of paired sentences it does not fall as reports get longer, and one weak incidental pair
/// counts for little.
pub fn same_event_score(al: &Alignment) -> f64 {
    al.pairs.iter().map(|p| p.score).sum()
}

/// One report other than the pivot, aligned to the pivot.
#[derive(Debug, Clone, Serialize)]
pub struct PairComparison {
    /// Index of the report in [`Comparison::documents`] (the pivot is side A, this one side B).
    pub other: usize,
    /// Which sentences of the two reports correspond.
    pub alignment: Alignment,
    /// Word differences, substitutions, discrepancies and name variants in the pairs.
    pub differences: Differences,
    /// Reader-facing warnings about this pair (e.g. low coverage).
    pub warnings: Vec<Warning>,
}

/// What a pair [`Warning`] is about, so that summaries count warnings by kind, not by their
/// wording (which names the reports and may be reworded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A report has no sentences to compare.
    NoSentences,
    /// The two reports share almost no sentences: they may not describe the same event.
    LowCoverage,
}

/// A reader-facing warning about one aligned pair. It serialises as its message alone: every
/// JSON output (`framediff.compare`, `framediff.align`, `framediff.corpus-compare/1`) has
/// carried pair warnings as plain strings, and the kind is for counting, not for readers, so
/// the schemas stay as they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What it is about (for counting).
    pub kind: WarningKind,
    /// What readers see.
    pub message: String,
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reports of one event, segmented, aligned to a pivot and diffed.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The reports, in command-line order.
    pub documents: Vec<Document>,
    /// Sentences of each document, in the same order as `documents`.
    pub sentences: Vec<Vec<Sentence>>,
    /// Index of the pivot report.
    pub pivot: usize,
    /// One entry per non-pivot report, in document order.
    pub pairs: Vec<PairComparison>,
}

impl Comparison {
    /// Segment, align and diff `documents` against the report at index `pivot`.
    pub fn new(documents: Vec<Document>, pivot: usize, opts: &AlignOptions) -> Result<Comparison> {
        let sentences: Vec<Vec<Sentence>> = documents.iter().map(segment).collect();
        Self::from_sentences(documents, sentences, pivot, opts)
    }

    /// Like [`Comparison::new`] with sentences already split (one list per document).
    pub fn from_sentences(
        documents: Vec<Document>,
        sentences: Vec<Vec<Sentence>>,
        pivot: usize,
        opts: &AlignOptions,
    ) -> Result<Comparison> {
        if documents.len() < 2 {
            return Err(Error::Usage("compare needs at least two reports".into()));
        }
        if sentences.len() != documents.len() {
            return Err(Error::Usage(format!(
                "{} sentence lists given for {} reports",
                sentences.len(),
                documents.len()
            )));
        }
        if pivot >= documents.len() {
            return Err(Error::Usage(format!(
                "pivot {pivot} out of range for {} reports",
                documents.len()
            )));
        }
        let pa = &sentences[pivot];
        let pairs = (0..documents.len())
            .filter(|&k| k != pivot)
            .map(|k| {
                let pb = &sentences[k];
                let alignment = align(pa, pb, opts);
                let differences = differences(pa, pb, &alignment);
                let warnings = warnings(&documents[pivot], &documents[k], pa, pb, &alignment);
                PairComparison {
                    other: k,
                    alignment,
                    differences,
                    warnings,
                }
            })
            .collect();
        Ok(Comparison {
            documents,
            sentences,
            pivot,
            pairs,
        })
    }

    /// The index of the report labelled `label` ([`Error::UnknownLabel`] when there is none).
    pub fn find_label(documents: &[Document], label: &str) -> Result<usize> {
        documents
            .iter()
            .position(|d| d.label == label)
            .ok_or_else(|| Error::UnknownLabel {
                label: label.to_string(),
                known: documents.iter().map(|d| d.label.clone()).collect(),
            })
    }

    /// The one pair of a comparison of two reports, for the outputs that show exactly two
    /// ([`Error::NotTwoReports`] otherwise).
    pub fn pair(&self) -> Result<&PairComparison> {
        match self.pairs.as_slice() {
            [p] => Ok(p),
            _ => Err(Error::NotTwoReports {
                given: self.documents.len(),
            }),
        }
    }

    /// Every warning of every pair, in order.
    pub fn warnings(&self) -> Vec<String> {
        self.pairs
            .iter()
            .flat_map(|p| p.warnings.iter().map(|w| w.message.clone()))
            .collect()
    }
}

/// Warnings about one aligned pair of reports.
pub fn warnings(
    a: &Document,
    b: &Document,
    sa: &[Sentence],
    sb: &[Sentence],
    al: &Alignment,
) -> Vec<Warning> {
    let mut out = Vec::new();
    for (d, s) in [(a, sa), (b, sb)] {
        if s.is_empty() {
            out.push(Warning {
                kind: WarningKind::NoSentences,
                message: format!("{}: no sentences to compare", d.label),
            });
        }
    }
    if out.is_empty() && same_event_score(al) < SAME_EVENT_EVIDENCE {
        let n = al.pairs.len();
        let message = format!(
            "{} and {} have almost no sentences in common ({n} pair{}, {:.0} % and {:.0} % of sentences): they may not describe the same event",
            a.label,
            b.label,
            if n == 1 { "" } else { "s" },
            al.coverage.a * 100.0,
            al.coverage.b * 100.0
        );
        out.push(Warning {
            kind: WarningKind::LowCoverage,
            message,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{from_bytes, IngestOptions};

    fn doc(text: &str, label: &str) -> Document {
        let opts = IngestOptions {
            label: Some(label.into()),
            segmented: true,
            ..IngestOptions::default()
        };
        from_bytes(text.as_bytes(), label, &opts).expect("document")
    }

    #[test]
    fn unrelated_reports_warn() {
        let a = doc(
            "The minister visited the port.\nTalks covered trade tariffs.\n",
            "a",
        );
        let b = doc(
            "Heavy rain flooded the valley.\nSchools closed for a week.\n",
            "b",
        );
        let c = Comparison::new(vec![a, b], 0, &AlignOptions::default()).expect("compares");
        let w = c.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("may not describe the same event"));
        // counted by kind; in JSON still the plain message
        let pw = &c.pairs[0].warnings[0];
        assert_eq!(pw.kind, WarningKind::LowCoverage);
        assert_eq!(
            serde_json::to_value(pw).unwrap(),
            serde_json::Value::String(w[0].clone())
        );
    }

    #[test]
    fn related_reports_do_not_warn_and_pivot_is_side_a() {
        let a = doc(
            "The minister visited the port on Monday.\nTalks covered trade tariffs.\n",
            "a",
        );
        let b = doc(
            "Talks covered trade tariffs.\nThe minister visited the port on Tuesday.\n",
            "b",
        );
        let c = Comparison::new(vec![a, b], 1, &AlignOptions::default()).expect("compares");
        assert!(c.warnings().is_empty());
        assert_eq!((c.pivot, c.pairs[0].other), (1, 0));
        assert_eq!(c.pairs[0].alignment.pairs.len(), 2);
        assert_eq!(c.pairs[0].differences.discrepancies.len(), 1);
    }

    #[test]
    fn bad_arguments_are_errors() {
        let a = doc("One sentence here.\n", "a");
        assert!(Comparison::new(vec![a.clone()], 0, &AlignOptions::default()).is_err());
        let b = doc("Another sentence.\n", "b");
        assert!(Comparison::new(vec![a, b], 2, &AlignOptions::default()).is_err());
    }
}
