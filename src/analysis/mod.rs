//! Analysis: what combines the lexicons with documents or with a comparison, as data for the
//! renderers in [`crate::report`].
//!
//! * [`terms`]: framing statistics per report (counts, rates, quoted, keyness), from documents
//!   and a matcher in one call; [`kwic`]: every hit in context.
//! * [`framing`]: the lexicon's side of a comparison report ([`framing::Framing`]): legend,
//!   term table, keyness, hits.
//! * [`suggest`]: terms the lexicons miss, from a comparison's substitutions and keyness.
//! * [`corpus`]: corpus mode, many outlets × many events (event grouping, per-event
//!   comparisons and their summary).
//! * [`evaluate`]: how well the lexicons find spans people annotated ([`gold`] reads them):
//!   precision, recall, F1, per category and term, correlation of per-document rates.
//!
//! The stage sits above `compare` and `lexicon` and below `report`: it imports neither the
//! renderers nor the command line.

pub mod corpus;
pub mod evaluate;
pub mod framing;
pub mod gold;
pub mod kwic;
pub mod suggest;
pub mod terms;

/// `x` rounded to `places` decimals: statistics are reported at a fixed precision, so that
/// output does not depend on the last bits of a floating-point sum.
pub(crate) fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}
