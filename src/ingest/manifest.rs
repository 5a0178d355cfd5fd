//! Corpus manifests: many documents, each with its outlet and (optionally) its event.
//!
//! A corpus is given as a JSONL or CSV manifest (one document per line) or as a directory laid
//! out as `EVENT/OUTLET.txt`. This module owns the one type every corpus command works on,
//! [`CorpusDoc`]: a manifest line, before its text is read and ingested. Reading manifests is
//! done line by line, so a corpus is never held in memory whole.

use serde::Serialize;

/// Where a corpus document's text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// A file, already resolved against the manifest's folder.
    Path(std::path::PathBuf),
    /// The text itself, given inline in the manifest (`"text"` field).
    Text(String),
}

/// One document of a corpus: a manifest line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorpusDoc {
    /// The document's id (unique in the corpus).
    pub id: String,
    /// The outlet that published it: the unit every corpus statistic groups by.
    pub outlet: String,
    /// The event it reports, when the manifest says; `corpus events` can infer it.
    pub event: Option<String>,
    /// Publication date, `YYYY-MM-DD` (a longer ISO 8601 timestamp is cut to the day).
    pub date: Option<String>,
    /// The headline, when given.
    pub title: Option<String>,
    /// Where it was published, when given.
    pub url: Option<String>,
    /// Where the text is.
    pub source: Source,
    /// 1-based line of the manifest the document came from, for messages (`file:line`).
    pub line: usize,
}
