//! HTML pages: bytes behind an HTML prefix, read as `page.html`, through the HTML path of
//! ingest (encoding sniffing, `<meta charset>`, readability extraction), then segmented.
#![no_main]

use framediff::ingest::{from_bytes, IngestOptions};
use framediff::segment::segment;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Half the inputs get a real page head so the fuzzer starts inside a document; the rest are
    // taken as they are (the `.html` extension alone forces the HTML path).
    let mut page = Vec::with_capacity(data.len() + 64);
    if data.first().is_some_and(|b| b & 1 == 0) {
        page.extend_from_slice(b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
    }
    page.extend_from_slice(data);
    let Ok(doc) = from_bytes(&page, "page.html", &IngestOptions::default()) else {
        return;
    };
    for p in &doc.paragraphs {
        assert!(p.start <= p.end && p.end <= doc.text.len(), "paragraph {p:?}");
    }
    for s in segment(&doc) {
        assert!(s.start < s.end && s.end <= doc.text.len());
    }
});
