//! Diff: what changed inside aligned sentences, and which facts disagree.
//!
//! PLACEHOLDER: types only. The real stage fills [`differences`].

use serde::Serialize;

use crate::align::Alignment;
use crate::segment::Sentence;

/// Everything the diff stage finds for one alignment.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Differences {
    pub diffs: Vec<serde_json::Value>,
    pub substitutions: Vec<serde_json::Value>,
    pub discrepancies: Vec<serde_json::Value>,
    pub variants: Vec<serde_json::Value>,
}

/// Diff every aligned pair and collect substitutions, discrepancies and name variants.
pub fn differences(_a: &[Sentence], _b: &[Sentence], _alignment: &Alignment) -> Differences {
    Differences::default()
}
