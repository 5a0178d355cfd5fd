//! The development data sets in `../shared/data` (see its README): loading them and scoring an
//! aligner on them. Shared by `tests/align.rs` and `examples/eval_align.rs` (included with
//! `#[path]`), so the test's bar and the harness's figures are computed the same way.
//!
//! The data stays outside the repository: it is found through `FRAMEDIFF_DATA`, else at
//! `../shared/data` next to the repository root. Nothing here copies it anywhere.
#![allow(dead_code)] // each includer uses a part

use std::path::{Path, PathBuf};

use framediff::align::{align_with, AlignOptions, Alignment, Params};
use framediff::ingest::{from_bytes, IngestOptions};
use framediff::segment::{segment, Sentence};

/// The data folder, when present.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("FRAMEDIFF_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    };
    dir.join("aesop-dev/pairs.jsonl").is_file().then_some(dir)
}

/// One Aesop pair: two retellings, pre-split, and the human many-to-many links.
#[derive(Debug, Clone)]
pub struct AesopPair {
    pub file: String,
    pub a: Vec<Sentence>,
    pub b: Vec<Sentence>,
    pub gold: Vec<(usize, usize)>,
}

/// Sentences from pre-split lines the way `--segmented` input becomes sentences: the lines go
/// through ingest (one sentence per line) and the segmenter. Every line of the data set is one
/// non-empty line, so indices are kept; a line that would not survive ingest is an error.
pub fn segmented(lines: &[String], name: &str) -> Vec<Sentence> {
    let text = lines.join("\n");
    let opts = IngestOptions {
        segmented: true,
        ..IngestOptions::default()
    };
    let doc = from_bytes(text.as_bytes(), name, &opts).expect("pre-split sentences ingest");
    let s = segment(&doc);
    assert_eq!(
        s.len(),
        lines.len(),
        "{name}: a line was not kept as a sentence"
    );
    s
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .expect("array of sentences")
        .iter()
        .map(|s| s.as_str().expect("sentence string").to_string())
        .collect()
}

/// `aesop-dev/pairs.jsonl`.
pub fn aesop(dir: &Path) -> Vec<AesopPair> {
    let text = std::fs::read_to_string(dir.join("aesop-dev/pairs.jsonl")).expect("pairs.jsonl");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let file = v["file"].as_str().unwrap_or("?").to_string();
            let gold = v["gold_many_to_many"]
                .as_array()
                .expect("gold links")
                .iter()
                .map(|x| {
                    let i = x[0].as_u64().expect("index") as usize;
                    let j = x[1].as_u64().expect("index") as usize;
                    (i, j)
                })
                .collect();
            AesopPair {
                a: segmented(&strings(&v["sents1"]), &format!("{file}:1")),
                b: segmented(&strings(&v["sents2"]), &format!("{file}:2")),
                file,
                gold,
            }
        })
        .collect()
}

/// Micro-averaged link counts: true positives, proposed links, gold links.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub proposed: usize,
    pub gold: usize,
}

impl Counts {
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.proposed += o.proposed;
        self.gold += o.gold;
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.proposed)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(x: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        x as f64 / n as f64
    }
}

/// Score one alignment against gold links (the README's rule: every group gives each of its
/// A sentences × each of its B sentences as a link; a link given twice counts once).
pub fn score(al: &Alignment, gold: &[(usize, usize)]) -> Counts {
    let links = al.links();
    let mut g: Vec<(usize, usize)> = gold.to_vec();
    g.sort_unstable();
    g.dedup();
    Counts {
        tp: links.iter().filter(|l| g.binary_search(l).is_ok()).count(),
        proposed: links.len(),
        gold: g.len(),
    }
}

/// Align every pair with `opts`/`params` and sum the counts.
pub fn evaluate(pairs: &[AesopPair], opts: &AlignOptions, params: &Params) -> Counts {
    let mut c = Counts::default();
    for p in pairs {
        c.add(score(&align_with(&p.a, &p.b, opts, params), &p.gold));
    }
    c
}

/// The pair with a third of B's sentences moved: the last third goes to the front, as when an
/// outlet leads with what the other tells last. Gold links follow their sentences.
pub fn reordered(p: &AesopPair) -> AesopPair {
    let n = p.b.len();
    let k = n / 3;
    // new order: old indices n-k..n, then 0..n-k
    let order: Vec<usize> = (n - k..n).chain(0..n - k).collect();
    let mut new_of_old = vec![0; n];
    for (new, &old) in order.iter().enumerate() {
        new_of_old[old] = new;
    }
    let lines: Vec<String> = order.iter().map(|&j| p.b[j].text.clone()).collect();
    AesopPair {
        file: p.file.clone(),
        a: p.a.clone(),
        b: segmented(&lines, &format!("{}:2r", p.file)),
        gold: p.gold.iter().map(|&(i, j)| (i, new_of_old[j])).collect(),
    }
}

/// One BASIL event: the three outlets' article sentences (prose, as `compare` reads them).
#[derive(Debug, Clone)]
pub struct BasilEvent {
    pub name: String,
    /// (outlet, sentences) for fox, nyt, hpo, in that order.
    pub outlets: Vec<(String, Vec<Sentence>)>,
}

/// `basil-dev/events/*`.
pub fn basil(dir: &Path) -> Vec<BasilEvent> {
    let root = dir.join("basil-dev/events");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("basil events")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let outlets = ["fox", "nyt", "hpo"]
                .iter()
                .filter_map(|o| {
                    let path = root.join(&name).join(format!("{o}.txt"));
                    let bytes = std::fs::read(&path).ok()?;
                    let doc =
                        from_bytes(&bytes, &path.to_string_lossy(), &IngestOptions::default())
                            .ok()?;
                    Some((o.to_string(), segment(&doc)))
                })
                .collect();
            BasilEvent { name, outlets }
        })
        .collect()
}

/// Paired share over all outlet pairs of all events: (sentences in some pair, sentences).
pub fn basil_paired(events: &[BasilEvent], opts: &AlignOptions, params: &Params) -> (usize, usize) {
    let (mut paired, mut total) = (0, 0);
    for e in events {
        for x in 0..e.outlets.len() {
            for y in x + 1..e.outlets.len() {
                let (a, b) = (&e.outlets[x].1, &e.outlets[y].1);
                let al = align_with(a, b, opts, params);
                paired += a.len() - al.only_a.len() + b.len() - al.only_b.len();
                total += a.len() + b.len();
            }
        }
    }
    (paired, total)
}
