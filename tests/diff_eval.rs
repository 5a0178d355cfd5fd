//! The word diff against a constructed word-edit gold on the seed articles (see
//! `examples/eval_diff`, which also measures `basil-dev` and real outlet pairs): a floor, so a
//! change that makes the diff read worse than a word-level reading fails here.

#[path = "../examples/eval_diff/gold.rs"]
mod gold;

use framediff::diff::diff_texts;
use framediff::ingest::{read_document, IngestOptions};
use framediff::segment::segment;

fn seed_sentences() -> Vec<String> {
    let mut files: Vec<_> = glob_txt("fixtures");
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let doc = read_document(f, &IngestOptions::default()).expect("seed reads");
            segment(&doc).into_iter().map(|s| s.text)
        })
        .collect()
}

/// The `.txt` articles of the seed event folders (not the hostile or HTML fixtures).
fn glob_txt(root: &str) -> Vec<String> {
    let mut out = Vec::new();
    for event in std::fs::read_dir(root).expect("fixtures") {
        let event = event.unwrap().path();
        let name = event.file_name().unwrap().to_string_lossy().into_owned();
        if !event.is_dir() || name == "hostile" || name == "html" {
            continue;
        }
        for f in std::fs::read_dir(&event).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|e| e == "txt") {
                out.push(f.to_string_lossy().into_owned());
            }
        }
    }
    out
}

#[test]
fn changed_token_f1_on_constructed_edits() {
    let sentences = seed_sentences();
    let mut vocab: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    vocab.sort();
    vocab.dedup();
    let pairs = gold::build(&sentences, &vocab, 1);
    assert!(pairs.len() >= 80, "{} pairs", pairs.len());
    let (all, by_kind) = gold::score(&pairs, diff_texts);
    // 0.983 when this was written (0.853 before compounds and the semantic cleanup; difflib on
    // whitespace tokens 0.909)
    assert!(all.f1() >= 0.95, "F1 {:.3}", all.f1());
    for (kind, c) in by_kind {
        if c.tp + c.fn_ > 0 && kind.contains("join") {
            assert_eq!(c.recall(), 1.0, "{kind}: every joined word is marked");
        }
    }
}
