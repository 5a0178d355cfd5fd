//! Report: render results for people (terminal tables, Markdown, HTML) and programs (JSON, CSV).

pub mod build;
pub mod compare;
pub mod document;
pub mod html;
pub mod markdown;
pub mod segment;
pub mod style;
pub mod terms;
pub mod view;
