//! Ingest throughput: decoding, paragraph splitting and page-chrome detection on (a) many
//! scraped articles concatenated (lots of short paragraphs and chrome lines) and (b) one
//! very long line (the worst case for per-paragraph passes).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use framediff::ingest::{from_vec, IngestOptions};

fn corpus() -> String {
    let mut out = String::new();
    let files = [
        "fixtures/velayati-mekdad-2022/iran-front-page.txt",
        "fixtures/velayati-mekdad-2022/al-ahed.txt",
        "fixtures/velayati-mikdad-2017/sana.txt",
        "fixtures/khamenei-assad-2024/almasirah.txt",
        "fixtures/shamkhani-patrushev-2018/iran-project.txt",
    ];
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("fixture"))
        .collect();
    let mut i = 0;
    while out.len() < 4 << 20 {
        // Number each copy so paragraphs are not all repeats of each other.
        for para in texts[i % texts.len()].split("\n\n") {
            out.push_str(para);
            out.push_str(&format!(" ({i})\n\n"));
        }
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let opts = IngestOptions::default();
    let mut g = c.benchmark_group("ingest");
    let articles = corpus();
    g.throughput(Throughput::Bytes(articles.len() as u64));
    g.bench_function("articles_4MB", |b| {
        b.iter(|| from_vec(articles.clone().into_bytes(), "bench.txt", &opts).expect("ingest"))
    });
    let line =
        "The minister said the talks would continue next week, officials said. ".repeat(60_000);
    g.throughput(Throughput::Bytes(line.len() as u64));
    g.bench_function("single_line_4MB", |b| {
        b.iter(|| from_vec(line.clone().into_bytes(), "bench.txt", &opts).expect("ingest"))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
