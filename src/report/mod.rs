//! Report: render results for people (terminal tables, Markdown, HTML) and programs (JSON, CSV).
//!
//! Every renderer writes to a `&mut dyn io::Write` and returns `io::Result<()>`; the caller
//! chooses the destination: a buffer printed to stdout once complete (a failure prints
//! nothing), or [`crate::output::AtomicFile`] (`-o`: the file appears, complete, when it is
//! committed). Renderers compute nothing about the texts: what they show comes from
//! [`crate::compare`], [`crate::analysis`] and the view model ([`view`], made by [`build`]).
//!
//! * [`segment`], [`align`] (the align listing, align and compare JSON), [`side_by_side`] (the
//!   terminal table of `compare`), [`document`] (`report` and the terminal report of
//!   `compare`), [`html`] and [`markdown`] (the report pages), [`terms`] (counts and
//!   keyword-in-context), [`lexicon`] (`lexicon list/show/check`), [`suggest`], [`evaluate`]
//!   (`lexicon evaluate`).
//! * [`format`](mod@format): escaping and number formatting for every format; [`json`]: JSON writing;
//!   [`style`]: colour and width; `fit`: tables that fit the width (a layout that fits when
//!   the grid would not).

pub mod align;
mod build;
pub mod document;
pub mod evaluate;
mod fit;
mod format;
pub mod html;
mod json;
pub mod lexicon;
pub mod markdown;
pub mod segment;
pub mod side_by_side;
pub mod style;
pub mod suggest;
pub mod terms;
pub mod view;
