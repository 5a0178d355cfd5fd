//! Two texts (the input split at its first 0xFF byte, or in the middle) → ingest → segment →
//! `align::align` → `diff::differences`, checking the alignment's index invariants: every
//! sentence of each side appears exactly once across pairs and its only-list, pairs are
//! consecutive runs in A's reading order, and scores and coverage are in 0..=1.
#![no_main]

use framediff::align::{align, AlignOptions};
use framediff::diff::differences;
use framediff::ingest::{from_bytes, IngestOptions};
use framediff::segment::segment;
use libfuzzer_sys::fuzz_target;

fn check_side(n: usize, runs: Vec<&Vec<usize>>, only: &[usize]) {
    let mut seen = vec![0u8; n];
    for run in runs {
        for w in run.windows(2) {
            assert_eq!(w[0] + 1, w[1], "run not consecutive: {run:?}");
        }
        for &i in run {
            assert!(i < n, "index {i} out of range {n}");
            seen[i] += 1;
        }
    }
    for &i in only {
        assert!(i < n, "only index {i} out of range {n}");
        seen[i] += 1;
    }
    assert!(seen.iter().all(|&c| c == 1), "index used {seen:?}");
}

fuzz_target!(|data: &[u8]| {
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let (a, b) = (&data[..cut], &data[(cut + 1).min(data.len())..]);
    let opts = IngestOptions::default();
    let (Ok(da), Ok(db)) = (from_bytes(a, "a.txt", &opts), from_bytes(b, "b.txt", &opts)) else {
        return;
    };
    let (sa, sb) = (segment(&da), segment(&db));
    let threshold = f64::from(data.first().copied().unwrap_or(0) % 11) / 10.0;
    let al = align(&sa, &sb, &AlignOptions { threshold });
    check_side(sa.len(), al.pairs.iter().map(|p| &p.a).collect(), &al.only_a);
    check_side(sb.len(), al.pairs.iter().map(|p| &p.b).collect(), &al.only_b);
    for p in &al.pairs {
        assert!(!p.a.is_empty() && !p.b.is_empty(), "empty side in {p:?}");
        assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
    }
    for w in al.pairs.windows(2) {
        assert!(w[0].a[0] < w[1].a[0], "pairs not in A's reading order");
    }
    assert!((0.0..=1.0).contains(&al.coverage.a) && (0.0..=1.0).contains(&al.coverage.b));
    let _ = differences(&sa, &sb, &al);
});
