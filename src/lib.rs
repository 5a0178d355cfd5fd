//! framediff: compare how news outlets frame the same event.
//!
//! Data flows one way through one module per stage:
//!
//! ```text
//! ingest → segment → {align → diff → compare, lexicon} → analysis → report → cli
//! ```
//!
//! * [`ingest`] reads a file (or stdin), decodes it, extracts article text from HTML and sets
//!   page chrome aside, producing a [`ingest::Document`].
//! * [`segment`] splits a document's kept paragraphs into [`segment::Sentence`]s with byte spans
//!   and quoted (direct speech) spans, and sentences into normalised [`segment::Word`]s.
//! * [`align`] pairs corresponding sentences of two reports ([`align::Alignment`]).
//! * [`diff`] diffs aligned pairs word by word and collects substitutions and discrepancies.
//! * [`compare`] runs segment → align → diff for two or more reports against a pivot.
//! * [`lexicon`] loads, checks, edits, imports and exports framing lexicons, and matches and
//!   counts their terms.
//! * [`analysis`] combines the lexicons with documents or a comparison: framing statistics per
//!   report, hits in context, the framing of a comparison report, suggested terms.
//! * [`report`] renders all of it as terminal tables, JSON, CSV, Markdown and HTML, into any
//!   `io::Write`.
//!
//! Every stage works on one document (or one pair) at a time, keeps no global mutable state and
//! its types are `Send + Sync`, so a corpus can be processed in parallel.

#![warn(missing_docs)]

pub mod align;
pub mod analysis;
pub(crate) mod bytescan;
pub mod compare;
pub mod diff;
mod error;
pub mod ingest;
pub mod lexicon;
pub mod output;
pub mod report;
pub mod segment;
pub(crate) mod text;

pub use error::{Error, Result};
