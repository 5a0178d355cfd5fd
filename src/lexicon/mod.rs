//! Lexicon: framing lexicons (load, check, edit, import/export) and term counting.
//!
//! PLACEHOLDER: filled in by the lexicon work (issue 4).
