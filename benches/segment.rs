//! Throughput of the sentence splitter on 50 MB of generated English news-like prose.
//!
//! The text is generated deterministically (a fixed-seed LCG over a small vocabulary) with the
//! features that make splitting slow or hard: abbreviations and titles, dotted acronyms,
//! initials, decimals and money, curly and straight quotes with attribution, parentheses,
//! ellipses, headlines and paragraphs.

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framediff::ingest::{Document, Mode, Span};
use framediff::segment::{segment, segment_text};

const SIZE: usize = 50 * 1024 * 1024;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const SUBJECTS: &[&str] = &[
    "The minister",
    "Mr. Smith",
    "Gen. Mark Milley",
    "Dr. Ali Reza",
    "Sen. Jane Doe",
    "The U.S. Army",
    "Officials in the U.K.",
    "Apple Inc.",
    "J. R. Hartley",
    "The U.N. envoy",
    "Iran’s foreign ministry",
    "Protesters",
    "Prof. Lee",
    "Rep. Gomez",
    "The E.U. Commission",
];
const VERBS: &[&str] = &[
    "said",
    "warned",
    "announced",
    "denied",
    "confirmed",
    "claimed",
    "argued",
    "reported",
    "insisted",
    "suggested",
];
const OBJECTS: &[&str] = &[
    "that talks would resume on Jan. 5",
    "a ceasefire in the region",
    "new sanctions worth $2.5bn",
    "that inflation hit 3.5% in Sept.",
    "the deal (signed at 6 p.m. local time)",
    "the attack on No. 10 Downing St.",
    "a rise of 1,000.50 points",
    "the report, i.e. the second draft",
    "that the strikes were “the heaviest so far.”",
    "casualties . . . and damage",
    "the U.S. position",
    "an agreement with Pitt, Briggs & Co.",
];

fn sentence(r: &mut Lcg, out: &mut String) {
    match r.next() % 6 {
        0 => {
            out.push('“');
            out.push_str("We will not accept ");
            out.push_str(r.pick(OBJECTS));
            out.push_str(",” ");
            out.push_str(r.pick(SUBJECTS));
            out.push_str(" said.");
        }
        1 => {
            out.push_str(r.pick(SUBJECTS));
            out.push_str(" asked: \"Why now?\" Nobody answered...");
        }
        _ => {
            out.push_str(r.pick(SUBJECTS));
            out.push(' ');
            out.push_str(r.pick(VERBS));
            out.push(' ');
            out.push_str(r.pick(OBJECTS));
            out.push(if r.next() % 10 == 0 { '!' } else { '.' });
        }
    }
}

fn generate() -> (String, Vec<Span>) {
    let mut r = Lcg(42);
    let mut text = String::with_capacity(SIZE + 4096);
    let mut paragraphs = Vec::new();
    while text.len() < SIZE {
        let start = text.len();
        if r.next() % 20 == 0 {
            text.push_str("Iran Rejects Talks Offer After Strikes\n");
        }
        for k in 0..(2 + r.next() % 5) {
            if k > 0 {
                text.push(if r.next() % 15 == 0 { '\n' } else { ' ' });
            }
            sentence(&mut r, &mut text);
        }
        paragraphs.push(Span {
            start,
            end: text.len(),
        });
        text.push_str("\n\n");
    }
    (text, paragraphs)
}

/// CPU time consumed by the current thread, from `/proc/thread-self/schedstat` (Linux, ns).
/// The machine the benches run on is shared, so wall-clock time overstates the cost; CPU time
/// measures "MB/s on one core". `None` where the file is unavailable.
fn thread_cpu_time() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Time `iters` runs of `f` in thread CPU time (wall time if CPU time is unavailable).
fn cpu_timed(iters: u64, mut f: impl FnMut() -> usize) -> Duration {
    let wall = Instant::now();
    let cpu = thread_cpu_time();
    for _ in 0..iters {
        std::hint::black_box(f());
    }
    match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    }
}

fn bench(c: &mut Criterion) {
    let (text, paragraphs) = generate();
    let doc = Document {
        path: "bench".into(),
        label: "bench".into(),
        title: None,
        date: None,
        text,
        paragraphs,
        dropped: Vec::new(),
        warnings: Vec::new(),
        mode: Mode::Prose,
    };
    let mut g = c.benchmark_group("segment");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(doc.text.len() as u64));
    g.bench_function("segment_50MB_news", |b| b.iter(|| segment(&doc).len()));
    g.bench_function("segment_text_50MB_news", |b| {
        b.iter(|| segment_text(&doc.text).len())
    });
    g.bench_function("segment_50MB_news_cpu_time", |b| {
        b.iter_custom(|iters| cpu_timed(iters, || segment(&doc).len()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
