//! Regression inputs (issue 6): every file under `tests/regressions/TARGET/` is run through the
//! same code as the fuzz target `TARGET` (see `fuzz/fuzz_targets/`), with the same invariant
//! checks. Inputs that crashed, hung or blew up memory go here once fixed, so they stay fixed
//! without running the fuzzers. See `tests/regressions/README.md`.

use std::path::{Path, PathBuf};

use framediff::align::{align, AlignOptions};
use framediff::diff::differences;
use framediff::ingest::{from_bytes, IngestOptions};
use framediff::lexicon::import::{import_text, Format};
use framediff::segment::{segment, words};

/// The files of `tests/regressions/TARGET/`. A missing or empty folder fails the test: a
/// renamed folder would otherwise turn the target's regressions into a test of nothing.
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/regressions")
        .join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("read the folder").path())
        .collect();
    v.retain(|p| p.is_file() && p.file_name().is_some_and(|n| n != ".gitkeep"));
    v.sort();
    assert!(!v.is_empty(), "{}: no regression inputs", dir.display());
    v
}

fn ingest_and_segment(bytes: &[u8], name: &str, opts: &IngestOptions) {
    let Ok(doc) = from_bytes(bytes, name, opts) else {
        return;
    };
    let mut last = 0;
    for s in segment(&doc) {
        assert!(s.start >= last && s.start < s.end && s.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        last = s.end;
        for w in words(&doc.text[s.start..s.end], s.start) {
            assert!(w.start >= s.start && w.end <= s.end);
        }
    }
}

#[test]
fn ingest_segment() {
    for p in inputs("ingest_segment") {
        let bytes = std::fs::read(&p).expect("read");
        for flags in 0..4u8 {
            let opts = IngestOptions {
                label: None,
                keep_boilerplate: flags & 1 != 0,
                segmented: flags & 2 != 0,
            };
            ingest_and_segment(&bytes, "regression.txt", &opts);
        }
    }
}

#[test]
fn html() {
    for p in inputs("html") {
        let bytes = std::fs::read(&p).expect("read");
        ingest_and_segment(&bytes, "regression.html", &IngestOptions::default());
    }
}

#[test]
fn lexicon() {
    for p in inputs("lexicon") {
        let bytes = std::fs::read(&p).expect("read");
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let _ = framediff::lexicon::parse(text, &p);
        for format in [
            Format::Quanteda,
            Format::Liwc,
            Format::Lexicoder,
            Format::Wordstat,
            Format::Yoshikoder,
        ] {
            let _ = import_text(text, &p, format, None);
        }
    }
}

#[test]
fn align_pairs() {
    for p in inputs("align") {
        let data = std::fs::read(&p).expect("read");
        let cut = data
            .iter()
            .position(|&b| b == 0xFF)
            .unwrap_or(data.len() / 2);
        let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
        let o = IngestOptions::default();
        let (Ok(da), Ok(db)) = (from_bytes(a, "a.txt", &o), from_bytes(b, "b.txt", &o)) else {
            continue;
        };
        let (sa, sb) = (segment(&da), segment(&db));
        let al = align(&sa, &sb, &AlignOptions::default());
        let mut seen_a = vec![0; sa.len()];
        let mut seen_b = vec![0; sb.len()];
        for pair in &al.pairs {
            pair.a.iter().for_each(|&i| seen_a[i] += 1);
            pair.b.iter().for_each(|&j| seen_b[j] += 1);
        }
        al.only_a.iter().for_each(|&i| seen_a[i] += 1);
        al.only_b.iter().for_each(|&j| seen_b[j] += 1);
        assert!(
            seen_a.iter().chain(&seen_b).all(|&c| c == 1),
            "{}",
            p.display()
        );
        let _ = differences(&sa, &sb, &al);
    }
}
