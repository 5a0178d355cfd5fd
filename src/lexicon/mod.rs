//! Lexicon: framing lexicons (load, check, edit, import/export) and term counting.
//!
//! The data model lives in [`model`]; loading, matching, editing and the foreign formats are
//! filled in by the lexicon work (issue 4).

pub mod builtin;
pub mod check;
pub mod edit;
pub mod export;
pub mod import;
pub mod load;
pub mod model;
pub mod show;
pub mod write;

pub use load::{load, parse};
pub use model::{Category, Lexicon, Term};
