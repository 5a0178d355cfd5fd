//! Keyword in context: every lexicon hit with the words around it, as data for the
//! `terms --kwic` listings (table, CSV, Markdown, `framediff.kwic/1` JSON).

use serde::Serialize;

use crate::ingest::Document;
use crate::lexicon::count::{self, DocumentCounts};
use crate::lexicon::{Matcher, Role};
use crate::segment::Sentence;

/// Version tag of the keyword-in-context JSON. `/2`: every hit has a `role`.
pub const SCHEMA: &str = "framediff.kwic/2";

/// One hit in context, for every output format.
#[derive(Debug, Clone, Serialize)]
pub struct KwicRow {
    /// Index of the document in `documents`.
    pub document: usize,
    /// Label of the report the hit is in.
    pub label: String,
    /// Name of the lexicon the term belongs to.
    pub lexicon: String,
    /// Category id of the term (`parent/child` for subcategories).
    pub category: String,
    /// `loaded` or `reference`: the role of the term's category.
    pub role: Role,
    /// The lexicon term (its headword, whichever variant matched).
    pub term: String,
    /// Context before the hit, at most [`crate::lexicon::count::KWIC_WORDS`] words of its sentence.
    pub left: String,
    #[serde(rename = "match")]
    /// The text that matched, as written in the report.
    pub matched: String,
    /// Context after the hit, within its sentence.
    pub right: String,
    /// Byte span in the document's text.
    pub start: usize,
    /// End of the byte span (exclusive).
    pub end: usize,
    /// Inside quoted speech: someone else's words, not the outlet's own voice.
    pub quoted: bool,
    /// In scare quotes (the outlet distances itself from the word).
    pub scare_quoted: bool,
}

/// Keyword-in-context rows for every hit of every document, in document then text order.
pub(crate) fn kwic_rows(
    m: &Matcher,
    docs: &[Document],
    sentences: &[Vec<Sentence>],
    counts: &[DocumentCounts],
) -> Vec<KwicRow> {
    let mut out = Vec::new();
    for (d, (doc, c)) in docs.iter().zip(counts).enumerate() {
        for h in &c.hits {
            let k = count::kwic(&doc.text, &sentences[d], h);
            let lex = &m.lexicons()[h.lexicon];
            out.push(KwicRow {
                document: d,
                label: doc.label.clone(),
                lexicon: lex.name.clone(),
                category: lex.categories[h.category].id.clone(),
                role: lex.categories[h.category].role,
                term: m.term(h.entry).term.clone(),
                left: k.left,
                matched: k.matched,
                right: k.right,
                start: h.start,
                end: h.end,
                quoted: h.quoted,
                scare_quoted: h.scare_quoted,
            });
        }
    }
    out
}
