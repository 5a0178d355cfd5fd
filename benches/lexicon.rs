//! Lexicon matching throughput: a generated 10,000-term lexicon scanned over ~20 MB of generated
//! English news-like text (deterministic), normalisation and boundary checks included.
//!
//! Run with `cargo bench --bench lexicon`; criterion prints MB/s (Throughput::Bytes).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framediff::lexicon::{Category, Lexicon, Role, Term};
use framediff::lexicon::{Matcher, Scratch};

/// Small deterministic generator (xorshift64*), so every run scans the same text.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// Roughly Zipfian index into a list of `n` items.
    fn zipf(&mut self, n: usize) -> usize {
        let r = self.below(n) + 1;
        (n / r).saturating_sub(1).min(n - 1)
    }
}

/// The first entries of [`COMMON`] are function words.
const FUNCTION_WORDS: usize = 32;

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "said",
    "that",
    "for",
    "on",
    "is",
    "with",
    "was",
    "by",
    "as",
    "it",
    "from",
    "at",
    "his",
    "has",
    "have",
    "be",
    "are",
    "an",
    "not",
    "this",
    "which",
    "will",
    "its",
    "their",
    "he",
    "they",
    "government",
    "minister",
    "president",
    "foreign",
    "region",
    "forces",
    "security",
    "meeting",
    "officials",
    "country",
    "countries",
    "support",
    "military",
    "talks",
    "regime",
    "resistance",
    "front",
    "cooperation",
    "attack",
    "war",
    "agreement",
    "state",
    "people",
    "international",
    "national",
    "political",
    "leader",
    "sanctions",
    "ties",
    "against",
    "after",
    "also",
    "would",
    "could",
    "over",
    "more",
    "about",
];

fn word(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ka", "ri", "mo", "tan", "sel", "vo", "ber", "lin", "qu", "ash", "dor", "ne", "ul", "zim",
        "pe", "gra", "hos", "mi", "ter", "ra",
    ];
    let n = 2 + rng.below(3);
    (0..n).map(|_| SYL[rng.below(SYL.len())]).collect()
}

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    let mut v: Vec<String> = COMMON.iter().map(|s| s.to_string()).collect();
    while v.len() < 4000 {
        v.push(word(rng));
    }
    v
}

fn lexicon(rng: &mut Rng, vocab: &[String], n: usize) -> Lexicon {
    let mut cats: Vec<Category> = (0..20)
        .map(|i| Category {
            id: format!("c{i}"),
            description: String::new(),
            role: Role::default(),
            terms: Vec::new(),
        })
        .collect();
    for i in 0..n {
        let words = 1 + rng.below(3);
        // terms are made of content words (news vocabulary and rarer words), never of the
        // function words ("the", "of", "he", …) that no framing lexicon lists
        let t: Vec<&str> = (0..words)
            .map(|_| vocab[FUNCTION_WORDS + rng.below(vocab.len() - FUNCTION_WORDS)].as_str())
            .collect();
        let mut term = Term::new(t.join(" "));
        if i % 10 == 0 {
            term.variants.push(format!("{}-x", t.join("-")));
        }
        cats[i % 20].terms.push(term);
    }
    Lexicon {
        name: "bench".into(),
        description: String::new(),
        version: "1".into(),
        categories: cats,
    }
}

fn text(rng: &mut Rng, vocab: &[String], bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 200);
    while s.len() < bytes {
        let n = 8 + rng.below(25);
        for k in 0..n {
            let w = &vocab[rng.zipf(vocab.len())];
            if k == 0 || rng.below(12) == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    s.extend(f.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else if rng.below(60) == 0 {
                s.push('“');
                s.push_str(w);
                s.push('”');
            } else if rng.below(80) == 0 {
                s.push_str(w);
                s.push_str("’s");
            } else {
                s.push_str(w);
            }
            s.push(if rng.below(15) == 0 { ',' } else { ' ' });
            if s.ends_with(',') {
                s.push(' ');
            }
        }
        s.pop();
        s.push_str(if rng.below(6) == 0 { ".\n\n" } else { ". " });
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab = vocabulary(&mut rng);
    let lex = lexicon(&mut rng, &vocab, 10_000);
    let text = text(&mut rng, &vocab, 20 << 20);
    let m = Matcher::new(vec![lex]).expect("bench lexicon compiles");
    let mut scratch = Scratch::default();
    let mut hits = 0usize;
    m.scan(&text, &mut scratch, |_| hits += 1);
    eprintln!(
        "lexicon bench: {} terms, {} bytes, {hits} hits",
        m.entries().len(),
        text.len()
    );
    // This machine is shared: wall-clock figures below include time spent waiting for a core.
    // On-CPU time of this thread (Linux schedstat, nanoseconds) gives the single-core figure.
    // Each round is timed on its own: the median is the figure to quote, the best round shows
    // what the scan does when no other process disturbs the caches.
    // `ROUNDS=1 REAL_ROUNDS=0` keeps runs under valgrind (cachegrind) short.
    let n_rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    eprintln!(
        "lexicon bench: scan on-CPU throughput {}",
        on_cpu(&m, &text, &mut scratch, n_rounds)
    );
    // The same on real news text: the seed articles repeated to 20 MB, scanned with the
    // shipped lexicons (fewer terms, but real punctuation, quotes and line breaks).
    let real_rounds: usize = std::env::var("REAL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let real = seed_text(20 << 20);
    let shipped =
        Matcher::new(framediff::lexicon::builtin::lexicons().expect("built-in lexicons load"))
            .expect("built-in lexicons compile");
    if !real.is_empty() && real_rounds > 0 {
        eprintln!(
            "lexicon bench: seed articles with the shipped lexicons, on-CPU {}",
            on_cpu(&shipped, &real, &mut scratch, real_rounds)
        );
    }
    let mut g = c.benchmark_group("lexicon");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.bench_function("scan_10k_terms_20MB", |b| {
        b.iter(|| {
            let mut n = 0usize;
            m.scan(black_box(&text), &mut scratch, |_| n += 1);
            n
        })
    });
    let mut norm = framediff::lexicon::Normalized::default();
    g.bench_function("normalise_only_20MB", |b| {
        b.iter(|| {
            framediff::lexicon::normalize_into(black_box(&text), &mut norm);
            norm.bytes.len()
        })
    });
    // Reference point for this machine: the simplest possible copying pass over the same text.
    g.bench_function("baseline_ascii_lowercase_copy_20MB", |b| {
        b.iter(|| black_box(&text).to_ascii_lowercase().len())
    });
    g.finish();
}

/// Median and best on-CPU throughput of `rounds` scans of `text`.
fn on_cpu(m: &Matcher, text: &str, scratch: &mut Scratch, rounds: usize) -> String {
    let mut ns: Vec<u64> = Vec::new();
    for _ in 0..rounds {
        let Some(t0) = cpu_ns() else { break };
        m.scan(black_box(text), scratch, |_| {});
        if let Some(t1) = cpu_ns() {
            ns.push(t1.saturating_sub(t0).max(1));
        }
    }
    if ns.is_empty() {
        return "not measured".into();
    }
    ns.sort_unstable();
    let mbs = |t: u64| text.len() as f64 / 1e6 / (t as f64 / 1e9);
    format!(
        "median {:.0} MB/s, best {:.0} MB/s ({} rounds)",
        mbs(ns[ns.len() / 2]),
        mbs(ns[0]),
        ns.len()
    )
}

/// The text of the fixtures' seed articles, repeated to about `bytes` bytes.
fn seed_text(bytes: usize) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut articles = Vec::new();
    for sub in [
        "velayati-mekdad-2022",
        "velayati-mikdad-2017",
        "khamenei-assad-2024",
        "shamkhani-patrushev-2018",
    ] {
        if let Ok(entries) = std::fs::read_dir(dir.join(sub)) {
            let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    articles.push(t);
                }
            }
        }
    }
    let one = articles.join("\n\n");
    if one.is_empty() {
        return one;
    }
    let mut s = String::with_capacity(bytes + one.len());
    while s.len() < bytes {
        s.push_str(&one);
        s.push_str("\n\n");
    }
    s
}

/// Nanoseconds this thread has spent on a CPU (`/proc/thread-self/schedstat`), if available.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

criterion_group!(benches, bench);
criterion_main!(benches);
