//! Align: pair the sentences of two reports that say the same thing.
//!
//! PLACEHOLDER: pairs sentences with identical normalised text only. The real aligner replaces
//! the body of [`align`] without changing the types.

use serde::Serialize;

use crate::segment::Sentence;
use crate::text::normalize;

/// One aligned group: one or more consecutive sentences of A told as one or more consecutive
/// sentences of B (1-1, 1-2, 2-1, … up to 3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// Indices into A's sentences, ascending and consecutive.
    pub a: Vec<usize>,
    /// Indices into B's sentences, ascending and consecutive.
    pub b: Vec<usize>,
    /// Similarity in 0..=1.
    pub score: f64,
}

/// Share of each document's sentences that found a partner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Coverage {
    pub a: f64,
    pub b: f64,
}

/// The alignment of two documents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// Pairs in the reading order of A.
    pub pairs: Vec<Pair>,
    /// Sentences of A with no partner.
    pub only_a: Vec<usize>,
    /// Sentences of B with no partner.
    pub only_b: Vec<usize>,
    pub coverage: Coverage,
}

/// Aligner settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Minimum similarity for two sentences to be paired.
    pub threshold: f64,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions { threshold: 0.3 }
    }
}

/// Align the sentences of two documents.
pub fn align(a: &[Sentence], b: &[Sentence], _opts: &AlignOptions) -> Alignment {
    let mut used_b = vec![false; b.len()];
    let mut pairs = Vec::new();
    let mut only_a = Vec::new();
    let nb: Vec<String> = b.iter().map(|s| normalize(&s.text)).collect();
    for (i, s) in a.iter().enumerate() {
        let n = normalize(&s.text);
        match (0..b.len()).find(|&j| !used_b[j] && nb[j] == n) {
            Some(j) => {
                used_b[j] = true;
                pairs.push(Pair {
                    a: vec![i],
                    b: vec![j],
                    score: 1.0,
                });
            }
            None => only_a.push(i),
        }
    }
    let only_b: Vec<usize> = (0..b.len()).filter(|&j| !used_b[j]).collect();
    let cov = |n: usize, total: usize| {
        if total == 0 {
            0.0
        } else {
            n as f64 / total as f64
        }
    };
    Alignment {
        coverage: Coverage {
            a: cov(a.len() - only_a.len(), a.len()),
            b: cov(b.len() - only_b.len(), b.len()),
        },
        pairs,
        only_a,
        only_b,
    }
}
