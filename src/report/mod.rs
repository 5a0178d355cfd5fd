//! Report: render results for people (terminal tables, Markdown, HTML) and programs (JSON, CSV).

pub mod segment;
pub mod style;
pub mod terms;
