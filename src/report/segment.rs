//! Output of `framediff segment`: plain sentences, or the `framediff.segment/1` JSON.

use serde::Serialize;

use crate::ingest::{Document, Dropped};
use crate::segment::Sentence;

/// Version tag of the segment JSON.
pub const SCHEMA: &str = "framediff.segment/1";

/// One sentence per line, inner newlines already collapsed.
pub fn text(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        out.push_str(&s.text);
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct SegmentJson<'a> {
    schema: &'static str,
    path: &'a str,
    label: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    sentences: &'a [Sentence],
    dropped: &'a [Dropped],
}

/// `{"schema":"framediff.segment/1","title":…,"sentences":[…],"dropped":[…]}` plus path, label
/// and date.
pub fn json(doc: &Document, sentences: &[Sentence]) -> String {
    let j = SegmentJson {
        schema: SCHEMA,
        path: &doc.path,
        label: &doc.label,
        title: doc.title.as_deref(),
        date: doc.date.as_deref(),
        sentences,
        dropped: &doc.dropped,
    };
    let mut s = serde_json::to_string_pretty(&j).expect("segment JSON serialises");
    s.push('\n');
    s
}
