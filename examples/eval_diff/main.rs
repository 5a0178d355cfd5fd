//! How well framediff's word diff agrees with a word-level reading.
//!
//! ```sh
//! cargo run --release --example eval_diff [-- --dump pairs.jsonl]
//! python3 scripts/eval-difflib.py pairs.jsonl     # difflib on the same pairs
//! ```
//!
//! 1. **Constructed gold** (see `gold.rs`): sentences of the seed fixtures and of
//!    `basil-dev` (found at `$FRAMEDIFF_DATA`, else `../shared/data` beside the package, else
//!    `/work/shared/data`; skipped when absent) get known word edits; the changed-token
//!    precision, recall and F1 of `diff::diff_texts` are printed overall and per kind of edit.
//!    `--dump` writes the pairs with their gold for the difflib script.
//! 2. **Real pairs**: on `basil-dev`, every aligned sentence pair of two outlets telling one
//!    event is diffed and the shape of the diff is summarised: the share of tokens marked
//!    changed, change blocks per pair, and *islands* (unchanged runs of only stop words and
//!    punctuation between two changes: the confetti a reader has to step over).

#[path = "gold.rs"]
mod gold;

use std::path::{Path, PathBuf};

use framediff::align::{align, AlignOptions};
use framediff::diff::{diff_texts, differences, DiffOp, Op};
use framediff::ingest::{read_document, IngestOptions};
use framediff::segment::{is_stop_word, segment};

fn sentences(path: &Path) -> Vec<String> {
    let Ok(doc) = read_document(
        path.to_str().expect("UTF-8 path"),
        &IngestOptions::default(),
    ) else {
        return Vec::new();
    };
    segment(&doc).into_iter().map(|s| s.text).collect()
}

fn data_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("FRAMEDIFF_DATA").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("basil-dev/events").is_dir())
}

/// The seed articles (the four event folders of `fixtures/`).
pub fn seed_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for event in sorted_dir(&root) {
        if !event.is_dir() || event.ends_with("hostile") || event.ends_with("html") {
            continue;
        }
        out.extend(
            sorted_dir(&event)
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    out
}

fn sorted_dir(p: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(p)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn basil_events(data: &Path) -> Vec<[PathBuf; 3]> {
    sorted_dir(&data.join("basil-dev/events"))
        .into_iter()
        .filter(|e| e.is_dir())
        .map(|e| ["fox.txt", "nyt.txt", "hpo.txt"].map(|f| e.join(f)))
        .collect()
}

fn vocabulary(sentences: &[String]) -> Vec<String> {
    let mut v: Vec<String> = sentences
        .iter()
        .flat_map(|s| s.split_whitespace())
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The word diff before compounds and the semantic cleanup (framediff 0.1 up to issue 13):
/// `similar`'s Unicode word tokens, changed runs coalesced over spaces. Kept here so every run
/// prints the before and after on the same gold.
fn baseline_diff(a: &str, b: &str) -> Vec<DiffOp> {
    let diff = similar::TextDiff::configure()
        .deadline(std::time::Instant::now() + framediff::diff::PAIR_DEADLINE)
        .diff_unicode_words(a, b);
    framediff::diff::coalesce(diff.iter_all_changes().map(|c| (c.tag(), c.value())))
}

fn report(name: &str, gold: &[gold::GoldPair]) {
    let (before, _) = gold::score(gold, baseline_diff);
    let (all, by_kind) = gold::score(gold, diff_texts);
    println!(
        "{name}: {} pairs  P {:.3}  R {:.3}  F1 {:.3}  (before issue 13: P {:.3}  R {:.3}  F1 {:.3})",
        gold.len(),
        all.precision(),
        all.recall(),
        all.f1(),
        before.precision(),
        before.recall(),
        before.f1()
    );
    for (k, c) in by_kind {
        if c.tp + c.fn_ > 0 {
            println!(
                "  {k:<13} P {:.3}  R {:.3}  F1 {:.3}",
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
}

/// An unchanged run with no content word (only stop words, punctuation, spaces).
fn is_island(o: &DiffOp) -> bool {
    o.op == Op::Equal
        && !o
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && !is_stop_word(&w.to_lowercase()))
}

/// Share of changed tokens, change blocks and stop-word islands of a set of diffs.
#[derive(Default)]
struct Shape {
    tokens: usize,
    changed: usize,
    pairs: usize,
    blocks: usize,
    islands: usize,
}

impl Shape {
    fn add(&mut self, a: &str, b: &str, ops: &[DiffOp]) {
        let (ca, cb) = gold::changed_by_ops(a, b, ops);
        self.tokens += ca.len() + cb.len();
        self.changed += ca.iter().chain(&cb).filter(|c| **c).count();
        self.pairs += 1;
        // a delete followed by an insert is one block
        self.blocks += ops
            .iter()
            .enumerate()
            .filter(|(k, o)| {
                o.op != Op::Equal && !(o.op == Op::Insert && *k > 0 && ops[k - 1].op == Op::Delete)
            })
            .count();
        self.islands += ops
            .windows(3)
            .filter(|w| w[0].op != Op::Equal && is_island(&w[1]) && w[2].op != Op::Equal)
            .count();
    }

    fn line(&self) -> String {
        let per = |n: usize| n as f64 / self.pairs.max(1) as f64;
        format!(
            "{:.1} % of tokens changed, {:.2} change blocks and {:.2} stop-word islands per pair",
            100.0 * self.changed as f64 / self.tokens.max(1) as f64,
            per(self.blocks),
            per(self.islands)
        )
    }
}

fn real_pairs(events: &[[PathBuf; 3]]) {
    let (mut now, mut before) = (Shape::default(), Shape::default());
    for files in events {
        let docs: Vec<Vec<framediff::segment::Sentence>> = files
            .iter()
            .map(|f| {
                read_document(f.to_str().unwrap(), &IngestOptions::default())
                    .map(|d| segment(&d))
                    .unwrap_or_default()
            })
            .collect();
        for (x, y) in [(0, 1), (0, 2), (1, 2)] {
            let al = align(&docs[x], &docs[y], &AlignOptions::default());
            let d = differences(&docs[x], &docs[y], &al);
            for pd in &d.diffs {
                let pair = &al.pairs[pd.pair];
                let a = framediff::diff::joined(&docs[x], &pair.a);
                let b = framediff::diff::joined(&docs[y], &pair.b);
                now.add(&a, &b, &pd.ops);
                before.add(&a, &b, &baseline_diff(&a, &b));
            }
        }
    }
    println!(
        "basil-dev real pairs: {} aligned pairs\n  now:    {}\n  before: {}",
        now.pairs,
        now.line(),
        before.line()
    );
}

/// Print the first `n` pairs where the diff disagrees with the gold (`--misses N`).
fn show_misses(gold: &[gold::GoldPair], n: usize) {
    let mut shown = 0;
    for g in gold {
        let ops = diff_texts(&g.a, &g.b);
        let (ca, cb) = gold::changed_by_ops(&g.a, &g.b, &ops);
        if ca == g.gold_a && cb == g.gold_b || shown >= n {
            continue;
        }
        shown += 1;
        let marked = |text: &str, gold: &[bool]| -> String {
            text.split_whitespace()
                .zip(gold)
                .map(|(w, g)| if *g { format!("<{w}>") } else { w.to_string() })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let rendered: String = ops
            .iter()
            .map(|o| match o.op {
                Op::Equal => o.text.clone(),
                Op::Delete => format!("[-{}-]", o.text),
                Op::Insert => format!("{{+{}+}}", o.text),
            })
            .collect();
        println!(
            "{:?}\n  gold A: {}\n  gold B: {}\n  diff:   {rendered}",
            g.kinds,
            marked(&g.a, &g.gold_a),
            marked(&g.b, &g.gold_b)
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let seeds: Vec<String> = seed_files().iter().flat_map(|f| sentences(f)).collect();
    let data = data_dir();
    let events = data.as_deref().map(basil_events).unwrap_or_default();
    let basil: Vec<String> = events.iter().flatten().flat_map(|f| sentences(f)).collect();
    let vocab = vocabulary(&seeds.iter().chain(&basil).cloned().collect::<Vec<_>>());
    let seed_gold = gold::build(&seeds, &vocab, 1);
    let basil_gold = gold::build(&basil, &vocab, 2);
    if let Some(n) = args
        .iter()
        .position(|a| a == "--misses")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
    {
        show_misses(&seed_gold, n);
    }
    report("seeds", &seed_gold);
    if basil_gold.is_empty() {
        println!("basil-dev: not found (set FRAMEDIFF_DATA)");
    } else {
        report("basil-dev", &basil_gold);
        let both: Vec<gold::GoldPair> = seed_gold.iter().chain(&basil_gold).cloned().collect();
        report("all", &both);
        real_pairs(&events);
    }
    if let Some(path) = dump {
        let mut out = String::new();
        for (set, g) in seed_gold
            .iter()
            .map(|g| ("seeds", g))
            .chain(basil_gold.iter().map(|g| ("basil-dev", g)))
        {
            let mut v = serde_json::to_value(g).expect("serialisable");
            v["set"] = set.into();
            out.push_str(&v.to_string());
            out.push('\n');
        }
        std::fs::write(path, out).expect("write the dump");
        eprintln!("wrote {path}");
    }
}
