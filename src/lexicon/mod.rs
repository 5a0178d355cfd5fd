//! Lexicon: framing lexicons (load, check, edit, import/export) and term counting.
//!
//! * [`model`]: the in-memory lexicon; [`load`]: the TOML reader; [`builtin`]: the lexicons
//!   compiled into the binary.
//! * [`matcher`]: one automaton for all terms, whole-word matching on normalised text, scare
//!   quotes and quoted speech.
//! * [`count`]: per-document counts and keyword-in-context lines; [`keyness`]: rates, Dunning
//!   log-likelihood and log ratio between documents.

pub mod builtin;
pub mod count;
pub mod keyness;
pub mod load;
pub mod matcher;
pub mod model;

pub use load::{load, parse};
pub use matcher::{Hit, Matcher};
pub use model::{Category, Lexicon, Term};
