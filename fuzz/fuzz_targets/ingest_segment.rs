//! bytes → `ingest::from_bytes` → `segment::segment` → `segment::words`, checking the span
//! invariants every later stage relies on (in order, inside the text, on char boundaries).
#![no_main]

use framediff::ingest::{from_bytes, IngestOptions};
use framediff::segment::{segment, words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so both modes and both boilerplate settings are covered.
    let (flags, bytes) = match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, data),
    };
    let opts = IngestOptions {
        label: None,
        keep_boilerplate: flags & 1 != 0,
        segmented: flags & 2 != 0,
    };
    let Ok(doc) = from_bytes(bytes, "fuzz.txt", &opts) else {
        return;
    };
    for p in &doc.paragraphs {
        assert!(p.start <= p.end && p.end <= doc.text.len(), "paragraph {p:?}");
        assert!(doc.text.is_char_boundary(p.start) && doc.text.is_char_boundary(p.end));
    }
    let sentences = segment(&doc);
    let mut last = 0;
    for s in &sentences {
        assert!(s.start >= last && s.start < s.end && s.end <= doc.text.len(), "{s:?}");
        assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        last = s.end;
        for q in &s.quoted {
            assert!(s.start <= q[0] && q[0] <= q[1] && q[1] <= s.end, "quote {q:?} in {s:?}");
        }
        let mut w_last = s.start;
        for w in words(&doc.text[s.start..s.end], s.start) {
            assert!(w.start >= w_last && w.start < w.end && w.end <= s.end, "{w:?}");
            assert!(doc.text.is_char_boundary(w.start) && doc.text.is_char_boundary(w.end));
            w_last = w.end;
        }
    }
});
