//! Aligner cost on generated report pairs of 50, 500 and 5,000 sentences.
//!
//! B is made from A the way a second outlet retells a report: paragraphs reordered, about a
//! third of the words in each sentence replaced, some sentences dropped and new ones added. The
//! vocabulary is Zipf-distributed, so a few words ("said", names of the actors) are in most
//! sentences, as in real news, and exercise the postings cap.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use framediff::align::{align, AlignOptions};
use framediff::segment::Sentence;

/// Small deterministic generator (xorshift64*), so runs are comparable.
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
    /// Roughly Zipf: index i with probability ∝ 1/(i+1).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        (((n as f64 + 1.0).powf(u)) as usize)
            .saturating_sub(1)
            .min(n - 1)
    }
}

fn vocabulary(n: usize, rng: &mut Rng) -> Vec<String> {
    const SYL: [&str; 16] = [
        "ka", "ro", "mi", "tan", "el", "su", "dor", "ve", "lin", "qua", "bre", "zo", "ham", "ti",
        "nes", "ur",
    ];
    (0..n)
        .map(|i| {
            let len = 2 + rng.below(3);
            let w: String = (0..len).map(|_| SYL[rng.below(SYL.len())]).collect();
            if i % 7 == 0 {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or(w)
            } else {
                w
            }
        })
        .collect()
}

fn sentence(text: String, pos: &mut usize) -> Sentence {
    let s = Sentence {
        start: *pos,
        end: *pos + text.len(),
        text,
        paragraph: 0,
        quoted: Vec::new(),
    };
    *pos = s.end + 1;
    s
}

fn pair(n: usize, seed: u64) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut rng = Rng(seed);
    let vocab = vocabulary(5_000, &mut rng);
    let make = |rng: &mut Rng| -> Vec<usize> {
        let len = 12 + rng.below(20);
        (0..len).map(|_| rng.zipf(vocab.len())).collect()
    };
    let a_words: Vec<Vec<usize>> = (0..n).map(|_| make(&mut rng)).collect();
    // B: reorder blocks of five sentences, drop 15 %, replace a third of the words, add 15 %.
    let mut blocks: Vec<&[Vec<usize>]> = a_words.chunks(5).collect();
    for i in (1..blocks.len()).rev() {
        let j = rng.below(i + 1);
        blocks.swap(i, j);
    }
    let mut b_words = Vec::new();
    for block in blocks {
        for s in block {
            if rng.below(100) < 15 {
                continue;
            }
            let s: Vec<usize> = s
                .iter()
                .map(|&w| {
                    if rng.below(3) == 0 {
                        rng.zipf(vocab.len())
                    } else {
                        w
                    }
                })
                .collect();
            b_words.push(s);
            if rng.below(100) < 15 {
                b_words.push(make(&mut rng));
            }
        }
    }
    let render = |ws: &[Vec<usize>]| {
        let mut pos = 0;
        ws.iter()
            .map(|s| {
                let t: Vec<&str> = s.iter().map(|&w| vocab[w].as_str()).collect();
                sentence(format!("{}.", t.join(" ")), &mut pos)
            })
            .collect::<Vec<_>>()
    };
    (render(&a_words), render(&b_words))
}

fn bench_align(c: &mut Criterion) {
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    for n in [50, 500, 5_000] {
        let (a, b) = pair(n, 0x5eed + n as u64);
        let bytes: usize = a.iter().chain(&b).map(|s| s.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &(a, b), |bench, (a, b)| {
            bench.iter(|| align(black_box(a), black_box(b), &AlignOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
