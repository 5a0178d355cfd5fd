//! Lexicon: framing lexicons (load, check, edit, import/export) and term counting.
//!
//! The data model lives in [`model`]; loading, matching, editing and the foreign formats are
//! filled in by the lexicon work (issue 4).

pub mod load;
pub mod model;

pub use load::{load, parse};
pub use model::{Category, Lexicon, Term};
pub mod builtin;
pub mod check;
pub mod write;
pub mod edit;
pub mod import;
pub mod export;
pub mod show;
