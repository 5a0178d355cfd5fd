//! Output of `framediff segment`: plain sentences, or the `framediff.segment/1` JSON.

use std::io::{self, Write};

use serde::Serialize;

use crate::ingest::{Document, Dropped};
use crate::segment::Sentence;

/// Version tag of the segment JSON.
pub const SCHEMA: &str = "framediff.segment/1";

/// One sentence per line, inner newlines already collapsed.
pub fn text(w: &mut dyn Write, sentences: &[Sentence]) -> io::Result<()> {
    for s in sentences {
        w.write_all(s.text.as_bytes())?;
        w.write_all(b"\n")?;
    }
    Ok(())
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
pub fn json(w: &mut dyn Write, doc: &Document, sentences: &[Sentence]) -> io::Result<()> {
    let j = SegmentJson {
        schema: SCHEMA,
        path: &doc.path,
        label: &doc.label,
        title: doc.title.as_deref(),
        date: doc.date.as_deref(),
        sentences,
        dropped: &doc.dropped,
    };
    super::json::pretty(w, &j)
}
